import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from agendas.models import Agenda, AgendaItem
from honlac.printing import render_document
from meetings.demo import load_demo
from meetings.models import Document, Meeting
from tests.factories import focal_point, secretariat_user

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


def pdf_text(data):
    reader = PdfReader(io.BytesIO(data))
    return reader, re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


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
    assert "Point 7 de l'ordre du jour provisoire" in text
    assert "Organisation de la trente-deuxième Réunion des chefs des services" in text
    annex = re.sub(r"\s+", " ", reader.pages[-1].extract_text())
    positions = [annex.find(item) for item in SEED_ANNEX_FR]
    assert -1 not in positions, [item for item, at in zip(SEED_ANNEX_FR, positions, strict=True) if at == -1]
    assert positions == sorted(positions)


def test_organization_note_paragraphs_come_from_the_data(demo):
    text = organization_note().text_en
    assert "at its sixty-seventh session, in 2024" in text
    assert "Colombia (Thirty-third Meeting)" in text
    assert "Item 4 of the draft provisional agenda of the Thirty-second Meeting" in text


def test_the_annex_is_always_the_current_draft_agenda(demo):
    agenda = Agenda.objects.get(meeting__number=32)
    item = agenda.items.get(position=8, parent=None)
    item.title_en = "Any other business"
    item.save()
    _reader, text = pdf_text(render_document(organization_note(), language="en"))
    assert "8. Any other business." in text


def test_opening_the_next_meeting_generates_its_draft_agenda(client, demo):
    client.force_login(secretariat_user())
    client.post(reverse("meetings:open_next", args=["honlac", 32]))
    agenda = Agenda.objects.get(meeting__number=33)
    titles = [item.title_en for item in agenda.items.filter(parent=None).order_by("position")]
    assert len(titles) == 9
    assert titles[3].startswith("Implementation of the recommendations adopted by the Thirty-second Meeting")
    assert titles[6].startswith("Organization of the Thirty-fourth Meeting")
    assert agenda.status == Agenda.Status.DRAFT


def test_reordered_items_and_sub_items_print_with_the_right_numbering(client, demo):
    client.force_login(secretariat_user())
    client.post(reverse("meetings:open_next", args=["honlac", 32]))
    agenda = Agenda.objects.get(meeting__number=33)
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
    assert "a) Maritime trafficking (fr); b) Darknet markets (fr)." in french


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


ROLES = ["anonymous", "own_state", "other_state", "non_participant", "secretariat", "admin"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "method", "expected"),
    [
        ("agenda_issued", "get", (200, 200, 200, 200, 200, 200)),
        ("agenda_draft", "get", (404, 404, 404, 404, 200, 200)),
        ("generate", "post", ("login", 403, 403, 403, 302, 302)),
        ("status", "post", ("login", 403, 403, 403, 302, 302)),
        ("item_create", "get", ("login", 403, 403, 403, 200, 200)),
        ("item_edit", "get", ("login", 403, 403, 403, 200, 200)),
        ("item_move", "post", ("login", 403, 403, 403, 302, 302)),
        ("item_delete", "post", ("login", 403, 403, 403, 302, 302)),
        ("organization_note", "post", ("login", 403, 403, 403, 302, 302)),
    ],
)
def test_agenda_permission_matrix(client, demo, role, name, method, expected):
    from tests.factories import admin_user

    users = {
        "anonymous": None,
        "own_state": focal_point("ECU"),
        "other_state": focal_point("MEX"),
        "non_participant": focal_point("FRA"),
        "secretariat": secretariat_user("staff"),
        "admin": admin_user("root"),
    }
    if users[role]:
        client.force_login(users[role])
    item = AgendaItem.objects.get(agenda__meeting__number=32, position=8, parent=None)
    urls = {
        "agenda_issued": reverse("agendas:agenda", args=["honlac", 31]),
        "agenda_draft": reverse("agendas:agenda", args=["honlac", 32]),
        "generate": reverse("agendas:generate", args=["honlac", 32]),
        "status": reverse("agendas:status", args=["honlac", 32]),
        "item_create": reverse("agendas:item_create", args=["honlac", 32]),
        "item_edit": reverse("agendas:item_edit", args=["honlac", 32, item.pk]),
        "item_move": reverse("agendas:item_move", args=["honlac", 32, item.pk]),
        "item_delete": reverse("agendas:item_delete", args=["honlac", 32, item.pk]),
        "organization_note": reverse("agendas:organization_note", args=["honlac", 31]),
    }
    data = {"status": "provisional", "direction": "up"}
    response = getattr(client, method)(urls[name], data if method == "post" else None)
    wanted = dict(zip(ROLES, expected, strict=True))[role]
    if wanted == "login":
        assert response.status_code == 302 and "/accounts/login/?next=" in response["Location"]
    else:
        assert response.status_code == wanted
    if role not in ("secretariat", "admin") and method == "post":
        assert AgendaItem.objects.filter(pk=item.pk, position=8).exists()
        assert Agenda.objects.get(meeting__number=32).status == Agenda.Status.DRAFT
