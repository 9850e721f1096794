"""Configuration sets: one store per region, shared by v1 and v2.

Pure: no botocore, no pytest, no clock. A set is named by the caller (letters, digits,
'-' and '_', at most 64), carries tags (v2), delivery, reputation, sending, tracking and
suppression options, and can be an identity's default, which sends from that identity
use when they name none. Messages follow the README's behaviour table.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from .errors import InvalidParameter, ModelError
from .identities import Identity
from .paging import Cursors, from_seq
from .verification import Identities

MAX_CONFIGURATION_SETS = 10_000
MAX_NAME = 64
MAX_DELIVERY_SECONDS = 50_400
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


class TrackingOptionsExist(ModelError):
    """v1 CreateConfigurationSetTrackingOptions on a set that has them:
    ``TrackingOptionsAlreadyExistsException``."""


class TrackingOptionsMissing(ModelError):
    """v1 Update/DeleteConfigurationSetTrackingOptions on a set without them:
    ``TrackingOptionsDoesNotExistException``."""


class InvalidTrackingOptions(ModelError):
    """A redirect domain that is not a verified domain identity: v1
    ``InvalidTrackingOptions``, v2 ``BadRequestException``."""


class SendingPaused(ModelError):
    """A send through a set whose sending is disabled: v1
    ``ConfigurationSetSendingPausedException``, v2 ``SendingPausedException``."""


# Event types, in v2's spelling (v1: ``send``, ``renderingFailure``, ...; the adapters map).
EVENT_TYPES = (
    "SEND",
    "REJECT",
    "BOUNCE",
    "COMPLAINT",
    "DELIVERY",
    "OPEN",
    "CLICK",
    "RENDERING_FAILURE",
    "DELIVERY_DELAY",
    "SUBSCRIPTION",
)


@dataclass
class EventDestination:
    """One event destination of a set: the event types it takes (v2 spelling, in the
    order given) and where they go (None: not that kind). Each destination dict is kept in
    v2's member names (``{"IamRoleArn": ..., "DeliveryStreamArn": ...}``)."""

    name: str
    enabled: bool
    matching_types: list[str]
    sns_topic_arn: str | None = None
    event_bus_arn: str | None = None
    firehose: dict[str, str] | None = None
    cloudwatch: dict[str, object] | None = None
    pinpoint_arn: str | None = None


@dataclass
class ConfigurationSet:
    """One configuration set and its options (None: not set)."""

    name: str
    seq: int
    created_at: datetime
    tags: list[dict[str, str]] = field(default_factory=list)
    tls_required: bool | None = None  # None: no DeliveryOptions given
    max_delivery_seconds: int | None = None
    sending_enabled: bool = True
    reputation_metrics_enabled: bool = False
    last_fresh_start: datetime | None = None
    custom_redirect_domain: str | None = None
    https_policy: str | None = None
    suppressed_reasons: list[str] | None = None
    suppression_scope: str | None = None
    # v2 member names, as given: ``SuppressionOptions.ValidationOptions``, ``VdmOptions``,
    # ``MessageSecurityOptions`` (None: not set).
    suppression_validation: dict[str, object] | None = None
    vdm_options: dict[str, object] | None = None
    message_security: dict[str, object] | None = None
    sending_pool_name: str | None = None
    archive_arn: str | None = None
    # Event destinations by name, in creation order.
    event_destinations: dict[str, EventDestination] = field(default_factory=dict)


