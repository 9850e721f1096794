"""The fake's clock: true UTC now, and moving the wall clock for everyone.

Reading the time follows whichever clock library the test uses, without this
module knowing which one is active: time-machine patches the C clock, so
``datetime.now(timezone.utc)`` is right; freezegun swaps ``datetime.datetime``,
whose ``now(tz)`` adds the freeze's ``tz_offset`` even to an aware UTC time, so
under freezegun the frozen UTC instant is read from the freeze itself.

Moving the time is where it has to know. Only wall-clock time moves:
``time.monotonic``, ``time.perf_counter`` and so asyncio's loop clock keep running.
"""

from __future__ import annotations

import datetime as _dt
import functools
import importlib.util
import sys
from collections.abc import Callable
from typing import Any

from ._errors import UsageError

_UTC = _dt.timezone.utc
# The latest instant the fake's clock may be moved to: SES's 24- and 72-hour windows
# must stay representable as datetimes (which end in 9999).
LATEST = _dt.datetime(9000, 1, 1, tzinfo=_UTC)


def now() -> _dt.datetime:
    """The current time, aware, in UTC, whatever the local zone and any ``tz_offset``."""
    freezegun_api = sys.modules.get("freezegun.api")
    if freezegun_api is not None and freezegun_api.freeze_factories:
        frozen: _dt.datetime = freezegun_api.freeze_factories[-1]()  # naive UTC
        return frozen.replace(tzinfo=_UTC)
    return _dt.datetime.now(_UTC)


def frozen_clocks() -> list[object]:
    """The active freezegun freezes and time-machine travellers, innermost last."""
    clocks: list[object] = []
    freezegun_api = sys.modules.get("freezegun.api")
    if freezegun_api is not None:
        clocks += freezegun_api.freeze_factories
    clocks += _travellers()
    return clocks


def _travellers() -> list[Any]:
    time_machine = sys.modules.get("time_machine")
    if time_machine is None:
        return []
    travellers = getattr(time_machine, "traveller_stack", None)
    if travellers is None:  # time-machine < 3
        travellers = getattr(time_machine, "coordinates_stack", [])
    return list(travellers)


def _innermost() -> Any:
    """The clock ``advance`` moves: the newest freezegun freeze, else time-machine's."""
    freezegun_api = sys.modules.get("freezegun.api")
    if freezegun_api is not None and freezegun_api.freeze_factories:
        return freezegun_api.freeze_factories[-1]
    travellers = _travellers()
    return travellers[-1] if travellers else None


def shift(clock: Any, delta: _dt.timedelta) -> None:
    """Move one freezegun freeze or time-machine traveller by ``delta`` (may be negative)."""
    if hasattr(clock, "shift"):  # time-machine
        clock.shift(delta)
    elif hasattr(clock, "tick"):  # freezegun (ticking freezes have tick() from 1.5 on)
        clock.tick(delta)
    else:
        raise UsageError(
            "advance(): this freezegun freeze cannot be moved (freezegun older than 1.5 "
            "with tick=True). Upgrade freezegun to 1.5 or later, or freeze without tick."
        )


def target(delta: _dt.timedelta) -> _dt.datetime:
    """Where ``advance(delta)`` would put the clock; a UsageError past :data:`LATEST`."""
    start = now()
    try:
        moved = start + delta
    except OverflowError:
        moved = _dt.datetime.max.replace(tzinfo=_UTC)
    if moved > LATEST:
        raise UsageError(
            f"advance(): moving the clock by {delta!r} from {start.isoformat()} goes past "
            f"{LATEST.year}, beyond which SES's time windows cannot be computed. "
            "Use a smaller duration."
        )
    return moved


def advance(delta: _dt.timedelta) -> tuple[object | None, Callable[[], None] | None]:
    """Move wall-clock time forward by exactly ``delta`` for the fake and the code under test.

    Moves the innermost active freeze (freezegun) or traveller (time-machine) and
    returns it, with None. If time is not frozen, freezes it at the current instant
    moved on, and returns None with the function that ends that freeze.
    """
    moved = target(delta)
    clock = _innermost()
    if clock is not None:
        shift(clock, delta)
        return clock, None
    return None, _freeze(moved)


@functools.cache
def _has_time_machine() -> bool:
    return importlib.util.find_spec("time_machine") is not None


def _freeze(at: _dt.datetime) -> Callable[[], None]:
    """Freeze the wall clock at ``at``, leaving monotonic clocks running.

    time-machine, when installed, does exactly that (and a later ``time_machine.travel``
    nests on it). Otherwise freezegun, with its monotonic clocks put back.
    """
    if _has_time_machine():
        import time_machine

        traveller = time_machine.travel(at, tick=False)
        traveller.start()
        return traveller.stop
    import freezegun

    freezer = freezegun.freeze_time(at.replace(tzinfo=None))
    freezer.start()
    _keep_monotonic_clocks(freezer)
    return freezer.stop


_MONOTONIC = ("monotonic", "perf_counter", "monotonic_ns", "perf_counter_ns")


def _keep_monotonic_clocks(freezer: Any) -> None:
    """Undo what a freezegun freeze did to ``time.monotonic`` and ``perf_counter``
    (freezegun makes them follow the frozen wall clock: asyncio would hang)."""
    import time

    api = sys.modules["freezegun.api"]
    reals = {id(getattr(api, f"real_{name}", None)): name for name in _MONOTONIC}
    for name in _MONOTONIC:
        real = getattr(api, f"real_{name}", None)
        if real is not None:
            setattr(time, name, real)
    for module, attribute, original in getattr(freezer, "undo_changes", []):
        if id(original) in reals:
            setattr(module, attribute, original)
