"""Business actions on a meeting's recommendations: adding and changing one, pasting many, importing a CSV file."""

import csv
import functools
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from accounts.audit import changed_fields, log_action
from agendas.topics import topic_for
from meetings.languages import ordered, per_language
from meetings.uploads import scan_upload

from .linking import link_imported, link_in_row, previous_by_number
from .models import Recommendation

_NUMBERING = re.compile(r"^\s*(?:\(?\d+[.)]|\(?[a-z][.)]|[-*•])\s+", re.IGNORECASE)
_NUMBER = re.compile(r"^\s*\(?(\d+)[.)]\s+")


def next_recommendation_number(meeting):
    return (meeting.recommendations.aggregate(last=Max("number"))["last"] or 0) + 1


def _save(recommendation):
    """Save `recommendation`; a number or a continuation that someone else took meanwhile (the form checked
    both) is a ValidationError, not a server error."""
    try:
        with transaction.atomic():
            recommendation.save()
    except IntegrityError as error:
        raise ValidationError(
            _(
                "Someone else gave another recommendation of this meeting the same number, or linked it to the "
                "same earlier recommendation, meanwhile: nothing was saved. Check and save again."
            )
        ) from error


def add_recommendation(recommendation, *, by):
    """Save a new recommendation (built by the form). Side effects: saves it; records it in the audit trail."""
    with transaction.atomic():
        _save(recommendation)
        log_action(recommendation, "recommendation.added", by=by)
    return recommendation


def update_recommendation(recommendation, *, by):
    """Save the changes to a recommendation (made on the instance by the form), its link to the recommendation
    it continues among them.

    Side effects: saves it; records the fields that changed in the audit trail.
    """
    with transaction.atomic():
        fields = changed_fields(recommendation)
        _save(recommendation)
        log_action(recommendation, "recommendation.changed", by=by, data={"fields": fields})
    return recommendation


@dataclass
class Filled:
    """What a paste or an import did, by number: recommendations added, and existing ones whose text in a
    language was filled (it was empty) or replaced (it was another text); titles of topics filled."""

    added: list = field(default_factory=list)
    filled: list = field(default_factory=list)
    replaced: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    linked: list = field(default_factory=list)

    @property
    def numbers(self):
        return sorted(r.number for r in [*self.added, *self.filled, *self.replaced])


def _log_imported(meeting, result, *, source, by, language=None):
    log_action(
        meeting,
        "recommendations.imported",
        by=by,
        data={
            "source": source,
            **({"language": language} if language else {}),
            "count": len(result.added),
            "numbers": [item.number for item in result.added],
            "filled": [item.number for item in result.filled],
            "replaced_texts": [item.number for item in result.replaced],
            **({"linked": [item.number for item in result.linked]} if result.linked else {}),
        },
    )


def _set_texts(recommendation, texts, result):
    """Set the texts of `recommendation` given in `texts` (language -> text), noting in `result` whether it was
    filled (each text was empty) or replaced (one was another text). Returns the fields changed."""
    changed, replaced = [], False
    for language, text in texts.items():
        name = f"text_{language}"
        before = (getattr(recommendation, name) or "").strip()
        if not text or before == text:
            continue
        replaced = replaced or bool(before)
        setattr(recommendation, name, text)
        changed.append(name)
    if changed:
        (result.replaced if replaced else result.filled).append(recommendation)
    return changed


def _fill_topic_title(topic, language, title, result, *, by):
    """Give `topic` its title in `language` (a heading of a pasted version), if it has another or none."""
    if topic is None or not title or (getattr(topic, f"title_{language}") or "") == title:
        return
    setattr(topic, f"title_{language}", title)
    try:
        topic.clean_fields(exclude=["meeting", "member_state", "proposed_by"])  # e.g. a title over 400 characters
    except ValidationError as error:
        raise ValidationError(list(dict.fromkeys(error.messages))) from error
    topic.save(update_fields=[f"title_{language}"])
    log_action(topic, "topic.changed", by=by, data={"fields": [f"title_{language}"]})
    result.topics.append(topic)


