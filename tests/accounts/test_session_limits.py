"""A session ends after an hour without a request, and twelve hours after its sign-in in any case; either way,
what was being typed in a response is kept for after the sign-in."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent
from questionnaires.models import Response
from tests.factories import PASSWORD, focal_point, open_questionnaire

REAL_NOW = timezone.now
MINUTE = 60
HOUR = 60 * MINUTE


@pytest.fixture
def clock(monkeypatch):
    """clock(seconds): the time moves this far from when the test began, for the sessions and their limits."""
    start = REAL_NOW()

    def move(seconds):
        moment = start + timedelta(seconds=seconds)
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return move


def sign_in(client, user):
    return client.post(reverse("login"), {"username": user.username, "password": PASSWORD})


def signed_in(client):
    """Whether a page that needs a sign-in opens (the security page) rather than sending to the sign-in page."""
    return client.get(reverse("account_security")).status_code == 200


def active(client, clock, *, since, until):
    """A request every 50 minutes from `since` to before `until` (seconds), each still signed in."""
    for moment in range(since, until, 50 * MINUTE):
        clock(moment)
        assert signed_in(client), moment


def form_data(questionnaire, *, version, text):
    data = {"version": version, "save": ""}
    for question in questionnaire.questions.all():
        if question.recommendation_id:
            data[f"status_{question.pk}"] = "implemented"
        data[f"text_{question.pk}"] = text
    return data


def test_settings_end_a_session_after_an_idle_hour_and_twelve_hours_in_any_case(settings):
    assert settings.SESSION_COOKIE_AGE == HOUR
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.HONLAC_SESSION_MAX_SECONDS == 12 * HOUR


def test_each_request_keeps_the_session_for_another_hour(client, db, clock):
    clock(0)
    sign_in(client, focal_point("ECU"))
    clock(55 * MINUTE)
    assert signed_in(client)
    clock(110 * MINUTE)  # more than an hour after the sign-in, 55 minutes after the last request
    assert signed_in(client)


def test_an_idle_hour_ends_the_session(client, db, clock):
    clock(0)
    sign_in(client, focal_point("ECU"))
    clock(HOUR + MINUTE)
    assert not signed_in(client)


def test_twelve_hours_after_the_sign_in_the_session_ends_however_active(client, db, clock):
    clock(0)
    person = focal_point("ECU")
    sign_in(client, person)
    active(client, clock, since=50 * MINUTE, until=12 * HOUR)
    clock(12 * HOUR)
    response = client.get(reverse("account_security"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")
    page = client.get(response["Location"])
    assert [str(message) for message in page.context["messages"]] == [
        "Your session ended: 12 hours had passed since you signed in. Sign in again."
    ]
    assert AuditEvent.objects.filter(action="user.logout", actor=person).count() == 1
    # Said once.
    assert list(client.get(reverse("login")).context["messages"]) == []
    # Signing in again starts a new twelve hours.
    sign_in(client, person)
    active(client, clock, since=12 * HOUR + 50 * MINUTE, until=20 * HOUR)


def test_the_limit_is_the_setting(client, db, clock, settings):
    settings.HONLAC_SESSION_MAX_SECONDS = 2 * HOUR
    clock(0)
    sign_in(client, focal_point("ECU"))
    clock(50 * MINUTE)
    assert signed_in(client)
    clock(100 * MINUTE)
    assert signed_in(client)
    clock(2 * HOUR)
    assert not signed_in(client)
    page = client.get(reverse("login"))
    assert [str(message) for message in page.context["messages"]] == [
        "Your session ended: 2 hours had passed since you signed in. Sign in again."
    ]


def test_a_session_signed_in_before_the_limit_counts_from_its_next_request(client, db, clock):
    from accounts.session_limits import SIGNED_IN_AT_KEY

    clock(0)
    client.force_login(focal_point("ECU"))
    session = client.session
    del session[SIGNED_IN_AT_KEY]
    session.save()
    clock(30 * MINUTE)
    assert signed_in(client)
    active(client, clock, since=80 * MINUTE, until=12 * HOUR + 30 * MINUTE)
    clock(12 * HOUR + 30 * MINUTE)
    assert not signed_in(client)


@pytest.mark.parametrize("ended_at", [HOUR + MINUTE, 12 * HOUR], ids=["idle hour", "twelve hours"])
def test_text_typed_as_the_session_ends_is_kept_for_after_the_sign_in(client, db, clock, ended_at):
    questionnaire = open_questionnaire(states=("ECU", "MEX"))
    ecuador = focal_point("ECU")
    response = Response.objects.create(questionnaire=questionnaire, member_state=ecuador.member_state)
    url = reverse("questionnaires:response_edit", args=[response.pk])
    clock(0)
    sign_in(client, ecuador)
    if ended_at == 12 * HOUR:  # active until the end: only the twelve hours end it
        active(client, clock, since=50 * MINUTE, until=ended_at)
    clock(ended_at)
    sent = client.post(url, form_data(questionnaire, version=0, text="Escrito antes del final"))
    assert sent.status_code == 302 and sent["Location"].startswith(reverse("login") + "?next=")
    sign_in(client, ecuador)
    page = client.get(url).content.decode()
    assert "Escrito antes del final" in page
    assert not response.answers.exists()
