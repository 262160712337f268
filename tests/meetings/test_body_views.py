"""The secretariat's pages of bodies: creating one with its languages, changing it, opening its first meeting."""

import re
from urllib.parse import quote

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from meetings.models import Body, Meeting
from tests.factories import BodyFactory, MeetingFactory, state
from tests.helpers import LOGIN, ROLES, SECRETARIAT_ONLY, expect

HONLAF = {
    "code": "honlaf",
    "symbol_prefix": "UNODC/HONLAF",
    "original_language": "en",
    "working_languages": ["fr", "en"],
    "title_en": "Meeting of Heads of National Drug Law Enforcement Agencies, Africa",
    "meeting_noun_en": "Meeting",
    "meeting_noun_gender_en": "neuter",
    "ordinal_style_en": "title",
    "later_meeting_en": "a later meeting",
    "parent_organ_en": "Commission on Narcotic Drugs",
    "title_fr": "Réunion des chefs des services nationaux de répression en matière de drogues, Afrique",
    "meeting_noun_fr": "Réunion",
    "meeting_noun_gender_fr": "feminine",
    "ordinal_style_fr": "words",
    "later_meeting_fr": "une réunion ultérieure",
    "parent_organ_fr": "Commission des stupéfiants",
}


def test_secretariat_creates_a_body_with_its_languages(client, users):
    client.force_login(users["secretariat"])
    response = client.post(reverse("meetings:body_create"), HONLAF)
    body = Body.objects.get(code="honlaf")
    assert response["Location"] == reverse("meetings:body_member_states", args=["honlaf"])
    assert body.working_languages == ["en", "fr"]  # in UN order
    assert body.title_fr == HONLAF["title_fr"]
    assert body.meeting_noun_gender_fr == "feminine"
    assert body.title_es in ("", None)
    event = AuditEvent.objects.get(action="body.created")
    assert event.actor == users["secretariat"]
    assert event.details == {"code": "honlaf", "working_languages": ["en", "fr"]}


def test_body_form_lists_the_six_languages_as_checkboxes(client, users):
    client.force_login(users["secretariat"])
    html = client.get(reverse("meetings:body_create")).content.decode()
    for code in ("ar", "zh", "en", "fr", "ru", "es"):
        assert re.search(rf'<input type="checkbox"[^>]* name="working_languages" value="{code}"', html)
    assert 'name="title_ar"' in html
    assert 'lang="ar" dir="rtl"' in html


def test_body_needs_the_texts_of_its_working_languages(client, users):
    client.force_login(users["secretariat"])
    data = {**HONLAF, "working_languages": ["en", "fr", "ru"]}
    response = client.post(reverse("meetings:body_create"), data)
    errors = response.context["form"].errors
    assert set(errors) == {
        f"{name}_ru" for name in ("title", "meeting_noun", "meeting_noun_gender", "ordinal_style")
    } | {"parent_organ_ru"}
    assert not Body.objects.filter(code="honlaf").exists()


def test_body_needs_a_working_language_and_its_original_among_them(client, users):
    client.force_login(users["secretariat"])
    none = client.post(reverse("meetings:body_create"), {**HONLAF, "working_languages": []})
    assert "working_languages" in none.context["form"].errors
    foreign = client.post(reverse("meetings:body_create"), {**HONLAF, "original_language": "es"})
    assert "original_language" in foreign.context["form"].errors
    assert not Body.objects.filter(code="honlaf").exists()


def test_secretariat_changes_a_body(client_as, db):
    body = BodyFactory(code="honlaf", symbol_prefix="UNODC/HONLAF", working_languages=["en", "fr"])
    client = client_as("secretariat")
    form = client.get(reverse("meetings:body_edit", args=["honlaf"])).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None and name in form.fields}
    data.update(HONLAF, ordinal_style_fr="figures")
    response = client.post(reverse("meetings:body_edit", args=["honlaf"]), data)
    assert response["Location"] == reverse("meetings:bodies")
    body.refresh_from_db()
    assert body.ordinal_style_fr == "figures"
    assert "ordinal_style_fr" in AuditEvent.objects.get(action="body.changed").details["fields"]


def test_open_a_meeting_of_a_body_proposes_the_next_number_and_its_states(client, users):
    body = BodyFactory(code="honlaf", symbol_prefix="UNODC/HONLAF", working_languages=["en", "fr"])
    body.member_states.set([state("NGA"), state("KEN")])
    MeetingFactory(body=body, number=32)
    client.force_login(users["secretariat"])
    form = client.get(reverse("meetings:body_meeting_create", args=["honlaf"])).context["form"]
    assert form.initial["body"] == body
    assert form.initial["number"] == 33
    assert {s.code for s in form.initial["participating_states"]} == {"NGA", "KEN"}


def test_body_list_shows_each_body(client, users):
    BodyFactory()
    BodyFactory(code="honlaf", symbol_prefix="UNODC/HONLAF", working_languages=["en", "fr"])
    client.force_login(users["secretariat"])
    response = client.get(reverse("meetings:bodies"))
    assert [body.code for body in response.context["bodies"]] == ["honlac", "honlaf"]
    assert "English, French" in response.content.decode()


def test_body_list_queries_do_not_grow_with_the_bodies(client, users, django_assert_max_num_queries):
    client.force_login(users["secretariat"])
    BodyFactory()
    with django_assert_max_num_queries(8) as one:
        client.get(reverse("meetings:bodies"))
    for number in range(5):
        BodyFactory(code=f"body{number}", symbol_prefix=f"UNODC/B{number}")
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(reverse("meetings:bodies"))


def test_admin_edits_working_languages_as_checkboxes(client, users):
    body = BodyFactory()
    client.force_login(users["admin"])
    from tests.helpers import confirm_identity

    confirm_identity(client)
    html = client.get(reverse("admin:meetings_body_change", args=[body.pk])).content.decode()
    assert re.search(r'<input type="checkbox" name="working_languages" value="ar"[^>]*>', html)
    assert not re.search(r'<input type="checkbox" name="working_languages" value="ar"[^>]* checked>', html)
    assert re.search(r'<input type="checkbox" name="working_languages" value="en"[^>]* checked>', html)


# Every URL × every role ------------------------------------------------------------------------------------------

BODY_URLS = {
    "list": ("meetings:bodies", []),
    "create": ("meetings:body_create", []),
    "edit": ("meetings:body_edit", ["honlac"]),
    "member_states": ("meetings:body_member_states", ["honlac"]),
    "open_meeting": ("meetings:body_meeting_create", ["honlac"]),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(BODY_URLS))
def test_body_pages_permission_matrix(client_as, db, name, role):
    BodyFactory()
    route, args = BODY_URLS[name]
    url = reverse(route, args=args)
    response = client_as(role).get(url)
    wanted = expect(SECRETARIAT_ONLY, role)
    if wanted == LOGIN:
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={quote(url, safe='/')}"
    else:
        assert response.status_code == wanted


@pytest.mark.parametrize("role", ROLES)
def test_body_change_by_others_than_the_secretariat_changes_nothing(client_as, db, role):
    body = BodyFactory()
    client_as(role).post(reverse("meetings:body_edit", args=["honlac"]), {**HONLAF, "code": "honlac"})
    body.refresh_from_db()
    changed = body.title_en == HONLAF["title_en"]
    assert changed == (role in ("secretariat", "admin"))
    assert Meeting.objects.count() == 0
