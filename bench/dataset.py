"""The dataset of the benchmarks: HONLAC at the scale of the United Nations.

Built in two steps on an empty database, so that the same pages can be counted small and then large:
`build_small()` makes the body with 3 participating States, meetings 30 to 32, the 40 recommendations of meeting 31
in 4 topics, the open questionnaire of meeting 32 and the 3 States' responses; `grow()` then brings every one of
the 193 Member States in, with its focal point and its posted response, and the past meetings 12 to 29.

Meetings, documents, agendas and the questionnaire are made by the services; users, responses, answers and
versions by bulk_create, as the services would have left them (the focal point saved, submitted, the secretariat
posted), because 193 x 42 answers through the services would take minutes. The response of DRAFT_STATE stays a
draft, for the response form.
"""

import datetime
import random

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from agendas.demo import HONLAC_AGENDA
from agendas.models import Agenda, AgendaPatternItem, Purpose, Topic
from agendas.services import generate_agenda, set_agenda_status
from meetings.demo import HONLAC
from meetings.models import Body, Document, Meeting, MemberState
from meetings.services import create_document
from questionnaires import services
from questionnaires.demo import DEADLINE_32, GENERAL_QUESTIONS_32, INTRODUCTION_32, OPENED_32
from questionnaires.models import (
    Answer,
    ImplementationStatus,
    Question,
    Questionnaire,
    Recommendation,
    Response,
    ResponseVersion,
)

PASSWORD = "bench-focal-point-password"  # noqa: S105 - accounts of a throw-away database
SECRETARIAT = "bench-secretariat"
DRAFT_STATE = "ECU"
SMALL_STATES = ["ECU", "MEX", "COL"]
SOURCE_NUMBER, CURRENT_NUMBER = 31, 32
SMALL_PAST = range(30, 32)
LARGE_PAST = range(12, 32)

SPANISH = {"ARG", "BOL", "CHL", "COL", "CRI", "CUB", "DOM", "ECU", "SLV", "GTM", "HND", "MEX", "NIC", "PAN", "PRY"}
SPANISH |= {"PER", "URY", "VEN", "ESP", "GNQ"}
FRENCH = {"FRA", "BEL", "LUX", "MCO", "HTI", "SEN", "CIV", "MLI", "BFA", "NER", "TCD", "CMR", "COG", "COD", "GAB"}
FRENCH |= {"BEN", "TGO", "GIN", "CAF", "MDG", "DJI", "COM", "BDI", "MAR", "TUN", "DZA"}

HOSTS = [
    ("ECU", "Quito"),
    ("CHL", "Santiago"),
    ("PER", "Lima"),
    ("MEX", "Mexico City"),
    ("PAN", "Panama City"),
    ("COL", "Bogotá"),
    ("URY", "Montevideo"),
    ("BRA", "Brasília"),
    ("TTO", "Port of Spain"),
    ("DOM", "Santo Domingo"),
]

TOPICS = [
    (
        "Synthetic drugs and new psychoactive substances",
        "Drogues de synthèse et nouvelles substances psychoactives",
        "Drogas sintéticas y nuevas sustancias psicoactivas",
        ("synthetic drugs and new psychoactive substances", "les drogues de synthèse", "las drogas sintéticas"),
    ),
    (
        "Maritime and port trafficking",
        "Trafic maritime et portuaire",
        "Tráfico marítimo y portuario",
        (
            "trafficking through seaports and containers",
            "le trafic par les ports et les conteneurs",
            "el tráfico por los puertos y en contenedores",
        ),
    ),
    (
        "Financial investigations and money-laundering",
        "Enquêtes financières et blanchiment d'argent",
        "Investigaciones financieras y blanqueo de dinero",
        (
            "the laundering of the proceeds of drug trafficking",
            "le blanchiment du produit du trafic de drogues",
            "el blanqueo del producto del tráfico de drogas",
        ),
    ),
    (
        "Cooperation between agencies and across borders",
        "Coopération entre services et par-delà les frontières",
        "Cooperación entre organismos y a través de las fronteras",
        (
            "cross-border drug trafficking",
            "le trafic de drogues transfrontalier",
            "el tráfico transfronterizo de drogas",
        ),
    ),
]

