"""The audit trail: who did what and when, recorded where the actions happen, and the page that shows it."""

import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent, OutgoingEmail, User
from accounts.services import record
from agendas import services as agenda_services
from agendas.models import Agenda, HostOffer
from questionnaires import services
from questionnaires.models import Questionnaire
from tests import mail as flaky
from tests.factories import (
    PASSWORD,
    BodyFactory,
    MeetingFactory,
    UserFactory,
    admin_user,
    answered,
    focal_point,
    open_questionnaire,
    secretariat_user,
    state,
)
from tests.helpers import MINIMAL_PDF

Action = AuditEvent.Action


def events(action):
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


def who_what_which(event):
    return (event.actor, event.actor_name, event.action, event.target)


# Recorded where the actions happen ----------------------------------------------------------------------------


def test_sign_in_is_recorded_with_the_user_and_address(client, db):
    user = UserFactory(username="someone")
    client.post(reverse("login"), {"username": "someone", "password": PASSWORD})
    [event] = events(Action.LOGIN)
    assert who_what_which(event) == (user, "someone", Action.LOGIN, "someone")
    assert event.ip_address == "127.0.0.1"


def test_failed_sign_in_records_the_username_and_no_actor(client, db):
    UserFactory(username="someone")
    client.post(reverse("login"), {"username": "someone", "password": "wrong"})
    [event] = events(Action.LOGIN_FAILED)
    assert who_what_which(event) == (None, "someone", Action.LOGIN_FAILED, "someone")
    assert not events(Action.LOGIN)


def test_submission_by_the_focal_point_is_recorded(client, db):
    questionnaire = open_questionnaire()
    response = answered(questionnaire, "ECU")
    ecuador = focal_point("ECU")
    client.force_login(ecuador)
    client.post(reverse("questionnaires:response_submit", args=[response.pk]))
    [event] = events(Action.RESPONSE_SUBMITTED)
    assert who_what_which(event) == (ecuador, "fp-ecu", Action.RESPONSE_SUBMITTED, "Response of Ecuador, HONLAC 32")
    assert event.details == {"response": response.pk, "version": 2}


def test_posting_and_reopening_by_the_secretariat_are_recorded_with_the_reason(client, db):
    questionnaire = open_questionnaire()
    response = answered(questionnaire, "ECU", submit=True)
    secretariat = secretariat_user()
    client.force_login(secretariat)
    client.post(reverse("questionnaires:response_post", args=[response.pk]))
    client.post(reverse("questionnaires:response_reopen", args=[response.pk]), {"reason": "Cifras erróneas"})
    [posted] = events(Action.RESPONSE_POSTED)
    [reopened] = events(Action.RESPONSE_REOPENED)
    target = "Response of Ecuador, HONLAC 32"
    assert who_what_which(posted) == (secretariat, "secretariat", Action.RESPONSE_POSTED, target)
    assert who_what_which(reopened) == (secretariat, "secretariat", Action.RESPONSE_REOPENED, target)
    assert reopened.details["reason"] == "Cifras erróneas"


def test_document_created_in_the_browser_is_recorded_with_its_symbol(client, db):
    MeetingFactory(number=32)
    secretariat = secretariat_user()
    client.force_login(secretariat)
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
    [issued] = events(Action.DOCUMENT_ISSUED)
    assert who_what_which(issued) == (secretariat, "secretariat", Action.DOCUMENT_ISSUED, "UNODC/HONLAC/32/1")
    assert issued.details == {"kind": "note", "distribution": "general", "title": "Organization of the next meeting"}
    [changed] = events(Action.DOCUMENT_CHANGED)
    assert who_what_which(changed) == (secretariat, "secretariat", Action.DOCUMENT_CHANGED, "UNODC/HONLAC/32/1")
    assert (changed.details["language"], changed.details["replaced"]) == ("fr", False)


