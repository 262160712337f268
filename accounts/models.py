from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .salutation import Title


class User(AbstractUser):
    """A person who signs in: secretariat staff, or a focal point of exactly one member State.

    Administrators are superusers; they may also carry a role.
    """

    class Role(models.TextChoices):
        SECRETARIAT = "secretariat", _("Secretariat")
        FOCAL_POINT = "focal_point", _("Focal point of a member State")
        # A colleague of a focal point, invited by them: drafts the blocks of the State's response given to them.
        CONTRIBUTOR = "contributor", _("Contributor of a member State")

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.FOCAL_POINT)
    member_state = models.ForeignKey(
        "meetings.MemberState",
        verbose_name=_("member State"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="focal_points",
        help_text=_("Required for focal points; empty for secretariat staff."),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language of the messages the portal sends to this person."),
    )
    title = models.CharField(
        pgettext_lazy("of a person", "title"),
        max_length=10,
        choices=Title.choices,
        blank=True,
        default=Title.NONE,
        help_text=_("How messages greet this person, with their family name: Dear Ms. Pérez, Estimada Sra. Pérez."),
    )
    # The sign-in before the current one: the home page shows what was issued since (last_login is already the
    # current sign-in by the time the page is seen).
    previous_login = models.DateTimeField(_("previous sign-in"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role="secretariat", member_state__isnull=True)
                    | Q(role__in=["focal_point", "contributor"], member_state__isnull=False)
                )
                | Q(is_superuser=True),
                name="user_role_matches_member_state",
                violation_error_message=_(
                    "A focal point or a contributor needs a member State; secretariat staff have none."
                ),
            )
        ]

    def __str__(self):
        full_name = self.get_full_name()
        return f"{full_name} ({self.username})" if full_name else self.username

    @property
    def is_contributor(self):
        return self.is_active and self.role == self.Role.CONTRIBUTOR and self.member_state_id is not None

    @property
    def is_secretariat(self):
        return self.is_active and (self.is_superuser or self.role == self.Role.SECRETARIAT)


class AuditEvent(models.Model):
    """Who did what, to which object, and when: written by `accounts.audit.log_action` in the transaction of the
    action itself; never changed afterwards. `action` is a dotted name of `accounts.audit.ACTIONS`."""

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_name = models.CharField(_("user name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=60, db_index=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("type of object"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("object number"), null=True, blank=True)
    object = GenericForeignKey("content_type", "object_id")
    # The object's name when the event happened: still readable once the object is deleted or renamed.
    target = models.CharField(_("object"), max_length=300, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="auditevent_object")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.target}"


class OutgoingEmail(models.Model):
    """The outbox: one row per message the portal sends (invitations and reminders of a questionnaire, links to
    choose a password, anything else). Queued by an action, sent after it commits by a background sender that
    claims the row, and marked sent in its own transaction once the mail server accepted it (accounts/mail.py)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    to = models.EmailField(_("to"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=8, blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    attachments = models.JSONField(
        _("attachments"),
        default=list,
        blank=True,
        help_text=_("Documents printed when the message is sent: kind, source, language and file name of each."),
    )
    run = models.ForeignKey(
        "questionnaires.MessageRun",
        verbose_name=_("run"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="messages",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("taken by a sender"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "claimed_at"], name="outgoing_email_claimable")]
        constraints = [
            models.UniqueConstraint(fields=["run", "recipient"], name="outgoing_email_one_per_recipient_of_run")
        ]

    def __str__(self):
        return f"{self.to}: {self.subject}"
