"""Working-group topics: proposals, the consultation of the States, the tally and the selection."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import formats, timezone, translation

from agendas import topics
from agendas.models import AgendaItem, AgendaPatternItem, Consultation, ConsultationVoice, Purpose, Topic
from meetings.models import Meeting, MemberState
from tests.factories import MeetingFactory, focal_point, state
from tests.helpers import LOGIN, ROLES, expect

STATES = ["ECU", "MEX", "COL"]


def standard_agenda(body):
    for position, title_en, title_fr, purpose, is_placeholder in [
        (1, "Opening of the meeting", "Ouverture de la réunion", Purpose.NONE, False),
        (2, "Adoption of the agenda", "Adoption de l'ordre du jour", Purpose.NONE, False),
        (
            3,
            "Examination of specific topics by working groups",
            "Examen de questions spécifiques par des groupes de travail",
            Purpose.WORKING_GROUPS,
            True,
        ),
        (4, "Adoption of the report", "Adoption du rapport", Purpose.NONE, False),
    ]:
        AgendaPatternItem.objects.create(
            body=body,
            position=position,
            title_en=title_en,
            title_fr=title_fr,
            purpose=purpose,
            is_placeholder=is_placeholder,
        )


@pytest.fixture
def world(db, users):
    meeting = MeetingFactory(number=32, participating_states=STATES, status=Meeting.Status.PLANNED)
    standard_agenda(meeting.body)
    return meeting, users


def url(name, *args, number=32):
    return reverse(f"agendas:{name}", args=["honlac", number, *args])


def propose(meeting, title, code=None):
    return topics.propose_topic(
        meeting, title=title, member_state=state(code) if code else None, language="en", by=None
    )


def open_consultation(meeting, days=30):
    return topics.open_consultation(meeting, closes_at=timezone.now() + datetime.timedelta(days=days), by=None)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def working_group_item(meeting):
    return AgendaItem.objects.get(agenda__meeting=meeting, parent=None, purpose=Purpose.WORKING_GROUPS)


def shown(item, language):
    with translation.override(language):
        return item.display_title


def sub_items(meeting):
    """The sub-items of the working-group item as the agenda shows them in English and French."""
    return [
        (sub.label("en"), sub.label("fr"), shown(sub, "en"), shown(sub, "fr"))
        for sub in working_group_item(meeting).sub_items.order_by("position")
    ]


# The voice of a State ----------------------------------------------------------------------------------------


def test_voice_of_a_state_is_one_whichever_focal_point_gives_it(client, world):
    meeting, users = world
    first, second = propose(meeting, "Synthetic drugs", "ECU"), propose(meeting, "Maritime trafficking", "MEX")
    consultation = open_consultation(meeting)
    second_of_ecuador = focal_point("ECU", username="fp-ecu-2")

    client.force_login(users["own_state"])
    client.post(url("voice"), {"topics": [first.pk, second.pk]}, follow=True)
    client.force_login(second_of_ecuador)
    response = client.post(url("voice"), {"topics": [second.pk]}, follow=True)
    client.force_login(users["other_state"])
    client.post(url("voice"), {"topics": [second.pk]})

    assert messages_of(response) == ["The voice of your State was recorded."]
    voice = ConsultationVoice.objects.get(consultation=consultation, member_state=state("ECU"))
    assert ConsultationVoice.objects.filter(consultation=consultation).count() == 2
    assert voice.given_by == second_of_ecuador
    assert list(voice.topics.all()) == [second]
    assert [(topic.title, topic.support) for topic in topics.tally(meeting)] == [
        ("Maritime trafficking", 2),
        ("Synthetic drugs", 0),
    ]

    client.force_login(users["own_state"])
    page = client.get(url("topics"))
    assert page.context["voice"] == voice
    assert page.context["voice_form"].initial == {"topics": [second.pk]}
    assert "Last given by fp-ecu-2 on " in page.content.decode()

    client.force_login(users["secretariat"])
    page = client.get(url("topics"))
    assert (page.context["voice_count"], page.context["state_count"]) == (2, 3)
    assert "States that have given their voice: 2 out of 3." in page.content.decode()


def test_voice_after_the_closing_date_is_refused(client, world):
    meeting, users = world
    first, second = propose(meeting, "Synthetic drugs"), propose(meeting, "Maritime trafficking")
    consultation = open_consultation(meeting)
    voice = topics.give_voice(consultation, member_state=state("ECU"), topics=[first], by=users["own_state"])
    closes_at = timezone.now() - datetime.timedelta(hours=1)
    Consultation.objects.filter(pk=consultation.pk).update(closes_at=closes_at)
    before = ConsultationVoice.objects.get(pk=voice.pk)

    client.force_login(focal_point("ECU", username="fp-ecu-2"))
    response = client.post(url("voice"), {"topics": [second.pk]}, follow=True)

    with translation.override("en"):
        date = formats.date_format(timezone.localtime(closes_at), "DATETIME_FORMAT")
    assert messages_of(response) == [
        f"The consultation closed on {date}: the voice of a State can no longer be given or changed."
    ]
    after = ConsultationVoice.objects.get(pk=voice.pk)
    assert (after.given_by, after.updated_at, list(after.topics.all())) == (before.given_by, before.updated_at, [first])
    assert f"Closed on {date}." in response.content.decode()
    assert url("voice") not in response.content.decode()

    client.force_login(users["other_state"])
    response = client.post(url("voice"), {"topics": [second.pk]}, follow=True)
    assert len(messages_of(response)) == 1
    assert messages_of(response)[0].startswith("The consultation closed on ")
    assert not ConsultationVoice.objects.filter(member_state=state("MEX")).exists()


def test_voice_for_a_topic_of_another_meeting_is_refused(client, world):
    meeting, users = world
    own = propose(meeting, "Synthetic drugs")
    foreign = propose(MeetingFactory(number=31, participating_states=STATES), "Foreign topic")
    consultation = open_consultation(meeting)
    topics.give_voice(consultation, member_state=state("ECU"), topics=[own], by=users["own_state"])

    client.force_login(users["own_state"])
    response = client.post(url("voice"), {"topics": [own.pk, foreign.pk]}, follow=True)

    assert messages_of(response) == ["Choose among the topics proposed for this meeting."]
    assert list(ConsultationVoice.objects.get(member_state=state("ECU")).topics.all()) == [own]
    with pytest.raises(ValidationError):
        topics.give_voice(consultation, member_state=state("MEX"), topics=[foreign], by=None)
    assert not ConsultationVoice.objects.filter(member_state=state("MEX")).exists()


def test_voice_without_a_consultation_is_404(client, world):
    meeting, users = world
    topic = propose(meeting, "Synthetic drugs")
    client.force_login(users["own_state"])
    assert client.post(url("voice"), {"topics": [topic.pk]}).status_code == 404
    assert not ConsultationVoice.objects.exists()


# Proposals and the page ----------------------------------------------------------------------------------------


def test_topic_proposed_in_french_keeps_the_english_title_empty(client, world):
    meeting, users = world
    client.force_login(users["own_state"])
    response = client.post(
        url("topic_propose"), {"title": "Drogues de synthèse", "description": "", "language": "fr"}, follow=True
    )
    assert messages_of(response) == ["The topic was proposed."]
    topic = Topic.objects.get(meeting=meeting)
    assert (topic.title_en, topic.title_fr, topic.member_state, topic.proposed_by) == (
        None,
        "Drogues de synthèse",
        state("ECU"),
        users["own_state"],
    )


def test_participants_see_the_topics_without_their_support(client, world):
    meeting, users = world
    first, second = propose(meeting, "Synthetic drugs", "COL"), propose(meeting, "Maritime trafficking")
    consultation = open_consultation(meeting)
    topics.give_voice(consultation, member_state=state("MEX"), topics=[second], by=None)

    client.force_login(users["own_state"])
    page = client.get(url("topics"))
    assert page.context["topics"] == [first, second]
    content = page.content.decode()
    assert "Support (States)" not in content
    assert url("select_topics") not in content
    assert url("consultation") not in content

    client.force_login(users["secretariat"])
    page = client.get(url("topics"))
    assert [(topic.title, topic.support) for topic in page.context["topics"]] == [
        ("Maritime trafficking", 1),
        ("Synthetic drugs", 0),
    ]
    assert url("topic_edit", first.pk) in page.content.decode()


def test_secretariat_opens_and_moves_the_consultation(client, world):
    meeting, users = world
    client.force_login(users["secretariat"])
    response = client.post(url("consultation"), {"closes_at": "2099-05-31T17:00"}, follow=True)
    assert messages_of(response) == ["The consultation is open."]
    consultation = Consultation.objects.get(meeting=meeting)
    assert timezone.localtime(consultation.closes_at).replace(tzinfo=None) == datetime.datetime(2099, 5, 31, 17, 0)
    assert consultation.opened_by == users["secretariat"]

    response = client.post(url("consultation"), {"closes_at": "2000-01-01T00:00"}, follow=True)
    assert messages_of(response) == ["The closing date must be in the future."]
    assert Consultation.objects.get(meeting=meeting).closes_at == consultation.closes_at


# Selection ---------------------------------------------------------------------------------------------------


def test_selected_topics_become_the_sub_items_of_the_working_group_item(client, world):
    meeting, users = world
    first = propose(meeting, "Synthetic drugs", "ECU")
    second = propose(meeting, "Maritime trafficking", "MEX")
    third = propose(meeting, "Money-laundering")
    client.force_login(users["secretariat"])
    client.post(
        url("topic_edit", first.pk),
        {"title_en": "Synthetic drugs", "title_fr": "Drogues de synthèse", "title_es": "", "description": ""},
    )

    response = client.post(url("select_topics"), {"topics": [second.pk, first.pk]})

    assert response.status_code == 302
    assert response["Location"] == url("agenda")
    assert working_group_item(meeting).is_placeholder is False
    assert sub_items(meeting) == [
        ("(a)", "a)", "Maritime trafficking", "Maritime trafficking"),
        ("(b)", "b)", "Synthetic drugs", "Drogues de synthèse"),
    ]
    assert set(Topic.objects.filter(selected=True)) == {first, second}
    page = client.get(url("topics"))
    assert page.context["agenda_visible"] is True
    assert url("agenda") in page.content.decode()

    client.post(url("select_topics"), {"topics": [third.pk]})

    assert sub_items(meeting) == [("(a)", "a)", "Money-laundering", "Money-laundering")]
    assert list(Topic.objects.filter(selected=True)) == [third]
    assert working_group_item(meeting).is_placeholder is False


def test_selecting_a_topic_of_another_meeting_is_refused(client, world):
    meeting, users = world
    own = propose(meeting, "Synthetic drugs")
    foreign = propose(MeetingFactory(number=31, participating_states=STATES), "Foreign topic")
    client.force_login(users["secretariat"])
    response = client.post(url("select_topics"), {"topics": [own.pk, foreign.pk]}, follow=True)
    assert messages_of(response) == ["Choose among the topics proposed for this meeting."]
    assert not Topic.objects.filter(selected=True).exists()
    assert not AgendaItem.objects.filter(parent__isnull=False).exists()


# Who may do what ---------------------------------------------------------------------------------------------


def snapshot(meeting):
    consultation = Consultation.objects.filter(meeting=meeting).first()
    return (
        Topic.objects.filter(meeting=meeting).count(),
        ConsultationVoice.objects.count(),
        consultation.closes_at if consultation else None,
        sorted(Topic.objects.filter(selected=True).values_list("pk", flat=True)),
        AgendaItem.objects.filter(parent__isnull=False).count(),
    )


def test_outsider_gets_404_on_every_topics_url_and_changes_nothing(client, world):
    meeting, users = world
    topic = propose(meeting, "Synthetic drugs")
    open_consultation(meeting)
    before = snapshot(meeting)
    client.force_login(users["non_participant"])
    answers = [
        client.get(url("topics")).status_code,
        client.post(url("topic_propose"), {"title": "Mine", "language": "en"}).status_code,
        client.post(url("voice"), {"topics": [topic.pk]}).status_code,
        client.post(url("consultation"), {"closes_at": "2099-01-01T00:00"}).status_code,
        client.post(url("select_topics"), {"topics": [topic.pk]}).status_code,
        client.get(url("topic_edit", topic.pk)).status_code,
        client.post(url("topic_edit", topic.pk), {"title_en": "Changed"}).status_code,
    ]
    assert answers == [404] * 7
    assert snapshot(meeting) == before
    assert Topic.objects.get(pk=topic.pk).title_en == "Synthetic drugs"


def test_participant_cannot_open_the_consultation_nor_select_topics(client, world):
    meeting, users = world
    topic = propose(meeting, "Synthetic drugs")
    before = snapshot(meeting)
    client.force_login(users["own_state"])
    answers = [
        client.post(url("consultation"), {"closes_at": "2099-01-01T00:00"}).status_code,
        client.post(url("select_topics"), {"topics": [topic.pk]}).status_code,
        client.post(url("topic_edit", topic.pk), {"title_en": "Changed"}).status_code,
    ]
    assert answers == [403, 403, 403]
    assert snapshot(meeting) == before
    assert not Consultation.objects.exists()
    assert not AgendaItem.objects.exists()


SECRETARIAT_ACTION = (LOGIN, 403, 403, 404, 302, 302)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "method", "expected"),
    [
        ("topics", "get", (LOGIN, 200, 200, 404, 200, 200)),
        ("topic_propose", "post", (LOGIN, 302, 302, 404, 302, 302)),
        ("voice", "post", (LOGIN, 302, 302, 404, 403, 403)),
        ("consultation", "post", SECRETARIAT_ACTION),
        ("select_topics", "post", SECRETARIAT_ACTION),
        ("topic_edit", "get", (LOGIN, 403, 403, 404, 200, 200)),
    ],
)
def test_topics_permission_matrix(client_as, world, name, method, expected, role):
    meeting, _users = world
    topic = propose(meeting, "Synthetic drugs")
    open_consultation(meeting)
    data = {
        "topic_propose": {"title": "Maritime trafficking", "language": "en"},
        "voice": {"topics": [topic.pk]},
        "consultation": {"closes_at": "2099-01-01T00:00"},
        "select_topics": {"topics": [topic.pk]},
    }
    target = url(name, topic.pk) if name == "topic_edit" else url(name)
    before = snapshot(meeting)

    client = client_as(role)
    response = client.get(target) if method == "get" else client.post(target, data[name])

    wanted = expect(expected, role)
    if wanted == LOGIN:
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={target}"
    else:
        assert response.status_code == wanted
    # A POST changes something exactly when it is accepted.
    assert (snapshot(meeting) != before) == (method == "post" and wanted == 302)


# Speed -------------------------------------------------------------------------------------------------------


# With 3 topics and voices as with 20: the participants' page, and the secretariat's with the tally.
TOPICS_PAGE_QUERIES = {"own_state": 17, "secretariat": 14}


def topics_page(client, number):
    response = client.get(url("topics", number=number))
    assert response.status_code == 200
    return response


def meeting_with_topics_and_voices(number, count, users):
    codes = ["ECU", *MemberState.objects.exclude(code="ECU").order_by("code").values_list("code", flat=True)]
    codes = codes[:count]
    meeting = MeetingFactory(number=number, participating_states=codes, status=Meeting.Status.PLANNED)
    proposed = [propose(meeting, f"Topic {index}", code) for index, code in enumerate(codes)]
    consultation = open_consultation(meeting)
    for index, code in enumerate(codes):
        by = users["own_state"] if code == "ECU" else None
        topics.give_voice(consultation, member_state=state(code), topics=proposed[: index % 3 + 1], by=by)
    topics.select_topics(meeting, topics=proposed[:2], by=None)
    assert Topic.objects.filter(meeting=meeting).count() == count
    assert consultation.voices.count() == count
    return meeting


@pytest.mark.parametrize("role", ["own_state", "secretariat"])
def test_topics_page_queries_do_not_grow_with_topics_and_voices(client, world, role, django_assert_max_num_queries):
    _meeting, users = world
    few = meeting_with_topics_and_voices(40, 3, users)
    many = meeting_with_topics_and_voices(41, 20, users)
    client.force_login(users[role])
    topics_page(client, few.number)  # warm-up: sessions, content types

    for meeting in (few, many):
        with django_assert_max_num_queries(TOPICS_PAGE_QUERIES[role]):
            topics_page(client, meeting.number)
