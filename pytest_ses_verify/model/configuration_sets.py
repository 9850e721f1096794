"""Configuration sets: one store per region, shared by v1 and v2.

Pure: no botocore, no pytest, no clock. A set is named by the caller (letters, digits,
'-' and '_', at most 64), carries tags (v2), delivery, reputation, sending, tracking and
suppression options, and can be an identity's default, which sends from that identity
use when they name none. Messages follow the README's behaviour table.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from .errors import ModelError
from .identities import Identity
from .tenants import forget_resource

if TYPE_CHECKING:
    from .account import Account

MAX_CONFIGURATION_SETS = 10_000
MAX_NAME = 64
_NAME = re.compile(r"[A-Za-z0-9_-]+\Z")


class InvalidConfigurationSetName(ModelError):
    """A name SES does not accept: v1 ``InvalidConfigurationSet``, v2 ``BadRequestException``."""


class ConfigurationSetExists(ModelError):
    """v1 ``ConfigurationSetAlreadyExists``, v2 ``AlreadyExistsException``."""


class ConfigurationSetMissing(ModelError):
    """A named set the region does not have: v1 ``ConfigurationSetDoesNotExist``, v2
    ``NotFoundException``."""


class DefaultConfigurationSetMissing(ModelError):
    """A send from an identity whose default set was deleted: v1
    ``ConfigurationSetDoesNotExist``, v2 ``BadRequestException``."""


class ConfigurationSetLimitReached(ModelError):
    """The region holds 10,000 sets: v1 ``LimitExceeded``, v2 ``LimitExceededException``."""


class SendingPaused(ModelError):
    """A send through a set whose sending is disabled: v1
    ``ConfigurationSetSendingPausedException``, v2 ``SendingPausedException``."""


@dataclass
class ConfigurationSet:
    """One configuration set and its options (None: not set)."""

    name: str
    seq: int
    created_at: datetime
    tags: list[dict[str, str]] = field(default_factory=list)
    tls_required: bool = False
    max_delivery_seconds: int | None = None
    sending_enabled: bool = True
    reputation_metrics_enabled: bool = False
    last_fresh_start: datetime | None = None
    custom_redirect_domain: str | None = None
    https_policy: str | None = None
    suppressed_reasons: list[str] | None = None


@dataclass
class ConfigurationSets:
    """Every region's configuration sets, by name, in creation order."""

    regions: dict[str, dict[str, ConfigurationSet]] = field(default_factory=dict)
    _seq: Iterator[int] = field(default_factory=itertools.count)

    def next_seq(self) -> int:
        return next(self._seq)

    def get(self, region: str, name: str) -> ConfigurationSet | None:
        return self.regions.get(region, {}).get(name)

    def page(self, region: str, start: int, size: int) -> tuple[list[ConfigurationSet], int | None]:
        """Up to ``size`` sets created at or after ``start`` (a ``seq``), and the ``seq``
        the next page starts at (None: no more)."""
        found: list[ConfigurationSet] = []
        for configuration_set in self.regions.get(region, {}).values():
            if configuration_set.seq < start:
                continue
            if len(found) == size:
                return found, configuration_set.seq
            found.append(configuration_set)
        return found, None


def check_name(name: str) -> None:
    """At most 64 characters (checked first), of ASCII letters, digits, '-' and '_'."""
    if len(name) > MAX_NAME:
        raise InvalidConfigurationSetName(
            f"Configuration set name cannot exceed {MAX_NAME} characters."
        )
    if not _NAME.match(name):
        raise InvalidConfigurationSetName(
            f"Invalid configuration set name <{name}>: only alphanumeric ASCII characters, "
            "'_', and '-' are allowed."
        )


def _missing(name: str) -> ConfigurationSetMissing:
    return ConfigurationSetMissing(f"Configuration set <{name}> does not exist.")


def create_configuration_set(
    account: Account, region: str, name: str, now: datetime, tags: list[dict[str, str]]
) -> ConfigurationSet:
    """A new, empty set (its options are set by the caller); ``tags`` already checked."""
    check_name(name)
    store = account.configuration_sets.regions.setdefault(region, {})
    if name in store:
        raise ConfigurationSetExists(f"Configuration set <{name}> already exists.")
    if len(store) >= MAX_CONFIGURATION_SETS:
        raise ConfigurationSetLimitReached(
            f"Maximum number of configuration sets ({MAX_CONFIGURATION_SETS}) reached in "
            f"region {region}."
        )
    created = store[name] = ConfigurationSet(
        name, account.configuration_sets.next_seq(), now, list(tags)
    )
    return created


def get_configuration_set(account: Account, region: str, name: str) -> ConfigurationSet:
    check_name(name)
    found = account.configuration_sets.get(region, name)
    if found is None:
        raise _missing(name)
    return found


def delete_configuration_set(account: Account, region: str, name: str) -> None:
    """Delete a set; identities whose default it was keep naming it (their sends fail)."""
    get_configuration_set(account, region, name)
    del account.configuration_sets.regions[region][name]
    forget_resource(account, region, "configuration-set", name)  # tenants' associations


def set_default(account: Account, region: str, identity: Identity, name: str | None) -> None:
    """The identity's default configuration set (None: no default)."""
    key = (region, identity.name)
    if name is None:
        account.defaults.pop(key, None)
        return
    get_configuration_set(account, region, name)
    account.defaults[key] = name


def default_of(account: Account, region: str, identity: Identity) -> str | None:
    return account.defaults.get((region, identity.name))


def applied(
    account: Account, region: str, named: str | None, sender: Identity | None
) -> str | None:
    """The set a send uses: the one it names (already checked), else its sending identity's
    default, which must still exist; sending through it must be enabled."""
    name = named
    if name is None and sender is not None:
        name = default_of(account, region, sender)
        if name is not None and account.configuration_sets.get(region, name) is None:
            raise DefaultConfigurationSetMissing(f"Configuration set <{name}> does not exist.")
    if name is None:
        return None
    found = account.configuration_sets.get(region, name)
    if found is not None and not found.sending_enabled:
        raise SendingPaused(f"Sending is paused for this configuration set: {name}.")
    return name
