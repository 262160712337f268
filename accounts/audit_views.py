"""The audit trail, as the secretariat reads it: who did what to which object and when, newest first, with filters."""

from django import forms
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from rules.contrib.views import PermissionRequiredMixin

from meetings.forms import DateInput

from .audit import ACTIONS, action_label, describe
from .models import AuditEvent


def _type_name(content_type):
    model = content_type.model_class()
    return capfirst(model._meta.verbose_name) if model is not None else content_type.model


def _model(label):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


class AuditFilterForm(forms.Form):
    type = forms.ChoiceField(label=_("Type of object"), required=False)
    object = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    action = forms.ChoiceField(label=_("Action"), required=False)
    user = forms.CharField(label=_("User name"), max_length=150, required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The types of the objects the trail holds (one query), not every model of the portal.
        present = {
            f"{ct.app_label}.{ct.model}": _type_name(ct)
            for ct in ContentType.objects.filter(pk__in=AuditEvent.objects.values("content_type"))
        }
        asked = self.data.get("type", "")
        if asked not in present and _model(asked) is not None:  # an object with no event yet: an empty history
            present[asked] = capfirst(_model(asked)._meta.verbose_name)
        types = sorted(present.items(), key=lambda choice: str(choice[1]))
        self.fields["type"].choices = [("", _("All objects")), *types]
        actions = sorted(ACTIONS.items(), key=lambda choice: str(choice[1]))
        self.fields["action"].choices = [("", _("All actions")), *actions]

    def filter(self, events):
        """`events` narrowed by the fields that are valid (a wrong value is shown as an error and ignored)."""
        self.is_valid()
        data = self.cleaned_data
        if data.get("type"):
            app_label, model = data["type"].split(".")
            events = events.filter(content_type__app_label=app_label, content_type__model=model)
            if data.get("object"):
                events = events.filter(object_id=data["object"])
        if data.get("action"):
            events = events.filter(action=data["action"])
        if data.get("user"):
            events = events.filter(actor_name__icontains=data["user"].strip())
        if data.get("date_from"):
            events = events.filter(at__date__gte=data["date_from"])
        if data.get("date_to"):
            events = events.filter(at__date__lte=data["date_to"])
        return events

    @property
    def one_object(self):
        return bool(self.cleaned_data.get("type") and self.cleaned_data.get("object"))


class AuditTrailView(PermissionRequiredMixin, ListView):
    permission_required = "meetings.manage"
    template_name = "audit/audit_trail.html"
    context_object_name = "events"
    paginate_by = 50

    def get_queryset(self):
        # actor_name and target are stored with the event: no join to users or objects, and names survive
        # deleted users and objects; the content type comes in the same query.
        self.form = AuditFilterForm(self.request.GET)
        return self.form.filter(AuditEvent.objects.select_related("content_type").order_by("-at", "-pk"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for event in context["events"]:
            model = event.content_type.model_class() if event.content_type_id else None
            event.action_label = action_label(event.action)
            event.type_name = _type_name(event.content_type) if event.content_type_id else ""
            event.detail_items = describe(event.details, model)
        filters = self.request.GET.copy()
        filters.pop("page", None)
        subject = None
        if self.form.one_object and context["events"]:
            subject = context["events"][0]
        return {**context, "form": self.form, "filters": filters.urlencode(), "subject": subject}
