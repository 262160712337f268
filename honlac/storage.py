"""No file without its row: files written by work that fails to commit are removed from storage.

A file field saves its file to storage before the row is written, inside the service's transaction. When that
transaction rolls back, or the database fails at commit, the row is gone but the file stays. Within
`files_kept_only_if_committed()` (every request, through the middleware below, and every background task that
writes files), the storage remembers each file it writes and keeps it only once the transaction that wrote it has
committed; the others are deleted when the block ends.

Names are cut to fit the file system: an uploaded file keeps its name on disk (a document's version), and a name of
200 four-byte characters is 800 bytes where a file system allows 255 (`shortened_name`).
"""

import os
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.files.storage import FileSystemStorage
from django.db import connection, transaction

_written = ContextVar("honlac_files_written", default=None)

# Bytes of a stored file's name: under the 255 of common file systems, with room for the 8 characters that storage
# adds to a name already taken ("_" and 7 random ones).
MAX_NAME_BYTES = 200
# Longer than this, what follows the last dot is not an extension but part of the name.
MAX_EXTENSION_CHARACTERS = 16


def shortened_name(name, *, max_bytes=None, max_characters=None):
    """`name` cut to at most `max_bytes` bytes of UTF-8 and `max_characters` characters, on a character boundary,
    keeping its extension."""
    stem, extension = os.path.splitext(name)
    if len(extension) > MAX_EXTENSION_CHARACTERS:
        stem, extension = name, ""
    if max_characters is not None:
        stem = stem[: max(max_characters - len(extension), 0)]
    if max_bytes is not None:
        # A character cut in the middle of its bytes is dropped whole.
        stem = stem.encode()[: max(max_bytes - len(extension.encode()), 0)].decode(errors="ignore")
    return stem + extension


class _Written:
    __slots__ = ("committed", "name", "storage")

    def __init__(self, storage, name):
        self.storage, self.name, self.committed = storage, name, False

    def commit(self):
        self.committed = True


class TransactionalFileSystemStorage(FileSystemStorage):
    """The file system storage, keeping a file only if the transaction that wrote it commits, under a name that
    fits the file system (see above)."""

    def get_valid_name(self, name):
        return shortened_name(super().get_valid_name(name), max_bytes=MAX_NAME_BYTES)

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
