"""Demonstration data of agendas: the standard agenda of HONLAC, the provisional agenda of the 31st meeting with
its working-group topics, the 31st meeting's note on organizing the 32nd, the 32nd meeting's draft agenda, an
offer to host the 33rd, and a consultation on working-group topics.

Loaded after meetings.demo (the body, meetings and accounts) and before questionnaires.demo, whose
recommendations are adopted under the 31st meeting's topics."""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from meetings.models import Document, Meeting, MemberState
from meetings.services import issue_new_document

from . import offers, services, topics
from .demo_note import load_note_demo
from .models import AgendaPatternItem, Consultation, ConsultationVoice, HostOffer, Purpose, Topic

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

TOPICS = [
    (
        "ECU",
        "es",
        "Uso de contenedores refrigerados y de puertos secundarios por la delincuencia organizada",
        "Reefer containers and secondary ports used by organized crime",
        "Conteneurs réfrigérés et ports secondaires utilisés par la criminalité organisée",
    ),
    (
        "MEX",
        "es",
        "Precursores no fiscalizados y drogas sintéticas: respuesta regional",
        "Non-scheduled precursors and synthetic drugs: a regional response",
        "Précurseurs non placés sous contrôle et drogues de synthèse : une réponse régionale",
    ),
    (
        None,
        "en",
        "Drug trafficking on the darknet and payments in virtual assets",
        "Drug trafficking on the darknet and payments in virtual assets",
        "Trafic de drogues sur le darknet et paiements en actifs virtuels",
    ),
]


@transaction.atomic
def load_agendas_demo(body):
    """Create or restore the agendas, topics, offer and consultation of the demo (see the module)."""
    _load_pattern(body)
    meeting_31 = Meeting.objects.get(body=body, number=31)
    meeting_32 = Meeting.objects.get(body=body, number=32)
    _load_agenda_31(meeting_31)
    services.ensure_agenda(meeting_32, by=None)
    _load_offer(body)
    load_note_demo(body)
    _load_topics(meeting_32)


def _load_pattern(body):
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


def _load_agenda_31(meeting):
    """The provisional agenda of the 31st meeting, issued as UNODC/HONLAC/31/1, with its working groups as the
    sub-items of item 6: the topics of the meeting, under which it adopted its recommendations."""
    agenda = services.ensure_agenda(meeting, by=None)
    secretariat = User.objects.filter(username="secretariat").first()
    working_groups = []
    for position, (english, french, spanish) in enumerate(HONLAC_31_WORKING_GROUPS, start=1):
        topic, _created = Topic.objects.update_or_create(
            meeting=meeting,
            position=position,
            defaults={"title": english, "title_en": english, "title_fr": french, "title_es": spanish},
        )
        working_groups.append(topic)
    topics.select_topics(meeting, topics=working_groups, by=secretariat)
    Topic.objects.filter(meeting=meeting).exclude(pk__in=[topic.pk for topic in working_groups]).delete()
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


def _load_offer(body):
    colombia = MemberState.objects.get(code="COL")
    if not HostOffer.objects.filter(body=body, member_state=colombia, meeting_number=33).exists():
        offers.record_offer(
            body,
            member_state=colombia,
            meeting_number=33,
            offered_on=datetime.date(2023, 10, 5),
            remarks="Bogotá, 2025. Note verbale to follow.",
            by=User.objects.filter(username="colombia").first(),
        )
    # Made and recorded at the 31st meeting, in Quito.
    HostOffer.objects.filter(body=body, member_state=colombia, meeting_number=33).update(
        recorded_at=datetime.datetime(2023, 10, 5, 15, 0, tzinfo=datetime.UTC)
    )


def _load_topics(meeting):
    proposals = []
    for code, language, original, english, french in TOPICS:
        proposal = Topic.objects.filter(meeting=meeting, title_en=english).first()
        if proposal is None:
            state = MemberState.objects.get(code=code) if code else None
            by = User.objects.filter(member_state=state).first() if state else None
            proposal = topics.propose_topic(meeting, title=original, member_state=state, language=language, by=by)
            proposal.title_en, proposal.title_fr = english, french
            if language == "es":
                proposal.title_es = original
            else:
                proposal.title_es = None
            proposal.save()
        proposals.append(proposal)
    consultation = Consultation.objects.filter(meeting=meeting).first()
    if consultation is None or not consultation.is_open:
        consultation = topics.open_consultation(
            meeting, closes_at=timezone.now() + datetime.timedelta(days=60), by=None
        )
    for code, supported in (("ECU", proposals[:2]), ("MEX", proposals[1:])):
        state = MemberState.objects.get(code=code)
        if not ConsultationVoice.objects.filter(consultation=consultation, member_state=state).exists():
            topics.give_voice(
                consultation,
                member_state=state,
                topics=supported,
                by=User.objects.filter(member_state=state).first(),
            )
