"""The transmittal note for every State: printed from nothing by the workers, brought up to date after one more
posting, against WeasyPrint alone on the whole note's HTML; and the memory each takes.

1. WeasyPrint alone: a fresh process prints the note's whole HTML (questionnaires.documents.transmittal_note_html,
   built before its clock starts) with meetings.documents.html_to_pdf, alone on the machine; its peak RSS is read
   at its end.
2. From nothing: no part kept; two task workers (`manage.py run_worker`, one per core) run; the secretariat asks
   for the note (meetings.print_jobs.request_print): the job queues a task for each part and prints parts too, the
   other worker prints the rest (questionnaires.transmittal_parts). Timed from the request to the job done; the
   workers' peak RSS is read from /proc before they stop.
3. After one more posting: a State's response is reopened, submitted again and then, on the clock, posted (its
   parts print in the background on one worker) and the note generated again and printed by the other, until its
   job is done.
"""

import contextlib
import gc
import io
import multiprocessing
import os
import queue
import resource
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

from bench.balancer import Process

LANGUAGE = "en"
TIMEOUT_SECONDS = 1800
WORKERS = 2
# How often an idle worker looks for a task: a fifth of a second, so that the hops between the note's job and the
# parts' tasks do not dominate the few seconds of an update (run_worker's default is 1 s).
WORKER_INTERVAL = "0.2"
UPDATED_STATE_INDEX = 96


def measure(dataset):
    from questionnaires.transmittal import generate_transmittal_note

    document = generate_transmittal_note(dataset.questionnaire, by=dataset.secretariat)
    weasyprint = weasyprint_alone(document.pk)
    with Workers(WORKERS) as workers:
        full_seconds, pages = print_from_nothing(document, dataset)
        update_seconds = print_after_one_more_posting(document, dataset)
        worker_rss = workers.peak_rss_mb()
    return {
        # The note printed as the portal prints it, from nothing (kept for comparison with earlier runs).
        "transmittal_pdf_seconds": round(full_seconds, 2),
        "transmittal_full_seconds": round(full_seconds, 2),
        "transmittal_update_seconds": round(update_seconds, 2),
        "weasyprint_only_seconds": round(weasyprint["seconds"], 2),
        "transmittal_pdf_pages": pages,
        "weasyprint_only_pages": weasyprint["pages"],
        "peak_rss_mb": {"worker": worker_rss, "weasyprint_only": weasyprint["rss_mb"]},
    }


# 1. WeasyPrint alone ---------------------------------------------------------------------------------------------


def weasyprint_alone(document_pk):
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    printer = context.Process(target=_weasyprint_in_child, args=(document_pk, results), daemon=True)
    printer.start()
    try:
        result = results.get(timeout=TIMEOUT_SECONDS)
    except queue.Empty as timeout:
        raise RuntimeError(f"WeasyPrint alone took more than {TIMEOUT_SECONDS} s") from timeout
    finally:
        printer.join(timeout=10)
        if printer.is_alive():
            printer.kill()
    if "error" in result:
        raise RuntimeError(f"WeasyPrint alone failed:\n{result['error']}")
    return result


def _weasyprint_in_child(document_pk, results):
    try:
        import django

        django.setup()
        from pypdf import PdfReader

        from meetings.documents import PRINT_STATIC_URL, html_to_pdf
        from meetings.models import Document
        from questionnaires.documents import transmittal_note_html

        # Fonts and the print stylesheet are loaded once per process: not part of the measure.
        html_to_pdf(
            f'<html lang="en"><link rel="stylesheet" href="{PRINT_STATIC_URL}print/un.css"><p>Warm-up</p></html>'
        )
        html = transmittal_note_html(Document.objects.get(pk=document_pk), LANGUAGE)
        gc.collect()
        started = time.perf_counter()
        pdf = html_to_pdf(html)
        seconds = time.perf_counter() - started
        rss_mb = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        results.put({"seconds": seconds, "pages": len(PdfReader(io.BytesIO(pdf)).pages), "rss_mb": rss_mb})
    except BaseException:  # noqa: BLE001 - reported to the bench, which stops
        results.put({"error": traceback.format_exc()})


