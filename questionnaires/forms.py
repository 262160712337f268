from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agendas.models import Topic
from meetings.forms import DateInput, per_language
from meetings.language_fields import keep_languages, language_choices, language_names, mark_language
from meetings.languages import ordered

from . import threads
from .models import Continuation, Question, Questionnaire, Recommendation
from .recommendations import LINK_COLUMNS, csv_columns


class RecommendationForm(forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["topic", "number", *per_language("text"), "continues", "continuation"]
        widgets = {field: forms.Textarea(attrs={"rows": 4}) for field in per_language("text")}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting
        keep_languages(self, meeting.body.working_languages, "text")
        self.fields["topic"].queryset = Topic.objects.filter(meeting=meeting)
        self._link_fields(meeting)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))

    def _link_fields(self, meeting):
        """ "Continues": the recommendations of the earlier meetings of the body, the latest meeting first, but
        those another recommendation of this meeting continues already (a stale choice is refused in clean)."""
        earlier = (
            Recommendation.objects.filter(meeting__body_id=meeting.body_id, meeting__number__lt=meeting.number)
            .select_related("meeting__body")
            .order_by("-meeting__number", "number")
        )
        # Continued already by a recommendation of this meeting or of another one: a thread is a chain.
        self.taken = {
            continued: (number, later, pk)
            for continued, number, later, pk in Recommendation.objects.filter(
                meeting__body_id=meeting.body_id, continues__isnull=False
            )
            .exclude(pk=self.instance.pk)
            .values_list("continues_id", "number", "meeting__number", "pk")
        }
        field = self.fields["continues"]
        field.queryset = earlier
        field.widget.choices = [
            ("", _("None: a new recommendation")),
            *((r.pk, threads.label(r)) for r in earlier if r.pk not in self.taken),
        ]
        if self.instance.pk:
            field.help_text = threads.suggestions_help(self.instance, taken=self.taken) or field.help_text
        self.fields["continuation"].choices = [
            ("", _("As the texts say: reiterated if they are the same, else updated")),
            *Continuation.choices,
        ]

    def clean(self):
        cleaned = super().clean()
        earlier, kind = cleaned.get("continues"), cleaned.get("continuation")
        if earlier is None:
            if kind and "continues" not in self.errors:
                self.add_error("continuation", _("Choose the recommendation it continues, or leave this empty."))
            return cleaned
        if earlier.pk in self.taken:
            number, later, pk = self.taken[earlier.pk]
            if later == self.instance.meeting.number:
                message = _(
                    "%(recommendation)s is continued already, by recommendation %(number)s of this meeting: a "
                    "recommendation is continued by one recommendation of a meeting at most."
                ) % {"recommendation": threads.label(earlier, text=False), "number": number}
            else:
                other = Recommendation.objects.select_related("meeting__body").get(pk=pk)
                message = _(
                    "%(recommendation)s is continued already, by %(later)s: a recommendation is continued once, so "
                    "that its thread runs from one meeting to the next."
                ) % {
                    "recommendation": threads.label(earlier, text=False),
                    "later": threads.label(other, text=False),
                }
            self.add_error("continues", message)
        elif not kind:
            texts = Recommendation(**{name: cleaned.get(name) for name in per_language("text")})
            language = self.instance.meeting.body.original_language
            cleaned["continuation"] = threads.default_continuation(texts, earlier, language=language)
        return cleaned


class PasteRecommendationsForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the text"), choices=[])
    text = forms.CharField(
        label=_("Recommendations"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "One recommendation per paragraph (separate them with an empty line), numbered as in the report "
            '("3.") or in order from 1. A paragraph whose number exists fills in the text of that '
            "recommendation in the language chosen, and its heading the title of that recommendation's topic: "
            "paste the French version after the English one and both are complete. A line that starts with # is "
            "the heading of a topic."
        ),
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices(meeting.body.working_languages)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Add the recommendations")))


class ImportRecommendationsForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        # The columns of the body's working languages only (topic_en, topic_fr, text_en, text_fr for HONLAF).
        columns = [column for column in csv_columns(meeting.body.working_languages) if column not in LINK_COLUMNS]
        self.fields["file"].help_text = _(
            "UTF-8, with the columns %(columns)s (the text of one language is enough). A row whose number exists "
            "fills in the texts it gives of that recommendation; a row of a new number adds one, under the topic "
            "whose number is in the column topic (as on the page of the topics), or the one with the same title in "
            "a language given, or a new topic. Two more columns may link a recommendation to the one of the "
            "previous meeting that it continues: continues, its number, and continuation, reiterated or updated "
            "(left empty: reiterated if the texts are the same, else updated)."
        ) % {"columns": ", ".join(columns)}
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Import")))

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("The file is too large; the limit is 2 MB."))
        return file


