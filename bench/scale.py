"""`make scale`: the portal on two nodes behind HAProxy, one node killed while focal points save their drafts.

Two application servers (gunicorn, each its own process group, on two ports of 127.0.0.1) behind HAProxy, which
checks their health on /health/, and two task workers (`manage.py run_worker`), all on one PostgreSQL, one media
folder (a temporary one) and one cache (Redis on 127.0.0.1:6379 through DJANGO_CACHE_URL). FOCAL_POINTS focal points
sign in through the balancer and save their drafts (a GET of the form, then a POST) SAVES_PER_FOCAL_POINT times
each, while mail is queued; halfway, print jobs are asked, and once the second worker runs one of them, the second
node and the second worker are killed (SIGKILL, the whole process group). The survivors must carry on: only the
requests in flight on the killed node may fail, no acknowledged save may be lost, every focal point must still be
signed in, and every print job and message must be done, including those the killed worker held.

Run by `bench.run` after its other measures, or alone by `make scale` on a database of its own. All traffic stays on
127.0.0.1; every process started here is stopped on leaving, also on failure. See README, "Running on several
nodes".
"""

import contextlib
import os
import secrets
import shutil
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.balancer import HAPROXY_CONFIG, Process, failed_by_node, wait_for, wait_until_balanced
from bench.server import Gunicorn, free_port

NODES = 2
FOCAL_POINTS = 30
SAVES_PER_FOCAL_POINT = 6
# Each node: gunicorn's worker processes and threads (bench.server). Its requests in flight are at most their product.
NODE_WORKERS, NODE_THREADS = 2, 4
MAIL_BATCHES, MAIL_PER_BATCH = 10, 5
PRINT_LANGUAGES = ["en", "fr", "es"]
# A message held by a dead sender is taken again after this long (accounts/mail.py); a print job without heartbeat
# after meetings.print_jobs.DEAD_AFTER (60 s). The surviving worker looks for both every WORKER_SWEEP_SECONDS.
MAIL_CLAIM_SECONDS = 20
WORKER_SWEEP_SECONDS = 5
BACKGROUND_WORK_SECONDS = 240  # for the survivor to finish the print jobs and the mail after the saves
REDIS_URL = "redis://127.0.0.1:6379/0"


def check_redis():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=5).ping()
    except redis.RedisError as error:
        raise RuntimeError(f"Redis does not answer on {REDIS_URL} ({error}): the nodes' shared cache") from error


def node_environment(media, key_prefix):
    return {
        "DJANGO_MEDIA_ROOT": str(media),
        "DJANGO_CACHE_URL": f"{REDIS_URL}?key_prefix={key_prefix}",
        "HONLAC_MAIL_CLAIM_SECONDS": str(MAIL_CLAIM_SECONDS),
        # The balancer appends the client's address to X-Forwarded-For (README, "Throttling of sign-in...").
        "DJANGO_PROXY_HOPS": "1",
    }


class Saves:
    """Focal points saving their drafts through the balancer, each in a thread; counts what happened."""

    def __init__(self, port, dataset, responses):
        self.port, self.dataset, self.responses = port, dataset, responses
        self.lock = threading.Lock()
        self.requests = self.failed = self.acknowledged = 0
        self.failures = []
        # Per response: the last save acknowledged (a redirect), then the saves sent after it whose answer was lost
        # (in flight on the killed node): any of them may be what is stored.
        self.last_acknowledged, self.unacknowledged_after = {}, {}
        self.browsers = {}
        self.started = time.monotonic()

    def fail(self, reason):
        with self.lock:
            self.failed += 1
            self.failures.append(f"{time.monotonic() - self.started:.1f} s: {reason}")

    def sign_in_all(self):
        from bench.client import Browser

        for response in self.responses:
            browser = Browser(self.port, timeout=120)
            browser.sign_in(f"fp-{response.member_state.code.lower()}", self.dataset.password)
            self.browsers[response.pk] = browser

    def focal_point(self, index, response):
        from bench.client import change_answers, form_fields

        code = response.member_state.code
        browser = self.browsers[response.pk]
        path = f"/responses/{response.pk}/edit/"
        for round_number in range(SAVES_PER_FOCAL_POINT):
            with self.lock:
                self.requests += 1
            try:
                status, _headers, content, _elapsed = browser.get(path)
            except OSError as error:
                self.fail(f"{code} GET: {error}")
                continue
            if status != 200:
                self.fail(f"{code} GET answered {status}")
                continue
            fields = form_fields(content)
            change_answers(fields, code=code, save=round_number, user_index=index)
            sent = {name: value for name, value in fields.items() if name.startswith(("text_", "status_"))}
            with self.lock:
                self.requests += 1
            try:
                status, _headers, _content, _elapsed = browser.post(path, {**fields, "save": ""})
            except OSError as error:
                status = f"{type(error).__name__}: {error}"
            with self.lock:
                if status == 302:
                    self.acknowledged += 1
                    self.last_acknowledged[response.pk] = sent
                    self.unacknowledged_after[response.pk] = []
                else:
                    self.unacknowledged_after.setdefault(response.pk, []).append(sent)
            if status != 302:
                self.fail(f"{code} POST answered {status}")

    def lost(self):
        """Responses whose stored answers are neither their last acknowledged save nor a later unanswered one."""
        from questionnaires.models import Answer

        lost = 0
        for response in self.responses:
            acknowledged = self.last_acknowledged.get(response.pk)
            if acknowledged is None:
                continue
            stored = {}
            for answer in Answer.objects.filter(response=response):
                stored[f"text_{answer.question_id}"] = answer.text
                stored[f"status_{answer.question_id}"] = answer.status

            def matches(sent, stored=stored):
                return all(stored.get(name, "") == value.replace("\r\n", "\n") for name, value in sent.items())

            if not any(matches(sent) for sent in [acknowledged, *self.unacknowledged_after.get(response.pk, [])]):
                lost += 1
        return lost

    def sessions_lost(self):
        """Focal points no longer signed in: their form answers with a redirect to the sign-in, not 200."""
        lost = 0
        for response in self.responses:
            status, headers, _content, _elapsed = self.browsers[response.pk].get(f"/responses/{response.pk}/edit/")
            if status != 200:
                lost += 1
                print(f"  session lost: {response.member_state.code} answered {status} {headers.get('Location')}")
        return lost


