"""The dataset of the benchmarks: HONLAC at the scale of the United Nations.

Built in two steps on an empty database, so that the same pages can be counted small and then large:
`build_small()` makes the body with 3 participating States, meetings 29 to 32, the 40 recommendations of each of
meetings 29, 30 and 31 in 4 topics (those of 30 continuing those of 29, those of 31 those of 30), the closed
questionnaires of meetings 30 and 31 and the open one of meeting 32, and the 3 States' responses to each; `grow()`
then brings every one of the 193 Member States in, with its focal point and its responses (posted), and the past
meetings 12 to 28.

Meetings, documents, agendas and the questionnaire are made by the services; users, responses, answers and
versions by bulk_create, as the services would have left them (the focal point saved, submitted, the secretariat
posted), because 193 x 42 answers through the services would take minutes. The response of DRAFT_STATE stays a
draft, for the response form.
"""

import datetime
import json
import random
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from agendas.demo import HONLAC_AGENDA
from agendas.models import Agenda, AgendaPatternItem, Purpose, Topic
from agendas.services import generate_agenda, set_agenda_status
from meetings.demo import HONLAC
from meetings.models import Body, Meeting, MemberState
from meetings.services import create_document
from meetings.symbols import reserve_agenda_symbol
from questionnaires import services
from questionnaires.demo import DEADLINE_32, GENERAL_QUESTIONS_32, INTRODUCTION_32, OPENED_32
from questionnaires.models import (
    Answer,
    Continuation,
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
SMALL_PAST = range(29, 32)
# The meetings whose recommendations are reviewed (each by the questionnaire of the next one): the matrix's cycles.
CYCLES = range(29, 32)
LARGE_PAST = range(12, 32)

SPANISH = {"ARG", "BOL", "CHL", "COL", "CRI", "CUB", "DOM", "ECU", "SLV", "GTM", "HND", "MEX", "NIC", "PAN", "PRY"}
SPANISH |= {"PER", "URY", "VEN", "ESP", "GNQ"}
FRENCH = {"FRA", "BEL", "LUX", "MCO", "HTI", "SEN", "CIV", "MLI", "BFA", "NER", "TCD", "CMR", "COG", "COD", "GAB"}
FRENCH |= {"BEN", "TGO", "GIN", "CAF", "MDG", "DJI", "COM", "BDI", "MAR", "TUN", "DZA"}

# The texts of the dataset (hosts, topics, recommendations, measures, documents) are in data/texts.json.
_TEXTS = json.loads((Path(__file__).resolve().parent / "data" / "texts.json").read_text(encoding="utf-8"))


def _tuples(value):
    return tuple(_tuples(item) for item in value) if isinstance(value, list) else value


HOSTS = [tuple(host) for host in _TEXTS["hosts"]]
# (en, fr, es) titles, then the subject in each language, as the recommendations put it.
TOPICS = [_tuples(topic) for topic in _TEXTS["topics"]]
# Ten recommendations per topic: {subject} is the topic's subject in the language.
RECOMMENDATION_TEMPLATES = [tuple(texts) for texts in _TEXTS["recommendation_templates"]]
MEASURES = _TEXTS["measures"]
TEXT = _TEXTS["text"]

STATUS_WEIGHTS = {
    ImplementationStatus.IMPLEMENTED: 45,
    ImplementationStatus.PARTIALLY: 30,
    ImplementationStatus.NOT_YET: 15,
    ImplementationStatus.NOT_APPLICABLE: 10,
}

# kind, distribution, (en, fr, es) titles
DOCUMENTS = [(kind, distribution, tuple(titles)) for kind, distribution, titles in _TEXTS["documents"]]


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
        earlier = None
        for number in CYCLES:
            earlier = self._recommendations(Meeting.objects.get(body=self.body, number=number), continuing=earlier)
        self.earlier_questionnaires = [
            self._closed_questionnaire(Meeting.objects.get(body=self.body, number=number + 1))
            for number in CYCLES
            if number + 1 != CURRENT_NUMBER
        ]
        self.meeting = self._current_meeting()
        self.questionnaire = self._questionnaire(self.meeting)
        self._all_responses(SMALL_STATES)
        transaction.on_commit(analyze)

    @transaction.atomic
    def grow(self):
        others = list(MemberState.objects.exclude(code__in=SMALL_STATES).values_list("code", flat=True))
        self._add_states(others)
        for number in LARGE_PAST:
            if number not in SMALL_PAST:
                self._past_meeting(number)
        self._all_responses(others)
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
        reserve_agenda_symbol(meeting, by=self.secretariat)
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

    def _recommendations(self, meeting, *, continuing=None):
        """The 40 recommendations of `meeting`, each continuing (if given) the one of the same number of the
        previous meeting: odd numbers reiterated, even ones updated."""
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
        for recommendation, previous in zip(recommendations, continuing or [], strict=False):
            recommendation.continues = previous
            recommendation.continuation = Continuation.REITERATED if previous.number % 2 else Continuation.UPDATED
        return Recommendation.objects.bulk_create(recommendations)

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
        for code, text in INTRODUCTION_32.items():
            setattr(questionnaire, f"introduction_{code}", text)
        # Opened as the demo's is: the services refuse to open a questionnaire whose deadline (that of the demo,
        # in 2024) has passed.
        questionnaire.deadline, questionnaire.opened_at = DEADLINE_32, OPENED_32
        questionnaire.status = Questionnaire.Status.OPEN
        questionnaire.save()
        return questionnaire

    def _closed_questionnaire(self, meeting):
        """The questionnaire of a past meeting, on the recommendations of the one before, as the services left it
        (they refuse to open one whose deadline has passed): opened in March of its year, closed."""
        questionnaire = services.generate_questionnaire(meeting, by=self.secretariat)
        questionnaire.deadline = meeting.start_date - datetime.timedelta(days=60)
        questionnaire.opened_at = datetime.datetime(meeting.start_date.year, 3, 1, tzinfo=datetime.UTC)
        questionnaire.status = Questionnaire.Status.CLOSED
        questionnaire.save()
        return questionnaire

    def _all_responses(self, codes):
        """The responses of `codes` to the earlier questionnaires (posted) and to the current one (one a draft)."""
        for questionnaire in self.earlier_questionnaires:
            self._responses(codes, questionnaire, draft_state=None)
        self._responses(codes, self.questionnaire, draft_state=DRAFT_STATE)

    def _responses(self, codes, questionnaire, *, draft_state):
        """A response per State of `codes` to `questionnaire`: posted (submitted by its focal point), or a draft
        for `draft_state`."""
        questions = list(questionnaire.questions.order_by("position"))
        opened = questionnaire.opened_at
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
            for question in questions:
                if question.recommendation_id:
                    status = self.random.choices(statuses, weights)[0]
                    answers[question.pk] = (status, self._text(language, 1, 3))
                else:
                    answers[question.pk] = ("", self._text(language, 1, 2))
            saved_at = opened + datetime.timedelta(days=10, hours=index)
            draft = state.code == draft_state
            responses.append(
                Response(
                    questionnaire=questionnaire,
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
            saved = {str(pk): {"status": s, "text": t} for pk, (s, t) in answers.items()}
            versions += [
                ResponseVersion(
                    response=response,
                    number=number,
                    event=event,
                    snapshot={"status": status, "answers": saved, "attachments": []},
                    created_by=by,
                )
                for number, (event, status, by) in enumerate(events, start=1)
            ]
        ResponseVersion.objects.bulk_create(versions, batch_size=500)

    def _text(self, language, fewest, most):
        return " ".join(self.random.sample(MEASURES[language], self.random.randint(fewest, most)))


def prepare_drafts(dataset, count):
    """The responses of `count` States as drafts: the draft State's, and others reopened by the secretariat (those
    not drafts already: bench.scale takes drafts after this measure)."""
    from questionnaires.models import Response
    from questionnaires.responses import reopen_response

    draft_state = dataset.draft_state
    responses = list(
        Response.objects.filter(questionnaire=dataset.questionnaire)
        .exclude(member_state__code=draft_state)
        .order_by("member_state__code")
        .select_related("member_state")[: count - 1]
    )
    for response in responses:
        if response.status != Response.Status.DRAFT:
            reopen_response(response, by=dataset.secretariat, reason="Benchmark: concurrent drafts.")
    return [dataset.response_of(draft_state), *responses]
