"""Translations of content and lists of 193 States, in the browser: the side-by-side table of recommendations, the
paste of another language's version, and the participants picker; in English and in French."""

import re

import pytest
from playwright.sync_api import expect

from honlac.demo import load_demo
from meetings.demo import DEMO_PASSWORD
from meetings.models import Meeting
from questionnaires.models import Recommendation

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FRENCH_TEXT = "Les gouvernements devraient créer des systèmes nationaux d'alerte précoce (texte révisé)."


@pytest.fixture
def demo(transactional_db):
    load_demo()


def sign_in(page, username, check):
    """Sign in through the login form, whatever the interface language."""
    page.goto("/accounts/login/")
    check(page)
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page.get_by_role("navigation", name=re.compile("Main navigation|Navigation principale"))).to_contain_text(
        username
    )
    check(page)


def test_side_by_side_french_column_reaches_the_french_questionnaire(demo, new_page, check_accessibility):
    check = check_accessibility
    Recommendation.objects.filter(meeting__number=31, number=1).update(text_fr="")
    secretariat = new_page()
    sign_in(secretariat, "secretariat", check)
    secretariat.goto("/meetings/honlac/31/recommendations/")
    first = secretariat.get_by_role("listitem").filter(has_text="1. Governments should establish")
    expect(first.locator(".missing-languages")).to_have_text("Missing: FR")
    check(secretariat)

    secretariat.get_by_role("link", name="Translate and renumber side by side").click()
    expect(secretariat.get_by_role("columnheader", name="FR")).to_be_visible()
    check(secretariat)
    secretariat.get_by_label("Recommendation 1 in FR").fill(FRENCH_TEXT)
    secretariat.get_by_role("button", name="Save all").click()
    expect(secretariat.get_by_role("status")).to_have_text("1 row was saved.")
    expect(secretariat.get_by_label("Recommendation 1 in FR")).to_have_value(FRENCH_TEXT)
    expect(secretariat.locator(".missing-languages")).to_have_count(0)
    check(secretariat)

    colombia = new_page(language="fr")
    sign_in(colombia, "colombia", check)
    colombia.goto("/meetings/honlac/32/questionnaire/response/")
    expect(colombia.get_by_text(FRENCH_TEXT)).to_be_visible()
    check(colombia)


ENGLISH = """# Synthetic drugs and early warning

1. Governments should share the alerts of their early warning systems within the region.

2. Governments should train officers of ports and airports to recognize new psychoactive substances."""

FRENCH = """# Drogues de synthèse et alerte précoce

1. Les gouvernements devraient partager les alertes de leurs systèmes d'alerte précoce dans la région.

2. Les gouvernements devraient former les agents des ports et des aéroports à reconnaître les nouvelles substances."""


def test_pasting_the_french_version_fills_the_existing_recommendations(demo, new_page, check_accessibility):
    check = check_accessibility
    secretariat = new_page()
    sign_in(secretariat, "secretariat", check)
    secretariat.goto("/meetings/honlac/32/recommendations/paste/")
    check(secretariat)
    secretariat.get_by_label("Language of the text").select_option(label="English")
    secretariat.get_by_label("Recommendations").fill(ENGLISH)
    secretariat.get_by_role("button", name="Add the recommendations").click()
    expect(secretariat.get_by_role("status")).to_have_text("2 recommendations were added.")
    expect(secretariat.locator(".missing-languages").first).to_have_text("Missing: FR, ES")
    check(secretariat)

    french = new_page(language="fr")
    sign_in(french, "secretariat", check)
    french.goto("/meetings/honlac/32/recommendations/paste/")
    check(french)
    french.get_by_label("Langue du texte").select_option(label="Français")
    french.get_by_label("Recommandations").fill(FRENCH)
    french.get_by_role("button", name="Ajouter les recommandations").click()
    expect(french.get_by_role("status")).to_have_text(
        "Français\u00a0: les textes de 2 recommandations ont été complétés. Le titre de 1 thème a été donné."
    )
    expect(french.get_by_role("heading", name="Drogues de synthèse et alerte précoce")).to_be_visible()
    expect(french.get_by_role("heading", level=2)).to_have_count(1)
    expect(french.get_by_text("2. Les gouvernements devraient former les agents")).to_be_visible()
    expect(french.locator(".missing-languages")).to_have_text(["Manque\u00a0: ES"] * 3)
    check(french)
    meeting = Meeting.objects.get(body__code="honlac", number=32)
    assert [(r.number, r.text_en[:20], r.text_fr[:20]) for r in meeting.recommendations.order_by("number")] == [
        (1, "Governments should s", "Les gouvernements de"),
        (2, "Governments should t", "Les gouvernements de"),
    ]


def test_participants_picker_searches_and_ticks_a_region_keeping_the_others(demo, new_page, check_accessibility):
    check = check_accessibility
    secretariat = new_page()
    sign_in(secretariat, "secretariat", check)
    secretariat.goto("/meetings/honlac/32/edit/")
    picker = secretariat.locator("[data-state-picker]")
    expect(picker.get_by_text("33 of 193 States chosen")).to_be_visible()
    check(secretariat)

    search = secretariat.get_by_label("Find a State")
    search.fill("ecu")
    expect(picker.locator("[data-state]:visible")).to_have_text(["Ecuador"])
    search.fill("")
    expect(picker.locator("[data-state]:visible")).to_have_count(33)  # the open region only

    picker.locator("summary", has_text="Eastern European States").click()
    secretariat.get_by_role("button", name="All of this region (Eastern European States)").click()
    expect(picker.get_by_text("56 of 193 States chosen")).to_be_visible()
    secretariat.get_by_label("Albania").uncheck()
    expect(picker.get_by_text("22 of 23 chosen")).to_be_visible()
    check(secretariat)
    secretariat.get_by_role("button", name="Save").click()
    expect(secretariat.get_by_role("status")).to_have_text("The meeting was saved.")
    check(secretariat)
    meeting = Meeting.objects.get(body__code="honlac", number=32)
    regions = set(meeting.participating_states.values_list("region", flat=True))
    assert meeting.participating_states.count() == 55
    assert regions == {"latin_america_caribbean", "eastern_europe"}
    assert not meeting.participating_states.filter(code="ALB").exists()

    french = new_page(language="fr")
    sign_in(french, "secretariat", check)
    french.goto("/bodies/honlac/member-states/")
    french_picker = french.locator("[data-state-picker]")
    french.get_by_label("Rechercher un État").fill("perou")  # accents aside
    expect(french_picker.locator("[data-state]:visible")).to_have_text(["Pérou"])
    french.get_by_label("Rechercher un État").fill("")
    french.get_by_role("button", name="Aucun de la région (États d'Amérique latine et des Caraïbes)").click()
    expect(french_picker.get_by_text("0 États choisis sur 193")).to_be_visible()
    french.mouse.move(0, 0)  # the button's hover colours fade in: checked once they are gone
    french.wait_for_timeout(300)
    check(french)
    french.get_by_role("button", name="Enregistrer les États membres").click()
    expect(french.get_by_role("status")).to_have_text("Les États membres de HONLAC ont été enregistrés\u00a0: 0 État.")
    check(french)
