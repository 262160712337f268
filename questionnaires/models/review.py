"""The review of a response: the secretariat's comments when it sends a response back, and the blocks a focal
point gives to contributors of the same State."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .cycle import Question, Response


class ReviewComment(models.Model):
    """A comment of the secretariat on a block of a response it sent back (or on the response as a whole), and the
    State's reply. Kept for good: the comments and replies of every round are the response's review history."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="review_comments"
    )
    question = models.ForeignKey(
        Question,
        verbose_name=_("question"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty for a comment on the response as a whole."),
    )
    round = models.PositiveSmallIntegerField(_("round"), help_text=_("Which sending back it belongs to: 1, 2…"))
    text = models.TextField(_("comment"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("at"), auto_now_add=True)
    reply = models.TextField(_("reply"), blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("replied by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["response", "round", "pk"]

    def __str__(self):
        return f"{self.response} ({self.round})"


class BlockAssignment(models.Model):
    """A block of a State's response given by a focal point to a contributor of the same State, who drafts it and
    marks it ready; only a focal point submits."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="assignments"
    )
    question = models.ForeignKey(Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="+")
    contributor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contributor"),
        on_delete=models.CASCADE,
        related_name="block_assignments",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assigned by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    assigned_at = models.DateTimeField(_("assigned"), auto_now_add=True)
    ready_at = models.DateTimeField(_("marked ready"), null=True, blank=True)

    class Meta:
        verbose_name = _("assigned block")
        verbose_name_plural = _("assigned blocks")
        ordering = ["response", "question__position"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="block_assigned_once"),
        ]

    def __str__(self):
        return f"{self.response} / {self.question} → {self.contributor}"
