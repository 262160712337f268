"""The compiled analysis (questionnaires.analysis): a conference room paper of the counts per recommendation, the
change since the previous cycle and the measures by State, from the posted responses only; issued like any
document."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from pypdf import PdfReader

from honlac.printing import render_document
from meetings.issued_files import issued_file
from meetings.issuing import create_revision, issue_at_once
from meetings.models import Document
from questionnaires import analysis, responses
from questionnaires.analysis import generate_analysis
from questionnaires.documents import analysis_html
from questionnaires.implementation import NO_ANSWER, STATUS_LABELS, STATUSES
from questionnaires.models import Answer, Recommendation, Response
from tests.factories import MeetingFactory, recommendations_for, state, three_cycles
from tests.helpers import line_text, page_lines, pdf_text

STATES = ("ECU", "MEX", "COL", "PER", "DOM")
LANGUAGES = ("en", "fr", "es")
HEADINGS = {"en": "Recommendation", "fr": "Recommandation", "es": "Recomendación"}


def respond(questionnaire, code, statuses, *, texts=None, language=None, post=True):
    """State `code`'s response with the status `statuses[i]` (and the text `texts[i]`) on the i-th recommendation,
    submitted, and posted unless `post` is false."""
    response = responses.response_for(questionnaire, state(code), by=None)
    questions = list(questionnaire.questions.filter(recommendation__isnull=False).order_by("position"))
    texts = texts or [f"Measures of {code} ({number})." for number in range(1, len(questions) + 1)]
    answers = {question.pk: (status, text) for question, status, text in zip(questions, statuses, texts, strict=True)}
    # What was carried forward from the previous cycle is confirmed (or changed) with the answers.
    responses.save_response(
        response, answers=answers, expected_version=response.version, language=language, by=None, confirmed=answers
    )
    responses.submit_response(response, by=None, receipt=False)
    if post:
        responses.post_response(response, by=None)
    return response


def plain(text):
    return text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")


def sections(text, questionnaire, language):
    """The text of the PDF from each recommendation's heading to the next: {number: text}."""
    text = plain(text)
    with translation.override(language):
        starts = {
            question.recommendation.number: text.index(
                plain(f"{HEADINGS[language]} {question.recommendation.number} {question.recommendation.text}")
            )
            for question in questionnaire.questions.select_related("recommendation").order_by("position")
        }
    ends = sorted(starts.values())[1:] + [len(text)]
    return {number: text[start : ends[sorted(starts.values()).index(start)]] for number, start in starts.items()}


def posted_counts(recommendation, participants):
    """What the database holds: per status, the participating States whose posted response gave it."""
    answers = Answer.objects.filter(
        question__recommendation=recommendation, response__status=Response.Status.POSTED
    ).exclude(status="")
    result = {code: answers.filter(status=code).count() for code in STATUSES if code != NO_ANSWER}
    result[NO_ANSWER] = participants - sum(result.values())
    return result


def labels(language):
    with translation.override(language):
        return {code: str(label) for code, label in STATUS_LABELS.items()}


@pytest.fixture
def cycles(db):
    return three_cycles(states=STATES)


def test_the_counts_of_each_language_are_those_of_the_posted_answers(cycles):
    _first, second = cycles
    respond(second, "ECU", ["implemented", "partially", "not_yet"])
    respond(second, "MEX", ["implemented", "not_applicable", "not_yet"])
    respond(second, "COL", ["partially", "partially", "implemented"])
    respond(second, "PER", ["implemented", "implemented", "implemented"], post=False)  # submitted only
    document = generate_analysis(second, by=None)

    for language in LANGUAGES:
        _reader, text = pdf_text(render_document(document, language=language))
        parts = sections(text, second, language)
        for question in second.questions.select_related("recommendation"):
            recommendation = question.recommendation
            expected = posted_counts(recommendation, len(STATES))
            for code, label in labels(language).items():
                assert f"{label} {expected[code]} " in parts[recommendation.number], (language, code)
    assert posted_counts(Recommendation.objects.get(meeting=second.source_meeting, number=1), 5) == {
        "implemented": 2,
        "partially": 1,
        "not_yet": 0,
        "not_applicable": 0,
        NO_ANSWER: 2,
    }
    _reader, text = pdf_text(render_document(document, language="en"))
    assert "three of the five States participating in the Thirty-second Meeting" in text
    assert "counts only the responses posted on the secure web page" in text


