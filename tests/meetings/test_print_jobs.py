import datetime
import io
import time

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from meetings import print_jobs
from meetings.issuing import issue_at_once
from meetings.models import DocumentFile, PrintJob
from questionnaires import transmittal
from tests.factories import DocumentFactory, admin_user, answered, focal_point, open_questionnaire, secretariat_user


@pytest.fixture
def note(db):
    questionnaire = open_questionnaire()
    answered(questionnaire, "ECU", post=True)
    return questionnaire, transmittal.generate_transmittal_note(questionnaire, by=None)


def download(client, document, language="es"):
    return client.get(reverse("meetings:document_download", args=[document.pk, language]))


def test_transmittal_note_prints_in_the_background_then_is_served(client, note):
    _questionnaire, document = note
    client.force_login(secretariat_user())
    first = download(client, document)
    job = PrintJob.objects.get()
    assert first["Location"] == reverse("meetings:print_job", args=[job.pk])
    assert (job.status, job.progress, job.language) == ("done", 100, "es")
    ready = client.get(first["Location"])
    assert ready["Location"] == reverse("meetings:document_download", args=[document.pk, "es"])
    served = download(client, document)
    assert served["Content-Type"] == "application/pdf"
    assert b"".join(served.streaming_content).startswith(b"%PDF")
    assert DocumentFile.objects.get(document=document, language="es").generated
    assert PrintJob.objects.count() == 1  # served from the stored print, not printed again


def test_generating_the_note_again_prints_it_again(client, note):
    questionnaire, document = note
    client.force_login(secretariat_user())
    download(client, document)
    answered(questionnaire, "MEX", post=True)
    transmittal.generate_transmittal_note(questionnaire, by=None)
    assert download(client, document).status_code == 302
    assert PrintJob.objects.count() == 2


