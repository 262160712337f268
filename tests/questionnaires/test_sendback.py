"""Sending a response back with comments: the secretariat's comments by round, the State's replies, the
resubmission, the history, the mail, and who may do what."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import AuditEvent, User
from questionnaires import responses, sendback
from questionnaires.comments import form_review
from questionnaires.models import Question, Response, ReviewComment
from tests.factories import (
    MeetingFactory,
    QuestionnaireFactory,
    UserFactory,
    admin_user,
    answered,
    focal_point,
    open_questionnaire,
    secretariat_user,
    state,
)
from tests.helpers import LOGIN, ROLES, assert_answer, confirm_identity


@pytest.fixture
def questionnaire(db):
    return open_questionnaire(states=("ECU", "MEX", "COL"), recommendations=3)


def blocks(questionnaire):
    return list(questionnaire.questions.order_by("position"))


def send_back(client, response, comments):
    """The secretariat's form sent: `comments` maps a question (None: the whole response) to a text."""
    data = {"version": Response.objects.get(pk=response.pk).version}
    for question, text in comments.items():
        data["general" if question is None else f"comment_{question.pk}"] = text
    return client.post(reverse("questionnaires:response_send_back", args=[response.pk]), data)


def form_data(response, *, replies=None, status="implemented", text="Measures taken."):
    """The response form as the focal point sends it, with `replies` (comment -> text)."""
    response = Response.objects.get(pk=response.pk)
    data = {"version": response.version, "language": "en"}
    for question in response.questionnaire.questions.all():
        if question.recommendation_id:
            data[f"status_{question.pk}"] = status
        data[f"text_{question.pk}"] = text
    for comment, reply in (replies or {}).items():
        data[f"reply_{comment.pk}"] = reply
    return data


def sent_back(questionnaire, *, comments=None, post=False):
    """Ecuador's response submitted (and posted), then sent back by the secretariat with `comments`."""
    response = answered(questionnaire, "ECU", submit=True, post=post)
    first = blocks(questionnaire)[1]
    comments = comments or {None: "Please give the dates.", first.pk: "Which agency leads this?"}
    return sendback.send_back(response, comments=comments, by=secretariat_user(), expected_version=response.version)


# Sending back --------------------------------------------------------------------------------------------------


def test_send_back_returns_the_response_to_draft_with_its_comments_as_round_one(client, questionnaire):
    response = answered(questionnaire, "ECU", submit=True)
    second = blocks(questionnaire)[1]
    client.force_login(secretariat_user())
    answer = send_back(client, response, {None: "Please give the dates.", second: "Which agency leads this?"})
    assert answer.status_code == 302
    response.refresh_from_db()
    assert response.status == Response.Status.DRAFT
    assert response.returned_at is not None
    assert list(ReviewComment.objects.values_list("round", "question", "text")) == [
        (1, None, "Please give the dates."),
        (1, second.pk, "Which agency leads this?"),
    ]
    assert [version.event for version in response.versions.all()][:2] == ["sent_back", "submitted"]
    event = AuditEvent.objects.get(action="response.sent_back")
    assert event.details == {"version": response.version, "count": 2}
    assert event.actor.username == "secretariat"


def test_send_back_without_any_comment_is_refused_and_changes_nothing(client, questionnaire):
    response = answered(questionnaire, "ECU", submit=True)
    client.force_login(secretariat_user())
    answer = send_back(client, response, {None: "  ", blocks(questionnaire)[0]: ""})
    assert answer.status_code == 400
    assert "Write at least one comment" in answer.content.decode()
    assert Response.objects.get(pk=response.pk).status == Response.Status.SUBMITTED
    assert not ReviewComment.objects.exists()


def test_a_draft_cannot_be_sent_back(questionnaire):
    response = answered(questionnaire, "ECU")
    with pytest.raises(ValidationError, match="Only a submitted or posted response"):
        sendback.send_back(response, comments={None: "Why?"}, by=None, expected_version=response.version)
    assert not ReviewComment.objects.exists()


def test_a_comment_on_a_question_of_another_questionnaire_is_refused(questionnaire):
    response = answered(questionnaire, "ECU", submit=True)
    other = QuestionnaireFactory(meeting=MeetingFactory(number=40), source_meeting=questionnaire.meeting)
    elsewhere = Question.objects.create(questionnaire=other, position=1, text="Another question?")
    with pytest.raises(ValidationError, match="not in this questionnaire"):
        sendback.send_back(response, comments={elsewhere.pk: "Why?"}, by=None, expected_version=response.version)
    assert not ReviewComment.objects.exists()


