"""Sign-in through the organization's identity provider, against a real OpenID provider on 127.0.0.1.

The test client drives the portal; a `requests` session plays the person's browser at the provider; the portal's
backend fetches the tokens, the keys and the user information from the provider over HTTP.
"""

import pytest
import requests
from django.core import checks
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AuditEvent, User
from tests.factories import PASSWORD, UserFactory, focal_point, secretariat_user
from tests.oidc_provider.process import sign_in_at_provider

CALLBACK = "http://testserver/accounts/oidc/callback/"


def sign_in_through_provider(client, username, next_url="/"):
    """The button, the provider's sign-in form, and the way back: the portal's answer to the callback."""
    answer = client.get(reverse("oidc_sign_in"), {"next": next_url})
    assert answer.status_code == 302
    back = sign_in_at_provider(requests.Session(), answer["Location"], username)
    assert back.startswith(f"{CALLBACK}?")
    return client.get(back.removeprefix("http://testserver"))


def signed_in_user(client):
    return client.get(reverse("meetings:home")).context["user"]


def error_messages(client):
    page = client.get(reverse("login"))
    return [str(message) for message in page.context["messages"]]


def officer(**fields):
    return UserFactory(username="officer", role=User.Role.SECRETARIAT, member_state=None, **fields)


def test_a_secretariat_officer_signs_in_through_the_provider(client, oidc):
    user = officer(email="officer@example.org")  # the provider says "Officer@Example.org": case aside
    answer = sign_in_through_provider(client, "officer", next_url="/audit/")
    assert answer.status_code == 302
    assert answer["Location"] == "/audit/"
    assert signed_in_user(client) == user
    assert client.session["auth_method"] == "oidc"
    assert client.session["honlac_second_factor_by_provider"] is False
    [event] = AuditEvent.objects.filter(action="user.login")
    assert (event.actor, event.object, event.details) == (user, user, {"method": "oidc"})


def test_the_password_sign_in_records_its_method(client, db):
    user = focal_point("ECU")
    client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert client.session["auth_method"] == "password"
    assert AuditEvent.objects.get(action="user.login").details == {"method": "password"}


def test_signing_in_again_through_the_provider_is_kept_in_the_session(client, oidc):
    user = officer(email="officer@example.org")
    client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert client.session["auth_method"] == "password"
    sign_in_through_provider(client, "officer")
    assert signed_in_user(client) == user
    assert client.session["auth_method"] == "oidc"


def test_an_unknown_address_is_refused_and_no_account_is_made(client, oidc):
    secretariat_user()
    before = set(User.objects.values_list("pk", flat=True))
    answer = sign_in_through_provider(client, "stranger")
    assert answer.status_code == 302
    assert answer["Location"] == reverse("login")
    assert set(User.objects.values_list("pk", flat=True)) == before
    assert error_messages(client) == [
        "No account of the portal has the address stranger@example.org. Accounts are opened by the secretariat: "
        "write to it if you need one."
    ]
    assert not signed_in_user(client).is_authenticated
    [event] = AuditEvent.objects.filter(action="user.login_failed")
    assert (event.object, event.target) == (None, "stranger@example.org")
    assert event.details == {"method": "oidc", "refusal": "unknown", "email": "stranger@example.org"}


def test_an_address_the_provider_did_not_verify_is_refused(client, oidc):
    user = officer(email="unverified@example.org")
    sign_in_through_provider(client, "unverified")
    assert error_messages(client) == [
        "Your organization's sign-in did not confirm that unverified@example.org is your address, so the portal "
        "cannot sign you in with it."
    ]
    assert not signed_in_user(client).is_authenticated
    event = AuditEvent.objects.get(action="user.login_failed")
    assert (event.object, event.details["refusal"]) == (user, "unverified")


def test_without_the_claim_an_address_counts_only_in_a_trusted_domain(client, oidc, settings):
    user = officer(email="someone@un.example")
    sign_in_through_provider(client, "unclaimed")
    assert not signed_in_user(client).is_authenticated
    settings.HONLAC_OIDC_TRUSTED_EMAIL_DOMAINS = ["un.example"]
    sign_in_through_provider(client, "unclaimed")
    assert signed_in_user(client) == user


def test_an_inactive_account_is_refused(client, oidc):
    officer(email="officer@example.org", is_active=False)
    sign_in_through_provider(client, "officer")
    assert error_messages(client) == [
        "The account with the address Officer@Example.org is closed. Write to the secretariat."
    ]
    assert not signed_in_user(client).is_authenticated