def _parse_pasted(text):
    """Sections of a pasted text: (heading or None, [(number or None, paragraph)]), in order."""
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if block.strip()]
    sections = []
    for block in blocks:
        lines = block.split("\n")
        while lines and lines[0].lstrip().startswith("#"):
            sections.append((lines.pop(0).lstrip("# ").strip(), []))
        if not lines:
            continue
        if not sections:
            sections.append((None, []))
        first = lines[0]
        match = _NUMBER.match(first)
        number = int(match.group(1)) if match else None
        body = _NUMBERING.sub("", " ".join(line.strip() for line in lines))
        sections[-1][1].append((number, body))
    return sections


def _numbered(sections):
    """The sections with every paragraph numbered: its own number, else the one after the previous paragraph's
    (the first one: 1). Raises ValidationError for a number given twice."""
    numbered, previous, seen = [], 0, set()
    for heading, paragraphs in sections:
        items = []
        for number, body in paragraphs:
            number = number if number is not None else previous + 1
            if number in seen or number < 1 or number > 9999:
                raise ValidationError(_("The number %(number)s is given twice.") % {"number": number})
            seen.add(number)
            items.append((number, body))
            previous = number
        numbered.append((heading, items))
    return numbered


def add_recommendations_from_text(meeting, *, text, by, language="en"):
    """Enter one language's version of the recommendations, pasted as text: one per paragraph; a line starting
    with '#' is a topic heading.

    A paragraph's number is the one it starts with ("3.", "(3)"), else the one after the previous paragraph's,
    the first being 1; the numbering marks ("1.", "(a)", "-") are removed. A paragraph whose number exists
    fills the text in `language` of that recommendation (replacing another one), and its heading fills the
    title in `language` of that recommendation's topic: the version of another language completes the
    recommendations instead of adding new ones. A paragraph of a new number adds a recommendation, under the
    topic with that title in `language`, or a new one (see topic_for); only its text in `language` is set.
    Side effects, in one transaction: saves the recommendations and topics; records the paste on the meeting,
    and each topic changed, in the audit trail. Returns a Filled.
    """
    sections = _numbered(_parse_pasted(text))
    result = Filled()
    with transaction.atomic():
        existing = {
            r.number: r
            for r in meeting.recommendations.select_for_update(of=("self",)).select_related("topic").order_by("number")
        }
        topic = None
        for heading, paragraphs in sections:
            known = [existing[number] for number, _body in paragraphs if number in existing]
            if heading is not None:
                topics = [r.topic for r in known if r.topic is not None]
                if topics:
                    topic = topics[0]
                    _fill_topic_title(topic, language, heading, result, by=by)
                else:
                    topic = topic_for(meeting, titles={language: heading}, by=by)
            for number, body in paragraphs:
                recommendation = existing.get(number)
                if recommendation is not None:
                    changed = _set_texts(recommendation, {language: body}, result)
                    if changed:
                        recommendation.save(update_fields=changed)
                    continue
                recommendation = Recommendation(meeting=meeting, topic=topic, number=number)
                setattr(recommendation, f"text_{language}", body)
                recommendation.save()
                existing[number] = recommendation
                result.added.append(recommendation)
        _log_imported(meeting, result, source="text", language=language, by=by)
    return result


LINK_COLUMNS = ["continues", "continuation"]


def csv_columns(languages):
    """The columns of an import for a body working in `languages`: number, topic, topic_<code>... and
    text_<code>... of those languages only, in UN order, then the columns of a link to the previous meeting."""
    return ["number", "topic", *per_language("topic", "text", languages=languages), *LINK_COLUMNS]


def _read_csv(file, languages):
    try:
        content = file.read().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("The file is not UTF-8 text.")) from error
    if "\x00" in content:
        # Binary content that happens to decode; no database column takes NUL characters either.
        raise ValidationError(_("The file is not UTF-8 text."))
    reader = csv.DictReader(io.StringIO(content))
    try:
        fieldnames = reader.fieldnames or []
        rows = list(reader)
    except csv.Error as error:  # e.g. a field longer than the csv module reads
        raise ValidationError(_("The file could not be read as CSV: %(error)s.") % {"error": error}) from error
    if not any(f"text_{code}" in fieldnames for code in languages):
        raise ValidationError(
            _("The file needs the columns: %(columns)s.") % {"columns": ", ".join(csv_columns(languages))}
        )
    return rows


