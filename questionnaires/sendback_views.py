"""The secretariat's page to send a response back with comments (questionnaires.sendback); the State's replies
are fields of the response form (response_form_views.py), saved with the draft and by the autosave."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView

from meetings.wording import long_datetime

from . import responses, sendback
from .models import Questionnaire, Response
from .responses_views import ResponseMixin

COMMENT_MAX_LENGTH = 20000


class SendBackForm(forms.Form):
    """A comment on the response as a whole, then one per block; all optional, but at least one."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    general = forms.CharField(
        label=gettext_lazy("Comment on the response as a whole"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for number, question in enumerate(questions, start=1):
            if question.recommendation_id:
                label = _("Comment on recommendation %(number)s") % {"number": question.recommendation.number}
            else:
                label = _("Comment on question %(number)s") % {"number": number}
            self.fields[f"comment_{question.pk}"] = forms.CharField(
                label=label,
                required=False,
                max_length=COMMENT_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean(self):
        cleaned = super().clean()
        if not any((value or "").strip() for name, value in cleaned.items() if name != "version"):
            raise ValidationError(_("Write at least one comment, on a block or on the response as a whole."))
        return cleaned

    def comments(self):
        """Question id (None for the whole response) -> text, as sendback.send_back takes them."""
        return {
            None: self.cleaned_data.get("general", ""),
            **{question.pk: self.cleaned_data.get(f"comment_{question.pk}", "") for question in self.questions},
        }


class SendBackView(ResponseMixin, TemplateView):
    """GET: the response's blocks, each with the State's answer and a comment to write, and what sending back
    does; POST sends it back. Nothing typed is lost: a refusal or a change made meanwhile shows the form again
    with the comments."""

    template_name = "questionnaires/send_back.html"
    object_permission = "questionnaires.manage"

    def make_form(self, data=None):
        return SendBackForm(data, questions=self.questions(), initial={"version": self.response_object.version})

    def get(self, request, *args, **kwargs):
        response = self.response_object
        if response.status == Response.Status.DRAFT:
            messages.error(request, _("Only a submitted or posted response can be sent back."))
            return redirect("questionnaires:response", response.pk)
        return self.render_to_response(self.get_context_data(form=self.make_form()))

    def post(self, request, *args, **kwargs):
        response = self.response_object
        form = self.make_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            sendback.send_back(
                response,
                comments=form.comments(),
                by=request.user,
                expected_version=form.cleaned_data["version"],
                base_url=request.build_absolute_uri("/").rstrip("/"),
            )
        except responses.ConflictError as conflict:
            return self.conflict(form, conflict.response)
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        count = sum(1 for text in form.comments().values() if text.strip())
        messages.success(
            request,
            ngettext(
                "The response was sent back to %(state)s with %(count)s comment; its focal points are told by email.",
                "The response was sent back to %(state)s with %(count)s comments; its focal points are told by email.",
                count,
            )
            % {"state": response.member_state.name, "count": count},
        )
        return redirect("questionnaires:response", response.pk)

    def conflict(self, form, current):
        """Someone changed the response since the page was opened: the comments typed are kept, the version is
        the current one, and the page says what happened, to check before sending again."""
        data = self.request.POST.copy()
        data["version"] = current.version
        form = self.make_form(data)
        form.is_valid()
        form.add_error(
            None,
            _(
                "%(user)s changed the response at %(time)s, after you opened this page (it is now: %(status)s). "
                "Your comments are kept below: check the response, then send it back again."
            )
            % {
                "user": current.updated_by or _("Someone"),
                "time": long_datetime(current.updated_at, translation.get_language() or "en"),
                "status": current.get_status_display(),
            },
        )
        return self.render_to_response(self.get_context_data(form=form), status=409)

    def get_context_data(self, **kwargs):
        response = self.response_object
        form = kwargs["form"]
        answers = self.answers()
        return super().get_context_data(
            response=response,
            meeting=response.questionnaire.meeting,
            blocks=[
                (question, answers.get(question.pk), form[f"comment_{question.pk}"]) for question in form.questions
            ],
            questionnaire_open=response.questionnaire.status == Questionnaire.Status.OPEN,
            **kwargs,
        )
