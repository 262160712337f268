"""The transmittal note assembled from parts kept printed (questionnaires.transmittal_parts, meetings.assembly)."""

import io
import subprocess
import tempfile
from xml.etree import ElementTree

import pikepdf
import pytest

from honlac.printing import render_document
from meetings.documents import printing_final
from questionnaires import responses, transmittal
from questionnaires.documents import render_transmittal_note_whole
from questionnaires.models import PrintedPart
from questionnaires.transmittal_parts import print_transmittal_part
from tests.factories import answered, open_questionnaire

# Long enough for some parts to take two pages or more, so that parts start on left-hand and right-hand pages.
LONG = "\n".join(
    f"Paragraph {number} of the measures taken, " + "with the details of each measure. " * 12 for number in range(6)
)
STATES = ("ECU", "MEX", "COL", "PER", "ARG")
TOP_MARGIN = 62.3  # 2.2 cm (un.css): what stands above is the running header
XHTML = "{http://www.w3.org/1999/xhtml}"


def pages_of(data):
    """Each page of the PDF `data` as (its running header: (x, word) from left to right; the words of the rest,
    in reading order, each as (x, y, word)), to a tenth of a point, as poppler reads them: the drawn page, stamps
    included."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(data)
        pdf.flush()
        # poppler's pdftotext (.ci/run installs poppler-utils): pypdf reads a form's text without its placement.
        command = ["pdftotext", "-bbox", pdf.name, "-"]
        layout = subprocess.run(command, capture_output=True, check=True, text=True).stdout  # noqa: S603
    pages = []
    for page in ElementTree.fromstring(layout).iter(f"{XHTML}page"):  # noqa: S314 - poppler reading our own PDF
        header, body = [], []
        for word in page.iter(f"{XHTML}word"):
            if float(word.get("yMax")) < TOP_MARGIN:
                header.append((round(float(word.get("xMin")), 1), word.text))
            else:
                body.append((round(float(word.get("xMin")), 1), round(float(word.get("yMin")), 1), word.text))
        pages.append((sorted(header), body))
    return pages


@pytest.fixture
def note(db):
    questionnaire = open_questionnaire(states=STATES, recommendations=4)
    for index, code in enumerate(STATES):
        answered(questionnaire, code, post=True, text=LONG if index % 2 == 0 else "A national early warning system.")
    return questionnaire, transmittal.generate_transmittal_note(questionnaire, by=None)


@pytest.mark.parametrize(("language", "final"), [("en", False), ("en", True), ("es", False), ("ar", False)])
def test_a_note_assembled_from_parts_reads_as_the_note_printed_in_one_piece(note, language, final):
    _questionnaire, document = note
    with printing_final(final):
        whole = pages_of(render_transmittal_note_whole(document, language=language))
        assembled = pages_of(render_document(document, language=language, final=final))

    assert len(assembled) == len(whole) > len(STATES) + 1
    for number, ((header, body), (whole_header, whole_body)) in enumerate(zip(assembled, whole, strict=True), 1):
        assert body == whole_body, number
        # The symbol and the page number, where the one piece has them, to a tenth of a point.
        assert header == whole_header, number
    # The number at the outer edge: on the left of page 2, a left-hand page, and on the right of page 3; right to
    # left, page 1 is a left-hand page (un.css), so the sides swap.
    outer = [["2", "UNODC/HONLAC/32/2"], ["UNODC/HONLAC/32/2", "3"]]
    if language == "ar":
        outer = [["UNODC/HONLAC/32/2", "2"], ["3", "UNODC/HONLAC/32/2"]]
    assert [[word for _x, word in header] for header, _body in assembled[1:3]] == outer


def bookmarks(data):
    """The PDF's bookmarks, as (depth, title, page index)."""
    pdf = pikepdf.open(io.BytesIO(data))
    found = []

    def walk(items, depth):
        for item in items:
            found.append((depth, item.title, pdf.pages.index(pikepdf.Page(item.destination[0]))))
            walk(item.children, depth + 1)

    with pdf.open_outline() as outline:
        walk(outline.root, 0)
    return found


def tagged_pages(data):
    """The pages (indexes) that the PDF's structure tree reaches, and whether each page's key is in its parent tree."""
    pdf = pikepdf.open(io.BytesIO(data))
    root = pdf.Root.StructTreeRoot
    keys = {int(key) for key in root.ParentTree.Nums[::2]}
    index = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
    reached = set()

    def walk(element):
        if isinstance(element, pikepdf.Dictionary):
            if "/Pg" in element:
                reached.add(index[element.Pg.objgen])
            kids = element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                walk(kid)

    walk(root.K[0])
    return reached, all(int(page.obj.StructParents) in keys for page in pdf.pages)


def test_an_assembled_note_keeps_the_bookmarks_and_the_tags_of_its_parts(note):
    _questionnaire, document = note
    whole = render_transmittal_note_whole(document, language="en")
    assembled = render_document(document, language="en")

    assert bookmarks(assembled) == bookmarks(whole)
    assert [title for depth, title, _page in bookmarks(assembled) if depth == 2] == [
        "Argentina",
        "Colombia",
        "Ecuador",
        "Mexico",
        "Peru",
    ]
    reached, keyed = tagged_pages(assembled)
    assert reached == set(range(len(pages_of(assembled))))
    assert keyed


def note_words(data):
    return " ".join(word for _header, body in pages_of(data) for _x, _y, word in body)


