"""Identity settings: feedback notifications and sending authorization policies.

Pure: no botocore, no pytest, no clock. Settings are kept per region and identity (its
stored spelling) in :class:`IdentitySettings`, beside the identity rather than in it, and
go with it (the account wires :meth:`IdentitySettings.forget` to identity deletion). v1
and v2 read and change the same settings. Messages follow the README's behaviour table.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Literal, get_args

from .errors import InvalidParameter, ModelError
from .identities import Identity, Kind, Registry, key_of
from .verification import Preset

NotificationType = Literal["Bounce", "Complaint", "Delivery"]
NOTIFICATION_TYPES: tuple[NotificationType, ...] = get_args(NotificationType)

MAX_POLICIES = 20
MAX_POLICY_BYTES = 4 * 1024
MAX_POLICY_NAME = 64
MAX_POLICY_NAMES_PER_REQUEST = 20
_POLICY_NAME = re.compile(r"[A-Za-z0-9_-]+\Z")


class UnknownIdentity(ModelError):
    """A notification setting for an identity the region does not have: v1
    ``InvalidParameterValue``, v2 ``BadRequestException``."""


class NotVerifiedIdentity(ModelError):
    """Headers in notifications for an identity the region does not have: ``MessageRejected``."""


class ForwardingNeedsTopics(ModelError):
    """Feedback forwarding turned off while a bounce or complaint topic is unset (v1):
    ``InvalidParameterValue``."""


class InvalidPolicy(ModelError):
    """A policy document SES does not accept: v1 ``InvalidPolicy``, v2 ``BadRequestException``."""


class PolicyNameTooLong(ModelError):
    """A policy name over 64 characters: v1 ``ValidationError``, v2 ``BadRequestException``."""


class PolicyLimitReached(ModelError):
    """A 21st policy: v1 ``InvalidParameterValue``, v2 ``LimitExceededException``."""


class PolicyExists(ModelError):
    """v2 CreateEmailIdentityPolicy with a name in use: ``AlreadyExistsException``."""


class PolicyNotFound(ModelError):
    """v2 Update/DeleteEmailIdentityPolicy of a policy the identity does not have:
    ``NotFoundException``."""


@dataclass
class Feedback:
    """An identity's notification settings: SNS topics by type, email feedback forwarding,
    and the types whose notifications include the original headers."""

    topics: dict[NotificationType, str] = field(default_factory=dict)
    forwarding: bool = True
    headers: set[NotificationType] = field(default_factory=set)


def _invalid_identity(name: str) -> UnknownIdentity:
    return UnknownIdentity(
        f"Identity {name} is invalid. Must be a verified email address or domain."
    )


def notification_type(value: str) -> NotificationType:
    """``value`` as a notification type, or the service's error."""
    for known in NOTIFICATION_TYPES:
        if value == known:
            return known
    raise InvalidParameter(
        f"Invalid notification type: {value}. Valid values are: Bounce, Complaint, Delivery."
    )


# -- sending authorization policies ------------------------------------------------------


def check_policy_name(policy_name: str) -> None:
    """At most 64 characters (checked first), of letters, digits, '-' and '_'."""
    if len(policy_name) > MAX_POLICY_NAME:
        raise PolicyNameTooLong(
            "1 validation error detected: Value at 'policyName' failed to satisfy constraint: "
            f"Member must have length less than or equal to {MAX_POLICY_NAME}"
        )
    if not _POLICY_NAME.match(policy_name):
        raise InvalidParameter(
            "PolicyName is invalid. Policy names must only include alpha-numeric characters, "
            "dashes, and underscores."
        )


