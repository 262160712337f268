import csv

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from honlac import printing
from honlac.permissions import VisibleObjectMixin
from meetings.exports import neutralize
from meetings.models import Body
from meetings.rules import meetings_taken_part_in
from meetings.views import MeetingLookupMixin, SecretariatRequiredMixin

from . import organization_note, services, topics
from .documents import CommissionSession, agenda_items_for_print
from .forms import (
    AgendaItemForm,
    ConsultationForm,
    HostOfferForm,
    SelectTopicsForm,
    TopicForm,
    TopicProposalForm,
    VoiceForm,
)
from .models import Agenda, AgendaItem, ConsultationVoice, HostOffer
from .offers import offers_for_commission, record_offer, set_offer_status, update_offer
from .rules import agendas_visible_to, consultations_visible_to, offers_visible_to, topics_visible_to


class SecretariatMixin(PermissionRequiredMixin):
    permission_required = "agendas.manage"


def back_to_agenda(view):
    return redirect("agendas:agenda", view.kwargs["body"], view.kwargs["number"])


# Agendas -------------------------------------------------------------------------------------------------------


class AgendaView(MeetingLookupMixin, VisibleObjectMixin, TemplateView):
    """The agenda of a meeting: public once issued; while a draft, the secretariat's only.

    The secretariat also reaches the page of a meeting without an agenda, to generate it.
    """

    template_name = "agendas/agenda.html"
    visible_to = staticmethod(agendas_visible_to)
    url_lookup = {"meeting__body__code__iexact": "body", "meeting__number": "number"}

    def get_queryset(self):
        return super().get_queryset().select_related("document", "organization_note")

    def get_object(self, queryset=None):
        if self.request.user.has_perm("agendas.manage"):  # None while the meeting has no agenda
            if not hasattr(self, "_agenda"):
                self._agenda = self.get_queryset().filter(meeting=self.get_meeting()).first()
            return self._agenda
        return super().get_object(queryset)

    def get_context_data(self, **kwargs):
        meeting = self.get_meeting()
        agenda = self.get_object()
        can_manage = self.request.user.has_perm("agendas.manage")
        language = self.request.LANGUAGE_CODE
        return super().get_context_data(
            meeting=meeting,
            agenda=agenda,
            entries=agenda_items_for_print(agenda, language) if agenda else [],
            can_manage=can_manage,
            editable=can_manage and agenda is not None and agenda.status != Agenda.Status.ADOPTED,
            **kwargs,
        )


class AgendaActionMixin(SecretariatMixin, MeetingLookupMixin):
    def get_agenda(self):
        return get_object_or_404(Agenda, meeting=self.get_meeting())

    def get_item(self):
        return get_object_or_404(
            AgendaItem.objects.select_related("agenda"), pk=self.kwargs["pk"], agenda__meeting=self.get_meeting()
        )


