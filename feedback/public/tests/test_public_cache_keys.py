"""The public page cache keys on the filters a page understands, normalised: a made-up
query string neither adds a cache entry nor misses the cached page."""

import pytest
from django.core.cache import cache

from feedback.actions.services import action_publish
from feedback.models import Theme

pytestmark = pytest.mark.django_db


def _page_keys() -> set[str]:
    return {key for key in cache._cache if "public-pages:" in key and ":version" not in key}


def test_unknown_parameters_share_the_cached_page(client, action, manager):
    action_publish(action=action, user=manager, confirmed=True)
    first = client.get("/fi/")
    keys = _page_keys()
    assert len(keys) == 1
    for query in (
        "?utm_source=x",
        "?a=1&b=2",
        "?page=1",
        "?page=abc",
        "?theme=",
        "?x=" + "y" * 500,
    ):
        response = client.get("/fi/" + query)
        assert response.status_code == 200
        assert response.content == first.content
    assert _page_keys() == keys


def test_filters_that_name_nothing_are_answered_but_not_cached(client, action, manager, unit):
    action_publish(action=action, user=manager, confirmed=True)
    for query in ("?area=999999", "?unit=999999", "?theme=no-such-theme", "?page=999"):
        assert client.get("/fi/" + query).status_code == 200
    assert _page_keys() == set()


def test_each_real_filter_has_one_entry_however_it_is_written(client, action, manager, unit):
    action_publish(action=action, user=manager, confirmed=True)
    theme = Theme.objects.filter(is_active=True).first()
    for query in (
        f"?unit={unit.pk}",
        f"?unit=0{unit.pk}&utm=1",
        f"?utm=2&unit={unit.pk}",
        f"?theme={theme.slug}&unit={unit.pk}",
        f"?unit={unit.pk}&theme={theme.slug}&fbclid=3",
    ):
        assert client.get("/fi/" + query).status_code == 200
    assert len(_page_keys()) == 2


def test_page_links_keep_only_the_real_filters(client, action, manager, unit):
    action_publish(action=action, user=manager, confirmed=True)
    html = client.get(f"/fi/?unit={unit.pk}&evil=%22%3E").content.decode()
    assert "evil" not in html
