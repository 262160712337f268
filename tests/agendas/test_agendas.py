import re

import pytest
from django.urls import reverse

from agendas.models import Agenda, AgendaItem
from honlac.demo import load_demo
from honlac.printing import render_document
from meetings.models import Document, Meeting
from tests.factories import AgendaFactory, MeetingFactory, focal_point, secretariat_user
from tests.helpers import LOGIN, PUBLIC, ROLES, SECRETARIAT_ONLY, assert_answer, expect, pdf_text

SEED_ANNEX_FR = [
    "1. Élection du Bureau.",
    "2. Adoption de l'ordre du jour et organisation des travaux.",
    "3. Situation actuelle de la coopération régionale et sous-régionale s'agissant d'aborder et de combattre le "
    "problème mondial de la drogue.",
    "4. Application des recommandations adoptées à la trente et unième Réunion des chefs des services chargés au plan "
    "national de la lutte contre le trafic illicite des drogues, Amérique latine et Caraïbes.",
    "5. Suivi de la mise en œuvre, aux niveaux national, régional et international, de tous les engagements à aborder "
    "et combattre le problème mondial de la drogue énoncés dans la Déclaration ministérielle de 2019.",
    "6. Examen de thèmes spécifiques par des groupes de travail [à déterminer].",
    "7. Organisation de la trente-troisième Réunion des chefs des services chargés au plan national de la lutte contre "
    "le trafic illicite des drogues, Amérique latine et Caraïbes.",
    "8. Questions diverses.",
    "9. Adoption du rapport de la trente-deuxième Réunion des chefs des services chargés au plan national de la lutte "
    "contre le trafic illicite des drogues, Amérique latine et Caraïbes.",
]


@pytest.fixture
def demo(db):
    return load_demo()


def organization_note():
    return Document.objects.get(annexed_agenda__meeting__number=32)


def test_french_organization_note_of_the_31st_meeting_follows_the_seed(demo):
    document = organization_note()
    assert document.symbol == "UNODC/HONLAC/31/2"
    reader, text = pdf_text(render_document(document, language="fr"))
    assert "Note du Secrétariat" in text
    assert "Original : anglais" in text
    assert "Point 7 de l\u2019ordre du jour provisoire" in text
    assert "Organisation de la trente-deuxième Réunion des chefs des services" in text
    # The seed's plain text has straight apostrophes where the print sets typographic ones.
    annex = re.sub(r"\s+", " ", re.sub("\u2010\\s*", "", reader.pages[-1].extract_text())).replace("\u2019", "'")
    positions = [annex.find(item) for item in SEED_ANNEX_FR]
    assert -1 not in positions, [item for item, at in zip(SEED_ANNEX_FR, positions, strict=True) if at == -1]
    assert positions == sorted(positions)


def test_organization_note_paragraphs_come_from_the_data(demo):
    text = organization_note().text_en
    assert "at its sixty-seventh session, in 2024" in text
    assert "Colombia" not in text  # its offer came at the 31st meeting, after the note
    assert "Item 4 of the draft provisional agenda for the Thirty-second Meeting" in text


def test_the_annex_is_always_the_current_draft_agenda(demo):
    agenda = Agenda.objects.get(meeting__number=32)
    item = agenda.items.get(position=8, parent=None)
    item.title_en = "Any other business"
    item.save()
    _reader, text = pdf_text(render_document(organization_note(), language="en"))
    assert "8. Any other business." in text


def test_opening_the_next_meeting_generates_its_draft_agenda(client, demo):
    client.force_login(secretariat_user())
    client.post(reverse("agendas:open_next", args=["honlac", 32]))
    agenda = Agenda.objects.get(meeting__body__code="honlac", meeting__number=33)
    titles = [item.title_en for item in agenda.items.filter(parent=None).order_by("position")]
    assert len(titles) == 9
    assert titles[3].startswith("Implementation of the recommendations adopted by the Thirty-second Meeting")
    assert titles[6].startswith("Organization of the Thirty-fourth Meeting")
    assert agenda.status == Agenda.Status.DRAFT


def test_reordered_items_and_sub_items_print_with_the_right_numbering(client, demo):
    client.force_login(secretariat_user())
    client.post(reverse("agendas:open_next", args=["honlac", 32]))
    agenda = Agenda.objects.get(meeting__body__code="honlac", meeting__number=33)
    other_business = agenda.items.get(position=8, parent=None)
    client.post(reverse("agendas:item_move", args=["honlac", 33, other_business.pk]), {"direction": "up"})
    working_groups = agenda.items.get(position=6, parent=None)
    for title in ("Maritime trafficking", "Darknet markets"):
        client.post(
            reverse("agendas:item_create", args=["honlac", 33]) + f"?parent={working_groups.pk}",
            {"title_en": title, "title_fr": f"{title} (fr)", "title_es": f"{title} (es)", "purpose": ""},
        )
    working_groups.refresh_from_db()
    assert [(i.position, i.title_en) for i in working_groups.sub_items.order_by("position")] == [
        (1, "Maritime trafficking"),
        (2, "Darknet markets"),
    ]
    client.post(reverse("agendas:status", args=["honlac", 33]), {"status": "provisional"})
    agenda.refresh_from_db()
    assert agenda.document.symbol == "UNODC/HONLAC/33/1"
    _reader, english = pdf_text(render_document(agenda.document, language="en"))
    assert "7. Other business." in english
    assert "8. Organization of the Thirty-fourth Meeting" in english
    assert "(a) Maritime trafficking; (b) Darknet markets." in english
    _reader, french = pdf_text(render_document(agenda.document, language="fr"))
    assert "7. Questions diverses." in french
    assert "a) Maritime trafficking (fr) ; b) Darknet markets (fr)." in french


