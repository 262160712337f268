"""The cycle of PRODUCT.md, end to end, in Chromium: from meeting 32 of the demonstration data to meeting 33."""

import datetime
import io
import re
import time
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from honlac.demo import load_demo
from meetings.demo import DEMO_PASSWORD
from meetings.wording import long_date
from tests.helpers import MINIMAL_PDF

# Transactional, because the live server reads what the test writes; serialized rollback brings back the member
# States (data of a migration) that the flush after each test removes.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}
PRINTING_TIMEOUT_S = 60

RECOMMENDATIONS_OF_32 = """# Synthetic drugs and early warning

1. Governments should share the alerts of their early warning systems on synthetic drugs within the region.

2. Governments should train officers of ports and airports to recognize new psychoactive substances."""


@pytest.fixture
def demo(transactional_db):
    load_demo()


def test_golden_path_from_meeting_32_to_the_transmittal_note_of_33(demo, new_page, check_accessibility, tmp_path):
    check = check_accessibility
    secretariat, mexico, ecuador = new_page(), new_page(), new_page()
    sign_in(secretariat, "secretariat", check)
    open_meeting_33(secretariat, check)
    check_draft_agenda_of_33(secretariat, check)
    paste_recommendations_of_32(secretariat, check)
    open_questionnaire_of_33(secretariat, check)

    sign_in(mexico, "mexico", check)
    switch_language(mexico, "Français")
    answer_in_french(mexico, check)
    sign_in(ecuador, "ecuador", check)
    switch_language(ecuador, "Español")
    answer_in_spanish_with_a_report(ecuador, check, report=tmp_path / "informe-ecuador.pdf")

    note_symbol = post_responses_and_generate_transmittal_note(secretariat, check)
    issue_transmittal_note(secretariat, mexico, note_symbol, check)
    read_ecuadors_response_and_transmittal_note_on_secure_page(mexico, note_symbol, check)


def open_meeting_33(secretariat, check):
    """Step 1: from meeting 32, one action opens meeting 33; the secretariat gives it a venue and dates."""
    secretariat.goto("/meetings/honlac/32/")
    check(secretariat)
    secretariat.get_by_role("button", name="Open the next meeting").click()
    expect(secretariat.get_by_role("status")).to_contain_text("The Thirty-third Meeting of Heads")
    expect(secretariat.get_by_role("heading", name="Edit the meeting")).to_be_visible()
    check(secretariat)
    secretariat.get_by_label("Host State").select_option(label="Panama")
    secretariat.get_by_label("City (English)").fill("Panama City")
    secretariat.get_by_label("City (French)").fill("Panama")
    secretariat.get_by_label("City (Spanish)").fill("Ciudad de Panamá")
    secretariat.get_by_label("Start date").fill("2025-10-07")
    secretariat.get_by_label("End date").fill("2025-10-10")
    secretariat.get_by_role("button", name="Save").click()
    expect(secretariat.get_by_role("status")).to_have_text("The meeting was saved.")
    expect(secretariat).to_have_url(re.compile(r"/meetings/honlac/33/$"))
    expect(secretariat.locator(".lead")).to_have_text("Panama City, 7-10 October 2025")
    check(secretariat)


def check_draft_agenda_of_33(secretariat, check):
    """Step 2: the draft provisional agenda of 33 was generated from the standard agenda."""
    secretariat.get_by_role("link", name="Agenda", exact=True).click()
    expect(secretariat.get_by_role("heading", name="Draft provisional agenda")).to_be_visible()
    recommendations_item = "4. Implementation of the recommendations adopted by the Thirty-second Meeting"
    expect(secretariat.get_by_text(recommendations_item)).to_be_visible()
    working_groups_item = "6. Consideration of specific topics by working groups [to be determined]"
    expect(secretariat.get_by_text(working_groups_item)).to_be_visible()
    check(secretariat)


