"""The outbox: the one way mail leaves the portal.

Services queue messages (`queue_email`, `queue_emails`) inside their own transaction; once it commits, the task
`send_outbox` (run by `manage.py db_worker`, or `manage.py send_queued_mail` from cron) sends what is queued. This
is the only module that talks to the mail server, and no request does: a request only writes rows.

A sender claims one message at a time and marks it sent, in a transaction of its own, right after the mail server
accepted it; no transaction is open while it talks to the server. Claims are safe with any number of senders on
any number of machines: on PostgreSQL the row is taken with SELECT ... FOR UPDATE SKIP LOCKED; on SQLite, which has
no row locks, by an UPDATE that succeeds only while the row is still free. A message whose sender died holding it
is taken again once the claim is older than HONLAC_MAIL_CLAIM_SECONDS: that one message may then go twice,
nothing else. A failure is kept with its error until someone queues it again.

Attachments are described as data (the kind of printed document, its source, language and file name) and printed
when the message is sent, in the worker, once per document for each run of the sender.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection as database
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from honlac import printing

from .models import OutgoingEmail

logger = logging.getLogger(__name__)

Status = OutgoingEmail.Status

# Messages a sender on SQLite looks at in one read; it takes them one at a time.
CANDIDATES = 50


# Queueing -------------------------------------------------------------------------------------------------------


def queue_emails(emails):
    """Save `emails` (unsaved OutgoingEmail rows) in the outbox; they are sent once the transaction commits.

    Side effects: inserts the rows; after commit, enqueues the sending task (rows left queued, e.g. when the task
    queue is down, are sent by the next task or by `send_queued_mail`). Returns the rows.
    """
    with transaction.atomic():
        emails = OutgoingEmail.objects.bulk_create(emails)
        if emails:
            transaction.on_commit(enqueue_sending, robust=True)
    return emails


def queue_email(*, to, subject, body, language="", recipient=None):
    """Queue one message (see `queue_emails`). Returns its row."""
    [email] = queue_emails(
        [OutgoingEmail(to=to, subject=subject[:300], body=body, language=language, recipient=recipient)]
    )
    return email


def requeue(emails):
    """Queue again the failed messages among `emails` (a queryset); messages kept without their text (sent before
    the outbox kept texts) are left alone. Side effects: they become queued; after commit, the sending task is
    enqueued. Returns how many were queued."""
    with transaction.atomic():
        count = (
            emails.filter(status=Status.FAILED).exclude(body="").update(status=Status.QUEUED, error="", claimed_at=None)
        )
        if count:
            transaction.on_commit(enqueue_sending, robust=True)
    return count


def attachment(kind, source, *, language, filename):
    """The description of a printed document to attach, as the outbox keeps it: see `attachment_content`."""
    if printing.PRINTED_KINDS[kind].sources is None:
        # Checked when the message is queued, not only when the worker sends it.
        raise ValueError(
            f"Documents printed as {kind} cannot be attached: the table does not say where they come from."
        )
    return {"kind": kind, "source": source.pk, "language": language, "filename": filename}


def attachment_content(description):
    """The PDF of an attachment described by `attachment`, printed now by the table of printed kinds."""
    kind = description["kind"]
    return printing.render(kind, printing.source(kind, description["source"]), language=description["language"])


# Sending --------------------------------------------------------------------------------------------------------


def enqueue_sending():
    send_outbox.enqueue()


@task()
def send_outbox():
    """Send what is queued in the outbox (the background side of `queue_emails`)."""
    sent, failed = send_queued()
    return {"sent": sent, "failed": failed}


def resume_stalled_sending():
    """Give waiting mail a sender when none will come: a message queued longer than HONLAC_MAIL_CLAIM_SECONDS
    ago, or held that long by a sender that died, while no sending task waits for a worker.

    django-tasks-db never takes back a task whose worker died: the sending task such a worker was running stays
    "running" and sends nothing more, and the messages queued behind the one it held would wait until something
    else queues mail. Run by the worker (meetings/management/commands/run_worker.py) every few seconds.
    Side effects: enqueues `send_outbox` once; a live sender still at work meanwhile is harmless (claims keep each
    message to one sender). Returns whether it did.
    """
    stale = timezone.now() - timedelta(seconds=settings.HONLAC_MAIL_CLAIM_SECONDS)
    stalled = OutgoingEmail.objects.filter(
        Q(status=Status.QUEUED, created_at__lt=stale) | Q(status=Status.SENDING, claimed_at__lt=stale)
    )
    backend = send_outbox.get_backend()
    if not isinstance(backend, DatabaseBackend) or not stalled.exists():
        return False
    if DBTaskResult.objects.ready().filter(task_path=send_outbox.module_path).exists():
        return False
    enqueue_sending()
    return True


def send_queued():
    """Send every queued message that no other sender holds, one at a time. Returns (sent, failed).

    Side effects: each message is claimed (status sending), then marked sent or failed (with the error) in its
    own short transaction; mail goes to the server between the two, outside any transaction.
    """
    sent = failed = 0
    printed = {}
    connection = get_connection()
    try:
        for email in _claimed():
            if _send(email, connection=connection, printed=printed):
                sent += 1
            else:
                failed += 1
    finally:
        connection.close()
    return sent, failed


def _claimable():
    stale = timezone.now() - timedelta(seconds=settings.HONLAC_MAIL_CLAIM_SECONDS)
    return OutgoingEmail.objects.filter(Q(status=Status.QUEUED) | Q(status=Status.SENDING, claimed_at__lt=stale))


def _claimed():
    """The messages this sender takes, each claimed only once the previous one is done, so that a sender that
    dies holds one message at most."""
    if database.features.has_select_for_update_skip_locked:
        while (email := _claim_next_locked()) is not None:
            yield email
        return
    while candidates := list(_claimable().order_by("pk").values_list("pk", flat=True)[:CANDIDATES]):
        for pk in candidates:
            email = claim(pk)
            if email is not None:
                yield email


def _claim_next_locked():
    with transaction.atomic():
        email = _claimable().select_for_update(skip_locked=True).order_by("pk").first()
        if email is None:
            return None
        email.status, email.claimed_at, email.attempts = Status.SENDING, timezone.now(), email.attempts + 1
        email.save(update_fields=["status", "claimed_at", "attempts"])
    return email


def claim(pk):
    """Take message `pk` for this sender if it is queued (or its claim is stale) and no other sender took it since:
    the UPDATE re-checks the status, so of two senders only one changes the row. Returns the row, or None."""
    with transaction.atomic():
        taken = (
            _claimable()
            .filter(pk=pk)
            .update(status=Status.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1)
        )
    return OutgoingEmail.objects.get(pk=pk) if taken else None


def _send(email, *, connection, printed):
    try:
        message = EmailMessage(email.subject, email.body, to=[email.to], connection=connection)
        for description in email.attachments:
            key = (description["kind"], description["source"], description["language"])
            if key not in printed:
                printed[key] = attachment_content(description)
            message.attach(description["filename"], printed[key], "application/pdf")
        message.send(fail_silently=False)
    except Exception as error:  # noqa: BLE001 - any failure is kept on the message, for a later try
        logger.warning("Email %s to %s failed: %s", email.pk, email.to, error)
        connection.close()  # the next message opens a fresh connection
        _mark(email, status=Status.FAILED, error=str(error)[:2000])
        return False
    _mark(email, status=Status.SENT, error="", sent_at=timezone.now())
    return True


def _mark(email, **fields):
    with transaction.atomic():
        OutgoingEmail.objects.filter(pk=email.pk).update(**fields)
