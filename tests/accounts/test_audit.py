"""The audit trail: who did what and when, recorded where the actions happen (the page: test_audit_page.py)."""

import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from accounts.audit import log_action
from accounts.models import AuditEvent, OutgoingEmail, User
from questionnaires import responses, transmittal
from questionnaires.models import MessageRun
from tests import mail as flaky
from tests.factories import (
    PASSWORD,
    MeetingFactory,
    UserFactory,
    admin_user,
    answered,
    focal_point,
    open_questionnaire,
    secretariat_user,
    state,
)
from tests.helpers import MINIMAL_PDF, confirm_identity


def events(action):
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


def who_what_which(event):
    return (event.actor, event.actor_name, event.action, event.object, event.target)


# Recorded where the actions happen ----------------------------------------------------------------------------


def test_sign_in_is_recorded_with_the_user_and_address(client, db):
    user = UserFactory(username="someone")
    client.post(reverse("login"), {"username": "someone", "password": PASSWORD})
    [event] = events("user.login")
    assert who_what_which(event) == (user, "someone", "user.login", user, "someone")
    assert event.ip_address == "127.0.0.1"


def test_failed_sign_in_records_the_username_on_the_account_and_no_actor(client, db):
    user = UserFactory(username="someone")
    client.post(reverse("login"), {"username": "someone", "password": "wrong"})
    client.post(reverse("login"), {"username": "nobody", "password": "wrong"})
    tried, unknown = events("user.login_failed")
    assert who_what_which(tried) == (None, "", "user.login_failed", user, "someone")
    assert who_what_which(unknown) == (None, "", "user.login_failed", None, "nobody")
    assert unknown.details == {"username": "nobody"}
    assert not events("user.login")


def test_submission_by_the_focal_point_is_recorded(client, db):
    questionnaire = open_questionnaire()
    response = answered(questionnaire, "ECU")
    ecuador = focal_point("ECU")
    client.force_login(ecuador)
    client.post(reverse("questionnaires:response_submit", args=[response.pk]))
    [event] = events("response.submitted")
    target = "Response of Ecuador, HONLAC 32"
    assert who_what_which(event) == (ecuador, "fp-ecu", "response.submitted", response, target)
    assert event.details == {"version": 2}


def test_posting_and_reopening_by_the_secretariat_are_recorded_with_the_reason(client, db):
    questionnaire = open_questionnaire()
    response = answered(questionnaire, "ECU", submit=True)
    secretariat = secretariat_user()
    client.force_login(secretariat)
    confirm_identity(client)
    client.post(reverse("questionnaires:response_post", args=[response.pk]))
    client.post(reverse("questionnaires:response_reopen", args=[response.pk]), {"reason": "Cifras erróneas"})
    [posted] = events("response.posted")
    [reopened] = events("response.reopened")
    target = "Response of Ecuador, HONLAC 32"
    assert who_what_which(posted) == (secretariat, "secretariat", "response.posted", response, target)
    assert who_what_which(reopened) == (secretariat, "secretariat", "response.reopened", response, target)
    assert reopened.details["reason"] == "Cifras erróneas"


def test_document_created_in_the_browser_is_recorded_with_its_symbol(client, db):
    MeetingFactory(number=32)
    secretariat = secretariat_user()
    client.force_login(secretariat)
    confirm_identity(client)
    client.post(
        reverse("meetings:document_create", args=["honlac", 32]),
        {
            "kind": "note",
            "distribution": "general",
            "original_language": "en",
            "issue_date": "2024-07-01",
            "title_en": "Organization of the next meeting",
            "text_en": "One paragraph.",
            "file_fr": SimpleUploadedFile("note.pdf", MINIMAL_PDF, content_type="application/pdf"),
        },
    )
    [registered] = events("document.registered")
    document = registered.object
    target = "UNODC/HONLAC/32/2 Organization of the next meeting"
    assert who_what_which(registered) == (secretariat, "secretariat", "document.registered", document, target)
    assert document.symbol == "UNODC/HONLAC/32/2"
    assert registered.details == {
        "kind": "note",
        "distribution": "general",
        "title": "Organization of the next meeting",
        "symbol": "UNODC/HONLAC/32/2",
    }
    [attached] = events("document.file_attached")
    assert who_what_which(attached) == (secretariat, "secretariat", "document.file_attached", document, target)
    assert (attached.details["language"], attached.details["replaced"]) == ("fr", False)


