"""Text typed in the portal (Markdown) turned into safe HTML, for pages and for printing."""

import xml.etree.ElementTree as etree

import markdown
import nh3
from django.utils.safestring import mark_safe
from markdown.inlinepatterns import InlineProcessor

ALLOWED_TAGS = {
    "p",
    "br",
    "em",
    "strong",
    "ul",
    "ol",
    "li",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "h3",
    "h4",
    "span",
    "sup",
    "sub",
    "hr",
}
ALLOWED_ATTRIBUTES = {"ol": {"start", "type"}, "td": {"colspan"}, "th": {"colspan"}}
ALLOWED_CLASSES = {"span": {"footnote"}}


class _FootnoteProcessor(InlineProcessor):
    """`^[text]` becomes a footnote that the print stylesheet floats to the foot of the page."""

    def handleMatch(self, m, data):
        element = etree.Element("span")
        element.set("class", "footnote")
        element.text = m.group(1)
        return element, m.start(0), m.end(0)


class _FootnoteExtension(markdown.Extension):
    def extendMarkdown(self, md):
        md.inlinePatterns.register(_FootnoteProcessor(r"\^\[([^\]]+)\]", md), "inline_footnote", 175)


def render_markdown(text):
    """Markdown to HTML with only harmless tags kept; raw HTML typed by users is shown as text, never run."""
    if not text:
        return mark_safe("")
    html = markdown.markdown(
        text.replace("<", "&lt;").replace(">", "&gt;"),
        extensions=["tables", "sane_lists", _FootnoteExtension()],
        output_format="html",
    )
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=set(),
        link_rel=None,
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitized by nh3 just above
