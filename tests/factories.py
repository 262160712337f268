import datetime
import hashlib

import factory
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import User
from agendas.models import Agenda, HostOffer
from meetings.models import Body, Document, DocumentFile, Meeting, MemberState, PrintJob
from questionnaires.models import Questionnaire, Response

PASSWORD = "a-test-password"


def state(code):
    return MemberState.objects.get(code=code)


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body
        django_get_or_create = ("code",)

    code = "honlac"
    symbol_prefix = "UNODC/HONLAC"
    working_languages = ["en", "fr", "es"]
    title_en = "Meeting of Heads of National Drug Law Enforcement Agencies, Latin America and the Caribbean"
    title_fr = (
        "Réunion des chefs des services chargés au plan national de la lutte contre le trafic illicite des drogues, "
        "Amérique latine et Caraïbes"
    )
    title_es = (
        "Reunión de Jefes de los Organismos Nacionales Encargados de Combatir el Tráfico Ilícito de Drogas, "
        "América Latina y el Caribe"
    )
    meeting_noun_en = "Meeting"
    meeting_noun_fr = "Réunion"
    meeting_noun_es = "Reunión"
    parent_organ_en = "Commission on Narcotic Drugs"
    parent_organ_fr = "Commission des stupéfiants"
    parent_organ_es = "Comisión de Estupefacientes"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    body = factory.SubFactory(BodyFactory)
    number = factory.Sequence(lambda n: 31 + n)
    city_en = "Quito"
    city_fr = "Quito"
    city_es = "Quito"
    start_date = datetime.date(2023, 10, 3)
    end_date = datetime.date(2023, 10, 6)
    status = Meeting.Status.HELD

    @factory.post_generation
    def participating_states(self, create, codes, **kwargs):
        if create:
            codes = ["ECU", "MEX", "COL"] if codes is None else codes
            self.participating_states.set(MemberState.objects.filter(code__in=codes))


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    meeting = factory.SubFactory(MeetingFactory)
    kind = Document.Kind.NOTE
    number = factory.Sequence(lambda n: n + 1)
    symbol = factory.LazyAttribute(lambda d: f"{d.meeting.body.symbol_prefix}/{d.meeting.number}/{d.number}")
    title_en = "Organization of the next meeting"
    title_fr = "Organisation de la prochaine réunion"
    title_es = "Organización de la próxima reunión"
    text_en = "First paragraph.\n\nSecond paragraph."
    text_fr = "Premier paragraphe.\n\nDeuxième paragraphe."
    text_es = "Primer párrafo.\n\nSegundo párrafo."
    distribution = Document.Distribution.GENERAL
    issue_date = datetime.date(2023, 7, 11)


# The smallest file that passes for a PDF: what an issued version's file holds, for tests of who gets it.
TINY_PDF = b"%PDF-1.7\n%issued\n%%EOF\n"


class IssuedDocumentFactory(DocumentFactory):
    """A document issued in every working language, each version's issued file a tiny stand-in PDF (for tests of
    who sees what; meetings.issuing prints the real ones)."""

    status = Document.Status.ISSUED

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def issued_files(self, create, extracted, **kwargs):
        if not create:
            return
        for code in extracted if extracted is not None else self.meeting.body.working_languages:
            DocumentFile.objects.create(
                document=self,
                language=code,
                file=ContentFile(TINY_PDF + code.encode(), name=f"{self.symbol.replace('/', '_')}_{code}.pdf"),
                generated=True,
                issued_at=timezone.now(),
                sha256=hashlib.sha256(TINY_PDF + code.encode()).hexdigest(),
            )


class PrintJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PrintJob

    document = factory.SubFactory(DocumentFactory)
    language = "fr"


class AgendaFactory(factory.django.DjangoModelFactory):
    """An agenda without items."""

    class Meta:
        model = Agenda

    meeting = factory.SubFactory(MeetingFactory)
    status = Agenda.Status.DRAFT


class HostOfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HostOffer

    body = factory.SubFactory(BodyFactory)
    member_state = factory.LazyFunction(lambda: state("COL"))
    meeting_number = 33
    offered_on = datetime.date(2023, 10, 5)
    commission_session = 67


class QuestionnaireFactory(factory.django.DjangoModelFactory):
    """A questionnaire without questions (open_questionnaire() below gives one with its recommendations)."""

    class Meta:
        model = Questionnaire

    meeting = factory.SubFactory(MeetingFactory)
    source_meeting = factory.SubFactory(MeetingFactory, body=factory.SelfAttribute("..meeting.body"))
    status = Questionnaire.Status.OPEN
    deadline = datetime.date(2024, 6, 30)


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    questionnaire = factory.SubFactory(QuestionnaireFactory)
    member_state = factory.LazyFunction(lambda: state("ECU"))
    status = Response.Status.DRAFT


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.LazyFunction(lambda: make_password(PASSWORD))
    role = User.Role.FOCAL_POINT
    member_state = factory.LazyFunction(lambda: state("ECU"))


class PasskeyFactory(factory.django.DjangoModelFactory):
    """A passkey as stored after its registration, whose key pair no test holds (tests/accounts/test_passkeys.py
    has a software key that answers the ceremonies)."""

    class Meta:
        model = "django_otp_webauthn.WebAuthnCredential"

    user = factory.SubFactory(UserFactory)
    name = "YubiKey 5"
    confirmed = True
    credential_id = factory.Sequence(lambda n: hashlib.sha256(f"credential {n}".encode()).digest())
    public_key = b"not a key"


