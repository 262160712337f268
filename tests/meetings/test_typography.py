import datetime

from meetings import wording
from meetings.typography import NARROW_NBSP, NBSP, typeset


def test_french_spaces_before_high_punctuation_and_colon():
    html = "<p>Original : anglais</p><p>régionales; des drogues ? Oui! Point :</p>"
    assert typeset(html, "fr") == (
        f"<p>Original{NBSP}: anglais</p><p>régionales{NARROW_NBSP}; des drogues{NARROW_NBSP}? "
        f"Oui{NARROW_NBSP}! Point{NBSP}:</p>"
    )


def test_french_guillemets_and_apostrophes():
    html = "<p>les thèmes « Bilan de ce qui a été fait » et l&#x27;ordre du jour</p>"
    assert typeset(html, "fr") == f"<p>les thèmes «{NBSP}Bilan de ce qui a été fait{NBSP}» et l\u2019ordre du jour</p>"


def test_french_typography_leaves_tags_attributes_entities_and_times_alone():
    html = (
        '<p class="a" title="Note : l\'ordre">10:30 à http://example.org &amp; &lt;b&gt;</p>'
        "<svg><text>a : b</text></svg><style>p:first-child { color: black; }</style>"
    )
    assert typeset(html, "fr") == html


def test_other_languages_keep_their_spaces():
    html = "<p>Original: English; l'ordre</p>"
    assert typeset(html, "en") == html
    assert typeset(html, "es") == html


def test_footnote_call_follows_punctuation_in_english_and_precedes_it_in_french_and_spanish():
    note = '<span class="footnote">A note.</span>'
    assert typeset(f"<p>the body{note}.</p>", "en") == f"<p>the body.{note}</p>"
    assert typeset(f"<p>l’organe.{note}</p>", "fr") == f"<p>l’organe{note}.</p>"
    assert typeset(f"<p>el órgano,{note} y</p>", "es") == f"<p>el órgano{note}, y</p>"


def test_first_of_the_month_is_1er_in_french():
    first = datetime.date(2023, 12, 1)
    assert wording.long_date(first, "fr") == "1er décembre 2023"
    assert wording.long_date(datetime.date(2023, 12, 11), "fr") == "11 décembre 2023"
    assert wording.long_date(first, "en") == "1 December 2023"
    assert wording.long_date(first, "es") == "1 de diciembre de 2023"
    assert wording.date_range(first, datetime.date(2023, 12, 3), "fr") == "1er-3 décembre 2023"
    assert wording.date_range(datetime.date(2023, 11, 28), first, "fr") == "28 novembre - 1er décembre 2023"
