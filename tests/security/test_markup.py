"""HTML, script and javascript: links typed into free text are shown back as text: escaped in pages, literal in
PDFs, exports and emails, and never run."""

import csv
import io

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from agendas.models import Agenda, AgendaItem, HostOffer, Topic
from agendas.services import generate_agenda
from meetings.models import Document, MemberState
from questionnaires import responses, transmittal
from questionnaires.models import Answer, Attachment, Question, Recommendation
from tests.factories import DocumentFactory, MeetingFactory, secretariat_user, state
from tests.helpers import MINIMAL_PDF, confirm_identity
from tests.security.helpers import (
    HOSTILE,
    HOSTILE_MARKDOWN,
    IMG,
    SCRIPT,
    download,
    page_text,
    pdf_link_targets,
    pdf_text,
)

LANGUAGES = ("en", "fr", "es")
# A file name keeps no "/" (Django drops what comes before, as a folder) and no '"' (it ends the header field).
ATTACHMENT_NAME = "<img src=x onerror=alert(1)>.pdf"


def assert_shown(content, *, markdown=False):
    """The page (or PDF text) shows the hostile strings as typed; a Markdown field drops the javascript: link."""
    text = page_text(content) if isinstance(content, bytes) else content
    assert SCRIPT in text
    assert IMG in text
    if markdown:
        assert "javascript" not in text


def test_document_markup_is_text_on_the_page_and_in_the_pdf(client, db):
    MeetingFactory(number=31)
    secretariat = secretariat_user()
    client.force_login(secretariat)
    confirm_identity(client)
    response = client.post(
        reverse("meetings:document_create", args=["honlac", 31]),
        {
            "kind": "note",
            "distribution": "general",
            "original_language": "en",
            **{f"title_{code}": HOSTILE for code in LANGUAGES},
            "text_en": HOSTILE_MARKDOWN,
            "annex_title_en": HOSTILE,
            "annex_en": HOSTILE_MARKDOWN,
        },
    )
    document = Document.objects.get()
    assert response.status_code == 302
    assert (document.title_en, document.text_en, document.annex_title_en, document.annex_en) == (
        HOSTILE,
        HOSTILE_MARKDOWN,
        HOSTILE,
        HOSTILE_MARKDOWN,
    )
    # Issued, from its page (a draft is the secretariat's only): what the public reads is its issued file.
    issued = client.post(reverse("meetings:document_action", args=[document.pk, "issue"]), {"languages": ["en"]})
    assert issued.status_code == 302
    document.refresh_from_db()
    assert document.status == Document.Status.ISSUED
    client.logout()
    page = client.get(reverse("meetings:document", args=[document.pk]))
    assert_shown(page.content)
    assert page_text(page.content).count(SCRIPT) == 4  # heading, text, annex title, annex
    pdf = download(client, reverse("meetings:document_download", args=[document.pk, "en"]))
    text = pdf_text(pdf)
    assert_shown(text, markdown=True)
    assert text.count(SCRIPT) == 4  # title, text, annex title, annex
    assert pdf_link_targets(pdf) == []


def test_meeting_city_markup_is_text_on_the_page_and_in_printed_documents(client, db):
    meeting = MeetingFactory(number=31)
    document = DocumentFactory(meeting=meeting)
    client.force_login(secretariat_user())
    confirm_identity(client)
    response = client.post(
        reverse("meetings:edit", args=["honlac", 31]),
        {
            "body": meeting.body.pk,
            "number": 31,
            "status": "held",
            **{f"city_{code}": HOSTILE for code in LANGUAGES},
            "start_date": "2023-10-03",
            "end_date": "2023-10-06",
            "participating_states": list(MemberState.objects.filter(code="ECU").values_list("pk", flat=True)),
        },
    )
    meeting.refresh_from_db()
    assert response.status_code == 302
    assert meeting.city_en == HOSTILE
    assert f"{HOSTILE}, 3-6 October 2023" in page_text(client.get(meeting.get_absolute_url()).content)
    edit_form = client.get(reverse("meetings:edit", args=["honlac", 31])).content
    page_text(edit_form)  # the value of the input stays inside its attribute
    pdf = download(client, reverse("meetings:document_download", args=[document.pk, "en"]))
    assert f"{HOSTILE}, 3-6 October 2023" in pdf_text(pdf)


def test_recommendation_markup_is_text_on_pages_and_in_the_questionnaire(questionnaire, clients):
    recommendation = Recommendation.objects.get(meeting=questionnaire.source_meeting, number=1)
    response = clients["secretariat"].post(
        reverse("questionnaires:recommendation_edit", args=["honlac", 31, recommendation.pk]),
        {"topic": recommendation.topic_id, "number": 1, **{f"text_{code}": HOSTILE for code in LANGUAGES}},
    )
    recommendation.refresh_from_db()
    assert response.status_code == 302
    assert recommendation.text_en == HOSTILE
    assert_shown(clients["ECU"].get(reverse("questionnaires:recommendations", args=["honlac", 31])).content)
    edit = clients["ECU"].get(reverse("questionnaires:my_response", args=["honlac", 32]), follow=True)
    assert_shown(edit.content)
    pdf = clients["ECU"].get(reverse("questionnaires:blank_pdf", args=["honlac", 32, "en"])).content
    assert_shown(pdf_text(pdf))


