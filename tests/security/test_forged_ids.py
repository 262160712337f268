"""Ids of objects out of the user's reach, put in a URL or a form, answer 404 (or are ignored) and change nothing."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from agendas import offers as agenda_offers
from agendas import services as agendas
from agendas import topics as agenda_topics
from agendas.models import AgendaItem, Consultation, ConsultationVoice, HostOffer, Topic
from meetings.models import Body, Document, Meeting
from questionnaires import responses, runs
from questionnaires.models import Answer, Attachment, Question, Questionnaire, Recommendation, Response
from tests.factories import IssuedDocumentFactory, MeetingFactory, answered, focal_point, state
from tests.helpers import MINIMAL_PDF


def saved(response):
    """What a forged request could change in a response."""
    response = Response.objects.get(pk=response.pk)
    return (
        response.status,
        response.version,
        sorted(response.answers.values_list("question_id", "status", "text")),
        sorted(response.attachments.values_list("pk", "original_name")),
    )


@pytest.fixture
def ecuador(questionnaire):
    """Ecuador's draft, with an answer and an attachment."""
    response = answered(questionnaire, "ECU", text="Ecuador's own measures.")
    responses.add_attachment(response, file=SimpleUploadedFile("ecuador.pdf", MINIMAL_PDF), by=None)
    return Response.objects.get(pk=response.pk)


def response_data(response, text):
    data = {"version": response.version}
    for question in response.questionnaire.questions.all():
        data[f"status_{question.pk}"] = "not_yet"
        data[f"text_{question.pk}"] = text
    return data


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("response_edit", "answers"),
        ("response_submit", {}),
        ("attachment_upload", "file"),
        ("response", None),
        ("response_edit", None),
        ("response_history", None),
    ],
    ids=["save", "submit", "attach", "read", "read-form", "read-history"],
)
def test_focal_point_cannot_reach_another_states_draft(ecuador, clients, name, data):
    before = saved(ecuador)
    url = reverse(f"questionnaires:{name}", args=[ecuador.pk])
    if data is None:
        response = clients["MEX"].get(url)
    else:
        if data == "answers":
            data = response_data(ecuador, "Forged by Mexico.")
        elif data == "file":
            data = {"file": SimpleUploadedFile("forged.pdf", MINIMAL_PDF)}
        response = clients["MEX"].post(url, data)
    assert response.status_code == 404
    assert saved(ecuador) == before


@pytest.mark.parametrize("method", ["get", "post"], ids=["download", "delete"])
@pytest.mark.parametrize("role", ["MEX", "secretariat"])
def test_attachment_of_another_response_is_not_found_through_ones_own(ecuador, clients, role, method):
    mexico = responses.response_for(ecuador.questionnaire, state("MEX"), by=None)
    attachment = ecuador.attachments.get()
    name = "attachment" if method == "get" else "attachment_delete"
    before = saved(ecuador), saved(mexico)

    response = getattr(clients[role], method)(reverse(f"questionnaires:{name}", args=[mexico.pk, attachment.pk]))

    assert response.status_code == 404
    assert (saved(ecuador), saved(mexico)) == before
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_response_form_ignores_questions_of_another_questionnaire(ecuador, clients):
    other_meeting = MeetingFactory(number=40, status=Meeting.Status.PLANNED)
    other = Questionnaire.objects.create(meeting=other_meeting, source_meeting=ecuador.questionnaire.source_meeting)
    foreign = Question.objects.create(questionnaire=other, position=1, text_en="A question of another meeting")
    data = response_data(ecuador, "Ecuador's new measures.")
    data.update({f"status_{foreign.pk}": "implemented", f"text_{foreign.pk}": "Forged answer."})

    response = clients["ECU"].post(reverse("questionnaires:response_edit", args=[ecuador.pk]), data)

    assert response.status_code == 302
    assert not Answer.objects.filter(question=foreign).exists()
    assert set(Answer.objects.filter(response=ecuador).values_list("text", flat=True)) == {"Ecuador's new measures."}
    assert set(Answer.objects.values_list("question__questionnaire", flat=True)) == {ecuador.questionnaire_id}


