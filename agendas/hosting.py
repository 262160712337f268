"""Choosing the host of a meeting: its State's offer is accepted, the meeting takes it as host, and the other
States that offered to host the same meeting are told (in the outbox, each focal point in their language)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from accounts import mail
from accounts.audit import log_action
from accounts.models import OutgoingEmail, User
from accounts.salutation import greeting
from meetings.models import Meeting

from .models import HostOffer


def other_offers(offer):
    """The offers of other States, still received, to host the same meeting as `offer`."""
    return (
        HostOffer.objects.filter(
            body=offer.body_id, meeting_number=offer.meeting_number, status=HostOffer.Status.RECEIVED
        )
        .exclude(member_state=offer.member_state_id)
        .select_related("member_state", "body")
        .order_by("offered_on", "pk")
    )


def accept_offer(offer, *, by):
    """Choose the State of `offer` (an offer to host a given meeting) as host of that meeting.

    Side effects: the offer is accepted; the meeting, if it exists, takes that State as host; the focal points of
    the other States that offered to host the same meeting are told, each in their language (outbox, after
    commit); each change is recorded in the audit trail.
    """
    with transaction.atomic():
        offer = HostOffer.objects.select_for_update().select_related("body", "member_state").get(pk=offer.pk)
        if offer.status == HostOffer.Status.WITHDRAWN:
            raise ValidationError(_("This offer was withdrawn."))
        meeting = Meeting.objects.filter(body=offer.body_id, number=offer.meeting_number).first()
        if meeting is not None and meeting.host_state_id != offer.member_state_id:
            meeting.host_state = offer.member_state
            meeting.save(update_fields=["host_state"])
            log_action(meeting, "meeting.changed", by=by, data={"fields": ["host_state"]})
        _accept(offer, by=by)
    return offer


def host_chosen(meeting, *, by):
    """`meeting.host_state` was chosen as host (on the meeting's form, through meetings.services.host_state_chosen,
    in the transaction that saves the meeting): its offer to host this meeting, or else an
    offer to host a later one, becomes accepted, and the other offerers are told (see `accept_offer`).
    Nothing happens when the host made no offer or it is accepted already.
    """
    if meeting.host_state_id is None:
        return None
    offers = HostOffer.objects.select_for_update().filter(
        body=meeting.body_id,
        member_state=meeting.host_state_id,
        status__in=[HostOffer.Status.RECEIVED, HostOffer.Status.ACCEPTED],
    )
    offer = offers.filter(meeting_number=meeting.number).first()
    if offer is None:
        offer = offers.filter(meeting_number=None, status=HostOffer.Status.RECEIVED).order_by("offered_on").first()
    if offer is None or offer.status == HostOffer.Status.ACCEPTED:
        return offer
    if offer.meeting_number is None:
        offer.meeting_number = meeting.number
        offer.save(update_fields=["meeting_number", "updated_at"])
    _accept(offer, by=by)
    return offer


def answer_host_state_chosen(sender, *, meeting, by, **kwargs):
    """The receiver of meetings.services.host_state_chosen."""
    host_chosen(meeting, by=by)


def _accept(offer, *, by):
    previous = offer.status
    offer.status = HostOffer.Status.ACCEPTED
    offer.save(update_fields=["status", "updated_at"])
    log_action(
        offer,
        "offer.status_changed",
        by=by,
        data={"previous_status": previous, "status": offer.status, "meeting": offer.meeting_number},
    )
    for other in other_offers(offer):
        emails = [_host_chosen_message(other, offer, user) for user in _focal_points(other.member_state)]
        mail.queue_emails(emails)
        log_action(other, "offer.host_chosen_told", by=by, data={"host": offer.member_state.code, "count": len(emails)})


def _focal_points(state):
    return User.objects.filter(member_state=state, is_active=True, role=User.Role.FOCAL_POINT).exclude(email="")


def _host_chosen_message(other, accepted, user):
    """The message telling a focal point of `other`'s State that the State of `accepted` will host the meeting."""
    languages = other.body.working_languages
    preferred = getattr(user, "preferred_language", "")
    language = preferred if preferred in languages else languages[0]
    with translation.override(language):
        context = {
            "greeting": greeting(user),
            "state": other.member_state.name,
            "host": accepted.member_state.name,
            "offered_on": other.offered_on,
            "meeting_title": Meeting(body=other.body, number=other.meeting_number).full_title(language),
        }
        subject = render_to_string("agendas/email/host_chosen_subject.txt", context).strip()
        body = render_to_string("agendas/email/host_chosen_body.txt", context)
    return OutgoingEmail(to=user.email, recipient=user, language=language, subject=subject[:300], body=body)
