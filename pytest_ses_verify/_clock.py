"""The fake's clock: ``datetime.now(timezone.utc)``, and moving it for everyone.

Reading the time goes through the ``datetime`` module attribute on every call, so
freezegun (which swaps ``datetime.datetime``), pytest-freezer (freezegun again)
and time-machine (which patches the C clock) are all followed without this module
knowing which one is active. Moving the time is where it has to know.
"""

from __future__ import annotations

import datetime as _dt
import sys
from collections.abc import Callable

_UTC = _dt.timezone.utc


def now() -> _dt.datetime:
    """The current time, aware, in UTC, as the code under test would see it."""
    return _dt.datetime.now(_UTC)


def advance(delta: _dt.timedelta) -> Callable[[], None] | None:
    """Move time forward by ``delta`` for the fake and for the code under test.

    Ticks every active freezegun freeze and time-machine traveller. If time is not
    frozen, starts a freezegun freeze at the current instant (moved by ``delta``) and
    returns the function that stops it; otherwise returns None.
    """
    moved = False
    freezegun_api = sys.modules.get("freezegun.api")
    if freezegun_api is not None and freezegun_api.freeze_factories:
        freezegun_api.freeze_factories[-1].tick(delta)
        moved = True
    time_machine = sys.modules.get("time_machine")
    if time_machine is not None:
        travellers = getattr(time_machine, "traveller_stack", None)
        if travellers is None:  # time-machine < 3
            travellers = getattr(time_machine, "coordinates_stack", [])
        if travellers:
            travellers[-1].shift(delta)
            moved = True
    if moved:
        return None
    import freezegun

    start = _dt.datetime.now(_UTC)
    local_offset = start.astimezone().utcoffset() or _dt.timedelta(0)
    freezer = freezegun.freeze_time(start + delta, tz_offset=local_offset)
    freezer.start()
    return freezer.stop
