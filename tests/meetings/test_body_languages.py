"""Forms, imports and warnings ask only for the body's working languages: an English-French body (HONLAF) has no
Spanish field, a body working in Arabic, English and Russian has Arabic (right to left) and Russian ones."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agendas.models import AgendaItem, Topic
from meetings.models import Document, Meeting
from questionnaires import responses
from questionnaires.models import Question, Recommendation
from tests.factories import (
    AgendaFactory,
    BodyFactory,
    DocumentFactory,
    MeetingFactory,
    QuestionnaireFactory,
    focal_point,
    open_questionnaire,
    recommendations_for,
    secretariat_user,
    state,
)
from tests.helpers import confirm_identity

# The name of a per-language field: "title_es", "questions-0-text_fr", "rec-1-text_ar".
LANGUAGE_FIELD = re.compile(r'name="[\w-]+_(ar|zh|en|fr|ru|es)"')


@pytest.fixture
def secretariat(client, db):
    client.force_login(secretariat_user())
    confirm_identity(client)
    return client


def honlaf():
    return BodyFactory(
        code="honlaf",
        symbol_prefix="UNODC/HONLAF",
        working_languages=["en", "fr"],
        title_en="Meeting of Heads of National Drug Law Enforcement Agencies, Africa",
        title_fr="Réunion des chefs des services chargés au plan national de la lutte contre le trafic illicite des "
        "drogues, Afrique",
        title_es="",
    )


def subcom():
    return BodyFactory(
        code="subcom",
        symbol_prefix="UNODC/SUBCOM",
        working_languages=["ru", "en", "ar"],  # stored in any order: the forms follow the UN's
        title_en="Subcommission on Illicit Drug Traffic and Related Matters in the Near and Middle East",
        title_ar="اللجنة الفرعية المعنية بالاتجار غير المشروع بالمخدرات والمسائل المتصلة به في الشرق الأدنى والأوسط",
        title_ru="Подкомиссия по незаконному обороту наркотиков и связанным с ним вопросам на Ближнем и Среднем "
        "Востоке",
        title_fr="",
        title_es="",
    )


@pytest.fixture
def world(db):
    """Meeting 33 of HONLAF with a document, an agenda item, a topic, a recommendation and a questionnaire."""
    meeting = MeetingFactory(body=honlaf(), number=33, city_es="")
    document = DocumentFactory(meeting=meeting, number=2, title_es="", text_es="")
    agenda = AgendaFactory(meeting=meeting)
    item = AgendaItem.objects.create(agenda=agenda, position=1, title_en="Opening", title_fr="Ouverture")
    topic = Topic.objects.create(meeting=meeting, position=1, title_en="Synthetic drugs")
    recommendation = Recommendation.objects.create(meeting=meeting, topic=topic, number=1, text_en="Act.")
    questionnaire = QuestionnaireFactory(meeting=meeting, source_meeting=MeetingFactory(body=meeting.body, number=32))
    Question.objects.create(questionnaire=questionnaire, position=1, text_en="Any other measures?")
    return {
        "meeting": meeting,
        "document": document,
        "item": item,
        "topic": topic,
        "recommendation": recommendation,
    }


def pages(world):
    meeting = world["meeting"]
    at = ["honlaf", 33]
    return {
        "meeting": reverse("meetings:edit", args=at),
        "document_create": reverse("meetings:document_create", args=at),
        "document_edit": reverse("meetings:document_edit", args=[world["document"].pk]),
        "item_create": reverse("agendas:item_create", args=at),
        "item_edit": reverse("agendas:item_edit", args=[*at, world["item"].pk]),
        "topics": reverse("agendas:topics", args=at),
        "topic_edit": reverse("agendas:topic_edit", args=[*at, world["topic"].pk]),
        "recommendation_create": reverse("questionnaires:recommendation_create", args=at),
        "recommendation_edit": reverse("questionnaires:recommendation_edit", args=[*at, world["recommendation"].pk]),
        "recommendation_table": reverse("questionnaires:recommendation_table", args=at),
        "questionnaire": reverse("questionnaires:edit", args=at),
        "meeting_id": meeting.pk,
    }


PAGES = [
    "meeting",
    "document_create",
    "document_edit",
    "item_create",
    "item_edit",
    "topic_edit",
    "recommendation_create",
    "recommendation_edit",
    "recommendation_table",
    "questionnaire",
]


@pytest.mark.parametrize("page", PAGES)
def test_the_forms_of_an_english_french_body_ask_for_english_and_french_only(secretariat, world, page):
    response = secretariat.get(pages(world)[page])

    assert response.status_code == 200
    html = response.content.decode()
    assert set(LANGUAGE_FIELD.findall(html)) == {"en", "fr"}
    assert "(Spanish)" not in html
    # Each text field says its language and direction (the finished files' inputs are no text).
    tags = re.findall(r'<(?:input|textarea)[^>]*name="[\w-]+_(?:en|fr)"[^>]*>', html)
    texts = [tag for tag in tags if 'type="file"' not in tag]
    assert texts
    assert all(re.search(r'lang="(en|fr)"', tag) and 'dir="ltr"' in tag for tag in texts)


@pytest.mark.parametrize(
    "page, field",
    [
        ("document_edit", "title_fr"),
        ("item_edit", "title_fr"),
        ("recommendation_edit", "text_fr"),
        ("questionnaire", "introduction_fr"),
    ],
)
def test_a_field_is_named_by_its_language_and_marked_with_it(secretariat, world, page, field):
    html = secretariat.get(pages(world)[page]).content.decode()

    tag = re.search(rf'<(?:input|textarea)[^>]*name="{field}"[^>]*>', html).group(0)
    assert 'lang="fr"' in tag
    assert 'dir="ltr"' in tag
    label = re.search(rf'<label[^>]*for="id_{field}"[^>]*>(.*?)</label>', html, re.S).group(1)
    assert "(French)" in label


def test_the_languages_of_a_text_to_propose_are_the_body_s(secretariat, world):
    html = secretariat.get(pages(world)["topics"]).content.decode()

    choices = re.search(r'<select name="language".*?</select>', html, re.S).group(0)
    assert re.findall(r'value="(\w+)"', choices) == ["en", "fr"]


def test_a_document_s_original_language_is_one_of_the_body_s(secretariat, world):
    url = pages(world)["document_create"]
    data = {"kind": "note", "distribution": "general", "title_en": "Note", "title_fr": "Note"}

    refused = secretariat.post(url, {**data, "original_language": "es"})
    assert "original_language" in refused.context["form"].errors

    saved = secretariat.post(url, {**data, "original_language": "fr", "title_es": "Nota"})
    document = Document.objects.exclude(pk=world["document"].pk).get()
    assert saved["Location"] == document.get_absolute_url()
    assert (document.original_language, document.title_fr, document.title_es) == ("fr", "Note", None)


def test_saving_without_spanish_works_and_a_spanish_text_sent_is_not_taken(secretariat, world):
    at = ["honlaf", 33]
    secretariat.post(
        reverse("agendas:item_create", args=at), {"title_en": "Adoption", "title_fr": "Adoption", "title_es": "X"}
    )
    secretariat.post(
        reverse("agendas:topic_edit", args=[*at, world["topic"].pk]),
        {"title_en": "Synthetic drugs", "title_fr": "Drogues de synthèse", "title_es": "X"},
    )
    response = secretariat.post(
        reverse("questionnaires:recommendation_create", args=at),
        {"topic": world["topic"].pk, "number": 2, "text_en": "Share.", "text_fr": "Partager.", "text_es": "X"},
    )

    assert response.status_code == 302
    item = AgendaItem.objects.get(title_en="Adoption")
    assert (item.title_fr, item.title_es) == ("Adoption", None)
    world["topic"].refresh_from_db()
    assert (world["topic"].title_fr, world["topic"].title_es) == ("Drogues de synthèse", None)
    recommendation = Recommendation.objects.get(number=2)
    assert (recommendation.text_fr, recommendation.text_es) == ("Partager.", None)


def test_the_csv_help_names_only_the_body_s_columns(secretariat, world):
    html = secretariat.get(reverse("questionnaires:recommendation_import", args=["honlaf", 33])).content.decode()

    assert "number, topic, topic_en, topic_fr, text_en, text_fr (the text" in html
    assert "_es" not in html


def test_an_import_with_english_and_french_columns_succeeds_and_a_spanish_one_is_not_read(secretariat, world):
    content = "number,topic_en,topic_fr,text_en,text_fr,text_es\n2,Darknet,Darknet,Watch.,Surveiller.,Vigilar.\n"
    upload = SimpleUploadedFile("recommendations.csv", content.encode())

    response = secretariat.post(reverse("questionnaires:recommendation_import", args=["honlaf", 33]), {"file": upload})

    assert response.status_code == 302
    recommendation = Recommendation.objects.get(meeting=world["meeting"], number=2)
    assert (recommendation.text_en, recommendation.text_fr, recommendation.text_es) == ("Watch.", "Surveiller.", None)


def test_an_import_without_a_column_of_the_body_names_the_body_s_columns(secretariat, world):
    upload = SimpleUploadedFile("recommendations.csv", b"number,text_es\n1,Actuar.\n")

    response = secretariat.post(reverse("questionnaires:recommendation_import", args=["honlaf", 33]), {"file": upload})

    assert response.context["form"].errors["file"] == [
        "The file needs the columns: number, topic, topic_en, topic_fr, text_en, text_fr, continues, continuation."
    ]


# A body working in Arabic, English and Russian -------------------------------------------------------------------


@pytest.fixture
def session(db):
    return MeetingFactory(body=subcom(), number=58)


def test_an_arabic_english_russian_body_s_document_has_arabic_right_to_left_and_russian(secretariat, session):
    html = secretariat.get(reverse("meetings:document_create", args=["subcom", 58])).content.decode()

    names = re.findall(r'name="title_(\w+)"', html)
    assert names == ["ar", "en", "ru"]  # in the UN order
    arabic = re.search(r'<input[^>]*name="title_ar"[^>]*>', html).group(0)
    assert 'lang="ar"' in arabic
    assert 'dir="rtl"' in arabic
    russian = re.search(r'<textarea[^>]*name="text_ru"[^>]*>', html).group(0)
    assert 'lang="ru"' in russian
    assert 'dir="ltr"' in russian
    assert "<legend>Arabic</legend>" in html
    assert "Finished file (Russian)" in html


def test_an_arabic_import_and_the_missing_badge_name_the_body_s_languages(secretariat, session):
    content = "number,topic_en,text_en,text_ar\n1,Precursors,Control precursors.,مراقبة السلائف.\n"
    upload = SimpleUploadedFile("recommendations.csv", content.encode())

    imported = secretariat.post(reverse("questionnaires:recommendation_import", args=["subcom", 58]), {"file": upload})
    listing = secretariat.get(reverse("questionnaires:recommendations", args=["subcom", 58])).content.decode()

    assert imported.status_code == 302
    assert Recommendation.objects.get(meeting=session).text_ar == "مراقبة السلائف."
    assert '<abbr title="Russian">RU</abbr>' in listing
    assert "ES</abbr>" not in listing


def test_the_side_by_side_table_of_an_arabic_body_writes_arabic_right_to_left(secretariat, session):
    recommendations_for(session, count=1)

    html = secretariat.get(reverse("questionnaires:recommendation_table", args=["subcom", 58])).content.decode()

    arabic = re.search(r'<textarea[^>]*name="rec-0-text_ar"[^>]*>', html).group(0)
    assert 'dir="rtl"' in arabic
    assert '<abbr title="Arabic">AR</abbr>' in html
    assert set(LANGUAGE_FIELD.findall(html)) == {"ar", "en", "ru"}


def test_a_response_in_arabic_is_written_right_to_left(client, db):
    BodyFactory(working_languages=["ar", "en", "ru"])
    questionnaire = open_questionnaire(states=("ECU",))
    response = responses.response_for(questionnaire, state("ECU"), by=None)
    response.language = "ar"
    response.save()
    client.force_login(focal_point("ECU"))

    html = client.get(reverse("questionnaires:response_edit", args=[response.pk])).content.decode()

    choices = re.search(r'<select name="language".*?</select>', html, re.S).group(0)
    assert re.findall(r'value="(\w+)"', choices) == ["ar", "en", "ru"]
    assert ">Arabic</option>" in choices
    answer = re.search(r"<textarea[^>]*name=\"text_\d+\"[^>]*>", html).group(0)
    assert 'lang="ar"' in answer
    assert 'dir="rtl"' in answer


def test_the_secretariat_s_home_counts_the_missing_translations_in_the_body_s_languages(secretariat, db):
    meeting = MeetingFactory(body=subcom(), number=58, status=Meeting.Status.PLANNED)
    DocumentFactory(meeting=meeting, number=2, title_ar="جدول الأعمال", title_ru="")

    response = secretariat.get(reverse("meetings:home"))

    texts = [line.text for line in response.context["attention"].lines]
    assert [text for text in texts if text.startswith("Titles of documents")] == [
        f"Titles of documents of the {meeting.short_title()} lack a translation: Russian (1)."
    ]
