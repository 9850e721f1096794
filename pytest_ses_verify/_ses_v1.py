"""SES v1 identity operations: one function each, params -> result dict, or SesError.

Each function takes the backend, the caller's region, the caller's keyword arguments
(already validated for types by botocore) and ``now``; it returns the result members
of the response. Messages follow the behaviour reference (docs/ses-behaviour).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from ._registry import EMAIL_LINK_LIFETIME, KINDS, Kind, Registry, kind_of
from ._responses import SesError

MAX_IDENTITIES_PER_REQUEST = 100
MAX_ITEMS = 1000


class VerificationEmail(NamedTuple):
    """A verification email the fake sent: to ``address``, from ``region``'s SES."""

    address: str
    region: str
    sent_at: datetime
    expires_at: datetime


@dataclass
class Backend:
    """Everything the operations read and change."""

    registry: Registry
    auto_verify: bool = False
    emails: list[VerificationEmail] = field(default_factory=list)
    page_tokens: dict[str, tuple[str, int]] = field(default_factory=dict)


Params = dict[str, Any]
Result = dict[str, Any]
Operation = Callable[[Backend, str, Params, datetime], Result]


def _invalid(message: str) -> SesError:
    return SesError("InvalidParameterValue", message)


def _check_room(backend: Backend, region: str, identity: str, kind: Kind) -> None:
    if backend.registry.is_full(region, identity, kind):
        raise SesError(
            "LimitExceeded",
            f"Maximum number of verified identities (10000) reached in region {region}.",
        )


def _email_address(params: Params) -> str:
    address: str = params["EmailAddress"]
    if kind_of(address) != "EmailAddress":
        raise _invalid(f"Invalid email address<{address}>.")
    return address


def get_identity_verification_attributes(
    backend: Backend, region: str, params: Params, now: datetime
) -> Result:
    identities: list[str] = params["Identities"]
    if len(identities) > MAX_IDENTITIES_PER_REQUEST:
        raise _invalid(
            f"Too many identities: {len(identities)}. "
            f"A request can name at most {MAX_IDENTITIES_PER_REQUEST}."
        )
    registry = backend.registry
    attributes: dict[str, dict[str, str]] = {}
    for name in identities:
        kind = kind_of(name)
        if kind is None:
            raise _invalid(
                f"Identity {name} is invalid. Must be a verified email address or domain."
            )
        identity = registry.get(region, name, kind)
        if identity is None:
            continue
        entry: dict[str, str] = {"VerificationStatus": registry.status(identity, now)}
        if identity.token is not None:
            entry["VerificationToken"] = identity.token
        attributes[name] = entry
    return {"VerificationAttributes": attributes}


def verify_email_identity(backend: Backend, region: str, params: Params, now: datetime) -> Result:
    address = _email_address(params)
    _check_room(backend, region, address, "EmailAddress")
    if backend.registry.request_email(region, address, now):
        backend.emails.append(VerificationEmail(address, region, now, now + EMAIL_LINK_LIFETIME))
        if backend.auto_verify:
            backend.registry.click(region, address, now)
    return {}


def verify_domain_identity(backend: Backend, region: str, params: Params, now: datetime) -> Result:
    domain: str = params["Domain"]
    if kind_of(domain) != "Domain":
        raise _invalid(f"Domain {domain} is invalid.")
    _check_room(backend, region, domain, "Domain")
    registry = backend.registry
    token = registry.request_domain(region, domain, now)
    if backend.auto_verify:
        identity = registry.get(region, domain, "Domain")
        if identity is not None and registry.status(identity, now) == "Pending":
            registry.preset(region, domain, "Domain", "Success", now)
    return {"VerificationToken": token}


def delete_identity(backend: Backend, region: str, params: Params, now: datetime) -> Result:
    name: str = params["Identity"]
    kind = kind_of(name)
    if kind is None:
        raise _invalid(f"Identity {name} is invalid. Must be a verified email address or domain.")
    backend.registry.delete(region, name, kind)
    return {}


def delete_verified_email_address(
    backend: Backend, region: str, params: Params, now: datetime
) -> Result:
    backend.registry.delete(region, _email_address(params), "EmailAddress")
    return {}


def list_identities(backend: Backend, region: str, params: Params, now: datetime) -> Result:
    kinds: tuple[Kind, ...] = KINDS
    if "IdentityType" in params:
        wanted = params["IdentityType"]
        if wanted not in KINDS:
            raise SesError(
                "ValidationError",
                f"1 validation error detected: Value '{wanted}' at 'identityType' failed to "
                "satisfy constraint: Member must satisfy enum value set: [EmailAddress, Domain]",
            )
        kinds = (wanted,)
    max_items: int = params.get("MaxItems", MAX_ITEMS)
    if not 1 <= max_items <= MAX_ITEMS:
        raise _invalid(f"MaxItems must be between 1 and {MAX_ITEMS}; got {max_items}.")
    start = 0
    if "NextToken" in params:
        issued = backend.page_tokens.get(params["NextToken"])
        if issued is None or issued[0] != region:
            raise _invalid(f"Invalid NextToken: {params['NextToken']}")
        start = issued[1]
    page: list[str] = []
    result: Result = {"Identities": page}
    for identity in backend.registry.identities(region, kinds):
        if identity.seq < start:
            continue
        if len(page) == max_items:
            token = secrets.token_urlsafe(24)
            backend.page_tokens[token] = (region, identity.seq)
            result["NextToken"] = token
            break
        page.append(identity.name)
    return result


def list_verified_email_addresses(
    backend: Backend, region: str, params: Params, now: datetime
) -> Result:
    registry = backend.registry
    return {
        "VerifiedEmailAddresses": [
            i.name
            for i in registry.identities(region, ("EmailAddress",))
            if registry.status(i, now) == "Success"
        ]
    }


OPERATIONS: dict[str, Operation] = {
    "GetIdentityVerificationAttributes": get_identity_verification_attributes,
    "VerifyEmailIdentity": verify_email_identity,
    "VerifyEmailAddress": verify_email_identity,
    "VerifyDomainIdentity": verify_domain_identity,
    "DeleteIdentity": delete_identity,
    "DeleteVerifiedEmailAddress": delete_verified_email_address,
    "ListIdentities": list_identities,
    "ListVerifiedEmailAddresses": list_verified_email_addresses,
}

# Result members that are maps, rendered as <entry><key/><value/></entry> in the body.
MAP_MEMBERS = frozenset({"VerificationAttributes"})
