"""The secure page's bundles: every posted response of a questionnaire as one ZIP (each State's folder holds its
response as a PDF and its attachments) and as one PDF (questionnaires.documents.render_posted_responses).

The ZIP is streamed: each response is printed and each file read while the archive goes out, so that the first
bytes leave at once and no archive is held in memory or on disk, whatever the number of States.
"""

import io
import re
import unicodedata
import zipfile

from django.utils import timezone, translation

from honlac import printing

from .models import Response

# Characters that are not allowed in a file name on one of the systems the participants use.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
MAX_NAME_LENGTH = 120
CHUNK = 64 * 1024


def safe_file_name(name, *, default="file"):
    """`name` as a file name any system opens: no folder, no control or reserved character, no leading dot,
    at most MAX_NAME_LENGTH characters (the extension kept)."""
    name = re.split(r"[/\\]", unicodedata.normalize("NFC", name or ""))[-1]
    name = _UNSAFE.sub("_", name).strip().lstrip(".").strip()
    if not name or set(name) <= {"_", " ", "."}:
        return default
    if len(name) > MAX_NAME_LENGTH:
        stem, dot, extension = name.rpartition(".")
        if dot and len(extension) <= 10:
            name = stem[: MAX_NAME_LENGTH - len(extension) - 1].rstrip() + "." + extension
        else:
            name = name[:MAX_NAME_LENGTH]
    return name


def _unique(name, taken):
    """`name`, or "name (2).ext", "name (3).ext"... if a file of the folder already has it (case aside)."""
    candidate, number = name, 1
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    while candidate.casefold() in taken:
        number += 1
        candidate = f"{stem} ({number}).{extension}" if extension else f"{stem} ({number})"
    taken.add(candidate.casefold())
    return candidate


def zip_entries(responses, *, language):
    """The (path in the archive, a function giving the content's chunks) of every file of the ZIP of `responses`,
    in their order: for each State, "<State>/response.pdf" and then its attachments under their names."""
    folders = set()
    with translation.override(language):
        response_name = safe_file_name(translation.pgettext("file name in a ZIP", "response") + ".pdf")
    for response in responses:
        with translation.override(language):
            folder = _unique(safe_file_name(response.member_state.name, default=response.member_state.code), folders)
        taken = set()
        yield f"{folder}/{_unique(response_name, taken)}", _printed(response, language)
        for attachment in response.attachments.all():
            yield f"{folder}/{_unique(safe_file_name(attachment.original_name), taken)}", _read(attachment)


def _printed(response, language):
    def chunks():
        yield printing.render("response", response, language=language)

    return chunks


def _read(attachment):
    def chunks():
        with attachment.file.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                yield chunk

    return chunks


class _Pipe(io.RawIOBase):
    """A write-only stream whose bytes are taken out as they come (zipfile writes an archive to it that it cannot
    seek back into: sizes then follow each file, as ZIP allows)."""

    def __init__(self):
        self._chunks = []

    def writable(self):
        return True

    def write(self, data):
        self._chunks.append(bytes(data))
        return len(data)

    def drain(self):
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data


def stream_zip(entries):
    """The bytes of a ZIP of `entries` (see `zip_entries`), yielded as it is written."""
    pipe = _Pipe()
    now = timezone.localtime().timetuple()[:6]
    with zipfile.ZipFile(pipe, mode="w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, chunks in entries:
            info = zipfile.ZipInfo(path, date_time=now)
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, mode="w") as member:
                for chunk in chunks():
                    member.write(chunk)
                    if data := pipe.drain():
                        yield data
            if data := pipe.drain():
                yield data
    yield pipe.drain()


def posted_responses(responses):
    """The posted ones among `responses` (a queryset of those the user may read), by State name."""
    return (
        responses.filter(status=Response.Status.POSTED)
        .select_related("member_state", "questionnaire__meeting__body")
        .prefetch_related("attachments")
        .order_by("member_state__name")
    )
