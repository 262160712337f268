"""A passkey in Chromium, with the virtual authenticator of the DevTools WebAuthn domain (a security key with
user verification, always present): added from the security page, then given as the second factor after the
password. WebAuthn needs a secure context: the live server is reached as http://localhost, which counts as one."""

import pytest
from playwright.sync_api import expect

from accounts.models import AuditEvent, User
from tests.factories import PASSWORD, PasskeyFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def settings_for_passkeys(settings, live_server):
    settings.HONLAC_REQUIRE_2FA = True


def with_authenticator(page):
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    return cdp, added["authenticatorId"]


def sign_in(page, username, check_accessibility, labels=("Username", "Password", "Sign in")):
    page.goto("/accounts/login/")
    check_accessibility(page)
    username_label, password_label, button = labels
    page.get_by_label(username_label).fill(username)
    page.get_by_label(password_label).fill(PASSWORD)
    page.get_by_role("button", name=button).click()


def test_a_passkey_added_on_the_security_page_is_the_second_factor_at_the_next_sign_in(
    settings_for_passkeys, live_server, new_page, check_accessibility
):
    officer = UserFactory(username="officer", role=User.Role.SECRETARIAT, member_state=None)
    assert live_server.url.startswith("http://localhost:")
    page = new_page()
    cdp, authenticator = with_authenticator(page)

    # The secretariat must have a second factor: the portal asks for one, and a passkey may be it.
    sign_in(page, "officer", check_accessibility)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up a second factor")
    check_accessibility(page)
    page.get_by_role("link", name="Add a passkey").click()
    page.get_by_label("Name of the passkey").fill("YubiKey 5")
    page.get_by_role("button", name="Continue").click()
    create = page.get_by_role("button", name="Create the passkey")
    expect(create).to_be_visible()
    check_accessibility(page)
    create.click()
    # Back where the sign-in was going, with the second factor given.
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("status")).to_have_text("The passkey YubiKey 5 was added.")
    check_accessibility(page)
    page.goto("/accounts/security/")
    expect(page.get_by_role("table", name="Your passkeys")).to_contain_text("YubiKey 5")
    expect(page.get_by_text("Your account asks for one of your passkeys after your password.")).to_be_visible()
    check_accessibility(page)
    assert len(cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})["credentials"]) == 1

    page.get_by_role("button", name="officer").click()
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "officer", check_accessibility)
    expect(page.get_by_role("heading", level=1)).to_have_text("Second factor")
    check_accessibility(page)
    page.get_by_role("button", name="Use a passkey").click()
    expect(page.get_by_role("navigation", name="Main navigation")).to_contain_text("officer")
    expect(page).to_have_url(f"{live_server.url}/")
    check_accessibility(page)

    actions = list(AuditEvent.objects.filter(object_id=officer.pk).order_by("pk").values_list("action", flat=True))
    assert [action for action in actions if action.startswith("user.passkey")] == [
        "user.passkey_added",
        "user.passkey_used",
    ]


def test_a_passkey_is_renamed_and_removed_on_the_security_page(live_server, new_page, check_accessibility):
    person = UserFactory(username="focal")
    page = new_page(language="fr")
    sign_in(page, "focal", check_accessibility, labels=("Nom d’utilisateur", "Mot de passe", "Se connecter"))
    expect(page.get_by_role("navigation", name="Navigation principale")).to_contain_text("focal")
    check_accessibility(page)
    # Added once signed in, so that this sign-in asked for no second factor.
    PasskeyFactory(user=person, name="YubiKey 5")
    page.goto("/accounts/security/")
    passkeys = page.get_by_role("table", name="Vos clés d'accès")
    expect(passkeys).to_contain_text("YubiKey 5")
    check_accessibility(page)

    passkeys.get_by_role("link", name="Renommer YubiKey 5").click()
    page.get_by_label("Nom de la clé d'accès").fill("Clé bleue")
    check_accessibility(page)
    page.get_by_role("button", name="Renommer").click()
    expect(page.get_by_role("status")).to_have_text("La clé d'accès s'appelle désormais Clé bleue.")
    check_accessibility(page)

    page.get_by_role("table", name="Vos clés d'accès").get_by_role("link", name="Supprimer Clé bleue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Supprimer la clé d'accès Clé bleue\u00a0?")
    check_accessibility(page)
    page.get_by_role("button", name="Supprimer").click()
    expect(page.get_by_role("status")).to_have_text("La clé d'accès Clé bleue a été supprimée.")
    expect(page.get_by_text("Vous n'avez encore aucune clé d'accès.")).to_be_visible()
    check_accessibility(page)
    assert list(
        AuditEvent.objects.filter(object_id=person.pk, action__startswith="user.passkey")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["user.passkey_renamed", "user.passkey_removed"]