def test_questionnaire_introduction_and_general_questions_markup_is_text(questionnaire, clients):
    response = clients["secretariat"].post(
        reverse("questionnaires:edit", args=["honlac", 32]),
        {
            "deadline": "2024-06-30",
            "introduction_en": HOSTILE_MARKDOWN,
            "questions-TOTAL_FORMS": "1",
            "questions-INITIAL_FORMS": "0",
            "questions-0-position": "4",
            "questions-0-text_en": HOSTILE,
        },
    )
    questionnaire.refresh_from_db()
    question = Question.objects.get(questionnaire=questionnaire, recommendation=None)
    assert response.status_code == 302
    assert (questionnaire.introduction_en, question.text_en) == (HOSTILE_MARKDOWN, HOSTILE)
    page = clients["ECU"].get(reverse("questionnaires:my_response", args=["honlac", 32]), follow=True)
    assert page_text(page.content).count(SCRIPT) == 2
    form = clients["secretariat"].get(reverse("questionnaires:edit", args=["honlac", 32]))
    assert page_text(form.content).count(SCRIPT) == 2  # in the two text areas
    text = pdf_text(clients["ECU"].get(reverse("questionnaires:blank_pdf", args=["honlac", 32, "en"])).content)
    assert_shown(text, markdown=True)
    assert text.count(SCRIPT) == 2


def response_data(response, text, *, status="implemented", **extra):
    data = {"version": response.version, **extra}
    for question in response.questionnaire.questions.all():
        if not question.is_general:
            data[f"status_{question.pk}"] = status
        data[f"text_{question.pk}"] = text
    return data