# Ten recommendations per topic: {subject} is the topic's subject in the language.
RECOMMENDATION_TEMPLATES = [
    (
        "Governments should establish or strengthen national mechanisms to collect and share information on "
        "{subject}, linking law enforcement agencies, forensic laboratories and the competent authorities.",
        "Les gouvernements devraient créer ou renforcer des mécanismes nationaux de collecte et d'échange "
        "d'informations sur {subject}, reliant les services de détection et de répression, les laboratoires et "
        "les autorités compétentes.",
        "Los gobiernos deberían establecer o fortalecer mecanismos nacionales de reunión e intercambio de "
        "información sobre {subject}, que vinculen a los organismos encargados de hacer cumplir la ley, los "
        "laboratorios y las autoridades competentes.",
    ),
    (
        "Governments should train front-line officers to detect and investigate cases involving {subject}, and "
        "should provide them with the necessary equipment.",
        "Les gouvernements devraient former les agents de première ligne à détecter les affaires concernant "
        "{subject} et à enquêter sur elles, et les doter du matériel nécessaire.",
        "Los gobiernos deberían capacitar al personal de primera línea para detectar e investigar los casos "
        "relacionados con {subject}, y dotarlo del equipo necesario.",
    ),
    (
        "Governments should review their legislation on {subject} so that it allows joint investigations, "
        "controlled deliveries and the use of special investigative techniques.",
        "Les gouvernements devraient réexaminer leur législation relative à {subject} afin qu'elle permette les "
        "enquêtes conjointes, les livraisons surveillées et le recours aux techniques d'enquête spéciales.",
        "Los gobiernos deberían revisar su legislación relativa a {subject} para que permita las investigaciones "
        "conjuntas, las entregas vigiladas y el uso de técnicas especiales de investigación.",
    ),
    (
        "Governments should designate a national contact point on {subject} and keep its details up to date "
        "with UNODC and the International Narcotics Control Board.",
        "Les gouvernements devraient désigner un point de contact national pour {subject} et tenir ses "
        "coordonnées à jour auprès de l'ONUDC et de l'Organe international de contrôle des stupéfiants.",
        "Los gobiernos deberían designar un punto de contacto nacional sobre {subject} y mantener actualizados "
        "sus datos ante la UNODC y la Junta Internacional de Fiscalización de Estupefacientes.",
    ),
    (
        "Governments should promote cooperation with the private sector in preventing {subject}, in particular "
        "with the transport, chemical and financial industries.",
        "Les gouvernements devraient favoriser la coopération avec le secteur privé pour prévenir {subject}, en "
        "particulier avec les secteurs des transports, de la chimie et de la finance.",
        "Los gobiernos deberían promover la cooperación con el sector privado para prevenir {subject}, en "
        "particular con las industrias del transporte, química y financiera.",
    ),
    (
        "Governments should exchange intelligence on {subject} with neighbouring States through secure channels, "
        "including the regional intelligence-sharing platforms supported by UNODC.",
        "Les gouvernements devraient échanger des renseignements sur {subject} avec les États voisins par des "
        "voies sécurisées, notamment les plateformes régionales soutenues par l'ONUDC.",
        "Los gobiernos deberían intercambiar información de inteligencia sobre {subject} con los Estados "
        "vecinos por cauces seguros, incluidas las plataformas regionales apoyadas por la UNODC.",
    ),
    (
        "Governments should collect and publish data on seizures related to {subject} and report them through "
        "the annual report questionnaire.",
        "Les gouvernements devraient recueillir et publier des données sur les saisies liées à {subject} et les "
        "communiquer au moyen du questionnaire destiné aux rapports annuels.",
        "Los gobiernos deberían reunir y publicar datos sobre las incautaciones relacionadas con {subject} y "
        "comunicarlos mediante el cuestionario para los informes anuales.",
    ),
    (
        "Governments should ensure that the agencies dealing with {subject} have sufficient staff and resources "
        "and that their work is coordinated at the national level.",
        "Les gouvernements devraient veiller à ce que les services chargés de {subject} disposent de personnel et "
        "de ressources suffisants et que leur action soit coordonnée au niveau national.",
        "Los gobiernos deberían velar por que los organismos que se ocupan de {subject} cuenten con personal y "
        "recursos suficientes y por que su labor se coordine a nivel nacional.",
    ),
    (
        "Governments should request the technical assistance of UNODC where needed to strengthen their capacity "
        "to address {subject}.",
        "Les gouvernements devraient demander l'assistance technique de l'ONUDC, le cas échéant, pour renforcer "
        "leur capacité de lutter contre {subject}.",
        "Los gobiernos deberían solicitar la asistencia técnica de la UNODC cuando sea necesario para fortalecer "
        "su capacidad de hacer frente a {subject}.",
    ),
    (
        "Governments should share good practices and lessons learned on {subject} at the meetings of the "
        "subsidiary bodies of the Commission on Narcotic Drugs.",
        "Les gouvernements devraient mettre en commun les bonnes pratiques et les enseignements tirés concernant "
        "{subject} lors des réunions des organes subsidiaires de la Commission des stupéfiants.",
        "Los gobiernos deberían intercambiar buenas prácticas y experiencias relativas a {subject} en las "
        "reuniones de los órganos subsidiarios de la Comisión de Estupefacientes.",
    ),
]

