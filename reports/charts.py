"""The dashboard's weekly time series as an inline SVG: geometry only, no script.

The template draws what `week_chart` returns: one polyline per series (notes, clients
asked, changes made), with a marker and a dash pattern of its own so that the lines differ
without colour, axis ticks, and the same figures as a table for anyone who does not read
the picture. Where the view is shared beyond the unit's managers, counts of 1–4 are not
drawn (the line breaks there), as the tables show them as "fewer than 5".
"""

from dataclasses import dataclass, field

from .metrics import SMALL

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 12, 36
SERIES = ("notes", "asked", "changes")


@dataclass
class Series:
    key: str
    segments: list[str] = field(default_factory=list)  # "x,y x,y ..." per unbroken run
    markers: str = ""  # one SVG path of every point's marker


def marker(key: str, x: float, y: float) -> str:
    """A point's marker as path data: a circle for notes, a square for clients asked, a
    triangle for changes made."""
    left, up = round(x - 3.5, 1), round(y - 3.5, 1)
    if key == "notes":
        return f"M{left} {y} a3.5 3.5 0 1 0 7 0 a3.5 3.5 0 1 0 -7 0 "
    if key == "asked":
        return f"M{left} {up} h7 v7 h-7 Z "
    return f"M{x} {round(y - 4.5, 1)} l4.5 8.5 h-9 Z "


@dataclass
class WeekChart:
    width: int
    height: int
    series: list[Series]
    # Coordinates are strings: a template would write a float with the language's decimal
    # comma, which SVG does not read.
    y_ticks: list[tuple[str, int]]  # (y, value)
    x_labels: list[tuple[str, str]]  # (x, ISO week)
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    tick_x: int = LEFT - 6  # where the values of the y axis end
    label_y: int = HEIGHT - BOTTOM + 18  # the baseline of the week labels
    legend: dict = field(default_factory=lambda: {key: marker(key, 18, 6) for key in SERIES})


def _nice_top(largest: int) -> int:
    """The axis maximum: 1, 2 or 5 times a power of ten, at least the largest value."""
    top = 1
    while True:
        for step in (1, 2, 5):
            if top * step >= largest:
                return max(top * step, 1)
        top *= 10


def _drawn(value: int, *, shared: bool) -> bool:
    return not (shared and 0 < value < SMALL)


def week_chart(weeks: list[dict], *, shared: bool) -> WeekChart:
    """The chart of weeks (dicts with "label" and a count per series key)."""
    largest = max(
        (week[key] for week in weeks for key in SERIES if _drawn(week[key], shared=shared)),
        default=0,
    )
    top = _nice_top(largest)
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    step = plot_width / (len(weeks) - 1) if len(weeks) > 1 else 0

    def x(index: int) -> float:
        return round(LEFT + (index * step if step else plot_width / 2), 1)

    def y(value: int) -> float:
        return round(TOP + plot_height * (1 - value / top), 1)

    series = []
    for key in SERIES:
        line = Series(key=key)
        run: list[str] = []
        for index, week in enumerate(weeks):
            value = week[key]
            if not _drawn(value, shared=shared):
                if run:
                    line.segments.append(" ".join(run))
                run = []
                continue
            point = (x(index), y(value))
            line.markers += marker(key, *point)
            run.append(f"{point[0]},{point[1]}")
        if run:
            line.segments.append(" ".join(run))
        series.append(line)
    # At most about eight week labels, so that they never overlap.
    every = max(1, -(-len(weeks) // 8))
    return WeekChart(
        width=WIDTH,
        height=HEIGHT,
        series=series,
        y_ticks=[(str(y(value)), value) for value in sorted({0, top // 2, top})],
        x_labels=[(str(x(i)), week["label"]) for i, week in enumerate(weeks) if i % every == 0],
    )
