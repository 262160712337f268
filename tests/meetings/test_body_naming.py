"""How each body names its meetings in its languages: the Subcommission's sessions, titles holding {ordinal}, the
note's and the agenda's placeholders with a case, and pages in an interface language the body does not work in."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from agendas import organization_note
from agendas.models import AgendaPatternItem, NotePatternParagraph, Purpose
from agendas.services import generate_agenda
from meetings import wording
from meetings.models import NounGender, OrdinalStyle

from ..factories import BodyFactory, MeetingFactory, UserFactory

SUBCOMMISSION_EN = (
    "session of the Subcommission on Illicit Drug Traffic and Related Matters in the Near and Middle East"
)


@pytest.fixture
def subcommission(db):
    return BodyFactory(
        code="subcom",
        symbol_prefix="UNODC/SUBCOM",
        working_languages=["ar", "zh", "en", "ru", "es"],
        title_en=SUBCOMMISSION_EN,
        title_es="período de sesiones de la Subcomisión sobre Tráfico Ilícito de Drogas y Asuntos Conexos en el "
        "Cercano Oriente y el Oriente Medio",
        title_ru="сессия Подкомиссии по незаконному обороту наркотиков и связанным с ним вопросам на Ближнем и "
        "Среднем Востоке",
        title_ar="الدورة {ordinal} للجنة الفرعية المعنية بالاتجار غير المشروع بالمخدرات والمسائل المتصلة به في الشرق "
        "الأدنى والأوسط",
        title_zh="麻醉药品委员会近东和中东非法药物贩运及有关问题小组委员会{ordinal}届会议",
        meeting_noun_en="session",
        ordinal_style_en=OrdinalStyle.WORDS,
        meeting_noun_es="período de sesiones",
        meeting_noun_gender_es=NounGender.MASCULINE,
        ordinal_style_es=OrdinalStyle.FIGURES,
        meeting_noun_ru="сессия",
        meeting_noun_gender_ru=NounGender.FEMININE,
        meeting_noun_ar="الدورة",
        meeting_noun_gender_ar=NounGender.FEMININE,
        meeting_noun_zh="届会议",
        later_meeting_en="a later session",
        later_meeting_es="un período de sesiones posterior",
        parent_organ_ru="Комиссия по наркотическим средствам",
        parent_organ_ar="لجنة المخدرات",
        parent_organ_zh="麻醉药品委员会",
    )


@pytest.fixture
def session(subcommission):
    meeting = MeetingFactory(
        body=subcommission, number=58, start_date=datetime.date(2024, 11, 4), end_date=datetime.date(2024, 11, 7)
    )
    MeetingFactory(body=subcommission, number=59, start_date=None, end_date=None)
    return meeting


def test_the_subcommission_names_its_sessions_in_each_language(session):
    assert session.short_title("en") == "fifty-eighth session"
    assert session.short_title("es") == "58º período de sesiones"
    assert session.short_title("ru") == "пятьдесят восьмая сессия"
    assert session.short_title("ar") == "الدورة الثامنة والخمسون"
    assert session.short_title("zh") == "第五十八届会议"
    assert session.heading("en") == f"Fifty-eighth {SUBCOMMISSION_EN}"
    assert session.full_title("es").startswith("58º período de sesiones de la Subcomisión")
    assert session.full_title("ar").startswith("الدورة الثامنة والخمسون للجنة الفرعية")
    assert session.full_title("zh") == "麻醉药品委员会近东和中东非法药物贩运及有关问题小组委员会第五十八届会议"


def test_the_subcommissions_note_reads_at_its_fifty_eighth_session(session):
    body = session.body
    NotePatternParagraph.objects.create(
        body=body,
        position=1,
        text_en="The recommendations adopted by the Subcommission at its {meeting_short} will be reported to the "
        "{commission} at its {commission_session_ordinal} session. {next_meeting_short:genitive}.",
        text_es="Las recomendaciones aprobadas por la Subcomisión en su {meeting_short} se comunicarán a la "
        "{commission} en su {commission_session_ordinal} período de sesiones.",
        text_ru="Рекомендации, принятые Подкомиссией на ее {meeting_ordinal:locative} сессии, будут представлены "
        "на {commission_session_ordinal:locative} сессии.",
        text_ar="التوصيات التي اعتمدتها اللجنة الفرعية في دورتها {meeting_ordinal:genitive}.",
        text_zh="小组委员会{meeting_short}通过的建议。",
    )
    note = organization_note.generate_organization_note(session, by=None, issue_date=datetime.date(2024, 11, 8))
    assert "adopted by the Subcommission at its fifty-eighth session will be reported to the Commission on " in (
        note.text_en
    )
    assert "at its sixty-eighth session. fifty-ninth session." in note.text_en
    assert "en su 58º período de sesiones se comunicarán" in note.text_es
    assert "en su 68º período de sesiones" in note.text_es
    assert "на ее пятьдесят восьмой сессии, будут представлены на шестьдесят восьмой сессии" in note.text_ru
    assert "في دورتها الثامنة والخمسين" in note.text_ar
    assert "小组委员会第五十八届会议通过的建议" in note.text_zh
    assert note.title_en == f"Organization of the fifty-ninth {SUBCOMMISSION_EN}"
    # The article agrees with the noun: "del ... período de sesiones", where HONLAC's note reads "de la ... Reunión".
    assert note.title_es.startswith("Organización del 59º período de sesiones de la Subcomisión")


def test_the_agenda_names_the_next_session_in_the_case_its_language_needs(session):
    AgendaPatternItem.objects.create(
        body=session.body,
        position=1,
        purpose=Purpose.NEXT_MEETING,
        title_en="Provisional agenda of the {next_meeting_short}",
        title_es="Programa provisional del {next_meeting_short}",
        title_ru="Предварительная повестка дня {next_meeting_ordinal:genitive} сессии",
        title_ar="جدول الأعمال المؤقت للدورة {next_meeting_ordinal:genitive}",
        title_zh="{next_meeting_short}临时议程",
    )
    agenda = generate_agenda(session, by=None)
    item = agenda.items.get()
    assert item.title_en == "Provisional agenda of the fifty-ninth session"
    assert item.title_es == "Programa provisional del 59º período de sesiones"
    assert item.title_ru == "Предварительная повестка дня пятьдесят девятой сессии"
    assert item.title_ar == "جدول الأعمال المؤقت للدورة التاسعة والخمسين"
    assert item.title_zh == "第五十九届会议临时议程"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{meeting_short:vocative}", "a case may follow"),
        ("{offers:genitive}", "a case may follow"),
        ("{nothing}", "Unknown placeholders"),
        ("{meeting_short", "Braces"),
    ],
)
def test_a_case_is_refused_where_none_may_be_asked(subcommission, text, message):
    paragraph = NotePatternParagraph(body=subcommission, position=1, text_en="Fine.", text_ru=text)
    with pytest.raises(ValidationError, match=message):
        paragraph.clean()


def test_an_agenda_pattern_item_with_an_unknown_placeholder_is_refused(subcommission):
    item = AgendaPatternItem(body=subcommission, position=1, title_en="x", title_ar="{next_session}")
    with pytest.raises(ValidationError, match="Unknown placeholders"):
        item.clean()


def test_an_offer_for_a_later_session_says_so_in_the_bodys_words(session):
    from agendas.models import HostOffer

    offer = HostOffer(body=session.body, meeting_number=None)
    assert offer.meeting_label("en") == "a later session"
    assert offer.meeting_label("es") == "un período de sesiones posterior"
    assert HostOffer(body=session.body, meeting_number=59).meeting_label("es") == "59º período de sesiones"


def test_a_page_in_spanish_names_an_english_french_bodys_meeting_in_english(client, db):
    body = BodyFactory(
        code="honlaf",
        symbol_prefix="UNODC/HONLAF",
        working_languages=["en", "fr"],
        title_en="Meeting of Heads of National Drug Law Enforcement Agencies, Africa",
        title_fr="Réunion des chefs des services chargés au plan national de la lutte contre le trafic illicite des "
        "drogues, Afrique",
        title_es="",
        meeting_noun_es="",
    )
    meeting = MeetingFactory(body=body, number=33)
    assert meeting.full_title("es") == "Thirty-third Meeting of Heads of National Drug Law Enforcement Agencies, Africa"
    client.force_login(UserFactory(role="secretariat", member_state=None))
    client.cookies["django_language"] = "es"
    page = client.get(reverse("meetings:detail", kwargs={"body": "honlaf", "number": 33}))
    text = page.content.decode()
    assert "Thirty-third Meeting of Heads" in text
    assert "Trigésima Tercera" not in text


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ar", "3-6 تشرين الأول/أكتوبر 2023"),
        ("zh", "2023年10月3日至6日"),
        ("ru", "3-6 октября 2023 года"),
    ],
)
def test_dates_in_arabic_chinese_and_russian(language, expected):
    assert wording.date_range(datetime.date(2023, 10, 3), datetime.date(2023, 10, 6), language) == expected


@pytest.mark.parametrize(
    ("start", "end", "language", "expected"),
    [
        ((2023, 9, 28), (2023, 10, 2), "ar", "28 أيلول/سبتمبر - 2 تشرين الأول/أكتوبر 2023"),
        ((2023, 9, 28), (2023, 10, 2), "zh", "2023年9月28日至10月2日"),
        ((2023, 12, 30), (2024, 1, 2), "ru", "30 декабря 2023 года - 2 января 2024 года"),
        ((2023, 12, 1), (2023, 12, 1), "ru", "1 декабря 2023 года"),
    ],
)
def test_date_ranges_across_months_and_years(start, end, language, expected):
    assert wording.date_range(datetime.date(*start), datetime.date(*end), language) == expected


def test_lists_and_alphabetical_order_follow_each_language():
    assert wording.join_words(["Египет", "Ирак", "Иордания"], "ru") == "Египет, Ирак и Иордания"
    assert wording.join_words(["埃及", "伊拉克", "约旦"], "zh") == "埃及、伊拉克和约旦"
    assert wording.language_list(["ru", "en", "ar"], "ru") == "английский, арабский и русский"
    assert sorted(["Ñandú", "Nube", "Oso"], key=wording.collation_key_in("es")) == ["Nube", "Ñandú", "Oso"]
    assert sorted(["México", "Mali", "Malta"], key=wording.collation_key_in("en")) == ["Mali", "Malta", "México"]
