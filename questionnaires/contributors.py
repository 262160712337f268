"""Work shared within a State: a focal point invites colleagues as contributors, gives them blocks of the State's
response, and each contributor drafts their blocks and marks them ready; only a focal point submits.

Who may do what is in questionnaires/rules.py (is_assigned_block, can_manage_contributor and their querysets);
the pages are questionnaires/contributors_views.py.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.defaultfilters import truncatechars
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.audit import log_action
from accounts.mail import queue_email
from accounts.models import User
from accounts.salutation import greeting
from accounts.services import invite

from . import responses
from .models import Answer, BlockAssignment, ImplementationStatus, Response, ResponseVersion
from .receipts import message_language
from .rules import blocks_assigned_to, response_lock_reason


def block_label(question):
    """How a block is named to people: "Recommendation 3", or the beginning of a general question."""
    if question.recommendation_id:
        return _("Recommendation %(number)s") % {"number": question.recommendation.number}
    return truncatechars(question.text, 80)


def active_contributors(member_state_id):
    """The contributors of a State who may be given blocks, by name."""
    return User.objects.filter(role=User.Role.CONTRIBUTOR, is_active=True, member_state=member_state_id).order_by(
        "last_name", "first_name", "username"
    )


# Contributors ----------------------------------------------------------------------------------------------------


def invite_contributor(*, by, base_url, request=None, **person):
    """Create the account of a contributor of `person["member_state"]`, with no password, and email them a
    one-time link to choose one, as a focal point is invited (accounts.services.invite).

    Side effects: creates the user (role contributor), queues the email in their language, records the invitation.
    """
    return invite(
        role=User.Role.CONTRIBUTOR,
        templates="questionnaires/email/contributor_invitation",
        action="user.contributor_invited",
        by=by,
        base_url=base_url,
        request=request,
        **person,
    )


def deactivate_contributor(contributor, *, by, request=None):
    """End a contributor's access: they can no longer sign in, and the blocks given to them in responses still
    being drafted are free again (what they wrote stays in the response).

    Side effects: the account becomes inactive; its assignments in draft responses are deleted; records it.
    """
    if contributor.role != User.Role.CONTRIBUTOR:
        raise ValidationError(_("Only a contributor's access can be ended here."))
    with transaction.atomic():
        contributor = User.objects.select_for_update().get(pk=contributor.pk)
        if not contributor.is_active:
            raise ValidationError(_("This contributor's access has already ended."))
        contributor.is_active = False
        contributor.save(update_fields=["is_active"])
        freed, _deleted = BlockAssignment.objects.filter(
            contributor=contributor, response__status=Response.Status.DRAFT
        ).delete()
        log_action(contributor, "user.contributor_deactivated", by=by, request=request, data={"count": freed})
    return contributor


# Blocks given to contributors ------------------------------------------------------------------------------------


def assign_blocks(response, *, contributors, by, base_url):
    """Give blocks of a draft `response` to contributors of its State: `contributors` maps question ids to a
    contributor, or to None to take the block back. Blocks not named are left as they are.

    Side effects, in one transaction: assignments created, changed (a block given to someone else is no longer
    ready) or deleted; each change recorded; each contributor given new blocks emailed the list of them (outbox).
    Raises ValidationError for a response that may not change, a question of another questionnaire, or a person
    who is not an active contributor of the response's State. Returns the number of blocks changed.
    """
    allowed = {user.pk: user for user in active_contributors(response.member_state_id)}
    questions = {q.pk: q for q in response.questionnaire.questions.select_related("recommendation")}
    with transaction.atomic():
        response = (
            Response.objects.select_for_update().select_related("questionnaire__meeting__body").get(pk=response.pk)
        )
        reason = response_lock_reason(response)
        if reason is not None:
            raise ValidationError(reason)
        existing = {assignment.question_id: assignment for assignment in response.assignments.all()}
        given, changes = {}, 0
        for question_id, contributor in contributors.items():
            if question_id not in questions:
                raise ValidationError(_("This block is not one of the questionnaire's."))
            if contributor is not None and contributor.pk not in allowed:
                raise ValidationError(_("Blocks can only be given to active contributors of the State."))
            current = existing.get(question_id)
            if (current.contributor_id if current else None) == (contributor.pk if contributor else None):
                continue
            if contributor is None:
                current.delete()
            elif current is None:
                BlockAssignment.objects.create(
                    response=response, question_id=question_id, contributor=contributor, assigned_by=by
                )
            else:
                current.contributor, current.assigned_by = contributor, by
                current.assigned_at, current.ready_at = timezone.now(), None
                current.save(update_fields=["contributor", "assigned_by", "assigned_at", "ready_at"])
            if contributor is not None:
                given.setdefault(contributor.pk, []).append(questions[question_id])
            changes += 1
            log_action(
                response,
                "response.block_assigned",
                by=by,
                data={
                    "item": block_label(questions[question_id]),
                    "username": contributor.get_username() if contributor else "",
                },
            )
        for contributor_id, blocks in given.items():
            _queue_assignment_mail(response, allowed[contributor_id], blocks, by=by, base_url=base_url)
    return changes


def _queue_assignment_mail(response, contributor, questions, *, by, base_url):
    questionnaire = response.questionnaire
    language = message_language(contributor, questionnaire)
    with translation.override(language):
        context = {
            "greeting": greeting(contributor),
            "by": (by.get_full_name() or by.get_username()) if by is not None else "",
            "state": response.member_state.name,
            "meeting_title": questionnaire.meeting.full_title(language),
            "blocks": [block_label(question) for question in sorted(questions, key=lambda q: q.position)],
            "link": base_url + reverse("questionnaires:response_blocks", args=[response.pk]),
            "deadline": questionnaire.deadline,
        }
        subject = render_to_string("questionnaires/email/blocks_assigned_subject.txt", context).strip()
        body = render_to_string("questionnaires/email/blocks_assigned_body.txt", context)
    queue_email(to=contributor.email, subject=subject, body=body, language=language, recipient=contributor)


def save_blocks(response, *, answers, expected_version, by, confirmed=()):
    """Save a contributor's draft of their blocks: `answers` maps question ids (each a block given to `by`) to
    (status, text), as responses.save_response takes them; `confirmed`, the blocks whose answers carried forward
    from the previous cycle they confirm as they stand.

    The response has one version for all its blocks; a save refused because someone else saved meanwhile is made
    anyway when nobody changed these blocks since `expected_version` (the others worked on other blocks).
    Side effects: those of save_response; a block changed is no longer ready. Raises PermissionDenied for a block
    not given to `by`, and ConflictError or ValidationError as save_response does.
    """
    own = set(blocks_assigned_to(by).filter(response=response).values_list("question_id", flat=True))
    if not set(answers) <= own or not set(confirmed) <= own:
        raise PermissionDenied
    with transaction.atomic():
        before = {a.question_id: (a.status, a.text) for a in Answer.objects.filter(response=response, question__in=own)}
        try:
            saved = responses.save_response(
                response, answers=answers, confirmed=confirmed, expected_version=expected_version, by=by
            )
        except responses.ConflictError as conflict:
            if blocks_changed_since(conflict.response, expected_version, answers):
                raise
            saved = responses.save_response(
                response, answers=answers, confirmed=confirmed, expected_version=conflict.response.version, by=by
            )
        changed = [
            question_id
            for question_id, (status, text) in answers.items()
            if before.get(question_id, ("", "")) != (status or "", text or "")
        ]
        BlockAssignment.objects.filter(response=response, question__in=changed).exclude(ready_at=None).update(
            ready_at=None
        )
    return saved


def blocks_changed_since(response, version, question_ids):
    """Whether the answers to `question_ids` of `response` differ from what they were at `version`."""
    return bool(changes_since(response, version, question_ids))


def changes_since(response, version, question_ids):
    """Question id -> {"status": its label, "text"} for the answers to `question_ids` of `response` that changed
    since `version` (all of them when that version is not kept)."""
    base = ResponseVersion.objects.filter(response=response, number=version).first()
    known = base is not None or version == 0  # version 0 is the response as started, with no answer
    then = base.snapshot.get("answers", {}) if base else {}
    now = {a.question_id: a for a in Answer.objects.filter(response=response, question__in=question_ids)}
    empty = {"status": "", "text": ""}
    labels = dict(ImplementationStatus.choices)
    changes = {}
    for question_id in question_ids:
        answer = now.get(question_id)
        current = {"status": answer.status, "text": answer.text} if answer else empty
        if not known or then.get(str(question_id), empty) != current:
            changes[question_id] = {"status": labels.get(current["status"], ""), "text": current["text"]}
    return changes


def mark_block_ready(assignment, *, by):
    """The contributor says their block is ready for the focal point (the view gives only the blocks of the
    contributor signed in). Side effects: ready_at set; recorded."""
    with transaction.atomic():
        response = Response.objects.select_for_update().select_related("questionnaire").get(pk=assignment.response_id)
        reason = response_lock_reason(response)
        if reason is not None:
            raise ValidationError(reason)
        assignment = BlockAssignment.objects.select_related("question__recommendation").get(pk=assignment.pk)
        assignment.ready_at = timezone.now()
        assignment.save(update_fields=["ready_at"])
        log_action(response, "response.block_ready", by=by, data={"item": block_label(assignment.question)})
    return assignment


# What each one sees ----------------------------------------------------------------------------------------------


@dataclass
class BlockNote:
    """What the focal point's form says under a block: who wrote it last and when, and to whom it was given."""

    written_by: object = None
    written_at: object = None
    assignment: BlockAssignment | None = None


