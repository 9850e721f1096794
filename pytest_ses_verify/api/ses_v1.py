"""SES v1 operations: one function each, params -> result dict, or an error.

Each function takes the account, the caller's region, the caller's keyword arguments
(already validated for types by botocore) and ``now``; it returns the result members
of the response. Behaviour lives in the model; this module translates v1's names,
shapes and error codes. Messages follow the README's behaviour table.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from .._protocol import SesError
from ..model import (
    account_state,
    authorization,
    configuration_sets,
    custom_templates,
    domain_settings,
    event_destinations,
    pipeline,
    render,
    settings,
    templates,
    verification,
)
from ..model.account import Account
from ..model.errors import InvalidParameter, MessageRejected, ModelError
from ..model.identities import KINDS, Identity, Kind, kind_of, stored_as
from ..model.mime import raw_bytes
from ..model.paging import page_size
from ..model.pipeline import Send
from ..model.quotas import DailyQuotaExceeded, SendRateExceeded
from ..model.sending import MAX_RAW_V1, check_tags
from . import Params, Result, operations

# How v1 answers what the model refuses: (code, HTTP status).
ERRORS: dict[type[ModelError], tuple[str, int]] = {
    InvalidParameter: ("InvalidParameterValue", 400),
    MessageRejected: ("MessageRejected", 400),
    pipeline.MissingSource: ("InvalidParameterValue", 400),
    verification.IdentityLimitReached: ("LimitExceeded", 400),
    verification.IdentityNotFound: ("InvalidParameterValue", 400),
    domain_settings.DkimNotVerified: ("InvalidParameterValue", 400),
    domain_settings.NotASubdomain: ("InvalidParameterValue", 400),
    domain_settings.MailFromNotVerified: ("MailFromDomainNotVerifiedException", 400),
    settings.UnknownIdentity: ("InvalidParameterValue", 400),
    settings.NotVerifiedIdentity: ("MessageRejected", 400),
    settings.ForwardingNeedsTopics: ("InvalidParameterValue", 400),
    settings.InvalidPolicy: ("InvalidPolicy", 400),
    settings.PolicyNameTooLong: ("ValidationError", 400),
    settings.PolicyLimitReached: ("InvalidParameterValue", 400),
    configuration_sets.InvalidConfigurationSetName: ("InvalidConfigurationSet", 400),
    configuration_sets.ConfigurationSetExists: ("ConfigurationSetAlreadyExists", 400),
    configuration_sets.ConfigurationSetMissing: ("ConfigurationSetDoesNotExist", 400),
    configuration_sets.DefaultConfigurationSetMissing: ("ConfigurationSetDoesNotExist", 400),
    configuration_sets.ConfigurationSetLimitReached: ("LimitExceeded", 400),
    configuration_sets.SendingPaused: ("ConfigurationSetSendingPausedException", 400),
    configuration_sets.TrackingOptionsExist: ("TrackingOptionsAlreadyExistsException", 400),
    configuration_sets.TrackingOptionsMissing: ("TrackingOptionsDoesNotExistException", 400),
    configuration_sets.InvalidTrackingOptions: ("InvalidTrackingOptions", 400),
    event_destinations.EventDestinationExists: ("EventDestinationAlreadyExists", 400),
    event_destinations.EventDestinationMissing: ("EventDestinationDoesNotExist", 400),
    event_destinations.EventDestinationLimitReached: ("LimitExceeded", 400),
    event_destinations.InvalidEventDestination: ("InvalidParameterValue", 400),
    event_destinations.InvalidSnsDestination: ("InvalidSNSDestination", 400),
    event_destinations.InvalidFirehoseDestination: ("InvalidFirehoseDestination", 400),
    event_destinations.InvalidCloudWatchDestination: ("InvalidCloudWatchDestination", 400),
    custom_templates.TemplateExists: ("CustomVerificationEmailTemplateAlreadyExists", 400),
    custom_templates.TemplateMissing: ("CustomVerificationEmailTemplateDoesNotExist", 400),
    custom_templates.FromAddressNotVerified: ("FromEmailAddressNotVerified", 400),
    custom_templates.InvalidTemplateContent: ("CustomVerificationEmailInvalidContent", 400),
    custom_templates.TemplateLimitReached: ("LimitExceeded", 400),
    custom_templates.ProductionAccessNotGranted: ("ProductionAccessNotGranted", 400),
    account_state.AccountSendingPaused: ("AccountSendingPausedException", 400),
    authorization.NotAuthorized: ("AccessDenied", 403),
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
        stored = stored_as(name)
        if stored is None:
            raise _invalid(
                f"Identity {name} is invalid. Must be a verified email address or domain."
            )
        identity = store.get(stored[1])
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
            domain = account.identities.dkim_domain(region, identity)
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
    identity = account.identities.require(region, params["Identity"])
    enabled = bool(params["DkimEnabled"])
    account.domain_settings.set_dkim_signing(region, identity, enabled, now)
    return {}


@operation("SetIdentityMailFromDomain", throttled=True)
def set_identity_mail_from_domain(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    identity = account.identities.require(region, params["Identity"])
    behaviour = params.get("BehaviorOnMXFailure", "UseDefaultValue")
    if behaviour not in ("UseDefaultValue", "RejectMessage"):
        raise SesError(
            "ValidationError",
            "1 validation error detected: Value at 'behaviorOnMXFailure' failed to satisfy "
            "constraint: Member must satisfy enum value set: [RejectMessage, UseDefaultValue]",
        )
    domain = params.get("MailFromDomain")
    account.domain_settings.set_mail_from(region, identity, domain, behaviour, now)
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
    return {"DkimTokens": list(account.identities.request_dkim(region, _domain(params), now))}


def _recipients(destination: dict[str, list[str]]) -> list[str]:
    return [
        address
        for key in ("ToAddresses", "CcAddresses", "BccAddresses")
        for address in destination.get(key, [])
    ]


def _addressed(params: Params, destination: dict[str, list[str]]) -> dict[str, Any]:
    """A formatted or templated send's addressing, as the pipeline takes it."""
    return {
        "recipients": _recipients(destination),
        "to": destination.get("ToAddresses", []),
        "cc": destination.get("CcAddresses", []),
        "bcc": destination.get("BccAddresses", []),
        "reply_to": params.get("ReplyToAddresses", []),
        "return_path": params.get("ReturnPath"),
        **_arns(params),
    }


