"""Progress of implementation over time, as data for the charts and their tables: for a thread of recommendations,
the share of States in each status at each meeting that reviewed it; for one State, the status it reported on each
thread at each meeting.

Everything comes from questionnaires.implementation (threads, what the reader may count), in a fixed number of
queries whatever the number of States, recommendations and meetings. Who sees what:
- the secretariat counts every submitted and posted answer;
- a focal point counts the posted answers of the meetings their State takes part in (a meeting they did not take
  part in is left out, not shown as "no answer"); on their own State's history, every submitted and posted answer
  of their State;
- anyone else (a contributor, a State outside every reviewing meeting) sees nothing: the views answer 404.
"""

from dataclasses import dataclass, field

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from meetings.models import Body, Meeting
from meetings.rules import is_secretariat, state_of

from .charts import Bar
from .implementation import NO_ANSWER, STATUSES, Reported, counts, reported, status_label, threads
from .models import Questionnaire, Recommendation


def meeting_label(meeting):
    """'Thirty-first Meeting (2023)': a meeting as the label of a bar or a column."""
    title = capfirst(meeting.short_title())
    if meeting.start_date is None:
        return title
    return _("%(meeting)s (%(year)s)") % {"meeting": title, "year": meeting.start_date.year}


def recommendation_name(recommendation):
    """'Recommendation 2 of the Thirtieth Meeting'."""
    return _("Recommendation %(number)s of the %(meeting)s") % {
        "number": recommendation.number,
        "meeting": recommendation.meeting.short_title(),
    }


def _share_body(recommendations, body):
    """Gives the meetings of `recommendations` (all of `body`) their body, already loaded: their titles need it."""
    for rec in recommendations:
        rec.meeting.body = body


def _reviews(source_meeting_ids, *, with_sources=False):
    """The issued questionnaires that review these meetings, {source meeting id: questionnaire} (its meeting
    loaded), and the States taking part in each reviewing meeting (and in each meeting reviewed, `with_sources`),
    {meeting id: {State ids}}. Two queries."""
    questionnaires = (
        Questionnaire.objects.filter(source_meeting__in=source_meeting_ids)
        .exclude(status=Questionnaire.Status.DRAFT)
        .select_related("meeting__body")
        .order_by("-meeting__number")
    )
    by_source = {questionnaire.source_meeting_id: questionnaire for questionnaire in questionnaires}
    participants = {questionnaire.meeting_id: set() for questionnaire in by_source.values()}
    if with_sources:
        participants.update({meeting_id: set() for meeting_id in source_meeting_ids})
    rows = Meeting.participating_states.through.objects.filter(meeting__in=participants).values_list(
        "meeting_id", "memberstate_id"
    )
    for meeting_id, state_id in rows:
        participants[meeting_id].add(state_id)
    return by_source, participants


def _may_count(user, meeting_id, participants):
    """Whether `user` counts the answers given at this reviewing meeting (as implementation.reported does)."""
    return is_secretariat(user) or (state_of(user) is not None and state_of(user) in participants[meeting_id])


# Threads -------------------------------------------------------------------------------------------------------


@dataclass
class Point:
    """The answers to one recommendation of a thread, given at the meeting that reviewed it. `counts` is
    {status: number of States} among the States taking part in that meeting, or None: not reviewed yet
    (`meeting` None), or reviewed at a meeting whose answers the reader may not count."""

    recommendation: Recommendation
    meeting: Meeting | None
    counts: dict | None = None

    @property
    def total(self):
        return sum(self.counts.values()) if self.counts else 0


@dataclass
class ThreadProgress:
    recommendation: Recommendation  # the one asked about
    chain: list  # the thread, earliest meeting first
    points: list = field(default_factory=list)
    taken_part: bool = False  # the reader's State took part in a meeting of the thread or one that reviewed it

    @property
    def counted(self):
        """The points whose answers the reader counts: the bars of the chart and the rows of its table."""
        return [point for point in self.points if point.counts is not None]

    @property
    def visible(self):
        return bool(self.counted)

    @property
    def reviewed(self):
        return any(point.meeting is not None for point in self.points)

    def bars(self):
        return [
            Bar(meeting_label(point.meeting), point.counts, detail=recommendation_name(point.recommendation))
            for point in self.counted
        ]


