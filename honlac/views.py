import logging
import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.models import Q
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseServerError
from django.template import loader
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from meetings.models import Body, Meeting
from meetings.rules import is_contributor, is_focal_point, is_secretariat
from questionnaires.contributors import contributor_home
from questionnaires.progress import bodies_taken_part_in

from . import home
from .read_only import is_read_only_error, read_only_response

logger = logging.getLogger(__name__)


def server_error(request):
    """The 500 handler; when the database could not be reached, a 503 "try again" page instead.

    The transaction of a request that changes data was rolled back before this runs (honlac/transactions.py),
    so nothing half-written remains. The templates use no database: it may be the very thing that is down.
    """
    error = sys.exc_info()[1]
    if is_read_only_error(error):
        return read_only_response()
    unavailable = isinstance(error, (OperationalError, InterfaceError)) or (
        isinstance(error, DatabaseError) and "connection" in str(error).lower()
    )
    template = loader.get_template("503.html" if unavailable else "500.html")
    response = HttpResponseServerError(template.render({"request_path": request.path}))
    if unavailable:
        response.status_code = 503
        response["Retry-After"] = "30"
    return response


@never_cache
@require_safe
def health(request):
    """For load balancers and supervisors: 200 once the database answers a `SELECT 1`, 503 when it does not.

    Cheap, so that it can be asked every few seconds: no sign-in, no template, no session (none is created, so no
    cookie is set), and exempt from the redirect to HTTPS (a balancer checks its servers over plain HTTP).
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Health check: the database did not answer (%s)", error)
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def bad_request(request, exception):
    """The 400 handler; a form too large to be read (RequestDataTooBig) answers 413, saying the limits."""
    if isinstance(exception, RequestDataTooBig):
        context = {
            "text_size": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE),
            "file_size": filesizeformat(settings.FILE_UPLOAD_MAX_SIZE),
        }
        return HttpResponse(loader.render_to_string("413.html", context, request), status=413)
    return HttpResponseBadRequest(loader.render_to_string("400.html", {}, request))


class HomeView(TemplateView):
    """Each role's home: a focal point's tasks for their State, or what needs the secretariat's attention; then
    the meetings, for everyone."""

    template_name = "meetings/home.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        meetings = Meeting.objects.select_related("body", "host_state").exclude(status=Meeting.Status.CANCELLED)
        upcoming = meetings.filter(Q(start_date__gte=today) | Q(start_date__isnull=True)).order_by(
            "start_date", "body__code", "number"
        )
        past = meetings.filter(start_date__lt=today).order_by("-start_date")
        user = self.request.user
        if is_secretariat(user):
            kwargs["attention"] = home.secretariat_home(user)
        elif is_focal_point(user):
            kwargs["tasks"] = home.focal_point_home(user)
            kwargs["history_bodies"] = bodies_taken_part_in(user)
        elif is_contributor(user):
            kwargs["contributions"] = contributor_home(user)
        return super().get_context_data(bodies=Body.objects.all(), upcoming=upcoming, past=past[:20], **kwargs)
