"""The audit trail as the secretariat reads it: filters, readable details, permissions, links from each object."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.audit import history_url, log_action
from accounts.models import AuditEvent
from agendas import services as agendas
from agendas.models import Agenda
from tests.factories import (
    DocumentFactory,
    MeetingFactory,
    admin_user,
    answered,
    focal_point,
    open_questionnaire,
    secretariat_user,
)


def page(client, **filters):
    return client.get(reverse("audit_trail"), filters)


def logged(obj, action, *, by, day, **data):
    event = log_action(obj, action, by=by, data=data)
    at = timezone.make_aware(datetime.datetime(2024, 3, day, 12, 0))
    AuditEvent.objects.filter(pk=event.pk).update(at=at)
    return event.pk


def shown(result):
    return [event.pk for event in result.context["events"]]


@pytest.fixture
def trail(db):
    """Four events on two responses and a document, by three people, on three days."""
    questionnaire = open_questionnaire()
    ecuador, mexico = answered(questionnaire, "ECU"), answered(questionnaire, "MEX")
    document = DocumentFactory(meeting=questionnaire.meeting)
    secretariat = secretariat_user()
    AuditEvent.objects.all().delete()
    events = {
        "ecuador_submitted": logged(ecuador, "response.submitted", by=focal_point("ECU"), day=1, version=2),
        "ecuador_posted": logged(ecuador, "response.posted", by=secretariat, day=10, version=3),
        "document_registered": logged(document, "document.registered", by=secretariat, day=10, kind="note"),
        "mexico_submitted": logged(mexico, "response.submitted", by=focal_point("MEX"), day=20, version=2),
    }
    return events, {"ecuador": ecuador, "mexico": mexico, "document": document, "secretariat": secretariat}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["mexico_submitted", "document_registered", "ecuador_posted", "ecuador_submitted"]),
        ({"type": "questionnaires.response", "object": "ecuador"}, ["ecuador_posted", "ecuador_submitted"]),
        ({"type": "meetings.document"}, ["document_registered"]),
        ({"user": "fp-mex"}, ["mexico_submitted"]),
        ({"user": "SECRETARIAT"}, ["document_registered", "ecuador_posted"]),
        ({"action": "response.submitted"}, ["mexico_submitted", "ecuador_submitted"]),
        ({"date_from": "2024-03-05", "date_to": "2024-03-10"}, ["document_registered", "ecuador_posted"]),
        ({"date_from": "2024-03-11"}, ["mexico_submitted"]),
        ({"action": "response.submitted", "user": "fp-ecu"}, ["ecuador_submitted"]),
    ],
    ids=["none", "object", "type", "person", "person-any-case", "action", "dates", "from-date", "action-and-person"],
)
def test_audit_trail_filters_show_the_matching_events_only(client, trail, filters, expected):
    events, objects = trail
    if "object" in filters:
        filters = {**filters, "object": objects[filters["object"]].pk}
    client.force_login(objects["secretariat"])
    AuditEvent.objects.filter(action="user.login").delete()
    assert shown(page(client, **filters)) == [events[name] for name in expected]


def test_history_of_an_object_without_events_is_empty(client, db):
    client.force_login(secretariat_user())
    agenda = Agenda.objects.create(meeting=MeetingFactory())
    result = page(client, type="agendas.agenda", object=agenda.pk)
    assert result.status_code == 200
    assert shown(result) == []
    assert AuditEvent.objects.exists()  # the sign-in, not shown


def test_history_of_an_object_names_it_and_links_each_row_to_it(client, trail):
    events, objects = trail
    client.force_login(objects["secretariat"])
    result = page(client, type="questionnaires.response", object=objects["ecuador"].pk)
    content = result.content.decode()
    assert "History of Response of Ecuador, HONLAC 32" in content
    assert content.count(f'href="?type=questionnaires.response&amp;object={objects["ecuador"].pk}"') == 2


def test_details_are_read_in_the_language_of_the_reader(client, db):
    secretariat = secretariat_user()
    agenda = Agenda.objects.create(meeting=MeetingFactory(number=32))
    agendas.set_agenda_status(agenda, status=Agenda.Status.PROVISIONAL, by=secretariat)
    agendas.add_item(agenda, title_en="Opening of the meeting", by=secretariat)
    item = agenda.items.get()
    item.title_fr = "Ouverture de la réunion"
    agendas.update_item(item, by=secretariat)
    client.force_login(secretariat)
    client.cookies["django_language"] = "fr"
    result = page(client, type="agendas.agenda", object=agenda.pk)
    rows = [(event.action_label, event.detail_items) for event in result.context["events"]]
    assert rows == [
        ("Point de l'ordre du jour modifié", [("Point", "1. Opening of the meeting"), ("Modifié", "Titre [fr]")]),
        ("Point de l'ordre du jour ajouté", [("Point", "1. Opening of the meeting")]),
        (
            "Statut de l'ordre du jour modifié",
            [("Statut précédent", "Projet"), ("Statut", "Provisoire"), ("Cote", "UNODC/HONLAC/32/1")],
        ),
    ]
    content = result.content.decode()
    assert "Statut précédent :</span> Projet" in content
    assert "previous_status" not in content


def test_values_of_the_details_are_escaped(client, db):
    secretariat = secretariat_user()
    response = answered(open_questionnaire(), "ECU", submit=True)
    log_action(response, "response.reopened", by=secretariat, data={"reason": "<b>x"})
    client.force_login(secretariat)
    content = page(client, action="response.reopened").content.decode()
    assert "&lt;b&gt;x" in content
    assert "<b>x" not in content


def test_pagination_links_keep_the_filters(client, db):
    client.force_login(secretariat_user())
    for index in range(54):
        log_action(None, "user.login_failed", by=None, label=f"user{index}")
    result = page(client, action="user.login_failed")
    assert len(result.context["events"]) == 50
    assert "?action=user.login_failed&amp;page=2" in result.content.decode()
    assert len(page(client, action="user.login_failed", page=2).context["events"]) == 4


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", "login"), ("focal_point", 403), ("secretariat", 200), ("admin", 200)],
)
def test_audit_trail_permissions(client, db, role, expected):
    users = {
        "anonymous": None,
        "focal_point": focal_point("ECU"),
        "secretariat": secretariat_user(),
        "admin": admin_user(),
    }
    if users[role] is not None:
        client.force_login(users[role])
    result = page(client)
    if expected == "login":
        assert (result.status_code, result["Location"]) == (302, "/accounts/login/?next=/audit/")
    else:
        assert result.status_code == expected


def test_navbar_links_to_the_audit_trail_for_the_secretariat_only(client, db):
    client.force_login(secretariat_user())
    assert reverse("audit_trail") in client.get(reverse("meetings:home")).content.decode()
    client.force_login(focal_point("ECU"))
    assert reverse("audit_trail") not in client.get(reverse("meetings:home")).content.decode()


def object_pages(questionnaire):
    """Each object's page and the object whose history it links to."""
    meeting = questionnaire.meeting
    agenda = Agenda.objects.create(meeting=meeting)
    document = DocumentFactory(meeting=meeting)
    response = answered(questionnaire, "ECU", submit=True)
    return {
        "meeting": (meeting.get_absolute_url(), meeting),
        "document": (document.get_absolute_url(), document),
        "agenda": (reverse("agendas:agenda", args=["honlac", meeting.number]), agenda),
        "response": (reverse("questionnaires:response", args=[response.pk]), response),
    }