def thread_progress(user, recommendations):
    """The progress of the thread of each of `recommendations` (of one body) as `user` may count it:
    {recommendation id: ThreadProgress}. Seven queries, whatever the number of threads, meetings and States."""
    chains = threads(recommendations)
    every = {rec.pk: rec for chain in chains.values() for rec in chain}
    _share_body(every.values(), recommendations[0].meeting.body if recommendations else None)
    by_source, participants = _reviews({rec.meeting_id for rec in every.values()}, with_sources=True)
    cells = reported(user, list(every.values()))
    result = {}
    for rec in recommendations:
        chain = chains[rec.pk]
        progress = ThreadProgress(recommendation=rec, chain=chain)
        for link in chain:
            questionnaire = by_source.get(link.meeting_id)
            meetings = [link.meeting_id, *([questionnaire.meeting_id] if questionnaire else [])]
            progress.taken_part |= any(state_of(user) in participants[meeting_id] for meeting_id in meetings)
            if questionnaire is None:
                progress.points.append(Point(link, None))
                continue
            point = Point(link, questionnaire.meeting)
            if _may_count(user, questionnaire.meeting_id, participants):
                point.counts = counts(cells, participants[questionnaire.meeting_id], [link.pk])[link.pk]
            progress.points.append(point)
        result[rec.pk] = progress
    return result


# A State's history -----------------------------------------------------------------------------------------------


@dataclass
class HistoryCell:
    """What the State reported on the thread's recommendation reviewed at one meeting; `recommendation` None
    when the thread has none at the meeting reviewed."""

    recommendation: Recommendation | None
    reported: Reported | None = None

    @property
    def status(self):
        if self.recommendation is None:
            return None
        return self.reported.status if self.reported else NO_ANSWER

    @property
    def label(self):
        return status_label(self.status) if self.status else ""


@dataclass
class HistoryRow:
    chain: list
    cells: list

    @property
    def latest(self):
        """The latest recommendation of the thread among the meetings shown: the name of the row."""
        return [cell.recommendation for cell in self.cells if cell.recommendation][-1]


@dataclass
class StateHistory:
    member_state: object
    columns: list  # the questionnaires reviewing the meetings shown, earliest first, each with its meeting
    rows: list
    column_counts: list  # per column, {status: number of recommendations}

    def bars(self):
        return [
            Bar(meeting_label(questionnaire.meeting), column)
            for questionnaire, column in zip(self.columns, self.column_counts, strict=True)
        ]


def bodies_taken_part_in(user):
    """The bodies of the meetings `user`'s State took part in: those where it has a history (one query)."""
    state = state_of(user)
    if state is None:
        return []
    return list(Body.objects.filter(meetings__participating_states=state).distinct().order_by("code"))


def state_history(user, body, member_state):
    """The status `member_state` reported on each thread of `body` at each reviewing meeting, as `user` may see
    it: the meetings whose questionnaire the State was asked to answer, and for another State's reader only
    those their own State took part in too (none: the reader may not see the page). Eight queries, whatever the
    number of threads and meetings."""
    questionnaires = Questionnaire.objects.filter(meeting__body=body).exclude(status=Questionnaire.Status.DRAFT)
    by_source, participants = _reviews(questionnaires.values("source_meeting"))
    reads_all = is_secretariat(user) or state_of(user) == member_state.pk
    columns = sorted(
        (
            questionnaire
            for questionnaire in by_source.values()
            if member_state.pk in participants[questionnaire.meeting_id]
            and (reads_all or _may_count(user, questionnaire.meeting_id, participants))
        ),
        key=lambda questionnaire: questionnaire.meeting.number,
    )
    recommendations = list(
        Recommendation.objects.filter(meeting__in=[q.source_meeting_id for q in columns]).order_by("number")
    )
    chains = threads(recommendations)
    _share_body((rec for chain in chains.values() for rec in chain), body)
    cells = reported(user, recommendations, member_state_id=member_state.pk)
    column_of = {questionnaire.source_meeting_id: index for index, questionnaire in enumerate(columns)}
    column_counts = [dict.fromkeys(STATUSES, 0) for _column in columns]
    rows, seen = [], set()
    for rec in recommendations:
        chain = chains[rec.pk]
        if chain[0].pk in seen:
            continue
        seen.add(chain[0].pk)
        row = HistoryRow(chain=chain, cells=[HistoryCell(None) for _column in columns])
        for link in chain:
            if link.meeting_id in column_of:
                cell = HistoryCell(link, cells.get((member_state.pk, link.pk)))
                row.cells[column_of[link.meeting_id]] = cell
                column_counts[column_of[link.meeting_id]][cell.status] += 1
        rows.append(row)
    rows.sort(key=lambda row: (-row.latest.meeting.number, row.latest.number))
    return StateHistory(member_state=member_state, columns=columns, rows=rows, column_counts=column_counts)
