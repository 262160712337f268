"""Accounts held by officials: second factor, login throttling, session expiry, headers, one-time invitations."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from tests.factories import PASSWORD, UserFactory, focal_point, open_questionnaire, secretariat_user, state
from tests.helpers import confirm_identity, current_code

SECRETARIAT_PAGES = [
    ("meetings:create", []),
    ("questionnaires:dashboard", ["honlac", 32]),
    ("agendas:agenda", ["honlac", 32]),
]


def sign_in(client, user, password=PASSWORD):
    return client.post(reverse("login"), {"username": user.username, "password": password})


def unthrottle(device):
    """django-otp slows down the tries after a wrong code; the tests do not wait."""
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()


@pytest.fixture
def require_2fa(settings):
    settings.HONLAC_REQUIRE_2FA = True


def test_secretariat_without_a_second_factor_reaches_no_secretariat_page(client, db, require_2fa):
    open_questionnaire()
    staff = secretariat_user()
    sign_in(client, staff)
    for name, args in SECRETARIAT_PAGES:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("two_factor_setup") + "?next=")


def test_secretariat_with_totp_reaches_secretariat_pages(client, db, require_2fa):
    open_questionnaire()
    staff = secretariat_user()
    sign_in(client, staff)
    page = client.get(reverse("two_factor_setup"))
    assert page.context["qr_code"].startswith("data:image/svg+xml;base64,")
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    wrong = client.post(
        reverse("two_factor_setup"), {"token": "000000" if current_code(device) != "000000" else "111111"}
    )
    assert "This code is not right" in wrong.content.decode()
    unthrottle(device)
    done = client.post(reverse("two_factor_setup"), {"token": current_code(device)})
    codes = done.context["recovery_codes"]
    assert len(codes) == 10
    for name, args in SECRETARIAT_PAGES:
        assert client.get(reverse(name, args=args)).status_code == 200

    # A new sign-in asks for the code before anything else.
    client.post(reverse("logout"))
    sign_in(client, staff)
    assert client.get(reverse("meetings:create"))["Location"].startswith(reverse("two_factor_verify"))
    assert client.post(reverse("two_factor_verify"), {"token": "12345"}).status_code == 200
    unthrottle(device)
    verified = client.post(
        reverse("two_factor_verify") + "?next=/meetings/new/", {"token": current_code(device, ahead=1)}
    )
    assert verified["Location"] == "/meetings/new/"
    assert client.get(reverse("meetings:create")).status_code == 200


def test_a_recovery_code_works_once(client, db, require_2fa):
    staff = secretariat_user()
    sign_in(client, staff)
    client.get(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(user=staff)
    code = client.post(reverse("two_factor_setup"), {"token": current_code(device)}).context["recovery_codes"][0]
    for attempt in range(2):
        client.post(reverse("logout"))
        sign_in(client, staff)
        response = client.post(reverse("two_factor_verify"), {"token": code})
        if attempt == 0:
            assert response.status_code == 302
            assert client.get(reverse("meetings:create")).status_code == 200
        else:
            assert response.status_code == 200
            assert "This code is not right." in response.content.decode()


def test_focal_points_may_use_a_second_factor_but_need_not(client, db, require_2fa):
    open_questionnaire()
    ecuador = focal_point("ECU")
    sign_in(client, ecuador)
    assert client.get(reverse("questionnaires:secure_page", args=["honlac", 32])).status_code == 200
    assert client.get(reverse("account_security")).status_code == 200


def test_twelve_failed_logins_then_the_right_password_do_not_sign_in(client, db):
    user = focal_point("ECU")
    for _attempt in range(12):
        client.post(reverse("login"), {"username": user.username, "password": "wrong"})
    response = sign_in(client, user)
    assert response.status_code == 429
    assert "Sign-in locked for a while" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sessions_expire_after_inactivity(settings):
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_COOKIE_AGE <= 2 * 60 * 60


@pytest.mark.parametrize("url", ["/", "/meetings/honlac/31/", "/accounts/login/", "/no/such/page/", "/documents/1/en/"])
def test_every_response_carries_the_security_headers(client, db, settings, url):
    from honlac.demo import load_demo

    load_demo()
    settings.DEBUG = False
    settings.SECURE_SSL_REDIRECT = True
    response = client.get(url, secure=True)
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    insecure = client.get(url)
    assert insecure.status_code == 301 and insecure["Location"].startswith("https://")


def test_cookies_are_secure_in_production(client, db):
    user = focal_point("ECU")
    response = sign_in(client, user)
    cookie = response.cookies["sessionid"]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"


def test_invited_focal_point_chooses_a_password_once(client, db, django_capture_on_commit_callbacks):
    client.force_login(secretariat_user())
    confirm_identity(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("invite_focal_point"),
            {
                "username": "peru-fp",
                "email": "fp@peru.example",
                "first_name": "Ana",
                "last_name": "Quispe",
                "member_state": state("PER").pk,
                "preferred_language": "es",
            },
        )
    assert response.status_code == 302
    invited = User.objects.get(username="peru-fp")
    assert not invited.has_usable_password()
    assert invited.member_state.code == "PER"
    assert mail.outbox[0].to == ["fp@peru.example"]
    link = re.search(r"https?://[^\s]+/accounts/reset/[^\s]+/", mail.outbox[0].body).group(0)
    client.post(reverse("logout"))
    form = client.get(link, follow=True)
    assert form.context["validlink"] is True
    client.post(form.redirect_chain[-1][0], {"new_password1": "a-Long-pass-2024", "new_password2": "a-Long-pass-2024"})
    invited.refresh_from_db()
    assert invited.check_password("a-Long-pass-2024")
    again = client.get(link, follow=True)
    assert again.context["validlink"] is False


def test_invitation_is_secretariat_only(client, db):
    client.force_login(focal_point("ECU"))
    assert client.get(reverse("invite_focal_point")).status_code == 403
    assert UserFactory._meta.model.objects.filter(username="x").count() == 0


def test_password_alone_does_not_replace_the_second_factor(client, db, require_2fa):
    staff = secretariat_user()
    device = TOTPDevice.objects.create(user=staff, name="Authenticator app", confirmed=True)
    sign_in(client, staff)
    page = client.get(reverse("two_factor_setup"))
    assert page["Location"] == reverse("two_factor_verify") + "?next=%2Faccounts%2Ftwo-factor%2Fsetup%2F"
    # Nor does posting the code of a new app.
    attacker = TOTPDevice.objects.create(user=staff, name="Authenticator app", confirmed=False)
    assert client.post(reverse("two_factor_setup"), {"token": current_code(attacker)}).status_code == 302
    assert list(TOTPDevice.objects.filter(user=staff, confirmed=True)) == [device]
    assert client.get(reverse("meetings:create"))["Location"].startswith(reverse("two_factor_verify"))
