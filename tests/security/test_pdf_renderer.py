"""The PDF renderer against its known attacks: nothing is fetched or embedded that is not the project's own
printable static file, whatever is typed in a text that reaches a PDF; and a long unbroken word prints quickly."""

import base64
import io
import random
import string
import struct
import time
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from agendas.models import AgendaItem
from agendas.services import generate_agenda
from honlac import printing
from meetings.documents import PRINT_BASE_URL, PRINT_STATIC_URL, StaticFilesOnlyFetcher, html_to_pdf
from meetings.models import Document
from questionnaires.models import Recommendation
from tests.factories import DocumentFactory, answered
from tests.security.helpers import LEAKED_CSS, LEAKED_SVG, download, pdf_text

STATIC = Path(settings.BASE_DIR) / "static"
# What the print templates themselves load: the stylesheet, the recycling mark and the footnote rule.
OWN_FILES = {PRINT_STATIC_URL + name for name in ("print/un.css", "print/recycle.svg", "print/footnote-rule.svg")}
EPS = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n(LEAKED) show\n"


def huge_png():
    """The head of a PNG of 100,000 x 100,000 pixels: decoded, 30 GB."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(64)))


HUGE_DATA_URL = "data:image/png;base64," + base64.b64encode(huge_png()).decode()
LEAKED_SVG_DATA_URL = "data:image/svg+xml;base64," + base64.b64encode(LEAKED_SVG.encode()).decode()


@pytest.fixture
def fetched(monkeypatch):
    """Every URL the renderer asks its fetcher for, in order."""
    urls = []
    fetch = StaticFilesOnlyFetcher.fetch

    def spy(self, url, headers=None):
        urls.append(url)
        return fetch(self, url, headers)

    monkeypatch.setattr(StaticFilesOnlyFetcher, "fetch", spy)
    return urls


@pytest.fixture
def extra_static(settings, tmp_path):
    """A second static folder, for files the project might hold: an EPS image, a script, a link out of it."""
    folder = tmp_path / "static"
    (folder / "print").mkdir(parents=True)
    (folder / "print" / "logo.eps").write_bytes(EPS)
    (folder / "print" / "tool.js").write_text("alert(1)")
    secret = tmp_path / "secret.css"
    secret.write_text(LEAKED_CSS)
    (folder / "print" / "outside.css").symlink_to(secret)
    (folder / "print" / "renamed.svg").symlink_to(folder / "print" / "tool.js")
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, folder]
    return folder


def body_of(response):
    return response.read()


# The fetcher itself, for each kind of URL ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file://localhost/etc/passwd",
        "FILE:///etc/passwd",
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        "https://169.254.169.254/latest/meta-data/",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "https://example.org/print/un.css",
        "ftp://example.org/print/un.css",
        "data:text/css,body::after{content:'LEAKED'}",
        HUGE_DATA_URL,
        PRINT_BASE_URL + "media/documents/2024/note.pdf",
        PRINT_BASE_URL + "admin/",
        PRINT_STATIC_URL + "../../../../etc/passwd",
        PRINT_STATIC_URL + "print/../../honlac/settings.py",
        PRINT_STATIC_URL + "print/%2e%2e/%2e%2e/pyproject.toml",
        PRINT_STATIC_URL + "print%2f..%2f..%2fREADME.md",
        PRINT_STATIC_URL + "print/..%5c..%5cREADME.md",
        PRINT_STATIC_URL + "/etc/hostname",
        PRINT_STATIC_URL + "print//un.css",
        PRINT_STATIC_URL + "print/./un.css",
        PRINT_STATIC_URL + "print/missing.css",
        PRINT_STATIC_URL + "js/response-form.js",
        PRINT_STATIC_URL + "vendor/bootstrap/bootstrap.min.css.map",
        PRINT_STATIC_URL + "vendor/bootstrap/LICENSE",
    ],
    ids=[
        "file",
        "file-localhost",
        "file-upper-case",
        "metadata-http",
        "metadata-https",
        "metadata-ipv6",
        "https",
        "ftp",
        "data-css",
        "data-huge-png",
        "print-host-media",
        "print-host-admin",
        "dot-dot",
        "dot-dot-inside",
        "encoded-dot-dot",
        "encoded-slash",
        "encoded-backslash",
        "absolute-path",
        "empty-segment",
        "dot-segment",
        "missing",
        "script",
        "source-map",
        "no-extension",
    ],
)
def test_fetcher_refuses_a_url_that_is_no_printable_static_file(url):
    with pytest.raises(ValueError):
        StaticFilesOnlyFetcher().fetch(url)


def test_fetcher_connects_to_no_server_nor_follows_a_redirect(outside_server):
    base, hits = outside_server
    for url in (f"{base}/redirect", f"{base}/x.css", f"http://localhost:{base.rsplit(':', 1)[1]}/x.css"):
        with pytest.raises(ValueError):
            StaticFilesOnlyFetcher().fetch(url)
    assert hits == []


@pytest.mark.parametrize("name", ["print/logo.eps", "print/tool.js", "print/outside.css", "print/renamed.svg"])
def test_fetcher_refuses_eps_scripts_and_links_out_of_the_static_folder(extra_static, name):
    assert (extra_static / name).exists()
    with pytest.raises(ValueError):
        StaticFilesOnlyFetcher().fetch(PRINT_STATIC_URL + name)


@pytest.mark.parametrize(
    ("name", "content_type"),
    [("print/un.css", "text/css"), ("print/recycle.svg", "image/svg+xml"), ("favicon.svg", "image/svg+xml")],
)
def test_fetcher_serves_the_printable_static_files(name, content_type):
    response = StaticFilesOnlyFetcher().fetch(PRINT_STATIC_URL + name + "?v=1#top")
    assert body_of(response) == (STATIC / name).read_bytes()
    assert response.content_type == content_type


def test_fetcher_serves_a_file_collected_in_static_root_only(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "collected"
    (settings.STATIC_ROOT / "print").mkdir(parents=True)
    (settings.STATIC_ROOT / "print" / "collected.css").write_text("p { color: black; }")
    (tmp_path / "beside.css").write_text(LEAKED_CSS)

    response = StaticFilesOnlyFetcher().fetch(PRINT_STATIC_URL + "print/collected.css")

    assert body_of(response) == b"p { color: black; }"
    with pytest.raises(ValueError):
        StaticFilesOnlyFetcher().fetch(PRINT_STATIC_URL + "../beside.css")


# Attachments ----------------------------------------------------------------------------------------------------


def embedded_files(pdf):
    """The names of the files a PDF embeds, in its /EmbeddedFiles and in file attachment annotations."""
    reader = PdfReader(io.BytesIO(pdf))
    names = list(reader.attachments)
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/FileAttachment":
                names.append(str(annotation["/FS"].get_object().get("/F")))
    return names


def test_printing_embeds_no_attachment_of_a_link_or_an_anchor(fetched):
    own = PRINT_STATIC_URL + "print/un.css"
    html = f"""<html lang="en"><head>
      <link rel="stylesheet" href="{own}">
      <link rel="attachment" href="{own}" title="stylesheet">
      <link rel="attachment" href="file:///etc/passwd">
    </head><body>
      <p>Visible text. <a rel="attachment" href="{PRINT_STATIC_URL}print/recycle.svg">mark</a>
      <a rel="attachment" href="file:///etc/hostname" download="hostname">host</a></p>
    </body></html>"""

    pdf = html_to_pdf(html)

    assert embedded_files(pdf) == []
    assert PdfReader(io.BytesIO(pdf)).trailer["/Root"].get("/Names") is None
    assert fetched == [own]  # the stylesheet, once: neither attachment was fetched
    assert pdf_text(pdf) == "Visible text. mark host"


# Attacks typed in the texts that reach a PDF, through the real print paths ---------------------------------------

# Each attack as someone would type it in a title, a text, an answer; `{base}` is the outside server.
ATTACKS = {
    "attachment-link": '<link rel="attachment" href="file:///etc/passwd">',
    "attachment-anchor": f'<a rel="attachment" href="{PRINT_STATIC_URL}print/un.css">un.css</a>',
    "file-url": '![passwd](file:///etc/passwd) <img src="file:///etc/passwd"> [p](file:///etc/passwd)',
    "metadata-address": (
        "![m](http://169.254.169.254/latest/meta-data/) <img src='http://169.254.169.254/latest/meta-data/'>"
    ),
    "loopback": '![x]({base}/markdown.svg) <img src="{base}/raw.svg"> <{base}/autolink.svg>',
    "redirect": '![r]({base}/redirect-markdown) <iframe src="{base}/redirect-frame"></iframe>',
    "data-url": f'![d]({HUGE_DATA_URL}) <img src="{LEAKED_SVG_DATA_URL}">',
    "eps-image": f'![e]({PRINT_STATIC_URL}print/logo.eps) <object data="{PRINT_STATIC_URL}print/logo.eps"></object>',
    "css-import": '<style>@import url("{base}/style-import.css");</style> @import url({base}/bare-import.css);',
    "css-url": '<p style="background: url({base}/style.svg)">x</p> <span style="content: url({base}/span.svg)">',
}


def print_document(clients, attack):
    """A document's PDF view, the secretariat's draft printed as it is asked for: title, text and annex."""
    document = DocumentFactory(title_en=attack, text_en=attack, annex_title_en=attack, annex_en=attack)
    return download(clients["secretariat"], reverse("meetings:document_download", args=[document.pk, "en"]))


def print_agenda(clients, attack, questionnaire):
    """The provisional agenda, issued from the agenda's page: an item's title and annotation."""
    generate_agenda(questionnaire.meeting, by=None)
    item = {"title_en": attack, "annotation_en": attack, "purpose": ""}
    clients["secretariat"].post(reverse("agendas:item_create", args=["honlac", 32]), item)
    assert AgendaItem.objects.get().title_en == attack
    clients["secretariat"].post(reverse("agendas:status", args=["honlac", 32]), {"status": "provisional"})
    document = Document.objects.get(kind=Document.Kind.AGENDA)
    return download(clients["ECU"], reverse("meetings:document_download", args=[document.pk, "en"]))


def print_response(clients, attack, questionnaire):
    """A State's response, printed by the printing service: the recommendations and the answers."""
    Recommendation.objects.update(text_en=attack)
    response = answered(questionnaire, "ECU", text=attack, submit=True)
    return printing.render("response", response, language="en")


