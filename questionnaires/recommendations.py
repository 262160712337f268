"""Business actions on a meeting's recommendations: adding and changing one, pasting many, importing a CSV file."""

import csv
import io
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from accounts.audit import changed_fields, log_action
from agendas.topics import topic_for

from .models import Recommendation

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]

_NUMBERING = re.compile(r"^\s*(?:\(?\d+[.)]|\(?[a-z][.)]|[-*•])\s+", re.IGNORECASE)


def next_recommendation_number(meeting):
    return (meeting.recommendations.aggregate(last=Max("number"))["last"] or 0) + 1


def add_recommendation(recommendation, *, by):
    """Save a new recommendation (built by the form). Side effects: saves it; records it in the audit trail."""
    with transaction.atomic():
        recommendation.save()
        log_action(recommendation, "recommendation.added", by=by)
    return recommendation


def update_recommendation(recommendation, *, by):
    """Save the changes to a recommendation (made on the instance by the form).

    Side effects: saves it; records the fields that changed in the audit trail.
    """
    with transaction.atomic():
        fields = changed_fields(recommendation)
        recommendation.save()
        log_action(recommendation, "recommendation.changed", by=by, data={"fields": fields})
    return recommendation


def _log_imported(meeting, created, *, source, by):
    log_action(
        meeting,
        "recommendations.imported",
        by=by,
        data={"source": source, "count": len(created), "numbers": [item.number for item in created]},
    )


def add_recommendations_from_text(meeting, *, text, by, language="en"):
    """Add recommendations pasted as text: one per paragraph; a line starting with '#' is a topic heading.

    Leading numbers ("1.", "(a)", "-") are removed; numbering continues after the existing recommendations.
    A heading names the topic of the meeting with that title in `language`, or a new one (see topic_for).
    Side effects: creates recommendations, and topics, in one transaction; records them on the meeting in the
    audit trail. Returns the new recommendations.
    """
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if block.strip()]
    created = []
    with transaction.atomic():
        topic = None
        number = next_recommendation_number(meeting)
        for block in blocks:
            lines = block.split("\n")
            while lines and lines[0].lstrip().startswith("#"):
                topic = topic_for(meeting, titles={language: lines.pop(0).lstrip("# ").strip()}, by=by)
            if not lines:
                continue
            body = _NUMBERING.sub("", " ".join(line.strip() for line in lines))
            recommendation = Recommendation(meeting=meeting, topic=topic, number=number)
            setattr(recommendation, f"text_{language}", body)
            if language != "en":
                recommendation.text_en = recommendation.text_en or body
            recommendation.save()
            created.append(recommendation)
            number += 1
        _log_imported(meeting, created, source="text", by=by)
    return created


CSV_COLUMNS = ["topic", "topic_en", "topic_fr", "topic_es", "text_en", "text_fr", "text_es"]


def import_recommendations_csv(meeting, *, file, by):
    """Import recommendations from CSV (UTF-8) with the columns of CSV_COLUMNS; topic columns may be empty.

    A row's topic is the topic of the meeting whose number is in `topic`, else the one with the same title in
    one of the languages given, else a new one (see topic_for). All rows or none: a row without English text,
    or naming no topic of the meeting, refuses the whole file. Side effects: creates recommendations, and
    topics; records them on the meeting in the audit trail. Returns the new recommendations.
    """
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
    missing = [column for column in ("text_en",) if column not in fieldnames]
    if missing:
        raise ValidationError(_("The file needs the columns: %(columns)s.") % {"columns": ", ".join(CSV_COLUMNS)})
    created = []
    with transaction.atomic():
        number = next_recommendation_number(meeting)
        for line, row in enumerate(rows, start=2):
            if not (row.get("text_en") or "").strip():
                raise ValidationError(_("Line %(line)s has no English text.") % {"line": line})
            titles = {code: row.get(f"topic_{code}") or "" for code in LANGUAGE_CODES}
            topic = topic_for(meeting, key=(row.get("topic") or "").strip(), titles=titles, by=by)
            recommendation = Recommendation(meeting=meeting, number=number, topic=topic)
            for code in LANGUAGE_CODES:
                setattr(recommendation, f"text_{code}", (row.get(f"text_{code}") or "").strip() or None)
            recommendation.save()
            created.append(recommendation)
            number += 1
        _log_imported(meeting, created, source="csv", by=by)
    return created
