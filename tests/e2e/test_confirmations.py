"""Irreversible actions in Chromium: each reached by its button, its confirmation read, then confirmed or cancelled;
the texts missing in a working language shown before the questionnaire opens. In English and in French."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from agendas.models import Consultation, HostOffer
from agendas.services import open_next_meeting
from honlac.demo import load_demo
from meetings.models import Document, Meeting
from questionnaires.models import Questionnaire, Recommendation
from tests.e2e.test_golden_path import sign_in, switch_language

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def demo(transactional_db):
    """The demo, with the questionnaire of meeting 32 back to a draft with a deadline to come and recommendation 2
    of meeting 31 without its French text; meeting 33 opened with its draft agenda; the consultation on the topics
    of 32 open for ten more days."""
    load_demo()
    Questionnaire.objects.filter(meeting__number=32).update(
        status=Questionnaire.Status.DRAFT, deadline=timezone.localdate() + datetime.timedelta(days=40)
    )
    Recommendation.objects.filter(meeting__number=31, number=2).update(text_fr="")
    open_next_meeting(Meeting.objects.get(number=32), by=None)
    Consultation.objects.filter(meeting__number=32).update(closes_at=timezone.now() + datetime.timedelta(days=10))


def confirmation(page, title, check):
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    check(page)


def test_confirmations_of_the_questionnaire_in_english(demo, page, check_accessibility):
    check = check_accessibility
    sign_in(page, "secretariat", check)
    page.goto("/meetings/honlac/32/questionnaire/")
    check(page)

    # Opening: the French text missing is shown first; cancelled, then confirmed.
    page.get_by_role("link", name="Open for responses").click()
    confirmation(page, "Open the questionnaire for responses?", check)
    warnings = page.get_by_role("region", name="Before you go on")
    expect(warnings).to_contain_text("Recommendation 2: missing in French.")
    expect(warnings.get_by_role("link", name="Complete the recommendations")).to_be_visible()
    page.get_by_role("link", name="Cancel").click()
    expect(page.locator("dl")).to_contain_text("Draft")
    page.get_by_role("link", name="Open for responses").click()
    page.get_by_role("button", name="Open for responses").click()
    expect(page.get_by_role("status")).to_contain_text("The questionnaire is open for responses until")

    # Invitations: who receives them, and who has no focal point.
    page.get_by_role("link", name="Send the invitations").click()
    confirmation(page, re.compile(r"^Send the invitations? to \d+ States?\?$"), check)
    warnings = page.get_by_role("region", name="Before you go on")
    expect(warnings).to_contain_text("have no focal point")
    expect(warnings.get_by_role("link", name="Invite a focal point")).to_be_visible()
    page.get_by_role("button", name="Send the invitations").click()
    expect(page.get_by_role("status")).to_contain_text(re.compile("messages? (was|were) queued"))
    check(page)

    # Reminders, cancelled.
    page.get_by_role("link", name="Remind the States that have not submitted").click()
    confirmation(page, re.compile(r"^Send (a reminder|reminders) to \d+ States?\?$"), check)
    page.get_by_role("link", name="Cancel").click()

    # Brazil's submitted response, posted on its own, then reopened with a reason.
    page.get_by_role("row", name=re.compile("Brazil")).get_by_role("link", name="View the response").click()
    check(page)
    page.get_by_role("link", name="Post on the secure page").click()
    confirmation(page, "Post the response of Brazil on the secure page?", check)
    page.get_by_role("button", name="Post the response").click()
    expect(page.get_by_role("status")).to_have_text("The response was posted on the secure page.")
    page.get_by_role("link", name="Reopen for changes").click()
    confirmation(page, "Reopen the response of Brazil?", check)
    page.get_by_label("Reason for reopening").fill("The State asked to correct recommendation 2.")
    page.get_by_role("button", name="Reopen for changes").click()
    expect(page.get_by_role("status")).to_have_text("The response was reopened; its State can change it again.")
    check(page)

    # Posting all (none is submitted now), then closing.
    page.goto("/meetings/honlac/32/questionnaire/")
    page.get_by_role("link", name="Post all submitted responses").click()
    confirmation(page, "Post 0 submitted responses on the secure page?", check)
    page.get_by_role("link", name="Cancel").click()
    page.get_by_role("link", name="Close", exact=True).click()
    confirmation(page, "Close the questionnaire?", check)
    page.get_by_role("button", name="Close the questionnaire").click()
    expect(page.get_by_role("status")).to_have_text("The questionnaire is closed: the States can no longer respond.")
    check(page)


def test_confirmations_of_the_agenda_consultation_offer_and_document_in_english(demo, page, check_accessibility):
    check = check_accessibility
    sign_in(page, "secretariat", check)

    page.goto("/meetings/honlac/33/agenda/")
    check(page)
    page.get_by_role("link", name="Delete", exact=True).nth(6).click()  # item 7: no item before it has sub-items
    confirmation(page, re.compile(r"^Delete item 7\. .+\?$"), check)
    page.get_by_role("button", name="Delete the item").click()
    expect(page.get_by_role("status")).to_contain_text("the items after it were numbered again")
    check(page)

    page.goto("/meetings/honlac/32/topics/")
    check(page)
    page.get_by_role("link", name="Close now").click()
    confirmation(page, "Close the consultation now?", check)
    page.get_by_role("button", name="Close the consultation").click()
    expect(page.get_by_role("status")).to_have_text("The consultation is closed: the tally below is final.")
    expect(page.get_by_role("link", name="Close now")).to_have_count(0)
    check(page)

    offer = HostOffer.objects.get(member_state__code="COL", meeting_number=33)
    page.goto(f"/offers/{offer.pk}/")
    check(page)
    page.get_by_role("link", name="Accept", exact=True).click()
    confirmation(page, "Choose Colombia as host?", check)
    page.get_by_role("button", name="Accept the offer").click()
    expect(page.get_by_role("status")).to_have_text("The offer of Colombia was accepted.")
    expect(page.locator("dl")).to_contain_text("Accepted")
    check(page)

    page.goto(Document.objects.get(symbol="UNODC/HONLAC/31/2").get_absolute_url())
    check(page)
    page.get_by_role("link", name="Draft a revision").click()
    confirmation(page, "Draft a revision of UNODC/HONLAC/31/2?", check)
    page.get_by_role("link", name="Cancel").click()
    expect(page.locator("p.symbol")).to_contain_text("UNODC/HONLAC/31/2")


def test_confirmations_in_french(demo, new_page, check_accessibility):
    check = check_accessibility
    page = new_page()
    sign_in(page, "secretariat", check)
    switch_language(page, "Français")
    page.goto("/meetings/honlac/32/questionnaire/")
    check(page)
    page.get_by_role("link", name="Ouvrir aux réponses").click()
    confirmation(page, "Ouvrir le questionnaire aux réponses\u00a0?", check)
    warnings = page.get_by_role("region", name="Avant de continuer")
    expect(warnings).to_contain_text("Recommandation 2\u00a0: manque en français.")
    page.get_by_role("button", name="Ouvrir aux réponses").click()
    expect(page.get_by_role("status")).to_contain_text("Le questionnaire est ouvert aux réponses jusqu'au")
    check(page)

    page.goto("/meetings/honlac/33/agenda/")
    check(page)
    page.get_by_role("link", name="Supprimer", exact=True).nth(6).click()
    confirmation(page, re.compile(r"^Supprimer le point 7\. .+\u00a0\?$"), check)
    page.get_by_role("link", name="Annuler").click()
    expect(page.get_by_role("link", name="Supprimer", exact=True)).to_have_count(9)
