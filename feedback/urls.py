"""The staff pages under /<lang>/work/, named "feedback:<name>", from each concern's urls."""

from .actions import urls as actions
from .insights import urls as insights
from .notes import urls as notes
from .openers import urls as openers

app_name = "feedback"

urlpatterns = [
    *notes.urlpatterns,
    *insights.urlpatterns,
    *actions.urlpatterns,
    *openers.urlpatterns,
]
