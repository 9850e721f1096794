"""Paging: the opaque ``NextToken`` cursors a component issues, and page lengths.

Pure: no botocore, no pytest, no clock. Each component that lists things owns one
:class:`Cursors`; a cursor is valid only in the scope (a region, or a region and what is
listed) it was issued for, so a token of one list never pages another.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from .errors import InvalidParameter

MAX_PAGE = 1000
T = TypeVar("T")


class Cursors:
    """The cursors one component issued: scope and position, by token."""

    def __init__(self) -> None:
        self._issued: dict[str, tuple[str, int]] = {}

    def start(self, scope: str, cursor: str | None) -> int:
        """Where the page a ``NextToken`` names starts (the first page: None)."""
        if cursor is None:
            return 0
        issued = self._issued.get(cursor)
        if issued is None or issued[0] != scope:
            raise InvalidParameter(f"Invalid NextToken: {cursor}")
        return issued[1]

    def issue(self, scope: str, next_seq: int) -> str:
        """An opaque NextToken for the page of ``scope`` that starts at ``next_seq``."""
        cursor = secrets.token_urlsafe(24)
        self._issued[cursor] = (scope, next_seq)
        return cursor

    def page(
        self, scope: str, items: Sequence[T], cursor: str | None, size: int
    ) -> tuple[list[T], str | None]:
        """One page of ``items`` from the cursor's position, and the next page's token."""
        start = self.start(scope, cursor)
        following = start + size
        token = self.issue(scope, following) if following < len(items) else None
        return list(items[start:following]), token


def page_size(value: int, name: str) -> int:
    """A page length of 1-1000 (``name``: the API's parameter, for the error)."""
    if not 1 <= value <= MAX_PAGE:
        raise InvalidParameter(f"{name} must be between 1 and {MAX_PAGE}; got {value}.")
    return value


def from_seq(
    items: Iterable[T], seq: Callable[[T], int], start: int, size: int
) -> tuple[list[T], int | None]:
    """Up to ``size`` of ``items`` (in creation order) whose ``seq`` is ``start`` or later,
    and the ``seq`` the next page starts at (None: no more)."""
    found: list[T] = []
    for item in items:
        if seq(item) < start:
            continue
        if len(found) == size:
            return found, seq(item)
        found.append(item)
    return found, None
