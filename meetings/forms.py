from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Fieldset, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from .issued_files import issued_languages
from .language_fields import keep_languages, language_choices, language_names
from .languages import CONTENT_LANGUAGE_CODES, per_language
from .models import Body, Document, Meeting, MemberState
from .state_picker import StatesField
from .uploads import DOCUMENT_TYPES, name_for_content, validate_upload

# The forms name the per-language fields of all six languages (per_language, which agendas and questionnaires
# import from here); each form keeps those of its body's working languages (keep_languages).


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = [
            "body",
            "number",
            "status",
            "host_state",
            *per_language("city"),
            "start_date",
            "end_date",
            "participating_states",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
        }
        field_classes = {"participating_states": StatesField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        body = self.chosen_body()
        keep_languages(self, body.working_languages if body else CONTENT_LANGUAGE_CODES, "city")
        states = MemberState.objects.order_by("name")
        self.fields["host_state"].queryset = states
        self.fields["participating_states"].queryset = states
        self.fields["participating_states"].help_text = _(
            "Tick the States, region by region; the others keep their choice."
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            *[STATE_PICKER if name == "participating_states" else name for name in self.fields],
        )
        self.helper.add_input(Submit("save", _("Save")))

    def chosen_body(self):
        """The meeting's body, or the one chosen on the form (sent, or given to start with): the city is asked
        in its working languages; a new meeting of no body yet asks in all six."""
        if self.instance.body_id:
            return self.instance.body
        chosen = self.data.get(self.add_prefix("body")) if self.is_bound else self.initial.get("body")
        if isinstance(chosen, Body):
            return chosen
        if chosen and str(chosen).isdigit():
            return Body.objects.filter(pk=chosen).first()
        return None


STATE_PICKER_TEMPLATE = "meetings/widgets/state_picker_field.html"
STATE_PICKER = Field("participating_states", template=STATE_PICKER_TEMPLATE)


class BodyMemberStatesForm(forms.ModelForm):
    """The member States of a body: the States that take part in its meetings unless a meeting says otherwise."""

    class Meta:
        model = Body
        fields = ["member_states"]
        field_classes = {"member_states": StatesField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member_states"].label = _("Member States")
        self.fields["member_states"].help_text = _(
            "Tick the States, region by region: the member States of a body may offer to host its meetings."
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(Field("member_states", template=STATE_PICKER_TEMPLATE))
        self.helper.add_input(Submit("save", _("Save the member States")))


class DocumentForm(forms.ModelForm):
    """A document's data per working language, and optionally a finished file for each language version."""

    class Meta:
        model = Document
        fields = [
            "kind",
            "distribution",
            "original_language",
            "issue_date",
            "job_number",
            "agenda_item",
            *per_language("title"),
            *per_language("text"),
            *per_language("annex_title"),
            *per_language("annex"),
        ]
        widgets = {
            "issue_date": DateInput(),
            **{f: forms.Textarea(attrs={"rows": 8}) for f in per_language("text", "annex")},
        }

    def __init__(self, *args, meeting, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.user = user
        languages = keep_languages(self, meeting.body.working_languages, "title", "text", "annex_title", "annex")
        names = language_names()
        self.fields["original_language"].choices = language_choices(languages)
        if self.instance.original_language not in languages:
            self.initial["original_language"] = meeting.body.original_language
        if self.instance.pk:
            del self.fields["kind"]  # the kind fixes the symbol series: it cannot change once issued
        # Through the field's own queryset: meetings does not import the agendas app, which depends on it.
        agenda_items = self.fields["agenda_item"].queryset
        self.fields["agenda_item"].queryset = agenda_items.filter(agenda__meeting=meeting, parent=None)
        self.file_fields = []
        issued = set(issued_languages(self.instance)) if self.instance.pk else set()
        for code in languages:
            if code in issued:
                continue  # an issued version is changed by a revision, a corrigendum or a reissue
            name = f"file_{code}"
            self.fields[name] = forms.FileField(
                label=_("Finished file (%(language)s)") % {"language": names[code]},
                required=False,
                help_text=_("PDF or Word. Replaces the printed version of this language."),
            )
            self.file_fields.append((code, name))
        self.helper = FormHelper()
        self.helper.form_tag = True
        self.helper.attrs = {"enctype": "multipart/form-data"}
        self.helper.layout = Layout(
            Fieldset(
                _("Document"),
                *[
                    f
                    for f in ("kind", "distribution", "original_language", "issue_date", "agenda_item")
                    if f in self.fields
                ],
            ),
            *[
                Fieldset(
                    names[code],
                    *[f"{name}_{code}" for name in ("title", "text", "annex_title", "annex")],
                    *([f"file_{code}"] if f"file_{code}" in self.fields else []),
                )
                for code in languages
            ],
        )
        self.helper.add_input(Submit("save", _("Save")))

    def clean(self):
        cleaned = super().clean()
        for _code, name in self.file_fields:
            uploaded = cleaned.get(name)
            if uploaded:
                try:
                    content_type = validate_upload(uploaded, allowed=DOCUMENT_TYPES, by=self.user)
                except forms.ValidationError as error:
                    self.add_error(name, error)
                else:
                    uploaded.name = name_for_content(uploaded.name, content_type)
        return cleaned

    def uploaded_files(self):
        return {code: self.cleaned_data[name] for code, name in self.file_fields if self.cleaned_data.get(name)}
