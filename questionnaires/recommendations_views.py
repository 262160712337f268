"""The recommendations of a meeting: the public list, and adding, changing, pasting and importing them."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import CreateView, FormView, TemplateView, UpdateView

from honlac.confirmation import Confirmation, ConfirmationMixin
from meetings.views import MeetingLookupMixin

from .forms import (
    ImportRecommendationsForm,
    PasteRecommendationsForm,
    RecommendationForm,
    RecommendationRowFormSet,
    TopicRowFormSet,
)
from .models import Recommendation
from .recommendation_table import (
    TableConflict,
    fingerprint,
    recommendation_fields,
    save_recommendation_table,
    topic_fields,
)
from .recommendations import (
    add_recommendation,
    add_recommendations_from_text,
    delete_recommendation,
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
        messages.success(self.request, _("Recommendation %(number)s was added.") % {"number": self.object.number})
        return HttpResponseRedirect(self.get_success_url())


class RecommendationUpdateView(RecommendationFormMixin, UpdateView):
    def get_object(self, queryset=None):
        return get_object_or_404(Recommendation, pk=self.kwargs["pk"], meeting=self.get_meeting())

    def form_valid(self, form):
        self.object = update_recommendation(form.save(commit=False), by=self.request.user)
        return HttpResponseRedirect(self.get_success_url())


def report_filled(request, result, *, language=None):
    """Say what a paste or an import did: recommendations added, texts filled in or replaced, titles given."""
    names = dict(settings.LANGUAGES)
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


def _number(value):
    """A count or an id posted by the browser, 0 when it is not one (a tampered form is then refused as invalid)."""
    return int(value) if str(value or "").isdigit() else 0


class RecommendationTableView(SecretariatMixin, MeetingLookupMixin, TemplateView):
    """The recommendations and the titles of their topics side by side in the working languages, saved at once.

    A row someone else changed since the page was opened is reported with what is saved now, and the typing is
    kept: saving again puts it in place of theirs."""

    template_name = "questionnaires/recommendation_table.html"

    def get_rows(self):
        meeting = self.get_meeting()
        recommendations = list(meeting.recommendations.select_related("topic").order_by("number"))
        topics = list({r.topic_id: r.topic for r in recommendations if r.topic_id}.values())
        return recommendations, topics

    def formsets(self, recommendations, topics, data=None):
        """The two formsets; bound to `data`, each form's initial values are those of the row of its id now, so
        that a row added, deleted or renumbered meanwhile does not shift the others."""
        languages = self.get_meeting().body.working_languages
        formsets = []
        for formset_class, prefix, objects, names in (
            (RecommendationRowFormSet, "rec", recommendations, recommendation_fields(languages)),
            (TopicRowFormSet, "topic", topics, topic_fields(languages)),
        ):
            if data is not None:
                by_id = {obj.pk: obj for obj in objects}
                total = min(_number(data.get(f"{prefix}-TOTAL_FORMS")), 2000)
                posted = [data.get(f"{prefix}-{index}-id") or "" for index in range(total)]
                objects = [by_id.get(int(pk)) if pk.isdigit() else None for pk in posted]
            initial = [
                {"id": obj.pk, "fingerprint": fingerprint(obj, names), **{name: getattr(obj, name) for name in names}}
                if obj is not None
                else {}
                for obj in objects
            ]
            formset = formset_class(data, prefix=prefix, form_kwargs={"languages": languages}, initial=initial)
            for form, obj in zip(formset, objects, strict=False):
                form.row = obj
            formsets.append(formset)
        return formsets

    def get(self, request, *args, **kwargs):
        recommendations, topics = self.get_rows()
        return self.render(recommendations, topics, *self.formsets(recommendations, topics))

    def post(self, request, *args, **kwargs):
        meeting = self.get_meeting()
        languages = meeting.body.working_languages
        recommendations, topics = self.get_rows()
        rec_formset, topic_formset = self.formsets(recommendations, topics, request.POST)
        if not (rec_formset.is_valid() and topic_formset.is_valid()):
            messages.error(request, _("Nothing was saved: correct the rows marked below."))
            return self.render(recommendations, topics, rec_formset, topic_formset)
        changed = {
            form.cleaned_data["id"]: (form.cleaned_data["fingerprint"], form.cleaned_data["number"], form.texts())
            for form in rec_formset
            if form.has_changed()
        }
        changed_topics = {
            form.cleaned_data["id"]: (form.cleaned_data["fingerprint"], form.texts())
            for form in topic_formset
            if form.has_changed()
        }
        try:
            save_recommendation_table(
                meeting, recommendations=changed, topics=changed_topics, languages=languages, by=request.user
            )
        except TableConflict as conflict:
            return self.conflict(conflict, recommendations, topics, languages)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return self.render(recommendations, topics, rec_formset, topic_formset)
        if changed or changed_topics:
            messages.success(
                request,
                ngettext("%(count)s row was saved.", "%(count)s rows were saved.", len(changed) + len(changed_topics))
                % {"count": len(changed) + len(changed_topics)},
            )
        else:
            messages.info(request, _("Nothing was changed."))
        return redirect("questionnaires:recommendation_table", self.kwargs["body"], self.kwargs["number"])

    def conflict(self, conflict, recommendations, topics, languages):
        """The page again with the person's typing, each row changed meanwhile marked with what is saved now;
        its state becomes the one just read, so that saving again replaces it on purpose."""
        data = self.request.POST.copy()
        now = {}
        for prefix, rows, names in (
            ("rec", conflict.recommendations, recommendation_fields(languages)),
            ("topic", conflict.topics, topic_fields(languages)),
        ):
            for index in range(min(_number(data.get(f"{prefix}-TOTAL_FORMS")), 2000)):
                pk = _number(data.get(f"{prefix}-{index}-id"))
                if pk in rows:
                    current = rows[pk]
                    if current is not None:
                        data[f"{prefix}-{index}-fingerprint"] = fingerprint(current, names)
                    now[(prefix, pk)] = current
        rec_formset, topic_formset = self.formsets(recommendations, topics, data)
        rec_formset.is_valid(), topic_formset.is_valid()
        for prefix, formset in (("rec", rec_formset), ("topic", topic_formset)):
            for form in formset:
                key = (prefix, form.cleaned_data.get("id"))
                if key in now:
                    form.changed_meanwhile = True
                    form.saved_now = now[key]
        messages.error(
            self.request,
            _(
                "Someone else changed the rows marked below since you opened this page: nothing was saved. "
                "Your typing is kept; compare it with what is saved now, then save again to replace it."
            ),
        )
        return self.render(recommendations, topics, rec_formset, topic_formset)

    def render(self, recommendations, topics, rec_formset, topic_formset):
        meeting = self.get_meeting()
        names = dict(settings.LANGUAGES)
        topic_forms = {form.row.pk: form for form in topic_formset if getattr(form, "row", None) is not None}
        groups = []
        for form in rec_formset:
            recommendation = getattr(form, "row", None)
            if recommendation is None:
                continue  # deleted meanwhile: said in the message
            if not groups or groups[-1]["topic"] != recommendation.topic:
                groups.append(
                    {"topic": recommendation.topic, "form": topic_forms.pop(recommendation.topic_id, None), "rows": []}
                )
            groups[-1]["rows"].append({"recommendation": recommendation, "form": form})
        context = self.get_context_data(
            meeting=meeting,
            languages=[(code, names[code]) for code in meeting.body.working_languages],
            groups=groups,
            rec_formset=rec_formset,
            topic_formset=topic_formset,
            leftover_topic_forms=list(topic_forms.values()),
        )
        return self.render_to_response(context)


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
