"""The managers' insight workspace.

Included by feedback.urls, which names them "feedback:<name>".
"""

from django.urls import path

from . import views
from .organisation import urls as organisation
from .suggestions import urls as suggestions

urlpatterns = [
    path("insights/", views.insight_list, name="insights"),
    path("insights/<int:pk>/", views.insight_detail, name="insight"),
    path("insights/<int:pk>/rename/", views.insight_rename, name="insight_rename"),
    path("insights/<int:pk>/lock/", views.insight_lock, name="insight_lock"),
    path("insights/<int:pk>/review/", views.insight_review, name="insight_review"),
    path("insights/<int:pk>/summary/", views.insight_summary, name="insight_summary"),
    path("insights/<int:pk>/merge/", views.insight_merge, name="insight_merge"),
    path("insights/<int:pk>/split/", views.insight_split, name="insight_split"),
    path("insights/<int:pk>/move/", views.note_move, name="insight_move"),
    *suggestions.urlpatterns,
    *organisation.urlpatterns,
]