def paste_recommendations_of_32(secretariat, check):
    """Step 3: the recommendations adopted at meeting 32 are pasted in, grouped by topic."""
    secretariat.goto("/meetings/honlac/32/")
    secretariat.get_by_role("link", name="Recommendations adopted").click()
    expect(secretariat.get_by_text("No recommendation has been entered yet.")).to_be_visible()
    check(secretariat)
    secretariat.get_by_role("link", name="Paste recommendations").click()
    check(secretariat)
    secretariat.get_by_label("Language of the text").select_option(label="English")
    secretariat.get_by_label("Recommendations").fill(RECOMMENDATIONS_OF_32)
    secretariat.get_by_role("button", name="Add the recommendations").click()
    expect(secretariat.get_by_role("status")).to_have_text("2 recommendations were added.")
    expect(secretariat.get_by_role("heading", name="Synthetic drugs and early warning")).to_be_visible()
    expect(secretariat.get_by_text("2. Governments should train officers of ports and airports")).to_be_visible()
    check(secretariat)


def open_questionnaire_of_33(secretariat, check):
    """Step 4: the questionnaire of 33 is generated from them, gets a deadline and an introduction, is opened."""
    secretariat.goto("/meetings/honlac/33/")
    secretariat.get_by_role("link", name="Questionnaire", exact=True).click()
    secretariat.get_by_role("button", name="Generate the questionnaire").click()
    expect(secretariat.get_by_role("status")).to_contain_text("The questionnaire was generated.")
    check(secretariat)
    secretariat.get_by_role("link", name="Edit the questionnaire").click()
    check(secretariat)
    # A questionnaire opens only with a deadline still to come.
    deadline = datetime.date.today() + datetime.timedelta(days=60)
    secretariat.get_by_label("Deadline").fill(deadline.isoformat())
    secretariat.get_by_label("Introduction (English)").fill("Please tell us what your Government did.")
    secretariat.get_by_label("Introduction (French)").fill("Veuillez indiquer ce que votre gouvernement a fait.")
    secretariat.get_by_label("Introduction (Spanish)").fill("Sírvase indicar lo que hizo su Gobierno.")
    secretariat.get_by_role("button", name="Save").click()
    expect(secretariat.get_by_role("status")).to_have_text("The questionnaire was saved.")
    secretariat.get_by_role("link", name="Open for responses").click()
    expect(secretariat.get_by_role("heading", level=1)).to_have_text("Open the questionnaire for responses?")
    expect(secretariat.get_by_role("main")).to_contain_text(f"until {long_date(deadline, 'en')}")
    check(secretariat)
    secretariat.get_by_role("button", name="Open for responses").click()
    expect(secretariat.get_by_role("status")).to_have_text(
        f"The questionnaire is open for responses until {long_date(deadline, 'en')}."
    )
    details = secretariat.locator("dl")
    expect(details).to_contain_text("Open")
    expect(details).to_contain_text(f"{long_date(deadline, 'en')} 60 days left")
    blank_questionnaire = details.get_by_role("link", name="FR", exact=True)
    expect(blank_questionnaire).to_have_attribute("href", "/meetings/honlac/33/questionnaire/fr.pdf")
    check(secretariat)


def answer_in_french(mexico, check):
    """Step 6: Mexico's focal point, with the interface in French, saves a draft, then submits."""
    mexico.goto("/meetings/honlac/33/")  # the link of the invitation
    check(mexico)
    mexico.get_by_role("link", name="Notre réponse au questionnaire").click()
    expect(mexico.get_by_text("Veuillez indiquer ce que votre gouvernement a fait.")).to_be_visible()
    check(mexico)
    answer(mexico, "Recommandation 1", status="Appliquée", measures="Alertes partagées chaque mois.")
    answer(mexico, "Recommandation 2", status="Pas encore appliquée", measures="Formation prévue en 2025.")
    mexico.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(mexico.get_by_role("status")).to_have_text("Le brouillon a été enregistré.")
    mexico.get_by_role("button", name="Enregistrer et soumettre").click()
    expect(mexico.get_by_role("heading", level=1)).to_have_text("Mexique\u00a0: soumettre la réponse\u00a0?")
    expect(mexico.get_by_role("main")).to_contain_text("Elle sera verrouillée")
    check(mexico)
    mexico.get_by_role("button", name="Soumettre la réponse").click()
    expect(mexico.get_by_role("status")).to_have_text(
        "Mexique\u00a0: la réponse a été soumise\u00a0; elle est désormais verrouillée. Merci."
    )
    check(mexico)


