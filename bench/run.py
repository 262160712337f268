"""`make bench`: build HONLAC at the scale of the United Nations, measure it, print a table, write results.json.

Run by `make bench` on a freshly created database (DATABASE_URL, by default the local honlac_bench). Measures, in
one run: the queries of the key pages with 3 and with 193 States (in-process), the time to print the transmittal
note against WeasyPrint alone (bench.pdf), then, through gunicorn (3 x 4 threads on 127.0.0.1), the median latency of
the key pages against their floors (bench.floors) and 50 focal points saving drafts at once; last, two nodes behind
HAProxy, one of them killed while focal points save (bench.scale). See README, "Benchmarks".
"""

import contextlib
import json
import math
import os
import signal
import statistics
import sys
import threading
import time

from bench.environment import configure
from bench.scale import measure_scale_out
from bench.server import ROOT, THREADS, WORKERS, Gunicorn

RESULTS = ROOT / "bench" / "results.json"

PAGES = ["home", "meeting", "secure_page", "response_form", "dashboard", "matrix"]
WARMUPS = 5  # per page and floor, so that the gunicorn workers have served each before timing
REQUESTS = 30  # timed requests per page and per floor, interleaved
CONCURRENT_USERS = 50
SAVES_PER_USER = 5

GOAL_RATIO = 1.5
GOAL_QUERIES = 15
# The note up to date after one more posting, and printed from nothing by two workers, against WeasyPrint alone.
GOAL_UPDATE_SHARE = 0.10
GOAL_FULL_SHARE = 0.6
GOAL_RSS_MB = 1024
GOAL_SAVES_PER_SECOND = 25


def page_urls(dataset):
    response = dataset.response_of(dataset.draft_state)
    meeting = "/meetings/honlac/32/"
    return {
        "home": ("/", "/bench/floor/home/"),
        "meeting": (meeting, "/bench/floor/meeting/"),
        "secure_page": (f"{meeting}secure/", "/bench/floor/secure_page/"),
        "response_form": (f"/responses/{response.pk}/edit/", f"/bench/floor/response_form/?response={response.pk}"),
        "dashboard": (f"{meeting}questionnaire/", "/bench/floor/dashboard/"),
        # The recommendations of 31, reviewed by the questionnaire of 32: 193 States x 40, as the secretariat counts.
        "matrix": ("/bodies/honlac/implementation/?meeting=31", "/bench/floor/matrix/"),
    }


def page_user(dataset, page):
    """The secretariat for its dashboard and the matrix; the focal point of the State whose response is a draft
    otherwise."""
    if page in ("dashboard", "matrix"):
        return dataset.secretariat
    return dataset.focal_point(dataset.draft_state)


# 2. Queries ------------------------------------------------------------------------------------------------------


def count_queries(dataset):
    """Queries of each key page, in-process, on its second request (the first fills the process's caches)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    urls = page_urls(dataset)
    for page in PAGES:
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(page_user(dataset, page))
        url = urls[page][0]
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            status = client.get(url).status_code
        if status != 200:
            raise RuntimeError(f"{page} ({url}) answered {status}")
        counts[page] = len(queries)
    return counts


# 1. Latency --------------------------------------------------------------------------------------------------------


def measure_latency(server, dataset):
    """Median milliseconds of each page and of its floor, requested alternately, signed in as the page's user."""
    from bench.client import Browser

    password = dataset.password
    browsers = {}
    for user in {page_user(dataset, page) for page in PAGES}:
        browsers[user.pk] = Browser(server.port)
        browsers[user.pk].sign_in(user.username, password)
    urls = page_urls(dataset)
    targets = [(page, browsers[page_user(dataset, page).pk], urls[page]) for page in PAGES]
    trivial_browser = browsers[page_user(dataset, "home").pk]
    times = {page: [] for page in PAGES} | {f"{page}_floor": [] for page in PAGES} | {"trivial": []}

    def timed(browser, path):
        status, _headers, _content, elapsed = browser.get(path)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
        return elapsed * 1000

    for round_number in range(WARMUPS + REQUESTS):
        samples = {"trivial": timed(trivial_browser, "/bench/floor/trivial/")}
        for page, browser, (url, floor_url) in targets:
            samples[page] = timed(browser, url)
            samples[f"{page}_floor"] = timed(browser, floor_url)
        if round_number >= WARMUPS:
            for name, value in samples.items():
                times[name].append(value)
    return {name: statistics.median(values) for name, values in times.items()}


# 4. Concurrent saves ---------------------------------------------------------------------------------------------


