"""The shared pieces of Step 3: the confirmation page of irreversible actions, and the missing working languages."""

import pytest
from django.test import RequestFactory
from django.views import View

from honlac.confirmation import Confirmation, ConfirmationMixin
from meetings.translation import missing_languages
from tests.factories import DocumentFactory, UserFactory

pytestmark = pytest.mark.django_db


class PostEverything(ConfirmationMixin, View):
    def get_confirmation(self):
        return Confirmation(
            title="Post 3 responses on the secure page?",
            consequences=["Every participant will read them."],
            warnings=["The French text of recommendation 2 is missing."],
            items=["Colombia", "Ecuador", "Mexico"],
            items_label="The 3 States concerned",
            button="Post the responses",
            cancel_url="/back/",
            fields={"status": "closed"},
        )


def test_confirmation_page_says_what_will_happen_and_posts_to_itself():
    request = RequestFactory().get("/act/")
    request.user = UserFactory()
    response = PostEverything.as_view()(request)
    response.render()
    html = response.content.decode()
    assert '<h1 class="h2">Post 3 responses on the secure page?</h1>' in html
    assert "<li>Every participant will read them.</li>" in html
    assert "<li>The French text of recommendation 2 is missing.</li>" in html
    assert "<summary>The 3 States concerned</summary>" in html
    assert "<li>Ecuador</li>" in html
    assert '<input type="hidden" name="status" value="closed">' in html
    assert '<form method="post" class' in html and "action=" not in html.split('<form method="post"')[1][:60]
    assert '<a class="btn btn-outline-secondary" href="/back/">Cancel</a>' in html


def test_missing_languages_lists_the_empty_working_languages_in_order():
    document = DocumentFactory(title_en="Note", title_fr="", title_es="  ")
    assert missing_languages(document, "title", ["en", "fr", "es"]) == ["fr", "es"]
    document.title_fr = "Note"
    assert missing_languages(document, "title", ["es", "fr"]) == ["es"]
