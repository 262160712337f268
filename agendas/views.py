"""Pages of the agenda of a meeting, and opening the next meeting with its draft agenda."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from honlac.confirmation import Confirmation, ConfirmationMixin
from honlac.permissions import VisibleObjectMixin
from meetings.views import MeetingLookupMixin, SecretariatRequiredMixin

from . import services
from .documents import agenda_items_for_print
from .forms import AgendaItemForm
from .models import Agenda, AgendaItem
from .rules import agendas_visible_to


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
        kwargs = {**super().get_form_kwargs(), "meeting": self.get_meeting()}
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


class AgendaItemDeleteView(AgendaActionMixin, ConfirmationMixin, View):
    """GET says which item goes, with how many sub-items, and that the items after it are renumbered; POST
    deletes it."""

    def get_confirmation(self):
        item = self.get_item()
        language = self.request.LANGUAGE_CODE
        label = f"{item.label(language)} {item.display_title}"
        consequences = []
        sub_items = item.sub_items.count()
        if sub_items:
            consequences.append(
                ngettext(
                    "Its %(count)s sub-item is deleted with it.",
                    "Its %(count)s sub-items are deleted with it.",
                    sub_items,
                )
                % {"count": sub_items}
            )
        consequences.append(_("The items after it are numbered again."))
        meeting = self.get_meeting()
        return Confirmation(
            title=_("Delete item %(item)s?") % {"item": label},
            consequences=consequences,
            button=_("Delete the item"),
            danger=True,
            cancel_url=reverse("agendas:agenda", args=[meeting.body.code, meeting.number]),
        )

    def get_confirmation_context(self):
        return {"meeting": self.get_meeting()}

    def post(self, request, *args, **kwargs):
        item = self.get_item()
        label = f"{item.label(request.LANGUAGE_CODE)} {item.display_title}"
        try:
            services.delete_item(item, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Item %(item)s was deleted; the items after it were numbered again.") % {"item": label}
            )
        return back_to_agenda(self)


class AgendaItemMoveView(AgendaActionMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        direction = request.POST.get("direction")
        if direction not in ("up", "down"):
            raise Http404
        item = self.get_item()
        before = item.position
        try:
            services.move_item(item, direction=direction, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return back_to_agenda(self)
        item.refresh_from_db()
        language = request.LANGUAGE_CODE
        if item.position == before:
            message = _("%(item)s was not moved: it is already the first or the last.")
            messages.info(request, message % {"item": f"{item.label(language)} {item.display_title}"})
        else:
            messages.success(
                request,
                _("The item moved and is now %(item)s.") % {"item": f"{item.label(language)} {item.display_title}"},
            )
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
