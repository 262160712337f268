from dataclasses import dataclass
from functools import cached_property

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from agendas.models import Topic
from meetings.forms import DateInput, per_language
from meetings.language_fields import keep_languages, language_choices, language_names, mark_language
from meetings.languages import ordered, text_direction

from . import threads
from .carry import is_unchanged
from .models import Continuation, ImplementationStatus, Question, Questionnaire, Recommendation
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


def html_attributes(attrs):
    """Attributes as Django's widget templates print them (django/forms/widgets/attrs.html), in their order: a
    True value as the bare name, False or None left out."""
    return mark_safe(  # noqa: S308 - names are the widgets' own, values escaped
        "".join(
            f" {name}" if value is True else f' {name}="{escape(value)}"'
            for name, value in attrs.items()
            if value is not False and value is not None
        )
    )


class PrintedField:
    """A field of the response form as its template prints it: what Django's widget templates and crispy-forms'
    Bootstrap 5 field print (the widget's attributes and classes, is-invalid, aria-invalid, aria-describedby of the
    help text and the errors, the id that labels it), worked out in Python. The form has 82 fields: printing each
    through those templates took three quarters of the page's time."""

    def __init__(self, bound, *, css_class):
        widget = bound.field.widget
        self.name = bound.html_name
        self.id = bound.auto_id
        self.label = bound.label
        self.help_text = bound.help_text
        self.errors = bound.errors
        self.required = bound.field.required
        self.value = widget.format_value(bound.value())
        # crispy-forms names the widget's kind among its classes ("textarea form-control"), then adds the pack's.
        kind = type(widget).__name__.lower()
        classes = widget.attrs.get("class", "")
        classes = (classes if kind in classes else f"{classes} {kind}") if classes else kind
        extra = f"{css_class} is-invalid" if self.errors else css_class
        classes = " ".join([classes, *(name for name in extra.split() if name not in classes.split())])
        attrs = {**widget.attrs, "class": classes} if css_class else dict(widget.attrs)
        attrs.update(bound.build_widget_attrs({}, widget))
        if self.id and "id" not in widget.attrs:
            attrs.setdefault("id", self.id)
        self.attrs = html_attributes(attrs)
        self._bound = bound

    def options(self):
        """The choices of a select or of radio buttons: (value, label, id, attributes), the first one matching the
        value selected, as Django's ChoiceWidget prints them (a radio button takes the widget's attributes)."""
        bound = self._bound
        widget = bound.field.widget
        chosen = [str(value) for value in (self.value if isinstance(self.value, list | tuple) else [self.value])]
        inherited = {}
        if widget.option_inherits_attrs:
            inherited = {**widget.attrs, **bound.build_widget_attrs({"id": self.id})}
        found = False
        for index, (value, label) in enumerate(bound.field.choices):
            selected = not found and str(value) in chosen
            found = found or selected
            attrs = dict(inherited)
            if attrs.get("id"):
                attrs["id"] = f"{attrs['id']}_{index}"
            if selected:
                attrs.update(widget.checked_attribute)
            yield value, label, attrs.get("id"), html_attributes(attrs)


@dataclass
class Block:
    """One question of the response form: its fields, whether it is answered, and the anchor of its group."""

    question: Question
    status: forms.BoundField | None
    text: forms.BoundField
    answered: bool
    # "I confirm this answer", for an answer carried forward from the previous cycle not yet confirmed.
    confirm: forms.BoundField | None = None

    @property
    def anchor(self):
        return f"question-{self.question.pk}"

    @cached_property
    def printed_status(self):
        return PrintedField(self.status, css_class="") if self.status is not None else None

    @cached_property
    def printed_text(self):
        return PrintedField(self.text, css_class="form-control")


