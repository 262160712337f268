"""Work shared within a State: inviting contributors, giving them blocks, their drafts, "ready", and what the focal
point sees of it; only a focal point submits."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import AuditEvent, OutgoingEmail, User
from questionnaires import contributors, responses
from questionnaires.models import Answer, BlockAssignment, Response
from tests.factories import answered, contributor, focal_point, open_questionnaire, secretariat_user, state
from tests.helpers import confirm_identity


@pytest.fixture
def world(db):
    """The open questionnaire of meeting 32 (three recommendations), Ecuador's draft, its focal point and two of
    its contributors (Ana, Luis), and a contributor of Mexico."""
    questionnaire = open_questionnaire()
    draft = responses.response_for(questionnaire, state("ECU"), by=None)
    questions = list(questionnaire.questions.order_by("position"))
    return {
        "questionnaire": questionnaire,
        "draft": draft,
        "questions": questions,
        "focal_point": focal_point("ECU"),
        "ana": contributor("ECU", "ana", first_name="Ana", last_name="Torres", preferred_language="es"),
        "luis": contributor("ECU", "luis", first_name="Luis", last_name="Vega"),
        "mexican": contributor("MEX", "mx-contributor"),
    }


def signed_in(client, user):
    client.force_login(user)
    confirm_identity(client)
    return client


def give(world, person, *questions):
    contributors.assign_blocks(
        world["draft"], contributors=dict.fromkeys((q.pk for q in questions), person), by=None, base_url=""
    )


def blocks_data(response, questions, *, status="partially", text="Draft by a contributor.", **extra):
    data = {"version": Response.objects.get(pk=response.pk).version, **extra}
    for question in questions:
        data[f"status_{question.pk}"], data[f"text_{question.pk}"] = status, text
    return data


# Inviting ------------------------------------------------------------------------------------------------------


def test_focal_point_invites_a_contributor_of_their_own_state(client, world, django_capture_on_commit_callbacks):
    signed_in(client, world["focal_point"])
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(
            reverse("questionnaires:contributor_invite"),
            {
                "username": "maria",
                "email": "maria@ecuador.example",
                "title": "ms",
                "first_name": "María",
                "last_name": "Andrade",
                "preferred_language": "es",
                "member_state": state("MEX").pk,  # not a field for a focal point: ignored
            },
        )
    assert page.status_code == 302
    invited = User.objects.get(username="maria")
    assert (invited.role, invited.member_state.code, invited.has_usable_password()) == ("contributor", "ECU", False)
    [message] = mail.outbox
    assert message.to == ["maria@ecuador.example"]
    # After the catalogs take the translations of the part "bodies" (the portal is named by a setting, translated).
    assert message.subject == ("Órganos subsidiarios de la CND: su cuenta de colaborador o colaboradora")
    assert "Estimada Sra. Andrade:" in message.body
    assert re.search(r"https?://[^\s]+/accounts/reset/[^\s]+/", message.body)
    event = AuditEvent.objects.get(action="user.contributor_invited")
    assert (event.actor, event.object, event.details) == (world["focal_point"], invited, {"member_state": "ECU"})


def test_inviting_a_contributor_asks_to_confirm_it_is_you(client, world):
    client.force_login(world["focal_point"])
    page = client.post(
        reverse("questionnaires:contributor_invite"),
        {"username": "maria", "email": "m@example.org", "last_name": "Andrade", "preferred_language": "es"},
    )
    assert page["Location"].startswith(reverse("reauth_confirm"))
    assert not User.objects.filter(username="maria").exists()


def test_secretariat_invites_a_contributor_of_any_state(client, world):
    signed_in(client, secretariat_user())
    client.post(
        reverse("questionnaires:contributor_invite"),
        {
            "username": "pedro",
            "email": "pedro@mexico.example",
            "last_name": "Ruiz",
            "preferred_language": "en",
            "member_state": state("MEX").pk,
        },
    )
    invited = User.objects.get(username="pedro")
    assert (invited.role, invited.member_state.code) == ("contributor", "MEX")


def test_focal_point_lists_the_contributors_of_their_state_only(client, world):
    page = signed_in(client, world["focal_point"]).get(reverse("questionnaires:contributors"))
    assert list(page.context["contributors"]) == [world["ana"], world["luis"]]
    assert "mx-contributor" not in page.content.decode()


def test_list_of_contributors_runs_the_same_queries_with_many(client, world, django_assert_num_queries):
    signed_in(client, secretariat_user())
    client.get(reverse("questionnaires:contributors"))  # the session and the site's caches, once
    with django_assert_num_queries(6) as few:
        client.get(reverse("questionnaires:contributors"))
    for number in range(30):
        contributor("COL", f"col-{number}")
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(reverse("questionnaires:contributors"))
    assert len(page.context["contributors"]) == 33


def test_focal_point_ends_a_contributors_access(client, world):
    give(world, world["ana"], world["questions"][0])
    signed_in(client, world["focal_point"])
    url = reverse("questionnaires:contributor_deactivate", args=[world["ana"].pk])
    assert "End the access of Ana Torres (ana)?" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    world["ana"].refresh_from_db()
    assert world["ana"].is_active is False
    assert not BlockAssignment.objects.exists()  # the block is nobody's again
    assert AuditEvent.objects.get(action="user.contributor_deactivated").details == {"count": 1}


def test_a_contributor_of_another_state_cannot_be_deactivated(client, world):
    signed_in(client, world["focal_point"])
    url = reverse("questionnaires:contributor_deactivate", args=[world["mexican"].pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert User.objects.get(pk=world["mexican"].pk).is_active


@pytest.mark.parametrize("role", ["secretariat", "admin"])
def test_secretariat_and_admin_list_and_deactivate_the_contributors_of_any_state(client, world, role):
    from tests.factories import admin_user

    signed_in(client, secretariat_user() if role == "secretariat" else admin_user())
    listed = client.get(reverse("questionnaires:contributors")).context["contributors"]
    assert set(listed) == {world["ana"], world["luis"], world["mexican"]}
    client.post(reverse("questionnaires:contributor_deactivate", args=[world["mexican"].pk]))
    assert User.objects.get(pk=world["mexican"].pk).is_active is False


def test_a_deactivated_contributor_loses_access(client, world):
    give(world, world["ana"], world["questions"][0])
    signed_in(client, world["ana"])
    blocks = reverse("questionnaires:response_blocks", args=[world["draft"].pk])
    assert client.get(blocks).status_code == 200
    contributors.deactivate_contributor(world["ana"], by=world["focal_point"])
    assert "login/?next=" in client.get(blocks)["Location"]
    assert client.post(blocks, blocks_data(world["draft"], world["questions"][:1]))["Location"].startswith(
        reverse("login")
    )
    assert not Answer.objects.exists()


# Giving blocks -------------------------------------------------------------------------------------------------


def test_focal_point_gives_blocks_and_each_contributor_gets_the_list(client, world, django_capture_on_commit_callbacks):
    first, second, third = world["questions"]
    signed_in(client, world["focal_point"])
    url = reverse("questionnaires:assign_blocks", args=[world["draft"].pk])
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(
            url, {f"block_{first.pk}": world["ana"].pk, f"block_{second.pk}": world["ana"].pk, f"block_{third.pk}": ""}
        )
    assert page["Location"] == reverse("questionnaires:response_edit", args=[world["draft"].pk])
    assert sorted(BlockAssignment.objects.values_list("question", "contributor", "assigned_by")) == [
        (first.pk, world["ana"].pk, world["focal_point"].pk),
        (second.pk, world["ana"].pk, world["focal_point"].pk),
    ]
    [message] = mail.outbox
    assert message.to == [world["ana"].email]
    assert "- Recomendación 1\n- Recomendación 2\n" in message.body  # in her language
    assert "Recomendación 3" not in message.body
    assert reverse("questionnaires:response_blocks", args=[world["draft"].pk]) in message.body
    assert sorted(
        AuditEvent.objects.filter(action="response.block_assigned").values_list("details", flat=True), key=str
    ) == [
        {"item": "Recommendation 1", "username": "ana"},
        {"item": "Recommendation 2", "username": "ana"},
    ]
    # Given to another, a block is told to them only, and is in progress again.
    BlockAssignment.objects.filter(question=first).update(ready_at="2024-05-01T10:00Z")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {f"block_{first.pk}": world["luis"].pk, f"block_{second.pk}": world["ana"].pk})
    assert [m.to for m in mail.outbox[1:]] == [[world["luis"].email]]
    moved = BlockAssignment.objects.get(question=first)
    assert (moved.contributor, moved.ready_at) == (world["luis"], None)


def test_blocks_cannot_be_given_to_a_contributor_of_another_state(client, world):
    first = world["questions"][0]
    signed_in(client, world["focal_point"])
    page = client.post(
        reverse("questionnaires:assign_blocks", args=[world["draft"].pk]), {f"block_{first.pk}": world["mexican"].pk}
    )
    assert page.status_code == 400
    assert not BlockAssignment.objects.exists()
    assert not OutgoingEmail.objects.exists()


def test_blocks_of_a_submitted_response_cannot_be_given(world):
    response = answered(world["questionnaire"], "ECU", submit=True)
    with pytest.raises(Exception, match="submitted and is locked"):
        contributors.assign_blocks(
            response, contributors={world["questions"][0].pk: world["ana"]}, by=world["focal_point"], base_url=""
        )
    assert not BlockAssignment.objects.exists()


# The contributor's work ----------------------------------------------------------------------------------------


def test_contributor_home_lists_their_blocks_per_questionnaire(client, world):
    give(world, world["ana"], world["questions"][1])
    page = signed_in(client, world["ana"]).get(reverse("meetings:home"))
    [task] = page.context["contributions"]
    assert (task.response, [a.question for a in task.assignments]) == (world["draft"], [world["questions"][1]])
    text = page.content.decode()
    assert "Recommendation 2 · in progress" in re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text))
    assert reverse("questionnaires:response_blocks", args=[world["draft"].pk]) in text


def test_contributor_form_holds_only_their_blocks(client, world):
    first, second, third = world["questions"]
    responses.save_response(
        world["draft"],
        answers={third.pk: ("implemented", "A secret of another block.")},
        expected_version=None,
        by=world["focal_point"],
    )
    give(world, world["ana"], second)
    page = signed_in(client, world["ana"]).get(reverse("questionnaires:response_blocks", args=[world["draft"].pk]))
    assert page.status_code == 200
    assert [block.question for block in page.context["form"].blocks()] == [second]
    text = page.content.decode()
    text = text[text.index('id="response-form"') : text.index("</form>", text.index('id="response-form"'))]
    assert f'name="text_{second.pk}"' in text
    assert f'name="text_{first.pk}"' not in text and f'name="text_{third.pk}"' not in text
    assert "A secret of another block." not in text
    assert 'name="language"' not in text and 'name="submit"' not in text and 'type="file"' not in text


def test_contributor_drafts_their_block(client, world):
    second = world["questions"][1]
    give(world, world["ana"], second)
    signed_in(client, world["ana"])
    url = reverse("questionnaires:response_blocks", args=[world["draft"].pk])
    assert client.post(url, blocks_data(world["draft"], [second], text="Una ley nueva."))["Location"] == url
    answer = Answer.objects.get()
    assert (answer.question, answer.status, answer.text, answer.updated_by) == (
        second,
        "partially",
        "Una ley nueva.",
        world["ana"],
    )
    assert AuditEvent.objects.filter(action="response.saved", actor=world["ana"]).count() == 1


def test_a_post_with_another_blocks_field_is_refused_and_saves_nothing(client, world):
    first, second, _third = world["questions"]
    give(world, world["ana"], second)
    give(world, world["luis"], first)
    signed_in(client, world["ana"])
    version = Response.objects.get(pk=world["draft"].pk).version
    for url in (
        reverse("questionnaires:response_blocks", args=[world["draft"].pk]),
        reverse("questionnaires:response_blocks_autosave", args=[world["draft"].pk]),
    ):
        data = blocks_data(world["draft"], [second])
        data[f"text_{first.pk}"] = "Written over Luis's block."
        assert client.post(url, data).status_code == 400
        assert client.post(url, {**blocks_data(world["draft"], [second]), "language": "fr"}).status_code == 400
    assert not Answer.objects.exists()
    assert Response.objects.get(pk=world["draft"].pk).version == version


def test_the_service_refuses_a_block_not_given_to_the_contributor(world):
    from django.core.exceptions import PermissionDenied

    give(world, world["ana"], world["questions"][1])
    with pytest.raises(PermissionDenied):
        contributors.save_blocks(
            world["draft"],
            answers={world["questions"][0].pk: ("implemented", "")},
            expected_version=None,
            by=world["ana"],
        )
    assert not Answer.objects.exists()


def test_contributor_marks_a_block_ready_and_a_change_makes_it_in_progress_again(client, world):
    second = world["questions"][1]
    give(world, world["ana"], second)
    signed_in(client, world["ana"])
    url = reverse("questionnaires:response_blocks", args=[world["draft"].pk])
    client.post(url, blocks_data(world["draft"], [second], ready=str(second.pk)))
    assignment = BlockAssignment.objects.get()
    assert assignment.ready_at is not None
    assert AuditEvent.objects.get(action="response.block_ready").details == {"item": "Recommendation 2"}
    # Saved unchanged, it stays ready; changed, it is in progress again.
    client.post(url, blocks_data(world["draft"], [second]))
    assignment.refresh_from_db()
    assert assignment.ready_at is not None
    client.post(url, blocks_data(world["draft"], [second], text="Corrected."))
    assignment.refresh_from_db()
    assert assignment.ready_at is None


def test_contributor_autosaves_their_block(client, world):
    second = world["questions"][1]
    give(world, world["ana"], second)
    signed_in(client, world["ana"])
    answer = client.post(
        reverse("questionnaires:response_blocks_autosave", args=[world["draft"].pk]),
        blocks_data(world["draft"], [second], text="Typed."),
    )
    assert answer.status_code == 200
    assert answer.json()["version"] == Response.objects.get(pk=world["draft"].pk).version
    assert Answer.objects.get().text == "Typed."


def test_a_save_meanwhile_of_other_blocks_does_not_refuse_the_contributors(client, world):
    first, second, _third = world["questions"]
    give(world, world["ana"], second)
    signed_in(client, world["ana"])
    url = reverse("questionnaires:response_blocks", args=[world["draft"].pk])
    opened = blocks_data(world["draft"], [second], text="Ana's draft.")
    responses.save_response(
        world["draft"], answers={first.pk: ("implemented", "By the focal point.")}, expected_version=None, by=None
    )
    assert client.post(url, opened).status_code == 302
    assert dict(Answer.objects.values_list("question", "text")) == {
        first.pk: "By the focal point.",
        second.pk: "Ana's draft.",
    }


def test_a_save_meanwhile_of_the_contributors_block_is_not_overwritten(client, world):
    second = world["questions"][1]
    give(world, world["ana"], second)
    signed_in(client, world["ana"])
    url = reverse("questionnaires:response_blocks", args=[world["draft"].pk])
    opened = blocks_data(world["draft"], [second], text="Ana's draft.")
    responses.save_response(
        world["draft"], answers={second.pk: ("implemented", "By the focal point.")}, expected_version=None, by=None
    )
    page = client.post(url, opened)
    assert page.status_code == 409
    assert Answer.objects.get().text == "By the focal point."
    assert page.context["changes"] == {second.pk: {"status": "Implemented", "text": "By the focal point."}}
    text = page.content.decode()
    assert "Ana&#x27;s draft." in text  # kept in the form
    assert "Saved meanwhile by someone else:" in text
    # Saved again from the page, it saves over it knowingly.
    assert client.post(url, {**opened, "version": page.context["form"]["version"].value()}).status_code == 302
    assert Answer.objects.get().text == "Ana's draft."
    autosave = client.post(reverse("questionnaires:response_blocks_autosave", args=[world["draft"].pk]), opened)
    assert (autosave.status_code, autosave.json()["error"]) == (409, "conflict")


def test_a_contributor_of_another_state_gets_404_at_every_address_of_the_response(client, world):
    give(world, world["ana"], world["questions"][0])
    pk = world["draft"].pk
    signed_in(client, world["mexican"])
    names = [
        "response",
        "response_edit",
        "response_autosave",
        "response_submit",
        "response_history",
        "assign_blocks",
        "response_blocks",
        "response_blocks_autosave",
        "attachment_upload",
    ]
    answers = {name: client.get(reverse(f"questionnaires:{name}", args=[pk])).status_code for name in names}
    answers["response_pdf"] = client.get(reverse("questionnaires:response_pdf", args=[pk, "en"])).status_code
    posted = {name: client.post(reverse(f"questionnaires:{name}", args=[pk]), {}).status_code for name in names}
    assert set(answers.values()) == set(posted.values()) == {404}
    assert Response.objects.get(pk=pk).version == world["draft"].version


def test_contributor_cannot_submit_the_response(client, world):
    second = world["questions"][1]
    give(world, world["ana"], second)
    signed_in(client, world["ana"])
    assert client.get(reverse("questionnaires:response_submit", args=[world["draft"].pk])).status_code == 404
    assert client.post(reverse("questionnaires:response_submit", args=[world["draft"].pk])).status_code == 404
    # "submit" sent with the form of the blocks only saves them.
    url = reverse("questionnaires:response_blocks", args=[world["draft"].pk])
    client.post(url, blocks_data(world["draft"], [second], submit=""))
    assert Response.objects.get(pk=world["draft"].pk).status == Response.Status.DRAFT


def test_blocks_of_a_submitted_response_are_read_only(client, world):
    second = world["questions"][1]
    give(world, world["ana"], second)
    response = answered(world["questionnaire"], "ECU", submit=True)
    signed_in(client, world["ana"])
    url = reverse("questionnaires:response_blocks", args=[response.pk])
    page = client.get(url)
    assert page.context["editable"] is False
    assert "submitted and is locked" in page.content.decode()
    client.post(url, blocks_data(response, [second], text="Too late."))
    assert Answer.objects.get(question=second).text == "Measures taken."


# What the focal point sees ---------------------------------------------------------------------------------------


def test_each_block_of_the_focal_points_form_says_who_wrote_it_last_and_to_whom_it_is_given(client, world):
    first, second, third = world["questions"]
    give(world, world["ana"], second)
    give(world, world["luis"], third)
    signed_in(client, world["ana"]).post(
        reverse("questionnaires:response_blocks", args=[world["draft"].pk]),
        blocks_data(world["draft"], [second], ready=str(second.pk)),
    )
    page = signed_in(client, world["focal_point"]).get(
        reverse("questionnaires:response_edit", args=[world["draft"].pk])
    )
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.content.decode()))
    written_at = Answer.objects.get(question=second).updated_at
    from meetings.wording import long_datetime

    assert f"Last written by Ana Torres on {long_datetime(written_at, 'en')}" in text
    assert "Assigned to Ana Torres — ready" in text
    assert "Assigned to Luis Vega — in progress" in text
    notes = page.context["block_notes"]
    assert set(notes) == {second.pk, third.pk}  # the first block: nobody wrote it, nobody was given it
    assert first.pk not in notes


def test_the_focal_point_submits_once_the_blocks_are_ready(client, world):
    give(world, world["ana"], *world["questions"])
    signed_in(client, world["ana"]).post(
        reverse("questionnaires:response_blocks", args=[world["draft"].pk]),
        blocks_data(world["draft"], world["questions"]),
    )
    signed_in(client, world["focal_point"])
    client.post(
        reverse("questionnaires:response_submit", args=[world["draft"].pk]),
        {"version": Response.objects.get(pk=world["draft"].pk).version},
    )
    assert Response.objects.get(pk=world["draft"].pk).status == Response.Status.SUBMITTED


# Queries: the pages of many blocks run as many queries as those of few -------------------------------------------


def many_blocks(world, count):
    """`count` more recommendations in the questionnaire, each a block given to Ana."""
    from questionnaires.models import Question, Recommendation

    source = world["questionnaire"].source_meeting
    for number in range(4, 4 + count):
        recommendation = Recommendation.objects.create(meeting=source, number=number, text_en=f"Text {number}.")
        question = Question.objects.create(
            questionnaire=world["questionnaire"], position=number, recommendation=recommendation
        )
        BlockAssignment.objects.create(response=world["draft"], question=question, contributor=world["ana"])
        Answer.objects.create(response=world["draft"], question=question, text="x", updated_by=world["ana"])


@pytest.mark.parametrize(
    ("who", "url_name"),
    [
        ("ana", "meetings:home"),
        ("ana", "questionnaires:response_blocks"),
        ("focal_point", "questionnaires:assign_blocks"),
        ("focal_point", "questionnaires:response_edit"),
    ],
)
def test_pages_of_blocks_run_the_same_queries_with_many_blocks(client, world, django_assert_num_queries, who, url_name):
    give(world, world["ana"], world["questions"][0])
    signed_in(client, world[who])
    url = reverse(url_name, args=[] if url_name == "meetings:home" else [world["draft"].pk])
    assert client.get(url).status_code == 200  # the session and the site's caches, once
    with django_assert_num_queries(100, exact=False) as few:
        client.get(url)
    many_blocks(world, 20)
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(url)
    assert page.status_code == 200
    assert "Recommendation 23" in page.content.decode()


# Answers carried forward, and the fields of a focal point ------------------------------------------------------


@pytest.fixture
def carried(db):
    """Ecuador's response of 2024 with its answers of 2023 carried forward, a contributor given block 1 of 2."""
    from tests.factories import three_cycles

    first, second = three_cycles()
    answered(first, "ECU", status="partially", text="Then.", submit=True)
    draft = responses.response_for(second, state("ECU"), by=None)
    questions = list(second.questions.order_by("position"))
    person = contributor("ECU", "ana")
    contributors.assign_blocks(draft, contributors={questions[0].pk: person}, by=None, base_url="")
    return draft, questions, person