def test_the_page_of_sending_back_a_draft_says_it_cannot_be(client, questionnaire):
    response = answered(questionnaire, "ECU")
    client.force_login(secretariat_user())
    page = client.get(reverse("questionnaires:response_send_back", args=[response.pk]), follow=True)
    assert page.redirect_chain[-1][0] == reverse("questionnaires:response", args=[response.pk])
    assert "Only a submitted or posted response can be sent back." in page.content.decode()


def test_a_posted_response_sent_back_leaves_the_secure_page(client, questionnaire):
    response = sent_back(questionnaire, post=True)
    assert response.status == Response.Status.DRAFT
    assert response.posted_at is None
    client.force_login(focal_point("MEX"))
    page = client.get(reverse("questionnaires:secure_page", args=["honlac", 32]))
    assert list(page.context["posted"]) == []
    assert client.get(reverse("questionnaires:response", args=[response.pk])).status_code == 404


def test_sending_back_a_response_changed_meanwhile_keeps_the_comments_typed(client, questionnaire):
    response = answered(questionnaire, "ECU", submit=True)
    client.force_login(secretariat_user())
    opened_at = Response.objects.get(pk=response.pk).version
    responses.post_response(response, by=None)  # someone posts it after the page was opened
    answer = client.post(
        reverse("questionnaires:response_send_back", args=[response.pk]),
        {"version": opened_at, "general": "Please give the dates."},
    )
    assert answer.status_code == 409
    assert answer.context["form"]["general"].value() == "Please give the dates."
    assert answer.context["form"]["version"].value() == Response.objects.get(pk=response.pk).version
    assert not ReviewComment.objects.exists()
    assert Response.objects.get(pk=response.pk).status == Response.Status.POSTED


def test_send_back_mail_goes_to_the_states_focal_points_only_in_their_language(
    client, questionnaire, django_capture_on_commit_callbacks
):
    response = answered(questionnaire, "ECU", submit=True)
    ecuador = focal_point("ECU")
    colleague = UserFactory(username="ecu-2", member_state=state("ECU"), preferred_language="es")
    UserFactory(username="ecu-gone", member_state=state("ECU"), is_active=False)
    UserFactory(username="ecu-contributor", member_state=state("ECU"), role=User.Role.CONTRIBUTOR)
    focal_point("MEX")
    client.force_login(secretariat_user())
    with django_capture_on_commit_callbacks(execute=True):
        send_back(client, response, {None: "The figures of 2023 are restricted.", blocks(questionnaire)[0]: "Dates?"})
    assert sorted(message.to[0] for message in mail.outbox) == sorted([ecuador.email, colleague.email])
    spanish = next(message for message in mail.outbox if message.to == [colleague.email])
    english = next(message for message in mail.outbox if message.to == [ecuador.email])
    assert english.subject.startswith("Response of Ecuador sent back with comments")
    assert "with 2 comments" in english.body
    assert f"http://testserver/responses/{response.pk}/edit/" in english.body
    assert "Trigésima Segunda Reunión" in spanish.subject
    for message in mail.outbox:  # the comments stay in the portal
        assert "restricted" not in message.body and "Dates?" not in message.body


# The State's side ----------------------------------------------------------------------------------------------


def test_focal_point_sees_the_general_comment_at_the_top_and_the_others_beside_their_blocks(client, questionnaire):
    response = sent_back(questionnaire)
    client.force_login(focal_point("ECU"))
    page = client.get(reverse("questionnaires:response_edit", args=[response.pk]))
    html = page.content.decode()
    general, on_block = ReviewComment.objects.order_by("pk")
    second, third = blocks(questionnaire)[1:]
    assert html.index("Please give the dates.") < html.index('id="question-')
    block_start, block_end = html.index(f'id="question-{second.pk}"'), html.index(f'id="question-{third.pk}"')
    assert block_start < html.index("Which agency leads this?") < block_end
    assert f'name="reply_{general.pk}"' in html and f'name="reply_{on_block.pk}"' in html


def test_replies_are_saved_with_the_draft_with_who_and_when(client, questionnaire):
    response = sent_back(questionnaire)
    general, on_block = ReviewComment.objects.order_by("pk")
    ecuador = focal_point("ECU")
    client.force_login(ecuador)
    data = form_data(response, replies={general: "From 2023 to 2024.", on_block: "The police."})
    answer = client.post(reverse("questionnaires:response_edit", args=[response.pk]), {**data, "save": ""})
    assert answer.status_code == 302
    assert list(ReviewComment.objects.order_by("pk").values_list("reply", "replied_by")) == [
        ("From 2023 to 2024.", ecuador.pk),
        ("The police.", ecuador.pk),
    ]
    assert AuditEvent.objects.filter(action="response.replied", details={"count": 2}).exists()
    kept = Response.objects.get(pk=response.pk).versions.first()
    assert (kept.event, kept.created_by) == ("saved", ecuador)
    assert kept.snapshot["replies"] == {str(general.pk): "From 2023 to 2024.", str(on_block.pk): "The police."}


