"""The dashboard's figures: one implementation each, with the definition shown on the page.

Functions here take what the selectors read and return plain values; they do no queries.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy as _

from encounters.models import Channel
from feedback.models import NoteKind

from .filters import Period
from .models import NO_NOTE

SMALL = 5  # counts below this are suppressed where a view is shared beyond the unit

DEFINITIONS = {
    "notes": _(
        "Notes: client notes recorded in the period, counted by the ISO week (Monday to "
        "Sunday) of the encounter. Filters for theme, kind and channel apply."
    ),
    "asked": _(
        "Clients asked: encounters in which the worker asked the client about their "
        "experience, whether or not the client had something to say."
    ),
    "nothing": _("Nothing to add: encounters where the client was asked but had nothing to say."),
    "ask_rate": _(
        "Ask rate: clients asked divided by all encounters imported from the patient record "
        "system for the same units and days. Shown only when totals have been imported."
    ),
    "participation": _(
        "Team participation: the members of a unit who recorded at least one note in the "
        "period, out of all its members. It shows the work community's commitment; it is "
        "never a ranking of individual workers."
    ),
    "unused": _(
        "Unused experiential knowledge: notes older than 30 days that are not in an insight a "
        "manager has reviewed and have no answer (action planned, done or not possible)."
    ),
    "growing": _(
        "Growing insights: open insights with more notes in the last 30 days than in the 30 "
        "days before, fastest first."
    ),
    "outcome": _(
        "Public outcome: of the notes recorded in the period (withdrawn ones left out), the "
        "share whose action is done or was found not possible now, with a reason, and "
        "published."
    ),
    "response_days": _(
        "Days to a public response: for each action published in the period, the days from "
        "the first note of its insights to publishing; the median weights each action by its "
        "notes. Days to the outcome count to the day the action was marked done instead."
    ),
    "quick": _("Quick changes: published actions done within 30 days of their first note."),
    "not_possible": _(
        "Not possible now: published actions that cannot be done now, by the kind of reason."
    ),
    "previous": _("Each figure is compared with the previous period of the same length."),
}


@dataclass
class Comparison:
    current: int
    previous: int

    @property
    def change(self) -> int:
        return self.current - self.previous

    @property
    def change_percent(self) -> int | None:
        if not self.previous:
            return None
        return round(100 * self.change / self.previous)


@dataclass
class Volume:
    total: Comparison
    asked: Comparison
    nothing: Comparison
    weeks: list[dict] = field(default_factory=list)
    by_kind: list[tuple[str, int]] = field(default_factory=list)
    by_channel: list[tuple[str, int]] = field(default_factory=list)


def _weeks(period: Period) -> list[date]:
    monday = period.start.toordinal() - period.start.weekday()
    return [date.fromordinal(day) for day in range(monday, period.end.toordinal() + 1, 7)]


def volume_from_rows(rows: list[dict], *, period: Period) -> Volume:
    """Notes and clients asked, this period against the previous one, per week and part."""
    first_current = _weeks(period)[0]
    totals = defaultdict(lambda: defaultdict(int))
    per_week = defaultdict(lambda: {"notes": 0, "asked": 0, "nothing": 0})
    by_kind = defaultdict(int)
    by_channel = defaultdict(int)
    for row in rows:
        current = row["week_start"] >= first_current
        side = "current" if current else "previous"
        if row["kind"] == NO_NOTE:
            totals["asked"][side] += row["asked"] or 0
            totals["nothing"][side] += row["nothing"] or 0
            if current:
                per_week[row["week_start"]]["asked"] += row["asked"] or 0
                per_week[row["week_start"]]["nothing"] += row["nothing"] or 0
            continue
        totals["notes"][side] += row["notes"] or 0
        if current:
            per_week[row["week_start"]]["notes"] += row["notes"] or 0
            by_kind[row["kind"]] += row["notes"] or 0
            by_channel[row["channel"]] += row["notes"] or 0
    weeks = []
    for monday in _weeks(period):
        iso = monday.isocalendar()
        weeks.append({"monday": monday, "label": f"{iso.year}-W{iso.week:02d}", **per_week[monday]})
    kind_labels = dict(NoteKind.choices)
    channel_labels = dict(Channel.choices)
    return Volume(
        total=Comparison(totals["notes"]["current"], totals["notes"]["previous"]),
        asked=Comparison(totals["asked"]["current"], totals["asked"]["previous"]),
        nothing=Comparison(totals["nothing"]["current"], totals["nothing"]["previous"]),
        weeks=weeks,
        by_kind=[(kind_labels[k], by_kind[k]) for k in kind_labels if by_kind.get(k)],
        by_channel=[
            (channel_labels[c], by_channel[c]) for c in channel_labels if by_channel.get(c)
        ],
    )


def ask_rate(asked: int, total: int) -> int | None:
    """Percent of all encounters in which the client was asked; None without totals."""
    if not total:
        return None
    return round(100 * asked / total)


def suppress(value: int, *, shared: bool) -> int | str:
    """Counts under five are not shown where the view is shared beyond the unit's managers."""
    if shared and 0 < value < SMALL:
        return str(_("fewer than 5"))
    return value


def bars(items: list[tuple[str, int]]) -> list[dict]:
    """Chart rows: label, value and bar width in percent of the largest value."""
    largest = max((value for _, value in items), default=0)
    return [
        {"label": label, "value": value, "width": round(100 * value / largest) if largest else 0}
        for label, value in items
    ]


def weighted_median(pairs: list[tuple[float, int]]) -> float | None:
    """The median of values each counted `weight` times; None when there are none."""
    pairs = sorted((value, weight) for value, weight in pairs if weight > 0)
    total = sum(weight for _, weight in pairs)
    if not total:
        return None
    half, running = total / 2, 0
    for index, (value, weight) in enumerate(pairs):
        running += weight
        if running > half:
            return value
        if running == half:
            return (value + pairs[index + 1][0]) / 2
    return pairs[-1][0]


def loop_from_rows(data: dict) -> dict:
    """Outcome share, medians to response and outcome, quick changes, reasons for "no"."""
    notes = data["notes"]
    actions = data["actions"]
    response, outcome, reasons = [], [], defaultdict(int)
    quick = 0
    for action in actions:
        weight = action["notes"] or 0
        if action["first_note"] is None:
            continue
        response.append(((action["published_at"] - action["first_note"]).days, weight))
        if action["status"] == "done" and action["done_at"]:
            outcome.append(((action["done_at"] - action["first_note"]).days, weight))
            quick += 1 if action["quick_change"] else 0
        if action["status"] == "not_possible":
            outcome.append(((action["published_at"] - action["first_note"]).days, weight))
            reasons[action["constraint_category"]] += 1
    share = round(100 * notes["outcome"] / notes["total"]) if notes["total"] else None
    return {
        "outcome_share": share,
        "outcome_notes": notes["outcome"],
        "after_change": notes.get("after_change", 0),
        "notes_total": notes["total"],
        "median_response_days": weighted_median(response),
        "median_outcome_days": weighted_median(outcome),
        "quick_changes": quick,
        "not_possible": sorted(reasons.items()),
        "published": len(actions),
    }
