"""Sign-in through the organization's identity provider in Chromium: the portal's button, the provider's own
sign-in form (the test provider of tests/oidc_provider, on 127.0.0.1), and back to the portal, signed in."""

import pytest
from playwright.sync_api import expect

from accounts.models import User
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def through_the_provider(page, username, check_accessibility):
    page.goto("/accounts/login/")
    check_accessibility(page)
    page.get_by_role("link", name="Sign in with UN Entra ID").click()
    expect(page.get_by_role("heading", name="Test identity provider")).to_be_visible()
    # The provider's page is the test's own; checked all the same, as every page the browser shows.
    check_accessibility(page)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("provider-password")
    page.get_by_role("button", name="Sign in at the provider").click()


def test_an_officer_signs_in_with_the_button_and_the_providers_form(oidc, live_server, new_page, check_accessibility):
    UserFactory(username="officer", email="officer@example.org", role=User.Role.SECRETARIAT, member_state=None)
    page = new_page()
    through_the_provider(page, "officer", check_accessibility)
    expect(page.get_by_role("navigation", name="Main navigation")).to_contain_text("officer")
    expect(page).to_have_url(f"{live_server.url}/")
    check_accessibility(page)


def test_an_unknown_person_is_told_on_the_sign_in_page(oidc, new_page, check_accessibility):
    page = new_page()
    through_the_provider(page, "stranger", check_accessibility)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(page.get_by_role("status")).to_contain_text("No account of the portal has the address stranger@example.org.")
    assert User.objects.filter(email__iexact="stranger@example.org").count() == 0
    check_accessibility(page)
