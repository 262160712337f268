"""Charts drawn on the server as inline SVG: a stacked horizontal bar per meeting, each segment the share of one
status of implementation. No script and no chart library: a page that shows one needs nothing more than its HTML.

What a chart must be, and how this one is:
- Readable without colour: each status has its pattern as well as its colour, a segment wide enough carries its
  percentage, every segment has its title (the status, the count and the percentage), and the page puts the same
  numbers in a table beside it.
- Readable by a screen reader: `role="img"`, named by its <title> and described by its <desc>, which says every
  number (aria-labelledby points to both).
- Wide or narrow: lengths are percentages of the width, so bars stretch with the page while the text keeps its
  size; each segment is a nested <svg>, which clips its text to the segment.
- Safe: every text (a recommendation's words may be in a title) goes through format_html, so it is escaped.
- Printable: patterns survive a black and white printer; static/css/charts.css keeps the colours in print.

Nothing here queries the database: questionnaires.progress gives the numbers.
"""

from dataclasses import dataclass, field

from django.utils import formats, translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from meetings import wording

from .implementation import NO_ANSWER, STATUSES, status_label

# Each status's fill and pattern. Fills have a contrast of at least 4.5:1 with white (the page, the gaps between
# segments and the percentages written on them); "no answer" is white with a grey outline and grey dots.
FILLS = {
    "implemented": "#1b6e3a",
    "partially": "#8a5300",
    "not_yet": "#b42318",
    "not_applicable": "#4d5561",
    NO_ANSWER: "#ffffff",
}
INK = {NO_ANSWER: "#212529"}  # the colour of a percentage on a segment (white on the others)
OUTLINE = "#5c636a"

# The patterns, drawn over the fill in the pattern's own colour: the shape of the pattern tells the status apart.
PATTERNS = {
    "implemented": "",  # plain
    "partially": '<path d="M0 8 L8 0" stroke="#ffffff" stroke-width="2" stroke-opacity="0.55"/>',
    "not_yet": '<circle cx="4" cy="4" r="1.6" fill="#ffffff" fill-opacity="0.6"/>',
    "not_applicable": (
        '<path d="M0 4 H8 M4 0 V8" stroke="#ffffff" stroke-width="1.5" stroke-opacity="0.55"/>'  # a grid
    ),
    NO_ANSWER: '<circle cx="4" cy="4" r="1.2" fill="#5c636a"/>',
}

BAR_HEIGHT = 28
VALUE_WIDTH, VALUE_HEIGHT = 50, 18  # the patch a percentage is written on
LABEL_HEIGHT = 20
ROW_GAP = 14
# A segment narrower than this share of the bar shows no percentage (its title and the table still give it).
LABELLED_SHARE = 0.12


@dataclass(frozen=True)
class Segment:
    """The States (or recommendations) of one status within a bar."""

    status: str
    count: int
    total: int

    @property
    def share(self):
        return self.count / self.total if self.total else 0

    @property
    def label(self):
        return status_label(self.status)


@dataclass(frozen=True)
class Bar:
    """One bar: its label (e.g. the meeting) and its counts per status; `note` stands instead of the bar when
    there is nothing to count. The table beside the chart is made of the same bars."""

    label: str
    counts: dict = field(default_factory=dict)
    note: str = ""
    detail: str = ""  # said in the table beside the chart, not in the chart (e.g. which recommendation)

    @property
    def total(self):
        return sum(self.counts.values())

    @property
    def cells(self):
        """(status, count, share) of every status, in the order of STATUSES: a row of the table."""
        total = self.total
        counted = [(status, self.counts.get(status, 0)) for status in STATUSES]
        return [(status, count, count / total if total else 0) for status, count in counted]

    @property
    def segments(self):
        """The segments of the non-zero statuses, in the order of STATUSES."""
        total = self.total
        return [Segment(status, self.counts[status], total) for status in STATUSES if self.counts.get(status)]


def table_rows(bars):
    """The numbers of `bars` as the rows of the table beside the chart, a status per row and a bar per column:
    [(status, its label, [(count, share) of each bar])], in the order of STATUSES (a table that stays narrow on
    a phone)."""
    columns = [bar.cells for bar in bars]
    return [
        (status, status_label(status), [column[index][1:] for column in columns])
        for index, status in enumerate(STATUSES)
    ]


def percent(share):
    """A share as a percentage in the active language's number format: '66.7%', '66,7 %' (French and Spanish put
    a no-break space before the sign); a whole number is written without decimals."""
    value = round(share * 100, 1)
    decimals = 0 if value == int(value) else 1
    number = formats.number_format(value, decimal_pos=decimals)
    return f"{number}%" if (translation.get_language() or "en").startswith("en") else f"{number}\u00a0%"