def test_progress_page_while_printing(client, note):
    _questionnaire, document = note
    job = PrintJob.objects.create(document=document, language="fr", progress=30, status="running")
    client.force_login(secretariat_user())
    page = client.get(reverse("meetings:print_job", args=[job.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert '<meta http-equiv="refresh" content="2">' in html
    assert 'aria-valuenow="30"' in html and "progress-30" in html


def test_print_job_of_a_restricted_document_is_hidden_from_other_users(client, note):
    _questionnaire, document = note
    issue_at_once(document, by=secretariat_user())  # issued: what hides it is its distribution, not being a draft
    job = PrintJob.objects.create(document=document, language="fr")
    client.force_login(focal_point("ECU"))
    assert client.get(reverse("meetings:print_job", args=[job.pk])).status_code == 200
    client.force_login(focal_point("FRA"))
    assert client.get(reverse("meetings:print_job", args=[job.pk])).status_code == 404
    client.logout()
    assert "/accounts/login/" in client.get(reverse("meetings:print_job", args=[job.pk]))["Location"]


def test_small_documents_print_at_once(client, db):
    document = DocumentFactory()
    client.force_login(secretariat_user())
    response = download(client, document, "en")
    assert response["Content-Type"] == "application/pdf"
    assert not PrintJob.objects.exists()


# Progress, heartbeat, and jobs whose worker died -------------------------------------------------------------


@pytest.fixture
def database_tasks(settings, transactional_db, django_db_serialized_rollback):
    """Tasks wait in the database for the worker, as in production; the worker runs outside the test's transaction,
    in autocommit as in production (inside one, its close_old_connections() would close the test's connection on
    PostgreSQL)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def killed_while_printing(job, *, minutes_ago=3):
    """What a worker killed (SIGKILL) while laying out the pages leaves: its task and its job running, no heartbeat."""
    then = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    if job.task_id:
        DBTaskResult.objects.filter(id=job.task_id).update(status="RUNNING", started_at=then, worker_ids=["killed"])
    PrintJob.objects.filter(pk=job.pk).update(
        status=PrintJob.Status.RUNNING,
        stage=PrintJob.Stage.LAYING_OUT,
        progress=12,
        started_at=then,
        heartbeat_at=then,
        timeline=[*job.timeline, {"stage": "preparing", "at": then.isoformat()}],
    )
    job.refresh_from_db()
    return job


def run_worker():
    call_command(
        "run_worker", "--batch", "--no-reload", "--no-startup-delay", "--sweep-interval=0", stdout=io.StringIO()
    )


def stored_pages(document, language):
    with DocumentFile.objects.get(document=document, language=language).file.open("rb") as handle:
        return len(PdfReader(handle).pages)


def test_print_job_goes_through_the_real_stages(client, note):
    _questionnaire, document = note
    client.force_login(secretariat_user())
    download(client, document)
    job = PrintJob.objects.get()
    stages = [entry["stage"] for entry in job.timeline]
    assert stages == ["waiting", "preparing", "laying_out", "writing", "storing", "done"]
    assert (job.status, job.stage, job.progress, job.attempts) == ("done", "done", 100, 1)
    assert job.pages == stored_pages(document, "es") > 1
    assert job.started_at <= job.heartbeat_at <= job.finished_at


def test_progress_page_shows_the_stage_and_the_way_back(client, note):
    _questionnaire, document = note
    job = PrintJob.objects.create(
        document=document, language="fr", status="running", stage="writing", progress=80, pages=7, attempts=1
    )
    client.force_login(secretariat_user())
    html = client.get(reverse("meetings:print_job", args=[job.pk])).content.decode()
    assert "Writing the PDF (7 pages)" in html
    assert f'<a href="{document.get_absolute_url()}">Back to document {document.symbol}</a>' in html


def test_job_of_a_killed_worker_is_printed_by_the_next_worker(client, note, database_tasks):
    _questionnaire, document = note
    client.force_login(secretariat_user())
    download(client, document)
    job = PrintJob.objects.get()
    lost_task = job.task_id
    killed_while_printing(job)

    run_worker()

    job.refresh_from_db()
    assert (job.status, job.attempts) == ("done", 2)
    assert [entry["stage"] for entry in job.timeline].count("interrupted") == 1
    assert DBTaskResult.objects.get(id=lost_task).status == "FAILED"
    assert job.pages == stored_pages(document, "es")
    served = download(client, document)
    assert b"".join(served.streaming_content).startswith(b"%PDF")


def test_job_whose_task_was_taken_by_a_killed_worker_is_printed(client, note, database_tasks):
    _questionnaire, document = note
    client.force_login(secretariat_user())
    download(client, document)
    job = PrintJob.objects.get()
    # Killed between taking the task and starting the job: the job still waits, its task is "running".
    then = timezone.now() - datetime.timedelta(minutes=3)
    PrintJob.objects.filter(pk=job.pk).update(created_at=then)
    DBTaskResult.objects.filter(id=job.task_id).update(status="RUNNING", started_at=then)

    run_worker()

    job.refresh_from_db()
    assert (job.status, job.attempts) == ("done", 2)


def test_polled_progress_page_gives_a_dead_job_to_the_worker_again(client, note, database_tasks):
    _questionnaire, document = note
    client.force_login(secretariat_user())
    download(client, document)
    job = killed_while_printing(PrintJob.objects.get())

    page = client.get(reverse("meetings:print_job", args=[job.pk]))

    job.refresh_from_db()
    assert (job.status, job.stage, job.attempts) == ("queued", "waiting", 2)
    assert "The printing was interrupted and started again (attempt 2 of 3)." in page.content.decode()
    run_worker()
    assert client.get(reverse("meetings:print_job", args=[job.pk]))["Location"] == reverse(
        "meetings:document_download", args=[document.pk, "es"]
    )


def test_job_interrupted_too_often_fails_visibly_and_is_tried_again(client, note):
    _questionnaire, document = note
    client.force_login(secretariat_user())
    job = PrintJob.objects.create(document=document, language="es", attempts=print_jobs.MAX_ATTEMPTS)
    killed_while_printing(job)

    page = client.get(reverse("meetings:print_job", args=[job.pk])).content.decode()

    job.refresh_from_db()
    assert (job.status, job.stage) == ("failed", "interrupted")
    assert "The printing was interrupted 3 times: the background printer stopped each time while printing it." in page
    assert '<button class="btn btn-primary" type="submit">Print again</button>' in page
    assert 'http-equiv="refresh"' not in page
    again = client.post(reverse("meetings:print_job", args=[job.pk]))
    retried = PrintJob.objects.exclude(pk=job.pk).get()
    assert again["Location"] == reverse("meetings:print_job", args=[retried.pk])
    assert (retried.status, retried.attempts) == ("done", 1)


def test_try_again_takes_a_dead_job_too(client, note):
    _questionnaire, document = note
    client.force_login(secretariat_user())
    job = killed_while_printing(PrintJob.objects.create(document=document, language="es", attempts=1))

    client.post(reverse("meetings:print_job", args=[job.pk]))

    job.refresh_from_db()
    assert (job.status, job.attempts) == ("done", 2)
    assert DocumentFile.objects.filter(document=document, language="es").exists()


def test_asking_again_does_not_reuse_a_dead_job(client, note):
    _questionnaire, document = note
    client.force_login(secretariat_user())
    job = killed_while_printing(PrintJob.objects.create(document=document, language="es", attempts=1))

    download(client, document)

    job.refresh_from_db()
    assert (job.status, job.attempts) == ("done", 2)
    assert b"".join(download(client, document).streaming_content).startswith(b"%PDF")


def test_a_running_job_with_a_recent_heartbeat_is_left_alone(client, note):
    _questionnaire, document = note
    job = PrintJob.objects.create(
        document=document, language="es", status="running", attempts=1, heartbeat_at=timezone.now()
    )
    assert print_jobs.recover_dead_jobs() == 0
    client.force_login(secretariat_user())
    assert download(client, document)["Location"] == reverse("meetings:print_job", args=[job.pk])
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("running", 1)


def test_a_task_of_an_earlier_attempt_does_nothing(note):
    _questionnaire, document = note
    job = PrintJob.objects.create(document=document, language="es", attempts=2)
    print_jobs.run_print_job(job.pk, attempt=1)
    job.refresh_from_db()
    assert (job.status, job.timeline) == ("queued", [])
    assert not DocumentFile.objects.exists()


def test_heartbeat_beats_while_the_block_runs(transactional_db, django_db_serialized_rollback):
    document = DocumentFactory()
    job = PrintJob.objects.create(document=document, language="en", status="running", attempts=1)
    with print_jobs.heartbeat(job.pk, 1, every=0.02):
        time.sleep(0.3)
    job.refresh_from_db()
    assert job.heartbeat_at is not None
    assert timezone.now() - job.heartbeat_at < datetime.timedelta(seconds=5)


def test_print_jobs_are_read_only_in_the_admin(client, note):
    _questionnaire, document = note
    job = PrintJob.objects.create(document=document, language="es", status="failed", error="Font missing")
    client.force_login(admin_user())
    listing = client.get(reverse("admin:meetings_printjob_changelist"), {"status__exact": "failed"})
    assert document.symbol in listing.content.decode()
    detail = client.get(reverse("admin:meetings_printjob_change", args=[job.pk])).content.decode()
    assert "Font missing" in detail and 'name="_save"' not in detail
    assert client.get(reverse("admin:meetings_printjob_add")).status_code == 403


def test_a_job_stuck_before_heartbeats_existed_is_recovered(client, note, database_tasks):
    _questionnaire, document = note
    # As the defect left it: running since a worker was killed, with neither heartbeat nor start time nor task.
    job = PrintJob.objects.create(document=document, language="es", status="running", progress=30)
    PrintJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - datetime.timedelta(hours=1))

    run_worker()

    job.refresh_from_db()
    assert (job.status, job.attempts) == ("done", 1)


def test_a_run_taken_over_while_storing_leaves_no_file(note, settings, monkeypatch):
    # The worker was thought dead and its job given to another attempt just as it stored the PDF: its
    # transaction rolls back, and the file it wrote must go with it (in the worker: no request around it).
    _questionnaire, document = note
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    job = print_jobs.request_print(document, language="es", by=secretariat_user())
    store = print_jobs.attach_document_file

    def store_then_lose_the_job(document, **fields):
        version = store(document, **fields)
        PrintJob.objects.filter(pk=job.pk).update(attempts=job.attempts + 1)
        return version

    monkeypatch.setattr(print_jobs, "attach_document_file", store_then_lose_the_job)
    print_jobs.run_print_job(job.pk, attempt=job.attempts)
    assert not DocumentFile.objects.filter(document=document).exists()
    assert sorted(settings.MEDIA_ROOT.rglob("*.pdf")) == []


def test_progress_page_counts_the_steps_while_the_bar_barely_moves(client, note):
    _questionnaire, document = note
    job = PrintJob.objects.create(
        document=document, language="fr", status="running", stage="laying_out", progress=5, attempts=1
    )
    client.force_login(secretariat_user())
    html = client.get(reverse("meetings:print_job", args=[job.pk])).content.decode()
    assert "<strong>Step 2 of 4: Laying out the pages</strong>" in html
    assert 'aria-valuetext="Step 2 of 4: Laying out the pages"' in html


def test_progress_bar_of_a_waiting_job_is_not_empty(client, note):
    _questionnaire, document = note
    job = PrintJob.objects.create(document=document, language="fr", attempts=1)
    client.force_login(secretariat_user())
    html = client.get(reverse("meetings:print_job", args=[job.pk])).content.decode()
    assert 'aria-valuenow="0"' in html
    assert "progress-bar-animated progress-3" in html  # a sliver that moves, not an empty bar
    assert "Step " not in html  # no step yet: waiting for the printer


def test_failed_print_says_print_again_whom_to_tell_and_the_way_back(client, note):
    _questionnaire, document = note
    job = PrintJob.objects.create(
        document=document, language="fr", status="failed", stage="laying_out", attempts=1, error="Font missing"
    )
    client.force_login(secretariat_user())
    html = client.get(reverse("meetings:print_job", args=[job.pk])).content.decode()
    assert "Print again</button>" in html
    assert "If the printing fails again, tell the portal's administrators" in html
    assert "Font missing" in html  # the secretariat sees the error to pass on
    assert f'<a href="{document.get_absolute_url()}">Back to document {document.symbol}</a>' in html
    assert 'http-equiv="refresh"' not in html
