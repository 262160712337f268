"""The recommendations of a meeting: the public list, and adding, changing, pasting and importing them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import CreateView, FormView, TemplateView, UpdateView

from meetings.views import MeetingLookupMixin

from .forms import ImportRecommendationsForm, PasteRecommendationsForm, RecommendationForm
from .models import Recommendation
from .recommendations import (
    add_recommendation,
    add_recommendations_from_text,
    import_recommendations_csv,
    next_recommendation_number,
    update_recommendation,
)
from .views import SecretariatMixin


class RecommendationListView(MeetingLookupMixin, TemplateView):
    """The recommendations adopted at a meeting, by topic (public: they are part of the meeting's report)."""

    template_name = "questionnaires/recommendation_list.html"

    def get_context_data(self, **kwargs):
        meeting = self.get_meeting()
        recommendations = meeting.recommendations.select_related("topic").order_by("number")
        return super().get_context_data(
            meeting=meeting,
            recommendations=recommendations,
            can_manage=self.request.user.has_perm("questionnaires.manage"),
            **kwargs,
        )


class RecommendationFormMixin(SecretariatMixin, MeetingLookupMixin):
    form_class = RecommendationForm
    template_name = "questionnaires/form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.get_meeting()}

    def get_success_url(self):
        return reverse("questionnaires:recommendations", args=[self.kwargs["body"], self.kwargs["number"]])

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.get_meeting(), title=_("Recommendation"), **kwargs)


class RecommendationCreateView(RecommendationFormMixin, CreateView):
    def get_initial(self):
        return {"number": next_recommendation_number(self.get_meeting())}

    def form_valid(self, form):
        self.object = add_recommendation(form.save(commit=False), by=self.request.user)
        return HttpResponseRedirect(self.get_success_url())


class RecommendationUpdateView(RecommendationFormMixin, UpdateView):
    def get_object(self, queryset=None):
        return get_object_or_404(Recommendation, pk=self.kwargs["pk"], meeting=self.get_meeting())

    def form_valid(self, form):
        self.object = update_recommendation(form.save(commit=False), by=self.request.user)
        return HttpResponseRedirect(self.get_success_url())


class RecommendationPasteView(SecretariatMixin, MeetingLookupMixin, FormView):
    form_class = PasteRecommendationsForm
    template_name = "questionnaires/form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.get_meeting()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.get_meeting(), title=_("Paste recommendations"), **kwargs)

    def form_valid(self, form):
        try:
            created = add_recommendations_from_text(
                self.get_meeting(),
                text=form.cleaned_data["text"],
                language=form.cleaned_data["language"],
                by=self.request.user,
            )
        except ValidationError as error:
            form.add_error("text", error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            ngettext("%(count)s recommendation was added.", "%(count)s recommendations were added.", len(created))
            % {"count": len(created)},
        )
        return redirect("questionnaires:recommendations", self.kwargs["body"], self.kwargs["number"])


class RecommendationImportView(SecretariatMixin, MeetingLookupMixin, FormView):
    form_class = ImportRecommendationsForm
    template_name = "questionnaires/form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.get_meeting(), title=_("Import recommendations"), **kwargs)

    def form_valid(self, form):
        try:
            created = import_recommendations_csv(
                self.get_meeting(), file=form.cleaned_data["file"], by=self.request.user
            )
        except ValidationError as error:
            form.add_error("file", error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            ngettext("%(count)s recommendation was imported.", "%(count)s recommendations were imported.", len(created))
            % {"count": len(created)},
        )
        return redirect("questionnaires:recommendations", self.kwargs["body"], self.kwargs["number"])
