"""The API adapters: SES v1 (``ses_v1``) and SES v2 (``ses_v2``).

Each translates its API's names, shapes and error codes to and from the model
(``pytest_ses_verify.model``); neither imports the other. An operation is one
function, registered with :func:`operations`' decorator, which records the facts
the dispatcher needs (whether ``rate_limit`` throttles it).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple

from ..model.account import Account

Params = dict[str, Any]
Result = dict[str, Any]
Run = Callable[[Account, str, Params, datetime], Result]


class UnsupportedFeature(Exception):
    """A request uses a feature of an operation that the fake does not implement."""

    def __init__(self, feature: str) -> None:
        super().__init__(feature)
        self.feature = feature


class Operation(NamedTuple):
    """One implemented operation: its function, and whether ``rate_limit`` throttles it
    (identity operations: one request per second per region)."""

    run: Run
    throttled: bool


def operations() -> tuple[dict[str, Operation], Callable[..., Callable[[Run], Run]]]:
    """An adapter's table of operations, and the decorator that fills it:
    ``@operation("VerifyEmailIdentity", throttled=True)``."""
    table: dict[str, Operation] = {}

    def operation(name: str, *, throttled: bool) -> Callable[[Run], Run]:
        def register(run: Run) -> Run:
            table[name] = Operation(run, throttled)
            return run

        return register

    return table, operation
