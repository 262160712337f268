"""Checks on uploaded files: the size, a virus scan (when the deployment has ClamAV), the type read from the
content (never trusted from the name), and no active content (meetings.active_content)."""

import logging
import mimetypes

import magic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from accounts.audit import log_action
from honlac.storage import shortened_name

from . import virus_scan
from .active_content import check_active_content

logger = logging.getLogger(__name__)

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


def validate_upload(uploaded, *, allowed=DOCUMENT_TYPES, max_bytes=None, by=None):
    """Raise ValidationError unless the file is small enough, free of viruses (scan_upload), its content is one of
    `allowed`, and it holds no active content (JavaScript, embedded files, macros). `by` is the user uploading.

    Returns the detected content type.
    """
    max_bytes = max_bytes or settings.FILE_UPLOAD_MAX_SIZE
    if uploaded.size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(max_bytes)},
            code="too_large",
        )
    scan_upload(uploaded, by=by)
    content_type = detect_content_type(uploaded)
    # Before the type's check, so that a macro-enabled file (.docm, .xlsm) hears why it is refused.
    check_active_content(uploaded, content_type)
    if content_type not in allowed:
        raise ValidationError(
            _("This kind of file is not accepted. Accepted: %(kinds)s.")
            % {"kinds": ", ".join(sorted(set(allowed.values())))},
            code="wrong_type",
        )
    return content_type


def scan_upload(uploaded, *, by=None):
    """Raise ValidationError if ClamAV's daemon (HONLAC_CLAMAV_URL) finds a virus in the file, or does not answer;
    nothing is scanned when it is not set.

    Side effects: a virus found is recorded in the audit trail ("upload.virus_found"), with the name of the file
    and of the virus.
    """
    if not virus_scan.scanning_enabled() or getattr(uploaded, "honlac_scanned_clean", False):
        return
    try:
        virus = virus_scan.scan(uploaded)
    except virus_scan.ScannerUnavailable as error:
        logger.error("The virus scanner did not answer, upload of %s refused: %s", uploaded.name, error)
        raise ValidationError(
            _("The file could not be checked for viruses: the virus scanner is not answering. Try again later."),
            code="scanner_unavailable",
        ) from None
    if virus:
        logger.warning("Virus %s found in the upload %s", virus, uploaded.name)
        with transaction.atomic():
            log_action(
                None,
                "upload.virus_found",
                by=by,
                data={"file": uploaded.name, "signature": virus},
                label=uploaded.name,
            )
        raise ValidationError(
            _("The file was refused: the virus scanner found %(virus)s in it.") % {"virus": virus}, code="virus"
        )
    # Checked once: a form and then its service may both validate the same file.
    uploaded.honlac_scanned_clean = True


def name_for_content(name, content_type, *, max_characters=255):
    """`name` ending in the extension of the type found in the file, under which it is then stored and served:
    a PDF uploaded as photo.png or page.html becomes photo.pdf or page.pdf. Cut to `max_characters` (the column
    that keeps it), keeping the extension."""
    if mimetypes.guess_type(name)[0] != content_type:
        stem = name.rsplit(".", 1)[0] if "." in name else name
        name = stem + ATTACHMENT_TYPES.get(content_type, "")
    return shortened_name(name, max_characters=max_characters)
