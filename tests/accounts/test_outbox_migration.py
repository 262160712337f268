"""The migration that moved the messages of the questionnaires' runs into the outbox, there and back."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from accounts.models import OutgoingEmail
from questionnaires.models import MessageRun
from tests.factories import focal_point, open_questionnaire

BEFORE = [("accounts", "0005_audit_dotted_actions"), ("questionnaires", "0004_drop_own_topics")]
AFTER = [("accounts", "0006_outbox"), ("questionnaires", "0005_messages_in_the_outbox")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    """Every app at its last migration: where the tests after this one expect the database."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


# Serialized rollback, like the other tests that commit: the flush after it then leaves the content types to the
# next such test, which restores them as they were.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_messages_of_runs_go_back_to_their_table_and_into_the_outbox_again():
    questionnaire = open_questionnaire()
    ecuador, mexico = focal_point("ECU"), focal_point("MEX")
    run = MessageRun.objects.create(questionnaire=questionnaire, kind="invitation")
    sent_at = timezone.now() - datetime.timedelta(days=3)
    OutgoingEmail.objects.create(to="someone@example.org", subject="Reset", body="Link", status="queued")
    for user, status in ((ecuador, "sent"), (mexico, "failed")):
        OutgoingEmail.objects.create(
            to=user.email,
            recipient=user,
            language="es",
            run=run,
            subject="Invitation",
            body="Text",
            status=status,
            attempts=1,
            error="" if status == "sent" else "550 refused",
            sent_at=sent_at if status == "sent" else None,
        )
    try:
        old = migrate(BEFORE)
        messages = old.get_model("questionnaires", "Message").objects.order_by("email")
        assert [(m.email, m.member_state.code, m.status, m.error) for m in messages] == [
            ("fp-ecu@example.org", "ECU", "sent", ""),
            ("fp-mex@example.org", "MEX", "failed", "550 refused"),
        ]
        emails = old.get_model("accounts", "OutgoingEmail").objects.all()
        assert [(email.to, email.status) for email in emails] == [("someone@example.org", "pending")]
    finally:
        new = migrate(AFTER)
        migrate(latest())
    emails = new.get_model("accounts", "OutgoingEmail").objects.order_by("to")
    assert [(e.to, e.run_id, e.recipient_id, e.language, e.status, e.attempts, e.body) for e in emails] == [
        ("fp-ecu@example.org", run.pk, ecuador.pk, "es", "sent", 1, "(not kept)"),
        ("fp-mex@example.org", run.pk, mexico.pk, "es", "failed", 1, ""),
        ("someone@example.org", None, None, "", "queued", 0, "Link"),
    ]
    assert emails[0].sent_at == sent_at
    assert emails[1].error == "550 refused"