@pytest.mark.parametrize("attack", list(ATTACKS))
@pytest.mark.parametrize("path", ["document", "agenda", "response"])
def test_text_typed_in_a_printed_field_makes_the_printer_fetch_and_embed_nothing(
    questionnaire, clients, outside_server, fetched, extra_static, path, attack
):
    base, hits = outside_server
    typed = ATTACKS[attack].replace("{base}", base)

    if path == "document":
        pdf = print_document(clients, typed)
    elif path == "agenda":
        pdf = print_agenda(clients, typed, questionnaire)
    else:
        pdf = print_response(clients, typed, questionnaire)

    assert hits == []
    assert set(fetched) <= OWN_FILES
    assert embedded_files(pdf) == []
    printed = pdf_text(pdf)
    assert "LEAKED" not in printed
    assert "root:x:0:0" not in printed


# A long unbroken word --------------------------------------------------------------------------------------------

# 20,000 letters with no space, as pasted by mistake or on purpose; WeasyPrint took about 20 seconds (on this
# project's machine; longer on a busy one) to lay out such a word, a time growing with the square of its length.
UNBROKEN = "".join(random.Random(0).choices(string.ascii_lowercase, k=20_000))


def test_an_answer_of_one_unbroken_word_of_20000_letters_prints_in_a_few_seconds(questionnaire):
    response = answered(questionnaire, "ECU", text=UNBROKEN, submit=True)

    started = time.monotonic()
    pdf = printing.render("response", response, language="en")
    elapsed = time.monotonic() - started

    assert elapsed < 8
    assert UNBROKEN in pdf_text(pdf).replace("\u200b", "").replace(" ", "")