def block_notes(response):
    """Question id -> BlockNote, for every block written or given (two queries)."""
    notes = {}
    for answer in Answer.objects.filter(response=response, updated_by__isnull=False).select_related("updated_by"):
        notes[answer.question_id] = BlockNote(answer.updated_by, answer.updated_at)
    for assignment in response.assignments.select_related("contributor"):
        notes.setdefault(assignment.question_id, BlockNote()).assignment = assignment
    return notes


@dataclass
class ContributorTask:
    """A response of which blocks were given to the contributor, with those blocks."""

    response: Response
    assignments: list = field(default_factory=list)

    @property
    def questionnaire(self):
        return self.response.questionnaire

    @property
    def ready_count(self):
        return sum(1 for assignment in self.assignments if assignment.ready_at)

    @property
    def editable(self):
        return response_lock_reason(self.response) is None


def contributor_home(user):
    """The contributor's blocks, per response (one query)."""
    tasks = {}
    assignments = (
        blocks_assigned_to(user)
        .select_related("response__questionnaire__meeting__body", "response__member_state", "question__recommendation")
        .order_by("-response__questionnaire__meeting__number", "response__pk", "question__position")
    )
    for assignment in assignments:
        tasks.setdefault(assignment.response_id, ContributorTask(assignment.response)).assignments.append(assignment)
    return list(tasks.values())
