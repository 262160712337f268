"""The typography of each language, applied to the HTML of a printed document just before it is laid out.

Generated sentences and text typed in the portal reach the page through the same HTML, so the rules are applied
there, once, to text only: tags, their attributes and the content of <style>, <script> and <svg> are left as
they are.

- French (United Nations French): a narrow no-break space (U+202F) before ";", "!" and "?", a no-break space
  (U+00A0) before ":" and inside « », and the typographic apostrophe (’).
- Footnote calls: after the punctuation that follows them in English, before it in French and Spanish
  ("organe.*" in English style becomes "organe*." in French).
- A run of text with no space longer than any word (a pasted string of 20,000 letters) gets an invisible break
  opportunity (U+200B) every few dozen characters: WeasyPrint lays out and hyphenates such a run again for each of
  its lines, in a time that grows with the square of its length (about 20 seconds for 20,000 letters).
"""

import html as html_entities
import re

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"
ZERO_WIDTH_SPACE = "\u200b"

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

# Longer than any word of the portal's languages: a pasted string, not a word; broken into pieces this long.
_UNBROKEN_LENGTH = 60
_UNBROKEN = re.compile(rf"[^\s{ZERO_WIDTH_SPACE}]{{{_UNBROKEN_LENGTH + 1},}}")
_PIECE = 40

# A footnote as the Markdown of meetings.markup and the print templates write it: a span that floats to the foot.
_FOOTNOTE = r"<span class=\"footnote[^\"]*\">(?:(?!</span>).)*</span>"
_FOOTNOTE_THEN_PUNCTUATION = re.compile(rf"({_FOOTNOTE})([.,;:])", re.DOTALL)
_PUNCTUATION_THEN_FOOTNOTE = re.compile(rf"([.,;:])({_FOOTNOTE})", re.DOTALL)


def typeset(html, language):
    """`html` with the typography of `language`: the one function printing applies to every version."""
    html = place_footnote_calls(html, language)
    if language == "fr":
        html = french_spacing(html)
    return break_unbroken_runs(html)


def french_spacing(html):
    """French spaces and apostrophes in the text of `html`, never in its tags."""
    return _in_text(html, _french_text)


def break_unbroken_runs(html):
    """A break opportunity every few dozen characters of a run of text with no space longer than any word."""
    return _in_text(html, _break_runs)


def _in_text(html, change):
    """`html` with `change` applied to its text, never to its tags."""
    parts = _MARKUP.split(html)
    # re.split gives text, markup, the name of a skipped element (or None), text, ...
    result = []
    for index in range(0, len(parts), 3):
        result.append(change(parts[index]))
        if index + 1 < len(parts):
            result.append(parts[index + 1])
    return "".join(result)


def _break_runs(text):
    if len(text) <= _UNBROKEN_LENGTH or not _UNBROKEN.search(html_entities.unescape(text)):
        return text

    def pieces(match):
        run = match.group(0)
        return ZERO_WIDTH_SPACE.join(run[start : start + _PIECE] for start in range(0, len(run), _PIECE))

    return html_entities.escape(_UNBROKEN.sub(pieces, html_entities.unescape(text)), quote=False)


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
