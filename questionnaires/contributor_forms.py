"""The forms of the work shared within a State (kept apart from forms.py, which the response form's other parts
change): inviting a contributor, giving blocks, and a contributor's form of their blocks."""

import re

from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import InviteFocalPointForm

from .contributors import block_label
from .response_form import ResponseForm

BLOCK_FIELD = re.compile(r"^(?:status|text|confirm)_(\d+)$")


class InviteContributorForm(InviteFocalPointForm):
    """A focal point invites a colleague of their own State; the secretariat chooses the State."""

    def __init__(self, *args, member_state=None, **kwargs):
        super().__init__(*args, **kwargs)
        if member_state is not None:
            del self.fields["member_state"]
            self.instance.member_state = member_state
        self.helper.inputs = []
        self.helper.add_input(Submit("invite", _("Send the invitation")))

    def invitation(self):
        """The arguments of contributors.invite_contributor, but for who invites."""
        fields = [name for name in self.Meta.fields if name in self.fields]
        return {
            **{name: self.cleaned_data[name] for name in fields},
            "member_state": self.cleaned_data.get("member_state") or self.instance.member_state,
        }


class AssignBlocksForm(forms.Form):
    """A select per block: the contributor it is given to, or nobody."""

    def __init__(self, *args, questions, contributors, assignments, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.contributors = {str(user.pk): user for user in contributors}
        choices = [("", _("Nobody")), *((str(u.pk), str(u)) for u in contributors)]
        for question in questions:
            current = assignments.get(question.pk)
            self.fields[f"block_{question.pk}"] = forms.ChoiceField(
                label=block_label(question),
                choices=choices,
                required=False,
                initial=str(current.contributor_id) if current else "",
            )

    def rows(self):
        for question in self.questions:
            yield question, self[f"block_{question.pk}"]

    def assignments(self):
        """Question id -> contributor (or None), as contributors.assign_blocks takes them."""
        return {
            question.pk: self.contributors.get(self.cleaned_data.get(f"block_{question.pk}") or "")
            for question in self.questions
        }


class BlocksForm(ResponseForm):
    """The response form with a contributor's blocks only, and no choice of language (a focal point's)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["language"]

    def foreign_fields(self):
        """The names of fields sent for blocks that are not in this form, for the language, or replies to the
        secretariat's comments (a focal point's)."""
        own = {str(question.pk) for question in self.questions}
        sent = self.data.keys() if self.is_bound else []
        foreign = []
        for name in sent:
            block = BLOCK_FIELD.match(name)
            if name == "language" or name.startswith("reply_") or (block and block[1] not in own):
                foreign.append(name)
        return sorted(foreign)
