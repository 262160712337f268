"""The States' responses: a focal point's way in, reading, editing, submitting, reopening, posting, attachments,
versions, and the meeting's secure page."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import TemplateView

from honlac.confirmation import ConfirmationMixin
from honlac.permissions import VisibleObjectMixin
from meetings.rules import documents_visible_to, meetings_taken_part_in
from meetings.wording import long_datetime

from . import confirmations, responses
from .forms import AttachmentForm, ReopenForm, ResponseForm
from .models import Attachment, ImplementationStatus, Response, ResponseVersion
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
            questionnaires_visible_to(user).filter(meeting=meeting).select_related("transmittal_note").first()
        )
        posted = []
        transmittal_parts = []
        if questionnaire is not None and questionnaire.transmittal_note_id:
            # The note and its addenda, those the user may see (issued ones, for the participants).
            note = questionnaire.transmittal_note_id
            transmittal_parts = documents_visible_to(user).filter(Q(pk=note) | Q(parent_id=note)).order_by("symbol")
        if questionnaire is not None:
            posted = (
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
            transmittal_parts=transmittal_parts,
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
            can_edit=can_edit_response(user, response),
            can_manage=user.has_perm("questionnaires.manage"),
            can_read_history=user.has_perm("questionnaires.read_history", response),
            **kwargs,
        )


UNSAVED_KEY = "unsaved-response-{pk}"


class ResponseEditView(ResponseMixin, TemplateView):
    """Edit a draft. Nothing typed is lost: not on a validation error, nor on a save refused because someone
    else saved first (optimistic locking), nor when the session expired (the text is kept until sign-in)."""

    template_name = "questionnaires/response_form.html"
    object_permission = "questionnaires.write_response"

    def handle_anonymous(self, request):
        if request.method == "POST":
            data = {key: value for key, value in request.POST.items() if key != "csrfmiddlewaretoken"}
            request.session[UNSAVED_KEY.format(pk=self.kwargs["pk"])] = data
        return redirect_to_login(request.get_full_path())

    def get(self, request, *args, **kwargs):
        unsaved = request.session.pop(UNSAVED_KEY.format(pk=self.response_object.pk), None)
        if unsaved is not None:
            messages.warning(
                request, _("Your session had expired. The text you typed is below, not yet saved: save it now.")
            )
            form = self.make_form(data={**unsaved, "version": unsaved.get("version", self.response_object.version)})
            form.is_valid()
            return self.render_to_response(self.get_context_data(form=form))
        return self.render_to_response(self.get_context_data(form=self.make_form()))

    def make_form(self, data=None):
        response = self.response_object
        return ResponseForm(
            data,
            questions=self.questions(),
            answers=self.answers(),
            languages=response.questionnaire.meeting.body.working_languages,
            initial={"version": response.version, "language": self.default_language()},
        )

    def default_language(self):
        return responses.default_language(self.response_object, translation.get_language())

    def post(self, request, *args, **kwargs):
        response = self.response_object
        form = self.make_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            response = responses.save_response(
                response,
                answers=form.answers(),
                expected_version=form.cleaned_data["version"],
                language=form.cleaned_data["language"] or self.default_language(),
                by=request.user,
            )
            if "submit" in request.POST:
                responses.submit_response(response, by=request.user)
        except responses.ConflictError as conflict:
            return self.conflict(form, conflict.response, form.cleaned_data["version"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            if response.version == form.cleaned_data["version"]:
                return self.render_to_response(self.get_context_data(form=form), status=400)
            return redirect("questionnaires:response_edit", response.pk)
        if "submit" in request.POST:
            messages.success(request, _("The response was submitted. Thank you."))
            return redirect("questionnaires:response", response.pk)
        messages.success(request, _("The draft was saved."))
        return redirect("questionnaires:response_edit", response.pk)

    def conflict(self, form, current, expected_version):
        """Show the user's text again, what the other person changed, and let them save over it knowingly."""
        data = self.request.POST.copy()
        data["version"] = current.version
        form = self.make_form(data)
        form.is_valid()
        base = ResponseVersion.objects.filter(response=current, number=expected_version).first()
        before = base.snapshot["answers"] if base else {}
        now = responses.snapshot(current)["answers"]
        labels = dict(ImplementationStatus.choices)
        changes = {
            int(question_id): {"status": labels.get(value["status"], ""), "text": value["text"]}
            for question_id, value in now.items()
            if before.get(question_id) != value
        }
        form.add_error(
            None,
            _(
                "%(user)s saved this response at %(time)s, after you opened it. Your text is kept below; "
                "what they saved is shown under each answer they changed. Check, then save again."
            )
            % {
                "user": current.updated_by or _("Someone"),
                "time": long_datetime(current.updated_at, translation.get_language() or "en"),
            },
        )
        context = self.get_context_data(form=form, changes=changes)
        return self.render_to_response(context, status=409)

    def get_context_data(self, **kwargs):
        response = self.response_object
        kwargs.setdefault("changes", {})
        return super().get_context_data(
            response=response,
            meeting=response.questionnaire.meeting,
            attachments=response.attachments.all(),
            attachment_form=AttachmentForm(),
            editable=can_edit_response(self.request.user, response),
            lock_reason=response_lock_reason(response),
            **kwargs,
        )


class ResponseActionView(ResponseMixin, View):
    http_method_names = ["post"]
    object_permission = "questionnaires.write_response"

    def done(self):
        return redirect("questionnaires:response", self.response_object.pk)


class SubmitResponseView(ResponseActionView):
    def post(self, request, *args, **kwargs):
        try:
            responses.submit_response(self.response_object, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("questionnaires:response_edit", self.response_object.pk)
        messages.success(request, _("The response was submitted. Thank you."))
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
