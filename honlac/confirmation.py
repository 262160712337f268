"""Irreversible actions are confirmed: the action's URL, opened (GET), shows what will happen; the form of that page
posts (POST) to the same URL, which does it. The buttons that start such an action are links to its page, so that
it works without JavaScript and the confirmation can be read, bookmarked and tested like any page."""

from dataclasses import dataclass, field

from django.template.response import TemplateResponse


@dataclass
class Confirmation:
    """What the confirmation page says.

    - `title`: the question, as the page's heading ("Post 5 responses on the secure page?").
    - `consequences`: what will happen, one sentence each (to whom, how many, what cannot be undone).
    - `warnings`: what the person should know before going on (texts missing in a working language...), each a
      sentence; `fix_url`/`fix_label` offer the way to mend them first, and `links` ((url, label) pairs) more ways
      when the warnings have more than one place to be mended.
    - `items`: the objects concerned, when a list helps (the States that will receive a message), under
      `items_label` ("The 30 States that will receive it").
    - `button`: the label of the confirming button; `danger` makes it red (deleting).
    - `cancel_url`: where "Cancel" leads (the page the action was started from).
    - `fields`: hidden fields posted with the confirmation (name → value), e.g. the status chosen.
    """

    title: str
    button: str
    cancel_url: str
    consequences: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    items: list = field(default_factory=list)
    items_label: str = ""
    fix_url: str = ""
    fix_label: str = ""
    links: list = field(default_factory=list)
    danger: bool = False
    fields: dict = field(default_factory=dict)
    form: object = None  # a form shown above the button (e.g. a reason to give)


class ConfirmationMixin:
    """For a view whose POST does an irreversible action: GET shows `get_confirmation()` (a Confirmation).

    `meeting` in the context, if the view has `get_confirmation_context()`, lets the page show its breadcrumb."""

    confirmation_template = "includes/confirm.html"

    def get_confirmation(self):
        raise NotImplementedError

    def get_confirmation_context(self):
        return {}

    def get(self, request, *args, **kwargs):
        context = {"confirmation": self.get_confirmation(), **self.get_confirmation_context()}
        return TemplateResponse(request, self.confirmation_template, context)