def test_a_changed_response_prints_its_part_again(note, settings, django_capture_on_commit_callbacks):
    settings.HONLAC_PRINT_PARTS_WHEN_POSTED = True
    questionnaire, document = note
    render_document(document, language="en")
    mexico = questionnaire.responses.get(member_state__code="MEX")
    before = PrintedPart.objects.get(response=mexico, language="en")
    others = set(PrintedPart.objects.filter(language="en").exclude(response=mexico).values_list("pk", flat=True))

    with django_capture_on_commit_callbacks(execute=True):
        responses.reopen_response(mexico, by=None, reason="A figure to correct.")
        answered(questionnaire, "MEX", post=True, text="A national early warning system, corrected.")
        document = transmittal.generate_transmittal_note(questionnaire, by=None)
        text = note_words(render_document(document, language="en"))

    assert "corrected." in text
    after = PrintedPart.objects.get(response=mexico, language="en")
    assert after.key != before.key
    assert not after.file.storage.exists(before.file.name)
    # The parts of the responses that did not change are those printed before.
    assert set(PrintedPart.objects.filter(language="en").exclude(response=mexico).values_list("pk", flat=True)) == (
        others
    )


def test_the_parts_of_a_reopened_response_are_gone_from_the_note(note, django_capture_on_commit_callbacks):
    questionnaire, document = note
    assert "Mexico" in note_words(render_document(document, language="en"))
    mexico = questionnaire.responses.get(member_state__code="MEX")
    files = [part.file.name for part in PrintedPart.objects.filter(response=mexico)]
    assert files

    with django_capture_on_commit_callbacks(execute=True):
        responses.reopen_response(mexico, by=None, reason="Withdrawn by its State.")
    document = transmittal.generate_transmittal_note(questionnaire, by=None)
    text = note_words(render_document(document, language="en"))

    assert "Mexico" not in text
    assert "Ecuador" in text and "Peru" in text
    assert not PrintedPart.objects.filter(response=mexico).exists()
    assert not any(PrintedPart._meta.get_field("file").storage.exists(name) for name in files)


def test_posting_a_response_prints_its_part_in_each_working_language(db, settings, django_capture_on_commit_callbacks):
    settings.HONLAC_PRINT_PARTS_WHEN_POSTED = True
    questionnaire = open_questionnaire(states=STATES)
    ecuador = answered(questionnaire, "ECU", submit=True)
    assert not PrintedPart.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        responses.post_response(ecuador, by=None)

    parts = PrintedPart.objects.filter(response=ecuador)
    assert sorted(part.language for part in parts) == ["en", "es", "fr"]
    assert all(part.pages >= 1 and part.file.size > 1000 for part in parts)


def test_posting_queues_the_parts_once_committed(db, settings, django_capture_on_commit_callbacks):
    settings.HONLAC_PRINT_PARTS_WHEN_POSTED = True
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    questionnaire = open_questionnaire(states=STATES)
    ecuador = answered(questionnaire, "ECU", submit=True)
    from django_tasks import default_task_backend

    default_task_backend.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        responses.post_response(ecuador, by=None)
    assert default_task_backend.results == []
    for callback in callbacks:
        callback()
    assert [(result.task.name, result.args) for result in default_task_backend.results] == [
        ("print_transmittal_parts", [ecuador.pk])
    ]


def test_a_note_printed_from_nothing_queues_a_task_for_each_missing_part_and_prints_them_too(note, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    default_task_backend.clear()
    _questionnaire, document = note
    render_document(document, language="fr")

    queued = [result.args for result in default_task_backend.results if result.task.name == "print_transmittal_part"]
    # Every response but the first of the annex, which prints with the note's front.
    assert len(queued) == len(STATES) - 1
    assert {language for _pk, language in queued} == {"fr"}
    # Nobody ran the tasks: the note's job printed every part itself.
    assert PrintedPart.objects.filter(language="fr").count() == len(STATES) - 1


def test_a_task_for_a_response_no_longer_posted_prints_nothing(note):
    questionnaire, _document = note
    mexico = questionnaire.responses.get(member_state__code="MEX")
    responses.reopen_response(mexico, by=None, reason="Withdrawn by its State.")

    print_transmittal_part.call(mexico.pk, "en")

    assert not PrintedPart.objects.filter(response=mexico).exists()


def test_the_print_job_of_an_assembled_note_counts_its_pages(note, django_capture_on_commit_callbacks):
    from meetings.models import DocumentFile, PrintJob
    from meetings.print_jobs import request_print

    _questionnaire, document = note
    with django_capture_on_commit_callbacks(execute=True):
        job = request_print(document, language="en", by=None)
    job.refresh_from_db()

    assert job.status == PrintJob.Status.DONE
    stored = DocumentFile.objects.get(document=document, language="en").file.read()
    assert job.pages == len(pages_of(stored)) > len(STATES) + 1


SENTENCES = [
    "La policía y la aduana firmaron un memorando de entendimiento sobre el intercambio de información.",
    "En 2023 se creó un sistema nacional de alerta temprana que se reúne cada trimestre.",
    "Los datos sobre incautaciones se publican cada año y se comunican en el cuestionario anual.",
]


def test_the_parts_break_their_pages_where_the_note_printed_whole_does(db):
    # Forty short answers a State, as most are: every word of every page in the same place. (A part printed on a
    # page of its own, a named page, was laid out a little lower and broke a page earlier.)
    codes = ("COL", "ECU", "MEX")
    questionnaire = open_questionnaire(states=codes, recommendations=40)
    for index, code in enumerate(codes):
        answered(questionnaire, code, post=True, text=" ".join(SENTENCES[: 1 + index]))
    document = transmittal.generate_transmittal_note(questionnaire, by=None)

    whole = pages_of(render_transmittal_note_whole(document, language="en"))
    assembled = pages_of(render_document(document, language="en"))

    assert len(assembled) == len(whole) > 10
    assert assembled == whole
