"""In Chromium: "Confirm it's you" before inviting a focal point, ten minutes after signing in."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from tests.factories import PASSWORD, secretariat_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def signed_in_officer(new_page, check_accessibility):
    """A page of a secretariat officer who just signed in with the password (which counts as a confirmation)."""
    officer = secretariat_user()
    page = new_page()
    page.goto("/accounts/login/")
    check_accessibility(page)
    page.get_by_label("Username").fill(officer.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("navigation", name="Main navigation")).to_contain_text(officer.username)
    check_accessibility(page)
    return page


def test_the_secretariat_confirms_its_them_before_inviting_a_focal_point(new_page, check_accessibility, monkeypatch):
    page = signed_in_officer(new_page, check_accessibility)
    # Eleven minutes later (the live server runs in this process, and reads the same clock).
    later = timezone.now() + timedelta(minutes=11)
    monkeypatch.setattr(timezone, "now", lambda: later)

    page.goto("/accounts/invite/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm it's you")
    expect(page.locator("main")).to_contain_text("enter your password again. It then counts for 10 minutes.")
    check_accessibility(page)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator("main")).to_contain_text("This password is not right.")
    check_accessibility(page)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(f"{page.url.split('/accounts/')[0]}/accounts/invite/")
    expect(page.get_by_role("button", name="Send the invitation")).to_be_visible()
    check_accessibility(page)
    assert User.objects.count() == 1


def test_the_confirmation_page_in_french(new_page, check_accessibility, monkeypatch):
    officer = secretariat_user()
    page = new_page(language="fr")
    page.goto("/accounts/login/")
    check_accessibility(page)
    page.get_by_label("Nom d’utilisateur").or_(page.get_by_label("Nom d'utilisateur")).fill(officer.username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("navigation").first).to_contain_text(officer.username)
    check_accessibility(page)
    later = timezone.now() + timedelta(minutes=11)
    monkeypatch.setattr(timezone, "now", lambda: later)
    page.goto("/accounts/invite/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirmez votre identité")
    expect(page.locator("main")).to_contain_text("confirmer votre identité\u00a0: saisissez de nouveau")
    check_accessibility(page)


def test_an_invitation_typed_while_the_confirmation_expired_is_sent_after_confirming(
    new_page, check_accessibility, monkeypatch
):
    """The form was filled in for longer than the confirmation lasts: nothing typed is lost, the page after the
    confirmation sends it once more."""
    from meetings.models import MemberState

    page = signed_in_officer(new_page, check_accessibility)
    page.goto("/accounts/invite/")
    check_accessibility(page)
    page.locator("#id_last_name").fill("Quispe")
    page.locator("#id_email").fill("fp@peru.example")
    page.locator("#id_username").fill("peru-fp")
    page.locator("#id_member_state").select_option(str(MemberState.objects.get(code="PER").pk))
    later = timezone.now() + timedelta(minutes=11)
    monkeypatch.setattr(timezone, "now", lambda: later)
    page.get_by_role("button", name="Send the invitation").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm it's you")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirmed")
    expect(page.locator("main")).to_contain_text("Your change has not been made yet")
    check_accessibility(page)
    assert not User.objects.filter(username="peru-fp").exists()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("main")).to_contain_text("fp@peru.example was invited by email.")
    check_accessibility(page)
    assert User.objects.get(username="peru-fp").email == "fp@peru.example"
