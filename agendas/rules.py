"""Who may see and do what with agendas, host-country offers and working-group topics (django-rules), and the
querysets of what a user may see (each beside its predicate; tests/test_visibility.py checks that they agree)."""

import rules

from meetings.bodies import is_state_of
from meetings.rules import (
    is_focal_point,
    is_participant_of_meeting,
    is_secretariat,
    meetings_taken_part_in,
    state_of,
)

from .models import Agenda, Consultation, HostOffer, Topic

# Agendas: public once issued; while a draft, the secretariat's only.


@rules.predicate
def is_issued_agenda(user, agenda):
    return agenda is not None and agenda.status != Agenda.Status.DRAFT


can_view_agenda = is_secretariat | is_issued_agenda


def agendas_visible_to(user):
    """The agendas `user` may read (the queryset of can_view_agenda)."""
    if is_secretariat(user):
        return Agenda.objects.all()
    return Agenda.objects.exclude(status=Agenda.Status.DRAFT)


# Offers: a State sees, changes (while received) and withdraws only its own; the secretariat all of them.


@rules.predicate
def is_offer_of_own_state(user, offer):
    return offer is not None and is_focal_point(user) and offer.member_state_id == user.member_state_id


@rules.predicate
def is_member_of_body(user, body):
    """A focal point of a State that takes part in the meetings of `body`: a member State, or a State taking part
    in one of its meetings (meetings.bodies.states_of)."""
    return body is not None and is_focal_point(user) and is_state_of(body, user.member_state_id)


@rules.predicate
def is_received_offer(user, offer):
    return offer is not None and offer.status == HostOffer.Status.RECEIVED


can_view_offer = is_secretariat | is_offer_of_own_state


def offers_visible_to(user, *, body=None):
    """The offers `user` may see, of `body` if given (the queryset of can_view_offer)."""
    offers = HostOffer.objects.all()
    if body is not None:
        offers = offers.filter(body=body)
    if is_secretariat(user):
        return offers
    return offers.filter(member_state=state_of(user)) if state_of(user) else offers.none()


# Topics and the consultation: the participants of the meeting propose and give their State's voice; the
# secretariat runs it.


@rules.predicate
def is_participant_of_topic_meeting(user, topic_or_consultation):
    return topic_or_consultation is not None and is_participant_of_meeting(user, topic_or_consultation.meeting)


can_view_topic = is_secretariat | is_participant_of_topic_meeting


def topics_visible_to(user):
    """The topics proposed for the meetings in which `user` takes part (the queryset of can_view_topic)."""
    return Topic.objects.filter(meeting__in=meetings_taken_part_in(user).values("pk"))


def consultations_visible_to(user):
    """The consultations of the meetings in which `user` takes part (the queryset of can_view_topic)."""
    return Consultation.objects.filter(meeting__in=meetings_taken_part_in(user).values("pk"))


rules.add_perm("agendas.manage", is_secretariat)
rules.add_perm("agendas.read_agenda", can_view_agenda)
rules.add_perm("agendas.read_offer", can_view_offer)
rules.add_perm("agendas.change_offer", is_secretariat | (is_offer_of_own_state & is_received_offer))
rules.add_perm("agendas.withdraw_offer", is_secretariat | is_offer_of_own_state)
rules.add_perm("agendas.offer_for_body", is_secretariat | is_member_of_body)
rules.add_perm("agendas.list_offers", is_secretariat | is_member_of_body)
rules.add_perm("agendas.read_topic", can_view_topic)
rules.add_perm("agendas.read_consultation", can_view_topic)
