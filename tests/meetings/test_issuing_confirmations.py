"""Issuing, reissuing, revising, correcting and adding to a document are confirmed: the page says what will happen,
and before printing for issue, which texts the versions to print lack; GET changes nothing."""

import html

import pytest
from django.urls import reverse

from meetings.models import Document, PrintJob
from tests.factories import DocumentFactory, IssuedDocumentFactory, secretariat_user
from tests.helpers import ROLES, SECRETARIAT_ONLY, assert_answer, confirm_identity, expect

pytestmark = pytest.mark.django_db


def text(response):
    assert response.status_code == 200, response
    return html.unescape(response.content.decode())


def saved():
    return (
        sorted(Document.objects.values_list("pk", "status", "symbol")),
        PrintJob.objects.count(),
    )


def action(document, name):
    return reverse("meetings:document_action", args=[document.pk, name])


def test_issue_page_lists_the_versions_ticked_and_changes_nothing(client):
    document = DocumentFactory()
    client.force_login(secretariat_user())
    confirm_identity(client)
    before = saved()
    page = text(client.get(action(document, "issue"), {"languages": ["en", "fr"]}))
    assert f'<h1 class="h2">Issue {document.symbol}?</h1>' in page
    assert "<li>The English and French versions will be issued: printed now, or as uploaded.</li>" in page
    assert 'name="languages" value="en"  id="id_languages_0" checked>' in page
    assert 'name="languages" value="es"  id="id_languages_2">' in page
    assert "Before you go on" not in page
    assert saved() == before


def test_issue_page_says_which_texts_the_french_and_spanish_versions_lack(client):
    document = DocumentFactory(title_fr="", text_es="")
    client.force_login(secretariat_user())
    confirm_identity(client)
    page = text(client.get(action(document, "issue"), {"languages": ["en", "fr"]}))
    assert "<li>The title: missing in French.</li>" in page
    # Without its text the Spanish version cannot be printed, and is not offered: the page says why.
    assert "<li>The text: missing in Spanish.</li>" in page
    assert 'name="languages" value="es"' not in page
    edit = reverse("meetings:document_edit", args=[document.pk])
    assert f'<a class="alert-link" href="{edit}">Complete the document</a>' in page


def test_issue_page_without_languages_ticked_offers_every_draft_version(client):
    document = DocumentFactory()
    client.force_login(secretariat_user())
    confirm_identity(client)
    page = text(client.get(action(document, "issue")))
    assert "<li>The English, French and Spanish versions will be issued: printed now, or as uploaded.</li>" in page


@pytest.mark.parametrize(
    ("name", "title", "consequence"),
    [
        ("reissue", "Reissue {symbol} for technical reasons?", "The French versions will be printed again"),
        ("revise", "Draft a revision of {symbol}?", "once issued, it replaces {symbol}."),
        ("correct", "Draft a corrigendum to {symbol}?", "A corrigendum to the French versions will be drafted"),
        ("add", "Draft an addendum to {symbol}?", "An addendum to {symbol} will be drafted"),
    ],
)
def test_pages_of_the_changes_to_an_issued_document(client, name, title, consequence):
    document = IssuedDocumentFactory()
    client.force_login(secretariat_user())
    confirm_identity(client)
    before = saved()
    page = text(client.get(action(document, name), {"languages": ["fr"]}))
    assert f'<h1 class="h2">{title.format(symbol=document.symbol)}</h1>' in page
    assert consequence.format(symbol=document.symbol) in page
    assert saved() == before


def test_document_page_buttons_lead_to_the_confirmations(client):
    document = IssuedDocumentFactory()
    client.force_login(secretariat_user())
    confirm_identity(client)
    page = text(client.get(document.get_absolute_url()))
    assert f'<form method="get" action="{action(document, "reissue")}"' in page
    assert f'<a class="btn btn-outline-primary" href="{action(document, "revise")}">Draft a revision</a>' in page


def test_unknown_action_page_is_not_found(client):
    client.force_login(secretariat_user())
    confirm_identity(client)
    assert client.get(action(DocumentFactory(), "burn")).status_code == 404


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["issue", "revise"])
def test_document_action_pages_answer_as_their_actions(client_as, role, name):
    document = DocumentFactory()
    before = saved()
    assert_answer(client_as(role).get(action(document, name)), expect(SECRETARIAT_ONLY, role))
    assert saved() == before