def policy_document(text: str) -> str:
    """The policy as SES keeps it: a JSON object of at most 4 KB, its insignificant white
    space removed."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_POLICY_BYTES:
        raise InvalidPolicy(f"Policy is larger than {MAX_POLICY_BYTES} bytes.")
    try:
        document = json.loads(text)
    except ValueError:
        raise InvalidPolicy("Policy is not valid JSON.") from None
    if not isinstance(document, dict):
        raise InvalidPolicy("Policy is not valid JSON.")
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False)


class IdentitySettings:
    """Identities' notification settings and sending authorization policies, by (region,
    stored spelling). Handed the identities' registry."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.feedback: dict[tuple[str, str], Feedback] = {}
        self.policies: dict[tuple[str, str], dict[str, str]] = {}

    def forget(self, region: str, name: str) -> None:
        """A deleted identity's settings go with it."""
        self.feedback.pop((region, name), None)
        self.policies.pop((region, name), None)

    # -- feedback notifications ------------------------------------------------------

    def feedback_of(self, region: str, identity: Identity) -> Feedback:
        """The identity's notification settings (the defaults when none were set)."""
        return self.feedback.get((region, identity.name)) or Feedback()

    def _feedback(self, region: str, identity: Identity) -> Feedback:
        return self.feedback.setdefault((region, identity.name), Feedback())

    def set_notification_topic(
        self, region: str, name: str, kind: Kind, notice: str, topic: str | None
    ) -> None:
        """SetIdentityNotificationTopic: publish one type of notification to ``topic``; no
        topic (None or empty) stops publishing it."""
        wanted = notification_type(notice)
        identity = self.registry.get(region, name, kind)
        if identity is None:
            raise _invalid_identity(name)
        topics = self._feedback(region, identity).topics
        if topic:
            topics[wanted] = topic
        else:
            topics.pop(wanted, None)

    def set_headers_in_notifications(
        self, region: str, name: str, kind: Kind, notice: str, enabled: bool
    ) -> None:
        """SetIdentityHeadersInNotificationsEnabled: include the original headers or not."""
        wanted = notification_type(notice)
        identity = self.registry.get(region, name, kind)
        if identity is None:
            raise NotVerifiedIdentity(f"Identity {name} is not verified or does not exist.")
        headers = self._feedback(region, identity).headers
        if enabled:
            headers.add(wanted)
        else:
            headers.discard(wanted)

    def set_feedback_forwarding(
        self, region: str, name: str, kind: Kind, enabled: bool, *, needs_topics: bool
    ) -> None:
        """Email feedback forwarding on or off. ``needs_topics`` (v1): off only while both
        the bounce and the complaint topics are set; v2 accepts it without topics."""
        identity = self.registry.get(region, name, kind)
        if identity is None:
            raise _invalid_identity(name)
        feedback = self._feedback(region, identity)
        if not enabled and needs_topics and not {"Bounce", "Complaint"} <= feedback.topics.keys():
            raise ForwardingNeedsTopics(
                "Feedback forwarding can only be disabled when Amazon SNS topics are set for "
                f"both Bounce and Complaint notifications of identity {name}."
            )
        feedback.forwarding = enabled

    # -- sending authorization policies ----------------------------------------------

    def preset_policy(self, region: str, identity: Identity, preset: Preset) -> None:
        """A preset's policy (``set_identity(policy=...)``), put as ``policy``."""
        if preset.policy is not None:
            self.put_policy(region, identity.name, identity.kind, "policy", preset.policy)

    def policies_of(self, region: str, name: str, kind: Kind) -> dict[str, str]:
        """The identity's policies by name, oldest first (none: empty)."""
        found = self.policies.get((region, key_of(name, kind)))
        return {} if found is None else dict(found)

    def put_policy(self, region: str, name: str, kind: Kind, policy_name: str, text: str) -> None:
        """v1 PutIdentityPolicy: create or replace; the identity need not exist."""
        document = _checked(policy_name, text)
        store = self.policies.setdefault((region, key_of(name, kind)), {})
        if policy_name not in store:
            _room(store, name)
        store[policy_name] = document

    def create_policy(self, region: str, identity: Identity, policy_name: str, text: str) -> None:
        """v2 CreateEmailIdentityPolicy: a new policy only."""
        document = _checked(policy_name, text)
        store = self.policies.setdefault((region, identity.name), {})
        if policy_name in store:
            raise PolicyExists(f"Policy <{policy_name}> already exists")
        _room(store, identity.name)
        store[policy_name] = document

    def update_policy(self, region: str, identity: Identity, policy_name: str, text: str) -> None:
        """v2 UpdateEmailIdentityPolicy: an existing policy only."""
        document = _checked(policy_name, text)
        store = self.policies.get((region, identity.name), {})
        if policy_name not in store:
            raise PolicyNotFound(f"Policy <{policy_name}> does not exist")
        store[policy_name] = document

    def delete_policy(
        self, region: str, name: str, kind: Kind, policy_name: str, *, must_exist: bool
    ) -> None:
        """Delete a policy. ``must_exist`` (v2): a missing policy is an error; v1 succeeds."""
        key = (region, key_of(name, kind))
        store = self.policies.get(key, {})
        if policy_name not in store:
            if must_exist:
                raise PolicyNotFound(f"Policy <{policy_name}> does not exist")
            return
        del store[policy_name]
        if not store:
            del self.policies[key]


def _checked(policy_name: str, text: str) -> str:
    check_policy_name(policy_name)
    return policy_document(text)


def _room(store: dict[str, str], name: str) -> None:
    if len(store) >= MAX_POLICIES:
        raise PolicyLimitReached(
            f"Number of policies for <{name}> exceeds max allowed number of policies per resource"
        )


def check_policy_names(names: list[str]) -> None:
    """v1 GetIdentityPolicies reads at most 20 policies at a time."""
    if len(names) > MAX_POLICY_NAMES_PER_REQUEST:
        raise InvalidParameter(
            f"Too many policy names: {len(names)}. A request can name at most "
            f"{MAX_POLICY_NAMES_PER_REQUEST}."
        )
