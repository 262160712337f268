"""The questionnaire cycle driven through the test client, as the secretariat and focal points use it."""

import io
import re

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import OutgoingEmail
from questionnaires.models import Attachment, MessageRun, Response
from tests import mail as flaky
from tests.factories import answered, focal_point, open_questionnaire, secretariat_user
from tests.helpers import MINIMAL_PDF, pdf_text

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40


def form_data(questionnaire, *, version, status="implemented", text="Measures taken."):
    data = {"version": version}
    for question in questionnaire.questions.all():
        if question.recommendation_id:
            data[f"status_{question.pk}"] = status
        data[f"text_{question.pk}"] = text
    return data


@pytest.fixture
def questionnaire(db):
    return open_questionnaire(states=("ECU", "MEX", "COL"))


def test_golden_path_draft_attach_submit_post_and_read(client, questionnaire):
    ecuador, mexico, secretariat = focal_point("ECU"), focal_point("MEX"), secretariat_user()
    meeting = questionnaire.meeting

    client.force_login(ecuador)
    edit_url = client.get(reverse("questionnaires:my_response", args=["honlac", 32]))["Location"]
    response = Response.objects.get(member_state__code="ECU")
    assert edit_url == reverse("questionnaires:response_edit", args=[response.pk])
    saved = client.post(edit_url, {**form_data(questionnaire, version=0, text="Un sistema de alerta."), "save": ""})
    assert saved.status_code == 302
    upload = client.post(
        reverse("questionnaires:attachment_upload", args=[response.pk]),
        {"file": SimpleUploadedFile("ley.pdf", MINIMAL_PDF, content_type="application/pdf")},
    )
    assert upload.status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.original_name, attachment.content_type) == ("ley.pdf", "application/pdf")
    response.refresh_from_db()
    saved = client.post(edit_url, {**form_data(questionnaire, version=response.version), "submit": ""})
    assert saved["Location"] == reverse("questionnaires:response_submit", args=[response.pk])  # to confirm
    response.refresh_from_db()
    assert response.status == Response.Status.DRAFT
    submitted = client.post(saved["Location"], {"version": response.version})
    assert submitted["Location"] == reverse("questionnaires:response", args=[response.pk])
    response.refresh_from_db()
    assert response.status == Response.Status.SUBMITTED

    client.force_login(mexico)
    assert client.get(reverse("questionnaires:response", args=[response.pk])).status_code == 404

    client.force_login(secretariat)
    client.post(reverse("questionnaires:post_all", args=["honlac", 32]))
    response.refresh_from_db()
    assert response.status == Response.Status.POSTED

    client.force_login(mexico)
    secure = client.get(reverse("questionnaires:secure_page", args=["honlac", meeting.number]))
    assert [r.member_state.code for r in secure.context["posted"]] == ["ECU"]
    page = client.get(reverse("questionnaires:response", args=[response.pk])).content.decode()
    assert "Measures taken." in page
    download = client.get(reverse("questionnaires:attachment", args=[response.pk, attachment.pk]))
    assert b"".join(download.streaming_content) == MINIMAL_PDF


def test_other_state_gets_404_for_a_draft_and_its_attachments_at_every_url(client, questionnaire):
    colombia = answered(questionnaire, "COL")
    client.force_login(focal_point("COL"))
    client.post(
        reverse("questionnaires:attachment_upload", args=[colombia.pk]),
        {"file": SimpleUploadedFile("borrador.png", PNG, content_type="image/png")},
    )
    attachment = Attachment.objects.get()
    client.force_login(focal_point("MEX"))
    gets = [
        reverse("questionnaires:response", args=[colombia.pk]),
        reverse("questionnaires:response_edit", args=[colombia.pk]),
        reverse("questionnaires:response_history", args=[colombia.pk]),
        reverse("questionnaires:attachment", args=[colombia.pk, attachment.pk]),
    ]
    posts = [
        reverse("questionnaires:response_edit", args=[colombia.pk]),
        reverse("questionnaires:response_submit", args=[colombia.pk]),
        reverse("questionnaires:attachment_upload", args=[colombia.pk]),
        reverse("questionnaires:attachment_delete", args=[colombia.pk, attachment.pk]),
        reverse("questionnaires:response_reopen", args=[colombia.pk]),
        reverse("questionnaires:response_post", args=[colombia.pk]),
    ]
    assert [client.get(url).status_code for url in gets] == [404] * len(gets)
    assert [client.post(url, {"version": 1}).status_code for url in posts] == [404] * len(posts)
    colombia.refresh_from_db()
    assert colombia.status == Response.Status.DRAFT
    assert Attachment.objects.count() == 1


