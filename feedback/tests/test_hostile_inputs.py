"""Hostile and careless input everywhere, as every persona: never a 5xx, never a partial write.

Nothing here is listed by hand. The cases are generated:
- every URL pattern of the project (ids and slugs out of range, too long, of the wrong
  kind), as every persona;
- every query parameter a view reads (found in the views' source) or a GET form offers,
  set to hostile values on every page;
- every field of every POST form each persona's pages offer (parsed from the HTML), one
  field at a time set to a hostile value, the others kept as the page filled them;
- CSV import files with hostile contents.

A refusal (anything but a redirect after a POST) must leave the database exactly as it
was: every row of every table of the project's apps is compared before and after.
"""

import functools
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count, Max
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from encounters.models import Unit
from feedback.actions.services import action_publish

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "worker", "other_worker", "manager", "other_manager"]

HOSTILE_TEXT = [
    "",
    " ",
    "0",
    "-1",
    "2147483648",
    "9" * 400,
    "²",
    "1e309",
    "NaN",
    "0001-W01",
    "9999-W52",
    "01.01.0001",
    "31.02.2026",
    "a\x00b",
    "\ufffe",
    "\u202eevil",
    "<svg/onload=alert(1)>",
    "' OR 1=1 --",
    '=HYPERLINK("http://x")',
    "../../etc/passwd",
    "x" * 5000,
    "131052-308T",
    "🙂" * 50,
]
HOSTILE_QUERY = [
    "a%00b",
    "%ff%fe",
    "-1",
    "99999999999999999999",
    "x" * 3000,
    "%0d%0aSet-Cookie:x=1",
]
HOSTILE_IDS = [0, 2**31 - 1, 2**31, 2**63, 10**30]
HOSTILE_SLUGS = ["x", "a" * 300, "-", "_"]
HOSTILE_STRINGS = ["x", "a" * 300, "..", "%3Cx%3E", "abc.def", "%00"]
# The app tables a write could touch; audit logs record reads and refusals on purpose, and
# the grouping lexicon (thousands of rows) is written only in the admin, not walked here.
_LOGS = {
    "feedback.NoteAccess",
    "feedback.IntegrationCall",
    "feedback.Concept",
    "feedback.ConceptTerm",
}
_APPS = {"feedback", "encounters", "reports"}
# Not walked: the admin (Django's own, superusers only), the API (its own fuzz test,
# feedback/api/tests/test_openapi.py), single sign-on's provider callbacks, set_language,
# and /healthz, whose 503 is its answer when a service is out (kumppanuus/tests/test_web.py).
_SKIP = re.compile(r"^/(?:[a-z]{2}/)?(?:admin/|api/|oidc/|i18n/|sso/|healthz)")


def _patterns(resolver: URLResolver = None, prefix: str = "", namespace: str = ""):
    """(name with namespace, route pattern, converters) of every named URL."""
    resolver = resolver or get_resolver()
    for item in resolver.url_patterns:
        if isinstance(item, URLResolver):
            space = f"{namespace}{item.namespace}:" if item.namespace else namespace
            yield from _patterns(item, prefix + str(item.pattern), space)
        elif isinstance(item, URLPattern) and item.name:
            converters = getattr(item.pattern, "converters", {})
            yield f"{namespace}{item.name}", prefix + str(item.pattern), converters


def _values(converter) -> list:
    kind = type(converter).__name__
    if kind == "IntConverter":
        return HOSTILE_IDS
    if kind == "SlugConverter":
        return HOSTILE_SLUGS
    return HOSTILE_STRINGS


def _real_ids() -> tuple[int, ...]:
    """The ids of the rows the pages show, so that their forms are walked too."""
    from feedback.models import Action, Insight, Note

    ids = set()
    for model in (Action, Insight, Note, Unit):
        ids |= set(model.objects.values_list("pk", flat=True)[:20])
    return tuple(sorted(ids))


def _urls() -> list[str]:
    return _urls_for(_real_ids())


