"""Who may do what, per object (django-rules). Combined in the models' permissions below."""

import rules

from .models import Document


@rules.predicate
def is_secretariat(user):
    return user.is_authenticated and user.is_secretariat


@rules.predicate
def is_admin(user):
    return user.is_authenticated and user.is_active and user.is_superuser


@rules.predicate
def is_focal_point(user):
    return user.is_authenticated and user.is_active and user.member_state_id is not None


@rules.predicate
def is_delegate_of_state(user, state):
    return is_focal_point(user) and state is not None and user.member_state_id == state.pk


@rules.predicate
def is_participant_of_meeting(user, meeting):
    """A focal point of a State that takes part in the meeting (the secretariat is checked separately)."""
    if not is_focal_point(user) or meeting is None:
        return False
    cache = getattr(meeting, "_participant_state_ids", None)
    if cache is None:
        cache = set(meeting.participating_states.values_list("pk", flat=True))
        meeting._participant_state_ids = cache
    return user.member_state_id in cache


@rules.predicate
def is_general_distribution(user, document):
    return document is not None and document.distribution == Document.Distribution.GENERAL


@rules.predicate
def is_limited_distribution(user, document):
    return document is not None and document.distribution == Document.Distribution.LIMITED


@rules.predicate
def is_participant_of_document_meeting(user, document):
    return document is not None and is_participant_of_meeting(user, document.meeting)


can_manage_meetings = is_secretariat
# General: anyone. Limited: anyone signed in. Restricted: the meeting's participants and the secretariat.
can_view_document = (
    is_general_distribution
    | (rules.is_authenticated & is_limited_distribution)
    | is_secretariat
    | is_participant_of_document_meeting
)

rules.add_perm("meetings.manage", can_manage_meetings)
rules.add_perm("meetings.read_document", can_view_document)
rules.add_perm("meetings.edit_document", is_secretariat)
