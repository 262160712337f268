"""A long document assembled from parts printed apart: the parts' pages after those of its front part, with the
running header (the symbol, the page number at the outer edge) and the draft mark stamped on them once in place.

The front part prints as any document does, from page 1, with its own running headers. Every other part is a PDF
printed without the running elements (no header, no draft mark, nothing of page 1; un.css), so that it does not
depend on where it falls in the document nor on the day it printed: kept, it serves again while its content is
unchanged.

What is stamped is cut out of a "stamp kit" that WeasyPrint prints for the document with the document's own
stylesheet: on each side (right-hand and left-hand pages) the symbol alone, each digit alone, at the outer edge,
and the draft mark. Each stamp is that kit page laid over the part's page as a form, moved sideways to where the
laid-out header would put it: Liberation Serif's figures are all half an em wide, and the number stands 1.5 em
from the symbol (un.css, .running-header). The kit takes a fraction of a second; the assembly, a few milliseconds a
page (pikepdf, on qpdf, which the portal already uses for uploads: pypdf, pure Python, is many times slower on a
note of a thousand pages).
"""

import io

import pikepdf
from django.template.loader import render_to_string

from .documents import PRINT_STATIC_URL, html_to_pdf

# The running header's size (un.css: .running-header) and its measures in it.
HEADER_POINTS = 9
FIGURE_WIDTH = HEADER_POINTS * 0.5
NUMBER_GAP = HEADER_POINTS * 1.5
SYMBOL = "symbol"
DRAFT = "draft"
DIGITS = "0123456789"


def stamp_kit_pdf(*, reference, language, direction, printed_on=None):
    """The stamp kit of a document (see the module's docstring): its first page blank, then for each item of
    `kit_items` a left-hand page and a right-hand page (in that order from page 2), then, for a draft (printed on
    `printed_on`), the draft mark. The caller activates the document's language."""
    html = render_to_string(
        "meetings/pdf/stamp_kit.html",
        {
            "print_static_url": PRINT_STATIC_URL,
            "language": language,
            "direction": direction,
            "reference": reference,
            "items": kit_items(reference),
            "draft": printed_on is not None,
            "printed_on": printed_on,
        },
    )
    return html_to_pdf(html)


def kit_items(reference):
    return [{"symbol": reference, "digit": ""}, *({"symbol": "", "digit": digit} for digit in DIGITS)]


class StampKit:
    """The stamps of one document, as forms of the PDF being assembled."""

    def __init__(self, pdf, kit_bytes, *, direction, draft):
        kit = pikepdf.open(io.BytesIO(kit_bytes))
        names = [SYMBOL, *DIGITS]
        self.forms = {}
        # Kit page 2 is a left-hand page, except in a document written from right to left, whose page 1 is a
        # left-hand page (un.css, @page rtl).
        first_hand, second_hand = ("left", "right") if direction != "rtl" else ("right", "left")
        for index, name in enumerate(names):
            for offset, hand in enumerate((first_hand, second_hand)):
                page = kit.pages[1 + 2 * index + offset]
                self.forms[name, hand] = pdf.copy_foreign(page.as_form_xobject())
        if draft:
            self.forms[DRAFT] = pdf.copy_foreign(kit.pages[1 + 2 * len(names)].as_form_xobject())
        self.pdf = pdf
        self.rtl = direction == "rtl"
        self.draft = draft

    def hand(self, number):
        """Which side page `number` is: page 1 is a right-hand page, or a left-hand one right to left."""
        odd = number % 2 == 1
        return "right" if odd != self.rtl else "left"

    def stamp(self, page, number):
        """Stamp page `number` (from 1) with its running header, and the draft mark if the document is a draft."""
        hand = self.hand(number)
        figures = str(number)
        width = FIGURE_WIDTH * len(figures)
        # Right-hand pages: the number ends at the right edge, the symbol before it; left-hand pages: the mirror.
        sign = -1 if hand == "right" else 1
        placements = [(self.forms[SYMBOL, hand], sign * (width + NUMBER_GAP))]
        for position, figure in enumerate(figures):
            from_edge = len(figures) - 1 - position if hand == "right" else position
            placements.append((self.forms[figure, hand], sign * FIGURE_WIDTH * from_edge))
        if self.draft:
            placements.append((self.forms[DRAFT], 0))
        operations = []
        for index, (form, shift) in enumerate(placements):
            # Named for the page: the pages of a part may share one dictionary of resources.
            name = page.add_resource(form, pikepdf.Name.XObject, pikepdf.Name(f"/HonlacStamp{number}x{index}"))
            operations.append(f"q 1 0 0 1 {shift:.3f} 0 cm {name} Do Q")
        # The page's own drawing in a saved state of its own, so that the stamps are drawn in the page's space.
        page.contents_add(pikepdf.Stream(self.pdf, b"q\n"), prepend=True)
        page.contents_add(pikepdf.Stream(self.pdf, ("Q\n" + "\n".join(operations) + "\n").encode()))


