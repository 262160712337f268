from django.urls import path

from . import run_views, views
from .models import MessageRun

app_name = "questionnaires"

meeting = "meetings/<slug:body>/<int:number>/"

urlpatterns = [
    path(f"{meeting}recommendations/", views.RecommendationListView.as_view(), name="recommendations"),
    path(f"{meeting}recommendations/new/", views.RecommendationCreateView.as_view(), name="recommendation_create"),
    path(f"{meeting}recommendations/paste/", views.RecommendationPasteView.as_view(), name="recommendation_paste"),
    path(f"{meeting}recommendations/import/", views.RecommendationImportView.as_view(), name="recommendation_import"),
    path(
        f"{meeting}recommendations/<int:pk>/edit/",
        views.RecommendationUpdateView.as_view(),
        name="recommendation_edit",
    ),
    path(f"{meeting}questionnaire/", views.DashboardView.as_view(), name="dashboard"),
    path(f"{meeting}questionnaire/generate/", views.GenerateQuestionnaireView.as_view(), name="generate"),
    path(f"{meeting}questionnaire/edit/", views.QuestionnaireUpdateView.as_view(), name="edit"),
    path(f"{meeting}questionnaire/status/", views.QuestionnaireStatusView.as_view(), name="status"),
    path(f"{meeting}questionnaire/invite/", run_views.SendMessagesView.as_view(), name="invite"),
    path(
        f"{meeting}questionnaire/remind/",
        run_views.SendMessagesView.as_view(kind=MessageRun.Kind.REMINDER),
        name="remind",
    ),
    path(f"{meeting}questionnaire/runs/<int:run>/retry/", run_views.RetryRunView.as_view(), name="retry_run"),
    path(f"{meeting}questionnaire/post-all/", views.PostAllView.as_view(), name="post_all"),
    path(f"{meeting}questionnaire/transmittal-note/", views.TransmittalNoteView.as_view(), name="transmittal_note"),
    path(f"{meeting}questionnaire/export.<str:format>", views.ExportView.as_view(), name="export"),
    path(f"{meeting}questionnaire/<str:language>.pdf", views.BlankQuestionnaireView.as_view(), name="blank_pdf"),
    path(f"{meeting}questionnaire/response/", views.MyResponseView.as_view(), name="my_response"),
    path(f"{meeting}secure/", views.SecurePageView.as_view(), name="secure_page"),
    path("responses/<int:pk>/", views.ResponseDetailView.as_view(), name="response"),
    path("responses/<int:pk>/edit/", views.ResponseEditView.as_view(), name="response_edit"),
    path("responses/<int:pk>/submit/", views.SubmitResponseView.as_view(), name="response_submit"),
    path("responses/<int:pk>/reopen/", views.ReopenResponseView.as_view(), name="response_reopen"),
    path("responses/<int:pk>/post/", views.PostResponseView.as_view(), name="response_post"),
    path("responses/<int:pk>/history/", views.ResponseHistoryView.as_view(), name="response_history"),
    path("responses/<int:pk>/attachments/", views.AttachmentUploadView.as_view(), name="attachment_upload"),
    path(
        "responses/<int:pk>/attachments/<int:attachment>/",
        views.AttachmentDownloadView.as_view(),
        name="attachment",
    ),
    path(
        "responses/<int:pk>/attachments/<int:attachment>/delete/",
        views.AttachmentDeleteView.as_view(),
        name="attachment_delete",
    ),
]