def queue_mail(batch, recipients):
    from accounts.mail import queue_emails
    from accounts.models import OutgoingEmail

    return queue_emails(
        [
            OutgoingEmail(
                to=f"bench-{batch}-{index}@bench.invalid",
                subject=f"Benchmark message {batch}.{index}",
                body="A message of the scale-out benchmark.",
                recipient=recipient,
            )
            for index, recipient in enumerate(recipients[:MAIL_PER_BATCH])
        ]
    )


def request_print_jobs(dataset):
    """A small print job for each text document of the current meeting and each language."""
    from meetings.models import Document, DocumentFile
    from meetings.print_jobs import request_print

    documents = Document.objects.filter(meeting=dataset.meeting).exclude(printed_as=Document.PrintedAs.TRANSMITTAL_NOTE)
    issued = set(
        DocumentFile.objects.filter(document__in=documents, superseded_at=None, issued_at__isnull=False).values_list(
            "document_id", "language"
        )
    )
    return [
        request_print(document, language=language, by=dataset.secretariat)
        for document in documents.order_by("pk")
        for language in PRINT_LANGUAGES
        if (document.pk, language) not in issued  # an issued version is not printed as a draft again
    ]


def running_tasks_of(worker_id):
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return list(
        DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, worker_ids__contains=[worker_id]).values_list(
            "task_path", flat=True
        )
    )


