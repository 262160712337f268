"""Linking recommendations to those of an earlier meeting that they continue: a whole meeting at once (the
linking page), and the rows of an imported CSV file. The suggestions and the wording are questionnaires.threads."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.audit import log_action, object_label

from .models import Continuation, Recommendation
from .recommendation_table import TableConflict, fingerprint
from .threads import default_continuation, label, previous_meeting

# What the linking page compares to tell whether a row changed since it was opened.
LINK_FIELDS = ["continues_id", "continuation"]


def link_recommendations(meeting, *, links, by):
    """Set which recommendation of an earlier meeting each recommendation of `meeting` continues.

    `links`: {id of a recommendation of `meeting`: (fingerprint of LINK_FIELDS when the page was opened, id of
    the earlier recommendation or None, Continuation or "")}, only the rows that change; an empty kind with an
    earlier recommendation is the default (see default_continuation). All or nothing: raises TableConflict if a
    row changed (or was deleted) since it was opened, ValidationError for a recommendation that is not of an
    earlier meeting of the body or that two recommendations would continue.
    Side effects, in one transaction: saves the links; records each recommendation linked, unlinked or whose kind
    changed, with what it continued before, in the audit trail. Returns the recommendations changed.
    """
    language = meeting.body.original_language
    with transaction.atomic():
        stored = {
            r.pk: r
            for r in Recommendation.objects.select_for_update(of=("self",))
            .select_related("meeting__body", "continues__meeting__body")
            .filter(meeting=meeting)
        }
        conflicts = {
            pk: stored.get(pk)
            for pk, (seen, _earlier, _kind) in links.items()
            if pk not in stored or fingerprint(stored[pk], LINK_FIELDS) != seen
        }
        if conflicts:
            raise TableConflict(conflicts, {})
        earlier = Recommendation.objects.select_related("meeting__body").in_bulk(
            {earlier_id for _seen, earlier_id, _kind in links.values() if earlier_id is not None}
        )
        before = {pk: (stored[pk].continues, stored[pk].continuation) for pk in links}
        for pk, (_seen, earlier_id, kind) in links.items():
            recommendation = stored[pk]
            if earlier_id is not None and earlier_id not in earlier:
                raise ValidationError(
                    _("Recommendation %(number)s: the recommendation it continues no longer exists.")
                    % {"number": recommendation.number}
                )
            recommendation.continues = earlier.get(earlier_id)
            recommendation.continuation = (
                (kind or default_continuation(recommendation, recommendation.continues, language=language))
                if recommendation.continues is not None
                else ""
            )
            _check(recommendation)
        check_continued_once(stored)
        # Cleared first, so that two rows exchanging the recommendations they continue never meet the
        # constraint of one continuation per meeting halfway.
        Recommendation.objects.filter(pk__in=list(links)).update(continues=None, continuation="")
        changed = []
        for pk in links:
            recommendation = stored[pk]
            recommendation.save(update_fields=["continues", "continuation"])
            previous, previous_kind = before[pk]
            if (recommendation.continues_id, recommendation.continuation) == (
                previous.pk if previous else None,
                previous_kind,
            ):
                continue
            changed.append(recommendation)
            log_action(
                recommendation,
                "recommendation.linked",
                by=by,
                data={
                    "continues": object_label(recommendation.continues) if recommendation.continues else None,
                    "continuation": recommendation.continuation,
                    "previous_continues": object_label(previous) if previous else None,
                    "previous_continuation": previous_kind,
                },
            )
    return changed


def previous_by_number(meeting):
    """(the previous meeting or None, its recommendations by number)."""
    previous = previous_meeting(meeting)
    candidates = {}
    if previous is not None:
        for candidate in previous.recommendations.all():
            candidate.meeting = previous
            candidates[candidate.number] = candidate
    return previous, candidates


def link_in_row(row, line, earlier):
    """(the recommendation of the previous meeting that the row continues, kind or ""), or None; from the
    columns continues (its number) and continuation (reiterated or updated) of a row of a CSV file.
    `earlier()` gives previous_by_number of the meeting. Raises ValidationError naming the line."""
    given = (row.get("continues") or "").strip().rstrip(".")
    kind = (row.get("continuation") or "").strip().lower()
    if kind not in ("", *Continuation.values):
        raise ValidationError(
            _("Line %(line)s: the column continuation takes reiterated or updated, not “%(value)s”.")
            % {"line": line, "value": kind}
        )
    if not given:
        if kind:
            raise ValidationError(
                _(
                    "Line %(line)s says how it continues but not which recommendation: give its number in the "
                    "column continues."
                )
                % {"line": line}
            )
        return None
    previous, candidates = earlier()
    if previous is None:
        raise ValidationError(
            _("Line %(line)s continues a recommendation, but no earlier meeting of the body is in the portal.")
            % {"line": line}
        )
    if not given.isdigit() or int(given) not in candidates:
        raise ValidationError(
            _("Line %(line)s continues recommendation %(number)s, which the %(meeting)s does not have.")
            % {"line": line, "number": given, "meeting": previous.short_title()}
        )
    return candidates[int(given)], kind


def link_imported(existing, links, *, language):
    """Link the recommendations of `links` ({recommendation: (earlier, kind)}) of an imported file; the others
    of the meeting (`existing`, by number) keep theirs. Raises ValidationError for one continued twice.
    Returns the recommendations whose link changed."""
    before = {r.pk: (r.continues_id, r.continuation) for r in links}
    for recommendation, (earlier, kind) in links.items():
        recommendation.continues = earlier
        recommendation.continuation = kind or default_continuation(recommendation, earlier, language=language)
    check_continued_once({r.pk: r for r in existing.values()})
    changed = [r for r in links if (r.continues_id, r.continuation) != before[r.pk]]
    # Cleared first: two rows may exchange the recommendations they continue.
    Recommendation.objects.filter(pk__in=[r.pk for r in changed]).update(continues=None, continuation="")
    for recommendation in changed:
        recommendation.save(update_fields=["continues", "continuation"])
    return changed


def _check(recommendation):
    try:
        recommendation.clean()
    except ValidationError as error:
        raise ValidationError(
            _("Recommendation %(number)s: %(error)s")
            % {"number": recommendation.number, "error": " ".join(error.messages)}
        ) from error


def check_continued_once(recommendations):
    """Each earlier recommendation continued by one of `recommendations` (those of a meeting, by id) at most, and
    by none of another meeting."""
    by_earlier = {}
    for recommendation in recommendations.values():
        if recommendation.continues is not None:
            by_earlier.setdefault(recommendation.continues_id, []).append(recommendation)
    for continuing in by_earlier.values():
        if len(continuing) > 1:
            raise ValidationError(
                _(
                    "%(recommendation)s would be continued by recommendations %(numbers)s: a recommendation is "
                    "continued by one recommendation of a meeting at most."
                )
                % {
                    "recommendation": label(continuing[0].continues, text=False),
                    "numbers": ", ".join(str(number) for number in sorted(r.number for r in continuing)),
                }
            )
    elsewhere = (
        Recommendation.objects.filter(continues_id__in=list(by_earlier))
        .exclude(pk__in=list(recommendations))
        .select_related("meeting__body", "continues__meeting__body")
        .first()
    )
    if elsewhere is not None:
        raise ValidationError(
            _(
                "%(recommendation)s is continued already, by %(later)s: a recommendation is continued once, so "
                "that its thread runs from one meeting to the next."
            )
            % {"recommendation": label(elsewhere.continues, text=False), "later": label(elsewhere, text=False)}
        )