def test_second_save_from_the_same_version_is_refused_and_both_texts_survive(client, questionnaire):
    response = Response.objects.create(questionnaire=questionnaire, member_state_id=focal_point("ECU").member_state_id)
    first, second = focal_point("ECU", "fp-ecu-1"), focal_point("ECU", "fp-ecu-2")
    url = reverse("questionnaires:response_edit", args=[response.pk])
    client.force_login(first)
    assert (
        client.post(url, {**form_data(questionnaire, version=0, text="Texto de la primera"), "save": ""}).status_code
        == 302
    )
    client.force_login(second)
    refused = client.post(url, {**form_data(questionnaire, version=0, text="Texto de la segunda"), "save": ""})
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "fp-ecu-1" in page and "after you opened it" in page
    assert "Texto de la segunda" in page  # what the second typed is still in the form
    assert "Texto de la primera" in page  # and what the first saved is shown
    assert set(response.answers.values_list("text", flat=True)) == {"Texto de la primera"}
    assert refused.context["form"]["version"].value() == 1
    again = client.post(url, {**form_data(questionnaire, version=1, text="Texto de la segunda"), "save": ""})
    assert again.status_code == 302
    assert set(response.answers.values_list("text", flat=True)) == {"Texto de la segunda"}


def test_text_typed_when_the_session_expired_is_kept_until_sign_in(client, questionnaire):
    ecuador = focal_point("ECU")
    response = Response.objects.create(questionnaire=questionnaire, member_state=ecuador.member_state)
    url = reverse("questionnaires:response_edit", args=[response.pk])
    client.post(reverse("login"), {"username": ecuador.username, "password": "a-test-password"})
    Session.objects.all().delete()  # the session expires; the browser keeps its sign-in marker
    expired = client.post(url, {**form_data(questionnaire, version=0, text="Escrito antes de expirar"), "save": ""})
    assert expired.status_code == 302 and "/accounts/login/" in expired["Location"]
    client.post(reverse("login"), {"username": ecuador.username, "password": "a-test-password"})
    page = client.get(url).content.decode()
    assert "Escrito antes de expirar" in page
    assert not response.answers.exists()  # shown again, not saved behind the user's back


def test_validation_error_keeps_what_was_typed(client, questionnaire):
    ecuador = focal_point("ECU")
    response = Response.objects.create(questionnaire=questionnaire, member_state=ecuador.member_state)
    client.force_login(ecuador)
    data = form_data(questionnaire, version=0, status="not_a_status", text="Lo que escribí")
    result = client.post(reverse("questionnaires:response_edit", args=[response.pk]), {**data, "save": ""})
    assert result.status_code == 400
    assert "Lo que escribí" in result.content.decode()


def test_submit_without_every_status_is_refused(client, questionnaire):
    ecuador = focal_point("ECU")
    response = Response.objects.create(questionnaire=questionnaire, member_state=ecuador.member_state)
    client.force_login(ecuador)
    data = form_data(questionnaire, version=0)
    unanswered = next(key for key in data if key.startswith("status_"))
    data.pop(unanswered)
    question = questionnaire.questions.get(pk=unanswered.removeprefix("status_"))
    result = client.post(reverse("questionnaires:response_edit", args=[response.pk]), {**data, "submit": ""})
    response.refresh_from_db()
    assert result.status_code == 400
    assert response.status == Response.Status.DRAFT
    assert result.context["missing"] == {question.pk}
    number = question.recommendation.number
    link = f'<a class="alert-link" href="#question-{question.pk}">Recommendation {number}: no status given</a>'
    assert link in result.content.decode()


def test_secretariat_reopens_with_a_reason(client, questionnaire):
    response = answered(questionnaire, "ECU", post=True)
    client.force_login(secretariat_user())
    client.post(reverse("questionnaires:response_reopen", args=[response.pk]), {"reason": "Cifras erróneas"})
    response.refresh_from_db()
    assert response.status == Response.Status.DRAFT
    history = client.get(reverse("questionnaires:response_history", args=[response.pk]))
    assert [v.event for v in history.context["versions"]] == ["reopened", "posted", "submitted", "saved"]
    assert "Cifras erróneas" in history.content.decode()


