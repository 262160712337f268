import pytest
from django.urls import reverse

from meetings.models import DocumentFile, PrintJob
from questionnaires import services
from tests.factories import answered, focal_point, open_questionnaire, secretariat_user


@pytest.fixture
def note(db):
    questionnaire = open_questionnaire()
    answered(questionnaire, "ECU", post=True)
    return questionnaire, services.generate_transmittal_note(questionnaire)


def download(client, document, language="es"):
    return client.get(reverse("meetings:document_download", args=[document.pk, language]))


def test_transmittal_note_prints_in_the_background_then_is_served(client, note):
    _questionnaire, document = note
    client.force_login(focal_point("MEX"))
    first = download(client, document)
    job = PrintJob.objects.get()
    assert first["Location"] == reverse("meetings:print_job", args=[job.pk])
    assert (job.status, job.progress, job.language) == ("done", 100, "es")
    ready = client.get(first["Location"])
    assert ready["Location"] == reverse("meetings:document_download", args=[document.pk, "es"])
    served = download(client, document)
    assert served["Content-Type"] == "application/pdf"
    assert b"".join(served.streaming_content).startswith(b"%PDF")
    assert DocumentFile.objects.get(document=document, language="es").generated
    assert PrintJob.objects.count() == 1  # served from the stored print, not printed again


def test_generating_the_note_again_prints_it_again(client, note):
    questionnaire, document = note
    client.force_login(secretariat_user())
    download(client, document)
    answered(questionnaire, "MEX", post=True)
    services.generate_transmittal_note(questionnaire)
    assert download(client, document).status_code == 302
    assert PrintJob.objects.count() == 2


def test_progress_page_while_printing(client, note):
    _questionnaire, document = note
    job = PrintJob.objects.create(document=document, language="fr", progress=30, status="running")
    client.force_login(focal_point("ECU"))
    page = client.get(reverse("meetings:print_job", args=[job.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert '<meta http-equiv="refresh" content="2">' in html
    assert 'aria-valuenow="30"' in html and "progress-30" in html


def test_print_job_of_a_restricted_document_is_hidden_from_other_users(client, note):
    _questionnaire, document = note
    job = PrintJob.objects.create(document=document, language="fr")
    client.force_login(focal_point("FRA"))
    assert client.get(reverse("meetings:print_job", args=[job.pk])).status_code == 404
    client.logout()
    assert "/accounts/login/" in client.get(reverse("meetings:print_job", args=[job.pk]))["Location"]


def test_small_documents_print_at_once(client, db):
    from tests.factories import DocumentFactory

    document = DocumentFactory()
    response = download(client, document, "en")
    assert response["Content-Type"] == "application/pdf"
    assert not PrintJob.objects.exists()