def segment_title(segment):
    """'Implemented: 2 of 3 (66.7%)', the words of one segment."""
    return _("%(status)s: %(count)s of %(total)s (%(percent)s)") % {
        "status": segment.label,
        "count": segment.count,
        "total": segment.total,
        "percent": percent(segment.share),
    }


def description(bars):
    """Every number of the chart in words, bar by bar: the <desc> a screen reader reads."""
    language = translation.get_language() or "en"
    colon = wording.colon(language)
    semicolon = "\u00a0; " if language == "fr" else "; "
    sentences = []
    for bar in bars:
        parts = semicolon.join(segment_title(segment) for segment in bar.segments) if bar.segments else bar.note
        sentences.append(f"{bar.label}{colon} {parts}.")
    return " ".join(sentences)


def pattern_defs(chart_id):
    """The <pattern> of each status, named after the chart so that two charts of a page never share an id."""
    return format_html_join(
        "",
        '<pattern id="{}-{}" width="8" height="8" patternUnits="userSpaceOnUse">{}</pattern>',
        ((chart_id, status, mark_safe(PATTERNS[status])) for status in STATUSES if PATTERNS[status]),  # noqa: S308 (constants above)
    )


def _segment(chart_id, segment, start, y):
    fill = FILLS[segment.status]
    pattern = (
        format_html('<rect width="100%" height="100%" fill="url(#{}-{})"/>', chart_id, segment.status)
        if PATTERNS[segment.status]
        else ""
    )
    text = ""
    if segment.share >= LABELLED_SHARE:
        # On a plain patch of the fill, so that the pattern never runs through the figures.
        text = format_html(
            '<rect x="50%" y="{}" width="{}" height="{}" rx="3" transform="translate({} 0)" fill="{}"/>'
            '<text x="50%" y="{}" text-anchor="middle" fill="{}" class="chart-value">{}</text>',
            (BAR_HEIGHT - VALUE_HEIGHT) / 2,
            VALUE_WIDTH,
            VALUE_HEIGHT,
            -VALUE_WIDTH / 2,
            fill,
            BAR_HEIGHT / 2 + 4.5,
            INK.get(segment.status, "#ffffff"),
            percent(segment.share),
        )
    return format_html(
        '<svg x="{}%" y="{}" width="{}%" height="{}" class="chart-segment" data-status="{}">'
        '<title>{}</title><rect width="100%" height="100%" fill="{}" stroke="{}" stroke-width="{}"/>{}{}</svg>',
        _number(start * 100),
        y,
        _number(segment.share * 100),
        BAR_HEIGHT,
        segment.status,
        segment_title(segment),
        fill,
        OUTLINE if segment.status == NO_ANSWER else "#ffffff",
        1 if segment.status == NO_ANSWER else 2,
        pattern,
        text,
    )


def _bar(chart_id, bar, y):
    label = format_html('<text x="0" y="{}" class="chart-label">{}</text>', y + 14, bar.label)
    y += LABEL_HEIGHT
    if not bar.segments:
        return label + format_html(
            '<text x="0" y="{}" class="chart-note">{}</text>', y + BAR_HEIGHT / 2 + 4.5, bar.note
        )
    parts, start = [], 0
    for segment in bar.segments:
        parts.append(_segment(chart_id, segment, start, y))
        start += segment.share
    return label + mark_safe("".join(parts))  # noqa: S308 (each part built by format_html)


def _number(value):
    """A coordinate in SVG's own notation (a dot, whatever the language)."""
    return f"{value:.3f}".rstrip("0").rstrip(".")


def stacked_bars(bars, *, chart_id, title):
    """The SVG of `bars` (a list of Bar), one stacked horizontal bar each, as safe HTML for a template.

    `chart_id` names the chart's elements (unique on the page); `title` is its accessible name, escaped like every
    label. The description lists every number (see description()).
    """
    row = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
    height = row * len(bars) - ROW_GAP if bars else 0
    rows = mark_safe("".join(_bar(chart_id, bar, index * row) for index, bar in enumerate(bars)))  # noqa: S308
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="100%" height="{}" role="img" '
        'aria-labelledby="{}-title {}-desc" id="{}"><title id="{}-title">{}</title><desc id="{}-desc">{}</desc>'
        "<defs>{}</defs>{}</svg>",
        height,
        chart_id,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description(bars),
        pattern_defs(chart_id),
        rows,
    )


def swatch(status, *, chart_id):
    """A small square of a status's fill and pattern, for the legend of the chart `chart_id` (whose <defs> hold
    the pattern); hidden from screen readers, since the status's name stands beside it."""
    pattern = (
        format_html('<rect width="16" height="16" fill="url(#{}-{})"/>', chart_id, status) if PATTERNS[status] else ""
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart-swatch" width="16" height="16" aria-hidden="true" '
        'focusable="false"><rect width="16" height="16" fill="{}" stroke="{}"/>{}</svg>',
        FILLS[status],
        OUTLINE,
        pattern,
    )
