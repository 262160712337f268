import re

from honlac.demo import load_demo
from honlac.printing import render_document
from meetings.issued_files import issued_file
from meetings.models import Document
from questionnaires import responses, transmittal
from questionnaires.documents import render_blank_questionnaire, transmittal_note_html
from questionnaires.models import Questionnaire
from tests.factories import answered, open_questionnaire
from tests.helpers import pdf_text

LATIN_AMERICAN_STATES = ("ARG", "BRA", "CHL", "PER", "URY", "PRY", "BOL", "VEN", "CRI", "PAN", "GTM", "HND")


def test_blank_questionnaire_in_french_holds_the_heading_recommendations_and_deadline(db):
    questionnaire = open_questionnaire()
    questionnaire.introduction_fr = "Les gouvernements sont priés de rendre compte des mesures prises."
    questionnaire.save()

    _reader, text = pdf_text(render_blank_questionnaire(questionnaire, language="fr"))

    assert "Trente-deuxième Réunion des chefs des services" in text
    assert "Quito, 1er-4 octobre 2024" in text
    assert "trente et unième Réunion des chefs des services" in text
    assert "Les gouvernements sont priés de rendre compte des mesures prises." in text
    for number in (1, 2, 3):
        assert f"Les gouvernements devraient renforcer les systèmes d\u2019alerte précoce ({number})." in text
    assert "Drogues de synthèse" in text
    assert "30 juin 2024" in text


def test_blank_questionnaire_in_english_has_boxes_for_each_status_and_the_meeting_reference(db):
    questionnaire = open_questionnaire(recommendations=2)

    _reader, text = pdf_text(render_blank_questionnaire(questionnaire, language="en"))

    assert "Thirty-second Meeting of Heads of National Drug Law Enforcement Agencies" in text
    assert (
        "Questionnaire on the implementation of the recommendations adopted by the Thirty-first Meeting of Heads"
        in text
    )
    assert "Please respond by 30 June 2024." in text
    assert "Recommendation 2 Governments should strengthen early warning systems (2)." in text
    assert text.count("Implemented Partially implemented Not yet implemented Not applicable Measures taken") == 2
    # A questionnaire is no document of the meeting's series: the meeting's part of the symbols refers to it.
    assert text.startswith("United Nations UNODC/HONLAC/32 Distr.: General 1 March 2024 Original: English*")


def test_blank_questionnaire_falls_back_to_english_for_an_untranslated_recommendation(db):
    questionnaire = open_questionnaire(recommendations=1)
    recommendation = questionnaire.questions.get().recommendation
    recommendation.text_es = None
    recommendation.save()

    _reader, text = pdf_text(render_blank_questionnaire(questionnaire, language="es"))

    assert "Governments should strengthen early warning systems (1)." in text


def test_transmittal_note_in_spanish_counts_only_the_responses_posted_when_generated(db):
    questionnaire = open_questionnaire(states=("ECU", "MEX", "COL", "PER"))
    answered(questionnaire, "ECU", post=True)
    answered(questionnaire, "MEX", post=True)
    peru = answered(questionnaire, "PER", submit=True)
    document = transmittal.generate_transmittal_note(questionnaire, by=None)

    _reader, text = pdf_text(render_document(document, language="es"))

    assert document.symbol == "UNODC/HONLAC/32/2"
    assert "UNODC/HONLAC/32/2" in text
    assert "Nota de la Secretaría" in text
    assert "Ecuador y México" in text
    assert "Perú" not in text
    assert "Colombia" not in text
    assert "Los gobiernos deberían fortalecer los sistemas de alerta temprana (1). 2 0 0 0" in text
    assert "Trigésima Primera Reunión de Jefes" in text

    responses.post_response(peru, by=None)
    _reader, text = pdf_text(render_document(document, language="es"))
    assert "Perú" not in text  # posted after the note was generated

    document = transmittal.generate_transmittal_note(questionnaire, by=None)
    _reader, text = pdf_text(render_document(document, language="es"))
    assert document.symbol == "UNODC/HONLAC/32/2"
    assert "Ecuador, México y Perú" in text
    assert "Los gobiernos deberían fortalecer los sistemas de alerta temprana (1). 3 0 0 0" in text


