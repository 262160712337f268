"""Pages of host-country offers: recording and answering them, and the list for the Commission."""

import csv

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import FormView, TemplateView

from honlac import printing
from honlac.confirmation import Confirmation, ConfirmationMixin
from honlac.permissions import VisibleObjectMixin
from meetings.exports import neutralize
from meetings.models import Body, Meeting

from .documents import CommissionSession
from .forms import HostOfferForm
from .hosting import accept_offer, other_offers
from .models import HostOffer
from .offers import offers_for_commission, record_offer, set_offer_status, update_offer
from .rules import offers_visible_to
from .views import SecretariatMixin


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


class OfferStatusView(OfferMixin, ConfirmationMixin, View):
    """Withdraw an offer (its State or the secretariat); accept or decline it (the secretariat). Accepting an offer
    to host a given meeting chooses its State as host and tells the other offerers: GET (?status=accepted) says
    whom, POST does it."""

    permissions = {
        HostOffer.Status.WITHDRAWN: "agendas.withdraw_offer",
        HostOffer.Status.ACCEPTED: "agendas.manage",
        HostOffer.Status.DECLINED: "agendas.manage",
    }

    def status(self):
        return (self.request.POST if self.request.method == "POST" else self.request.GET).get("status")

    def get_object_permission(self):
        return self.permissions.get(self.status())

    def dispatch(self, request, *args, **kwargs):
        if self.status() not in self.permissions:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_confirmation(self):
        offer = self.get_offer()
        if self.status() != HostOffer.Status.ACCEPTED:
            raise Http404  # withdrawing and declining are answered on the offer's page at once
        others = list(other_offers(offer)) if offer.meeting_number is not None else []
        consequences = [
            _("%(state)s will host the %(meeting)s.")
            % {
                "state": offer.member_state.name,
                "meeting": Meeting(body=offer.body, number=offer.meeting_number).full_title(),
            }
            if offer.meeting_number is not None
            else _("The offer of %(state)s to host a later meeting will be marked accepted.")
            % {"state": offer.member_state.name}
        ]
        if others:
            consequences.append(
                ngettext(
                    "The focal points of the %(count)s other State that offered to host it will be told by email.",
                    "The focal points of the %(count)s other States that offered to host it will be told by email.",
                    len(others),
                )
                % {"count": len(others)}
            )
        return Confirmation(
            title=_("Choose %(state)s as host?") % {"state": offer.member_state.name},
            consequences=consequences,
            items=[other.member_state.name for other in others],
            items_label=_("The other States that offered to host it"),
            button=_("Accept the offer"),
            cancel_url=offer.get_absolute_url(),
            fields={"status": HostOffer.Status.ACCEPTED},
        )

    def post(self, request, *args, **kwargs):
        status = self.status()
        offer = self.get_offer()
        try:
            if status == HostOffer.Status.ACCEPTED and offer.meeting_number is not None:
                accept_offer(offer, by=request.user)
            else:
                set_offer_status(offer, status=status, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, self.done_messages[status] % {"state": offer.member_state.name})
        return redirect(offer)

    done_messages = {
        HostOffer.Status.WITHDRAWN: gettext_lazy("The offer of %(state)s was withdrawn."),
        HostOffer.Status.ACCEPTED: gettext_lazy("The offer of %(state)s was accepted."),
        HostOffer.Status.DECLINED: gettext_lazy("The offer of %(state)s was declined."),
    }


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