def test_invitation_run_is_recorded_with_the_counts_sent_and_failed(client, db, settings):
    open_questionnaire()
    settings.EMAIL_BACKEND = "tests.mail.FlakyBackend"
    for code in ("ECU", "MEX", "COL"):
        focal_point(code)
    secretariat = secretariat_user()
    client.force_login(secretariat)
    flaky.FAILING_ADDRESSES.update({"fp-mex@example.org", "fp-col@example.org"})
    try:
        client.post(reverse("questionnaires:invite", args=["honlac", 32]))
    finally:
        flaky.FAILING_ADDRESSES.clear()
    client.post(reverse("questionnaires:invite", args=["honlac", 32]))
    first, second = events(Action.MESSAGES_SENT)
    assert who_what_which(first) == (secretariat, "secretariat", Action.MESSAGES_SENT, "Invitation run, HONLAC 32")
    assert (first.details["sent"], first.details["failed"]) == (1, 2)
    assert (second.details["sent"], second.details["failed"]) == (2, 0)
    assert first.details["run"] == second.details["run"]


def test_role_change_in_the_admin_is_recorded_with_before_and_after(client, db):
    administrator = admin_user()
    user = focal_point("MEX")
    client.force_login(administrator)
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
    [event] = events(Action.PERMISSIONS)
    assert who_what_which(event) == (administrator, "admin", Action.PERMISSIONS, "fp-mex")
    assert event.details == {
        "before": {"role": "focal_point", "member_state": "MEX"},
        "after": {"role": "secretariat", "member_state": None},
    }


def test_admin_change_that_leaves_permissions_alone_records_nothing(client, db):
    user = focal_point("MEX")
    client.force_login(admin_user())
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
    assert not events(Action.PERMISSIONS)


def test_services_record_the_user_who_acted(db):
    secretariat = secretariat_user()
    questionnaire = open_questionnaire()
    services.set_questionnaire_status(questionnaire, status=Questionnaire.Status.CLOSED, by=secretariat)
    agenda = Agenda.objects.create(meeting=questionnaire.meeting)
    agenda_services.set_agenda_status(agenda, status=Agenda.Status.PROVISIONAL, by=secretariat)
    body = BodyFactory()
    body.member_states.add(state("COL"))
    offer = agenda_services.record_offer(
        body, member_state=state("COL"), meeting_number=33, offered_on=datetime.date(2024, 5, 2), by=secretariat
    )
    agenda_services.set_offer_status(offer, status=HostOffer.Status.ACCEPTED, by=secretariat)
    assert [(e.actor, e.action, e.target) for e in AuditEvent.objects.order_by("pk")] == [
        (secretariat, Action.QUESTIONNAIRE, "Questionnaire, HONLAC 32"),
        (secretariat, Action.DOCUMENT_ISSUED, "UNODC/HONLAC/32/1"),
        (secretariat, Action.AGENDA, "Agenda, HONLAC 32"),
        (secretariat, Action.OFFER, "Offer of Colombia, HONLAC"),
        (secretariat, Action.OFFER, "Offer of Colombia, HONLAC"),
    ]
    assert AuditEvent.objects.filter(action=Action.AGENDA).get().details == {
        "previous_status": "draft",
        "status": "provisional",
        "document": "UNODC/HONLAC/32/1",
    }
    assert events(Action.OFFER)[1].details["status"] == "accepted"


def test_transmittal_note_is_recorded_when_issued_and_when_generated_again(db):
    secretariat = secretariat_user()
    questionnaire = open_questionnaire()
    answered(questionnaire, "ECU", post=True)
    document = services.generate_transmittal_note(questionnaire, by=secretariat)
    services.generate_transmittal_note(questionnaire, by=secretariat)
    assert [(e.actor, e.action, e.target) for e in AuditEvent.objects.filter(actor=secretariat).order_by("pk")] == [
        (secretariat, Action.DOCUMENT_ISSUED, document.symbol),
        (secretariat, Action.DOCUMENT_CHANGED, document.symbol),
    ]


