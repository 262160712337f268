"""Every service that changes data records the change: its action, its object and who acted."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_otp.oath import totp

from accounts import passkeys
from accounts import services as accounts
from accounts.audit import ACTIONS, changed_fields, log_action
from accounts.models import AuditEvent
from agendas import hosting as agenda_hosting
from agendas import offers as agenda_offers
from agendas import services as agendas
from agendas import topics as agenda_topics
from agendas.models import Agenda, HostOffer, Purpose
from meetings import bodies as meeting_bodies
from meetings import issuing
from meetings import services as meetings
from meetings.models import Document, Meeting
from meetings.symbols import reserve_agenda_symbol
from questionnaires import contributors as questionnaire_contributors
from questionnaires import linking as questionnaire_linking
from questionnaires import recommendations as questionnaire_recommendations
from questionnaires import responses as questionnaire_responses
from questionnaires import runs
from questionnaires import services as questionnaires
from questionnaires import transmittal as questionnaire_transmittal
from questionnaires.linking import LINK_FIELDS
from questionnaires.models import MessageRun, Question, Questionnaire, Recommendation
from questionnaires.recommendation_table import fingerprint
from tests.factories import (
    BodyFactory,
    DocumentFactory,
    IssuedDocumentFactory,
    MeetingFactory,
    PasskeyFactory,
    answered,
    contributor,
    open_questionnaire,
    recommendations_for,
    secretariat_user,
    state,
    three_cycles,
)
from tests.meetings.test_views import MINIMAL_PDF


def pdf(name="file.pdf"):
    return SimpleUploadedFile(name, MINIMAL_PDF, content_type="application/pdf")


# The world each service acts on, made by the services as the system (by=None) so that only the action under
# test is recorded with its actor.


def agenda_with_items():
    agenda = agendas.generate_agenda(MeetingFactory(), by=None)
    first = agendas.add_item(agenda, title_en="Opening of the meeting", by=None)
    agendas.add_item(agenda, title_en="Adoption of the agenda", by=None)
    return agenda, first


def offer():
    body = BodyFactory()
    body.member_states.add(state("COL"))
    return agenda_offers.record_offer(
        body, member_state=state("COL"), meeting_number=None, offered_on=datetime.date(2024, 5, 2), by=None
    )


def topic(meeting=None):
    return agenda_topics.propose_topic(meeting or MeetingFactory(), title="Synthetic drugs", by=None)


def consultation():
    return agenda_topics.open_consultation(
        MeetingFactory(), closes_at=timezone.now() + datetime.timedelta(days=7), by=None
    )


def host_chosen_told(by):
    """Mexico chosen to host the 33rd meeting: Colombia, which offered too, is told."""
    body = BodyFactory()
    body.member_states.add(state("COL"), state("MEX"))
    offers = [
        agenda_offers.record_offer(
            body, member_state=state(code), meeting_number=33, offered_on=datetime.date(2024, 5, 2), by=None
        )
        for code in ("COL", "MEX")
    ]
    agenda_hosting.accept_offer(offers[1], by=by)
    return offers[0]


def answers_confirmed(by):
    first, second = three_cycles()
    answered(first, "ECU", submit=True)
    response = questionnaire_responses.response_for(second, state("ECU"), by=None)
    ids = list(second.questions.values_list("pk", flat=True))
    return questionnaire_responses.confirm_answers(response, ids, by=by, expected_version=response.version)


def draft():
    return questionnaire_responses.response_for(open_questionnaire(), state("ECU"), by=None)


def sent_back(by):
    from questionnaires import sendback

    response = answered(open_questionnaire(), "ECU", submit=True)
    return sendback.send_back(response, comments={None: "Please give the dates."}, by=by, expected_version=None)


def replied(by):
    from questionnaires import sendback

    response = sent_back(None)
    comment = response.review_comments.get()
    sendback.save_replies(response, replies={comment.pk: "The dates are given."}, by=by)
    return response


def changed(obj, **values):
    for name, value in values.items():
        setattr(obj, name, value)
    return obj


def meeting_created(by):
    meeting = Meeting(body=BodyFactory(), number=40)
    return meetings.create_meeting(meeting, participating_states=[state("ECU")], by=by)


def meeting_changed(by):
    meeting = changed(MeetingFactory(), city_en="Lima")
    return meetings.update_meeting(meeting, participating_states=[state("ECU")], by=by)


def document_file_attached(by):
    document = DocumentFactory()
    meetings.attach_document_file(document, language="fr", file=pdf(), by=by)
    return document


def document_issued(by):
    document = DocumentFactory()
    meetings.attach_document_file(document, language="fr", file=pdf(), by=None)
    issuing.issue_document(document, languages=["fr"], by=by)  # an uploaded version is issued as it is
    return document


def document_reissued(by):
    document = IssuedDocumentFactory()
    issuing.reissue_document(document, languages=["en"], by=by)
    return document


def transmittal_note_again(by):
    questionnaire = open_questionnaire()
    answered(questionnaire, "ECU", post=True)
    questionnaire_transmittal.generate_transmittal_note(questionnaire, by=None)
    return questionnaire_transmittal.generate_transmittal_note(questionnaire, by=by)


def item_changed(by):
    agenda, item = agenda_with_items()
    agendas.update_item(changed(item, title_en="Opening"), by=by)
    return agenda


def item_moved(by):
    agenda, item = agenda_with_items()
    agendas.move_item(item, direction="down", by=by)
    return agenda


def item_deleted(by):
    agenda, item = agenda_with_items()
    agendas.delete_item(item, by=by)
    return agenda


def topics_selected(by):
    agenda, _item = agenda_with_items()
    agendas.add_item(agenda, title_en="Working groups", purpose=Purpose.WORKING_GROUPS, by=None)
    agenda_topics.select_topics(agenda.meeting, topics=[topic(agenda.meeting)], by=by)
    return agenda


def recommendations_imported(source):
    def run(by):
        meeting = MeetingFactory()
        if source == "text":
            questionnaire_recommendations.add_recommendations_from_text(meeting, text="# Topic\n\nOne.\n\nTwo.", by=by)
        else:
            questionnaire_recommendations.import_recommendations_csv(meeting, file=io.BytesIO(b"text_en\nOne\n"), by=by)
        return meeting

    return run


def recommendation_linked(by):
    earlier, later = MeetingFactory(number=31), MeetingFactory(number=32)
    [previous], [recommendation] = recommendations_for(earlier, 1), recommendations_for(later, 1)
    links = {recommendation.pk: (fingerprint(recommendation, LINK_FIELDS), previous.pk, "")}
    questionnaire_linking.link_recommendations(later, links=links, by=by)
    return recommendation


def recommendation_deleted(by):
    [recommendation] = recommendations_for(MeetingFactory(), 1)
    questionnaire_recommendations.delete_recommendation(recommendation, by=by)
    return recommendation.meeting


def questionnaire_generated(by):
    recommendations_for(MeetingFactory(number=31))
    return questionnaires.generate_questionnaire(MeetingFactory(number=32), by=by)


def questionnaire_changed(by):
    questionnaire = changed(open_questionnaire(), deadline=datetime.date(2024, 7, 31))
    general = [Question(questionnaire=questionnaire, text_en="Any other measure?")]
    return questionnaires.update_questionnaire(questionnaire, general_questions=general, removed_questions=[], by=by)


def attachment_removed(by):
    response = draft()
    attachment = questionnaire_responses.add_attachment(response, file=pdf(), by=None)
    questionnaire_responses.remove_attachment(attachment, by=by)
    return response


def messages_queued(by):
    questionnaire = open_questionnaire()
    run, _count = runs.queue_run(
        questionnaire, kind=MessageRun.Kind.INVITATION, base_url="https://portal.example.org", by=by
    )
    return run


def voice_given(by):
    consulted = consultation()
    agenda_topics.give_voice(consulted, member_state=state("ECU"), topics=[topic(consulted.meeting)], by=by)
    return consulted


def two_factor_set(by):
    device = accounts.totp_device_for_setup(by)
    token = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"
    accounts.confirm_totp(by, device=device, token=token, by=by)
    return by


def second_factor_removed(by):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    accounts.remove_second_factor(TOTPDevice.objects.create(user=by, name="Authenticator app"), by=by)
    return by


def invited(by):
    return accounts.invite_focal_point(
        username="new-fp",
        email="new-fp@example.org",
        member_state=state("ECU"),
        preferred_language="es",
        by=by,
        base_url="https://portal.example.org",
    )


def invited_contributor(by):
    return questionnaire_contributors.invite_contributor(
        username="new-contributor",
        email="new-contributor@example.org",
        member_state=state("ECU"),
        preferred_language="es",
        by=by,
        base_url="https://portal.example.org",
    )


def block_given(by, *, ready=False):
    response = draft()
    question = response.questionnaire.questions.first()
    questionnaire_contributors.assign_blocks(
        response, contributors={question.pk: contributor("ECU")}, by=None if ready else by, base_url=""
    )
    if ready:
        questionnaire_contributors.mark_block_ready(response.assignments.get(), by=by)
    return response


def body_created(by):
    from meetings.models import Body

    body = Body(code="honlaf", symbol_prefix="UNODC/HONLAF", working_languages=["en", "fr"], title_en="Meeting")
    return meeting_bodies.create_body(body, by=by)


SERVICES = {
    "body.created": body_created,
    "body.changed": lambda by: meeting_bodies.update_body(changed(BodyFactory(), title_en="Meeting, Africa"), by=by),
    "body.member_states_changed": lambda by: meetings.set_body_member_states(
        BodyFactory(), member_states=[state("ECU"), state("MEX")], by=by
    ),
    "meeting.created": meeting_created,
    "meeting.changed": meeting_changed,
    "meeting.opened_next": lambda by: meetings.create_next_meeting(MeetingFactory(number=31), by=by),
    "meeting.agenda_symbol_reserved": lambda by: reserve_agenda_symbol(MeetingFactory(number=31), by=by).meeting,
    "document.registered": lambda by: meetings.create_document(
        MeetingFactory(), kind=Document.Kind.NOTE, title_en="Note", issue_date=datetime.date(2024, 7, 1), by=by
    ),
    "document.issued": document_issued,
    "document.reissued": document_reissued,
    "document.reissued_version": document_reissued,
    "document.revision_created": lambda by: issuing.create_revision(IssuedDocumentFactory(), by=by),
    "document.corrigendum_created": lambda by: issuing.create_corrigendum(
        IssuedDocumentFactory(), languages=["fr"], by=by
    ),
    "document.addendum_created": lambda by: issuing.create_addendum(IssuedDocumentFactory(), by=by),
    "document.changed": lambda by: meetings.update_document(changed(DocumentFactory(), title_en="Note"), by=by),
    "document.file_attached": document_file_attached,
    "document.regenerated": transmittal_note_again,
    "agenda.generated": lambda by: agendas.generate_agenda(MeetingFactory(), by=by),
    "agenda.item_added": lambda by: agendas.add_item(agenda_with_items()[0], title_en="Other matters", by=by).agenda,
    "agenda.item_changed": item_changed,
    "agenda.item_moved": item_moved,
    "agenda.item_deleted": item_deleted,
    "agenda.status_changed": lambda by: agendas.set_agenda_status(
        agenda_with_items()[0], status=Agenda.Status.PROVISIONAL, by=by
    ),
    "topics.selected": topics_selected,
    "recommendation.added": lambda by: questionnaire_recommendations.add_recommendation(
        Recommendation(meeting=MeetingFactory(), number=1, text_en="Governments should act."), by=by
    ),
    "recommendation.changed": lambda by: questionnaire_recommendations.update_recommendation(
        changed(recommendations_for(MeetingFactory(), 1)[0], text_en="Changed."), by=by
    ),
    "recommendation.deleted": recommendation_deleted,
    "recommendation.linked": recommendation_linked,
    "recommendations.imported[text]": recommendations_imported("text"),
    "recommendations.imported[csv]": recommendations_imported("csv"),
    "questionnaire.generated": questionnaire_generated,
    "questionnaire.changed": questionnaire_changed,
    "questionnaire.status_changed": lambda by: questionnaires.set_questionnaire_status(
        open_questionnaire(), status=Questionnaire.Status.CLOSED, by=by
    ),
    "messages.queued": messages_queued,
    "response.started": lambda by: questionnaire_responses.response_for(open_questionnaire(), state("ECU"), by=by),
    "response.saved": lambda by: questionnaire_responses.save_response(
        draft(), answers={}, expected_version=None, by=by
    ),
    "response.sent_back": sent_back,
    "response.replied": replied,
    "response.answers_confirmed": answers_confirmed,
    "response.file_attached": lambda by: questionnaire_responses.add_attachment(draft(), file=pdf(), by=by).response,
    "response.file_removed": attachment_removed,
    "response.submitted": lambda by: questionnaire_responses.submit_response(
        answered(open_questionnaire(), "ECU"), by=by
    ),
    "response.reopened": lambda by: questionnaire_responses.reopen_response(
        answered(open_questionnaire(), "ECU", submit=True), by=by, reason="Figures to correct"
    ),
    "response.posted": lambda by: questionnaire_responses.post_response(
        answered(open_questionnaire(), "ECU", submit=True), by=by
    ),
    "offer.recorded": lambda by: agenda_offers.record_offer(
        offer().body, member_state=state("COL"), meeting_number=33, offered_on=datetime.date(2024, 5, 2), by=by
    ),
    "offer.changed": lambda by: agenda_offers.update_offer(changed(offer(), remarks="Quito, 2026."), by=by),
    "offer.status_changed": lambda by: agenda_offers.set_offer_status(offer(), status=HostOffer.Status.ACCEPTED, by=by),
    "topic.proposed": lambda by: agenda_topics.propose_topic(MeetingFactory(), title="Synthetic drugs", by=by),
    "topic.added": lambda by: agenda_topics.topic_for(MeetingFactory(), titles={"fr": "Drogues de synthèse"}, by=by),
    "topic.changed": lambda by: agenda_topics.update_topic(changed(topic(), title_fr="Drogues de synthèse"), by=by),
    "consultation.opened": lambda by: agenda_topics.open_consultation(
        MeetingFactory(), closes_at=timezone.now() + datetime.timedelta(days=7), by=by
    ),
    "consultation.voice_given": voice_given,
    "consultation.closed": lambda by: agenda_topics.close_consultation(consultation(), by=by),
    "offer.host_chosen_told": host_chosen_told,
    "user.invited": invited,
    "user.contributor_invited": invited_contributor,
    "user.contributor_deactivated": lambda by: questionnaire_contributors.deactivate_contributor(
        contributor("ECU"), by=by
    ),
    "response.block_assigned": block_given,
    "response.block_ready": lambda by: block_given(by, ready=True),
    "user.two_factor_set": two_factor_set,
    "user.recovery_codes_renewed": lambda by: accounts.new_recovery_codes(by, by=by) and by,
    "user.passkey_renamed": lambda by: passkeys.rename_passkey(PasskeyFactory(user=by), name="Blue key", by=by).user,
    "user.passkey_removed": lambda by: passkeys.remove_passkey(PasskeyFactory(user=by), by=by) or by,
    "user.passkey_used": lambda by: passkeys.record_passkey_used(PasskeyFactory(user=by), request=None) or by,
    "user.second_factor_removed": second_factor_removed,
    "user.password_changed": lambda by: accounts.record_password_change(by, how="changed", by=by) or by,
}


@pytest.mark.parametrize("case", SERVICES)
def test_service_records_its_change_with_the_object_and_the_user(db, case):
    by = secretariat_user()
    obj = SERVICES[case](by)
    action = case.split("[")[0]
    [event] = AuditEvent.objects.filter(action=action, actor=by)
    assert (event.object, event.actor_name, event.content_type.model_class()) == (obj, "secretariat", type(obj))
    # Issuing the agenda also registers its document and issues each of its three language versions, a reissue
    # reissues each version it names, a new meeting holds the symbol of its agenda, and pasting under a new heading
    # adds its topic, each recorded as such; every other service records one event.
    others = AuditEvent.objects.filter(actor=by).exclude(pk=event.pk).values_list("action", flat=True)
    also = {
        "agenda.status_changed": ["document.issued"] * 3 + ["document.registered"],
        "document.reissued": ["document.reissued_version"],
        "document.reissued_version": ["document.reissued"],
        "meeting.created": ["meeting.agenda_symbol_reserved"],
        "meeting.opened_next": ["meeting.agenda_symbol_reserved"],
        "recommendations.imported[text]": ["topic.added"],
        "offer.host_chosen_told": ["offer.status_changed"],
    }
    assert sorted(others) == also.get(case, [])


def test_every_action_of_the_table_is_recorded_by_some_service():
    tested = {case.split("[")[0] for case in SERVICES}
    signals_and_views = {
        "user.login",
        "user.login_failed",
        "user.second_factor_failed",
        # The page "Confirm it's you" (tests/accounts/test_reauth.py).
        "user.reauthenticated",
        "user.reauth_failed",
        "user.logout",
        "user.permissions_changed",
        # By a person not signed in, through the emailed link (tests/accounts/test_unlock.py).
        "user.unlock_requested",
        "user.unlocked",
        # A passkey's registration needs the browser's answer: tests/accounts/test_passkeys.py, with a software key.
        "user.passkey_added",
        # Runs sent before the outbox: the trail keeps their entries; the outbox's runs record "messages.queued".
        "messages.sent",
        # A refused upload, recorded by the check of every upload with no object to link to
        # (tests/security/test_upload_content.py).
        "upload.virus_found",
    }
    assert set(ACTIONS) - tested == signals_and_views


def test_changes_record_the_names_of_the_fields_that_changed(db):
    by = secretariat_user()
    meeting = changed(MeetingFactory(), city_en="Lima", start_date=datetime.date(2023, 10, 4))
    meetings.update_meeting(meeting, participating_states=[state("ECU")], by=by)
    item_changed(by)
    meeting_event, item_event = AuditEvent.objects.filter(actor=by).order_by("pk")
    assert meeting_event.details == {"fields": ["city_en", "start_date", "participating_states"]}
    assert item_event.details == {"item": "1. Opening", "fields": ["agendas.agendaitem.title_en"]}


def test_moving_an_item_records_where_it_went_and_a_move_past_the_end_records_nothing(db):
    by = secretariat_user()
    agenda, item = agenda_with_items()
    agendas.move_item(item, direction="down", by=by)
    item.refresh_from_db()
    agendas.move_item(item, direction="down", by=by)
    [event] = AuditEvent.objects.filter(actor=by)
    assert (event.object, event.details) == (
        agenda,
        {"item": "1. Opening of the meeting", "direction": "down", "position": 2},
    )


def test_deleted_object_keeps_its_name_in_the_trail(db):
    by = secretariat_user()
    agenda, item = agenda_with_items()
    agendas.delete_item(item, by=by)
    meeting = agenda.meeting
    agenda.delete()
    [event] = AuditEvent.objects.filter(actor=by)
    assert event.object is None
    assert event.target.startswith("Agenda of the ")
    assert meeting.full_title() in event.target


def test_system_actions_are_recorded_without_a_user(db):
    questionnaires.set_questionnaire_status(open_questionnaire(), status=Questionnaire.Status.CLOSED, by=None)
    event = AuditEvent.objects.get(action="questionnaire.status_changed")
    assert (event.actor, event.actor_name) == (None, "")


def test_failed_action_records_nothing(db):
    agenda, item = agenda_with_items()
    agendas.set_agenda_status(agenda, status=Agenda.Status.ADOPTED, by=None)
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        agendas.update_item(changed(item, title_en="Too late"), by=secretariat_user())
    assert AuditEvent.objects.count() == before


def test_log_action_refuses_an_action_or_a_detail_without_a_label(db):
    meeting = MeetingFactory()
    with pytest.raises(ValueError, match="Unknown audit action"):
        log_action(meeting, "meeting.painted", by=None)
    with pytest.raises(ValueError, match="without a label"):
        log_action(meeting, "meeting.changed", by=None, data={"colour": "blue"})
    assert not AuditEvent.objects.exists()


def test_changed_fields_ignore_what_did_not_change(db):
    meeting = MeetingFactory()
    assert changed_fields(meeting) == []
    assert changed_fields(changed(meeting, status=Meeting.Status.CANCELLED)) == ["status"]
