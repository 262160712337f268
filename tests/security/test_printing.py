"""The PDF renderer fetches nothing but the project's own static files: no outside URL, no local file."""

import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from honlac.printing import render_document
from meetings.documents import PRINT_BASE_URL, PRINT_STATIC_URL, StaticFilesOnlyFetcher, html_to_pdf
from meetings.markup import render_markdown
from tests.factories import DocumentFactory
from tests.security.helpers import pdf_text, tags_and_attributes

LEAKED_CSS = 'body::after { content: "LEAKED"; }'
LEAKED_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text y="20">LEAKED</text></svg>'


@pytest.fixture
def outside_server():
    """A web server on this machine that serves a leaking stylesheet and image, and notes every request."""
    requests = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            css = self.path.endswith(".css")
            body = (LEAKED_CSS if css else LEAKED_SVG).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/css" if css else "image/svg+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", requests
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x.png",
        "https://example.org/x.css",
        "file:///etc/passwd",
        "data:text/css,body::after{content:'LEAKED'}",
        PRINT_BASE_URL + "media/documents/2024/note.pdf",
        PRINT_STATIC_URL + "../../../../etc/passwd",
        PRINT_STATIC_URL + "print/../../honlac/settings.py",
        PRINT_STATIC_URL + "%2e%2e/honlac/settings.py",
        PRINT_STATIC_URL + "/etc/passwd",
        PRINT_STATIC_URL + "print/missing.css",
    ],
)
def test_fetcher_refuses_anything_but_a_static_file(url):
    with pytest.raises(ValueError):
        StaticFilesOnlyFetcher().fetch(url)


def test_fetcher_serves_the_print_stylesheet():
    response = StaticFilesOnlyFetcher().fetch(PRINT_STATIC_URL + "print/un.css")
    body = response.read() if hasattr(response, "read") else response.body
    assert body == (Path(__file__).resolve().parents[2] / "static/print/un.css").read_bytes()


def refused(caplog):
    return {record.args[0] for record in caplog.records if record.msg == "Refused to fetch %s while printing"}


def test_printing_fetches_no_outside_stylesheet_image_or_local_file(tmp_path, outside_server, caplog):
    base, requests = outside_server
    local_css = tmp_path / "leak.css"
    local_css.write_text(LEAKED_CSS)
    local_svg = tmp_path / "leak.svg"
    local_svg.write_text(LEAKED_SVG)
    outside = [
        f"{base}/linked.css",
        f"{base}/imported.css",
        f"{base}/image.svg",
        local_css.as_uri(),
        local_svg.as_uri(),
        "http://127.0.0.1:9/x.png",
        "https://example.org/x.css",
        "file:///etc/passwd",
    ]
    html = f"""<html><head>
      <link rel="stylesheet" href="{PRINT_STATIC_URL}print/un.css">
      <link rel="stylesheet" href="{base}/linked.css">
      <link rel="stylesheet" href="{local_css.as_uri()}">
      <link rel="stylesheet" href="https://example.org/x.css">
      <style>@import url("{base}/imported.css");</style>
    </head><body>
      <p>Visible text.</p>
      <img src="{base}/image.svg"><img src="{local_svg.as_uri()}">
      <img src="http://127.0.0.1:9/x.png"><img src="file:///etc/passwd">
    </body></html>"""

    with caplog.at_level(logging.WARNING, logger="meetings.documents"):
        pdf = html_to_pdf(html)

    assert requests == []
    assert pdf_text(pdf) == "Visible text."  # page 1 has no number
    assert refused(caplog) == set(outside)


def test_document_text_cannot_make_the_printer_fetch_anything(db, outside_server, caplog):
    base, requests = outside_server
    text = (
        f"![a]({base}/markdown.svg)\n\n![b](file:///etc/passwd)\n\n![c](http://127.0.0.1:9/x.png)\n\n"
        f'<img src="{base}/raw.svg">\n\n<link rel="stylesheet" href="{base}/raw.css">\n\n'
        f'<p style="background: url({base}/style.svg)">Styled</p>\n\nVisible text.'
    )
    document = DocumentFactory(text_en=text)

    with caplog.at_level(logging.WARNING, logger="meetings.documents"):
        pdf = render_document(document, language="en")

    assert tags_and_attributes(str(render_markdown(text))) == []  # paragraphs only, with no attributes
    assert requests == []
    assert refused(caplog) == set()
    printed = pdf_text(pdf)
    assert "LEAKED" not in printed
    assert f'<img src="{base}/raw.svg">' in printed  # raw HTML is printed as the text that was typed
    assert "Visible text." in printed
