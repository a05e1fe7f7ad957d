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


@pytest.mark.django_db
def test_demo_actions_speak_three_languages_and_answer_within_weeks(action, manager, insight):
    from datetime import timedelta

    from django.utils import timezone

    Action.objects.all().delete()
    insight.first_note_at = timezone.now() - timedelta(days=180)
    insight.summary_fi = ""
    insight.save(update_fields=["first_note_at", "summary_fi"])
    call_command("seed_loop_demo")
    demo = Action.objects.get()
    assert demo.title_sv and demo.title_en and demo.text_sv and demo.text_en
    insight.refresh_from_db()
    assert insight.summary_fi and insight.summary_sv and insight.summary_en
    # Published weeks after the matter's first note, not on the day the demo was made.
    response = demo.published_at - insight.first_note_at
    assert timedelta(days=7) <= response <= timedelta(days=60)
    assert demo.published_at < timezone.now()
    assert all(event.created_at == demo.published_at for event in demo.events.all())
