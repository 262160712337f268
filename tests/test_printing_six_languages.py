"""Documents print in the six languages: their faces, their direction, the words of their masthead."""

import datetime
import io
import logging
import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from pypdf import PdfReader

from meetings.documents import print_context, printing_final, render_document_text
from meetings.wording import long_date
from tests.factories import BodyFactory, DocumentFactory, MeetingFactory
from tests.helpers import line_text, page_lines

ARABIC = "مكافحة الاتجار غير المشروع بالمخدرات"
CHINESE = "禁止非法贩运麻醉药品"
KOREAN = "대한민국"
RUSSIAN = "Борьба с незаконным оборотом наркотиков"
EMOJI = "\U0001f600"


@pytest.fixture
def document(db):
    body = BodyFactory(
        code="subcom",
        symbol_prefix="UNODC/SUBCOM",
        working_languages=["ar", "zh", "en", "ru"],
        title_ar="اللجنة الفرعية المعنية بالاتجار غير المشروع بالمخدرات",
        title_zh="非法药物贩运及有关事项小组委员会",
        title_en="Subcommission on Illicit Drug Traffic and Related Matters in the Near and Middle East",
        title_ru="Подкомиссия по незаконному обороту наркотиков",
        meeting_noun_en="session",
        meeting_noun_ar="الدورة",
        meeting_noun_zh="届会议",
        meeting_noun_ru="сессия",
    )
    meeting = MeetingFactory(body=body, number=58, city_en="Vienna", city_ar="فيينا", city_zh="维也纳", city_ru="Вена")
    texts = f"{ARABIC}, {CHINESE}, {KOREAN}, {RUSSIAN} {EMOJI}"
    return DocumentFactory(
        meeting=meeting,
        number=1,
        original_language="en",
        issue_date=datetime.date(2023, 12, 1),
        title_ar=f"تنظيم الدورة {EMOJI}",
        title_zh=f"届会的安排 {EMOJI}",
        title_en=f"Organization of the session {EMOJI}",
        title_ru=f"Организация сессии {EMOJI}",
        text_ar=f"الفقرة الأولى: {texts}.",
        text_zh=f"第一段：{texts}。",
        text_en=f"First paragraph: {texts}.",
        text_ru=f"Первый пункт: {texts}.",
    )


def fonts_of(data):
    reader = PdfReader(io.BytesIO(data))
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            name = str(font.get_object()["/BaseFont"]).split("+", 1)[-1]
            names.add(re.sub(r"-(Bold|Italic|BoldItalic)$", "", name))
    return reader, names


def issued(document, language):
    with printing_final():
        return render_document_text(document, language=language)


def reads(text, words, *, language):
    """Whether `text` holds `words`; pypdf reads a line holding Arabic, or any line of an Arabic document, in the
    order of its glyphs: there, `words` are looked for one by one."""
    if words in text:
        return True
    return (language == "ar" or bool(re.search("[\u0600-\u06ff]", words))) and all(
        word in text for word in re.split(r"[\s/:]+", words) if word
    )


def text_of(reader):
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.mark.parametrize("language", ["ar", "zh", "en", "ru"])
def test_every_script_prints_in_a_noto_face(document, language, caplog):
    with caplog.at_level(logging.WARNING, logger="meetings.documents"):
        data = issued(document, language)
    reader, fonts = fonts_of(data)
    # Arabic, Chinese and Korean, Cyrillic and the emoji each in the face that has their letters.
    assert {"Noto-Naskh-Arabic", "Noto-Serif-CJK-SC", "Noto-Color-Emoji"} <= fonts
    assert ("Noto-Serif" in fonts) == (language == "ru")
    # No face outside those the print stylesheet names, which fontconfig would take for a missing letter.
    assert fonts <= {"Noto-Naskh-Arabic", "Noto-Serif-CJK-SC", "Noto-Color-Emoji", "Noto-Serif", "Liberation-Serif"}
    text = text_of(reader)
    for words in (CHINESE, KOREAN, RUSSIAN, ARABIC):
        assert reads(text, words, language=language), words
    assert [record.getMessage() for record in caplog.records] == []  # nothing fetched but static files


def masthead(data):
    reader = PdfReader(io.BytesIO(data))
    return [line_text(line) for line in page_lines(reader.pages[0])[:8]], page_lines(reader.pages[0])


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ar", ["الأمم المتحدة", "التوزيع: عام", "1 كانون الأول/ديسمبر 2023", "عربي", "الأصل: بالإنكليزية"]),
        ("zh", ["联合国", "Distr.: General", "1 December 2023", "Chinese", "Original: English"]),
        (
            "ru",
            ["Организация Объединенных Наций", "Distr.: General", "1 December 2023", "Russian", "Original: English"],
        ),
        ("en", ["United Nations", "Distr.: General", "1 December 2023", "Original: English"]),
    ],
)
def test_the_masthead_speaks_the_language_of_the_version(document, language, expected):
    text = text_of(PdfReader(io.BytesIO(issued(document, language))))
    for words in expected:
        assert reads(text, words, language=language), words


def test_an_arabic_document_is_written_from_right_to_left(document):
    with translation.override("ar"):
        html = render_to_string("meetings/pdf/document.html", print_context(document, "ar"))
    assert '<html lang="ar" dir="rtl">' in html
    reader = PdfReader(io.BytesIO(issued(document, "ar")))
    first_line = page_lines(reader.pages[0])[0]
    # Mirrored masthead: the symbol on the left, "الأمم المتحدة" on the right.
    symbol_x = next(x for x, text in first_line if "UNODC/SUBCOM/58/1" in text)
    org_x = max(x for x, text in first_line if "الأمم" in text or "المتحدة" in text)
    assert symbol_x < org_x
    assert symbol_x < 100


def test_an_english_document_keeps_the_symbol_on_the_right(document):
    reader = PdfReader(io.BytesIO(issued(document, "en")))
    first_line = page_lines(reader.pages[0])[0]
    assert line_text(first_line) == "United Nations UNODC/SUBCOM/58/1"
    assert first_line[0][0] < 100 < first_line[-1][0]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ar", "1 كانون الأول/ديسمبر 2023"),
        ("zh", "2023年12月1日"),
        ("ru", "1 декабря 2023 года"),
        ("en", "1 December 2023"),
        ("fr", "1er décembre 2023"),
        ("es", "1 de diciembre de 2023"),
    ],
)
def test_dates_in_full_in_the_six_languages(language, expected):
    assert long_date(datetime.date(2023, 12, 1), language) == expected


@pytest.mark.parametrize(
    ("language", "words"),
    [("ar", "الأمم المتحدة"), ("zh", "联合国"), ("ru", "Организация Объединенных Наций")],
)
def test_the_catalog_of_each_printing_language_is_found(language, words):
    with translation.override(language):
        assert translation.gettext("United Nations") == words


def test_arabic_running_headers_keep_the_page_number_at_the_outer_edge(document):
    document.text_ar = "\n\n".join(["مكافحة الاتجار غير المشروع بالمخدرات في المنطقة. " * 12] * 14)
    document.save()
    reader = PdfReader(io.BytesIO(issued(document, "ar")))
    # Page 2 of an Arabic document is a right-hand page: the header on the right, the number at its right end;
    # page 3 the mirror.
    second, third = (page_lines(reader.pages[index])[0] for index in (1, 2))
    assert [text for _x, text in second] == ["UNODC/SUBCOM/58/1", "2"]
    assert second[-1][0] > 400
    assert [text for _x, text in third] == ["3", "UNODC/SUBCOM/58/1"]
    assert third[0][0] < 100
