"""The secretariat's questionnaire pages (the questionnaire, its follow-up, the export) and the blank questionnaire.

The other concerns have their pages beside their actions: recommendations_views.py, responses_views.py,
runs_views.py (mail runs) and transmittal_views.py.
"""

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView, UpdateView
from rules.contrib.views import PermissionRequiredMixin

from accounts.models import OutgoingEmail
from honlac import printing
from honlac.confirmation import ConfirmationMixin
from honlac.permissions import VisibleObjectMixin
from meetings.views import MeetingLookupMixin
from meetings.wording import long_date

from . import analysis, confirmations, exports, rows, services
from .forms import GeneralQuestionFormSet, QuestionnaireForm, ReopenForm
from .models import ImplementationStatus, Question, Questionnaire, Response
from .rules import questionnaires_visible_to
from .summary import recommendation_summary
from .transmittal import with_transmittal_state

Outbox = OutgoingEmail.Status

# Secretariat pages ---------------------------------------------------------------------------------------------


class SecretariatMixin(PermissionRequiredMixin):
    permission_required = "questionnaires.manage"


class QuestionnaireMixin(MeetingLookupMixin):
    def get_questionnaire(self):
        if not hasattr(self, "_questionnaire"):
            self._questionnaire = get_object_or_404(
                Questionnaire.objects.select_related("source_meeting__body", "transmittal_note"),
                meeting=self.get_meeting(),
            )
            self._questionnaire.meeting = self.get_meeting()
        return self._questionnaire


class DashboardView(SecretariatMixin, MeetingLookupMixin, TemplateView):
    """The secretariat's follow-up of a questionnaire: every State's status, the summary, the mail runs."""

    template_name = "questionnaires/dashboard.html"

    def get_context_data(self, **kwargs):
        meeting = self.get_meeting()
        questionnaire = (
            with_transmittal_state(Questionnaire.objects.filter(meeting=meeting))
            .select_related("source_meeting__body", "transmittal_note")
            .first()
        )
        context = {"meeting": meeting, "questionnaire": questionnaire}
        if questionnaire is not None:
            questionnaire.meeting = meeting
            statuses = services.state_statuses(questionnaire)
            counts = dict.fromkeys(("none", *Response.Status.values), 0)
            for _state, response in statuses:
                counts[response.status if response else "none"] += 1
            context.update(
                statuses=statuses,
                rows=rows.dashboard_rows(statuses, body=meeting.body, language=translation.get_language() or "en"),
                counts=counts,
                summary=recommendation_summary(questionnaire),
                status_labels=ImplementationStatus.labels,
                runs=run_progress(questionnaire),
                now_moment=timezone.now(),
                failed_messages=OutgoingEmail.objects.filter(
                    run__questionnaire=questionnaire, status=Outbox.FAILED
                ).select_related("recipient__member_state", "run")[:FAILED_MESSAGES_SHOWN],
                reopen_form=ReopenForm(),
                languages=meeting.body.working_languages,
                **analysis.dashboard_state(questionnaire),
            )
        return super().get_context_data(**context, **kwargs)


FAILED_MESSAGES_SHOWN = 50


def run_progress(questionnaire):
    """The mail runs of `questionnaire`, each with its messages counted by state and `done_percent`, the share
    of them the sender is through with (sent or failed), for its progress bar. One query."""
    runs = list(
        questionnaire.message_runs.annotate(
            total=Count("messages"),
            queued=Count("messages", filter=Q(messages__status__in=[Outbox.QUEUED, Outbox.SENDING])),
            sent=Count("messages", filter=Q(messages__status=Outbox.SENT)),
            failed=Count("messages", filter=Q(messages__status=Outbox.FAILED)),
        ).select_related("created_by")
    )
    for run in runs:
        run.done_percent = round(100 * (run.sent + run.failed) / run.total) if run.total else 100
    return runs


