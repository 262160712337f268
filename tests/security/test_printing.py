"""The PDF renderer fetches nothing but the project's own static files: no outside URL, no local file."""

import logging
from pathlib import Path

import pytest

from honlac.printing import render_document
from meetings.documents import PRINT_BASE_URL, PRINT_STATIC_URL, StaticFilesOnlyFetcher, html_to_pdf
from meetings.markup import render_markdown
from tests.factories import DocumentFactory
from tests.security.helpers import LEAKED_CSS, LEAKED_SVG, pdf_text, tags_and_attributes


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
