"""Checks on uploaded files: the type is read from the content (never trusted from the name), and the size."""

import mimetypes

import magic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from honlac.storage import shortened_name

PDF = {"application/pdf": ".pdf"}
WORD = {
    "application/msword": ".doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}
EXCEL = {
    "application/vnd.ms-excel": ".xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
}
IMAGES = {"image/png": ".png", "image/jpeg": ".jpg"}

DOCUMENT_TYPES = {**PDF, **WORD}
ATTACHMENT_TYPES = {**PDF, **WORD, **EXCEL, **IMAGES}


def detect_content_type(uploaded):
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    uploaded.seek(0)
    head = uploaded.read(65536)
    uploaded.seek(position)
    return magic.from_buffer(head, mime=True)


def validate_upload(uploaded, *, allowed=DOCUMENT_TYPES, max_bytes=None):
    """Raise ValidationError unless the file's content is one of `allowed` and it is small enough.

    Returns the detected content type.
    """
    max_bytes = max_bytes or settings.FILE_UPLOAD_MAX_SIZE
    if uploaded.size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(max_bytes)},
            code="too_large",
        )
    content_type = detect_content_type(uploaded)
    if content_type not in allowed:
        raise ValidationError(
            _("This kind of file is not accepted. Accepted: %(kinds)s.")
            % {"kinds": ", ".join(sorted(set(allowed.values())))},
            code="wrong_type",
        )
    return content_type


def name_for_content(name, content_type, *, max_characters=255):
    """`name` ending in the extension of the type found in the file, under which it is then stored and served:
    a PDF uploaded as photo.png or page.html becomes photo.pdf or page.pdf. Cut to `max_characters` (the column
    that keeps it), keeping the extension."""
    if mimetypes.guess_type(name)[0] != content_type:
        stem = name.rsplit(".", 1)[0] if "." in name else name
        name = stem + ATTACHMENT_TYPES.get(content_type, "")
    return shortened_name(name, max_characters=max_characters)
