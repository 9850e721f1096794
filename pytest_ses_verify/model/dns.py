"""Global DNS, as SES sees it: every record change, with its time.

Pure: no botocore, no pytest, no clock. DNS is not regional: one name can hold
several values (one per region's token). A record is ``(name, type, value)``;
MX values are kept as their host (the priority does not matter to SES).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable
from datetime import datetime, timedelta

Record = tuple[str, str, str]  # (name, type, value): TXT, CNAME or MX
RECORD_TYPES = ("TXT", "CNAME", "MX")
LAST = 1 << 62  # an order after every real one
SPF = "v=spf1 include:amazonses.com ~all"


def txt_record(domain: str, token: str) -> Record:
    """A domain verification TXT record."""
    return f"_amazonses.{domain}", "TXT", token


def dkim_records(domain: str, tokens: Iterable[str]) -> tuple[Record, ...]:
    """The Easy DKIM CNAME records."""
    return tuple((f"{t}._domainkey.{domain}", "CNAME", f"{t}.dkim.amazonses.com") for t in tokens)


def mail_from_mx(mail_from_domain: str, region: str) -> Record:
    """The MX record SES looks for at a custom MAIL FROM domain."""
    return mail_from_domain, "MX", f"feedback-smtp.{region}.amazonses.com"


def mail_from_spf(mail_from_domain: str) -> Record:
    """The SPF TXT record SES recommends at a custom MAIL FROM domain."""
    return mail_from_domain, "TXT", SPF


def normalised(record: Record) -> Record:
    """Names in lower case without the final dot; an MX value as its host."""
    name, kind, value = record
    name, kind = name.rstrip(".").lower(), kind.upper()
    if kind == "MX":
        value = value.split()[-1].rstrip(".").lower() if value.split() else ""
    return name, kind, value


class Dns:
    """Global DNS records: every change, with its time; and when DNS failed for a domain.

    History is kept per record, sorted by (time, order). ``order`` is one counter
    shared with identity anchors (:meth:`next_order`), so that things done at one
    instant (under a frozen clock) keep the order they were done in. A change made
    with an earlier time (a preset back-dates one) slots in at its place.
    """

    def __init__(self) -> None:
        self._history: dict[Record, list[tuple[datetime, int, bool]]] = {}
        self._at: dict[tuple[str, str], list[Record]] = {}
        self._names: dict[str, list[Record]] = {}
        self._failures: dict[str, list[tuple[datetime, int, bool]]] = {}
        self._order = itertools.count()
        # When a status could be read (a call), after a change: (order, time) pairs.
        self._observed_orders: list[int] = []
        self._observed_times: list[datetime] = []
        self._changed = False
        # Bumped by every change to what a status is computed from (a record, a failure,
        # a call that saw DNS): statuses memoised at one version hold until the next.
        self.version = 0
        self.statuses: dict[object, tuple[datetime, datetime | None, str]] = {}
        self.statuses_version = 0

    def next_order(self) -> int:
        """The next event's place; an event (a DNS change, a request's anchor) is one a
        later call may have seen (see :meth:`observe`)."""
        self._changed = True
        return next(self._order)

    def set(self, record: Record, present: bool, at: datetime) -> None:
        history = self._history.get(record)
        if history is None:
            history = self._history[record] = []
            self._at.setdefault((record[0], record[1]), []).append(record)
            self._names.setdefault(record[0], []).append(record)
        bisect.insort(history, (at, self.next_order(), present))
        self.version += 1

    def publish(self, record: Record, at: datetime) -> None:
        """The record appears in DNS at ``at``."""
        self.set(record, True, at)

    def withdraw(self, record: Record, at: datetime) -> None:
        """The record disappears from DNS at ``at``."""
        self.set(record, False, at)

    def has(self, record: Record) -> bool:
        """Whether the record was ever published."""
        return record in self._history

    def present(self, record: Record, at: datetime, before: int = LAST) -> bool:
        """Whether the record was in DNS at ``at`` (before the event numbered ``before``)."""
        history = self._history.get(record)
        if not history:
            return False
        index = bisect.bisect_left(history, (at, before))
        return index > 0 and history[index - 1][2]

    def records_at(self, name: str, kind: str | None = None) -> list[Record]:
        """Every record ever published at ``name`` (of type ``kind``)."""
        if kind is None:
            return list(self._names.get(name, ()))
        return list(self._at.get((name, kind), ()))

    def values(self, name: str, at: datetime, kind: str | None = None) -> list[str]:
        """Every value in DNS for ``name`` (of type ``kind``) at ``at``."""
        return [r[2] for r in self.records_at(name, kind) if self.present(r, at)]

    def only(self, record: Record, at: datetime, before: int = LAST) -> bool:
        """Whether ``record`` was the only record of its type at its name."""
        return self.present(record, at, before) and not any(
            self.present(other, at, before)
            for other in self._at.get((record[0], record[1]), ())
            if other != record
        )

    def seen_changes(
        self,
        records: Iterable[Record],
        delay: timedelta,
        after: tuple[datetime, int],
        until: datetime,
    ) -> list[tuple[datetime, int]]:
        """When SES sees the records change (``delay`` late): after ``after``, up to ``until``."""
        return sorted(
            (at + delay, order)
            for record in records
            for at, order, _ in self._history.get(record, ())
            if after < (at + delay, order) and at + delay <= until
        )

    # -- DNS failures -----------------------------------------------------------------

    def fail(self, domain: str, failing: bool, at: datetime) -> None:
        """DNS for ``domain`` (and the names below it) fails from ``at``, or works again."""
        bisect.insort(self._failures.setdefault(domain, []), (at, self.next_order(), failing))
        self.version += 1

    # -- what SES had the chance to see -----------------------------------------------

    def observe(self, now: datetime) -> None:
        """A call at ``now`` could read a status: what DNS held then was seen (kept only
        after a change, so at most one per change)."""
        if self._changed:
            self._changed = False
            self._observed_orders.append(next(self._order))
            self._observed_times.append(now)
            self.version += 1

    def observed_between(self, at: datetime, after: int, before: int) -> bool:
        """Whether a call at ``at`` or later came between the events ``after`` and
        ``before`` (orders): a state between them that lasted no time was still seen."""
        orders = self._observed_orders
        index = bisect.bisect_right(orders, after)
        while index < len(orders) and orders[index] < before:
            if self._observed_times[index] >= at:
                return True
            index += 1
        return False

    def failing_since(
        self, name: str, at: datetime, before: int = LAST
    ) -> tuple[datetime, int] | None:
        """When (time, order) the failure that covers ``name`` at ``at`` began, or None if
        DNS answers."""
        for domain, history in self._failures.items():
            if name != domain and not name.endswith("." + domain):
                continue
            index = bisect.bisect_left(history, (at, before))
            if index > 0 and history[index - 1][2]:
                start = index - 1
                while start > 0 and history[start - 1][2]:
                    start -= 1
                return history[start][0], history[start][1]
        return None

    def failure_changes(
        self, name: str, after: tuple[datetime, int], until: datetime
    ) -> list[tuple[datetime, int]]:
        """When DNS for ``name`` started or stopped failing, after ``after``, up to ``until``."""
        return sorted(
            (at, order)
            for domain, history in self._failures.items()
            if name == domain or name.endswith("." + domain)
            for at, order, _ in history
            if after < (at, order) and at <= until
        )

    def change_times(self, records: Iterable[Record]) -> list[datetime]:
        """When the records ever changed."""
        return [at for record in records for at, _, _ in self._history.get(record, ())]

    def failure_times(self, names: Iterable[str]) -> list[datetime]:
        """When DNS for the names ever started or stopped failing."""
        return [
            at
            for name in names
            for domain, history in self._failures.items()
            if name == domain or name.endswith("." + domain)
            for at, _, _ in history
        ]

    def ever_failed(self, name: str) -> bool:
        if not self._failures:  # on every status's path: DNS rarely fails in a test
            return False
        return any(name == d or name.endswith("." + d) for d in self._failures)