MEASURES = {
    "en": [
        "A national early warning system was set up in 2023 and meets every quarter.",
        "The police and customs signed a memorandum of understanding on the exchange of information.",
        "Two hundred officers were trained with the support of UNODC in the past year.",
        "Draft legislation is before Parliament and is expected to be adopted next year.",
        "Field-testing kits were distributed to the main border crossings and airports.",
        "The national focal point is the Director of the Drug Enforcement Unit of the National Police.",
        "Joint operations with neighbouring States led to the seizure of 4.2 tons of cocaine.",
        "A port control unit now operates in the main seaport, within the Container Control Programme.",
        "The financial intelligence unit opened 37 parallel financial investigations.",
        "Budget constraints have delayed the purchase of scanners for the container terminals.",
        "Seizure data are published yearly and reported through the annual report questionnaire.",
        "The matter is under review by an inter-agency working group chaired by the Ministry of Justice.",
    ],
    "fr": [
        "Un système national d'alerte précoce a été créé en 2023 et se réunit chaque trimestre.",
        "La police et les douanes ont signé un mémorandum d'accord sur l'échange d'informations.",
        "Deux cents agents ont été formés avec l'appui de l'ONUDC au cours de l'année écoulée.",
        "Un projet de loi est devant le Parlement et devrait être adopté l'an prochain.",
        "Des trousses d'analyse de terrain ont été distribuées aux principaux postes frontière et aéroports.",
        "Le point de contact national est le directeur de l'Office central de lutte contre le trafic de drogues.",
        "Des opérations conjointes avec les États voisins ont permis de saisir 4,2 tonnes de cocaïne.",
        "Une unité de contrôle portuaire opère dans le port principal, dans le cadre du Programme de contrôle "
        "des conteneurs.",
        "La cellule de renseignement financier a ouvert 37 enquêtes financières parallèles.",
        "Des contraintes budgétaires ont retardé l'achat de scanners pour les terminaux à conteneurs.",
        "Les données sur les saisies sont publiées chaque année et communiquées dans le questionnaire annuel.",
        "La question est examinée par un groupe de travail interministériel présidé par le Ministère de la justice.",
    ],
    "es": [
        "En 2023 se creó un sistema nacional de alerta temprana que se reúne cada trimestre.",
        "La policía y la aduana firmaron un memorando de entendimiento sobre el intercambio de información.",
        "Doscientos funcionarios recibieron capacitación con el apoyo de la UNODC durante el último año.",
        "Un proyecto de ley se encuentra ante el Congreso y se prevé su aprobación el próximo año.",
        "Se distribuyeron equipos de análisis de campo en los principales pasos fronterizos y aeropuertos.",
        "El punto de contacto nacional es el Director Antidrogas de la Policía Nacional.",
        "Las operaciones conjuntas con los Estados vecinos permitieron incautar 4,2 toneladas de cocaína.",
        "Una unidad de control portuario opera en el puerto principal, en el marco del Programa de "
        "Fiscalización de Contenedores.",
        "La unidad de inteligencia financiera abrió 37 investigaciones financieras paralelas.",
        "Las limitaciones presupuestarias retrasaron la compra de escáneres para las terminales de contenedores.",
        "Los datos sobre incautaciones se publican cada año y se comunican en el cuestionario anual.",
        "El tema es examinado por un grupo de trabajo interinstitucional presidido por el Ministerio de Justicia.",
    ],
}

