from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from . import wording

LANGUAGE_CHOICES = settings.LANGUAGES


class MemberState(models.Model):
    """A Member State of the United Nations, named as in the UN terminology database."""

    class Region(models.TextChoices):
        AFRICA = "africa", _("African States")
        ASIA_PACIFIC = "asia_pacific", _("Asia-Pacific States")
        EASTERN_EUROPE = "eastern_europe", _("Eastern European States")
        LATIN_AMERICA_CARIBBEAN = "latin_america_caribbean", _("Latin American and Caribbean States")
        WESTERN_EUROPE_OTHERS = "western_europe_others", _("Western European and other States")

    code = models.CharField(_("ISO 3166 alpha-3 code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=100)
    region = models.CharField(_("regional group"), max_length=30, choices=Region.choices)

    class Meta:
        verbose_name = _("member State")
        verbose_name_plural = _("member States")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Body(models.Model):
    """A meeting series, such as HONLAC, with its symbol prefix, working languages and participating States."""

    code = models.SlugField(_("code"), max_length=20, unique=True, allow_unicode=False)
    title = models.CharField(
        _("title"),
        max_length=300,
        help_text=_(
            'Without the ordinal, e.g. "Meeting of Heads of National Drug Law Enforcement Agencies, '
            'Latin America and the Caribbean".'
        ),
    )
    meeting_noun = models.CharField(
        _("name of one meeting"), max_length=60, help_text=_('The word that follows the ordinal, e.g. "Meeting".')
    )
    symbol_prefix = models.CharField(_("document symbol prefix"), max_length=40, unique=True)
    working_languages = models.JSONField(_("working languages"), default=list)
    original_language = models.CharField(
        _("usual original language"), max_length=8, choices=LANGUAGE_CHOICES, default="en"
    )
    parent_organ = models.CharField(_("parent organ"), max_length=200)
    member_states = models.ManyToManyField(
        MemberState, verbose_name=_("participating member States"), related_name="bodies", blank=True
    )

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["code"]

    def __str__(self):
        return self.code.upper()

    def clean(self):
        known = {code for code, _name in LANGUAGE_CHOICES}
        if not self.working_languages or not set(self.working_languages) <= known:
            raise ValidationError({"working_languages": _("Choose working languages among those of the portal.")})

    @property
    def display_code(self):
        return self.code.upper()


class Meeting(models.Model):
    """The Nth meeting of a body."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        CONVENED = "convened", _("Convened")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="meetings")
    number = models.PositiveSmallIntegerField(_("number"))
    host_state = models.ForeignKey(
        MemberState,
        verbose_name=_("host State"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_meetings",
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    participating_states = models.ManyToManyField(
        MemberState, verbose_name=_("participating States"), related_name="meetings", blank=True
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["body__code", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="meeting_unique_number_per_body"),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date"))
                | models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True),
                name="meeting_ends_after_start",
                violation_error_message=_("A meeting cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return self.full_title()

    def get_absolute_url(self):
        return reverse("meetings:detail", kwargs={"body": self.body.code, "number": self.number})

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("A meeting cannot end before it starts.")})

    def ordinal(self, language=None):
        return wording.meeting_ordinal(self.number, language or translation.get_language() or "en")

    def short_title(self, language=None):
        """'Thirty-first Meeting', 'trente et unième Réunion', as written inside a sentence."""
        language = language or translation.get_language() or "en"
        with translation.override(language):
            return f"{self.ordinal(language)} {self.body.meeting_noun}"

    def full_title(self, language=None):
        """The ordinal in words followed by the body's title, as written inside a sentence."""
        language = language or translation.get_language() or "en"
        with translation.override(language):
            return f"{self.ordinal(language)} {self.body.title}"

    def heading(self, language=None):
        """The full title as it starts a heading."""
        return capfirst(self.full_title(language))

    def place_and_dates(self, language=None):
        language = language or translation.get_language() or "en"
        dates = wording.date_range(self.start_date, self.end_date, language)
        return ", ".join(part for part in (self.city_in(language), dates) if part)

    def city_in(self, language):
        with translation.override(language):
            return self.city


class Document(models.Model):
    """An official paper of a meeting, with its symbol and one version per working language."""

    class Kind(models.TextChoices):
        NOTE = "note", _("Note by the Secretariat")
        AGENDA = "agenda", _("Provisional agenda and annotations")
        REPORT = "report", _("Report")
        CONFERENCE_ROOM_PAPER = "crp", _("Conference room paper")
        INFORMATION_PAPER = "inf", _("Information paper")
        OTHER = "other", _("Other document")

    class PrintedAs(models.TextChoices):
        """Each is a kind of printed document of honlac.printing.PRINTED_KINDS."""

        TEXT = "text", _("Its text")
        AGENDA = "agenda", _("The provisional agenda")
        ORGANIZATION_NOTE = "organization_note", _("The note on organizing the next meeting")
        TRANSMITTAL_NOTE = "transmittal_note", _("The transmittal note of the responses")

    class Distribution(models.TextChoices):
        GENERAL = "general", _("General")
        LIMITED = "limited", _("Limited")
        RESTRICTED = "restricted", _("Restricted")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NOTE)
    number = models.PositiveSmallIntegerField(_("number in its series"), editable=False)
    symbol = models.CharField(_("symbol"), max_length=80, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=400)
    distribution = models.CharField(
        _("distribution"), max_length=20, choices=Distribution.choices, default=Distribution.GENERAL
    )
    original_language = models.CharField(_("original language"), max_length=8, choices=LANGUAGE_CHOICES, default="en")
    issue_date = models.DateField(_("date of issue"), null=True, blank=True)
    job_number = models.CharField(
        _("job number"),
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(
                r"^[A-Z0-9][A-Z0-9.-]*$",
                _("Capital letters, figures, points and hyphens only, as in V.23-12345."),
            )
        ],
        help_text=_(
            "Given by the documents service, e.g. V.23-12345: printed at the foot of the first page with the "
            "letter of each language, and as a barcode."
        ),
    )
    agenda_item = models.ForeignKey(
        "agendas.AgendaItem",
        verbose_name=_("agenda item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        help_text=_("The item of the meeting's provisional agenda under which the document is issued."),
    )
    text = models.TextField(
        _("text"),
        blank=True,
        help_text=_("Markdown. Each paragraph is numbered when printed; ^[text] makes a footnote."),
    )
    printed_as = models.CharField(
        _("printed as"),
        max_length=40,
        choices=PrintedAs.choices,
        default=PrintedAs.TEXT,
        editable=False,
        help_text=_("What the printed versions are made from: the text, or the portal's data (honlac/printing.py)."),
    )
    annex_title = models.CharField(_("annex title"), max_length=400, blank=True)
    annex = models.TextField(_("annex"), blank=True, help_text=_("Markdown, printed on its own page."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["meeting", "kind", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "kind", "number"], name="document_unique_number"),
        ]

    def __str__(self):
        return f"{self.symbol} {self.title}"

    def get_absolute_url(self):
        return reverse("meetings:document", kwargs={"pk": self.pk})


class Symbol(models.Model):
    """A symbol of a meeting's series, given once and never again: the registry of the meeting's symbols.

    /1 is held for the provisional agenda from the meeting's creation (`reserved`) until the agenda is issued; a
    deleted document leaves its entry, without the document, so that its symbol is not given again
    (meetings.symbols).
    """

    class Series(models.TextChoices):
        DOCUMENTS = "documents", _("Documents")
        CONFERENCE_ROOM_PAPERS = "crp", _("Conference room papers")
        INFORMATION_PAPERS = "inf", _("Information papers")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="symbols")
    series = models.CharField(_("series"), max_length=20, choices=Series.choices)
    number = models.PositiveSmallIntegerField(_("number in its series"))
    symbol = models.CharField(_("symbol"), max_length=80, unique=True)
    document = models.OneToOneField(
        Document,
        verbose_name=_("document"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registered_symbol",
    )
    reserved = models.BooleanField(
        _("reserved for the provisional agenda"),
        default=False,
        help_text=_("Held for the meeting's provisional agenda until it is issued."),
    )
    created_at = models.DateTimeField(_("given"), auto_now_add=True)

    class Meta:
        verbose_name = _("symbol")
        verbose_name_plural = _("symbols")
        ordering = ["meeting", "series", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "series", "number"], name="symbol_unique_number_per_series"),
        ]

    def __str__(self):
        return self.symbol


