"""Demonstration data of the rest of the family of subsidiary bodies: HONLAF (Africa, English and French), its 33rd
meeting (Addis Ababa, 2024) and its 34th (Dakar, 2025), with the focal point of Senegal; and the Subcommission on
Illicit Drug Traffic and Related Matters in the Near and Middle East (sessions, in Arabic, English, French, Russian
and Spanish), its 57th session (Baku, 2023), its 58th (Doha, 2024) and its 59th (2025).

Idempotent like meetings.demo, beside which it is loaded (honlac.demo.load_demo).
"""

import datetime

from django.db import transaction

from accounts.models import User

from .demo import DEMO_PASSWORD, _load_meeting
from .models import Body, Meeting, MemberState, NounGender, OrdinalStyle

HONLAF = {
    "code": "honlaf",
    "symbol_prefix": "UNODC/HONLAF",
    "working_languages": ["en", "fr"],
    "original_language": "en",
    "title": "Meeting of Heads of National Drug Law Enforcement Agencies, Africa",
    "title_en": "Meeting of Heads of National Drug Law Enforcement Agencies, Africa",
    "title_fr": (
        "Réunion des chefs des services chargés au plan national de la lutte contre le trafic illicite des drogues, "
        "Afrique"
    ),
    "meeting_noun": "Meeting",
    "meeting_noun_en": "Meeting",
    "meeting_noun_fr": "Réunion",
    "ordinal_style_en": OrdinalStyle.TITLE,
    "meeting_noun_gender_fr": NounGender.FEMININE,
    "ordinal_style_fr": OrdinalStyle.WORDS,
    "later_meeting_en": "a later meeting",
    "later_meeting_fr": "une réunion ultérieure",
    "parent_organ": "Commission on Narcotic Drugs",
    "parent_organ_en": "Commission on Narcotic Drugs",
    "parent_organ_fr": "Commission des stupéfiants",
}

SUBCOMMISSION = {
    "code": "subcom",
    "symbol_prefix": "UNODC/SUBCOM",
    "working_languages": ["ar", "en", "fr", "ru", "es"],
    "original_language": "en",
    # The title of a session without its ordinal, which comes first: "fifty-eighth session of the Subcommission...".
    "title": "session of the Subcommission on Illicit Drug Traffic and Related Matters in the Near and Middle East",
    "title_en": "session of the Subcommission on Illicit Drug Traffic and Related Matters in the Near and Middle East",
    "title_fr": (
        "session de la Sous-Commission du trafic illicite des drogues et des problèmes apparentés pour le "
        "Proche-Orient et le Moyen-Orient"
    ),
    "title_es": (
        "período de sesiones de la Subcomisión sobre Tráfico Ilícito de Drogas y Asuntos Conexos en el Cercano "
        "Oriente y el Oriente Medio"
    ),
    "title_ru": (
        "сессия Подкомиссии по незаконному обороту наркотиков и связанным с ним вопросам на Ближнем и Среднем Востоке"
    ),
    # The Arabic title holds the noun and the ordinal: "the {ordinal} session of the Subcommission...".
    "title_ar": (
        "الدورة {ordinal} للجنة الفرعية المعنية بالاتجار غير المشروع بالمخدرات والمسائل المتصلة به في الشرق الأدنى "
        "والأوسط"
    ),
    "meeting_noun": "session",
    "meeting_noun_en": "session",
    "meeting_noun_fr": "session",
    "meeting_noun_es": "período de sesiones",
    "meeting_noun_ru": "сессия",
    "meeting_noun_ar": "الدورة",
    "meeting_noun_gender_fr": NounGender.FEMININE,
    "meeting_noun_gender_es": NounGender.MASCULINE,
    "meeting_noun_gender_ru": NounGender.FEMININE,
    "meeting_noun_gender_ar": NounGender.FEMININE,
    "ordinal_style_en": OrdinalStyle.WORDS,
    "ordinal_style_fr": OrdinalStyle.WORDS,
    "ordinal_style_es": OrdinalStyle.FIGURES,
    "ordinal_style_ru": OrdinalStyle.WORDS,
    "ordinal_style_ar": OrdinalStyle.WORDS,
    "later_meeting_en": "a later session",
    "later_meeting_fr": "une session ultérieure",
    "later_meeting_es": "un período de sesiones posterior",
    "later_meeting_ru": "одна из последующих сессий",
    "later_meeting_ar": "دورة لاحقة",
    "parent_organ": "Commission on Narcotic Drugs",
    "parent_organ_en": "Commission on Narcotic Drugs",
    "parent_organ_fr": "Commission des stupéfiants",
    "parent_organ_es": "Comisión de Estupefacientes",
    "parent_organ_ru": "Комиссия по наркотическим средствам",
    "parent_organ_ar": "لجنة المخدرات",
}

