"""The placeholders by which a body's standard agenda and note name meetings: {meeting}, {next_meeting_short},
{previous_meeting_ordinal}..., each filled in the language of the text.

A placeholder may ask for a grammatical case after a colon: {meeting_ordinal:genitive}. Russian inflects the
ordinal in each case ("на своей {meeting_ordinal:locative} сессии": "на своей пятьдесят восьмой сессии"; the noun
is written in the text, in its case); Arabic has a form for the nominative and one for the other cases ("في دورتها
{meeting_ordinal:genitive}": "في دورتها الثامنة والخمسين"); the other languages have one form.
"""

import re
import string

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from meetings.ordinals import CASES

# {meeting}: the full title; {meeting_short}: the ordinal and the noun ("fifty-eighth session"); {meeting_ordinal}:
# the ordinal alone. The same for the previous and the next meeting.
MEETING_PLACEHOLDERS = tuple(
    f"{which}{form}" for which in ("meeting", "previous_meeting", "next_meeting") for form in ("", "_short", "_ordinal")
)


class Inflected(str):
    """A word in the nominative that gives its other cases to a format spec: f"{word:genitive}"."""

    def __new__(cls, inflect):
        word = super().__new__(cls, inflect("nominative"))
        word.inflect = inflect
        return word

    def __format__(self, spec):
        if not spec:
            return str(self)
        if spec not in CASES:
            raise ValueError(f"Unknown case: {spec}")
        return self.inflect(spec)


def meeting_values(meeting, language):
    """The values of MEETING_PLACEHOLDERS for `meeting` in `language` (a working language of its body)."""
    body = meeting.body
    values = {}
    for which, number in (
        ("meeting", meeting.number),
        ("previous_meeting", meeting.number - 1),
        ("next_meeting", meeting.number + 1),
    ):
        for form, name in (("", body.meeting_title), ("_short", body.meeting_name), ("_ordinal", body.meeting_ordinal)):
            values[f"{which}{form}"] = Inflected(lambda case, name=name, number=number: name(number, language, case))
    return values


_NAMES = "|".join(sorted(MEETING_PLACEHOLDERS, key=len, reverse=True))
_MEETING_REFERENCE = re.compile(r"\{(" + _NAMES + r")(?::(\w+))?\}")


def fill_meeting_references(title, meeting, language):
    """Replace the MEETING_PLACEHOLDERS of `title` (a standard agenda item's) by the names of those meetings in
    `language`; other text, braces included, is left as it is."""
    if "{" not in title:
        return title
    values = meeting_values(meeting, language)
    return _MEETING_REFERENCE.sub(lambda match: format(values[match[1]], match[2] or ""), title)


def check_placeholders(text, available, *, inflected=MEETING_PLACEHOLDERS):
    """Raise ValidationError if `text` uses a placeholder that is not among `available`, a case that is not one of
    CASES or a case on a placeholder that has none (not among `inflected`), or stray braces."""
    try:
        fields = [(name, spec) for _literal, name, spec, _conversion in string.Formatter().parse(text or "") if name]
    except ValueError as error:
        raise ValidationError(_("Braces must enclose a placeholder: %(error)s") % {"error": error}) from error
    unknown = sorted({name for name, _spec in fields} - set(available))
    if unknown:
        raise ValidationError(
            _("Unknown placeholders: %(unknown)s. Available: %(available)s.")
            % {"unknown": ", ".join(unknown), "available": ", ".join(available)}
        )
    for name, spec in fields:
        if spec and (name not in inflected or spec not in CASES):
            raise ValidationError(
                _("{%(name)s:%(case)s}: a case may follow only a meeting's name or ordinal, and is one of: %(cases)s.")
                % {"name": name, "case": spec, "cases": ", ".join(CASES)}
            )