@functools.cache
def _urls_for(real_ids: tuple[int, ...]) -> list[str]:
    """Every named URL, filled with real and hostile ids, slugs and strings one at a time."""
    urls = set()
    for name, _route, converters in _patterns():
        if not converters:
            try:
                urls.add(reverse(name))
            except Exception:  # noqa: BLE001,S112 (a pattern that needs no kwargs but a regex group)
                continue
            continue
        names = list(converters)
        defaults = {key: _values(converters[key])[0] for key in names}
        for key in names:
            real = list(real_ids) if type(converters[key]).__name__ == "IntConverter" else []
            for value in real + _values(converters[key]):
                try:
                    urls.add(reverse(name, kwargs={**defaults, key: value}))
                except Exception:  # noqa: BLE001,S112 (a value the converter refuses)
                    continue
    return sorted(url for url in urls if not _SKIP.match(url))


def _query_names() -> set[str]:
    """The query parameters the views read, from their source."""
    names = set()
    for app in ("feedback", "reports", "encounters", "kumppanuus"):
        for path in Path(settings.BASE_DIR, app).rglob("*.py"):
            if "tests" in path.parts:
                continue
            names |= set(re.findall(r"GET(?:\.get|\.getlist|\[)\(?\"(\w+)\"", path.read_text()))
    return names


class _Forms(HTMLParser):
    """The forms of a page: method, action and each field's name and value."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "method": (attrs.get("method") or "get").lower(),
                    "action": attrs.get("action") or "",
                    "fields": {},
                    "files": set(),
                }
            )
            return
        if not self.forms or "name" not in attrs and tag != "option":
            return
        form = self.forms[-1]
        name = attrs.get("name")
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind == "file":
                form["files"].add(name)
            elif kind in {"checkbox", "radio"}:
                if "checked" in attrs or name not in form["fields"]:
                    form["fields"][name] = attrs.get("value", "on")
            elif kind not in {"submit", "button"}:
                form["fields"][name] = attrs.get("value", "")
        elif tag == "textarea":
            form["fields"][name] = ""
        elif tag == "select":
            self._select = name
            form["fields"].setdefault(name, "")
        elif tag == "option" and self._select:
            if "selected" in attrs or not form["fields"].get(self._select):
                form["fields"][self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def _forms(html: str) -> list[dict]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def _snapshot() -> dict:
    """Every table of the project's apps, audit logs aside: the row count and the latest
    change of a table whose rows carry updated_at, every row of the others."""
    rows = {}
    for model in apps.get_models():
        label = model._meta.label
        if model._meta.app_label not in _APPS or label in _LOGS or model._meta.proxy:
            continue
        names = {field.name for field in model._meta.concrete_fields}
        if "updated_at" in names:
            rows[label] = model.objects.order_by().aggregate(
                count=Count("pk"), latest=Max("updated_at")
            )
        else:
            rows[label] = sorted(map(repr, model.objects.order_by().values_list()))
    return rows


def _diff(before: dict, after: dict) -> list[str]:
    return [label for label in before if before[label] != after.get(label)]


@pytest.fixture
def world(action, manager, receipt):
    """A published action with an insight and notes, and a note with a receipt code."""
    action_publish(action=action, user=manager, confirmed=True)
    return action


def _client(personas, persona: str) -> Client:
    client = Client(raise_request_exception=False)
    if personas[persona] is not None:
        client.force_login(personas[persona])
    return client


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_url_with_hostile_ids_and_slugs(personas, world, persona):
    client = _client(personas, persona)
    failures = []
    urls = _urls()
    assert len(urls) > 50, "the URL walk found too little: it is out of date"
    for url in urls:
        before = _snapshot()
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            if response.status_code >= 500:
                failures.append(f"{method.upper()} {url}: {response.status_code}")
            if method == "post" and response.status_code not in {301, 302, 303}:
                changed = _diff(before, _snapshot())
                if changed:
                    failures.append(
                        f"POST {url}: refused ({response.status_code}) but wrote {changed}"
                    )
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_query_parameter_with_hostile_values(personas, world, persona):
    client = _client(personas, persona)
    names = _query_names()
    assert {"theme", "page", "unit"} <= names, "the parameter scan is out of date"
    failures = []
    pages = [url for url in _urls() if client.get(url).status_code == 200]
    assert pages
    for url in pages:
        page_names = set(names)
        html = client.get(url).content.decode(errors="replace")
        for form in _forms(html):
            if form["method"] == "get":
                page_names |= set(form["fields"])
        for value in HOSTILE_QUERY:
            query = "&".join(f"{name}={value}" for name in sorted(page_names))
            response = client.get(f"{url}?{query}")
            if response.status_code >= 500:
                failures.append(f"GET {url}?{query[:200]}: {response.status_code}")
    assert not failures, "\n".join(failures)


def _post_forms(client: Client) -> list[tuple[str, dict, dict]]:
    """(action URL, default fields, file fields) of every POST form on the persona's pages."""
    found = {}
    for url in _urls():
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for form in _forms(response.content.decode(errors="replace")):
            if form["method"] != "post":
                continue
            action = form["action"] or url
            if _SKIP.match(action) or "logout" in action:
                continue
            fields = {k: v for k, v in form["fields"].items() if k != "csrfmiddlewaretoken"}
            found.setdefault((action, tuple(sorted(fields))), (action, fields, form["files"]))
    return list(found.values())


