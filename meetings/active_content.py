"""Uploaded files that would run something when opened are refused: PDFs with JavaScript, actions that launch
programs or embedded files, Office files with macros; PDFs that cannot be read (damaged or encrypted) too, since
what they hold cannot be checked.

Called by meetings.uploads.validate_upload, once the type of the file has been read from its content.
"""

import io
import logging
import zipfile

import pikepdf
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from oletools.olevba import VBA_Parser

logger = logging.getLogger(__name__)

PDF = "application/pdf"
LEGACY_OFFICE = {"application/msword", "application/vnd.ms-excel"}
OOXML = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.ms-word.document.macroEnabled.12",
    "application/vnd.ms-excel.sheet.macroEnabled.12",
}

# Keys of a PDF dictionary that run something: JavaScript (an action's /JS, the document's /JavaScript names),
# the additional actions run when a page, a field or the document is opened, closed or printed (/AA), and XFA
# forms, which carry their own scripts.
_SCRIPT_KEYS = {"/JS", "/JavaScript", "/AA", "/XFA"}
# Actions that run something other than JavaScript: a program, a file, a form posted or filled from elsewhere.
_ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/RichMediaExecute"}
# What carries a file inside a PDF: the document's /EmbeddedFiles, a file specification's /EF, the file itself.
_EMBEDDED_KEYS = {"/EmbeddedFiles", "/EF"}
_EMBEDDED_TYPES = {"/EmbeddedFile", "/FileAttachment", "/RichMedia"}


def check_active_content(uploaded, content_type):
    """Raise ValidationError if the file, of `content_type` (read from its content), holds active content."""
    if content_type == PDF:
        _check_pdf(_read(uploaded))
    elif content_type in LEGACY_OFFICE or content_type in OOXML:
        _check_office(_read(uploaded), getattr(uploaded, "name", "") or "upload")


def _read(uploaded):
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    return data


def _check_pdf(data):
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise ValidationError(_encrypted_message(), code="encrypted") from None
    except (pikepdf.PdfError, ValueError, RuntimeError) as error:
        logger.info("Refused an unreadable PDF: %s", error)
        raise ValidationError(
            _("The PDF could not be read: it may be damaged. Save or export it again as PDF, then upload it."),
            code="broken_pdf",
        ) from None
    with pdf:
        if pdf.is_encrypted:
            raise ValidationError(_encrypted_message(), code="encrypted")
        scripts = embedded = False
        for obj in _dictionaries(pdf):
            keys = set(obj.keys())
            if keys & _SCRIPT_KEYS or str(obj.get("/S", "")) in _ACTIVE_ACTIONS:
                scripts = True
            if keys & _EMBEDDED_KEYS or str(obj.get("/Type", "")) in _EMBEDDED_TYPES:
                embedded = True
            if str(obj.get("/Subtype", "")) in _EMBEDDED_TYPES:
                embedded = True
    if scripts:
        raise ValidationError(
            _(
                "The PDF contains JavaScript or actions that run when it is opened, which the portal does not "
                "accept. Print it again to PDF (or export it without scripts), then upload it."
            ),
            code="pdf_javascript",
        )
    if embedded:
        raise ValidationError(
            _(
                "The PDF contains embedded files (attachments), which the portal does not accept. Remove them, or "
                "upload each file on its own."
            ),
            code="pdf_embedded_files",
        )


def _dictionaries(pdf):
    """Every dictionary of `pdf` (streams' included): each object of the file, and those written inside one
    (an /OpenAction given in the catalog itself)."""
    pending = list(pdf.objects)
    while pending:
        obj = pending.pop()
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            yield obj
            children = obj.values()
        elif isinstance(obj, pikepdf.Array):
            children = list(obj)
        else:
            continue
        # An indirect child is one of pdf.objects, visited on its own.
        pending.extend(child for child in children if isinstance(child, pikepdf.Object) and not child.is_indirect)


def _encrypted_message():
    return _("The PDF is encrypted or protected by a password, so it cannot be checked. Upload it unprotected.")


class _Unreadable(Exception):
    pass


def _check_office(data, name):
    try:
        macros = _has_macros(data, name)
    except _Unreadable:
        raise ValidationError(
            _("The file could not be read: it may be damaged. Save it again, then upload it."), code="broken_office"
        ) from None
    if macros:
        raise ValidationError(
            _(
                "The file contains macros, which the portal does not accept. Save it as a document without macros "
                "(.docx or .xlsx), then upload it."
            ),
            code="macros",
        )


def _has_macros(data, name):
    """Whether an Office file holds a VBA project or Excel 4 macros (olevba); _Unreadable if it cannot be read.

    In a .docx or .xlsx (a ZIP archive), macros live in a vbaProject.bin or in macro sheets, whatever the archive
    calls itself (.docm and .xlsm are the names Office gives them); olevba also looks into every OLE file inside.
    """
    ooxml = zipfile.is_zipfile(io.BytesIO(data))
    if ooxml:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = [entry.lower() for entry in archive.namelist()]
        except (zipfile.BadZipFile, ValueError) as error:
            raise _Unreadable from error
        if any(entry.endswith("vbaproject.bin") or "/macrosheets/" in f"/{entry}" for entry in names):
            return True
    try:
        parser = VBA_Parser(name, data=data)
    except Exception as error:  # olevba raises many kinds: each means it could not read the file
        logger.info("olevba could not read %s: %s", name, error)
        if ooxml:
            return False  # an archive without a VBA project, that olevba does not take for Office
        raise _Unreadable from error
    try:
        return bool(parser.detect_vba_macros() or parser.detect_xlm_macros())
    except Exception as error:
        logger.info("olevba could not check %s: %s", name, error)
        raise _Unreadable from error
    finally:
        parser.close()