class DocumentFile(models.Model):
    """One language version of a document, as a finished file (uploaded, or generated by the portal)."""

    document = models.ForeignKey(Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="files")
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)
    file = models.FileField(_("file"), upload_to="documents/%Y/")
    generated = models.BooleanField(_("generated by the portal"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.SET_NULL, null=True, blank=True
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now=True)

    class Meta:
        verbose_name = _("document file")
        verbose_name_plural = _("document files")
        constraints = [models.UniqueConstraint(fields=["document", "language"], name="document_file_per_language")]

    def __str__(self):
        return f"{self.document.symbol} ({self.language})"


class PrintJob(models.Model):
    """The printing of one language version of a document in the background, for documents that take long.

    The worker that prints beats `heartbeat_at` every few seconds; a running job whose heartbeat stopped lost its
    worker (killed, or its machine stopped) and is queued again (meetings.print_jobs), up to MAX_ATTEMPTS.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Printing")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    class Stage(models.TextChoices):
        WAITING = "waiting", _("Waiting for the printer")
        PREPARING = "preparing", _("Preparing the text")
        LAYING_OUT = "laying_out", _("Laying out the pages")
        WRITING = "writing", _("Writing the PDF")
        STORING = "storing", _("Storing the file")
        DONE = "done", _("Ready")
        INTERRUPTED = "interrupted", _("Interrupted")

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="print_jobs"
    )
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.WAITING)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(
        _("attempts"), default=0, help_text=_("Times it was given to the worker.")
    )
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    timeline = models.JSONField(_("timeline"), default=list, blank=True, help_text=_("Each stage and when it began."))
    task_id = models.CharField(_("background task"), max_length=64, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("print job")
        verbose_name_plural = _("print jobs")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="print_job_liveness")]

    def __str__(self):
        return f"{self.document.symbol} ({self.language}): {self.get_status_display()}"

    def get_absolute_url(self):
        return reverse("meetings:print_job", kwargs={"pk": self.pk})

    @property
    def interruptions(self):
        return sum(1 for entry in self.timeline if entry.get("stage") == self.Stage.INTERRUPTED)
