from django.urls import path

from . import body_views, issuing_views, views

app_name = "meetings"

# The home page ("meetings:home") gathers every app's tasks: honlac/urls.py adds it to this namespace.
urlpatterns = [
    path("meetings/new/", views.MeetingCreateView.as_view(), name="create"),
    path("bodies/", body_views.BodyListView.as_view(), name="bodies"),
    path("bodies/new/", body_views.BodyCreateView.as_view(), name="body_create"),
    path("bodies/<slug:body>/edit/", body_views.BodyUpdateView.as_view(), name="body_edit"),
    path("bodies/<slug:body>/meetings/new/", body_views.BodyMeetingCreateView.as_view(), name="body_meeting_create"),
    path("bodies/<slug:body>/member-states/", views.BodyMemberStatesView.as_view(), name="body_member_states"),
    path("meetings/<slug:body>/<int:number>/", views.MeetingDetailView.as_view(), name="detail"),
    path("meetings/<slug:body>/<int:number>/edit/", views.MeetingUpdateView.as_view(), name="edit"),
    path(
        "meetings/<slug:body>/<int:number>/documents/new/", views.DocumentCreateView.as_view(), name="document_create"
    ),
    path("documents/<int:pk>/", views.DocumentDetailView.as_view(), name="document"),
    path("documents/<int:pk>/edit/", views.DocumentUpdateView.as_view(), name="document_edit"),
    path(
        "documents/<int:pk>/actions/<slug:action>/", issuing_views.DocumentActionView.as_view(), name="document_action"
    ),
    path(
        "documents/<int:pk>/earlier/<int:file_pk>/",
        issuing_views.EarlierFileView.as_view(),
        name="document_earlier_file",
    ),
    path("documents/<int:pk>/<str:language>/", views.DocumentDownloadView.as_view(), name="document_download"),
    path("print-jobs/<int:pk>/", views.PrintJobView.as_view(), name="print_job"),
]
