"""Who may do what with agendas, host-country offers and working-group topics (django-rules)."""

import rules

from meetings.rules import is_focal_point, is_participant_of_meeting, is_secretariat


@rules.predicate
def is_offer_of_own_state(user, offer):
    return offer is not None and is_focal_point(user) and offer.member_state_id == user.member_state_id


@rules.predicate
def is_member_of_body(user, body):
    """A focal point of a State that takes part in the meetings of `body`."""
    return body is not None and is_focal_point(user) and body.member_states.filter(pk=user.member_state_id).exists()


@rules.predicate
def is_received_offer(user, offer):
    return offer is not None and offer.status == "received"


rules.add_perm("agendas.manage", is_secretariat)
# Offers: a State sees, changes (while received) and withdraws only its own; the secretariat all of them.
rules.add_perm("agendas.read_offer", is_secretariat | is_offer_of_own_state)
rules.add_perm("agendas.change_offer", is_secretariat | (is_offer_of_own_state & is_received_offer))
rules.add_perm("agendas.withdraw_offer", is_secretariat | is_offer_of_own_state)
rules.add_perm("agendas.offer_for_body", is_secretariat | is_member_of_body)
rules.add_perm("agendas.list_offers", is_secretariat | is_member_of_body)
# Topics: the participants of the meeting propose and give their State's voice; the secretariat runs it.
rules.add_perm("agendas.take_part_in_topics", is_secretariat | is_participant_of_meeting)
