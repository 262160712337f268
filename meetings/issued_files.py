"""The files of documents' language versions: which is current, which is issued, and keeping an issued one.

The rules of issuing are meetings.issuing; this module is what the print jobs (meetings.print_jobs) and the views
share of them.
"""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.audit import log_action

from .models import Document, DocumentFile


def file_name(document, language, extension="pdf"):
    """'UNODC_HONLAC_31_2_FR.pdf': the name of a language version's file, wherever it is stored or served."""
    return f"{document.symbol.replace('/', '_')}_{language.upper()}.{extension}"


def current_files(document):
    """The current file of each language version (issued, uploaded or a draft print), by language."""
    return {version.language: version for version in document.files.all() if version.superseded_at is None}


def issued_file(document, language):
    """The issued file of a language version, or None while that version is a draft."""
    version = current_files(document).get(language)
    return version if version is not None and version.issued_at is not None else None


def issued_languages(document):
    return [code for code, version in current_files(document).items() if version.issued_at is not None]


def store_issued_version(document, *, language, by, pdf=None, upload=None, reissue=False):
    """Keep `pdf` (or the uploaded file `upload`) as the issued file of the `language` version of `document`.

    Issuing a version already issued again changes nothing (a retried print job), except for a reissue, which
    keeps the earlier file as superseded and stores the new one.
    Side effects: the document becomes issued, dated today if it had no date; the version's draft print is
    deleted from storage once the transaction commits; recorded in the audit trail. Returns the file's row.
    """
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        current = DocumentFile.objects.filter(document=document, language=language, superseded_at=None).first()
        now = timezone.now()
        if current is not None and current.issued_at is not None:
            if not reissue:
                return current
            current.superseded_at = now
            current.save(update_fields=["superseded_at"])
            current = None
        if upload is not None:
            version = upload
            with version.file.open("rb") as stored:
                version.sha256 = hashlib.sha256(stored.read()).hexdigest()
            version.issued_at = now
            version.save(update_fields=["issued_at", "sha256"])
        else:
            if current is not None:  # a draft print: the issued file replaces it
                stale = current.file.name
                storage = current.file.storage
                current.delete()
                transaction.on_commit(lambda: storage.delete(stale))
            version = DocumentFile.objects.create(
                document=document,
                language=language,
                file=ContentFile(pdf, name=file_name(document, language)),
                generated=True,
                uploaded_by=by if by is not None and by.is_authenticated else None,
                issued_at=now,
                sha256=hashlib.sha256(pdf).hexdigest(),
            )
        fields = []
        if document.status != Document.Status.ISSUED:
            document.status = Document.Status.ISSUED
            fields.append("status")
        if document.issue_date is None:
            document.issue_date = timezone.localdate()
            fields.append("issue_date")
        if fields:
            # updated_at stays: the draft prints of the other versions are still those of the same data.
            Document.objects.filter(pk=document.pk).update(**{name: getattr(document, name) for name in fields})
        log_action(
            document,
            "document.reissued_version" if reissue else "document.issued",
            by=by,
            data={"language": language, "sha256": version.sha256, "symbol": document.symbol},
        )
    return version
