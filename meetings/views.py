from django.contrib import messages
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import CreateView, DetailView, UpdateView
from rules.contrib.views import PermissionRequiredMixin

from accounts.reauth import ReauthRequiredMixin
from honlac import printing
from honlac.permissions import VisibleObjectMixin

from . import print_jobs, services
from .forms import BodyMemberStatesForm, DocumentForm, MeetingForm
from .issued_files import current_files, file_name
from .issuing_views import action_choices, version_states
from .models import Body, DocumentFile, Meeting, PrintJob
from .rules import documents_visible_to, print_jobs_visible_to


class MeetingLookupMixin:
    """Finds the meeting of the URL: /meetings/<body code>/<number>/."""

    def get_meeting(self):
        if not hasattr(self, "_meeting"):
            self._meeting = get_object_or_404(
                Meeting.objects.select_related("body", "host_state"),
                body__code__iexact=self.kwargs["body"],
                number=self.kwargs["number"],
            )
        return self._meeting


class MeetingDetailView(MeetingLookupMixin, DetailView):
    template_name = "meetings/meeting_detail.html"
    context_object_name = "meeting"

    def get_object(self, queryset=None):
        return self.get_meeting()

    def get_context_data(self, **kwargs):
        meeting = self.object
        documents = (
            documents_visible_to(self.request.user)
            .filter(meeting=meeting)
            .select_related("agenda_item")
            .prefetch_related(Prefetch("files", queryset=DocumentFile.objects.only(*FILE_STATE_FIELDS)))
            .order_by("kind", "number", "symbol")  # each revision, corrigendum and addendum under its document
        )
        drafts = self.request.user.has_perm("meetings.read_drafts")
        for document in documents:
            document.meeting = meeting  # already loaded: spares a query per row
        return super().get_context_data(
            documents=[(document, language_versions(document, drafts=drafts)) for document in documents],
            can_manage=self.request.user.has_perm("meetings.manage"),
            is_participant=self.request.user.has_perm("meetings.take_part", meeting),
            **kwargs,
        )


FILE_STATE_FIELDS = ("document_id", "language", "issued_at", "superseded_at")


def language_versions(document, *, drafts):
    """The language versions of `document` one can download: the issued ones; with `drafts` (the secretariat),
    also those with an uploaded file or text to print."""
    files = current_files(document)
    available = {code for code, version in files.items() if version.issued_at is not None}
    if drafts:
        available.update(files)
        available.update(printing.languages(document.printed_as, document))
    return [code for code in document.version_languages() if code in available]


class SecretariatRequiredMixin(PermissionRequiredMixin):
    permission_required = "meetings.manage"


class MeetingCreateView(SecretariatRequiredMixin, CreateView):
    model = Meeting
    form_class = MeetingForm
    template_name = "meetings/form.html"

    def form_valid(self, form):
        self.object = services.create_meeting(
            form.save(commit=False),
            participating_states=form.cleaned_data["participating_states"],
            by=self.request.user,
        )
        messages.success(self.request, _("The meeting was created."))
        return HttpResponseRedirect(self.get_success_url())


class MeetingUpdateView(SecretariatRequiredMixin, ReauthRequiredMixin, MeetingLookupMixin, UpdateView):
    """The meeting's details and its participating States, whose focal points read every posted response of its
    secure page: after confirming it's them, as for a body's member States."""

    form_class = MeetingForm
    template_name = "meetings/form.html"

    def get_object(self, queryset=None):
        return self.get_meeting()

    def form_valid(self, form):
        self.object = services.update_meeting(
            form.save(commit=False),
            participating_states=form.cleaned_data["participating_states"],
            by=self.request.user,
        )
        messages.success(self.request, _("The meeting was saved."))
        return HttpResponseRedirect(self.get_success_url())


class BodyMemberStatesView(SecretariatRequiredMixin, ReauthRequiredMixin, UpdateView):
    """The secretariat chooses the member States of a body, by region (after confirming it's them)."""

    form_class = BodyMemberStatesForm
    template_name = "meetings/body_member_states.html"

    def get_object(self, queryset=None):
        return get_object_or_404(Body, code__iexact=self.kwargs["body"])

    def form_valid(self, form):
        services.set_body_member_states(
            self.object, member_states=form.cleaned_data["member_states"], by=self.request.user
        )
        count = len(form.cleaned_data["member_states"])
        messages.success(
            self.request,
            ngettext(
                "The member States of %(body)s were saved: %(count)s State.",
                "The member States of %(body)s were saved: %(count)s States.",
                count,
            )
            % {"body": self.object.display_code, "count": count},
        )
        return redirect("meetings:body_member_states", self.object.code)