def test_transmittal_note_in_english_has_paragraphs_table_and_annex_on_its_own_page(db):
    questionnaire = open_questionnaire(states=("ECU", "MEX", "COL"), recommendations=2)
    answered(questionnaire, "ECU", post=True, status="partially", text="A national early warning system.")
    answered(questionnaire, "MEX", post=True, status="not_yet")
    document = transmittal.generate_transmittal_note(questionnaire, by=None)

    reader, text = pdf_text(render_document(document, language="en"))

    assert "Distr.: Restricted" in text
    assert "Note by the Secretariat" in text
    assert "1. The questionnaire on the implementation of the recommendations adopted by the Thirty-first" in text
    assert "on 1 March 2024, with a request to respond by 30 June 2024." in text
    assert "responses had been received from the following two States: Ecuador and Mexico." in text
    assert "3. The responses have been posted on the secure web page of the meeting" in text
    assert "No. Recommendation Implemented Partially implemented Not yet implemented Not applicable" in text
    assert "Governments should strengthen early warning systems (2). 0 1 1 0" in text
    annex = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages[1:]))
    assert annex.startswith(
        "Annex Responses received from States The responses are reproduced as received, without formal editing. "
        "Ecuador Recommendation 1"
    )
    assert "Status: Partially implemented Measures taken: A national early warning system." in annex
    assert annex.index("Ecuador") < annex.index("Mexico")


def test_transmittal_note_lists_states_alphabetically_in_the_language_of_the_version(db):
    questionnaire = open_questionnaire(states=("PER", "DOM", "COL"), recommendations=1)
    for code in ("PER", "DOM", "COL"):
        answered(questionnaire, code, post=True)
    document = transmittal.generate_transmittal_note(questionnaire, by=None)

    assert "Colombia, Dominican Republic and Peru" in pdf_text(render_document(document, language="en"))[1]
    assert "Colombia, Perú y República Dominicana" in pdf_text(render_document(document, language="es"))[1]


def test_transmittal_note_prints_typed_markup_as_text_and_keeps_line_breaks(db):
    questionnaire = open_questionnaire(recommendations=1)
    answered(questionnaire, "ECU", post=True, text="First line\n<script>alert(1)</script>")
    document = transmittal.generate_transmittal_note(questionnaire, by=None)

    html = transmittal_note_html(document, "en")
    _reader, text = pdf_text(render_document(document, language="en"))

    assert "First line<br>&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in html
    assert "First line <script>alert(1)</script>" in text


TRANSMITTAL_NOTE_QUERIES = 6  # with 2 posted responses as with 12


def test_transmittal_note_queries_do_not_grow_with_the_number_of_states(db, django_assert_max_num_queries):
    questionnaire = open_questionnaire(states=LATIN_AMERICAN_STATES)
    for code in LATIN_AMERICAN_STATES[:2]:
        answered(questionnaire, code, post=True)
    document = Document.objects.get(pk=transmittal.generate_transmittal_note(questionnaire, by=None).pk)
    with django_assert_max_num_queries(TRANSMITTAL_NOTE_QUERIES):
        two = transmittal_note_html(document, "en")

    for code in LATIN_AMERICAN_STATES[2:]:
        answered(questionnaire, code, post=True)
    document = Document.objects.get(pk=transmittal.generate_transmittal_note(questionnaire, by=None).pk)
    with django_assert_max_num_queries(TRANSMITTAL_NOTE_QUERIES):
        twelve = transmittal_note_html(document, "en")

    assert "following two States: Argentina and Brazil" in two
    assert "following 12 States:" in twelve


REPRODUCED_AS_RECEIVED = {
    "en": "The responses are reproduced as received, without formal editing.",
    "fr": "Les réponses sont reproduites telles qu'elles ont été reçues, sans avoir été revues par les services "
    "d'édition.",
    "es": "Las respuestas se reproducen tal como se recibieron, sin revisión editorial.",
}


def annex_text(reader):
    """The text of the pages after the first (the annex), without their running headers ("2 UNODC/…/2")."""
    header = r"\s*(?:\d+\s+UNODC/\S+|UNODC/\S+\s+\d+)\s*$"
    pages = [re.sub(header, "", page.extract_text()) for page in reader.pages[1:]]
    text = re.sub(r"\s+", " ", re.sub("\u2010\\s*", "", " ".join(pages)))
    return text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")


