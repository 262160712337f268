from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from honlac.admin_columns import related_filter, short_column

from .models import (
    Agenda,
    AgendaItem,
    AgendaPatternItem,
    Consultation,
    ConsultationVoice,
    HostOffer,
    MeetingNoteParagraph,
    NotePatternParagraph,
    Topic,
)


class AgendaItemInline(TranslationTabularInline):
    model = AgendaItem
    extra = 0
    fields = ["parent", "position", "title", "topic", "is_placeholder", "purpose"]
    raw_id_fields = ["parent", "topic"]


@admin.register(Agenda)
class AgendaAdmin(admin.ModelAdmin):
    list_display = ["agenda", "status", "symbol"]
    list_filter = ["status", "meeting__body"]
    search_fields = ["meeting__body__code", "meeting__number", "document__symbol"]
    list_select_related = ["meeting__body", "document"]
    raw_id_fields = ["meeting", "document"]
    inlines = [AgendaItemInline]
    agenda = short_column(None, _("agenda"))
    symbol = short_column("document__symbol", _("symbol"), ordering="document__symbol")


@admin.register(AgendaPatternItem)
class AgendaPatternItemAdmin(TranslationAdmin):
    list_display = ["position", "short_title", "body", "is_placeholder", "purpose"]
    list_filter = ["body", "purpose", "is_placeholder"]
    search_fields = ["title_en", "title_fr", "title_es"]
    list_select_related = ["body"]
    short_title = short_column("title", _("title"), ordering="title")


@admin.register(NotePatternParagraph)
class NotePatternParagraphAdmin(TranslationAdmin):
    """The standard paragraphs of each body's note on organizing the next meeting, with their placeholders."""

    list_display = ["position", "paragraph", "body", "kind"]
    list_filter = ["body", "kind"]
    search_fields = ["text_en", "text_fr", "text_es"]
    list_select_related = ["body"]
    paragraph = short_column(None, _("text"))


@admin.register(MeetingNoteParagraph)
class MeetingNoteParagraphAdmin(TranslationAdmin):
    """The paragraphs written for one meeting's note, placed after a standard paragraph."""

    list_display = ["paragraph", "short_meeting", "after", "position"]
    list_filter = ["meeting__body", ("meeting", related_filter("body"))]
    search_fields = ["text_en", "text_fr", "text_es"]
    list_select_related = ["meeting__body"]
    paragraph = short_column(None, _("text"))
    short_meeting = short_column("meeting", _("meeting"), length=40)


@admin.register(HostOffer)
class HostOfferAdmin(admin.ModelAdmin):
    list_display = ["member_state", "body", "meeting_number", "offered_on", "commission_session", "status"]
    list_filter = ["status", "body", "commission_session"]
    search_fields = ["member_state__name_en", "member_state__name_fr", "member_state__name_es", "remarks"]
    list_select_related = ["member_state", "body"]
    autocomplete_fields = ["member_state"]
    readonly_fields = ["recorded_by", "recorded_at", "updated_at"]


@admin.register(Topic)
class TopicAdmin(TranslationAdmin):
    """The one record of a working-group topic: proposed, voted on, placed on the agenda, under recommendations."""

    list_display = ["short_title", "short_meeting", "position", "member_state", "selected", "proposed_at"]
    list_filter = ["selected", "meeting__body", ("meeting", related_filter("body"))]
    search_fields = ["title_en", "title_fr", "title_es", "description"]
    list_select_related = ["meeting__body", "member_state"]
    short_title = short_column("title", _("topic"), ordering="title")
    short_meeting = short_column("meeting", _("meeting"), length=40)


class ConsultationVoiceInline(admin.TabularInline):
    model = ConsultationVoice
    extra = 0
    fields = ["member_state", "topics", "given_by", "updated_at"]
    readonly_fields = ["given_by", "updated_at"]
    autocomplete_fields = ["member_state"]


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ["consultation", "closes_at", "opened_at", "topics_applied_at"]
    list_filter = ["meeting__body"]
    search_fields = ["meeting__body__code", "meeting__number"]
    list_select_related = ["meeting__body"]
    consultation = short_column(None, _("consultation on topics"))
    raw_id_fields = ["meeting"]
    inlines = [ConsultationVoiceInline]
