"""The States' responses: a focal point's way in, reading, editing, submitting, reopening, posting, attachments,
versions, and the meeting's secure page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import TemplateView

from honlac.confirmation import Confirmation, ConfirmationMixin
from honlac.permissions import VisibleObjectMixin
from meetings.models import Document
from meetings.rules import documents_visible_to, meetings_taken_part_in
from meetings.wording import long_datetime

from . import carry, comments, confirmations, responses, rows
from .forms import AttachmentForm, ReopenForm
from .models import Attachment, Response
from .rules import can_edit_response, questionnaires_visible_to, response_lock_reason, responses_visible_to
from .views import ParticipantMixin, QuestionnaireMixin, SecretariatMixin


class PostAllView(SecretariatMixin, QuestionnaireMixin, ConfirmationMixin, View):
    """GET lists the States whose submitted responses will be posted; POST posts them."""

    def get_confirmation(self):
        return confirmations.post_all(self.get_questionnaire())

    def get_confirmation_context(self):
        return {"meeting": self.get_meeting()}

    def post(self, request, *args, **kwargs):
        count = responses.post_responses(self.get_questionnaire(), by=request.user)
        messages.success(
            request,
            ngettext(
                "%(count)s response was posted on the secure page.",
                "%(count)s responses were posted on the secure page.",
                count,
            )
            % {"count": count},
        )
        return redirect("questionnaires:dashboard", self.kwargs["body"], self.kwargs["number"])


class MyResponseView(ParticipantMixin, View):
    """A focal point's way in: the response of their own State, created on first visit."""

    def get(self, request, *args, **kwargs):
        if request.user.member_state_id is None:
            return redirect("questionnaires:dashboard", self.kwargs["body"], self.kwargs["number"])
        questionnaire = self.get_questionnaire()
        response = responses.response_for(questionnaire, request.user.member_state, by=request.user)
        if not can_edit_response(request.user, response):
            return redirect("questionnaires:response", response.pk)  # nothing to edit: read it
        return redirect("questionnaires:response_edit", response.pk)


class SecurePageView(VisibleObjectMixin, TemplateView):
    """The meeting's secure page: the posted responses, readable by every participant."""

    template_name = "questionnaires/secure_page.html"
    visible_to = staticmethod(meetings_taken_part_in)
    url_lookup = {"body__code__iexact": "body", "number": "number"}

    def get_context_data(self, **kwargs):
        meeting = self.get_object()
        user = self.request.user
        questionnaire = (
            questionnaires_visible_to(user)
            .filter(meeting=meeting)
            .select_related("transmittal_note", "source_meeting")
            .first()
        )
        posted = []
        transmittal_parts = []
        if questionnaire is not None and questionnaire.transmittal_note_id:
            # The note and its addenda, those the user may see (issued ones, for the participants).
            note = questionnaire.transmittal_note_id
            transmittal_parts = documents_visible_to(user).filter(Q(pk=note) | Q(parent_id=note)).order_by("symbol")
        # The compiled analysis and its revisions, issued ones for the participants (questionnaires.analysis).
        analysis_parts = (
            documents_visible_to(user)
            .filter(meeting=meeting, printed_as=Document.PrintedAs.ANALYSIS)
            .order_by("symbol")
        )
        if questionnaire is not None:
            posted = list(
                responses_visible_to(user, questionnaire=questionnaire)
                .filter(status=Response.Status.POSTED)
                .select_related("member_state")
                .annotate(attachment_count=Count("attachments"))
                .order_by("member_state__name")
            )
        return super().get_context_data(
            meeting=meeting,
            questionnaire=questionnaire,
            posted=posted,
            posted_rows=rows.secure_page_rows(posted, language=translation.get_language() or "en"),
            transmittal_parts=transmittal_parts,
            analysis_parts=analysis_parts,
            # The bundles print in the language of the page, or else in the body's original language.
            bundle_language=responses.default_language_of_body(meeting.body, translation.get_language()),
            **kwargs,
        )


class ResponseMixin(VisibleObjectMixin):
    """The response of the URL, among those the user may read; `object_permission` is what the view does with it."""

    visible_to = staticmethod(responses_visible_to)

    def get_queryset(self):
        return super().get_queryset().select_related("questionnaire__meeting__body", "member_state", "updated_by")

    @property
    def response_object(self):
        return self.get_object()

    def questions(self):
        return list(
            self.response_object.questionnaire.questions.select_related("recommendation__topic").order_by("position")
        )

    def answers(self):
        return {answer.question_id: answer for answer in self.response_object.answers.all()}


class ResponseDetailView(ResponseMixin, TemplateView):
    template_name = "questionnaires/response_detail.html"

    def get_context_data(self, **kwargs):
        response = self.response_object
        answers = self.answers()
        user = self.request.user
        return super().get_context_data(
            response=response,
            meeting=response.questionnaire.meeting,
            blocks=[(question, answers.get(question.pk)) for question in self.questions()],
            attachments=response.attachments.all(),
            carried=carry.carried_answers(response, reader=user),
            can_edit=can_edit_response(user, response),
            can_manage=user.has_perm("questionnaires.manage"),
            can_read_history=user.has_perm("questionnaires.read_history", response),
            **kwargs,
        )


class ResponseActionView(ResponseMixin, View):
    http_method_names = ["post"]
    object_permission = "questionnaires.write_response"

    def done(self):
        return redirect("questionnaires:response", self.response_object.pk)


