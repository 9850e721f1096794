"""Identifiers shaped like the service's (request ids, message ids).

The fake's own generator: faked calls leave the global ``random`` state (a seeded
test's sequence) alone, and re-seeding it does not repeat ids. Not for cryptography.
"""

from __future__ import annotations

import itertools
import random

_random = random.Random()


def _random_uuid4() -> str:
    h = f"{_random.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) & 3]}{h[17:20]}-{h[20:]}"


# Unique in the process and, with random digits drawn once per process, across processes
# (xdist workers): a counter, from a random start, is the last 12 hex digits.
_PREFIX = _random_uuid4()[:24]
_SERIAL = itertools.count(_random.getrandbits(40))


def uuid4() -> str:
    """A lowercase version-4 UUID, unique in this process, as text."""
    return f"{_PREFIX}{next(_SERIAL):012x}"


def hex_digits(count: int) -> str:
    """``count`` random lowercase hex digits."""
    return f"{_random.getrandbits(4 * count):0{count}x}"
