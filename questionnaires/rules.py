"""Who may read and change questionnaires and responses (django-rules), and the querysets of what a user may see
(each beside its predicate; tests/test_visibility.py checks that they agree). What is out of reach answers 404."""

import rules
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import User
from meetings.rules import (
    is_contributor,
    is_focal_point,
    is_participant_of_meeting,
    is_secretariat,
    meetings_taken_part_in,
    state_of,
)

from .models import BlockAssignment, Questionnaire, Response

# Questionnaires: a draft is the secretariat's; once open (or closed), the meeting's participants see it.


@rules.predicate
def is_issued_questionnaire(user, questionnaire):
    return questionnaire is not None and questionnaire.status != Questionnaire.Status.DRAFT


@rules.predicate
def is_participant_of_questionnaire_meeting(user, questionnaire):
    return questionnaire is not None and is_participant_of_meeting(user, questionnaire.meeting)


can_view_questionnaire = is_secretariat | (is_issued_questionnaire & is_participant_of_questionnaire_meeting)


def questionnaires_visible_to(user):
    """The questionnaires `user` may read and respond to (the queryset of can_view_questionnaire)."""
    if is_secretariat(user):
        return Questionnaire.objects.all()
    return Questionnaire.objects.exclude(status=Questionnaire.Status.DRAFT).filter(
        meeting__in=meetings_taken_part_in(user).values("pk")
    )


# Responses: a draft or an unposted response is seen only by its own State and the secretariat; once posted, by
# every participant of the meeting.


@rules.predicate
def is_own_state_response(user, response):
    return response is not None and is_focal_point(user) and response.member_state_id == user.member_state_id


@rules.predicate
def is_posted_response(user, response):
    return response is not None and response.status == Response.Status.POSTED


@rules.predicate
def is_participant_of_response_meeting(user, response):
    return response is not None and is_participant_of_meeting(user, response.questionnaire.meeting)


can_read_response = is_secretariat | is_own_state_response | (is_posted_response & is_participant_of_response_meeting)


def responses_visible_to(user, *, questionnaire=None):
    """The responses `user` may read, to `questionnaire` if given (the queryset of can_read_response)."""
    responses = Response.objects.all()
    if questionnaire is not None:
        responses = responses.filter(questionnaire=questionnaire)
    if is_secretariat(user):
        return responses
    if state_of(user) is None:
        return responses.none()
    posted_to_participants = Q(
        status=Response.Status.POSTED, questionnaire__meeting__in=meetings_taken_part_in(user).values("pk")
    )
    return responses.filter(Q(member_state=state_of(user)) | posted_to_participants)


def response_lock_reason(response):
    """Why nobody may change `response` now, or None while it may change: a draft of an open questionnaire.

    The state part of can_edit_response, which the services also check (their ValidationError gives this reason).
    """
    if response.status != Response.Status.DRAFT:
        return _("This response was submitted and is locked. The secretariat can reopen it.")
    if response.questionnaire.status != Questionnaire.Status.OPEN:
        return _("The questionnaire is not open for responses.")
    return None


@rules.predicate
def is_open_to_change(user, response):
    return response is not None and response_lock_reason(response) is None


# Who writes a response: its own State, while it takes part in the meeting, and the secretariat. They reach the
# response's form and actions; whether it may change now is can_edit_response.
is_writer_of_response = is_secretariat | (is_own_state_response & is_participant_of_response_meeting)
# "Is this response editable by this user": the one rule for views, templates and (its state part) services.
# Called as can_edit_response(user, response), not through has_perm: Django grants every permission to a
# superuser, whatever the state of the response.
can_edit_response = is_writer_of_response & is_open_to_change

# Replying to the secretariat's comments on a response sent back: its own State's focal points, while it may
# change (not the secretariat, whose comments they are, nor a contributor).
can_reply_to_comments = is_own_state_response & is_participant_of_response_meeting & is_open_to_change

# Work shared within a State: a focal point invites contributors of their State and gives them blocks of its
# response; a contributor reaches only those blocks (never the rest of the response, nor anything of another State).


@rules.predicate
def is_assigned_block(user, assignment):
    """A block given to `user`, a contributor, in a response of their own State."""
    return (
        assignment is not None
        and is_contributor(user)
        and assignment.contributor_id == user.pk
        and assignment.response.member_state_id == user.member_state_id
    )


def blocks_assigned_to(user):
    """The blocks `user` works on (the queryset of is_assigned_block)."""
    if not is_contributor(user):
        return BlockAssignment.objects.none()
    return BlockAssignment.objects.filter(contributor=user, response__member_state=user.member_state_id)


@rules.predicate
def has_blocks_in_response(user, response):
    """A response of which blocks were given to `user`, a contributor: they reach its form of their blocks."""
    return (
        response is not None
        and is_contributor(user)
        and response.member_state_id == user.member_state_id
        and response.assignments.filter(contributor=user).exists()
    )


def responses_with_blocks_of(user):
    """The responses of which `user` drafts blocks (the queryset of has_blocks_in_response)."""
    if not is_contributor(user):
        return Response.objects.none()
    return Response.objects.filter(
        member_state=user.member_state_id, pk__in=blocks_assigned_to(user).values("response")
    ).distinct()


@rules.predicate
def is_contributor_account(user, person):
    return person is not None and person.role == User.Role.CONTRIBUTOR


@rules.predicate
def is_of_own_state(user, person):
    return person is not None and is_focal_point(user) and person.member_state_id == user.member_state_id


# The contributors of a State are managed by its focal points; the secretariat manages those of every State.
can_manage_contributor = is_contributor_account & (is_secretariat | is_of_own_state)


def contributors_visible_to(user):
    """The contributors (active or not) whom `user` sees and may deactivate (the queryset of
    can_manage_contributor)."""
    contributors = User.objects.filter(role=User.Role.CONTRIBUTOR)
    if is_secretariat(user):
        return contributors
    return contributors.filter(member_state=state_of(user)) if state_of(user) else contributors.none()


rules.add_perm("questionnaires.invite_contributors", is_secretariat | is_focal_point)
rules.add_perm("questionnaires.manage_contributor", can_manage_contributor)
rules.add_perm("questionnaires.work_on_block", is_assigned_block)
rules.add_perm("questionnaires.write_blocks", has_blocks_in_response)
rules.add_perm("questionnaires.manage", is_secretariat)
rules.add_perm("questionnaires.read_questionnaire", can_view_questionnaire)
rules.add_perm("questionnaires.read_response", can_read_response)
rules.add_perm("questionnaires.write_response", is_writer_of_response)
rules.add_perm("questionnaires.read_history", is_secretariat | is_own_state_response)
