"""Identifiers shaped like the service's (request ids, message ids, verification tokens).

The fake's own generator: faked calls leave the global ``random`` state (a seeded
test's sequence) alone, and re-seeding it does not repeat ids. Not for cryptography.
"""

from __future__ import annotations

import base64
import hashlib
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


def derived_token(region: str, domain: str) -> str:
    """The domain verification token for (region, domain): 32 bytes, base64, 44 characters."""
    digest = hashlib.sha256(f"pytest-ses-verify:{region}:{domain.lower()}".encode()).digest()
    return base64.b64encode(digest).decode("ascii")


def derived_dkim_tokens(region: str, domain: str) -> tuple[str, str, str]:
    """Three Easy DKIM tokens for (region, domain): 32 characters of lowercase base32 each."""

    def one(n: int) -> str:
        seed = f"pytest-ses-verify:dkim:{region}:{domain.lower()}:{n}".encode()
        return base64.b32encode(hashlib.sha256(seed).digest()[:20]).decode("ascii").lower()

    return one(0), one(1), one(2)
