"""What the home page puts first for each role: a focal point's tasks for their State, and what needs the
secretariat's attention. It gathers every app, so it lives above them.

Each function runs a fixed number of queries, whatever the number of meetings, States and responses
(tests/test_home.py counts them).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, F, Max, OuterRef, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import OutgoingEmail, User
from agendas.models import Consultation, ConsultationVoice
from agendas.rules import consultations_visible_to
from meetings import wording
from meetings.models import Document, DocumentFile, Meeting, PrintJob
from meetings.rules import documents_visible_to, state_of
from meetings.translation import missing_languages
from questionnaires.models import Questionnaire, Recommendation, Response
from questionnaires.rules import questionnaires_visible_to
from questionnaires.transmittal import with_transmittal_state

# Meetings still being prepared or held: their texts, States and focal points are worked on now.
OPEN_MEETINGS = [Meeting.Status.PLANNED, Meeting.Status.CONVENED]
ANSWERED = [Response.Status.SUBMITTED, Response.Status.POSTED]
# Documents shown as new on a first sign-in (no previous visit to count from).
FIRST_VISIT_DAYS = 30
FAILED_PRINT_JOBS_SHOWN = 10


@dataclass
class QuestionnaireTask:
    """An open questionnaire of the user's State, with the State's response (None before it is started)."""

    questionnaire: Questionnaire
    response: Response | None

    @property
    def meeting(self):
        return self.questionnaire.meeting

    @property
    def status(self):
        return self.response.status if self.response else "none"


@dataclass
class ConsultationTask:
    consultation: Consultation
    voice: ConsultationVoice | None


@dataclass
class FocalPointHome:
    questionnaires: list
    consultations: list
    documents: list
    since: object  # the previous sign-in, or None on a first visit
    first_visit: bool


def focal_point_home(user):
    """The tasks of `user`'s State: its open questionnaires with its responses, the open consultations it may
    answer, and the documents issued since the user's previous sign-in. Five queries, whatever the rows."""
    state = state_of(user)
    questionnaires = list(
        questionnaires_visible_to(user)
        .filter(status=Questionnaire.Status.OPEN)
        .select_related("meeting__body")
        .order_by(F("deadline").asc(nulls_last=True), "meeting__number")
    )
    responses = {
        response.questionnaire_id: response
        for response in Response.objects.filter(member_state=state, questionnaire__in=questionnaires).only(
            "questionnaire_id", "status", "updated_at", "submitted_at", "posted_at", "version", "returned_at"
        )
    }
    consultations = list(
        consultations_visible_to(user)
        .filter(closes_at__gt=timezone.now())
        .select_related("meeting__body")
        .order_by("closes_at")
    )
    voices = {
        voice.consultation_id: voice
        for voice in ConsultationVoice.objects.filter(consultation__in=consultations, member_state=state)
    }
    first_visit = user.previous_login is None
    since = timezone.now() - timezone.timedelta(days=FIRST_VISIT_DAYS) if first_visit else user.previous_login
    return FocalPointHome(
        questionnaires=[QuestionnaireTask(q, responses.get(q.pk)) for q in questionnaires],
        consultations=[ConsultationTask(c, voices.get(c.pk)) for c in consultations],
        documents=issued_since(user, since),
        since=since,
        first_visit=first_visit,
    )


def issued_since(user, since):
    """The documents `user` may read with a language version issued after `since`, newest first (one query)."""
    newly_issued = DocumentFile.objects.filter(document=OuterRef("pk"), issued_at__gt=since)
    return list(
        documents_visible_to(user)
        .filter(status=Document.Status.ISSUED)
        .filter(Exists(newly_issued))
        .annotate(last_issued_at=Max("files__issued_at"))
        .only("symbol", "title")  # what the home page prints of them, not their texts
        .order_by("-last_issued_at", "symbol")
    )


@dataclass
class AttentionLine:
    """One thing for the secretariat to do: what, how many, and the page where it is done."""

    text: str
    url: str
    action: str
    level: str = "warning"  # or "danger" for what failed


@dataclass
class SecretariatHome:
    lines: list = field(default_factory=list)


def secretariat_home(user):
    """What needs the secretariat's attention, each line with a link to where it is done. A dozen queries,
    whatever the number of meetings, States, responses, messages and print jobs."""
    lines = [
        *_submitted_not_posted(),
        *_overdue_states(),
        *_states_without_focal_point(),
        *_transmittal_notes_out_of_date(),
        *_missing_translations(),
        *_failed_mail(user),
        *_failed_print_jobs(),
    ]
    return SecretariatHome(lines=lines)


def _dashboard(questionnaire):
    return reverse("questionnaires:dashboard", args=[questionnaire.meeting.body.code, questionnaire.meeting.number])


