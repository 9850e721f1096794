"""The account-level suppression list (SES v2): one list per region, and the reasons for
which SES adds recipients to it.

Pure: no botocore, no pytest, no clock. An address is kept as SES keeps it: trimmed,
its domain lower-cased, its local part as given (two spellings of the local part are
two entries). A send consults the list through :meth:`SuppressionList.suppressed` (the
reasons that apply: its configuration set's ``SuppressionOptions``, else the account's);
its hard bounces and complaints are added by :meth:`SuppressionList.learn`. Messages
follow the README's behaviour table.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from .addresses import mailbox
from .configuration_sets import ConfigurationSet
from .errors import InvalidParameter, ModelError
from .paging import Cursors

REASONS = ("BOUNCE", "COMPLAINT")
# Every account created after 25 November 2019 suppresses both (Developer Guide).
DEFAULT_REASONS = ("BOUNCE", "COMPLAINT")
_ENUM = "Member must satisfy enum value set: [BOUNCE, COMPLAINT]"


class NotSuppressed(ModelError):
    """An address that is not on the region's list: v2 ``NotFoundException``."""


class InvalidNextToken(ModelError):
    """A NextToken this list did not issue: v2 ``InvalidNextTokenException``."""


class SandboxRefused(ModelError):
    """PutSuppressedDestination from the sandbox: v2 ``BadRequestException``."""


@dataclass
class SuppressedDestination:
    """One entry: the address as stored, why, when it was last put, and the send and
    feedback that put it there (None: put by hand)."""

    email_address: str
    reason: str
    last_update_time: datetime
    seq: int
    message_id: str | None = None
    feedback_id: str | None = None


def stored(address: str) -> str:
    """The spelling SES keeps: trimmed, the domain lower-cased, the local part as given."""
    local, at, domain = address.strip().rpartition("@")
    return f"{local}@{domain.lower()}" if at else address.strip()


def check_address(address: str) -> str:
    """A bare address SES accepts (``Email address ... is invalid.`` otherwise), stored."""
    text = address.strip()
    try:
        bare = mailbox(text)
    except InvalidParameter:
        bare = ""
    if not text or bare != text:
        raise InvalidParameter(f"Email address {address} is invalid.")
    return stored(text)


def check_reasons(reasons: Iterable[str], member: str) -> list[str]:
    """A list of reasons (``member``: the API's name for it, in the error)."""
    found = list(reasons)
    if any(reason not in REASONS for reason in found):
        raise InvalidParameter(
            f"1 validation error detected: Value at '{member}' failed to satisfy constraint: "
            f"Member must satisfy constraint: [{_ENUM}]"
        )
    return found


def check_reason(reason: str) -> str:
    if reason not in REASONS:
        raise InvalidParameter(
            f"1 validation error detected: Value at 'reason' failed to satisfy constraint: {_ENUM}"
        )
    return reason