def test_recommendation_of_another_meeting_is_not_found(questionnaire, clients):
    foreign = Recommendation.objects.get(meeting=questionnaire.source_meeting, number=1)
    url = reverse("questionnaires:recommendation_edit", args=["honlac", 32, foreign.pk])
    response = clients["secretariat"].post(url, {"number": 1, "text_en": "Forged."})
    assert response.status_code == 404
    assert Recommendation.objects.get(pk=foreign.pk).text_en == foreign.text_en


def test_message_run_of_another_questionnaire_is_not_found(questionnaire, clients):
    run, _count = runs.queue_run(questionnaire, kind="reminder", base_url="https://portal.example.org", by=None)
    run.messages.update(status="failed")
    MeetingFactory(number=33, status=Meeting.Status.PLANNED)
    response = clients["secretariat"].post(reverse("questionnaires:retry_run", args=["honlac", 33, run.pk]))
    assert response.status_code == 404
    assert set(run.messages.values_list("status", flat=True)) == {"failed"}


# Documents and the questionnaire ------------------------------------------------------------------------------


def test_restricted_document_of_a_meeting_one_does_not_attend_is_not_found_for_editing(questionnaire, client):
    # Issued: what hides it is its distribution (a draft is hidden from all but the secretariat anyway).
    document = IssuedDocumentFactory(meeting=questionnaire.meeting, distribution=Document.Distribution.RESTRICTED)
    before = Document.objects.values().get(pk=document.pk)
    client.force_login(focal_point("FRA"))
    url = reverse("meetings:document_edit", args=[document.pk])
    answers = [client.get(url), client.post(url, {"title_en": "Forged", "distribution": "general"})]
    assert [answer.status_code for answer in answers] == [404, 404]
    assert Document.objects.values().get(pk=document.pk) == before


def test_anonymous_user_cannot_tell_a_hidden_document_from_a_missing_one(questionnaire, client):
    hidden = IssuedDocumentFactory(meeting=questionnaire.meeting, distribution=Document.Distribution.RESTRICTED)
    missing = hidden.pk + 1000
    for name in ("meetings:document", "meetings:document_edit"):
        answers = [client.get(reverse(name, args=[pk])) for pk in (hidden.pk, missing)]
        assert [answer.status_code for answer in answers] == [302, 302]
        assert [answer["Location"].split("?")[0] for answer in answers] == ["/accounts/login/"] * 2


def test_draft_questionnaire_is_not_found_by_the_participants(questionnaire, clients):
    Questionnaire.objects.filter(pk=questionnaire.pk).update(status=Questionnaire.Status.DRAFT)
    answers = [
        clients["ECU"].get(reverse("questionnaires:blank_pdf", args=["honlac", 32, "en"])),
        clients["ECU"].get(reverse("questionnaires:my_response", args=["honlac", 32])),
    ]
    assert [answer.status_code for answer in answers] == [404, 404]
    assert not Response.objects.exists()


# Agendas and topics ------------------------------------------------------------------------------------------


@pytest.fixture
def two_agendas(questionnaire):
    """Items of the agendas of meetings 31 and 32."""
    items = {}
    for meeting in (questionnaire.source_meeting, questionnaire.meeting):
        agenda = agendas.generate_agenda(meeting, by=None)
        items[meeting.number] = [
            agendas.add_item(agenda, title_en=f"Item {position} of meeting {meeting.number}", by=None)
            for position in (1, 2)
        ]
    return items


def agenda_state():
    return sorted(AgendaItem.objects.values_list("pk", "agenda_id", "parent_id", "position", "title_en"))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("item_edit", {"title_en": "Forged", "purpose": ""}),
        ("item_move", {"direction": "up"}),
        ("item_delete", {}),
    ],
    ids=["edit", "move", "delete"],
)
def test_agenda_item_of_another_meeting_is_not_found(two_agendas, clients, name, data):
    foreign = two_agendas[31][1]
    before = agenda_state()
    response = clients["secretariat"].post(reverse(f"agendas:{name}", args=["honlac", 32, foreign.pk]), data)
    assert response.status_code == 404
    assert agenda_state() == before


