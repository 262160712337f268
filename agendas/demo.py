"""Demonstration data of agendas: the standard agenda of HONLAC, the provisional agenda of the 31st meeting with
its working-group topics and annotations, the 31st meeting's note on organizing the 32nd, the 32nd meeting's draft
agenda, an offer to host the 33rd, and the consultation on the 32nd meeting's working-group topics (January to
March 2024).

Loaded after meetings.demo (the body, meetings and accounts) and before questionnaires.demo, whose
recommendations are adopted under the 31st meeting's topics."""

import datetime

from django.db import transaction

from accounts.models import User
from meetings.issuing import issue_at_once
from meetings.models import Document, Meeting, MemberState
from meetings.services import register_document

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

# The annotations of the provisional agenda of the 31st meeting (English, French, Spanish): by item number, and for
# the working groups of item 6 by the letter of their sub-item.
HONLAC_31_ANNOTATIONS = {
    1: (
        "In accordance with the practice of the subsidiary bodies of the Commission on Narcotic Drugs, the Meeting "
        "will elect a Chair, a First Vice-Chair, a Second Vice-Chair and a Rapporteur from among the representatives "
        "of its members.",
        "Conformément à la pratique suivie par les organes subsidiaires de la Commission des stupéfiants, la Réunion "
        "élira un président, un premier vice-président, un second vice-président et un rapporteur parmi les "
        "représentants de ses membres.",
        "De conformidad con la práctica de los órganos subsidiarios de la Comisión de Estupefacientes, la Reunión "
        "elegirá un Presidente, un Primer Vicepresidente, un Segundo Vicepresidente y un Relator de entre los "
        "representantes de sus miembros.",
    ),
    2: (
        "The provisional agenda was prepared in accordance with the standard agenda of the Meeting and with the "
        "topics selected by its members for the working groups. The Meeting will adopt its agenda and agree on the "
        "organization of its work, including the composition of the working groups under item 6.",
        "L'ordre du jour provisoire a été établi conformément à l'ordre du jour type de la Réunion et aux thèmes "
        "choisis par ses membres pour les groupes de travail. La Réunion adoptera son ordre du jour et arrêtera "
        "l'organisation de ses travaux, y compris la composition des groupes de travail au titre du point 6.",
        "El programa provisional se preparó de conformidad con el programa uniforme de la Reunión y con los temas "
        "seleccionados por sus miembros para los grupos de trabajo. La Reunión aprobará su programa y acordará la "
        "organización de sus trabajos, incluida la composición de los grupos de trabajo en relación con el tema 6.",
    ),
    3: (
        "Representatives will report on recent trends in illicit drug trafficking in their countries and on "
        "regional and subregional cooperation in countering it. The Secretariat will present an overview of the "
        "regional situation based on the data reported to the United Nations Office on Drugs and Crime.",
        "Les représentants rendront compte des tendances récentes du trafic illicite de drogues dans leur pays et "
        "de la coopération régionale et sous-régionale menée pour y faire face. Le Secrétariat présentera un aperçu "
        "de la situation régionale établi à partir des données communiquées à l'Office des Nations Unies contre la "
        "drogue et le crime.",
        "Los representantes informarán sobre las tendencias recientes del tráfico ilícito de drogas en sus países "
        "y sobre la cooperación regional y subregional para hacerle frente. La Secretaría presentará un panorama de "
        "la situación regional basado en los datos comunicados a la Oficina de las Naciones Unidas contra la Droga "
        "y el Delito.",
    ),
    4: (
        "Representatives will report on the measures taken by their Governments to implement the recommendations "
        "adopted by the Thirtieth Meeting. The Secretariat will present a summary of the replies received to the "
        "questionnaire on their implementation.",
        "Les représentants rendront compte des mesures prises par leur gouvernement pour appliquer les "
        "recommandations adoptées à la trentième Réunion. Le Secrétariat présentera une synthèse des réponses "
        "reçues au questionnaire sur leur application.",
        "Los representantes informarán sobre las medidas adoptadas por sus Gobiernos para aplicar las "
        "recomendaciones aprobadas en la Trigésima Reunión. La Secretaría presentará un resumen de las respuestas "
        "recibidas al cuestionario sobre su aplicación.",
    ),
    5: (
        "The Meeting will consider the progress made in the region in implementing the commitments contained in the "
        "2019 Ministerial Declaration, with a view to the midterm review to be conducted by the Commission on "
        "Narcotic Drugs in 2024.",
        "La Réunion examinera les progrès accomplis dans la région dans la mise en œuvre des engagements énoncés "
        "dans la Déclaration ministérielle de 2019, en vue de l'examen à mi-parcours que la Commission des "
        "stupéfiants mènera en 2024.",
        "La Reunión examinará los progresos realizados en la región en la aplicación de los compromisos enunciados "
        "en la Declaración Ministerial de 2019, con miras al examen de mitad de período que llevará a cabo la "
        "Comisión de Estupefacientes en 2024.",
    ),
    6: (
        "The Meeting will establish working groups to consider the topics below. Each working group will agree on "
        "recommendations on its topic, which will be submitted to the Meeting for adoption with its report.",
        "La Réunion constituera des groupes de travail chargés d'examiner les thèmes ci-après. Chaque groupe de "
        "travail arrêtera sur son thème des recommandations, qui seront soumises à la Réunion pour adoption avec "
        "son rapport.",
        "La Reunión establecerá grupos de trabajo que examinarán los temas que figuran a continuación. Cada grupo "
        "de trabajo acordará recomendaciones sobre su tema, que se presentarán a la Reunión para que las apruebe "
        "junto con su informe.",
    ),
    "6a": (
        "The working group will examine early warning on new psychoactive substances and the exchange of "
        "information between the agencies of the region on synthetic drugs and their precursors.",
        "Le groupe de travail examinera l'alerte précoce concernant les nouvelles substances psychoactives et "
        "l'échange d'informations entre les services de la région sur les drogues de synthèse et leurs précurseurs.",
        "El grupo de trabajo examinará la alerta temprana sobre las nuevas sustancias psicoactivas y el intercambio "
        "de información entre los organismos de la región sobre las drogas sintéticas y sus precursores.",
    ),
    "6b": (
        "The working group will examine the control of maritime containers and cooperation between customs, police "
        "and port authorities in detecting consignments of drugs.",
        "Le groupe de travail examinera le contrôle des conteneurs maritimes et la coopération entre les services "
        "des douanes, la police et les autorités portuaires dans la détection des envois de drogues.",
        "El grupo de trabajo examinará el control de los contenedores marítimos y la cooperación entre las "
        "autoridades aduaneras, policiales y portuarias en la detección de envíos de drogas.",
    ),
    "6c": (
        "The working group will examine financial investigations conducted in parallel with investigations into "
        "drug trafficking, and the identification, seizure and confiscation of proceeds of crime.",
        "Le groupe de travail examinera les enquêtes financières menées parallèlement aux enquêtes sur le trafic de "
        "drogues, ainsi que l'identification, la saisie et la confiscation du produit du crime.",
        "El grupo de trabajo examinará las investigaciones financieras realizadas paralelamente a las "
        "investigaciones sobre el tráfico de drogas, así como la identificación, la incautación y el decomiso del "
        "producto del delito.",
    ),
    7: (
        "The Meeting will consider the dates, venue and provisional agenda of the Thirty-second Meeting. It will "
        "have before it a note by the Secretariat on the organization of that Meeting, with its draft provisional "
        "agenda.",
        "La Réunion examinera les dates, le lieu et l'ordre du jour provisoire de la trente-deuxième Réunion. Elle "
        "sera saisie d'une note du Secrétariat sur l'organisation de cette réunion, accompagnée de son projet "
        "d'ordre du jour provisoire.",
        "La Reunión examinará las fechas, el lugar y el programa provisional de la Trigésima Segunda Reunión. "
        "Tendrá ante sí una nota de la Secretaría sobre la organización de esa Reunión, acompañada de su proyecto "
        "de programa provisional.",
    ),
    8: (
        "At the time of the preparation of the present provisional agenda, no issues had been raised for "
        "consideration under item 8.",
        "Au moment de l'établissement du présent ordre du jour provisoire, aucune question n'avait été soulevée au "
        "titre du point 8.",
        "En el momento de prepararse el presente programa provisional, no se había planteado ninguna cuestión para "
        "su examen en relación con el tema 8.",
    ),
    9: (
        "The Meeting will adopt its report, including the recommendations of the working groups, on the basis of a "
        "draft prepared by the Rapporteur with the assistance of the Secretariat.",
        "La Réunion adoptera son rapport, y compris les recommandations des groupes de travail, sur la base d'un "
        "projet établi par le Rapporteur avec l'aide du Secrétariat.",
        "La Reunión aprobará su informe, incluidas las recomendaciones de los grupos de trabajo, sobre la base de "
        "un proyecto preparado por el Relator con la asistencia de la Secretaría.",
    ),
}

