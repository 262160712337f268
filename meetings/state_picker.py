"""Choosing member States among all 193: checkboxes grouped by UN regional group, each group with "all of this
region" and "none", and a search box (static/js/state_picker.js); without JavaScript the checkboxes alone work."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MemberState


class StatePicker(forms.CheckboxSelectMultiple):
    # In the app's templates: the form renderer reads installed apps' templates, not the project's folder.
    template_name = "meetings/widgets/state_picker.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        labels = dict(MemberState.Region.choices)
        regions = {code: {"code": code, "label": label, "options": [], "chosen": 0} for code, label in labels.items()}
        for _group, options, _index in context["widget"]["optgroups"]:
            for option in options:
                region = regions.setdefault(
                    option["region"], {"code": option["region"], "label": option["region"], "options": [], "chosen": 0}
                )
                region["options"].append(option)
                region["chosen"] += bool(option["selected"])
        context["widget"]["regions"] = [region for region in regions.values() if region["options"]]
        context["widget"]["chosen"] = sum(region["chosen"] for region in regions.values())
        context["widget"]["total"] = sum(len(region["options"]) for region in regions.values())
        return context

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        option["region"] = getattr(getattr(value, "instance", None), "region", "")
        return option


class StatesField(forms.ModelMultipleChoiceField):
    """Member States, picked by region; all the States by default."""

    widget = StatePicker

    def __init__(self, queryset=None, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Participating States"))
        super().__init__(queryset if queryset is not None else MemberState.objects.order_by("name"), **kwargs)
