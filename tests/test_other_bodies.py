"""Nothing is bound to HONLAC: the pages and messages of another body (HONLAF) speak of that body and of the
portal by its name, never of HONLAC."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from agendas.models import Agenda
from questionnaires import contributors, responses
from questionnaires.models import Questionnaire
from questionnaires.services import generate_questionnaire
from tests.factories import (
    AgendaFactory,
    BodyFactory,
    MeetingFactory,
    contributor,
    focal_point,
    recommendations_for,
    secretariat_user,
    state,
)
from tests.helpers import confirm_identity

STATES = ["NGA", "KEN", "GHA"]


@pytest.fixture
def honlaf(db):
    body = BodyFactory(
        code="honlaf",
        symbol_prefix="UNODC/HONLAF",
        working_languages=["en", "fr"],
        title_en="Meeting of Heads of National Drug Law Enforcement Agencies, Africa",
        title_fr="Réunion des chefs des services nationaux de répression en matière de drogues, Afrique",
        title_es="",
        meeting_noun_es="",
        parent_organ_es="",
    )
    body.member_states.set([state(code) for code in STATES])
    source = MeetingFactory(body=body, number=32, participating_states=STATES, city_en="Abuja", city_fr="Abuja")
    meeting = MeetingFactory(
        body=body,
        number=33,
        participating_states=STATES,
        city_en="Nairobi",
        city_fr="Nairobi",
        start_date=datetime.date(2024, 10, 1),
        end_date=datetime.date(2024, 10, 4),
    )
    AgendaFactory(meeting=meeting, status=Agenda.Status.PROVISIONAL)
    recommendations_for(source, 2)
    questionnaire = generate_questionnaire(meeting, by=None)
    questionnaire.status = Questionnaire.Status.OPEN
    questionnaire.opened_at = datetime.datetime(2024, 3, 1, tzinfo=datetime.UTC)
    questionnaire.save()
    meeting.questionnaire_ = questionnaire
    return meeting


def assert_no_honlac(text):
    assert "HONLAC" not in text.upper().replace("UNODC/HONLAF", "")


@pytest.mark.parametrize("role", ["secretariat", "focal_point"])
def test_pages_of_another_body_never_name_honlac(client, honlaf, role):
    user = secretariat_user() if role == "secretariat" else focal_point("NGA")
    client.force_login(user)
    confirm_identity(client)
    args = ["honlaf", 33]
    urls = [
        reverse("meetings:home"),
        reverse("meetings:detail", args=args),
        reverse("agendas:agenda", args=args),
        reverse("questionnaires:secure_page", args=args),
        reverse("agendas:offers", args=["honlaf"]),
    ]
    if role == "secretariat":
        urls += [reverse("questionnaires:dashboard", args=args), reverse("meetings:body_edit", args=["honlaf"])]
    else:
        draft = responses.response_for(honlaf.questionnaire_, state("NGA"), by=None)
        urls += [reverse("questionnaires:response_edit", args=[draft.pk])]
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert "CND subsidiary bodies" in page, url
        assert_no_honlac(page)


def test_messages_of_another_body_never_name_honlac(client, honlaf, django_capture_on_commit_callbacks):
    from accounts.services import invite_focal_point

    nigeria = focal_point("NGA")
    nigeria.email = "fp-nga@example.org"
    nigeria.save()
    ada = contributor("NGA", "ada")
    with django_capture_on_commit_callbacks(execute=True):
        invite_focal_point(
            username="new-fp",
            email="new-fp@example.org",
            member_state=state("KEN"),
            preferred_language="en",
            by=secretariat_user(),
            base_url="https://portal.example.org",
        )
        client.post(reverse("unlock_request"), {"email": "fp-nga@example.org"}, REMOTE_ADDR="192.0.2.1")
        client.post(reverse("password_reset"), {"email": "fp-nga@example.org"})
        draft = responses.response_for(honlaf.questionnaire_, state("NGA"), by=None)
        question = draft.questionnaire.questions.first()
        contributors.assign_blocks(draft, contributors={question.pk: ada}, by=nigeria, base_url="")
    subjects = [message.subject for message in mail.outbox]
    assert len(mail.outbox) == 4, subjects
    assert {"CND subsidiary bodies: your account", "CND subsidiary bodies: reset your password"} <= set(subjects)
    for message in mail.outbox:
        assert_no_honlac(message.subject)
        assert_no_honlac(message.body)
        assert_no_honlac(message.from_email)
    blocks = next(message for message in mail.outbox if "blocks" in message.subject)
    assert "Thirty-third Meeting of Heads of National Drug Law Enforcement Agencies, Africa" in blocks.body
