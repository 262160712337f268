"""Threads of recommendations across the meetings of a body: which recommendation of an earlier meeting a
recommendation continues, and how (reiterated, or updated with a new text).

Suggestions come from the previous meeting, within the same working-group topic, ranked by the likeness of the
texts in the body's original language. The links are saved by questionnaires.linking.
"""

import difflib
import re
import unicodedata
from dataclasses import dataclass

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from meetings.languages import CONTENT_LANGUAGE_CODES as LANGUAGE_CODES
from meetings.models import Meeting

from .models import Continuation, Recommendation

# The likeness (0 to 1) a recommendation of the previous meeting needs to be suggested. Two different
# recommendations of one meeting, sharing the words of the genre ("Governments should strengthen … agencies"),
# stay under 0.32 in each language of the demo; a text updated or rewritten around the same subject scores over
# 0.45 (tests/questionnaires/test_threads.py holds both).
THRESHOLD = 0.4
SUGGESTIONS = 3


def words(text):
    """The words of `text`, lower case and without accents: what two texts are compared on."""
    text = unicodedata.normalize("NFKD", (text or "").casefold())
    return re.findall(r"\w+", "".join(char for char in text if not unicodedata.combining(char)))


def similarity(first, second):
    """How alike two texts are, from 0 to 1: the share of their words in the same order (difflib's ratio).

    Words rather than characters: a recommendation updated at the next meeting keeps most of its words, in
    order, while two recommendations of a series share mostly short words that characters would overrate."""
    return difflib.SequenceMatcher(None, words(first), words(second), autojunk=False).ratio()


def original_text(recommendation, language):
    """The text of `recommendation` in `language`, else in the first language that has one."""
    for code in [language, *LANGUAGE_CODES]:
        text = getattr(recommendation, f"text_{code}", None)
        if text:
            return text
    return ""


def default_continuation(recommendation, earlier, *, language):
    """Reiterated when the two texts are the same word for word (case, accents and punctuation aside), else
    updated."""
    same = words(original_text(recommendation, language)) == words(original_text(earlier, language))
    return Continuation.REITERATED if same else Continuation.UPDATED


def previous_meeting(meeting):
    """The latest earlier meeting of the body (N-1, unless a meeting is missing), or None."""
    return (
        Meeting.objects.filter(body_id=meeting.body_id, number__lt=meeting.number)
        .select_related("body")
        .order_by("-number")
        .first()
    )


def label(recommendation, *, text=True):
    """'Recommendation 4 of the Thirty-first Meeting: Governments should…' (its meeting's body selected)."""
    values = {"number": recommendation.number, "meeting": recommendation.meeting.short_title()}
    if not text:
        return _("Recommendation %(number)s of the %(meeting)s") % values
    start = Truncator(recommendation.text or "").chars(90)
    return _("Recommendation %(number)s of the %(meeting)s: %(text)s") % {**values, "text": start}


def short_label(recommendation):
    """'4. Governments should…': a recommendation among those of a meeting the page names."""
    return f"{recommendation.number}. {Truncator(recommendation.text or '').chars(90)}"


# Suggestions


def _topic_titles(topic):
    if topic is None:
        return set()
    return {" ".join(words(getattr(topic, f"title_{code}", None))) for code in LANGUAGE_CODES} - {""}


@dataclass(frozen=True)
class Suggestion:
    recommendation: Recommendation
    score: float

    @property
    def percent(self):
        return round(self.score * 100)