class SuppressionList:
    """Every region's list (by stored address) and its account-level reasons."""

    def __init__(self) -> None:
        self.regions: dict[str, dict[str, SuppressedDestination]] = {}
        self.reasons: dict[str, list[str]] = {}
        self.cursors = Cursors()
        self._seq: Iterator[int] = itertools.count()
        # Presets for every region (the fixture's suppress() without a region), those
        # first used later too: (address, reason, when).
        self.everywhere: list[tuple[str, str, datetime]] = []

    def _store(self, region: str) -> dict[str, SuppressedDestination]:
        store = self.regions.get(region)
        if store is None:
            store = self.regions[region] = {}
            for address, reason, at in self.everywhere:
                self.put(region, address, reason, at)
        return store

    def preset(self, region: str | None, address: str, reason: str, now: datetime) -> None:
        """Put ``address`` on the list of ``region``, or (None) of every region."""
        if region is not None:
            self.put(region, address, reason, now)
            return
        check_address(address)
        check_reason(reason)
        self.everywhere.append((address, reason, now))
        for known in list(self.regions):
            self.put(known, address, reason, now)

    # -- the account's settings ------------------------------------------------------

    def account_reasons(self, region: str) -> list[str]:
        """GetAccount's SuppressedReasons (default: BOUNCE and COMPLAINT)."""
        return list(self.reasons.get(region, DEFAULT_REASONS))

    def set_account_reasons(self, region: str, reasons: Sequence[str]) -> None:
        """PutAccountSuppressionAttributes: [] turns automatic suppression off."""
        found = check_reasons(reasons, "suppressedReasons")
        self.reasons[region] = list(dict.fromkeys(found))

    def applicable(self, region: str, configuration_set: ConfigurationSet | None) -> list[str]:
        """The reasons a send uses: its set's SuppressionOptions (when it has them: []
        is none), else the account's."""
        if configuration_set is not None and configuration_set.suppressed_reasons is not None:
            return list(configuration_set.suppressed_reasons)
        return self.account_reasons(region)

    # -- the list --------------------------------------------------------------------

    def put(
        self,
        region: str,
        address: str,
        reason: str,
        now: datetime,
        *,
        sandbox: bool = False,
        message_id: str | None = None,
        feedback_id: str | None = None,
    ) -> SuppressedDestination:
        """PutSuppressedDestination (and what a send's feedback adds): a new entry, or
        the existing one with its new reason and time."""
        key = check_address(address)
        check_reason(reason)
        if sandbox:
            raise SandboxRefused(
                "PutSuppressedDestination is not available to accounts in the sandbox: "
                "request production access first."
            )
        store = self._store(region)
        store.pop(key, None)  # put again: last in the list's order
        at = now.replace(microsecond=now.microsecond // 1000 * 1000)  # SES keeps milliseconds
        entry = store[key] = SuppressedDestination(
            key, reason, at, next(self._seq), message_id, feedback_id
        )
        return entry

    def find(self, region: str, address: str) -> SuppressedDestination | None:
        return self._store(region).get(stored(address))

    def get(self, region: str, address: str) -> SuppressedDestination:
        """GetSuppressedDestination."""
        key = check_address(address)
        found = self._store(region).get(key)
        if found is None:
            raise NotSuppressed(f"Email address {key} does not exist on your suppression list.")
        return found

    def delete(self, region: str, address: str) -> None:
        """DeleteSuppressedDestination."""
        self.get(region, address)
        del self.regions[region][check_address(address)]

    def page(
        self,
        region: str,
        reasons: Sequence[str],
        start: datetime | None,
        end: datetime | None,
        cursor: str | None,
        size: int,
    ) -> tuple[list[SuppressedDestination], str | None]:
        """ListSuppressedDestinations: the entries of those reasons (none given: every
        reason) last updated from ``start`` to ``end`` (both included), oldest first."""
        wanted = set(check_reasons(reasons, "reasons")) or set(REASONS)
        items = [
            entry
            for entry in self._store(region).values()
            if entry.reason in wanted
            and (start is None or entry.last_update_time >= start)
            and (end is None or entry.last_update_time <= end)
        ]
        items.sort(key=lambda entry: (entry.last_update_time, entry.seq))
        scope = f"{region} {sorted(wanted)} {start} {end}"
        try:
            return self.cursors.page(scope, items, cursor, size)
        except InvalidParameter as error:
            raise InvalidNextToken(error.message) from None

    # -- sends -----------------------------------------------------------------------

    def suppressed(
        self, region: str, recipients: Iterable[str], reasons: Sequence[str]
    ) -> dict[str, str]:
        """The recipients (bare addresses) whose entry's reason is one of ``reasons``:
        SES accepts the send but does not deliver to them. Address -> reason."""
        store = self._store(region)
        if not store or not reasons:
            return {}
        found: dict[str, str] = {}
        for recipient in recipients:
            bare = mailbox(recipient)
            entry = store.get(stored(bare))
            if entry is not None and entry.reason in reasons:
                found[bare] = entry.reason
        return found
