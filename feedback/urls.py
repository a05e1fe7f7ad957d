"""The staff pages under /<lang>/work/, named "feedback:<name>", from each concern's urls."""

from .actions import urls as actions
from .insights import urls as insights
from .notes import urls as notes

app_name = "feedback"

urlpatterns = [*notes.urlpatterns, *insights.urlpatterns, *actions.urlpatterns]
