"""Sending authorization: sending through an identity named by its ARN, the identity
another account owns and lets the caller use with a sending authorization policy.

Pure: no botocore, no pytest, no clock. The component knows the caller's own identities
and settings, and makes another account's (its identities and policies, sharing the one
global DNS) the first time a test or a send names it. A policy is evaluated as the
Developer Guide's "Policy anatomy" describes it: Principal, Action, Resource and the SES
condition keys, an explicit Deny over any Allow. The caller is the account's root: the
fake does not know which IAM user signs, so any principal of the caller's account
matches. Messages follow the README's behaviour table.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timezone
from email.utils import parseaddr
from typing import Any

from .errors import InvalidParameter, ModelError
from .identities import Identity, kind_of
from .settings import IdentitySettings
from .verification import Identities

_ARN = re.compile(r"arn:aws[a-z-]*:ses:([a-z0-9-]+|\*):([0-9]{12}):identity/(.+)\Z")
Owner = tuple[Identities, IdentitySettings]
# Each request's values of the condition keys (a missing key: not in the request).
Context = Mapping[str, Sequence[str]]


class NotAuthorized(ModelError):
    """The identity's policies do not let the caller send: v1 ``AccessDenied`` (403), v2
    ``AccessDeniedException`` (403)."""


class Delegation:
    """Every account's identities and policies, by account id; the caller's own first."""

    def __init__(
        self,
        account_id: str,
        identities: Identities,
        settings: IdentitySettings,
        make_owner: Callable[[str], Owner],
    ) -> None:
        self.account_id = account_id
        self.owners: dict[str, Owner] = {account_id: (identities, settings)}
        self._make_owner = make_owner

    def owner(self, account_id: str) -> Owner:
        """The identities and settings of ``account_id`` (made on first use)."""
        found = self.owners.get(account_id)
        if found is None:
            found = self.owners[account_id] = self._make_owner(account_id)
        return found

    def identity(
        self, region: str, shown: str, bare: str, arn: str, now: datetime
    ) -> tuple[Identity | None, str]:
        """The verified identity ``arn`` names, for the address ``bare`` (``shown`` as
        sent), and its owner's account id; None when the region has no such verified
        identity. A malformed ARN, or one the address does not belong to, is refused."""
        found = _ARN.match(arn)
        if found is None:
            raise InvalidParameter(f"Invalid ARN <{arn}>.")
        arn_region, owner_id, name = found.groups()
        if not _aligns(bare, name):
            raise InvalidParameter(
                f"The address '{shown}' does not align with the given ARN '{arn}'"
            )
        if arn_region not in (region, "*"):  # sent in the region the owner verified it in
            return None, owner_id
        identities = self.owner(owner_id)[0]
        kind = kind_of(name)
        identity = None if kind is None else identities.get(region, name, kind)
        if identity is None or identities.status(identity, now) != "Success":
            return None, owner_id
        return identity, owner_id

    def check_policies(
        self,
        region: str,
        identity: Identity,
        owner_id: str,
        arn: str,
        action: str,
        context: Context,
        now: datetime,
    ) -> None:
        """The owner's policies on ``identity`` let the caller perform ``action`` (the
        caller's own identities need no policy)."""
        if owner_id == self.account_id:
            return
        settings = self.owner(owner_id)[1]
        documents = settings.policies_of(region, identity.name, identity.kind).values()
        caller = f"arn:aws:iam::{self.account_id}:root"
        if not allowed(documents, self.account_id, action, arn, context, now):
            raise NotAuthorized(
                f"User `{caller}' is not authorized to perform `{action}' on resource `{arn}'"
            )


def _aligns(address: str, name: str) -> bool:
    """Whether ``address`` is the identity ``name``, or belongs to its domain (or a
    subdomain of it)."""
    if "@" in name:
        return address == name
    domain = address.rpartition("@")[2].lower()
    wanted = name.lower()
    return domain == wanted or domain.endswith("." + wanted)


# The same few addresses are sent from and to again and again: parsed once each.
_parseaddr = functools.lru_cache(maxsize=1024)(parseaddr)


def context_of(
    from_address: str, recipients: Iterable[str], feedback: str | None, api_version: str
) -> dict[str, list[str]]:
    """The SES condition keys' values for a send (``from_address`` as sent)."""
    name, bare = _parseaddr(from_address)
    context = {
        "ses:fromaddress": [bare or from_address],
        "ses:recipients": [_parseaddr(r)[1] or r for r in recipients],
        "ses:apiversion": [api_version],
    }
    if name:
        context["ses:fromdisplayname"] = [name]
    if feedback:
        context["ses:feedbackaddress"] = [_parseaddr(feedback)[1] or feedback]
    return context


