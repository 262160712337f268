"""The recommendations of a meeting and the titles of their topics, edited side by side in the working languages:
one row per text, a column per language, saved all at once; a row changed by someone else since the page was
opened is not overwritten."""

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.audit import log_action
from agendas.models import Topic

from .models import Recommendation

# Numbers are unique in a meeting: rows that change number move through these first.
_SPARE_NUMBERS = 30000


def fingerprint(obj, names):
    """A short digest of the fields `names` of `obj` as stored: a row's state when the page was opened."""
    content = "\x1f".join(str(getattr(obj, name) or "") for name in names)
    return hashlib.sha256(content.encode()).hexdigest()[:16]


def recommendation_fields(languages):
    return ["number", *[f"text_{code}" for code in languages]]


def topic_fields(languages):
    return [f"title_{code}" for code in languages]


class TableConflict(Exception):
    """Rows changed (or deleted) by someone else since the page was opened: `recommendations` and `topics` map
    the ids of those rows to their current state (None for a deleted one)."""

    def __init__(self, recommendations, topics):
        super().__init__("changed meanwhile")
        self.recommendations = recommendations
        self.topics = topics


def save_recommendation_table(meeting, *, recommendations, topics, languages, by):
    """Save the rows changed in the side-by-side table of `meeting`.

    `recommendations`: {id: (fingerprint when opened, number, {language: text})}; `topics`: {id: (fingerprint,
    {language: title})}; only the rows the person changed. All or nothing: raises TableConflict if one of them
    changed since it was opened (nothing is saved), ValidationError for a number given twice or a row left
    without any text.
    Side effects, in one transaction: saves the texts and numbers (renumbering through spare numbers) and the
    titles; records each recommendation and topic changed, with its fields, in the audit trail.
    """
    rec_names, topic_names = recommendation_fields(languages), topic_fields(languages)
    with transaction.atomic():
        stored = {r.pk: r for r in Recommendation.objects.select_for_update().filter(meeting=meeting)}
        stored_topics = {t.pk: t for t in Topic.objects.select_for_update().filter(meeting=meeting)}
        conflicts = {
            pk: stored.get(pk)
            for pk, (seen, _number, _texts) in recommendations.items()
            if pk not in stored or fingerprint(stored[pk], rec_names) != seen
        }
        topic_conflicts = {
            pk: stored_topics.get(pk)
            for pk, (seen, _titles) in topics.items()
            if pk not in stored_topics or fingerprint(stored_topics[pk], topic_names) != seen
        }
        if conflicts or topic_conflicts:
            raise TableConflict(conflicts, topic_conflicts)

        numbers = {pk: r.number for pk, r in stored.items()}
        numbers.update({pk: number for pk, (_seen, number, _texts) in recommendations.items()})
        given = sorted(numbers.values())
        twice = sorted({number for number in given if given.count(number) > 1})
        if twice:
            raise ValidationError(
                _("Each recommendation needs a number of its own: %(numbers)s given twice.")
                % {"numbers": ", ".join(map(str, twice))}
            )
        for pk, (_seen, _number, texts) in recommendations.items():
            if not any((text or "").strip() for text in texts.values()):
                raise ValidationError(
                    _("Recommendation %(number)s needs a text in at least one language; to remove it, delete it.")
                    % {"number": numbers[pk]}
                )

        moving = [pk for pk in recommendations if stored[pk].number != numbers[pk]]
        for index, pk in enumerate(moving, start=1):
            Recommendation.objects.filter(pk=pk).update(number=_SPARE_NUMBERS + index)
        for pk, (_seen, number, texts) in recommendations.items():
            recommendation = stored[pk]
            changed = ["number"] if number != recommendation.number else []
            recommendation.number = number
            for code, text in texts.items():
                text = (text or "").strip() or None
                if (getattr(recommendation, f"text_{code}") or None) != text:
                    setattr(recommendation, f"text_{code}", text)
                    changed.append(f"text_{code}")
            recommendation.save(update_fields=["number", *[name for name in changed if name != "number"]])
            if changed:
                log_action(recommendation, "recommendation.changed", by=by, data={"fields": changed})
        for pk, (_seen, titles) in topics.items():
            topic = stored_topics[pk]
            changed = []
            for code, title in titles.items():
                title = (title or "").strip()
                if (getattr(topic, f"title_{code}") or "") != title:
                    setattr(topic, f"title_{code}", title or None)
                    changed.append(f"title_{code}")
            if changed:
                if not any(getattr(topic, f"title_{code}") for code in languages):
                    raise ValidationError(_("Give the topic a title in at least one language."))
                topic.save(update_fields=changed)
                log_action(topic, "topic.changed", by=by, data={"fields": changed})
