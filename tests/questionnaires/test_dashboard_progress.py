"""The dashboard's mail runs and transmittal note: real progress, and what to do next."""

import pytest
from django.urls import reverse

from accounts.models import OutgoingEmail
from questionnaires import transmittal
from questionnaires.models import MessageRun
from tests.factories import answered, focal_point, open_questionnaire, secretariat_user


@pytest.fixture
def questionnaire(db):
    return open_questionnaire()


def dashboard(client):
    client.force_login(secretariat_user())
    return client.get(reverse("questionnaires:dashboard", args=["honlac", 32]))


def run_of(questionnaire, statuses):
    run = MessageRun.objects.create(questionnaire=questionnaire, kind=MessageRun.Kind.INVITATION)
    for number, status in enumerate(statuses):
        user = focal_point("ECU", username=f"fp-{number}")
        OutgoingEmail.objects.create(
            to=user.email, recipient=user, subject="-", body="-", run=run, status=status, error="550 No such user"
        )
    return run


def test_a_run_of_three_queued_messages_shows_its_progress_not_that_none_was_sent(client, questionnaire):
    run_of(questionnaire, ["queued", "queued", "queued"])
    html = dashboard(client).content.decode()
    assert "0 of 3 messages sent, 3 waiting to be sent" in html
    assert 'aria-valuenow="0"' in html
    assert "progress-bar-animated progress-3" in html  # waiting: a sliver that moves, not an empty bar
    assert "No message has been sent yet." not in html
    assert "No invitation or reminder has been sent yet." not in html


def test_a_run_part_sent_part_failed_shows_the_share_done_and_what_to_do(client, questionnaire):
    run = run_of(questionnaire, ["sent", "sent", "failed", "queued"])
    html = dashboard(client).content.decode()
    assert "2 of 4 messages sent" in html and "1 failed" in html and "1 waiting to be sent" in html
    assert 'aria-valuenow="75"' in html and "progress-75" in html
    assert "Check the focal point" in html and "550 No such user" in html
    assert reverse("questionnaires:retry_run", args=["honlac", 32, run.pk]) in html


def test_no_run_yet_says_so(client, questionnaire):
    assert "No invitation or reminder has been sent yet." in dashboard(client).content.decode()


def test_transmittal_note_posted_after_says_it_is_out_of_date_with_the_action(client, questionnaire):
    answered(questionnaire, "ECU", post=True)
    note = transmittal.generate_transmittal_note(questionnaire, by=None)
    assert "Out of date" not in dashboard(client).content.decode()
    answered(questionnaire, "MEX", post=True)
    html = dashboard(client).content.decode()
    assert f"The transmittal note {note.symbol} is out of date: 1 response was posted after " in html
    assert "Generate the note again</button>" in html
    transmittal.generate_transmittal_note(questionnaire, by=None)
    html = dashboard(client).content.decode()
    assert "is out of date" not in html
    assert "up to date, with the responses posted until" in html


def test_issued_transmittal_note_out_of_date_offers_the_addendum(client, questionnaire):
    from meetings.models import Document

    answered(questionnaire, "ECU", post=True)
    note = transmittal.generate_transmittal_note(questionnaire, by=None)
    Document.objects.filter(pk=note.pk).update(status=Document.Status.ISSUED)
    answered(questionnaire, "MEX", post=True)
    html = dashboard(client).content.decode()
    assert "The note is issued: the response goes to an addendum." in html
    assert "Generate the addendum</button>" in html
    addendum = transmittal.generate_transmittal_note(questionnaire, by=None)
    assert addendum.parent_id == note.pk
    assert "is out of date" not in dashboard(client).content.decode()


@pytest.mark.postgres
def test_transmittal_note_with_two_addenda_is_up_to_date_after_the_second(client, questionnaire):
    from meetings.models import Document

    answered(questionnaire, "ECU", post=True)
    note = transmittal.generate_transmittal_note(questionnaire, by=None)
    Document.objects.filter(pk=note.pk).update(status=Document.Status.ISSUED)
    answered(questionnaire, "MEX", post=True)
    first = transmittal.generate_transmittal_note(questionnaire, by=None)
    Document.objects.filter(pk=first.pk).update(status=Document.Status.ISSUED)
    answered(questionnaire, "COL", post=True)
    second = transmittal.generate_transmittal_note(questionnaire, by=None)
    assert (first.parent_id, second.parent_id, first.pk != second.pk) == (note.pk, note.pk, True)
    html = dashboard(client).content.decode()
    assert "is out of date" not in html
    assert "up to date, with the responses posted until" in html
