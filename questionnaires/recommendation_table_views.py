"""The recommendations of a meeting and the titles of their topics, side by side in the working languages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from meetings.language_fields import language_names
from meetings.views import MeetingLookupMixin

from .forms import RecommendationRowFormSet, TopicRowFormSet
from .recommendation_table import (
    TableConflict,
    fingerprint,
    recommendation_fields,
    save_recommendation_table,
    topic_fields,
)
from .views import SecretariatMixin


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
        names = language_names()
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
