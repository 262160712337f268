"""A form posted without the page's CSRF token, or with a wrong one, is refused (403) and changes nothing."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from accounts.models import User
from questionnaires.models import Response
from tests.factories import PASSWORD, answered, focal_point, secretariat_user

WRONG_TOKEN = "A" * 32  # well formed, but not the token of this browser


def csrf_client(user=None):
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    return client


# Each target: (client, page with the form, URL it posts to, form data, what the post would change).


def response_save(questionnaire):
    response = answered(questionnaire, "ECU", text="As first saved.")
    data = {"version": response.version}
    for question in questionnaire.questions.all():
        data[f"status_{question.pk}"] = "not_yet"
        data[f"text_{question.pk}"] = "Changed by a forged form."
    url = reverse("questionnaires:response_edit", args=[response.pk])
    return (
        csrf_client(focal_point("ECU")),
        url,
        url,
        data,
        lambda: list(Response.objects.get(pk=response.pk).answers.values_list("text", flat=True)),
    )


def response_posting(questionnaire):
    response = answered(questionnaire, "ECU", submit=True)
    return (
        csrf_client(secretariat_user()),
        reverse("questionnaires:response", args=[response.pk]),
        reverse("questionnaires:response_post", args=[response.pk]),
        {},
        lambda: Response.objects.get(pk=response.pk).status,
    )


def login(questionnaire):
    user = focal_point("ECU")
    client = csrf_client()
    return (
        client,
        reverse("login"),
        reverse("login"),
        {"username": user.username, "password": PASSWORD},
        lambda: (client.session.get(SESSION_KEY), User.objects.get(pk=user.pk).last_login),
    )


@pytest.mark.parametrize("target", [response_save, response_posting, login])
@pytest.mark.parametrize(("token", "status"), [("missing", 403), ("wrong", 403), ("right", 302)])
def test_post_needs_the_csrf_token_of_the_page(questionnaire, target, token, status):
    client, page, url, data, changed = target(questionnaire)
    form_token = client.get(page).context["csrf_token"]
    before = changed()
    if token == "wrong":
        data["csrfmiddlewaretoken"] = WRONG_TOKEN
    elif token == "right":
        data["csrfmiddlewaretoken"] = str(form_token)

    response = client.post(url, data)

    assert response.status_code == status
    if status == 403:
        assert changed() == before
    else:
        assert changed() != before