def answer_in_spanish_with_a_report(ecuador, check, *, report):
    """Step 6: Ecuador's focal point, in Spanish, saves a draft, attaches a PDF report, then submits."""
    ecuador.goto("/meetings/honlac/33/")
    ecuador.get_by_role("link", name="Nuestra respuesta al cuestionario").click()
    check(ecuador)
    answer(ecuador, "Recomendación 1", status="Parcialmente aplicada", measures="Red nacional de alerta temprana.")
    answer(ecuador, "Recomendación 2", status="Aplicada", measures="Cursos en los puertos de Guayaquil y Manta.")
    ecuador.get_by_role("button", name="Guardar el borrador").click()
    expect(ecuador.get_by_role("status")).to_have_text("Se ha guardado el borrador.")
    report.write_bytes(MINIMAL_PDF)
    ecuador.get_by_label("Adjuntar un archivo").set_input_files(report)
    ecuador.get_by_role("button", name="Adjuntar", exact=True).click()
    expect(ecuador.get_by_role("status")).to_have_text("Se ha guardado el borrador y se ha adjuntado el archivo.")
    expect(ecuador.get_by_role("link", name="informe-ecuador.pdf")).to_be_visible()
    expect(ecuador.get_by_label("Medidas adoptadas").first).to_have_value("Red nacional de alerta temprana.")
    ecuador.get_by_role("button", name="Guardar y presentar").click()
    expect(ecuador.get_by_role("heading", level=1)).to_have_text("¿Presentar la respuesta de Ecuador?")
    check(ecuador)
    ecuador.get_by_role("button", name="Presentar la respuesta").click()
    expect(ecuador.get_by_role("status")).to_have_text(
        "Se ha presentado la respuesta de Ecuador, que queda bloqueada. Gracias."
    )
    check(ecuador)


def post_responses_and_generate_transmittal_note(secretariat, check):
    """Steps 7 and 8: the secretariat posts the submitted responses and generates the transmittal note, a draft
    shown on its own page."""
    secretariat.goto("/meetings/honlac/33/questionnaire/")
    expect(secretariat.get_by_text("Submitted: 2")).to_be_visible()
    check(secretariat)
    secretariat.get_by_role("link", name="Post all submitted responses").click()
    expect(secretariat.get_by_role("heading", level=1)).to_have_text("Post 2 submitted responses on the secure page?")
    expect(secretariat.locator(".confirmation-items li")).to_have_text(["Ecuador", "Mexico"])
    check(secretariat)
    secretariat.get_by_role("button", name="Post the responses").click()
    expect(secretariat.get_by_role("status")).to_have_text("2 responses were posted on the secure page.")
    secretariat.get_by_role("button", name="Generate the transmittal note").click()
    status = secretariat.get_by_role("status")
    expect(status).to_contain_text(re.compile(r"UNODC/HONLAC/33/\d+ is up to date, a draft"))
    symbol = re.search(r"UNODC/HONLAC/33/\d+", status.inner_text()).group()
    expect(secretariat.locator("p.symbol")).to_have_text(f"{symbol} Draft")
    check(secretariat)
    return symbol


def issue_transmittal_note(secretariat, mexico, note_symbol, check):
    """Step 8: while a draft, the note is the secretariat's only; issued from its page, in its three language
    versions, it is on the participants' secure page."""
    mexico.goto("/meetings/honlac/33/secure/")
    expect(mexico.get_by_role("heading", name="Page sécurisée de la réunion")).to_be_visible()
    expect(mexico.get_by_role("link", name=note_symbol, exact=True)).to_have_count(0)
    check(mexico)

    secretariat.get_by_role("button", name="Issue the checked versions").click()
    expect(secretariat.get_by_role("heading", level=1)).to_have_text(f"Issue {note_symbol}?")
    expect(secretariat.get_by_role("main")).to_contain_text("The English, French and Spanish versions will be issued")
    check(secretariat)
    secretariat.get_by_role("button", name="Issue the checked versions").click()
    expect(secretariat.get_by_role("status")).to_contain_text(f"Issuing {note_symbol}")
    expect(secretariat.locator("p.symbol")).to_have_text(note_symbol)
    versions = secretariat.locator(".language-versions tbody tr")
    expect(versions).to_have_count(3)
    expect(versions.filter(has_text="Issued on")).to_have_count(3)
    check(secretariat)


