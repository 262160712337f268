"""The pages of the work shared within a State: the State's contributors (invite, end access), the blocks of a
response given to them, and a contributor's form of their blocks. The actions are questionnaires/contributors.py."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from accounts.reauth import ReauthRequiredMixin
from honlac.confirmation import Confirmation, ConfirmationMixin
from honlac.permissions import VisibleObjectMixin
from meetings.rules import is_secretariat
from meetings.wording import long_datetime

from . import carry, contributors, responses
from .contributor_forms import AssignBlocksForm, BlocksForm, InviteContributorForm
from .response_form_views import autosave_messages
from .responses_views import ResponseMixin
from .rules import contributors_visible_to, response_lock_reason, responses_with_blocks_of


def base_url(request):
    return request.build_absolute_uri("/").rstrip("/")


# The State's contributors ----------------------------------------------------------------------------------------


class ContributorListView(PermissionRequiredMixin, TemplateView):
    """A focal point's colleagues who draft blocks of the State's responses (every State's, for the secretariat)."""

    permission_required = "questionnaires.invite_contributors"
    template_name = "questionnaires/contributor_list.html"

    def get_context_data(self, **kwargs):
        people = (
            contributors_visible_to(self.request.user)
            .select_related("member_state")
            .order_by("member_state__name", "-is_active", "last_name", "first_name", "username")
        )
        return super().get_context_data(contributors=people, all_states=is_secretariat(self.request.user), **kwargs)


class InviteContributorView(PermissionRequiredMixin, ReauthRequiredMixin, FormView):
    """A focal point invites a colleague of their State, who receives a one-time link to choose a password."""

    permission_required = "questionnaires.invite_contributors"
    template_name = "questionnaires/contributor_invite.html"
    form_class = InviteContributorForm

    def get_form_kwargs(self):
        user = self.request.user
        return {**super().get_form_kwargs(), "member_state": None if is_secretariat(user) else user.member_state}

    def form_valid(self, form):
        user = contributors.invite_contributor(
            **form.invitation(), by=self.request.user, base_url=base_url(self.request), request=self.request
        )
        messages.success(self.request, _("%(user)s was invited by email.") % {"user": user.email})
        return redirect("questionnaires:contributors")


class DeactivateContributorView(VisibleObjectMixin, ConfirmationMixin, View):
    """GET says what ending a contributor's access does; POST ends it."""

    visible_to = staticmethod(contributors_visible_to)
    object_permission = "questionnaires.manage_contributor"

    def get_confirmation(self):
        person = self.get_object()
        return Confirmation(
            title=_("End the access of %(person)s?") % {"person": person},
            consequences=[
                _("They will no longer be able to sign in to the portal."),
                _("The blocks given to them in responses still being drafted will be nobody's; what they wrote stays."),
            ],
            button=_("End the access"),
            danger=True,
            cancel_url=reverse("questionnaires:contributors"),
        )

    def post(self, request, *args, **kwargs):
        person = self.get_object()
        try:
            contributors.deactivate_contributor(person, by=request.user, request=request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The access of %(person)s has ended.") % {"person": person})
        return redirect("questionnaires:contributors")


# Blocks given to contributors ------------------------------------------------------------------------------------


class AssignBlocksView(ResponseMixin, TemplateView):
    """A focal point gives blocks of the State's draft response to its contributors: a choice per block."""

    object_permission = "questionnaires.write_response"
    template_name = "questionnaires/assign_blocks.html"

    def make_form(self, data=None):
        response = self.response_object
        return AssignBlocksForm(
            data,
            questions=self.questions(),
            contributors=list(contributors.active_contributors(response.member_state_id)),
            assignments={a.question_id: a for a in response.assignments.all()},
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.make_form()))

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            changes = contributors.assign_blocks(
                self.response_object, contributors=form.assignments(), by=request.user, base_url=base_url(request)
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if changes:
            messages.success(request, _("The blocks were given; contributors were told of their new blocks by email."))
        else:
            messages.info(request, _("Nothing was changed."))
        return redirect("questionnaires:response_edit", self.response_object.pk)

    def get_context_data(self, **kwargs):
        response = self.response_object
        return super().get_context_data(
            response=response,
            meeting=response.questionnaire.meeting,
            lock_reason=response_lock_reason(response),
            notes=contributors.block_notes(response),
            **kwargs,
        )


class BlocksMixin(VisibleObjectMixin):
    """A response of which blocks were given to the contributor signed in, and those blocks' questions."""

    visible_to = staticmethod(responses_with_blocks_of)

    def get_queryset(self):
        return super().get_queryset().select_related("questionnaire__meeting__body", "member_state", "updated_by")

    @property
    def response_object(self):
        return self.get_object()

    def assignments(self):
        if not hasattr(self, "_assignments"):
            self._assignments = {
                a.question_id: a
                for a in self.response_object.assignments.filter(contributor=self.request.user).select_related(
                    "question__recommendation__topic"
                )
            }
        return self._assignments

    def make_form(self, data=None):
        response = self.response_object
        questions = sorted((a.question for a in self.assignments().values()), key=lambda q: q.position)
        return BlocksForm(
            data,
            questions=questions,
            answers={a.question_id: a for a in response.answers.filter(question__in=questions)},
            languages=response.questionnaire.meeting.body.working_languages,
            initial={
                "version": response.version,
                "language": responses.default_language(response, translation.get_language()),
            },
        )

    def save(self, form):
        return contributors.save_blocks(
            self.response_object,
            answers=form.answers(),
            confirmed=form.confirmed(),
            expected_version=form.cleaned_data["version"],
            by=self.request.user,
        )


class BlocksEditView(BlocksMixin, TemplateView):
    """A contributor's form: only the blocks given to them; saved as a draft, each block marked ready in turn."""

    template_name = "questionnaires/response_blocks.html"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.make_form()))

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        if form.foreign_fields():
            return HttpResponseBadRequest(_("This form holds only the blocks given to you."))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            response = self.save(form)
        except responses.ConflictError as conflict:
            return self.conflict(form, conflict.response)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("questionnaires:response_blocks", self.response_object.pk)
        message = _("Your draft was saved.")
        ready = self.assignments().get(int(request.POST["ready"])) if request.POST.get("ready", "").isdigit() else None
        if ready is not None:
            try:
                contributors.mark_block_ready(ready, by=request.user)
            except ValidationError:
                pass
            else:
                message = _("Your draft was saved and %(block)s is marked ready.") % {
                    "block": contributors.block_label(ready.question)
                }
        messages.success(request, message)
        return redirect("questionnaires:response_blocks", response.pk)

    def conflict(self, form, current):
        """Someone changed the contributor's blocks since they opened them: their text again, on the version saved
        meanwhile (saving again saves over it knowingly), with what the other person saved under each block."""
        data = self.request.POST.copy()
        data["version"] = current.version
        rebased = self.make_form(data)
        rebased.is_valid()
        rebased.add_error(
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
        changes = contributors.changes_since(current, form.cleaned_data["version"], list(self.assignments()))
        return self.render_to_response(self.get_context_data(form=rebased, changes=changes), status=409)

    def get_context_data(self, **kwargs):
        response = self.response_object
        lock_reason = response_lock_reason(response)
        editable = lock_reason is None
        kwargs.setdefault("changes", {})
        return super().get_context_data(
            response=response,
            meeting=response.questionnaire.meeting,
            assignments=self.assignments(),
            carried=carry.carried_answers(response),
            lock_reason=lock_reason,
            editable=editable,
            autosave_url=reverse("questionnaires:response_blocks_autosave", args=[response.pk]) if editable else "",
            autosave_seconds=settings.HONLAC_AUTOSAVE_SECONDS,
            autosave_messages=autosave_messages() if editable else {},
            **kwargs,
        )


class BlocksAutosaveView(BlocksMixin, View):
    """The contributor's draft saved by the form's script, answered in JSON as the response form's autosave is."""

    http_method_names = ["post"]

    def handle_anonymous(self, request):
        message = _(
            "Your session has expired: sign in again. Your text is still on this page: copy it before you sign in."
        )
        return JsonResponse({"error": "signed_out", "message": message}, status=401)

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        if form.foreign_fields():
            message = _("This form holds only the blocks given to you.")
            return JsonResponse({"error": "refused", "message": message}, status=400)
        if not form.is_valid():
            message = _("Not saved: check the answers marked on the form, then save the draft.")
            return JsonResponse({"error": "invalid", "message": message}, status=400)
        try:
            response = self.save(form)
        except responses.ConflictError as conflict:
            current = conflict.response
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
