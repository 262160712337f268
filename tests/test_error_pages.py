"""Every error page says what happened and what to do, in the reader's language, with a link home; and the
database in read-only maintenance still serves pages."""

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from accounts.models import AuditEvent
from tests.factories import PASSWORD, answered, focal_point, open_questionnaire

HOME_LINK = {"en": "Back to the meetings", "fr": "Retour aux réunions", "es": "Volver a las reuniones"}
HEADINGS = {
    400: {
        "en": "The portal could not understand this request",
        "fr": "Le portail n’a pas pu comprendre cette requête",
        "es": "El portal no ha podido entender esta solicitud",
    },
    403: {
        "en": "Your account may not do this",
        "fr": "Votre compte ne permet pas cette action",
        "es": "Su cuenta no permite realizar esta acción",
    },
    "csrf": {
        "en": "Your form could not be sent safely",
        "fr": "Votre formulaire n’a pas pu être envoyé en toute sécurité",
        "es": "Su formulario no ha podido enviarse de forma segura",
    },
    404: {
        "en": "This page does not exist, or you may not see it",
        "fr": "Cette page n'existe pas ou vous n'y avez pas accès",
        "es": "Esta página no existe o usted no tiene acceso a ella",
    },
    413: {
        "en": "What you sent is too large",
        "fr": "Ce que vous avez envoyé est trop volumineux",
        "es": "Lo que ha enviado es demasiado grande",
    },
    500: {
        "en": "Something went wrong on our side",
        "fr": "Une erreur s'est produite de notre côté",
        "es": "Se ha producido un error por nuestra parte",
    },
    503: {
        "en": "The portal cannot reach its database just now",
        "fr": "Le portail ne peut pas joindre sa base de données pour le moment",
        "es": "El portal no puede acceder a su base de datos en este momento",
    },
    "read_only": {
        "en": "The portal is in read-only maintenance",
        "fr": "Le portail est en maintenance, en lecture seule",
        "es": "El portal está en mantenimiento, en modo de solo lectura",
    },
}
WHAT_TO_DO = {
    400: "Go back, reload the page and try again",
    403: "Ask the secretariat if you need it.",
    "csrf": "Nothing was saved: go back, copy what you typed, reload the page and send it again.",
    404: "Check the address, or sign in with the account that may see it.",
    413: "The text of one form may be at most 200\u00a0bytes, and each file at most 10.0\u00a0MB.",
    500: "Please try again later.",
    503: "Please try again in a minute",
    "read_only": "You can read every page, but nothing can be changed just now",
}


def failing_with(error):
    def wrapper(execute, sql, params, many, context):
        raise error

    return wrapper


def bad_request(client):
    return client.get("/", HTTP_HOST="not-allowed.example.org")


def forbidden(client):
    client.force_login(focal_point("ECU"))
    return client.get(reverse("meetings:create"))


def csrf_failure(client):
    checking = Client(enforce_csrf_checks=True)
    checking.cookies = client.cookies
    return checking.post(reverse("login"), {"username": "someone", "password": "wrong"})


def not_found(client):
    return client.get("/no/such/page/")


def too_large(client):
    return client.post(reverse("login"), {"username": "someone", "password": "x" * 1000})


def server_error(client):
    with connection.execute_wrapper(failing_with(ValueError("a fault of the portal"))):
        return client.get("/")


def unavailable(client):
    with connection.execute_wrapper(failing_with(OperationalError("could not connect to server"))):
        return client.get("/")


PAGES = {
    400: bad_request,
    403: forbidden,
    "csrf": csrf_failure,
    404: not_found,
    413: too_large,
    500: server_error,
    503: unavailable,
}
STATUS = {"csrf": 403}


@pytest.mark.parametrize("language", ["en", "fr", "es"])
@pytest.mark.parametrize("page", PAGES)
def test_error_page_says_what_happened_and_what_to_do_in_the_reader_s_language(client, db, settings, page, language):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 200
    client.raise_request_exception = False
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    answer = PAGES[page](client)
    text = answer.content.decode()
    assert answer.status_code == STATUS.get(page, page)
    assert f'<html lang="{language}">' in text
    assert f'<h1 class="h3">{HEADINGS[page][language]}</h1>' in text
    assert f'<a href="/">{HOME_LINK[language]}</a>' in text
    if language == "en":
        assert WHAT_TO_DO[page] in text


# The database in read-only maintenance: a real refusal to write, as PostgreSQL's
# default_transaction_read_only (or a replica) and a SQLite file without write permission give.


@pytest.fixture
def read_only_database(db):
    """start() makes the database refuse every write from then on, until the end of the test."""
    postgres = connection.vendor == "postgresql"
    started = []

    def start():
        started.append(True)
        with connection.cursor() as cursor:
            if postgres:
                # In a savepoint of the test's transaction, so that the end of the test can undo it.
                cursor.execute("SAVEPOINT read_only_maintenance")
                cursor.execute("SET LOCAL transaction_read_only = on")
            else:
                cursor.execute("PRAGMA query_only = ON")

    yield start
    if not started:
        return
    with connection.cursor() as cursor:
        if postgres:
            cursor.execute("ROLLBACK TO SAVEPOINT read_only_maintenance")
        else:
            cursor.execute("PRAGMA query_only = OFF")


def test_signed_in_reader_gets_pages_while_the_database_is_read_only(client, read_only_database):
    questionnaire = open_questionnaire()
    ecuador = focal_point("ECU")
    client.force_login(ecuador)
    read_only_database()
    home = client.get("/")
    meeting = client.get(questionnaire.meeting.get_absolute_url())
    assert (home.status_code, meeting.status_code) == (200, 200)
    assert ecuador.username in home.content.decode()
    assert questionnaire.meeting.body.display_code in meeting.content.decode()


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_writing_while_the_database_is_read_only_says_so(client, read_only_database, settings, language):
    questionnaire = open_questionnaire()
    response = answered(questionnaire, "ECU", text="Texto guardado")
    client.force_login(focal_point("ECU"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.raise_request_exception = False
    data = {"version": response.version, "save": ""}
    for question in questionnaire.questions.all():
        data[f"text_{question.pk}"] = "Texto nuevo"
    read_only_database()
    answer = client.post(reverse("questionnaires:response_edit", args=[response.pk]), data)
    assert answer.status_code == 503
    assert f'<h1 class="h3">{HEADINGS["read_only"][language]}</h1>' in answer.content.decode()
    assert sorted(set(response.answers.values_list("text", flat=True))) == ["Texto guardado"]


def test_signing_in_while_the_database_is_read_only_says_so(client, read_only_database, settings):
    user = focal_point("ECU")
    client.raise_request_exception = False
    read_only_database()
    answer = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert answer.status_code == 503
    assert HEADINGS["read_only"]["en"] in answer.content.decode()
    assert settings.SESSION_COOKIE_NAME not in answer.cookies
    assert not AuditEvent.objects.filter(action="user.login").exists()
