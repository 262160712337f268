from django.db import models
from django.utils.translation import gettext_lazy as _


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

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agendas")

    def __str__(self):
        return str(_("Agenda of the %(meeting)s") % {"meeting": self.meeting.full_title()})

    def top_level_items(self):
        return [item for item in self.items.all() if item.parent_id is None]


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

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["agenda", "parent_id", "position"]

    def __str__(self):
        return f"{self.label()} {self.title}"

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

    Titles may name meetings with {meeting}, {previous_meeting} and {next_meeting}: each is replaced by
    the full title of that meeting, with its ordinal in words, in the language of the title.
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