def _arns(params: Params) -> dict[str, Any]:
    """Sending authorization: the identity ARNs for the source, From and Return-Path."""
    return {
        "source_arn": params.get("SourceArn"),
        "from_arn": params.get("FromArn"),
        "return_path_arn": params.get("ReturnPathArn"),
    }


@operation("SendEmail", throttled=False)
def send_email(account: Account, region: str, params: Params, now: datetime) -> Result:
    message = params["Message"]
    body = message["Body"]
    send = Send(
        "ses",
        params["Source"],
        subject=message["Subject"]["Data"],
        text=body.get("Text", {}).get("Data"),
        html=body.get("Html", {}).get("Data"),
        tags=params.get("Tags", []),
        configuration_set=params.get("ConfigurationSetName"),
        **_addressed(params, params["Destination"]),
    )
    return {"MessageId": account.sending.send(region, send, now).message_id}


@operation("SendRawEmail", throttled=False)
def send_raw_email(account: Account, region: str, params: Params, now: datetime) -> Result:
    """The message's headers give what the request does not (Source, Destinations)."""
    send = Send(
        "ses",
        params.get("Source"),
        recipients=list(params.get("Destinations") or []) or None,
        raw=raw_bytes(params["RawMessage"]["Data"]),
        raw_limit=MAX_RAW_V1,
        tags=params.get("Tags", []),
        configuration_set=params.get("ConfigurationSetName"),
        **_arns(params),
    )
    return {"MessageId": account.sending.send(region, send, now).message_id}


@operation("VerifyEmailIdentity", throttled=True)
@operation("VerifyEmailAddress", throttled=True)
def verify_email_identity(account: Account, region: str, params: Params, now: datetime) -> Result:
    account.identities.request_email(region, _email_address(params), now)
    return {}


def _domain(params: Params) -> str:
    domain: str = params["Domain"]
    if kind_of(domain) != "Domain":
        raise _invalid(f"Invalid domain name {domain}.")
    return domain


@operation("VerifyDomainIdentity", throttled=True)
def verify_domain_identity(account: Account, region: str, params: Params, now: datetime) -> Result:
    return {"VerificationToken": account.identities.request_domain(region, _domain(params), now)}