def test_transmittal_note_annex_gives_each_state_the_language_it_answered_in(db):
    questionnaire = open_questionnaire(states=("ECU", "BRA", "HTI"), recommendations=2)
    for code, language in (("ECU", "es"), ("BRA", "en"), ("HTI", "fr")):
        answered(questionnaire, code, language=language, post=True)
    document = transmittal.generate_transmittal_note(questionnaire, by=None)
    expected = {
        "en": (
            "Annex Responses received from States",
            "Brazil [Original: English] Recommendation 1",
            "Ecuador [Original: Spanish] Recommendation 1",
            "Haiti [Original: French] Recommendation 1",
        ),
        "fr": (
            "Annexe Réponses reçues des États",
            "Brésil [Original : anglais] Recommandation 1",
            "Équateur [Original : espagnol] Recommandation 1",
            "Haïti [Original : français] Recommandation 1",
        ),
        "es": (
            "Anexo Respuestas recibidas de los Estados",
            "Brasil [Original: inglés] Recomendación 1",
            "Ecuador [Original: español] Recomendación 1",
            "Haití [Original: francés] Recomendación 1",
        ),
    }
    for language, (heading, *states) in expected.items():
        reader, _text = pdf_text(render_document(document, language=language))
        annex = annex_text(reader)
        assert annex.startswith(f"{heading} {REPRODUCED_AS_RECEIVED[language]} {states[0]}"), language
        assert [annex.index(state) for state in states] == sorted(annex.index(state) for state in states), language
        assert annex.count("[Original") == 3, language


def test_transmittal_note_annex_heads_each_answer_with_its_number_and_leaves_the_text_to_the_table(db):
    questionnaire = open_questionnaire(states=("ECU", "MEX"), recommendations=2)
    answered(questionnaire, "ECU", post=True, status="partially", text="A national early warning system.")
    answered(questionnaire, "MEX", post=True, status="not_yet", text="A law is before Congress.")
    document = transmittal.generate_transmittal_note(questionnaire, by=None)

    reader, text = pdf_text(render_document(document, language="en"))
    annex = annex_text(reader)

    for number in (1, 2):
        assert text.count(f"Governments should strengthen early warning systems ({number}).") == 1  # the table's
        assert f"Governments should strengthen early warning systems ({number})." not in annex
    assert (
        "Ecuador Recommendation 1 Status: Partially implemented Measures taken: A national early warning system. "
        "Recommendation 2 Status: Partially implemented" in annex
    )
    assert "Mexico Recommendation 1 Status: Not yet implemented Measures taken: A law is before Congress." in annex


def test_transmittal_note_orders_the_states_by_their_names_in_each_language(db):
    codes = ("DOM", "PRY", "NLD", "PER")
    questionnaire = open_questionnaire(states=codes, recommendations=1)
    for code in codes:
        answered(questionnaire, code, language="es", post=True)
    document = transmittal.generate_transmittal_note(questionnaire, by=None)
    orders = {
        "en": ["Dominican Republic", "Netherlands (Kingdom of the)", "Paraguay", "Peru"],
        "fr": ["Paraguay", "Pays-Bas (Royaume des)", "Pérou", "République dominicaine"],
        "es": ["Países Bajos (Reino de los)", "Paraguay", "Perú", "República Dominicana"],
    }
    for language, names in orders.items():
        reader, text = pdf_text(render_document(document, language=language))
        annex = annex_text(reader)
        headings = [annex.index(f"{name} [Original") for name in names]
        assert headings == sorted(headings), language
        conjunction = {"en": "and", "fr": "et", "es": "y"}[language]
        assert f"{', '.join(names[:-1])} {conjunction} {names[-1]}." in text, language


def test_transmittal_note_masthead_has_the_place_and_dates_of_the_meeting(db):
    questionnaire = open_questionnaire(recommendations=1)
    answered(questionnaire, "ECU", post=True)
    document = transmittal.generate_transmittal_note(questionnaire, by=None)
    for language, meeting, line in (
        ("en", "Thirty-second Meeting of Heads", "Quito, 1-4 October 2024"),
        ("fr", "Trente-deuxième Réunion des chefs", "Quito, 1er-4 octobre 2024"),
        ("es", "Trigésima Segunda Reunión de Jefes", "Quito, 1 a 4 de octubre de 2024"),
    ):
        reader, _text = pdf_text(render_document(document, language=language))
        first = re.sub(r"\s+", " ", reader.pages[0].extract_text())
        assert meeting in first, language
        assert line in first, language


def test_transmittal_note_footnotes_the_symbol_held_for_the_agenda_not_yet_issued(db):
    load_demo()
    questionnaire = Questionnaire.objects.get(meeting__number=32)
    assert questionnaire.meeting.agenda.document is None
    document = questionnaire.transmittal_note  # issued by the demo on 6 September 2024
    for language, item in (
        ("en", "Item 4 of the provisional agenda**"),
        ("fr", "Point 4 de l\u2019ordre du jour provisoire**"),
        ("es", "Tema 4 del programa provisional**"),
    ):
        with issued_file(document, language).file.open("rb") as stored:
            reader, _text = pdf_text(stored.read())
        first = re.sub(r"\s+", " ", reader.pages[0].extract_text())
        assert item in first, language
        assert "** UNODC/HONLAC/32/1." in first, language