def test_sub_item_under_an_item_of_another_meeting_is_not_added(two_agendas, clients):
    foreign = two_agendas[31][0]
    before = agenda_state()
    url = reverse("agendas:item_create", args=["honlac", 32]) + f"?parent={foreign.pk}"
    response = clients["secretariat"].post(url, {"title_en": "Forged sub-item", "purpose": ""})
    assert response.status_code == 404
    assert agenda_state() == before


@pytest.fixture
def topics(questionnaire):
    """A topic proposed for meeting 32 (whose consultation is open) and one for meeting 33."""
    MeetingFactory(number=33, participating_states=["ECU", "MEX", "COL"], status=Meeting.Status.PLANNED)
    agenda_topics.open_consultation(
        questionnaire.meeting, closes_at=timezone.now() + datetime.timedelta(days=7), by=None
    )
    own = agenda_topics.propose_topic(
        questionnaire.meeting, title="Synthetic drugs", member_state=state("ECU"), by=None
    )
    foreign = agenda_topics.propose_topic(
        Meeting.objects.get(number=33), title="Forged", member_state=state("ECU"), by=None
    )
    return own, foreign


def test_voice_for_a_topic_of_another_meeting_is_refused(topics, clients):
    own, foreign = topics
    response = clients["MEX"].post(
        reverse("agendas:voice", args=["honlac", 32]), {"topics": [own.pk, foreign.pk]}, follow=True
    )
    assert [str(message) for message in response.context["messages"]] == [
        "Choose among the topics proposed for this meeting."
    ]
    assert ConsultationVoice.objects.count() == 0


def test_selection_of_a_topic_of_another_meeting_is_refused(topics, clients):
    own, foreign = topics
    agendas.add_item(
        agendas.generate_agenda(own.meeting, by=None), title_en="Working groups", purpose="working_groups", by=None
    )
    before = agenda_state()
    response = clients["secretariat"].post(
        reverse("agendas:select_topics", args=["honlac", 32]), {"topics": [foreign.pk, own.pk]}, follow=True
    )
    assert [str(message) for message in response.context["messages"]] == [
        "Choose among the topics proposed for this meeting."
    ]
    assert list(Topic.objects.filter(selected=True)) == []
    assert agenda_state() == before
    assert Consultation.objects.get().topics_applied_at is None


def test_topic_of_another_meeting_is_not_found_for_editing(topics, clients):
    _own, foreign = topics
    url = reverse("agendas:topic_edit", args=["honlac", 32, foreign.pk])
    response = clients["secretariat"].post(url, {"title_en": "Changed", "title_fr": "Changé"})
    assert response.status_code == 404
    assert Topic.objects.get(pk=foreign.pk).title_en == "Forged"


def test_topic_proposed_by_a_focal_point_is_in_the_name_of_their_own_state(questionnaire, clients):
    clients["MEX"].post(
        reverse("agendas:topic_propose", args=["honlac", 32]),
        {"title": "Maritime trafficking", "language": "en", "member_state": state("ECU").pk},
    )
    proposed = Topic.objects.filter(meeting=questionnaire.meeting)
    assert list(proposed.values_list("title_en", "member_state__code")) == [("Maritime trafficking", "MEX")]


# Host-country offers ---------------------------------------------------------------------------------------------


@pytest.fixture
def ecuador_offer(questionnaire):
    body = Body.objects.get(code="honlac")
    body.member_states.set(questionnaire.meeting.participating_states.all())
    return agenda_offers.record_offer(
        body,
        member_state=state("ECU"),
        meeting_number=33,
        offered_on=datetime.date(2023, 10, 5),
        remarks="Quito, subject to the budget.",
        note_verbale=SimpleUploadedFile("note-verbale.pdf", MINIMAL_PDF),
        by=None,
    )