def focal_point(code, username=None):
    return UserFactory(username=username or f"fp-{code.lower()}", member_state=state(code))


def contributor(code, username=None, **fields):
    """A contributor of State `code`: drafts the blocks of its responses given to them."""
    username = username or f"contributor-{code.lower()}"
    return UserFactory(username=username, member_state=state(code), role=User.Role.CONTRIBUTOR, **fields)


def secretariat_user(username="secretariat"):
    return UserFactory(username=username, role=User.Role.SECRETARIAT, member_state=None)


def admin_user(username="admin"):
    return UserFactory(
        username=username, role=User.Role.SECRETARIAT, member_state=None, is_staff=True, is_superuser=True
    )


def recommendations_for(meeting, count=3):
    """`count` recommendations of `meeting` under one topic, with texts in the three languages."""
    from agendas.models import Topic
    from questionnaires.models import Recommendation

    topic = Topic.objects.create(
        meeting=meeting,
        position=1,
        title_en="Synthetic drugs",
        title_fr="Drogues de synthèse",
        title_es="Drogas sintéticas",
    )
    return [
        Recommendation.objects.create(
            meeting=meeting,
            topic=topic,
            number=number,
            text_en=f"Governments should strengthen early warning systems ({number}).",
            text_fr=f"Les gouvernements devraient renforcer les systèmes d'alerte précoce ({number}).",
            text_es=f"Los gobiernos deberían fortalecer los sistemas de alerta temprana ({number}).",
        )
        for number in range(1, count + 1)
    ]


def open_questionnaire(states=("ECU", "MEX", "COL"), recommendations=3, deadline=datetime.date(2024, 6, 30)):
    """Meetings 31 and 32 of HONLAC, the recommendations of 31 and the open questionnaire of 32."""
    from questionnaires.models import Questionnaire
    from questionnaires.services import generate_questionnaire

    source = MeetingFactory(number=31, participating_states=list(states))
    meeting = MeetingFactory(
        number=32,
        participating_states=list(states),
        start_date=datetime.date(2024, 10, 1),
        end_date=datetime.date(2024, 10, 4),
        status=Meeting.Status.PLANNED,
    )
    recommendations_for(source, recommendations)
    questionnaire = generate_questionnaire(meeting, by=None)
    questionnaire.deadline = deadline
    questionnaire.status = Questionnaire.Status.OPEN
    questionnaire.opened_at = datetime.datetime(2024, 3, 1, tzinfo=datetime.UTC)
    questionnaire.save()
    return questionnaire


def answered(
    questionnaire, code, *, status="implemented", text="Measures taken.", language=None, submit=False, post=False
):
    """The response of State `code` with every recommendation answered (answers carried forward from the previous
    cycle confirmed), in `language` if given; optionally submitted and posted."""
    from questionnaires import responses

    response = responses.response_for(questionnaire, state(code), by=None)
    answers = {question.pk: (status, text) for question in questionnaire.questions.all()}
    responses.save_response(
        response, answers=answers, expected_version=response.version, language=language, by=None, confirmed=answers
    )
    if submit or post:
        responses.submit_response(response, by=None)
    if post:
        responses.post_response(response, by=None)
    response.refresh_from_db()
    return response


def three_cycles(states=("ECU", "MEX", "COL"), recommendations=3):
    """Meetings 30, 31 and 32 of HONLAC. The recommendations of 31 continue those of 30 (odd numbers reiterated,
    even ones updated); the questionnaire of 31, on the recommendations of 30, is closed; that of 32, on those of
    31, is open. No response yet: answered() gives them. Returns (questionnaire of 31, questionnaire of 32)."""
    from questionnaires.models import Continuation, Questionnaire
    from questionnaires.services import generate_questionnaire

    dates = {30: (2022, Meeting.Status.HELD), 31: (2023, Meeting.Status.HELD), 32: (2024, Meeting.Status.PLANNED)}
    meetings = {
        number: MeetingFactory(
            number=number,
            participating_states=list(states),
            start_date=datetime.date(year, 10, 3),
            end_date=datetime.date(year, 10, 6),
            status=status,
        )
        for number, (year, status) in dates.items()
    }
    earlier = recommendations_for(meetings[30], recommendations)
    for later in recommendations_for(meetings[31], recommendations):
        previous = earlier[later.number - 1]
        later.continues = previous
        later.continuation = Continuation.REITERATED if later.number % 2 else Continuation.UPDATED
        if later.continuation == Continuation.UPDATED:
            later.text_en = f"Governments should strengthen and fund early warning systems ({later.number})."
        later.save()
    questionnaires = []
    for number, opened in ((31, datetime.datetime(2023, 3, 1, tzinfo=datetime.UTC)), (32, None)):
        questionnaire = generate_questionnaire(meetings[number], by=None)
        questionnaire.status = Questionnaire.Status.OPEN
        questionnaire.opened_at = opened or datetime.datetime(2024, 3, 1, tzinfo=datetime.UTC)
        questionnaire.deadline = datetime.date(dates[number][0], 6, 30)
        questionnaire.save()
        questionnaires.append(questionnaire)
    return tuple(questionnaires)
