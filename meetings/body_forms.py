"""The secretariat's form of a body: its code, symbol prefix and languages, and how each working language names it
and its meetings (meetings.wording reads them); the admin's form of a body shares its checkbox list of languages."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .languages import CONTENT_LANGUAGE_CODES, ordered, text_direction
from .models import Body

# What each working language says of the body, in the order of the form; the first five are required there.
PER_LANGUAGE = ("title", "meeting_noun", "meeting_noun_gender", "ordinal_style", "later_meeting", "parent_organ")
REQUIRED_PER_LANGUAGE = ("title", "meeting_noun", "meeting_noun_gender", "ordinal_style", "parent_organ")
LANGUAGE_NAMES = dict(settings.CONTENT_LANGUAGES)


class WorkingLanguagesField(forms.MultipleChoiceField):
    """The six languages of the United Nations as checkboxes, cleaned to a list in UN order, each once."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Working languages"))
        kwargs.setdefault("help_text", _("The languages in which its documents are written and printed."))
        super().__init__(choices=settings.CONTENT_LANGUAGES, **kwargs)

    def clean(self, value):
        return ordered(super().clean(value))


class BodyForm(forms.ModelForm):
    working_languages = WorkingLanguagesField(
        help_text=_(
            "The languages in which its documents are written and printed. Fill in the texts of each below; those "
            "of the other languages are not used."
        )
    )

    class Meta:
        model = Body
        fields = [
            "code",
            "symbol_prefix",
            "original_language",
            "working_languages",
            *[f"{name}_{code}" for code in CONTENT_LANGUAGE_CODES for name in PER_LANGUAGE],
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = _('Letters, digits and hyphens, e.g. "honlaf": it stands in the addresses.')
        self.fields["symbol_prefix"].help_text = _('E.g. "UNODC/HONLAF": the symbols of its documents start so.')
        self.fields["original_language"].choices = settings.CONTENT_LANGUAGES
        labels = {name: capfirst(Body._meta.get_field(name).verbose_name) for name in PER_LANGUAGE}
        for code in CONTENT_LANGUAGE_CODES:
            for name in PER_LANGUAGE:
                field = self.fields[f"{name}_{code}"]
                field.required = False
                field.label = labels[name]
                if isinstance(field.widget, forms.TextInput):
                    field.widget.attrs.update(lang=code, dir=text_direction(code))
                if name == "title":
                    field.help_text = _(
                        "Without the ordinal; write {ordinal} where the ordinal stands if it does not come first."
                    )
                else:
                    field.help_text = ""
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(_("Body"), "code", "symbol_prefix", "working_languages", "original_language"),
            *[
                Fieldset(LANGUAGE_NAMES[code], *[f"{name}_{code}" for name in PER_LANGUAGE], css_class="body-language")
                for code in CONTENT_LANGUAGE_CODES
            ],
        )
        self.helper.add_input(Submit("save", _("Save")))

    def clean(self):
        cleaned = super().clean()
        languages = cleaned.get("working_languages") or []
        original = cleaned.get("original_language")
        if languages and original and original not in languages:
            self.add_error("original_language", _("The original language must be one of the working languages."))
        for code in languages:
            for name in REQUIRED_PER_LANGUAGE:
                if not cleaned.get(f"{name}_{code}"):
                    self.add_error(
                        f"{name}_{code}",
                        _("Required in %(language)s, a working language.") % {"language": LANGUAGE_NAMES[code]},
                    )
        return cleaned


class BodyAdminForm(forms.ModelForm):
    """The admin's form of a body: its working languages as checkboxes, not a JSON text."""

    working_languages = WorkingLanguagesField()

    class Meta:
        model = Body
        fields = ["working_languages"]  # the admin adds the others
