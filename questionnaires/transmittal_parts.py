"""The transmittal note assembled from parts kept printed, so that it is up to date seconds after a posting.

The note's front (the note itself and the annex's first response) prints each time; every other response of the
annex is a part (models.PrintedPart), printed in each language of the body when the response is posted, in the
background, and kept while what it prints is unchanged (`part_key`). The note is the front followed by the parts
in the annex's order, with the running headers stamped on once in place (meetings.assembly): the same text, pages
and page numbers as the note printed in one piece (documents.render_transmittal_note_whole), each State's response
starting a page.

A note printed from nothing (no part kept yet) prints its missing parts in parallel: one task each, queued for
every worker there is, while the job that prints the note prints them too, from the annex's end: each takes the
parts not yet printed when it reaches them, and they meet in the middle.
"""

import hashlib
import io
import json
import logging
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django_tasks import task
from pypdf import PdfReader

from meetings.assembly import assemble
from meetings.documents import PRINT_STATIC_URL, html_to_pdf, is_printing_final
from meetings.languages import text_direction

from .documents import annex_entry, in_annex_order, transmittal_note_data, transmittal_note_html
from .models import PrintedPart, Response

logger = logging.getLogger(__name__)

PART_TEMPLATE = "questionnaires/pdf/transmittal_part.html"
# What the printed parts are made of, besides the data: a change to any of these prints every part again.
_LAYOUT_TEMPLATES = [PART_TEMPLATE, "questionnaires/pdf/_state_response.html"]


@cache
def layout_revision(language):
    """The digest of the templates, the print stylesheet and the catalogs of `language` that parts print with."""
    digest = hashlib.sha256()
    for name in _LAYOUT_TEMPLATES:
        digest.update(Path(get_template(name).origin.name).read_bytes())
    digest.update((Path(settings.BASE_DIR) / "static" / "print" / "un.css").read_bytes())
    for root in settings.LOCALE_PATHS:
        catalog = Path(root) / language / "LC_MESSAGES" / "django.mo"
        if catalog.exists():
            digest.update(catalog.read_bytes())
    return digest.hexdigest()


def questions_signature(questions, language):
    """What the parts print of the questions, in `language` (the caller activates it)."""
    return [
        [question.pk, question.text, question.recommendation.number if question.recommendation else None]
        for question in questions
    ]


def part_key(response, language, signature):
    """The digest of everything the part of `response` prints in `language` (the caller activates it): the
    response's version (raised by every change of its answers or language), its State's name, the questions
    (`signature`), and the layout."""
    data = [
        layout_revision(language),
        language,
        response.pk,
        response.version,
        response.language or "",
        response.member_state.name,
        signature,
    ]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode()).hexdigest()


def part_pdf(response, questions, language):
    """The PDF of the part of `response` in `language`, on pages without header (meetings.assembly)."""
    with translation.override(language):
        html = render_to_string(
            PART_TEMPLATE,
            {
                "print_static_url": PRINT_STATIC_URL,
                "language": language,
                "direction": text_direction(language),
                "entry": annex_entry(response, questions, language),
            },
        )
    return html_to_pdf(html)


def print_part(response, questions, language, *, key):
    """Print and keep the part of `response` in `language` whose key is `key`, and drop its older parts; a part
    printed meanwhile by another worker is kept instead. Returns the part."""
    data = part_pdf(response, questions, language)
    pages = len(PdfReader(io.BytesIO(data)).pages)
    try:
        with transaction.atomic():
            part = PrintedPart(response=response, language=language, key=key, pages=pages)
            part.file.save(f"{response.pk}.pdf", ContentFile(data), save=False)
            part.save()
    except IntegrityError:
        part.file.storage.delete(part.file.name)
        return PrintedPart.objects.get(response=response, language=language, key=key)
    stale = PrintedPart.objects.filter(response=response, language=language).exclude(pk=part.pk)
    remove_parts(stale)
    return part


