"""Responses as PDFs, the receipt of a submission, and the secure page's bundles (one ZIP, one PDF)."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.mail import send_queued
from accounts.models import OutgoingEmail
from questionnaires import responses
from questionnaires.bundles import safe_file_name
from questionnaires.models import Response
from tests.factories import UserFactory, answered, focal_point, open_questionnaire, secretariat_user, state
from tests.helpers import MINIMAL_PDF, pdf_text

HOSTILE = "<b>bold</b> & <script>alert(1)</script>"


@pytest.fixture
def questionnaire(db):
    return open_questionnaire(states=("ECU", "MEX", "COL"))


def attach(response, name, content=MINIMAL_PDF):
    Response.objects.filter(pk=response.pk).update(status=Response.Status.DRAFT)
    response.refresh_from_db()
    responses.add_attachment(response, file=SimpleUploadedFile(name, content), by=None)


def posted_with_attachment(questionnaire, code, name, **kwargs):
    response = answered(questionnaire, code, **kwargs)
    attach(response, name)
    responses.submit_response(response, by=None)
    responses.post_response(response, by=None)
    return response


def test_a_response_prints_with_its_answers_escaped_and_marked_in_their_language(client, questionnaire):
    response = answered(questionnaire, "ECU", text=f"Se capacitó a 3 agentes. {HOSTILE}", language="es")
    client.force_login(focal_point("ECU"))
    download = client.get(reverse("questionnaires:response_pdf", args=[response.pk, "en"]))
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="honlac-32-ECU-response-en.pdf"'
    _reader, text = pdf_text(download.content)
    assert "Response of Ecuador to the questionnaire on the implementation of recommendations" in text
    assert "Draft, not submitted" in text
    assert "[Original: Spanish]" in text
    assert "Recommendation 1 Governments should strengthen early warning systems (1)." in text
    assert f"Status: Implemented Measures taken: Se capacitó a 3 agentes. {HOSTILE}" in text


def test_the_answers_carry_their_language_in_the_printed_html(questionnaire):
    from django.template.loader import render_to_string

    from questionnaires import documents

    response = answered(questionnaire, "ECU", language="es")
    seen = {}
    original = render_to_string

    def spy(name, context=None, *args, **kwargs):
        html = original(name, context, *args, **kwargs)
        seen[name] = html
        return html

    documents.render_to_string = spy
    try:
        documents.render_response(response, language="fr")
    finally:
        documents.render_to_string = original
    html = seen["questionnaires/pdf/responses.html"]
    assert '<html lang="fr" dir="ltr">' in html
    assert html.count('<p class="answer" lang="es">') == questionnaire.questions.count()


def test_a_response_prints_only_in_a_working_language(client, questionnaire):
    response = answered(questionnaire, "ECU")
    client.force_login(focal_point("ECU"))
    assert client.get(reverse("questionnaires:response_pdf", args=[response.pk, "de"])).status_code == 404


def test_submitting_sends_each_focal_point_a_receipt_in_their_language_with_the_pdf(
    client, questionnaire, django_capture_on_commit_callbacks
):
    ana = UserFactory(
        username="ecuador", member_state=state("ECU"), title="ms", last_name="Pérez", preferred_language="es"
    )
    UserFactory(username="ecuador-fr", member_state=state("ECU"), title="mr", last_name="Roy", preferred_language="fr")
    UserFactory(username="gone", member_state=state("ECU"), is_active=False)
    focal_point("MEX")
    response = answered(questionnaire, "ECU")
    client.force_login(ana)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("questionnaires:response_submit", args=[response.pk]))
    assert Response.objects.get(pk=response.pk).status == Response.Status.SUBMITTED
    receipts = {email.recipient.username: email for email in OutgoingEmail.objects.select_related("recipient")}
    assert set(receipts) == {"ecuador", "ecuador-fr"}
    spanish, french = receipts["ecuador"], receipts["ecuador-fr"]
    assert spanish.language == "es"
    assert spanish.subject.startswith("Respuesta de Ecuador recibida: ")
    assert spanish.body.splitlines()[0] == "Estimada Sra. Pérez:"
    assert "fue presentada el " in spanish.body
    assert french.body.splitlines()[0] == "Monsieur,"
    assert french.subject.startswith("Réponse reçue (Équateur)\u00a0: Trente-deuxième Réunion")
    assert "La réponse de votre État (Équateur) au questionnaire" in french.body
    # Printed by the sender, not in the request.
    assert spanish.attachments == [
        {"kind": "response", "source": response.pk, "language": "es", "filename": "UNODC-HONLAC-32-ECU-response-es.pdf"}
    ]
    from django.core import mail

    assert send_queued() == (0, 0)  # already sent once the submission committed
    sent = {message.to[0]: message for message in mail.outbox}
    [(filename, content, mimetype)] = sent[ana.email].attachments
    assert (filename, mimetype) == ("UNODC-HONLAC-32-ECU-response-es.pdf", "application/pdf")
    _reader, text = pdf_text(content)
    assert "Respuesta de Ecuador al cuestionario sobre la aplicación de las recomendaciones" in text
    assert "Presentada el " in text


def test_the_zip_holds_each_posted_response_and_its_attachments_under_safe_names(client, questionnaire):
    posted_with_attachment(questionnaire, "ECU", "informe.pdf", language="es")
    posted_with_attachment(questionnaire, "COL", "../../etc/pass:wd?.pdf")
    attach(answered(questionnaire, "MEX"), "borrador.pdf")  # a draft: in no bundle
    client.force_login(focal_point("MEX"))
    download = client.get(reverse("questionnaires:responses_zip", args=["honlac", 32, "es"]))
    assert download["Content-Disposition"] == 'attachment; filename="honlac-32-responses-es.zip"'
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert archive.testzip() is None
    assert archive.namelist() == [
        "Colombia/respuesta.pdf",
        "Colombia/pass_wd_.pdf",
        "Ecuador/respuesta.pdf",
        "Ecuador/informe.pdf",
    ]
    assert archive.read("Ecuador/informe.pdf") == MINIMAL_PDF
    _reader, text = pdf_text(archive.read("Ecuador/respuesta.pdf"))
    assert "Respuesta de Ecuador al cuestionario" in text
    assert "Publicada en la página web segura el " in text


def test_the_zip_of_a_questionnaire_with_nothing_posted_is_an_empty_archive(client, questionnaire):
    answered(questionnaire, "ECU", submit=True)
    client.force_login(secretariat_user())
    download = client.get(reverse("questionnaires:responses_zip", args=["honlac", 32, "en"]))
    assert zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))).namelist() == []


def test_the_pdf_of_posted_responses_holds_every_posted_one_by_state(client, questionnaire):
    posted_with_attachment(questionnaire, "MEX", "anexo.pdf", text=f"México: {HOSTILE}")
    answered(questionnaire, "COL", text="Colombia: measures.", post=True)
    answered(questionnaire, "ECU", text="Ecuador: a draft.")
    client.force_login(focal_point("MEX"))
    download = client.get(reverse("questionnaires:responses_pdf", args=["honlac", 32, "fr"]))
    reader, text = pdf_text(download.content)
    assert "Distr. restreinte" in text  # for the participants only, as the secure page
    assert "Réponses des États au questionnaire sur l’application des recommandations" in text
    assert text.index("Colombie") < text.index("Mexique")
    # French typography puts a space before the colon (meetings.typography).
    assert f"México\u00a0: {HOSTILE}" in text.replace(" :", "\u00a0:")
    assert "Colombia" in text
    assert "a draft." not in text
    assert "Pièces jointes : anexo.pdf" in text.replace("\u00a0", " ")
    assert "Équateur" not in text
    # Each State from a new page.
    first, second = (page.extract_text() for page in reader.pages)
    assert ("Colombie" in first, "Mexique" in first, "Mexique" in second) == (True, False, True)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("informe.pdf", "informe.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\temp\\a.docx", "a.docx"),
        ("what: a <report>?.pdf", "what_ a _report_.pdf"),
        (".hidden", "hidden"),
        ("", "file"),
        ("///", "file"),
        ("bell\x07.pdf", "bell_.pdf"),
        ("a" * 300 + ".pdf", "a" * 116 + ".pdf"),
    ],
)
def test_safe_file_name(name, expected):
    assert safe_file_name(name) == expected


def test_the_secure_page_links_the_bundles_in_the_page_language(client, questionnaire):
    answered(questionnaire, "COL", post=True)
    client.force_login(focal_point("MEX"))
    page = client.get(reverse("questionnaires:secure_page", args=["honlac", 32]), HTTP_ACCEPT_LANGUAGE="fr")
    assert page.context["bundle_language"] == "fr"
    html = page.content.decode()
    assert f'href="{reverse("questionnaires:responses_zip", args=["honlac", 32, "fr"])}"' in html
    assert f'href="{reverse("questionnaires:responses_pdf", args=["honlac", 32, "fr"])}"' in html


def test_the_secure_page_offers_no_bundle_before_a_response_is_posted(client, questionnaire):
    client.force_login(focal_point("MEX"))
    page = client.get(reverse("questionnaires:secure_page", args=["honlac", 32]))
    assert "responses-en.zip" not in page.content.decode()


def test_the_demo_sends_no_receipt_for_responses_it_loads_as_submitted(db):
    from honlac.demo import load_demo

    load_demo()
    assert Response.objects.exclude(status=Response.Status.DRAFT).exists()
    kinds = [attachment["kind"] for email in OutgoingEmail.objects.all() for attachment in email.attachments]
    assert "response" not in kinds
