"""The home of each role (honlac/home.py): a focal point's tasks for their State, the secretariat's attention."""

import datetime

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import OutgoingEmail
from agendas.models import Consultation, ConsultationVoice
from meetings.models import Document, MemberState, PrintJob
from questionnaires import transmittal
from questionnaires.models import MessageRun
from tests.factories import (
    DocumentFactory,
    IssuedDocumentFactory,
    MeetingFactory,
    answered,
    focal_point,
    open_questionnaire,
    secretariat_user,
)


def home_of(client, user):
    client.force_login(user)
    return client.get(reverse("meetings:home"))


def test_sign_in_keeps_the_time_of_the_previous_one(client, db):
    user = focal_point("ECU")
    client.force_login(user)
    user.refresh_from_db()
    assert user.previous_login is None
    first = user.last_login
    client.logout()
    client.force_login(user)
    user.refresh_from_db()
    assert user.previous_login is not None
    assert abs(user.previous_login - first) < datetime.timedelta(seconds=1)
    assert user.last_login > user.previous_login


@pytest.mark.parametrize(
    ("status", "wanted_text", "wanted_link"),
    [
        ("none", "Your State has not started its response.", "Start your response"),
        ("draft", "Draft, last saved on ", "Continue your response"),
        ("submitted", "Submitted on ", "Read your response"),
        ("posted", "Posted on the secure page on ", "Go to the secure page"),
    ],
)
def test_focal_point_sees_the_status_of_their_states_response_with_the_link_that_fits(
    client, db, status, wanted_text, wanted_link
):
    questionnaire = open_questionnaire()
    if status != "none":
        answered(questionnaire, "ECU", submit=status in ("submitted", "posted"), post=status == "posted")
    page = home_of(client, focal_point("ECU")).content.decode()
    assert "Tasks of Ecuador" in page
    assert "Questionnaire of the Thirty-second Meeting" in page
    assert wanted_text in page
    assert f">{wanted_link}</a>" in page
    assert "Overdue by" in page  # the deadline of 30 June 2024 has passed
    if status == "submitted":
        assert ", locked." in page


def test_each_focal_point_sees_only_their_own_states_status(client, db):
    questionnaire = open_questionnaire(states=("ECU", "MEX", "COL"))
    answered(questionnaire, "ECU", submit=True)
    mexico = home_of(client, focal_point("MEX"))
    [task] = mexico.context["tasks"].questionnaires
    assert task.response is None  # Ecuador's submitted response is not Mexico's
    assert "Submitted on" not in mexico.content.decode()
    assert "Start your response" in mexico.content.decode()
    # A State that does not take part has no task there.
    france = home_of(client, focal_point("FRA"))
    assert france.context["tasks"].questionnaires == []
    assert "No questionnaire is open for your State." in france.content.decode()
    # The secretariat has its own home; anonymous visitors only the meetings.
    assert "tasks" not in home_of(client, secretariat_user()).context
    client.logout()
    anonymous = client.get(reverse("meetings:home"))
    assert "tasks" not in anonymous.context and "attention" not in anonymous.context


def test_focal_point_sees_an_open_consultation_and_whether_their_state_gave_its_voice(client, db):
    meeting = MeetingFactory(number=33, participating_states=["ECU", "MEX"])
    consultation = Consultation.objects.create(meeting=meeting, closes_at=timezone.now() + datetime.timedelta(days=5))
    Consultation.objects.create(
        meeting=MeetingFactory(number=34, participating_states=["ECU"]), closes_at=timezone.now()
    )  # closed already
    page = home_of(client, focal_point("ECU")).content.decode()
    assert "Working-group topics of the Thirty-third Meeting" in page
    assert "Working-group topics of the Thirty-fourth" not in page
    assert "Give your State's voice" in page
    ConsultationVoice.objects.create(consultation=consultation, member_state=MemberState.objects.get(code="ECU"))
    page = home_of(client, focal_point("ECU")).content.decode()
    assert "Change your State's voice" in page
    assert "Give your State's voice" in home_of(client, focal_point("MEX")).content.decode()
    assert "Working-group topics" not in home_of(client, focal_point("FRA")).content.decode()


def test_focal_point_sees_the_documents_issued_since_their_previous_visit(client, db):
    user = focal_point("ECU")
    meeting = MeetingFactory(number=31)
    IssuedDocumentFactory(meeting=meeting, number=1, title_en="Issued before the previous visit")
    client.force_login(user)  # the previous visit
    client.logout()
    new = IssuedDocumentFactory(meeting=meeting, number=2, title_en="Issued since")
    DocumentFactory(meeting=meeting, number=3, title_en="A draft")
    IssuedDocumentFactory(
        meeting=MeetingFactory(number=40, participating_states=["MEX"]),
        number=1,
        title_en="Restricted to another meeting",
        distribution=Document.Distribution.RESTRICTED,
    )
    response = home_of(client, user)
    assert response.context["tasks"].documents == [new]
    assert "Documents issued since your last visit" in response.content.decode()


def test_first_visit_lists_the_documents_of_the_last_30_days(client, db):
    document = IssuedDocumentFactory(meeting=MeetingFactory(number=31), number=1)
    response = home_of(client, focal_point("ECU"))
    assert response.context["tasks"].documents == [document]
    assert "Documents issued in the last 30 days" in response.content.decode()


