"""The registry of symbols starts from the documents of the meetings that exist, and holds /1 where it is free."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("meetings", "0005_document_job_number")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection)._create_project_state(with_applied_migrations=True).apps


@pytest.fixture
def migrated_back(transactional_db):
    try:
        yield migrate(BEFORE)
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_registers_the_symbols_and_reserves_1_where_it_is_free(migrated_back):
    model = migrated_back.get_model
    body = model("meetings", "Body").objects.create(code="honlac", symbol_prefix="UNODC/HONLAC", title="HONLAC")
    meetings = {number: model("meetings", "Meeting").objects.create(body=body, number=number) for number in (31, 32)}
    documents = model("meetings", "Document").objects
    documents.create(meeting=meetings[31], kind="note", number=1, symbol="UNODC/HONLAC/31/1", title="Note")
    documents.create(meeting=meetings[31], kind="crp", number=1, symbol="UNODC/HONLAC/31/CRP.1", title="Paper")
    documents.create(meeting=meetings[32], kind="note", number=2, symbol="UNODC/HONLAC/32/2", title="Note")

    apps = migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    entries = apps.get_model("meetings", "Symbol").objects.order_by("symbol")
    assert [
        (entry.symbol, entry.series, entry.number, entry.reserved, entry.document_id is None) for entry in entries
    ] == [
        ("UNODC/HONLAC/31/1", "documents", 1, False, False),
        ("UNODC/HONLAC/31/CRP.1", "crp", 1, False, False),
        ("UNODC/HONLAC/32/1", "documents", 1, True, True),
        ("UNODC/HONLAC/32/2", "documents", 2, False, False),
    ]
