"""Every text a public page, feed, poster or the public API shows passes the guard on
every path that writes it.

The register (feedback.privacy.public) is checked against what the public templates, the
Atom feed and the public API actually read; then a valid identity code is written into
each registered field through each write path, and must be refused with nothing changed
and nothing public.
"""

import inspect
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.forms import modelform_factory
from django.test import Client
from django.urls import reverse

from feedback.actions.services import action_publish
from feedback.api import public as public_api
from feedback.models import Action, ActionEvent, ActionStatus, Insight
from feedback.privacy.public import (
    PUBLIC_OTHER_ATTRIBUTES,
    PUBLIC_TEXT_ATTRIBUTES,
    PUBLIC_TEXT_FIELDS,
    PublicTextAdminForm,
)
from feedback.public import views as public_views
from kumppanuus.api import api

pytestmark = pytest.mark.django_db

HETU = "131052-308T"
TEXT = f"Asiakas {HETU} toivoi tätä."
_TEMPLATES = Path(settings.BASE_DIR) / "templates" / "public"
_READ = re.compile(r"\b(?:action|insight|item)\.([a-z_]+)")


def _public_sources() -> dict[str, str]:
    sources = {path.name: path.read_text() for path in sorted(_TEMPLATES.glob("*.html"))}
    sources["ActionFeed"] = inspect.getsource(public_views.ActionFeed)
    sources["public API"] = inspect.getsource(public_api)
    return sources


def test_the_register_names_everything_the_public_pages_read():
    read = {name for source in _public_sources().values() for name in _READ.findall(source)}
    assert read, "the public templates read nothing: the pattern is out of date"
    unknown = read - set(PUBLIC_TEXT_ATTRIBUTES) - PUBLIC_OTHER_ATTRIBUTES
    assert not unknown, f"register these in feedback.privacy.public: {sorted(unknown)}"
    # Every text attribute the pages read is one the register guards, field by field.
    for attribute in read & set(PUBLIC_TEXT_ATTRIBUTES):
        model, fields = PUBLIC_TEXT_ATTRIBUTES[attribute]
        assert set(fields) <= set(PUBLIC_TEXT_FIELDS[model])
    for label, fields in PUBLIC_TEXT_FIELDS.items():
        model = apps.get_model(label)
        for name in fields:
            assert model._meta.get_field(name).get_internal_type() in {"CharField", "TextField"}


def test_no_other_stored_text_of_an_action_or_insight_is_public():
    """A text field added to Action or Insight must be registered or declared not public."""
    internal = {
        "feedback.Action": set(),
        "feedback.Insight": {"title", "key"},  # the staff's working title and grouping key
    }
    for label, fields in PUBLIC_TEXT_FIELDS.items():
        texts = {
            field.name
            for field in apps.get_model(label)._meta.get_fields()
            if getattr(field, "get_internal_type", None)
            and field.get_internal_type() in {"CharField", "TextField"}
            and not field.choices
        }
        assert texts - set(fields) - internal[label] == set()


def _cases() -> list[tuple[str, str]]:
    return [(label, name) for label, fields in PUBLIC_TEXT_FIELDS.items() for name in fields]


def _public(action: Action) -> str:
    client = Client()
    pages = [
        reverse("public_unit", kwargs={"slug": action.unit.slug}) + "?fresh=1",
        reverse("public_unit_feed", kwargs={"slug": action.unit.slug}),
        reverse("home"),
        "/api/v1/public/requests",
    ]
    return "".join(client.get(page).content.decode() for page in pages)


def _action_form_data(action: Action, insight: Insight, **changes) -> dict:
    data = {
        "insights": [insight.pk],
        "unit": action.unit_id,
        "title_fi": action.title_fi,
        "title_sv": action.title_sv,
        "title_en": action.title_en,
        "text_fi": action.text_fi,
        "text_sv": action.text_sv,
        "text_en": action.text_en,
        "responsible": action.responsible_id,
        "due_date": action.due_date.isoformat(),
    }
    data.update(changes)
    return data


def _snapshot() -> tuple:
    return (
        list(Action.objects.order_by("pk").values()),
        list(Insight.objects.order_by("pk").values("pk", "summary_fi", "summary_sv", "summary_en")),
        ActionEvent.objects.count(),
    )


def _write_paths(label: str, name: str) -> list[str]:
    if label == "feedback.Insight":
        return ["insight_summary", "publish_after_direct_write"]
    if name.startswith(("title", "text")):
        return ["action_create", "action_edit", "publish_after_direct_write"]
    return ["action_status", "publish_after_direct_write"]


