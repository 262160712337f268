"""A person is told by email, in their language, when their password or their second factor changes."""

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from accounts.models import AuditEvent, OutgoingEmail
from tests.factories import PASSWORD, admin_user, focal_point
from tests.helpers import confirm_identity, current_code

NEW = "a-New-pass-2026"


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """sent(action): runs `action`, commits, lets the outbox send; the messages sent."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            action()
        return list(mail.outbox)

    return run


def reset_link(user):
    return reverse(
        "password_reset_confirm",
        args=[urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)],
    )


def test_password_change_is_told_by_email_in_the_persons_language(client, db, sent):
    person = focal_point("ECU")
    person.preferred_language = "es"
    person.save()
    client.force_login(person)
    data = {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}
    [message] = sent(lambda: client.post(reverse("password_change"), data))
    assert message.to == [person.email]
    assert message.subject == "Órganos subsidiarios de la CND: un cambio en su forma de iniciar sesión"
    body = message.body
    assert "Se cambió la contraseña de su cuenta." in body
    assert f"Cuenta: {person.username}." in body
    assert re.search(r"Fecha: \d{1,2} de \w+ de \d{4}, \d\d:\d\d \(UTC\)\.", body)
    assert "http://testserver/accounts/password_reset/" in body
    event = AuditEvent.objects.get(action="user.password_changed")
    assert (event.actor, event.object, event.details) == (person, person, {"how": "changed"})


def test_notice_waits_for_the_commit(client, db, django_capture_on_commit_callbacks):
    person = focal_point("ECU")
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=False):
        client.post(reverse("password_change"), {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW})
        assert mail.outbox == []
    assert OutgoingEmail.objects.get().to == person.email


def test_a_refused_password_change_tells_nothing(client, db, sent):
    person = focal_point("ECU")
    client.force_login(person)
    data = {"old_password": "wrong", "new_password1": NEW, "new_password2": NEW}
    assert sent(lambda: client.post(reverse("password_change"), data)) == []


def test_password_reset_is_told_by_email(client, db, sent):
    person = focal_point("ECU")
    form = client.get(reset_link(person), follow=True)
    data = {"new_password1": NEW, "new_password2": NEW}
    [message] = sent(lambda: client.post(form.redirect_chain[-1][0], data))
    assert message.to == [person.email]
    assert "The password of your account was reset, with a link sent to this address." in message.body
    assert "If it was not you, someone else may be using your account." in message.body
    assert AuditEvent.objects.get(action="user.password_changed").details == {"how": "reset"}


def test_the_first_password_of_an_invited_focal_point_is_no_change(client, db, sent):
    person = focal_point("ECU")
    person.set_unusable_password()
    person.save()
    form = client.get(reset_link(person), follow=True)
    data = {"new_password1": NEW, "new_password2": NEW}
    assert sent(lambda: client.post(form.redirect_chain[-1][0], data)) == []
    person.refresh_from_db()
    assert person.check_password(NEW)


def test_password_set_by_an_administrator_is_told_by_email(client, db, sent):
    person = focal_point("MEX")
    client.force_login(admin_user())
    confirm_identity(client)
    data = {"password1": NEW, "password2": NEW, "usable_password": "true"}
    [message] = sent(lambda: client.post(reverse("admin:auth_user_password_change", args=[person.pk]), data))
    assert message.to == [person.email]
    assert "An administrator changed the password of your account." in message.body
    assert AuditEvent.objects.get(action="user.password_changed").details == {"how": "set_by_admin"}


def test_password_sign_in_turned_off_by_an_administrator_is_told_by_email(client, db, sent):
    person = focal_point("MEX")
    client.force_login(admin_user())
    confirm_identity(client)
    data = {"usable_password": "false", "unset-password": "Disable password-based authentication"}
    [message] = sent(lambda: client.post(reverse("admin:auth_user_password_change", args=[person.pk]), data))
    person.refresh_from_db()
    assert not person.has_usable_password()
    assert message.to == [person.email]
    assert "An administrator turned off signing in with a password for your account" in message.body
    assert AuditEvent.objects.get(action="user.password_changed").details == {"how": "turned_off_by_admin"}


def test_setting_up_an_authenticator_app_is_told_by_email_and_so_is_replacing_it(client, db, sent):
    person = focal_point("ECU")
    person.preferred_language = "fr"
    person.save()
    client.force_login(person)
    confirm_identity(client)
    client.get(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(user=person)
    [added] = sent(lambda: client.post(reverse("two_factor_setup"), {"token": current_code(device)}))
    assert added.subject == "Organes subsidiaires de la CND\u00a0: un changement de votre façon de vous connecter"
    assert (
        "Une application d’authentification a été configurée comme second facteur de votre compte, avec de "
        "nouveaux codes de secours." in added.body
    )
    assert f"Compte\u00a0: {person.username}." in added.body
    mail.outbox.clear()
    again = services.totp_device_for_setup(person)
    [replaced] = sent(lambda: services.confirm_totp(person, device=again, token=current_code(again), by=person))
    assert "l’application et les codes précédents ne fonctionnent plus" in replaced.body
    assert TOTPDevice.objects.filter(user=person).count() == 1


def test_an_authenticator_app_removed_in_the_admin_is_told_by_email(client, db, sent):
    person = focal_point("ECU")
    device = TOTPDevice.objects.create(user=person, name="Authenticator app", confirmed=True)
    client.force_login(admin_user())
    confirm_identity(client)
    url = reverse("admin:otp_totp_totpdevice_delete", args=[device.pk])
    [message] = sent(lambda: client.post(url, {"post": "yes"}))
    assert not TOTPDevice.objects.filter(user=person).exists()
    assert message.to == [person.email]
    assert "The authenticator app of your account was removed: its codes no longer work." in message.body
    event = AuditEvent.objects.get(action="user.second_factor_removed")
    assert (event.object, event.details) == (person, {"recovery_codes": False})


def test_recovery_codes_removed_in_the_admin_list_are_told_by_email(client, db, sent):
    from django_otp.plugins.otp_static.models import StaticDevice

    person = focal_point("ECU")
    StaticDevice.objects.create(user=person, name="Recovery codes", confirmed=True)
    client.force_login(admin_user())
    confirm_identity(client)
    data = {"action": "delete_selected", "_selected_action": [StaticDevice.objects.get().pk], "post": "yes"}
    [message] = sent(lambda: client.post(reverse("admin:otp_static_staticdevice_changelist"), data))
    assert not StaticDevice.objects.exists()
    assert "The recovery codes of your account were removed: they no longer work." in message.body


def test_new_recovery_codes_are_told_by_email(db, sent):
    person = focal_point("ECU")
    [message] = sent(lambda: services.new_recovery_codes(person, by=person))
    assert message.to == [person.email]
    assert "New recovery codes were made for your account; the earlier ones no longer work." in message.body
    assert message.body.startswith("Dear ")


def test_an_account_without_an_address_gets_no_notice(db, sent):
    person = focal_point("ECU")
    person.email = ""
    person.save()
    assert sent(lambda: services.new_recovery_codes(person, by=person)) == []
