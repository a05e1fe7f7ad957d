import json
import re

import pytest
from django.db import connection
from django.urls import reverse

from encounters.models import Channel, Encounter
from feedback.models import Note, NoteEvent, NoteStatus, Theme
from feedback.notes.receipts import (
    receipt_code_display,
    receipt_code_hash,
    receipt_code_normalise,
)
from feedback.notes.selectors import note_find_by_receipt
from feedback.notes.services import CaptureToken, capture_token_load, capture_token_new

CAPTURE = reverse("feedback:capture")


def fresh_token(client) -> str:
    response = client.get(CAPTURE)
    assert response.status_code == 200
    return response.context["form"].initial["token"]


def capture_data(unit, token: str, /, **overrides) -> dict:
    data = {
        "unit": unit.pk,
        "channel": Channel.HOME,
        "client_text": "Kotihoidon käynnit tulevat aina eri aikaan, aamupala vasta yhdeltätoista.",
        "kind": "problem",
        "worker_observation": "",
        "token": token,
        "action": "save",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_worker_records_a_note_with_receipt_and_sees_the_code(worker_client, unit, worker):
    token = fresh_token(worker_client)
    theme = Theme.objects.get(slug="waiting")

    response = worker_client.post(
        CAPTURE,
        capture_data(
            unit,
            token,
            themes=[theme.pk],
            wants_receipt="on",
            may_publish="on",
            worker_observation="Sama toive kuultu usealta.",
        ),
    )

    note = Note.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("feedback:saved", kwargs={"pk": note.pk})
    assert note.author == worker and note.unit == unit
    assert note.encounter.client_asked and not note.encounter.nothing_to_add
    assert note.encounter.channel == Channel.HOME
    assert note.kind == "problem" and note.may_publish
    assert note.worker_observation == "Sama toive kuultu usealta."
    assert list(note.themes.all()) == [theme]
    assert note.status == NoteStatus.RECEIVED
    assert list(NoteEvent.objects.values_list("status", flat=True)) == [NoteStatus.RECEIVED]
    code = capture_token_load(token).receipt_code
    assert note.receipt_hash == receipt_code_hash(code)

    page = worker_client.get(response["Location"])
    grouped = f"{code[:4]}-{code[4:8]}-{code[8:]}"
    assert grouped in page.content.decode()
    assert "<svg" in page.content.decode()
    assert f"/r/{code}" in page.context["receipt_url"]


@pytest.mark.django_db
def test_note_without_receipt_stores_no_hash_and_shows_no_code(worker_client, unit):
    token = fresh_token(worker_client)
    response = worker_client.post(CAPTURE, capture_data(unit, token))
    note = Note.objects.get()
    assert note.receipt_hash is None
    page = worker_client.get(response["Location"])
    assert page.context["code_display"] is None
    assert "<svg" not in page.content.decode()


@pytest.mark.django_db
def test_receipt_code_is_never_stored_in_plain_text(worker_client, unit):
    token = fresh_token(worker_client)
    worker_client.post(CAPTURE, capture_data(unit, token, wants_receipt="on"))
    code = capture_token_load(token).receipt_code
    note = Note.objects.get()
    stored = " ".join(str(value) for value in Note.objects.values().get().values())
    assert code not in stored
    assert code not in str(dict(worker_client.session))
    assert note.receipt_hash != code


@pytest.mark.django_db
def test_retry_with_the_same_token_creates_no_duplicate(worker_client, unit):
    token = fresh_token(worker_client)
    first = worker_client.post(CAPTURE, capture_data(unit, token, wants_receipt="on"))
    second = worker_client.post(CAPTURE, capture_data(unit, token, wants_receipt="on"))

    assert Note.objects.count() == 1
    assert Encounter.objects.count() == 1
    assert NoteEvent.objects.count() == 1
    assert first["Location"] == second["Location"]
    page = worker_client.get(second["Location"])
    assert page.context["code_display"] is not None


@pytest.mark.django_db
def test_unit_and_channel_are_preselected_from_the_last_encounter(
    worker_client, unit, worker, area
):
    from encounters.models import Membership, Unit

    second = Unit.objects.create(service_area=area, name="Jämsän kotihoito", slug="jamsa")
    Membership.objects.create(user=worker, unit=second)
    token = fresh_token(worker_client)
    worker_client.post(CAPTURE, capture_data(second, token, channel=Channel.PHONE))

    form = worker_client.get(CAPTURE).context["form"]
    assert form.initial["unit"] == second.pk
    assert form.initial["channel"] == Channel.PHONE


@pytest.mark.django_db
def test_single_unit_is_preselected_for_a_new_worker(worker_client, unit):
    form = worker_client.get(CAPTURE).context["form"]
    assert form.initial["unit"] == unit.pk


@pytest.mark.django_db
def test_asked_nothing_to_add_records_an_encounter_without_a_note(worker_client, unit, worker):
    token = fresh_token(worker_client)
    response = worker_client.post(
        CAPTURE,
        {"unit": unit.pk, "channel": Channel.PHONE, "token": token, "action": "nothing_to_add"},
    )
    assert response.status_code == 302
    assert response["Location"] == CAPTURE
    encounter = Encounter.objects.get()
    assert encounter.client_asked and encounter.nothing_to_add
    assert encounter.worker == worker and encounter.channel == Channel.PHONE
    assert Note.objects.count() == 0
    # The same tap again (a retry) records nothing more.
    worker_client.post(
        CAPTURE,
        {"unit": unit.pk, "channel": Channel.PHONE, "token": token, "action": "nothing_to_add"},
    )
    assert Encounter.objects.count() == 1


@pytest.mark.django_db
def test_asked_nothing_to_add_ignores_a_half_written_text(worker_client, unit):
    token = fresh_token(worker_client)
    worker_client.post(
        CAPTURE, capture_data(unit, token, action="nothing_to_add", kind="", client_text="")
    )
    assert Encounter.objects.get().nothing_to_add


@pytest.mark.django_db
def test_nothing_to_add_with_words_typed_asks_before_throwing_them_away(worker_client, unit):
    token = fresh_token(worker_client)
    data = capture_data(unit, token, action="nothing_to_add", client_text="Jonot ovat pitkiä.")
    response = worker_client.post(CAPTURE, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Heitetäänkö kirjoittamasi sanat pois?" in html
    assert 'value="nothing_to_add_confirmed"' in html
    # The words stay in the form; nothing is recorded until the worker confirms.
    assert "Jonot ovat pitkiä." in html
    assert Encounter.objects.count() == 0 and Note.objects.count() == 0

    response = worker_client.post(CAPTURE, {**data, "action": "nothing_to_add_confirmed"})
    assert response.status_code == 302 and response["Location"] == CAPTURE
    assert Encounter.objects.get().nothing_to_add
    assert Note.objects.count() == 0


def spare_tokens(response) -> list[dict]:
    spare = re.search(
        r'<script id="capture-spare-tokens" type="application/json">(.*?)</script>',
        response.content.decode(),
    )
    return json.loads(spare.group(1))


def form_receipt_code(response) -> str:
    return re.search(r'data-receipt-code="([^"]*)"', response.content.decode()).group(1)


@pytest.mark.django_db
def test_the_capture_page_carries_spare_idempotency_keys_for_notes_saved_offline(
    worker_client, unit
):
    response = worker_client.get(CAPTURE)
    tokens = [spare["token"] for spare in spare_tokens(response)]
    keys = {capture_token_load(token).key for token in tokens}
    assert len(keys) == len(tokens) == 5
    assert capture_token_load(response.context["form"].initial["token"]).key not in keys


@pytest.mark.django_db
def test_each_token_on_the_capture_page_comes_with_its_own_receipt_code(worker_client, unit):
    response = worker_client.get(CAPTURE)
    token = capture_token_load(response.context["form"].initial["token"])
    assert form_receipt_code(response) == receipt_code_display(token.receipt_code)
    for spare in spare_tokens(response):
        code = capture_token_load(spare["token"]).receipt_code
        assert spare["code"] == receipt_code_display(code)


@pytest.mark.django_db
def test_the_code_shown_for_a_note_saved_offline_finds_the_note_once_it_is_sent(
    worker_client, unit
):
    page = worker_client.get(CAPTURE)
    spare = spare_tokens(page)[0]
    for token, shown in (
        (page.context["form"].initial["token"], form_receipt_code(page)),
        (spare["token"], spare["code"]),
    ):
        # Sent later, when the network returns: the same form, the same token.
        worker_client.post(CAPTURE, capture_data(unit, token, wants_receipt="on"))
        note = Note.objects.latest("pk")
        assert note_find_by_receipt(raw_code=shown) == note
    assert Note.objects.count() == 2


@pytest.mark.django_db
def test_a_form_sent_back_with_errors_keeps_the_code_of_its_own_token(worker_client, unit):
    token = fresh_token(worker_client)
    response = worker_client.post(CAPTURE, capture_data(unit, token, kind=""))
    assert response.status_code == 200
    assert form_receipt_code(response) == receipt_code_display(
        capture_token_load(token).receipt_code
    )
    forged = worker_client.post(CAPTURE, capture_data(unit, "forged", kind=""))
    assert form_receipt_code(forged) == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"client_text": "   "}, "client_text", "Kirjoita, mitä asiakas sanoi"),
        ({"kind": ""}, "kind", "Valitse kirjauksen laji"),
        ({"kind": "nonsense"}, "kind", "Valitse oikea vaihtoehto"),
        ({"channel": "carrier-pigeon"}, "channel", "Valitse oikea vaihtoehto"),
        ({"client_text": "x" * 1001}, "client_text", "enintään 1000"),
        ({"worker_observation": "y" * 1001}, "worker_observation", "enintään 1000"),
        ({"client_text": "Hyvä\u202epalvelu"}, "client_text", "näkymättömiä ohjausmerkkejä"),
        ({"client_text": "Hyvä\x07palvelu"}, "client_text", "näkymättömiä ohjausmerkkejä"),
        ({"client_text": "Hyvä\x00palvelu"}, "client_text", "merkkejä (null)"),
        ({"unit": "999999"}, "unit", "Valitse jokin omista yksiköistäsi"),
        ({"unit": "abc"}, "unit", "Valitse jokin omista yksiköistäsi"),
        ({"themes": ["999999"]}, "themes", "Valitse teemat luettelosta"),
        ({"token": "forged"}, "token", "Lomaketta ei voitu tarkistaa"),
    ],
)
def test_bad_input_gets_a_translated_error_and_saves_nothing(
    worker_client, unit, overrides, field, message
):
    token = fresh_token(worker_client)
    response = worker_client.post(CAPTURE, capture_data(unit, token, **overrides))

    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert message.lower() in " ".join(form.errors[field]).lower()
    assert Note.objects.count() == 0
    assert Encounter.objects.count() == 0
    html = response.content.decode()
    assert 'class="error-summary"' in html


