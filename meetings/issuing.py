"""Issuing documents, and changing them after issue as the United Nations does.

A document is a draft until the secretariat issues it, one language version or several at a time. Issuing prints
the version from the portal's data (or takes its uploaded file) and stores the file as the record of that version:
from then on every view, command and page serves those bytes (`issued_file`), whatever later happens to the data it
was printed from. A draft prints from the data of the moment, with "Draft" on every page, and only the secretariat
sees it.

An issued document is never changed. What changes it is a new document under its own symbol:
- a revision (`/Rev.1`) replaces it: once issued, the earlier versions are superseded, still downloadable;
- a corrigendum (`/Corr.1`) corrects it, possibly in some language versions only;
- an addendum (`/Add.1`) adds to it (for the transmittal note: the responses posted after the note was issued,
  questionnaires.transmittal);
- a reissue for technical reasons keeps the symbol: each language version is printed again with the footnote
  "Reissued for technical reasons on ...", and the earlier file is kept, superseded.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import log_action
from honlac import printing

from . import print_jobs
from .issued_files import current_files, issued_languages, store_issued_version
from .models import Document, PrintJob
from .symbols import assign_extension_symbol, lock_meeting

Purpose = PrintJob.Purpose

# What a revision takes from the document it revises; the secretariat changes it before issuing the revision.
COPIED_FIELDS = ["kind", "printed_as", "distribution", "original_language", "agenda_item"]
TRANSLATED_FIELDS = ["title", "text", "annex_title", "annex"]
CREATED_ACTIONS = {
    Document.Relation.REVISION: "document.revision_created",
    Document.Relation.CORRIGENDUM: "document.corrigendum_created",
    Document.Relation.ADDENDUM: "document.addendum_created",
}


def draft_languages(document):
    """The language versions of `document` not yet issued, among those it can print or has a file for."""
    printable = printing.languages(document.printed_as, document)
    issued = set(issued_languages(document))
    uploaded = set(current_files(document))
    return [
        code for code in document.version_languages() if code not in issued and (code in printable or code in uploaded)
    ]


def issue_document(document, *, languages, by, in_background=True):
    """Issue the language versions `languages` of `document`.

    An uploaded version is issued as it is; the others are printed from the portal's data, in the background
    (a print job per language, meetings.print_jobs), or at once with `in_background=False` (the demo, commands).
    Raises ValidationError for a version already issued, or not one of the document's.
    Side effects: see `store_issued_version`; returns the print jobs queued.
    """
    with transaction.atomic():
        document = Document.objects.select_for_update().select_related("meeting__body").get(pk=document.pk)
        _check_languages(document, languages)
        already = set(issued_languages(document)) & set(languages)
        if already:
            raise ValidationError(
                _("Already issued: %(languages)s. Change it by a revision, a corrigendum or a reissue.")
                % {"languages": ", ".join(sorted(already))}
            )
        return _print_for(document, languages, Purpose.ISSUE, by=by, in_background=in_background)


def reissue_document(document, *, languages, by, in_background=True):
    """Reissue issued language versions of `document` for technical reasons, under the same symbol.

    Side effects: dates the reissue (printed as the footnote of the title); each version is printed again and
    stored as its issued file, the earlier file kept as superseded (`store_issued_version`); recorded in the audit
    trail. Returns the print jobs queued.
    """
    with transaction.atomic():
        document = Document.objects.select_for_update().select_related("meeting__body").get(pk=document.pk)
        _check_languages(document, languages)
        missing = set(languages) - set(issued_languages(document))
        if missing:
            raise ValidationError(_("Only issued versions can be reissued: issue the others."))
        document.reissued_on = timezone.localdate()
        document.save(update_fields=["reissued_on", "updated_at"])
        log_action(document, "document.reissued", by=by, data={"languages": list(languages)})
        return _print_for(document, languages, Purpose.REISSUE, by=by, in_background=in_background)


def _check_languages(document, languages):
    if not languages:
        raise ValidationError(_("Choose at least one language version."))
    unknown = set(languages) - set(document.version_languages())
    if unknown:
        raise ValidationError(
            _("%(languages)s: not a language version of this document.") % {"languages": ", ".join(sorted(unknown))}
        )


def _print_for(document, languages, purpose, *, by, in_background):
    queued = []
    uploads = current_files(document)
    for language in languages:
        upload = uploads.get(language)
        if purpose == Purpose.ISSUE and upload is not None and not upload.generated:
            store_issued_version(document, language=language, upload=upload, by=by)
        elif in_background:
            queued.append(print_jobs.request_print(document, language=language, by=by, purpose=purpose))
        else:
            pdf = printing.render_document(document, language=language, final=True)
            store_issued_version(document, language=language, pdf=pdf, by=by, reissue=purpose == Purpose.REISSUE)
    return queued


def create_revision(document, *, by):
    """A draft revision of `document` (an original or one of its revisions), with its text to change."""
    original = document.parent if document.relation == Document.Relation.REVISION else document
    return _extend(original, Document.Relation.REVISION, by=by, copy_from=document)


def create_corrigendum(document, *, languages, by):
    """A draft corrigendum of `document` in `languages` (every version when all are given)."""
    languages = [code for code in document.version_languages() if code in languages]
    if not languages:
        raise ValidationError(_("Choose at least one language version."))
    return _extend(document, Document.Relation.CORRIGENDUM, by=by, languages=languages)


def create_addendum(document, *, by, **fields):
    """A draft addendum to `document`; `fields` are set on it before it is saved (e.g. what it prints as)."""
    return _extend(document, Document.Relation.ADDENDUM, by=by, **fields)


def _extend(parent, relation, *, by, copy_from=None, languages=None, **fields):
    """Register a new draft document that `relation`s `parent`, with the next symbol of that kind."""
    if parent.status != Document.Status.ISSUED:
        raise ValidationError(_("Only an issued document can be revised, corrected or added to."))
    if parent.relation == Document.Relation.CORRIGENDUM:
        raise ValidationError(_("A corrigendum is itself corrected by another corrigendum of the same document."))
    source = copy_from or parent
    document = Document(meeting=parent.meeting, parent=parent, relation=relation, languages=languages or [])
    for name in COPIED_FIELDS:
        setattr(document, name, getattr(source, name))
    # A revision starts from the text it revises; a corrigendum or an addendum from its title only.
    copied = TRANSLATED_FIELDS if relation == Document.Relation.REVISION else ["title"]
    for name in copied:
        for code in parent.meeting.body.working_languages:
            setattr(document, f"{name}_{code}", getattr(source, f"{name}_{code}"))
    if relation != Document.Relation.REVISION:
        document.printed_as = Document.PrintedAs.TEXT
    for name, value in fields.items():
        setattr(document, name, value)
    with transaction.atomic():
        lock_meeting(parent.meeting)
        assign_extension_symbol(document)
        log_action(
            document,
            CREATED_ACTIONS[relation],
            by=by,
            data={"symbol": document.symbol, "of": parent.symbol, "languages": document.languages},
        )
    return document


def superseding_revision(document, revisions):
    """The issued revision that replaces `document`, among the issued revisions of its original, or None."""
    own = (document.relation_number or 0) if document.relation == Document.Relation.REVISION else 0
    later = [revision for revision in revisions if (revision.relation_number or 0) > own]
    return max(later, key=lambda revision: revision.relation_number) if later else None


def issue_at_once(document, *, by, on=None):
    """Issue every language version of `document` not yet issued, printed in this process, and date the issue
    `on` (a date) when given: for documents recorded after the fact (the demo, documents issued before the portal).

    Side effects: as `issue_document`; the versions' issue is dated 09:00 UTC of `on`.
    """
    languages = draft_languages(document)
    with transaction.atomic():
        if on is not None and document.issue_date != on:
            Document.objects.filter(pk=document.pk).update(issue_date=on)
            document.issue_date = on
        if languages:
            issue_document(document, languages=languages, by=by, in_background=False)
        if on is not None:
            moment = datetime.datetime.combine(on, datetime.time(9), tzinfo=datetime.UTC)
            document.files.filter(language__in=languages, superseded_at=None).update(issued_at=moment)
    document.refresh_from_db()
    return document
