"""The secretariat's pages of bodies: the list, a new body, its changes and the opening of its first meeting."""

from django.contrib import messages
from django.db.models import Count, Max
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import CreateView, ListView, UpdateView

from accounts.reauth import ReauthRequiredMixin

from .bodies import create_body, update_body
from .body_forms import LANGUAGE_NAMES, BodyForm
from .models import Body
from .views import MeetingCreateView, SecretariatRequiredMixin


class BodyListView(SecretariatRequiredMixin, ListView):
    template_name = "meetings/body_list.html"
    context_object_name = "bodies"

    def get_queryset(self):
        return Body.objects.annotate(
            state_count=Count("member_states", distinct=True), last_meeting=Max("meetings__number")
        ).order_by("code")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for body in context["bodies"]:
            body.languages_shown = [(code, LANGUAGE_NAMES.get(code, code)) for code in body.working_languages]
        return context


class BodyFormMixin(SecretariatRequiredMixin):
    form_class = BodyForm
    template_name = "meetings/body_form.html"

    def get_success_url(self):
        return reverse("meetings:bodies")


class BodyCreateView(BodyFormMixin, CreateView):
    def form_valid(self, form):
        self.object = create_body(form.save(commit=False), by=self.request.user)
        messages.success(
            self.request,
            _("The body %(body)s was created: choose its member States, then open its first meeting.")
            % {"body": self.object.display_code},
        )
        return HttpResponseRedirect(reverse("meetings:body_member_states", args=[self.object.code]))


class BodyUpdateView(BodyFormMixin, ReauthRequiredMixin, UpdateView):
    """A body's code, languages and texts, after confirming it's them (as for its member States)."""

    def get_object(self, queryset=None):
        return get_object_or_404(Body, code__iexact=self.kwargs["body"])

    def form_valid(self, form):
        self.object = update_body(form.save(commit=False), by=self.request.user)
        messages.success(self.request, _("The body %(body)s was saved.") % {"body": self.object.display_code})
        return HttpResponseRedirect(self.get_success_url())


class BodyMeetingCreateView(MeetingCreateView):
    """A new meeting of the body of the URL: the next number, its member States taking part."""

    def get_body(self):
        if not hasattr(self, "_body"):
            self._body = get_object_or_404(Body, code__iexact=self.kwargs["body"])
        return self._body

    def get_initial(self):
        body = self.get_body()
        last = body.meetings.aggregate(last=Max("number"))["last"] or 0
        return {"body": body, "number": last + 1, "participating_states": list(body.member_states.all())}