def test_replies_are_saved_by_the_autosave(client, questionnaire):
    response = sent_back(questionnaire)
    general, _on_block = ReviewComment.objects.order_by("pk")
    client.force_login(focal_point("ECU"))
    data = form_data(response, replies={general: "Typed, not yet saved by hand."})
    answer = client.post(reverse("questionnaires:response_autosave", args=[response.pk]), data)
    assert answer.status_code == 200
    assert ReviewComment.objects.get(pk=general.pk).reply == "Typed, not yet saved by hand."


def test_a_reply_typed_is_kept_when_the_save_meets_someone_elses(client, questionnaire):
    response = sent_back(questionnaire)
    general, _on_block = ReviewComment.objects.order_by("pk")
    client.force_login(focal_point("ECU"))
    data = form_data(response, replies={general: "My reply."})
    data["version"] -= 1  # opened before someone else saved
    answer = client.post(reverse("questionnaires:response_edit", args=[response.pk]), {**data, "save": ""})
    assert answer.status_code == 409
    assert f'name="reply_{general.pk}"' in answer.content.decode()
    assert ">My reply.</textarea>" in answer.content.decode()
    assert ReviewComment.objects.get(pk=general.pk).reply == ""


def test_resubmitting_is_refused_until_every_comment_has_a_reply(
    client, questionnaire, django_capture_on_commit_callbacks
):
    response = sent_back(questionnaire)
    general, on_block = ReviewComment.objects.order_by("pk")
    ecuador = focal_point("ECU")
    client.force_login(ecuador)
    edit = reverse("questionnaires:response_edit", args=[response.pk])
    client.post(edit, {**form_data(response, replies={general: "Done."}), "save": ""})
    refused = client.get(reverse("questionnaires:response_submit", args=[response.pk]), follow=True)
    assert refused.redirect_chain[-1][0] == edit
    assert "Reply to each comment of the secretariat before submitting again." in refused.content.decode()
    with pytest.raises(ValidationError, match="Reply to each comment"):
        responses.submit_response(Response.objects.get(pk=response.pk), by=ecuador)
    assert Response.objects.get(pk=response.pk).status == Response.Status.DRAFT

    client.post(edit, {**form_data(response, replies={on_block: "The police."}), "save": ""})
    mail.outbox.clear()
    version = Response.objects.get(pk=response.pk).version
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("questionnaires:response_submit", args=[response.pk]), {"version": version})
    response.refresh_from_db()
    assert response.status == Response.Status.SUBMITTED
    assert response.returned_at is None
    assert [message.to for message in mail.outbox] == [[ecuador.email]]
    assert mail.outbox[0].subject.startswith("Response of Ecuador received")


def test_second_round_works_the_same_and_the_first_stays_as_it_was(client, questionnaire):
    response = sent_back(questionnaire, comments={None: "First round comment."})
    [first] = ReviewComment.objects.all()
    ecuador, secretariat = focal_point("ECU"), secretariat_user()
    sendback.save_replies(response, replies={first.pk: "First round reply."}, by=ecuador)
    responses.submit_response(Response.objects.get(pk=response.pk), by=ecuador)
    response = Response.objects.get(pk=response.pk)
    third = blocks(questionnaire)[2]
    sendback.send_back(
        response, comments={third.pk: "Second round comment."}, by=secretariat, expected_version=response.version
    )
    second = ReviewComment.objects.get(round=2)
    assert second.question == third

    client.force_login(ecuador)
    data = form_data(response, replies={first: "Rewritten.", second: "Second round reply."})
    client.post(reverse("questionnaires:response_edit", args=[response.pk]), {**data, "save": ""})
    assert ReviewComment.objects.get(pk=first.pk).reply == "First round reply."
    assert ReviewComment.objects.get(pk=second.pk).reply == "Second round reply."

    client.force_login(secretariat)
    history = client.get(reverse("questionnaires:response_history", args=[response.pk]))
    rounds = history.context["review_rounds"]
    assert [(r.number, [(c.text, c.reply) for c in r.comments]) for r in rounds] == [
        (1, [("First round comment.", "First round reply.")]),
        (2, [("Second round comment.", "Second round reply.")]),
    ]
    html = history.content.decode()
    assert "Round 1: sent back on" in html and "Round 2: sent back on" in html
    assert "Reply by fp-ecu" in html


