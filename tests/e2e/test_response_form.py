"""The response form in Chromium: the draft saved by itself, files attached without losing what was typed, a
conflict during the autosave, the submission's confirmation, and the error summary of a refused submission."""

import re

import pytest
from playwright.sync_api import expect

from questionnaires.models import Response
from tests.factories import PASSWORD, focal_point, open_questionnaire, secretariat_user, state
from tests.helpers import MINIMAL_PDF

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WORDS = {
    "en": {
        "recommendation": "Recommendation",
        "measures": "Measures taken",
        "save": "Save the draft",
        "submit": "Save and submit",
        "saved_at": r"^Saved at \d\d:\d\d$",
        "implemented": "Implemented",
        "missing": "Give a status for this recommendation.",
    },
    "fr": {
        "recommendation": "Recommandation",
        "measures": "Mesures prises",
        "save": "Enregistrer le brouillon",
        "submit": "Enregistrer et soumettre",
        "saved_at": r"^Enregistré à \d\d:\d\d$",
        "implemented": "Appliquée",
        "missing": "Indiquez l'état d'application de cette recommandation.",
    },
}


@pytest.fixture
def world(transactional_db, settings):
    settings.HONLAC_AUTOSAVE_SECONDS = 1
    questionnaire = open_questionnaire(states=("ECU", "MEX", "COL"), recommendations=3)
    focal_point("ECU")
    secretariat_user()
    return questionnaire


def sign_in(page, username, check):
    page.goto("/accounts/login/")
    check(page)
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page.get_by_role("navigation", name=re.compile("."))).to_contain_text(username)
    check(page)


def open_form(page, username, check):
    sign_in(page, username, check)
    page.goto("/meetings/honlac/32/questionnaire/response/")
    expect(page.locator("#response-form")).to_be_visible()
    check(page)
    return Response.objects.get(member_state__code="ECU")


def block(page, language, number):
    return page.get_by_role("group", name=re.compile(rf"^{WORDS[language]['recommendation']} {number}\b"))


def measures(page, language, number):
    return block(page, language, number).get_by_label(WORDS[language]["measures"])


@pytest.mark.parametrize("language", ["en", "fr"])
def test_typed_text_is_saved_by_itself_and_there_after_a_reload(world, new_page, check_accessibility, language):
    page = new_page(language=language)
    response = open_form(page, "fp-ecu", check_accessibility)
    measures(page, language, 1).press_sequentially("Alertas compartidas.")
    expect(page.locator("#autosave-status")).to_have_text(re.compile(WORDS[language]["saved_at"]))
    check_accessibility(page)
    page.reload()
    expect(measures(page, language, 1)).to_have_value("Alertas compartidas.")
    check_accessibility(page)
    response.refresh_from_db()
    assert response.version >= 1


def test_typed_text_is_saved_when_the_page_is_left(world, new_page, check_accessibility, settings):
    settings.HONLAC_AUTOSAVE_SECONDS = 600  # only leaving the page saves
    page = new_page()
    response = open_form(page, "fp-ecu", check_accessibility)
    measures(page, "en", 2).fill("Typed just before leaving.")
    page.get_by_role("link", name="Meetings", exact=True).click()
    check_accessibility(page)
    page.go_back()
    expect(measures(page, "en", 2)).to_have_value("Typed just before leaving.")
    check_accessibility(page)
    assert "Typed just before leaving." in set(response.answers.values_list("text", flat=True))


@pytest.mark.parametrize("language", ["en", "fr"])
def test_attaching_a_file_after_typing_keeps_the_text(
    world, new_page, check_accessibility, settings, tmp_path, language
):
    settings.HONLAC_AUTOSAVE_SECONDS = 600
    page = new_page(language=language)
    open_form(page, "fp-ecu", check_accessibility)
    measures(page, language, 1).fill("Texto escrito antes de adjuntar.")
    report = tmp_path / "informe.pdf"
    report.write_bytes(MINIMAL_PDF)
    page.locator("#id_file").set_input_files(report)
    page.locator("button[name=attach]").click()
    expect(page.get_by_role("link", name="informe.pdf")).to_be_visible()
    expect(measures(page, language, 1)).to_have_value("Texto escrito antes de adjuntar.")
    check_accessibility(page)


