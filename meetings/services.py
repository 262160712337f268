"""Business actions on meetings and documents."""

import logging
import posixpath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AuditEvent
from accounts.services import record

from .models import Document, DocumentFile, Meeting, PrintJob

logger = logging.getLogger(__name__)


def document_symbol(meeting, *, kind, number):
    """'UNODC/HONLAC/32/4' for a document; 'UNODC/HONLAC/32/CRP.1' for a conference room paper."""
    base = f"{meeting.body.symbol_prefix}/{meeting.number}"
    if kind == Document.Kind.CONFERENCE_ROOM_PAPER:
        return f"{base}/CRP.{number}"
    return f"{base}/{number}"


def create_document(meeting, *, kind, by=None, **fields):
    """Create a document of `meeting` with the next symbol of its series (see `issue_new_document`)."""
    document = Document(meeting=meeting, kind=kind, **fields)
    document.full_clean(exclude=["number", "symbol"])
    return issue_new_document(document, by=by)


def issue_new_document(document, *, by=None):
    """Number an unsaved document in its meeting's series and save it.

    Side effects: locks the meeting row while numbering, so two documents issued at once never share a
    symbol; saves the document; records its issue in the audit trail.
    """
    meeting = document.meeting
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        series = Document.objects.filter(meeting=meeting)
        if document.kind == Document.Kind.CONFERENCE_ROOM_PAPER:
            series = series.filter(kind=document.kind)
        else:
            series = series.exclude(kind=Document.Kind.CONFERENCE_ROOM_PAPER)
        document.number = (series.aggregate(last=Max("number"))["last"] or 0) + 1
        document.symbol = document_symbol(meeting, kind=document.kind, number=document.number)
        document.save()
        record(
            AuditEvent.Action.DOCUMENT_ISSUED,
            actor=by,
            target=document.symbol,
            kind=document.kind,
            distribution=document.distribution,
            title=document.title_en or "",
        )
    return document


def attach_document_file(document, *, language, file, by=None, generated=False):
    """Store `file` as the `language` version of `document`, replacing the previous file of that language.

    Side effects: saves the file to storage; the replaced file is deleted once the transaction commits; the
    change is recorded in the audit trail.
    """
    if language not in document.meeting.body.working_languages:
        raise ValidationError(_("%(language)s is not a working language of this body.") % {"language": language})
    with transaction.atomic():
        version, created = DocumentFile.objects.select_for_update().get_or_create(
            document=document, language=language, defaults={"file": file, "generated": generated, "uploaded_by": by}
        )
        if not created:
            old_name = version.file.name
            version.file = file
            version.generated = generated
            version.uploaded_by = by
            version.save(update_fields=["file", "generated", "uploaded_by", "uploaded_at"])
            storage = version.file.storage
            if old_name and old_name != version.file.name:
                transaction.on_commit(lambda: storage.delete(old_name))
        record(
            AuditEvent.Action.DOCUMENT_CHANGED,
            actor=by,
            target=document.symbol,
            language=language,
            file=posixpath.basename(version.file.name),
            generated=generated,
            replaced=not created,
        )
    return version


def open_next_meeting(meeting, *, by=None):
    """Open meeting N+1 of the body of `meeting`, carrying over the participating States and the standard agenda.

    Side effects: creates the meeting (planned, no venue or dates yet) and its draft agenda from the body's
    standard agenda. Raises ValidationError when it already exists.
    """
    from agendas.services import generate_agenda

    with transaction.atomic():
        if Meeting.objects.filter(body=meeting.body, number=meeting.number + 1).exists():
            raise ValidationError(_("The next meeting of this series already exists."))
        next_meeting = Meeting.objects.create(body=meeting.body, number=meeting.number + 1)
        next_meeting.participating_states.set(meeting.participating_states.all())
        if meeting.body.agenda_pattern.exists():
            generate_agenda(next_meeting, by=by)
    return next_meeting


# Printing in the background --------------------------------------------------------------------------------------


def request_print(document, *, language, by=None):
    """Queue the printing of one language version of a long document; a job already waiting is reused.

    Side effects: creates a PrintJob and enqueues the task (in the current transaction: the worker sees it
    once the request commits). Returns the job.
    """
    from .tasks import print_document

    job = PrintJob.objects.filter(
        document=document, language=language, status__in=[PrintJob.Status.QUEUED, PrintJob.Status.RUNNING]
    ).first()
    if job is None:
        job = PrintJob.objects.create(document=document, language=language, requested_by=by)
        print_document.enqueue(job.pk)
    return job


def _progress(job, status, progress, **fields):
    job.status, job.progress = status, progress
    for name, value in fields.items():
        setattr(job, name, value)
    job.save(update_fields=["status", "progress", *fields])


def run_print_job(job_id):
    """Print the job's document and keep the PDF as its generated language version.

    Side effects: the job moves through printing to ready (or failed, with the error); the PDF is stored as the
    document's file for that language, marked generated, so that downloads serve it until the document changes.
    """
    from .documents import document_html, html_to_pdf

    job = PrintJob.objects.select_related("document__meeting__body").get(pk=job_id)
    if job.status == PrintJob.Status.DONE:
        return job
    _progress(job, PrintJob.Status.RUNNING, 10)
    try:
        html = document_html(job.document, language=job.language)
        _progress(job, PrintJob.Status.RUNNING, 30)
        pdf = html_to_pdf(html)
        _progress(job, PrintJob.Status.RUNNING, 90)
        name = f"{job.document.symbol.replace('/', '_')}_{job.language.upper()}.pdf"
        attach_document_file(
            job.document, language=job.language, file=ContentFile(pdf, name=name), generated=True, by=job.requested_by
        )
    except Exception as error:
        logger.exception("Printing %s failed", job)
        _progress(job, PrintJob.Status.FAILED, job.progress, error=str(error)[:2000], finished_at=timezone.now())
        raise
    _progress(job, PrintJob.Status.DONE, 100, finished_at=timezone.now())
    return job


def fresh_file(document, language):
    """The stored file of a language version, if it is an upload or a print made since the document changed."""
    version = next((version for version in document.files.all() if version.language == language), None)
    if version is None or (version.generated and version.uploaded_at < document.updated_at):
        return None
    return version
