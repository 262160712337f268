from django.urls import path

from . import views

app_name = "agendas"

meeting = "meetings/<slug:body>/<int:number>/"

urlpatterns = [
    path(f"{meeting}agenda/", views.AgendaView.as_view(), name="agenda"),
    path(f"{meeting}agenda/generate/", views.GenerateAgendaView.as_view(), name="generate"),
    path(f"{meeting}agenda/status/", views.AgendaStatusView.as_view(), name="status"),
    path(f"{meeting}agenda/items/new/", views.AgendaItemFormView.as_view(), name="item_create"),
    path(f"{meeting}agenda/items/<int:pk>/edit/", views.AgendaItemFormView.as_view(), name="item_edit"),
    path(f"{meeting}agenda/items/<int:pk>/delete/", views.AgendaItemDeleteView.as_view(), name="item_delete"),
    path(f"{meeting}agenda/items/<int:pk>/move/", views.AgendaItemMoveView.as_view(), name="item_move"),
    # Opening the next meeting generates its draft agenda: the agendas app's, which depends on meetings.
    path(f"{meeting}open-next/", views.OpenNextMeetingView.as_view(), name="open_next"),
    path(f"{meeting}organization-note/", views.OrganizationNoteView.as_view(), name="organization_note"),
    path(f"{meeting}topics/", views.TopicsView.as_view(), name="topics"),
    path(f"{meeting}topics/propose/", views.ProposeTopicView.as_view(), name="topic_propose"),
    path(f"{meeting}topics/voice/", views.VoiceView.as_view(), name="voice"),
    path(f"{meeting}topics/consultation/", views.ConsultationView.as_view(), name="consultation"),
    path(f"{meeting}topics/select/", views.SelectTopicsView.as_view(), name="select_topics"),
    path(f"{meeting}topics/<int:pk>/edit/", views.TopicUpdateView.as_view(), name="topic_edit"),
    path("bodies/<slug:body>/offers/", views.OfferListView.as_view(), name="offers"),
    path("bodies/<slug:body>/offers/new/", views.OfferCreateView.as_view(), name="offer_create"),
    path(
        "bodies/<slug:body>/offers/commission-<int:session>.<str:format>",
        views.OffersForCommissionView.as_view(),
        name="offers_for_commission",
    ),
    path("offers/<int:pk>/", views.OfferDetailView.as_view(), name="offer"),
    path("offers/<int:pk>/edit/", views.OfferUpdateView.as_view(), name="offer_edit"),
    path("offers/<int:pk>/status/", views.OfferStatusView.as_view(), name="offer_status"),
    path("offers/<int:pk>/note-verbale/", views.NoteVerbaleView.as_view(), name="note_verbale"),
]
