"""Linking the recommendations of a meeting to those of the previous one, all on one page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from meetings.views import MeetingLookupMixin

from .forms import LinkRowFormSet
from .linking import LINK_FIELDS, link_recommendations
from .recommendation_table import TableConflict, fingerprint
from .threads import continues_note, label, preselected, previous_meeting, short_label, suggest
from .views import SecretariatMixin

_MAX_ROWS = 2000


def _number(value):
    """A count or an id posted by the browser, 0 when it is not one (a tampered form is then refused as invalid)."""
    return int(value) if str(value or "").isdigit() else 0


class RecommendationLinksView(SecretariatMixin, MeetingLookupMixin, TemplateView):
    """One row per recommendation of the meeting, with the recommendation of the previous meeting it continues:
    the current link, else the most alike of the same topic (questionnaires.threads.suggest), else none; saved at
    once. A row someone else changed since the page was opened is reported with what is saved now, and the
    choice is kept: saving again puts it in place of theirs."""

    template_name = "questionnaires/recommendation_links.html"

    def get_rows(self):
        meeting = self.get_meeting()
        previous = previous_meeting(meeting)
        recommendations = list(
            meeting.recommendations.select_related("topic", "continues__meeting__body").order_by("number")
        )
        candidates = list(previous.recommendations.select_related("topic").order_by("number")) if previous else []
        for candidate in candidates:
            candidate.meeting = previous
        suggestions = suggest(recommendations, candidates, language=meeting.body.original_language)
        return previous, recommendations, candidates, suggestions

    def formset(self, recommendations, candidates, suggestions, data=None):
        """The formset of the rows; bound to `data`, each form is the row of its posted id (a row added or
        deleted meanwhile does not shift the others)."""
        objects = recommendations
        if data is not None:
            by_id = {r.pk: r for r in recommendations}
            total = min(_number(data.get("link-TOTAL_FORMS")), _MAX_ROWS)
            objects = [by_id.get(_number(data.get(f"link-{index}-id"))) for index in range(total)]
        chosen = preselected(recommendations, suggestions)
        initial = [self.initial(r, chosen) if r is not None else {} for r in objects]
        formset = LinkRowFormSet(data, prefix="link", initial=initial)
        offered = [(c.pk, short_label(c)) for c in candidates]
        for form, recommendation in zip(formset, objects, strict=False):
            form.row = recommendation
            choices = [("", _("None: a new recommendation")), *offered]
            if recommendation is not None:
                form.suggestions = suggestions.get(recommendation.pk, [])
                earlier = recommendation.continues
                if earlier is not None and earlier.pk not in {pk for pk, _text in offered}:
                    choices.append((earlier.pk, label(earlier)))  # linked to an older meeting in its form
            form.fields["continues"].choices = choices
            hints = f"{form['continues'].id_for_label}-hint"
            if form.is_bound and form["continues"].errors:
                hints += f" {form['continues'].id_for_label}-error"
                form.fields["continues"].widget.attrs.update(
                    {"class": "form-select is-invalid", "aria-invalid": "true"}
                )
            form.fields["continues"].widget.attrs["aria-describedby"] = hints
        return formset

    @staticmethod
    def initial(recommendation, chosen):
        return {
            "id": recommendation.pk,
            "fingerprint": fingerprint(recommendation, LINK_FIELDS),
            "continues": chosen[recommendation.pk],
            "continuation": recommendation.continuation if recommendation.continues_id else "",
        }

    def get(self, request, *args, **kwargs):
        previous, recommendations, candidates, suggestions = self.get_rows()
        return self.render(previous, self.formset(recommendations, candidates, suggestions))

    def post(self, request, *args, **kwargs):
        meeting = self.get_meeting()
        previous, recommendations, candidates, suggestions = self.get_rows()
        formset = self.formset(recommendations, candidates, suggestions, request.POST)
        gone = {_number(form["id"].value()) for form in formset if form.row is None}
        if gone:
            return self.conflict(
                TableConflict(dict.fromkeys(gone), {}), previous, recommendations, candidates, suggestions
            )
        if not formset.is_valid():
            messages.error(request, _("Nothing was saved: correct the rows marked below."))
            return self.render(previous, formset)
        links = {}
        for form in formset:
            earlier, kind = form.link()
            row = form.row
            if (earlier, kind) != (row.continues_id, row.continuation if row.continues_id else ""):
                links[row.pk] = (form.cleaned_data["fingerprint"], earlier, kind)
        try:
            changed = link_recommendations(meeting, links=links, by=request.user)
        except TableConflict as conflict:
            return self.conflict(conflict, previous, recommendations, candidates, suggestions)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return self.render(previous, formset)
        if changed:
            messages.success(
                request,
                ngettext(
                    "The link of %(count)s recommendation was saved.",
                    "The links of %(count)s recommendations were saved.",
                    len(changed),
                )
                % {"count": len(changed)},
            )
        else:
            messages.info(request, _("Nothing was changed."))
        return redirect("questionnaires:recommendations", self.kwargs["body"], self.kwargs["number"])

    def conflict(self, conflict, previous, recommendations, candidates, suggestions):
        """The page again with the person's choices, each row changed meanwhile marked with what is saved now;
        its state becomes the one just read, so that saving again replaces it on purpose."""
        data = self.request.POST.copy()
        for index in range(min(_number(data.get("link-TOTAL_FORMS")), _MAX_ROWS)):
            pk = _number(data.get(f"link-{index}-id"))
            if conflict.recommendations.get(pk) is not None:
                data[f"link-{index}-fingerprint"] = fingerprint(conflict.recommendations[pk], LINK_FIELDS)
        formset = self.formset(recommendations, candidates, suggestions, data)
        formset.is_valid()
        for form in formset:
            if form.row is not None and form.row.pk in conflict.recommendations:
                form.changed_meanwhile = True
                saved_now = conflict.recommendations[form.row.pk]
                form.saved_now = continues_note(saved_now) or _("Continues no recommendation.")
        messages.error(
            self.request,
            _(
                "Someone else changed the links marked below since you opened this page: nothing was saved. "
                "Your choices are kept; compare them with what is saved now, then save again to replace it."
            ),
        )
        return self.render(previous, formset)

    def render(self, previous, formset):
        rows = [form for form in formset if form.row is not None]
        return self.render_to_response(
            self.get_context_data(meeting=self.get_meeting(), previous=previous, formset=formset, rows=rows)
        )