class GenerateQuestionnaireView(SecretariatMixin, MeetingLookupMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.generate_questionnaire(self.get_meeting(), by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The questionnaire was generated. Add its introduction and deadline."))
        return redirect("questionnaires:dashboard", self.kwargs["body"], self.kwargs["number"])


class QuestionnaireUpdateView(SecretariatMixin, QuestionnaireMixin, UpdateView):
    form_class = QuestionnaireForm
    template_name = "questionnaires/questionnaire_form.html"

    def get_object(self, queryset=None):
        return self.get_questionnaire()

    def get_formset(self):
        return GeneralQuestionFormSet(
            self.request.POST or None,
            instance=self.object,
            queryset=Question.objects.filter(recommendation__isnull=True),
            prefix="questions",
            form_kwargs={"languages": self.get_meeting().body.working_languages},
        )

    def get_context_data(self, **kwargs):
        kwargs.setdefault("formset", self.get_formset())
        return super().get_context_data(meeting=self.get_meeting(), **kwargs)

    def form_valid(self, form):
        formset = self.get_formset()
        if not formset.is_valid():
            return self.render_to_response(self.get_context_data(form=form, formset=formset))
        general_questions = formset.save(commit=False)
        self.object = services.update_questionnaire(
            form.save(commit=False),
            general_questions=general_questions,
            removed_questions=formset.deleted_objects,
            by=self.request.user,
        )
        messages.success(self.request, _("The questionnaire was saved."))
        return redirect("questionnaires:dashboard", self.kwargs["body"], self.kwargs["number"])


class QuestionnaireStatusView(SecretariatMixin, QuestionnaireMixin, ConfirmationMixin, View):
    """GET ?status=open|closed|draft: what the change will do (and, before opening, the texts missing in a working
    language); POST does it."""

    def status(self):
        status = (self.request.POST if self.request.method == "POST" else self.request.GET).get("status")
        if status not in Questionnaire.Status.values:
            raise Http404
        return status

    def get_confirmation(self):
        return confirmations.status_change(self.get_questionnaire(), status=self.status())

    def get_confirmation_context(self):
        return {"meeting": self.get_meeting()}

    def post(self, request, *args, **kwargs):
        status = self.status()
        try:
            questionnaire = services.set_questionnaire_status(self.get_questionnaire(), status=status, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if status == Questionnaire.Status.OPEN:
                message = _("The questionnaire is open for responses until %(date)s.") % {
                    "date": long_date(questionnaire.deadline, request.LANGUAGE_CODE)
                }
            elif status == Questionnaire.Status.CLOSED:
                message = _("The questionnaire is closed: the States can no longer respond.")
            else:
                message = _("The questionnaire is a draft again.")
            messages.success(request, message)
        return redirect("questionnaires:dashboard", self.kwargs["body"], self.kwargs["number"])


class ExportView(SecretariatMixin, QuestionnaireMixin, View):
    def get(self, request, *args, **kwargs):
        if kwargs["format"] not in ("csv", "xlsx"):
            raise Http404
        questionnaire = self.get_questionnaire()
        name = f"{questionnaire.meeting.body.code}-{questionnaire.meeting.number}-responses"
        if kwargs["format"] == "xlsx":
            http_response = HttpResponse(
                exports.responses_xlsx(questionnaire),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            http_response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
            return http_response
        http_response = HttpResponse(content_type="text/csv; charset=utf-8")
        http_response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        http_response.write("\ufeff")  # lets spreadsheet programs read UTF-8
        writer = csv.writer(http_response)
        writer.writerows(exports.responses_rows(questionnaire))
        return http_response


# Participants' pages -------------------------------------------------------------------------------------------


class ParticipantMixin(VisibleObjectMixin):
    """The questionnaire of a meeting, for its participants once issued, and the secretariat; anyone else gets
    404, anonymous users the login."""

    visible_to = staticmethod(questionnaires_visible_to)
    url_lookup = {"meeting__body__code__iexact": "body", "meeting__number": "number"}

    def get_queryset(self):
        return super().get_queryset().select_related("meeting__body", "source_meeting__body", "transmittal_note")

    def get_questionnaire(self):
        return self.get_object()


class BlankQuestionnaireView(ParticipantMixin, View):
    def get(self, request, *args, **kwargs):
        questionnaire = self.get_questionnaire()
        language = kwargs["language"]
        if language not in printing.languages("blank_questionnaire", questionnaire):
            raise Http404
        http_response = HttpResponse(
            printing.render("blank_questionnaire", questionnaire, language=language), content_type="application/pdf"
        )
        meeting = questionnaire.meeting
        http_response["Content-Disposition"] = (
            f'inline; filename="{meeting.body.code}-{meeting.number}-questionnaire-{language}.pdf"'
        )
        return http_response
