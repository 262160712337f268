from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.bodies import states_of
from meetings.forms import DateInput, per_language
from meetings.language_fields import keep_languages, language_choices
from meetings.models import MemberState
from meetings.uploads import PDF, WORD, validate_upload

from .models import AgendaItem, HostOffer, Topic


class SaveHelperMixin:
    submit_label = _("Save")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", self.submit_label))


class AgendaItemForm(SaveHelperMixin, forms.ModelForm):
    """An item's titles, annotation and marks; a sub-item on a working-group topic takes its topic's title."""

    class Meta:
        model = AgendaItem
        fields = [*per_language("title"), *per_language("annotation"), "is_placeholder", "purpose"]
        widgets = {
            **{field: forms.Textarea(attrs={"rows": 2}) for field in per_language("title")},
            **{field: forms.Textarea(attrs={"rows": 4}) for field in per_language("annotation")},
        }

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.topic_id:
            for field in per_language("title"):
                del self.fields[field]
        keep_languages(self, meeting.body.working_languages, "title", "annotation")


class HostOfferForm(SaveHelperMixin, forms.ModelForm):
    """An offer to host a meeting; a focal point offers for their own State only (the field is then fixed)."""

    note_verbale_file = forms.FileField(label=_("Note verbale"), required=False, help_text=_("PDF or Word."))

    class Meta:
        model = HostOffer
        fields = ["member_state", "meeting_number", "offered_on", "remarks"]
        widgets = {"offered_on": DateInput(), "remarks": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, body, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.body = body
        self.user = user
        if user.is_secretariat:
            self.fields["member_state"].queryset = states_of(body).order_by("name")
        else:
            del self.fields["member_state"]
        self.fields["meeting_number"].label = _("Number of the meeting offered")

    def clean_note_verbale_file(self):
        # Checked here too (the service checks again) so that the message stands next to the field.
        uploaded = self.cleaned_data.get("note_verbale_file")
        if uploaded:
            validate_upload(uploaded, allowed={**PDF, **WORD}, by=self.user)
        return uploaded


class TopicProposalForm(SaveHelperMixin, forms.Form):
    submit_label = _("Propose")
    title = forms.CharField(label=_("Topic"), max_length=400)
    description = forms.CharField(label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    language = forms.ChoiceField(label=_("Language of the text"), choices=[])
    member_state = forms.ModelChoiceField(
        label=_("Proposed by"),
        queryset=MemberState.objects.none(),
        required=False,
        help_text=_("Empty for a proposal of the secretariat."),
    )

    def __init__(self, *args, meeting, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices(meeting.body.working_languages)
        if user.is_secretariat:
            self.fields["member_state"].queryset = meeting.participating_states.order_by("name")
        else:
            del self.fields["member_state"]


class TopicForm(SaveHelperMixin, forms.ModelForm):
    class Meta:
        model = Topic
        fields = [*per_language("title"), "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        keep_languages(self, self.instance.meeting.body.working_languages, "title")

    def clean(self):
        cleaned_data = super().clean()
        if not any(cleaned_data.get(field) for field in per_language("title")):
            raise forms.ValidationError(_("Give the topic a title in at least one language."))
        return cleaned_data


class ConsultationForm(SaveHelperMixin, forms.Form):
    submit_label = _("Open the consultation")
    closes_at = forms.DateTimeField(
        label=_("Closes"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )


class VoiceForm(SaveHelperMixin, forms.Form):
    submit_label = _("Give the voice of my State")
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics that my State supports"),
        queryset=Topic.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = Topic.objects.filter(meeting=meeting)


class SelectTopicsForm(SaveHelperMixin, forms.Form):
    """The topics to place on the agenda, in the order given (the field alone would sort them by date)."""

    submit_label = _("Place the selected topics on the agenda")
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics selected"),
        queryset=Topic.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = Topic.objects.filter(meeting=meeting)

    def clean_topics(self):
        given = self.fields["topics"].widget.value_from_datadict(self.data, self.files, self.add_prefix("topics"))
        order = {}
        for index, pk in enumerate(given or []):
            order.setdefault(str(pk), index)
        return sorted(self.cleaned_data["topics"], key=lambda topic: order.get(str(topic.pk), len(order)))
