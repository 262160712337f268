"""Requests that change data run their view in one transaction; requests that only read take none.

Django's ATOMIC_REQUESTS wraps every view, GET included, in a transaction. On SQLite, whose transactions take
the database's single write lock at once (see settings), every page view then waited behind any write, and held
the lock against the task worker while it rendered. Here only the unsafe methods get the transaction: a POST
that fails part-way still leaves nothing half-written, and reading a page never takes the write lock. A GET that
writes (creating a print job, a first empty response) does so through a service, which opens its own
transaction. A view marked with Django's `transaction.non_atomic_requests` gets none either: its service keeps
its transactions short on purpose (a run of invitations writes its texts first, then inserts them).
"""

from django.db import DEFAULT_DB_ALIAS, transaction

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class AtomicWritesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method in SAFE_METHODS or DEFAULT_DB_ALIAS in getattr(view_func, "_non_atomic_requests", ()):
            return None
        with transaction.atomic():
            response = view_func(request, *view_args, **view_kwargs)
            if response is None:
                # Passed on, None would tell Django to call the view again, outside the transaction.
                raise ValueError(f"The view {view_func.__qualname__} returned None.")
            return response
