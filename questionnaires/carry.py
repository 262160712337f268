"""Answers carried forward from one cycle to the next.

A recommendation of meeting N+1 may continue one of meeting N (Recommendation.continues). When a State starts its
response to the questionnaire on the recommendations of N+1, each block on such a recommendation starts from that
State's last answer to the recommendation it continues (in a submitted or posted response, never a draft). The
State then confirms each carried answer as it stands, or updates it, before it can submit; the response shows, per
answer, what changed since the previous cycle.

Which year a carried answer is "from": the year the previous response was submitted (what the focal point
remembers sending), or, for a response with no date of submission (loaded from elsewhere), the year of the
meeting whose questionnaire it answered.
"""

import difflib
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import normalize_newlines
from django.utils.translation import gettext as _

from .implementation import status_label
from .models import Answer, Question, Response
from .rules import responses_visible_to

# The responses an answer is carried from: sent by the State, never a draft.
CARRIED_FROM = [Response.Status.SUBMITTED, Response.Status.POSTED]


def carry_forward(response):
    """Start the answers of a new `response` from its State's last answers to the recommendations that its
    questions' recommendations continue. Returns the numbers of the recommendations whose answers were carried.

    Each answer is created with its status and text copied, `carried_from`, `carried_status` and `carried_text`
    set, and `confirmed_at` empty (it awaits confirmation). A question already answered is left as it is, so
    calling it twice carries nothing twice. Four queries, whatever the number of questions.
    """
    questions = list(
        response.questionnaire.questions.filter(recommendation__continues__isnull=False).values_list(
            "pk", "recommendation__continues_id", "recommendation__number"
        )
    )
    if not questions:
        return []
    earlier = Answer.objects.filter(
        response__member_state_id=response.member_state_id,
        response__status__in=CARRIED_FROM,
        question__recommendation_id__in=[continued for _pk, continued, _number in questions],
    ).exclude(response=response)
    last = {}
    # The latest answer to each continued recommendation: of the latest meeting, then the latest submitted.
    for row in earlier.order_by("-response__questionnaire__meeting__number", "-response__submitted_at", "-pk").values(
        "pk", "status", "text", "question__recommendation_id"
    ):
        last.setdefault(row["question__recommendation_id"], row)
    answered = set(response.answers.values_list("question_id", flat=True))
    carried, numbers = [], []
    for question_id, continued, number in questions:
        previous = last.get(continued)
        if question_id in answered or previous is None or not (previous["status"] or previous["text"]):
            continue
        carried.append(
            Answer(
                response=response,
                question_id=question_id,
                status=previous["status"],
                text=previous["text"],
                carried_from_id=previous["pk"],
                carried_status=previous["status"],
                carried_text=previous["text"],
            )
        )
        numbers.append(number)
    Answer.objects.bulk_create(carried)
    return sorted(numbers)


def _same_text(first, second):
    # A browser sends a text area's lines with CRLF, and the form strips the ends: neither is a change.
    return normalize_newlines(first or "").strip() == normalize_newlines(second or "").strip()


def is_unchanged(answer, status, text):
    """Whether saving (status, text) leaves `answer` as it is."""
    return answer.status == (status or "") and _same_text(answer.text, text)


def to_confirm(answers, question_ids):
    """The answers among `answers` (Answer objects) on `question_ids` that await confirmation."""
    wanted = {int(pk) for pk in question_ids}
    return [answer for answer in answers if answer.question_id in wanted and answer.awaits_confirmation]


def awaiting_confirmation(response):
    """The questions of `response` whose carried answers are neither confirmed nor changed yet, in order."""
    return [
        answer.question
        for answer in response.answers.filter(carried_from__isnull=False, confirmed_at__isnull=True)
        .select_related("question__recommendation")
        .order_by("question__position")
    ]


def recommendation_numbers(answers):
    """The numbers of the recommendations of `answers`, in order (one query)."""
    return sorted(
        Question.objects.filter(
            pk__in=[answer.question_id for answer in answers], recommendation__isnull=False
        ).values_list("recommendation__number", flat=True)
    )


