"""The implementation matrix of a body (questionnaires.matrix), as a page and as XLSX.

Who sees it: the secretariat, counting every submitted answer; the focal points of the States taking part in a
meeting that reviews recommendations of the body, counting the posted answers of the meetings they take part in.
Anyone else gets 404 (the questionnaires they may read are none), anonymous users the login.
"""

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from meetings import exports
from meetings.models import Body, MemberState
from meetings.rules import is_secretariat

from . import matrix


class MatrixFilterForm(forms.Form):
    """The choices of the page, sent by GET: the meeting, a thread through one of its recommendations, a topic and
    a regional group. A value that is not among the choices is left out (the page shows everything)."""

    meeting = forms.TypedChoiceField(label=gettext_lazy("Recommendations of"), coerce=int)
    thread = forms.TypedChoiceField(
        label=gettext_lazy("Follow a recommendation across meetings"), coerce=int, required=False, empty_value=None
    )
    topic = forms.TypedChoiceField(label=gettext_lazy("Topic"), coerce=int, required=False, empty_value=None)
    region = forms.ChoiceField(label=gettext_lazy("Regional group"), required=False)

    def __init__(self, data, *, cycles, recommendations, topics):
        super().__init__(data)
        self.fields["meeting"].choices = [(cycle.number, cycle.label) for cycle in cycles]
        self.fields["thread"].choices = [("", _("No: every recommendation of the meeting"))] + [
            (rec.number, Truncator(f"{rec.number}. {rec.text}").chars(70)) for rec in recommendations
        ]
        self.fields["topic"].choices = [("", _("All topics"))] + [(topic.pk, topic.title) for topic in topics]
        self.fields["region"].choices = [("", _("All regional groups")), *MemberState.Region.choices]
        for bound in self.fields.values():
            bound.widget.attrs["class"] = "form-select form-select-sm"

    def value(self, name):
        """The cleaned value of `name`, or None when it is empty or not among the choices."""
        self.is_valid()
        return self.cleaned_data.get(name) or None


class MatrixMixin:
    """Builds the matrix of the URL's body with the choices of the query string."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)

    def get_matrix_context(self):
        user = self.request.user
        body = get_object_or_404(Body, code__iexact=self.kwargs["body"])
        choices = matrix.cycles(user, body)
        if not choices and not is_secretariat(user):
            raise Http404
        cycle = self.chosen_cycle(choices)
        recommendations = matrix.recommendations_of(cycle.meeting) if cycle else []
        topics = matrix.topics_of(recommendations)
        form = MatrixFilterForm(
            {**self.request.GET.dict(), "meeting": cycle.number if cycle else ""},
            cycles=choices,
            recommendations=recommendations,
            topics=topics,
        )
        region = form.value("region")
        followed = next((rec for rec in recommendations if rec.number == form.value("thread")), None)
        if followed is not None:
            by_meeting = {choice.meeting.pk: choice for choice in choices}
            columns = matrix.thread_columns(followed, by_meeting)
            reviewing = [meeting for column in columns for meeting in by_meeting[column.meeting.pk].reviewing]
        else:
            columns = matrix.meeting_columns(recommendations, topic=form.value("topic"))
            reviewing = cycle.reviewing if cycle else []
        states = matrix.states_of(reviewing, region=region)
        return {
            "body": body,
            "cycle": cycle,
            "form": form,
            "followed": followed,
            "matrix": matrix.build(user, columns=columns, states=states),
            "counts_submitted": is_secretariat(user),
        }

    def chosen_cycle(self, choices):
        number = self.request.GET.get("meeting")
        if not number:
            return matrix.default_cycle(choices)
        found = next((cycle for cycle in choices if str(cycle.number) == number), None)
        if found is None:
            raise Http404
        return found


class MatrixView(MatrixMixin, TemplateView):
    template_name = "questionnaires/matrix.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.get_matrix_context(), query=self.request.GET.urlencode())
        return context


class MatrixXlsxView(MatrixMixin, View):
    def get(self, request, *args, **kwargs):
        context = self.get_matrix_context()
        header, rows = matrix.table(context["matrix"], thread=context["followed"] is not None)
        body, cycle = context["body"], context["cycle"]
        name = f"{body.code}-{cycle.number if cycle else 'none'}-implementation"
        if context["followed"] is not None:
            name += f"-{context['followed'].number}"
        http_response = HttpResponse(
            exports.xlsx(_("Implementation"), header, rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        http_response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return http_response
