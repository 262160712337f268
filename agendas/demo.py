"""Demonstration data of the organization of the next meeting: the 31st meeting's note on organizing the
32nd, the 32nd meeting's draft agenda, an offer to host the 33rd, and a consultation on working-group topics."""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from meetings.models import Meeting, MemberState

from . import services
from .models import Consultation, ConsultationVoice, HostOffer, TopicProposal

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
    meeting_31 = Meeting.objects.get(body=body, number=31)
    meeting_32 = Meeting.objects.get(body=body, number=32)
    services.ensure_agenda(meeting_32, by=None)
    _load_offer(body)
    document = services.generate_organization_note(meeting_31, by=None)
    if document.issue_date != datetime.date(2023, 7, 11):
        document.issue_date = datetime.date(2023, 7, 11)
        document.save(update_fields=["issue_date"])
    _load_topics(meeting_32)


def _load_offer(body):
    colombia = MemberState.objects.get(code="COL")
    if not HostOffer.objects.filter(body=body, member_state=colombia, meeting_number=33).exists():
        services.record_offer(
            body,
            member_state=colombia,
            meeting_number=33,
            offered_on=datetime.date(2023, 10, 5),
            remarks="Bogotá, 2025. Note verbale to follow.",
            by=User.objects.filter(username="colombia").first(),
        )


def _load_topics(meeting):
    proposals = []
    for code, language, original, english, french in TOPICS:
        proposal = TopicProposal.objects.filter(meeting=meeting, title_en=english).first()
        if proposal is None:
            state = MemberState.objects.get(code=code) if code else None
            proposal = services.propose_topic(meeting, title=original, member_state=state, language=language, by=None)
            proposal.title_en, proposal.title_fr = english, french
            if language == "es":
                proposal.title_es = original
            else:
                proposal.title_es = None
            proposal.save()
        proposals.append(proposal)
    consultation = Consultation.objects.filter(meeting=meeting).first()
    if consultation is None or not consultation.is_open:
        consultation = services.open_consultation(
            meeting, closes_at=timezone.now() + datetime.timedelta(days=60), by=None
        )
    for code, supported in (("ECU", proposals[:2]), ("MEX", proposals[1:])):
        state = MemberState.objects.get(code=code)
        if not ConsultationVoice.objects.filter(consultation=consultation, member_state=state).exists():
            services.give_voice(
                consultation,
                member_state=state,
                topics=supported,
                by=User.objects.filter(member_state=state).first(),
            )
