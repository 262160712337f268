"""Every URL of the questionnaires app × every role, with the expected answer."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import Document
from questionnaires import responses
from questionnaires.models import Attachment, MessageRun, Questionnaire, Recommendation, Response
from questionnaires.rules import can_edit_response
from tests.factories import MeetingFactory, QuestionnaireFactory, answered, open_questionnaire
from tests.helpers import LOGIN, MINIMAL_PDF, PUBLIC, ROLES, SECRETARIAT_ONLY, assert_answer, expect

PARTICIPANTS = (LOGIN, 200, 200, 404, 200, 200)
OWN_AND_SECRETARIAT = (LOGIN, 200, 404, 404, 200, 200)


@pytest.fixture
def world(db):
    """The open questionnaire of meeting 32, Ecuador's draft and Colombia's posted response, each with an
    attachment; and the draft questionnaire of meeting 33."""
    questionnaire = open_questionnaire(states=("ECU", "MEX", "COL"))
    draft = answered(questionnaire, "ECU")
    posted = answered(questionnaire, "COL", post=True)
    for response in (draft, posted):
        Response.objects.filter(pk=response.pk).update(status="draft")
        responses.add_attachment(response, file=SimpleUploadedFile("note.pdf", MINIMAL_PDF), by=None)
    responses.submit_response(posted, by=None)
    responses.post_response(posted, by=None)
    attachments = {a.response_id: a for a in Attachment.objects.all()}
    QuestionnaireFactory(
        meeting=MeetingFactory(number=33, participating_states=["ECU", "MEX", "COL"]),
        source_meeting=questionnaire.meeting,
        status=Questionnaire.Status.DRAFT,
    )
    return questionnaire, draft, posted, attachments


def saved_data():
    """Everything a POST of this app could change."""
    return (
        sorted(Questionnaire.objects.values_list("pk", "status", "transmittal_note")),
        sorted(Response.objects.values_list("pk", "status", "version")),
        sorted(Attachment.objects.values_list("pk", flat=True)),
        sorted(Recommendation.objects.values_list("pk", "text_en")),
        MessageRun.objects.count(),
        Document.objects.count(),
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("recommendations", PUBLIC),
        ("recommendation_create", SECRETARIAT_ONLY),
        ("recommendation_paste", SECRETARIAT_ONLY),
        ("recommendation_import", SECRETARIAT_ONLY),
        ("recommendation_edit", SECRETARIAT_ONLY),
        ("dashboard", SECRETARIAT_ONLY),
        ("edit", SECRETARIAT_ONLY),
        ("export_csv", SECRETARIAT_ONLY),
        ("export_xlsx", SECRETARIAT_ONLY),
        ("blank_pdf", PARTICIPANTS),
        ("blank_pdf_of_a_draft", (LOGIN, 404, 404, 404, 200, 200)),
        ("my_response", (LOGIN, 302, 302, 404, 302, 302)),
        ("my_response_to_a_draft", (LOGIN, 404, 404, 404, 302, 302)),
        ("secure_page", PARTICIPANTS),
        ("draft", OWN_AND_SECRETARIAT),
        ("draft_edit", OWN_AND_SECRETARIAT),
        ("draft_history", OWN_AND_SECRETARIAT),
        ("draft_attachment", OWN_AND_SECRETARIAT),
        ("posted", PARTICIPANTS),
        ("posted_attachment", PARTICIPANTS),
        ("posted_edit", (LOGIN, 403, 403, 404, 200, 200)),
        ("posted_history", (LOGIN, 403, 403, 404, 200, 200)),
        ("posted_send_back", (LOGIN, 403, 403, 404, 200, 200)),
        ("draft_pdf", OWN_AND_SECRETARIAT),
        ("posted_pdf", PARTICIPANTS),
        ("responses_zip", PARTICIPANTS),
        ("responses_pdf", PARTICIPANTS),
    ],
)
def test_get_permission_matrix(client_as, world, name, expected, role):
    questionnaire, draft, posted, attachments = world
    recommendation = questionnaire.source_meeting.recommendations.first()
    q = ["honlac", 32]
    urls = {
        "recommendations": reverse("questionnaires:recommendations", args=["honlac", 31]),
        "recommendation_create": reverse("questionnaires:recommendation_create", args=["honlac", 31]),
        "recommendation_paste": reverse("questionnaires:recommendation_paste", args=["honlac", 31]),
        "recommendation_import": reverse("questionnaires:recommendation_import", args=["honlac", 31]),
        "recommendation_edit": reverse("questionnaires:recommendation_edit", args=["honlac", 31, recommendation.pk]),
        "dashboard": reverse("questionnaires:dashboard", args=q),
        "edit": reverse("questionnaires:edit", args=q),
        "export_csv": reverse("questionnaires:export", args=[*q, "csv"]),
        "export_xlsx": reverse("questionnaires:export", args=[*q, "xlsx"]),
        "blank_pdf": reverse("questionnaires:blank_pdf", args=[*q, "es"]),
        "blank_pdf_of_a_draft": reverse("questionnaires:blank_pdf", args=["honlac", 33, "es"]),
        "my_response": reverse("questionnaires:my_response", args=q),
        "my_response_to_a_draft": reverse("questionnaires:my_response", args=["honlac", 33]),
        "secure_page": reverse("questionnaires:secure_page", args=q),
        "draft": reverse("questionnaires:response", args=[draft.pk]),
        "draft_edit": reverse("questionnaires:response_edit", args=[draft.pk]),
        "draft_history": reverse("questionnaires:response_history", args=[draft.pk]),
        "draft_attachment": reverse("questionnaires:attachment", args=[draft.pk, attachments[draft.pk].pk]),
        "posted": reverse("questionnaires:response", args=[posted.pk]),
        "posted_attachment": reverse("questionnaires:attachment", args=[posted.pk, attachments[posted.pk].pk]),
        "posted_edit": reverse("questionnaires:response_edit", args=[posted.pk]),
        "posted_history": reverse("questionnaires:response_history", args=[posted.pk]),
        "posted_send_back": reverse("questionnaires:response_send_back", args=[posted.pk]),
        "draft_pdf": reverse("questionnaires:response_pdf", args=[draft.pk, "en"]),
        "posted_pdf": reverse("questionnaires:response_pdf", args=[posted.pk, "fr"]),
        "responses_zip": reverse("questionnaires:responses_zip", args=[*q, "es"]),
        "responses_pdf": reverse("questionnaires:responses_pdf", args=[*q, "en"]),
    }
    responses_before = Response.objects.count()
    assert_answer(client_as(role).get(urls[name]), expect(expected, role))
    if name == "my_response_to_a_draft":  # a questionnaire not yet issued gets no response
        assert Response.objects.count() == responses_before


SECRETARIAT_POST = (LOGIN, 403, 403, 403, 302, 302)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("recommendation_edit", SECRETARIAT_POST),
        ("generate", SECRETARIAT_POST),
        ("status", SECRETARIAT_POST),
        ("invite", SECRETARIAT_POST),
        ("remind", SECRETARIAT_POST),
        ("retry_run", SECRETARIAT_POST),
        ("post_all", SECRETARIAT_POST),
        ("transmittal_note", SECRETARIAT_POST),
        ("response_edit", (LOGIN, 302, 404, 404, 302, 302)),
        ("response_submit", (LOGIN, 302, 404, 404, 302, 302)),
        ("response_post", (LOGIN, 403, 404, 404, 302, 302)),
        ("response_reopen", (LOGIN, 403, 404, 404, 302, 302)),
        ("attachment_delete", (LOGIN, 302, 404, 404, 302, 302)),
        ("attachment_upload", (LOGIN, 302, 404, 404, 302, 302)),
    ],
)
def test_post_permission_matrix(client_as, world, name, expected, role):
    questionnaire, draft, _posted, attachments = world
    recommendation = questionnaire.source_meeting.recommendations.first()
    run = MessageRun.objects.create(questionnaire=questionnaire, kind=MessageRun.Kind.REMINDER)
    q = ["honlac", 32]
    urls = {
        "recommendation_edit": reverse("questionnaires:recommendation_edit", args=["honlac", 31, recommendation.pk]),
        "generate": reverse("questionnaires:generate", args=q),
        "status": reverse("questionnaires:status", args=["honlac", 33]),
        "invite": reverse("questionnaires:invite", args=q),
        "remind": reverse("questionnaires:remind", args=q),
        "retry_run": reverse("questionnaires:retry_run", args=[*q, run.pk]),
        "post_all": reverse("questionnaires:post_all", args=q),
        "transmittal_note": reverse("questionnaires:transmittal_note", args=q),
        "response_edit": reverse("questionnaires:response_edit", args=[draft.pk]),
        "response_submit": reverse("questionnaires:response_submit", args=[draft.pk]),
        "response_post": reverse("questionnaires:response_post", args=[draft.pk]),
        "response_reopen": reverse("questionnaires:response_reopen", args=[draft.pk]),
        "attachment_delete": reverse("questionnaires:attachment_delete", args=[draft.pk, attachments[draft.pk].pk]),
        "attachment_upload": reverse("questionnaires:attachment_upload", args=[draft.pk]),
    }
    data = {"status": "open", "reason": "x", "number": 1, "text_en": "Changed."}
    data["version"] = Response.objects.get(pk=draft.pk).version
    for question in questionnaire.questions.all():
        data[f"status_{question.pk}"], data[f"text_{question.pk}"] = "not_yet", "Changed."
    if name == "attachment_upload":
        data["file"] = SimpleUploadedFile("more.pdf", MINIMAL_PDF)
    before = saved_data()
    response = client_as(role).post(urls[name], data)
    wanted = expect(expected, role)
    assert_answer(response, wanted)
    if wanted != 302:
        assert saved_data() == before


@pytest.mark.parametrize("role", ["own_state", "other_state", "secretariat", "admin"])
def test_secure_page_lists_only_posted_responses(client_as, world, role):
    _questionnaire, _draft, posted, _attachments = world
    page = client_as(role).get(reverse("questionnaires:secure_page", args=["honlac", 32]))
    assert list(page.context["posted"]) == [posted]


# Whether a response may change: one rule (questionnaires.rules.can_edit_response) --------------------------------

WRITERS = {"own_state", "secretariat", "admin"}
RESPONSE_STATES = [("draft", "open"), ("draft", "closed"), ("submitted", "open"), ("posted", "open")]


def ecuador_response(status, questionnaire_status):
    questionnaire = open_questionnaire(states=("ECU", "MEX", "COL"))
    response = answered(questionnaire, "ECU", submit=status != "draft", post=status == "posted")
    Questionnaire.objects.filter(pk=questionnaire.pk).update(status=questionnaire_status)
    return Response.objects.select_related("questionnaire").get(pk=response.pk)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("status", "questionnaire_status"), RESPONSE_STATES)
def test_response_is_offered_for_editing_exactly_when_the_rule_allows(
    client_as, users, status, questionnaire_status, role
):
    response = ecuador_response(status, questionnaire_status)
    editable = (status, questionnaire_status) == ("draft", "open") and role in WRITERS
    assert can_edit_response(users[role] or AnonymousUser(), response) == editable
    client = client_as(role)
    edit_url = reverse("questionnaires:response_edit", args=[response.pk])

    page = client.get(reverse("questionnaires:response", args=[response.pk]))
    if page.status_code == 200:
        assert (f'href="{edit_url}"' in page.content.decode()) == editable
    form = client.get(edit_url)
    if form.status_code == 200:
        assert form.context["editable"] == editable
    if role == "own_state":
        way_in = client.get(reverse("questionnaires:my_response", args=["honlac", 32]))
        assert way_in["Location"] == (edit_url if editable else reverse("questionnaires:response", args=[response.pk]))


@pytest.mark.parametrize(("status", "questionnaire_status"), RESPONSE_STATES)
def test_services_refuse_to_change_a_response_exactly_when_the_rule_does(db, status, questionnaire_status):
    response = ecuador_response(status, questionnaire_status)
    answers = {question.pk: ("not_yet", "Changed.") for question in response.questionnaire.questions.all()}
    if (status, questionnaire_status) == ("draft", "open"):
        responses.save_response(response, answers=answers, expected_version=response.version, by=None)
        assert set(response.answers.values_list("text", flat=True)) == {"Changed."}
    else:
        with pytest.raises(ValidationError):
            responses.save_response(response, answers=answers, expected_version=response.version, by=None)
        assert set(response.answers.values_list("text", flat=True)) == {"Measures taken."}
