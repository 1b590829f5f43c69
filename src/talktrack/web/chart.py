"""A negotiation on a time axis: one lane per kind of event, each event a mark that links to its page.

The geometry is computed here and drawn as SVG by `templates/chart.html`, on
the server: no script runs in the page, and the page keeps its
Content-Security-Policy. SVG presentation attributes (x, width, fill) are not
styles, so the policy's `style-src 'self'` does not block them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from talktrack.event_records import first_day, last_day
from talktrack.labels import Labels
from talktrack.query.results import TimelineEntry

# lanes top to bottom, and which event types each holds
LANES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Rounds and meetings", ("talks", "meeting")),
    ("Summits", ("summit",)),
    ("Calls", ("call",)),
    ("Visits", ("visit",)),
    ("Agreements and measures", ("agreement", "measure", "threat")),
    ("Deadlines", ("deadline",)),
)
LABEL_WIDTH, LANE_HEIGHT, TOP, MIN_MARK = 190, 46, 34, 6


@dataclass(frozen=True)
class Mark:
    """One event on the axis: a bar from its first to its last day (at least MIN_MARK wide)."""

    id: str
    x: float
    y: float
    width: float
    height: float
    kind: str
    status: str
    title: str


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    lanes: list[tuple[str, int]]  # (label, y of the lane's top)
    marks: list[Mark]
    ticks: list[Tick]
    first: date | None
    last: date | None
    undated: int


def _bounds(entry: TimelineEntry) -> tuple[date, date] | None:
    """Return the first and last day an event covers ("2025-05" is all of May), or None when undated."""
    first, last = first_day(entry.start), last_day(entry.end or entry.start)
    return (first, last) if first is not None and last is not None else None


def _ticks(first: date, last: date, scale: float) -> list[Tick]:
    """Return month ticks (quarters over two years, years over six) across the axis."""
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = 1 if months <= 24 else 3 if months <= 72 else 12
    ticks = []
    year, month = first.year, first.month
    while date(year, month, 1) <= last:
        day = date(year, month, 1)
        if (month - 1) % step == 0 and day >= first:
            ticks.append(Tick(LABEL_WIDTH + (day - first).days * scale, day.strftime("%b %Y") if step < 12 else str(year)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return ticks


def time_axis(entries: Sequence[TimelineEntry], labels: Labels, width: int = 1100) -> Chart:
    """Return the chart of `entries`: lanes by kind, a mark per dated event, ticks along the axis."""
    lane_of = {kind: n for n, (_, kinds) in enumerate(LANES) for kind in kinds}
    dated = [(e, b) for e in entries if e.type in lane_of and (b := _bounds(e)) is not None]
    undated = sum(1 for e in entries if e.type in lane_of) - len(dated)
    lanes = [(label, TOP + n * LANE_HEIGHT) for n, (label, _) in enumerate(LANES)]
    height = TOP + len(LANES) * LANE_HEIGHT + 10
    if not dated:
        return Chart(width, height, lanes, [], [], None, None, undated)
    first = min(b[0] for _, b in dated).replace(day=1)
    last = max(b[1] for _, b in dated)
    scale = (width - LABEL_WIDTH - 10) / max((last - first).days + 1, 1)
    marks = []
    for entry, (start, end) in dated:
        x = LABEL_WIDTH + (start - first).days * scale
        span = max(((end - start).days + 1) * scale, MIN_MARK)
        y = TOP + lane_of[entry.type] * LANE_HEIGHT + 8
        title = f"{labels.event(entry)}, {entry.start}" + (f" to {entry.end}" if entry.end and entry.end != entry.start else "")
        marks.append(Mark(entry.id, round(x, 1), y, round(span, 1), LANE_HEIGHT - 16, entry.type, entry.status, f"{title} ({entry.status})"))
    ticks = [t if t.x < width - 60 else Tick(t.x, "") for t in _ticks(first, last, scale)]  # no label cut at the edge
    return Chart(width, height, lanes, marks, ticks, first, last, undated)
