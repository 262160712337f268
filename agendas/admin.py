from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

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
    list_display = ["__str__", "meeting", "status", "document"]
    list_filter = ["status", "meeting__body"]
    search_fields = ["meeting__body__code", "meeting__number"]
    list_select_related = ["meeting__body", "document"]
    raw_id_fields = ["meeting", "document"]
    inlines = [AgendaItemInline]


@admin.register(AgendaPatternItem)
class AgendaPatternItemAdmin(TranslationAdmin):
    list_display = ["position", "title", "body", "is_placeholder", "purpose"]
    list_filter = ["body", "purpose"]
    search_fields = ["title_en", "title_fr", "title_es"]


@admin.register(NotePatternParagraph)
class NotePatternParagraphAdmin(TranslationAdmin):
    """The standard paragraphs of each body's note on organizing the next meeting, with their placeholders."""

    list_display = ["position", "__str__", "body", "kind"]
    list_filter = ["body", "kind"]
    search_fields = ["text_en", "text_fr", "text_es"]


@admin.register(MeetingNoteParagraph)
class MeetingNoteParagraphAdmin(TranslationAdmin):
    """The paragraphs written for one meeting's note, placed after a standard paragraph."""

    list_display = ["__str__", "meeting", "after", "position"]
    list_filter = ["meeting__body", "meeting"]
    search_fields = ["text_en", "text_fr", "text_es"]
    list_select_related = ["meeting__body"]


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

    list_display = ["title", "meeting", "position", "member_state", "selected", "proposed_at"]
    list_filter = ["selected", "meeting__body", "meeting"]
    search_fields = ["title_en", "title_fr", "title_es", "description"]
    list_select_related = ["meeting__body", "member_state"]


class ConsultationVoiceInline(admin.TabularInline):
    model = ConsultationVoice
    extra = 0
    fields = ["member_state", "topics", "given_by", "updated_at"]
    readonly_fields = ["given_by", "updated_at"]
    autocomplete_fields = ["member_state"]


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "closes_at", "opened_at", "topics_applied_at"]
    list_select_related = ["meeting__body"]
    raw_id_fields = ["meeting"]
    inlines = [ConsultationVoiceInline]