def test_each_recommendation_shows_the_change_since_the_previous_cycle(cycles):
    first, second = cycles
    respond(first, "ECU", ["not_yet", "not_yet", "not_yet"])
    respond(first, "MEX", ["partially", "not_yet", "partially"])
    respond(first, "COL", ["implemented", "implemented", "implemented"], post=False)  # not posted: not counted
    respond(second, "ECU", ["implemented", "partially", "not_yet"])
    respond(second, "MEX", ["implemented", "not_yet", "partially"])
    respond(second, "COL", ["implemented", "implemented", "implemented"])
    fresh = Recommendation.objects.get(meeting=second.source_meeting, number=3)
    fresh.continues, fresh.continuation = None, ""
    fresh.save()
    document = generate_analysis(second, by=None)

    _reader, text = pdf_text(render_document(document, language="en"))
    parts = sections(text, second, "en")
    assert "Reiterates recommendation 1 of the Thirtieth Meeting of Heads" in parts[1]
    assert "Status of implementation Number of States Previous cycle Change" in parts[1]
    assert "Implemented 3 0 +3 Partially implemented 0 1 \u22121 Not yet implemented 0 1 \u22121" in parts[1]
    assert "Not applicable 0 0 0 No answer 2 3 \u22121 Total 5 5 0" in parts[1]
    assert "Updates recommendation 2 of the Thirtieth Meeting of Heads" in parts[2]
    assert "Implemented 1 0 +1 Partially implemented 1 0 +1 Not yet implemented 1 2 \u22121" in parts[2]
    assert "First cycle: the recommendation continues none of an earlier meeting." in parts[3]
    assert "Previous cycle" not in parts[3]
    assert (
        "Implemented 1 Partially implemented 1 Not yet implemented 1 Not applicable 0 No answer 2 Total 5" in (parts[3])
    )

    _reader, text = pdf_text(render_document(document, language="fr"))
    parts = sections(text, second, "fr")
    assert "Appliquée 3 0 +3 Partiellement appliquée 0 1 \u22121" in plain(parts[1])


def test_the_measures_are_grouped_by_state_in_the_order_of_each_language(db):
    codes = ("DOM", "PRY", "NLD", "PER")
    _first, second = three_cycles(states=codes, recommendations=1)
    for code in codes:
        respond(second, code, ["partially"], texts=[f"Measures of {code}."], language="es")
    document = generate_analysis(second, by=None)
    orders = {
        "en": ["Dominican Republic", "Netherlands (Kingdom of the)", "Paraguay", "Peru"],
        "fr": ["Paraguay", "Pays-Bas (Royaume des)", "Pérou", "République dominicaine"],
        "es": ["Países Bajos (Reino de los)", "Paraguay", "Perú", "República Dominicana"],
    }
    original = {"en": "[Original: Spanish]", "fr": "[Original : espagnol]", "es": "[Original: español]"}
    status = {
        "en": "Status: Partially",
        "fr": "État d'application : Partiellement",
        "es": "Estado de aplicación: Parcialmente",
    }
    by_name = {"Dominican Republic": "DOM", "Paraguay": "PRY", "Netherlands (Kingdom of the)": "NLD", "Peru": "PER"}
    codes_in_order = {}
    for language, names in orders.items():
        _reader, text = pdf_text(render_document(document, language=language))
        text = plain(text)
        positions = [text.index(f"{name} {original[language]} {status[language]}") for name in names]
        assert positions == sorted(positions), language
        codes_in_order[language] = re.findall(r"Measures of (\w+)\.", text)
    assert codes_in_order["en"] == [by_name[name] for name in orders["en"]]
    assert codes_in_order["fr"] == ["PRY", "NLD", "PER", "DOM"]
    assert codes_in_order["es"] == ["NLD", "PRY", "PER", "DOM"]


