"""The implementation matrix of a body as data: States × recommendations, each cell the status the State reported,
with totals per row, per column and in all; for the page and its XLSX alike.

The rows are built here in Python, each a plain list of cells sharing one object per status (symbol, label, CSS
class), so that the template only loops: at 193 States × 40 recommendations no cell costs a query or an include.
The counting itself is questionnaires.implementation's (reported, counts).
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from meetings.models import MemberState
from meetings.wording import collation_key

from .implementation import NO_ANSWER, STATUSES, counts, reported, status_label, threads, visible_response_statuses
from .models import ImplementationStatus, Recommendation, Response
from .rules import questionnaires_visible_to

# A symbol in each cell besides its colour, so that the status never rests on colour alone; screen readers read the
# label instead (the symbol is hidden from them).
SYMBOLS = {
    ImplementationStatus.IMPLEMENTED: "✓",
    ImplementationStatus.PARTIALLY: "◐",
    ImplementationStatus.NOT_YET: "✗",
    ImplementationStatus.NOT_APPLICABLE: "–",
    NO_ANSWER: "?",
}


@dataclass(frozen=True)
class Status:
    code: str
    symbol: str
    label: str
    css: str
    html: str  # what a cell holds: the symbol for the eye, the label for screen readers


def statuses():
    """One Status per code, in the order of STATUSES, its label in the active language."""
    kinds = []
    for code in STATUSES:
        label = str(status_label(code))
        html = format_html(
            '<span aria-hidden="true">{}</span><span class="visually-hidden">{}</span>', SYMBOLS[code], label
        )
        kinds.append(Status(code, SYMBOLS[code], label, f"matrix-{code.replace('_', '-')}", html))
    return kinds


class Cell:
    """One State's status for one recommendation; its attributes are the status's, read straight by the template."""

    __slots__ = ("status", "css", "html", "url")

    def __init__(self, status, url=""):
        self.status, self.css, self.html, self.url = status, status.css, status.html, url


@dataclass
class Column:
    recommendation: Recommendation
    meeting: object

    @property
    def text(self):
        return self.recommendation.text


@dataclass
class Row:
    state: MemberState
    cells: list
    totals: list  # the count of each status, in the order of STATUSES


@dataclass
class Matrix:
    columns: list
    rows: list
    column_totals: list = field(default_factory=list)  # per status: [count per column]
    grand_totals: list = field(default_factory=list)  # per status: count
    statuses: list = field(default_factory=list)

    @property
    def footer(self):
        """Per status: (Status, counts per column, grand total)."""
        return list(zip(self.statuses, self.column_totals, self.grand_totals, strict=True))

    @property
    def legend(self):
        return list(zip(self.statuses, self.grand_totals, strict=True))


# The meetings one may choose -----------------------------------------------------------------------------------


@dataclass
class Cycle:
    """A meeting whose recommendations a questionnaire reviews, and the meetings (one or more) that review them."""

    meeting: object
    reviewing: list = field(default_factory=list)
    has_answers: bool = False  # an answer that the reader may count

    @property
    def number(self):
        return self.meeting.number

    @property
    def label(self):
        year = f", {self.meeting.start_date.year}" if self.meeting.start_date else ""
        return f"{capfirst(self.meeting.short_title())}{year}"


def cycles(user, body):
    """The meetings of `body` whose recommendations `user` may see reviewed (a questionnaire of a later meeting
    that the user may read), latest first. One query."""
    visible = visible_response_statuses(user)
    questionnaires = (
        questionnaires_visible_to(user)
        .filter(meeting__body=body)
        .select_related("meeting__body", "source_meeting__body")
        .annotate(
            has_answers=Exists(Response.objects.filter(questionnaire=OuterRef("pk"), status__in=visible)),
        )
        .order_by("-source_meeting__number", "meeting__number")
    )
    found = {}
    for questionnaire in questionnaires:
        cycle = found.setdefault(questionnaire.source_meeting_id, Cycle(questionnaire.source_meeting))
        cycle.reviewing.append(questionnaire.meeting)
        cycle.has_answers = cycle.has_answers or questionnaire.has_answers
    return list(found.values())


def default_cycle(choices):
    """The latest meeting whose recommendations have a questionnaire with answers, else the latest one."""
    return next((cycle for cycle in choices if cycle.has_answers), choices[0] if choices else None)


# Building the table --------------------------------------------------------------------------------------------


def states_of(meetings, *, region=""):
    """The States taking part in any of `meetings`, by name in the active language. One query."""
    states = MemberState.objects.filter(meetings__in=[meeting.pk for meeting in meetings]).distinct()
    if region:
        states = states.filter(region=region)
    return sorted(states, key=lambda state: collation_key(state.name))


def build(user, *, columns, states):
    """The matrix of `states` (rows) × `columns`, with what `user` may count. One query (reported)."""
    kinds = statuses()
    by_code = {kind.code: kind for kind in kinds}
    recommendations = [column.recommendation for column in columns]
    cells = reported(user, recommendations)
    urls = _Links()
    rows = []
    for state in states:
        row, totals = [], dict.fromkeys(STATUSES, 0)
        for recommendation in recommendations:
            found = cells.get((state.pk, recommendation.pk))
            code = found.status if found else NO_ANSWER
            totals[code] += 1
            row.append(Cell(by_code[code], urls(found) if found else ""))
        rows.append(Row(state, row, [totals[code] for code in STATUSES]))
    per_column = counts(cells, [state.pk for state in states], [rec.pk for rec in recommendations])
    column_totals = [[per_column[rec.pk][code] for rec in recommendations] for code in STATUSES]
    return Matrix(
        columns=columns,
        rows=rows,
        column_totals=column_totals,
        grand_totals=[sum(values) for values in column_totals],
        statuses=kinds,
    )


class _Links:
    """Reported.url of each answer, with the response's address reversed once for all its answers (a reverse()
    per cell was a third of the page's time at 193 States × 40 recommendations)."""

    def __init__(self):
        self.responses = {}

    def __call__(self, found):
        base = self.responses.get(found.response_id)
        if base is None:
            base = self.responses[found.response_id] = found.url.split("#", 1)[0]
        return f"{base}#question-{found.question_id}"


