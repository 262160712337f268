"""Choosing among 193 States: the participants of a meeting and the member States of a body, by region."""

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from meetings.models import Body, MemberState
from tests.factories import BodyFactory, MeetingFactory, secretariat_user
from tests.helpers import LOGIN, ROLES, SECRETARIAT_ONLY, assert_answer, confirm_identity, expect


@pytest.fixture
def secretariat(client, db):
    client.force_login(secretariat_user())
    confirm_identity(client)
    return client


def test_meeting_form_groups_every_state_under_its_region(secretariat, db):
    MeetingFactory(number=31, participating_states=["ECU", "MEX"])

    page = secretariat.get(reverse("meetings:edit", args=["honlac", 31]))

    regions = page.context["form"]["participating_states"].subwidgets  # every State, once
    assert len(regions) == MemberState.objects.count() == 193
    html = page.content.decode()
    assert html.count("<details") == 5
    assert html.count('<details class="state-picker-region border rounded px-3 py-2 mb-2" data-region open>') == 1
    latin_america = html.index("Latin American and Caribbean States")
    assert latin_america < html.index(">Ecuador</label>") < html.index("Western European and other States")
    assert "2 of 193 States chosen" in html
    assert "2 of 33 chosen" in html
    assert '<script src="/static/js/state_picker.js" defer></script>' in html
    assert "<select" not in html.split("Participating States")[1].split("</fieldset>")[0]


def test_saving_the_meeting_keeps_the_states_ticked_and_records_the_change(secretariat, db):
    meeting = MeetingFactory(number=31, participating_states=["ECU", "MEX"])
    form = secretariat.get(reverse("meetings:edit", args=["honlac", 31])).context["form"]
    data = {name: form[name].value() for name in form.fields if name != "participating_states"}
    data = {name: "" if value is None else value for name, value in data.items()}
    ticked = list(MemberState.objects.filter(code__in=["ECU", "MEX", "PER"]).values_list("pk", flat=True))

    response = secretariat.post(reverse("meetings:edit", args=["honlac", 31]), {**data, "participating_states": ticked})

    assert response.status_code == 302
    assert set(meeting.participating_states.values_list("code", flat=True)) == {"ECU", "MEX", "PER"}
    assert "participating_states" in AuditEvent.objects.get(action="meeting.changed").details["fields"]


def test_secretariat_sets_the_member_states_of_a_body(secretariat, db):
    body = BodyFactory()
    body.member_states.set(MemberState.objects.filter(code__in=["ECU", "MEX"]))
    ticked = MemberState.objects.filter(code__in=["ECU", "PER", "FRA"]).values_list("pk", flat=True)

    response = secretariat.post(
        reverse("meetings:body_member_states", args=["honlac"]), {"member_states": list(ticked)}, follow=True
    )

    assert set(body.member_states.values_list("code", flat=True)) == {"ECU", "PER", "FRA"}
    assert [str(m) for m in response.context["messages"]] == ["The member States of HONLAC were saved: 3 States."]
    event = AuditEvent.objects.get(action="body.member_states_changed")
    assert (event.object, event.details) == (body, {"states_added": ["FRA", "PER"], "states_removed": ["MEX"]})


def test_saving_the_same_member_states_records_nothing(secretariat, db):
    body = BodyFactory()
    body.member_states.set(MemberState.objects.filter(code__in=["ECU"]))
    secretariat.post(
        reverse("meetings:body_member_states", args=["honlac"]),
        {"member_states": [MemberState.objects.get(code="ECU").pk]},
    )
    assert not AuditEvent.objects.filter(action="body.member_states_changed").exists()


def test_member_states_page_of_an_unknown_body_is_not_found(secretariat, db):
    assert secretariat.get(reverse("meetings:body_member_states", args=["nobody"])).status_code == 404


@pytest.fixture
def world(db):
    body = BodyFactory()
    body.member_states.set(MemberState.objects.filter(code__in=["ECU", "MEX"]))
    MeetingFactory(body=body, number=31, participating_states=["ECU", "MEX"])
    return body


@pytest.mark.parametrize("role", ROLES)
def test_member_states_page_permission_matrix(client_as, world, role):
    assert_answer(
        client_as(role).get(reverse("meetings:body_member_states", args=["honlac"])), expect(SECRETARIAT_ONLY, role)
    )


@pytest.mark.parametrize("role", ROLES)
def test_member_states_post_permission_matrix(client_as, world, role):
    france = MemberState.objects.get(code="FRA")
    response = client_as(role).post(
        reverse("meetings:body_member_states", args=["honlac"]), {"member_states": [france.pk]}
    )
    wanted = expect((LOGIN, 403, 403, 403, 302, 302), role)
    assert_answer(response, wanted)
    codes = set(Body.objects.get(pk=world.pk).member_states.values_list("code", flat=True))
    assert codes == ({"FRA"} if wanted == 302 else {"ECU", "MEX"})
