"""Printing long documents in the background, with the progress shown to the person who asked, surviving the
death of the worker.

A job moves from queued to running, through the stages of the work (preparing the text, laying out the pages,
writing the PDF, storing the file), to done, or to failed with its error. While it runs, a thread beats its
`heartbeat_at` every HEARTBEAT_SECONDS. A running job without a heartbeat for DEAD_AFTER lost its worker (killed,
or its machine stopped); so did a queued job whose task a worker took and never started. `recover_dead_jobs`
(run by the worker at start and every few seconds, by the progress page when it is polled, and before printing is
asked again) gives such a job to the worker again, and fails it with a clear message after MAX_ATTEMPTS.

Each task carries the attempt it runs, and every write of a run is guarded by it: a stale task, or a worker thought
dead that wakes up, changes nothing of the run that replaced it.
"""

import contextlib
import datetime
import logging
import threading

from django.core.files.base import ContentFile
from django.db import DatabaseError, connection, connections, transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks.exceptions import TaskResultDoesNotExist
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from honlac import printing
from honlac.storage import files_kept_only_if_committed

from .issued_files import file_name, store_issued_version
from .models import PrintJob
from .services import attach_document_file

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 10
DEAD_AFTER = datetime.timedelta(seconds=60)
MAX_ATTEMPTS = 3

Stage = PrintJob.Stage
Purpose = PrintJob.Purpose
# Where each stage begins, out of 100, from the time each took for the demo's transmittal note (15 pages): the HTML
# 0.1 s, the layout 1.6 s, writing the PDF 1.1 s, storing the file 0.01 s.
PROGRESS = {
    Stage.WAITING: 0,
    Stage.PREPARING: 2,
    Stage.LAYING_OUT: 5,
    Stage.WRITING: 60,
    Stage.STORING: 98,
    Stage.DONE: 100,
}

# The steps of the work, as the progress page counts them ("step 2 of 4"): the bar alone barely moves while the
# pages are laid out, the longest of them, whose page count is known only at its end.
STEPS = [Stage.PREPARING, Stage.LAYING_OUT, Stage.WRITING, Stage.STORING]


def step_of(job):
    """The number of the step the job is at (1 to len(STEPS)), or 0 while it waits for the printer."""
    return STEPS.index(job.stage) + 1 if job.stage in STEPS else 0


class WorkerLost(Exception):
    """The worker running a task stopped before the task ended (recorded on django-tasks' own result)."""


class Superseded(Exception):
    """The run's job was given to another attempt (this worker was thought dead), or is no longer running."""


@task()
def print_document(job_id, attempt=1):
    run_print_job(job_id, attempt=attempt)


def request_print(document, *, language, by, purpose=PrintJob.Purpose.DRAFT):
    """Print one language version of `document` in the background; a job already under way is reused.

    `purpose`: a draft (kept while the document does not change), or the version to issue or reissue
    (meetings.issuing).

    `by` may be anonymous, for a document of general distribution.
    Side effects: a job of this document and language that lost its worker is first given to the worker again
    (or failed, see `recover_dead_jobs`); if none is under way, creates a PrintJob and enqueues its task in the
    same transaction (with django-tasks' database backend, both are written or neither; the worker sees them once
    the request commits). Returns the job.
    """
    with transaction.atomic():
        jobs = PrintJob.objects.filter(document=document, language=language, purpose=purpose)
        recover_dead_jobs(jobs)
        job = jobs.filter(status__in=[PrintJob.Status.QUEUED, PrintJob.Status.RUNNING]).first()
        if job is None:
            job = PrintJob.objects.create(
                document=document,
                language=language,
                purpose=purpose,
                requested_by=by if by is not None and by.is_authenticated else None,
                attempts=1,
                timeline=[_entry(Stage.WAITING)],
            )
            _enqueue(job)
    return job


def retry_print(job, *, by):
    """Try again, from the progress page: for a failed job, or one that lost its worker. Returns the job to show.

    Side effects: as `request_print` (a failed job stays failed, for the record, and a new job prints).
    """
    return request_print(job.document, language=job.language, by=by, purpose=job.purpose)


