"""Demonstration data: the HONLAC series, its 31st and 32nd meetings, and one account per role.

Loading is idempotent: records are found by their natural keys and brought back to the demo state.
"""

import datetime

from django.db import transaction

from accounts.models import User
from agendas.demo import load_agendas_demo
from agendas.models import AgendaPatternItem, Purpose
from agendas.services import generate_agenda
from questionnaires.demo import load_questionnaire_demo

from .models import Body, Document, Meeting, MemberState
from .services import issue_new_document

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
    "parent_organ_en": "Commission on Narcotic Drugs",
    "parent_organ_fr": "Commission des stupéfiants",
    "parent_organ_es": "Comisión de Estupefacientes",
}

# The standard agenda of HONLAC (the annex of the note on the organization of each meeting).
HONLAC_AGENDA = [
    ("Election of officers", "Élection du Bureau", "Elección de la Mesa", False),
    (
        "Adoption of the agenda and organization of work",
        "Adoption de l'ordre du jour et organisation des travaux",
        "Aprobación del programa y organización de los trabajos",
        False,
    ),
    (
        "Current situation with respect to regional and subregional cooperation in addressing and countering "
        "the world drug problem",
        "Situation actuelle de la coopération régionale et sous-régionale s'agissant d'aborder et de combattre "
        "le problème mondial de la drogue",
        "Situación actual de la cooperación regional y subregional para abordar y contrarrestar el problema "
        "mundial de las drogas",
        False,
    ),
    (
        "Implementation of the recommendations adopted by the {previous_meeting}",
        "Application des recommandations adoptées à la {previous_meeting}",
        "Aplicación de las recomendaciones aprobadas en la {previous_meeting}",
        False,
    ),
    (
        "Follow-up to the implementation at the national, regional and international levels of all commitments "
        "to address and counter the world drug problem, as contained in the 2019 Ministerial Declaration",
        "Suivi de la mise en œuvre, aux niveaux national, régional et international, de tous les engagements à "
        "aborder et combattre le problème mondial de la drogue énoncés dans la Déclaration ministérielle de 2019",
        "Seguimiento de la aplicación en los planos nacional, regional e internacional de todos los compromisos "
        "para abordar y contrarrestar el problema mundial de las drogas enunciados en la Declaración Ministerial "
        "de 2019",
        False,
    ),
    (
        "Consideration of specific topics by working groups",
        "Examen de thèmes spécifiques par des groupes de travail",
        "Examen de temas específicos por grupos de trabajo",
        True,
    ),
    (
        "Organization of the {next_meeting}",
        "Organisation de la {next_meeting}",
        "Organización de la {next_meeting}",
        False,
    ),
    ("Other business", "Questions diverses", "Otros asuntos", False),
    (
        "Adoption of the report of the {meeting}",
        "Adoption du rapport de la {meeting}",
        "Aprobación del informe de la {meeting}",
        False,
    ),
]

# Working groups of the 31st meeting: sub-items of its item 6.
HONLAC_31_WORKING_GROUPS = [
    (
        "Synthetic drugs and new psychoactive substances: early warning and regional responses",
        "Drogues de synthèse et nouvelles substances psychoactives : alerte précoce et réponses régionales",
        "Drogas sintéticas y nuevas sustancias psicoactivas: alerta temprana y respuestas regionales",
    ),
    (
        "Maritime and port trafficking: container control and cooperation between agencies",
        "Trafic maritime et portuaire : contrôle des conteneurs et coopération entre services",
        "Tráfico marítimo y portuario: control de contenedores y cooperación entre organismos",
    ),
    (
        "Financial investigations, money-laundering and the confiscation of proceeds of crime",
        "Enquêtes financières, blanchiment d'argent et confiscation du produit du crime",
        "Investigaciones financieras, blanqueo de dinero y decomiso del producto del delito",
    ),
]