class ResponseForm(forms.Form):
    """The language of the response, then one block per question: a status (recommendations only) and the
    measures taken."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    # Not required: a form sent without it (opened before the field existed) keeps the response's language.
    language = forms.ChoiceField(
        label=_("Language of the response"),
        required=False,
        help_text=_("The working language in which your Government answers; the transmittal note prints it."),
    )

    def __init__(self, *args, questions, answers, languages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices(languages)
        self.questions = questions
        self._blocks = None
        # The answers are written in the response's language: their fields say so (WCAG 3.1.2, and spelling).
        language = (self.data.get("language") if self.is_bound else None) or self.initial.get("language")
        text_attrs = {
            "rows": 4,
            **({"lang": language, "dir": text_direction(language)} if language in languages else {}),
        }
        self.awaiting = {pk: answer for pk, answer in answers.items() if answer.awaits_confirmation}
        for question in questions:
            answer = answers.get(question.pk)
            if question.pk in self.awaiting:
                self.fields[f"confirm_{question.pk}"] = forms.BooleanField(
                    label=_("I confirm this answer"),
                    required=False,
                    widget=forms.CheckboxInput(
                        attrs={
                            "class": "form-check-input carried-confirm",
                            "aria-describedby": f"carried-help-{question.pk}",
                        }
                    ),
                )
            if not question.is_general:
                self.fields[f"status_{question.pk}"] = forms.ChoiceField(
                    label=_("Status of implementation"),
                    choices=ImplementationStatus.choices,
                    widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                    required=False,
                    initial=answer.status if answer else "",
                )
            self.fields[f"text_{question.pk}"] = forms.CharField(
                label=_("Measures taken") if not question.is_general else _("Answer"),
                widget=forms.Textarea(attrs=text_attrs),
                required=False,
                max_length=20000,
                initial=answer.text if answer else "",
            )

    @cached_property
    def printed_language(self):
        return PrintedField(self["language"], css_class="form-select")

    def value_of(self, name):
        return (self.data.get(name) if self.is_bound else self.initial.get(name, self.fields[name].initial)) or ""

    def is_answered(self, question):
        """A recommendation is answered once it has a status; a general question, once it has an answer."""
        name = f"text_{question.pk}" if question.is_general else f"status_{question.pk}"
        return bool(str(self.value_of(name)).strip()) and not self.awaits_confirmation(question)

    def awaits_confirmation(self, question):
        """Carried forward from the previous cycle, and neither confirmed (ticked) nor changed on this form."""
        answer = self.awaiting.get(question.pk)
        if answer is None or self.value_of(f"confirm_{question.pk}"):
            return False
        return is_unchanged(answer, self.value_of(f"status_{question.pk}"), self.value_of(f"text_{question.pk}"))

    def confirmed(self):
        """The questions whose carried answers are confirmed on this form (ticked)."""
        return [pk for pk in self.awaiting if self.cleaned_data.get(f"confirm_{pk}")]

    def blocks(self):
        """The blocks, in order; made once, as the template goes through them several times (after validation:
        they print the form's values and errors)."""
        if self._blocks is None:
            self._blocks = [self._block(question) for question in self.questions]
        return self._blocks

    def _block(self, question):
        status = self[f"status_{question.pk}"] if f"status_{question.pk}" in self.fields else None
        confirm = self[f"confirm_{question.pk}"] if question.pk in self.awaiting else None
        return Block(question, status, self[f"text_{question.pk}"], self.is_answered(question), confirm)

    def block_groups(self):
        """The blocks by recommendations' topic, in order, for the list of blocks to jump to: (title, blocks)."""
        groups = []
        for block in self.blocks():
            recommendation = block.question.recommendation
            if recommendation is None:
                title = _("General questions")
            else:
                title = recommendation.topic.title if recommendation.topic else _("Recommendations")
            if not groups or groups[-1][0] != title:
                groups.append((title, []))
            groups[-1][1].append(block)
        return groups

    def answered_count(self):
        return sum(1 for question in self.questions if self.is_answered(question))

    def answered_summary(self):
        """ "28 of 40 answered"."""
        return _("%(answered)s of %(total)s answered") % {
            "answered": self.answered_count(),
            "total": len(self.questions),
        }

    def answered_template(self):
        """The summary with the count still to fill in, for the form's script: "%(answered)s of 40 answered"."""
        return _("%(answered)s of %(total)s answered") % {"answered": "%(answered)s", "total": len(self.questions)}

    def answers(self):
        """Question id -> (status, text), as the services take them."""
        return {
            question.pk: (
                self.cleaned_data.get(f"status_{question.pk}", ""),
                self.cleaned_data.get(f"text_{question.pk}", ""),
            )
            for question in self.questions
        }


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
