import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Continuation(models.TextChoices):
    """How a recommendation continues one of an earlier meeting."""

    REITERATED = "reiterated", _("Reiterated")
    UPDATED = "updated", _("Updated, with a new text")


class Recommendation(models.Model):
    """A recommendation adopted at a meeting, numbered within the meeting."""

    meeting = models.ForeignKey(
        "meetings.Meeting", verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="recommendations"
    )
    topic = models.ForeignKey(
        "agendas.Topic",
        verbose_name=_("topic"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recommendations",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"))
    # Threads of recommendations across the meetings of a body: a recommendation of a later meeting may continue
    # one of an earlier meeting, reiterating it or updating its text. Each is continued at most once, so a thread
    # is a chain (questionnaires.implementation.threads).
    continues = models.ForeignKey(
        "self",
        verbose_name=_("continues"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="continuations",
        help_text=_("The recommendation of an earlier meeting of the body that this one reiterates or updates."),
    )
    continuation = models.CharField(_("how it continues"), max_length=12, choices=Continuation.choices, blank=True)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="recommendation_unique_number"),
            # Continued at most once, by one recommendation of one later meeting: a thread is a chain.
            models.UniqueConstraint(fields=["continues"], name="recommendation_continued_once"),
            models.CheckConstraint(
                condition=Q(continues__isnull=True, continuation="")
                | (Q(continues__isnull=False) & ~Q(continuation="")),
                name="recommendation_continuation_with_its_kind",
            ),
        ]

    def __str__(self):
        return str(_("Recommendation %(number)s") % {"number": self.number})

    def clean(self):
        super().clean()
        earlier = self.continues
        if earlier is None:
            return
        if earlier.meeting.body_id != self.meeting.body_id or earlier.meeting.number >= self.meeting.number:
            raise ValidationError(
                {"continues": _("A recommendation continues one of an earlier meeting of the same body.")}
            )
        if not self.continuation:
            raise ValidationError({"continuation": _("Say whether the recommendation is reiterated or updated.")})


