"""The typography of each language, applied to the HTML of a printed document just before it is laid out.

Generated sentences and text typed in the portal reach the page through the same HTML, so the rules are applied
there, once, to text only: tags, their attributes and the content of <style>, <script> and <svg> are left as
they are.

- French (United Nations French): a narrow no-break space (U+202F) before ";", "!" and "?", a no-break space
  (U+00A0) before ":" and inside « », and the typographic apostrophe (’).
- Footnote calls: after the punctuation that follows them in English, before it in French and Spanish
  ("organe.*" in English style becomes "organe*." in French).
"""

import html as html_entities
import re

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"

# A tag, a comment or a doctype; or an element whose content is no text to set.
_MARKUP = re.compile(r"(<!--.*?-->|<(style|script|svg)\b.*?</\2\s*>|<[^>]*>)", re.DOTALL | re.IGNORECASE)

# The rules read text with its entities decoded (Django writes ' as &#x27;).
_APOSTROPHE = re.compile(r"(?<=\w)'")
# Whatever spaces stand before the mark are replaced; nothing is done inside "://" or a time such as 10:30.
_SPACES = "[ \u00a0\u202f]*"
_BEFORE_HIGH_PUNCTUATION = re.compile(rf"{_SPACES}([;!?])(?![\w/])")
_BEFORE_COLON = re.compile(rf"{_SPACES}:(?![\w/])")
_AFTER_OPENING_GUILLEMET = re.compile(rf"«{_SPACES}")
_BEFORE_CLOSING_GUILLEMET = re.compile(rf"{_SPACES}»")

# A footnote as the Markdown of meetings.markup and the print templates write it: a span that floats to the foot.
_FOOTNOTE = r"<span class=\"footnote[^\"]*\">(?:(?!</span>).)*</span>"
_FOOTNOTE_THEN_PUNCTUATION = re.compile(rf"({_FOOTNOTE})([.,;:])", re.DOTALL)
_PUNCTUATION_THEN_FOOTNOTE = re.compile(rf"([.,;:])({_FOOTNOTE})", re.DOTALL)


def typeset(html, language):
    """`html` with the typography of `language`: the one function printing applies to every version."""
    html = place_footnote_calls(html, language)
    if language == "fr":
        html = french_spacing(html)
    return html


def french_spacing(html):
    """French spaces and apostrophes in the text of `html`, never in its tags."""
    parts = _MARKUP.split(html)
    # re.split gives text, markup, the name of a skipped element (or None), text, ...
    result = []
    for index in range(0, len(parts), 3):
        result.append(_french_text(parts[index]))
        if index + 1 < len(parts):
            result.append(parts[index + 1])
    return "".join(result)


def _french_text(text):
    if not text.strip():
        return text
    text = html_entities.unescape(text)
    text = _APOSTROPHE.sub("\u2019", text)
    text = _BEFORE_HIGH_PUNCTUATION.sub(NARROW_NBSP + r"\1", text)
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    text = _AFTER_OPENING_GUILLEMET.sub("«" + NBSP, text)
    text = _BEFORE_CLOSING_GUILLEMET.sub(NBSP + "»", text)
    return html_entities.escape(text, quote=False)


def place_footnote_calls(html, language):
    """Footnote calls after the punctuation in English, before it in the other languages."""
    if language == "en":
        return _FOOTNOTE_THEN_PUNCTUATION.sub(r"\2\1", html)
    return _PUNCTUATION_THEN_FOOTNOTE.sub(r"\2\1", html)