def test_what_a_state_wrote_prints_as_text(cycles):
    _first, second = cycles
    typed = "First line\n<script>alert(1)</script> & **not bold** <b>bold?</b>"
    respond(second, "ECU", ["implemented", "implemented", "implemented"], texts=[typed, typed, typed])
    document = generate_analysis(second, by=None)

    html = analysis_html(document, "en")
    _reader, text = pdf_text(render_document(document, language="en"))

    assert "First line<br>&lt;script&gt;alert(1)&lt;/script&gt; &amp; **not bold** &lt;b&gt;bold?&lt;/b&gt;" in html
    assert "<script>" not in html and "<b>" not in html
    assert text.count("First line <script>alert(1)</script> & **not bold** <b>bold?</b>") == 3


def test_every_page_carries_the_un_furniture_and_the_running_header_from_page_two(cycles):
    _first, second = cycles
    for code in STATES:
        respond(second, code, ["partially", "not_yet", "implemented"], texts=["A long account. " * 40] * 3)
    document = generate_analysis(second, by=None)
    symbol = "UNODC/HONLAC/32/CRP.1"
    assert document.symbol == symbol
    assert document.kind == Document.Kind.CONFERENCE_ROOM_PAPER
    issue_at_once(document, by=None)
    for language, masthead, heading in (
        ("en", "United Nations", ["Distr.: Restricted", "Conference room paper prepared by the Secretariat"]),
        ("fr", "Nations Unies", ["Distr. restreinte", "Document de séance établi par le Secrétariat"]),
        ("es", "Naciones Unidas", ["Distr. reservada", "Documento de sesión preparado por la Secretaría"]),
    ):
        with issued_file(document, language).file.open("rb") as issued:  # the issued file: no draft mark
            reader = PdfReader(io.BytesIO(issued.read()))
        first, *others = [page_lines(page) for page in reader.pages]
        assert len(others) >= 2, language
        assert line_text(first[0]) == f"{masthead} {symbol}", language
        first_text = plain(" ".join(line_text(line) for line in first))
        for words in heading:
            assert words in first_text, (language, words)
        for number, lines in enumerate(others, start=2):
            top = [text for _x, text in lines[0]]
            assert top == ([symbol, str(number)] if number % 2 else [str(number), symbol]), (language, number)


def test_a_draft_generated_again_keeps_its_symbol_and_takes_the_responses_posted_since(cycles):
    _first, second = cycles
    respond(second, "ECU", ["implemented"] * 3)
    document = generate_analysis(second, by=None)
    late = respond(second, "MEX", ["implemented"] * 3, post=False)
    responses.post_response(late, by=None)

    _reader, text = pdf_text(render_document(document, language="en"))
    assert "Implemented 1 " in sections(text, second, "en")[1]  # posted after the data were taken

    again = generate_analysis(second, by=None)
    assert again.pk == document.pk and again.symbol == "UNODC/HONLAC/32/CRP.1"
    _reader, text = pdf_text(render_document(again, language="en"))
    assert "Implemented 2 " in sections(text, second, "en")[1]


