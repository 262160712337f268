import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponseServerError
from django.template import loader

logger = logging.getLogger(__name__)


def server_error(request):
    """The 500 handler; when the database could not be reached, a 503 "try again" page instead.

    The transaction of a request that changes data was rolled back before this runs (honlac/transactions.py),
    so nothing half-written remains. The templates use no database: it may be the very thing that is down.
    """
    error = sys.exc_info()[1]
    unavailable = isinstance(error, (OperationalError, InterfaceError)) or (
        isinstance(error, DatabaseError) and "connection" in str(error).lower()
    )
    template = loader.get_template("503.html" if unavailable else "500.html")
    response = HttpResponseServerError(template.render({"request_path": request.path}))
    if unavailable:
        response.status_code = 503
        response["Retry-After"] = "30"
    return response
