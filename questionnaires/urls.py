from django.urls import path

from . import (
    bundles_views,
    contributors_views,
    matrix_views,
    progress_views,
    recommendation_table_views,
    recommendations_views,
    response_form_views,
    responses_views,
    runs_views,
    sendback_views,
    threads_views,
    transmittal_views,
    views,
)
from .models import MessageRun

app_name = "questionnaires"

meeting = "meetings/<slug:body>/<int:number>/"

urlpatterns = [
    path("bodies/<slug:body>/implementation/", matrix_views.MatrixView.as_view(), name="matrix"),
    path("bodies/<slug:body>/implementation.xlsx", matrix_views.MatrixXlsxView.as_view(), name="matrix_xlsx"),
    path(f"{meeting}recommendations/", recommendations_views.RecommendationListView.as_view(), name="recommendations"),
    path(
        f"{meeting}recommendations/new/",
        recommendations_views.RecommendationCreateView.as_view(),
        name="recommendation_create",
    ),
    path(
        f"{meeting}recommendations/paste/",
        recommendations_views.RecommendationPasteView.as_view(),
        name="recommendation_paste",
    ),
    path(
        f"{meeting}recommendations/import/",
        recommendations_views.RecommendationImportView.as_view(),
        name="recommendation_import",
    ),
    path(
        f"{meeting}recommendations/side-by-side/",
        recommendation_table_views.RecommendationTableView.as_view(),
        name="recommendation_table",
    ),
    path(
        f"{meeting}recommendations/link/",
        threads_views.RecommendationLinksView.as_view(),
        name="recommendation_links",
    ),
    path(
        f"{meeting}recommendations/<int:pk>/delete/",
        recommendations_views.RecommendationDeleteView.as_view(),
        name="recommendation_delete",
    ),
    path(
        f"{meeting}recommendations/<int:pk>/edit/",
        recommendations_views.RecommendationUpdateView.as_view(),
        name="recommendation_edit",
    ),
    path(
        f"{meeting}recommendations/progress/",
        progress_views.MeetingProgressView.as_view(),
        name="meeting_progress",
    ),
    path("recommendations/<int:pk>/progress/", progress_views.ThreadProgressView.as_view(), name="thread_progress"),
    path(
        "bodies/<slug:body>/states/<str:state>/implementation/",
        progress_views.StateHistoryView.as_view(),
        name="state_history",
    ),
    path(f"{meeting}questionnaire/", views.DashboardView.as_view(), name="dashboard"),
    path(f"{meeting}questionnaire/generate/", views.GenerateQuestionnaireView.as_view(), name="generate"),
    path(f"{meeting}questionnaire/edit/", views.QuestionnaireUpdateView.as_view(), name="edit"),
    path(f"{meeting}questionnaire/status/", views.QuestionnaireStatusView.as_view(), name="status"),
    path(f"{meeting}questionnaire/invite/", runs_views.SendMessagesView.as_view(), name="invite"),
    path(
        f"{meeting}questionnaire/remind/",
        runs_views.SendMessagesView.as_view(kind=MessageRun.Kind.REMINDER),
        name="remind",
    ),
    path(f"{meeting}questionnaire/runs/<int:run>/retry/", runs_views.RetryRunView.as_view(), name="retry_run"),
    path(f"{meeting}questionnaire/post-all/", responses_views.PostAllView.as_view(), name="post_all"),
    path(
        f"{meeting}questionnaire/transmittal-note/",
        transmittal_views.TransmittalNoteView.as_view(),
        name="transmittal_note",
    ),
    path(f"{meeting}questionnaire/analysis/", transmittal_views.AnalysisView.as_view(), name="analysis"),
    path(f"{meeting}questionnaire/export.<str:format>", views.ExportView.as_view(), name="export"),
    path(f"{meeting}questionnaire/<str:language>.pdf", views.BlankQuestionnaireView.as_view(), name="blank_pdf"),
    path(f"{meeting}questionnaire/response/", responses_views.MyResponseView.as_view(), name="my_response"),
    path(f"{meeting}secure/", responses_views.SecurePageView.as_view(), name="secure_page"),
    path(
        f"{meeting}secure/responses-<str:language>.zip", bundles_views.ResponsesZipView.as_view(), name="responses_zip"
    ),
    path(
        f"{meeting}secure/responses-<str:language>.pdf", bundles_views.ResponsesPdfView.as_view(), name="responses_pdf"
    ),
    path("responses/<int:pk>/", responses_views.ResponseDetailView.as_view(), name="response"),
    path("responses/<int:pk>/<str:language>.pdf", bundles_views.ResponsePdfView.as_view(), name="response_pdf"),
    path("responses/<int:pk>/edit/", response_form_views.ResponseEditView.as_view(), name="response_edit"),
    path("responses/<int:pk>/autosave/", response_form_views.AutosaveView.as_view(), name="response_autosave"),
    path("responses/<int:pk>/submit/", responses_views.SubmitResponseView.as_view(), name="response_submit"),
    path("responses/<int:pk>/reopen/", responses_views.ReopenResponseView.as_view(), name="response_reopen"),
    path("responses/<int:pk>/send-back/", sendback_views.SendBackView.as_view(), name="response_send_back"),
    path("responses/<int:pk>/post/", responses_views.PostResponseView.as_view(), name="response_post"),
    path("responses/<int:pk>/history/", responses_views.ResponseHistoryView.as_view(), name="response_history"),
    path("responses/<int:pk>/attachments/", responses_views.AttachmentUploadView.as_view(), name="attachment_upload"),
    path(
        "responses/<int:pk>/attachments/<int:attachment>/",
        responses_views.AttachmentDownloadView.as_view(),
        name="attachment",
    ),
    path("responses/<int:pk>/assign/", contributors_views.AssignBlocksView.as_view(), name="assign_blocks"),
    path("responses/<int:pk>/blocks/", contributors_views.BlocksEditView.as_view(), name="response_blocks"),
    path(
        "responses/<int:pk>/blocks/autosave/",
        contributors_views.BlocksAutosaveView.as_view(),
        name="response_blocks_autosave",
    ),
    path("contributors/", contributors_views.ContributorListView.as_view(), name="contributors"),
    path("contributors/invite/", contributors_views.InviteContributorView.as_view(), name="contributor_invite"),
    path(
        "contributors/<int:pk>/deactivate/",
        contributors_views.DeactivateContributorView.as_view(),
        name="contributor_deactivate",
    ),
    path(
        "responses/<int:pk>/attachments/<int:attachment>/delete/",
        responses_views.AttachmentDeleteView.as_view(),
        name="attachment_delete",
    ),
]
