"""Business actions on host-country offers: recording and answering them, and the list for the Commission."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from accounts.audit import changed_fields, log_action
from meetings.bodies import is_state_of
from meetings.uploads import PDF, WORD, name_for_content, validate_upload

from .models import HostOffer


def commission_session_after(day):
    """The session of the Commission on Narcotic Drugs held after `day`: (number, year).

    The Commission meets in March; its first session was in 1946, so the session of year Y is Y - 1957.
    """
    year = day.year if day.month < 3 else day.year + 1
    return year - 1957, year


def record_offer(body, *, member_state, meeting_number, offered_on, by, remarks="", note_verbale=None):
    """Record a Government's offer to host meeting `meeting_number` of `body` (None: a later meeting).

    Side effects: saves the offer, with the session of the Commission at which it will be reported; records it
    in the audit trail.
    """
    if not is_state_of(body, member_state.pk):
        raise ValidationError(_("This State does not take part in the meetings of this body."))
    last_number = body.meetings.aggregate(last=Max("number"))["last"] or 0
    if meeting_number is not None and meeting_number <= last_number - 1:
        raise ValidationError(_("That meeting has already been held or is being prepared by its host."))
    offer = HostOffer(
        body=body,
        member_state=member_state,
        meeting_number=meeting_number,
        offered_on=offered_on,
        remarks=remarks,
        recorded_by=by,
        commission_session=commission_session_after(offered_on)[0],
    )
    if note_verbale:
        content_type = validate_upload(note_verbale, allowed={**PDF, **WORD}, by=by)
        offer.note_verbale = note_verbale
        offer.note_verbale_name = name_for_content(note_verbale.name, content_type)
    with transaction.atomic():
        offer.save()
        log_action(
            offer,
            "offer.recorded",
            by=by,
            data={"meeting": offer.meeting_label(settings.LANGUAGE_CODE), "offered_on": str(offered_on)},
        )
    return offer


def set_offer_status(offer, *, status, by):
    """Withdraw (by its State or the secretariat), accept or decline (the secretariat) an offer (accepting one for
    a given meeting chooses its State as host: agendas.hosting.accept_offer).

    Side effects: saves the status; records the change in the audit trail.
    """
    with transaction.atomic():
        offer = HostOffer.objects.select_for_update().get(pk=offer.pk)
        if offer.status == HostOffer.Status.WITHDRAWN:
            raise ValidationError(_("This offer was withdrawn."))
        previous = offer.status
        offer.status = status
        offer.save(update_fields=["status", "updated_at"])
        log_action(offer, "offer.status_changed", by=by, data={"previous_status": previous, "status": status})
    return offer


def offers_for_commission(body, *, session):
    """Offers to bring to the attention of the Commission at `session` (withdrawn ones left out)."""
    return (
        body.offers.filter(commission_session=session)
        .exclude(status=HostOffer.Status.WITHDRAWN)
        .select_related("member_state", "body")
        .order_by("meeting_number", "offered_on")
    )


def update_offer(offer, *, by, note_verbale=None):
    """Save the changes to an offer (its State may change it while it is only received).

    Side effects: saves the offer's own fields (never its status, which only set_offer_status changes), with the
    session of the Commission computed again when the date of the offer changed; records the fields that
    changed in the audit trail.
    """
    if note_verbale:
        content_type = validate_upload(note_verbale, allowed={**PDF, **WORD}, by=by)
        offer.note_verbale = note_verbale
        offer.note_verbale_name = name_for_content(note_verbale.name, content_type)
    with transaction.atomic():
        current = HostOffer.objects.select_for_update().get(pk=offer.pk)
        if current.status == HostOffer.Status.WITHDRAWN:
            raise ValidationError(_("This offer was withdrawn."))
        if by is not None and not by.is_secretariat and current.status != HostOffer.Status.RECEIVED:
            # The view checked the status when it loaded the offer; the secretariat may have acted since.
            raise ValidationError(_("This offer was already answered by the secretariat and can no longer be changed."))
        if offer.offered_on != current.offered_on or not offer.commission_session:
            offer.commission_session = commission_session_after(offer.offered_on)[0]
        offer.status = current.status
        fields = changed_fields(offer)
        offer.save(
            update_fields=[
                "member_state",
                "meeting_number",
                "offered_on",
                "commission_session",
                "remarks",
                "note_verbale",
                "note_verbale_name",
                "updated_at",
            ]
        )
        log_action(offer, "offer.changed", by=by, data={"fields": fields})
    return offer