@pytest.mark.django_db
def test_another_units_id_is_refused(worker_client, unit, other_unit):
    token = fresh_token(worker_client)
    response = worker_client.post(CAPTURE, capture_data(other_unit, token))
    assert "unit" in response.context["form"].errors
    assert Note.objects.count() == 0


@pytest.mark.django_db
def test_another_workers_token_is_not_a_retry(client, unit, worker, manager):
    client.force_login(worker)
    token = fresh_token(client)
    client.post(CAPTURE, capture_data(unit, token))
    client.force_login(manager)
    response = client.post(CAPTURE, capture_data(unit, token, client_text="Eri teksti"))
    assert response.status_code == 404
    assert Note.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "code",
    ["131052-308T", "131052 - 308T", "010594Y9021", "020502E987X", "010101A123N"],
)
def test_identity_code_blocks_the_save_and_keeps_the_text(worker_client, unit, code):
    from stdnum.fi import hetu

    compact = code.replace(" ", "")
    if not hetu.is_valid(compact, allow_temporary=True):
        # Build a valid code with the same date and century sign.
        body = compact[:6] + compact[7:10]
        compact = compact[:10] + "0123456789ABCDEFHJKLMNPRSTUVWXY"[int(body) % 31]
        code = compact
    assert hetu.is_valid(compact, allow_temporary=True)
    token = fresh_token(worker_client)
    text = f"Asiakas antoi tunnuksensa {code} ja pyysi soittoa."
    response = worker_client.post(CAPTURE, capture_data(unit, token, client_text=text))

    assert response.status_code == 200
    assert "henkilötunnuksen" in " ".join(response.context["form"].errors["client_text"])
    assert response.context["form"]["client_text"].value() == text
    assert Note.objects.count() == 0


