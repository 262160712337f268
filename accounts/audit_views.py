"""The audit trail, as the secretariat reads it: who did what and when, newest first, with filters."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from rules.contrib.views import PermissionRequiredMixin

from meetings.forms import DateInput

from .models import AuditEvent


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"), choices=[("", _("All actions")), *AuditEvent.Action.choices], required=False
    )
    user = forms.CharField(label=_("User name"), max_length=150, required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def filter(self, events):
        """`events` narrowed by the fields that are valid (a wrong date is shown as an error and ignored)."""
        self.is_valid()
        data = self.cleaned_data
        if data.get("action"):
            events = events.filter(action=data["action"])
        if data.get("user"):
            events = events.filter(actor_name__icontains=data["user"].strip())
        if data.get("date_from"):
            events = events.filter(at__date__gte=data["date_from"])
        if data.get("date_to"):
            events = events.filter(at__date__lte=data["date_to"])
        return events


def _text(value):
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_text(item)}" for key, item in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_text(item) for item in value)
    return "—" if value is None or value == "" else str(value)


class AuditTrailView(PermissionRequiredMixin, ListView):
    permission_required = "meetings.manage"
    template_name = "audit/audit_trail.html"
    context_object_name = "events"
    paginate_by = 50

    def get_queryset(self):
        # actor_name is stored with the event: the page needs no join, and names survive deleted users.
        self.form = AuditFilterForm(self.request.GET)
        return self.form.filter(AuditEvent.objects.order_by("-at", "-pk"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for event in context["events"]:
            details = event.details if isinstance(event.details, dict) else {"": event.details}
            event.detail_items = [(key, _text(value)) for key, value in details.items()]
        filters = self.request.GET.copy()
        filters.pop("page", None)
        return {**context, "form": self.form, "filters": filters.urlencode()}