def test_deleting_an_item_renumbers_the_others(client, demo):
    client.force_login(secretariat_user())
    agenda = Agenda.objects.get(meeting__number=32)
    client.post(reverse("agendas:item_delete", args=["honlac", 32, agenda.items.get(position=3, parent=None).pk]))
    assert list(agenda.items.filter(parent=None).order_by("position").values_list("position", flat=True)) == list(
        range(1, 9)
    )
    assert agenda.items.get(position=3, parent=None).title_en.startswith("Implementation of the recommendations")


def test_adopted_agenda_cannot_change(client, demo):
    client.force_login(secretariat_user())
    agenda = Agenda.objects.get(meeting__number=31)
    agenda.status = Agenda.Status.ADOPTED
    agenda.save()
    item = agenda.items.get(position=8, parent=None)
    response = client.post(reverse("agendas:item_delete", args=["honlac", 31, item.pk]), follow=True)
    assert AgendaItem.objects.filter(pk=item.pk).exists()
    assert "The agenda was adopted; it can no longer change." in response.content.decode()


def test_draft_agenda_is_hidden_from_focal_points(client, demo):
    client.force_login(focal_point("ECU"))
    assert client.get(reverse("agendas:agenda", args=["honlac", 32])).status_code == 404
    assert client.get(reverse("agendas:agenda", args=["honlac", 31])).status_code == 200


def test_organization_note_needs_the_next_meeting(client, demo):
    client.force_login(secretariat_user())
    Meeting.objects.filter(number=32).update(number=40)
    response = client.post(reverse("agendas:organization_note", args=["honlac", 31]), follow=True)
    assert "Open the next meeting first" in response.content.decode()


@pytest.fixture
def two_agendas(body):
    """The provisional agenda of meeting 31 and the draft agenda of meeting 32, two items each."""
    agendas = {}
    for number, status in [(31, Agenda.Status.PROVISIONAL), (32, Agenda.Status.DRAFT)]:
        agendas[number] = AgendaFactory(meeting=MeetingFactory(body=body, number=number), status=status)
        for position, title in enumerate(["Opening of the meeting", "Other business"], start=1):
            AgendaItem.objects.create(agenda=agendas[number], position=position, title_en=title)
    return agendas


def agendas_state():
    return (
        sorted(AgendaItem.objects.values_list("pk", "agenda", "parent", "position", "title_en")),
        sorted(Agenda.objects.values_list("pk", "status", "document")),
        Document.objects.count(),
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "method", "expected"),
    [
        ("agenda_issued", "get", PUBLIC),
        ("agenda_draft", "get", (LOGIN, 404, 404, 404, 200, 200)),
        ("agenda_missing", "get", (LOGIN, 404, 404, 404, 200, 200)),
        ("generate", "post", (LOGIN, 403, 403, 403, 302, 302)),
        ("status", "post", (LOGIN, 403, 403, 403, 302, 302)),
        ("item_create", "get", SECRETARIAT_ONLY),
        ("item_create", "post", (LOGIN, 403, 403, 403, 302, 302)),
        ("item_edit", "get", SECRETARIAT_ONLY),
        ("item_edit", "post", (LOGIN, 403, 403, 403, 302, 302)),
        ("item_move", "post", (LOGIN, 403, 403, 403, 302, 302)),
        ("item_delete", "post", (LOGIN, 403, 403, 403, 302, 302)),
        ("organization_note", "post", (LOGIN, 403, 403, 403, 302, 302)),
    ],
)
def test_agenda_permission_matrix(client_as, two_agendas, role, name, method, expected):
    MeetingFactory(number=33)
    item = two_agendas[32].items.get(position=2)
    urls = {
        "agenda_issued": reverse("agendas:agenda", args=["honlac", 31]),
        "agenda_draft": reverse("agendas:agenda", args=["honlac", 32]),
        "agenda_missing": reverse("agendas:agenda", args=["honlac", 33]),
        "generate": reverse("agendas:generate", args=["honlac", 33]),
        "status": reverse("agendas:status", args=["honlac", 32]),
        "item_create": reverse("agendas:item_create", args=["honlac", 32]),
        "item_edit": reverse("agendas:item_edit", args=["honlac", 32, item.pk]),
        "item_move": reverse("agendas:item_move", args=["honlac", 32, item.pk]),
        "item_delete": reverse("agendas:item_delete", args=["honlac", 32, item.pk]),
        "organization_note": reverse("agendas:organization_note", args=["honlac", 31]),
    }
    data = {"status": "provisional", "direction": "up", "title_en": "Changed", "purpose": ""}
    before = agendas_state()
    client = client_as(role)
    response = client.post(urls[name], data) if method == "post" else client.get(urls[name])
    wanted = expect(expected, role)
    assert_answer(response, wanted)
    if method == "post" and wanted != 302:
        assert agendas_state() == before
