"""Sending quotas and sending statistics: what SES counts of a region's sends.

Pure: no botocore, no pytest, no clock. Quotas count recipients, not messages (a
message to three recipients counts three). A send goes through while the last 24 hours
hold fewer recipients than the daily quota, and while the sending rate has at least one
email left: a bucket that holds ``MaxSendRate`` emails (at least one), refills at
``MaxSendRate`` per second, and may go below zero, so that a message to five recipients
at one email per second is accepted and the next sends are refused for five seconds.
Messages follow the README's behaviour table.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import NamedTuple

from .errors import ModelError

UNLIMITED = -1.0
DAY = timedelta(hours=24)
PERIOD = timedelta(minutes=15)
STATISTICS_SPAN = timedelta(days=14)
# A rate's refill is computed in floating point: a bucket this close to one email has one.
_EPSILON = 1e-9


class Quota(NamedTuple):
    """``max_24_hours`` recipients per rolling 24 hours (-1: unlimited), ``max_rate`` per
    second."""

    max_24_hours: float
    max_rate: float


SANDBOX_QUOTA = Quota(200.0, 1.0)
# No published default out of the sandbox (it "varies based on your use case"); the
# starting quota public reports long quoted (README's behaviour table: chosen).
PRODUCTION_QUOTA = Quota(50_000.0, 14.0)


class DailyQuotaExceeded(ModelError):
    """The last 24 hours hold the daily quota: v1 ``Throttling``, v2
    ``LimitExceededException``."""


class SendRateExceeded(ModelError):
    """The sending rate has no email left: v1 ``Throttling``, v2
    ``TooManyRequestsException`` (429)."""


@dataclass
class SendLog:
    """Counts at instants, in time order, with running totals: the sum over any window
    in logarithmic time. Instants may come out of order (a clock moved back)."""

    times: list[datetime] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)

    def add(self, at: datetime, count: int) -> None:
        if not self.times or at >= self.times[-1]:
            self.times.append(at)
            self.totals.append((self.totals[-1] if self.totals else 0) + count)
            return
        index = bisect_right(self.times, at)
        counts = [b - a for a, b in zip([0, *self.totals[:-1]], self.totals, strict=True)]
        counts.insert(index, count)
        self.times.insert(index, at)
        running = 0
        self.totals = []
        for each in counts:
            running += each
            self.totals.append(running)

    def total(self, after: datetime, until: datetime) -> int:
        """The counts in ``(after, until]``."""
        low = bisect_right(self.times, after)
        high = bisect_right(self.times, until)
        if high <= low:
            return 0
        return self.totals[high - 1] - (self.totals[low - 1] if low else 0)

    def ahead(self, now: datetime) -> list[datetime]:
        """The instants after ``now`` and within 24 hours of it (a clock moved back)."""
        low, high = bisect_right(self.times, now), bisect_right(self.times, now + DAY)
        return list(dict.fromkeys(self.times[low:high]))

    def entries(self, after: datetime, until: datetime) -> list[tuple[datetime, int]]:
        """Each instant in ``(after, until]`` with its count."""
        low = bisect_right(self.times, after)
        high = bisect_right(self.times, until)
        return [
            (self.times[i], self.totals[i] - (self.totals[i - 1] if i else 0))
            for i in range(low, high)
        ]


@dataclass
class Bucket:
    """The sending rate's bucket: ``level`` emails at ``at`` (None: never used, full)."""

    level: float = 0.0
    at: datetime | None = None

    def available(self, rate: float, now: datetime) -> float:
        capacity = max(rate, 1.0)
        if self.at is None:
            return capacity
        elapsed = max((now - self.at).total_seconds(), 0.0)  # a clock moved back: no refill
        return min(capacity, self.level + elapsed * rate)

    def take(self, rate: float, count: int, now: datetime) -> None:
        """Take ``count`` emails at ``now``. A clock moved back takes from the bucket as
        it is, which keeps its later time: no second holds more than the rate allows."""
        self.level = self.available(rate, now) - count
        if self.at is None or now >= self.at:
            self.at = now


def sent_last_24_hours(sent: SendLog, now: datetime) -> int:
    """The recipients counted against the daily quota in the 24 hours up to ``now``
    (a send exactly 24 hours old no longer counts)."""
    return sent.total(now - DAY, now)


def check_daily_quota(quota: Quota, sent: SendLog, now: datetime) -> None:
    """Refuse a send once the last 24 hours hold the quota; one with any left goes
    through, whatever its number of recipients."""
    if quota.max_24_hours == UNLIMITED:
        return
    # Every 24 hours that hold ``now``: those ending now, and, after a clock moved back,
    # those ending at a send still ahead of it.
    ends = [now] if not sent.times or sent.times[-1] <= now else [now, *sent.ahead(now)]
    if any(sent.total(end - DAY, end) >= quota.max_24_hours for end in ends):
        raise DailyQuotaExceeded("Daily message quota exceeded.")


def check_rate(quota: Quota, bucket: Bucket, now: datetime) -> None:
    """Refuse a send while the rate's bucket holds less than one email."""
    if bucket.available(quota.max_rate, now) < 1.0 - _EPSILON:
        raise SendRateExceeded("Maximum sending rate exceeded.")


class DataPoint(NamedTuple):
    """One 15-minute period of GetSendStatistics: ``timestamp`` is its start."""

    timestamp: datetime
    delivery_attempts: int
    bounces: int
    complaints: int
    rejects: int


_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def period_start(at: datetime) -> datetime:
    """The start of the quarter hour (UTC) that holds ``at``."""
    return _EPOCH + PERIOD * ((at - _EPOCH) // PERIOD)


def data_points(
    attempts: SendLog,
    rejects: SendLog,
    now: datetime,
    *,
    bounces: SendLog | None = None,
    complaints: SendLog | None = None,
) -> list[DataPoint]:
    """The 15-minute periods of the last two weeks that saw a send or a rejection, oldest
    first. Bounces and complaints: the mailbox simulator's (model.notifications)."""
    since = now - STATISTICS_SPAN
    periods: dict[datetime, list[int]] = {}
    logs = (attempts, rejects, bounces or SendLog(), complaints or SendLog())
    for index, log in enumerate(logs):
        for at, count in log.entries(since, now):
            periods.setdefault(period_start(at), [0, 0, 0, 0])[index] += count
    return [
        DataPoint(start, counts[0], counts[2], counts[3], counts[1])
        for start, counts in sorted(periods.items())
    ]
