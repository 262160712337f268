"""The rows of the long lists of the questionnaire's pages (a row per State: 193 at the United Nations), worked out
in Python in one pass, so that the template prints each cell as it is: through the template engine, a `{% url %}`,
a formatted date, a translated label and an include per row cost about a millisecond a row."""

from dataclasses import dataclass
from urllib.parse import quote

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from meetings.wording import long_date

from .models import Response

_EACH = "918273645"  # stands for the row's own argument in a URL reversed once (digits: it fits any converter)


def url_of_each(viewname, *args):
    """A function value -> the URL of `viewname` with `args`, in which None stands for the row's value: reversed once
    for all the rows, as reverse() would write each."""
    prefix, suffix = reverse(viewname, args=[_EACH if arg is None else arg for arg in args]).split(_EACH)
    return lambda value: f"{prefix}{quote(str(value), safe=RFC3986_SUBDELIMS + '/~:@')}{suffix}"


class Dates:
    """wording.long_date and long_datetime for many rows, in `language`: each day written once."""

    def __init__(self, language):
        self.language = language
        self.days = {}

    def day(self, moment):
        if moment is None:
            return ""
        day = timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()
        if day not in self.days:
            self.days[day] = long_date(day, self.language)
        return self.days[day]

    def moment(self, moment):
        if moment is None:
            return ""
        local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
        return f"{self.day(local)}, {local:%H:%M}"


@dataclass(frozen=True)
class DashboardRow:
    state: str
    status: str
    changed: str
    by: str
    links: str


def dashboard_rows(statuses, *, body, language):
    """The secretariat's table of the States' responses: (state, response or None) pairs as
    services.state_statuses gives them, each as the cells it prints."""
    response_url = url_of_each("questionnaires:response", None)
    history_url = url_of_each("questionnaires:state_history", body.code, None)
    view, history = _("View the response"), _("History")
    sent_back, not_started = _("Sent back"), _("Not started")
    labels = {value: str(label) for value, label in Response.Status.choices}
    dates = Dates(language)
    rows = []
    for state, response in statuses:
        name = state.name
        history_link = format_html(
            '<a class="ms-2" href="{}">{}<span class="visually-hidden"> ({})</span></a>',
            history_url(state.code),
            history,
            name,
        )
        if response is None:
            rows.append(DashboardRow(name, not_started, "", "", history_link))
            continue
        rows.append(
            DashboardRow(
                name,
                sent_back if response.returned_at else labels.get(response.status, response.status),
                dates.moment(response.updated_at),
                response.updated_by,
                format_html('<a href="{}">{}</a> {}', response_url(response.pk), view, history_link),
            )
        )
    return rows


@dataclass(frozen=True)
class PostedRow:
    url: str
    state: str
    posted: str


def secure_page_rows(posted, *, language):
    """The posted responses of the secure page (with `attachment_count`), each as the link and the line it prints."""
    response_url = url_of_each("questionnaires:response", None)
    dates = Dates(language)
    return [
        PostedRow(
            response_url(response.pk),
            response.member_state.name,
            ngettext(
                "Posted on %(date)s, %(counter)s attachment",
                "Posted on %(date)s, %(counter)s attachments",
                response.attachment_count,
            )
            % {"date": dates.day(response.posted_at), "counter": response.attachment_count},
        )
        for response in posted
    ]