# other_worker and other_manager are offered the same forms for their own units; their
# writes into this unit are the URL walk's (every id) and the access tests' concern.
@pytest.mark.parametrize("persona", ["anonymous", "worker", "manager"])
def test_every_form_field_with_hostile_values(personas, world, persona):
    client = _client(personas, persona)
    forms = _post_forms(client)
    # The capture and receipt forms for a worker; the insight and action forms for a manager.
    minimum = {"worker": 2, "manager": 6}.get(persona, 0)
    assert len(forms) >= minimum, "the form walk found too little: it is out of date"
    failures = []
    # A refused POST leaves the tables as they were: its "after" is the next "before".
    before = _snapshot()
    for action, fields, _files in forms:
        for name in fields:
            for value in HOSTILE_TEXT:
                response = client.post(action, {**fields, name: value})
                status = response.status_code
                after = _snapshot()
                if status >= 500:
                    failures.append(f"POST {action} {name}={value[:40]!r}: {status}")
                elif status not in {301, 302, 303}:
                    changed = _diff(before, after)
                    if changed:
                        failures.append(
                            f"POST {action} {name}={value[:40]!r}: refused ({status}) "
                            f"but wrote {changed}"
                        )
                before = after
    assert not failures, "\n".join(failures)


HOSTILE_CSV = {
    "empty": b"",
    "only a header": b"unit;week;encounters\n",
    "binary": bytes(range(256)) * 4,
    "NUL": b"unit;date;encounters\nx\x00y;2026-01-05;3\n",
    "huge count": b"unit;date;encounters\nkeskusta;2026-01-05;2147483648\n",
    "400 nines": b"unit;date;encounters\nkeskusta;2026-01-05;" + b"9" * 400 + b"\n",
    "superscript": "unit;date;encounters\nkeskusta;2026-01-05;²\n".encode(),
    "negative": b"unit;date;encounters\nkeskusta;2026-01-05;-5\n",
    "year one": b"unit;date;encounters\nkeskusta;0001-01-01;5\n",
    "formula": b"unit;date;encounters\n=cmd|'/c calc'!A1;2026-01-05;5\n",
    "latin-1": "yksikkö;päivä;käynnit\nkeskusta;2026-01-05;5\n".encode("latin-1"),
    "BOM and commas": "\ufeffunit,date,encounters\nkeskusta,2026-01-05,5\n".encode(),
    "long line": b"unit;date;encounters\n" + b"x" * 200_000 + b"\n",
    "many columns": b";".join([b"a"] * 5000) + b"\n",
    "unclosed quote": b'unit;date;encounters\n"keskusta;2026-01-05;5\n',
    "good row then bad": b"unit;date;encounters\nkeskusta;2026-01-05;5\nkeskusta;x;y\n",
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", HOSTILE_CSV)
def test_csv_imports_with_hostile_files(personas, world, persona, name):
    client = _client(personas, persona)
    url = reverse("reports:encounter_totals")
    page = client.get(url)
    fields = {}
    if page.status_code == 200:
        for form in _forms(page.content.decode()):
            if form["method"] == "post" and form["files"]:
                fields = {k: v for k, v in form["fields"].items() if k != "csrfmiddlewaretoken"}
                file_field = next(iter(form["files"]))
                break
        else:
            pytest.fail("the import page has no file form")
    else:
        file_field = "file"
    before = _snapshot()
    upload = SimpleUploadedFile("totals.csv", HOSTILE_CSV[name], content_type="text/csv")
    response = client.post(url, {**fields, file_field: upload})
    assert response.status_code < 500
    if response.status_code not in {301, 302, 303}:
        assert _diff(before, _snapshot()) == []
