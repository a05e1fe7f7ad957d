from django.urls import path

from . import action_views, insight_views, views

app_name = "feedback"

urlpatterns = [
    path("capture/", views.note_capture, name="capture"),
    path("notes/", views.note_list_own, name="own"),
    path("notes/<int:pk>/", views.note_detail, name="detail"),
    path("notes/<int:pk>/saved/", views.note_saved, name="saved"),
    path("units/", views.unit_list, name="units"),
    path("units/<int:unit_id>/notes/", views.note_list_unit, name="unit_notes"),
    path("session/keepalive/", views.session_keepalive, name="keepalive"),
    path("actions/", action_views.action_list, name="actions"),
    path("actions/new/", action_views.action_create, name="action_create"),
    path("actions/<int:pk>/", action_views.action_detail, name="action_detail"),
    path("actions/<int:pk>/status/", action_views.action_status, name="action_status"),
    path("actions/<int:pk>/publish/", action_views.action_publish, name="action_publish"),
    path("actions/<int:pk>/unpublish/", action_views.action_unpublish, name="action_unpublish"),
    path("insights/", insight_views.insight_list, name="insights"),
    path("insights/<int:pk>/", insight_views.insight_detail, name="insight"),
    path("insights/<int:pk>/rename/", insight_views.insight_rename, name="insight_rename"),
    path("insights/<int:pk>/lock/", insight_views.insight_lock, name="insight_lock"),
    path("insights/<int:pk>/review/", insight_views.insight_review, name="insight_review"),
    path("insights/<int:pk>/summary/", insight_views.insight_summary, name="insight_summary"),
    path("insights/<int:pk>/merge/", insight_views.insight_merge, name="insight_merge"),
    path("insights/<int:pk>/split/", insight_views.insight_split, name="insight_split"),
    path("insights/<int:pk>/move/", insight_views.note_move, name="insight_move"),
]
