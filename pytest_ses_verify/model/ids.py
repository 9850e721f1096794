"""Random identifiers shaped like the service's (request ids, message ids).

The fake's own generator: faked calls leave the global ``random`` state (a seeded
test's sequence) alone, and re-seeding it does not repeat ids. Not for cryptography.
"""

from __future__ import annotations

import random

_random = random.Random()


def uuid4() -> str:
    """A random lowercase version-4 UUID, as text."""
    h = f"{_random.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) & 3]}{h[17:20]}-{h[20:]}"


def hex_digits(count: int) -> str:
    """``count`` random lowercase hex digits."""
    return f"{_random.getrandbits(4 * count):0{count}x}"
