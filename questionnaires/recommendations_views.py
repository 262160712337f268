"""The recommendations of a meeting: the public list, and adding, changing, pasting and importing them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import CreateView, FormView, TemplateView, UpdateView

from honlac.confirmation import Confirmation, ConfirmationMixin
from meetings.language_fields import language_names
from meetings.views import MeetingLookupMixin

from .forms import ImportRecommendationsForm, PasteRecommendationsForm, RecommendationForm
from .models import Recommendation
from .recommendations import (
    add_recommendation,
    add_recommendations_from_text,
    delete_recommendation,
    import_recommendations_csv,
    next_recommendation_number,
    update_recommendation,
)
from .threads import thread_notes
from .views import SecretariatMixin


class RecommendationListView(MeetingLookupMixin, TemplateView):
    """The recommendations adopted at a meeting, by topic (public: they are part of the meeting's report)."""

    template_name = "questionnaires/recommendation_list.html"

    def get_context_data(self, **kwargs):
        meeting = self.get_meeting()
        recommendations = list(
            meeting.recommendations.select_related("topic", "continues__meeting__body")
            .prefetch_related(
                Prefetch(
                    "continuations",
                    queryset=Recommendation.objects.select_related("meeting__body").order_by("meeting__number"),
                )
            )
            .order_by("number")
        )
        for recommendation in recommendations:
            recommendation.thread_notes = thread_notes(recommendation)
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
        try:
            self.object = add_recommendation(form.save(commit=False), by=self.request.user)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Recommendation %(number)s was added.") % {"number": self.object.number})
        return HttpResponseRedirect(self.get_success_url())


class RecommendationUpdateView(RecommendationFormMixin, UpdateView):
    def get_object(self, queryset=None):
        return get_object_or_404(Recommendation, pk=self.kwargs["pk"], meeting=self.get_meeting())

    def form_valid(self, form):
        try:
            self.object = update_recommendation(form.save(commit=False), by=self.request.user)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        return HttpResponseRedirect(self.get_success_url())


def report_filled(request, result, *, language=None):
    """Say what a paste or an import did: recommendations added, texts filled in or replaced, titles given."""
    names = language_names()
    parts = []
    if result.added:
        parts.append(
            ngettext("%(count)s recommendation was added.", "%(count)s recommendations were added.", len(result.added))
            % {"count": len(result.added)}
        )
    if result.filled:
        parts.append(
            (
                ngettext(
                    "%(language)s: the text of %(count)s recommendation was filled in.",
                    "%(language)s: the texts of %(count)s recommendations were filled in.",
                    len(result.filled),
                )
                if language
                else ngettext(
                    "The texts of %(count)s recommendation were filled in.",
                    "The texts of %(count)s recommendations were filled in.",
                    len(result.filled),
                )
            )
            % {"count": len(result.filled), "language": names.get(language, "")}
        )
    if result.replaced:
        parts.append(
            ngettext(
                "%(count)s recommendation had another text, now replaced: number %(numbers)s.",
                "%(count)s recommendations had another text, now replaced: numbers %(numbers)s.",
                len(result.replaced),
            )
            % {"count": len(result.replaced), "numbers": ", ".join(str(r.number) for r in result.replaced)}
        )
    if result.topics:
        parts.append(
            ngettext(
                "The title of %(count)s topic was given.",
                "The titles of %(count)s topics were given.",
                len(result.topics),
            )
            % {"count": len(result.topics)}
        )
    if result.linked:
        parts.append(
            ngettext(
                "%(count)s recommendation was linked to the one it continues.",
                "%(count)s recommendations were linked to the ones they continue.",
                len(result.linked),
            )
            % {"count": len(result.linked)}
        )
    if parts:
        messages.success(request, " ".join(parts))
    else:
        messages.info(request, _("Nothing was changed: every text was already there."))


class RecommendationPasteView(SecretariatMixin, MeetingLookupMixin, FormView):
    form_class = PasteRecommendationsForm
    template_name = "questionnaires/form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.get_meeting()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.get_meeting(), title=_("Paste recommendations"), **kwargs)

    def form_valid(self, form):
        try:
            result = add_recommendations_from_text(
                self.get_meeting(),
                text=form.cleaned_data["text"],
                language=form.cleaned_data["language"],
                by=self.request.user,
            )
        except ValidationError as error:
            form.add_error("text", error)
            return self.form_invalid(form)
        report_filled(self.request, result, language=form.cleaned_data["language"])
        return redirect("questionnaires:recommendations", self.kwargs["body"], self.kwargs["number"])


class RecommendationImportView(SecretariatMixin, MeetingLookupMixin, FormView):
    form_class = ImportRecommendationsForm
    template_name = "questionnaires/form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.get_meeting()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.get_meeting(), title=_("Import recommendations"), **kwargs)

    def form_valid(self, form):
        try:
            result = import_recommendations_csv(
                self.get_meeting(), file=form.cleaned_data["file"], by=self.request.user
            )
        except ValidationError as error:
            form.add_error("file", error)
            return self.form_invalid(form)
        report_filled(self.request, result)
        return redirect("questionnaires:recommendations", self.kwargs["body"], self.kwargs["number"])


class RecommendationDeleteView(SecretariatMixin, MeetingLookupMixin, ConfirmationMixin, View):
    """Deleting a recommendation no questionnaire uses: GET asks, POST deletes; a used one is refused."""

    def get_recommendation(self):
        return get_object_or_404(
            Recommendation.objects.annotate(uses=Count("questions")),
            pk=self.kwargs["pk"],
            meeting=self.get_meeting(),
        )

    def back(self):
        return reverse("questionnaires:recommendations", args=[self.kwargs["body"], self.kwargs["number"]])

    def get(self, request, *args, **kwargs):
        recommendation = self.get_recommendation()
        if recommendation.uses:
            return self.refuse(recommendation)
        return super().get(request, *args, **kwargs)

    def refuse(self, recommendation):
        messages.error(
            self.request,
            _(
                "Recommendation %(number)s is asked about in a questionnaire: it cannot be deleted. "
                "Remove it from the questionnaire first."
            )
            % {"number": recommendation.number},
        )
        return redirect(self.back())

    def get_confirmation(self):
        recommendation = self.get_recommendation()
        return Confirmation(
            title=_("Delete recommendation %(number)s?") % {"number": recommendation.number},
            consequences=[
                recommendation.text,
                _("Its texts in every language are deleted; the other recommendations keep their numbers."),
            ],
            button=_("Delete the recommendation"),
            cancel_url=self.back(),
            danger=True,
        )

    def get_confirmation_context(self):
        return {"meeting": self.get_meeting()}

    def post(self, request, *args, **kwargs):
        recommendation = self.get_recommendation()
        try:
            delete_recommendation(recommendation, by=request.user)
        except ValidationError:
            return self.refuse(recommendation)
        messages.success(request, _("Recommendation %(number)s was deleted.") % {"number": recommendation.number})
        return redirect(self.back())
