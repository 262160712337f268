"""Choosing the host of a meeting, on the meeting's form or by accepting an offer, accepts its State's offer and
tells the other States that offered to host the same meeting (agendas.hosting)."""

import datetime
import html

import pytest
from django.urls import reverse

from accounts.models import OutgoingEmail
from agendas.models import HostOffer
from meetings.models import Meeting, MemberState
from tests.factories import BodyFactory, HostOfferFactory, MeetingFactory, focal_point, secretariat_user, state
from tests.helpers import LOGIN, ROLES, assert_answer, confirm_identity, expect

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_state_code():
    return "COL"


@pytest.fixture
def offers(db):
    """Meeting 33 of HONLAC, with no host yet; Mexico and Colombia offered to host it, Ecuador a later meeting.
    Colombia's focal point reads Spanish; Ecuador's, English."""
    body = BodyFactory()
    body.member_states.set(MemberState.objects.filter(region="latin_america_caribbean"))
    meeting = MeetingFactory(body=body, number=33, participating_states=["ECU", "MEX", "COL"])
    colombia = focal_point("COL")
    colombia.preferred_language, colombia.title, colombia.last_name = "es", "ms", "Pérez"
    colombia.save()
    ecuador = focal_point("ECU")
    return {
        "meeting": meeting,
        "mexico": HostOfferFactory(body=body, member_state=state("MEX"), offered_on=datetime.date(2023, 9, 1)),
        "colombia": HostOfferFactory(body=body, member_state=state("COL"), offered_on=datetime.date(2023, 10, 5)),
        "ecuador": HostOfferFactory(body=body, member_state=state("ECU"), meeting_number=None),
        "colombia_user": colombia,
        "ecuador_user": ecuador,
    }


def statuses():
    return dict(HostOffer.objects.values_list("member_state__code", "status"))


def meeting_form(meeting, host):
    return {
        "body": meeting.body.pk,
        "number": meeting.number,
        "status": meeting.status,
        "host_state": state(host).pk,
        "city_en": "Mexico City",
        "start_date": "2025-10-06",
        "end_date": "2025-10-09",
        "participating_states": [state(code).pk for code in ("ECU", "MEX", "COL")],
    }


def test_host_chosen_on_the_meeting_form_accepts_its_offer_and_tells_the_other_offerer(
    client, offers, django_capture_on_commit_callbacks
):
    client.force_login(secretariat_user())
    confirm_identity(client)
    meeting = offers["meeting"]
    with django_capture_on_commit_callbacks():
        response = client.post(reverse("meetings:edit", args=["honlac", 33]), meeting_form(meeting, "MEX"))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert statuses() == {"MEX": "accepted", "COL": "received", "ECU": "received"}
    [message] = OutgoingEmail.objects.all()
    assert message.recipient == offers["colombia_user"]
    assert message.language == "es"
    assert message.subject.startswith("País anfitrión de la Trigésima Tercera Reunión de Jefes")
    assert message.body.startswith("Estimada Sra. Pérez:\n")
    assert "Se eligió al Gobierno de México para acoger la Trigésima Tercera" in message.body
    assert "su ofrecimiento del 5 de octubre de 2023" in message.body


def test_host_without_an_offer_for_this_meeting_takes_its_offer_for_a_later_one(client, offers):
    client.force_login(secretariat_user())
    confirm_identity(client)
    client.post(reverse("meetings:edit", args=["honlac", 33]), meeting_form(offers["meeting"], "ECU"))
    assert statuses() == {"MEX": "received", "COL": "received", "ECU": "accepted"}
    assert HostOffer.objects.get(member_state__code="ECU").meeting_number == 33
    # Both States that offered to host the 33rd meeting are told; Mexico has no focal point with an address.
    assert list(OutgoingEmail.objects.values_list("recipient__member_state__code", flat=True)) == ["COL"]


def test_saving_the_meeting_again_tells_nobody_twice(client, offers):
    client.force_login(secretariat_user())
    confirm_identity(client)
    url = reverse("meetings:edit", args=["honlac", 33])
    client.post(url, meeting_form(offers["meeting"], "MEX"))
    data = meeting_form(offers["meeting"], "MEX") | {"city_en": "Cancún"}
    client.post(url, data)
    assert OutgoingEmail.objects.count() == 1


def test_accept_page_names_the_other_offerers_and_changes_nothing(client, offers):
    client.force_login(secretariat_user())
    url = reverse("agendas:offer_status", args=[offers["mexico"].pk])
    page = html.unescape(client.get(url, {"status": "accepted"}).content.decode())
    assert '<h1 class="h2">Choose Mexico as host?</h1>' in page
    assert "<li>Mexico will host the Thirty-third Meeting of Heads of National Drug Law Enforcement" in page
    assert "<li>The focal points of the 1 other State that offered to host it will be told by email.</li>" in page
    assert '<ul class="confirmation-items"><li>Colombia</li></ul>' in page
    assert '<input type="hidden" name="status" value="accepted">' in page
    assert statuses() == {"MEX": "received", "COL": "received", "ECU": "received"}
    assert not OutgoingEmail.objects.exists()


def test_accepting_an_offer_makes_its_state_host_of_the_meeting(client, offers, django_capture_on_commit_callbacks):
    client.force_login(secretariat_user())
    url = reverse("agendas:offer_status", args=[offers["mexico"].pk])
    with django_capture_on_commit_callbacks():
        page = html.unescape(client.post(url, {"status": "accepted"}, follow=True).content.decode())
    assert "The offer of Mexico was accepted." in page
    assert Meeting.objects.get(number=33).host_state == state("MEX")
    assert statuses() == {"MEX": "accepted", "COL": "received", "ECU": "received"}
    assert list(OutgoingEmail.objects.values_list("recipient", flat=True)) == [offers["colombia_user"].pk]


def test_declining_an_offer_says_so(client, offers):
    client.force_login(secretariat_user())
    url = reverse("agendas:offer_status", args=[offers["colombia"].pk])
    page = html.unescape(client.post(url, {"status": "declined"}, follow=True).content.decode())
    assert "The offer of Colombia was declined." in page
    assert not OutgoingEmail.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_accept_page_answers_as_the_acceptance(client_as, offers, role):
    url = reverse("agendas:offer_status", args=[offers["colombia"].pk]) + "?status=accepted"
    before = statuses()
    # Colombia's focal point knows its offer but may not accept it; Mexico's and France's do not see it.
    assert_answer(client_as(role).get(url), expect((LOGIN, 403, 404, 404, 200, 200), role))
    assert statuses() == before
