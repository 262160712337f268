"""The secretariat's actions on a document's life, from its page: issue, reissue, revise, correct, add to
(meetings.issuing), and what the page shows of each language version."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from accounts.reauth import ReauthRequiredMixin
from honlac.confirmation import Confirmation, ConfirmationMixin

from . import issuing
from .issued_files import current_files, file_name
from .language_fields import language_names
from .models import Document, DocumentFile, PrintJob
from .rules import documents_visible_to
from .translation import missing_languages
from .wording import language_list


class VersionState:
    DRAFT = "draft"
    PRINTING = "printing"
    ISSUED = "issued"
    SUPERSEDED = "superseded"


def version_states(document, *, user):
    """Each language version of `document`: its state (draft, being printed for issue, issued, superseded by a
    revision), when it was issued, and for the secretariat the earlier files of a reissued version.

    `document.files` is prefetched by the caller. The queries do not depend on the number of versions.
    """
    files = current_files(document)
    revisions = _issued_revisions(document)
    printing_for_issue = set(
        PrintJob.objects.filter(
            document=document,
            purpose__in=[PrintJob.Purpose.ISSUE, PrintJob.Purpose.REISSUE],
            status__in=[PrintJob.Status.QUEUED, PrintJob.Status.RUNNING],
        ).values_list("language", flat=True)
    )
    earlier = [version for version in document.files.all() if version.superseded_at is not None]
    show_earlier = user.has_perm("meetings.read_drafts")
    names = dict(language_choices(document.version_languages()))
    states = []
    for code in document.version_languages():
        version = files.get(code)
        issued_at = version.issued_at if version is not None else None
        replaced_by = issuing.superseding_revision(document, [r for r in revisions if code in r.issued])
        if replaced_by is not None and issued_at is not None:
            state = VersionState.SUPERSEDED
        elif code in printing_for_issue:
            state = VersionState.PRINTING
        elif issued_at is not None:
            state = VersionState.ISSUED
        else:
            state = VersionState.DRAFT
        states.append(
            {
                "language": code,
                "name": names[code],
                "state": state,
                "issued_at": issued_at,
                "replaced_by": replaced_by,
                "earlier": [v for v in earlier if v.language == code] if show_earlier else [],
            }
        )
    return states


def _issued_revisions(document):
    """The issued revisions of the original of `document`, each with the languages it is issued in (`issued`)."""
    if document.relation not in ("", Document.Relation.REVISION):
        return []
    original_id = document.parent_id if document.relation == Document.Relation.REVISION else document.pk
    revisions = list(
        Document.objects.filter(
            parent_id=original_id, relation=Document.Relation.REVISION, status=Document.Status.ISSUED
        ).prefetch_related("files")
    )
    for revision in revisions:
        revision.issued = [code for code, v in current_files(revision).items() if v.issued_at is not None]
    return revisions


class LanguagesForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Language versions"), widget=forms.CheckboxSelectMultiple, required=True
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = choices


def language_choices(codes):
    """(code, name) of each language of `codes`, named in the language of the page."""
    names = language_names()
    return [(code, names.get(code, code)) for code in codes]


def action_choices(document):
    """The language versions the page offers to issue, to reissue and to correct."""
    return {
        "issuable": language_choices(issuing.draft_languages(document)),
        "reissuable": language_choices(issuing.issued_languages(document)),
        "correctable": language_choices(document.version_languages()),
    }


def action_confirmation(document, action, query):
    """What issuing, reissuing, revising, correcting or adding to `document` will do, for the confirmation page;
    `query` (the GET of the document page's form) holds the language versions ticked there."""
    symbol = document.symbol
    language = get_language()
    allowed = {
        "issue": issuing.draft_languages,
        "reissue": issuing.issued_languages,
        "correct": lambda document: document.version_languages(),
    }
    confirmation = Confirmation(title="", button="", cancel_url=document.get_absolute_url())
    if action in allowed:
        choices = language_choices(allowed[action](document))
        ticked = [code for code, _name in choices if code in query.getlist("languages")] or [c for c, _n in choices]
        confirmation.form = LanguagesForm(initial={"languages": ticked}, choices=choices)
        names = language_list(ticked, language)
    never_reused = _("It takes a symbol of its own, which is never given to another document.")
    if action == "issue":
        confirmation.title = _("Issue %(symbol)s?") % {"symbol": symbol}
        confirmation.button = _("Issue the checked versions")
        confirmation.consequences = [
            _("The %(languages)s versions will be issued: printed now, or as uploaded.") % {"languages": names},
            _("What is issued does not change: a later change is a revision, a corrigendum, an addendum or a reissue."),
        ]
        confirmation.warnings = issue_warnings(document, ticked)
        if confirmation.warnings:
            confirmation.fix_url = reverse("meetings:document_edit", args=[document.pk])
            confirmation.fix_label = _("Complete the document")
    elif action == "reissue":
        confirmation.title = _("Reissue %(symbol)s for technical reasons?") % {"symbol": symbol}
        confirmation.button = _("Reissue the checked versions")
        confirmation.consequences = [
            _(
                "The %(languages)s versions will be printed again and served instead of the issued files, under the "
                "same symbol; the earlier files are kept for the record."
            )
            % {"languages": names}
        ]
    elif action == "correct":
        confirmation.title = _("Draft a corrigendum to %(symbol)s?") % {"symbol": symbol}
        confirmation.button = _("Draft a corrigendum to the checked versions")
        confirmation.consequences = [
            _("A corrigendum to the %(languages)s versions will be drafted: write the correction, then issue it.")
            % {"languages": names},
            never_reused,
        ]
    elif action == "revise":
        confirmation.title = _("Draft a revision of %(symbol)s?") % {"symbol": symbol}
        confirmation.button = _("Draft a revision")
        confirmation.consequences = [
            _("A revision will be drafted with the text of %(symbol)s; once issued, it replaces %(symbol)s.")
            % {"symbol": symbol},
            never_reused,
        ]
    else:
        confirmation.title = _("Draft an addendum to %(symbol)s?") % {"symbol": symbol}
        confirmation.button = _("Draft an addendum")
        confirmation.consequences = [
            _("An addendum to %(symbol)s will be drafted: write it, then issue it.") % {"symbol": symbol},
            never_reused,
        ]
    return confirmation


def issue_warnings(document, languages):
    """A sentence for each text of `document` missing in a version about to be printed for issue (its title), and
    for a document printed from its text, in a version not issued yet: without its text, a version cannot be
    printed, so that it is not offered (a version uploaded as a file needs neither)."""
    uploaded = set(current_files(document))
    issued = set(issuing.issued_languages(document))
    labels = {"title": _("The title"), "text": _("The text")}
    checked = {"title": [code for code in languages if code not in uploaded]}
    if document.printed_as == Document.PrintedAs.TEXT:
        checked["text"] = [code for code in document.version_languages() if code not in uploaded | issued]
    warnings = []
    for name, codes in checked.items():
        missing = missing_languages(document, name, codes)
        if missing:
            warnings.append(
                _("%(text)s: missing in %(languages)s.")
                % {"text": labels[name], "languages": language_list(missing, get_language())}
            )
    return warnings


class DocumentActionView(PermissionRequiredMixin, ReauthRequiredMixin, ConfirmationMixin, View):
    """/documents/<pk>/actions/<action>/: issue, reissue, revise, correct or add to the document. GET says what
    will happen (with the language versions ticked on the document's page, and, before printing for issue, the
    texts missing in them); POST does it. Issuing and reissuing, which publish files, ask to confirm it's you."""

    permission_required = "meetings.manage"
    actions = ("issue", "reissue", "revise", "correct", "add")
    publishing_actions = ("issue", "reissue")

    def reauth_required(self):
        return self.kwargs["action"] in self.publishing_actions

    def get_document(self):
        if self.kwargs["action"] not in self.actions:
            raise Http404
        if not hasattr(self, "_document"):
            self._document = get_object_or_404(Document.objects.select_related("meeting__body"), pk=self.kwargs["pk"])
        return self._document

    def get_confirmation(self):
        return action_confirmation(self.get_document(), self.kwargs["action"], self.request.GET)

    def get_confirmation_context(self):
        return {"meeting": self.get_document().meeting}

    def post(self, request, pk, action):
        document = self.get_document()
        try:
            target = getattr(self, action)(document)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(document)
        return redirect(target)

    def _languages(self, document, allowed):
        form = LanguagesForm(self.request.POST, choices=language_choices(allowed))
        if not form.is_valid():
            raise ValidationError(_("Choose at least one language version among those offered."))
        return form.cleaned_data["languages"]

    def issue(self, document):
        languages = self._languages(document, issuing.draft_languages(document))
        jobs = issuing.issue_document(document, languages=languages, by=self.request.user)
        if jobs:
            message = ngettext(
                "Issuing %(symbol)s: %(count)s version is being printed.",
                "Issuing %(symbol)s: %(count)s versions are being printed.",
                len(jobs),
            ) % {"symbol": document.symbol, "count": len(jobs)}
        else:
            message = _("%(symbol)s was issued.") % {"symbol": document.symbol}
        messages.success(self.request, message)
        return document

    def reissue(self, document):
        languages = self._languages(document, issuing.issued_languages(document))
        issuing.reissue_document(document, languages=languages, by=self.request.user)
        messages.success(self.request, _("%(symbol)s is being reissued.") % {"symbol": document.symbol})
        return document

    def revise(self, document):
        revision = issuing.create_revision(document, by=self.request.user)
        messages.success(
            self.request, _("Revision %(symbol)s was drafted: change it, then issue it.") % {"symbol": revision.symbol}
        )
        return revision

    def correct(self, document):
        languages = self._languages(document, document.version_languages())
        corrigendum = issuing.create_corrigendum(document, languages=languages, by=self.request.user)
        messages.success(
            self.request,
            _("Corrigendum %(symbol)s was drafted: write the correction, then issue it.")
            % {"symbol": corrigendum.symbol},
        )
        return corrigendum

    def add(self, document):
        addendum = issuing.create_addendum(document, by=self.request.user)
        messages.success(
            self.request, _("Addendum %(symbol)s was drafted: write it, then issue it.") % {"symbol": addendum.symbol}
        )
        return addendum


class EarlierFileView(PermissionRequiredMixin, View):
    """An earlier file of a reissued language version, kept for the record (the secretariat)."""

    permission_required = "meetings.read_drafts"

    def get(self, request, pk, file_pk):
        version = get_object_or_404(
            DocumentFile.objects.select_related("document"),
            pk=file_pk,
            document__in=documents_visible_to(request.user).filter(pk=pk).values("pk"),
            superseded_at__isnull=False,
        )
        extension = version.file.name.rsplit(".", 1)[-1] if "." in version.file.name else "pdf"
        return FileResponse(version.file.open("rb"), filename=file_name(version.document, version.language, extension))