@pytest.mark.django_db
def test_identity_code_in_the_workers_observation_also_blocks(worker_client, unit):
    token = fresh_token(worker_client)
    response = worker_client.post(
        CAPTURE, capture_data(unit, token, worker_observation="Tunnus 131052-308T")
    )
    assert "worker_observation" in response.context["form"].errors
    assert "client_text" not in response.context["form"].errors  # the code is not there
    assert Note.objects.count() == 0


@pytest.mark.django_db
def test_phone_number_warns_until_the_worker_confirms_and_only_the_flag_is_kept(
    worker_client, unit
):
    token = fresh_token(worker_client)
    text = "Toivoo soittoa numeroon 040 123 4567 kun asia etenee."
    first = worker_client.post(CAPTURE, capture_data(unit, token, client_text=text))
    assert first.status_code == 200
    assert "confirm_privacy" in first.context["form"].errors
    assert "puhelinnumero" in first.content.decode()
    assert Note.objects.count() == 0

    second = worker_client.post(
        CAPTURE, capture_data(unit, token, client_text=text, confirm_privacy="on")
    )
    assert second.status_code == 302
    note = Note.objects.get()
    assert note.privacy_flags == ["phone"]
    assert "040" not in str(note.privacy_flags)


@pytest.mark.django_db
def test_email_and_address_are_flagged(worker_client, unit):
    token = fresh_token(worker_client)
    text = "Laskut voi lähettää osoitteeseen liisa@example.fi tai Kauppakatu 12 B."
    worker_client.post(CAPTURE, capture_data(unit, token, client_text=text, confirm_privacy="on"))
    assert Note.objects.get().privacy_flags == ["address", "email"]


