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
from ..model import account_state, configuration_sets, custom_templates, render, templates
from ..model.account import (
    Account,
    DkimNotVerified,
    IdentityLimitReached,
    IdentityNotFound,
    MailFromNotVerified,
    NotASubdomain,
    accept_message,
    configuration_set_page,
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
from ..model.account import delete_identity as delete_identity_and_settings
from ..model.account_state import AccountSendingPaused
from ..model.configuration_sets import (
    ConfigurationSetExists,
    ConfigurationSetLimitReached,
    ConfigurationSetMissing,
    DefaultConfigurationSetMissing,
    InvalidConfigurationSetName,
    SendingPaused,
)
from ..model.custom_templates import (
    MAX_PAGE,
    CustomTemplate,
    FromAddressNotVerified,
    InvalidTemplateContent,
    TemplateExists,
    TemplateLimitReached,
    TemplateMissing,
)
from ..model.custom_verification import (
    ProductionAccessNotGranted,
    send_custom_verification_email,
    template_page,
)
from ..model.errors import InvalidParameter, MessageRejected, ModelError
from ..model.identities import KINDS, Identity, Kind, key_of, kind_of
from ..model.mime import raw_envelope, read_raw
from ..model.quotas import DailyQuotaExceeded, SendRateExceeded
from ..model.sending import (
    MAX_RAW_V1,
    check_raw_size,
    check_tags,
    header_addresses,
    header_sender,
    raw_bytes,
)
from ..model.settings import (
    NOTIFICATION_TYPES,
    ForwardingNeedsTopics,
    InvalidPolicy,
    NotVerifiedIdentity,
    PolicyLimitReached,
    PolicyNameTooLong,
    UnknownIdentity,
    check_policy_names,
    delete_policy,
    feedback_of,
    policies,
    put_policy,
    set_feedback_forwarding,
    set_headers_in_notifications,
    set_notification_topic,
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
    UnknownIdentity: ("InvalidParameterValue", 400),
    NotVerifiedIdentity: ("MessageRejected", 400),
    ForwardingNeedsTopics: ("InvalidParameterValue", 400),
    InvalidPolicy: ("InvalidPolicy", 400),
    PolicyNameTooLong: ("ValidationError", 400),
    PolicyLimitReached: ("InvalidParameterValue", 400),
    InvalidConfigurationSetName: ("InvalidConfigurationSet", 400),
    ConfigurationSetExists: ("ConfigurationSetAlreadyExists", 400),
    ConfigurationSetMissing: ("ConfigurationSetDoesNotExist", 400),
    DefaultConfigurationSetMissing: ("ConfigurationSetDoesNotExist", 400),
    ConfigurationSetLimitReached: ("LimitExceeded", 400),
    SendingPaused: ("ConfigurationSetSendingPausedException", 400),
    TemplateExists: ("CustomVerificationEmailTemplateAlreadyExists", 400),
    TemplateMissing: ("CustomVerificationEmailTemplateDoesNotExist", 400),
    FromAddressNotVerified: ("FromEmailAddressNotVerified", 400),
    InvalidTemplateContent: ("CustomVerificationEmailInvalidContent", 400),
    TemplateLimitReached: ("LimitExceeded", 400),
    ProductionAccessNotGranted: ("ProductionAccessNotGranted", 400),
    AccountSendingPaused: ("AccountSendingPausedException", 400),
    DailyQuotaExceeded: ("Throttling", 400),
    SendRateExceeded: ("Throttling", 400),
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


def _identity(params: Params) -> tuple[str, Kind]:
    """The ``Identity`` parameter and its kind, or the error for a malformed one."""
    name: str = params["Identity"]
    kind = kind_of(name)
    if kind is None:
        raise _invalid(f"Identity {name} is invalid. Must be a verified email address or domain.")
    return name, kind


def _known_identities(account: Account, region: str, params: Params) -> list[tuple[str, Identity]]:
    """The requested identities that exist, with the spelling the caller used."""
    names: list[str] = params["Identities"]
    if len(names) > MAX_IDENTITIES_PER_REQUEST:
        raise _invalid(
            f"Too many identities: {len(names)}. "
            f"A request can name at most {MAX_IDENTITIES_PER_REQUEST}."
        )
    found = []
    store = account.registry.by_name(region)
    for name in names:
        kind = kind_of(name)
        if kind is None:
            raise _invalid(
                f"Identity {name} is invalid. Must be a verified email address or domain."
            )
        identity = store.get(key_of(name, kind))
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
    sent = accept_message(
        account,
        region,
        params["Source"],
        recipients,
        now,
        content,
        configuration_set=params.get("ConfigurationSetName"),
        to=destination.get("ToAddresses", []),
        cc=destination.get("CcAddresses", []),
        bcc=destination.get("BccAddresses", []),
        reply_to=params.get("ReplyToAddresses", []),
        return_path=params.get("ReturnPath"),
        tags=params.get("Tags", []),
        service="ses",
    )
    return {"MessageId": sent.message_id}


@operation("SendRawEmail", throttled=False)
def send_raw_email(account: Account, region: str, params: Params, now: datetime) -> Result:
    check_tags(params.get("Tags", []))
    data = raw_bytes(params["RawMessage"]["Data"])
    check_raw_size(data, MAX_RAW_V1)
    raw = read_raw(data)
    message = raw.message
    source: str | None = params.get("Source")
    sender: str | None = None
    if not source:
        found = header_sender(message)
        if found is None:
            raise _invalid("Missing required header 'From'.")
        source, sender = found
    recipients = list(params.get("Destinations") or header_addresses(message, "To", "Cc", "Bcc"))
    subject = message.get("Subject")
    content = (None if subject is None else str(subject), raw.text, raw.html, data)
    sent = accept_message(
        account,
        region,
        source,
        recipients,
        now,
        content,
        sender,
        configuration_set=params.get("ConfigurationSetName"),
        **raw_envelope(raw),
        tags=params.get("Tags", []),
        service="ses",
    )
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
    delete_identity_and_settings(account, region, *_identity(params))
    return {}


@operation("DeleteVerifiedEmailAddress", throttled=True)
def delete_verified_email_address(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    delete_identity_and_settings(account, region, _email_address(params), "EmailAddress")
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


# -- notifications ---------------------------------------------------------------------


@operation("SetIdentityNotificationTopic", throttled=True)
def set_identity_notification_topic(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    name, kind = _identity(params)
    notice: str = params["NotificationType"]
    set_notification_topic(account, region, name, kind, notice, params.get("SnsTopic"))
    return {}


@operation("SetIdentityHeadersInNotificationsEnabled", throttled=True)
def set_identity_headers_in_notifications_enabled(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    name, kind = _identity(params)
    notice: str = params["NotificationType"]
    set_headers_in_notifications(account, region, name, kind, notice, params["Enabled"])
    return {}


@operation("SetIdentityFeedbackForwardingEnabled", throttled=True)
def set_identity_feedback_forwarding_enabled(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    name, kind = _identity(params)
    enabled: bool = params["ForwardingEnabled"]
    set_feedback_forwarding(account, region, name, kind, enabled, needs_topics=True)
    return {}


@operation("GetIdentityNotificationAttributes", throttled=True)
def get_identity_notification_attributes(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    """Topics only when set (the model calls them required; the service leaves them out)."""
    attributes: dict[str, dict[str, Any]] = {}
    for name, identity in _known_identities(account, region, params):
        feedback = feedback_of(account, region, identity)
        entry: dict[str, Any] = {
            f"{notice}Topic": feedback.topics[notice]
            for notice in NOTIFICATION_TYPES
            if notice in feedback.topics
        }
        entry["ForwardingEnabled"] = feedback.forwarding
        for notice in NOTIFICATION_TYPES:
            entry[f"HeadersIn{notice}NotificationsEnabled"] = notice in feedback.headers
        attributes[name] = entry
    return {"NotificationAttributes": attributes}


# -- sending authorization policies ----------------------------------------------------


@operation("PutIdentityPolicy", throttled=True)
def put_identity_policy(account: Account, region: str, params: Params, now: datetime) -> Result:
    name, kind = _identity(params)
    put_policy(account, region, name, kind, params["PolicyName"], params["Policy"])
    return {}


@operation("GetIdentityPolicies", throttled=True)
def get_identity_policies(account: Account, region: str, params: Params, now: datetime) -> Result:
    name, kind = _identity(params)
    wanted: list[str] = params["PolicyNames"]
    check_policy_names(wanted)
    stored = policies(account, region, name, kind)
    return {"Policies": {policy: stored[policy] for policy in wanted if policy in stored}}


@operation("ListIdentityPolicies", throttled=True)
def list_identity_policies(account: Account, region: str, params: Params, now: datetime) -> Result:
    return {"PolicyNames": sorted(policies(account, region, *_identity(params)))}


@operation("DeleteIdentityPolicy", throttled=True)
def delete_identity_policy(account: Account, region: str, params: Params, now: datetime) -> Result:
    name, kind = _identity(params)
    delete_policy(account, region, name, kind, params["PolicyName"], must_exist=False)
    return {}


# -- configuration sets ----------------------------------------------------------------

_ATTRIBUTE_NAMES = ("eventDestinations", "trackingOptions", "deliveryOptions", "reputationOptions")


@operation("CreateConfigurationSet", throttled=True)
def create_configuration_set(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    name: str = params["ConfigurationSet"]["Name"]
    configuration_sets.create_configuration_set(account, region, name, now, [])
    return {}


@operation("DescribeConfigurationSet", throttled=True)
def describe_configuration_set(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    """The name; and the options asked for by ``ConfigurationSetAttributeNames``."""
    found = configuration_sets.get_configuration_set(
        account, region, params["ConfigurationSetName"]
    )
    wanted: list[str] = params.get("ConfigurationSetAttributeNames", [])
    if any(name not in _ATTRIBUTE_NAMES for name in wanted):
        raise SesError(
            "ValidationError",
            "1 validation error detected: Value at 'configurationSetAttributeNames' failed to "
            "satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value "
            f"set: [{', '.join(_ATTRIBUTE_NAMES)}]]",
        )
    result: Result = {"ConfigurationSet": {"Name": found.name}}
    if "eventDestinations" in wanted:
        result["EventDestinations"] = []
    if "trackingOptions" in wanted and found.custom_redirect_domain is not None:
        result["TrackingOptions"] = {"CustomRedirectDomain": found.custom_redirect_domain}
    if "deliveryOptions" in wanted:
        result["DeliveryOptions"] = {"TlsPolicy": "Require" if found.tls_required else "Optional"}
    if "reputationOptions" in wanted:
        reputation: Result = {
            "SendingEnabled": found.sending_enabled,
            "ReputationMetricsEnabled": found.reputation_metrics_enabled,
        }
        if found.last_fresh_start is not None:
            reputation["LastFreshStart"] = found.last_fresh_start
        result["ReputationOptions"] = reputation
    return result


@operation("ListConfigurationSets", throttled=True)
def list_configuration_sets(account: Account, region: str, params: Params, now: datetime) -> Result:
    size = page_size(params.get("MaxItems", 1000), "MaxItems")
    found, cursor = configuration_set_page(account, region, params.get("NextToken"), size)
    result: Result = {"ConfigurationSets": [{"Name": each.name} for each in found]}
    if cursor is not None:
        result["NextToken"] = cursor
    return result


@operation("DeleteConfigurationSet", throttled=True)
def delete_configuration_set(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    configuration_sets.delete_configuration_set(account, region, params["ConfigurationSetName"])
    return {}


# -- custom verification emails --------------------------------------------------------


def _custom_template_summary(template: CustomTemplate) -> Result:
    """A template as ListCustomVerificationEmailTemplates shows it: all but the content."""
    return {
        "TemplateName": template.name,
        "FromEmailAddress": template.from_address,
        "TemplateSubject": template.subject,
        "SuccessRedirectionURL": template.success_url,
        "FailureRedirectionURL": template.failure_url,
    }


@operation("CreateCustomVerificationEmailTemplate", throttled=True)
def create_custom_verification_email_template(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    custom_templates.create_template(
        account,
        region,
        params["TemplateName"],
        params["FromEmailAddress"],
        params["TemplateSubject"],
        params["TemplateContent"],
        params["SuccessRedirectionURL"],
        params["FailureRedirectionURL"],
        now,
    )
    return {}


@operation("GetCustomVerificationEmailTemplate", throttled=True)
def get_custom_verification_email_template(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    found = custom_templates.get_template(account, region, params["TemplateName"])
    return {**_custom_template_summary(found), "TemplateContent": found.content}


@operation("ListCustomVerificationEmailTemplates", throttled=True)
def list_custom_verification_email_templates(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    """``MaxResults`` outside 1-50 (or none): up to 50 (the API reference)."""
    size: int | None = params.get("MaxResults")
    if size is not None and not 1 <= size <= MAX_PAGE:
        size = None
    found, cursor = template_page(account, region, params.get("NextToken"), size)
    result: Result = {
        "CustomVerificationEmailTemplates": [_custom_template_summary(t) for t in found]
    }
    if cursor is not None:
        result["NextToken"] = cursor
    return result


@operation("UpdateCustomVerificationEmailTemplate", throttled=True)
def update_custom_verification_email_template(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    """Only ``TemplateName`` is required; the values given replace the template's."""
    custom_templates.update_template(
        account,
        region,
        params["TemplateName"],
        now,
        from_address=params.get("FromEmailAddress"),
        subject=params.get("TemplateSubject"),
        content=params.get("TemplateContent"),
        success_url=params.get("SuccessRedirectionURL"),
        failure_url=params.get("FailureRedirectionURL"),
    )
    return {}


@operation("DeleteCustomVerificationEmailTemplate", throttled=True)
def delete_custom_verification_email_template(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    custom_templates.delete_template(account, region, params["TemplateName"])
    return {}


@operation("SendCustomVerificationEmail", throttled=True)
def send_custom_verification_email_v1(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    """A missing template has a shorter text here than in the template operations."""
    try:
        sent = send_custom_verification_email(
            account,
            region,
            params["EmailAddress"],
            params["TemplateName"],
            now,
            params.get("ConfigurationSetName"),
        )
    except TemplateMissing as missing:
        raise SesError(
            "CustomVerificationEmailTemplateDoesNotExist",
            f"Template <{missing.name}> does not exist",
        ) from None
    return {"MessageId": sent}


# -- the account: quota, statistics, sending pause -------------------------------------


@operation("GetSendQuota", throttled=True)
def get_send_quota(account: Account, region: str, params: Params, now: datetime) -> Result:
    quota = account_state.send_quota(account, region, now)
    return {
        "Max24HourSend": quota.max_24_hours,
        "MaxSendRate": quota.max_rate,
        "SentLast24Hours": quota.sent_last_24_hours,
    }


@operation("GetSendStatistics", throttled=True)
def get_send_statistics(account: Account, region: str, params: Params, now: datetime) -> Result:
    return {
        "SendDataPoints": [
            {
                "Timestamp": point.timestamp,
                "DeliveryAttempts": point.delivery_attempts,
                "Bounces": point.bounces,
                "Complaints": point.complaints,
                "Rejects": point.rejects,
            }
            for point in account_state.statistics(account, region, now)
        ]
    }


@operation("GetAccountSendingEnabled", throttled=True)
def get_account_sending_enabled(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    return {"Enabled": account_state.sending_enabled(account, region)}


@operation("UpdateAccountSendingEnabled", throttled=True)
def update_account_sending_enabled(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    """``Enabled`` left out: false (botocore's model makes it optional)."""
    account_state.set_sending_enabled(account, region, bool(params.get("Enabled", False)))
    return {}


# -- email templates and templated sending (model.templates) ---------------------------

ERRORS.update(
    {
        templates.TemplateExists: ("AlreadyExists", 400),
        templates.TemplateMissing: ("TemplateDoesNotExist", 400),
        templates.InvalidRenderingData: ("InvalidRenderingParameter", 400),
        render.InvalidTemplate: ("InvalidTemplate", 400),
        render.MissingAttribute: ("MissingRenderingAttribute", 400),
    }
)

# A bulk destination's Status for what the model refuses (others: Failed).
_BULK_STATUS: dict[type[ModelError], str] = {
    MessageRejected: "MessageRejected",
    MailFromNotVerified: "MailFromDomainNotVerified",
    ConfigurationSetMissing: "ConfigurationSetDoesNotExist",
    SendingPaused: "ConfigurationSetSendingPaused",
    AccountSendingPaused: "AccountSendingPaused",
    DailyQuotaExceeded: "AccountDailyQuotaExceeded",
    SendRateExceeded: "AccountThrottled",
    InvalidParameter: "InvalidParameterValue",
}
MAX_TEMPLATE_PAGE = 100


def _template_parts(params: Params) -> tuple[str, str | None, str | None, str | None]:
    template = params["Template"]
    return (
        template["TemplateName"],
        template.get("SubjectPart"),
        template.get("TextPart"),
        template.get("HtmlPart"),
    )


@operation("CreateTemplate", throttled=True)
def create_template(account: Account, region: str, params: Params, now: datetime) -> Result:
    templates.create_template(account, region, *_template_parts(params), now)
    return {}


@operation("GetTemplate", throttled=True)
def get_template(account: Account, region: str, params: Params, now: datetime) -> Result:
    found = templates.get_template(account, region, params["TemplateName"])
    template: Result = {"TemplateName": found.name}
    for key, value in (
        ("SubjectPart", found.subject),
        ("TextPart", found.text),
        ("HtmlPart", found.html),
    ):
        if value is not None:
            template[key] = value
    return {"Template": template}


@operation("ListTemplates", throttled=True)
def list_templates(account: Account, region: str, params: Params, now: datetime) -> Result:
    """``MaxItems`` above 100 (or none): 100 (the API reference); below 1: 1 (chosen)."""
    size = min(max(params.get("MaxItems", MAX_TEMPLATE_PAGE), 1), MAX_TEMPLATE_PAGE)
    found, cursor = templates.template_page(account, region, params.get("NextToken"), size)
    result: Result = {
        "TemplatesMetadata": [{"Name": t.name, "CreatedTimestamp": t.created_at} for t in found]
    }
    if cursor is not None:
        result["NextToken"] = cursor
    return result


@operation("UpdateTemplate", throttled=True)
def update_template(account: Account, region: str, params: Params, now: datetime) -> Result:
    templates.update_template(account, region, *_template_parts(params))
    return {}


@operation("DeleteTemplate", throttled=True)
def delete_template(account: Account, region: str, params: Params, now: datetime) -> Result:
    templates.delete_template(account, region, params["TemplateName"], missing_ok=True)
    return {}


@operation("TestRenderTemplate", throttled=True)
def test_render_template(account: Account, region: str, params: Params, now: datetime) -> Result:
    found = templates.get_template(account, region, params["TemplateName"])
    return {"RenderedTemplate": templates.rendered_message(found, params["TemplateData"], now)}


def _recipients(destination: dict[str, list[str]]) -> list[str]:
    return [
        address
        for key in ("ToAddresses", "CcAddresses", "BccAddresses")
        for address in destination.get(key, [])
    ]


def _envelope(params: Params, destination: dict[str, list[str]], tags: Any) -> dict[str, Any]:
    """What the outbox records of a templated send, as for SendEmail."""
    return {
        "to": destination.get("ToAddresses", []),
        "cc": destination.get("CcAddresses", []),
        "bcc": destination.get("BccAddresses", []),
        "reply_to": params.get("ReplyToAddresses", []),
        "return_path": params.get("ReturnPath"),
        "tags": tags,
        "service": "ses",
    }


@operation("SendTemplatedEmail", throttled=False)
def send_templated_email(account: Account, region: str, params: Params, now: datetime) -> Result:
    check_tags(params.get("Tags", []))
    found = templates.get_template(account, region, params["Template"])
    sent = templates.send_templated(
        account,
        region,
        params["Source"],
        _recipients(params["Destination"]),
        now,
        found,
        params["TemplateData"],
        configuration_set=params.get("ConfigurationSetName"),
        **_envelope(params, params["Destination"], params.get("Tags", [])),
    )
    return {"MessageId": sent.message_id}


@operation("SendBulkTemplatedEmail", throttled=False)
def send_bulk_templated_email(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    """One Status per destination; a destination the checks refuse gets its status and
    error, the others are sent. A missing template refuses the whole call."""
    check_tags(params.get("DefaultTags", []))
    found = templates.get_template(account, region, params["Template"])
    default = params.get("DefaultTemplateData")
    templates.template_data(default)
    statuses: list[Result] = []
    for entry in params["Destinations"]:
        try:
            check_tags(entry.get("ReplacementTags", []))
            data = templates.merged_data(default, entry.get("ReplacementTemplateData"))
            sent = templates.send_templated(
                account,
                region,
                params["Source"],
                _recipients(entry["Destination"]),
                now,
                found,
                data,
                configuration_set=params.get("ConfigurationSetName"),
                **_envelope(
                    params,
                    entry["Destination"],
                    params.get("DefaultTags", []) + entry.get("ReplacementTags", []),
                ),
            )
        except ModelError as error:
            status = next(
                (code for kind, code in _BULK_STATUS.items() if isinstance(error, kind)), "Failed"
            )
            statuses.append({"Status": status, "Error": str(error)})
        else:
            statuses.append({"Status": "Success", "MessageId": sent.message_id})
    return {"Status": statuses}
