import pytest
from django.urls import reverse

from agendas.models import AgendaItem
from honlac.demo import load_demo
from honlac.printing import render_document
from meetings.models import Document
from tests.factories import AgendaFactory, DocumentFactory
from tests.helpers import pdf_text

SECTIONS = {
    "en": ("I. Provisional agenda", "II. Annotations"),
    "fr": ("I. Ordre du jour provisoire", "II. Annotations"),
    "es": ("I. Programa provisional", "II. Anotaciones"),
}


def in_order(text, *fragments):
    """Whether each fragment occurs in `text` after the one before it."""
    position = 0
    for fragment in fragments:
        position = text.find(fragment, position)
        if position < 0:
            return False
        position += len(fragment)
    return True


@pytest.fixture
def annotated_agenda(meeting):
    document = DocumentFactory(
        meeting=meeting, kind=Document.Kind.AGENDA, printed_as=Document.PrintedAs.AGENDA, text_en="", text_fr=""
    )
    agenda = AgendaFactory(meeting=meeting, document=document)
    AgendaItem.objects.create(
        agenda=agenda,
        position=1,
        title_en="Election of officers",
        title_fr="Élection du Bureau",
        title_es="Elección de la Mesa",
        annotation_en="The Meeting will elect a Chair.",
        annotation_fr="La Réunion élira un président.",
        annotation_es="La Reunión elegirá un Presidente.",
    )
    groups = AgendaItem.objects.create(
        agenda=agenda,
        position=2,
        title_en="Working groups",
        title_fr="Groupes de travail",
        title_es="Grupos de trabajo",
        annotation_en="Three groups will meet.",
        annotation_fr="Trois groupes se réuniront.",
        annotation_es="Se reunirán tres grupos.",
    )
    AgendaItem.objects.create(
        agenda=agenda,
        parent=groups,
        position=1,
        title_en="Ports",
        title_fr="Ports",
        title_es="Puertos",
        annotation_en="Chaired by Ecuador.",
        annotation_fr="Présidé par l'Équateur.",
        annotation_es="Presidido por el Ecuador.",
    )
    AgendaItem.objects.create(
        agenda=agenda, parent=groups, position=2, title_en="Money", title_fr="Argent", title_es="Dinero"
    )
    AgendaItem.objects.create(
        agenda=agenda, position=3, title_en="Other business", title_fr="Questions diverses", title_es="Otros asuntos"
    )
    return document


@pytest.mark.parametrize(
    ("language", "agenda", "annotations"),
    [
        (
            "en",
            ["1. Election of officers.", "2. Working groups:", "(a) Ports;", "(b) Money.", "3. Other business."],
            [
                "1. Election of officers",
                "The Meeting will elect a Chair.",
                "2. Working groups",
                "Three groups will meet.",
                "(a) Ports",
                "Chaired by Ecuador.",
                "(b) Money",
                "3. Other business",
            ],
        ),
        (
            "fr",
            ["1. Élection du Bureau.", "2. Groupes de travail :", "a) Ports ;", "b) Argent.", "3. Questions diverses."],
            [
                "1. Élection du Bureau",
                "La Réunion élira un président.",
                "2. Groupes de travail",
                "Trois groupes se réuniront.",
                "a) Ports",
                "Présidé par l",
                "b) Argent",
                "3. Questions diverses",
            ],
        ),
        (
            "es",
            ["1. Elección de la Mesa.", "2. Grupos de trabajo:", "a) Puertos;", "b) Dinero.", "3. Otros asuntos."],
            [
                "1. Elección de la Mesa",
                "La Reunión elegirá un Presidente.",
                "2. Grupos de trabajo",
                "Se reunirán tres grupos.",
                "a) Puertos",
                "Presidido por el Ecuador.",
                "b) Dinero",
                "3. Otros asuntos",
            ],
        ),
    ],
)
def test_provisional_agenda_prints_the_agenda_then_each_item_with_its_annotation(
    annotated_agenda, language, agenda, annotations
):
    agenda_heading, annotations_heading = SECTIONS[language]
    _reader, text = pdf_text(render_document(annotated_agenda, language=language))
    text = text.replace("\u00a0", " ").replace("\u202f", " ")

    assert in_order(text, agenda_heading, *agenda, annotations_heading, *annotations)
    assert text.count(annotations[1]) == 1  # not also in the list of items


def test_provisional_agenda_without_annotations_still_lists_every_item_in_the_annotations(annotated_agenda):
    AgendaItem.objects.update(annotation_en="")
    _reader, text = pdf_text(render_document(annotated_agenda, language="en"))

    assert in_order(text, "II. Annotations", "1. Election of officers", "2. Working groups", "3. Other business")


def test_secretariat_types_an_annotation_in_each_working_language_and_each_version_prints_its_own(
    client_as, meeting, annotated_agenda
):
    item = AgendaItem.objects.get(agenda__meeting=meeting, position=3)
    url = reverse("agendas:item_edit", args=[meeting.body.code, meeting.number, item.pk])
    data = {"title_en": "Other business", "title_fr": "Questions diverses", "title_es": "Otros asuntos", "purpose": ""}
    annotations = {
        "en": "No issue has been raised.",
        "fr": "Aucune question n'a été soulevée.",
        "es": "No se ha planteado ninguna cuestión.",
    }
    data.update({f"annotation_{code}": text for code, text in annotations.items()})

    response = client_as("secretariat").post(url, data)

    assert response.status_code == 302
    for language, annotation in annotations.items():
        _reader, text = pdf_text(render_document(annotated_agenda, language=language))
        text = text.replace("\u2019", "'")
        assert in_order(text, SECTIONS[language][1], "3. ", annotation)


@pytest.mark.parametrize(
    ("language", "annotation"),
    [
        ("en", "In accordance with the practice of the subsidiary bodies of the Commission on Narcotic Drugs"),
        ("fr", "Conformément à la pratique suivie par les organes subsidiaires de la Commission des stupéfiants"),
        ("es", "De conformidad con la práctica de los órganos subsidiarios de la Comisión de Estupefacientes"),
    ],
)
def test_demo_agenda_31_1_prints_annotations_in_each_language(db, language, annotation):
    load_demo()
    document = Document.objects.get(symbol="UNODC/HONLAC/31/1")
    _reader, text = pdf_text(render_document(document, language=language))
    text = " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())

    assert in_order(text, SECTIONS[language][1], "1.", annotation, "2.")
    items = document.issued_agenda.items.all()
    assert len(items) == 12
    assert all(item.annotation_en and item.annotation_fr and item.annotation_es for item in items)
