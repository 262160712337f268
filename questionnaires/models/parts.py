"""The parts of the transmittal note kept printed: each posted response, in each language of the note."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from .cycle import Response


def part_path(part, filename):
    return f"transmittal-parts/{part.response.questionnaire_id}/{part.response_id}/{uuid.uuid4().hex}.pdf"


class PrintedPart(models.Model):
    """One State's response printed as a part of the annex of the transmittal note, in one language.

    Printed when the response is posted (in the background) and kept while what it prints is unchanged: `key` is
    the digest of all of it (questionnaires.transmittal_parts.part_key). A note is assembled from the parts of the
    responses it reproduces; the parts of a response reopened for its State are removed with it.
    """

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="printed_parts"
    )
    language = models.CharField(_("language"), max_length=7)
    key = models.CharField(_("key"), max_length=64)
    file = models.FileField(_("file"), upload_to=part_path)
    pages = models.PositiveIntegerField(_("pages"))
    printed_at = models.DateTimeField(_("printed"), auto_now_add=True)

    class Meta:
        verbose_name = _("printed part of the transmittal note")
        verbose_name_plural = _("printed parts of the transmittal note")
        constraints = [
            models.UniqueConstraint(fields=["response", "language", "key"], name="printed_part_once"),
        ]

    def __str__(self):
        return f"{self.response} ({self.language})"