def attention_world():
    """Something of every kind for the secretariat to do, on the open questionnaire of meeting 32."""
    questionnaire = open_questionnaire(states=("ECU", "MEX", "COL", "PER"))
    for code in ("ECU", "MEX", "COL"):
        focal_point(code)  # Peru has none
    answered(questionnaire, "ECU", post=True)
    note = transmittal.generate_transmittal_note(questionnaire, by=None)
    answered(questionnaire, "MEX", post=True)  # after the note: it is out of date
    answered(questionnaire, "COL", submit=True)
    run = MessageRun.objects.create(questionnaire=questionnaire, kind=MessageRun.Kind.INVITATION)
    OutgoingEmail.objects.create(to="fp-ecu@example.org", subject="Invitation", body="-", run=run, status="failed")
    DocumentFactory(meeting=questionnaire.meeting, number=9, title_fr="", title_es="")
    PrintJob.objects.create(document=note, language="es", status=PrintJob.Status.FAILED)
    questionnaire.refresh_from_db()
    return questionnaire


def test_secretariat_sees_what_needs_attention_each_with_its_link(client, db):
    questionnaire = attention_world()
    dashboard = reverse("questionnaires:dashboard", args=["honlac", 32])
    response = home_of(client, secretariat_user())
    lines = [(line.text, line.url) for line in response.context["attention"].lines]
    symbol = questionnaire.transmittal_note.symbol
    job = PrintJob.objects.get()
    texts = [text for text, _url in lines]
    assert lines[:3] == [
        ("1 submitted response to the questionnaire of the Thirty-second Meeting is not posted yet.", dashboard),
        (
            "1 State has not submitted its response to the questionnaire of the Thirty-second Meeting, "
            "overdue since 30 June 2024.",
            dashboard,
        ),
        ("1 participating State of the Thirty-second Meeting has no focal point.", reverse("invite_focal_point")),
    ]
    assert texts[3].startswith(f"The transmittal note {symbol} is out of date: 1 response was posted after ")
    assert lines[3][1] == dashboard
    assert ("Titles of documents of the Thirty-second Meeting lack a translation: French (1), Spanish (1).") in texts
    assert (
        "1 message about the questionnaire of the Thirty-second Meeting could not be sent.",
        dashboard,
    ) in lines
    assert lines[-1][1] == job.get_absolute_url()
    assert lines[-1][0].startswith(f"The printing of {symbol} in Spanish failed on ")
    page = response.content.decode()
    assert f'href="{job.get_absolute_url()}">Print it again</a>' in page


def test_a_print_job_printed_again_since_is_no_longer_shown(client, db):
    questionnaire = attention_world()
    note = questionnaire.transmittal_note
    PrintJob.objects.create(document=note, language="es", status=PrintJob.Status.DONE)
    lines = home_of(client, secretariat_user()).context["attention"].lines
    assert not [line for line in lines if "printing" in line.text]


def test_focal_point_never_sees_the_secretariats_attention(client, db):
    attention_world()
    response = home_of(client, focal_point("ECU"))
    assert "attention" not in response.context
    assert "could not be sent" not in response.content.decode()


def test_texts_missing_in_a_working_language_are_counted_per_language(client, db):
    questionnaire = open_questionnaire(recommendations=3)
    recommendation = questionnaire.source_meeting.recommendations.get(number=2)
    recommendation.text_es = ""
    recommendation.save()
    questionnaire.introduction_en = "Please answer."
    questionnaire.save()
    texts = [line.text for line in home_of(client, secretariat_user()).context["attention"].lines]
    assert (
        "Recommendations reviewed by the questionnaire of the Thirty-second Meeting lack translations: Spanish (1)."
        in texts
    )
    assert "The introduction of the questionnaire of the Thirty-second Meeting lacks: French, Spanish." in texts


def test_secretariat_home_in_french_uses_the_plural_and_the_long_date(client, db):
    attention_world()
    client.force_login(secretariat_user())
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    page = client.get(reverse("meetings:home")).content.decode()
    assert "1 État n&#x27;a pas soumis sa réponse au questionnaire de la trente-deuxième Réunion" in page
    assert "attendue depuis le 30 juin 2024." in page


# The most the page may run, with 3 States, meetings and print jobs as with 30.
HOME_QUERIES = {"secretariat": 20, "focal_point": 15}  # focal point: and the bodies of its history


@pytest.mark.parametrize("who", ["secretariat", "focal_point"])
def test_home_queries_do_not_grow_with_meetings_and_responses(client, db, who, django_assert_max_num_queries):
    codes = list(MemberState.objects.order_by("code").values_list("code", flat=True)[:30])
    codes = ["ECU", *[code for code in codes if code != "ECU"]]
    for size in (3, 30):
        with transaction.atomic():
            questionnaire = open_questionnaire(states=codes[:size])
            for code in codes[1:size]:
                answered(questionnaire, code, post=code != codes[1], submit=True)
            note = transmittal.generate_transmittal_note(questionnaire, by=None)
            for number in range(40, 40 + size):
                meeting = MeetingFactory(number=number, participating_states=codes[:size])
                Consultation.objects.create(meeting=meeting, closes_at=timezone.now() + datetime.timedelta(days=3))
                IssuedDocumentFactory(meeting=meeting, number=1, title_es="")
                PrintJob.objects.create(document=note, language="fr", status="failed")
            user = secretariat_user() if who == "secretariat" else focal_point("ECU")
            client.force_login(user)
            with django_assert_max_num_queries(HOME_QUERIES[who]):
                assert client.get(reverse("meetings:home")).status_code == 200
            transaction.set_rollback(True)
