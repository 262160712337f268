"""A State taking part in a meeting of a body without being one of its member States (Spain at a HONLAC meeting)
acts in the body as its members do: it offers to host its meetings and the secretariat may record its offers."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from agendas.models import HostOffer
from meetings.bodies import states_of
from meetings.models import MemberState
from tests.factories import BodyFactory, MeetingFactory, state
from tests.helpers import LOGIN, ROLES, expect


@pytest.fixture
def own_state_code():
    return "ESP"


@pytest.fixture
def honlac(db):
    body = BodyFactory()
    body.member_states.set(MemberState.objects.filter(region="latin_america_caribbean"))
    meeting = MeetingFactory(body=body, number=32)
    meeting.participating_states.set([*body.member_states.all(), state("ESP")])
    return body


def test_states_of_a_body_are_its_members_and_the_participants_of_its_meetings(honlac):
    codes = set(states_of(honlac).values_list("code", flat=True))
    assert "ESP" in codes
    assert "MEX" in codes
    assert "FRA" not in codes
    assert states_of(honlac).count() == honlac.member_states.count() + 1


def test_participating_state_records_an_offer(client, honlac, users):
    client.force_login(users["own_state"])
    response = client.post(
        reverse("agendas:offer_create", args=["honlac"]), {"meeting_number": "33", "offered_on": "2023-10-05"}
    )
    offer = HostOffer.objects.get()
    assert response["Location"] == offer.get_absolute_url()
    assert offer.member_state == state("ESP")


def test_secretariat_chooses_a_participating_state_in_the_offer_form(client, honlac, users):
    client.force_login(users["secretariat"])
    form = client.get(reverse("agendas:offer_create", args=["honlac"])).context["form"]
    choices = set(form.fields["member_state"].queryset.values_list("code", flat=True))
    assert choices == set(states_of(honlac).values_list("code", flat=True))
    assert "ESP" in choices
    response = client.post(
        reverse("agendas:offer_create", args=["honlac"]),
        {"member_state": state("ESP").pk, "meeting_number": "33", "offered_on": "2023-11-20"},
    )
    assert response.status_code == 302
    assert HostOffer.objects.get().member_state == state("ESP")


def test_secretariat_cannot_choose_a_state_outside_the_body_and_its_meetings(client, honlac, users):
    client.force_login(users["secretariat"])
    response = client.post(
        reverse("agendas:offer_create", args=["honlac"]),
        {"member_state": state("FRA").pk, "meeting_number": "33", "offered_on": "2023-11-20"},
    )
    assert "member_state" in response.context["form"].errors
    assert not HostOffer.objects.exists()


# The own State (Spain) takes part in a meeting only; the other State (Mexico) is a member State; France neither.
PARTICIPANTS = (LOGIN, 200, 200, 404, 200, 200)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["offers", "offer_create"])
def test_offers_of_a_body_permission_matrix(client_as, honlac, name, role):
    url = reverse(f"agendas:{name}", args=["honlac"])
    response = client_as(role).get(url)
    wanted = expect(PARTICIPANTS, role)
    if wanted == LOGIN:
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={quote(url, safe='/')}"
    else:
        assert response.status_code == wanted