@pytest.mark.parametrize(("label", "name"), _cases())
def test_an_identity_code_is_refused_on_every_write_path(
    client, manager, action, insight, label, name
):
    action = action_publish(action=action, user=manager, confirmed=True)
    client.force_login(manager)
    for path in _write_paths(label, name):
        before = _snapshot()
        if path == "action_create":
            response = client.post(
                reverse("feedback:action_create"),
                _action_form_data(action, insight, **{name: TEXT}),
            )
        elif path == "action_edit":
            response = client.post(
                reverse("feedback:action_edit", kwargs={"pk": action.pk}),
                _action_form_data(action, insight, **{name: TEXT}),
            )
        elif path == "action_status":
            data = {
                "status": ActionStatus.NOT_POSSIBLE,
                "constraint_category": "money",
                "justification_fi": "Rahaa ei ole.",
                "instead_fi": "Soitamme.",
                name: TEXT,
            }
            response = client.post(
                reverse("feedback:action_status", kwargs={"pk": action.pk}), data
            )
        elif path == "insight_summary":
            data = {"status": insight.status, "summary_fi": insight.summary_fi, name: TEXT}
            response = client.post(
                reverse("feedback:insight_summary", kwargs={"pk": insight.pk}), data
            )
        else:
            # A text that reached the database some other way (a shell, a migration, a
            # restored backup) is still refused when the action is published again.
            Action.objects.filter(pk=action.pk).update(published_at=None)
            model = apps.get_model(label)
            row = action if model is Action else insight
            model.objects.filter(pk=row.pk).update(**{name: TEXT})
            before = _snapshot()
            response = client.post(
                reverse("feedback:action_publish", kwargs={"pk": action.pk}), {"confirm": "on"}
            )
        assert response.status_code in {200, 400}, (path, response.status_code)
        assert "henkilötunnu" in response.content.decode(), path
        assert _snapshot() == before, path
        assert HETU not in _public(action), path
        if path == "publish_after_direct_write":
            assert not Action.objects.get(pk=action.pk).is_published


def test_a_changed_public_text_of_a_published_action_waits_for_the_preview(
    client, manager, action, insight
):
    action = action_publish(action=action, user=manager, confirmed=True)
    client.force_login(manager)
    response = client.post(
        reverse("feedback:action_status", kwargs={"pk": action.pk}),
        {
            "status": ActionStatus.NOT_POSSIBLE,
            "constraint_category": "money",
            "justification_fi": "Rahaa ei ole tänä vuonna.",
            "instead_fi": "Soitamme iltapäivällä.",
        },
    )
    assert response.headers["Location"] == reverse(
        "feedback:action_publish", kwargs={"pk": action.pk}
    )
    action.refresh_from_db()
    assert not action.is_published
    assert "Rahaa ei ole" not in _public(action)
    assert action.events.filter(kind=ActionEvent.Kind.UNPUBLISHED).exists()
    action = action_publish(action=action, user=manager, confirmed=True)
    response = client.post(
        reverse("feedback:insight_summary", kwargs={"pk": insight.pk}),
        {"status": insight.status, "summary_fi": "Jonot olivat pitkiä."},
    )
    assert response.headers["Location"] == reverse(
        "feedback:action_publish", kwargs={"pk": action.pk}
    )
    action.refresh_from_db()
    assert not action.is_published
    assert "Jonot olivat pitkiä" not in _public(action)


def test_the_admin_guards_every_editable_public_text():
    for label, fields in PUBLIC_TEXT_FIELDS.items():
        model = apps.get_model(label)
        model_admin = admin.site._registry.get(model)
        if model_admin is None:
            continue
        editable = set(fields) & set(model_admin.get_fields(None)) - set(
            model_admin.get_readonly_fields(None)
        )
        assert not editable or issubclass(model_admin.form, PublicTextAdminForm), label


@pytest.mark.parametrize(("label", "name"), _cases())
def test_the_admin_form_refuses_an_identity_code(action, label, name):
    model = apps.get_model(label)
    form_class = modelform_factory(model, form=PublicTextAdminForm, fields=[name])
    form = form_class(data={name: TEXT})
    assert not form.is_valid()
    assert name in form.errors


def test_the_api_writes_no_public_text():
    """The Integration API's writes take notes only; none of them sets a public text."""
    schema = api.get_openapi_schema()
    components = schema.get("components", {}).get("schemas", {})
    public_names = {name for fields in PUBLIC_TEXT_FIELDS.values() for name in fields}
    public_names |= set(PUBLIC_TEXT_ATTRIBUTES)
    writes = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method.lower() in {"get", "head", "options"}:
                continue
            writes.append(path)
            body = operation.get("requestBody", {}).get("content", {})
            for content in body.values():
                ref = content["schema"].get("$ref", "")
                properties = components.get(ref.rsplit("/", 1)[-1], {}).get("properties", {})
                assert not (set(properties) & public_names), (path, method)
    assert writes, "no write operation found: the schema walk is out of date"