@operation("DeleteIdentity", throttled=True)
def delete_identity(account: Account, region: str, params: Params, now: datetime) -> Result:
    account.identities.delete(region, *_identity(params))
    return {}


@operation("DeleteVerifiedEmailAddress", throttled=True)
def delete_verified_email_address(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    account.identities.delete(region, _email_address(params), "EmailAddress")
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
    found, cursor = account.identities.page(region, kinds, params.get("NextToken"), size)
    result: Result = {"Identities": [identity.name for identity in found]}
    if cursor is not None:
        result["NextToken"] = cursor
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
    account.settings.set_notification_topic(region, name, kind, notice, params.get("SnsTopic"))
    return {}


@operation("SetIdentityHeadersInNotificationsEnabled", throttled=True)
def set_identity_headers_in_notifications_enabled(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    name, kind = _identity(params)
    notice: str = params["NotificationType"]
    account.settings.set_headers_in_notifications(region, name, kind, notice, params["Enabled"])
    return {}


@operation("SetIdentityFeedbackForwardingEnabled", throttled=True)
def set_identity_feedback_forwarding_enabled(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    name, kind = _identity(params)
    enabled: bool = params["ForwardingEnabled"]
    account.settings.set_feedback_forwarding(region, name, kind, enabled, needs_topics=True)
    return {}


@operation("GetIdentityNotificationAttributes", throttled=True)
def get_identity_notification_attributes(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    """Topics only when set (the model calls them required; the service leaves them out)."""
    attributes: dict[str, dict[str, Any]] = {}
    for name, identity in _known_identities(account, region, params):
        feedback = account.settings.feedback_of(region, identity)
        entry: dict[str, Any] = {
            f"{notice}Topic": feedback.topics[notice]
            for notice in settings.NOTIFICATION_TYPES
            if notice in feedback.topics
        }
        entry["ForwardingEnabled"] = feedback.forwarding
        for notice in settings.NOTIFICATION_TYPES:
            entry[f"HeadersIn{notice}NotificationsEnabled"] = notice in feedback.headers
        attributes[name] = entry
    return {"NotificationAttributes": attributes}


# -- sending authorization policies ----------------------------------------------------


@operation("PutIdentityPolicy", throttled=True)
def put_identity_policy(account: Account, region: str, params: Params, now: datetime) -> Result:
    name, kind = _identity(params)
    account.settings.put_policy(region, name, kind, params["PolicyName"], params["Policy"])
    return {}


@operation("GetIdentityPolicies", throttled=True)
def get_identity_policies(account: Account, region: str, params: Params, now: datetime) -> Result:
    name, kind = _identity(params)
    wanted: list[str] = params["PolicyNames"]
    settings.check_policy_names(wanted)
    stored = account.settings.policies_of(region, name, kind)
    return {"Policies": {policy: stored[policy] for policy in wanted if policy in stored}}


@operation("ListIdentityPolicies", throttled=True)
def list_identity_policies(account: Account, region: str, params: Params, now: datetime) -> Result:
    return {"PolicyNames": sorted(account.settings.policies_of(region, *_identity(params)))}


@operation("DeleteIdentityPolicy", throttled=True)
def delete_identity_policy(account: Account, region: str, params: Params, now: datetime) -> Result:
    name, kind = _identity(params)
    account.settings.delete_policy(region, name, kind, params["PolicyName"], must_exist=False)
    return {}


# -- configuration sets ----------------------------------------------------------------

_ATTRIBUTE_NAMES = ("eventDestinations", "trackingOptions", "deliveryOptions", "reputationOptions")


@operation("CreateConfigurationSet", throttled=True)
def create_configuration_set(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    name: str = params["ConfigurationSet"]["Name"]
    account.configuration_sets.create(region, name, now, [])
    return {}


@operation("DescribeConfigurationSet", throttled=True)
def describe_configuration_set(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    """The name; and the options asked for by ``ConfigurationSetAttributeNames`` that the
    set has: event destinations (v1's kinds and event types only), tracking options only
    with a redirect domain, delivery options only when they were given (v2
    CreateConfigurationSet, v1 PutConfigurationSetDeliveryOptions), reputation options
    always (``SendingEnabled`` true and ``ReputationMetricsEnabled`` false unless set)."""
    found = account.configuration_sets.get(region, params["ConfigurationSetName"])
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
        result["EventDestinations"] = [
            _v1_event_destination(each) for each in found.event_destinations.values()
        ]
    if "trackingOptions" in wanted and found.custom_redirect_domain is not None:
        result["TrackingOptions"] = {"CustomRedirectDomain": found.custom_redirect_domain}
    if "deliveryOptions" in wanted and found.tls_required is not None:
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
    found, cursor = account.configuration_sets.page(region, params.get("NextToken"), size)
    result: Result = {"ConfigurationSets": [{"Name": each.name} for each in found]}
    if cursor is not None:
        result["NextToken"] = cursor
    return result


@operation("DeleteConfigurationSet", throttled=True)
def delete_configuration_set(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    account.configuration_sets.delete(region, params["ConfigurationSetName"])
    return {}


# -- configuration set options and event destinations ----------------------------------

_V1_EVENT_TYPES = {
    "send": "SEND",
    "reject": "REJECT",
    "bounce": "BOUNCE",
    "complaint": "COMPLAINT",
    "delivery": "DELIVERY",
    "open": "OPEN",
    "click": "CLICK",
    "renderingFailure": "RENDERING_FAILURE",
}
_V1_NAMES_OF_TYPES = {v2: v1 for v1, v2 in _V1_EVENT_TYPES.items()}
_V1_SOURCES = {"messageTag": "MESSAGE_TAG", "emailHeader": "EMAIL_HEADER", "linkTag": "LINK_TAG"}
_V1_NAMES_OF_SOURCES = {v2: v1 for v1, v2 in _V1_SOURCES.items()}


def _event_destination(params: Params) -> configuration_sets.EventDestination:
    """v1's EventDestination in the model's (v2) spelling."""
    given: Params = params["EventDestination"]
    firehose: Params | None = given.get("KinesisFirehoseDestination")
    cloudwatch: Params | None = given.get("CloudWatchDestination")
    return configuration_sets.EventDestination(
        name=given["Name"],
        enabled=given.get("Enabled", False),
        # An unknown type or source stays as given: the model refuses it.
        matching_types=[_V1_EVENT_TYPES.get(each, each) for each in given["MatchingEventTypes"]],
        sns_topic_arn=given.get("SNSDestination", {}).get("TopicARN"),
        firehose=None
        if firehose is None
        else {
            "IamRoleArn": firehose["IAMRoleARN"],
            "DeliveryStreamArn": firehose["DeliveryStreamARN"],
        },
        cloudwatch=None
        if cloudwatch is None
        else {
            "DimensionConfigurations": [
                {
                    "DimensionName": each["DimensionName"],
                    "DimensionValueSource": _V1_SOURCES.get(
                        each["DimensionValueSource"], each["DimensionValueSource"]
                    ),
                    "DefaultDimensionValue": each["DefaultDimensionValue"],
                }
                for each in cloudwatch["DimensionConfigurations"]
            ]
        },
    )


def _v1_event_destination(destination: configuration_sets.EventDestination) -> Result:
    """A destination as v1 shows it: v2's event types and places v1 cannot name are left
    out."""
    result: Result = {
        "Name": destination.name,
        "Enabled": destination.enabled,
        "MatchingEventTypes": [
            _V1_NAMES_OF_TYPES[each]
            for each in destination.matching_types
            if each in _V1_NAMES_OF_TYPES
        ],
    }
    if destination.sns_topic_arn is not None:
        result["SNSDestination"] = {"TopicARN": destination.sns_topic_arn}
    if destination.firehose is not None:
        result["KinesisFirehoseDestination"] = {
            "IAMRoleARN": destination.firehose["IamRoleArn"],
            "DeliveryStreamARN": destination.firehose["DeliveryStreamArn"],
        }
    if destination.cloudwatch is not None:
        dimensions = cast("list[Params]", destination.cloudwatch["DimensionConfigurations"])
        result["CloudWatchDestination"] = {
            "DimensionConfigurations": [
                {**each, "DimensionValueSource": _V1_NAMES_OF_SOURCES[each["DimensionValueSource"]]}
                for each in dimensions
            ]
        }
    return result


@operation("CreateConfigurationSetEventDestination", throttled=True)
def create_configuration_set_event_destination(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    destination = _event_destination(params)
    account.event_destinations.create(region, params["ConfigurationSetName"], destination)
    return {}


@operation("UpdateConfigurationSetEventDestination", throttled=True)
def update_configuration_set_event_destination(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    destination = _event_destination(params)
    account.event_destinations.update(region, params["ConfigurationSetName"], destination, v1=True)
    return {}


@operation("DeleteConfigurationSetEventDestination", throttled=True)
def delete_configuration_set_event_destination(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    account.event_destinations.delete(
        region, params["ConfigurationSetName"], params["EventDestinationName"], v1=True
    )
    return {}


def _tracking(account: Account, region: str, params: Params, now: datetime, exists: bool) -> None:
    domain: str = params["TrackingOptions"].get("CustomRedirectDomain", "")
    account.configuration_sets.set_tracking(
        region, params["ConfigurationSetName"], domain, None, now, exists=exists
    )


@operation("CreateConfigurationSetTrackingOptions", throttled=True)
def create_configuration_set_tracking_options(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    _tracking(account, region, params, now, exists=False)
    return {}


@operation("UpdateConfigurationSetTrackingOptions", throttled=True)
def update_configuration_set_tracking_options(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    _tracking(account, region, params, now, exists=True)
    return {}


@operation("DeleteConfigurationSetTrackingOptions", throttled=True)
def delete_configuration_set_tracking_options(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    account.configuration_sets.delete_tracking(region, params["ConfigurationSetName"])
    return {}


@operation("PutConfigurationSetDeliveryOptions", throttled=True)
def put_configuration_set_delivery_options(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    """No ``DeliveryOptions`` or no ``TlsPolicy``: ``Optional``, v1's default."""
    policy = params.get("DeliveryOptions", {}).get("TlsPolicy", "Optional")
    account.configuration_sets.set_delivery(
        region, params["ConfigurationSetName"], policy == "Require", keep_others=True
    )
    return {}


@operation("UpdateConfigurationSetReputationMetricsEnabled", throttled=True)
def update_configuration_set_reputation_metrics_enabled(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    account.configuration_sets.set_reputation_metrics(
        region, params["ConfigurationSetName"], params["Enabled"]
    )
    return {}


@operation("UpdateConfigurationSetSendingEnabled", throttled=True)
def update_configuration_set_sending_enabled(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    account.configuration_sets.set_sending(
        region, params["ConfigurationSetName"], params["Enabled"]
    )
    return {}


# -- custom verification emails --------------------------------------------------------


def _custom_template_summary(template: custom_templates.CustomTemplate) -> Result:
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
    account.custom_templates.create(
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
    found = account.custom_templates.get(region, params["TemplateName"])
    return {**_custom_template_summary(found), "TemplateContent": found.content}


@operation("ListCustomVerificationEmailTemplates", throttled=True)
def list_custom_verification_email_templates(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    """``MaxResults`` outside 1-50 (or none): up to 50 (the API reference)."""
    size: int | None = params.get("MaxResults")
    if size is not None and not 1 <= size <= custom_templates.MAX_PAGE:
        size = None
    found, cursor = account.custom_templates.page(region, params.get("NextToken"), size)
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
    account.custom_templates.update(
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
    account.custom_templates.delete(region, params["TemplateName"])
    return {}


@operation("SendCustomVerificationEmail", throttled=True)
def send_custom_verification_email_v1(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    """A missing template has a shorter text here than in the template operations."""
    try:
        sent = account.custom_templates.send(
            region,
            params["EmailAddress"],
            params["TemplateName"],
            now,
            params.get("ConfigurationSetName"),
        )
    except custom_templates.TemplateMissing as missing:
        raise SesError(
            "CustomVerificationEmailTemplateDoesNotExist",
            f"Template <{missing.name}> does not exist",
        ) from None
    return {"MessageId": sent}


# -- the account: quota, statistics, sending pause -------------------------------------


@operation("GetSendQuota", throttled=True)
def get_send_quota(account: Account, region: str, params: Params, now: datetime) -> Result:
    quota = account.account_state.send_quota(region, now)
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
            for point in account.account_state.statistics(region, now)
        ]
    }


@operation("GetAccountSendingEnabled", throttled=True)
def get_account_sending_enabled(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    return {"Enabled": account.account_state.sending_enabled(region)}


@operation("UpdateAccountSendingEnabled", throttled=True)
def update_account_sending_enabled(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    """``Enabled`` left out: false (botocore's model makes it optional)."""
    account.account_state.set_sending_enabled(region, bool(params.get("Enabled", False)))
    return {}


# -- email templates and templated sending (model.templates) ---------------------------

ERRORS.update(
    {
        templates.TemplateExists: ("AlreadyExists", 400),
        templates.TemplateMissing: ("TemplateDoesNotExist", 400),
        templates.TemplateTooLarge: ("InvalidTemplate", 400),
        templates.InvalidRenderingData: ("InvalidRenderingParameter", 400),
        render.InvalidTemplate: ("InvalidTemplate", 400),
        render.MissingAttribute: ("MissingRenderingAttribute", 400),
    }
)

# A bulk destination's Status for what the model refuses (others: Failed).
_BULK_STATUS: dict[type[ModelError], str] = {
    MessageRejected: "MessageRejected",
    domain_settings.MailFromNotVerified: "MailFromDomainNotVerified",
    configuration_sets.ConfigurationSetMissing: "ConfigurationSetDoesNotExist",
    configuration_sets.SendingPaused: "ConfigurationSetSendingPaused",
    account_state.AccountSendingPaused: "AccountSendingPaused",
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
    account.templates.create(region, *_template_parts(params), now)
    return {}


@operation("GetTemplate", throttled=True)
def get_template(account: Account, region: str, params: Params, now: datetime) -> Result:
    found = account.templates.get(region, params["TemplateName"])
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
    found, cursor = account.templates.page(region, params.get("NextToken"), size)
    result: Result = {
        "TemplatesMetadata": [{"Name": t.name, "CreatedTimestamp": t.created_at} for t in found]
    }
    if cursor is not None:
        result["NextToken"] = cursor
    return result


@operation("UpdateTemplate", throttled=True)
def update_template(account: Account, region: str, params: Params, now: datetime) -> Result:
    account.templates.update(region, *_template_parts(params))
    return {}


@operation("DeleteTemplate", throttled=True)
def delete_template(account: Account, region: str, params: Params, now: datetime) -> Result:
    account.templates.delete(region, params["TemplateName"], missing_ok=True)
    return {}


@operation("TestRenderTemplate", throttled=True)
def test_render_template(account: Account, region: str, params: Params, now: datetime) -> Result:
    found = account.templates.get(region, params["TemplateName"])
    return {"RenderedTemplate": templates.rendered_message(found, params["TemplateData"], now)}


@operation("SendTemplatedEmail", throttled=False)
def send_templated_email(account: Account, region: str, params: Params, now: datetime) -> Result:
    send = Send(
        "ses",
        params["Source"],
        tags=params.get("Tags", []),
        configuration_set=params.get("ConfigurationSetName"),
        template=params["Template"],
        template_data=params["TemplateData"],
        **_addressed(params, params["Destination"]),
    )
    return {"MessageId": account.sending.send(region, send, now).message_id}


@operation("SendBulkTemplatedEmail", throttled=False)
def send_bulk_templated_email(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    """One Status per destination; a destination the checks refuse gets its status and
    error, the others are sent. A missing template refuses the whole call."""
    check_tags(params.get("DefaultTags", []))
    count = len(params["Destinations"])
    account.sending.check_bulk(region, params["Source"], count, now, params.get("SourceArn"))
    account.templates.get(region, params["Template"])
    default = params.get("DefaultTemplateData")
    templates.sent_data(default)
    statuses: list[Result] = []
    for entry in params["Destinations"]:
        try:
            check_tags(entry.get("ReplacementTags", []))
            send = Send(
                "ses",
                params["Source"],
                tags=params.get("DefaultTags", []) + entry.get("ReplacementTags", []),
                configuration_set=params.get("ConfigurationSetName"),
                template=params["Template"],
                template_data=templates.merged_data(default, entry.get("ReplacementTemplateData")),
                action="ses:SendBulkTemplatedEmail",
                **_addressed(params, entry["Destination"]),
            )
            sent = account.sending.send(region, send, now)
        except ModelError as error:
            status = next(
                (code for kind, code in _BULK_STATUS.items() if isinstance(error, kind)), "Failed"
            )
            statuses.append({"Status": status, "Error": str(error)})
        else:
            statuses.append({"Status": "Success", "MessageId": sent.message_id})
    return {"Status": statuses}
