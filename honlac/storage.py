"""No file without its row: files written by work that fails to commit are removed from storage.

A file field saves its file to storage before the row is written, inside the service's transaction. When that
transaction rolls back, or the database fails at commit, the row is gone but the file stays. Within
`files_kept_only_if_committed()` (every request, through the middleware below, and every background task that
writes files), the storage remembers each file it writes and keeps it only once the transaction that wrote it has
committed; the others are deleted when the block ends.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.core.files.storage import FileSystemStorage
from django.db import connection, transaction

_written = ContextVar("honlac_files_written", default=None)


class _Written:
    __slots__ = ("committed", "name", "storage")

    def __init__(self, storage, name):
        self.storage, self.name, self.committed = storage, name, False

    def commit(self):
        self.committed = True


class TransactionalFileSystemStorage(FileSystemStorage):
    """The file system storage, keeping a file only if the transaction that wrote it commits (see above)."""

    def _save(self, name, content):
        name = super()._save(name, content)
        written = _written.get()
        if written is not None:
            entry = _Written(self, name)
            written.append(entry)
            # Outside a transaction the callback runs at once: the file is committed as soon as it is written.
            transaction.on_commit(entry.commit)
        return name


@contextmanager
def files_kept_only_if_committed():
    written = []
    token = _written.set(written)
    try:
        yield
    finally:
        _written.reset(token)
        for entry in written:
            if not entry.committed and not _awaits_commit(entry):
                entry.storage.delete(entry.name)


def _awaits_commit(entry):
    """Whether the transaction that wrote `entry` is still open, inside one that encloses the block (as in tests,
    where each test is a transaction): its fate is not known yet. A rolled-back transaction drops its callbacks."""
    return any(callback == entry.commit for _savepoints, callback, _robust in connection.run_on_commit)


class RemoveUncommittedFilesMiddleware:
    """Removes the files that a request wrote in a transaction that did not commit (e.g. a 503)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with files_kept_only_if_committed():
            return self.get_response(request)
