"""Dates, plurals and deadlines on the questionnaire's pages."""

import datetime
import html
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent
from questionnaires.models import Questionnaire, Response
from questionnaires.services import set_questionnaire_status
from tests.factories import answered, focal_point, open_questionnaire, secretariat_user

MOMENT = datetime.datetime(2026, 12, 1, 19, 27, tzinfo=datetime.UTC)


def text(page):
    """The page's text, tags dropped and spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.content.decode())).split())


def dashboard(client, language="en"):
    return client.get(reverse("questionnaires:dashboard", args=["honlac", 32]), HTTP_ACCEPT_LANGUAGE=language)


@pytest.fixture
def questionnaire(db):
    return open_questionnaire(states=("ECU", "MEX"), deadline=datetime.date(2024, 8, 30))


@pytest.fixture
def secretariat(db, client):
    client.force_login(secretariat_user())
    return client


@pytest.mark.parametrize(
    ("language", "moment", "deadline"),
    [
        ("en", "1 December 2026, 19:27", "30 August 2024"),
        ("fr", "1er décembre 2026, 19:27", "30 août 2024"),
        ("es", "1 de diciembre de 2026, 19:27", "30 de agosto de 2024"),
    ],
)
def test_dashboard_writes_dates_in_full_and_moments_with_the_24_hour_time(
    secretariat, questionnaire, language, moment, deadline
):
    response = answered(questionnaire, "ECU")
    Response.objects.filter(pk=response.pk).update(updated_at=MOMENT)

    shown = text(dashboard(secretariat, language))

    assert f"{deadline} " in shown
    assert moment in shown
    assert "p.m." not in shown and "12/01/2026" not in shown


@pytest.mark.parametrize(
    ("language", "moment"),
    [("en", "1 December 2026, 19:27"), ("fr", "1er décembre 2026, 19:27"), ("es", "1 de diciembre de 2026, 19:27")],
)
def test_response_page_writes_its_last_change_in_the_same_format(client, questionnaire, language, moment):
    response = answered(questionnaire, "ECU")
    Response.objects.filter(pk=response.pk).update(updated_at=MOMENT)
    client.force_login(focal_point("ECU"))

    page = client.get(reverse("questionnaires:response", args=[response.pk]), HTTP_ACCEPT_LANGUAGE=language)

    assert moment in text(page)


@pytest.mark.parametrize(
    ("language", "posted", "message"),
    [
        ("en", 1, "1 response was posted on the secure page."),
        ("en", 2, "2 responses were posted on the secure page."),
        ("fr", 1, "1 réponse a été mise en ligne sur la page sécurisée."),
        ("fr", 2, "2 réponses ont été mises en ligne sur la page sécurisée."),
        ("es", 1, "Se ha publicado 1 respuesta en la página segura."),
        ("es", 2, "Se han publicado 2 respuestas en la página segura."),
    ],
)
def test_posting_all_counts_the_responses_in_the_right_plural(secretariat, questionnaire, language, posted, message):
    for code in ("ECU", "MEX")[:posted]:
        answered(questionnaire, code, submit=True)

    page = secretariat.post(
        reverse("questionnaires:post_all", args=["honlac", 32]), HTTP_ACCEPT_LANGUAGE=language, follow=True
    )

    assert [str(m) for m in page.context["messages"]] == [message]


@pytest.mark.parametrize(
    ("paragraphs", "message"),
    [(1, "1 recommendation was added."), (2, "2 recommendations were added.")],
)
def test_pasting_recommendations_counts_them_in_the_right_plural(secretariat, questionnaire, paragraphs, message):
    pasted = "\n\n".join(f"Governments should act ({n})." for n in range(paragraphs))

    page = secretariat.post(
        reverse("questionnaires:recommendation_paste", args=["honlac", 32]),
        {"language": "en", "text": pasted},
        follow=True,
    )

    assert [str(m) for m in page.context["messages"]] == [message]


# Overdue and days left ---------------------------------------------------------------------------------------


def test_open_questionnaire_past_its_deadline_shows_it_overdue_on_its_pages(client, questionnaire):
    days = (timezone.localdate() - questionnaire.deadline).days
    answered(questionnaire, "ECU", post=True)
    client.force_login(secretariat_user())
    assert f"Deadline 30 August 2024 Overdue by {days} days" in text(dashboard(client))
    client.force_login(focal_point("MEX"))

    form = client.get(reverse("questionnaires:my_response", args=["honlac", 32]), follow=True)
    secure = client.get(reverse("questionnaires:secure_page", args=["honlac", 32]))

    assert f"Deadline: 30 August 2024 Overdue by {days} days" in text(form)
    assert f"Deadline: 30 August 2024 Overdue by {days} days" in text(secure)


def test_overdue_is_written_in_french_and_spanish(secretariat, questionnaire):
    days = (timezone.localdate() - questionnaire.deadline).days

    assert f"30 août 2024 En retard de {days} jours" in text(dashboard(secretariat, "fr"))
    assert f"30 de agosto de 2024 Vencido hace {days} días" in text(dashboard(secretariat, "es"))


@pytest.mark.parametrize(("days", "shown"), [(0, "Due today"), (1, "1 day left"), (12, "12 days left")])
def test_open_questionnaire_before_its_deadline_shows_the_days_left(secretariat, questionnaire, days, shown):
    Questionnaire.objects.filter(pk=questionnaire.pk).update(deadline=timezone.localdate() + datetime.timedelta(days))

    shown_text = text(dashboard(secretariat))

    assert shown in shown_text
    assert "Overdue" not in shown_text


def test_closed_questionnaire_shows_its_deadline_without_overdue(secretariat, questionnaire):
    Questionnaire.objects.filter(pk=questionnaire.pk).update(status=Questionnaire.Status.CLOSED)

    shown = text(dashboard(secretariat))

    assert "Deadline 30 August 2024 Recommendations reviewed" in shown
    assert "Overdue" not in shown


# A deadline in the past is refused -----------------------------------------------------------------------------


def test_opening_with_a_deadline_in_the_past_is_refused_and_changes_nothing(secretariat, questionnaire):
    Questionnaire.objects.filter(pk=questionnaire.pk).update(status=Questionnaire.Status.DRAFT, opened_at=None)
    entries = AuditEvent.objects.count()

    page = secretariat.post(reverse("questionnaires:status", args=["honlac", 32]), {"status": "open"}, follow=True)

    questionnaire.refresh_from_db()
    assert [str(m) for m in page.context["messages"]] == [
        "The deadline, 30 August 2024, has passed: set a later one before opening the questionnaire."
    ]
    assert (questionnaire.status, questionnaire.opened_at) == (Questionnaire.Status.DRAFT, None)
    assert AuditEvent.objects.count() == entries


def test_opening_with_a_deadline_today_or_later_is_accepted(questionnaire):
    questionnaire.status, questionnaire.deadline = Questionnaire.Status.DRAFT, timezone.localdate()
    questionnaire.save()

    set_questionnaire_status(questionnaire, status=Questionnaire.Status.OPEN, by=None)

    questionnaire.refresh_from_db()
    assert questionnaire.status == Questionnaire.Status.OPEN


def test_opening_with_a_past_deadline_is_refused_by_the_service(questionnaire):
    questionnaire.status = Questionnaire.Status.CLOSED
    questionnaire.save()

    with pytest.raises(ValidationError):
        set_questionnaire_status(questionnaire, status=Questionnaire.Status.OPEN, by=None)


def edit(client, deadline, introduction="Please answer."):
    return client.post(
        reverse("questionnaires:edit", args=["honlac", 32]),
        {
            "deadline": deadline,
            "introduction_en": introduction,
            "questions-TOTAL_FORMS": "0",
            "questions-INITIAL_FORMS": "0",
        },
    )


def test_open_questionnaire_form_refuses_a_deadline_moved_into_the_past(secretariat, questionnaire):
    Questionnaire.objects.filter(pk=questionnaire.pk).update(deadline=timezone.localdate())
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    page = edit(secretariat, yesterday.isoformat())

    questionnaire.refresh_from_db()
    assert page.status_code == 200
    assert page.context["form"].errors["deadline"] == ["The questionnaire is open: its deadline cannot be in the past."]
    assert questionnaire.deadline == timezone.localdate()


def test_open_questionnaire_past_its_deadline_can_still_change_its_introduction(secretariat, questionnaire):
    page = edit(secretariat, "2024-08-30", introduction="A new introduction.")

    questionnaire.refresh_from_db()
    assert page.status_code == 302
    assert (questionnaire.deadline, questionnaire.introduction_en) == (
        datetime.date(2024, 8, 30),
        "A new introduction.",
    )