def import_recommendations_csv(meeting, *, file, by):
    """Import recommendations from CSV (UTF-8) with the columns of csv_columns (those of the
    body's working languages); all but one text column may be
    missing or empty.

    A row's number is in `number`, else the one after the previous row's (the first being 1). A row whose
    number exists fills the texts it gives of that recommendation (and the titles its topic lacks); a row of a
    new number adds a recommendation, which needs an English text, under the topic of the meeting whose
    number is in `topic`, else the one with the same title in one of the languages given, else a new one (see
    topic_for). A row with a number in `continues` links the recommendation to that recommendation of the
    previous meeting, as `continuation` says (reiterated or updated; empty: see default_continuation).
    All rows or none: a row with a wrong number, a new one without English text, naming no topic of the
    meeting or continuing a recommendation the previous meeting does not have, refuses the whole file.
    Side effects: saves recommendations, topics and links; records the import on the meeting in the audit
    trail. Returns a Filled.
    """
    scan_upload(file, by=by)
    languages = ordered(meeting.body.working_languages)
    rows = _read_csv(file, languages)
    result = Filled()
    earlier = functools.cache(functools.partial(previous_by_number, meeting))
    with transaction.atomic():
        existing = {
            r.number: r
            for r in meeting.recommendations.select_for_update(of=("self",)).select_related(
                "topic", "continues__meeting__body"
            )
        }
        previous, seen, links = 0, set(), {}
        for line, row in enumerate(rows, start=2):
            given = (row.get("number") or "").strip().rstrip(".")
            if given and not given.isdigit():
                raise ValidationError(_("Line %(line)s has no valid number.") % {"line": line})
            number = int(given) if given else previous + 1
            if number in seen or not 1 <= number <= 9999:
                raise ValidationError(_("The number %(number)s is given twice.") % {"number": number})
            seen.add(number)
            previous = number
            link = link_in_row(row, line, earlier)
            texts = {code: (row.get(f"text_{code}") or "").strip() for code in languages}
            titles = {code: row.get(f"topic_{code}") or "" for code in languages}
            recommendation = existing.get(number)
            if recommendation is not None:
                changed = _set_texts(recommendation, texts, result)
                if changed:
                    recommendation.save(update_fields=changed)
                for code, title in titles.items():
                    if title.strip() and recommendation.topic and not getattr(recommendation.topic, f"title_{code}"):
                        _fill_topic_title(recommendation.topic, code, title.strip(), result, by=by)
            else:
                if not texts.get("en"):
                    raise ValidationError(_("Line %(line)s has no English text.") % {"line": line})
                topic = topic_for(meeting, key=(row.get("topic") or "").strip(), titles=titles, by=by)
                recommendation = Recommendation(meeting=meeting, number=number, topic=topic)
                for code in languages:
                    setattr(recommendation, f"text_{code}", texts[code] or None)
                recommendation.save()
                existing[number] = recommendation
                result.added.append(recommendation)
            if link is not None:
                links[recommendation] = link
        if links:
            result.linked = link_imported(existing, links, language=meeting.body.original_language)
        _log_imported(meeting, result, source="csv", by=by)
    return result


def delete_recommendation(recommendation, *, by):
    """Delete a recommendation that no questionnaire asks about (a question of one keeps it).

    Side effects: deletes it; records it, with its number and English text, on its meeting in the audit trail.
    Raises ValidationError while a questionnaire uses it.
    """
    with transaction.atomic():
        recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
        if recommendation.questions.exists():
            raise ValidationError(
                _(
                    "Recommendation %(number)s is asked about in a questionnaire: it cannot be deleted. "
                    "Remove it from the questionnaire first."
                )
                % {"number": recommendation.number}
            )
        meeting, number = recommendation.meeting, recommendation.number
        recommendation.delete()
        log_action(meeting, "recommendation.deleted", by=by, data={"numbers": [number]})