def measure_scale_out(dataset):
    """Two nodes behind HAProxy, one of them and one of the two workers killed halfway through the saves."""
    from django.db import close_old_connections

    from accounts.models import OutgoingEmail
    from bench.dataset import prepare_drafts
    from meetings.models import PrintJob

    if shutil.which("haproxy") is None:
        raise RuntimeError("HAProxy is not installed (Debian: apt-get install haproxy; `make scale` does it)")
    check_redis()
    responses = prepare_drafts(dataset, FOCAL_POINTS)
    recipients = list(type(dataset.secretariat).objects.filter(username__startswith="fp-")[:MAIL_PER_BATCH])
    close_old_connections()

    folder = Path(tempfile.mkdtemp(prefix="honlac-scale-"))
    with contextlib.ExitStack() as stack:
        (folder / "media").mkdir()
        environment = {**os.environ, **node_environment(folder / "media", f"honlac-scale-{secrets.token_hex(4)}")}
        nodes = [
            stack.enter_context(
                Gunicorn(workers=NODE_WORKERS, threads=NODE_THREADS, env=environment, name=f"node{number}")
            )
            for number in range(1, NODES + 1)
        ]
        worker_ids = [f"bench-worker-{number}-{secrets.token_hex(4)}" for number in range(1, NODES + 1)]
        workers = [
            stack.enter_context(
                Process(
                    f"worker{number}",
                    [
                        sys.executable,
                        "manage.py",
                        "run_worker",
                        "--no-reload",
                        "--no-startup-delay",
                        f"--worker-id={worker_id}",
                        f"--sweep-interval={WORKER_SWEEP_SECONDS}",
                        "--retry-delay=2",
                    ],
                    env=environment,
                    log_dir=folder,
                )
            )
            for number, worker_id in enumerate(worker_ids, start=1)
        ]
        port = free_port()
        config = folder / "haproxy.cfg"
        config.write_text(
            HAPROXY_CONFIG.format(
                port=port,
                maxconn=NODE_WORKERS * NODE_THREADS,
                servers="\n".join(
                    f"    server node{number} 127.0.0.1:{node.port} check" for number, node in enumerate(nodes, 1)
                ),
            )
        )
        haproxy = stack.enter_context(
            Process("haproxy", ["haproxy", "-db", "-f", str(config)], env=environment, log_dir=folder)
        )
        try:
            wait_until_balanced(port)
            saves = Saves(port, dataset, responses)
            saves.sign_in_all()
            threads = [
                threading.Thread(target=saves.focal_point, args=(index, response), daemon=True)
                for index, response in enumerate(responses)
            ]
            total = len(threads) * SAVES_PER_FOCAL_POINT
            started = saves.started = time.monotonic()
            for thread in threads:
                thread.start()

            mails, jobs = [], []
            for batch in range(MAIL_BATCHES // 2):
                mails += queue_mail(batch, recipients)
                time.sleep(0.5)
            wait_for(lambda: saves.acknowledged + saves.failed >= total // 2, seconds=300)
            jobs = request_print_jobs(dataset)
            # The victim holds a print job when it dies (at most 30 s of waiting for one to start).
            wait_for(
                lambda: "meetings.print_jobs.print_document" in running_tasks_of(worker_ids[1]), seconds=30, step=0.05
            )
            held = running_tasks_of(worker_ids[1])
            os.killpg(nodes[1].process.pid, signal.SIGKILL)
            workers[1].kill()
            nodes[1].process.wait(timeout=10)
            killed_at = time.monotonic() - started
            print(
                f"  killed node2 and worker2 after {saves.acknowledged} saves ({killed_at:.0f} s); worker2 held: "
                f"{', '.join(path.rsplit('.', 1)[1] for path in held) or 'nothing'}",
                flush=True,
            )
            for batch in range(MAIL_BATCHES // 2, MAIL_BATCHES):
                mails += queue_mail(batch, recipients)
                time.sleep(0.5)
            for thread in threads:
                thread.join(timeout=max(0.0, started + 600 - time.monotonic()))
            saving_seconds = time.monotonic() - started
            if any(thread.is_alive() for thread in threads):
                raise RuntimeError("focal points still saving after 10 minutes")
            sessions_lost = saves.sessions_lost()
            job_ids, mail_ids = [job.pk for job in jobs], [email.pk for email in mails]

            # Every job and message of the database: those of the dataset too, which the workers did meanwhile.
            def unfinished():
                return (
                    PrintJob.objects.exclude(status=PrintJob.Status.DONE).count(),
                    OutgoingEmail.objects.exclude(status=OutgoingEmail.Status.SENT).count(),
                )

            wait_for(lambda: unfinished() == (0, 0), seconds=BACKGROUND_WORK_SECONDS, step=1)
            background_seconds = time.monotonic() - started - saving_seconds
            jobs_unfinished, mail_unfinished = unfinished()
            result = {
                "nodes": NODES,
                "requests": saves.requests,
                "failed": saves.failed,
                "lost": saves.lost(),
                "sessions_lost": sessions_lost,
                "jobs_unfinished": jobs_unfinished,
                "mail_unfinished": mail_unfinished,
            }
            for reason in saves.failures[:10]:
                print(f"  failed: {reason}", file=sys.stderr)
            print(f"  failed requests by node, as HAProxy saw them: {failed_by_node(haproxy.log)}", flush=True)
            print(
                f"  {saves.acknowledged} saves acknowledged of {total} in {saving_seconds:.0f} s; "
                f"{len(job_ids)} print jobs and {len(mail_ids)} messages done {background_seconds:.0f} s later; "
                f"the killed worker held {len(held)} task(s); {NODE_WORKERS * NODE_THREADS} requests at most were "
                f"in flight on the killed node",
                flush=True,
            )
            close_old_connections()
        except BaseException:
            print(f"scale-out: the logs are kept in {folder}", file=sys.stderr)
            for process in [haproxy, *workers]:
                with contextlib.suppress(OSError):
                    print(f"--- {process.log.name}\n{process.log.read_text(errors='replace')[-3000:]}", file=sys.stderr)
            for node in nodes:
                print(f"--- {node.log.name}\n{node.log_tail()}", file=sys.stderr)
            raise
    if os.environ.get("HONLAC_SCALE_KEEP_LOGS"):
        print(f"  logs kept in {folder}")
    else:
        shutil.rmtree(folder, ignore_errors=True)
    return {**result, "held_by_killed_worker": len(held)}


def main():
    """`make scale`: on a fresh database (DATABASE_URL, by default the local honlac_scale)."""
    from bench.environment import configure

    signal.signal(signal.SIGTERM, lambda *args: sys.exit(143))
    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/honlac_scale")
    configure()

    from bench.dataset import Dataset

    started = time.monotonic()
    dataset = Dataset()
    dataset.build_small()
    dataset.grow()
    print(f"[{time.monotonic() - started:4.0f} s] {NODES} nodes behind HAProxy, {FOCAL_POINTS} focal points")
    result = measure_scale_out(dataset)
    print(result)
    print(f"{time.monotonic() - started:.0f} s; load average {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
