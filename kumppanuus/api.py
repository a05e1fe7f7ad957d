"""The Integration API under /api/v1/: one NinjaAPI that gathers each app's routers.

Wiring only, as urls.py is: feedback's routers (patient-record systems, staff
integrations, the public read API) and reports' open data. The OpenAPI description is
generated from their code at /api/v1/openapi.json, with a Swagger UI served from our own
static files (ninja's vendored copy, no CDN) at /api/v1/docs.
"""

from ninja import NinjaAPI

from feedback.api import notes, public, staff
from feedback.api.errors import install_error_handlers
from reports import api as opendata

api = NinjaAPI(
    title="Kumppanuus API",
    version="1",
    description=(
        "Client feedback from patient-record systems, insights and actions for staff "
        "integrations, and the public “you said, we did” as data (Open311-style), with "
        "monthly open data. Key-authenticated operations take "
        "`Authorization: Bearer kmp_<id>_<secret>`; an administrator makes keys in the "
        "admin (Integration keys) or with `manage.py integration_key create`."
    ),
    urls_namespace="api",
)
install_error_handlers(api)
api.add_router("", notes.router)
api.add_router("", staff.router)
api.add_router("/public", public.router)
api.add_router("/open-data", opendata.router)
