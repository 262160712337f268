"""The database in read-only maintenance: pages are read, nothing is written, and the reader is told so.

A database can be read-only on purpose (a PostgreSQL replica or `default_transaction_read_only` during
maintenance, a SQLite file without write permission). Reading a page then still saves the session (its expiry
moves with every request), and Django turns that failed save into a bare "Bad Request (400)"
(SessionInterrupted). Here a read-only save is skipped: the page is served, and the session simply keeps its
expiry. A request that writes fails in the view and gets the read-only page (honlac.views.server_error).
"""

from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import DatabaseError
from django.template import loader

from .transactions import SAFE_METHODS

# SQLSTATE read_only_sql_transaction (PostgreSQL); SQLite says "attempt to write a readonly database".
READ_ONLY_SQLSTATE = "25006"


def is_read_only_error(error):
    """Whether `error`, or an error it was raised from, is a database refusing to write."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        code = getattr(error, "pgcode", None) or getattr(error, "sqlstate", None)
        if code == READ_ONLY_SQLSTATE or (isinstance(error, DatabaseError) and "readonly database" in str(error)):
            return True
        error = error.__cause__ or error.__context__
    return False


def read_only_response():
    """The 503 page of read-only maintenance (it uses no database)."""
    from django.http import HttpResponse

    body = loader.get_template("503_read_only.html").render()
    return HttpResponse(body, status=503, headers={"Retry-After": "300"})


class ReadOnlyAwareSessionMiddleware(SessionMiddleware):
    """Django's session middleware, which lets a page through when the session cannot be saved because the
    database is read-only; a request that meant to write (POST...) then answers the read-only page."""

    def process_response(self, request, response):
        try:
            return super().process_response(request, response)
        except (SessionInterrupted, DatabaseError) as error:
            if not is_read_only_error(error):
                raise
            if request.method in SAFE_METHODS or response.status_code >= 400:
                return response
            return read_only_response()
