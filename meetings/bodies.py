"""Bodies: the States that act in one, and the secretariat's actions creating and changing one."""

from django.db import transaction
from django.db.models import Q

from accounts.audit import changed_fields, log_action

from .models import MemberState


def states_of(body):
    """The States that may act in `body` as its members do (offer to host its meetings, be chosen for an offer):
    its member States and the States taking part in any of its meetings (a State added to one meeting only)."""
    return MemberState.objects.filter(Q(bodies=body) | Q(meetings__body=body)).distinct()


def is_state_of(body, state_id):
    """Whether the State `state_id` is among `states_of(body)` (one query)."""
    return state_id is not None and states_of(body).filter(pk=state_id).exists()


def create_body(body, *, by):
    """Save a new body (built by the form).

    Side effects: saves the body; records its creation, with its code and languages, in the audit trail.
    """
    with transaction.atomic():
        body.save()
        log_action(body, "body.created", by=by, data={"code": body.code, "working_languages": body.working_languages})
    return body


def update_body(body, *, by):
    """Save the changes to a body (made on the instance by the form).

    Side effects: saves the body; records the names of the fields that changed in the audit trail.
    """
    with transaction.atomic():
        fields = changed_fields(body)
        body.save()
        log_action(body, "body.changed", by=by, data={"fields": fields})
    return body