def _submitted_not_posted():
    questionnaires = (
        Questionnaire.objects.annotate(waiting=Count("responses", filter=Q(responses__status="submitted")))
        .filter(waiting__gt=0)
        .select_related("meeting__body")
        .order_by("meeting__body__code", "meeting__number")
    )
    for questionnaire in questionnaires:
        yield AttentionLine(
            ngettext(
                "%(count)s submitted response to the questionnaire of the %(meeting)s is not posted yet.",
                "%(count)s submitted responses to the questionnaire of the %(meeting)s are not posted yet.",
                questionnaire.waiting,
            )
            % {"count": questionnaire.waiting, "meeting": questionnaire.meeting.short_title()},
            _dashboard(questionnaire),
            _("Post them"),
        )


def _overdue_states():
    today = timezone.localdate()
    answered = Response.objects.filter(
        questionnaire=OuterRef("questionnaire"), member_state=OuterRef("memberstate"), status__in=ANSWERED
    )
    overdue = list(
        Questionnaire.objects.filter(status=Questionnaire.Status.OPEN, deadline__lt=today)
        .select_related("meeting__body")
        .order_by("deadline")
    )
    if not overdue:
        return
    through = Meeting.participating_states.through
    late = dict(
        through.objects.filter(meeting__questionnaire__in=overdue)
        .annotate(questionnaire=F("meeting__questionnaire"))
        .exclude(Exists(answered))
        .values_list("meeting_id")
        .annotate(count=Count("pk"))
        .values_list("meeting_id", "count")
    )
    for questionnaire in overdue:
        count = late.get(questionnaire.meeting_id, 0)
        if count:
            yield AttentionLine(
                ngettext(
                    "%(count)s State has not submitted its response to the questionnaire of the %(meeting)s, "
                    "overdue since %(deadline)s.",
                    "%(count)s States have not submitted their responses to the questionnaire of the %(meeting)s, "
                    "overdue since %(deadline)s.",
                    count,
                )
                % {
                    "count": count,
                    "meeting": questionnaire.meeting.short_title(),
                    "deadline": _long_date(questionnaire.deadline),
                },
                _dashboard(questionnaire),
                _("Remind them"),
            )


def _states_without_focal_point():
    focal_points = User.objects.filter(member_state=OuterRef("memberstate"), is_active=True, role=User.Role.FOCAL_POINT)
    through = Meeting.participating_states.through
    counts = dict(
        through.objects.filter(meeting__status__in=OPEN_MEETINGS)
        .exclude(Exists(focal_points))
        .values_list("meeting_id")
        .annotate(count=Count("pk"))
        .values_list("meeting_id", "count")
    )
    if not counts:
        return
    meetings = Meeting.objects.filter(pk__in=counts).select_related("body").order_by("body__code", "number")
    for meeting in meetings:
        yield AttentionLine(
            ngettext(
                "%(count)s participating State of the %(meeting)s has no focal point.",
                "%(count)s participating States of the %(meeting)s have no focal point.",
                counts[meeting.pk],
            )
            % {"count": counts[meeting.pk], "meeting": meeting.short_title()},
            reverse("invite_focal_point"),
            _("Invite a focal point"),
        )


def _transmittal_notes_out_of_date():
    questionnaires = (
        with_transmittal_state(Questionnaire.objects.filter(transmittal_note__isnull=False))
        .filter(posted_since_note__gt=0)
        .select_related("meeting__body", "transmittal_note")
        .order_by("meeting__body__code", "meeting__number")
    )
    for questionnaire in questionnaires:
        yield AttentionLine(
            ngettext(
                "The transmittal note %(symbol)s is out of date: %(count)s response was posted after %(as_of)s.",
                "The transmittal note %(symbol)s is out of date: %(count)s responses were posted after %(as_of)s.",
                questionnaire.posted_since_note,
            )
            % {
                "symbol": questionnaire.transmittal_note.symbol,
                "count": questionnaire.posted_since_note,
                "as_of": _long_datetime(questionnaire.transmittal_as_of),
            },
            _dashboard(questionnaire),
            _("Bring it up to date"),
        )