def test_history_of_the_state_shows_the_comments_and_replies(client, questionnaire):
    response = sent_back(questionnaire, comments={None: "Please give the dates."})
    client.force_login(focal_point("ECU"))
    html = client.get(reverse("questionnaires:response_history", args=[response.pk])).content.decode()
    assert "Please give the dates." in html
    assert "No reply yet." in html


def test_comment_and_reply_are_shown_as_text(client, questionnaire):
    response = sent_back(questionnaire, comments={None: "<script>alert('comment')</script>"})
    [comment] = ReviewComment.objects.all()
    sendback.save_replies(response, replies={comment.pk: "<b onmouseover=x>reply</b>"}, by=focal_point("ECU"))
    client.force_login(secretariat_user())
    for url in ("response_edit", "response_history"):
        html = client.get(reverse(f"questionnaires:{url}", args=[response.pk])).content.decode()
        assert "<script>alert" not in html and "<b onmouseover" not in html
        assert "&lt;script&gt;alert(&#x27;comment&#x27;)&lt;/script&gt;" in html
        assert "&lt;b onmouseover=x&gt;reply&lt;/b&gt;" in html


# Where it shows ------------------------------------------------------------------------------------------------


def test_dashboard_shows_sent_back_as_the_state_of_the_response(client, questionnaire):
    sent_back(questionnaire)
    answered(questionnaire, "MEX")
    client.force_login(secretariat_user())
    page = client.get(reverse("questionnaires:dashboard", args=["honlac", 32])).content.decode()
    rows = [" ".join(row.split()) for row in page.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]]
    states = {row.split("</td>")[0].removeprefix("<td>"): row.split("</td>")[1].strip() for row in rows}
    assert states["Ecuador"] == "<td>Sent back"
    assert states["Mexico"] == "<td>Draft"


def test_focal_points_home_says_the_response_awaits_their_changes(client, questionnaire):
    sent_back(questionnaire)
    client.force_login(focal_point("ECU"))
    html = " ".join(client.get("/").content.decode().split())
    assert "Sent back by the secretariat on" in html
    assert "Reply to the comments" in html


def test_response_page_offers_sending_back_to_the_secretariat_only(client, questionnaire):
    response = answered(questionnaire, "ECU", submit=True)
    url = reverse("questionnaires:response_send_back", args=[response.pk])
    client.force_login(secretariat_user())
    assert f'href="{url}"' in client.get(reverse("questionnaires:response", args=[response.pk])).content.decode()
    client.force_login(focal_point("ECU"))
    assert f'href="{url}"' not in client.get(reverse("questionnaires:response", args=[response.pk])).content.decode()


def test_secretariat_editing_the_draft_leaves_the_replies_alone(client, questionnaire):
    response = sent_back(questionnaire)
    general, _on_block = ReviewComment.objects.order_by("pk")
    client.force_login(secretariat_user())
    page = client.get(reverse("questionnaires:response_edit", args=[response.pk]))
    assert f'name="reply_{general.pk}"' not in page.content.decode()
    data = form_data(response, replies={general: "Written by the secretariat."})
    client.post(reverse("questionnaires:response_edit", args=[response.pk]), {**data, "save": ""})
    assert ReviewComment.objects.get(pk=general.pk).reply == ""


# Who may do what -----------------------------------------------------------------------------------------------

MATRIX_ROLES = [*ROLES, "own_contributor", "other_contributor"]


@pytest.fixture
def people(users):
    return {
        **users,
        "own_contributor": UserFactory(
            username="contributor-ecu", role=User.Role.CONTRIBUTOR, member_state=state("ECU")
        ),
        "other_contributor": UserFactory(
            username="contributor-mex", role=User.Role.CONTRIBUTOR, member_state=state("MEX")
        ),
    }


def signed_in(client, people, role):
    if people[role] is not None:
        client.force_login(people[role])
        confirm_identity(client)
    return client


def answer_of(row, role):
    return dict(zip(MATRIX_ROLES, row, strict=True))[role]


@pytest.mark.parametrize("role", MATRIX_ROLES)
def test_send_back_permission_matrix(client, people, questionnaire, role):
    response = answered(questionnaire, "ECU", submit=True)
    url = reverse("questionnaires:response_send_back", args=[response.pk])
    client = signed_in(client, people, role)
    assert_answer(client.get(url), answer_of((LOGIN, 403, 404, 404, 200, 200, 404, 404), role))
    answer = client.post(url, {"version": response.version, "general": "Please give the dates."})
    wanted = answer_of((LOGIN, 403, 404, 404, 302, 302, 404, 404), role)
    assert_answer(answer, wanted)
    assert ReviewComment.objects.exists() == (wanted == 302)
    status = Response.objects.get(pk=response.pk).status
    assert status == (Response.Status.DRAFT if wanted == 302 else Response.Status.SUBMITTED)


