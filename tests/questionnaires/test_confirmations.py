"""The questionnaire's irreversible actions are confirmed: opening and closing it, sending invitations and reminders,
posting responses, reopening one. The page says what will happen (to whom, how many) and what texts lack a working
language; GET changes nothing; POST does it and says so."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import OutgoingEmail
from questionnaires.models import MessageRun, Questionnaire, Recommendation, Response
from tests.factories import answered, focal_point, open_questionnaire, secretariat_user
from tests.helpers import LOGIN, ROLES, SECRETARIAT_ONLY, assert_answer, expect

pytestmark = pytest.mark.django_db

Q = ["honlac", 32]


def text(response):
    assert response.status_code == 200, response
    return html.unescape(response.content.decode())


def saved():
    return (
        sorted(Questionnaire.objects.values_list("pk", "status")),
        sorted(Response.objects.values_list("pk", "status", "version")),
        MessageRun.objects.count(),
        OutgoingEmail.objects.count(),
    )


@pytest.fixture
def draft_questionnaire(db):
    """The questionnaire of meeting 32 (Ecuador, Mexico, Colombia), a draft whose deadline is still to come."""
    questionnaire = open_questionnaire()
    questionnaire.status = Questionnaire.Status.DRAFT
    questionnaire.deadline = timezone.localdate() + datetime.timedelta(days=30)
    questionnaire.introduction_en = "Please answer."
    questionnaire.introduction_fr = "Veuillez répondre."
    questionnaire.introduction_es = "Sírvanse responder."
    questionnaire.save()
    return questionnaire


def test_opening_page_says_who_may_respond_until_when_and_changes_nothing(client, draft_questionnaire):
    client.force_login(secretariat_user())
    before = saved()
    page = text(client.get(reverse("questionnaires:status", args=Q), {"status": "open"}))
    assert '<h1 class="h2">Open the questionnaire for responses?</h1>' in page
    deadline = draft_questionnaire.deadline
    assert (
        "The focal points of the 3 participating States will be able to write and submit their responses until "
        f"{deadline.day} {deadline:%B} {deadline.year}." in page
    )
    assert '<input type="hidden" name="status" value="open">' in page
    assert "Before you go on" not in page  # every text is there in the three languages
    assert saved() == before


def test_opening_page_lists_the_texts_missing_in_french_and_where_to_complete_them(client, draft_questionnaire):
    draft_questionnaire.introduction_fr = ""
    draft_questionnaire.save()
    Recommendation.objects.filter(meeting=draft_questionnaire.source_meeting, number=2).update(text_fr="", text_es="")
    client.force_login(secretariat_user())
    page = text(client.get(reverse("questionnaires:status", args=Q), {"status": "open"}))
    assert "<li>The introduction of the questionnaire: missing in French.</li>" in page
    assert "<li>Recommendation 2: missing in French and Spanish.</li>" in page
    assert "Recommendation 1:" not in page
    assert (
        f'<a class="alert-link" href="{reverse("questionnaires:edit", args=Q)}">Complete the questionnaire</a>' in page
    )
    recommendations = reverse("questionnaires:recommendations", args=["honlac", 31])
    assert f'<a class="alert-link" href="{recommendations}">Complete the recommendations</a>' in page
    # The secretariat can go on all the same.
    done = client.post(reverse("questionnaires:status", args=Q), {"status": "open"}, follow=True)
    draft_questionnaire.refresh_from_db()
    assert draft_questionnaire.status == Questionnaire.Status.OPEN
    deadline = draft_questionnaire.deadline
    assert f"The questionnaire is open for responses until {deadline.day} {deadline:%B} {deadline.year}." in text(done)


def test_opening_page_in_french_names_the_missing_language_in_french(client, draft_questionnaire):
    draft_questionnaire.introduction_fr = ""
    draft_questionnaire.save()
    client.force_login(secretariat_user())
    page = text(client.get(reverse("questionnaires:status", args=Q), {"status": "open"}, HTTP_ACCEPT_LANGUAGE="fr"))
    assert "<li>L'introduction du questionnaire\u00a0: manque en français.</li>" in page


def test_closing_page_counts_the_states_that_can_no_longer_respond(client):
    questionnaire = open_questionnaire()
    answered(questionnaire, "ECU", submit=True)
    answered(questionnaire, "MEX")
    client.force_login(secretariat_user())
    page = text(client.get(reverse("questionnaires:status", args=Q), {"status": "closed"}))
    assert '<h1 class="h2">Close the questionnaire?</h1>' in page
    assert "<li>2 States have not submitted a response: they will no longer be able to.</li>" in page
    done = text(client.post(reverse("questionnaires:status", args=Q), {"status": "closed"}, follow=True))
    assert "The questionnaire is closed: the States can no longer respond." in done
    questionnaire.refresh_from_db()
    assert questionnaire.status == Questionnaire.Status.CLOSED


def test_status_page_of_an_unknown_status_is_not_found(client):
    open_questionnaire()
    client.force_login(secretariat_user())
    assert client.get(reverse("questionnaires:status", args=Q), {"status": "gone"}).status_code == 404
    assert client.get(reverse("questionnaires:status", args=Q)).status_code == 404


def test_invitations_page_lists_the_states_reached_and_those_without_a_focal_point(client):
    questionnaire = open_questionnaire()
    focal_point("ECU")
    focal_point("MEX")
    focal_point("MEX", username="fp-mex-2")
    client.force_login(secretariat_user())
    before = saved()
    page = text(client.get(reverse("questionnaires:invite", args=Q)))
    assert '<h1 class="h2">Send the invitations to 2 States?</h1>' in page
    assert "<li>3 messages will be queued, one per focal point, each in its recipient's language.</li>" in page
    assert "<summary>The 2 States that will receive it</summary>" in page
    assert '<ul class="confirmation-items"><li>Ecuador</li><li>Mexico</li></ul>' in page
    assert "<li>1 participating State has no focal point and will receive nothing: Colombia.</li>" in page
    assert f'<a class="alert-link" href="{reverse("invite_focal_point")}">Invite a focal point</a>' in page
    assert saved() == before
    done = text(client.post(reverse("questionnaires:invite", args=Q), follow=True))
    assert OutgoingEmail.objects.filter(run__questionnaire=questionnaire).count() == 3
    assert "3 messages were queued" in done
    # Once invited, the page says nobody is waiting for an invitation.
    again = text(client.get(reverse("questionnaires:invite", args=Q)))
    assert '<h1 class="h2">Send the invitations to 0 States?</h1>' in again


def test_invitations_page_warns_of_the_body_title_missing_in_spanish(client):
    questionnaire = open_questionnaire()
    body = questionnaire.meeting.body
    body.title_es = ""
    body.save()
    focal_point("ECU")
    client.force_login(secretariat_user())
    page = text(client.get(reverse("questionnaires:invite", args=Q)))
    assert "<li>The title of the body: missing in Spanish.</li>" in page


def test_reminders_page_lists_only_the_states_that_have_not_submitted(client):
    questionnaire = open_questionnaire()
    for code in ("ECU", "MEX", "COL"):
        focal_point(code)
    answered(questionnaire, "ECU", submit=True)
    client.force_login(secretariat_user())
    page = text(client.get(reverse("questionnaires:remind", args=Q)))
    assert '<h1 class="h2">Send reminders to 2 States?</h1>' in page
    assert '<ul class="confirmation-items"><li>Colombia</li><li>Mexico</li></ul>' in page
    assert "no focal point" not in page


def test_post_all_page_lists_the_submitted_responses_and_posts_them(client):
    questionnaire = open_questionnaire()
    answered(questionnaire, "ECU", submit=True)
    answered(questionnaire, "COL", submit=True)
    answered(questionnaire, "MEX")
    client.force_login(secretariat_user())
    before = saved()
    page = text(client.get(reverse("questionnaires:post_all", args=Q)))
    assert '<h1 class="h2">Post 2 submitted responses on the secure page?</h1>' in page
    assert '<ul class="confirmation-items"><li>Colombia</li><li>Ecuador</li></ul>' in page
    assert saved() == before
    done = text(client.post(reverse("questionnaires:post_all", args=Q), follow=True))
    assert "2 responses were posted on the secure page." in done
    assert Response.objects.filter(status=Response.Status.POSTED).count() == 2


def test_post_one_page_names_the_state(client):
    response = answered(open_questionnaire(), "ECU", submit=True)
    client.force_login(secretariat_user())
    page = text(client.get(reverse("questionnaires:response_post", args=[response.pk])))
    assert '<h1 class="h2">Post the response of Ecuador on the secure page?</h1>' in page
    assert f'href="{reverse("questionnaires:response", args=[response.pk])}">Cancel</a>' in page
    response.refresh_from_db()
    assert response.status == Response.Status.SUBMITTED


def test_reopen_page_asks_the_reason_and_says_the_response_leaves_the_secure_page(client):
    response = answered(open_questionnaire(), "ECU", post=True)
    client.force_login(secretariat_user())
    page = text(client.get(reverse("questionnaires:response_reopen", args=[response.pk])))
    assert '<h1 class="h2">Reopen the response of Ecuador?</h1>' in page
    assert "<li>It leaves the secure page until it is posted again.</li>" in page
    assert 'name="reason"' in page
    assert "btn-danger" in page
    response.refresh_from_db()
    assert response.status == Response.Status.POSTED
    done = text(
        client.post(reverse("questionnaires:response_reopen", args=[response.pk]), {"reason": "Typo"}, follow=True)
    )
    assert "The response was reopened; its State can change it again." in done
    response.refresh_from_db()
    assert response.status == Response.Status.DRAFT


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("open", SECRETARIAT_ONLY),
        ("close", SECRETARIAT_ONLY),
        ("invite", SECRETARIAT_ONLY),
        ("remind", SECRETARIAT_ONLY),
        ("post_all", SECRETARIAT_ONLY),
        # A response of Ecuador: its own focal point may read it but not post or reopen it.
        ("response_post", (LOGIN, 403, 404, 404, 200, 200)),
        ("response_reopen", (LOGIN, 403, 404, 404, 200, 200)),
    ],
)
def test_confirmation_pages_answer_as_their_actions(client_as, name, expected, role):
    questionnaire = open_questionnaire()
    response = answered(questionnaire, "ECU", submit=True)
    urls = {
        "open": reverse("questionnaires:status", args=Q) + "?status=open",
        "close": reverse("questionnaires:status", args=Q) + "?status=closed",
        "invite": reverse("questionnaires:invite", args=Q),
        "remind": reverse("questionnaires:remind", args=Q),
        "post_all": reverse("questionnaires:post_all", args=Q),
        "response_post": reverse("questionnaires:response_post", args=[response.pk]),
        "response_reopen": reverse("questionnaires:response_reopen", args=[response.pk]),
    }
    before = saved()
    assert_answer(client_as(role).get(urls[name]), expect(expected, role))
    assert saved() == before


def test_dashboard_buttons_lead_to_the_confirmations(client, draft_questionnaire):
    client.force_login(secretariat_user())
    page = text(client.get(reverse("questionnaires:dashboard", args=Q)))
    assert f'href="{reverse("questionnaires:status", args=Q)}?status=open">Open for responses</a>' in page
    assert f'href="{reverse("questionnaires:post_all", args=Q)}">Post all submitted responses</a>' in page
    draft_questionnaire.status = Questionnaire.Status.OPEN
    draft_questionnaire.save()
    page = text(client.get(reverse("questionnaires:dashboard", args=Q)))
    assert f'href="{reverse("questionnaires:invite", args=Q)}">Send the invitations</a>' in page
    assert f'href="{reverse("questionnaires:status", args=Q)}?status=closed">Close</a>' in page


def test_adding_a_recommendation_says_so(client):
    questionnaire = open_questionnaire()
    source = questionnaire.source_meeting
    client.force_login(secretariat_user())
    data = {"topic": source.topics.get().pk, "number": 4, "text_en": "Governments should share data."}
    page = text(client.post(reverse("questionnaires:recommendation_create", args=["honlac", 31]), data, follow=True))
    assert "Recommendation 4 was added." in page
    assert source.recommendations.filter(number=4, text_en="Governments should share data.").exists()
