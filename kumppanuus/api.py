"""The Integration API under /api/v1/: one NinjaAPI that gathers each app's routers.

Wiring only, as urls.py is: feedback's routers (patient-record systems, staff
integrations, the public read API) and reports' open data. The OpenAPI description is
generated from their code at /api/v1/openapi.json; /api/v1/docs is the same description
as a plain server-rendered page. (Ninja's Swagger UI would need 8 MB of its static files,
which every collectstatic compresses, or a CDN, which the CSP forbids.)
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
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
    docs_url=None,
)
install_error_handlers(api)
api.add_router("", notes.router)
api.add_router("", staff.router)
api.add_router("/public", public.router)
api.add_router("/open-data", opendata.router)


METHODS = ("get", "post", "put", "patch", "delete")


def _schema_name(content: dict | None) -> str:
    media = next(iter((content or {}).values()), {})
    schema = media.get("schema", {})
    ref = schema.get("$ref") or schema.get("items", {}).get("$ref", "")
    name = ref.rsplit("/", 1)[-1]
    return f"{name}[]" if name and "items" in schema else name or schema.get("type", "")


def _operations(schema: dict) -> list[dict]:
    """The description's operations in order, grouped by their first tag."""
    groups: dict[str, list[dict]] = {}
    for path, item in schema["paths"].items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            groups.setdefault((operation.get("tags") or [""])[0], []).append(
                {
                    "id": operation.get("operationId", ""),
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    # Docstrings are wrapped by hand: a blank line starts a paragraph.
                    "paragraphs": [
                        " ".join(paragraph.split())
                        for paragraph in operation.get("description", "").split("\n\n")
                        if paragraph.strip()
                    ],
                    "key": bool(operation.get("security")),
                    "parameters": operation.get("parameters", []),
                    "body": _schema_name(operation.get("requestBody", {}).get("content")),
                    "responses": [
                        (status, answer.get("description", ""), _schema_name(answer.get("content")))
                        for status, answer in operation.get("responses", {}).items()
                    ],
                }
            )
    return [{"tag": tag, "operations": operations} for tag, operations in groups.items()]


@require_GET
def api_docs(request: HttpRequest) -> HttpResponse:
    """The OpenAPI description as a page for people: no script, nothing from elsewhere."""
    schema = api.get_openapi_schema()
    return render(
        request,
        "api/docs.html",
        {"info": schema["info"], "groups": _operations(schema)},
    )
