"""Generating the documents made from a questionnaire's responses: the transmittal note, the compiled analysis."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View

from . import analysis, transmittal
from .views import QuestionnaireMixin, SecretariatMixin


class TransmittalNoteView(SecretariatMixin, QuestionnaireMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            document = transmittal.generate_transmittal_note(self.get_questionnaire(), by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("questionnaires:dashboard", self.kwargs["body"], self.kwargs["number"])
        messages.success(
            request,
            _("%(symbol)s is up to date, a draft: check it, then issue it from this page.")
            % {"symbol": document.symbol},
        )
        return HttpResponseRedirect(document.get_absolute_url())


class AnalysisView(SecretariatMixin, QuestionnaireMixin, View):
    """Compile the analysis of the posted responses, or bring it up to date (a revision once issued)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            document = analysis.generate_analysis(self.get_questionnaire(), by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("questionnaires:dashboard", self.kwargs["body"], self.kwargs["number"])
        messages.success(
            request,
            _("%(symbol)s is compiled from the responses posted until now, a draft: check it, then issue it here.")
            % {"symbol": document.symbol},
        )
        return HttpResponseRedirect(document.get_absolute_url())