SUBCOMMISSION_STATES = [
    "AFG",
    "AZE",
    "BHR",
    "EGY",
    "IND",
    "IRN",
    "IRQ",
    "JOR",
    "KAZ",
    "KWT",
    "KGZ",
    "LBN",
    "OMN",
    "PAK",
    "QAT",
    "SAU",
    "SYR",
    "TJK",
    "TUR",
    "TKM",
    "ARE",
    "UZB",
    "YEM",
]

# The focal point of Senegal in HONLAF: user name, State, preferred language, the person.
HONLAF_FOCAL_POINT = ("senegal", "SEN", "fr", ("mr", "Moussa", "Diop"))


@transaction.atomic
def load_family_meetings_demo():
    """Create or restore HONLAF and the Subcommission, their meetings and the focal point of Senegal.
    Returns (HONLAF, the Subcommission)."""
    honlaf = _load_body(HONLAF, MemberState.objects.filter(region=MemberState.Region.AFRICA))
    _load_meeting(
        honlaf,
        33,
        status=Meeting.Status.HELD,
        host="ETH",
        city={"en": "Addis Ababa", "fr": "Addis-Abeba", "es": "Addis Abeba"},
        dates=(datetime.date(2024, 9, 16), datetime.date(2024, 9, 20)),
    )
    _load_meeting(
        honlaf,
        34,
        status=Meeting.Status.PLANNED,
        host="SEN",
        city="Dakar",
        dates=(datetime.date(2025, 9, 15), datetime.date(2025, 9, 19)),
    )
    subcommission = _load_body(SUBCOMMISSION, MemberState.objects.filter(code__in=SUBCOMMISSION_STATES))
    _load_meeting(
        subcommission,
        57,
        status=Meeting.Status.HELD,
        host="AZE",
        city={"en": "Baku", "fr": "Bakou", "es": "Bakú", "ru": "Баку", "ar": "باكو"},
        dates=(datetime.date(2023, 10, 16), datetime.date(2023, 10, 19)),
    )
    _load_meeting(
        subcommission,
        58,
        status=Meeting.Status.HELD,
        host="QAT",
        city={"en": "Doha", "fr": "Doha", "es": "Doha", "ru": "Доха", "ar": "الدوحة"},
        dates=(datetime.date(2024, 10, 14), datetime.date(2024, 10, 17)),
    )
    _load_meeting(subcommission, 59, status=Meeting.Status.PLANNED, host=None, city="", dates=(None, None))
    _load_focal_point()
    return honlaf, subcommission


def _load_body(data, member_states):
    body, _created = Body.objects.update_or_create(code=data["code"], defaults=data)
    body.member_states.set(member_states)
    return body


def _load_focal_point():
    username, state_code, language, (title, first_name, last_name) = HONLAF_FOCAL_POINT
    user, _created = User.objects.update_or_create(
        username=username,
        defaults={
            "title": title,
            "first_name": first_name,
            "last_name": last_name,
            "role": User.Role.FOCAL_POINT,
            "member_state": MemberState.objects.get(code=state_code),
            "preferred_language": language,
            "email": f"{username}@example.org",
            "is_active": True,
        },
    )
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    return user
