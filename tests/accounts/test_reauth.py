"""Confirm it's you: each sensitive change asks for the password (or, without one, the authenticator app's code)
given less than ten minutes ago; without it, nothing changes."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import reauth, services
from accounts.models import AuditEvent, User
from meetings import issuing
from meetings.forms import MeetingForm
from meetings.models import Document
from tests.factories import PASSWORD, BodyFactory, DocumentFactory, MeetingFactory, admin_user, focal_point, state
from tests.helpers import confirm_identity, current_code

REAL_NOW = timezone.now
TEN_MINUTES = 10 * 60


@pytest.fixture
def clock(monkeypatch):
    """clock(seconds): the time moves this far from now, for the sessions and the confirmations alike."""

    def move(seconds):
        moment = REAL_NOW() + timedelta(seconds=seconds)
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return move


@dataclass
class World:
    actor: User
    target: User
    body: Any
    meeting: Any
    document: Document
    group: Group
    device: TOTPDevice


@pytest.fixture
def world(db):
    target = focal_point("MEX")
    return World(
        actor=admin_user(),
        target=target,
        body=BodyFactory(),
        meeting=MeetingFactory(number=31),
        document=DocumentFactory(),
        group=Group.objects.create(name="Editors"),
        device=TOTPDevice.objects.create(user=target, name="Authenticator app", confirmed=True),
    )


@dataclass
class Case:
    url: Any  # world -> the address of the view
    data: Any  # world -> the POST; None for a GET
    done: Any  # (world, response) -> whether the change was made (for a GET: whether the page was shown)


def invitation(world):
    return {
        "username": "peru-fp",
        "email": "fp@peru.example",
        "last_name": "Quispe",
        "member_state": state("PER").pk,
        "preferred_language": "es",
    }


def user_change(world):
    return {
        "username": world.target.username,
        "email": world.target.email,
        "is_active": "on",
        "role": User.Role.SECRETARIAT,
        "member_state": "",
        "preferred_language": "en",
        "date_joined_0": "2024-01-01",
        "date_joined_1": "09:00:00",
    }


def meeting_with_peru(world):
    form = MeetingForm(instance=world.meeting)
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    return {**data, "participating_states": [state("PER").pk]}


def shown(world, response):
    return response.status_code == 200


CASES = {
    "invite focal point": Case(
        lambda w: reverse("invite_focal_point"),
        invitation,
        lambda w, r: User.objects.filter(username="peru-fp").exists(),
    ),
    "invite page": Case(lambda w: reverse("invite_focal_point"), None, shown),
    "authenticator app setup": Case(
        lambda w: reverse("two_factor_setup"), None, lambda w, r: TOTPDevice.objects.filter(user=w.actor).exists()
    ),
    "authenticator app confirmation": Case(
        lambda w: reverse("two_factor_setup"),
        # The code the app shows, once its key was scanned from the page.
        lambda w: {"token": current_code(services.totp_device_for_setup(w.actor))},
        lambda w, r: TOTPDevice.objects.filter(user=w.actor, confirmed=True).exists(),
    ),
    "body's member States": Case(
        lambda w: reverse("meetings:body_member_states", args=[w.body.code]),
        lambda w: {"member_states": [state("ECU").pk, state("PER").pk]},
        lambda w, r: sorted(w.body.member_states.values_list("code", flat=True)) == ["ECU", "PER"],
    ),
    "body's member States page": Case(
        lambda w: reverse("meetings:body_member_states", args=[w.body.code]), None, shown
    ),
    "a meeting's participating States": Case(
        lambda w: reverse("meetings:edit", args=[w.meeting.body.code.lower(), w.meeting.number]),
        meeting_with_peru,
        lambda w, r: list(w.meeting.participating_states.values_list("code", flat=True)) == ["PER"],
    ),
    "meeting page to edit": Case(
        lambda w: reverse("meetings:edit", args=[w.meeting.body.code.lower(), w.meeting.number]), None, shown
    ),
    "admin: a meeting": Case(lambda w: reverse("admin:meetings_meeting_change", args=[w.meeting.pk]), None, shown),
    "issue a document": Case(
        lambda w: reverse("meetings:document_action", args=[w.document.pk, "issue"]),
        lambda w: {"languages": ["en"]},
        lambda w, r: Document.objects.get(pk=w.document.pk).status == Document.Status.ISSUED,
    ),
    "issue page": Case(lambda w: reverse("meetings:document_action", args=[w.document.pk, "issue"]), None, shown),
    "admin: a user's role": Case(
        lambda w: reverse("admin:accounts_user_change", args=[w.target.pk]),
        user_change,
        lambda w, r: User.objects.get(pk=w.target.pk).role == User.Role.SECRETARIAT,
    ),
    "admin: a user's page": Case(lambda w: reverse("admin:accounts_user_change", args=[w.target.pk]), None, shown),
    "admin: a new user": Case(lambda w: reverse("admin:accounts_user_add"), None, shown),
    "admin: a user's password": Case(
        lambda w: reverse("admin:auth_user_password_change", args=[w.target.pk]),
        lambda w: {"password1": "a-New-pass-2026", "password2": "a-New-pass-2026", "usable_password": "true"},
        lambda w, r: User.objects.get(pk=w.target.pk).check_password("a-New-pass-2026"),
    ),
    "admin: a group's permissions": Case(
        lambda w: reverse("admin:auth_group_change", args=[w.group.pk]),
        lambda w: {"name": "Issuers", "permissions": []},
        lambda w, r: Group.objects.get(pk=w.group.pk).name == "Issuers",
    ),
    "admin: a user's authenticator app": Case(
        lambda w: reverse("admin:otp_totp_totpdevice_delete", args=[w.device.pk]),
        lambda w: {"post": "yes"},
        lambda w, r: not TOTPDevice.objects.filter(pk=w.device.pk).exists(),
    ),
    "admin: delete selected authenticator apps": Case(
        lambda w: reverse("admin:otp_totp_totpdevice_changelist"),
        lambda w: {"action": "delete_selected", "_selected_action": [w.device.pk], "post": "yes"},
        lambda w, r: not TOTPDevice.objects.filter(pk=w.device.pk).exists(),
    ),
    "admin: delete selected users": Case(
        lambda w: reverse("admin:accounts_user_changelist"),
        lambda w: {"action": "delete_selected", "_selected_action": [w.target.pk], "post": "yes"},
        lambda w, r: not User.objects.filter(pk=w.target.pk).exists(),
    ),
    "admin: a body": Case(lambda w: reverse("admin:meetings_body_change", args=[w.body.pk]), None, shown),
}


def ask(client, case, world):
    url = case.url(world)
    data = case.data(world) if case.data else None
    return client.post(url, data) if data is not None else client.get(url)


def confirm(client, password=PASSWORD, next_url="/"):
    return client.post(f"{reverse('reauth_confirm')}?{urlencode({'next': next_url})}", {"password": password})


def confirmation_address(next_url):
    return f"{reverse('reauth_confirm')}?{urlencode({'next': next_url})}"


@pytest.mark.parametrize("name", CASES)
def test_sensitive_change_without_confirmation_is_redirected_and_changes_nothing(client, world, name):
    case = CASES[name]
    client.force_login(world.actor)
    response = ask(client, case, world)
    assert (response.status_code, response["Location"]) == (302, confirmation_address(case.url(world)))
    assert not case.done(world, response)


@pytest.mark.parametrize("name", CASES)
def test_sensitive_change_after_confirming_is_made(client, world, name):
    case = CASES[name]
    client.force_login(world.actor)
    confirmed = confirm(client, next_url=case.url(world))
    assert (confirmed.status_code, confirmed["Location"]) == (302, case.url(world))
    response = ask(client, case, world)
    assert response.status_code in (200, 302)
    assert case.done(world, response)


@pytest.mark.parametrize("name", CASES)
def test_confirmation_expires_after_ten_minutes(client, world, clock, name):
    case = CASES[name]
    client.force_login(world.actor)
    confirm(client)
    clock(TEN_MINUTES)
    response = ask(client, case, world)
    assert (response.status_code, response["Location"]) == (302, confirmation_address(case.url(world)))
    assert not case.done(world, response)


# A new password or a code of the app is never kept (nor written back into a page): those forms are typed again.
WITH_SECRETS = {"admin: a user's password", "authenticator app confirmation"}


@pytest.mark.parametrize("name", [name for name, case in CASES.items() if case.data and name not in WITH_SECRETS])
def test_what_a_change_sent_before_confirming_is_given_back_to_send_again(client, world, clock, name):
    """A confirmation that expired while the form was open loses nothing: once the person confirms, the page gives
    back what the form sent, to send once more; the change is made then, not before."""
    case = CASES[name]
    client.force_login(world.actor)
    confirm(client)
    clock(TEN_MINUTES)
    data = case.data(world)
    # As a browser sends it, with the form's CSRF token, which is not given back (the page has its own).
    asked = client.post(case.url(world), {**data, "csrfmiddlewaretoken": "the form's token"})
    assert asked["Location"] == confirmation_address(case.url(world))
    page = confirm(client, next_url=case.url(world))
    assert page.status_code == 200
    assert not case.done(world, page)
    given_back = page.context["fields"]
    sent = [
        (key, str(value))
        for key, values in data.items()
        for value in (values if isinstance(values, list) else [values])
    ]
    assert sorted(given_back) == sorted(sent)
    assert f'action="{page.context["action"]}"' in page.content.decode()
    response = client.post(page.context["action"], dict(QueryDict(urlencode(given_back, doseq=True)).lists()))
    assert response.status_code in (200, 302)
    assert case.done(world, response)


def test_what_was_sent_is_given_back_only_once_and_only_for_its_page(client, world):
    client.force_login(world.actor)
    client.post(reverse("invite_focal_point"), invitation(world))
    elsewhere = confirm(client, next_url="/accounts/security/")
    assert elsewhere["Location"] == "/accounts/security/"
    assert reauth.PENDING_KEY not in client.session
    client.post(reverse("meetings:body_member_states", args=[world.body.code]), {"member_states": ["x" * 70_000]})
    assert reauth.PENDING_KEY not in client.session  # over the limit: kept nowhere


@pytest.mark.parametrize("name", sorted(WITH_SECRETS))
def test_a_password_or_a_code_sent_before_confirming_is_never_kept(client, world, name):
    case = CASES[name]
    client.force_login(world.actor)
    client.post(case.url(world), case.data(world))
    assert reauth.PENDING_KEY not in client.session
    page = confirm(client, next_url=case.url(world))
    assert page["Location"] == case.url(world)


def test_confirmation_counts_until_its_tenth_minute(client, world, clock):
    client.force_login(world.actor)
    confirm(client)
    clock(TEN_MINUTES - 5)
    assert client.get(reverse("invite_focal_point")).status_code == 200


def test_confirmation_lasts_as_long_as_the_setting_says(client, world, clock, settings):
    settings.HONLAC_REAUTH_SECONDS = 30 * 60
    client.force_login(world.actor)
    confirm(client)
    clock(20 * 60)
    assert client.get(reverse("invite_focal_point")).status_code == 200


def test_confirmation_is_of_one_session(client, world):
    client.force_login(world.actor)
    confirm(client)
    client.logout()
    client.force_login(world.actor)
    assert client.get(reverse("invite_focal_point"))["Location"].startswith(reverse("reauth_confirm"))


def test_changes_that_publish_nothing_ask_no_confirmation(client, world):
    issuing.issue_at_once(world.document, by=None)
    client.force_login(world.actor)
    response = client.post(reverse("meetings:document_action", args=[world.document.pk, "add"]))
    assert response.status_code == 302
    assert Document.objects.filter(parent=world.document, relation=Document.Relation.ADDENDUM).count() == 1


def test_a_person_who_may_not_invite_is_refused_before_being_asked_to_confirm(client, db):
    client.force_login(focal_point("ECU"))
    assert client.get(reverse("invite_focal_point")).status_code == 403


# The page ------------------------------------------------------------------------------------------------------


def test_confirmation_page_asks_for_the_password_and_records_the_confirmation(client, world):
    client.force_login(world.actor)
    page = client.get(confirmation_address("/accounts/invite/"))
    assert list(page.context["form"].fields) == ["password"]
    assert page.context["next"] == "/accounts/invite/"
    response = confirm(client, next_url="/accounts/invite/")
    assert response["Location"] == "/accounts/invite/"
    event = AuditEvent.objects.get(action="user.reauthenticated")
    assert (event.actor, event.object, event.details) == (world.actor, world.actor, {"confirmed_with": "password"})


def test_a_wrong_password_confirms_nothing_and_is_recorded(client, world):
    client.force_login(world.actor)
    response = confirm(client, password="not-the-password", next_url="/accounts/invite/")
    assert response.status_code == 200
    assert response.context["form"].errors == {"password": ["This password is not right."]}
    assert client.get(reverse("invite_focal_point")).status_code == 302
    event = AuditEvent.objects.get(action="user.reauth_failed")
    assert (event.actor, event.object, event.details) == (world.actor, world.actor, {"confirmed_with": "password"})
    assert not AuditEvent.objects.filter(action="user.login_failed").exists()


def test_wrong_passwords_count_as_failed_sign_ins_and_lock(client, world, settings):
    client.force_login(world.actor)
    for _try in range(settings.AXES_FAILURE_LIMIT):
        confirm(client, password="not-the-password")
    assert AccessAttempt.objects.get(username=world.actor.username).failures_since_start == 5
    # Locked: even the right password is refused, with the lockout page.
    locked = confirm(client)
    assert locked.status_code == 429
    assert "accounts/locked.html" in [template.name for template in locked.templates]
    assert client.get(reverse("invite_focal_point")).status_code == 302


def test_the_confirmation_leads_back_only_to_the_portal(client, world):
    client.force_login(world.actor)
    response = confirm(client, next_url="https://elsewhere.example/")
    assert response["Location"] == reverse("meetings:home")


def signed_in_with_app(client, person):
    """`client` signed in as `person`, who gave the code of their authenticator app (django-otp's session key)."""
    from django_otp import DEVICE_ID_SESSION_KEY

    device = TOTPDevice.objects.create(user=person, name="Authenticator app", confirmed=True)
    client.force_login(person)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def test_without_a_password_the_authenticator_app_confirms(client, db):
    person = admin_user()
    person.set_unusable_password()
    person.save()
    device = signed_in_with_app(client, person)
    page = client.get(confirmation_address("/accounts/invite/"))
    assert list(page.context["form"].fields) == ["token"]
    wrong = client.post(confirmation_address("/accounts/invite/"), {"token": "12345"})
    assert wrong.context["form"].errors == {"token": ["This code is not right."]}
    assert AuditEvent.objects.get(action="user.reauth_failed").details == {"confirmed_with": "totp"}
    device.refresh_from_db()
    device.throttling_failure_count, device.throttling_failure_timestamp = 0, None
    device.save()
    response = client.post(confirmation_address("/accounts/invite/"), {"token": current_code(device)})
    assert response["Location"] == "/accounts/invite/"
    assert AuditEvent.objects.get(action="user.reauthenticated").details == {"confirmed_with": "totp"}
    assert client.get(reverse("invite_focal_point")).status_code == 200


def test_staff_whose_password_sign_in_is_off_confirm_with_the_app(client, db, settings):
    settings.HONLAC_OIDC_ENABLED = True
    settings.HONLAC_PASSWORD_SIGNIN_FOR_STAFF = False
    person = admin_user()
    signed_in_with_app(client, person)
    page = client.get(reverse("reauth_confirm"))
    assert list(page.context["form"].fields) == ["token"]
    # The password, though right, does not confirm.
    client.post(reverse("reauth_confirm"), {"password": PASSWORD})
    assert client.get(reverse("invite_focal_point")).status_code == 302


def test_an_account_with_neither_password_nor_app_is_sent_to_set_one_up(client, db):
    person = admin_user()
    person.set_unusable_password()
    person.save()
    client.force_login(person)
    page = client.get(confirmation_address("/accounts/invite/"))
    html = page.content.decode()
    assert page.context["method"] is None
    assert 'name="password"' not in html and 'name="token"' not in html
    assert f'href="{reverse("two_factor_setup")}"' in html
    assert client.get(reverse("invite_focal_point")).status_code == 302
    # Setting up the app is the way out: it needs no confirmation that could not be given.
    assert client.get(reverse("two_factor_setup")).status_code == 200


def test_signing_in_with_the_password_counts_as_confirming(client, world):
    client.post(reverse("login"), {"username": world.actor.username, "password": PASSWORD})
    assert client.get(reverse("invite_focal_point")).status_code == 200


def test_new_recovery_codes_ask_for_a_confirmation_that_leads_back_to_the_security_page(client, db, clock):
    person = focal_point("ECU")
    device = TOTPDevice.objects.create(user=person, name="Authenticator app", confirmed=True)
    services.new_recovery_codes(person, by=person)
    before = set(StaticToken.objects.values_list("token", flat=True))
    client.post(reverse("login"), {"username": person.username, "password": PASSWORD})
    client.post(reverse("two_factor_verify"), {"token": current_code(device)})
    clock(TEN_MINUTES + 1)
    response = client.post(reverse("recovery_codes"))
    assert response["Location"] == confirmation_address(reverse("account_security"))
    assert set(StaticToken.objects.values_list("token", flat=True)) == before
    # The button pressed is given back, to press once more: the codes are made then.
    page = confirm(client, next_url=reverse("account_security"))
    assert (page.context["action"], page.context["fields"]) == (reverse("recovery_codes"), [])
    assert set(StaticToken.objects.values_list("token", flat=True)) == before
    renewed = client.post(page.context["action"])
    assert len(renewed.context["recovery_codes"]) == 10
    assert set(StaticToken.objects.values_list("token", flat=True)).isdisjoint(before)


def test_the_decorator_protects_a_function_view(rf, world):
    from django.contrib.sessions.backends.db import SessionStore
    from django.http import HttpResponse

    from accounts.reauth import reauth_required

    @reauth_required
    def view(request):
        return HttpResponse("changed")

    request = rf.post("/somewhere/?x=1")
    request.user, request.session = world.actor, SessionStore()
    assert view(request)["Location"] == confirmation_address("/somewhere/?x=1")
    confirm_identity_in(request.session)
    assert view(request).content == b"changed"


def confirm_identity_in(session):
    from accounts.reauth import REAUTH_KEY

    session[REAUTH_KEY] = timezone.now().timestamp()


# The password change, which asks for the current password already ------------------------------------------------


def test_password_change_still_asks_for_the_current_password(client, db):
    person = focal_point("ECU")
    client.force_login(person)
    page = client.get(reverse("password_change"))
    assert list(page.context["form"].fields) == ["old_password", "new_password1", "new_password2"]
    client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": "a-New-pass-2026", "new_password2": "a-New-pass-2026"},
    )
    person.refresh_from_db()
    assert person.check_password(PASSWORD)


