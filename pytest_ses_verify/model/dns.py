"""Global DNS, as SES sees it: every record change, with its time.

Pure: no botocore, no pytest, no clock. DNS is not regional: one name can hold
several values (one per region's token).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable
from datetime import datetime, timedelta


def txt_record(domain: str, token: str) -> tuple[str, str]:
    """The (name, value) of a domain verification TXT record."""
    return f"_amazonses.{domain}", token


def dkim_records(domain: str, tokens: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """The (name, value) of each DKIM CNAME record."""
    return tuple((f"{t}._domainkey.{domain}", f"{t}.dkim.amazonses.com") for t in tokens)


LAST = 1 << 62  # an order after every real one

Record = tuple[str, str]  # (name, value): a TXT or CNAME record


class Dns:
    """Global DNS records (TXT and CNAME): every change, with its time.

    History is kept per (name, value), sorted by (time, order). ``order`` is one
    counter shared with identity anchors (:meth:`next_order`), so that things done
    at one instant (under a frozen clock) keep the order they were done in. A
    change made with an earlier time (a preset back-dates one) slots in at its place.
    """

    def __init__(self) -> None:
        self._history: dict[tuple[str, str], list[tuple[datetime, int, bool]]] = {}
        self._order = itertools.count()

    def next_order(self) -> int:
        return next(self._order)

    def set(self, record: Record, present: bool, at: datetime) -> None:
        history = self._history.setdefault(record, [])
        bisect.insort(history, (at, self.next_order(), present))

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

    def values(self, name: str, at: datetime) -> list[str]:
        """Every value in DNS for ``name`` at ``at``."""
        return [v for (n, v) in self._history if n == name and self.present((n, v), at)]

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
