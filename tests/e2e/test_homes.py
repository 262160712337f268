"""Each role's home in Chromium, on the demonstration data: a focal point's tasks in English and French, the
secretariat's attention; the menu bar one line high at 1280 px; the secure page without sideways scrolling at 390 px."""

import re

import pytest
from playwright.sync_api import expect

from honlac.demo import load_demo
from tests.e2e.test_golden_path import PHONE, sign_in, switch_language

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DESKTOP = {"width": 1280, "height": 900}
ONE_LINE_PX = 60


@pytest.fixture
def demo(transactional_db):
    load_demo()


def test_focal_points_home_puts_their_states_tasks_first_in_english_and_french(demo, new_page, check_accessibility):
    page = new_page(viewport=DESKTOP)
    sign_in(page, "colombia", check_accessibility)
    expect(page.get_by_role("heading", level=1).first).to_have_text("Tasks of Colombia")
    task = page.get_by_role("listitem").filter(has_text="Questionnaire of the Thirty-second Meeting")
    expect(task).to_contain_text("Deadline: 30 August 2024")
    expect(task).to_contain_text(re.compile(r"Overdue by \d+ days"))
    expect(task).to_contain_text("Draft, last saved on 27 August 2024, ")
    check_accessibility(page)
    switch_language(page, "Français")
    expect(page.get_by_role("heading", level=1).first).to_have_text("Tâches de votre État (Colombie)")
    task = page.get_by_role("listitem").filter(has_text="Questionnaire de la trente-deuxième Réunion")
    expect(task).to_contain_text("Brouillon, enregistré pour la dernière fois le 27 août 2024, ")
    check_accessibility(page)
    task.get_by_role("link", name="Poursuivre votre réponse").click()
    expect(page).to_have_url(re.compile(r"/responses/\d+/edit/$"))
    check_accessibility(page)


def test_a_posted_response_leads_to_the_secure_page_which_fits_a_phone(demo, new_page, check_accessibility):
    page = new_page(viewport=PHONE)
    sign_in(page, "mexico", check_accessibility)
    task = page.get_by_role("listitem").filter(has_text="Questionnaire of the Thirty-second Meeting")
    expect(task).to_contain_text("Posted on the secure page on 17 July 2024.")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    check_accessibility(page)
    task.get_by_role("link", name="Go to the secure page").click()
    expect(page.get_by_role("heading", name="Posted responses")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Ecuador")).to_contain_text("Posted on 26 June 2024")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    check_accessibility(page)


# The heading of the secretariat's attention, the words of an overdue line, the deadline, the name of the switch.
ATTENTION = {
    "en": ("Needs attention", "overdue since", "30 August 2024", None),
    "fr": ("À traiter", "attendue depuis", "30 août 2024", "Français"),
    "es": ("Pendiente", "vencida desde", "30 de agosto de 2024", "Español"),
}


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_secretariats_home_shows_what_needs_attention_under_a_one_line_menu(
    demo, new_page, check_accessibility, language
):
    heading, overdue_words, deadline, switch = ATTENTION[language]
    page = new_page(viewport=DESKTOP)
    sign_in(page, "admin", check_accessibility)
    if switch:
        switch_language(page, switch)
    attention = page.get_by_role("region", name=heading)
    # HONLAC's questionnaire, among the overdue ones of the family (HONLAF's too).
    overdue = (
        attention.get_by_role("listitem")
        .filter(has_text=overdue_words)
        .filter(has=page.locator('a[href$="/meetings/honlac/32/questionnaire/"]'))
    )
    expect(overdue).to_contain_text(deadline)
    menu = page.get_by_role("navigation", name=re.compile("Main navigation|Navigation principale|Navegación principal"))
    # One line: the bar as high as its tallest item allows (56 px), every item on the same line.
    assert menu.bounding_box()["height"] <= ONE_LINE_PX, f"the menu bar is {menu.bounding_box()['height']} px high"
    tops = [box["y"] for box in (item.bounding_box() for item in menu.locator(".nav-link").all()) if box]
    assert max(tops) - min(tops) < 8, f"the menu items stand on several lines: {tops}"
    menu.get_by_role("button", name=re.compile("^admin")).click()
    expect(menu.get_by_role("link", name=re.compile("^Administra"))).to_be_visible()
    check_accessibility(page)
    # The open menu may cover the line (it does in English at 1280 px): a person closes it first, with Escape.
    page.keyboard.press("Escape")
    expect(menu.get_by_role("link", name=re.compile("^Administra"))).to_be_hidden()
    overdue.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/meetings/honlac/32/questionnaire/$"))
    check_accessibility(page)
