"""Events recorded before the dotted names: renamed, and linked to their objects where the details say which."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.models import AuditEvent
from agendas.models import Agenda
from tests.factories import DocumentFactory, answered, focal_point, open_questionnaire

BEFORE = [("accounts", "0003_audit_trail_outgoing_email")]
AFTER = [("accounts", "0005_audit_dotted_actions")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    """Every app at its last migration: where the tests after this one expect the database."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


# Serialized rollback, as the backup tests: the database is restored afterwards with the same content types.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_earlier_events_get_dotted_names_and_their_objects():
    questionnaire = open_questionnaire()
    response = answered(questionnaire, "ECU", submit=True)
    document = DocumentFactory(meeting=questionnaire.meeting, number=9, symbol="UNODC/HONLAC/32/9")
    agenda = Agenda.objects.create(meeting=questionnaire.meeting)
    user = focal_point("ECU")
    AuditEvent.objects.all().delete()
    old = migrate(BEFORE).get_model("accounts", "AuditEvent")
    rows = [
        ("login", "fp-ecu", {}),
        ("login_failed", "fp-ecu", {"step": "second factor"}),
        ("two_factor", "fp-ecu", {"change": "recovery codes"}),
        ("response_submitted", "Response of Ecuador, HONLAC 32", {"response": response.pk, "version": 2}),
        ("document_changed", "UNODC/HONLAC/32/9", {"language": "fr", "file": "n.pdf"}),
        ("document_changed", "UNODC/HONLAC/32/9", {"change": "text generated again"}),
        ("agenda", "Agenda, HONLAC 32", {"previous_status": "draft", "status": "provisional", "document": ""}),
        ("offer", "Offer of Colombia, HONLAC", {"change": "recorded", "offer": 999, "meeting": "33rd"}),
        ("questionnaire", "Questionnaire, HONLAC 40", {"status": "open"}),
    ]
    for action, target, details in rows:
        old.objects.create(action=action, target=target, details=details)
    migrate(AFTER)
    # Going back to 0003 also undid the later migrations of other apps that depend on it: apply them again.
    migrate(latest())
    migrated = [(e.action, e.object, e.details) for e in AuditEvent.objects.order_by("pk")]
    assert migrated == [
        ("user.login", user, {}),
        ("user.second_factor_failed", user, {}),
        ("user.recovery_codes_renewed", user, {}),
        ("response.submitted", response, {"version": 2}),
        ("document.file_attached", document, {"language": "fr", "file": "n.pdf"}),
        ("document.regenerated", document, {}),
        ("agenda.status_changed", agenda, {"previous_status": "draft", "status": "provisional", "symbol": ""}),
        # Linked to the offer it names, even when that offer is gone: the link then leads to no object.
        ("offer.recorded", None, {"meeting": "33rd"}),
        ("questionnaire.status_changed", None, {"status": "open"}),
    ]
    assert AuditEvent.objects.get(action="offer.recorded").object_id == 999
    assert AuditEvent.objects.get(action="questionnaire.status_changed").content_type is None