class GenerateAgendaView(AgendaActionMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.generate_agenda(self.get_meeting(), by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The draft agenda was generated from the standard agenda."))
        return back_to_agenda(self)


class AgendaItemFormView(AgendaActionMixin, FormView):
    form_class = AgendaItemForm
    template_name = "agendas/item_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if "pk" in self.kwargs:
            kwargs["instance"] = self.get_item()
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.get_meeting(), **kwargs)

    def form_valid(self, form):
        try:
            if "pk" in self.kwargs:
                services.update_item(form.instance, by=self.request.user)
            else:
                parent = None
                if self.request.GET.get("parent"):
                    if not self.request.GET["parent"].isdigit():
                        raise Http404
                    parent = get_object_or_404(
                        AgendaItem, pk=self.request.GET["parent"], agenda__meeting=self.get_meeting(), parent=None
                    )
                services.add_item(self.get_agenda(), parent=parent, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The agenda was saved."))
        return back_to_agenda(self)


class AgendaItemDeleteView(AgendaActionMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.delete_item(self.get_item(), by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return back_to_agenda(self)


class AgendaItemMoveView(AgendaActionMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        direction = request.POST.get("direction")
        if direction not in ("up", "down"):
            raise Http404
        try:
            services.move_item(self.get_item(), direction=direction, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return back_to_agenda(self)


class AgendaStatusView(AgendaActionMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        status = request.POST.get("status")
        if status not in Agenda.Status.values:
            raise Http404
        agenda = services.set_agenda_status(self.get_agenda(), status=status, by=request.user)
        messages.success(request, _("The agenda is now: %(status)s.") % {"status": agenda.get_status_display()})
        return back_to_agenda(self)


class OpenNextMeetingView(SecretariatRequiredMixin, MeetingLookupMixin, View):
    """Open the next meeting of the series, with its draft agenda."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        meeting = self.get_meeting()
        try:
            next_meeting = services.open_next_meeting(meeting, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(meeting)
        messages.success(
            request, _("The %(meeting)s was opened. Add its venue and dates.") % {"meeting": next_meeting.full_title()}
        )
        return redirect("meetings:edit", body=next_meeting.body.code, number=next_meeting.number)


class OrganizationNoteView(AgendaActionMixin, View):
    """Create the note on organizing the next meeting, or generate its paragraphs again."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            document = organization_note.generate_organization_note(
                self.get_meeting(), by=request.user, replace_text="replace_text" in request.POST
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.get_meeting())
        messages.success(
            request,
            _("The note %(symbol)s is ready; its text can be edited in each language.") % {"symbol": document.symbol},
        )
        return redirect("meetings:document_edit", document.pk)


# Host-country offers ---------------------------------------------------------------------------------------------


class BodyMixin:
    def get_body(self):
        if not hasattr(self, "_body"):
            self._body = get_object_or_404(Body, code__iexact=self.kwargs["body"])
        return self._body


class SignedInMixin:
    """Anonymous users are asked to sign in; then the view's own check answers 404 for what is out of reach."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)


class OfferListView(SignedInMixin, BodyMixin, TemplateView):
    """The offers of a body by session of the Commission; a State sees its own, the secretariat all."""

    template_name = "agendas/offer_list.html"

    def get_context_data(self, **kwargs):
        body = self.get_body()
        user = self.request.user
        if not user.has_perm("agendas.list_offers", body):
            raise Http404
        offers = (
            offers_visible_to(user, body=body)
            .select_related("member_state", "body")
            .order_by("-commission_session", "offered_on")
        )
        sessions = sorted({offer.commission_session for offer in offers}, reverse=True)
        # Not passed as keywords: the URL's own "body" (the code) is among kwargs and would clash.
        context = super().get_context_data(**kwargs)
        context.update(body=body, offers=offers, sessions=sessions, can_manage=user.has_perm("agendas.manage"))
        return context


class OfferCreateView(SignedInMixin, BodyMixin, FormView):
    form_class = HostOfferForm
    template_name = "agendas/offer_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm("agendas.offer_for_body", self.get_body()):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "body": self.get_body(), "user": self.request.user}

    def get_initial(self):
        last = self.get_body().meetings.order_by("-number").first()
        return {"offered_on": timezone.localdate(), "meeting_number": last.number + 1 if last else None}

    def get_context_data(self, **kwargs):
        return super().get_context_data(body=self.get_body(), **kwargs)

    def form_valid(self, form):
        user = self.request.user
        state = form.cleaned_data["member_state"] if user.is_secretariat else user.member_state
        try:
            offer = record_offer(
                self.get_body(),
                member_state=state,
                meeting_number=form.cleaned_data["meeting_number"],
                offered_on=form.cleaned_data["offered_on"],
                remarks=form.cleaned_data["remarks"],
                note_verbale=form.cleaned_data.get("note_verbale_file"),
                by=user,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The offer was recorded."))
        return redirect(offer)


class OfferMixin(VisibleObjectMixin):
    """The offer of the URL, among those the user may see; `object_permission` is what the view does with it."""

    visible_to = staticmethod(offers_visible_to)

    def get_queryset(self):
        return super().get_queryset().select_related("body", "member_state")

    def get_offer(self):
        return self.get_object()


class OfferDetailView(OfferMixin, TemplateView):
    template_name = "agendas/offer_detail.html"

    def get_context_data(self, **kwargs):
        offer = self.get_offer()
        user = self.request.user
        return super().get_context_data(
            offer=offer,
            can_change=user.has_perm("agendas.change_offer", offer) and offer.status != HostOffer.Status.WITHDRAWN,
            can_withdraw=user.has_perm("agendas.withdraw_offer", offer) and offer.status != HostOffer.Status.WITHDRAWN,
            can_manage=user.has_perm("agendas.manage"),
            **kwargs,
        )


class OfferUpdateView(OfferMixin, FormView):
    form_class = HostOfferForm
    template_name = "agendas/offer_form.html"
    object_permission = "agendas.change_offer"

    def get_form_kwargs(self):
        offer = self.get_offer()
        return {**super().get_form_kwargs(), "body": offer.body, "user": self.request.user, "instance": offer}

    def get_context_data(self, **kwargs):
        return super().get_context_data(body=self.get_offer().body, offer=self.get_offer(), **kwargs)

    def form_valid(self, form):
        offer = form.save(commit=False)
        uploaded = form.cleaned_data.get("note_verbale_file")
        try:
            update_offer(offer, note_verbale=uploaded, by=self.request.user)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The offer was saved."))
        return redirect(offer)


class OfferStatusView(OfferMixin, View):
    """Withdraw an offer (its State or the secretariat); accept or decline it (the secretariat)."""

    http_method_names = ["post"]
    permissions = {
        HostOffer.Status.WITHDRAWN: "agendas.withdraw_offer",
        HostOffer.Status.ACCEPTED: "agendas.manage",
        HostOffer.Status.DECLINED: "agendas.manage",
    }

    def get_object_permission(self):
        return self.permissions.get(self.request.POST.get("status"))

    def post(self, request, *args, **kwargs):
        status = request.POST.get("status")
        if status not in self.permissions:
            raise Http404
        offer = self.get_offer()
        try:
            set_offer_status(offer, status=status, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(offer)


class NoteVerbaleView(OfferMixin, View):
    def get(self, request, *args, **kwargs):
        offer = self.get_offer()
        if not offer.note_verbale:
            raise Http404
        return FileResponse(offer.note_verbale.open("rb"), as_attachment=True, filename=offer.note_verbale_name)


class OffersForCommissionView(SecretariatMixin, BodyMixin, View):
    """The offers to bring to the attention of a session of the Commission, as PDF or CSV."""

    def get(self, request, *args, **kwargs):
        body = self.get_body()
        session = kwargs["session"]
        offers = offers_for_commission(body, session=session)
        name = f"{body.code}-offers-commission-{session}"
        if kwargs["format"] == "csv":
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
            response.write("\ufeff")
            writer = csv.writer(response)
            writer.writerow([_("State"), _("Meeting offered"), _("Date of the offer"), _("Status"), _("Remarks")])
            for offer in offers:
                writer.writerow(
                    [
                        offer.member_state.name,
                        offer.meeting_label(),
                        offer.offered_on.isoformat(),
                        offer.get_status_display(),
                        neutralize(offer.remarks),
                    ]
                )
            return response
        if kwargs["format"] != "pdf":
            raise Http404
        language = request.GET.get("lang", request.LANGUAGE_CODE)
        source = CommissionSession(body, session)
        if language not in printing.languages("offers_for_commission", source):
            raise Http404
        pdf = printing.render("offers_for_commission", source, language=language)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{name}-{language}.pdf"'
        return response


# Working-group topics ----------------------------------------------------------------------------------------


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
