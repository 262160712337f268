"""The background worker: django-tasks-db's own, made to outlive database errors and to recover print jobs."""

import logging
import os
import threading
import time

from django.core.management.base import CommandError
from django.db import InterfaceError, OperationalError, close_old_connections, connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from accounts.mail import resume_stalled_sending
from meetings.print_jobs import recover_dead_jobs

logger = logging.getLogger("django_tasks_db")

DATABASE_ERRORS = (OperationalError, InterfaceError)


class Worker(db_worker.Worker):
    """Runs tasks as django-tasks-db's worker does, and also:

    - when the database fails (SQLite locked by a long write for longer than its timeout, PostgreSQL restarting or
      unreachable), waits `retry_seconds` and carries on, where django-tasks-db's worker would exit;
    - gives print jobs whose worker died to the worker again (meetings.print_jobs.recover_dead_jobs), and mail
      that a dead worker's sender left waiting to a new sender (accounts.mail.resume_stalled_sending), at start
      and then every `sweep_seconds` from a thread of its own, so that it happens while a long task runs too.
    """

    def __init__(self, *, retry_seconds, sweep_seconds, **options):
        super().__init__(**options)
        self.retry_seconds = retry_seconds
        self.sweep_seconds = sweep_seconds
        self.database_errors = 0

    def run(self):
        stop_sweeping = self.start_sweeping()
        try:
            while True:
                try:
                    sweep()
                    super().run()
                    return
                except DATABASE_ERRORS as error:
                    self.database_errors += 1
                    logger.warning("Database error (%s); trying again in %s s", error, self.retry_seconds)
                    close_old_connections()
                    self.startup_delay = False
                    time.sleep(self.retry_seconds)
                    if not self.running:
                        return
        finally:
            stop_sweeping()

    def start_sweeping(self):
        if not self.sweep_seconds:
            return lambda: None
        stop = threading.Event()

        def sweep_now_and_then():
            while not stop.wait(self.sweep_seconds):
                try:
                    sweep()
                except DATABASE_ERRORS as error:
                    logger.warning("Database error while looking for lost print jobs and mail (%s)", error)
                finally:
                    connections.close_all()  # this thread's connections only

        threading.Thread(target=sweep_now_and_then, name="print-job-sweeper", daemon=True).start()
        return stop.set


def sweep():
    recovered = recover_dead_jobs()
    if recovered:
        logger.warning("%s print job(s) had lost their worker: queued again or given up", recovered)
    if resume_stalled_sending():
        logger.warning("Mail was waiting with no sender (a worker died while sending?): a sender was queued")


class Command(db_worker.Command):
    help = (
        "Run the background worker (django-tasks' database backend): prints long documents, sends mail, recovers "
        "print jobs and mail whose worker died, and waits out database errors instead of exiting."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--retry-delay",
            type=db_worker.valid_interval,
            default=5,
            dest="retry_seconds",
            help="Seconds to wait after a database error before trying again (default: %(default)r)",
        )
        parser.add_argument(
            "--sweep-interval",
            type=db_worker.valid_interval,
            default=15,
            dest="sweep_seconds",
            help="Seconds between two looks for print jobs and mail whose worker died; 0: only at start "
            "(default: %(default)r)",
        )

    def handle(self, *, verbosity, queue_name, exclude_queues, reload, retry_seconds, sweep_seconds, **options):
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = Worker(
            queue_names=queue_names,
            excluded_queue_names=excluded,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            retry_seconds=retry_seconds,
            sweep_seconds=sweep_seconds,
        )
        if reload and not options["batch"]:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only in the child that runs the worker
            run_with_reloader(worker.run)
            return
        worker.configure_signals()
        try:
            worker.run()
        finally:
            worker.reset_signals()
