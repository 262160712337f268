"""What test modules share besides factories and fixtures: constants used in parametrize, and readers of answers.

Test modules import from here (and from tests/factories.py), never from one another.
"""

import io
import re

from pypdf import PdfReader

# The roles of every permission matrix, in the order of its rows of expected answers; tests/conftest.py gives the
# user of each (`users`) and a client signed in as one (`client_as`).
ROLES = ["anonymous", "own_state", "other_state", "non_participant", "secretariat", "admin"]
# Contributors of the own State and of another (tests/conftest.py `users`): they reach only the blocks given to
# them, their home and their account's pages (tests/questionnaires/test_contributor_permissions.py).
CONTRIBUTOR_ROLES = ["own_contributor", "other_contributor"]
LOGIN = "login"  # the expected answer "a redirect to the login page"
PUBLIC = (200,) * 6
SECRETARIAT_ONLY = (LOGIN, 403, 403, 403, 200, 200)


def pdf_of_objects(*objects):
    """A PDF made of `objects` (bytes, the first the catalog), with the cross-reference table that a PDF library
    needs to read it (uploads are opened to look for JavaScript and embedded files)."""
    body, offsets = b"%PDF-1.4\n", []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, content)
    table = b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return (
        body
        + b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        + table
        + b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, len(body))
    )


# A one-page blank PDF: the smallest clean upload.
MINIMAL_PDF = pdf_of_objects(
    b"<</Type/Catalog/Pages 2 0 R>>",
    b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
    b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>",
)


def current_code(device, ahead=0):
    """The code an authenticator app shows now (`ahead=1`: the next one, since django-otp refuses a code used
    already)."""
    from django_otp.oath import totp

    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift + ahead):0{device.digits}d}"


def confirm_identity(client):
    """The signed-in person of `client` confirmed it's them just now, as the page /accounts/confirm/ records it."""
    from django.utils import timezone

    from accounts.reauth import REAUTH_KEY

    session = client.session
    session[REAUTH_KEY] = timezone.now().timestamp()
    session.save()


def expect(row, role):
    """The answer that `row` (one per role, in the order of ROLES) expects for `role`."""
    return dict(zip(ROLES, row, strict=True))[role]


def assert_answer(response, wanted):
    """`wanted` is a status code, LOGIN, or 302 for a redirect elsewhere than the login page."""
    if wanted == LOGIN:
        assert response.status_code == 302
        assert "login/?next=" in response["Location"]
    elif wanted == 302:
        assert response.status_code == 302
        assert "login/?next=" not in response["Location"]
    else:
        assert response.status_code == wanted


def pdf_text(data):
    """The PDF's reader and its text, with runs of white space as one space and hyphenated words whole."""
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() for page in reader.pages)
    # A word hyphenated at the end of a line (U+2010, the hyphenation character) reads back whole.
    return reader, re.sub(r"\s+", " ", re.sub("\u2010\\s*", "", text))


def page_lines(page):
    """The lines of a pypdf page from top to bottom, each a list of (x, text) from left to right.

    pypdf reads a page in the order WeasyPrint wrote it (the margins last); the positions tell what stands where.
    """
    pieces = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            pieces.append((y, x, text.strip()))

    page.extract_text(visitor_text=visit)
    lines = []
    for y, x, text in sorted(pieces, key=lambda piece: (-piece[0], piece[1])):
        if lines and abs(lines[-1][0] - y) < 2:
            lines[-1][1].append((x, text))
        else:
            lines.append((y, [(x, text)]))
    return [sorted(line) for _y, line in lines]


def line_text(line):
    return " ".join(text for _x, text in line)


SVG = "{http://www.w3.org/2000/svg}"


def parse_svg(markup):
    """A chart the portal drew (questionnaires.charts), parsed: its own markup, not a document from outside."""
    import xml.etree.ElementTree as ET

    return ET.fromstring(markup)  # noqa: S314


def chart_segments(svg):
    """(status, title, percentage written on it or None) of each segment of a parsed chart, bar after bar."""
    return [
        (
            element.get("data-status"),
            element.find(f"{SVG}title").text,
            element.find(f"{SVG}text").text if element.find(f"{SVG}text") is not None else None,
        )
        for element in svg.iter(f"{SVG}svg")
        if element.get("class") == "chart-segment"
    ]