def test_versions_compare_shows_what_changed(client, questionnaire):
    ecuador = focal_point("ECU")
    response = answered(questionnaire, "ECU", text="Antes")
    question = questionnaire.questions.first()
    from questionnaires import responses

    responses.save_response(response, answers={question.pk: ("partially", "Después")}, expected_version=1, by=ecuador)
    versions = list(response.versions.order_by("number"))
    client.force_login(ecuador)
    page = client.get(
        reverse("questionnaires:response_history", args=[response.pk]),
        {"from": versions[0].pk, "to": versions[1].pk},
    )
    assert [(q.pk, old["text"], new["text"]) for q, old, new in page.context["comparison"]] == [
        (question.pk, "Antes", "Después")
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.pdf", b"MZ\x90\x00\x03 executable", "This kind of file is not accepted."),
        ("page.png", b"<html><script>alert(1)</script></html>", "This kind of file is not accepted."),
    ],
)
def test_attachment_of_a_wrong_type_is_refused(client, questionnaire, name, content, message):
    ecuador = focal_point("ECU")
    response = Response.objects.create(questionnaire=questionnaire, member_state=ecuador.member_state)
    client.force_login(ecuador)
    result = client.post(
        reverse("questionnaires:attachment_upload", args=[response.pk]),
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )
    assert message in result.content.decode()
    assert not Attachment.objects.exists()


def test_attachment_over_the_limit_is_refused(client, questionnaire, settings):
    settings.FILE_UPLOAD_MAX_SIZE = 100
    ecuador = focal_point("ECU")
    response = Response.objects.create(questionnaire=questionnaire, member_state=ecuador.member_state)
    client.force_login(ecuador)
    result = client.post(
        reverse("questionnaires:attachment_upload", args=[response.pk]),
        {"file": SimpleUploadedFile("big.pdf", MINIMAL_PDF + b"%" * 200)},
        follow=True,
    )
    assert "The file is too large" in result.content.decode()
    assert not Attachment.objects.exists()


def test_script_typed_in_measures_taken_is_shown_as_text(client, questionnaire):
    response = answered(questionnaire, "ECU", text="<script>alert('x')</script>", post=True)
    client.force_login(focal_point("MEX"))
    page = client.get(reverse("questionnaires:response", args=[response.pk])).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


def test_failed_invitations_are_sent_by_retry_and_never_twice(
    client, questionnaire, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.mail.FlakyBackend"
    for code in ("ECU", "MEX", "COL"):
        focal_point(code)
    client.force_login(secretariat_user())
    flaky.FAILING_ADDRESSES.update({"fp-mex@example.org", "fp-col@example.org"})
    try:
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("questionnaires:invite", args=["honlac", 32]))
    finally:
        flaky.FAILING_ADDRESSES.clear()
    assert [m.to for m in mail.outbox] == [["fp-ecu@example.org"]]
    failed = OutgoingEmail.objects.filter(status="failed")
    assert sorted(failed.values_list("to", flat=True)) == ["fp-col@example.org", "fp-mex@example.org"]
    assert "refused" in failed.first().error
    [run] = MessageRun.objects.all()
    page = client.get(reverse("questionnaires:dashboard", args=["honlac", 32]))
    assert [(r.queued, r.sent, r.failed) for r in page.context["runs"]] == [(0, 1, 2)]
    assert "Retry the failed" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("questionnaires:retry_run", args=["honlac", 32, run.pk]))
    assert sorted(m.to[0] for m in mail.outbox) == ["fp-col@example.org", "fp-ecu@example.org", "fp-mex@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("questionnaires:invite", args=["honlac", 32]))
        client.post(reverse("questionnaires:retry_run", args=["honlac", 32, run.pk]))
    assert len(mail.outbox) == 3
    invitation = mail.outbox[0]
    assert invitation.attachments[0][2] == "application/pdf"
    assert "/meetings/honlac/32/questionnaire/response/" in invitation.body
    page = client.get(reverse("questionnaires:dashboard", args=["honlac", 32]))
    assert [(r.queued, r.sent, r.failed) for r in page.context["runs"]] == [(0, 3, 0)]
    assert "Retry the failed" not in page.content.decode()


def test_invitation_is_in_the_preferred_language(client, questionnaire, django_capture_on_commit_callbacks):
    focal = focal_point("MEX")
    focal.preferred_language = "es"
    focal.save()
    client.force_login(secretariat_user())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("questionnaires:invite", args=["honlac", 32]))
    assert "Trigésima Segunda Reunión" in mail.outbox[0].subject
    assert mail.outbox[0].attachments[0][0].endswith("-es.pdf")
    _reader, text = pdf_text(mail.outbox[0].attachments[0][1])
    assert "Trigésima Segunda Reunión" in text


def test_reminders_go_only_to_states_that_have_not_submitted(client, questionnaire, django_capture_on_commit_callbacks):
    for code in ("ECU", "MEX", "COL"):
        focal_point(code)
    answered(questionnaire, "ECU", submit=True)
    answered(questionnaire, "MEX", post=True)
    client.force_login(secretariat_user())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("questionnaires:remind", args=["honlac", 32]))
    # Beside the receipts of the submissions (questionnaires.receipts).
    reminders = [m for m in mail.outbox if m.subject.startswith("Reminder")]
    assert [m.to for m in reminders] == [["fp-col@example.org"]]
    assert reminders[0].attachments == []