def test_actions_without_a_user_are_recorded_without_actor(db):
    questionnaire = open_questionnaire()
    answered(questionnaire, "ECU", post=True)
    assert [(e.actor, e.actor_name, e.action) for e in AuditEvent.objects.order_by("pk")] == [
        (None, "", Action.RESPONSE_SUBMITTED),
        (None, "", Action.RESPONSE_POSTED),
    ]


# Nothing recorded when the action fails ---------------------------------------------------------------------


def test_submission_with_a_missing_status_records_nothing(client, db):
    questionnaire = open_questionnaire()
    response = answered(questionnaire, "ECU", status="")
    client.force_login(focal_point("ECU"))
    result = client.post(reverse("questionnaires:response_submit", args=[response.pk]))
    assert result["Location"] == reverse("questionnaires:response_edit", args=[response.pk])
    assert not AuditEvent.objects.exclude(action=Action.LOGIN).exists()


def test_action_rolled_back_leaves_no_event(db):
    questionnaire = open_questionnaire()
    response = answered(questionnaire, "ECU", submit=True)
    before = AuditEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.post_response(response, by=secretariat_user())
        raise RuntimeError("the request failed after posting")
    assert AuditEvent.objects.count() == before


def test_reopening_without_a_reason_records_nothing(db):
    questionnaire = open_questionnaire()
    response = answered(questionnaire, "ECU", submit=True)
    with pytest.raises(ValidationError):
        services.reopen_response(response, by=secretariat_user(), reason=" ")
    assert not events(Action.RESPONSE_REOPENED)


# The page ------------------------------------------------------------------------------------------------------


def page(client, **filters):
    return client.get(reverse("audit_trail"), filters)


def test_secretariat_reads_the_events_newest_first(client, db):
    secretariat = secretariat_user()
    client.force_login(secretariat)
    record(Action.RESPONSE_SUBMITTED, actor=focal_point("ECU"), target="Response of Ecuador, HONLAC 32", version=3)
    record(Action.RESPONSE_REOPENED, actor=secretariat, target="Response of Ecuador, HONLAC 32", reason="<b>x")
    result = page(client)
    assert result.status_code == 200
    assert [(e.actor_name, e.action) for e in result.context["events"]] == [
        ("secretariat", Action.RESPONSE_REOPENED),
        ("fp-ecu", Action.RESPONSE_SUBMITTED),
        ("secretariat", Action.LOGIN),
    ]
    content = result.content.decode()
    assert "Response reopened" in content
    assert "Response of Ecuador, HONLAC 32" in content
    assert "&lt;b&gt;x" in content
    assert "<b>x" not in content


def test_audit_trail_filters_by_action_and_by_user(client, db):
    ecuador, mexico = focal_point("ECU"), focal_point("MEX")
    record(Action.RESPONSE_SUBMITTED, actor=ecuador, target="Response of Ecuador, HONLAC 32")
    record(Action.RESPONSE_SUBMITTED, actor=mexico, target="Response of Mexico, HONLAC 32")
    record(Action.LOGIN, actor=mexico, target="fp-mex")
    client.force_login(secretariat_user())
    by_action = page(client, action=Action.RESPONSE_SUBMITTED)
    assert sorted(e.target for e in by_action.context["events"]) == [
        "Response of Ecuador, HONLAC 32",
        "Response of Mexico, HONLAC 32",
    ]
    by_user = page(client, user="MEX")
    assert [e.action for e in by_user.context["events"]] == [Action.LOGIN, Action.RESPONSE_SUBMITTED]
    both = page(client, user="fp-mex", action=Action.LOGIN)
    assert [e.target for e in both.context["events"]] == ["fp-mex"]


