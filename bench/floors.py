"""Floor views: what a key page would cost if it did nothing but fetch its rows and print them.

Each floor goes through the same server, middleware, session and sign-in as the page it stands for, fetches the
same rows as that page shows, in one query, and renders them in a minimal template (no base layout, no forms
library, no translation of labels). A page's latency divided by its floor's tells how much the page costs beyond
the unavoidable. `trivial` renders a constant template without a query: the cost of the stack alone.
"""

from django.db.models import Count, FilteredRelation, Q
from django.http import Http404, HttpResponse
from django.template import engines

from meetings.models import Document, Meeting
from questionnaires.models import Answer, ImplementationStatus, Question, Response

_engine = engines["django"]

TRIVIAL = _engine.from_string("<!DOCTYPE html><title>floor</title><p>{{ text }}</p>")

HOME = _engine.from_string(
    """<!DOCTYPE html><title>floor</title><ul>{% for m in rows %}
<li><a href="/meetings/{{ m.body__code }}/{{ m.number }}/">{{ m.body__code }} {{ m.number }}</a>
{{ m.city }} {{ m.start_date }} {{ m.end_date }} {{ m.status }} {{ m.host_state__name }}</li>{% endfor %}</ul>"""
)

MEETING = _engine.from_string(
    """<!DOCTYPE html><title>floor</title><table>{% for d in rows %}
<tr><td><a href="/documents/{{ d.pk }}/">{{ d.symbol }}</a></td><td>{{ d.title }}</td>
<td>{{ d.agenda_item__position|default:"" }}</td><td>{{ d.distribution }}</td></tr>{% endfor %}</table>"""
)

SECURE_PAGE = _engine.from_string(
    """<!DOCTYPE html><title>floor</title><ul>{% for r in rows %}
<li><a href="/responses/{{ r.pk }}/">{{ r.member_state__name }}</a> {{ r.posted_at|date:"DATE_FORMAT" }},
{{ r.attachment_count }}</li>{% endfor %}</ul>"""
)

RESPONSE_FORM = _engine.from_string(
    """<!DOCTYPE html><title>floor</title><form method="post">{% for q in rows %}
<fieldset><legend>{{ q.recommendation__number|default:"" }}</legend><p>{{ q.recommendation__text|default:q.text }}</p>
{% if q.recommendation__number %}{% for value, label in statuses %}<label><input type="radio"
name="status_{{ q.pk }}" value="{{ value }}"{% if value == q.answer__status %} checked{% endif %}> {{ label }}</label>
{% endfor %}{% endif %}<textarea name="text_{{ q.pk }}">{{ q.answer__text|default:"" }}</textarea></fieldset>
{% endfor %}<button name="save">Save</button></form>"""
)

DASHBOARD = _engine.from_string(
    """<!DOCTYPE html><title>floor</title><table>{% for r in rows %}
<tr><td>{{ r.member_state__name }}</td><td>{{ r.status }}</td><td>{{ r.updated_at|date:"SHORT_DATETIME_FORMAT" }}</td>
<td>{{ r.updated_by__username|default:"" }}</td><td><a href="/responses/{{ r.pk }}/">view</a></td></tr>{% endfor %}
</table>"""
)


MATRIX = _engine.from_string(
    """<!DOCTYPE html><title>floor</title><table><tr>{% for r in rows %}{% ifchanged r.response__member_state__name %}
</tr><tr><th>{{ r.response__member_state__name }}</th>{% endifchanged %}<td><a
href="/responses/{{ r.response_id }}/#question-{{ r.question_id }}">{{ r.status }}</a></td>{% endfor %}</tr></table>"""
)


def _meeting_filter(request, prefix=""):
    return {
        f"{prefix}body__code": request.GET.get("body", "honlac"),
        f"{prefix}number": int(request.GET.get("number", "32")),
    }


def trivial(request):
    return TRIVIAL.render({"text": "floor"})


def home(request):
    rows = (
        Meeting.objects.exclude(status=Meeting.Status.CANCELLED)
        .order_by("start_date", "number")
        .values("number", "city", "start_date", "end_date", "status", "body__code", "host_state__name")
    )
    return HOME.render({"rows": rows})


def meeting(request):
    rows = (
        Document.objects.filter(**_meeting_filter(request, "meeting__"))
        .order_by("kind", "number")
        .values("pk", "symbol", "title", "distribution", "agenda_item__position")
    )
    return MEETING.render({"rows": rows})


def secure_page(request):
    rows = (
        Response.objects.filter(status=Response.Status.POSTED, **_meeting_filter(request, "questionnaire__meeting__"))
        .annotate(attachment_count=Count("attachments"))
        .order_by("member_state__name")
        .values("pk", "member_state__name", "posted_at", "attachment_count")
    )
    return SECURE_PAGE.render({"rows": rows})


def response_form(request):
    pk = int(request.GET["response"])
    rows = (
        Question.objects.filter(questionnaire__responses=pk)
        .annotate(answer=FilteredRelation("answers", condition=Q(answers__response=pk)))
        .order_by("position")
        .values("pk", "text", "recommendation__number", "recommendation__text", "answer__status", "answer__text")
    )
    return RESPONSE_FORM.render({"rows": rows, "statuses": ImplementationStatus.choices})


def dashboard(request):
    rows = (
        Response.objects.filter(**_meeting_filter(request, "questionnaire__meeting__"))
        .order_by("member_state__name")
        .values("pk", "member_state__name", "status", "updated_at", "updated_by__username")
    )
    return DASHBOARD.render({"rows": rows})


def matrix(request):
    """The matrix of the recommendations reviewed by the questionnaire of the meeting, as the secretariat sees it:
    the answers of the submitted and posted responses, a row per State."""
    rows = (
        Answer.objects.filter(
            question__recommendation__isnull=False,
            response__status__in=[Response.Status.SUBMITTED, Response.Status.POSTED],
            **_meeting_filter(request, "response__questionnaire__meeting__"),
        )
        .exclude(status="")
        .order_by("response__member_state__name", "question__recommendation__number")
        .values("status", "response_id", "question_id", "response__member_state__name")
    )
    return MATRIX.render({"rows": rows})


FLOORS = {
    "trivial": trivial,
    "home": home,
    "meeting": meeting,
    "secure_page": secure_page,
    "response_form": response_form,
    "dashboard": dashboard,
    "matrix": matrix,
}


def floor(request, page):
    view = FLOORS.get(page)
    if view is None:
        raise Http404
    return HttpResponse(view(request))
