from django.contrib import admin
from modeltranslation.admin import TranslationTabularInline

from .models import Agenda, AgendaItem


class AgendaItemInline(TranslationTabularInline):
    model = AgendaItem
    extra = 0
    fields = ["parent", "position", "title", "is_placeholder"]
    raw_id_fields = ["parent"]


@admin.register(Agenda)
class AgendaAdmin(admin.ModelAdmin):
    list_display = ["__str__", "meeting", "status", "document"]
    list_filter = ["status", "meeting__body"]
    search_fields = ["meeting__body__code", "meeting__number"]
    list_select_related = ["meeting__body", "document"]
    raw_id_fields = ["meeting", "document"]
    inlines = [AgendaItemInline]