class SubmitResponseView(ConfirmationMixin, ResponseActionView):
    """Submitting locks the response: its URL, opened, says so and asks; the form of that page submits."""

    http_method_names = ["get", "post"]

    def get(self, request, *args, **kwargs):
        response = self.response_object
        reason = response_lock_reason(response)
        if reason is not None:
            messages.error(request, reason)
            return self.done()
        if responses.missing_statuses(response) or carry.awaiting_confirmation(response):
            return redirect(reverse("questionnaires:response_edit", args=[response.pk]) + "?check=submit")
        if comments.unanswered(response):
            messages.error(request, _("Reply to each comment of the secretariat before submitting again."))
            return redirect("questionnaires:response_edit", response.pk)
        return super().get(request, *args, **kwargs)

    def get_confirmation(self):
        response = self.response_object
        return Confirmation(
            title=_("Submit the response of %(state)s?") % {"state": response.member_state.name},
            consequences=[
                _("It will be locked: nobody can change it any more."),
                _("The secretariat will post it on the secure page of the meeting, for its participants to read."),
                _("To change it afterwards, ask the secretariat to reopen it."),
            ],
            button=_("Submit the response"),
            cancel_url=reverse("questionnaires:response_edit", args=[response.pk]),
            fields={"version": response.version},
        )

    def get_confirmation_context(self):
        return {"meeting": self.response_object.questionnaire.meeting}

    def post(self, request, *args, **kwargs):
        response = self.response_object
        version = request.POST.get("version", "")
        try:
            responses.submit_response(
                response, by=request.user, expected_version=int(version) if version.isdigit() else None
            )
        except responses.ConflictError as conflict:
            messages.error(
                request,
                _("%(user)s changed the response at %(time)s, after you asked to submit it. Check it, then submit.")
                % {
                    "user": conflict.response.updated_by or _("Someone"),
                    "time": long_datetime(conflict.response.updated_at, translation.get_language() or "en"),
                },
            )
            return redirect("questionnaires:response_edit", response.pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("questionnaires:response_edit", response.pk)
        messages.success(
            request,
            _("The response of %(state)s was submitted and is now locked. Thank you.")
            % {"state": response.member_state.name},
        )
        return self.done()


class ResponseConfirmationMixin(ConfirmationMixin):
    http_method_names = ["get", "post"]

    def get_confirmation_context(self):
        return {"meeting": self.response_object.questionnaire.meeting}


class ReopenResponseView(ResponseConfirmationMixin, ResponseActionView):
    """GET asks for the reason and says what reopening does; POST reopens."""

    object_permission = "questionnaires.manage"

    def get_confirmation(self):
        return confirmations.reopen(self.response_object, form=ReopenForm())

    def post(self, request, *args, **kwargs):
        form = ReopenForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(_("Give the reason for reopening."))
            responses.reopen_response(self.response_object, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The response was reopened; its State can change it again."))
        return self.done()


class PostResponseView(ResponseConfirmationMixin, ResponseActionView):
    object_permission = "questionnaires.manage"

    def get_confirmation(self):
        return confirmations.post_one(self.response_object)

    def post(self, request, *args, **kwargs):
        try:
            responses.post_response(self.response_object, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The response was posted on the secure page."))
        return self.done()


class AttachmentUploadView(ResponseActionView):
    def post(self, request, *args, **kwargs):
        form = AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                responses.add_attachment(self.response_object, file=form.cleaned_data["file"], by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("The file was attached."))
        else:
            messages.error(request, _("Choose a file to attach."))
        return redirect("questionnaires:response_edit", self.response_object.pk)


class AttachmentDeleteView(ResponseActionView):
    def post(self, request, *args, **kwargs):
        attachment = get_object_or_404(Attachment, pk=kwargs["attachment"], response=self.response_object)
        try:
            responses.remove_attachment(attachment, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("questionnaires:response_edit", self.response_object.pk)


class AttachmentDownloadView(ResponseMixin, View):
    def get(self, request, *args, **kwargs):
        attachment = get_object_or_404(Attachment, pk=kwargs["attachment"], response=self.response_object)
        return FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )


class ResponseHistoryView(ResponseMixin, TemplateView):
    """Every saved version of a response, with who and when; two versions compared side by side."""

    template_name = "questionnaires/response_history.html"
    object_permission = "questionnaires.read_history"

    def get_context_data(self, **kwargs):
        response = self.response_object
        versions = list(response.versions.select_related("created_by"))
        by_number = {version.pk: version for version in versions}
        comparison = None
        try:
            first = by_number.get(int(self.request.GET.get("from", "")))
            second = by_number.get(int(self.request.GET.get("to", "")))
        except ValueError:
            first = second = None
        if first and second:
            comparison = compare_versions(self.questions(), first.snapshot, second.snapshot)
        return super().get_context_data(
            response=response,
            meeting=response.questionnaire.meeting,
            versions=versions,
            review_rounds=comments.rounds(response),
            comparison=comparison,
            first=first,
            second=second,
            **kwargs,
        )


def compare_versions(questions, before, after):
    """Rows (question, before, after) for the answers that differ between two snapshots."""
    rows = []
    for question in questions:
        old = before["answers"].get(str(question.pk), {"status": "", "text": ""})
        new = after["answers"].get(str(question.pk), {"status": "", "text": ""})
        if old != new:
            rows.append((question, old, new))
    return rows
