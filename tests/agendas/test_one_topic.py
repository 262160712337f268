"""One working-group topic per meeting: the consultation, the agenda and the recommendations share its row."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import RestrictedError
from django.urls import reverse

from agendas.models import Agenda, AgendaItem, AgendaPatternItem, Purpose, Topic
from honlac.printing import render_document
from meetings.models import Meeting
from tests.factories import MeetingFactory, focal_point, secretariat_user
from tests.helpers import pdf_text

PATTERN = [
    ("Opening of the meeting", "Ouverture de la réunion", Purpose.NONE),
    ("Examination of specific topics by working groups", "Examen de thèmes par des groupes", Purpose.WORKING_GROUPS),
    ("Adoption of the report", "Adoption du rapport", Purpose.NONE),
]


@pytest.fixture
def meeting(db):
    meeting = MeetingFactory(number=32, participating_states=["ECU", "MEX"], status=Meeting.Status.PLANNED)
    for position, (english, french, purpose) in enumerate(PATTERN, start=1):
        AgendaPatternItem.objects.create(
            body=meeting.body,
            position=position,
            title_en=english,
            title_fr=french,
            purpose=purpose,
            is_placeholder=purpose == Purpose.WORKING_GROUPS,
        )
    return meeting


@pytest.fixture
def secretariat(client, db):
    client.force_login(secretariat_user())
    return client


def url(name, *args):
    return reverse(f"agendas:{name}", args=["honlac", 32, *args])


def propose_and_select(client, title):
    """Propose `title` (in English) and place it on the agenda, as the secretariat does; returns its id."""
    client.post(url("topic_propose"), {"title": title, "description": "", "language": "en"})
    [topic] = [topic for topic in client.get(url("topics")).context["topics"] if topic.title_en == title]
    client.post(url("select_topics"), {"topics": [topic.pk]})
    return topic.pk


def test_renaming_a_topic_changes_the_agenda_and_its_print(secretariat, meeting):
    pk = propose_and_select(secretariat, "Synthetic drugs")
    secretariat.post(
        url("topic_edit", pk),
        {
            "title_en": "Synthetic drugs and precursors",
            "title_fr": "Drogues de synthèse et précurseurs",
            "title_es": "",
            "description": "",
        },
    )
    secretariat.post(url("status"), {"status": "provisional"})

    document = Agenda.objects.get(meeting=meeting).document
    assert "(a) Synthetic drugs and precursors." in pdf_text(render_document(document, language="en"))[1]
    assert "a) Drogues de synthèse et précurseurs." in pdf_text(render_document(document, language="fr"))[1]
    page = secretariat.get(url("agenda"))
    assert [sub["item"].display_title for entry in page.context["entries"] for sub in entry["sub_items"]] == [
        "Synthetic drugs and precursors"
    ]


def test_recommendation_voice_and_sub_item_of_a_meeting_point_at_one_topic(client, secretariat, meeting):
    pk = propose_and_select(secretariat, "Synthetic drugs")
    secretariat.post(url("consultation"), {"closes_at": "2099-05-31T17:00"})
    secretariat.post(
        reverse("questionnaires:recommendation_paste", args=["honlac", 32]),
        {"language": "en", "text": "# Synthetic drugs\n\nGovernments should share data on precursors."},
    )
    client.force_login(focal_point("ECU"))
    client.post(url("voice"), {"topics": [pk]})

    topic = Topic.objects.get(pk=pk)
    [recommendation] = meeting.recommendations.all()
    [sub_item] = AgendaItem.objects.filter(agenda__meeting=meeting, parent__isnull=False)
    [voice] = meeting.consultation.voices.all()
    assert (recommendation.topic, sub_item.topic, list(voice.topics.all())) == (topic, topic, [topic])
    assert Topic.objects.filter(meeting=meeting).count() == 1
    assert not (sub_item.title_en or sub_item.title_fr or sub_item.title_es)  # no copy of the title to drift


def test_sub_item_of_a_topic_edits_its_annotation_and_leaves_the_title_to_the_topic(secretariat, meeting):
    pk = propose_and_select(secretariat, "Synthetic drugs")
    sub_item = AgendaItem.objects.get(topic=pk)

    form = secretariat.get(url("item_edit", sub_item.pk)).context["form"]
    response = secretariat.post(url("item_edit", sub_item.pk), {"annotation_en": "Chaired by Mexico.", "purpose": ""})

    assert "title_en" not in form.fields
    assert response.status_code == 302
    sub_item.refresh_from_db()
    assert (sub_item.annotation_en, sub_item.topic_id, sub_item.display_title) == (
        "Chaired by Mexico.",
        pk,
        "Synthetic drugs",
    )
    secretariat.post(url("select_topics"), {"topics": [pk]})
    assert AgendaItem.objects.get(topic=pk).annotation_en == "Chaired by Mexico."


# Recommendations pasted or imported under a topic ------------------------------------------------------------


def paste(client, language, text):
    return client.post(
        reverse("questionnaires:recommendation_paste", args=["honlac", 32]), {"language": language, "text": text}
    )


def import_csv(client, content):
    upload = SimpleUploadedFile("recommendations.csv", content.encode())
    return client.post(reverse("questionnaires:recommendation_import", args=["honlac", 32]), {"file": upload})


def test_french_recommendations_pasted_under_the_french_title_of_a_topic_join_it(secretariat, meeting):
    import_csv(secretariat, "topic_en,topic_fr,text_en\nSynthetic drugs,Drogues de synthèse,Governments should act.\n")
    [topic] = meeting.topics.all()

    response = paste(secretariat, "fr", "# Drogues de synthèse\n\n2. Les gouvernements devraient partager les données.")

    assert response.status_code == 302
    assert [topic.pk for topic in meeting.topics.all()] == [topic.pk]
    assert [(r.number, r.topic_id) for r in meeting.recommendations.order_by("number")] == [
        (1, topic.pk),
        (2, topic.pk),
    ]


def test_imported_rows_find_their_topic_by_number_or_by_a_title_in_any_language(secretariat, meeting):
    drugs = propose_and_select(secretariat, "Synthetic drugs")
    secretariat.post(url("topic_propose"), {"title": "Trafic maritime", "description": "", "language": "fr"})
    content = (
        "topic,topic_en,topic_fr,text_en\n"
        f"{drugs},,,Governments should act.\n"
        ",Maritime trafficking,Trafic maritime,Governments should inspect containers.\n"
        ",Money-laundering,,Governments should confiscate proceeds.\n"
    )

    response = import_csv(secretariat, content)

    assert response.status_code == 302
    topics = {topic.pk: (topic.title_en, topic.title_fr) for topic in Topic.objects.filter(meeting=meeting)}
    rows = [(r.number, topics[r.topic_id]) for r in meeting.recommendations.order_by("number")]
    assert rows == [
        (1, ("Synthetic drugs", None)),
        (2, ("Maritime trafficking", "Trafic maritime")),  # the English title added to the proposal
        (3, ("Money-laundering", None)),
    ]
    assert len(topics) == 3


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("999,,,Governments should act.", "This meeting has no topic 999."),
        (",Synthetic drugs,Trafic maritime,Governments should act.", "The titles Synthetic drugs, Trafic maritime"),
    ],
    ids=["unknown-number", "titles-of-two-topics"],
)
def test_import_naming_no_topic_or_two_topics_is_refused_whole(secretariat, meeting, row, message):
    propose_and_select(secretariat, "Synthetic drugs")
    secretariat.post(url("topic_propose"), {"title": "Trafic maritime", "description": "", "language": "fr"})
    before = (Topic.objects.count(), meeting.recommendations.count())

    response = import_csv(secretariat, f"topic,topic_en,topic_fr,text_en\n,,,First.\n{row}\n")

    [error] = response.context["form"].errors["file"]
    assert error.startswith(message)
    assert (Topic.objects.count(), meeting.recommendations.count()) == before


def test_a_topic_on_the_agenda_cannot_be_deleted_but_its_meeting_can(secretariat, meeting):
    pk = propose_and_select(secretariat, "Synthetic drugs")
    with pytest.raises(RestrictedError):
        Topic.objects.get(pk=pk).delete()

    meeting.delete()

    assert not Topic.objects.exists()
    assert not AgendaItem.objects.exists()