def test_measures_taken_markup_is_text_on_pages_in_the_note_and_in_exports(questionnaire, clients):
    ecuador = responses.response_for(questionnaire, state("ECU"), by=None)
    edit_url = reverse("questionnaires:response_edit", args=[ecuador.pk])
    clients["ECU"].post(
        reverse("questionnaires:attachment_upload", args=[ecuador.pk]),
        {"file": SimpleUploadedFile(ATTACHMENT_NAME, MINIMAL_PDF, "application/pdf")},
    )
    ecuador.refresh_from_db()
    response = clients["ECU"].post(edit_url, response_data(ecuador, HOSTILE, submit="1"))
    assert response.status_code == 302
    assert set(Answer.objects.filter(response=ecuador).values_list("text", flat=True)) == {HOSTILE}
    assert Attachment.objects.get(response=ecuador).original_name == ATTACHMENT_NAME
    clients["ECU"].post(response["Location"], {})  # the confirmation of the submission
    responses.post_response(ecuador, by=None)

    own_page = page_text(clients["ECU"].get(reverse("questionnaires:response", args=[ecuador.pk])).content)
    assert own_page.count(IMG) == 3
    assert ATTACHMENT_NAME in own_page
    secure_page = clients["COL"].get(reverse("questionnaires:secure_page", args=["honlac", 32]))
    assert "Ecuador" in page_text(secure_page.content)
    read_by_colombia = clients["COL"].get(reverse("questionnaires:response", args=[ecuador.pk]))
    assert page_text(read_by_colombia.content).count(IMG) == 3

    note = transmittal.generate_transmittal_note(questionnaire, by=None)
    pdf = download(clients["secretariat"], reverse("meetings:document_download", args=[note.pk, "en"]))
    assert pdf_text(pdf).count(IMG) == 3

    csv_export = clients["secretariat"].get(reverse("questionnaires:export", args=["honlac", 32, "csv"]))
    rows = list(csv.reader(io.StringIO(csv_export.content.decode("utf-8-sig"))))
    assert [row[5] for row in rows[1:]] == [HOSTILE] * 3
    xlsx_export = clients["secretariat"].get(reverse("questionnaires:export", args=["honlac", 32, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx_export.content)).active
    assert [row[5] for row in sheet.iter_rows(min_row=2, values_only=True)] == [HOSTILE] * 3


def test_agenda_item_markup_is_text_on_the_agenda_and_in_the_printed_agenda(questionnaire, clients):
    secretariat = clients["secretariat"]
    agenda = generate_agenda(questionnaire.meeting, by=None)
    response = secretariat.post(
        reverse("agendas:item_create", args=["honlac", 32]),
        {**{f"title_{code}": HOSTILE for code in LANGUAGES}, "annotation_en": HOSTILE_MARKDOWN, "purpose": ""},
    )
    item = AgendaItem.objects.get(agenda=agenda)
    assert response.status_code == 302
    assert (item.title_en, item.annotation_en) == (HOSTILE, HOSTILE_MARKDOWN)
    response = secretariat.post(
        reverse("agendas:item_create", args=["honlac", 32]) + f"?parent={item.pk}",
        {"title_en": HOSTILE, "purpose": ""},
    )
    assert AgendaItem.objects.filter(parent=item, title_en=HOSTILE).count() == 1
    response = secretariat.post(
        reverse("agendas:item_edit", args=["honlac", 32, item.pk]),
        {**{f"title_{code}": HOSTILE for code in LANGUAGES}, "annotation_fr": HOSTILE_MARKDOWN, "purpose": ""},
    )
    item.refresh_from_db()
    assert item.annotation_fr == HOSTILE_MARKDOWN
    page = page_text(secretariat.get(reverse("agendas:agenda", args=["honlac", 32])).content)
    assert page.count(SCRIPT) == 3  # item, sub-item, annotation
    assert "javascript" not in page
    assert page_text(secretariat.get(reverse("agendas:item_edit", args=["honlac", 32, item.pk])).content)
    secretariat.post(reverse("agendas:status", args=["honlac", 32]), {"status": "provisional"})
    document = Agenda.objects.get(pk=agenda.pk).document
    pdf = download(secretariat, reverse("meetings:document_download", args=[document.pk, "en"]))
    text = pdf_text(pdf)
    assert_shown(text, markdown=True)
    assert text.count(SCRIPT) == 5  # item and sub-item in the agenda and again in the annotations, annotation
    assert pdf_link_targets(pdf) == []


def test_topic_proposal_markup_is_text_on_the_topics_page(questionnaire, clients):
    response = clients["MEX"].post(
        reverse("agendas:topic_propose", args=["honlac", 32]),
        {"title": HOSTILE, "description": HOSTILE_MARKDOWN, "language": "en"},
    )
    topic = Topic.objects.get(meeting=questionnaire.meeting)
    assert response.status_code == 302
    assert (topic.title_en, topic.description) == (HOSTILE, HOSTILE_MARKDOWN)
    for role in ("ECU", "secretariat"):
        page = page_text(clients[role].get(reverse("agendas:topics", args=["honlac", 32])).content)
        assert_shown(page)
    form = clients["secretariat"].get(reverse("agendas:topic_edit", args=["honlac", 32, topic.pk]))
    assert_shown(form.content)


def test_offer_remarks_markup_is_text_on_the_page_in_the_csv_and_in_the_pdf(questionnaire, clients):
    body = questionnaire.meeting.body
    body.member_states.set(questionnaire.meeting.participating_states.all())
    response = clients["MEX"].post(
        reverse("agendas:offer_create", args=["honlac"]),
        {"meeting_number": 33, "offered_on": "2023-10-05", "remarks": HOSTILE},
    )
    offer = HostOffer.objects.get()
    assert response.status_code == 302
    assert offer.remarks == HOSTILE
    assert_shown(clients["MEX"].get(offer.get_absolute_url()).content)
    url = reverse("agendas:offers_for_commission", args=["honlac", offer.commission_session, "csv"])
    rows = list(csv.reader(io.StringIO(clients["secretariat"].get(url).content.decode("utf-8-sig"))))
    assert rows[1][4] == HOSTILE
    url = reverse("agendas:offers_for_commission", args=["honlac", offer.commission_session, "pdf"])
    assert_shown(pdf_text(clients["secretariat"].get(url + "?lang=en").content))


def html_parts(message):
    return [part for part in message.message().walk() if part.get_content_type() == "text/html"]


def test_invitation_email_is_plain_text_with_the_title_as_typed(
    questionnaire, clients, django_capture_on_commit_callbacks
):
    body = questionnaire.meeting.body
    body.title_en = f"Heads of Agencies {HOSTILE} & d'Amérique"
    body.save()
    with django_capture_on_commit_callbacks(execute=True):
        clients["secretariat"].post(reverse("questionnaires:invite", args=["honlac", 32]))
    assert len(mail.outbox) == 3  # one per focal point
    message = mail.outbox[0]
    title = f"Thirty-second Heads of Agencies {HOSTILE} & d'Amérique"
    assert message.subject == f"Invitation and questionnaire: {title}"
    assert f"participate in the {title}." in " ".join(message.body.split())
    assert html_parts(message) == []
    assert [attachment[2] for attachment in message.attachments] == ["application/pdf"]
    assert title in pdf_text(message.attachments[0][1])


def test_focal_point_invitation_email_is_plain_text_with_the_name_as_typed(db, django_capture_on_commit_callbacks):
    from accounts.services import invite_focal_point

    with django_capture_on_commit_callbacks(execute=True):
        invite_focal_point(
            username="new-fp",
            email="new-fp@example.org",
            member_state=state("ECU"),
            preferred_language="en",
            first_name=SCRIPT,
            last_name=IMG,
            by=None,
            base_url="http://testserver",
        )
    message = mail.outbox[0]
    assert message.body.startswith(f"Dear {SCRIPT} {IMG},")
    assert html_parts(message) == []