def test_invitation_run_is_recorded_with_the_messages_queued_and_retried(
    client, db, settings, django_capture_on_commit_callbacks
):
    open_questionnaire()
    settings.EMAIL_BACKEND = "tests.mail.FlakyBackend"
    for code in ("ECU", "MEX", "COL"):
        focal_point(code)
    secretariat = secretariat_user()
    client.force_login(secretariat)
    confirm_identity(client)
    flaky.FAILING_ADDRESSES.update({"fp-mex@example.org", "fp-col@example.org"})
    try:
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("questionnaires:invite", args=["honlac", 32]))
    finally:
        flaky.FAILING_ADDRESSES.clear()
    [run] = MessageRun.objects.all()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("questionnaires:retry_run", args=["honlac", 32, run.pk]))
    first, second = events("messages.queued")
    assert (first.actor, first.action, first.target.split(", ")[-1]) == (secretariat, "messages.queued", "HONLAC 32")
    assert first.details == {"kind": "invitation", "count": 3}
    assert second.details == {"kind": "invitation", "count": 2, "retry": True}
    assert first.object == second.object == run


def test_role_change_in_the_admin_is_recorded_with_before_and_after(client, db):
    administrator = admin_user()
    user = focal_point("MEX")
    client.force_login(administrator)
    confirm_identity(client)
    response = client.post(
        reverse("admin:accounts_user_change", args=[user.pk]),
        {
            "username": user.username,
            "email": user.email,
            "first_name": "",
            "last_name": "",
            "is_active": "on",
            "role": User.Role.SECRETARIAT,
            "member_state": "",
            "preferred_language": "en",
            "date_joined_0": "2024-01-01",
            "date_joined_1": "09:00:00",
            "last_login_0": "",
            "last_login_1": "",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.role == User.Role.SECRETARIAT
    [event] = events("user.permissions_changed")
    assert who_what_which(event) == (administrator, "admin", "user.permissions_changed", user, "fp-mex")
    assert event.details == {
        "before": {"role": "focal_point", "member_state": "MEX"},
        "after": {"role": "secretariat", "member_state": None},
    }


def test_admin_change_that_leaves_permissions_alone_records_nothing(client, db):
    user = focal_point("MEX")
    client.force_login(admin_user())
    confirm_identity(client)
    client.post(
        reverse("admin:accounts_user_change", args=[user.pk]),
        {
            "username": user.username,
            "email": "new-address@example.org",
            "is_active": "on",
            "role": User.Role.FOCAL_POINT,
            "member_state": state("MEX").pk,
            "preferred_language": "es",
            "date_joined_0": "2024-01-01",
            "date_joined_1": "09:00:00",
        },
    )
    user.refresh_from_db()
    assert user.email == "new-address@example.org"
    assert not events("user.permissions_changed")


def test_transmittal_note_is_recorded_when_registered_and_when_generated_again(db):
    secretariat = secretariat_user()
    questionnaire = open_questionnaire()
    answered(questionnaire, "ECU", post=True)
    document = transmittal.generate_transmittal_note(questionnaire, by=secretariat)
    transmittal.generate_transmittal_note(questionnaire, by=secretariat)
    assert [(e.action, e.object) for e in AuditEvent.objects.filter(actor=secretariat).order_by("pk")] == [
        ("document.registered", document),
        ("document.regenerated", document),
    ]


def test_actions_without_a_user_are_recorded_without_actor(db):
    questionnaire = open_questionnaire()
    answered(questionnaire, "ECU", post=True)
    assert [(e.actor, e.actor_name, e.action) for e in AuditEvent.objects.order_by("pk")] == [
        (None, "", "questionnaire.generated"),
        (None, "", "response.started"),
        (None, "", "response.saved"),
        (None, "", "response.submitted"),
        (None, "", "response.posted"),
    ]


# Nothing recorded when the action fails ---------------------------------------------------------------------


def test_submission_with_a_missing_status_records_nothing(client, db):
    questionnaire = open_questionnaire()
    response = answered(questionnaire, "ECU", status="")
    client.force_login(focal_point("ECU"))
    result = client.post(reverse("questionnaires:response_submit", args=[response.pk]))
    assert result["Location"] == reverse("questionnaires:response_edit", args=[response.pk])
    assert list(AuditEvent.objects.filter(action="response.submitted")) == []


def test_action_rolled_back_leaves_no_event(db):
    questionnaire = open_questionnaire()
    response = answered(questionnaire, "ECU", submit=True)
    before = AuditEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        responses.post_response(response, by=secretariat_user())
        raise RuntimeError("the request failed after posting")
    assert AuditEvent.objects.count() == before


def test_reopening_without_a_reason_records_nothing(db):
    questionnaire = open_questionnaire()
    response = answered(questionnaire, "ECU", submit=True)
    with pytest.raises(ValidationError):
        responses.reopen_response(response, by=secretariat_user(), reason=" ")
    assert not events("response.reopened")


# Admin and queued mail ---------------------------------------------------------------------------------------


def test_audit_events_are_read_only_in_the_admin(client, db):
    event = log_action(None, "user.login", by=None, label="someone")
    client.force_login(admin_user())
    confirm_identity(client)
    assert client.get(reverse("admin:accounts_auditevent_changelist"), {"q": "someone"}).status_code == 200
    assert client.get(reverse("admin:accounts_auditevent_add")).status_code == 403
    assert client.get(reverse("admin:accounts_auditevent_delete", args=[event.pk])).status_code == 403
    client.post(reverse("admin:accounts_auditevent_change", args=[event.pk]), {"target": "changed"})
    event.refresh_from_db()
    assert event.target == "someone"


def queued(status, to):
    return OutgoingEmail.objects.create(to=to, subject="Subject", body="Text", status=status)


def test_admin_queues_the_selected_failed_emails_again(client, db, django_capture_on_commit_callbacks):
    failed, sent = queued("failed", "a@example.org"), queued("sent", "b@example.org")
    client.force_login(admin_user())
    confirm_identity(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:accounts_outgoingemail_changelist"),
            {"action": "send_again", "_selected_action": [failed.pk, sent.pk]},
            follow=True,
        )
    assert [str(message) for message in response.context["messages"]] == ["1 failed email was queued again."]
    assert [message.to for message in mail.outbox] == [["a@example.org"]]
    failed.refresh_from_db()
    assert failed.status == OutgoingEmail.Status.SENT


def test_send_queued_mail_sends_queued_emails_only(db):
    queued("queued", "queued@example.org")
    queued("failed", "failed@example.org")
    already = queued("sent", "sent@example.org")
    output = io.StringIO()
    call_command("send_queued_mail", stdout=output)
    assert output.getvalue().strip() == "1 sent, 0 failed"
    assert [message.to for message in mail.outbox] == [["queued@example.org"]]
    assert dict(OutgoingEmail.objects.values_list("to", "status")) == {
        "queued@example.org": "sent",
        "failed@example.org": "failed",
        "sent@example.org": "sent",
    }
    already.refresh_from_db()
    assert already.attempts == 0


def test_focal_point_invitation_email_goes_after_commit(client, db, django_capture_on_commit_callbacks):
    from accounts.services import invite_focal_point

    secretariat = secretariat_user()
    with django_capture_on_commit_callbacks(execute=True):
        invite_focal_point(
            username="new-fp",
            email="new-fp@example.org",
            member_state=state("ECU"),
            preferred_language="es",
            by=secretariat,
            base_url="https://portal.example.org",
        )
    assert [message.to for message in mail.outbox] == [["new-fp@example.org"]]
    [event] = events("user.invited")
    assert who_what_which(event) == (secretariat, "secretariat", "user.invited", event.object, "new-fp")
    assert event.object.username == "new-fp"
