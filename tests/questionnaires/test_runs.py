import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks import task_backends

from accounts.mail import send_outbox
from accounts.models import OutgoingEmail
from meetings.models import Meeting, MemberState
from questionnaires.models import MessageRun, Questionnaire
from questionnaires.services import generate_questionnaire
from tests import mail as backends
from tests.factories import (
    MeetingFactory,
    answered,
    focal_point,
    open_questionnaire,
    recommendations_for,
    secretariat_user,
)

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def questionnaire(db):
    return open_questionnaire()


def test_reminders_reach_a_state_that_answered_an_earlier_questionnaire_only(
    client, questionnaire, django_capture_on_commit_callbacks
):
    for code in ("ECU", "MEX", "COL"):
        focal_point(code)
    recommendations_for(questionnaire.meeting)
    later = generate_questionnaire(MeetingFactory(number=33, status=Meeting.Status.PLANNED), by=None)
    later.deadline, later.status = datetime.date(2025, 6, 30), Questionnaire.Status.OPEN
    later.save()
    answered(questionnaire, "ECU", submit=True)
    answered(questionnaire, "MEX", post=True)
    answered(later, "ECU")  # a draft, not submitted
    answered(later, "COL", submit=True)
    client.force_login(secretariat_user())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("questionnaires:remind", args=["honlac", 33]))
    reminders = [m for m in mail.outbox if m.subject.startswith("Reminder")]  # beside the receipts
    assert sorted(m.to[0] for m in reminders) == ["fp-ecu@example.org", "fp-mex@example.org"]


def test_invitations_are_queued_in_the_request_and_sent_after_it(
    client, questionnaire, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DUMMY_TASKS
    for code in ("ECU", "MEX", "COL"):
        focal_point(code)
    client.force_login(secretariat_user())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("questionnaires:invite", args=["honlac", 32]), follow=True)
    assert mail.outbox == []
    assert [str(m) for m in response.context["messages"]] == [
        "3 messages were queued; they are sent in the background, and their progress is shown below."
    ]
    assert OutgoingEmail.objects.filter(status="queued").count() == 3
    assert [result.task.name for result in task_backends["default"].results] == ["send_outbox"]
    page = client.get(reverse("questionnaires:dashboard", args=["honlac", 32]))
    assert [(run.queued, run.sent, run.failed) for run in page.context["runs"]] == [(3, 0, 0)]
    send_outbox.call()  # as the worker does
    assert sorted(m.to[0] for m in mail.outbox) == ["fp-col@example.org", "fp-ecu@example.org", "fp-mex@example.org"]


def test_messages_the_server_accepted_stay_sent_when_the_sender_dies(
    client, questionnaire, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.mail.DyingBackend"
    backends.DyingBackend.accepted = 2
    for code in ("ECU", "MEX", "COL"):
        focal_point(code)
    client.force_login(secretariat_user())
    try:
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("questionnaires:invite", args=["honlac", 32]))
    except backends.WorkerKilled:
        pass  # today's code dies inside the request
    finally:
        backends.DyingBackend.accepted = None
    assert len(mail.outbox) == 2
    sent = OutgoingEmail.objects.filter(status="sent")
    assert sorted(sent.values_list("to", flat=True)) == sorted(m.to[0] for m in mail.outbox)


def test_run_killed_part_way_then_resumed_sends_each_recipient_exactly_one_message(
    client, questionnaire, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DUMMY_TASKS
    settings.EMAIL_BACKEND = "tests.mail.DyingBackend"
    codes = ("ECU", "MEX", "COL", "PER", "BRA")
    questionnaire.meeting.participating_states.set(MemberState.objects.filter(code__in=codes))
    addresses = sorted(focal_point(code).email for code in codes)
    client.force_login(secretariat_user())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("questionnaires:invite", args=["honlac", 32]))
    backends.DyingBackend.accepted = 2
    with pytest.raises(backends.WorkerKilled):
        send_outbox.call()
    backends.DyingBackend.accepted = None
    assert len(mail.outbox) == 2
    statuses = list(OutgoingEmail.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == ["sent", "sent", "sending", "queued", "queued"]

    # The worker restarts: it sends what is queued, not the message the dead sender held.
    send_outbox.call()
    assert len(mail.outbox) == 4
    assert OutgoingEmail.objects.filter(status="sending").count() == 1
    # Once the dead sender's claim is stale, the next sender takes its message.
    OutgoingEmail.objects.filter(status="sending").update(
        claimed_at=timezone.now() - datetime.timedelta(seconds=settings.HONLAC_MAIL_CLAIM_SECONDS + 1)
    )
    call_command("send_queued_mail", stdout=io.StringIO())
    call_command("send_queued_mail", stdout=io.StringIO())
    assert sorted(m.to[0] for m in mail.outbox) == addresses
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"sent"}


def test_run_whose_mail_server_fails_part_way_is_completed_by_retry_once_each(
    client, questionnaire, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.mail.FlakyBackend"
    for code in ("ECU", "MEX", "COL"):
        focal_point(code)
    client.force_login(secretariat_user())
    backends.FAILING_ADDRESSES.update({"fp-mex@example.org", "fp-col@example.org"})
    try:
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("questionnaires:remind", args=["honlac", 32]), follow=True)
    finally:
        backends.FAILING_ADDRESSES.clear()
    [run] = MessageRun.objects.all()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("questionnaires:retry_run", args=["honlac", 32, run.pk]), follow=True)
    assert [str(m) for m in response.context["messages"]] == ["2 failed messages were queued again."]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("questionnaires:retry_run", args=["honlac", 32, run.pk]))
    assert sorted(m.to[0] for m in mail.outbox) == ["fp-col@example.org", "fp-ecu@example.org", "fp-mex@example.org"]
    assert dict(run.messages.values_list("to", "attempts")) == {
        "fp-ecu@example.org": 1,
        "fp-mex@example.org": 2,
        "fp-col@example.org": 2,
    }


def test_retry_writes_the_failed_message_again_with_the_new_deadline(
    client, questionnaire, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.mail.FlakyBackend"
    focal_point("ECU")
    client.force_login(secretariat_user())
    backends.FAILING_ADDRESSES.add("fp-ecu@example.org")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("questionnaires:remind", args=["honlac", 32]))
    finally:
        backends.FAILING_ADDRESSES.clear()
    questionnaire.deadline = datetime.date(2024, 7, 31)
    questionnaire.save()
    [run] = MessageRun.objects.all()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("questionnaires:retry_run", args=["honlac", 32, run.pk]))
    [message] = mail.outbox
    assert "Please respond by 31 July 2024." in message.body


def test_invitations_queued_again_go_only_to_focal_points_not_invited_yet(
    client, questionnaire, django_capture_on_commit_callbacks
):
    focal_point("ECU")
    client.force_login(secretariat_user())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("questionnaires:invite", args=["honlac", 32]), follow=True)
    focal_point("MEX")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("questionnaires:invite", args=["honlac", 32]), follow=True)
        response = client.post(reverse("questionnaires:invite", args=["honlac", 32]), follow=True)
    assert [m.to for m in mail.outbox] == [["fp-ecu@example.org"], ["fp-mex@example.org"]]
    assert [str(m) for m in response.context["messages"]] == [
        "No message was queued: no focal point is waiting for this one."
    ]
    assert MessageRun.objects.count() == 1
