from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from accounts.models import OutgoingEmail
from honlac.admin_columns import related_filter, short_column

from .models import (
    Answer,
    Attachment,
    MessageRun,
    Question,
    Questionnaire,
    Recommendation,
    Response,
    ResponseVersion,
    ReviewComment,
)


@admin.register(Recommendation)
class RecommendationAdmin(TranslationAdmin):
    list_display = ["number", "short_meeting", "short_topic", "short_text", "continuation"]
    list_filter = ["meeting__body", ("meeting", related_filter("body")), "continuation"]
    search_fields = ["text_en", "text_fr", "text_es"]
    list_select_related = ["meeting__body", "topic"]
    # The recommendation continued is one of hundreds of the body: looked up, not chosen in a list.
    raw_id_fields = ["topic", "continues"]
    short_meeting = short_column("meeting", _("meeting"), length=40)
    short_topic = short_column("topic", _("topic"), length=40)
    short_text = short_column("text", _("text"))


class QuestionInline(TranslationTabularInline):
    model = Question
    extra = 0
    fields = ["position", "recommendation", "text"]
    raw_id_fields = ["recommendation"]


@admin.register(Questionnaire)
class QuestionnaireAdmin(TranslationAdmin):
    list_display = ["questionnaire", "status", "deadline", "opened_at"]
    list_filter = ["status", "meeting__body"]
    search_fields = ["meeting__body__code", "meeting__number"]
    list_select_related = ["meeting__body"]
    questionnaire = short_column(None, _("questionnaire"))
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


class ReviewCommentInline(admin.TabularInline):
    """The comments of the secretariat and the State's replies, as kept: the portal writes them
    (questionnaires.sendback), the admin only shows them."""

    model = ReviewComment
    extra = 0
    readonly_fields = ["round", "question", "text", "created_by", "created_at", "reply", "replied_by", "replied_at"]
    fields = readonly_fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["member_state", "short_questionnaire", "status", "language", "version", "updated_at", "updated_by"]
    list_filter = [
        "status",
        "language",
        "questionnaire__meeting__body",
        ("questionnaire", related_filter("meeting__body")),
    ]
    search_fields = ["member_state__name_en", "member_state__name_fr", "member_state__name_es"]
    list_select_related = ["member_state", "questionnaire__meeting__body", "updated_by"]
    short_questionnaire = short_column("questionnaire", _("questionnaire"), length=40)
    readonly_fields = ["version", "updated_at", "updated_by", "submitted_at", "posted_at", "returned_at"]
    inlines = [AnswerInline, AttachmentInline, ReviewCommentInline]


@admin.register(ResponseVersion)
class ResponseVersionAdmin(admin.ModelAdmin):
    list_display = ["response", "number", "event", "created_by", "created_at"]
    list_filter = ["event", "response__questionnaire__meeting__body"]
    search_fields = [
        "response__member_state__name_en",
        "response__member_state__name_fr",
        "response__member_state__name_es",
        "reason",
    ]
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
    """Read only: a run is written when invitations or reminders are sent (questionnaires.runs); its messages are
    rows of the outbox."""

    list_display = ["__str__", "short_questionnaire", "kind", "created_by"]
    list_filter = ["kind", "questionnaire__meeting__body"]
    search_fields = ["questionnaire__meeting__body__code", "created_by__username", "messages__to"]
    list_select_related = ["questionnaire__meeting__body", "created_by"]
    fields = ["questionnaire", "kind", "created_by", "created_at"]
    readonly_fields = fields
    inlines = [MessageInline]
    short_questionnaire = short_column("questionnaire", _("questionnaire"), length=40)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
