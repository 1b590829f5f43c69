"""The dates and times a query is given: checked, and turned into the bounds its SQL compares with."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from talktrack.errors import TalktrackError

DATE_SHAPE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


def check_date(value: str | None) -> str | None:
    """Return `value` when it names a period that exists (YYYY, YYYY-MM or YYYY-MM-DD); raise TalktrackError TT303 otherwise."""
    if value is None or value == "":
        return value
    if not isinstance(value, str) or not DATE_SHAPE.fullmatch(value):
        raise TalktrackError("TT303", value=value)
    parts = [int(p) for p in value.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as exc:  # year 0, month 13, February 30th
        raise TalktrackError("TT303", value=value) from exc
    return value


def check_since(value: str) -> datetime:
    """Return the moment a `since` names: a date (its first moment, UTC) or an ISO 8601 time (UTC unless it says).

    Raises TalktrackError TT607 when it is neither.
    """
    if DATE_SHAPE.fullmatch(value):
        try:
            check_date(value)
        except TalktrackError as exc:
            raise TalktrackError("TT607", value=value) from exc
        parts = [int(p) for p in value.split("-")] + [1, 1]
        return datetime(parts[0], parts[1], parts[2], tzinfo=timezone.utc)
    try:
        moment = datetime.fromisoformat(value)
    except (ValueError, TypeError) as exc:
        raise TalktrackError("TT607", value=value) from exc
    if "T" not in value and " " not in value.strip():
        raise TalktrackError("TT607", value=value)
    try:  # a time at the edge of the calendar may have no UTC equivalent (9999-12-31T23:00-14:00)
        return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)
    except OverflowError as exc:
        raise TalktrackError("TT607", value=value) from exc


def day_after(value: str) -> str | None:
    """Return the first date after the period `value` (YYYY, YYYY-MM or YYYY-MM-DD): an exclusive upper bound.

    None when no date follows (the period ends on 9999-12-31): there is no upper bound then.
    Raises TalktrackError TT303 when `value` is not such a date.
    """
    check_date(value)
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return f"{parts[0] + 1:04d}" if parts[0] < 9999 else None
    if len(parts) == 2:
        y, m = parts
        return f"{y + (m == 12):04d}-{m % 12 + 1:02d}" if (y, m) != (9999, 12) else None
    day = date(*parts)
    return (day + timedelta(days=1)).isoformat() if day < date.max else None
