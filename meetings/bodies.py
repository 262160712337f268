"""What belongs to a body beyond its own row: the States that act in it."""

from django.db.models import Q

from .models import MemberState


def states_of(body):
    """The States that may act in `body` as its members do (offer to host its meetings, be chosen for an offer):
    its member States and the States taking part in any of its meetings (a State added to one meeting only)."""
    return MemberState.objects.filter(Q(bodies=body) | Q(meetings__body=body)).distinct()


def is_state_of(body, state_id):
    """Whether the State `state_id` is among `states_of(body)` (one query)."""
    return state_id is not None and states_of(body).filter(pk=state_id).exists()
