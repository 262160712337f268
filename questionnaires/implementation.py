"""What the States reported on the implementation of recommendations, across the meetings of a body: the threads
of recommendations, and the status each State gave each recommendation as a reader may see it.

The one source for the implementation matrix, the charts of progress, a State's history, the answers carried
forward and the compiled analysis: each asks here, in a fixed number of queries whatever the number of States,
recommendations or meetings.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from meetings.rules import is_secretariat, meetings_taken_part_in, state_of

from .models import Answer, ImplementationStatus, Recommendation, Response

NO_ANSWER = "no_answer"
# The statuses of a cell in the order the matrix, the charts and the analysis give them, "no answer" last.
STATUSES = [*ImplementationStatus.values, NO_ANSWER]
STATUS_LABELS = {**dict(ImplementationStatus.choices), NO_ANSWER: _("No answer")}


def status_label(code):
    return STATUS_LABELS[code or NO_ANSWER]


# Threads


def _chains(body_id):
    """(continues, continued by) of every recommendation of a body, by id: one query."""
    rows = Recommendation.objects.filter(meeting__body_id=body_id).values_list("pk", "continues_id")
    earlier = dict(rows)
    later = {previous: pk for pk, previous in earlier.items() if previous is not None}
    return earlier, later


def _thread_ids(pk, earlier, later):
    root, seen = pk, {pk}
    while earlier.get(root) is not None and earlier[root] not in seen:
        root = earlier[root]
        seen.add(root)
    ids, current = [root], root
    while current in later and later[current] not in ids:
        current = later[current]
        ids.append(current)
    return ids


def threads(recommendations):
    """The thread of each recommendation: {recommendation id: [recommendations, earliest meeting first]}.

    A thread runs through the recommendations that continue one another (Recommendation.continues, at most once
    per meeting, so a chain). Three queries for any number of recommendations of one body.
    """
    recommendations = list(recommendations)
    if not recommendations:
        return {}
    body_id = Recommendation.objects.filter(pk=recommendations[0].pk).values_list("meeting__body_id", flat=True).get()
    earlier, later = _chains(body_id)
    ids = {rec.pk: _thread_ids(rec.pk, earlier, later) for rec in recommendations}
    every = {pk for chain in ids.values() for pk in chain}
    by_id = Recommendation.objects.select_related("meeting", "topic").in_bulk(every)
    return {pk: [by_id[i] for i in chain] for pk, chain in ids.items()}


def thread(recommendation):
    """The thread of one recommendation, earliest meeting first."""
    return threads([recommendation])[recommendation.pk]


# What was reported


def visible_response_statuses(user):
    """The statuses of the responses whose answers `user` may count: the secretariat, every submitted answer;
    the participants of the reviewing meeting, the posted ones (drafts are nobody's but their State's)."""
    if is_secretariat(user):
        return [Response.Status.SUBMITTED, Response.Status.POSTED]
    return [Response.Status.POSTED]


@dataclass(frozen=True)
class Reported:
    """The status one State gave one recommendation, and where its answer is."""

    status: str
    answer_id: int
    response_id: int
    question_id: int
    text: str

    @property
    def url(self):
        return reverse("questionnaires:response", kwargs={"pk": self.response_id}) + f"#question-{self.question_id}"


def reported(user, recommendations, *, with_text=False, member_state_id=None):
    """What `user` may see of the answers on `recommendations`: {(member State id, recommendation id): Reported}.

    A recommendation of meeting N is answered in the questionnaire of a later meeting that reviews meeting N
    (its Question points to the recommendation). A pair with no visible answer, or an answer without a status, is
    absent: the reader sees "no answer". With `member_state_id`, only that State's answers: its own focal points
    then count every submitted and posted answer of their State, as the secretariat does. One query.
    """
    own_state = member_state_id is not None and state_of(user) == member_state_id
    if own_state or is_secretariat(user):
        statuses, meetings = [Response.Status.SUBMITTED, Response.Status.POSTED], None
    else:
        statuses, meetings = visible_response_statuses(user), meetings_taken_part_in(user).values("pk")
    return reported_to(
        recommendations, statuses=statuses, meetings=meetings, member_state_id=member_state_id, with_text=with_text
    )


def reported_to(recommendations, *, statuses, meetings=None, member_state_id=None, posted_until=None, with_text=False):
    """What an audience counts of the answers on `recommendations`, as `reported` gives them: the answers of
    responses in `statuses`, in the questionnaires of `meetings` (of every meeting when None), of one State when
    `member_state_id` is given, posted until `posted_until` when given. An audience without a reader: the compiled
    analysis counts the posted responses as at the moment of its data (questionnaires.analysis). One query."""
    answers = Answer.objects.filter(
        question__recommendation__in=[rec.pk for rec in recommendations],
        response__status__in=statuses,
    ).exclude(status="")
    if member_state_id is not None:
        answers = answers.filter(response__member_state_id=member_state_id)
    if meetings is not None:
        answers = answers.filter(response__questionnaire__meeting__in=meetings)
    if posted_until is not None:
        answers = answers.filter(response__posted_at__lte=posted_until)
    fields = ["pk", "status", "response_id", "question_id", "response__member_state_id", "question__recommendation_id"]
    if with_text:
        fields.append("text")
    result = {}
    for row in answers.values(*fields):
        result[(row["response__member_state_id"], row["question__recommendation_id"])] = Reported(
            status=row["status"],
            answer_id=row["pk"],
            response_id=row["response_id"],
            question_id=row["question_id"],
            text=row.get("text", ""),
        )
    return result


def counts(cells, state_ids, recommendation_ids):
    """Per recommendation, how many of `state_ids` reported each status (NO_ANSWER for the rest):
    {recommendation id: {status: count}}."""
    totals = {pk: dict.fromkeys(STATUSES, 0) for pk in recommendation_ids}
    for pk in recommendation_ids:
        for state_id in state_ids:
            cell = cells.get((state_id, pk))
            totals[pk][cell.status if cell else NO_ANSWER] += 1
    return totals