class Questionnaire(models.Model):
    """The questionnaire of a meeting on the implementation of the recommendations of the previous one."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    meeting = models.OneToOneField(
        "meetings.Meeting", verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="questionnaire"
    )
    source_meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting whose recommendations are reviewed"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    introduction = models.TextField(_("introduction"), blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    transmittal_generated_at = models.DateTimeField(_("transmittal note generated"), null=True, blank=True)
    transmittal_note = models.OneToOneField(
        "meetings.Document",
        verbose_name=_("transmittal note"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="transmitted_questionnaire",
    )

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")

    def __str__(self):
        return str(_("Questionnaire of the %(meeting)s") % {"meeting": self.meeting.full_title()})

    def get_absolute_url(self):
        return reverse(
            "questionnaires:dashboard", kwargs={"body": self.meeting.body.code, "number": self.meeting.number}
        )

    @property
    def is_open(self):
        return self.status == self.Status.OPEN

    @property
    def days_to_deadline(self):
        """Days from today to the deadline (negative once it has passed), or None without a deadline."""
        return None if self.deadline is None else (self.deadline - timezone.localdate()).days

    @property
    def is_overdue(self):
        """Open with its deadline passed: the responses still awaited are late."""
        return self.is_open and self.days_to_deadline is not None and self.days_to_deadline < 0

    @property
    def days_overdue(self):
        return -self.days_to_deadline if self.is_overdue else 0


class Question(models.Model):
    """A block of the questionnaire: on one recommendation (status and measures taken), or a general question."""

    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("recommendation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="questions",
    )
    text = models.TextField(_("question"), blank=True, help_text=_("For a general question."))

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["questionnaire", "position"]

    def __str__(self):
        if self.recommendation_id:
            return str(self.recommendation)
        return self.text

    @property
    def is_general(self):
        return self.recommendation_id is None


class ImplementationStatus(models.TextChoices):
    IMPLEMENTED = "implemented", _("Implemented")
    PARTIALLY = "partially", _("Partially implemented")
    NOT_YET = "not_yet", _("Not yet implemented")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class Response(models.Model):
    """The response of one member State to a questionnaire."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("status of a response", "Draft")
        SUBMITTED = "submitted", _("Submitted")
        POSTED = "posted", _("Posted")

    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.CASCADE, related_name="responses"
    )
    member_state = models.ForeignKey(
        "meetings.MemberState", verbose_name=_("member State"), on_delete=models.PROTECT, related_name="responses"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    language = models.CharField(
        _("language of the response"),
        max_length=8,
        choices=settings.CONTENT_LANGUAGES,
        blank=True,
        help_text=_("The working language the State answered in, printed after its name in the transmittal note."),
    )
    version = models.PositiveIntegerField(_("version"), default=0, help_text=_("Raised by every saved change."))
    updated_at = models.DateTimeField(_("last changed"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    posted_at = models.DateTimeField(_("posted"), null=True, blank=True)
    returned_at = models.DateTimeField(
        _("sent back"),
        null=True,
        blank=True,
        help_text=_("When the secretariat last sent the response back with comments; empty once resubmitted."),
    )

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["questionnaire", "member_state__name"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "member_state"], name="response_one_per_state"),
        ]

    def __str__(self):
        return str(_("Response of %(state)s") % {"state": self.member_state})


class Answer(models.Model):
    response = models.ForeignKey(Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, verbose_name=_("question"), on_delete=models.PROTECT, related_name="answers")
    status = models.CharField(
        _("status of implementation"), max_length=20, choices=ImplementationStatus.choices, blank=True
    )
    text = models.TextField(_("measures taken"), blank=True)
    updated_at = models.DateTimeField(_("last changed"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last written by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Carried forward: the State's answer of the previous cycle to the recommendation this one continues, and what
    # it said then (kept here, as the previous response may later change). Until confirmed or changed, a carried
    # answer holds back the submission.
    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("carried forward from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    carried_status = models.CharField(
        _("status carried forward"), max_length=20, choices=ImplementationStatus.choices, blank=True
    )
    carried_text = models.TextField(_("measures carried forward"), blank=True)
    confirmed_at = models.DateTimeField(_("confirmed or updated"), null=True, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_one_per_question"),
        ]
        indexes = [
            # The status beside the keys: the dashboard counts the statuses of a questionnaire's answers (some 8,000
            # at the United Nations) from this index alone, without reading the answers' texts. A plain index, not
            # the unique constraint's INCLUDE, which SQLite does not know: there, it would drop the constraint.
            models.Index(fields=["response", "question", "status"], name="answer_status_per_question"),
        ]

    def __str__(self):
        return f"{self.response} / {self.question}"

    @property
    def awaits_confirmation(self):
        """Carried forward from the previous cycle and not yet confirmed or changed."""
        return self.carried_from_id is not None and self.confirmed_at is None


class ResponseVersion(models.Model):
    """A saved state of a response: kept for every change, with who and when."""

    class Event(models.TextChoices):
        SAVED = "saved", _("Draft saved")
        SUBMITTED = "submitted", _("Submitted")
        REOPENED = "reopened", _("Reopened")
        POSTED = "posted", _("Posted")
        UNPOSTED = "unposted", _("Withdrawn from the secure page")
        SENT_BACK = "sent_back", _("Sent back with comments")

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    event = models.CharField(_("event"), max_length=10, choices=Event.choices)
    snapshot = models.JSONField(_("content"))
    reason = models.TextField(_("reason"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("response version")
        verbose_name_plural = _("response versions")
        ordering = ["response", "-pk"]

    def __str__(self):
        return f"{self.response} v{self.number} ({self.get_event_display()})"


def attachment_path(attachment, filename):
    # The stored name never reuses the uploaded one; it is kept in original_name for display only.
    return f"responses/{attachment.response.questionnaire_id}/{attachment.response_id}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["response", "uploaded_at"]

    def __str__(self):
        return self.original_name


class MessageRun(models.Model):
    """One sending of invitations or of reminders: its messages are rows of the outbox (accounts.OutgoingEmail)."""

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("Invitation")
        REMINDER = "reminder", _("Reminder")

    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.CASCADE, related_name="message_runs"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("message run")
        verbose_name_plural = _("message runs")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"