def measure_concurrent_saves(server, dataset):
    """50 focal points, each saving its own State's draft several times at once through the response form."""
    from django.db import close_old_connections

    from bench.client import Browser, change_answers, form_fields
    from bench.dataset import prepare_drafts
    from questionnaires.models import Answer

    password = dataset.password
    responses = prepare_drafts(dataset, CONCURRENT_USERS)
    close_old_connections()
    lock = threading.Lock()
    outcome = {"errors": 0, "latencies": [], "last_saved": {}}
    # The saving starts when the last focal point has signed in: saves a second are counted from then.
    barrier = threading.Barrier(
        len(responses), timeout=300, action=lambda: outcome.__setitem__("saving_from", time.monotonic())
    )

    def error(reason):
        with lock:
            outcome["errors"] += 1
            if outcome["errors"] <= 5:
                print(f"  error: {reason}", file=sys.stderr)

    def focal_point(index, response):
        code = response.member_state.code
        browser = Browser(server.port)
        try:
            browser.sign_in(f"fp-{code.lower()}", password)
        except Exception as exception:  # noqa: BLE001 - any failure is counted
            error(f"{code} sign-in: {exception}")
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait()
            return
        try:
            barrier.wait()
        except threading.BrokenBarrierError:
            error(f"{code}: the others did not start")
            return
        path = f"/responses/{response.pk}/edit/"
        for round_number in range(SAVES_PER_USER):
            try:
                status, _headers, content, _elapsed = browser.get(path)
                if status != 200:
                    error(f"{code} form answered {status}")
                    continue
                fields = form_fields(content)
                change_answers(fields, code=code, save=round_number, user_index=index)
                status, _headers, _content, elapsed = browser.post(path, {**fields, "save": ""})
            except Exception as exception:  # noqa: BLE001 - any failure is counted
                error(f"{code}: {exception}")
                continue
            if status != 302:
                error(f"{code} save answered {status}")
                continue
            with lock:
                outcome["latencies"].append(elapsed * 1000)
                outcome["last_saved"][response.pk] = {
                    name: value for name, value in fields.items() if name.startswith(("text_", "status_"))
                }

    threads = [
        threading.Thread(target=focal_point, args=(index, response), daemon=True)
        for index, response in enumerate(responses)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    deadline = started + 600
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()))
    saving_seconds = time.monotonic() - outcome.get("saving_from", started)
    stuck = sum(thread.is_alive() for thread in threads)
    if stuck:
        error(f"{stuck} focal points still running after 10 minutes")

    lost = 0
    for response in responses:
        sent = outcome["last_saved"].get(response.pk)
        if sent is None:
            continue
        stored = {}
        for answer in Answer.objects.filter(response=response):
            stored[f"text_{answer.question_id}"] = answer.text
            stored[f"status_{answer.question_id}"] = answer.status
        if any(stored.get(name, "") != value.replace("\r\n", "\n") for name, value in sent.items()):
            lost += 1
    latencies = sorted(outcome["latencies"])
    p95 = latencies[math.ceil(0.95 * len(latencies)) - 1] if latencies else None
    return {
        "users": len(responses),
        "errors": outcome["errors"] + stuck,
        "lost": lost,
        "p95_ms": round(p95, 1) if p95 is not None else None,
        # Each save after a GET of the form, as a person saving does.
        "saves_per_second": round(len(latencies) / saving_seconds, 1),
        "seconds": time.monotonic() - started,  # printed, not written
        "saves": len(latencies),
    }


# Report -----------------------------------------------------------------------------------------------------------


def mark(ok):
    return "yes" if ok else "NO"


