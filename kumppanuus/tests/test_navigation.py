"""The main navigation offers each role its own pages, and nothing it cannot open."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from encounters.models import AreaManagement

INSIGHTS = reverse("feedback:insights")
ACTIONS = reverse("feedback:actions")
DASHBOARD = reverse("reports:dashboard")


def _nav(client, user) -> str:
    client.force_login(user)
    html = client.get(reverse("feedback:units")).content.decode()
    return html.split('<nav class="site-nav"', 1)[1].split("</nav>", 1)[0]


@pytest.fixture
def area_manager(area, unit):
    user = get_user_model().objects.create_user("area-manager")
    AreaManagement.objects.create(user=user, service_area=area)
    return user


@pytest.fixture
def org_admin(unit):
    user = get_user_model().objects.create_user("org-admin")
    user.user_permissions.add(Permission.objects.get(codename="view_organisation_reports"))
    return user


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "shown", "hidden"),
    [
        ("worker", [], [INSIGHTS, ACTIONS, DASHBOARD]),
        ("manager", [INSIGHTS, ACTIONS, DASHBOARD], []),
        ("area_manager", [DASHBOARD], [INSIGHTS, ACTIONS]),
        ("org_admin", [DASHBOARD], [INSIGHTS, ACTIONS]),
    ],
)
def test_the_navigation_links_the_pages_of_the_users_role(client, request, persona, shown, hidden):
    user = request.getfixturevalue(persona)
    nav = _nav(client, user)
    for path in shown:
        assert f'href="{path}"' in nav
        assert client.get(path).status_code == 200  # a link never leads to a 403
    for path in hidden:
        assert f'href="{path}"' not in nav


@pytest.mark.django_db
def test_the_current_page_is_marked_in_the_navigation(client, manager):
    client.force_login(manager)
    html = client.get(INSIGHTS).content.decode()
    assert f'href="{INSIGHTS}" aria-current="page"' in html