@pytest.mark.django_db
def test_hostile_text_is_stored_as_typed_and_always_escaped(worker_client, unit):
    token = fresh_token(worker_client)
    text = "<script>alert('x')</script> '; DROP TABLE feedback_note; -- 😀"
    response = worker_client.post(CAPTURE, capture_data(unit, token, client_text=text))
    note = Note.objects.get()
    assert note.client_text == text
    for url in (reverse("feedback:own"), reverse("feedback:detail", kwargs={"pk": note.pk})):
        html = worker_client.get(url).content.decode()
        assert "<script>alert" not in html
        assert "&lt;script&gt;" in html
    assert response.status_code == 302


@pytest.mark.django_db
def test_multi_megabyte_body_is_refused_with_413_and_saves_nothing(worker_client, unit):
    token = fresh_token(worker_client)
    response = worker_client.post(
        CAPTURE, capture_data(unit, token, client_text="a" * (3 * 1024 * 1024))
    )
    assert response.status_code == 413
    assert "Liian paljon tietoa" in response.content.decode()
    assert Note.objects.count() == 0


@pytest.mark.django_db
def test_unknown_action_is_a_bad_request(worker_client, unit):
    token = fresh_token(worker_client)
    response = worker_client.post(CAPTURE, capture_data(unit, token, action="delete-all"))
    assert response.status_code == 400
    assert Encounter.objects.count() == 0


@pytest.mark.django_db
def test_capture_page_shows_the_voluntariness_sentence_in_finnish(worker_client):
    html = worker_client.get(CAPTURE).content.decode()
    assert "Palautteen antaminen on vapaaehtoista eikä vaikuta palveluusi." in html


@pytest.mark.django_db
def test_user_without_units_cannot_capture(client, django_user_model):
    user = django_user_model.objects.create_user(username="loner", password="x-password-1")
    client.force_login(user)
    response = client.get(CAPTURE)
    assert response.status_code == 403
    assert "yksikön jäsen" in response.content.decode()


def test_capture_token_is_tamper_proof():
    token = capture_token_new()
    assert capture_token_load(token.dumps()) == token
    forged = CaptureToken(key=token.key, receipt_code="0000000000").dumps()[:-3] + "abc"
    assert capture_token_load(forged) is None
    assert capture_token_load("") is None
    assert receipt_code_normalise(token.receipt_code) == token.receipt_code