STATUS_WEIGHTS = {
    ImplementationStatus.IMPLEMENTED: 45,
    ImplementationStatus.PARTIALLY: 30,
    ImplementationStatus.NOT_YET: 15,
    ImplementationStatus.NOT_APPLICABLE: 10,
}

DOCUMENTS = [
    # kind, distribution, (en, fr, es) titles
    (
        Document.Kind.NOTE,
        Document.Distribution.GENERAL,
        (
            "Current situation with respect to regional and subregional cooperation",
            "Situation actuelle de la coopération régionale et sous-régionale",
            "Situación actual de la cooperación regional y subregional",
        ),
    ),
    (
        Document.Kind.REPORT,
        Document.Distribution.GENERAL,
        ("Report of the meeting", "Rapport de la réunion", "Informe de la reunión"),
    ),
    (
        Document.Kind.CONFERENCE_ROOM_PAPER,
        Document.Distribution.RESTRICTED,
        ("Country reports", "Rapports de pays", "Informes de países"),
    ),
]

TEXT = {
    "en": "The present note was prepared by the Secretariat.\n\nIt summarizes the information received.^[See the "
    "report of the previous meeting.]",
    "fr": "La présente note a été établie par le Secrétariat.\n\nElle résume les informations reçues.^[Voir le "
    "rapport de la réunion précédente.]",
    "es": "La presente nota ha sido preparada por la Secretaría.\n\nResume la información recibida.^[Véase el "
    "informe de la reunión anterior.]",
}