def test_password_rules_have_no_empty_item(client, db):
    client.force_login(focal_point("ECU"))
    html = client.get(reverse("password_change")).content.decode()
    assert "<li>" in html
    assert "<li></li>" not in html.replace(" ", "")


def test_confirm_identity_helper_confirms(client, world):
    client.force_login(world.actor)
    confirm_identity(client)
    assert client.get(reverse("invite_focal_point")).status_code == 200


@pytest.mark.parametrize("name", ["otp_totp_totpdevice_config", "otp_totp_totpdevice_qrcode"])
def test_the_admin_never_shows_a_second_factor_s_secret(client, world, name):
    """Even confirmed: the key and its QR code would let whoever reads them give that person's second factor."""
    client.force_login(world.actor)
    confirm_identity(client)
    assert client.get(reverse(f"admin:{name}", args=[world.device.pk])).status_code == 403
    page = client.get(reverse("admin:otp_totp_totpdevice_change", args=[world.device.pk])).content.decode()
    assert world.device.key not in page


def test_what_was_sent_goes_back_to_its_address_with_the_query(client, world):
    client.force_login(world.actor)
    url = reverse("admin:otp_totp_totpdevice_changelist") + "?user__id__exact=" + str(world.target.pk)
    client.post(url, {"action": "delete_selected", "_selected_action": [world.device.pk]})
    page = confirm(client, next_url=url)
    assert page.context["action"] == url
    assert TOTPDevice.objects.filter(pk=world.device.pk).exists()
