import pytest
from django.core.management import call_command

from feedback.models import Action


@pytest.mark.django_db
def test_demo_actions_are_created_once_and_published(action, manager):
    Action.objects.all().delete()
    call_command("seed_loop_demo")
    assert Action.objects.filter(published_at__isnull=False).count() == 1
    call_command("seed_loop_demo")
    assert Action.objects.count() == 1
