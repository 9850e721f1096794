"""The checks of ``seed_send_statistics()``: past sends a test sets up.

Imports no botocore; the model's ``DataPoint`` carries what was checked.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from ._errors import UsageError
from .model.quotas import STATISTICS_SPAN, DataPoint

_WHERE = "seed_send_statistics()"


def checked_point(at: object, counts: dict[str, object], now: datetime) -> DataPoint:
    """``at`` (an aware datetime, or a timedelta: that long ago) within the two weeks
    GetSendStatistics covers, up to ``now``; the counts whole numbers, not negative,
    and at least one above zero."""
    when = _instant(at, now)
    checked: dict[str, int] = {}
    for name, value in counts.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise UsageError(
                f"{_WHERE}: {name} must be a whole number of 0 or more, not {value!r}."
            )
        checked[name] = value
    if not any(checked.values()):
        raise UsageError(
            f"{_WHERE}: give at least one of {', '.join(counts)} above zero; "
            "a period with nothing in it is not a data point."
        )
    return DataPoint(when.astimezone(timezone.utc), **checked)


def _instant(at: object, now: datetime) -> datetime:
    if isinstance(at, timedelta):
        if at < timedelta(0):
            raise UsageError(f"{_WHERE}: a timedelta is how long ago, not {at!r}.")
        at = now - at
    if not isinstance(at, datetime):
        raise UsageError(
            f"{_WHERE}: at must be an aware datetime or a timedelta (that long ago), not {at!r}."
        )
    if at.tzinfo is None or at.utcoffset() is None:
        raise UsageError(
            f"{_WHERE}: at {at!r} is naive; give a time zone "
            "(datetime(..., tzinfo=timezone.utc)), as SES's timestamps have one."
        )
    if at > now:
        raise UsageError(
            f"{_WHERE}: at {at.isoformat()} is after the fake's now ({now.isoformat()}); "
            "statistics are of sends that happened."
        )
    if at <= now - STATISTICS_SPAN:
        raise UsageError(
            f"{_WHERE}: at {at.isoformat()} is two weeks or more before the fake's now "
            f"({now.isoformat()}); GetSendStatistics covers only the last two weeks."
        )
    return at