def test_conflict_during_autosave_is_shown_and_the_text_kept(world, new_page, check_accessibility, allow_console_error):
    allow_console_error(r"status of 409 \(Conflict\)")  # the autosave's answer, and the conflict page's
    focal = new_page()
    open_form(focal, "fp-ecu", check_accessibility)
    officer = new_page()
    sign_in(officer, "secretariat", check_accessibility)
    officer.goto(focal.url)
    measures(officer, "en", 1).fill("Corrected by the secretariat.")
    officer.get_by_role("button", name="Save the draft").click()
    expect(officer.get_by_role("status")).to_have_text("The draft was saved.")
    check_accessibility(officer)

    measures(focal, "en", 1).press_sequentially("Mi texto.")
    status = focal.locator("#autosave-status")
    expect(status).to_contain_text("secretariat saved this response at ")
    expect(status).to_contain_text("Your text is kept on this page")
    expect(measures(focal, "en", 1)).to_have_value("Mi texto.")
    check_accessibility(focal)
    assert set(Response.objects.get().answers.values_list("text", flat=True)) >= {"Corrected by the secretariat."}
    assert "Mi texto." not in set(Response.objects.get().answers.values_list("text", flat=True))

    focal.get_by_role("button", name="Save the draft").click()  # the conflict page: both texts side by side
    expect(focal.get_by_role("alert")).to_contain_text("secretariat saved this response at")
    expect(measures(focal, "en", 1)).to_have_value("Mi texto.")
    expect(block(focal, "en", 1)).to_contain_text("Corrected by the secretariat.")
    check_accessibility(focal)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_submission_is_confirmed(world, new_page, check_accessibility, language):
    page = new_page(language=language)
    response = open_form(page, "fp-ecu", check_accessibility)
    for number in (1, 2, 3):
        block(page, language, number).get_by_label(WORDS[language]["implemented"], exact=True).check()
    expect(page.locator("#answered-count")).to_contain_text("3")
    page.get_by_role("button", name=WORDS[language]["submit"]).click()
    name = getattr(state("ECU"), f"name_{language}")
    heading = {"en": f"Submit the response of {name}?", "fr": f"{name}\u00a0: soumettre la réponse\u00a0?"}
    expect(page.get_by_role("heading", level=1)).to_have_text(heading[language])
    check_accessibility(page)
    assert Response.objects.get(pk=response.pk).status == "draft"
    page.get_by_role("button", name={"en": "Submit the response", "fr": "Soumettre la réponse"}[language]).click()
    done = {
        "en": f"The response of {name} was submitted and is now locked. Thank you.",
        "fr": f"{name}\u00a0: la réponse a été soumise\u00a0; elle est désormais verrouillée. Merci.",
    }
    expect(page.get_by_role("status")).to_have_text(done[language])
    check_accessibility(page)
    assert Response.objects.get(pk=response.pk).status == "submitted"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_refused_submission_moves_focus_to_the_error_summary(
    world, new_page, check_accessibility, allow_console_error, language
):
    allow_console_error(r"status of 400 \(Bad Request\)")  # the form shown again, with its errors
    page = new_page(language=language)
    open_form(page, "fp-ecu", check_accessibility)
    block(page, language, 2).get_by_label(WORDS[language]["implemented"], exact=True).check()
    page.get_by_role("button", name=WORDS[language]["submit"]).click()
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_count(2)
    for number, invalid in ((1, True), (2, False), (3, True)):
        group = block(page, language, number)
        if invalid:
            expect(group).to_have_attribute("aria-invalid", "true")
            expect(group).to_have_accessible_description(WORDS[language]["missing"])
            radios = group.get_by_role("radiogroup")
            expect(radios).to_have_accessible_description(WORDS[language]["missing"])
        else:
            expect(group).not_to_have_attribute("aria-invalid", "true")
    check_accessibility(page)
    summary.get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(r"#question-\d+$"))
    block(page, language, 1).get_by_label(WORDS[language]["implemented"], exact=True).check()
    expect(block(page, language, 1)).not_to_have_attribute("aria-invalid", "true")
    expect(block(page, language, 1).get_by_role("radiogroup")).to_have_accessible_description("")
    expect(block(page, language, 1).get_by_text(WORDS[language]["missing"])).to_be_hidden()
    expect(block(page, language, 3)).to_have_attribute("aria-invalid", "true")


def test_focused_language_button_does_not_look_selected(world, new_page, check_accessibility):
    page = new_page()
    page.goto("/")
    check_accessibility(page)
    selected = page.locator("button[aria-current=true]")
    other = page.get_by_role("button", name="Français")
    other.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focused by the keyboard: the focus ring shows
    expect(other).to_be_focused()

    def style(locator):
        return locator.evaluate(
            "e => { const s = getComputedStyle(e); "
            "return [s.backgroundColor, s.color, s.outlineStyle, s.outlineColor]; }"
        )

    focused, current = style(other), style(selected)
    assert focused[:2] != current[:2]
    assert focused[2] == "solid" and focused[3] == "rgb(255, 211, 77)"