def analyze():
    """Planner statistics, as autovacuum keeps them on a database in use (a bulk load leaves none)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def language_of(code):
    return "es" if code in SPANISH else "fr" if code in FRENCH else "en"


class Dataset:
    """The bench's HONLAC; holds what the measures need (users, responses, URLs)."""

    draft_state = DRAFT_STATE
    password = PASSWORD

    def __init__(self, seed=2024):
        self.random = random.Random(seed)
        self.password_hash = make_password(PASSWORD)  # one hash for every account: hashing is deliberately slow

    # The two steps ----------------------------------------------------------------------------------------------

    @transaction.atomic
    def build_small(self):
        if Body.objects.exists():
            raise RuntimeError("The bench database is not empty: run `make bench`, which recreates it.")
        self.body = self._body()
        self.secretariat = User.objects.create(
            username=SECRETARIAT,
            role=User.Role.SECRETARIAT,
            email="secretariat@bench.invalid",
            password=self.password_hash,
        )
        self._add_states(SMALL_STATES)
        for number in SMALL_PAST:
            self._past_meeting(number)
        self._recommendations(Meeting.objects.get(body=self.body, number=SOURCE_NUMBER))
        self.meeting = self._current_meeting()
        self.questionnaire = self._questionnaire(self.meeting)
        self.questions = list(self.questionnaire.questions.order_by("position"))
        self._responses(SMALL_STATES)
        transaction.on_commit(analyze)

    @transaction.atomic
    def grow(self):
        others = list(MemberState.objects.exclude(code__in=SMALL_STATES).values_list("code", flat=True))
        self._add_states(others)
        for number in LARGE_PAST:
            if number not in SMALL_PAST:
                self._past_meeting(number)
        self._responses(others)
        transaction.on_commit(analyze)

    # What the measures use --------------------------------------------------------------------------------------

    def focal_point(self, code):
        return User.objects.get(username=f"fp-{code.lower()}")

    def response_of(self, code):
        return Response.objects.get(questionnaire=self.questionnaire, member_state__code=code)

    # Building -------------------------------------------------------------------------------------------------------

    def _body(self):
        body = Body.objects.create(**HONLAC)
        purposes = {4: Purpose.RECOMMENDATIONS_REVIEW, 6: Purpose.WORKING_GROUPS, 7: Purpose.NEXT_MEETING}
        AgendaPatternItem.objects.bulk_create(
            AgendaPatternItem(
                body=body,
                position=position,
                title=english,
                title_en=english,
                title_fr=french,
                title_es=spanish,
                is_placeholder=placeholder,
                purpose=purposes.get(position, Purpose.NONE),
            )
            for position, (english, french, spanish, placeholder) in enumerate(HONLAC_AGENDA, start=1)
        )
        return body

    def _add_states(self, codes):
        states = list(MemberState.objects.filter(code__in=codes))
        self.body.member_states.add(*states)
        for meeting in Meeting.objects.filter(body=self.body):
            meeting.participating_states.add(*states)
        password = self.password_hash
        User.objects.bulk_create(
            User(
                username=f"fp-{state.code.lower()}",
                email=f"fp-{state.code.lower()}@bench.invalid",
                first_name="Focal point",
                last_name=state.name,
                role=User.Role.FOCAL_POINT,
                member_state=state,
                preferred_language=language_of(state.code),
                password=password,
            )
            for state in states
        )

    def _meeting(self, number, **fields):
        meeting = Meeting.objects.create(body=self.body, number=number, **fields)
        meeting.participating_states.set(self.body.member_states.all())
        return meeting

    def _past_meeting(self, number):
        host, city = HOSTS[number % len(HOSTS)]
        year = 1992 + number
        meeting = self._meeting(
            number,
            status=Meeting.Status.HELD,
            host_state=MemberState.objects.get(code=host),
            city=city,
            city_en=city,
            city_fr=city,
            city_es=city,
            start_date=datetime.date(year, 10, 3),
            end_date=datetime.date(year, 10, 6),
        )
        agenda = generate_agenda(meeting, by=self.secretariat)
        set_agenda_status(agenda, status=Agenda.Status.PROVISIONAL, by=self.secretariat)
        self._documents(meeting, issued=datetime.date(year, 7, 11))
        return meeting

    def _current_meeting(self):
        meeting = self._meeting(CURRENT_NUMBER, status=Meeting.Status.PLANNED)
        agenda = generate_agenda(meeting, by=self.secretariat)
        set_agenda_status(agenda, status=Agenda.Status.PROVISIONAL, by=self.secretariat)
        self._documents(meeting, issued=datetime.date(2024, 7, 11))
        return meeting

    def _documents(self, meeting, *, issued):
        for kind, distribution, (english, french, spanish) in DOCUMENTS:
            create_document(
                meeting,
                kind=kind,
                by=self.secretariat,
                distribution=distribution,
                original_language="en",
                issue_date=issued,
                title=english,
                title_en=english,
                title_fr=french,
                title_es=spanish,
                text=TEXT["en"],
                text_en=TEXT["en"],
                text_fr=TEXT["fr"],
                text_es=TEXT["es"],
            )

    def _recommendations(self, meeting):
        recommendations = []
        for position, (english, french, spanish, subjects) in enumerate(TOPICS, start=1):
            topic = Topic.objects.create(
                meeting=meeting, position=position, title=english, title_en=english, title_fr=french, title_es=spanish
            )
            for index, templates in enumerate(RECOMMENDATION_TEMPLATES):
                texts = [
                    template.format(subject=subject) for template, subject in zip(templates, subjects, strict=True)
                ]
                recommendations.append(
                    Recommendation(
                        meeting=meeting,
                        topic=topic,
                        number=(position - 1) * len(RECOMMENDATION_TEMPLATES) + index + 1,
                        text=texts[0],
                        text_en=texts[0],
                        text_fr=texts[1],
                        text_es=texts[2],
                    )
                )
        Recommendation.objects.bulk_create(recommendations)

    def _questionnaire(self, meeting):
        questionnaire = services.generate_questionnaire(meeting, by=self.secretariat)
        last = questionnaire.questions.count()
        for offset, (english, french, spanish) in enumerate(GENERAL_QUESTIONS_32, start=1):
            Question.objects.create(
                questionnaire=questionnaire,
                position=last + offset,
                text=english,
                text_en=english,
                text_fr=french,
                text_es=spanish,
            )
        questionnaire.deadline = DEADLINE_32
        for code, text in INTRODUCTION_32.items():
            setattr(questionnaire, f"introduction_{code}", text)
        questionnaire.save()
        questionnaire = services.set_questionnaire_status(
            questionnaire, status=Questionnaire.Status.OPEN, by=self.secretariat
        )
        Questionnaire.objects.filter(pk=questionnaire.pk).update(opened_at=OPENED_32)
        questionnaire.opened_at = OPENED_32
        return questionnaire

    def _answer_text(self, language, sentences):
        return " ".join(self.random.sample(MEASURES[language], sentences))

    def _responses(self, codes):
        """A response per State of `codes`: posted (submitted by its focal point), or a draft for DRAFT_STATE."""
        users = {
            user.member_state.code: user
            for user in User.objects.filter(member_state__code__in=codes).select_related("member_state")
        }
        states = list(MemberState.objects.filter(code__in=codes).order_by("code"))
        statuses, weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
        now = timezone.now()
        responses, contents = [], []
        for index, state in enumerate(states):
            user = users[state.code]
            language = language_of(state.code)
            answers = {}
            for question in self.questions:
                if question.recommendation_id:
                    status = self.random.choices(statuses, weights)[0]
                    answers[question.pk] = (status, self._answer_text(language, self.random.randint(1, 3)))
                else:
                    answers[question.pk] = ("", self._answer_text(language, self.random.randint(1, 2)))
            saved_at = OPENED_32 + datetime.timedelta(days=10, hours=index)
            draft = state.code == DRAFT_STATE
            responses.append(
                Response(
                    questionnaire=self.questionnaire,
                    member_state=state,
                    status=Response.Status.DRAFT if draft else Response.Status.POSTED,
                    version=1 if draft else 3,
                    updated_at=saved_at if draft else min(now, saved_at + datetime.timedelta(days=20)),
                    updated_by=user if draft else self.secretariat,
                    submitted_at=None if draft else saved_at + datetime.timedelta(hours=1),
                    posted_at=None if draft else min(now, saved_at + datetime.timedelta(days=20)),
                )
            )
            contents.append((user, answers))
        Response.objects.bulk_create(responses)
        Answer.objects.bulk_create(
            (
                Answer(response=response, question_id=question_id, status=status, text=text)
                for response, (_user, answers) in zip(responses, contents, strict=True)
                for question_id, (status, text) in answers.items()
            ),
            batch_size=2000,
        )
        versions = []
        for response, (user, answers) in zip(responses, contents, strict=True):
            events = [(ResponseVersion.Event.SAVED, Response.Status.DRAFT, user)]
            if response.status == Response.Status.POSTED:
                events += [
                    (ResponseVersion.Event.SUBMITTED, Response.Status.SUBMITTED, user),
                    (ResponseVersion.Event.POSTED, Response.Status.POSTED, self.secretariat),
                ]
            for number, (event, status, by) in enumerate(events, start=1):
                snapshot = {
                    "status": status,
                    "answers": {str(pk): {"status": s, "text": t} for pk, (s, t) in answers.items()},
                    "attachments": [],
                }
                versions.append(
                    ResponseVersion(response=response, number=number, event=event, snapshot=snapshot, created_by=by)
                )
        ResponseVersion.objects.bulk_create(versions, batch_size=500)
