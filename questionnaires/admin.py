from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from accounts.models import OutgoingEmail

from .models import (
    Answer,
    Attachment,
    MessageRun,
    Question,
    Questionnaire,
    Recommendation,
    Response,
    ResponseVersion,
)


@admin.register(Recommendation)
class RecommendationAdmin(TranslationAdmin):
    list_display = ["number", "meeting", "topic", "short_text"]
    list_filter = ["meeting__body", "meeting"]
    search_fields = ["text_en", "text_fr", "text_es"]
    list_select_related = ["meeting__body", "topic"]
    raw_id_fields = ["topic"]

    @admin.display(description="text")
    def short_text(self, obj):
        return obj.text[:100]


class QuestionInline(TranslationTabularInline):
    model = Question
    extra = 0
    fields = ["position", "recommendation", "text"]
    raw_id_fields = ["recommendation"]


@admin.register(Questionnaire)
class QuestionnaireAdmin(TranslationAdmin):
    list_display = ["__str__", "status", "deadline", "opened_at"]
    list_filter = ["status", "meeting__body"]
    raw_id_fields = ["meeting", "source_meeting", "transmittal_note"]
    inlines = [QuestionInline]


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    raw_id_fields = ["question"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    readonly_fields = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]
    fields = readonly_fields


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["member_state", "questionnaire", "status", "language", "version", "updated_at", "updated_by"]
    list_filter = ["status", "language", "questionnaire__meeting__body", "questionnaire"]
    search_fields = ["member_state__name_en", "member_state__name_fr", "member_state__name_es"]
    list_select_related = ["member_state", "questionnaire__meeting__body", "updated_by"]
    readonly_fields = ["version", "updated_at", "updated_by", "submitted_at", "posted_at"]
    inlines = [AnswerInline, AttachmentInline]


@admin.register(ResponseVersion)
class ResponseVersionAdmin(admin.ModelAdmin):
    list_display = ["response", "number", "event", "created_by", "created_at"]
    list_filter = ["event"]
    list_select_related = ["response__member_state", "created_by"]
    readonly_fields = ["response", "number", "event", "snapshot", "reason", "created_by", "created_at"]

    def has_change_permission(self, request, obj=None):
        return False  # the history is never rewritten


class MessageInline(admin.TabularInline):
    model = OutgoingEmail
    fk_name = "run"
    extra = 0
    readonly_fields = ["recipient", "to", "language", "status", "error", "attempts", "sent_at"]
    fields = readonly_fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(MessageRun)
class MessageRunAdmin(admin.ModelAdmin):
    list_display = ["__str__", "questionnaire", "kind", "created_by"]
    list_filter = ["kind"]
    inlines = [MessageInline]