# 2. and 3. Through the workers ------------------------------------------------------------------------------------


class Workers:
    """`count` task workers on the bench database (bench.balancer.Process each); always stopped on leaving."""

    def __init__(self, count):
        self.count = count
        self.folder = tempfile.mkdtemp(prefix="honlac-bench-workers-")
        self.processes = []

    def __enter__(self):
        command = [sys.executable, "manage.py", "run_worker", "--no-reload", "--no-startup-delay"]
        command += ["--interval", WORKER_INTERVAL]
        for index in range(self.count):
            worker = Process(f"worker-{index}", command, env=os.environ.copy(), log_dir=self.folder)
            self.processes.append(worker.__enter__())
        time.sleep(3)  # Django's start in each
        for worker in self.processes:
            if worker.process.poll() is not None:
                self.__exit__(RuntimeError, None, None)
                raise RuntimeError(f"a worker stopped at start:\n{worker.log.read_text(errors='replace')}")
        return self

    def peak_rss_mb(self):
        """The highest peak resident memory of the workers (VmHWM), in MB."""
        peaks = []
        for worker in self.processes:
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{worker.process.pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peaks.append(round(int(line.split()[1]) / 1024))
        return max(peaks, default=None)

    def __exit__(self, exc_type, exc_value, traceback):
        for worker in self.processes:
            worker.stop()
        if exc_type is None:
            shutil.rmtree(self.folder, ignore_errors=True)
        else:
            print(f"the workers' logs: {self.folder}", file=sys.stderr)


def print_from_nothing(document, dataset):
    """Seconds from the request to the note printed with no part kept, and its pages."""
    from questionnaires.models import PrintedPart

    for part in PrintedPart.objects.all():
        part.file.delete(save=False)
    PrintedPart.objects.all().delete()
    seconds, _job = _print_through_the_workers(document, dataset)
    from pypdf import PdfReader

    from meetings.models import DocumentFile

    with DocumentFile.objects.get(document=document, language=LANGUAGE).file.open("rb") as handle:
        pages = len(PdfReader(handle).pages)
    return seconds, pages


def print_after_one_more_posting(document, dataset):
    """Seconds from the posting of one more response to the note printed again with it."""
    from questionnaires import responses
    from questionnaires.models import Response
    from questionnaires.transmittal import generate_transmittal_note

    # A State in the middle of the annex.
    response = (
        Response.objects.filter(questionnaire=dataset.questionnaire, status=Response.Status.POSTED)
        .order_by("member_state__code")
        .select_related("member_state")[UPDATED_STATE_INDEX]
    )
    responses.reopen_response(response, by=dataset.secretariat, reason="Benchmark: one more posting.")
    responses.submit_response(response, by=dataset.focal_point(response.member_state.code), receipt=False)
    started = time.perf_counter()
    responses.post_response(response, by=dataset.secretariat)
    generate_transmittal_note(dataset.questionnaire, by=dataset.secretariat)
    seconds, _job = _print_through_the_workers(document, dataset, started=started)
    return seconds


def _print_through_the_workers(document, dataset, *, started=None):
    from meetings.models import PrintJob
    from meetings.print_jobs import request_print

    started = started or time.perf_counter()
    job = request_print(document, language=LANGUAGE, by=dataset.secretariat)
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status == PrintJob.Status.DONE:
            return time.perf_counter() - started, job
        if job.status == PrintJob.Status.FAILED:
            raise RuntimeError(f"the note's print job failed: {job.error}")
        time.sleep(0.05)
    raise RuntimeError(f"the note's print job took more than {TIMEOUT_SECONDS} s")
