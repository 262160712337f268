"""The response form: a State's answers to the questionnaire, block by block, its fields printed by a template of
the form's own (templates/questionnaires/response_form.html) from PrintedField, which works out in Python the
markup that crispy-forms' Bootstrap 5 templates printed."""

from dataclasses import dataclass
from functools import cached_property

from django import forms
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from meetings.language_fields import language_choices
from meetings.languages import text_direction

from .carry import is_unchanged
from .models import ImplementationStatus, Question


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