def assemble(front, parts, *, reference, language, direction, printed_on=None):
    """The PDF of `front` (bytes) followed by every part of `parts` (bytes each), pages numbered on from the
    front's, each part's pages stamped with the running header and, for a draft (printed on `printed_on`), the
    draft mark. The parts' bookmarks follow the front's last one, at its level; their tags (PDF/UA) join the
    front's structure tree. The caller activates the document's language."""
    pdf = pikepdf.open(io.BytesIO(front))
    front_pages = len(pdf.pages)
    structure = _Structure(pdf)
    bookmarks = []
    for part in parts:
        source = pikepdf.open(io.BytesIO(part))
        first = len(pdf.pages)
        pdf.pages.extend(source.pages)
        structure.add(source, pdf.pages[first:])
        bookmarks.extend(_bookmarks(source, first))
    _add_bookmarks(pdf, bookmarks)
    if len(pdf.pages) > front_pages:
        kit = StampKit(
            pdf,
            stamp_kit_pdf(reference=reference, language=language, direction=direction, printed_on=printed_on),
            direction=direction,
            draft=printed_on is not None,
        )
        for number in range(front_pages + 1, len(pdf.pages) + 1):
            kit.stamp(pdf.pages[number - 1], number)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


class _Structure:
    """The front's structure tree (its tags, for screen readers), to which each part's is added: the part's
    elements become children of the front's document element, its pages' entries of the parent tree are numbered
    on from the front's."""

    def __init__(self, pdf):
        self.pdf = pdf
        root = pdf.Root.get("/StructTreeRoot")
        self.document = None
        if root is not None and isinstance(root.get("/K"), pikepdf.Array) and "/Nums" in root.ParentTree:
            self.document = root.K[0]
            self.nums = root.ParentTree.Nums
            self.next_key = max((int(key) for key in self.nums[::2]), default=-1) + 1
            self.root = root

    def add(self, source, pages):
        source_root = source.Root.get("/StructTreeRoot")
        if self.document is None or source_root is None or "/Nums" not in source_root.ParentTree:
            # Untagged: its pages keep no key that would point into the front's tree.
            for page in pages:
                if "/StructParents" in page.obj:
                    del page.obj["/StructParents"]
            return
        offset = self.next_key
        for page in pages:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + offset
        source_nums = source_root.ParentTree.Nums
        for index in range(0, len(source_nums), 2):
            self.nums.append(int(source_nums[index]) + offset)
            self.nums.append(self._copy(source, source_nums[index + 1]))
            self.next_key = max(self.next_key, int(source_nums[index]) + offset + 1)
        # The part's pages were copied first: the copies of its elements point to the pages in place.
        for element in source_root.K:
            for child in self._copy(source, element).get("/K", []):
                if isinstance(child, pikepdf.Dictionary):
                    child.P = self.document
                self.document.K.append(child)

    def _copy(self, source, value):
        """`value`, an object of `source`, copied into the document (pikepdf copies only indirect objects)."""
        return self.pdf.copy_foreign(value if value.is_indirect else source.make_indirect(value))


def _bookmarks(source, first_page):
    """The top-level bookmarks of the part `source`, as (title, page index in the document, children)."""
    items = []
    with source.open_outline() as outline:
        for item in outline.root:
            items.append(_bookmark(source, item, first_page))
    return items


def _bookmark(source, item, first_page):
    destination = item.destination
    page = source.pages.index(pikepdf.Page(destination[0])) if isinstance(destination, pikepdf.Array) else 0
    return item.title, first_page + page, [_bookmark(source, child, first_page) for child in item.children]


def _add_bookmarks(pdf, bookmarks):
    if not bookmarks:
        return
    with pdf.open_outline() as outline:
        level = outline.root
        while level and level[-1].children:
            level = level[-1].children
        level.extend(_outline_item(bookmark) for bookmark in bookmarks)


def _outline_item(bookmark):
    title, page, children = bookmark
    item = pikepdf.OutlineItem(title, page)
    item.children.extend(_outline_item(child) for child in children)
    return item
