import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from meetings.languages import CONTENT_LANGUAGE_CODES

from .placeholders import MEETING_PLACEHOLDERS, check_placeholders


class Purpose(models.TextChoices):
    """What an item is for, so that the portal can find it (e.g. to file the transmittal note under it)."""

    NONE = "", _("Other")
    RECOMMENDATIONS_REVIEW = "recommendations", _("Implementation of the recommendations of the previous meeting")
    WORKING_GROUPS = "working_groups", _("Working groups")
    NEXT_MEETING = "next_meeting", _("Organization of the next meeting")


class Agenda(models.Model):
    """The agenda of a meeting: drafted, issued as the provisional agenda, then adopted at the meeting."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PROVISIONAL = "provisional", _("Provisional")
        ADOPTED = "adopted", _("Adopted")

    meeting = models.OneToOneField(
        "meetings.Meeting", verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    document = models.OneToOneField(
        "meetings.Document",
        verbose_name=_("issued as"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="issued_agenda",
    )
    organization_note = models.OneToOneField(
        "meetings.Document",
        verbose_name=_("note on the organization of this meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="annexed_agenda",
        help_text=_("The note of the previous meeting to which this draft agenda is annexed."),
    )

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agendas")

    def __str__(self):
        return str(_("Agenda of the %(meeting)s") % {"meeting": self.meeting.full_title()})


class AgendaItem(models.Model):
    """A numbered item of an agenda, or a sub-item of one."""

    agenda = models.ForeignKey(Agenda, verbose_name=_("agenda"), on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self", verbose_name=_("item"), on_delete=models.CASCADE, null=True, blank=True, related_name="sub_items"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=500)
    annotation = models.TextField(_("annotation"), blank=True)
    is_placeholder = models.BooleanField(
        _("placeholder"), default=False, help_text=_('Printed with "[to be determined]".')
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices, blank=True, default="")
    topic = models.ForeignKey(
        "Topic",
        verbose_name=_("working-group topic"),
        on_delete=models.RESTRICT,  # a topic on the agenda is taken off it first; its meeting may go with both
        null=True,
        blank=True,
        related_name="agenda_items",
        help_text=_("A sub-item on a working-group topic shows the topic's title."),
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["agenda", "parent_id", "position"]

    def __str__(self):
        return f"{self.label()} {self.display_title}"

    @property
    def display_title(self):
        """The title to show and print, in the active language: a topic's sub-item takes the topic's title."""
        return self.topic.title if self.topic_id else self.title

    def label(self, language="en"):
        """'7.' for an item; '(a)' in English and 'a)' in French and Spanish for a sub-item."""
        if self.parent_id is None:
            return f"{self.position}."
        letter = chr(ord("a") + self.position - 1)
        return f"({letter})" if language == "en" else f"{letter})"

    @property
    def number(self):
        return self.position if self.parent_id is None else None


class AgendaPatternItem(models.Model):
    """An item of a body's standard agenda, from which each meeting's draft agenda is generated.

    Titles may name meetings with the placeholders of agendas.placeholders: {meeting}, {previous_meeting} and
    {next_meeting} (the full titles), {next_meeting_short} ("fifty-ninth session"), {next_meeting_ordinal}, each
    with a grammatical case if the language needs one ({next_meeting_ordinal:genitive}); each is replaced by the
    name of that meeting in the language of the title.
    """

    body = models.ForeignKey(
        "meetings.Body", verbose_name=_("body"), on_delete=models.CASCADE, related_name="agenda_pattern"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=500)
    is_placeholder = models.BooleanField(_("placeholder"), default=False)
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices, blank=True, default="")

    class Meta:
        verbose_name = _("standard agenda item")
        verbose_name_plural = _("standard agenda items")
        ordering = ["body", "position"]

    def __str__(self):
        return f"{self.position}. {self.title}"

    def clean(self):
        for code in CONTENT_LANGUAGE_CODES:
            check_placeholders(getattr(self, f"title_{code}", ""), MEETING_PLACEHOLDERS)


# The placeholders that paragraphs of the note on organizing the next meeting may use (see NotePatternParagraph).
NOTE_PLACEHOLDERS = (
    "meeting",
    "meeting_short",
    "meeting_ordinal",
    "next_meeting",
    "next_meeting_short",
    "next_meeting_ordinal",
    "body",
    "commission",
    "commission_session_ordinal",
    "commission_year",
    "item_recommendations",
    "item_working_groups",
    "item_next_meeting",
    "offers",
)
# Those that may ask for a grammatical case, as {meeting_ordinal:genitive} (agendas.placeholders).
INFLECTED_NOTE_PLACEHOLDERS = (*MEETING_PLACEHOLDERS, "commission_session_ordinal")


def check_note_placeholders(text):
    """Raise ValidationError if `text` uses a placeholder that is not one of NOTE_PLACEHOLDERS, a case where none
    may be asked, or stray braces."""
    check_placeholders(text, NOTE_PLACEHOLDERS, inflected=INFLECTED_NOTE_PLACEHOLDERS)


class NotePatternParagraph(models.Model):
    """A standard paragraph of a body's note on organizing its next meeting, in each working language.

    The text may use the placeholders of NOTE_PLACEHOLDERS in braces, e.g. {next_meeting} (the next meeting's
    full title), {next_meeting_short} ('the Thirty-second Meeting'), {commission_session_ordinal},
    {commission_year} or {item_recommendations} (the item's number in the next meeting's draft agenda); each
    is filled with the meeting's data in the paragraph's language when the note is generated.
    """

    class Kind(models.TextChoices):
        ALWAYS = "always", _("Always printed")
        OFFERS = "offers", _("Only when offers to host were received by the note's date ({offers} lists them)")

    body = models.ForeignKey(
        "meetings.Body", verbose_name=_("body"), on_delete=models.CASCADE, related_name="note_pattern"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.ALWAYS)
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("standard paragraph of the note on organizing the next meeting")
        verbose_name_plural = _("standard paragraphs of the note on organizing the next meeting")
        ordering = ["body", "position"]

    def __str__(self):
        return f"{self.position}. {Truncator(self.text).chars(80)}"

    def clean(self):
        for code in CONTENT_LANGUAGE_CODES:
            check_note_placeholders(getattr(self, f"text_{code}", ""))


class MeetingNoteParagraph(models.Model):
    """A paragraph the secretariat writes for the note of one meeting on organizing the next, in each working
    language, placed after a standard paragraph of the body's note. It may use the same placeholders."""

    meeting = models.ForeignKey(
        "meetings.Meeting", verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="note_paragraphs"
    )
    after = models.PositiveSmallIntegerField(
        _("after standard paragraph"), help_text=_("The position of the standard paragraph it follows.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("paragraph of a meeting's note on organizing the next meeting")
        verbose_name_plural = _("paragraphs of a meeting's note on organizing the next meeting")
        ordering = ["meeting", "after", "position"]

    def __str__(self):
        return f"{self.after}.{self.position} {Truncator(self.text).chars(80)}"

    def clean(self):
        for code in CONTENT_LANGUAGE_CODES:
            check_note_placeholders(getattr(self, f"text_{code}", ""))


def note_verbale_path(offer, filename):
    # The stored name never reuses the uploaded one (kept in note_verbale_name for display).
    return f"offers/{offer.body_id}/{uuid.uuid4().hex}"


class HostOffer(models.Model):
    """An offer of a Government to host a meeting of a body: the next one, a given one, or a later one."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    body = models.ForeignKey("meetings.Body", verbose_name=_("body"), on_delete=models.PROTECT, related_name="offers")
    member_state = models.ForeignKey(
        "meetings.MemberState", verbose_name=_("member State"), on_delete=models.PROTECT, related_name="host_offers"
    )
    meeting_number = models.PositiveSmallIntegerField(
        _("meeting offered"), null=True, blank=True, help_text=_("Empty for an offer to host a later meeting.")
    )
    offered_on = models.DateField(_("date of the offer"))
    commission_session = models.PositiveSmallIntegerField(
        _("session of the Commission"), help_text=_("The session of the parent organ at which the offer is reported.")
    )
    remarks = models.TextField(_("remarks"), blank=True)
    note_verbale = models.FileField(_("note verbale"), upload_to=note_verbale_path, blank=True)
    note_verbale_name = models.CharField(_("file name"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("host-country offer")
        verbose_name_plural = _("host-country offers")
        ordering = ["body", "-commission_session", "offered_on"]

    def __str__(self):
        return str(_("Offer of %(state)s") % {"state": self.member_state})

    def get_absolute_url(self):
        return reverse("agendas:offer", kwargs={"pk": self.pk})

    def meeting_label(self, language=None):
        """'the Thirty-third Meeting' or 'a later meeting', in `language`."""
        from meetings.models import Meeting

        language = self.body.content_language(language)
        if self.meeting_number is None:
            return self.body.later_meeting_in(language)
        return Meeting(body=self.body, number=self.meeting_number).short_title(language)


class Topic(models.Model):
    """A working-group topic of a meeting: proposed in the consultation, selected for the agenda, under which
    the meeting adopts recommendations.

    The one record of a topic: the consultation's voices, the agenda's working-group sub-items and the
    recommendations point at it, so that a title changed here changes everywhere it is shown or printed.
    """

    meeting = models.ForeignKey(
        "meetings.Meeting", verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="topics"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("topic"), max_length=400)
    description = models.TextField(_("explanation"), blank=True)
    member_state = models.ForeignKey(
        "meetings.MemberState",
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty for a proposal of the secretariat."),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    selected = models.BooleanField(_("selected"), default=False, help_text=_("Placed on the agenda."))

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["meeting", "position", "pk"]

    def __str__(self):
        return self.title


class Consultation(models.Model):
    """The informal consultation of the participating States on the working-group topics of a meeting."""

    meeting = models.OneToOneField(
        "meetings.Meeting", verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="consultation"
    )
    closes_at = models.DateTimeField(_("closes"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opened by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    topics_applied_at = models.DateTimeField(_("topics placed on the agenda"), null=True, blank=True)

    class Meta:
        verbose_name = _("consultation on topics")
        verbose_name_plural = _("consultations on topics")

    def __str__(self):
        return str(_("Consultation on the topics of the %(meeting)s") % {"meeting": self.meeting.full_title()})

    @property
    def is_open(self):
        return timezone.now() < self.closes_at


class ConsultationVoice(models.Model):
    """The voice of one State in a consultation: the topics it supports. Any of its focal points may change it."""

    consultation = models.ForeignKey(
        Consultation, verbose_name=_("consultation"), on_delete=models.CASCADE, related_name="voices"
    )
    member_state = models.ForeignKey(
        "meetings.MemberState", verbose_name=_("member State"), on_delete=models.PROTECT, related_name="+"
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("topics supported"), related_name="voices", blank=True)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("given by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("voice of a State")
        verbose_name_plural = _("voices of States")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "member_state"], name="consultation_one_voice_per_state")
        ]

    def __str__(self):
        return f"{self.member_state} / {self.consultation}"
