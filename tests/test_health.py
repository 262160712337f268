"""The health check that load balancers ask: cheap, anonymous, sessionless, and honest about the database."""

from django.db import OperationalError, connection
from django.test import Client


def failing_with(error):
    def execute(execute, sql, params, many, context):
        raise error

    return execute


def test_health_answers_anonymous_without_a_session(db):
    client = Client()
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response.cookies == {}
    assert "no-cache" in response["Cache-Control"]


def test_health_is_not_redirected_to_https(db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert Client().get("/health/").status_code == 200
    assert Client().get("/").status_code == 301


def test_health_answers_503_when_the_database_fails(db):
    client = Client()
    with connection.execute_wrapper(failing_with(OperationalError("could not connect to server"))):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.cookies == {}
