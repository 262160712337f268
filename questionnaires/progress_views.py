"""Progress of implementation over time: the chart of a thread of recommendations, the charts of all the threads
of a meeting's recommendations, and a State's history in a body. Each chart comes with its data table.

Who may read them: the secretariat, and the focal points of the States taking part in a meeting of the thread or
in one that reviewed it (what they count is what questionnaires.progress lets them see); anyone else answers 404,
an anonymous visitor the login page. A State's history: see StateHistoryView.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from meetings.models import Body, MemberState
from meetings.rules import is_secretariat, state_of
from meetings.views import MeetingLookupMixin

from .charts import stacked_bars
from .implementation import STATUS_LABELS, STATUSES
from .models import Recommendation
from .progress import meeting_label, recommendation_name, state_history, thread_progress


class ProgressMixin(LoginRequiredMixin):
    """Progress is never of general distribution: an anonymous visitor is asked to sign in first, whatever the
    URL (so that a 404 tells nothing about what exists). The pages share the legend and the words of who counts
    what."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            legend=[(status, STATUS_LABELS[status]) for status in STATUSES],
            counts_submitted=is_secretariat(self.request.user),
            **kwargs,
        )


def chart_of(progress, chart_id):
    title = _("%(recommendation)s and the recommendations it continues: answers by meeting") % {
        "recommendation": recommendation_name(progress.recommendation)
    }
    return stacked_bars(progress.bars(), chart_id=chart_id, title=title)


class ThreadProgressView(ProgressMixin, TemplateView):
    """The chart of one thread: at each meeting that reviewed one of its recommendations, the share of the States
    taking part in each status."""

    template_name = "questionnaires/thread_progress.html"

    def get_context_data(self, **kwargs):
        recommendation = (
            Recommendation.objects.select_related("meeting__body", "topic").filter(pk=self.kwargs["pk"]).first()
        )
        if recommendation is None:
            raise Http404
        progress = thread_progress(self.request.user, [recommendation])[recommendation.pk]
        if not (is_secretariat(self.request.user) or progress.taken_part):
            raise Http404
        chart_id = f"thread-{recommendation.pk}"
        return super().get_context_data(
            meeting=recommendation.meeting,
            recommendation=recommendation,
            name=recommendation_name(recommendation),
            progress=progress,
            chart=chart_of(progress, chart_id) if progress.visible else "",
            chart_id=chart_id,
            **kwargs,
        )


class MeetingProgressView(ProgressMixin, MeetingLookupMixin, TemplateView):
    """A small chart and table for the thread of each recommendation of a meeting."""

    template_name = "questionnaires/meeting_progress.html"

    def get_context_data(self, **kwargs):
        meeting = self.get_meeting()
        recommendations = list(meeting.recommendations.order_by("number"))
        for recommendation in recommendations:
            recommendation.meeting = meeting
        progress = thread_progress(self.request.user, recommendations)
        shown = [progress[rec.pk] for rec in recommendations]
        if not (is_secretariat(self.request.user) or any(item.taken_part for item in shown)):
            raise Http404
        for item in shown:
            item.chart_id = f"thread-{item.recommendation.pk}"
            item.chart = chart_of(item, item.chart_id) if item.visible else ""
        return super().get_context_data(meeting=meeting, threads=shown, **kwargs)


class StateHistoryView(ProgressMixin, TemplateView):
    """A State's history in a body: the status it reported on each thread at each meeting, and its shares per
    meeting. Its own focal points and the secretariat read all of it; another State's focal points the posted
    answers of the meetings their State took part in too; anyone else gets 404."""

    template_name = "questionnaires/state_history.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        body = get_object_or_404(Body, code__iexact=self.kwargs["body"])
        if not (is_secretariat(user) or state_of(user) is not None):
            raise Http404
        member_state = (
            MemberState.objects.filter(Q(bodies=body) | Q(meetings__body=body), code__iexact=self.kwargs["state"])
            .distinct()
            .first()
        )
        if member_state is None:
            raise Http404
        history = state_history(user, body, member_state)
        own = state_of(user) == member_state.pk
        if not (is_secretariat(user) or own or history.columns):
            raise Http404
        chart_id = "state-history"
        title = _("Statuses reported by %(state)s, by meeting") % {"state": member_state.name}
        return super().get_context_data(
            body=body,
            member_state=member_state,
            own=own,
            history=history,
            columns=[(questionnaire, meeting_label(questionnaire.meeting)) for questionnaire in history.columns],
            chart=stacked_bars(history.bars(), chart_id=chart_id, title=title) if history.columns else "",
            chart_id=chart_id,
        )  # not the URL's keywords: "body" and "state" are the objects here