def numbers_of(questions):
    return ", ".join(str(question.recommendation.number) for question in questions if question.recommendation)


# What changed since the last cycle

# Words with their punctuation, and the spaces between them.
_TOKENS = re.compile(r"\s+|\S+")


def _changes(old, new):
    """The opcodes of difflib from `old` to `new` (lists of tokens), a run of changed words kept whole: the
    spaces between two changes belong to the change, so that it reads "removed: two words, added: three new
    words" rather than word by word."""
    merged = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag != "equal" and len(merged) >= 2 and merged[-2][0] != "equal":
            spaces = merged[-1]
            if spaces[0] == "equal" and not "".join(old[spaces[1] : spaces[2]]).strip():
                merged.pop()
                first = merged.pop()
                merged.append(("replace", first[1], i2, first[3], j2))
                continue
        merged.append((tag, i1, i2, j1, j2))
    return merged


def word_diff(before, after):
    """`before` changed into `after`, word by word, as HTML: removed words in <del>, added ones in <ins>, each
    opened by a visually hidden "removed:" / "added:" for screen readers. Every word is escaped."""
    old = _TOKENS.findall(normalize_newlines(before or ""))
    new = _TOKENS.findall(normalize_newlines(after or ""))
    parts = []
    for tag, i1, i2, j1, j2 in _changes(old, new):
        if tag == "equal":
            parts.append(escape("".join(old[i1:i2])))
            continue
        changes = []
        if i2 > i1:
            changes.append(_marked("del", _("removed:"), "".join(old[i1:i2])))
        if j2 > j1:
            changes.append(_marked("ins", _("added:"), "".join(new[j1:j2])))
        # A space between the words removed and those added, for the eye and for screen readers.
        parts.append(" ".join(str(change) for change in changes))
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 (each piece escaped above)


def _marked(tag, label, text):
    # The element's name is one of two constants; the label and the words are escaped by format_html. The spaces
    # around the words stay outside, not struck through nor underlined.
    words = text.strip()
    before, after = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    return format_html(
        '{3}<{0}><span class="visually-hidden">{1} </span>{2}</{0}>{4}', tag, label, words, before, after
    )


@dataclass
class Carried:
    """An answer carried forward, as the form and the response page show it."""

    answer: Answer
    year: int | None
    # Whether the reader may see what the previous response said (the State and the secretariat always).
    shows_previous: bool = True

    @property
    def awaits_confirmation(self):
        return self.answer.awaits_confirmation

    @property
    def status_changed(self):
        return self.answer.status != self.answer.carried_status

    @property
    def text_changed(self):
        return not _same_text(self.answer.text, self.answer.carried_text)

    @property
    def unchanged(self):
        return not (self.status_changed or self.text_changed)

    @property
    def previous_status(self):
        return status_label(self.answer.carried_status) if self.answer.carried_status else "—"

    @property
    def current_status(self):
        return status_label(self.answer.status) if self.answer.status else "—"

    @property
    def text_diff(self):
        return word_diff(self.answer.carried_text, self.answer.text)


def _year(previous_response):
    if previous_response.submitted_at is not None:
        return timezone.localtime(previous_response.submitted_at).year
    start = previous_response.questionnaire.meeting.start_date
    return start.year if start else None


def carried_answers(response, *, reader=None):
    """{question id: Carried} for the answers of `response` carried forward. With `reader`, what changed is
    shown only where the reader may read the previous response (a State's answer of the last cycle that was
    never posted stays its own). Two queries at most."""
    answers = list(
        response.answers.filter(carried_from__isnull=False).select_related(
            "carried_from__response__questionnaire__meeting"
        )
    )
    readable = None
    if reader is not None and answers:
        previous = {answer.carried_from.response_id for answer in answers}
        readable = set(responses_visible_to(reader).filter(pk__in=previous).values_list("pk", flat=True))
    return {
        answer.question_id: Carried(
            answer=answer,
            year=_year(answer.carried_from.response),
            shows_previous=readable is None or answer.carried_from.response_id in readable,
        )
        for answer in answers
    }