def test_an_issued_analysis_never_changes_and_generating_again_makes_a_revision(cycles):
    _first, second = cycles
    respond(second, "ECU", ["implemented"] * 3)
    document = issue_at_once(generate_analysis(second, by=None), by=None)
    issued = {language: issued_file(document, language).file.read() for language in LANGUAGES}

    with pytest.raises(ValidationError, match="nothing to revise"):
        generate_analysis(second, by=None)
    respond(second, "MEX", ["not_yet"] * 3)
    revision = generate_analysis(second, by=None)

    for language in LANGUAGES:
        assert issued_file(document, language).file.read() == issued[language]
    assert "Implemented 1 " in sections(pdf_text(issued["en"])[1], second, "en")[1]
    assert revision.symbol == "UNODC/HONLAC/32/CRP.1/Rev.1"
    assert revision.parent == document and revision.printed_as == Document.PrintedAs.ANALYSIS
    _reader, text = pdf_text(render_document(revision, language="en"))
    rows = "Implemented 1 0 +1 Partially implemented 0 0 0 Not yet implemented 1 0 +1"
    assert rows in sections(text, second, "en")[1]
    assert generate_analysis(second, by=None) == revision  # a draft revision is brought up to date


def test_nothing_is_compiled_before_a_response_is_posted(cycles):
    _first, second = cycles
    respond(second, "ECU", ["implemented"] * 3, post=False)
    with pytest.raises(ValidationError, match="No response is posted yet"):
        generate_analysis(second, by=None)
    assert not Document.objects.exists()


ANALYSIS_QUERIES = 12  # with 2 States as with 12


def test_the_analysis_queries_do_not_grow_with_the_states(db, django_assert_max_num_queries):
    codes = ("ARG", "BRA", "CHL", "PER", "URY", "PRY", "BOL", "VEN", "CRI", "PAN", "GTM", "HND")
    first, second = three_cycles(states=codes)
    for code in codes[:2]:
        respond(first, code, ["partially"] * 3)
        respond(second, code, ["implemented"] * 3)
    document = Document.objects.get(pk=generate_analysis(second, by=None).pk)
    with django_assert_max_num_queries(ANALYSIS_QUERIES):
        two = analysis_html(document, "en")
    for code in codes[2:]:
        respond(first, code, ["not_yet"] * 3)
        respond(second, code, ["implemented"] * 3)
    document = Document.objects.get(pk=generate_analysis(second, by=None).pk)
    with django_assert_max_num_queries(ANALYSIS_QUERIES):
        twelve = analysis_html(document, "en")
    assert "two of the 12 States" not in two and "2 of the 12 States" in two
    assert "12 of the 12 States" in twelve


def test_a_revision_drafted_from_the_document_page_prints_the_data_of_now_until_compiled(cycles):
    _first, second = cycles
    respond(second, "ECU", ["implemented"] * 3)
    document = issue_at_once(generate_analysis(second, by=None), by=None)
    revision = create_revision(document, by=None)
    respond(second, "MEX", ["implemented"] * 3)

    assert revision.printed_as == Document.PrintedAs.ANALYSIS and revision.data_as_of is None
    _reader, text = pdf_text(render_document(revision, language="en"))
    assert "Implemented 2 " in sections(text, second, "en")[1]
    assert analysis.dashboard_state(second) == {"analysis": revision, "analysis_posted_since": 0}
    compiled = generate_analysis(second, by=None)
    assert compiled.pk == revision.pk and compiled.data_as_of is not None


def test_a_recommendation_continuing_one_no_questionnaire_reviewed_has_no_previous_figures(cycles):
    _first, second = cycles
    earlier = recommendations_for(MeetingFactory(number=29, participating_states=list(STATES)), 1)[0]
    Recommendation.objects.filter(meeting=second.source_meeting, number=3).update(continues=earlier)
    respond(second, "ECU", ["implemented"] * 3)
    document = generate_analysis(second, by=None)

    _reader, text = pdf_text(render_document(document, language="en"))
    part = sections(text, second, "en")[3]
    assert "Reiterates recommendation 1 of the Twenty-ninth Meeting of Heads" in part
    assert "No questionnaire reviewed it: there are no figures of a previous cycle." in part
    assert "Status of implementation Number of States Implemented 1 Partially implemented 0" in part
