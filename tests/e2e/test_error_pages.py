"""In Chromium: a locked person unlocks through the emailed link; error pages in the reader's language."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import OutgoingEmail
from tests.factories import PASSWORD, focal_point

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def fill_sign_in(page, username, password):
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_a_locked_person_unlocks_through_the_emailed_link(new_page, check_accessibility, allow_console_error):
    allow_console_error(r"status of 429")
    user = focal_point("ECU")
    page = new_page()
    page.goto("/accounts/login/")
    for _attempt in range(5):  # the fifth failure answers the lockout page
        fill_sign_in(page, user.username, "wrong")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign-in locked for a while")
    expect(page.locator("main")).to_contain_text("signing in to it is locked for 30 minutes.")
    check_accessibility(page)
    page.get_by_label("Email address of your account").fill(user.email)
    page.get_by_role("button", name="Email me a link to unlock").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    check_accessibility(page)
    link = re.search(r"https?://\S+/accounts/unlock/\S+/", OutgoingEmail.objects.get().body).group(0)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Unlock your sign-in")
    check_accessibility(page)
    page.get_by_role("button", name="Unlock my account").click()
    expect(page.get_by_role("alert").or_(page.get_by_role("status")).first).to_contain_text(
        "Your account is unlocked. You can sign in now."
    )
    check_accessibility(page)
    fill_sign_in(page, user.username, PASSWORD)
    expect(page.get_by_role("navigation", name="Main navigation")).to_contain_text(user.username)
    check_accessibility(page)


def test_a_used_link_and_an_unknown_page_say_so_in_french(new_page, check_accessibility, allow_console_error):
    allow_console_error(r"status of 40[04]")
    page = new_page(language="fr")
    page.goto("/accounts/unlock/not-a-link/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ce lien de déverrouillage ne fonctionne pas")
    check_accessibility(page)
    page.goto("/no/such/page/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cette page n'existe pas ou vous n'y avez pas accès")
    expect(page.get_by_role("link", name="Retour aux réunions")).to_be_visible()
    check_accessibility(page)