def meeting_columns(recommendations, *, topic=None):
    """The columns of one meeting's recommendations, of one topic if given (loaded already: no query)."""
    return [Column(rec, rec.meeting) for rec in recommendations if topic is None or str(rec.topic_id) == str(topic)]


def thread_columns(recommendation, cycles_by_meeting):
    """The columns of the thread of `recommendation`: its recommendations in the meetings one may choose, earliest
    first. Three queries (threads)."""
    chain = threads([recommendation])[recommendation.pk]
    return [
        Column(rec, cycles_by_meeting[rec.meeting_id].meeting) for rec in chain if rec.meeting_id in cycles_by_meeting
    ]


def recommendations_of(meeting):
    """The recommendations of `meeting` with their topics, by number. One query."""
    recommendations = list(Recommendation.objects.filter(meeting=meeting).select_related("topic").order_by("number"))
    for rec in recommendations:
        rec.meeting = meeting
    return recommendations


def topics_of(recommendations):
    """The topics of `recommendations`, in their order, without repeats (no query)."""
    topics = {}
    for rec in recommendations:
        if rec.topic_id and rec.topic_id not in topics:
            topics[rec.topic_id] = rec.topic
    return sorted(topics.values(), key=lambda topic: (topic.position, topic.pk))


# XLSX ----------------------------------------------------------------------------------------------------------


def column_heading(column, *, thread):
    number = column.recommendation.number
    if thread:
        return _("%(body)s %(meeting)s, No. %(number)s") % {
            "body": column.meeting.body.display_code,
            "meeting": column.meeting.number,
            "number": number,
        }
    return _("No. %(number)s") % {"number": number}


def table(matrix, *, thread):
    """The header and the rows of the XLSX: State, a column per recommendation, the row totals per status; then a
    line of column totals per status, with the grand total under that status's row total."""
    labels = [kind.label for kind in matrix.statuses]
    header = [_("State"), *(column_heading(column, thread=thread) for column in matrix.columns), *labels]
    rows = [[row.state.name, *(cell.status.label for cell in row.cells), *row.totals] for row in matrix.rows]
    for index, (kind, per_column, total) in enumerate(matrix.footer):
        grand = [None] * len(labels)
        grand[index] = total
        rows.append([_("Total: %(status)s") % {"status": kind.label}, *per_column, *grand])
    return header, rows