def test_audit_trail_filters_by_dates(client, db):
    for day in (1, 10, 20):
        event = record(Action.LOGIN, target=f"day {day}")
        AuditEvent.objects.filter(pk=event.pk).update(at=timezone.make_aware(datetime.datetime(2024, 3, day, 12, 0)))
    client.force_login(secretariat_user())
    result = page(client, action=Action.LOGIN, date_from="2024-03-05", date_to="2024-03-10")
    assert [e.target for e in result.context["events"]] == ["day 10"]


def test_pagination_links_keep_the_filters(client, db):
    client.force_login(secretariat_user())
    for index in range(54):
        record(Action.LOGIN, target=f"user{index}")
    result = page(client, action=Action.LOGIN)
    assert len(result.context["events"]) == 50
    assert "?action=login&amp;page=2" in result.content.decode()
    second = page(client, action=Action.LOGIN, page=2)
    assert len(second.context["events"]) == 5


def test_focal_point_is_refused_the_audit_trail(client, db):
    client.force_login(focal_point("ECU"))
    assert page(client).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, db):
    result = page(client)
    assert result.status_code == 302
    assert result["Location"] == "/accounts/login/?next=/audit/"


def test_navbar_links_to_the_audit_trail_for_the_secretariat_only(client, db):
    client.force_login(secretariat_user())
    assert reverse("audit_trail") in client.get(reverse("meetings:home")).content.decode()
    client.force_login(focal_point("ECU"))
    assert reverse("audit_trail") not in client.get(reverse("meetings:home")).content.decode()


AUDIT_TRAIL_QUERIES = 9  # with 5 events as with 60


def test_audit_trail_queries_do_not_grow_with_the_events(client, db, django_assert_max_num_queries):
    secretariat = secretariat_user()
    client.force_login(secretariat)

    for count in (5, 60):
        for index in range(AuditEvent.objects.count(), count):
            record(Action.RESPONSE_POSTED, actor=secretariat, target=f"Response {index}", version=index)
        with django_assert_max_num_queries(AUDIT_TRAIL_QUERIES):
            assert page(client).status_code == 200


# Admin and queued mail ---------------------------------------------------------------------------------------


def test_audit_events_are_read_only_in_the_admin(client, db):
    event = record(Action.LOGIN, target="someone")
    client.force_login(admin_user())
    assert client.get(reverse("admin:accounts_auditevent_changelist"), {"q": "someone"}).status_code == 200
    assert client.get(reverse("admin:accounts_auditevent_add")).status_code == 403
    assert client.get(reverse("admin:accounts_auditevent_delete", args=[event.pk])).status_code == 403
    client.post(reverse("admin:accounts_auditevent_change", args=[event.pk]), {"target": "changed"})
    event.refresh_from_db()
    assert event.target == "someone"


def queued(status, to):
    return OutgoingEmail.objects.create(to=to, subject="Subject", body="Text", status=status)


def test_admin_sends_selected_emails_again(client, db):
    failed, sent = queued("failed", "a@example.org"), queued("sent", "b@example.org")
    client.force_login(admin_user())
    client.post(
        reverse("admin:accounts_outgoingemail_changelist"),
        {"action": "send_again", "_selected_action": [failed.pk, sent.pk]},
    )
    assert [message.to for message in mail.outbox] == [["a@example.org"]]
    failed.refresh_from_db()
    assert failed.status == OutgoingEmail.Status.SENT


def test_send_queued_mail_sends_pending_and_failed_emails_only(db):
    queued("pending", "pending@example.org")
    queued("failed", "failed@example.org")
    already = queued("sent", "sent@example.org")
    output = io.StringIO()
    call_command("send_queued_mail", stdout=output)
    assert output.getvalue().strip() == "2 sent, 0 failed"
    assert sorted(message.to[0] for message in mail.outbox) == ["failed@example.org", "pending@example.org"]
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"sent"}
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
    [event] = events(Action.USER_INVITED)
    assert who_what_which(event) == (secretariat, "secretariat", Action.USER_INVITED, "new-fp")