def run_print_job(job_id, *, attempt=1):
    """Print the job's document and keep the PDF: a draft as its generated language version, the others as the
    issued file of that version (meetings.issuing).

    Side effects: the job moves through the stages to done (or failed, with the error), its heartbeat beaten all
    along; a draft is stored as the document's file for that language, marked generated, so that downloads serve
    it until the document changes. A task of an attempt other than the job's current one does nothing.
    """
    job = PrintJob.objects.select_related("document__meeting__body", "requested_by").filter(pk=job_id).first()
    if job is None or job.status != PrintJob.Status.QUEUED or job.attempts != attempt:
        return
    run = _Run(job, attempt)
    try:
        run.advance(Stage.PREPARING, expected=PrintJob.Status.QUEUED, started_at=timezone.now())
        with heartbeat(job.pk, attempt):
            pdf = printing.render_document(
                job.document, language=job.language, progress=run.report, final=job.purpose != Purpose.DRAFT
            )
        run.advance(Stage.STORING)
        # A run taken over meanwhile rolls back: the file it wrote goes too (honlac/storage.py).
        with files_kept_only_if_committed(), transaction.atomic():
            if job.purpose == Purpose.DRAFT:
                attach_document_file(
                    job.document,
                    language=job.language,
                    file=ContentFile(pdf, name=file_name(job.document, job.language)),
                    generated=True,
                    by=job.requested_by,
                )
            else:
                store_issued_version(
                    job.document,
                    language=job.language,
                    pdf=pdf,
                    by=job.requested_by,
                    reissue=job.purpose == Purpose.REISSUE,
                )
            run.advance(Stage.DONE, status=PrintJob.Status.DONE, finished=True)
    except Superseded:
        logger.warning("Print job %s attempt %s was taken over; this run stops", job_id, attempt)
    except Exception as error:
        logger.exception("Printing %s failed", job)
        with contextlib.suppress(Superseded):
            run.advance(job.stage, status=PrintJob.Status.FAILED, error=str(error)[:2000], finished=True)
        raise


class _Run:
    """One attempt at a job, whose every write is conditional on the job still being this attempt's."""

    def __init__(self, job, attempt):
        self.job, self.attempt = job, attempt

    def advance(self, stage, *, expected=PrintJob.Status.RUNNING, finished=False, **fields):
        job = self.job
        now = timezone.now()
        if stage != job.stage:
            job.timeline = [*job.timeline, _entry(stage, now)]
        values = {
            "status": PrintJob.Status.RUNNING,
            "stage": stage,
            "progress": PROGRESS.get(stage, job.progress),
            "heartbeat_at": now,
            "timeline": job.timeline,
            **({"finished_at": now} if finished else {}),
            **fields,
        }
        current = PrintJob.objects.filter(pk=job.pk, attempts=self.attempt, status=expected)
        if not current.update(**values):
            raise Superseded
        for name, value in values.items():
            setattr(job, name, value)

    def report(self, stage, *, pages=None):
        """The `progress` of honlac.printing: the printer tells which stage of the work begins."""
        self.advance(Stage(stage), **({"pages": pages} if pages is not None else {}))


