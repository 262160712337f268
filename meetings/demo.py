"""Demonstration data of meetings: the HONLAC series, its 30th meeting (Panama City, 4-7 October 2022), its 31st
(Quito, 3-6 October 2023) and its 32nd (Lima, 8-11 October 2024), and one account per role.

Loading is idempotent: records are found by their natural keys and brought back to the demo state. The whole
demo (agendas and questionnaires too) is loaded by honlac.demo.load_demo.
"""

import datetime

from django.db import transaction

from accounts.models import User

from .models import Body, Meeting, MemberState, NounGender, OrdinalStyle
from .symbols import reserve_agenda_symbol

DEMO_PASSWORD = "honlac-demo"  # noqa: S105 - documented demo accounts

HONLAC = {
    "code": "honlac",
    "symbol_prefix": "UNODC/HONLAC",
    "working_languages": ["en", "fr", "es"],
    "original_language": "en",
    "title_en": "Meeting of Heads of National Drug Law Enforcement Agencies, Latin America and the Caribbean",
    "title_fr": (
        "Réunion des chefs des services chargés au plan national de la lutte contre le trafic illicite des drogues, "
        "Amérique latine et Caraïbes"
    ),
    "title_es": (
        "Reunión de Jefes de los Organismos Nacionales Encargados de Combatir el Tráfico Ilícito de Drogas, "
        "América Latina y el Caribe"
    ),
    "meeting_noun_en": "Meeting",
    "meeting_noun_fr": "Réunion",
    "meeting_noun_es": "Reunión",
    # How each language names one meeting (meetings.wording): "Thirty-first Meeting", "trente et unième Réunion",
    # "Trigésima Primera Reunión".
    "ordinal_style_en": OrdinalStyle.TITLE,
    "meeting_noun_gender_fr": NounGender.FEMININE,
    "ordinal_style_fr": OrdinalStyle.WORDS,
    "meeting_noun_gender_es": NounGender.FEMININE,
    "ordinal_style_es": OrdinalStyle.TITLE,
    "later_meeting_en": "a later meeting",
    "later_meeting_fr": "une réunion ultérieure",
    "later_meeting_es": "una reunión posterior",
    "parent_organ_en": "Commission on Narcotic Drugs",
    "parent_organ_fr": "Commission des stupéfiants",
    "parent_organ_es": "Comisión de Estupefacientes",
}

# User name, role, State, preferred language, and the person: title, given name, family name.
DEMO_USERS = [
    ("secretariat", User.Role.SECRETARIAT, None, "en", ("ms", "Claire", "Martin")),
    ("ecuador", User.Role.FOCAL_POINT, "ECU", "es", ("ms", "Ana", "Pérez")),
    ("mexico", User.Role.FOCAL_POINT, "MEX", "es", ("mr", "Luis", "Hernández")),
    ("colombia", User.Role.FOCAL_POINT, "COL", "es", ("dr_woman", "Camila", "Restrepo")),
]


@transaction.atomic
def load_meetings_demo():
    """Create or restore the body, its meetings and the demo accounts. Returns the HONLAC body."""
    body = _load_body()
    _load_meeting(
        body,
        30,
        status=Meeting.Status.HELD,
        host="PAN",
        city={"en": "Panama City", "fr": "Panama", "es": "Ciudad de Panamá"},
        dates=(datetime.date(2022, 10, 4), datetime.date(2022, 10, 7)),
    )
    _load_meeting(
        body,
        31,
        status=Meeting.Status.HELD,
        host="ECU",
        city="Quito",
        dates=(datetime.date(2023, 10, 3), datetime.date(2023, 10, 6)),
    )
    # Planned for October 2024, after the deadline of its questionnaire (30 August 2024).
    _load_meeting(
        body,
        32,
        status=Meeting.Status.PLANNED,
        host="PER",
        city="Lima",
        dates=(datetime.date(2024, 10, 8), datetime.date(2024, 10, 11)),
    )
    _load_users()
    return body


def _load_body():
    body, _created = Body.objects.update_or_create(code=HONLAC["code"], defaults=HONLAC)
    body.member_states.set(MemberState.objects.filter(region=MemberState.Region.LATIN_AMERICA_CARIBBEAN))
    return body


def _load_meeting(body, number, *, status, host, city, dates):
    """`city` is its name, or its names by language where they differ."""
    cities = city if isinstance(city, dict) else dict.fromkeys(("en", "fr", "es"), city)
    meeting, _created = Meeting.objects.update_or_create(
        body=body,
        number=number,
        defaults={
            "status": status,
            "host_state": MemberState.objects.get(code=host) if host else None,
            "city": cities["en"],
            **{f"city_{code}": name for code, name in cities.items()},
            "start_date": dates[0],
            "end_date": dates[1],
        },
    )
    meeting.participating_states.set(body.member_states.all())
    reserve_agenda_symbol(meeting, by=None)
    return meeting


def _load_users():
    for username, role, state_code, language, (title, first_name, last_name) in DEMO_USERS:
        user, _created = User.objects.update_or_create(
            username=username,
            defaults={
                "title": title,
                "first_name": first_name,
                "last_name": last_name,
                "role": role,
                "member_state": MemberState.objects.get(code=state_code) if state_code else None,
                "preferred_language": language,
                "email": f"{username}@example.org",
                "is_active": True,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    admin, _created = User.objects.update_or_create(
        username="admin",
        defaults={
            "role": User.Role.SECRETARIAT,
            "member_state": None,
            "email": "admin@example.org",
            "is_staff": True,
            "is_superuser": True,
            "is_active": True,
        },
    )
    admin.set_password(DEMO_PASSWORD)
    admin.save(update_fields=["password"])
