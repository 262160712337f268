import io

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection

from meetings.models import PrintJob
from meetings.print_jobs import request_print
from questionnaires import transmittal
from tests.factories import answered, open_questionnaire, secretariat_user


@pytest.fixture
def queued_job(transactional_db, django_db_serialized_rollback, settings):
    # The worker runs in autocommit, as in production: not inside the test's transaction.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    questionnaire = open_questionnaire()
    answered(questionnaire, "ECU", post=True)
    document = transmittal.generate_transmittal_note(questionnaire, by=None)
    return request_print(document, language="en", by=secretariat_user())


class FailingDatabase:
    """The database failing once, as the worker first asks it for a task: SQLite answering "database is locked"
    when another process kept the write lock past the timeout, or PostgreSQL unreachable while it restarts."""

    def __init__(self, message, *, when):
        self.message, self.when, self.failures = message, when, 0

    def __call__(self, execute, sql, params, many, context):
        if not self.failures and self.when(sql):
            self.failures += 1
            raise OperationalError(self.message)
        return execute(sql, params, many, context)


def opening_a_transaction(sql):
    # Where the worker takes a task: BEGIN EXCLUSIVE on SQLite.
    return sql.startswith("BEGIN")


def asking_for_tasks(sql):
    return "dbtaskresult" in sql and sql.startswith("SELECT")


def run_worker(command="run_worker"):
    options = ["--batch", "--no-reload", "--no-startup-delay"]
    if command == "run_worker":
        options += ["--retry-delay=0", "--sweep-interval=0"]
    call_command(command, *options, stdout=io.StringIO())


# SQLite alone has a single write lock that a long write keeps from the worker ("database is locked").
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's write lock")


@pytest.mark.parametrize(
    ("message", "when"),
    [
        pytest.param("database is locked", opening_a_transaction, marks=sqlite_only),
        ("could not connect to server: Connection refused", asking_for_tasks),
    ],
)
def test_worker_outlives_a_database_error_and_prints(queued_job, message, when):
    failing = FailingDatabase(message, when=when)
    with connection.execute_wrapper(failing):
        run_worker()
    queued_job.refresh_from_db()
    assert failing.failures == 1
    assert queued_job.status == PrintJob.Status.DONE


@sqlite_only
def test_django_tasks_db_worker_alone_dies_of_a_locked_database(queued_job):
    # Why run_worker exists: the library's own worker exits on the same error, leaving the job waiting.
    failing = FailingDatabase("database is locked", when=opening_a_transaction)
    with connection.execute_wrapper(failing), pytest.raises(OperationalError):
        run_worker("db_worker")
    queued_job.refresh_from_db()
    assert queued_job.status == PrintJob.Status.QUEUED
