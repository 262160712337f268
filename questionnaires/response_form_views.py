"""The response form of a State: editing a draft, saving it by itself (autosave), attaching files without losing
what was typed, and the way to the submission's confirmation."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from accounts.middleware import signed_in_marker_user_id
from accounts.models import User
from meetings.wording import long_datetime

from . import carry, comments, contributors, responses, sendback
from .forms import AttachmentForm
from .models import Attachment, ImplementationStatus, Response, ResponseVersion
from .response_form import ResponseForm
from .responses_views import ResponseMixin
from .rules import can_edit_response, response_lock_reason

UNSAVED_KEY = "unsaved-response-{pk}"


def keep_unsaved(request, pk):
    """Keep the text of a form sent after the session expired, until its author signs in again. Returns whether
    it was kept.

    Only from a browser whose session was signed in (its sign-in marker, accounts/middleware.py), by a user who may
    still edit the response, and within HONLAC_KEPT_TEXT_MAX_BYTES; the text is kept with that user's id and shown
    to them alone. Otherwise nothing is stored: no session is created for anyone who posts to the URL.
    """
    user_id = signed_in_marker_user_id(request)
    if user_id is None:
        return False
    data = {key: value for key, value in request.POST.items() if key != "csrfmiddlewaretoken"}
    if len(json.dumps(data).encode()) > settings.HONLAC_KEPT_TEXT_MAX_BYTES:
        return False
    user = User.objects.filter(pk=user_id, is_active=True).first()
    response = Response.objects.select_related("questionnaire__meeting").filter(pk=pk).first()
    if user is None or response is None or not can_edit_response(user, response):
        return False
    request.session[UNSAVED_KEY.format(pk=pk)] = {"user": user.pk, "data": data}
    return True


def pop_unsaved(request, response):
    """The text kept for `response` when the session expired, if the user now signed in typed it; else None."""
    kept = request.session.pop(UNSAVED_KEY.format(pk=response.pk), None)
    if isinstance(kept, dict) and kept.get("user") == request.user.pk and isinstance(kept.get("data"), dict):
        return kept["data"]
    return None


def autosave_messages():
    """What the form's script says about its saving; it fills in %(time)s (in the reader's time zone) and %(user)s."""
    return {
        "saving": _("Saving…"),
        "saved": _("Saved at %(time)s"),
        "conflict": _(
            "%(user)s saved this response at %(time)s, after you opened it. Your text is kept on this page and was "
            "not saved over theirs: save the draft to see what they changed."
        ),
        "failed": _(
            "Not saved: the portal could not be reached. Your text is still on this page; it will be saved at the "
            "next change."
        ),
    }


class ResponseFormMixin(ResponseMixin):
    object_permission = "questionnaires.write_response"

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

    def save(self, form):
        """Save the draft of a valid form, with the replies to the secretariat's comments; raises ConflictError
        or ValidationError as save_response does."""
        return sendback.save_draft_with_replies(
            self.response_object,
            answers=form.answers(),
            replies=sendback.replies_of_form(self.response_object, data=self.request.POST, user=self.request.user),
            expected_version=form.cleaned_data["version"],
            language=form.cleaned_data["language"] or self.default_language(),
            confirmed=form.confirmed(),
            by=self.request.user,
        )


def take_theirs(data, before, now):
    """In the data of a form refused because someone saved meanwhile, the blocks the user left as they were when
    they opened it take what the other person saved: saving again then keeps both people's work (a contributor's
    block is not written over by a focal point who never touched it)."""
    empty = {"status": "", "text": ""}

    def same(first, second):
        return (first.get("status") or "", (first.get("text") or "").replace("\r\n", "\n").strip()) == (
            second.get("status") or "",
            (second.get("text") or "").replace("\r\n", "\n").strip(),
        )

    for question_id, value in now.items():
        then = before.get(question_id, empty)
        if same(then, value) or f"text_{question_id}" not in data:
            continue
        posted = {"status": data.get(f"status_{question_id}", ""), "text": data.get(f"text_{question_id}", "")}
        if same(posted, then):
            if f"status_{question_id}" in data or value["status"]:
                data[f"status_{question_id}"] = value["status"]
            data[f"text_{question_id}"] = value["text"]


class ResponseEditView(ResponseFormMixin, TemplateView):
    """Edit a draft. Nothing typed is lost: not on a validation error, nor on a save refused because someone
    else saved first (optimistic locking), nor when the session expired (the text is kept until sign-in), nor when
    a file is attached or removed (the form is saved first, in the same request)."""

    template_name = "questionnaires/response_form.html"

    def handle_anonymous(self, request):
        if request.method == "POST":
            keep_unsaved(request, self.kwargs["pk"])
        return redirect_to_login(request.get_full_path())

    def get(self, request, *args, **kwargs):
        unsaved = pop_unsaved(request, self.response_object)
        if unsaved is not None:
            messages.warning(
                request, _("Your session had expired. The text you typed is below, not yet saved: save it now.")
            )
            form = self.make_form(data={**unsaved, "version": unsaved.get("version", self.response_object.version)})
            form.is_valid()
            return self.render_to_response(self.get_context_data(form=form))
        missing, awaiting = set(), set()
        if request.GET.get("check") == "submit" and can_edit_response(request.user, self.response_object):
            missing = {question.pk for question in responses.missing_statuses(self.response_object)}
            awaiting = {question.pk for question in carry.awaiting_confirmation(self.response_object)}
        context = self.get_context_data(form=self.make_form(), missing=missing, awaiting=awaiting)
        return self.render_to_response(context)

    def post(self, request, *args, **kwargs):
        response = self.response_object
        form = self.make_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            response = self.save(form)
        except responses.ConflictError as conflict:
            return self.conflict(form, conflict.response, form.cleaned_data["version"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            if response.version == form.cleaned_data["version"]:
                return self.render_to_response(self.get_context_data(form=form), status=400)
            return redirect("questionnaires:response_edit", response.pk)
        saved = _("The draft was saved.")
        if request.FILES.get("file") or "attach" in request.POST:
            saved = self.attach(response, saved)
        elif request.POST.get("remove"):
            saved = self.remove(response, request.POST["remove"], saved)
        if "submit" in request.POST:
            missing = responses.missing_statuses(response)
            awaiting = carry.awaiting_confirmation(response)
            if missing or awaiting:
                return self.refuse_submission(form, response, missing, awaiting)
            return redirect("questionnaires:response_submit", response.pk)
        if saved:
            messages.success(request, saved)
        return redirect("questionnaires:response_edit", response.pk)

    def attach(self, response, saved):
        """Attach the file sent with the form, once the draft is saved. Returns the success message, if any."""
        attachment_form = AttachmentForm(self.request.POST, self.request.FILES)
        if not attachment_form.is_valid():
            messages.error(self.request, _("The draft was saved, but no file was attached: choose a file to attach."))
            return ""
        try:
            responses.add_attachment(response, file=attachment_form.cleaned_data["file"], by=self.request.user)
        except ValidationError as error:
            messages.error(
                self.request, _("The draft was saved, but the file was not attached:") + " " + " ".join(error.messages)
            )
            return ""
        return _("The draft was saved and the file was attached.")

    def remove(self, response, pk, saved):
        attachment = Attachment.objects.filter(response=response, pk=pk if str(pk).isdigit() else None).first()
        if attachment is None:
            return saved
        try:
            responses.remove_attachment(attachment, by=self.request.user)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return ""
        return _("The draft was saved and the file %(name)s was removed.") % {"name": attachment.original_name}

    def refuse_submission(self, form, response, missing, awaiting=()):
        """The draft is saved but cannot be submitted: the form again, with an error summary and each block
        without a status, or carried forward and not yet confirmed, marked."""
        data = self.request.POST.copy()
        data["version"] = response.version
        form = self.make_form(data)
        form.is_valid()
        context = self.get_context_data(
            form=form,
            missing={question.pk for question in missing},
            awaiting={question.pk for question in awaiting},
        )
        return self.render_to_response(context, status=400)

    def conflict(self, form, current, expected_version):
        """Show the user's text again, what the other person changed, and let them save over it knowingly; or,
        when it was submitted meanwhile, say so and keep the text to copy."""
        if current.status != Response.Status.DRAFT:
            return self.submitted_meanwhile(current)
        data = self.request.POST.copy()
        data["version"] = current.version
        base = ResponseVersion.objects.filter(response=current, number=expected_version).first()
        before = base.snapshot["answers"] if base else {}
        now = responses.snapshot(current)["answers"]
        if base is not None or expected_version == 0:  # version 0: the response as started, with no answer
            take_theirs(data, before, now)
        form = self.make_form(data)
        form.is_valid()
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

    def submitted_meanwhile(self, current):
        """The response was submitted (or posted) since the form was opened: nothing can be saved over it."""
        form = self.make_form(self.request.POST)
        form.is_valid()
        message = _(
            "%(user)s submitted this response on %(time)s, after you opened it. A submitted response cannot change, "
            "so what you typed was not saved: it is kept below for you to copy. You can view the submitted "
            "response, or ask the secretariat to reopen it if it must change."
        ) % {
            "user": current.updated_by or _("Someone"),
            "time": long_datetime(current.submitted_at or current.updated_at, translation.get_language() or "en"),
        }
        context = self.get_context_data(form=form, lock_reason=message, submitted_meanwhile=True)
        return self.render_to_response(context, status=409)

    def get_context_data(self, **kwargs):
        response = self.response_object
        kwargs.setdefault("lock_reason", response_lock_reason(response))
        kwargs.setdefault("changes", {})
        kwargs.setdefault("missing", set())
        kwargs.setdefault("awaiting", set())
        editable = can_edit_response(self.request.user, response)
        return super().get_context_data(
            response=response,
            meeting=response.questionnaire.meeting,
            attachments=response.attachments.all(),
            carried=carry.carried_answers(response),
            attachment_form=AttachmentForm(),
            editable=editable,
            autosave_url=reverse("questionnaires:response_autosave", args=[response.pk]) if editable else "",
            autosave_seconds=settings.HONLAC_AUTOSAVE_SECONDS,
            autosave_messages=autosave_messages() if editable else {},
            review=comments.form_review(response, user=self.request.user, form=kwargs.get("form")),
            block_notes=contributors.block_notes(response),
            **kwargs,
        )


class AutosaveView(ResponseFormMixin, View):
    """The draft saved by the form's script (every little while after a change, and when the page is left):
    the same form, the same optimistic lock and audit as "Save the draft", answered in JSON.

    200 {"version", "saved_at"}; 409 {"error": "conflict", "by", "at", "version"} when someone else saved since
    the version sent (nothing is saved over it); 400 {"error", "message"} for a form that does not validate or a
    response that may not change (submitted meanwhile, say); 401 when the session expired (the text is kept until
    sign-in)."""

    http_method_names = ["post"]

    def handle_anonymous(self, request):
        if keep_unsaved(request, self.kwargs["pk"]):
            message = _("Your session has expired: sign in again. The text you typed was kept.")
        else:
            message = _(
                "Your session has expired: sign in again. Your text is still on this page: copy it before you sign "
                "in, as it could not be kept."
            )
        return JsonResponse({"error": "signed_out", "message": message}, status=401)

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        if not form.is_valid():
            message = _("Not saved: check the answers marked on the form, then save the draft.")
            return JsonResponse({"error": "invalid", "message": message}, status=400)
        try:
            response = self.save(form)
        except responses.ConflictError as conflict:
            current = conflict.response
            if current.status != Response.Status.DRAFT:
                message = _(
                    "%(user)s submitted this response on %(time)s, after you opened it: nothing more can be saved. "
                    "Your text is still on this page, for you to copy."
                ) % {
                    "user": current.updated_by or _("Someone"),
                    "time": long_datetime(current.submitted_at or current.updated_at, translation.get_language()),
                }
                return JsonResponse({"error": "refused", "message": message}, status=400)
            return JsonResponse(
                {
                    "error": "conflict",
                    "by": str(current.updated_by or _("Someone")),
                    "at": current.updated_at.isoformat() if current.updated_at else None,
                    "version": current.version,
                },
                status=409,
            )
        except ValidationError as error:
            return JsonResponse({"error": "refused", "message": " ".join(error.messages)}, status=400)
        return JsonResponse({"version": response.version, "saved_at": response.updated_at.isoformat()})