@contextlib.contextmanager
def heartbeat(job_id, attempt, *, every=None):
    """Beat the job's heartbeat from a thread of its own while the block runs (WeasyPrint holds the main one).

    Inside a transaction (a task run at once, inside a request) no other process could see the beats: none.
    """
    if connection.in_atomic_block:
        yield
        return
    stop = threading.Event()

    def beat():
        try:
            while not stop.wait(every or HEARTBEAT_SECONDS):
                try:
                    PrintJob.objects.filter(pk=job_id, attempts=attempt, status=PrintJob.Status.RUNNING).update(
                        heartbeat_at=timezone.now()
                    )
                except DatabaseError:
                    logger.warning("No heartbeat for print job %s this time", job_id, exc_info=True)
        finally:
            connections.close_all()  # this thread's connections only

    thread = threading.Thread(target=beat, name=f"print-job-{job_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)


def is_dead(job, *, now=None):
    """Whether a running job lost its worker: no heartbeat for DEAD_AFTER."""
    if job.status != PrintJob.Status.RUNNING:
        return False
    last_sign = job.heartbeat_at or job.started_at or job.created_at
    return last_sign < (now or timezone.now()) - DEAD_AFTER


def recover_dead_jobs(jobs=None):
    """Give every job of `jobs` (default: all) whose worker died to the worker again, or fail it after
    MAX_ATTEMPTS. Returns the number of jobs recovered.

    Side effects: such a job is queued again with a new task (or failed with a clear error); its interruption is
    noted in its timeline; django-tasks' result of the lost task is marked failed.
    """
    jobs = PrintJob.objects.all() if jobs is None else jobs
    now = timezone.now()
    stale = now - DEAD_AFTER
    # The last sign of life of a running job, as in `is_dead` (jobs stuck before heartbeats existed have none).
    silent = (
        Q(heartbeat_at__lt=stale)
        | Q(heartbeat_at__isnull=True, started_at__lt=stale)
        | Q(heartbeat_at__isnull=True, started_at__isnull=True, created_at__lt=stale)
    )
    dead = list(jobs.filter(silent, status=PrintJob.Status.RUNNING))
    waiting = jobs.filter(status=PrintJob.Status.QUEUED, created_at__lt=stale)
    dead += [job for job in waiting if _task_lost(job, stale)]
    return sum(_recover(job, now) for job in dead)


def _recover(job, now):
    lost_task = job.task_id
    current = PrintJob.objects.filter(pk=job.pk, status=job.status, attempts=job.attempts)
    timeline = [*job.timeline, _entry(Stage.INTERRUPTED, now)]
    give_up = job.attempts >= MAX_ATTEMPTS
    with transaction.atomic():
        if give_up:
            recovered = current.update(
                status=PrintJob.Status.FAILED,
                stage=Stage.INTERRUPTED,
                timeline=timeline,
                finished_at=now,
                error=f"The worker stopped while printing, {job.attempts} times; the job was given up.",
            )
        else:
            recovered = current.update(
                status=PrintJob.Status.QUEUED,
                stage=Stage.WAITING,
                progress=0,
                pages=None,
                heartbeat_at=None,
                attempts=job.attempts + 1,
                timeline=timeline,
            )
        if not recovered:  # it moved on meanwhile: finished, or recovered by someone else
            return 0
        _close_lost_task(lost_task)
        if give_up:
            logger.error("Print job %s given up after %s interrupted attempts", job.pk, job.attempts)
        else:
            job.attempts += 1
            logger.warning("Print job %s lost its worker; queued again (attempt %s)", job.pk, job.attempts)
            _enqueue(job)
    return 1


def _enqueue(job):
    # The immediate backend (tests) runs the job inside enqueue: only the task id is written afterwards.
    result = print_document.enqueue(job.pk, job.attempts)
    PrintJob.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.task_id = str(result.id)


def _task_lost(job, stale):
    """Whether the task of a queued job will never start it: taken by a worker that died, or gone."""
    backend = print_document.get_backend()
    if not backend.supports_get_result:
        return False
    if not job.task_id:  # queued before tasks were recorded on their job
        return True
    try:
        result = backend.get_result(job.task_id)
    except TaskResultDoesNotExist:
        return True
    if result.status == TaskResultStatus.READY:
        return False
    if result.status == TaskResultStatus.RUNNING:
        return result.started_at is not None and result.started_at < stale
    return True  # finished without starting the job (e.g. its code could not be imported)


def _close_lost_task(task_id):
    """Mark django-tasks' database result of a lost task failed: django-tasks-db never reclaims one itself."""
    if task_id and isinstance(print_document.get_backend(), DatabaseBackend):
        DBTaskResult.objects.filter(id=task_id, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED,
            finished_at=timezone.now(),
            exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
            traceback="The worker stopped while running this task; its print job was recovered.",
        )


def _entry(stage, at=None):
    return {"stage": str(stage), "at": (at or timezone.now()).isoformat()}
