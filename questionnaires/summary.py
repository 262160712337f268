"""What the States answered, counted per recommendation: for the dashboard, the transmittal note and the compiled
analysis."""

from django.db.models import Count
from django.utils.translation import pgettext

from meetings import wording
from meetings.models import Meeting

from .implementation import STATUSES, reported_to, status_label
from .implementation import counts as status_counts
from .models import Answer, ImplementationStatus, Recommendation, Response


def recommendation_summary(questionnaire, *, posted_only=False, until=None):
    """For each recommendation question: how many States gave each status. Two queries."""
    answers = Answer.objects.filter(response__questionnaire=questionnaire, question__recommendation__isnull=False)
    if posted_only:
        answers = answers.filter(response__status=Response.Status.POSTED)
    if until is not None:
        answers = answers.filter(response__posted_at__lte=until)
    counts = {}
    # COUNT(*), not of the ids: the ids are not in the index that holds the statuses (Answer.Meta.constraints).
    for row in answers.exclude(status="").values("question_id", "status").annotate(count=Count("*")):
        counts.setdefault(row["question_id"], {})[row["status"]] = row["count"]
    questions = questionnaire.questions.filter(recommendation__isnull=False).select_related("recommendation")
    return [
        {
            "question": question,
            "recommendation": question.recommendation,
            "counts": [counts.get(question.pk, {}).get(value, 0) for value in ImplementationStatus.values],
        }
        for question in questions.order_by("position")
    ]


# The compiled analysis (questionnaires.analysis, printed by questionnaires.documents)

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

# The audience of the analysis, a document for the meeting: the responses posted on its secure page, not those
# only submitted to the secretariat.
MEETING_AUDIENCE = (Response.Status.POSTED,)


def analysis_cells(recommendations, *, until, audience=MEETING_AUDIENCE):
    """What the analysis counts of the answers on `recommendations`: those of the responses in `audience` posted
    until `until` (every one posted when None), with the measures' text. One query."""
    return reported_to(recommendations, statuses=audience, posted_until=until, with_text=True)


def compile_analysis(questionnaire, *, until, language):
    """The content of the analysis in `language` (the caller activates it): its recommendations grouped by topic,
    each with its counts, those of the recommendation it continues, and the measures by State. The number of
    queries does not depend on the number of States, recommendations or answers."""
    recommendations = list(
        Recommendation.objects.filter(questions__questionnaire=questionnaire)
        .select_related("topic", "continues__meeting__body")
        .order_by("questions__position")
    )
    previous = [rec.continues for rec in recommendations if rec.continues is not None]
    cells = analysis_cells([*recommendations, *previous], until=until)
    states = list(questionnaire.meeting.participating_states.all())
    state_ids = [state.pk for state in states]
    now = status_counts(cells, state_ids, [rec.pk for rec in recommendations])
    then = _previous_status_counts(cells, previous)
    names = {state.pk: state for state in states}
    answered = {}
    for (state_id, rec_id), cell in cells.items():
        # The measures of the States the counts are of; a State that takes no part in the meeting has none here.
        if state_id in names and cell.text.strip():
            answered.setdefault(rec_id, []).append((names[state_id], cell))
    languages = dict(
        Response.objects.filter(pk__in={cell.response_id for cell in cells.values()}).values_list("pk", "language")
    )
    groups = []
    for rec in recommendations:
        if not groups or groups[-1]["topic"] != rec.topic:
            groups.append({"topic": rec.topic, "entries": []})
        measures = [
            {
                "state": state,
                "status": status_label(cell.status),
                "text": cell.text,
                # The language the State wrote in, for the hyphenation of its text.
                "language": languages.get(cell.response_id) or "",
                "original_language": wording.language_name(languages[cell.response_id], language)
                if languages.get(cell.response_id)
                else "",
            }
            for state, cell in answered.get(rec.pk, [])
        ]
        measures.sort(key=lambda measure: wording.collation_key(measure["state"].name))
        groups[-1]["entries"].append(
            {
                "recommendation": rec,
                "rows": _rows(now[rec.pk], then.get(rec.continues_id) if rec.continues_id else None),
                "continues": rec.continues,
                "reviewed_before": rec.continues_id in then,
                "measures": measures,
            }
        )
    for letter, group in zip(LETTERS, groups, strict=False):
        group["letter"] = letter
    return {"groups": groups, "state_count": len(state_ids)}


def _previous_status_counts(cells, previous):
    """The counts of each earlier recommendation among the States of the meeting whose questionnaire reviewed it:
    {recommendation id: {status: count}}, for those a questionnaire reviewed. One query."""
    if not previous:
        return {}
    through = Meeting.participating_states.through
    rows = through.objects.filter(
        meeting__questionnaire__source_meeting__in={rec.meeting_id for rec in previous}
    ).values_list("meeting__questionnaire__source_meeting_id", "memberstate_id")
    states_of = {}
    for source_meeting_id, state_id in rows:
        states_of.setdefault(source_meeting_id, []).append(state_id)
    result = {}
    for rec in previous:
        if rec.meeting_id in states_of:
            result.update(status_counts(cells, states_of[rec.meeting_id], [rec.pk]))
    return result


def _rows(now, then):
    """The rows of a recommendation's table: each status, its count now, then (None in a first cycle) and the
    change; the total last."""
    rows = [
        {
            "status": code,
            "label": status_label(code),
            "now": now[code],
            "then": None if then is None else then[code],
            "change": None if then is None else _signed(now[code] - then[code]),
        }
        for code in STATUSES
    ]
    total_now, total_then = sum(now.values()), None if then is None else sum(then.values())
    rows.append(
        {
            "status": "total",
            "label": pgettext("sum of a column", "Total"),
            "now": total_now,
            "then": total_then,
            "change": None if then is None else _signed(total_now - total_then),
        }
    )
    return rows


def _signed(number):
    # A typographic minus, as a printed table of the United Nations writes it.
    if number > 0:
        return f"+{number}"
    return f"\u2212{-number}" if number < 0 else "0"