def test_an_account_closed_after_the_sign_in_is_signed_out(client, oidc):
    user = officer(email="officer@example.org")
    sign_in_through_provider(client, "officer")
    assert signed_in_user(client) == user
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert not signed_in_user(client).is_authenticated


def test_two_accounts_with_the_address_are_refused(client, oidc):
    officer(email="officer@example.org")
    UserFactory(username="other", email="OFFICER@example.org")
    sign_in_through_provider(client, "officer")
    assert not signed_in_user(client).is_authenticated
    assert AuditEvent.objects.get(action="user.login_failed").details["refusal"] == "several"


def test_an_id_token_of_another_issuer_is_refused(client, oidc, settings):
    officer(email="officer@example.org")
    settings.HONLAC_OIDC_ISSUER = "https://login.example.org/tenant/v2.0"
    sign_in_through_provider(client, "officer")
    assert error_messages(client) == ["The sign-in through your organization did not succeed. Try again."]
    assert not signed_in_user(client).is_authenticated


def test_an_error_from_the_provider_signs_nobody_in(client, oidc):
    client.get(reverse("oidc_sign_in"))
    state = next(iter(client.session["oidc_states"]))
    answer = client.get(reverse("oidc_callback"), {"error": "access_denied", "state": state})
    assert answer["Location"] == reverse("login")
    assert error_messages(client) == ["The sign-in through your organization did not succeed. Try again."]
    assert AuditEvent.objects.get(action="user.login_failed").details == {"method": "oidc", "refusal": "failed"}


@pytest.fixture
def require_2fa(settings):
    settings.HONLAC_REQUIRE_2FA = True


def test_by_default_the_portal_still_asks_its_own_second_factor(client, oidc, require_2fa):
    officer(email="officer@example.org")
    sign_in_through_provider(client, "officer")
    answer = client.get(reverse("meetings:home"))
    assert answer.status_code == 302
    assert answer["Location"].startswith(reverse("two_factor_setup"))


def test_a_user_with_a_device_gives_it_after_the_provider_by_default(client, oidc):
    user = officer(email="mfa.officer@example.org")
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    sign_in_through_provider(client, "mfa-officer")
    assert client.get(reverse("meetings:home"))["Location"].startswith(reverse("two_factor_verify"))


@pytest.mark.parametrize(
    ("mode", "username", "counts"),
    [
        ("amr", "mfa-officer", True),
        ("amr", "officer", False),
        ("provider", "officer", True),
        ("portal", "mfa-officer", False),
    ],
)
def test_the_provider_stands_for_the_second_factor_as_configured(
    client, oidc, require_2fa, settings, mode, username, counts
):
    settings.HONLAC_OIDC_SECOND_FACTOR = mode
    officer(email={"officer": "officer@example.org", "mfa-officer": "mfa.officer@example.org"}[username])
    sign_in_through_provider(client, username)
    answer = client.get(reverse("meetings:home"))
    assert (answer.status_code == 200) is counts
    assert client.session["honlac_second_factor_by_provider"] is counts
    details = AuditEvent.objects.get(action="user.login").details
    assert details == ({"method": "oidc", "provider_second_factor": True} if counts else {"method": "oidc"})


# The switches of the password sign-in ---------------------------------------------------------------------------


@pytest.fixture
def staff_without_passwords(settings):
    settings.HONLAC_OIDC_ENABLED = True
    settings.HONLAC_OIDC_LABEL = "UN Entra ID"
    settings.HONLAC_PASSWORD_SIGNIN_FOR_STAFF = False


def test_staff_password_sign_in_is_refused_and_points_to_the_provider(client, db, staff_without_passwords):
    user = secretariat_user()
    answer = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert answer.status_code == 200
    assert answer.context["form"].non_field_errors() == [
        "This account does not sign in with a password. Use the button “Sign in with UN Entra ID” on the "
        "portal's sign-in page."
    ]
    assert not signed_in_user(client).is_authenticated
    event = AuditEvent.objects.get(action="user.login_failed")
    assert (event.object, event.details) == (user, {"username": user.username, "refusal": "password_off"})


def test_a_wrong_staff_password_says_only_that_it_is_wrong(client, db, staff_without_passwords):
    user = secretariat_user()
    answer = client.post(reverse("login"), {"username": user.username, "password": "wrong"})
    assert "Please enter a correct username and password" in answer.context["form"].non_field_errors()[0]