DEMO_USERS = [
    ("secretariat", User.Role.SECRETARIAT, None, "en"),
    ("ecuador", User.Role.FOCAL_POINT, "ECU", "es"),
    ("mexico", User.Role.FOCAL_POINT, "MEX", "es"),
    ("colombia", User.Role.FOCAL_POINT, "COL", "es"),
]


@transaction.atomic
def load_demo():
    """Create or restore the demonstration data. Returns the HONLAC body."""
    body = _load_body()
    meeting_31 = _load_meeting(
        body,
        31,
        status=Meeting.Status.HELD,
        host="ECU",
        city="Quito",
        dates=(datetime.date(2023, 10, 3), datetime.date(2023, 10, 6)),
    )
    _load_meeting(body, 32, status=Meeting.Status.PLANNED, host=None, city="", dates=(None, None))
    _load_agenda_31(meeting_31)
    _load_users()
    load_questionnaire_demo(body)
    load_agendas_demo(body)
    return body


def _load_body():
    body, _created = Body.objects.update_or_create(code=HONLAC["code"], defaults=HONLAC)
    body.member_states.set(MemberState.objects.filter(region=MemberState.Region.LATIN_AMERICA_CARIBBEAN))
    purposes = {4: Purpose.RECOMMENDATIONS_REVIEW, 6: Purpose.WORKING_GROUPS, 7: Purpose.NEXT_MEETING}
    for position, (english, french, spanish, placeholder) in enumerate(HONLAC_AGENDA, start=1):
        AgendaPatternItem.objects.update_or_create(
            body=body,
            position=position,
            defaults={
                "title": english,
                "title_en": english,
                "title_fr": french,
                "title_es": spanish,
                "is_placeholder": placeholder,
                "purpose": purposes.get(position, Purpose.NONE),
            },
        )
    body.agenda_pattern.filter(position__gt=len(HONLAC_AGENDA)).delete()
    return body


def _load_meeting(body, number, *, status, host, city, dates):
    meeting, _created = Meeting.objects.update_or_create(
        body=body,
        number=number,
        defaults={
            "status": status,
            "host_state": MemberState.objects.get(code=host) if host else None,
            "city": city,
            "city_en": city,
            "city_fr": city,
            "city_es": city,
            "start_date": dates[0],
            "end_date": dates[1],
        },
    )
    meeting.participating_states.set(body.member_states.all())
    return meeting


def _load_agenda_31(meeting):
    """The provisional agenda of the 31st meeting, issued as UNODC/HONLAC/31/1, with its working groups."""
    agenda = getattr(meeting, "agenda", None)
    if agenda is None:
        agenda = generate_agenda(meeting, by=None)
        working_groups = agenda.items.get(position=6, parent=None)
        working_groups.is_placeholder = False
        working_groups.save(update_fields=["is_placeholder"])
        for position, (english, french, spanish) in enumerate(HONLAC_31_WORKING_GROUPS, start=1):
            agenda.items.create(
                parent=working_groups,
                position=position,
                title=english,
                title_en=english,
                title_fr=french,
                title_es=spanish,
            )
    if agenda.document_id is None:
        document = Document(
            meeting=meeting,
            kind=Document.Kind.AGENDA,
            printed_as=Document.PrintedAs.AGENDA,
            distribution=Document.Distribution.GENERAL,
            original_language="en",
            issue_date=datetime.date(2023, 7, 11),
            title="Provisional agenda and annotations",
            title_en="Provisional agenda and annotations",
            title_fr="Ordre du jour provisoire et annotations",
            title_es="Programa provisional y anotaciones",
        )
        issue_new_document(document, by=None)
        agenda.document = document
        agenda.status = agenda.Status.PROVISIONAL
        agenda.save(update_fields=["document", "status"])


def _load_users():
    for username, role, state_code, language in DEMO_USERS:
        user, _created = User.objects.update_or_create(
            username=username,
            defaults={
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