def read_ecuadors_response_and_transmittal_note_on_secure_page(mexico, note_symbol, check):
    """Step 7: a participant reads another State's posted response and its attachment, and the note as PDF."""
    mexico.goto("/meetings/honlac/33/")
    mexico.get_by_role("link", name="Page sécurisée").click()
    expect(mexico.get_by_role("heading", name="Page sécurisée de la réunion")).to_be_visible()
    check(mexico)
    mexico.get_by_role("link", name="Équateur").click()
    expect(mexico.get_by_role("heading", name="Réponse : Équateur")).to_be_visible()
    expect(mexico.get_by_text("Red nacional de alerta temprana.")).to_be_visible()
    expect(mexico.get_by_text("Cursos en los puertos de Guayaquil y Manta.")).to_be_visible()
    check(mexico)
    with mexico.expect_download() as attachment:
        mexico.get_by_role("link", name="informe-ecuador.pdf").click()
    assert Path(attachment.value.path()).read_bytes() == MINIMAL_PDF

    mexico.get_by_role("link", name="Page sécurisée").click()
    mexico.get_by_role("link", name=note_symbol, exact=True).click()
    expect(mexico.get_by_role("heading", name=re.compile("réponses au questionnaire"))).to_be_visible()
    check(mexico)
    note = download_pdf(mexico, mexico.get_by_role("link", name="FR Français", exact=True))  # its issued file
    text = "".join(pdf_page.extract_text() for pdf_page in PdfReader(io.BytesIO(note)).pages)
    assert note_symbol in text
    assert "Équateur" in text
    assert "non publié" not in text.lower()  # the issued version, not a draft ("Projet, non publié")


def test_language_switcher_choice_is_remembered(demo, page, check_accessibility):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Meetings of the subsidiary bodies of the Commission on Narcotic Drugs"
    )
    check_accessibility(page)
    switch_language(page, "Español")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Reuniones de los órganos subsidiarios de la Comisión de Estupefacientes"
    )
    page.goto("/meetings/honlac/31/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", name="Documentos")).to_be_visible()
    expect(page.get_by_role("button", name="Español")).to_have_attribute("aria-current", "true")
    check_accessibility(page)


def test_phone_menu_collapses_and_meeting_page_fits_the_screen(demo, new_page, check_accessibility):
    page = new_page(viewport=PHONE)
    sign_in(page, "secretariat", check_accessibility)
    page.goto("/meetings/honlac/31/")
    menu_link = page.get_by_role("link", name="New meeting")
    expect(menu_link).to_be_hidden()
    page.get_by_role("button", name="Show the menu").click()
    expect(menu_link).to_be_visible()
    expect(page.get_by_role("button", name="Français")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    check_accessibility(page)


# Helpers -------------------------------------------------------------------------------------------------------


def sign_in(page, username, check=None):
    """Sign in through the real login form (login throttling is on), in English."""
    page.goto("/accounts/login/")
    if check:
        check(page)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("navigation", name="Main navigation")).to_contain_text(username)
    if check:
        check(page)


def switch_language(page, language_name):
    """Use the language switcher of the menu bar; its buttons are named in their own language."""
    page.get_by_role("button", name=language_name).click()
    expect(page.get_by_role("button", name=language_name)).to_have_attribute("aria-current", "true")


def answer(page, recommendation, *, status, measures):
    """Fill the block of one recommendation on the response form (labels in the interface's language)."""
    block = page.get_by_role("group", name=re.compile(rf"^{recommendation}\b"))
    block.get_by_label(status, exact=True).check()
    block.get_by_role("textbox").fill(measures)


def download_pdf(page, link):
    """The PDF behind `link`, fetched with the page's session. A long document prints in the background: the link
    then leads to a progress page that refreshes itself until it redirects to the file; poll it the same way."""
    url = urljoin(page.url, link.get_attribute("href"))
    deadline = time.monotonic() + PRINTING_TIMEOUT_S
    while True:
        response = page.request.get(url)
        assert response.ok, f"{response.url} answered {response.status}"
        if response.body().startswith(b"%PDF"):
            return response.body()
        if time.monotonic() > deadline:
            pytest.fail(f"The printing behind {url} did not finish within {PRINTING_TIMEOUT_S} s.")
        url = response.url  # the progress page
        page.wait_for_timeout(500)