class ConfigurationSets:
    """Every region's configuration sets, by name, in creation order, and each identity's
    default set (by region and the identity's stored spelling)."""

    def __init__(self, identities: Identities) -> None:
        self.identities = identities  # a redirect domain must be a verified domain
        self.regions: dict[str, dict[str, ConfigurationSet]] = {}
        self.defaults: dict[tuple[str, str], str] = {}
        self.cursors = Cursors()
        self._seq: Iterator[int] = itertools.count()
        self._forget: list[Callable[[str, str], None]] = []

    def on_delete(self, *forget: Callable[[str, str], None]) -> None:
        """Tell ``forget`` (region, name) of every set deleted from now on."""
        self._forget.extend(forget)

    def find(self, region: str, name: str) -> ConfigurationSet | None:
        """The set of that name, or None (the name is not checked)."""
        return self.regions.get(region, {}).get(name)

    def create(
        self, region: str, name: str, now: datetime, tags: list[dict[str, str]]
    ) -> ConfigurationSet:
        """A new, empty set (its options are set by the caller); ``tags`` already checked."""
        check_name(name)
        store = self.regions.setdefault(region, {})
        if name in store:
            raise ConfigurationSetExists(f"Configuration set <{name}> already exists.")
        if len(store) >= MAX_CONFIGURATION_SETS:
            raise ConfigurationSetLimitReached(
                f"Maximum number of configuration sets ({MAX_CONFIGURATION_SETS}) reached in "
                f"region {region}."
            )
        created = store[name] = ConfigurationSet(name, next(self._seq), now, list(tags))
        return created

    def get(self, region: str, name: str) -> ConfigurationSet:
        """The set of that name, or the error for a malformed or missing one."""
        check_name(name)
        found = self.find(region, name)
        if found is None:
            raise _missing(name)
        return found

    def delete(self, region: str, name: str) -> None:
        """Delete a set; identities whose default it was keep naming it (their sends fail)."""
        self.get(region, name)
        del self.regions[region][name]
        for forget in self._forget:  # tenants' associations
            forget(region, name)

    def page(
        self, region: str, cursor: str | None, size: int
    ) -> tuple[list[ConfigurationSet], str | None]:
        """ListConfigurationSets: a page of the region's sets in creation order, and the
        NextToken of the next page (None: the last page)."""
        start = self.cursors.start(region, cursor)
        found, next_seq = from_seq(self.regions.get(region, {}).values(), _seq, start, size)
        return found, None if next_seq is None else self.cursors.issue(region, next_seq)

    # -- options ------------------------------------------------------------------

    def check_tracking(self, region: str, domain: str | None, now: datetime) -> None:
        """A redirect domain must be a verified domain identity of the region (itself,
        not a parent), and not blank."""
        if domain is None:
            return
        if not domain.strip():
            raise InvalidTrackingOptions(
                "At least one field of TrackingOptions must contain a value."
            )
        identity = self.identities.get(region, domain, "Domain")
        if identity is None or self.identities.status(identity, now) != "Success":
            raise InvalidTrackingOptions(f"Domain <{domain}> is not verified under this account.")

    def set_tracking(
        self,
        region: str,
        name: str,
        domain: str | None,
        https_policy: str | None,
        now: datetime,
        *,
        exists: bool | None = None,
    ) -> None:
        """The set's open and click tracking domain (None: none). ``exists``: v1's
        Create (False: the set must have none yet) and Update (True: it must have one);
        None: v2's Put, which replaces whatever was there."""
        if domain is None and https_policy is not None:
            raise InvalidParameter("CustomRedirectDomain must be specified.")
        self.check_tracking(region, domain, now)
        found = self.get(region, name)
        if exists is False and found.custom_redirect_domain is not None:
            raise TrackingOptionsExist(f"Configuration set <{name}> already has tracking options.")
        if exists is True and found.custom_redirect_domain is None:
            raise _no_tracking(name)
        found.custom_redirect_domain = domain
        found.https_policy = None if domain is None else https_policy

    def delete_tracking(self, region: str, name: str) -> None:
        """v1 DeleteConfigurationSetTrackingOptions: the set must have them."""
        found = self.get(region, name)
        if found.custom_redirect_domain is None:
            raise _no_tracking(name)
        found.custom_redirect_domain = found.https_policy = None

    def set_delivery(
        self,
        region: str,
        name: str,
        tls_required: bool,
        *,
        pool: str | None = None,
        max_delivery_seconds: int | None = None,
        keep_others: bool = False,
    ) -> None:
        """The set's delivery options; ``keep_others``: v1, which knows only the TLS policy,
        keeps the pool and the delivery window."""
        check_delivery(max_delivery_seconds)
        found = self.get(region, name)
        found.tls_required = tls_required
        if not keep_others:
            found.sending_pool_name = pool
            found.max_delivery_seconds = max_delivery_seconds

    def set_reputation_metrics(self, region: str, name: str, enabled: bool) -> None:
        self.get(region, name).reputation_metrics_enabled = enabled

    def set_sending(self, region: str, name: str, enabled: bool) -> None:
        """Sending through the set enabled or not (a disabled set refuses sends)."""
        self.get(region, name).sending_enabled = enabled

    def set_suppression(
        self,
        region: str,
        name: str,
        reasons: list[str],
        scope: str | None = None,
        validation: dict[str, object] | None = None,
    ) -> None:
        """The reasons the account's suppression list applies for (empty: none)."""
        found = self.get(region, name)
        found.suppressed_reasons = list(reasons)
        found.suppression_scope = scope
        found.suppression_validation = validation

    def set_vdm(self, region: str, name: str, options: dict[str, object] | None) -> None:
        self.get(region, name).vdm_options = options

    def set_archiving(self, region: str, name: str, archive_arn: str | None) -> None:
        self.get(region, name).archive_arn = archive_arn

    def set_message_security(
        self, region: str, name: str, options: dict[str, object] | None
    ) -> None:
        """UpdateConfigurationSet: None keeps what the set has."""
        found = self.get(region, name)
        if options is not None:
            found.message_security = options

    # -- identities' default sets ----------------------------------------------------

    def set_default(self, region: str, identity: Identity, name: str | None) -> None:
        """The identity's default configuration set (None: no default)."""
        key = (region, identity.name)
        if name is None:
            self.defaults.pop(key, None)
            return
        self.get(region, name)
        self.defaults[key] = name

    def default_of(self, region: str, identity: Identity) -> str | None:
        return self.defaults.get((region, identity.name))

    def forget_identity(self, region: str, name: str) -> None:
        """A deleted identity (its stored spelling) has no default set any more."""
        self.defaults.pop((region, name), None)

    def applied(self, region: str, named: str | None, sender: Identity | None) -> str | None:
        """The set a send uses: the one it names (already checked), else its sending
        identity's default, which must still exist; sending through it must be enabled."""
        name = named
        if name is None and sender is not None:
            name = self.default_of(region, sender)
            if name is not None and self.find(region, name) is None:
                raise DefaultConfigurationSetMissing(f"Configuration set <{name}> does not exist.")
        if name is None:
            return None
        found = self.find(region, name)
        if found is not None and not found.sending_enabled:
            raise SendingPaused(f"Sending is paused for this configuration set: {name}.")
        return name


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


def check_delivery(max_delivery_seconds: int | None) -> None:
    """``MaxDeliverySeconds`` is at most 50,400 (botocore checks the minimum, 300)."""
    if max_delivery_seconds is not None and max_delivery_seconds > MAX_DELIVERY_SECONDS:
        raise InvalidParameter(
            "1 validation error detected: Value at 'maxDeliverySeconds' failed to satisfy "
            f"constraint: Member must have value less than or equal to {MAX_DELIVERY_SECONDS}"
        )


def _no_tracking(name: str) -> TrackingOptionsMissing:
    return TrackingOptionsMissing(f"There are no tracking options for configuration set <{name}>")


def _missing(name: str) -> ConfigurationSetMissing:
    return ConfigurationSetMissing(f"Configuration set <{name}> does not exist.")


def _seq(item: ConfigurationSet) -> int:
    return item.seq
