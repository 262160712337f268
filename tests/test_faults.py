import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from questionnaires.models import Response
from tests.factories import answered, focal_point, open_questionnaire


def refuse_writes(execute, sql, params, many, context):
    if sql.lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE")):
        raise OperationalError("could not connect to server: Connection refused")
    return execute(sql, params, many, context)


def state_of(response):
    response.refresh_from_db()
    return (
        response.status,
        response.version,
        sorted(response.answers.values_list("question_id", "status", "text")),
        response.versions.count(),
    )


def test_database_unreachable_during_a_submission_gives_503_and_changes_nothing(client, db):
    questionnaire = open_questionnaire()
    ecuador = focal_point("ECU")
    response = answered(questionnaire, "ECU", text="Texto guardado")
    before = state_of(response)
    client.force_login(ecuador)
    client.raise_request_exception = False
    data = {"version": response.version, "submit": ""}
    for question in questionnaire.questions.all():
        data[f"status_{question.pk}"] = "partially"
        data[f"text_{question.pk}"] = "Texto nuevo"
    with connection.execute_wrapper(refuse_writes):
        result = client.post(reverse("questionnaires:response_edit", args=[response.pk]), data)
    assert result.status_code == 503
    assert result["Retry-After"] == "30"
    assert "cannot reach its database" in result.content.decode()
    assert state_of(response) == before
    assert Response.objects.get(pk=response.pk).status == "draft"


def test_other_errors_give_the_500_page(client, db, settings):
    from django.test import RequestFactory

    from honlac.views import server_error

    try:
        raise ValueError("boom")
    except ValueError:
        result = server_error(RequestFactory().get("/"))
    assert result.status_code == 500
    assert "Something went wrong" in result.content.decode()


@pytest.mark.parametrize("url", ["/no/such/page/"])
def test_unknown_page_gives_the_404_page(client, db, url):
    result = client.get(url)
    assert result.status_code == 404
    assert "This page does not exist, or you may not see it" in result.content.decode()
