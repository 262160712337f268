"""A save from a form opened before another tab submitted the response: one coherent message, the text kept."""

import html

import pytest
from django.urls import reverse
from django.utils import translation

from meetings.wording import long_datetime
from questionnaires import responses
from questionnaires.models import Response
from tests.factories import focal_point, open_questionnaire


def form_data(questionnaire, *, version, text):
    data = {"version": version, "save": ""}
    for question in questionnaire.questions.all():
        if question.recommendation_id:
            data[f"status_{question.pk}"] = "implemented"
        data[f"text_{question.pk}"] = text
    return data


@pytest.fixture
def submitted_meanwhile(client, db):
    """Ecuador's response, opened at version 1 in one tab, then submitted from another by a colleague."""
    questionnaire = open_questionnaire(states=("ECU",))
    first, second = focal_point("ECU", "fp-ecu-1"), focal_point("ECU", "fp-ecu-2")
    response = Response.objects.create(questionnaire=questionnaire, member_state=first.member_state)
    url = reverse("questionnaires:response_edit", args=[response.pk])
    client.force_login(first)
    client.post(url, form_data(questionnaire, version=0, text="Texto enviado"))
    response.refresh_from_db()
    responses.submit_response(response, by=first, receipt=False)
    client.force_login(second)
    return questionnaire, response, url


def test_saving_after_another_tab_submitted_says_it_was_submitted_by_whom_and_when(client, submitted_meanwhile):
    questionnaire, response, url = submitted_meanwhile
    refused = client.post(url, form_data(questionnaire, version=1, text="Texto de la otra pestaña"))
    page = html.unescape(refused.content.decode())
    response.refresh_from_db()
    assert refused.status_code == 409
    when = long_datetime(response.submitted_at, "en")
    assert (
        f"fp-ecu-1 submitted this response on {when}, after you opened it. A submitted response cannot change, "
        "so what you typed was not saved: it is kept below for you to copy." in page
    )
    assert f'href="{reverse("questionnaires:response", args=[response.pk])}">View the submitted response</a>' in page
    # One thing said: no invitation to save again, nothing of "what they saved", no save button.
    assert "save again" not in page.lower()
    assert "Saved meanwhile by someone else" not in page
    assert "This response was submitted and is locked." not in page
    assert 'name="save"' not in page
    assert "Texto de la otra pestaña" in page  # the text typed is there to copy
    assert set(response.answers.values_list("text", flat=True)) == {"Texto enviado"}
    assert response.status == Response.Status.SUBMITTED


def test_the_submitted_conflict_is_said_in_french(client, submitted_meanwhile, settings):
    questionnaire, response, url = submitted_meanwhile
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    refused = client.post(url, form_data(questionnaire, version=1, text="Texte"))
    response.refresh_from_db()
    with translation.override("fr"):
        when = long_datetime(response.submitted_at, "fr")
    page = html.unescape(refused.content.decode())
    assert f"fp-ecu-1 a soumis cette réponse le {when}, après que vous l’avez ouverte." in page
    assert "Consulter la réponse soumise" in page


def test_autosave_after_another_tab_submitted_says_it_was_submitted(client, submitted_meanwhile):
    questionnaire, response, url = submitted_meanwhile
    autosave = reverse("questionnaires:response_autosave", args=[response.pk])
    refused = client.post(autosave, form_data(questionnaire, version=1, text="Texto de la otra pestaña"))
    response.refresh_from_db()
    assert refused.status_code == 400
    assert refused.json() == {
        "error": "refused",
        "message": f"fp-ecu-1 submitted this response on {long_datetime(response.submitted_at, 'en')}, after you "
        "opened it: nothing more can be saved. Your text is still on this page, for you to copy.",
    }
    assert set(response.answers.values_list("text", flat=True)) == {"Texto enviado"}