# The working groups of the 31st meeting were proposed before its agenda was issued (11 July 2023).
WORKING_GROUPS_31_PROPOSED = datetime.datetime(2023, 4, 17, 9, 0, tzinfo=datetime.UTC)

# Topics proposed for the 32nd meeting after the 31st: (State, language written in, title as written, English,
# French), with the moment of each proposal below.
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
TOPICS_PROPOSED = [
    datetime.datetime(2023, 11, 14, 15, 0, tzinfo=datetime.UTC),
    datetime.datetime(2023, 11, 28, 17, 30, tzinfo=datetime.UTC),
    datetime.datetime(2024, 1, 15, 9, 0, tzinfo=datetime.UTC),
]
# The informal consultation of the States on those topics, held before the questionnaire went out (15 May 2024),
# and the voices of Ecuador (the first two topics) and Mexico (the last two).
CONSULTATION_OPENED = datetime.datetime(2024, 1, 15, 9, 0, tzinfo=datetime.UTC)
CONSULTATION_CLOSED = datetime.datetime(2024, 3, 29, 17, 0, tzinfo=datetime.UTC)
VOICES = [
    ("ECU", slice(0, 2), datetime.datetime(2024, 2, 7, 15, 0, tzinfo=datetime.UTC)),
    ("MEX", slice(1, None), datetime.datetime(2024, 3, 4, 16, 30, tzinfo=datetime.UTC)),
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
        Topic.objects.filter(pk=topic.pk).update(proposed_at=WORKING_GROUPS_31_PROPOSED)
        working_groups.append(topic)
    topics.select_topics(meeting, topics=working_groups, by=secretariat)
    Topic.objects.filter(meeting=meeting).exclude(pk__in=[topic.pk for topic in working_groups]).delete()
    _annotate(agenda, HONLAC_31_ANNOTATIONS)
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
        register_document(document, by=None)
        agenda.document = document
        agenda.status = agenda.Status.PROVISIONAL
        agenda.save(update_fields=["document", "status"])
    issue_at_once(agenda.document, by=None, on=datetime.date(2023, 7, 11))


def _annotate(agenda, annotations):
    """Give each item of `agenda` its annotations in English, French and Spanish ("6a" for sub-item (a) of 6)."""
    for item in agenda.items.select_related("parent"):
        key = item.position if item.parent is None else f"{item.parent.position}{chr(ord('a') + item.position - 1)}"
        if key in annotations:
            item.annotation_en, item.annotation_fr, item.annotation_es = annotations[key]
            item.annotation = item.annotation_en
            item.save(update_fields=["annotation", "annotation_en", "annotation_fr", "annotation_es"])


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
    """The proposals for the topics of `meeting` and the consultation on them, closed, with its dates.

    The consultation and its voices are written as they stood when it closed: the services refuse a closing date
    in the past and a voice after it.
    """
    proposals = []
    for (code, language, original, english, french), proposed_at in zip(TOPICS, TOPICS_PROPOSED, strict=True):
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
        Topic.objects.filter(pk=proposal.pk).update(proposed_at=proposed_at)
        proposals.append(proposal)
    consultation, _created = Consultation.objects.update_or_create(
        meeting=meeting, defaults={"closes_at": CONSULTATION_CLOSED, "opened_by": None}
    )
    Consultation.objects.filter(pk=consultation.pk).update(opened_at=CONSULTATION_OPENED)
    for code, supported, given_at in VOICES:
        state = MemberState.objects.get(code=code)
        voice, _created = ConsultationVoice.objects.update_or_create(
            consultation=consultation,
            member_state=state,
            defaults={"given_by": User.objects.filter(member_state=state).first()},
        )
        voice.topics.set(proposals[supported])
        ConsultationVoice.objects.filter(pk=voice.pk).update(updated_at=given_at)
