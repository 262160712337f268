"""Pages of the working-group topics: proposing and selecting them, the consultation and the voices of the States."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import FormView, TemplateView

from honlac.confirmation import Confirmation, ConfirmationMixin
from honlac.permissions import VisibleObjectMixin
from meetings.rules import meetings_taken_part_in
from meetings.wording import collation_key, long_datetime

from . import topics
from .forms import ConsultationForm, SelectTopicsForm, TopicForm, TopicProposalForm, VoiceForm
from .models import Consultation, ConsultationVoice
from .rules import agendas_visible_to, consultations_visible_to, topics_visible_to
from .views import SecretariatMixin


class TopicsMixin(VisibleObjectMixin):
    """The topics of a meeting, for its participants and the secretariat; anyone else gets 404.

    Put it before SecretariatMixin, so that outsiders get 404 before that check answers 403.
    """

    visible_to = staticmethod(meetings_taken_part_in)
    url_lookup = {"body__code__iexact": "body", "number": "number"}

    def get_queryset(self):
        return super().get_queryset().select_related("body", "host_state")

    def get_meeting(self):
        return self.get_object()

    def done(self):
        return redirect("agendas:topics", self.kwargs["body"], self.kwargs["number"])


class TopicsView(TopicsMixin, TemplateView):
    template_name = "agendas/topics.html"

    def get_context_data(self, **kwargs):
        meeting = self.get_meeting()
        user = self.request.user
        can_manage = user.has_perm("agendas.manage")
        consultation = consultations_visible_to(user).filter(meeting=meeting).first()
        voice = None
        if consultation is not None and user.member_state_id:
            voice = (
                ConsultationVoice.objects.filter(consultation=consultation, member_state=user.member_state_id)
                .select_related("given_by")
                .prefetch_related("topics")
                .first()
            )
        proposed = topics.tally(meeting)
        if not can_manage:
            # The support of each topic is the secretariat's to see: participants get no ranking either.
            proposed = proposed.order_by("position", "pk")
        proposed = list(proposed)
        for topic in proposed:  # the supporting States in the alphabetical order of the page's language
            topic.supporters.sort(key=lambda voice: collation_key(voice.member_state.name))
        selected = [topic for topic in proposed if topic.selected]
        return super().get_context_data(
            meeting=meeting,
            consultation=consultation,
            topics=proposed,
            selected_topics=selected,
            voice=voice,
            voice_form=VoiceForm(
                meeting=meeting, initial={"topics": [topic.pk for topic in voice.topics.all()] if voice else []}
            ),
            proposal_form=TopicProposalForm(
                meeting=meeting, user=user, initial={"language": self.request.LANGUAGE_CODE}
            ),
            consultation_form=ConsultationForm(initial={"closes_at": consultation.closes_at if consultation else None}),
            select_form=SelectTopicsForm(meeting=meeting, initial={"topics": [topic.pk for topic in selected]}),
            can_manage=can_manage,
            voice_count=consultation.voices.count() if consultation and can_manage else 0,
            state_count=meeting.participating_states.count() if can_manage else 0,
            agenda_visible=agendas_visible_to(user).filter(meeting=meeting).exists(),
            **kwargs,
        )


class ProposeTopicView(TopicsMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        meeting = self.get_meeting()
        form = TopicProposalForm(request.POST, meeting=meeting, user=request.user)
        if not form.is_valid():
            if request.POST.get("title", "").strip():  # e.g. a title too long: say what is wrong with it
                messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
            else:
                messages.error(request, _("Give the topic a title."))
            return self.done()
        state = form.cleaned_data.get("member_state") if request.user.is_secretariat else request.user.member_state
        topics.propose_topic(
            meeting,
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
            member_state=state,
            language=form.cleaned_data["language"],
            by=request.user,
        )
        messages.success(request, _("The topic was proposed."))
        return self.done()


class VoiceView(TopicsMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        meeting = self.get_meeting()
        consultation = get_object_or_404(consultations_visible_to(request.user), meeting=meeting)
        if request.user.member_state_id is None:
            raise PermissionDenied
        form = VoiceForm(request.POST, meeting=meeting)
        if not form.is_valid():
            messages.error(request, _("Choose among the topics proposed for this meeting."))
            return self.done()
        try:
            topics.give_voice(
                consultation,
                member_state=request.user.member_state,
                topics=form.cleaned_data["topics"],
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The voice of your State was recorded."))
        return self.done()


class ConsultationView(TopicsMixin, SecretariatMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = ConsultationForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give the closing date and time."))
            return self.done()
        try:
            topics.open_consultation(self.get_meeting(), closes_at=form.cleaned_data["closes_at"], by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The consultation is open."))
        return self.done()


class CloseConsultationView(TopicsMixin, SecretariatMixin, ConfirmationMixin, View):
    """Close the consultation now (confirmed: GET says who has not given its voice and will no longer)."""

    def get_consultation(self):
        return get_object_or_404(Consultation, meeting=self.get_meeting())

    def get_confirmation(self):
        consultation = self.get_consultation()
        meeting = self.get_meeting()
        given = consultation.voices.values("member_state")
        silent = sorted((state.name for state in meeting.participating_states.exclude(pk__in=given)), key=collation_key)
        total = meeting.participating_states.count()
        return Confirmation(
            title=_("Close the consultation now?"),
            consequences=[
                ngettext(
                    "%(given)s of the %(total)s participating State has given its voice; no voice can be given or "
                    "changed after this.",
                    "%(given)s of the %(total)s participating States have given their voice; no voice can be given "
                    "or changed after this.",
                    total,
                )
                % {"given": total - len(silent), "total": total},
                _("It was to close on %(date)s.")
                % {"date": long_datetime(consultation.closes_at, self.request.LANGUAGE_CODE)},
            ],
            items=silent,
            items_label=ngettext(
                "The %(count)s State that has not given its voice",
                "The %(count)s States that have not given their voice",
                len(silent),
            )
            % {"count": len(silent)},
            button=_("Close the consultation"),
            cancel_url=reverse("agendas:topics", args=[meeting.body.code, meeting.number]),
        )

    def get_confirmation_context(self):
        return {"meeting": self.get_meeting()}

    def post(self, request, *args, **kwargs):
        try:
            topics.close_consultation(self.get_consultation(), by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The consultation is closed: the tally below is final."))
        return self.done()


class SelectTopicsView(TopicsMixin, SecretariatMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        meeting = self.get_meeting()
        form = SelectTopicsForm(request.POST, meeting=meeting)
        if not form.is_valid():
            messages.error(request, _("Choose among the topics proposed for this meeting."))
            return self.done()
        try:
            topics.select_topics(meeting, topics=form.cleaned_data["topics"], by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return self.done()
        messages.success(request, _("The selected topics are now sub-items of the working-group item."))
        return redirect("agendas:agenda", self.kwargs["body"], self.kwargs["number"])


class TopicUpdateView(TopicsMixin, SecretariatMixin, FormView):
    """The secretariat completes or changes the title of a topic in the working languages: the agenda and the
    recommendations show the change."""

    form_class = TopicForm
    template_name = "agendas/topic_form.html"

    def get_form_kwargs(self):
        topic = get_object_or_404(
            topics_visible_to(self.request.user), pk=self.kwargs["pk"], meeting=self.get_meeting()
        )
        return {**super().get_form_kwargs(), "instance": topic}

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.get_meeting(), **kwargs)

    def form_valid(self, form):
        topics.update_topic(form.instance, by=self.request.user)
        messages.success(self.request, _("The topic was saved."))
        return self.done()
