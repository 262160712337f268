"""Demonstration data of HONLAF's questionnaire: the recommendations adopted at its 33rd meeting (Addis Ababa,
September 2024), in English and French, the questionnaire of its 34th meeting on their implementation, open from
2 June to 15 August 2025, and the draft response of Senegal, written in French by its focal point.

Idempotent like questionnaires.demo: the draft is entered again through the services when it differs.
"""

import datetime

from django.db import transaction

from accounts.models import User
from meetings.models import Meeting, MemberState

from . import services
from .models import ImplementationStatus, Question, Questionnaire, Recommendation, Response
from .responses import response_for, save_response

# (English, French).
RECOMMENDATIONS_33 = [
    (
        "Governments should establish or strengthen interagency drug law enforcement units at major airports and "
        "seaports, bringing together police, customs and immigration officers, and give them access to advance "
        "passenger and cargo information.",
        "Les gouvernements devraient créer ou renforcer, dans les principaux aéroports et ports maritimes, des "
        "unités interservices de détection et de répression en matière de drogues réunissant des agents de la "
        "police, des douanes et de l'immigration, et leur donner accès aux informations préalables sur les "
        "passagers et le fret.",
    ),
    (
        "Governments should share information on seizures of cocaine and synthetic drugs transiting West Africa "
        "promptly with the other States of the region, through the existing regional mechanisms.",
        "Les gouvernements devraient communiquer sans tarder aux autres États de la région, par l'intermédiaire "
        "des mécanismes régionaux existants, les informations sur les saisies de cocaïne et de drogues de "
        "synthèse en transit par l'Afrique de l'Ouest.",
    ),
    (
        "Governments should ensure that the non-medical use of tramadol is addressed by controlling its import "
        "and distribution and by training law enforcement officers to identify counterfeit preparations.",
        "Les gouvernements devraient veiller à ce que l'usage non médical du tramadol soit combattu par le "
        "contrôle de son importation et de sa distribution et par la formation des agents des services de "
        "détection et de répression à l'identification des préparations contrefaites.",
    ),
    (
        "Governments should conduct financial investigations in parallel with investigations into drug "
        "trafficking, with a view to identifying, seizing and confiscating its proceeds.",
        "Les gouvernements devraient mener des enquêtes financières parallèlement aux enquêtes sur le trafic de "
        "drogues, en vue d'en identifier, d'en saisir et d'en confisquer le produit.",
    ),
]

INTRODUCTION_34 = {
    "en": "The Meeting invites Governments to report on the measures taken to implement the recommendations "
    "adopted at its Thirty-third Meeting, held in Addis Ababa from 16 to 20 September 2024.",
    "fr": "La Réunion invite les gouvernements à rendre compte des mesures prises pour appliquer les "
    "recommandations adoptées à sa trente-troisième Réunion, tenue à Addis-Abeba du 16 au 20 septembre 2024.",
}
GENERAL_QUESTIONS_34 = [
    (
        "What difficulties has your Government encountered in implementing the recommendations?",
        "Quelles difficultés votre gouvernement a-t-il rencontrées dans l'application des recommandations ?",
    ),
]
OPENED_34 = datetime.datetime(2025, 6, 2, 9, 0, tzinfo=datetime.UTC)
DEADLINE_34 = datetime.date(2025, 8, 15)

# The draft of Senegal, in French: (status, measures taken) for the first two recommendations; the others not yet
# answered.
SENEGAL_DRAFT = [
    (
        ImplementationStatus.IMPLEMENTED,
        "Une cellule aéroportuaire anti-trafics conjointe réunit depuis 2024 la police, la gendarmerie et les "
        "douanes à l'aéroport international Blaise-Diagne.",
    ),
    (
        ImplementationStatus.PARTIALLY,
        "Les saisies sont communiquées aux États voisins par l'intermédiaire du réseau WAPIS ; une procédure de "
        "communication systématique est en cours d'élaboration.",
    ),
]


@transaction.atomic
def load_family_questionnaire_demo(honlaf):
    """Create or restore the recommendations of HONLAF's 33rd meeting, the questionnaire of its 34th and the draft
    response of Senegal. Returns the questionnaire.

    Side effects: writes recommendations, questions and the questionnaire; deletes other recommendations of the
    33rd meeting and other responses; enters the draft of Senegal again when it differs from the demo's."""
    meeting_33 = Meeting.objects.get(body=honlaf, number=33)
    meeting_34 = Meeting.objects.get(body=honlaf, number=34)
    recommendations = []
    for number, (english, french) in enumerate(RECOMMENDATIONS_33, start=1):
        recommendation, _created = Recommendation.objects.update_or_create(
            meeting=meeting_33,
            number=number,
            defaults={"text": english, "text_en": english, "text_fr": french},
        )
        recommendations.append(recommendation)
    questionnaire = Questionnaire.objects.filter(meeting=meeting_34).first() or services.generate_questionnaire(
        meeting_34, by=None
    )
    questions = _load_questions(questionnaire, recommendations)
    meeting_33.recommendations.exclude(pk__in=[r.pk for r in recommendations]).delete()
    questionnaire.source_meeting = meeting_33
    questionnaire.deadline = DEADLINE_34
    questionnaire.opened_at = OPENED_34
    questionnaire.status = Questionnaire.Status.OPEN
    for code, text in INTRODUCTION_34.items():
        setattr(questionnaire, f"introduction_{code}", text)
    questionnaire.introduction = INTRODUCTION_34["en"]
    questionnaire.save()
    _load_senegal_draft(questionnaire, questions)
    return questionnaire


def _load_questions(questionnaire, recommendations):
    """One question per recommendation, then the general questions."""
    questions = []
    for recommendation in recommendations:
        question = questionnaire.questions.filter(recommendation=recommendation).first()
        questions.append(question or Question(questionnaire=questionnaire, recommendation=recommendation))
    general = list(questionnaire.questions.filter(recommendation=None).order_by("position", "pk"))
    for index, (english, french) in enumerate(GENERAL_QUESTIONS_34):
        question = general[index] if index < len(general) else Question(questionnaire=questionnaire)
        question.text, question.text_en, question.text_fr = english, english, french
        questions.append(question)
    for position, question in enumerate(questions, start=1):
        question.position = position
        question.save()
    others = questionnaire.questions.exclude(pk__in=[question.pk for question in questions])
    Response.objects.filter(questionnaire=questionnaire, answers__question__in=others).delete()
    others.delete()
    return questions


def _load_senegal_draft(questionnaire, questions):
    senegal = MemberState.objects.get(code="SEN")
    focal_point = User.objects.get(username="senegal")
    questionnaire.responses.exclude(member_state=senegal).delete()
    wanted = {question.pk: ("", "") for question in questions}
    wanted.update({question.pk: answer for question, answer in zip(questions, SENEGAL_DRAFT, strict=False)})
    response = questionnaire.responses.filter(member_state=senegal).first()
    if response is not None:
        answers = {answer.question_id: (answer.status, answer.text) for answer in response.answers.all()}
        if response.status == Response.Status.DRAFT and answers == wanted and response.language == "fr":
            return response
        response.delete()
    response = response_for(questionnaire, senegal, by=focal_point)
    save_response(response, answers=wanted, expected_version=response.version, language="fr", by=focal_point)
    return response
