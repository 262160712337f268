"""Who may see and do what, per object (django-rules), and the querysets of what a user may see.

Each rule is written twice, as a predicate on one object and as a queryset for lists and for fetching the object
of a URL (honlac.permissions.VisibleObjectMixin); tests/test_visibility.py checks that the two agree for every role.
"""

import rules
from django.db.models import Q

from .models import Document, Meeting, PrintJob


@rules.predicate
def is_secretariat(user):
    return user.is_authenticated and user.is_secretariat


@rules.predicate
def is_focal_point(user):
    """A focal point of a member State (a contributor is not one: what a contributor may do is granted apart)."""
    return (
        user.is_authenticated
        and user.is_active
        and user.member_state_id is not None
        and user.role != user.Role.CONTRIBUTOR
    )


@rules.predicate
def is_contributor(user):
    """A contributor of a member State: drafts the blocks of its responses given to them, and nothing else
    (questionnaires.rules grants what; every other rule leaves them out, as they are no focal point)."""
    return user.is_authenticated and user.is_contributor


def state_of(user):
    """The member State a user acts for: that of an active focal point, else None."""
    return user.member_state_id if is_focal_point(user) else None


@rules.predicate
def is_participant_of_meeting(user, meeting):
    """A focal point of a State that takes part in the meeting (the secretariat is checked separately)."""
    if not is_focal_point(user) or meeting is None:
        return False
    cache = getattr(meeting, "_participant_state_ids", None)
    if cache is None:
        # From the table of the link alone: through the States, the query joined them and sorted them by name.
        through = Meeting.participating_states.through
        cache = set(through.objects.filter(meeting=meeting).values_list("memberstate_id", flat=True))
        meeting._participant_state_ids = cache
    return user.member_state_id in cache


# The participants' pages of a meeting (secure page, questionnaire, topics): its participants and the secretariat.
can_take_part_in_meeting = is_secretariat | is_participant_of_meeting


def meetings_taken_part_in(user):
    """The meetings whose participants' pages `user` may enter (the queryset of can_take_part_in_meeting)."""
    if is_secretariat(user):
        return Meeting.objects.all()
    return Meeting.objects.filter(participating_states=state_of(user)) if state_of(user) else Meeting.objects.none()


@rules.predicate
def is_general_distribution(user, document):
    return document is not None and document.distribution == Document.Distribution.GENERAL


@rules.predicate
def is_limited_distribution(user, document):
    return document is not None and document.distribution == Document.Distribution.LIMITED


@rules.predicate
def is_participant_of_document_meeting(user, document):
    return document is not None and is_participant_of_meeting(user, document.meeting)


@rules.predicate
def is_issued_document(user, document):
    return document is not None and document.status == Document.Status.ISSUED


can_manage_meetings = is_secretariat
# Drafts: the secretariat's only. Once issued, by distribution: general, anyone; limited, anyone signed in but a
# contributor (who reads what the public reads); restricted, the meeting's participants.
can_view_document = is_secretariat | (
    is_issued_document
    & (
        is_general_distribution
        | (rules.is_authenticated & ~is_contributor & is_limited_distribution)
        | is_participant_of_document_meeting
    )
)


def documents_visible_to(user):
    """The documents whose existence `user` may know of (the queryset of can_view_document)."""
    if is_secretariat(user):
        return Document.objects.all()
    issued = Document.objects.filter(status=Document.Status.ISSUED)
    if not user.is_authenticated or is_contributor(user):
        return issued.filter(distribution=Document.Distribution.GENERAL)
    # A subquery, not a join: joined, every document would come once per participating State, then be sorted
    # out by DISTINCT, a cost that grew with the number of States.
    return issued.filter(
        Q(distribution__in=[Document.Distribution.GENERAL, Document.Distribution.LIMITED])
        | Q(meeting__in=meetings_taken_part_in(user).values("pk"))
    )


@rules.predicate
def can_view_print_job(user, job):
    """A print job is seen by whoever may read its document: it serves that document."""
    return job is not None and can_view_document.test(user, job.document)


def print_jobs_visible_to(user):
    """The print jobs whose progress `user` may follow (the queryset of can_view_print_job)."""
    return PrintJob.objects.filter(document__in=documents_visible_to(user).values("pk"))


rules.add_perm("meetings.manage", can_manage_meetings)
rules.add_perm("meetings.take_part", can_take_part_in_meeting)
rules.add_perm("meetings.read_document", can_view_document)
rules.add_perm("meetings.read_print_job", can_view_print_job)
rules.add_perm("meetings.edit_document", is_secretariat)
# Drafts, and the earlier files of a reissued version: what the secretariat works on or keeps for the record.
rules.add_perm("meetings.read_drafts", is_secretariat)
