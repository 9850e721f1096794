"""SES v1 operations: one function each, params -> result dict, or an error.

Each function takes the account, the caller's region, the caller's keyword arguments
(already validated for types by botocore) and ``now``; it returns the result members
of the response. Behaviour lives in the model; this module translates v1's names,
shapes and error codes. Messages follow the README's behaviour table.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .._protocol import SesError
from ..model.account import (
    Account,
    DkimNotVerified,
    IdentityLimitReached,
    IdentityNotFound,
    MailFromNotVerified,
    NotASubdomain,
    accept_message,
    dkim_domain,
    issue_cursor,
    page_size,
    page_start,
    request_dkim,
    request_domain,
    request_email,
    require,
    set_dkim_signing,
    set_mail_from,
)
from ..model.errors import InvalidParameter, MessageRejected, ModelError
from ..model.identities import KINDS, Identity, Kind, kind_of
from ..model.sending import (
    MAX_RAW_V1,
    body_parts,
    check_raw_size,
    check_tags,
    header_addresses,
    header_sender,
    parse_raw,
    raw_bytes,
)
from . import Params, Result, operations

# How v1 answers what the model refuses: (code, HTTP status).
ERRORS: dict[type[ModelError], tuple[str, int]] = {
    InvalidParameter: ("InvalidParameterValue", 400),
    MessageRejected: ("MessageRejected", 400),
    IdentityLimitReached: ("LimitExceeded", 400),
    IdentityNotFound: ("InvalidParameterValue", 400),
    DkimNotVerified: ("InvalidParameterValue", 400),
    NotASubdomain: ("InvalidParameterValue", 400),
    MailFromNotVerified: ("MailFromDomainNotVerifiedException", 400),
}

OPERATIONS, operation = operations()

MAX_IDENTITIES_PER_REQUEST = 100


def _invalid(message: str) -> SesError:
    return SesError("InvalidParameterValue", message)


def _email_address(params: Params) -> str:
    address: str = params["EmailAddress"]
    if kind_of(address) != "EmailAddress":
        raise _invalid(f"Invalid email address<{address}>.")
    return address


def _known_identities(account: Account, region: str, params: Params) -> list[tuple[str, Identity]]:
    """The requested identities that exist, with the spelling the caller used."""
    names: list[str] = params["Identities"]
    if len(names) > MAX_IDENTITIES_PER_REQUEST:
        raise _invalid(
            f"Too many identities: {len(names)}. "
            f"A request can name at most {MAX_IDENTITIES_PER_REQUEST}."
        )
    found = []
    for name in names:
        kind = kind_of(name)
        if kind is None:
            raise _invalid(
                f"Identity {name} is invalid. Must be a verified email address or domain."
            )
        identity = account.registry.get(region, name, kind)
        if identity is not None:
            found.append((name, identity))
    return found


@operation("GetIdentityVerificationAttributes", throttled=True)
def get_identity_verification_attributes(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    registry = account.registry
    attributes: dict[str, dict[str, str]] = {}
    for name, identity in _known_identities(account, region, params):
        entry: dict[str, str] = {"VerificationStatus": registry.status(identity, now)}
        if identity.token is not None:
            entry["VerificationToken"] = identity.token
        attributes[name] = entry
    return {"VerificationAttributes": attributes}


@operation("GetIdentityDkimAttributes", throttled=True)
def get_identity_dkim_attributes(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    registry = account.registry
    attributes: dict[str, dict[str, Any]] = {}
    for name, identity in _known_identities(account, region, params):
        if identity.kind == "Domain":
            entry: dict[str, Any] = {
                "DkimEnabled": identity.has_dkim and identity.dkim_signing is not False,
                "DkimVerificationStatus": registry.dkim_status(identity, now),
            }
            if identity.dkim_tokens is not None:
                entry["DkimTokens"] = list(identity.dkim_tokens)
            elif identity.external_dkim is not None:
                entry["DkimTokens"] = [identity.external_dkim.selector]
        else:
            # An address's own flag: off unless turned on (AWS CLI example); on, it
            # signs with its domain's DKIM.
            domain = dkim_domain(account, region, identity)
            on = identity.dkim_signing is True and domain is not None
            entry = {
                "DkimEnabled": on,
                "DkimVerificationStatus": (
                    registry.dkim_status(domain, now) if on and domain else "NotStarted"
                ),
            }
        attributes[name] = entry
    return {"DkimAttributes": attributes}


@operation("SetIdentityDkimEnabled", throttled=True)
def set_identity_dkim_enabled(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    identity = require(account, region, params["Identity"])
    set_dkim_signing(account, region, identity, bool(params["DkimEnabled"]), now)
    return {}


@operation("SetIdentityMailFromDomain", throttled=True)
def set_identity_mail_from_domain(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    identity = require(account, region, params["Identity"])
    behaviour = params.get("BehaviorOnMXFailure", "UseDefaultValue")
    if behaviour not in ("UseDefaultValue", "RejectMessage"):
        raise SesError(
            "ValidationError",
            "1 validation error detected: Value at 'behaviorOnMXFailure' failed to satisfy "
            "constraint: Member must satisfy enum value set: [RejectMessage, UseDefaultValue]",
        )
    set_mail_from(account, region, identity, params.get("MailFromDomain"), behaviour, now)
    return {}


@operation("GetIdentityMailFromDomainAttributes", throttled=True)
def get_identity_mail_from_domain_attributes(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    registry = account.registry
    attributes: dict[str, dict[str, str]] = {}
    for name, identity in _known_identities(account, region, params):
        setting = identity.mail_from
        if setting is None:  # as v2 answers an identity without one (README)
            attributes[name] = {"BehaviorOnMXFailure": "UseDefaultValue"}
            continue
        attributes[name] = {
            "MailFromDomain": setting.domain,
            "MailFromDomainStatus": registry.mail_from_status(identity, now),
            "BehaviorOnMXFailure": setting.on_mx_failure,
        }
    return {"MailFromDomainAttributes": attributes}


@operation("VerifyDomainDkim", throttled=True)
def verify_domain_dkim(account: Account, region: str, params: Params, now: datetime) -> Result:
    return {"DkimTokens": list(request_dkim(account, region, _domain(params), now))}


@operation("SendEmail", throttled=False)
def send_email(account: Account, region: str, params: Params, now: datetime) -> Result:
    check_tags(params.get("Tags", []))
    destination: dict[str, list[str]] = params["Destination"]
    recipients = [
        address
        for key in ("ToAddresses", "CcAddresses", "BccAddresses")
        for address in destination.get(key, [])
    ]
    message = params["Message"]
    body = message["Body"]
    content = (
        message["Subject"]["Data"],
        body.get("Text", {}).get("Data"),
        body.get("Html", {}).get("Data"),
        None,
    )
    sent = accept_message(account, region, params["Source"], recipients, now, content)
    return {"MessageId": sent.message_id}


@operation("SendRawEmail", throttled=False)
def send_raw_email(account: Account, region: str, params: Params, now: datetime) -> Result:
    check_tags(params.get("Tags", []))
    data = raw_bytes(params["RawMessage"]["Data"])
    check_raw_size(data, MAX_RAW_V1)
    message = parse_raw(data)
    source: str | None = params.get("Source")
    sender: str | None = None
    if not source:
        found = header_sender(message)
        if found is None:
            raise _invalid("Missing required header 'From'.")
        source, sender = found
    recipients = list(params.get("Destinations") or header_addresses(message, "To", "Cc", "Bcc"))
    subject = message.get("Subject")
    text, html = body_parts(message)
    content = (None if subject is None else str(subject), text, html, data)
    sent = accept_message(account, region, source, recipients, now, content, sender)
    return {"MessageId": sent.message_id}


@operation("VerifyEmailIdentity", throttled=True)
@operation("VerifyEmailAddress", throttled=True)
def verify_email_identity(account: Account, region: str, params: Params, now: datetime) -> Result:
    request_email(account, region, _email_address(params), now)
    return {}


def _domain(params: Params) -> str:
    domain: str = params["Domain"]
    if kind_of(domain) != "Domain":
        raise _invalid(f"Invalid domain name {domain}.")
    return domain


@operation("VerifyDomainIdentity", throttled=True)
def verify_domain_identity(account: Account, region: str, params: Params, now: datetime) -> Result:
    return {"VerificationToken": request_domain(account, region, _domain(params), now)}


@operation("DeleteIdentity", throttled=True)
def delete_identity(account: Account, region: str, params: Params, now: datetime) -> Result:
    name: str = params["Identity"]
    kind = kind_of(name)
    if kind is None:
        raise _invalid(f"Identity {name} is invalid. Must be a verified email address or domain.")
    account.registry.delete(region, name, kind)
    return {}


@operation("DeleteVerifiedEmailAddress", throttled=True)
def delete_verified_email_address(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    account.registry.delete(region, _email_address(params), "EmailAddress")
    return {}


@operation("ListIdentities", throttled=True)
def list_identities(account: Account, region: str, params: Params, now: datetime) -> Result:
    kinds: tuple[Kind, ...] = KINDS
    if "IdentityType" in params:
        wanted = params["IdentityType"]
        if wanted not in KINDS:
            raise SesError(
                "ValidationError",
                "1 validation error detected: Value at 'identityType' failed to satisfy "
                "constraint: Member must satisfy enum value set: [Domain, EmailAddress]",
            )
        kinds = (wanted,)
    size = page_size(params.get("MaxItems", 1000), "MaxItems")
    start = page_start(account, region, params.get("NextToken"))
    found, next_seq = account.registry.page(region, kinds, start, size)
    result: Result = {"Identities": [identity.name for identity in found]}
    if next_seq is not None:
        result["NextToken"] = issue_cursor(account, region, next_seq)
    return result


@operation("ListVerifiedEmailAddresses", throttled=True)
def list_verified_email_addresses(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    registry = account.registry
    return {
        "VerifiedEmailAddresses": [
            i.name
            for i in registry.identities(region, ("EmailAddress",))
            if registry.status(i, now) == "Success"
        ]
    }