class QuestionnaireForm(forms.ModelForm):
    class Meta:
        model = Questionnaire
        fields = ["deadline", *per_language("introduction")]
        widgets = {
            "deadline": DateInput(),
            **{f: forms.Textarea(attrs={"rows": 5}) for f in per_language("introduction")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        keep_languages(self, self.instance.meeting.body.working_languages, "introduction")

    def clean_deadline(self):
        """An open questionnaire's deadline may not be moved into the past (one that has passed may stay)."""
        deadline = self.cleaned_data["deadline"]
        if self.instance.is_open and "deadline" in self.changed_data and deadline and deadline < timezone.localdate():
            raise forms.ValidationError(_("The questionnaire is open: its deadline cannot be in the past."))
        return deadline


class GeneralQuestionForm(forms.ModelForm):
    """A general question of a questionnaire, in the working languages of its body (`languages`)."""

    def __init__(self, *args, languages, **kwargs):
        super().__init__(*args, **kwargs)
        keep_languages(self, languages, "text")


GeneralQuestionFormSet = inlineformset_factory(
    Questionnaire,
    Question,
    form=GeneralQuestionForm,
    fields=["position", *per_language("text")],
    widgets={field: forms.Textarea(attrs={"rows": 2}) for field in per_language("text")},
    extra=2,
    can_delete=True,
)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Attach a file"), help_text=_("PDF, Word, Excel, PNG or JPEG."))


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Reason for reopening"), widget=forms.Textarea(attrs={"rows": 3}))


class TableRowForm(forms.Form):
    """A row of the side-by-side table: a text per working language, and the row's state when the page was
    opened (to see whether someone else changed it since)."""

    id = forms.IntegerField(widget=forms.HiddenInput)
    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)
    text_field = "text"

    def __init__(self, *args, languages, **kwargs):
        super().__init__(*args, **kwargs)
        self.languages = ordered(languages)
        for code in self.languages:
            field = self.fields[f"{self.text_field}_{code}"] = self.language_field(code)
            mark_language(field.widget, code)

    def language_fields(self):
        return [self[f"{self.text_field}_{code}"] for code in self.languages]

    def texts(self):
        return {code: self.cleaned_data.get(f"{self.text_field}_{code}", "") for code in self.languages}


class RecommendationRowForm(TableRowForm):
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=9999)

    def language_field(self, code):
        return forms.CharField(
            label=_("Text (%(language)s)") % {"language": language_names()[code]},
            widget=forms.Textarea(attrs={"rows": 4}),
            required=False,
            max_length=20000,
        )


class TopicRowForm(TableRowForm):
    text_field = "title"

    def language_field(self, code):
        return forms.CharField(
            label=_("Title of the topic (%(language)s)") % {"language": language_names()[code]},
            widget=forms.Textarea(attrs={"rows": 2}),
            required=False,
            max_length=400,
        )


RecommendationRowFormSet = forms.formset_factory(RecommendationRowForm, extra=0)
TopicRowFormSet = forms.formset_factory(TopicRowForm, extra=0)


class LinkRowForm(forms.Form):
    """A row of the page that links the recommendations of a meeting to those of the previous one: which one it
    continues (the choices are the row's own), how, and its state when the page was opened."""

    id = forms.IntegerField(widget=forms.HiddenInput)
    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)
    continues = forms.TypedChoiceField(
        label=_("Continues"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.Select({"class": "form-select"}),
    )
    continuation = forms.ChoiceField(
        label=_("How it continues"), required=False, widget=forms.Select({"class": "form-select"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["continuation"].choices = [("", _("As the texts say")), *Continuation.choices]

    def link(self):
        """(id of the earlier recommendation or None, kind or "") as chosen."""
        earlier = self.cleaned_data.get("continues")
        return earlier, (self.cleaned_data.get("continuation") or "") if earlier is not None else ""


LinkRowFormSet = forms.formset_factory(LinkRowForm, extra=0)
