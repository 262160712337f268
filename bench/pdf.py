"""The time to print the transmittal note for every State, against WeasyPrint alone on the same HTML.

The note is generated in the bench's process (questionnaires.transmittal.generate_transmittal_note, timed); then two
fresh processes print at the same moment, one on each core: one the note as the portal does
(honlac.printing.render_document: the HTML built from the data, then WeasyPrint), the other only WeasyPrint on
that HTML (meetings.documents.html_to_pdf), the HTML being built before its clock starts. Side by side, both run
under the same load, and the bench waits for one WeasyPrint run instead of two (each takes minutes at this size).
"""

import gc
import io
import multiprocessing
import queue
import time
import traceback

LANGUAGE = "en"
TIMEOUT_SECONDS = 1800


def measure(dataset):
    from questionnaires.transmittal import generate_transmittal_note

    started = time.perf_counter()
    document = generate_transmittal_note(dataset.questionnaire, by=dataset.secretariat)
    generated = time.perf_counter() - started

    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    results = context.Queue()
    printers = [
        context.Process(target=print_in_child, args=(mode, document.pk, barrier, results), daemon=True)
        for mode in ("note", "weasyprint")
    ]
    for printer in printers:
        printer.start()
    try:
        outcome = {}
        deadline = time.monotonic() + TIMEOUT_SECONDS
        while len(outcome) < len(printers):
            try:
                mode, result = results.get(timeout=max(1.0, deadline - time.monotonic()))
            except queue.Empty as timeout:
                raise RuntimeError(f"printing the note took more than {TIMEOUT_SECONDS} s") from timeout
            if "error" in result:
                raise RuntimeError(f"printing ({mode}) failed:\n{result['error']}")
            outcome[mode] = result
    finally:
        for printer in printers:
            printer.join(timeout=10)
            if printer.is_alive():
                printer.kill()
    return {
        "transmittal_pdf_seconds": round(generated + outcome["note"]["seconds"], 2),
        "weasyprint_only_seconds": round(outcome["weasyprint"]["seconds"], 2),
        "transmittal_pdf_pages": outcome["note"]["pages"],
    }


def print_in_child(mode, document_pk, barrier, results):
    """Print the note (`note`: render_document; `weasyprint`: html_to_pdf of its HTML) and report the time."""
    try:
        import django

        django.setup()
        from pypdf import PdfReader

        from honlac.printing import render_document
        from meetings.documents import PRINT_STATIC_URL, html_to_pdf
        from meetings.models import Document
        from questionnaires.documents import transmittal_note_html

        # Fonts and the print stylesheet are loaded once per process: part of neither measure.
        html_to_pdf(
            f'<html lang="en"><link rel="stylesheet" href="{PRINT_STATIC_URL}print/un.css"><p>Warm-up</p></html>'
        )
        document = Document.objects.get(pk=document_pk)
        html = transmittal_note_html(document, LANGUAGE) if mode == "weasyprint" else None
        gc.collect()  # both clocks start with no garbage left over
        barrier.wait(timeout=600)
        started = time.perf_counter()
        pdf = render_document(document, language=LANGUAGE) if mode == "note" else html_to_pdf(html)
        seconds = time.perf_counter() - started
        results.put((mode, {"seconds": seconds, "pages": len(PdfReader(io.BytesIO(pdf)).pages)}))
    except BaseException:  # noqa: BLE001 - reported to the bench, which stops
        results.put((mode, {"error": traceback.format_exc()}))
