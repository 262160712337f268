from django.urls import path

from . import offers_views, organization_note_views, topics_views, views

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
    path(
        f"{meeting}organization-note/", organization_note_views.OrganizationNoteView.as_view(), name="organization_note"
    ),
    path(f"{meeting}topics/", topics_views.TopicsView.as_view(), name="topics"),
    path(f"{meeting}topics/propose/", topics_views.ProposeTopicView.as_view(), name="topic_propose"),
    path(f"{meeting}topics/voice/", topics_views.VoiceView.as_view(), name="voice"),
    path(f"{meeting}topics/consultation/", topics_views.ConsultationView.as_view(), name="consultation"),
    path(
        f"{meeting}topics/consultation/close/", topics_views.CloseConsultationView.as_view(), name="close_consultation"
    ),
    path(f"{meeting}topics/select/", topics_views.SelectTopicsView.as_view(), name="select_topics"),
    path(f"{meeting}topics/<int:pk>/edit/", topics_views.TopicUpdateView.as_view(), name="topic_edit"),
    path("bodies/<slug:body>/offers/", offers_views.OfferListView.as_view(), name="offers"),
    path("bodies/<slug:body>/offers/new/", offers_views.OfferCreateView.as_view(), name="offer_create"),
    path(
        "bodies/<slug:body>/offers/commission-<int:session>.<str:format>",
        offers_views.OffersForCommissionView.as_view(),
        name="offers_for_commission",
    ),
    path("offers/<int:pk>/", offers_views.OfferDetailView.as_view(), name="offer"),
    path("offers/<int:pk>/edit/", offers_views.OfferUpdateView.as_view(), name="offer_edit"),
    path("offers/<int:pk>/status/", offers_views.OfferStatusView.as_view(), name="offer_status"),
    path("offers/<int:pk>/note-verbale/", offers_views.NoteVerbaleView.as_view(), name="note_verbale"),
]