class DocumentAccessMixin(VisibleObjectMixin):
    """The document of the URL, among those the user may read."""

    visible_to = staticmethod(documents_visible_to)

    def get_queryset(self):
        return super().get_queryset().select_related("meeting__body", "agenda_item__agenda__document")


class DocumentFormMixin:
    form_class = DocumentForm
    template_name = "meetings/document_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.get_meeting(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.get_meeting(), **kwargs)

    def save_files(self, document, form):
        for language, uploaded in form.uploaded_files().items():
            services.attach_document_file(document, language=language, file=uploaded, by=self.request.user)


class DocumentCreateView(SecretariatRequiredMixin, MeetingLookupMixin, DocumentFormMixin, CreateView):
    def form_valid(self, form):
        fields = {
            name: value for name, value in form.cleaned_data.items() if name in form._meta.fields and name != "kind"
        }
        self.object = services.create_document(
            self.get_meeting(), kind=form.cleaned_data["kind"], by=self.request.user, **fields
        )
        self.save_files(self.object, form)
        messages.success(self.request, _("Document %(symbol)s was created.") % {"symbol": self.object.symbol})
        return HttpResponseRedirect(self.object.get_absolute_url())


class DocumentUpdateView(DocumentAccessMixin, DocumentFormMixin, UpdateView):
    object_permission = "meetings.edit_document"

    def get_meeting(self):
        return self.get_object().meeting

    def form_valid(self, form):
        self.object = services.update_document(form.save(commit=False), by=self.request.user)
        self.save_files(self.object, form)
        messages.success(self.request, _("Document %(symbol)s was saved.") % {"symbol": self.object.symbol})
        return HttpResponseRedirect(self.get_success_url())


class DocumentDetailView(DocumentAccessMixin, DetailView):
    """A document with the state of each language version and, for the secretariat, what can be done with it."""

    template_name = "meetings/document_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("parent").prefetch_related("files")

    def get_context_data(self, **kwargs):
        document = self.object
        drafts = self.request.user.has_perm("meetings.read_drafts")
        return super().get_context_data(
            languages=language_versions(document, drafts=drafts),
            versions=version_states(document, user=self.request.user),
            family=documents_visible_to(self.request.user).filter(parent=document).order_by("symbol"),
            **(action_choices(document) if self.request.user.has_perm("meetings.manage") else {}),
            can_edit=self.request.user.has_perm("meetings.edit_document", document),
            **kwargs,
        )


class DocumentDownloadView(DocumentAccessMixin, View):
    """A language version: its issued file, byte for byte; for the secretariat, a draft printed from the data of
    now while it is not issued."""

    def get(self, request, *args, **kwargs):
        document = self.get_object()
        language = kwargs["language"]
        drafts = request.user.has_perm("meetings.read_drafts")
        if language not in language_versions(document, drafts=drafts):
            raise Http404
        version = services.fresh_file(document, language)
        if version is not None:
            extension = version.file.name.rsplit(".", 1)[-1] if "." in version.file.name else "pdf"
            return FileResponse(
                version.file.open("rb"),
                as_attachment=not version.generated,
                filename=file_name(document, language, extension),
            )
        if printing.prints_in_background(document.printed_as):
            return redirect(print_jobs.request_print(document, language=language, by=request.user))
        response = HttpResponse(printing.render_document(document, language=language), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{file_name(document, language)}"'
        return response


class PrintJobView(VisibleObjectMixin, View):
    """The progress of a document printed in the background; once ready, the file itself.

    Polled by the page itself: a job whose worker died is seen here and given to the worker again.
    """

    visible_to = staticmethod(print_jobs_visible_to)

    def get_queryset(self):
        return super().get_queryset().select_related("document__meeting__body")

    def get(self, request, *args, **kwargs):
        job = self.get_object()
        waiting_long = job.status == PrintJob.Status.QUEUED and job.created_at < timezone.now() - print_jobs.DEAD_AFTER
        lost = print_jobs.is_dead(job) or waiting_long
        if lost and print_jobs.recover_dead_jobs(PrintJob.objects.filter(pk=job.pk)):
            job.refresh_from_db()
        if job.status == PrintJob.Status.DONE:
            return redirect("meetings:document_download", job.document.pk, job.language)
        context = {
            "job": job,
            "document": job.document,
            "max_attempts": print_jobs.MAX_ATTEMPTS,
            "step": print_jobs.step_of(job),
            "steps": len(print_jobs.STEPS),
        }
        return render(request, "meetings/print_job.html", {**context, "waiting_long": waiting_long})

    def post(self, request, *args, **kwargs):
        """Try again: a failed job, or one that lost its worker."""
        return redirect(print_jobs.retry_print(self.get_object(), by=request.user))
