"""Recommendations in the working languages: pasting or importing another language's version fills the existing
ones by number; the side-by-side table; deleting and renumbering; what each page says is missing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import AuditEvent
from agendas.models import Topic
from meetings.models import Meeting
from questionnaires.models import Recommendation
from questionnaires.recommendation_table import fingerprint, recommendation_fields
from tests.factories import DocumentFactory, MeetingFactory, open_questionnaire, recommendations_for, secretariat_user
from tests.helpers import LOGIN, ROLES, SECRETARIAT_ONLY, assert_answer, expect

ENGLISH = """# Synthetic drugs and early warning

1. Governments should share the alerts of their early warning systems.

2. Governments should train officers of ports and airports."""

FRENCH = """# Drogues de synthèse et alerte précoce

1. Les gouvernements devraient partager les alertes de leurs systèmes d'alerte précoce.

2. Les gouvernements devraient former les agents des ports et des aéroports."""


@pytest.fixture
def meeting(db):
    return MeetingFactory(number=32, status=Meeting.Status.PLANNED)


@pytest.fixture
def secretariat(client, db):
    client.force_login(secretariat_user())
    return client


def url(name, *args):
    return reverse(f"questionnaires:{name}", args=["honlac", 32, *args])


def paste(client, language, text):
    return client.post(url("recommendation_paste"), {"language": language, "text": text}, follow=True)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def rows(meeting):
    return [
        (r.number, r.topic.title_en if r.topic else None, r.text_en, r.text_fr)
        for r in meeting.recommendations.select_related("topic").order_by("number")
    ]


# Pasting and importing one language's version ----------------------------------------------------------------


def test_pasting_the_french_version_fills_the_french_of_the_existing_recommendations(secretariat, meeting):
    paste(secretariat, "en", ENGLISH)

    response = paste(secretariat, "fr", FRENCH)

    assert rows(meeting) == [
        (
            1,
            "Synthetic drugs and early warning",
            "Governments should share the alerts of their early warning systems.",
            "Les gouvernements devraient partager les alertes de leurs systèmes d'alerte précoce.",
        ),
        (
            2,
            "Synthetic drugs and early warning",
            "Governments should train officers of ports and airports.",
            "Les gouvernements devraient former les agents des ports et des aéroports.",
        ),
    ]
    [topic] = Topic.objects.filter(meeting=meeting)
    assert (topic.title_en, topic.title_fr) == (
        "Synthetic drugs and early warning",
        "Drogues de synthèse et alerte précoce",
    )
    assert messages_of(response) == [
        "French: the texts of 2 recommendations were filled in. The title of 1 topic was given."
    ]


def test_pasting_unnumbered_paragraphs_fills_them_in_order_and_adds_the_new_numbers(secretariat, meeting):
    paste(secretariat, "en", ENGLISH)

    response = paste(secretariat, "es", "Los gobiernos deberían compartir.\n\nLos gobiernos deberían formar.\n\nNueva.")

    assert [(r.number, r.text_en, r.text_es) for r in meeting.recommendations.order_by("number")] == [
        (1, "Governments should share the alerts of their early warning systems.", "Los gobiernos deberían compartir."),
        (2, "Governments should train officers of ports and airports.", "Los gobiernos deberían formar."),
        (3, None, "Nueva."),
    ]
    assert messages_of(response) == [
        "1 recommendation was added. Spanish: the texts of 2 recommendations were filled in."
    ]


def test_pasting_another_text_of_a_number_replaces_it_and_says_which(secretariat, meeting):
    paste(secretariat, "en", ENGLISH)

    response = paste(secretariat, "en", "2. Governments should train customs officers.")

    assert meeting.recommendations.get(number=2).text_en == "Governments should train customs officers."
    assert meeting.recommendations.count() == 2
    assert messages_of(response) == ["1 recommendation had another text, now replaced: number 2."]
    event = AuditEvent.objects.filter(action="recommendations.imported").latest("pk")
    assert (event.details["replaced_texts"], event.details["count"]) == ([2], 0)


def test_a_number_given_twice_refuses_the_whole_paste(secretariat, meeting):
    response = paste(secretariat, "en", "1. One.\n\n1. Again.")

    assert response.context["form"].errors["text"] == ["The number 1 is given twice."]
    assert not meeting.recommendations.exists()


def test_importing_the_french_column_by_number_fills_the_existing_recommendations(secretariat, meeting):
    paste(secretariat, "en", ENGLISH)
    content = "number,topic_fr,text_fr\n1,Drogues de synthèse,Partager les alertes.\n2,,Former les agents.\n"
    upload = SimpleUploadedFile("recommendations.csv", content.encode())

    response = secretariat.post(url("recommendation_import"), {"file": upload}, follow=True)

    assert [(r.number, r.text_fr) for r in meeting.recommendations.order_by("number")] == [
        (1, "Partager les alertes."),
        (2, "Former les agents."),
    ]
    assert Topic.objects.get(meeting=meeting).title_fr == "Drogues de synthèse"
    assert Topic.objects.filter(meeting=meeting).count() == 1
    assert messages_of(response) == ["The texts of 2 recommendations were filled in. The title of 1 topic was given."]


# The side-by-side table ------------------------------------------------------------------------------------------


def table_data(page):
    """What the browser would post back from the table as it was opened."""
    data = {}
    for formset in (page.context["rec_formset"], page.context["topic_formset"]):
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
        for form in formset:
            for name in form.fields:
                value = form.initial.get(name)
                data[form.add_prefix(name)] = "" if value is None else value
    return data


def row_index(page, recommendation):
    return next(i for i, form in enumerate(page.context["rec_formset"]) if form.initial["id"] == recommendation.pk)


def test_side_by_side_saves_the_french_column_and_records_each_change(secretariat, meeting):
    first, second = recommendations_for(meeting, 2)
    Recommendation.objects.filter(pk=second.pk).update(text_fr=None)
    page = secretariat.get(url("recommendation_table"))
    data = table_data(page)
    data[f"rec-{row_index(page, second)}-text_fr"] = "Former les agents des ports."

    response = secretariat.post(url("recommendation_table"), data, follow=True)

    second.refresh_from_db()
    assert second.text_fr == "Former les agents des ports."
    assert messages_of(response) == ["1 row was saved."]
    [event] = AuditEvent.objects.filter(action="recommendation.changed")
    assert (event.object, event.details) == (second, {"fields": ["text_fr"]})


def test_side_by_side_translates_the_title_of_a_topic(secretariat, meeting):
    [recommendation] = recommendations_for(meeting, 1)
    Topic.objects.filter(pk=recommendation.topic_id).update(title_es=None)
    page = secretariat.get(url("recommendation_table"))
    data = table_data(page)
    data["topic-0-title_es"] = "Drogas sintéticas y alerta temprana"

    secretariat.post(url("recommendation_table"), data)

    assert Topic.objects.get(pk=recommendation.topic_id).title_es == "Drogas sintéticas y alerta temprana"
    assert AuditEvent.objects.filter(action="topic.changed").count() == 1


def test_side_by_side_keeps_the_typing_when_someone_else_changed_the_row(secretariat, meeting):
    first, second = recommendations_for(meeting, 2)
    page = secretariat.get(url("recommendation_table"))
    data = table_data(page)
    index = row_index(page, second)
    data[f"rec-{index}-text_fr"] = "Ma traduction."
    data[f"rec-{row_index(page, first)}-text_es"] = "Otra traducción."
    Recommendation.objects.filter(pk=second.pk).update(text_fr="Leur traduction.")

    response = secretariat.post(url("recommendation_table"), data)

    assert response.status_code == 200
    assert Recommendation.objects.get(pk=second.pk).text_fr == "Leur traduction."
    assert Recommendation.objects.get(pk=first.pk).text_es == first.text_es  # nothing saved: all or nothing
    form = response.context["rec_formset"][index]
    assert form["text_fr"].value() == "Ma traduction."
    assert form.changed_meanwhile and form.saved_now.text_fr == "Leur traduction."
    assert "Leur traduction." in response.content.decode()
    assert messages_of(response)[0].startswith("Someone else changed the rows marked below")

    # Saving again from that page puts the typing in place of theirs, on purpose.
    again = {
        key: form[key.split("-", 2)[2]].value() if key.startswith(f"rec-{index}-") else value
        for key, value in data.items()
    }
    again[f"rec-{index}-fingerprint"] = form["fingerprint"].value()
    secretariat.post(url("recommendation_table"), again)
    assert Recommendation.objects.get(pk=second.pk).text_fr == "Ma traduction."


def test_side_by_side_renumbers_by_swapping_numbers(secretariat, meeting):
    first, second, third = recommendations_for(meeting, 3)
    page = secretariat.get(url("recommendation_table"))
    data = table_data(page)
    data[f"rec-{row_index(page, first)}-number"] = 2
    data[f"rec-{row_index(page, second)}-number"] = 1

    secretariat.post(url("recommendation_table"), data)

    assert list(meeting.recommendations.order_by("number").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
        third.pk,
    ]


def test_side_by_side_refuses_a_number_given_twice(secretariat, meeting):
    first, second = recommendations_for(meeting, 2)
    page = secretariat.get(url("recommendation_table"))
    data = table_data(page)
    data[f"rec-{row_index(page, second)}-number"] = 1

    response = secretariat.post(url("recommendation_table"), data)

    assert messages_of(response) == ["Each recommendation needs a number of its own: 1 given twice."]
    assert list(meeting.recommendations.order_by("number").values_list("number", flat=True)) == [1, 2]


def test_side_by_side_page_queries_do_not_grow_with_the_recommendations(secretariat, db):
    counts = []
    for size in (2, 40):
        with transaction.atomic():
            recommendations_for(MeetingFactory(number=32), size)
            with CaptureQueriesContext(connection) as queries:
                assert secretariat.get(url("recommendation_table")).status_code == 200
            counts.append(len(queries))
            transaction.set_rollback(True)
    assert counts[0] == counts[1]
    assert counts[1] <= 8


# Deleting ----------------------------------------------------------------------------------------------------------


def test_delete_asks_then_deletes_and_records_it(secretariat, meeting):
    first, second = recommendations_for(meeting, 2)

    page = secretariat.get(url("recommendation_delete", second.pk))
    assert page.context["confirmation"].title == "Delete recommendation 2?"
    assert meeting.recommendations.count() == 2

    response = secretariat.post(url("recommendation_delete", second.pk), follow=True)
    assert list(meeting.recommendations.values_list("pk", flat=True)) == [first.pk]
    assert messages_of(response) == ["Recommendation 2 was deleted."]
    event = AuditEvent.objects.get(action="recommendation.deleted")
    assert (event.object, event.details) == (meeting, {"numbers": [2]})


def test_delete_is_refused_while_a_questionnaire_asks_about_it(secretariat, db):
    questionnaire = open_questionnaire()
    used = questionnaire.source_meeting.recommendations.first()
    delete_url = reverse("questionnaires:recommendation_delete", args=["honlac", 31, used.pk])

    for response in (secretariat.get(delete_url, follow=True), secretariat.post(delete_url, follow=True)):
        assert messages_of(response) == [
            "Recommendation 1 is asked about in a questionnaire: it cannot be deleted. "
            "Remove it from the questionnaire first."
        ]
    assert Recommendation.objects.filter(pk=used.pk).exists()
    assert not AuditEvent.objects.filter(action="recommendation.deleted").exists()


# Permissions -------------------------------------------------------------------------------------------------------


@pytest.fixture
def world(db):
    meeting = MeetingFactory(number=32, participating_states=["ECU", "MEX"])
    return meeting, recommendations_for(meeting, 2)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["recommendation_table", "recommendation_delete"])
def test_get_permission_matrix(client_as, world, name, role):
    _meeting, recommendations = world
    args = [recommendations[0].pk] if name == "recommendation_delete" else []
    assert_answer(client_as(role).get(url(name, *args)), expect(SECRETARIAT_ONLY, role))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["recommendation_table", "recommendation_delete"])
def test_post_permission_matrix(client_as, world, name, role):
    meeting, recommendations = world
    first = recommendations[0]
    args = [first.pk] if name == "recommendation_delete" else []
    languages = meeting.body.working_languages
    data = {
        "rec-TOTAL_FORMS": 1,
        "rec-INITIAL_FORMS": 1,
        "rec-0-id": first.pk,
        "rec-0-fingerprint": fingerprint(first, recommendation_fields(languages)),
        "rec-0-number": 1,
        "rec-0-text_en": "Changed.",
        "topic-TOTAL_FORMS": 0,
        "topic-INITIAL_FORMS": 0,
    }
    before = sorted(Recommendation.objects.values_list("pk", "text_en"))
    response = client_as(role).post(url(name, *args), data)
    wanted = expect((LOGIN, 403, 403, 403, 302, 302), role)
    assert_answer(response, wanted)
    if wanted != 302:
        assert sorted(Recommendation.objects.values_list("pk", "text_en")) == before
    else:
        assert sorted(Recommendation.objects.values_list("pk", "text_en")) != before


def test_a_recommendation_of_another_meeting_is_not_found(secretariat, world):
    other = recommendations_for(MeetingFactory(number=40), 1)[0]
    assert secretariat.get(url("recommendation_delete", other.pk)).status_code == 404


# What is missing, shown -----------------------------------------------------------------------------------------


def test_recommendations_page_shows_the_languages_each_text_lacks(client, meeting):
    first, second = recommendations_for(meeting, 2)
    Recommendation.objects.filter(pk=second.pk).update(text_fr="", text_es=None)
    Topic.objects.filter(pk=first.topic_id).update(title_es="")

    html = client.get(url("recommendations")).content.decode()

    french, spanish = '<abbr title="French">FR</abbr>', '<abbr title="Spanish">ES</abbr>'
    assert html.count(f'<span class="badge text-bg-warning missing-languages">Missing: {french}, {spanish}</span>') == 1
    assert html.count(f'<span class="badge text-bg-warning missing-languages">Missing: {spanish}</span>') == 1


def test_topics_page_shows_the_languages_a_title_lacks(secretariat, meeting):
    Topic.objects.create(meeting=meeting, position=1, title_en="Synthetic drugs", title_fr="Drogues de synthèse")

    html = secretariat.get(reverse("agendas:topics", args=["honlac", 32])).content.decode()

    assert 'Missing: <abbr title="Spanish">ES</abbr></span>' in html


def test_document_page_shows_the_languages_its_texts_lack(secretariat, meeting):
    document = DocumentFactory(meeting=meeting, title_es="", text_fr="", text_es="")

    html = secretariat.get(document.get_absolute_url()).content.decode()

    assert 'Title, missing: <abbr title="Spanish">ES</abbr></span>' in html
    assert 'Text, missing: <abbr title="French">FR</abbr>, <abbr title="Spanish">ES</abbr></span>' in html


def test_side_by_side_refuses_a_tampered_form_without_saving(secretariat, meeting):
    [recommendation] = recommendations_for(meeting, 1)

    response = secretariat.post(
        url("recommendation_table"),
        {"rec-TOTAL_FORMS": "x", "rec-INITIAL_FORMS": "1", "rec-0-id": "y", "rec-0-text_en": "Changed."},
    )

    assert response.status_code == 200
    assert messages_of(response) == ["Nothing was saved: correct the rows marked below."]
    assert Recommendation.objects.get(pk=recommendation.pk).text_en == recommendation.text_en