@pytest.mark.parametrize("role", MATRIX_ROLES)
def test_reply_permission_matrix(client, people, questionnaire, role):
    response = sent_back(questionnaire)
    general, _on_block = ReviewComment.objects.order_by("pk")
    client = signed_in(client, people, role)
    data = {**form_data(response, replies={general: "A reply."}), "save": ""}
    answer = client.post(reverse("questionnaires:response_edit", args=[response.pk]), data)
    assert_answer(answer, answer_of((LOGIN, 302, 404, 404, 302, 302, 404, 404), role))
    assert (ReviewComment.objects.get(pk=general.pk).reply == "A reply.") == (role == "own_state")
    data = form_data(response, replies={general: "A reply, autosaved."})
    autosave = client.post(reverse("questionnaires:response_autosave", args=[response.pk]), data)
    assert autosave.status_code == answer_of((401, 200, 404, 404, 200, 200, 404, 404), role)
    saved = ReviewComment.objects.get(pk=general.pk).reply
    assert saved == ("A reply, autosaved." if role == "own_state" else "")


@pytest.mark.parametrize("role", MATRIX_ROLES)
def test_comments_are_read_only_by_the_state_and_the_secretariat(client, people, questionnaire, role):
    """Once the response is submitted again and posted, its participants read it, never its comments."""
    response = sent_back(questionnaire, comments={None: "A comment for Ecuador only."})
    [comment] = ReviewComment.objects.all()
    sendback.save_replies(response, replies={comment.pk: "A reply."}, by=focal_point("ECU"))
    responses.submit_response(Response.objects.get(pk=response.pk), by=None)
    responses.post_response(Response.objects.get(pk=response.pk), by=None)
    client = signed_in(client, people, role)
    seen = []
    for name in ("response", "response_history", "response_edit"):
        page = client.get(reverse(f"questionnaires:{name}", args=[response.pk]))
        if page.status_code == 200:
            seen.append(name) if "A comment for Ecuador only." in page.content.decode() else None
    assert seen == (["response_history"] if role in ("own_state", "secretariat", "admin") else [])


def test_the_form_shows_the_comments_to_the_state_and_the_secretariat_only(people, questionnaire):
    """A comment may quote any block: a contributor, who sees only the blocks given to them, is shown none."""
    response = Response.objects.get(pk=sent_back(questionnaire).pk)
    shown = {role: len(form_review(response, user=people[role]).comments) for role in MATRIX_ROLES[1:]}
    assert shown == {
        "own_state": 2,
        "other_state": 0,
        "non_participant": 0,
        "secretariat": 2,
        "admin": 2,
        "own_contributor": 0,
        "other_contributor": 0,
    }


# Query counts --------------------------------------------------------------------------------------------------


def queries_of(client, user, url):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_form_and_history_queries_do_not_grow_with_the_comments(client, db):
    questionnaire = open_questionnaire(states=("ECU", "MEX", "COL"), recommendations=12)
    counted = {}
    for code, count in (("ECU", 1), ("COL", 12)):
        response = answered(questionnaire, code, submit=True)
        comments = {question.pk: f"Comment {question.position}" for question in blocks(questionnaire)[:count]}
        sendback.send_back(
            response, comments={None: "On the whole.", **comments}, by=None, expected_version=response.version
        )
        user = focal_point(code)
        counted[code] = [
            queries_of(client, user, reverse(f"questionnaires:{name}", args=[response.pk]))
            for name in ("response_edit", "response_history", "response")
        ]
    assert counted["ECU"] == counted["COL"]


def test_admin_shows_the_comments_and_replies_of_a_response_and_never_edits_them(client, questionnaire):
    response = sent_back(questionnaire, comments={None: "Please give the dates."})
    [comment] = ReviewComment.objects.all()
    sendback.save_replies(response, replies={comment.pk: "From 2023."}, by=focal_point("ECU"))
    client.force_login(admin_user())
    confirm_identity(client)
    html = client.get(reverse("admin:questionnaires_response_change", args=[response.pk])).content.decode()
    assert "Please give the dates." in html and "From 2023." in html
    assert 'name="review_comments-0-text"' not in html and 'name="review_comments-0-reply"' not in html