def _missing_translations():
    """Texts of the open meetings lacking a working language: the recommendations their questionnaires review,
    the questionnaires' introductions, the documents' titles. A line per kind of text and meeting, with the count
    per language."""
    meetings = list(Meeting.objects.filter(status__in=OPEN_MEETINGS).select_related("body", "questionnaire"))
    if not meetings:
        return
    languages = {code: str(name) for code, name in settings.CONTENT_LANGUAGES}
    reviewed = {}
    for meeting in meetings:
        questionnaire = getattr(meeting, "questionnaire", None)
        if questionnaire is not None:
            questionnaire.meeting = meeting
            reviewed[questionnaire.source_meeting_id] = questionnaire
    recommendations = {}
    for recommendation in Recommendation.objects.filter(meeting__in=reviewed).order_by("number"):
        recommendations.setdefault(recommendation.meeting_id, []).append(recommendation)
    documents = {}
    for document in Document.objects.filter(meeting__in=meetings).only(
        "meeting_id", *(f"title_{code}" for code in languages)
    ):
        documents.setdefault(document.meeting_id, []).append(document)

    def counted(objects, name, working):
        counts = dict.fromkeys(working, 0)
        for obj in objects:
            for code in missing_languages(obj, name, working):
                counts[code] += 1
        return ", ".join(f"{languages[code]} ({count})" for code, count in counts.items() if count)

    for meeting in sorted(meetings, key=lambda m: (m.body.code, m.number)):
        working = meeting.body.working_languages
        questionnaire = getattr(meeting, "questionnaire", None)
        if questionnaire is not None:
            missing = counted(recommendations.get(questionnaire.source_meeting_id, []), "text", working)
            if missing:
                yield AttentionLine(
                    _("Recommendations reviewed by the questionnaire of the %(meeting)s lack translations: %(counts)s.")
                    % {"meeting": meeting.short_title(), "counts": missing},
                    reverse(
                        "questionnaires:recommendations",
                        args=[meeting.body.code, questionnaire.source_meeting.number],
                    ),
                    _("Translate them"),
                )
            missing = [languages[code] for code in missing_languages(questionnaire, "introduction", working)]
            if missing and len(missing) < len(working):  # an introduction not written at all is not a translation
                yield AttentionLine(
                    _("The introduction of the questionnaire of the %(meeting)s lacks: %(languages)s.")
                    % {"meeting": meeting.short_title(), "languages": ", ".join(missing)},
                    reverse("questionnaires:edit", args=[meeting.body.code, meeting.number]),
                    _("Translate it"),
                )
        missing = counted(documents.get(meeting.pk, []), "title", working)
        if missing:
            yield AttentionLine(
                _("Titles of documents of the %(meeting)s lack a translation: %(counts)s.")
                % {"meeting": meeting.short_title(), "counts": missing},
                meeting.get_absolute_url(),
                _("See the documents"),
            )


def _failed_mail(user):
    failed = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.FAILED)
    by_questionnaire = dict(
        failed.filter(run__isnull=False)
        .values_list("run__questionnaire")
        .annotate(count=Count("pk"))
        .values_list("run__questionnaire", "count")
    )
    questionnaires = (
        Questionnaire.objects.filter(pk__in=by_questionnaire)
        .select_related("meeting__body")
        .order_by("meeting__body__code", "meeting__number")
        if by_questionnaire
        else []
    )
    for questionnaire in questionnaires:
        count = by_questionnaire[questionnaire.pk]
        yield AttentionLine(
            ngettext(
                "%(count)s message about the questionnaire of the %(meeting)s could not be sent.",
                "%(count)s messages about the questionnaire of the %(meeting)s could not be sent.",
                count,
            )
            % {"count": count, "meeting": questionnaire.meeting.short_title()},
            _dashboard(questionnaire),
            _("Retry the failed"),
            "danger",
        )
    others = failed.filter(run__isnull=True).count()
    if others:
        yield AttentionLine(
            ngettext(
                "%(count)s other message could not be sent.", "%(count)s other messages could not be sent.", others
            )
            % {"count": others},
            reverse("admin:accounts_outgoingemail_changelist") + "?status__exact=failed" if user.is_staff else "",
            _("See them") if user.is_staff else "",
            "danger",
        )


def _failed_print_jobs():
    """Failed print jobs not printed since (a later job of the same version and purpose, done or under way)."""
    later = PrintJob.objects.filter(
        document=OuterRef("document"),
        language=OuterRef("language"),
        purpose=OuterRef("purpose"),
        created_at__gt=OuterRef("created_at"),
    ).exclude(status=PrintJob.Status.FAILED)
    jobs = (
        PrintJob.objects.filter(status=PrintJob.Status.FAILED)
        .exclude(Exists(later))
        .select_related("document")
        .order_by("-created_at")[:FAILED_PRINT_JOBS_SHOWN]
    )
    for job in jobs:
        yield AttentionLine(
            _("The printing of %(symbol)s in %(language)s failed on %(at)s.")
            % {
                "symbol": job.document.symbol,
                "language": job.get_language_display(),
                "at": _long_datetime(job.finished_at or job.created_at),
            },
            job.get_absolute_url(),
            _("Print it again"),
            "danger",
        )


def _long_date(date):
    return wording.long_date(date, translation.get_language() or "en")


def _long_datetime(moment):
    return wording.long_datetime(moment, translation.get_language() or "en")