def report(results, floors):
    ratio, latency, queries = results["page_latency_ratio"], results["page_latency_ms"], results["queries"]
    print()
    print(
        "HONLAC portal benchmarks: 193 States, 21 meetings, 40 recommendations x 3 meetings; gunicorn "
        f"{WORKERS} workers x {THREADS} threads, PostgreSQL"
    )
    print()
    header = (
        f"{'page':<15}{'median ms':>10}{'floor ms':>10}{'ratio':>7}{'<=1.5x':>8}{'queries 3/193':>15}{'<=15, flat':>12}"
    )
    print(header)
    print("-" * len(header))
    for page in PAGES:
        small, large = queries[page]["small"], queries[page]["large"]
        print(
            f"{page:<15}{latency[page]:>10.1f}{floors[page]:>10.1f}{ratio[page]:>7.2f}"
            f"{mark(ratio[page] <= GOAL_RATIO):>8}{f'{small} / {large}':>15}"
            f"{mark(small == large and large <= GOAL_QUERIES):>12}"
        )
    print(f"{'trivial':<15}{latency['trivial']:>10.1f}   (the stack alone: a constant template, no query)")
    print()
    weasy, pages = results["weasyprint_only_seconds"], results["transmittal_pdf_pages"]
    update, full = results["transmittal_update_seconds"], results["transmittal_full_seconds"]
    rss = results["peak_rss_mb"]
    print(f"transmittal note, 193 States: {pages} pages; WeasyPrint alone on its whole HTML {weasy:.2f} s")
    print(
        f"  after one more posting: {update:.2f} s, {update / weasy:.1%} of WeasyPrint alone "
        f"(<=10%: {mark(update <= GOAL_UPDATE_SHARE * weasy)})"
    )
    print(
        f"  from nothing, two workers: {full:.2f} s, {full / weasy:.2f}x WeasyPrint alone "
        f"(<=0.6x: {mark(full <= GOAL_FULL_SHARE * weasy)})"
    )
    print(
        f"  peak RSS: the workers {rss['worker']} MB (<1 GB: {mark((rss['worker'] or 0) < GOAL_RSS_MB)}); "
        f"WeasyPrint alone on the whole note {rss['weasyprint_only']} MB"
    )
    saves = results["concurrent_saves"]
    print(
        f"concurrent saves: {saves['users']} focal points x {SAVES_PER_USER} saves; errors {saves['errors']}, "
        f"lost writes {saves['lost']}, p95 {saves['p95_ms']} ms "
        f"(no error, no loss: {mark(saves['errors'] == 0 and saves['lost'] == 0)}); "
        f"{saves['saves_per_second']} saves/s (>=25: {mark(saves['saves_per_second'] >= GOAL_SAVES_PER_SECOND)})"
    )
    scale = results["scale_out"]
    survived = not any(scale[name] for name in ("lost", "sessions_lost", "jobs_unfinished", "mail_unfinished"))
    print(
        f"scale-out: {scale['nodes']} nodes behind HAProxy, one killed: {scale['requests']} requests, "
        f"{scale['failed']} failed (in flight on the killed node), lost writes {scale['lost']}, sessions lost "
        f"{scale['sessions_lost']}, print jobs unfinished {scale['jobs_unfinished']}, mail unfinished "
        f"{scale['mail_unfinished']} (all 0: {mark(survived)})"
    )
    print(f"\nwritten to {RESULTS.relative_to(ROOT)}")


def main():
    signal.signal(signal.SIGTERM, lambda *args: sys.exit(143))
    configure()

    from bench import pdf
    from bench.dataset import Dataset

    started = time.monotonic()
    load = os.getloadavg()[0]

    def step(text):
        print(f"[{time.monotonic() - started:4.0f} s] {text}", flush=True)

    dataset = Dataset()
    step("building the small dataset (3 States) and counting queries")
    dataset.build_small()
    small = count_queries(dataset)
    step("growing it to 193 States and 21 meetings, counting queries again")
    dataset.grow()
    large = count_queries(dataset)
    step("printing the transmittal note: WeasyPrint alone, then from nothing and after one more posting (minutes)")
    transmittal = pdf.measure(dataset)
    step("starting gunicorn; measuring the pages and their floors")
    with Gunicorn() as server:
        latency = measure_latency(server, dataset)
        step(f"{CONCURRENT_USERS} focal points saving drafts at once")
        concurrent = measure_concurrent_saves(server, dataset)
    concurrent_seconds, saves = concurrent.pop("seconds"), concurrent.pop("saves")
    step("two nodes behind HAProxy, one of them and one worker killed while focal points save (minutes)")
    scale_out = measure_scale_out(dataset)
    results = {
        "page_latency_ratio": {page: round(latency[page] / latency[f"{page}_floor"], 2) for page in PAGES},
        "page_latency_ms": {page: round(latency[page], 1) for page in PAGES}
        | {"trivial": round(latency["trivial"], 1)},
        "queries": {page: {"small": small[page], "large": large[page]} for page in PAGES},
        **transmittal,
        "concurrent_saves": concurrent,
        "scale_out": scale_out,
    }
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    report(results, {page: latency[f"{page}_floor"] for page in PAGES})
    print(
        f"concurrent phase: {saves} saves in {concurrent_seconds:.0f} s with the sign-ins "
        f"({saves / concurrent_seconds:.1f} saves/s, each after a GET of the form)"
    )
    print(
        f"{time.monotonic() - started:.0f} s; load average of the machine {load:.1f} at the start, "
        f"{os.getloadavg()[0]:.1f} at the end ({os.cpu_count()} cores)"
    )


if __name__ == "__main__":
    main()