def offer_state(offer):
    return HostOffer.objects.filter(pk=offer.pk).values_list(
        "member_state", "meeting_number", "remarks", "status", "note_verbale"
    )[0]


@pytest.mark.parametrize(
    ("name", "method", "data"),
    [
        ("offer", "get", None),
        ("note_verbale", "get", None),
        ("offer_edit", "get", None),
        ("offer_edit", "post", {"meeting_number": 34, "offered_on": "2023-10-05", "remarks": "Forged"}),
        ("offer_status", "post", {"status": "withdrawn"}),
    ],
    ids=["read", "note-verbale", "edit-form", "edit", "withdraw"],
)
def test_offer_of_another_state_is_not_found(ecuador_offer, clients, name, method, data):
    before = offer_state(ecuador_offer)
    response = getattr(clients["MEX"], method)(reverse(f"agendas:{name}", args=[ecuador_offer.pk]), data)
    assert response.status_code == 404
    assert offer_state(ecuador_offer) == before


def test_offer_recorded_by_a_focal_point_is_in_the_name_of_their_own_state(ecuador_offer, clients):
    clients["MEX"].post(
        reverse("agendas:offer_create", args=["honlac"]),
        {"member_state": state("ECU").pk, "meeting_number": 34, "offered_on": "2023-10-05", "remarks": "Ours"},
    )
    assert HostOffer.objects.get(remarks="Ours").member_state == state("MEX")
    assert HostOffer.objects.filter(member_state=state("ECU")).count() == 1


def test_offers_list_of_a_focal_point_shows_only_their_own_states(ecuador_offer, clients):
    page = clients["MEX"].get(reverse("agendas:offers", args=["honlac"]))
    assert list(page.context["offers"]) == []


# Values that are no ids at all --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "url", "data", "status"),
    [
        ("secretariat", lambda r: reverse("agendas:item_create", args=["honlac", 32]) + "?parent=abc", "item", 404),
        ("secretariat", lambda r: reverse("agendas:item_create", args=["honlac", 32]) + "?parent=-1", "item", 404),
        ("secretariat", lambda r: reverse("agendas:item_move", args=["honlac", 32, 1]), {"direction": "x"}, 404),
        ("ECU", lambda r: reverse("questionnaires:response_edit", args=[r.pk]), {"version": "abc"}, 400),
        ("ECU", lambda r: reverse("questionnaires:response_history", args=[r.pk]) + "?from=abc&to=1", None, 200),
        ("MEX", lambda r: reverse("agendas:voice", args=["honlac", 32]), {"topics": ["abc", "1 OR 1=1"]}, 302),
        ("secretariat", lambda r: reverse("questionnaires:status", args=["honlac", 32]), {"status": "x"}, 404),
        ("secretariat", lambda r: reverse("questionnaires:export", args=["honlac", 32, "xls"]), None, 404),
        (
            "secretariat",
            lambda r: reverse("agendas:offers_for_commission", args=["honlac", 67, "pdf"]) + "?lang=zz",
            None,
            404,
        ),
    ],
    ids=[
        "sub-item-parent-word",
        "sub-item-parent-negative",
        "move-direction",
        "response-version",
        "history-versions",
        "voice-topics",
        "questionnaire-status",
        "export-format",
        "offers-language",
    ],
)
def test_values_that_are_no_ids_are_refused_without_a_server_error(topics, clients, role, url, data, status):
    ecuador = responses.response_for(topics[0].meeting.questionnaire, state("ECU"), by=None)
    agendas.add_item(agendas.generate_agenda(topics[0].meeting, by=None), title_en="Opening", by=None)
    before = (agenda_state(), saved(ecuador), ConsultationVoice.objects.count())
    if data == "item":
        data = {"title_en": "Forged sub-item", "purpose": ""}
    client = clients[role]
    response = client.get(url(ecuador)) if data is None else client.post(url(ecuador), data)
    assert response.status_code == status
    assert (agenda_state(), saved(ecuador), ConsultationVoice.objects.count()) == before
