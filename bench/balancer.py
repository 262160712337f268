"""The balancer and the processes of `make scale` (bench/scale.py): HAProxy's configuration, a process group that
is always stopped, and what HAProxy's log says of the failed requests."""

import contextlib
import re
import subprocess
import time
from pathlib import Path

from bench.server import ROOT, kill_group, stop_group

# A line of HAProxy's HTTP log: "... portal nodes/node2 0/0/0/-1/12 502 ..."; the server is <NOSRV> when none served.
HAPROXY_FAILURE = re.compile(r" nodes/(?P<server>\S+) [-\d/+]+ (?P<status>5\d\d) ")

# The balancer. A node is given as many requests at once as it has threads (maxconn); the others wait in HAProxy's
# queue, not in the node's, so that a node that dies takes only the requests it was serving with it: those waiting
# for it go to the other node. Health checks every second, each allowed longer than a busy node's queue of requests
# (a node whose every thread renders a form answers its check only after them): a busy node is not taken for a dead
# one. A killed node refuses connections at once: the first refused connection of a request marks it down (observe
# layer4), before the health checks would, and the request is retried on the other node (redispatch). A request is
# retried only when its connection failed, never once it reached a server: a POST is not sent twice.
HAPROXY_CONFIG = """\
global
    maxconn 1000
    log stderr format raw local0

defaults
    mode http
    log global
    option httplog
    option forwardfor
    timeout connect 2s
    timeout client 120s
    timeout server 120s
    timeout check 30s
    timeout queue 60s
    retries 3
    retry-on conn-failure
    option redispatch 1

frontend portal
    bind 127.0.0.1:{port}
    default_backend nodes

backend nodes
    balance roundrobin
    option httpchk
    http-check send meth GET uri /health/ ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
    default-server inter 1s fall 2 rise 2 maxconn {maxconn} observe layer4 error-limit 1 on-error mark-down
{servers}
"""


class Process:
    """A command in a process group of its own, logging to a file; killed with its group on leaving."""

    def __init__(self, name, command, *, env, log_dir):
        self.name, self.command, self.env = name, command, env
        self.log = Path(log_dir) / f"{name}.log"
        self.process = None

    def __enter__(self):
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(  # noqa: S603 - fixed command lines
                self.command, cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True
            )
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def kill(self):
        """SIGKILL to the whole group, as a machine that stops."""
        kill_group(self.process)

    def stop(self):
        stop_group(self.process)


def wait_for(condition, *, seconds, step=0.2):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


def wait_until_balanced(port, seconds=60):
    from bench.client import Browser

    def answers():
        with contextlib.suppress(OSError):
            return Browser(port, timeout=5).get("/health/")[0] == 200
        return False

    if not wait_for(answers, seconds=seconds):
        raise RuntimeError(f"HAProxy did not answer on 127.0.0.1:{port} within {seconds} s")


def failed_by_node(log):
    """The answers of 500 and above in HAProxy's log, counted by the node that gave them ("-": none did)."""
    counts = {}
    for line in log.read_text(errors="replace").splitlines():
        match = HAPROXY_FAILURE.search(line)
        if match:
            counts[match["server"]] = counts.get(match["server"], 0) + 1
    return counts
