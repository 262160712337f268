"""Deleting an agenda item and closing the consultation are confirmed; moving and deleting items say what happened;
the tally names the States behind each topic."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from agendas import topics
from agendas.models import Agenda, AgendaItem, Consultation
from tests.factories import AgendaFactory, MeetingFactory, focal_point, secretariat_user, state
from tests.helpers import LOGIN, ROLES, SECRETARIAT_ONLY, assert_answer, expect

pytestmark = pytest.mark.django_db


def text(response):
    assert response.status_code == 200, response
    return html.unescape(response.content.decode())


@pytest.fixture
def agenda(db):
    """The draft agenda of meeting 32: three items, the second with two sub-items."""
    agenda = AgendaFactory(meeting=MeetingFactory(number=32), status=Agenda.Status.DRAFT)
    for position, title in enumerate(["Opening of the meeting", "Working groups", "Other business"], start=1):
        item = AgendaItem.objects.create(agenda=agenda, position=position, title_en=title, title_fr=title + " (fr)")
        if position == 2:
            for sub_position, sub_title in enumerate(["Maritime trafficking", "Darknet markets"], start=1):
                AgendaItem.objects.create(agenda=agenda, parent=item, position=sub_position, title_en=sub_title)
    return agenda


def items():
    return sorted(AgendaItem.objects.values_list("pk", "parent", "position"))


def item_url(name, item):
    return reverse(f"agendas:{name}", args=["honlac", 32, item.pk])


def test_delete_page_names_the_item_and_its_sub_items_and_changes_nothing(client, agenda):
    item = agenda.items.get(position=2, parent=None)
    client.force_login(secretariat_user())
    before = items()
    page = text(client.get(item_url("item_delete", item)))
    assert '<h1 class="h2">Delete item 2. Working groups?</h1>' in page
    assert "<li>Its 2 sub-items are deleted with it.</li>" in page
    assert "<li>The items after it are numbered again.</li>" in page
    assert '<button type="submit" class="btn btn-danger">Delete the item</button>' in page
    assert f'href="{reverse("agendas:agenda", args=["honlac", 32])}">Cancel</a>' in page
    assert items() == before


def test_deleting_an_item_says_so(client, agenda):
    item = agenda.items.get(position=2, parent=None)
    client.force_login(secretariat_user())
    page = text(client.post(item_url("item_delete", item), follow=True))
    assert "Item 2. Working groups was deleted; the items after it were numbered again." in page
    assert not AgendaItem.objects.filter(pk=item.pk).exists()


def test_delete_page_in_french(client, agenda):
    item = agenda.items.get(position=3, parent=None)
    client.force_login(secretariat_user())
    page = text(client.get(item_url("item_delete", item), HTTP_ACCEPT_LANGUAGE="fr"))
    assert '<h1 class="h2">Supprimer le point 3. Other business (fr)\u00a0?</h1>' in page


def test_moving_an_item_says_where_it_is_now(client, agenda):
    item = agenda.items.get(position=3, parent=None)
    client.force_login(secretariat_user())
    page = text(client.post(item_url("item_move", item), {"direction": "up"}, follow=True))
    assert "The item moved and is now 2. Other business." in page
    first = agenda.items.get(position=1, parent=None)
    page = text(client.post(item_url("item_move", first), {"direction": "up"}, follow=True))
    assert "1. Opening of the meeting was not moved: it is already the first or the last." in page


def test_agenda_delete_buttons_lead_to_the_confirmation(client, agenda):
    client.force_login(secretariat_user())
    page = text(client.get(reverse("agendas:agenda", args=["honlac", 32])))
    item = agenda.items.get(position=1, parent=None)
    assert f'<a class="btn btn-outline-danger btn-sm" href="{item_url("item_delete", item)}">Delete</a>' in page


@pytest.mark.parametrize("role", ROLES)
def test_delete_page_answers_as_the_deletion(client_as, agenda, role):
    item = agenda.items.get(position=2, parent=None)
    before = items()
    assert_answer(client_as(role).get(item_url("item_delete", item)), expect(SECRETARIAT_ONLY, role))
    assert items() == before


# The consultation ---------------------------------------------------------------------------------------------


@pytest.fixture
def consultation(db):
    """The consultation on the topics of meeting 32 (Ecuador, Mexico, Colombia), open for ten more days: Ecuador
    and Colombia support "Synthetic drugs", Colombia "Darknet markets" too; Mexico has not given its voice."""
    meeting = MeetingFactory(number=32, participating_states=["ECU", "MEX", "COL"])
    synthetic = topics.propose_topic(meeting, title="Synthetic drugs", member_state=state("ECU"), by=None)
    darknet = topics.propose_topic(meeting, title="Darknet markets", by=None)
    topics.propose_topic(meeting, title="Maritime trafficking", by=None)
    consultation = topics.open_consultation(meeting, closes_at=timezone.now() + datetime.timedelta(days=10), by=None)
    topics.give_voice(consultation, member_state=state("ECU"), topics=[synthetic], by=None)
    topics.give_voice(consultation, member_state=state("COL"), topics=[synthetic, darknet], by=None)
    return consultation


def topics_url(name="topics"):
    return reverse(f"agendas:{name}", args=["honlac", 32])


def test_tally_names_the_states_behind_each_topic(client, consultation):
    client.force_login(secretariat_user())
    page = text(client.get(topics_url()))
    assert '<td>2<div class="small text-body-secondary">Colombia, Ecuador</div></td>' in page
    assert '<td>1<div class="small text-body-secondary">Colombia</div></td>' in page
    assert "<td>0</td>" in page  # Maritime trafficking


def test_tally_in_french_orders_the_states_as_french_does(client, consultation):
    synthetic = consultation.meeting.topics.get(title_en="Synthetic drugs")
    topics.give_voice(consultation, member_state=state("MEX"), topics=[synthetic], by=None)
    client.force_login(secretariat_user())
    page = text(client.get(topics_url(), HTTP_ACCEPT_LANGUAGE="fr"))
    assert '<td>3<div class="small text-body-secondary">Colombie, Équateur, Mexique</div></td>' in page


def test_participants_do_not_see_who_supports_what(client, consultation):
    client.force_login(focal_point("MEX"))
    page = text(client.get(topics_url()))
    assert "Colombia, Ecuador" not in page


def test_close_page_lists_the_states_without_a_voice_and_changes_nothing(client, consultation):
    client.force_login(secretariat_user())
    closes_at = consultation.closes_at
    page = text(client.get(topics_url("close_consultation")))
    assert '<h1 class="h2">Close the consultation now?</h1>' in page
    assert (
        "<li>2 of the 3 participating States have given their voice; no voice can be given or changed after this.</li>"
        in page
    )
    assert "<summary>The 1 State that has not given its voice</summary>" in page
    assert '<ul class="confirmation-items"><li>Mexico</li></ul>' in page
    assert Consultation.objects.get().closes_at == closes_at


def test_closing_now_ends_the_voices(client, consultation):
    client.force_login(secretariat_user())
    page = text(client.post(topics_url("close_consultation"), follow=True))
    assert "The consultation is closed: the tally below is final." in page
    consultation.refresh_from_db()
    assert not consultation.is_open
    assert consultation.closes_at <= timezone.now()
    again = text(client.post(topics_url("close_consultation"), follow=True))
    assert "The consultation closed on" in again
    client.force_login(focal_point("MEX"))
    refused = text(client.post(topics_url("voice"), {"topics": []}, follow=True))
    assert "the voice of a State can no longer be given or changed" in refused


def test_topics_page_offers_to_close_only_an_open_consultation(client, consultation):
    client.force_login(secretariat_user())
    link = f'href="{topics_url("close_consultation")}">Close now</a>'
    assert link in text(client.get(topics_url()))
    Consultation.objects.update(closes_at=timezone.now() - datetime.timedelta(minutes=1))
    assert link not in text(client.get(topics_url()))


@pytest.mark.parametrize("role", ROLES)
def test_close_page_answers_as_the_closing(client_as, consultation, role):
    closes_at = consultation.closes_at
    # Participants know the consultation (403); a State outside the meeting does not (404).
    assert_answer(client_as(role).get(topics_url("close_consultation")), expect((LOGIN, 403, 403, 404, 200, 200), role))
    assert Consultation.objects.get().closes_at == closes_at
