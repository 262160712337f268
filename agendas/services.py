"""Business actions on agendas."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from meetings.models import Meeting

from .models import Agenda, AgendaItem

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def fill_meeting_references(title, meeting, language):
    """Replace {meeting}, {previous_meeting} and {next_meeting} by those meetings' full titles."""
    body = meeting.body
    for token, number in (
        ("{meeting}", meeting.number),
        ("{previous_meeting}", meeting.number - 1),
        ("{next_meeting}", meeting.number + 1),
    ):
        if token in title:
            title = title.replace(token, Meeting(body=body, number=number).full_title(language))
    return title


def generate_agenda(meeting, *, by=None):
    """Create the draft agenda of `meeting` from its body's standard agenda.

    Side effects: creates the agenda and its items, with titles in every language of the pattern.
    Raises ValidationError when the meeting already has an agenda.
    """
    with transaction.atomic():
        if Agenda.objects.filter(meeting=meeting).exists():
            raise ValidationError(_("This meeting already has an agenda."))
        agenda = Agenda.objects.create(meeting=meeting)
        items = []
        for pattern in meeting.body.agenda_pattern.all():
            item = AgendaItem(
                agenda=agenda,
                position=pattern.position,
                is_placeholder=pattern.is_placeholder,
                purpose=pattern.purpose,
            )
            for code in LANGUAGE_CODES:
                title = getattr(pattern, f"title_{code}")
                setattr(item, f"title_{code}", fill_meeting_references(title, meeting, code) if title else None)
            items.append(item)
        AgendaItem.objects.bulk_create(items)
    return agenda
