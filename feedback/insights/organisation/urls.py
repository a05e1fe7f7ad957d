"""Organisation-wide insights, under /<lang>/work/organisation/.

Included by feedback.insights.urls, which feedback.urls names "feedback:<name>".
"""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "organisation/insights/",
        views.organisation_insight_list,
        name="organisation_insights",
    ),
    path(
        "organisation/insights/new/",
        views.organisation_insight_create,
        name="organisation_insight_create",
    ),
    path(
        "organisation/insights/<int:pk>/",
        views.organisation_insight_detail,
        name="organisation_insight",
    ),
    path(
        "organisation/insights/<int:pk>/rename/",
        views.organisation_insight_rename,
        name="organisation_insight_rename",
    ),
    path(
        "organisation/insights/<int:pk>/summary/",
        views.organisation_insight_summary,
        name="organisation_insight_summary",
    ),
    path(
        "organisation/insights/<int:pk>/link/",
        views.organisation_part_link,
        name="organisation_part_link",
    ),
    path(
        "organisation/insights/<int:pk>/unlink/",
        views.organisation_part_unlink,
        name="organisation_part_unlink",
    ),
]
