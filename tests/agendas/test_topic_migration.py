"""The migration onto one working-group topic maps the three former copies of each topic onto one row, and back."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("agendas", "0004_offers_topics_organization_note"), ("questionnaires", "0001_initial")]


def migrate(targets):
    """Migrate the test database to `targets`; returns the models as they then stand."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection)._create_project_state(with_applied_migrations=True).apps


def leaves():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def old_data(apps):
    """Meeting 31 as the former models held it: two proposals, two sub-items, three topics of recommendations."""
    model = apps.get_model
    body = model("meetings", "Body").objects.create(code="honlac", symbol_prefix="UNODC/HONLAC", title="HONLAC")
    meeting = model("meetings", "Meeting").objects.create(body=body, number=31)
    ecuador = model("meetings", "MemberState").objects.get(code="ECU")
    proposal = model("agendas", "TopicProposal").objects
    drugs = proposal.create(meeting=meeting, title="Synthetic drugs", title_en="Synthetic drugs", member_state=ecuador)
    maritime = proposal.create(meeting=meeting, title="Tráfico marítimo", title_es="Tráfico marítimo")
    consultation = model("agendas", "Consultation").objects.create(meeting=meeting, closes_at="2099-01-01T00:00Z")
    voice = model("agendas", "ConsultationVoice").objects.create(consultation=consultation, member_state=ecuador)
    voice.topics.set([drugs, maritime])
    agenda = model("agendas", "Agenda").objects.create(meeting=meeting)
    items = model("agendas", "AgendaItem").objects
    groups = items.create(agenda=agenda, position=6, title="Working groups", purpose="working_groups")
    for position, english, french in [(1, "Synthetic drugs", "Drogues de synthèse"), (2, "Money-laundering", None)]:
        items.create(agenda=agenda, parent=groups, position=position, title=english, title_en=english, title_fr=french)
    old_topic = model("questionnaires", "Topic").objects
    recommendation = model("questionnaires", "Recommendation").objects
    for number, (english, spanish) in enumerate(
        [("Synthetic drugs", None), ("Maritime trafficking", "Tráfico marítimo"), ("Precursors", None), (None, None)],
        start=1,
    ):
        topic = english and old_topic.create(
            meeting=meeting, position=number, title=english, title_en=english, title_es=spanish
        )
        recommendation.create(
            meeting=meeting, number=number, text=f"Text {number}", text_en=f"Text {number}", topic=topic
        )
    return drugs.pk, maritime.pk


@pytest.fixture
def migrated_back(transactional_db):
    """The models as they stood before; the database is brought back to the latest migrations afterwards."""
    try:
        yield migrate(BEFORE)
    finally:
        migrate(leaves())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_maps_proposals_sub_items_and_topics_of_recommendations_onto_one_topic(migrated_back):
    drugs, maritime = old_data(migrated_back)

    apps = migrate(leaves())

    Topic = apps.get_model("agendas", "Topic")
    topics = {
        topic.pk: (topic.position, topic.title_en, topic.title_fr, topic.title_es, topic.selected)
        for topic in Topic.objects.all()
    }
    laundering = Topic.objects.get(title_en="Money-laundering").pk
    precursors = Topic.objects.get(title_en="Precursors").pk
    assert topics == {
        drugs: (1, "Synthetic drugs", "Drogues de synthèse", None, True),
        maritime: (2, "Maritime trafficking", None, "Tráfico marítimo", False),
        laundering: (3, "Money-laundering", None, None, True),
        precursors: (4, "Precursors", None, None, False),
    }
    voice = apps.get_model("agendas", "ConsultationVoice").objects.get()
    assert sorted(voice.topics.values_list("pk", flat=True)) == [drugs, maritime]
    sub_items = apps.get_model("agendas", "AgendaItem").objects.filter(parent__isnull=False).order_by("position")
    assert [(item.topic_id, item.title_en, item.title_fr) for item in sub_items] == [
        (drugs, None, None),
        (laundering, None, None),
    ]
    recommendations = apps.get_model("questionnaires", "Recommendation").objects.order_by("number")
    assert [r.topic_id for r in recommendations] == [drugs, maritime, precursors, None]

    apps = migrate(BEFORE)

    sub_items = apps.get_model("agendas", "AgendaItem").objects.filter(parent__isnull=False).order_by("position")
    assert [(item.title_en, item.title_fr) for item in sub_items] == [
        ("Synthetic drugs", "Drogues de synthèse"),
        ("Money-laundering", None),
    ]
    recommendations = apps.get_model("questionnaires", "Recommendation").objects.order_by("number")
    assert [(r.topic.title_en, r.topic.title_es) if r.topic else None for r in recommendations] == [
        ("Synthetic drugs", None),
        ("Maritime trafficking", "Tráfico marítimo"),
        ("Precursors", None),
        None,
    ]