@pytest.mark.django_db
def test_saved_page_shows_the_code_only_to_the_author(client, unit, worker, manager):
    client.force_login(worker)
    token = fresh_token(client)
    response = client.post(CAPTURE, capture_data(unit, token, wants_receipt="on"))
    client.force_login(manager)
    assert client.get(response["Location"]).status_code == 404


@pytest.mark.django_db
def test_saved_page_ignores_a_forged_receipt_cookie(worker_client, unit):
    token = fresh_token(worker_client)
    response = worker_client.post(CAPTURE, capture_data(unit, token, wants_receipt="on"))
    note = Note.objects.get()
    worker_client.cookies[f"receipt_{note.pk}"] = "ABCDEFGHJK"
    page = worker_client.get(response["Location"])
    assert page.context["code_display"] is None
    assert not re.search(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}", page.content.decode())


@pytest.mark.django_db
def test_a_capture_post_reads_each_thing_once(
    client, worker, unit, settings, django_assert_num_queries
):
    """Session, user, the worker's units, the chosen themes; then the capture's five inserts
    (encounter, its statistics outbox row, note, themes, timeline) and the session's
    renewal (database sessions, as without Redis). On PostgreSQL the inserts are one
    statement, a single round trip; elsewhere five in one transaction.

    No idempotency look-up before the insert (the unique key decides), no second read of the
    units and no read of the new note's themes before adding them.
    """
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    client.force_login(worker)
    token = fresh_token(client)
    themes = list(Theme.objects.values_list("pk", flat=True)[:2])
    with django_assert_num_queries(14, exact=False) as captured:
        response = client.post(CAPTURE, capture_data(unit, token, themes=themes))
    assert response.status_code == 302
    statements = [query["sql"].split(" ", 1)[0] for query in captured.captured_queries]
    assert statements.count("SELECT") == 4
    if connection.vendor == "postgresql":
        assert statements.count("WITH") == 1
        assert statements.count("INSERT") == 0
    else:
        assert statements.count("INSERT") == 5


@pytest.mark.django_db
def test_malformed_theme_ids_are_refused(worker_client, unit):
    token = fresh_token(worker_client)
    response = worker_client.post(CAPTURE, capture_data(unit, token, themes=["1", "x"]))
    assert "themes" in response.context["form"].errors
    assert Note.objects.count() == 0


@pytest.mark.django_db
def test_a_theme_taken_out_of_use_is_refused_and_nothing_is_saved(worker_client, unit):
    token = fresh_token(worker_client)
    waiting, retired = Theme.objects.order_by("pk")[:2]
    retired.is_active = False
    retired.save()
    offered = worker_client.get(CAPTURE).context["form"]["themes"]
    assert [choice.data["value"].value for choice in offered] == list(
        Theme.objects.filter(is_active=True).values_list("pk", flat=True)
    )
    assert retired.pk not in [choice.data["value"].value for choice in offered]

    response = worker_client.post(
        CAPTURE, capture_data(unit, token, themes=[str(waiting.pk), str(retired.pk)])
    )

    assert response.status_code == 200
    assert "themes" in response.context["form"].errors
    assert Note.objects.count() == 0


@pytest.mark.django_db
def test_the_clients_language_is_recorded_with_the_note(worker_client, unit):
    token = fresh_token(worker_client)

    worker_client.post(CAPTURE, capture_data(unit, token, language="sv"))

    assert Note.objects.get().language == "sv"


@pytest.mark.django_db
def test_the_clients_language_is_preselected_from_the_page_language(worker_client, unit):
    response = worker_client.get("/sv" + CAPTURE[3:])

    assert response.context["form"].initial["language"] == "sv"
    assert re.search(r'name="language" value="sv" id="[^"]+" checked', response.content.decode())


@pytest.mark.django_db
def test_a_form_without_the_language_takes_the_pages_language(worker_client, unit):
    token = fresh_token(worker_client)

    worker_client.post("/en" + CAPTURE[3:], capture_data(unit, token))

    assert Note.objects.get().language == "en"


@pytest.mark.django_db
def test_an_unknown_language_is_refused_and_nothing_is_saved(worker_client, unit):
    token = fresh_token(worker_client)

    response = worker_client.post(CAPTURE, capture_data(unit, token, language="xx"))

    assert response.status_code == 200
    assert response.context["form"].errors["language"]
    assert not Note.objects.exists()
