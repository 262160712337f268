"""Requests that change data run their view in one transaction; requests that only read take none.

Django's ATOMIC_REQUESTS wraps every view, GET included, in a transaction. On SQLite, whose transactions take
the database's single write lock at once (see settings), every page view then waited behind any write, and held
the lock against the task worker while it rendered. Here only the unsafe methods get the transaction: a POST
that fails part-way still leaves nothing half-written, and reading a page never takes the write lock. A GET that
writes (creating a print job, a first empty response) does so through a service, which opens its own
transaction.
"""

from django.db import transaction

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class AtomicWritesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method in SAFE_METHODS:
            return None
        with transaction.atomic():
            return view_func(request, *view_args, **view_kwargs)
