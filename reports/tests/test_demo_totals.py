import pytest
from django.core.management import call_command

from encounters.models import Channel
from feedback.notes.services import capture_token_new, encounter_record_nothing_to_add
from reports.models import EncounterTotal


@pytest.mark.django_db
def test_demo_encounter_totals_give_the_demo_an_ask_rate(django_user_model, unit):
    from encounters.models import Membership

    demo = django_user_model.objects.create_user("demo-worker-x", password="x-pass-123")
    Membership.objects.create(user=demo, unit=unit, role=Membership.Role.WORKER)
    for _ in range(4):
        encounter_record_nothing_to_add(
            worker=demo, unit=unit, channel=Channel.PHONE, token=capture_token_new()
        )
    call_command("seed_demo_totals")
    total = EncounterTotal.objects.get()
    # Four asked: about two in five encounters include the question.
    assert total.unit == unit and 10 <= total.total <= 12
    call_command("seed_demo_totals")
    assert EncounterTotal.objects.count() == 1
