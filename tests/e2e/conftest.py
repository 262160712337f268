"""Browser tests: Playwright (sync API) drives the system's Chromium against pytest-django's live server.

Playwright never downloads a browser here: it launches /usr/bin/chromium (Debian package `chromium`) with the
flags that keep it off the network. Every page a test opens records console errors, uncaught page errors and
Content Security Policy violations, and the test fails if there was any. A failed test leaves a full-page
screenshot in test-artifacts/<test name>.png.

Every page a test visits is checked by axe-core (WCAG 2.1 A and AA rules): the test calls `check_accessibility(page)`
once the page shows what it is tested for (after a click, a message, a dialog), and a test that visited a page it never
checked fails at teardown, naming it.
"""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.test import override_settings

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000

# The rules of WCAG 2.0 and 2.1, levels A and AA; the best practices of axe are not required.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}

reports_key = pytest.StashKey[dict]()
problems_key = pytest.StashKey[list]()
visited_key = pytest.StashKey[dict]()
allowed_key = pytest.StashKey[list]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, so that fixtures know at teardown whether the test failed."""
    report = yield
    item.stash.setdefault(reports_key, {})[report.when] = report
    return report


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail a test whose pages logged an error or a CSP violation, even when all its assertions passed."""
    problems = item.stash.get(problems_key, [])
    try:
        result = yield
    except BaseException as error:
        if problems:
            error.add_note("The browser also reported:\n" + "\n".join(problems))
        raise
    if problems:
        pytest.fail("The browser reported errors:\n" + "\n".join(problems), pytrace=False)
    return result


@pytest.fixture(scope="session")
def plain_http():
    """The live server speaks plain HTTP: its security middleware reads SECURE_SSL_REDIRECT once, when the server
    starts, before the settings of each test (tests/conftest.py) apply."""
    with override_settings(SECURE_SSL_REDIRECT=False):
        yield


@pytest.fixture(scope="session")
def live_server(plain_http, live_server):
    return live_server


@pytest.fixture
def browser(monkeypatch):
    """Chromium, started for each test, after its database is set up and stopped before it is flushed.

    While Playwright's sync API is started, an asyncio event loop runs in the test's thread. Django then takes the
    thread for an async context: it refuses database access from the test unless DJANGO_ALLOW_ASYNC_UNSAFE is set,
    and hands out other connections than the ones pytest-django prepared, so the serialized rollback (the member
    States) and the tests that come after in the same worker would break if the browser outlived the test.
    """
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import expect, sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server, request):
    """Opens a page in a browser context of its own (one person at their own computer): new_page(**options)
    takes the options of browser.new_context, e.g. viewport."""
    problems = request.node.stash.setdefault(problems_key, [])
    visited = request.node.stash.setdefault(visited_key, {})
    allowed = request.node.stash.setdefault(allowed_key, [])
    contexts, pages = [], []

    def open_page(*, language=None, **options):
        """A page; `language` (en, fr, es) sets the interface language before the first request."""
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        if language:
            context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda message: record_console(problems, page, message, allowed))
        page.on("pageerror", lambda error: problems.append(f"page error on {page.url}: {error}"))
        page.on("framenavigated", lambda frame: record_visit(visited, page, frame))
        pages.append(page)
        return page

    yield open_page

    reports = request.node.stash.get(reports_key, {})
    if any(report.failed for report in reports.values()):
        folder = request.config.rootpath / "test-artifacts"
        folder.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        shown = [page for page in pages if not page.is_closed() and page.url != "about:blank"]
        for index, page in enumerate(shown, start=1):
            suffix = "" if index == 1 else f"-{index}"
            page.screenshot(path=folder / f"{name}{suffix}.png", full_page=True)
    for context in contexts:
        context.close()
    if not any(report.failed for report in reports.values()):
        unchecked = sorted(path for path, checked in visited.items() if not checked)
        if unchecked:
            pytest.fail(
                "Pages visited but never checked by check_accessibility: " + ", ".join(unchecked), pytrace=False
            )


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def allow_console_error(request):
    """allow_console_error(pattern): a console error that the test expects is not a problem, e.g. Chromium's note of
    an answer 409 that the page's script handles ("Failed to load resource: ... status of 409"). `pattern` is a
    regular expression searched in the message."""
    allowed = request.node.stash.setdefault(allowed_key, [])
    return lambda pattern: allowed.append(re.compile(pattern))


@pytest.fixture
def check_accessibility(request):
    """check_accessibility(page): axe-core on the page as it is now; fails on any WCAG 2.1 A or AA violation."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    visited = request.node.stash.setdefault(visited_key, {})

    def check(page):
        page.wait_for_load_state()
        results = axe.run(page, options=AXE_OPTIONS)
        language = page.locator("html").get_attribute("lang")
        violations = [
            f"{violation['id']} ({violation['impact']}): {violation['help']}: "
            + "; ".join(
                node["target"][0] if isinstance(node["target"][0], str) else str(node["target"])
                for node in violation["nodes"][:5]
            )
            for violation in results.response["violations"]
        ]
        assert not violations, f"axe-core on {page.url} (lang={language}):\n" + "\n".join(violations)
        visited[page_key(page.url)] = True

    return check


def page_key(url):
    return urlsplit(url).path


def record_visit(visited, page, frame):
    """A page of the portal shown in the main frame (not a file download, which does not navigate)."""
    if frame is page.main_frame and frame.url.startswith("http"):
        visited.setdefault(page_key(frame.url), False)


def record_console(problems, page, message, allowed=()):
    # Chromium reports a CSP violation as a console error: "Refused to load the script ... because it violates the
    # following Content Security Policy directive" or, for inline code, "Executing inline script violates the
    # following Content Security Policy directive ..."; a report-only policy reports at another level.
    text = message.text
    if any(pattern.search(text) for pattern in allowed):
        return
    if message.type == "error" or text.startswith("Refused to") or "Content Security Policy" in text:
        problems.append(f"console {message.type} on {page.url}: {text}")