def test_a_focal_point_still_signs_in_with_a_password(client, db, staff_without_passwords):
    user = focal_point("ECU")
    answer = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert answer.status_code == 302
    assert signed_in_user(client) == user


def test_the_admin_sign_in_is_no_way_around_the_switch(client, db, staff_without_passwords):
    user = UserFactory(username="root", is_staff=True, is_superuser=True, role=User.Role.SECRETARIAT, member_state=None)
    answer = client.post(reverse("admin:login"), {"username": user.username, "password": PASSWORD, "next": "/admin/"})
    assert answer.status_code == 200
    assert "This account does not sign in with a password." in answer.context["form"].non_field_errors()[0]
    assert not signed_in_user(client).is_authenticated


def test_password_sign_in_off_for_everyone(client, db, staff_without_passwords, settings):
    settings.HONLAC_PASSWORD_SIGNIN = False
    user = focal_point("ECU")
    answer = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert answer.status_code == 200
    assert not signed_in_user(client).is_authenticated
    page = client.get(reverse("login")).content.decode()
    assert 'name="password"' not in page
    assert "Sign in with UN Entra ID" in page


def test_an_officer_signs_in_through_the_provider_when_passwords_are_off(client, oidc, settings):
    settings.HONLAC_PASSWORD_SIGNIN_FOR_STAFF = False
    user = officer(email="officer@example.org")
    sign_in_through_provider(client, "officer")
    assert signed_in_user(client) == user


# The sign-in page and the settings -------------------------------------------------------------------------------


def test_the_sign_in_page_offers_the_provider_when_enabled(client, db, settings):
    settings.HONLAC_OIDC_ENABLED = True
    settings.HONLAC_OIDC_LABEL = "UN Entra ID"
    page = client.get(reverse("login"), {"next": "/audit/"}).content.decode()
    assert '<a class="btn btn-primary" href="/accounts/oidc/sign-in/?next=/audit/">Sign in with UN Entra ID</a>' in page
    assert 'name="password"' in page


def test_the_sign_in_page_in_french_without_a_label(client, db, settings):
    settings.HONLAC_OIDC_ENABLED = True
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Se connecter avec le compte de votre organisation" in page


def test_without_oidc_there_is_no_button_and_no_flow(client, db):
    assert "/accounts/oidc/" not in client.get(reverse("login")).content.decode()
    assert client.get(reverse("oidc_sign_in")).status_code == 404
    assert client.get(reverse("oidc_callback"), {"code": "x", "state": "y"}).status_code == 404


def test_the_sign_in_start_is_a_redirect_with_state_nonce_and_pkce(client, oidc):
    answer = client.get(reverse("oidc_sign_in"))
    location = answer["Location"]
    assert location.startswith(oidc.endpoint("authorize/") + "?")
    for parameter in ("state=", "nonce=", "code_challenge=", "code_challenge_method=S256", "client_id=honlac-portal"):
        assert parameter in location


def test_the_checks_refuse_switches_that_lock_the_staff_out(settings):
    settings.HONLAC_PASSWORD_SIGNIN_FOR_STAFF = False
    assert "accounts.E004" in [message.id for message in checks.run_checks(tags=[checks.Tags.security])]
    settings.HONLAC_OIDC_ENABLED = True
    found = [message.id for message in checks.run_checks(tags=[checks.Tags.security])]
    assert "accounts.E004" not in found
    assert "accounts.E002" in found  # enabled without a client or endpoints
    settings.HONLAC_OIDC_SECOND_FACTOR = "maybe"
    assert "accounts.E001" in [message.id for message in checks.run_checks(tags=[checks.Tags.security])]


def test_the_checks_pass_a_provider_configured_in_full(settings):
    settings.HONLAC_OIDC_ENABLED = True
    settings.HONLAC_PASSWORD_SIGNIN_FOR_STAFF = False
    settings.HONLAC_OIDC_ISSUER = "https://login.example.org/tenant/v2.0"
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = "portal", "secret"
    for name in ("AUTHORIZATION", "TOKEN", "USER", "JWKS"):
        setattr(settings, f"OIDC_OP_{name}_ENDPOINT", f"https://login.example.org/tenant/{name.lower()}")
    assert [m.id for m in checks.run_checks(tags=[checks.Tags.security]) if m.id.startswith("accounts.")] == []
    settings.OIDC_OP_TOKEN_ENDPOINT = "http://login.example.org/tenant/token"
    assert "accounts.E003" in [message.id for message in checks.run_checks(tags=[checks.Tags.security])]
