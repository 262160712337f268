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


def stored_files(settings):
    root = settings.MEDIA_ROOT
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()) if root.exists() else []


def test_attachment_uploaded_while_the_database_fails_leaves_no_file(client, db, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.meetings.test_views import MINIMAL_PDF

    questionnaire = open_questionnaire()
    response = answered(questionnaire, "ECU")
    client.force_login(focal_point("ECU"))
    client.raise_request_exception = False
    upload = SimpleUploadedFile("measures.pdf", MINIMAL_PDF, content_type="application/pdf")
    with connection.execute_wrapper(refuse_writes):
        result = client.post(reverse("questionnaires:attachment_upload", args=[response.pk]), {"file": upload})
    assert result.status_code == 503
    assert response.attachments.count() == 0
    assert stored_files(settings) == []


def test_document_file_uploaded_while_the_database_fails_leaves_no_file(client, db, settings):
    from django.core.files.base import ContentFile

    from honlac.storage import files_kept_only_if_committed
    from meetings.services import attach_document_file
    from tests.factories import DocumentFactory, secretariat_user
    from tests.meetings.test_views import MINIMAL_PDF

    document = DocumentFactory()
    with pytest.raises(OperationalError), files_kept_only_if_committed(), connection.execute_wrapper(refuse_writes):
        attach_document_file(
            document, language="en", file=ContentFile(MINIMAL_PDF, name="note.pdf"), by=secretariat_user()
        )
    assert document.files.count() == 0
    assert stored_files(settings) == []


def test_a_committed_upload_keeps_its_file(client, db, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.meetings.test_views import MINIMAL_PDF

    questionnaire = open_questionnaire()
    response = answered(questionnaire, "ECU")
    client.force_login(focal_point("ECU"))
    upload = SimpleUploadedFile("measures.pdf", MINIMAL_PDF, content_type="application/pdf")
    result = client.post(reverse("questionnaires:attachment_upload", args=[response.pk]), {"file": upload})
    assert result.status_code == 302
    attachment = response.attachments.get()
    assert stored_files(settings) == [attachment.file.name]
