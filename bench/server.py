"""The application server of the benchmarks: gunicorn on 127.0.0.1 against the bench database."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER_START_SECONDS = 60
# gunicorn's gthread worker, 3 processes of 4 threads: the portal's requests are mostly Python (the response form's
# rendering above all), so at least one process per core (2 here), and one more, so that a core is not idle while
# a process waits; its threads overlap the waits on PostgreSQL and on the network, 12 requests at once, where 2 sync
# workers serve 2. Measured with 50 focal points saving at once (README, "Benchmarks"): 2 sync workers, 5 sync
# workers, 2 x 4 and 3 x 4 threads all did 3 to 7 saves a second on this shared machine, the CPU being the limit
# (about 130 ms of it per save); 3 x 4 had the best median of its runs (5.3), and takes less memory than 5 processes.
WORKERS = 3
THREADS = 4


def stop_group(process, *, grace_seconds=15):
    """Stop `process` and its process group: SIGTERM, then SIGKILL if it is still there after `grace_seconds`."""
    if process is None or process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=grace_seconds)
    except subprocess.TimeoutExpired:
        kill_group(process)


def kill_group(process):
    """SIGKILL to `process` and its whole group, as a machine that stops."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    """gunicorn on 127.0.0.1, against the bench database; always stopped on leaving (its whole process group).

    `workers` processes of `threads` threads each (gunicorn's gthread worker when threads > 1). `env`: variables
    added to the bench's environment for this server only.
    """

    def __init__(self, *, workers=WORKERS, threads=THREADS, port=None, env=None, name="gunicorn"):
        self.port = port or free_port()
        self.workers, self.threads = workers, threads
        self.env = env or {}
        self.log = tempfile.NamedTemporaryFile(prefix=f"honlac-bench-{name}-", suffix=".log", delete=False)  # noqa: SIM115
        self.process = None

    def __enter__(self):
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "honlac.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            *(["--worker-class", "gthread", "--threads", str(self.threads)] if self.threads > 1 else []),
            "--timeout",
            "120",
            "--graceful-timeout",
            "5",
        ]
        self.process = subprocess.Popen(  # noqa: S603 - a fixed command line
            command, cwd=ROOT, env={**os.environ, **self.env}, stdout=self.log, stderr=self.log, start_new_session=True
        )
        try:
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_until_ready(self):
        from bench.client import Browser

        deadline = time.monotonic() + SERVER_START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start:\n{self.log_tail()}")
            with contextlib.suppress(OSError):
                if Browser(self.port, timeout=5).get("/bench/floor/trivial/")[0] == 200:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within {SERVER_START_SECONDS} s:\n{self.log_tail()}")

    def __exit__(self, exc_type, exc_value, traceback):
        self.stop()
        self.log.close()
        if exc_type is None:
            Path(self.log.name).unlink(missing_ok=True)
        else:
            print(f"gunicorn's log: {self.log.name}", file=sys.stderr)

    def stop(self):
        stop_group(self.process)

    def log_tail(self, lines=30):
        return "\n".join(Path(self.log.name).read_text(errors="replace").splitlines()[-lines:])