def test_exports_neutralize_formulas(client, questionnaire):
    answered(questionnaire, "ECU", text='=HYPERLINK("http://evil")', post=True)
    answered(questionnaire, "MEX", text="@SUM(A1)", submit=True)
    client.force_login(secretariat_user())
    csv_text = client.get(reverse("questionnaires:export", args=["honlac", 32, "csv"])).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and "'@SUM(A1)" in csv_text
    assert not re.search(r'(^|,)"?[=@]', csv_text, re.MULTILINE)
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("questionnaires:export", args=["honlac", 32, "xlsx"])).content)
    )
    cells = [cell for row in workbook.active.iter_rows() for cell in row]
    typed = {(cell.value, cell.data_type, cell.quotePrefix) for cell in cells if isinstance(cell.value, str)}
    assert {('=HYPERLINK("http://evil")', "s", True), ("@SUM(A1)", "s", True)} <= typed
    assert not [cell for cell in cells if cell.data_type == "f"]
    assert len(list(workbook.active.iter_rows())) == 1 + 2 * 3


def test_dashboard_shows_each_state_and_the_summary(client, questionnaire):
    answered(questionnaire, "ECU", status="implemented", post=True)
    answered(questionnaire, "MEX", status="not_yet", submit=True)
    client.force_login(secretariat_user())
    page = client.get(reverse("questionnaires:dashboard", args=["honlac", 32]))
    statuses = {state.code: (response.status if response else None) for state, response in page.context["statuses"]}
    assert statuses == {"ECU": "posted", "MEX": "submitted", "COL": None}
    assert [row["counts"] for row in page.context["summary"]] == [[1, 0, 1, 0]] * 3


def test_transmittal_note_generated_from_the_dashboard(client, questionnaire):
    answered(questionnaire, "ECU", post=True)
    client.force_login(secretariat_user())
    result = client.post(reverse("questionnaires:transmittal_note", args=["honlac", 32]))
    questionnaire.refresh_from_db()
    document = questionnaire.transmittal_note
    assert result["Location"] == document.get_absolute_url()
    assert document.symbol == "UNODC/HONLAC/32/2"


def test_my_response_opens_the_form_for_a_draft_and_the_page_once_submitted(client, questionnaire):
    ecuador = focal_point("ECU")
    client.force_login(ecuador)
    url = reverse("questionnaires:my_response", args=["honlac", 32])
    response = Response.objects.get(pk=services_response(questionnaire, ecuador).pk)
    assert client.get(url)["Location"] == reverse("questionnaires:response_edit", args=[response.pk])
    answered(questionnaire, "ECU", submit=True)
    assert client.get(url)["Location"] == reverse("questionnaires:response", args=[response.pk])


def services_response(questionnaire, user):
    from questionnaires import responses

    return responses.response_for(questionnaire, user.member_state, by=None)


def test_response_language_defaults_to_the_page_language_and_is_chosen_on_the_form(client, questionnaire):
    ecuador = focal_point("ECU")
    response = Response.objects.create(questionnaire=questionnaire, member_state=ecuador.member_state)
    url = reverse("questionnaires:response_edit", args=[response.pk])
    client.force_login(ecuador)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    form = client.get(url).context["form"]
    assert form["language"].value() == "fr"
    assert [code for code, _label in form.fields["language"].choices] == ["en", "fr", "es"]

    saved = client.post(url, {**form_data(questionnaire, version=0), "language": "es", "save": ""})

    assert saved.status_code == 302
    response.refresh_from_db()
    assert response.language == "es"
    assert response.versions.get().snapshot["language"] == "es"
    assert client.get(url).context["form"]["language"].value() == "es"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("questionnaires:response", args=[response.pk])).content.decode()
    assert "Language of the response: Spanish" in re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page))


def test_response_language_defaults_to_the_original_language_outside_the_working_languages(client, questionnaire):
    body = questionnaire.meeting.body
    body.working_languages, body.original_language = ["en", "es"], "es"
    body.save()
    ecuador = focal_point("ECU")
    response = Response.objects.create(questionnaire=questionnaire, member_state=ecuador.member_state)
    url = reverse("questionnaires:response_edit", args=[response.pk])
    client.force_login(ecuador)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert client.get(url).context["form"]["language"].value() == "es"

    refused = client.post(url, {**form_data(questionnaire, version=0), "language": "fr", "save": ""})

    assert refused.status_code == 400
    response.refresh_from_db()
    assert (response.language, response.version) == ("", 0)
    saved = client.post(url, {**form_data(questionnaire, version=0), "save": ""})  # a form of before the field
    assert saved.status_code == 302
    response.refresh_from_db()
    assert response.language == "es"
