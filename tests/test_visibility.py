"""Each app's rules.py writes who may see what twice: a predicate on one object (the views' has_perm) and a
queryset (lists, and the objects of URLs). Here both are checked against each other on a small world, for every
role (contributors too: tests/questionnaires/test_contributor_permissions.py checks the rules of their blocks): the
queryset holds exactly the objects the predicate allows."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from agendas.models import Agenda, Consultation, HostOffer, Topic
from agendas.rules import agendas_visible_to, consultations_visible_to, offers_visible_to, topics_visible_to
from meetings.models import Document, Meeting, PrintJob
from meetings.rules import documents_visible_to, meetings_taken_part_in, print_jobs_visible_to
from questionnaires.models import Questionnaire, Response
from questionnaires.rules import questionnaires_visible_to, responses_visible_to
from tests.factories import (
    AgendaFactory,
    DocumentFactory,
    HostOfferFactory,
    IssuedDocumentFactory,
    MeetingFactory,
    PrintJobFactory,
    QuestionnaireFactory,
    ResponseFactory,
    state,
)
from tests.helpers import CONTRIBUTOR_ROLES, ROLES

RULES = {
    "documents": (Document, "meetings.read_document", documents_visible_to),
    "print_jobs": (PrintJob, "meetings.read_print_job", print_jobs_visible_to),
    "participants_pages": (Meeting, "meetings.take_part", meetings_taken_part_in),
    "agendas": (Agenda, "agendas.read_agenda", agendas_visible_to),
    "offers": (HostOffer, "agendas.read_offer", offers_visible_to),
    "topics": (Topic, "agendas.read_topic", topics_visible_to),
    "consultations": (Consultation, "agendas.read_consultation", consultations_visible_to),
    "questionnaires": (Questionnaire, "questionnaires.read_questionnaire", questionnaires_visible_to),
    "responses": (Response, "questionnaires.read_response", responses_visible_to),
}


@pytest.fixture
def world(body):
    """Meetings 31 and 32, in which the own and the other State take part, and 40, in which neither does; of each
    kind of object, some that every role sees and some that only the secretariat sees."""
    taken_part = [MeetingFactory(body=body, number=number) for number in (31, 32)]
    elsewhere = MeetingFactory(body=body, number=40, participating_states=["COL"])
    for meeting in (*taken_part, elsewhere):
        for number, distribution in enumerate(Document.Distribution.values, start=1):
            PrintJobFactory(document=IssuedDocumentFactory(meeting=meeting, number=number, distribution=distribution))
        # A draft is the secretariat's only, whatever its distribution.
        PrintJobFactory(document=DocumentFactory(meeting=meeting, number=9, distribution=Document.Distribution.GENERAL))
        Topic.objects.create(meeting=meeting, title_en="Synthetic drugs", member_state=state("COL"))
        Consultation.objects.create(meeting=meeting, closes_at=timezone.now() + datetime.timedelta(days=7))
    AgendaFactory(meeting=taken_part[0], status=Agenda.Status.ADOPTED)
    AgendaFactory(meeting=taken_part[1], status=Agenda.Status.DRAFT)
    AgendaFactory(meeting=elsewhere, status=Agenda.Status.PROVISIONAL)
    for code, status in [("ECU", "received"), ("MEX", "accepted"), ("COL", "withdrawn")]:
        HostOfferFactory(body=body, member_state=state(code), status=status)
    draft = QuestionnaireFactory(meeting=taken_part[0], source_meeting=taken_part[0], status="draft")
    open_ = QuestionnaireFactory(meeting=taken_part[1], source_meeting=taken_part[0], status="open")
    closed = QuestionnaireFactory(meeting=elsewhere, source_meeting=taken_part[1], status="closed")
    ResponseFactory(questionnaire=draft, member_state=state("ECU"))
    for code, status in [("ECU", "draft"), ("MEX", "posted"), ("COL", "submitted")]:
        ResponseFactory(questionnaire=open_, member_state=state(code), status=status)
    ResponseFactory(questionnaire=closed, member_state=state("COL"), status="posted")


@pytest.mark.parametrize("role", [*ROLES, *CONTRIBUTOR_ROLES])
@pytest.mark.parametrize("kind", RULES)
def test_queryset_of_what_a_role_sees_holds_what_the_rule_on_one_object_allows(world, users, kind, role):
    model, permission, visible_to = RULES[kind]
    user = users[role] or AnonymousUser()
    everything = list(model.objects.all())
    allowed = sorted(item.pk for item in everything if user.has_perm(permission, item))
    assert sorted(visible_to(user).values_list("pk", flat=True)) == allowed  # each once
    if role in ("secretariat", "admin"):
        assert len(allowed) == len(everything)
    else:
        assert len(allowed) < len(everything)  # the world holds something this role may not see


@pytest.mark.parametrize("role", [*ROLES, *CONTRIBUTOR_ROLES])
def test_offers_and_responses_of_one_body_or_questionnaire_are_those_the_rule_allows(world, users, role):
    user = users[role] or AnonymousUser()
    body = HostOffer.objects.first().body
    assert set(offers_visible_to(user, body=body)) == set(offers_visible_to(user).filter(body=body))
    for questionnaire in Questionnaire.objects.all():
        assert set(responses_visible_to(user, questionnaire=questionnaire)) == {
            response
            for response in questionnaire.responses.all()
            if user.has_perm("questionnaires.read_response", response)
        }