def suggest(recommendations, candidates, *, language):
    """The best candidates (recommendations of the previous meeting) for each of `recommendations`:
    {id: [Suggestion, best first]}, at most SUGGESTIONS each, each at least THRESHOLD alike.

    Topics are the meeting's own, so a candidate is of the same topic when one of the titles of its topic is
    one of those of the recommendation's, in any language, case and accents aside; a recommendation whose topic
    matches none of the candidates' is compared with all of them. Texts are compared in `language` (the body's
    original language). No query: the topics are those selected with the recommendations."""
    candidates = list(candidates)
    titles = {candidate.pk: _topic_titles(candidate.topic) for candidate in candidates}
    texts = {candidate.pk: words(original_text(candidate, language)) for candidate in candidates}
    result = {}
    for recommendation in recommendations:
        own = _topic_titles(recommendation.topic)
        pool = [candidate for candidate in candidates if own & titles[candidate.pk]] or candidates
        # difflib keeps what it learnt of the second sequence: the recommendation's words are read once, and
        # the quick upper bounds skip the candidates that cannot reach the threshold.
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(words(original_text(recommendation, language)))
        scored = []
        for candidate in pool:
            matcher.set_seq1(texts[candidate.pk])
            if matcher.real_quick_ratio() >= THRESHOLD and matcher.quick_ratio() >= THRESHOLD:
                score = matcher.ratio()
                if score >= THRESHOLD:
                    scored.append(Suggestion(candidate, score))
        scored.sort(key=lambda suggestion: (-suggestion.score, suggestion.recommendation.number))
        result[recommendation.pk] = scored[:SUGGESTIONS]
    return result


def preselected(recommendations, suggestions):
    """What the linking page chooses for each of `recommendations`: {id: id of the earlier one or None}.

    The current link, else the most alike suggestion that no other recommendation continues or is given: the
    closest pairs are matched first, so that two recommendations alike to the same one are not both given it
    (which saving would refuse)."""
    chosen = {r.pk: r.continues_id for r in recommendations}
    taken = {pk for pk in chosen.values() if pk is not None}
    pairs = sorted(
        (
            (-suggestion.score, recommendation.number, recommendation.pk, suggestion.recommendation.pk)
            for recommendation in recommendations
            if recommendation.continues_id is None
            for suggestion in suggestions.get(recommendation.pk, [])
        ),
    )
    for _score, _number, pk, candidate in pairs:
        if chosen[pk] is None and candidate not in taken:
            chosen[pk] = candidate
            taken.add(candidate)
    return chosen


def suggestions_for(recommendation):
    """The suggestions of the previous meeting for one recommendation (see suggest)."""
    previous = previous_meeting(recommendation.meeting)
    if previous is None:
        return []
    candidates = list(previous.recommendations.select_related("topic").order_by("number"))
    for candidate in candidates:
        candidate.meeting = previous
    language = recommendation.meeting.body.original_language
    return suggest([recommendation], candidates, language=language)[recommendation.pk]


def percent(suggestion):
    return _("%(percent)s%%") % {"percent": suggestion.percent}


def suggestions_help(recommendation, *, taken=()):
    """'Suggested by the likeness of the texts: Recommendation 4 of the Thirty-first Meeting (92%).', or "";
    without the recommendations of `taken` (ids), which others continue already."""
    found = [s for s in suggestions_for(recommendation) if s.recommendation.pk not in taken]
    if not found:
        return ""
    listed = "; ".join(
        _("%(recommendation)s (%(percent)s)")
        % {"recommendation": label(suggestion.recommendation, text=False), "percent": percent(suggestion)}
        for suggestion in found
    )
    return _("Suggested by the likeness of the texts: %(suggestions)s.") % {"suggestions": listed}


# Showing a thread


def continues_note(recommendation):
    """'Continues recommendation 4 of the Thirty-first Meeting (reiterated)', or None."""
    earlier = recommendation.continues
    if earlier is None:
        return None
    values = {"number": earlier.number, "meeting": earlier.meeting.short_title()}
    if recommendation.continuation == Continuation.REITERATED:
        return _("Continues recommendation %(number)s of the %(meeting)s (reiterated)") % values
    return _("Continues recommendation %(number)s of the %(meeting)s (updated)") % values


def thread_notes(recommendation):
    """What the list of a meeting says of `recommendation`'s thread: [(text, url)], the one it continues first,
    then those that continue it (its `continues` and `continuations` selected with their meetings' bodies)."""
    notes = []
    if recommendation.continues is not None:
        notes.append((continues_note(recommendation), list_url(recommendation.continues)))
    for later in recommendation.continuations.all():
        text = _("Continued as recommendation %(number)s of the %(meeting)s") % {
            "number": later.number,
            "meeting": later.meeting.short_title(),
        }
        notes.append((text, list_url(later)))
    return notes


def list_url(recommendation):
    meeting = recommendation.meeting
    url = reverse("questionnaires:recommendations", args=[meeting.body.code, meeting.number])
    return f"{url}#recommendation-{recommendation.number}"