def remove_parts(parts):
    """Delete `parts` and, once that is committed, their files."""
    parts = list(parts)
    if not parts:
        return
    PrintedPart.objects.filter(pk__in=[part.pk for part in parts]).delete()
    names = [(part.file.storage, part.file.name) for part in parts]
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in names])


def parts_for(responses, questions, language, *, in_parallel=False):
    """The parts of `responses` in `language`, in their order, those missing printed now (the caller activates the
    language). `in_parallel`: queue a task for each missing part first, for the other workers to print them too."""
    signature = questions_signature(questions, language)
    keys = {response.pk: part_key(response, language, signature) for response in responses}
    kept = {
        (part.response_id, part.key): part
        for part in PrintedPart.objects.filter(response__in=list(keys), language=language, key__in=set(keys.values()))
    }
    missing = [response for response in responses if (response.pk, keys[response.pk]) not in kept]
    if in_parallel and len(missing) > 1:
        for response in missing:
            print_transmittal_part.enqueue(response.pk, language)
    # From the end: the workers take the queued tasks from the start.
    for response in reversed(missing):
        key = keys[response.pk]
        part = PrintedPart.objects.filter(response=response, language=language, key=key).first()
        kept[response.pk, key] = part or print_part(response, questions, language, key=key)
    return [kept[response.pk, keys[response.pk]] for response in responses]


def render_transmittal_note(document, *, language, progress=None, in_parallel=True):
    """The transmittal note (or its addendum) `document` in `language`, printed from the questionnaire's data: its
    front (the note and the annex's first response) printed now, the other responses' parts as kept printed (or
    printed now if not yet, in parallel with the workers), assembled.

    Only responses posted when the note was generated are counted and reproduced. The number of queries does not
    depend on the number of States or answers.
    """
    data = transmittal_note_data(document)
    _questionnaire, responses, questions = data
    with translation.override(language):
        ordered = in_annex_order(responses, language)
        parts = parts_for(ordered[1:], questions, language, in_parallel=in_parallel)
        parts_pages = sum(part.pages for part in parts)

        def report(stage, **details):
            # The progress page counts the pages of the whole note, not of its front.
            if "pages" in details:
                details["pages"] += parts_pages
            progress(stage, **details)

        html = transmittal_note_html(document, language, data=data, annexed=1)
        front = html_to_pdf(html, progress=report if progress else None)
        contents = []
        for part in parts:
            with part.file.open("rb") as handle:
                contents.append(handle.read())
        return assemble(
            front,
            contents,
            reference=document.symbol,
            language=language,
            direction=text_direction(language),
            printed_on=None if is_printing_final() else timezone.localdate(),
        )


@task()
def print_transmittal_part(response_id, language):
    """Print the part of one posted response in `language`, unless it is kept already or the response is no longer
    posted."""
    response = (
        Response.objects.filter(pk=response_id, status=Response.Status.POSTED)
        .select_related("member_state", "questionnaire")
        .first()
    )
    if response is None:
        return
    questions = list(response.questionnaire.questions.select_related("recommendation").order_by("position"))
    with translation.override(language):
        key = part_key(response, language, questions_signature(questions, language))
        if not PrintedPart.objects.filter(response=response, language=language, key=key).exists():
            print_part(response, questions, language, key=key)


@task()
def print_transmittal_parts(response_id):
    """Print the parts of a response just posted, in every language of its questionnaire's body."""
    response = Response.objects.filter(pk=response_id).select_related("questionnaire__meeting__body").first()
    if response is None:
        return
    for language in response.questionnaire.meeting.body.working_languages:
        print_transmittal_part.call(response_id, language)


def queue_parts(response):
    """Once the posting of `response` is committed, print its parts in the background (unless
    HONLAC_PRINT_PARTS_WHEN_POSTED is off: then a note prints them when it needs them)."""
    if settings.HONLAC_PRINT_PARTS_WHEN_POSTED:
        transaction.on_commit(lambda: print_transmittal_parts.enqueue(response.pk))


def drop_parts(response):
    """The parts of `response`, reopened for its State (it leaves the secure page and every note after)."""
    remove_parts(PrintedPart.objects.filter(response=response))