def allowed(
    documents: Iterable[str],
    account_id: str,
    action: str,
    resource: str,
    context: Context,
    now: datetime,
) -> bool:
    """Whether some statement allows and none denies (an explicit Deny wins)."""
    keys = {
        **context,
        "aws:currenttime": [_stamp(now)],
        "aws:epochtime": [str(int(now.timestamp()))],
    }
    verdict = False
    for text in documents:
        statements = _statements(text)
        for statement in statements:
            if not isinstance(statement, dict) or not _applies(
                statement, account_id, action, resource, keys
            ):
                continue
            if statement.get("Effect") == "Deny":
                return False
            verdict = verdict or statement.get("Effect") == "Allow"
    return verdict


@functools.lru_cache(maxsize=256)
def _statements(text: str) -> tuple[Any, ...]:
    """A policy document's statements (none: not a document), parsed once per text: every
    send through an identity ARN reads them. Only read, never changed."""
    try:
        statements = json.loads(text).get("Statement", [])
    except (ValueError, AttributeError):
        return ()
    return tuple(statements) if isinstance(statements, list) else (statements,)


def _stamp(now: datetime) -> str:
    return now.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _listed(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    return [] if value is None else [str(value)]


def _glob(pattern: str, value: str, ignore_case: bool = False) -> bool:
    """``*`` and ``?`` wildcards, as IAM's ``StringLike`` reads them."""
    return _compiled(pattern, ignore_case).fullmatch(value) is not None


@functools.lru_cache(maxsize=1024)
def _compiled(pattern: str, ignore_case: bool) -> re.Pattern[str]:
    regex = "".join(
        ".*" if char == "*" else "." if char == "?" else re.escape(char) for char in pattern
    )
    return re.compile(regex, re.IGNORECASE | re.DOTALL if ignore_case else re.DOTALL)


def _applies(
    statement: dict[str, Any], account_id: str, action: str, resource: str, keys: Context
) -> bool:
    return (
        _principal(statement, account_id)
        and _matches(statement, "Action", "NotAction", action, ignore_case=True)
        and _matches(statement, "Resource", "NotResource", resource)
        and _conditions(statement.get("Condition", {}), keys)
    )


def _principal(statement: dict[str, Any], account_id: str) -> bool:
    """The caller's account, named by its id, its root or any of its IAM ARNs, or ``*``."""
    principal = statement.get("Principal")
    if principal == "*":
        return True
    if not isinstance(principal, dict):
        return False
    for named in _listed(principal.get("AWS")):
        if named in ("*", account_id) or named.startswith(f"arn:aws:iam::{account_id}:"):
            return True
    return False


def _matches(
    statement: dict[str, Any], key: str, negated: str, value: str, ignore_case: bool = False
) -> bool:
    if key in statement:
        return any(_glob(p, value, ignore_case) for p in _listed(statement[key]))
    if negated in statement:
        return not any(_glob(p, value, ignore_case) for p in _listed(statement[negated]))
    return key == "Resource"  # no Resource: the identity the policy is attached to


def _conditions(block: Any, keys: Context) -> bool:
    """Every operator's every key must match (IAM's AND); any of a key's values may."""
    if not isinstance(block, dict):
        return False
    for operator, tests in block.items():
        if not isinstance(tests, dict):
            return False
        for key, wanted in tests.items():
            if not _condition(str(operator), keys.get(str(key).lower()), _listed(wanted)):
                return False
    return True


def _condition(operator: str, present: Sequence[str] | None, wanted: list[str]) -> bool:
    every = operator.startswith("ForAllValues:")
    name = operator.partition(":")[2] if ":" in operator else operator
    if_exists = name.endswith("IfExists")
    name = name.removesuffix("IfExists")
    negated = "Not" in name
    if present is None:  # the key is not in the request
        return if_exists or every or negated
    test = _TESTS.get(name.replace("Not", ""))
    if test is None:
        return False

    def one(value: str) -> bool:
        hit = any(test(value, w) for w in wanted)
        return not hit if negated else hit

    return all(one(v) for v in present) if every else any(one(v) for v in present)


def _date(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        text = value.replace("Z", "+00:00")
        try:
            return datetime.fromisoformat(text).timestamp()
        except ValueError:
            return float("nan")


_TESTS: dict[str, Callable[[str, str], bool]] = {
    "StringEquals": lambda value, wanted: value == wanted,
    "StringEqualsIgnoreCase": lambda value, wanted: value.lower() == wanted.lower(),
    "StringLike": lambda value, wanted: _glob(wanted, value),
    "DateEquals": lambda value, wanted: _date(value) == _date(wanted),
    "DateLessThan": lambda value, wanted: _date(value) < _date(wanted),
    "DateLessThanEquals": lambda value, wanted: _date(value) <= _date(wanted),
    "DateGreaterThan": lambda value, wanted: _date(value) > _date(wanted),
    "DateGreaterThanEquals": lambda value, wanted: _date(value) >= _date(wanted),
    "Bool": lambda value, wanted: value.lower() == wanted.lower(),
}
