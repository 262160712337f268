"""The charts drawn on the server (questionnaires.charts): a segment per status with its label, a pattern as
well as a colour, every text escaped, percentages in the reader's language."""

import pytest
from django.utils import translation

from questionnaires.charts import Bar, percent, stacked_bars
from questionnaires.implementation import NO_ANSWER
from tests.helpers import SVG, chart_segments, parse_svg


def test_a_chart_has_one_segment_per_non_zero_status_with_its_label():
    bars = [
        Bar("Thirty-first Meeting (2023)", {"implemented": 2, "partially": 1, "not_yet": 0, NO_ANSWER: 0}),
        Bar("Thirty-second Meeting (2024)", {"implemented": 1, "not_applicable": 1, NO_ANSWER: 2}),
    ]
    svg = parse_svg(stacked_bars(bars, chart_id="c", title="Answers by meeting"))
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "c-title c-desc"
    assert svg.find(f"{SVG}title").get("id") == "c-title"
    assert svg.find(f"{SVG}title").text == "Answers by meeting"
    assert svg.find(f"{SVG}desc").text == (
        "Thirty-first Meeting (2023): Implemented: 2 of 3 (66.7%); Partially implemented: 1 of 3 (33.3%). "
        "Thirty-second Meeting (2024): Implemented: 1 of 4 (25%); Not applicable: 1 of 4 (25%); "
        "No answer: 2 of 4 (50%)."
    )
    assert chart_segments(svg) == [
        ("implemented", "Implemented: 2 of 3 (66.7%)", "66.7%"),
        ("partially", "Partially implemented: 1 of 3 (33.3%)", "33.3%"),
        ("implemented", "Implemented: 1 of 4 (25%)", "25%"),
        ("not_applicable", "Not applicable: 1 of 4 (25%)", "25%"),
        ("no_answer", "No answer: 2 of 4 (50%)", "50%"),
    ]
    widths = [element.get("width") for element in svg.iter(f"{SVG}svg") if element.get("class") == "chart-segment"]
    assert widths == ["66.667%", "33.333%", "25%", "25%", "50%"]


def test_the_description_follows_the_languages_typography():
    with translation.override("fr"):
        svg = parse_svg(stacked_bars([Bar("Réunion", {"implemented": 1, NO_ANSWER: 1})], chart_id="c", title="T"))
    assert svg.find(f"{SVG}desc").text == (
        "Réunion\u00a0: Appliquée\u00a0: 1 sur 2 (50\u00a0%)\u00a0; Pas de réponse\u00a0: 1 sur 2 (50\u00a0%)."
    )


def test_a_narrow_segment_keeps_its_title_but_writes_no_percentage():
    svg = parse_svg(stacked_bars([Bar("M", {"implemented": 1, NO_ANSWER: 19})], chart_id="c", title="T"))
    assert chart_segments(svg) == [
        ("implemented", "Implemented: 1 of 20 (5%)", None),
        ("no_answer", "No answer: 19 of 20 (95%)", "95%"),
    ]


def test_user_text_is_escaped_in_the_svg():
    markup = stacked_bars(
        [Bar('<script>alert("x")</script>', {"implemented": 1})], chart_id="c", title="A & B <i>title</i>"
    )
    assert "<script>" not in markup and "<i>" not in markup
    svg = parse_svg(markup)
    assert svg.find(f"{SVG}title").text == "A & B <i>title</i>"
    assert svg.find(f"{SVG}text").text == '<script>alert("x")</script>'


def test_patterns_tell_the_statuses_apart_without_colour():
    svg = parse_svg(stacked_bars([Bar("M", {"partially": 1, "not_yet": 1})], chart_id="c", title="T"))
    patterns = {pattern.get("id") for pattern in svg.iter(f"{SVG}pattern")}
    assert patterns == {"c-partially", "c-not_yet", "c-not_applicable", "c-no_answer"}  # implemented: plain
    fills = [rect.get("fill") for rect in svg.iter(f"{SVG}rect") if (rect.get("fill") or "").startswith("url(")]
    assert fills == ["url(#c-partially)", "url(#c-not_yet)"]


@pytest.mark.parametrize(("language", "expected"), [("en", "66.7%"), ("fr", "66,7\u00a0%"), ("es", "66,7\u00a0%")])
def test_percentages_follow_the_languages_number_format(language, expected):
    with translation.override(language):
        assert percent(2 / 3) == expected
        assert percent(1) == ("100%" if language == "en" else "100\u00a0%")
