"""Documents of meetings: their symbols, language versions and print jobs."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .meetings import LANGUAGE_CHOICES, Meeting


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
        ANALYSIS = "analysis", _("The compiled analysis of the responses")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")

    class Relation(models.TextChoices):
        """What a document is to the document it belongs to (its `parent`), as at the United Nations."""

        REVISION = "rev", _("Revision")
        CORRIGENDUM = "corr", _("Corrigendum")
        ADDENDUM = "add", _("Addendum")

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
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        editable=False,
        help_text=_("Issued once one of its language versions is issued (meetings.issuing)."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("belongs to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="children",
        help_text=_("The document this one revises, corrects or adds to."),
    )
    relation = models.CharField(
        _("relation to that document"), max_length=4, choices=Relation.choices, blank=True, editable=False
    )
    relation_number = models.PositiveSmallIntegerField(_("number of the relation"), null=True, editable=False)
    languages = models.JSONField(
        _("language versions"),
        default=list,
        blank=True,
        editable=False,
        help_text=_("The languages it is issued in, when not all the working languages (a corrigendum)."),
    )
    reissued_on = models.DateField(_("reissued for technical reasons on"), null=True, blank=True, editable=False)
    data_as_of = models.DateTimeField(
        _("data as of"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The moment of the data it reproduces (the responses of a transmittal note)."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["meeting", "kind", "number", "relation", "relation_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "kind", "number"],
                condition=models.Q(parent__isnull=True),
                name="document_unique_number",
            ),
            models.UniqueConstraint(
                fields=["parent", "relation", "relation_number"],
                condition=models.Q(parent__isnull=False),
                name="document_unique_relation_number",
            ),
        ]

    def __str__(self):
        return f"{self.symbol} {self.title}"

    def get_absolute_url(self):
        return reverse("meetings:document", kwargs={"pk": self.pk})

    @property
    def is_issued(self):
        return self.status == self.Status.ISSUED

    def version_languages(self):
        """The working languages it has versions in: all of its body's, or those of a corrigendum."""
        working = self.meeting.body.working_languages
        return [code for code in working if code in self.languages] if self.languages else list(working)


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
        REVISIONS = "rev", _("Revisions")
        CORRIGENDA = "corr", _("Corrigenda")
        ADDENDA = "add", _("Addenda")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="symbols")
    series = models.CharField(_("series"), max_length=20, choices=Series.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("symbol it extends"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="extensions",
        help_text=_("For /Rev.1, /Corr.1 and /Add.1: the symbol they are added to."),
    )
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
            models.UniqueConstraint(
                fields=["meeting", "series", "number"],
                condition=models.Q(parent__isnull=True),
                name="symbol_unique_number_per_series",
            ),
            models.UniqueConstraint(
                fields=["parent", "series", "number"],
                condition=models.Q(parent__isnull=False),
                name="symbol_unique_extension_number",
            ),
        ]

    def __str__(self):
        return self.symbol


class DocumentFile(models.Model):
    """One language version of a document, as a finished file (uploaded, or generated by the portal).

    Once `issued_at` is set the file is the record of that version: served byte for byte, never replaced but by a
    reissue, which keeps it with `superseded_at` (meetings.issuing). Before, a generated file is a draft print
    kept while the document does not change.
    """

    document = models.ForeignKey(Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="files")
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)
    file = models.FileField(_("file"), upload_to="documents/%Y/")
    generated = models.BooleanField(_("generated by the portal"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.SET_NULL, null=True, blank=True
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now=True)
    issued_at = models.DateTimeField(_("issued"), null=True, blank=True, editable=False)
    superseded_at = models.DateTimeField(_("replaced by a reissue"), null=True, blank=True, editable=False)
    sha256 = models.CharField(_("SHA-256 of the issued file"), max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("document file")
        verbose_name_plural = _("document files")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "language"],
                condition=models.Q(superseded_at__isnull=True),
                name="document_file_per_language",
            )
        ]

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

    class Purpose(models.TextChoices):
        DRAFT = "draft", _("A draft, from the data of now")
        ISSUE = "issue", _("The issued version")
        REISSUE = "reissue", _("A reissue for technical reasons")

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
    purpose = models.CharField(_("purpose"), max_length=10, choices=Purpose.choices, default=Purpose.DRAFT)
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
