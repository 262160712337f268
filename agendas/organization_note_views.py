"""The page action that creates the note on organizing the next meeting, or generates its text again."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View

from . import organization_note
from .views import AgendaActionMixin


class OrganizationNoteView(AgendaActionMixin, View):
    """Create the note on organizing the next meeting, or generate its paragraphs again."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            document = organization_note.generate_organization_note(
                self.get_meeting(), by=request.user, replace_text="replace_text" in request.POST
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.get_meeting())
        messages.success(
            request,
            _("The note %(symbol)s is ready; its text can be edited in each language.") % {"symbol": document.symbol},
        )
        return redirect("meetings:document_edit", document.pk)
