"""The outbox (accounts/mail.py): claims, senders at once, senders that die, and the one module that sends."""

import datetime
import io
import re
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts.mail import claim, send_queued
from accounts.models import OutgoingEmail
from tests import mail as backends
from tests.factories import UserFactory


def queued(count):
    return [
        OutgoingEmail.objects.create(to=f"person{index}@example.org", subject="Subject", body="Text")
        for index in range(count)
    ]


def test_two_senders_at_once_send_each_email_once(db, settings):
    settings.EMAIL_BACKEND = "tests.mail.SecondSenderBackend"
    queued(4)
    # The second sender runs while the first one's first message is with the server; the first one read its
    # candidates before, so on SQLite it then finds them taken (its UPDATE changes no row) and skips them.
    backends.SecondSenderBackend.second_sender = lambda: call_command("send_queued_mail")
    call_command("send_queued_mail")
    assert sorted(m.to[0] for m in mail.outbox) == [f"person{index}@example.org" for index in range(4)]
    assert set(OutgoingEmail.objects.values_list("status", "attempts")) == {("sent", 1)}


def test_a_message_taken_by_one_sender_is_not_taken_by_another(db):
    [email] = queued(1)
    first, second = claim(email.pk), claim(email.pk)
    assert (first.status, first.attempts, second) == ("sending", 1, None)


def test_a_message_whose_sender_died_is_taken_again_after_the_claim_timeout(db, settings):
    [fresh, stale] = queued(2)
    now = timezone.now()
    timeout = datetime.timedelta(seconds=settings.HONLAC_MAIL_CLAIM_SECONDS)
    OutgoingEmail.objects.filter(pk=fresh.pk).update(status="sending", claimed_at=now - timeout / 2)
    OutgoingEmail.objects.filter(pk=stale.pk).update(status="sending", claimed_at=now - timeout * 2)
    assert send_queued() == (1, 0)
    assert [m.to for m in mail.outbox] == [["person1@example.org"]]
    assert claim(fresh.pk) is None


def test_a_failure_is_kept_with_its_error_and_not_sent_again_by_itself(db, settings):
    settings.EMAIL_BACKEND = "tests.mail.FlakyBackend"
    queued(2)
    backends.FAILING_ADDRESSES.add("person0@example.org")
    try:
        assert send_queued() == (1, 1)
    finally:
        backends.FAILING_ADDRESSES.clear()
    failed = OutgoingEmail.objects.get(to="person0@example.org")
    assert (failed.status, failed.attempts) == ("failed", 1)
    assert "refused" in failed.error
    assert send_queued() == (0, 0)


def test_password_reset_email_goes_through_the_outbox(client, db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    user = UserFactory(username="someone", email="someone@example.org", preferred_language="fr")
    client.post(reverse("password_reset"), {"email": "someone@example.org"}, HTTP_ACCEPT_LANGUAGE="fr")
    assert mail.outbox == []
    [email] = OutgoingEmail.objects.all()
    assert (email.to, email.recipient, email.status) == ("someone@example.org", user, "queued")
    assert "/accounts/reset/" in email.body
    assert send_queued() == (1, 0)
    assert mail.outbox[0].body == email.body


def test_mail_leaves_from_one_module_only():
    # Calls, not definitions: the password reset form overrides Django's send_mail to queue instead.
    sending = re.compile(
        r"(?<!def )\b(send_mail|send_mass_mail|get_connection)\(|\b(EmailMessage|EmailMultiAlternatives)\b"
    )
    root = Path(django_settings.BASE_DIR)
    modules = [
        path.relative_to(root).as_posix()
        for path in root.glob("*/**/*.py")
        if path.relative_to(root).parts[0] not in {".venv", "tests", "bench"}
        and "migrations" not in path.parts
        and sending.search(path.read_text(encoding="utf-8"))
    ]
    assert modules == ["accounts/mail.py"]


class SlowBackend(EmailBackend):
    """A mail server that takes a little while for each message, so that two senders overlap."""

    def send_messages(self, messages):
        time.sleep(0.005)
        return super().send_messages(messages)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_senders_in_parallel_on_postgresql_send_each_email_once(settings):
    settings.EMAIL_BACKEND = "tests.accounts.test_mail.SlowBackend"
    queued(60)
    results, errors = [], []

    def sender():
        try:
            results.append(send_queued())
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sender) for _index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert all(sent > 0 for sent, _failed in results)  # the two really ran at once
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"person{index}@example.org" for index in range(60))
    assert sum(sent for sent, _failed in results) == 60
    assert set(OutgoingEmail.objects.values_list("status", "attempts")) == {("sent", 1)}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_mail_left_by_a_killed_worker_is_sent_by_the_next_worker(settings):
    from django_tasks_db.models import DBTaskResult

    from accounts.mail import send_outbox

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    then = timezone.now() - datetime.timedelta(seconds=settings.HONLAC_MAIL_CLAIM_SECONDS * 2)
    held, *waiting = queued(3)
    OutgoingEmail.objects.update(created_at=then)
    OutgoingEmail.objects.filter(pk=held.pk).update(status="sending", claimed_at=then, attempts=1)
    # The killed worker's sending task stays "running" for ever: django-tasks-db never takes it back.
    DBTaskResult.objects.all().delete()
    result = send_outbox.enqueue()
    DBTaskResult.objects.filter(id=result.id).update(status="RUNNING", started_at=then, worker_ids=["killed"])

    call_command(
        "run_worker", "--batch", "--no-reload", "--no-startup-delay", "--sweep-interval=0", stdout=io.StringIO()
    )

    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"sent"}
    assert sorted(message.to[0] for message in mail.outbox) == [f"person{index}@example.org" for index in range(3)]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fresh_mail_is_left_to_its_own_sender(settings):
    from accounts.mail import resume_stalled_sending

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    queued(2)
    assert resume_stalled_sending() is False
    OutgoingEmail.objects.update(created_at=timezone.now() - datetime.timedelta(days=1))
    assert resume_stalled_sending() is True
    assert resume_stalled_sending() is False  # its sender now waits for a worker
