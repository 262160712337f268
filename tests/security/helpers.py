"""What the bad-input tests share: hostile strings, and readers that check how a page or a PDF shows them."""

import io
import re
from html.parser import HTMLParser

from pypdf import PdfReader

# What an outside server (the fixture outside_server) serves: text that must never reach a printed document.
LEAKED_CSS = 'body::after { content: "LEAKED"; }'
LEAKED_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text y="20">LEAKED</text></svg>'

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
JS_LINK = "[x](javascript:alert(1))"
# Shown back as typed, wherever it is shown: escaped in pages, literal in PDFs, exports and emails.
HOSTILE = f"{SCRIPT} {IMG}"
# In a Markdown field the link is dropped (its text "x" stays), the rest is shown as typed.
HOSTILE_MARKDOWN = f"{HOSTILE}\n\n{JS_LINK}"


class _PageReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.scripts, self.attributes = [], [], []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.attributes.extend((tag, name, value or "") for name, value in attrs)
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.text).append(data)


def squash(text):
    return re.sub(r"\s+", " ", text).strip()


def page_text(html):
    """The text a browser shows, after parsing; raises AssertionError if the page carries the hostile markup.

    A hostile string printed without escaping would parse as a <script> running alert(1), an <img> with an
    onerror handler, or a javascript: link.
    """
    reader = _PageReader()
    reader.feed(html.decode() if isinstance(html, bytes) else html)
    assert not [script for script in reader.scripts if "alert(1)" in script]
    assert not [(tag, name) for tag, name, _value in reader.attributes if name.startswith("on")]
    assert not [
        (tag, value) for tag, _name, value in reader.attributes if value.strip().lower().startswith("javascript")
    ]
    assert ("img", "src", "x") not in reader.attributes
    return squash(" ".join(reader.text))


def tags_and_attributes(html):
    """(tag, attribute, value) of every start tag of `html`."""
    reader = _PageReader()
    reader.feed(html)
    return reader.attributes


def pdf_text(data):
    reader = PdfReader(io.BytesIO(data))
    # pypdf reads a font that WeasyPrint encodes on two bytes (many glyphs: non-Latin text) with a NUL
    # before each character.
    # From page 2, pypdf reads the running header, the symbol and the page number ("2 UNODC/HONLAC/32/1" on a
    # left-hand page, "UNODC/HONLAC/32/1 3" on a right-hand one), after the text of the page: left out, a sentence
    # that runs on to the next page reads whole.
    header = r"\s*(?:\d+\s+[A-Z]+/\S+|[A-Z]+/\S+\s+\d+)\s*$"
    pages = [re.sub(header, "", page.extract_text()) for page in reader.pages]
    text = " ".join(pages).replace("\x00", "")
    # A word hyphenated at the end of a line reads back whole.
    return squash(re.sub("\u2010\\s*", "", text))


def pdf_link_targets(data):
    """The URIs of every link annotation of a PDF."""
    targets = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            targets.append(str(action.get("/URI", "")))
    return targets


def download(client, url):
    """The bytes a user gets from `url`, following redirects (e.g. through a printing job)."""
    response = client.get(url, follow=True)
    assert response.status_code == 200
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content
