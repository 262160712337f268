"""Very long and non-Latin text is kept intact, shown, exported and printed; text over a field's limit is refused
with a form error, never a server error."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from agendas.models import AgendaItem, Topic
from agendas.services import generate_agenda
from meetings.issuing import issue_at_once, issue_document
from meetings.models import Document, Meeting
from questionnaires import responses, transmittal
from questionnaires.models import Answer
from tests.factories import state
from tests.helpers import confirm_identity
from tests.security.helpers import download, page_text, pdf_text

SENTENCE = "The national early warning system now covers 41 new psychoactive substances. "
LONG = (SENTENCE * (20_000 // len(SENTENCE) + 1))[:19_999] + "."
RLM = "\u200f"
# Each text, and what a PDF reader gives back of it: not every emoji; direction marks are not read back. Chinese
# prints in Noto Serif CJK SC (static/print/un.css).
TEXTS = {
    "arabic": ("عززت الحكومة نظام الإنذار المبكر", "عززت الحكومة نظام الإنذار المبكر"),
    "chinese": ("政府加强了早期预警系统。", "政府加强了早期预警系统。"),
    "cyrillic": ("Правительство укрепило систему раннего предупреждения", "Правительство укрепило систему"),
    "emoji": ("Early warning 🚀 in place ✅ 👍🏽", " in place "),
    "rtl-marks": (f"{RLM}نظام الإنذار المبكر{RLM}", "نظام الإنذار المبكر"),
}


def response_data(response, text):
    data = {"version": response.version}
    for question in response.questionnaire.questions.all():
        data[f"status_{question.pk}"] = "implemented"
        data[f"text_{question.pk}"] = text
    return data


def save_and_post_measures(questionnaire, clients, text):
    ecuador = responses.response_for(questionnaire, state("ECU"), by=None)
    response = clients["ECU"].post(
        reverse("questionnaires:response_edit", args=[ecuador.pk]), {**response_data(ecuador, text), "submit": "1"}
    )
    assert response.status_code == 302
    clients["ECU"].post(response["Location"], {})  # the confirmation of the submission
    responses.post_response(ecuador, by=None)
    return ecuador


def exported(clients, format):
    response = clients["secretariat"].get(reverse("questionnaires:export", args=["honlac", 32, format]))
    if format == "csv":
        return [row[5] for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig")))][1:]
    return [row[5] for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=2, values_only=True)]


def transmittal_note_pdf(questionnaire, clients):
    """The English version of the note as issued: printed from the data, without the draft mark that a draft
    carries on every page (pypdf would read it into sentences that run on to the next page)."""
    note = transmittal.generate_transmittal_note(questionnaire, by=None)
    issue_document(note, languages=["en"], by=clients["secretariat"].user, in_background=False)
    return download(clients["secretariat"], reverse("meetings:document_download", args=[note.pk, "en"]))


def test_measures_of_20000_characters_are_saved_shown_exported_and_printed(questionnaire, clients):
    ecuador = save_and_post_measures(questionnaire, clients, LONG)

    assert len(LONG) == 20_000
    assert list(Answer.objects.filter(response=ecuador).values_list("text", flat=True)) == [LONG] * 3
    page = page_text(clients["COL"].get(reverse("questionnaires:response", args=[ecuador.pk])).content)
    assert page.count(LONG.strip()) == 3
    assert exported(clients, "csv") == [LONG] * 3
    assert exported(clients, "xlsx") == [LONG] * 3
    text = pdf_text(transmittal_note_pdf(questionnaire, clients))
    assert text.count("41 new psychoactive substances.") == 3 * LONG.count("41 new psychoactive substances.")


@pytest.mark.parametrize(("text", "readable"), TEXTS.values(), ids=TEXTS.keys())
def test_non_latin_measures_are_saved_shown_exported_and_printed(questionnaire, clients, text, readable):
    ecuador = save_and_post_measures(questionnaire, clients, text)

    assert list(Answer.objects.filter(response=ecuador).values_list("text", flat=True)) == [text] * 3
    page = clients["COL"].get(reverse("questionnaires:response", args=[ecuador.pk])).content.decode()
    assert page.count(text) == 3
    assert exported(clients, "csv") == [text] * 3
    assert exported(clients, "xlsx") == [text] * 3
    printed = pdf_text(transmittal_note_pdf(questionnaire, clients))
    if readable:
        assert printed.count(readable) == 3


@pytest.mark.parametrize(("text", "readable"), TEXTS.values(), ids=TEXTS.keys())
def test_non_latin_document_title_and_text_are_saved_shown_and_printed(questionnaire, clients, text, readable):
    response = clients["secretariat"].post(
        reverse("meetings:document_create", args=["honlac", 32]),
        {
            "kind": "note",
            "distribution": "general",
            "original_language": "en",
            "title_en": text,
            "text_en": f"{text}\n\n{text}",
        },
    )
    document = Document.objects.get()
    assert response.status_code == 302
    assert (document.title_en, document.text_en) == (text, f"{text}\n\n{text}")
    issue_at_once(document, by=clients["secretariat"].user)  # a draft is the secretariat's only
    page = clients["ECU"].get(document.get_absolute_url()).content.decode()
    assert page.count(text) == 3
    pdf = download(clients["ECU"], reverse("meetings:document_download", args=[document.pk, "en"]))
    printed = pdf_text(pdf)
    if readable:
        assert printed.count(readable) == 3


@pytest.mark.parametrize(("text", "readable"), TEXTS.values(), ids=TEXTS.keys())
def test_non_latin_agenda_item_is_saved_shown_and_printed(questionnaire, clients, text, readable):
    generate_agenda(questionnaire.meeting, by=None)
    clients["secretariat"].post(
        reverse("agendas:item_create", args=["honlac", 32]), {"title_en": text, "annotation_en": text, "purpose": ""}
    )
    item = AgendaItem.objects.get()
    assert (item.title_en, item.annotation_en) == (text, text)
    page = clients["secretariat"].get(reverse("agendas:agenda", args=["honlac", 32])).content.decode()
    assert page.count(text) == 2
    clients["secretariat"].post(reverse("agendas:status", args=["honlac", 32]), {"status": "provisional"})
    document = Document.objects.get(kind=Document.Kind.AGENDA)
    pdf = download(clients["ECU"], reverse("meetings:document_download", args=[document.pk, "en"]))
    printed = pdf_text(pdf)
    if readable:
        assert printed.count(readable) == 3  # the title in the agenda and in the annotations, the annotation


# Over the limit -------------------------------------------------------------------------------------------------


# Each case: (signed-in client, URL, data with one value over its limit, field, what would be saved).


def over_limit_document_title(clients, questionnaire):
    data = {"kind": "note", "distribution": "general", "original_language": "en", "title_en": "t" * 401}
    url = reverse("meetings:document_create", args=["honlac", 32])
    return clients["secretariat"], url, data, "title_en", lambda: Document.objects.count()


def over_limit_document_annex_title(clients, questionnaire):
    data = {"kind": "note", "distribution": "general", "original_language": "en", "title_en": "Fine"}
    data["annex_title_en"] = "t" * 401
    url = reverse("meetings:document_create", args=["honlac", 32])
    return clients["secretariat"], url, data, "annex_title_en", lambda: Document.objects.count()


def over_limit_meeting_city(clients, questionnaire):
    meeting = questionnaire.meeting
    data = {"body": meeting.body.pk, "number": 32, "status": "planned", "city_en": "c" * 101}
    url = reverse("meetings:edit", args=["honlac", 32])
    confirm_identity(clients["secretariat"])
    return clients["secretariat"], url, data, "city_en", lambda: Meeting.objects.get(pk=meeting.pk).city_en


def over_limit_agenda_item_title(clients, questionnaire):
    generate_agenda(questionnaire.meeting, by=None)
    data = {"title_en": "t" * 501, "purpose": ""}
    url = reverse("agendas:item_create", args=["honlac", 32])
    return clients["secretariat"], url, data, "title_en", lambda: AgendaItem.objects.count()


def over_limit_measures_taken(clients, questionnaire):
    ecuador = responses.response_for(questionnaire, state("ECU"), by=None)
    field = f"text_{questionnaire.questions.first().pk}"
    url = reverse("questionnaires:response_edit", args=[ecuador.pk])
    return (
        clients["ECU"],
        url,
        response_data(ecuador, "m" * 20_001),
        field,
        lambda: (Answer.objects.count(), responses.response_for(questionnaire, state("ECU"), by=None).version),
    )


@pytest.mark.parametrize(
    ("case", "limit"),
    [
        (over_limit_document_title, 400),
        (over_limit_document_annex_title, 400),
        (over_limit_meeting_city, 100),
        (over_limit_agenda_item_title, 500),
        (over_limit_measures_taken, 20000),
    ],
    ids=["document-title", "annex-title", "meeting-city", "agenda-item-title", "measures-taken"],
)
def test_text_over_the_limit_is_refused_with_a_form_error(questionnaire, clients, case, limit):
    client, url, data, field, saved = case(clients, questionnaire)
    before = saved()

    response = client.post(url, data)

    assert response.status_code in (200, 400)
    assert response.context["form"].errors[field] == [
        f"Ensure this value has at most {limit} characters (it has {limit + 1})."
    ]
    assert saved() == before


def test_topic_over_the_limit_is_refused_with_a_clear_message(questionnaire, clients):
    url = reverse("agendas:topic_propose", args=["honlac", 32])
    response = clients["MEX"].post(url, {"title": "t" * 401, "language": "en"}, follow=True)
    assert [str(message) for message in response.context["messages"]] == [
        "Ensure this value has at most 400 characters (it has 401)."
    ]
    assert not Topic.objects.filter(meeting=questionnaire.meeting).exists()


def test_topic_without_title_is_refused_with_a_clear_message(questionnaire, clients):
    url = reverse("agendas:topic_propose", args=["honlac", 32])
    response = clients["MEX"].post(url, {"title": "  ", "language": "en"}, follow=True)
    assert [str(message) for message in response.context["messages"]] == ["Give the topic a title."]
    assert not Topic.objects.filter(meeting=questionnaire.meeting).exists()


def test_measures_with_control_characters_pasted_from_a_word_processor_export_and_print(questionnaire, clients):
    text = "First line\x0bsecond line\x0cthird line \x1b."
    ecuador = save_and_post_measures(questionnaire, clients, text)

    assert list(Answer.objects.filter(response=ecuador).values_list("text", flat=True)) == [text] * 3
    assert exported(clients, "csv") == [text] * 3
    assert exported(clients, "xlsx") == ["First linesecond linethird line ."] * 3  # XLSX cannot hold them
    assert pdf_text(transmittal_note_pdf(questionnaire, clients)).count("First line") == 3