def test_a_contributor_confirms_the_carried_answer_of_their_block(client, carried):
    draft, (own, other, *_rest), person = carried
    signed_in(client, person)
    page = client.get(reverse("questionnaires:response_blocks", args=[draft.pk]))
    assert "From your response of" in page.content.decode() and f'name="confirm_{own.pk}"' in page.content.decode()
    data = blocks_data(draft, [own], status="partially", text="Then.", **{f"confirm_{own.pk}": "on"})
    assert client.post(reverse("questionnaires:response_blocks", args=[draft.pk]), data).status_code == 302
    assert not draft.answers.get(question=own).awaits_confirmation
    assert draft.answers.get(question=other).awaits_confirmation


def test_a_contributor_cannot_confirm_another_block_nor_reply_to_comments(client, carried):
    draft, (own, other, *_rest), person = carried
    signed_in(client, person)
    url = reverse("questionnaires:response_blocks", args=[draft.pk])
    for extra in ({f"confirm_{other.pk}": "on"}, {"reply_1": "A reply."}):
        assert client.post(url, blocks_data(draft, [own], **extra)).status_code == 400
    assert draft.answers.get(question=other).awaits_confirmation
    assert Response.objects.get(pk=draft.pk).version == draft.version


def test_a_focal_point_saving_after_a_conflict_keeps_the_contributors_block(client, world):
    """The focal point opened the form; a contributor then saved their block; the focal point's save is refused
    (409) and the form offered again holds the contributor's text in their block, with the focal point's own
    change in the other: saving it again loses neither."""
    draft, (first, second, third) = world["draft"], world["questions"]
    opened = Response.objects.get(pk=draft.pk).version
    give(world, world["ana"], second)
    ana_saved = contributors.save_blocks(
        draft, answers={second.pk: ("implemented", "Ana's measures.")}, expected_version=None, by=world["ana"]
    )
    signed_in(client, world["focal_point"])
    url = reverse("questionnaires:response_edit", args=[draft.pk])
    data = {"version": opened, "language": "en"}
    for question in (first, second, third):
        data[f"status_{question.pk}"], data[f"text_{question.pk}"] = "", ""
    data[f"status_{first.pk}"], data[f"text_{first.pk}"] = "partially", "The focal point's measures."
    page = client.post(url, {**data, "save": "1"})
    assert page.status_code == 409
    form = page.context["form"]
    assert form.value_of(f"text_{second.pk}") == "Ana's measures."
    assert form.value_of(f"status_{second.pk}") == "implemented"
    assert form.value_of(f"text_{first.pk}") == "The focal point's measures."
    again = {key: form.value_of(key) for key in form.fields if key.startswith(("status_", "text_"))}
    again.update(version=ana_saved.version, language="en", save="1")
    assert client.post(url, again).status_code == 302
    answers = {a.question_id: (a.status, a.text) for a in Response.objects.get(pk=draft.pk).answers.all()}
    assert answers[second.pk] == ("implemented", "Ana's measures.")
    assert answers[first.pk] == ("partially", "The focal point's measures.")