@pytest.mark.parametrize("name", ["meeting", "document", "agenda", "response"])
def test_each_object_page_links_to_its_history_for_the_secretariat(client, db, name):
    url, obj = object_pages(open_questionnaire())[name]
    client.force_login(secretariat_user())
    content = client.get(url).content.decode()
    assert f'href="{history_url(obj).replace("&", "&amp;")}"' in content
    assert f"?type={obj._meta.label_lower}&amp;object={obj.pk}" in content


def test_focal_point_sees_the_versions_of_their_response_and_no_link_to_the_trail(client, db):
    pages = object_pages(open_questionnaire())
    url, response = pages["response"]
    client.force_login(focal_point("ECU"))
    content = client.get(url).content.decode()
    assert reverse("questionnaires:response_history", args=[response.pk]) in content
    assert reverse("audit_trail") not in content
    assert client.get(history_url(response)).status_code == 403


def test_audit_trail_queries_do_not_grow_with_the_events(client, db, django_assert_max_num_queries):
    secretariat = secretariat_user()
    questionnaire = open_questionnaire()
    response = answered(questionnaire, "ECU", submit=True)
    client.force_login(secretariat)
    with CaptureQueriesContext(connection) as few:
        assert page(client).status_code == 200
    objects = [response, questionnaire, questionnaire.meeting, DocumentFactory(meeting=questionnaire.meeting)]
    for index in range(60):
        log_action(objects[index % 4], "document.changed", by=secretariat, data={"fields": ["title_en"]})
    with django_assert_max_num_queries(len(few.captured_queries)):
        result = page(client)
    assert len(result.context["events"]) == 50
