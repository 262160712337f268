from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from accounts.reauth import ReauthAdminMixin
from honlac.admin_columns import related_filter, short_column

from . import services
from .body_forms import BodyAdminForm
from .models import Body, Document, DocumentFile, Meeting, MemberState, PrintJob, Symbol
from .symbols import reserve_agenda_symbol


@admin.register(MemberState)
class MemberStateAdmin(TranslationAdmin):
    list_display = ["name", "code", "region"]
    list_filter = ["region"]
    search_fields = ["name_en", "name_fr", "name_es", "code"]


@admin.register(Body)
class BodyAdmin(ReauthAdminMixin, TranslationAdmin):
    """Changing a body (its member States among its fields) asks to confirm it's you."""

    form = BodyAdminForm
    list_display = ["code", "short_title", "symbol_prefix", "parent_organ"]
    search_fields = ["code", "title_en", "title_fr", "title_es", "symbol_prefix"]
    filter_horizontal = ["member_states"]
    short_title = short_column("title", _("title"))


@admin.register(Meeting)
class MeetingAdmin(ReauthAdminMixin, TranslationAdmin):
    list_display = ["title", "body", "number", "city", "start_date", "end_date", "status"]
    list_filter = ["body", "status", "host_state"]
    search_fields = ["city_en", "city_fr", "city_es", "body__code", "number"]
    list_select_related = ["body", "host_state"]
    filter_horizontal = ["participating_states"]
    autocomplete_fields = ["host_state"]
    date_hierarchy = "start_date"
    title = short_column(None, _("meeting"))

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if not change:
                reserve_agenda_symbol(obj, by=request.user)


class DocumentFileInline(admin.TabularInline):
    model = DocumentFile
    extra = 0
    fields = ["language", "file", "generated", "uploaded_by", "uploaded_at", "issued_at", "superseded_at", "sha256"]
    readonly_fields = ["uploaded_by", "uploaded_at", "issued_at", "superseded_at", "sha256"]

    def has_change_permission(self, request, obj=None):
        # `obj` is the document: once issued, its files are its record, changed only by a reissue from its page.
        return super().has_change_permission(request, obj) and not (obj and obj.status == obj.Status.ISSUED)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.status == obj.Status.ISSUED)


@admin.register(Document)
class DocumentAdmin(TranslationAdmin):
    list_display = ["symbol", "short_title", "short_meeting", "kind", "status", "distribution", "issue_date"]
    list_filter = [
        "status",
        "kind",
        "distribution",
        "original_language",
        "meeting__body",
        ("meeting", related_filter("body")),
    ]
    search_fields = ["symbol", "title_en", "title_fr", "title_es"]
    list_select_related = ["meeting__body"]
    readonly_fields = [
        "symbol",
        "number",
        "printed_as",
        "status",
        "parent",
        "relation",
        "languages",
        "reissued_on",
        "created_at",
        "updated_at",
    ]
    raw_id_fields = ["agenda_item"]
    inlines = [DocumentFileInline]
    date_hierarchy = "issue_date"
    short_title = short_column("title", _("title"), ordering="title")
    short_meeting = short_column("meeting", _("meeting"), length=40)

    def has_delete_permission(self, request, obj=None):
        # An issued document stays on record; its symbol is never given again either way (meetings.symbols).
        return super().has_delete_permission(request, obj) and not (obj and obj.status == obj.Status.ISSUED)

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            # Symbols are assigned in sequence, never typed.
            services.register_document(obj, by=request.user)


@admin.register(Symbol)
class SymbolAdmin(admin.ModelAdmin):
    """Read only: the registry is written by the numbering of documents (meetings.symbols)."""

    # The symbol gives the meeting and the number; the filters give the meeting.
    list_display = ["symbol", "series", "short_document", "reserved", "created_at"]
    list_filter = ["series", "reserved", "meeting__body", ("meeting", related_filter("body"))]
    search_fields = ["symbol", "document__title_en", "document__title_fr", "document__title_es"]
    list_select_related = ["meeting__body", "document"]
    short_document = short_column("document__title", _("document"))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PrintJob)
class PrintJobAdmin(admin.ModelAdmin):
    """Read only: jobs are written by the worker (meetings.print_jobs); a person asks again from the job's page."""

    list_display = [
        "symbol",
        "language",
        "status",
        "stage",
        "progress",
        "attempts",
        "requested_by",
        "created_at",
        "finished_at",
    ]
    list_filter = ["status", "stage", "language", "document__meeting__body"]
    search_fields = ["document__symbol", "requested_by__username", "error"]
    list_select_related = ["document", "requested_by"]
    date_hierarchy = "created_at"
    fields = [
        "document",
        "language",
        "status",
        "stage",
        "progress",
        "pages",
        "attempts",
        "requested_by",
        "created_at",
        "started_at",
        "heartbeat_at",
        "finished_at",
        "timeline",
        "task_id",
        "error",
    ]
    readonly_fields = fields
    symbol = short_column("document__symbol", _("symbol"), ordering="document__symbol")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
