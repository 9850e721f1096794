"""SES v2 operations on the same account as v1: one identity store per region.

Statuses are v1's, spelled v2's way (``Pending`` is ``PENDING``...). v2 errors are
JSON: the code is the exception's name (``NotFoundException``, 404). What the model
refuses maps through :data:`ERRORS`; the dispatcher's own errors (throttling,
unvalidated parameters) are renamed by :func:`v2_error`.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from .._protocol import SesError
from ..model import (
    account_state,
    authorization,
    configuration_sets,
    contact_lists,
    custom_templates,
    domain_settings,
    event_destinations,
    pipeline,
    render,
    settings,
    suppression,
    tags,
    templates,
    tenants,
    verification,
)
from ..model.account import Account
from ..model.errors import InvalidParameter, MessageRejected, ModelError
from ..model.identities import KINDS, Identity, KeyLength, Kind, MxFailure, kind_of
from ..model.lifecycle import Status
from ..model.mime import raw_bytes
from ..model.paging import page_size
from ..model.pipeline import Send
from ..model.quotas import DailyQuotaExceeded, SendRateExceeded
from ..model.sending import MAX_RAW_V2, check_tags
from ..model.tags import CONFIGURATION_SET, IDENTITY, TEMPLATE, Resource, parse_arn
from . import Params, Result, UnsupportedFeature, operations

V2_STATUS: dict[Status, str] = {
    "Pending": "PENDING",
    "Success": "SUCCESS",
    "Failed": "FAILED",
    "TemporaryFailure": "TEMPORARY_FAILURE",
    "NotStarted": "NOT_STARTED",
}
V2_KIND: dict[Kind, str] = {"EmailAddress": "EMAIL_ADDRESS", "Domain": "DOMAIN"}

# How v2 answers what the model refuses: (code, HTTP status).
ERRORS: dict[type[ModelError], tuple[str, int]] = {
    InvalidParameter: ("BadRequestException", 400),
    MessageRejected: ("MessageRejected", 400),
    pipeline.MissingSource: ("BadRequestException", 400),
    verification.IdentityLimitReached: ("LimitExceededException", 400),
    verification.IdentityNotFound: ("BadRequestException", 400),
    domain_settings.NotASubdomain: ("BadRequestException", 400),
    domain_settings.MailFromNotVerified: ("MailFromDomainNotVerifiedException", 400),
    domain_settings.NotADomain: ("BadRequestException", 400),
    domain_settings.DkimNotVerified: ("BadRequestException", 400),
    domain_settings.KeyLengthChangedRecently: ("BadRequestException", 400),
    settings.UnknownIdentity: ("BadRequestException", 400),
    settings.InvalidPolicy: ("BadRequestException", 400),
    settings.PolicyNameTooLong: ("BadRequestException", 400),
    settings.PolicyLimitReached: ("LimitExceededException", 400),
    settings.PolicyExists: ("AlreadyExistsException", 400),
    settings.PolicyNotFound: ("NotFoundException", 404),
    tags.ResourceNotFound: ("NotFoundException", 404),
    configuration_sets.InvalidConfigurationSetName: ("BadRequestException", 400),
    configuration_sets.ConfigurationSetExists: ("AlreadyExistsException", 400),
    configuration_sets.ConfigurationSetMissing: ("NotFoundException", 404),
    configuration_sets.DefaultConfigurationSetMissing: ("BadRequestException", 400),
    configuration_sets.ConfigurationSetLimitReached: ("LimitExceededException", 400),
    configuration_sets.SendingPaused: ("SendingPausedException", 400),
    configuration_sets.InvalidTrackingOptions: ("BadRequestException", 400),
    event_destinations.EventDestinationExists: ("AlreadyExistsException", 400),
    event_destinations.EventDestinationMissing: ("NotFoundException", 404),
    event_destinations.EventDestinationLimitReached: ("LimitExceededException", 400),
    event_destinations.InvalidEventDestination: ("BadRequestException", 400),
    event_destinations.InvalidSnsDestination: ("BadRequestException", 400),
    event_destinations.InvalidFirehoseDestination: ("BadRequestException", 400),
    event_destinations.InvalidCloudWatchDestination: ("BadRequestException", 400),
    custom_templates.TemplateExists: ("AlreadyExistsException", 400),
    custom_templates.TemplateMissing: ("NotFoundException", 404),
    custom_templates.FromAddressNotVerified: ("NotFoundException", 404),
    custom_templates.InvalidTemplateContent: ("BadRequestException", 400),
    custom_templates.TemplateLimitReached: ("LimitExceededException", 400),
    custom_templates.ProductionAccessNotGranted: ("BadRequestException", 400),
    account_state.AccountSendingPaused: ("SendingPausedException", 400),
    account_state.ReviewInProgress: ("ConflictException", 409),
    authorization.NotAuthorized: ("AccessDeniedException", 403),
    DailyQuotaExceeded: ("LimitExceededException", 400),
    SendRateExceeded: ("TooManyRequestsException", 429),
    tenants.InvalidTenantName: ("BadRequestException", 400),
    tenants.TenantExists: ("AlreadyExistsException", 400),
    tenants.TenantMissing: ("NotFoundException", 404),
    tenants.TenantLimitReached: ("LimitExceededException", 400),
    tenants.AssociationExists: ("AlreadyExistsException", 400),
    tenants.AssociationMissing: ("NotFoundException", 404),
    tenants.NotAssociated: ("AccessDeniedException", 403),  # real, not in the model
    tenants.TenantSendingDisabled: ("SendingPausedException", 400),
    templates.TemplateExists: ("AlreadyExistsException", 400),
    templates.TemplateMissing: ("NotFoundException", 404),
    templates.TemplateTooLarge: ("BadRequestException", 400),
    templates.InvalidRenderingData: ("BadRequestException", 400),
    render.InvalidTemplate: ("BadRequestException", 400),
    render.MissingAttribute: ("BadRequestException", 400),
    suppression.NotSuppressed: ("NotFoundException", 404),
    suppression.SandboxRefused: ("BadRequestException", 400),
    suppression.InvalidNextToken: ("InvalidNextTokenException", 400),
    contact_lists.ContactListMissing: ("NotFoundException", 404),
    contact_lists.ContactListLimitReached: ("BadRequestException", 400),
    contact_lists.UnknownTopic: ("BadRequestException", 400),
    contact_lists.ContactExists: ("AlreadyExistsException", 400),
    contact_lists.ContactMissing: ("NotFoundException", 404),
}
_MX_FAILURE: dict[str, MxFailure] = {
    "USE_DEFAULT_VALUE": "UseDefaultValue",
    "REJECT_MESSAGE": "RejectMessage",
}
_V2_MX_FAILURE = {v1: v2 for v2, v1 in _MX_FAILURE.items()}

OPERATIONS, operation = operations()

# The dispatcher's own errors (throttling, unvalidated parameters), as v2 names them.
_V2_CODES = {
    "Throttling": ("TooManyRequestsException", 429),
    "ValidationError": ("BadRequestException", 400),
}


def v2_error(err: SesError) -> SesError:
    """The v2 form of an error raised by a shared check."""
    code, status = _V2_CODES.get(err.code, (err.code, err.status))
    return SesError(code, err.message, status)


def _bad_request(message: str) -> SesError:
    return SesError("BadRequestException", message)


def _not_found(name: str, brackets: bool = True) -> SesError:
    """GetEmailIdentity's text has the name in angle brackets (real output); Delete's, as an
    emulator probed it, has not."""
    shown = f"<{name}>" if brackets else name
    return SesError("NotFoundException", f"Email identity {shown} does not exist.", 404)


def _identity_kind(name: str) -> Kind:
    kind = kind_of(name)
    if kind is None:
        raise _bad_request(f"Email identity {name} is invalid.")
    return kind


def _existing(account: Account, region: str, name: str, brackets: bool = True) -> Identity:
    identity = account.registry.get(region, name, _identity_kind(name))
    if identity is None:
        raise _not_found(name, brackets)
    return identity


# An identity that does not sign with Easy DKIM (real output, README's behaviour table).
_NO_DKIM: Result = {
    "SigningEnabled": False,
    "Status": "NOT_STARTED",
    "SigningAttributesOrigin": "AWS_SES",
    "NextSigningKeyLength": "RSA_1024_BIT",
}


def _dkim_attributes(account: Account, region: str, identity: Identity, now: datetime) -> Result:
    """A domain's DKIM (Easy DKIM or BYODKIM); an address shows its exact parent domain's,
    whatever its status, signing as the address's own flag says when set."""
    if identity.kind == "EmailAddress":
        parent = account.identities.dkim_parent(region, identity)
        if parent is None:
            return dict(_NO_DKIM)
        shown = _dkim_attributes(account, region, parent, now)
        if identity.dkim_signing is not None:
            shown["SigningEnabled"] = identity.dkim_signing
        return shown
    signing = identity.dkim_signing is not False
    status = V2_STATUS[account.registry.dkim_status(identity, now)]
    if identity.external_dkim is not None:
        return {
            "SigningEnabled": signing,
            "Status": status,
            "Tokens": [identity.external_dkim.selector],
            "SigningAttributesOrigin": "EXTERNAL",
            "CurrentSigningKeyLength": identity.external_dkim.length,
            "LastKeyGenerationTimestamp": identity.dkim.anchor,
        }
    if identity.dkim_tokens is None:
        return dict(_NO_DKIM)
    return {
        "SigningEnabled": signing,
        "Status": status,
        "Tokens": list(identity.dkim_tokens),
        "SigningAttributesOrigin": "AWS_SES",
        "NextSigningKeyLength": identity.key_length,
        "CurrentSigningKeyLength": identity.key_length,
        "LastKeyGenerationTimestamp": identity.key_changed_at or identity.dkim.anchor,
    }


_ERROR_TYPES = {
    "HostNotFound": "HOST_NOT_FOUND",
    "TypeNotFound": "TYPE_NOT_FOUND",
    "InvalidValue": "INVALID_VALUE",
    "DnsServerError": "DNS_SERVER_ERROR",
}


def _verification_info(account: Account, identity: Identity, status: str, now: datetime) -> Result:
    """Addresses: empty (real output). Domains: SES keeps looking for the record; it last
    looked, and last found it while verified, now; while not verified, what it found wrong."""
    if identity.kind == "EmailAddress":
        return {}
    info: Result = {"LastCheckedTimestamp": now}
    if status == "Success":
        info["LastSuccessTimestamp"] = now
        return info
    error = account.domain_settings.verification_error(identity, now)
    if error is not None:
        info["ErrorType"] = _ERROR_TYPES[error]
    return info


@operation("CreateEmailIdentity", throttled=True)
def create_email_identity(account: Account, region: str, params: Params, now: datetime) -> Result:
    name: str = params["EmailIdentity"]
    signing: dict[str, str] | None = params.get("DkimSigningAttributes")
    kind = _identity_kind(name)
    if account.registry.get(region, name, kind) is not None:
        raise SesError("AlreadyExistsException", f"Email identity {name} already exist.")
    if signing is not None and kind != "Domain":
        raise _bad_request("The EmailIdentity value must be a valid domain.")
    if signing is not None:
        _check_origin(signing.get("DomainSigningAttributesOrigin", "AWS_SES"))
    initial_tags = tags.new_tags(params.get("Tags", []))
    default: str | None = params.get("ConfigurationSetName")
    if default is not None:  # checked before anything is created
        account.configuration_sets.get(region, default)
    if kind == "EmailAddress":
        account.identities.request_email(region, name, now)
    elif signing is not None and "DomainSigningPrivateKey" in signing:
        account.identities.request_domain(region, name, now)  # BYODKIM: no Easy DKIM tokens
        identity = _existing(account, region, name)
        account.domain_settings.use_external_key(
            identity,
            signing.get("DomainSigningSelector", ""),
            signing["DomainSigningPrivateKey"],
            now,
        )
    else:
        # Easy DKIM: the domain and its DKIM tokens, both lifecycles started.
        account.identities.request_dkim(region, name, now)
        if signing is not None and "NextSigningKeyLength" in signing:
            length = signing["NextSigningKeyLength"]
            _existing(account, region, name).key_length = _key_length(length)
    identity = _existing(account, region, name)
    account.tags.set_identity_tags(region, identity, initial_tags)
    account.configuration_sets.set_default(region, identity, default)
    result: Result = {
        "IdentityType": V2_KIND[kind],
        "VerifiedForSendingStatus": account.registry.status(identity, now) == "Success",
    }
    if kind == "Domain":
        # At creation the DKIM check has not started; the next read says PENDING.
        result["DkimAttributes"] = {
            **_dkim_attributes(account, region, identity, now),
            "Status": "NOT_STARTED",
        }
    return result


def _key_length(value: str) -> KeyLength:
    if value not in ("RSA_1024_BIT", "RSA_2048_BIT"):
        raise _bad_request(
            f"Invalid NextSigningKeyLength: {value}. Valid values: RSA_1024_BIT, RSA_2048_BIT."
        )
    return value  # type: ignore[return-value]  # checked just above


def _check_origin(origin: str) -> None:
    """Easy DKIM (AWS_SES) and BYODKIM (EXTERNAL) are modelled; the deterministic Easy DKIM
    origins (AWS_SES_<REGION>, 2024) are not."""
    if origin.startswith("AWS_SES_"):
        raise UnsupportedFeature(f"DKIM signing with SigningAttributesOrigin {origin}")
    if origin not in ("AWS_SES", "EXTERNAL"):
        raise _bad_request(f"Invalid SigningAttributesOrigin: {origin}.")


@operation("PutEmailIdentityDkimSigningAttributes", throttled=True)
def put_email_identity_dkim_signing_attributes(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    identity = _existing(account, region, params["EmailIdentity"])
    origin: str = params["SigningAttributesOrigin"]
    _check_origin(origin)
    signing: dict[str, str] = params.get("SigningAttributes", {})
    if origin == "EXTERNAL":
        if "DomainSigningPrivateKey" not in signing or "DomainSigningSelector" not in signing:
            raise _bad_request(
                "DomainSigningSelector and DomainSigningPrivateKey are required when "
                "SigningAttributesOrigin is EXTERNAL."
            )
        account.domain_settings.use_external_key(
            identity,
            signing["DomainSigningSelector"],
            signing["DomainSigningPrivateKey"],
            now,
        )
    else:
        length = signing.get("NextSigningKeyLength")
        account.domain_settings.use_easy_dkim(
            region, identity, None if length is None else _key_length(length), now
        )
    attributes = _dkim_attributes(account, region, identity, now)
    return {"DkimStatus": attributes["Status"], "DkimTokens": attributes.get("Tokens", [])}


@operation("PutEmailIdentityDkimAttributes", throttled=True)
def put_email_identity_dkim_attributes(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    identity = _existing(account, region, params["EmailIdentity"])
    enabled = bool(params.get("SigningEnabled", False))
    account.domain_settings.set_dkim_signing(region, identity, enabled, now)
    return {}


@operation("GetEmailIdentity", throttled=True)
def get_email_identity(account: Account, region: str, params: Params, now: datetime) -> Result:
    identity = _existing(account, region, params["EmailIdentity"])
    status = account.registry.status(identity, now)
    return {
        "IdentityType": V2_KIND[identity.kind],
        "FeedbackForwardingStatus": account.settings.feedback_of(region, identity).forwarding,
        "VerifiedForSendingStatus": status == "Success",
        "DkimAttributes": _dkim_attributes(account, region, identity, now),
        "MailFromAttributes": _mail_from_attributes(account, identity, now),
        "Policies": account.settings.policies_of(region, identity.name, identity.kind),
        "Tags": account.tags.of_identity(region, identity),
        **_default_configuration_set(account, region, identity),
        "VerificationStatus": V2_STATUS[status],
        "VerificationInfo": _verification_info(account, identity, status, now),
    }


def _mail_from_attributes(account: Account, identity: Identity, now: datetime) -> Result:
    """With no custom MAIL FROM, the service sends only ``BehaviorOnMxFailure`` (README)."""
    setting, registry = identity.mail_from, account.registry
    if setting is None:
        return {"BehaviorOnMxFailure": "USE_DEFAULT_VALUE"}
    return {
        "MailFromDomain": setting.domain,
        "MailFromDomainStatus": V2_STATUS[registry.mail_from_status(identity, now)],
        "BehaviorOnMxFailure": _V2_MX_FAILURE[setting.on_mx_failure],
    }


@operation("PutEmailIdentityMailFromAttributes", throttled=True)
def put_email_identity_mail_from_attributes(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    identity = account.identities.require(region, params["EmailIdentity"])
    given = params.get("BehaviorOnMxFailure", "USE_DEFAULT_VALUE")
    if given not in _MX_FAILURE:
        raise _bad_request(
            f"Invalid BehaviorOnMxFailure: {given}. Valid values: USE_DEFAULT_VALUE, "
            "REJECT_MESSAGE."
        )
    behaviour = _MX_FAILURE[given]
    domain = params.get("MailFromDomain")
    account.domain_settings.set_mail_from(region, identity, domain, behaviour, now)
    return {}


def _default_configuration_set(account: Account, region: str, identity: Identity) -> Result:
    """``ConfigurationSetName`` only when the identity has a default set (real output)."""
    default = account.configuration_sets.default_of(region, identity)
    return {} if default is None else {"ConfigurationSetName": default}


@operation("ListEmailIdentities", throttled=True)
def list_email_identities(account: Account, region: str, params: Params, now: datetime) -> Result:
    if params.get("Filter"):
        raise UnsupportedFeature("ListEmailIdentities with Filter")
    size = page_size(params.get("PageSize", 1000), "PageSize")
    found, cursor = account.identities.page(region, KINDS, params.get("NextToken"), size)
    registry = account.registry
    result: Result = {
        "EmailIdentities": [
            {
                "IdentityType": V2_KIND[identity.kind],
                "IdentityName": identity.name,
                "SendingEnabled": status == "Success",
                "VerificationStatus": V2_STATUS[status],
            }
            for identity, status in ((i, registry.status(i, now)) for i in found)
        ]
    }
    if cursor is not None:
        result["NextToken"] = cursor
    return result


@operation("DeleteEmailIdentity", throttled=True)
def delete_email_identity(account: Account, region: str, params: Params, now: datetime) -> Result:
    identity = _existing(account, region, params["EmailIdentity"], brackets=False)
    account.identities.delete(region, identity.name, identity.kind)
    return {}


def _recipients(destination: dict[str, list[str]]) -> list[str]:
    """Every address of a Destination: To, then Cc, then Bcc."""
    return [
        address
        for key in ("ToAddresses", "CcAddresses", "BccAddresses")
        for address in destination.get(key, [])
    ]


def _addressed(params: Params, destination: dict[str, list[str]]) -> dict[str, Any]:
    """A send's addressing as the pipeline takes it: a raw message's headers give what the
    request leaves out (its Destination, ReplyToAddresses, FeedbackForwardingEmailAddress)."""
    given = bool(destination)
    return {
        "recipients": _recipients(destination) or None,
        "to": destination.get("ToAddresses", []) if given else None,
        "cc": destination.get("CcAddresses", []) if given else None,
        "bcc": destination.get("BccAddresses", []) if given else None,
        "reply_to": params.get("ReplyToAddresses", []),
        "return_path": params.get("FeedbackForwardingEmailAddress"),
        **_arns(params),
    }


def _arns(params: Params) -> dict[str, Any]:
    """Sending authorization: FromEmailAddressIdentityArn stands for the source and the
    From header (it overrides X-SES-SOURCE-ARN and X-SES-FROM-ARN)."""
    arn = params.get("FromEmailAddressIdentityArn")
    return {
        "source_arn": arn,
        "from_arn": arn,
        "return_path_arn": params.get("FeedbackForwardingEmailAddressIdentityArn"),
    }


def _template_ref(account: Account, region: str, spec: dict[str, Any]) -> pipeline.TemplateRef:
    """The template a v2 send names (TemplateName, or TemplateArn's last part) or carries
    (TemplateContent). A TemplateArn of another region or account names no template of
    the caller's (chosen: NotFoundException)."""
    if "TemplateContent" in spec:
        inline = spec["TemplateContent"]
        return inline.get("Subject"), inline.get("Text"), inline.get("Html")
    if spec.get("TemplateName"):
        return str(spec["TemplateName"])
    arn = str(spec.get("TemplateArn", ""))
    prefix, _, name = arn.rpartition(":template/")
    if prefix.split(":")[3:5] != [region, account.account_id]:
        raise templates.TemplateMissing(name or arn)
    return name


def _no_endpoint(params: Params) -> None:
    """The fake has no multi-region endpoints (CreateMultiRegionEndpoint is not
    implemented), so an EndpointId names none (chosen text)."""
    endpoint = params.get("EndpointId")
    if endpoint is not None:
        raise SesError(
            "NotFoundException", f"Multi-region endpoint {endpoint} does not exist.", 404
        )


@operation("SendEmail", throttled=False)
def send_email(account: Account, region: str, params: Params, now: datetime) -> Result:
    """Simple, raw or templated content. Without a sender, simple content is refused with
    a null message, templated content with "Source cannot be empty" (README's behaviour
    table); a raw message's From header stands in for it."""
    _no_endpoint(params)
    content: dict[str, Any] = params["Content"]
    send = Send(
        "sesv2",
        params.get("FromEmailAddress"),
        tags=params.get("EmailTags", []),
        configuration_set=params.get("ConfigurationSetName"),
        tenant=params.get("TenantName"),
        **_addressed(params, params.get("Destination", {})),
    )
    if "Simple" in content:
        simple = content["Simple"]
        body = simple["Body"]
        send.no_source = ""
        send.subject = simple["Subject"]["Data"]
        send.text = body.get("Text", {}).get("Data")
        send.html = body.get("Html", {}).get("Data")
    elif "Raw" in content:
        send.raw, send.raw_limit = raw_bytes(content["Raw"]["Data"]), MAX_RAW_V2
    elif "Template" not in content:  # botocore lets an empty Content through (chosen text)
        raise _bad_request("Content must contain one of Simple, Raw or Template.")
    else:
        spec = content["Template"]
        send.no_source = "Source cannot be empty"
        send.template = _template_ref(account, region, spec)
        send.template_data = spec.get("TemplateData")
    options = params.get("ListManagementOptions")
    if options is not None:
        send.list_management = (options["ContactListName"], options.get("TopicName"))
    try:
        sent = account.sending.send(region, send, now)
    except pipeline.MissingSource as missing:  # the service's message is JSON null
        raise SesError("BadRequestException", missing.message or None) from None
    return {"MessageId": sent.message_id}


@operation("SendBulkEmail", throttled=False)
def send_bulk_email(account: Account, region: str, params: Params, now: datetime) -> Result:
    """One result per entry: a refused entry gets its status and error, the others are
    sent (as v1's SendBulkTemplatedEmail). A missing template refuses the whole call."""
    check_tags(params.get("DefaultEmailTags", []))
    _no_endpoint(params)
    source: str | None = params.get("FromEmailAddress")
    if not source:
        raise _bad_request("Source cannot be empty")
    count, arn = len(params["BulkEmailEntries"]), params.get("FromEmailAddressIdentityArn")
    account.sending.check_bulk(region, source, count, now, arn)
    if "Template" not in params["DefaultContent"]:
        raise _bad_request("DefaultContent must contain Template.")
    spec: dict[str, Any] = params["DefaultContent"]["Template"]
    template = _template_ref(account, region, spec)
    if isinstance(template, str):
        account.templates.get(region, template)
    else:
        templates.inline_template(*template, now)
    default = spec.get("TemplateData")
    templates.sent_data(default)
    results: list[Result] = []
    for entry in params["BulkEmailEntries"]:
        destination: dict[str, list[str]] = entry["Destination"]
        replacement = entry.get("ReplacementEmailContent", {}).get("ReplacementTemplate", {})
        try:
            check_tags(entry.get("ReplacementTags", []))
            data = templates.merged_data(default, replacement.get("ReplacementTemplateData"))
            send = Send(
                "sesv2",
                source,
                recipients=_recipients(destination),
                to=destination.get("ToAddresses", []),
                cc=destination.get("CcAddresses", []),
                bcc=destination.get("BccAddresses", []),
                reply_to=params.get("ReplyToAddresses", []),
                action="ses:SendBulkTemplatedEmail",
                **_arns(params),
                tags=params.get("DefaultEmailTags", []) + entry.get("ReplacementTags", []),
                configuration_set=params.get("ConfigurationSetName"),
                tenant=params.get("TenantName"),
                template=template,
                template_data=data,
            )
            sent = account.sending.send(region, send, now)
            results.append({"Status": "SUCCESS", "MessageId": sent.message_id})
        except ModelError as error:
            results.append(
                {"Status": _BULK_STATUS.get(type(error).__name__, "FAILED"), "Error": error.message}
            )
    return {"BulkEmailEntryResults": results}


# The model error a refused bulk entry maps to, as v2's BulkEmailStatus spells it.
_BULK_STATUS = {
    "MessageRejected": "MESSAGE_REJECTED",
    "MailFromNotVerified": "MAIL_FROM_DOMAIN_NOT_VERIFIED",
    "ConfigurationSetMissing": "CONFIGURATION_SET_NOT_FOUND",
    "DefaultConfigurationSetMissing": "CONFIGURATION_SET_NOT_FOUND",
    "SendingPaused": "CONFIGURATION_SET_SENDING_PAUSED",
    "InvalidParameter": "INVALID_PARAMETER",
    "AccountSendingPaused": "ACCOUNT_SENDING_PAUSED",
    "DailyQuotaExceeded": "ACCOUNT_DAILY_QUOTA_EXCEEDED",
    "SendRateExceeded": "ACCOUNT_THROTTLED",
}


# -- identity settings -----------------------------------------------------------------


@operation("PutEmailIdentityFeedbackAttributes", throttled=True)
def put_email_identity_feedback_attributes(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    """Unlike v1, forwarding can be turned off with no topics set (README)."""
    name: str = params["EmailIdentity"]
    enabled: bool = params.get("EmailForwardingEnabled", False)
    account.settings.set_feedback_forwarding(
        region, name, _identity_kind(name), enabled, needs_topics=False
    )
    return {}


@operation("PutEmailIdentityConfigurationSetAttributes", throttled=True)
def put_email_identity_configuration_set_attributes(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    """The identity's default configuration set; none given: no default."""
    name: str = params["EmailIdentity"]
    identity = account.registry.get(region, name, _identity_kind(name))
    if identity is None:
        raise SesError("NotFoundException", f"Identity <{name}> does not exist.", 404)
    account.configuration_sets.set_default(region, identity, params.get("ConfigurationSetName"))
    return {}


@operation("CreateEmailIdentityPolicy", throttled=True)
def create_email_identity_policy(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    identity = _existing(account, region, params["EmailIdentity"])
    account.settings.create_policy(region, identity, params["PolicyName"], params["Policy"])
    return {}


@operation("UpdateEmailIdentityPolicy", throttled=True)
def update_email_identity_policy(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    identity = _existing(account, region, params["EmailIdentity"])
    account.settings.update_policy(region, identity, params["PolicyName"], params["Policy"])
    return {}


@operation("GetEmailIdentityPolicies", throttled=True)
def get_email_identity_policies(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    identity = _existing(account, region, params["EmailIdentity"])
    return {"Policies": account.settings.policies_of(region, identity.name, identity.kind)}


@operation("DeleteEmailIdentityPolicy", throttled=True)
def delete_email_identity_policy(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    identity = _existing(account, region, params["EmailIdentity"])
    policy: str = params["PolicyName"]
    account.settings.delete_policy(region, identity.name, identity.kind, policy, must_exist=True)
    return {}


# -- tags ------------------------------------------------------------------------------


def _resource(account: Account, params: Params, operation: str) -> Resource:
    """The identity, configuration set or email template the ARN names (other SES
    resources: unsupported)."""
    resource = parse_arn(params["ResourceArn"], account.account_id)
    if resource.type not in (IDENTITY, CONFIGURATION_SET, TEMPLATE):
        raise UnsupportedFeature(f"{operation} on {resource.type} resources")
    return resource


@operation("TagResource", throttled=True)
def tag_resource(account: Account, region: str, params: Params, now: datetime) -> Result:
    resource = _resource(account, params, "TagResource")
    account.tags.tag(region, resource, params["Tags"])
    return {}


@operation("UntagResource", throttled=True)
def untag_resource(account: Account, region: str, params: Params, now: datetime) -> Result:
    resource = _resource(account, params, "UntagResource")
    account.tags.untag(region, resource, params["TagKeys"])
    return {}


@operation("ListTagsForResource", throttled=True)
def list_tags_for_resource(account: Account, region: str, params: Params, now: datetime) -> Result:
    resource = _resource(account, params, "ListTagsForResource")
    return {"Tags": account.tags.list_tags(region, resource)}


# -- configuration sets ----------------------------------------------------------------

_TLS = {True: "REQUIRE", False: "OPTIONAL"}


@operation("CreateConfigurationSet", throttled=True)
def create_configuration_set(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    """Every option is stored as given; the redirect domain and the delivery window are
    checked before anything is created."""
    sets = account.configuration_sets
    initial_tags = tags.new_tags(params.get("Tags", []))
    tracking: Params = params.get("TrackingOptions", {})
    delivery: Params = params.get("DeliveryOptions", {})
    configuration_sets.check_name(params["ConfigurationSetName"])
    sets.check_tracking(region, tracking.get("CustomRedirectDomain"), now)
    configuration_sets.check_delivery(delivery.get("MaxDeliverySeconds"))
    name: str = params["ConfigurationSetName"]
    created = sets.create(region, name, now, initial_tags)
    if "DeliveryOptions" in params:
        _put_delivery(sets, region, name, delivery)
    reputation: Params = params.get("ReputationOptions", {})
    created.reputation_metrics_enabled = reputation.get("ReputationMetricsEnabled", False)
    created.last_fresh_start = reputation.get("LastFreshStart")
    created.sending_enabled = params.get("SendingOptions", {}).get("SendingEnabled", True)
    sets.set_tracking(
        region, name, tracking.get("CustomRedirectDomain"), tracking.get("HttpsPolicy"), now
    )
    if "SuppressionOptions" in params:
        _put_suppression(sets, region, name, params["SuppressionOptions"])
    sets.set_vdm(region, name, params.get("VdmOptions"))
    sets.set_archiving(region, name, params.get("ArchivingOptions", {}).get("ArchiveArn"))
    sets.set_message_security(region, name, params.get("MessageSecurityOptions"))
    return {}


def _put_delivery(
    sets: configuration_sets.ConfigurationSets, region: str, name: str, delivery: Params
) -> None:
    sets.set_delivery(
        region,
        name,
        delivery.get("TlsPolicy") == "REQUIRE",
        pool=delivery.get("SendingPoolName"),
        max_delivery_seconds=delivery.get("MaxDeliverySeconds"),
    )


def _put_suppression(
    sets: configuration_sets.ConfigurationSets, region: str, name: str, suppression: Params
) -> None:
    sets.set_suppression(
        region,
        name,
        suppression.get("SuppressedReasons", []),
        suppression.get("SuppressionScope"),
        suppression.get("ValidationOptions"),
    )


def _configuration_set(found: configuration_sets.ConfigurationSet) -> Result:
    """GetConfigurationSet's answer: the options every set has, and those set on this one."""
    delivery: Result = {"TlsPolicy": _TLS[found.tls_required is True]}
    if found.sending_pool_name is not None:
        delivery["SendingPoolName"] = found.sending_pool_name
    if found.max_delivery_seconds is not None:
        delivery["MaxDeliverySeconds"] = found.max_delivery_seconds
    reputation: Result = {"ReputationMetricsEnabled": found.reputation_metrics_enabled}
    if found.last_fresh_start is not None:
        reputation["LastFreshStart"] = found.last_fresh_start
    result: Result = {"ConfigurationSetName": found.name}
    if found.custom_redirect_domain is not None:
        tracking: Result = {"CustomRedirectDomain": found.custom_redirect_domain}
        if found.https_policy is not None:
            tracking["HttpsPolicy"] = found.https_policy
        result["TrackingOptions"] = tracking
    result["DeliveryOptions"] = delivery
    result["ReputationOptions"] = reputation
    result["SendingOptions"] = {"SendingEnabled": found.sending_enabled}
    result["Tags"] = [dict(tag) for tag in found.tags]
    if found.suppressed_reasons is not None:
        suppression: Result = {"SuppressedReasons": list(found.suppressed_reasons)}
        if found.suppression_scope is not None:
            suppression["SuppressionScope"] = found.suppression_scope
        if found.suppression_validation is not None:
            suppression["ValidationOptions"] = found.suppression_validation
        result["SuppressionOptions"] = suppression
    if found.vdm_options is not None:
        result["VdmOptions"] = found.vdm_options
    if found.archive_arn is not None:
        result["ArchivingOptions"] = {"ArchiveArn": found.archive_arn}
    if found.message_security is not None:
        result["MessageSecurityOptions"] = found.message_security
    return result


@operation("GetConfigurationSet", throttled=True)
def get_configuration_set(account: Account, region: str, params: Params, now: datetime) -> Result:
    name: str = params["ConfigurationSetName"]
    return _configuration_set(account.configuration_sets.get(region, name))


@operation("ListConfigurationSets", throttled=True)
def list_configuration_sets(account: Account, region: str, params: Params, now: datetime) -> Result:
    if params.get("Filter"):
        raise UnsupportedFeature("ListConfigurationSets with Filter")
    size = page_size(params.get("PageSize", 1000), "PageSize")
    found, cursor = account.configuration_sets.page(region, params.get("NextToken"), size)
    result: Result = {"ConfigurationSets": [each.name for each in found]}
    if cursor is not None:
        result["NextToken"] = cursor
    return result


@operation("DeleteConfigurationSet", throttled=True)
def delete_configuration_set(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    account.configuration_sets.delete(region, params["ConfigurationSetName"])
    return {}


@operation("UpdateConfigurationSet", throttled=True)
def update_configuration_set(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    account.configuration_sets.set_message_security(
        region, params["ConfigurationSetName"], params.get("MessageSecurityOptions")
    )
    return {}


@operation("PutConfigurationSetDeliveryOptions", throttled=True)
def put_configuration_set_delivery_options(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    """Replaces the three delivery options (one left out: its default)."""
    _put_delivery(account.configuration_sets, region, params["ConfigurationSetName"], params)
    return {}


@operation("PutConfigurationSetReputationOptions", throttled=True)
def put_configuration_set_reputation_options(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    account.configuration_sets.set_reputation_metrics(
        region, params["ConfigurationSetName"], params.get("ReputationMetricsEnabled", False)
    )
    return {}


@operation("PutConfigurationSetSendingOptions", throttled=True)
def put_configuration_set_sending_options(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    account.configuration_sets.set_sending(
        region, params["ConfigurationSetName"], params.get("SendingEnabled", False)
    )
    return {}


@operation("PutConfigurationSetSuppressionOptions", throttled=True)
def put_configuration_set_suppression_options(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    _put_suppression(account.configuration_sets, region, params["ConfigurationSetName"], params)
    return {}


@operation("PutConfigurationSetTrackingOptions", throttled=True)
def put_configuration_set_tracking_options(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    """No ``CustomRedirectDomain``: the set has no tracking options any more."""
    account.configuration_sets.set_tracking(
        region,
        params["ConfigurationSetName"],
        params.get("CustomRedirectDomain"),
        params.get("HttpsPolicy"),
        now,
    )
    return {}


@operation("PutConfigurationSetVdmOptions", throttled=True)
def put_configuration_set_vdm_options(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    account.configuration_sets.set_vdm(
        region, params["ConfigurationSetName"], params.get("VdmOptions")
    )
    return {}


@operation("PutConfigurationSetArchivingOptions", throttled=True)
def put_configuration_set_archiving_options(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    account.configuration_sets.set_archiving(
        region, params["ConfigurationSetName"], params.get("ArchiveArn")
    )
    return {}


def _event_destination(params: Params) -> configuration_sets.EventDestination:
    given: Params = params["EventDestination"]
    return configuration_sets.EventDestination(
        name=params["EventDestinationName"],
        enabled=given.get("Enabled", False),
        matching_types=list(given.get("MatchingEventTypes", [])),
        sns_topic_arn=given.get("SnsDestination", {}).get("TopicArn"),
        event_bus_arn=given.get("EventBridgeDestination", {}).get("EventBusArn"),
        firehose=given.get("KinesisFirehoseDestination"),
        cloudwatch=given.get("CloudWatchDestination"),
        pinpoint_arn=given.get("PinpointDestination", {}).get("ApplicationArn"),
    )


def _v2_event_destination(destination: configuration_sets.EventDestination) -> Result:
    result: Result = {
        "Name": destination.name,
        "Enabled": destination.enabled,
        "MatchingEventTypes": list(destination.matching_types),
    }
    if destination.sns_topic_arn is not None:
        result["SnsDestination"] = {"TopicArn": destination.sns_topic_arn}
    if destination.event_bus_arn is not None:
        result["EventBridgeDestination"] = {"EventBusArn": destination.event_bus_arn}
    if destination.firehose is not None:
        result["KinesisFirehoseDestination"] = dict(destination.firehose)
    if destination.cloudwatch is not None:
        result["CloudWatchDestination"] = destination.cloudwatch
    if destination.pinpoint_arn is not None:
        result["PinpointDestination"] = {"ApplicationArn": destination.pinpoint_arn}
    return result


@operation("CreateConfigurationSetEventDestination", throttled=True)
def create_configuration_set_event_destination(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    destination = _event_destination(params)
    account.event_destinations.create(region, params["ConfigurationSetName"], destination)
    return {}


@operation("GetConfigurationSetEventDestinations", throttled=True)
def get_configuration_set_event_destinations(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    found = account.event_destinations.list(region, params["ConfigurationSetName"])
    return {"EventDestinations": [_v2_event_destination(each) for each in found]}


@operation("UpdateConfigurationSetEventDestination", throttled=True)
def update_configuration_set_event_destination(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    destination = _event_destination(params)
    account.event_destinations.update(region, params["ConfigurationSetName"], destination, v1=False)
    return {}


@operation("DeleteConfigurationSetEventDestination", throttled=True)
def delete_configuration_set_event_destination(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    account.event_destinations.delete(
        region, params["ConfigurationSetName"], params["EventDestinationName"], v1=False
    )
    return {}


# -- custom verification emails --------------------------------------------------------


def _custom_template_metadata(template: custom_templates.CustomTemplate) -> Result:
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
    initial_tags = tags.new_tags(params.get("Tags", []))
    account.custom_templates.create(
        region,
        params["TemplateName"],
        params["FromEmailAddress"],
        params["TemplateSubject"],
        params["TemplateContent"],
        params["SuccessRedirectionURL"],
        params["FailureRedirectionURL"],
        now,
        initial_tags,
    )
    return {}


@operation("GetCustomVerificationEmailTemplate", throttled=True)
def get_custom_verification_email_template(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    found = account.custom_templates.get(region, params["TemplateName"])
    return {
        **_custom_template_metadata(found),
        "TemplateContent": found.content,
        "Tags": [dict(tag) for tag in found.tags],
    }


@operation("ListCustomVerificationEmailTemplates", throttled=True)
def list_custom_verification_email_templates(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    """``PageSize`` 1-50 (the API reference); none: 50."""
    size: int | None = params.get("PageSize")
    if size is not None and not 1 <= size <= custom_templates.MAX_PAGE:
        most = custom_templates.MAX_PAGE
        raise _bad_request(f"PageSize must be between 1 and {most}; got {size}.")
    found, cursor = account.custom_templates.page(region, params.get("NextToken"), size)
    result: Result = {
        "CustomVerificationEmailTemplates": [_custom_template_metadata(t) for t in found]
    }
    if cursor is not None:
        result["NextToken"] = cursor
    return result


@operation("UpdateCustomVerificationEmailTemplate", throttled=True)
def update_custom_verification_email_template(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    """v2 requires every value (botocore checks it): the template is replaced."""
    account.custom_templates.update(
        region,
        params["TemplateName"],
        now,
        from_address=params["FromEmailAddress"],
        subject=params["TemplateSubject"],
        content=params["TemplateContent"],
        success_url=params["SuccessRedirectionURL"],
        failure_url=params["FailureRedirectionURL"],
    )
    return {}


@operation("DeleteCustomVerificationEmailTemplate", throttled=True)
def delete_custom_verification_email_template(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    account.custom_templates.delete(region, params["TemplateName"])
    return {}


@operation("SendCustomVerificationEmail", throttled=True)
def send_custom_verification_email_v2(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    sent = account.custom_templates.send(
        region,
        params["EmailAddress"],
        params["TemplateName"],
        now,
        params.get("ConfigurationSetName"),
    )
    return {"MessageId": sent}


# -- the account -----------------------------------------------------------------------


def _account_details(details: account_state.Details) -> Result:
    """``Details``: the members given, and the review when production access was asked."""
    result: Result = {"MailType": details.mail_type, "WebsiteURL": details.website_url}
    if details.contact_language is not None:
        result["ContactLanguage"] = details.contact_language
    if details.use_case_description is not None:
        result["UseCaseDescription"] = details.use_case_description
    if details.additional_contacts is not None:
        result["AdditionalContactEmailAddresses"] = list(details.additional_contacts)
    if details.review is not None:
        result["ReviewDetails"] = {
            "Status": details.review.status,
            "CaseId": details.review.case_id,
        }
    return result


@operation("GetAccount", throttled=True)
def get_account(account: Account, region: str, params: Params, now: datetime) -> Result:
    sending_state = account.account_state
    state = sending_state.region(region)
    quota = sending_state.send_quota(region, now)
    result: Result = {
        "DedicatedIpAutoWarmupEnabled": False,
        "EnforcementStatus": state.settings.enforcement_status,
        "ProductionAccessEnabled": not sending_state.sandboxed(region),
        "SendQuota": {
            "Max24HourSend": quota.max_24_hours,
            "MaxSendRate": quota.max_rate,
            "SentLast24Hours": quota.sent_last_24_hours,
        },
        "SendingEnabled": sending_state.sending_enabled(region),
        "SuppressionAttributes": {"SuppressedReasons": account.suppression.account_reasons(region)},
    }
    if state.details is not None:
        result["Details"] = _account_details(state.details)
    return result


@operation("PutAccountSendingAttributes", throttled=True)
def put_account_sending_attributes(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    """``SendingEnabled`` left out: false (botocore's model makes it optional)."""
    enabled = bool(params.get("SendingEnabled", False))
    account.account_state.set_sending_enabled(region, enabled)
    return {}


@operation("PutAccountDetails", throttled=True)
def put_account_details(account: Account, region: str, params: Params, now: datetime) -> Result:
    account.account_state.put_details(
        region,
        params.get("MailType"),
        params.get("WebsiteURL"),
        params.get("ContactLanguage"),
        params.get("UseCaseDescription"),
        params.get("AdditionalContactEmailAddresses"),
        bool(params.get("ProductionAccessEnabled", False)),
    )
    return {}


# -- tenants ---------------------------------------------------------------------------


def _tenant_info(found: tenants.Tenant) -> Result:
    """A tenant as ListTenants shows it: all but its tags."""
    return {
        "TenantName": found.name,
        "TenantId": found.tenant_id,
        "TenantArn": found.arn,
        "CreatedTimestamp": found.created_at,
        "SendingStatus": found.sending_status,
    }


def _tenant(found: tenants.Tenant) -> Result:
    """A tenant as CreateTenant and GetTenant show it."""
    return {**_tenant_info(found), "Tags": [dict(tag) for tag in found.tags]}


def _paged(
    account: Account, region: str, scope: str, params: Params, items: list[Result], key: str
) -> Result:
    """One page of ``items`` (``scope``: what the NextToken pages), under ``key``."""
    size = page_size(params.get("PageSize", 1000), "PageSize")
    page, cursor = account.tenants.cursors.page(
        f"{region} {scope}", items, params.get("NextToken"), size
    )
    result: Result = {key: page}
    if cursor is not None:
        result["NextToken"] = cursor
    return result


@operation("CreateTenant", throttled=True)
def create_tenant_operation(account: Account, region: str, params: Params, now: datetime) -> Result:
    if "SuppressionAttributes" in params:
        raise UnsupportedFeature("CreateTenant with SuppressionAttributes")
    initial_tags = tags.new_tags(params.get("Tags", []))
    return _tenant(account.tenants.create(region, params["TenantName"], now, initial_tags))


@operation("GetTenant", throttled=True)
def get_tenant_operation(account: Account, region: str, params: Params, now: datetime) -> Result:
    return {"Tenant": _tenant(account.tenants.get(region, params["TenantName"]))}


@operation("ListTenants", throttled=True)
def list_tenants_operation(account: Account, region: str, params: Params, now: datetime) -> Result:
    wanted: dict[str, str] = params.get("Filter", {})
    status = wanted.get("SENDING_STATUS")
    if status is not None and status not in tenants.SENDING_STATUSES:
        raise _bad_request(f"Invalid sending status: {status}")
    found = account.tenants.find(region, wanted.get("TENANT_NAME_CONTAINS"), status)
    items = [_tenant_info(each) for each in found]
    return _paged(account, region, "tenants", params, items, "Tenants")


@operation("DeleteTenant", throttled=True)
def delete_tenant_operation(account: Account, region: str, params: Params, now: datetime) -> Result:
    account.tenants.delete(region, params["TenantName"])
    return {}


@operation("CreateTenantResourceAssociation", throttled=True)
def create_tenant_resource_association(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    resource = parse_arn(params["ResourceArn"], account.account_id)
    account.tenants.associate(region, params["TenantName"], resource, now)
    return {}


@operation("DeleteTenantResourceAssociation", throttled=True)
def delete_tenant_resource_association(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    resource = parse_arn(params["ResourceArn"], account.account_id)
    account.tenants.dissociate(region, params["TenantName"], resource)
    return {}


@operation("ListTenantResources", throttled=True)
def list_tenant_resources(account: Account, region: str, params: Params, now: datetime) -> Result:
    name: str = params["TenantName"]
    wanted = params.get("Filter", {}).get("RESOURCE_TYPE")
    items: list[Result] = [
        {
            "ResourceType": tenants.RESOURCE_TYPES[each.resource.type],
            "ResourceArn": account.tenants.resource_arn(each.resource),
        }
        for each in account.tenants.resources(region, name, wanted)
    ]
    return _paged(account, region, f"tenant {name} resources", params, items, "TenantResources")


@operation("ListResourceTenants", throttled=True)
def list_resource_tenants(account: Account, region: str, params: Params, now: datetime) -> Result:
    resource = parse_arn(params["ResourceArn"], account.account_id)
    items: list[Result] = [
        {
            "TenantName": tenant.name,
            "TenantId": tenant.tenant_id,
            "ResourceArn": account.tenants.resource_arn(association.resource),
            "AssociatedTimestamp": association.associated_at,
        }
        for tenant, association in account.tenants.of_resource(region, resource)
    ]
    scope = f"resource {params['ResourceArn']} tenants"
    return _paged(account, region, scope, params, items, "ResourceTenants")


# -- email templates and templated sending (model.templates) ---------------------------

MAX_TEMPLATE_PAGE = 100


def _content_parts(params: Params) -> tuple[str | None, str | None, str | None]:
    content = params["TemplateContent"]
    return content.get("Subject"), content.get("Text"), content.get("Html")


@operation("CreateEmailTemplate", throttled=True)
def create_email_template(account: Account, region: str, params: Params, now: datetime) -> Result:
    initial_tags = tags.new_tags(params.get("Tags", []))
    name: str = params["TemplateName"]
    account.templates.create(region, name, *_content_parts(params), now, initial_tags)
    return {}


@operation("GetEmailTemplate", throttled=True)
def get_email_template(account: Account, region: str, params: Params, now: datetime) -> Result:
    found = account.templates.get(region, params["TemplateName"])
    content = {
        key: value
        for key, value in (("Subject", found.subject), ("Text", found.text), ("Html", found.html))
        if value is not None
    }
    return {
        "TemplateName": found.name,
        "TemplateContent": content,
        "Tags": [dict(tag) for tag in found.tags],
    }


@operation("ListEmailTemplates", throttled=True)
def list_email_templates(account: Account, region: str, params: Params, now: datetime) -> Result:
    size = page_size_of(params.get("PageSize"))
    found, cursor = account.templates.page(region, params.get("NextToken"), size)
    result: Result = {
        "TemplatesMetadata": [
            {"TemplateName": t.name, "CreatedTimestamp": t.created_at} for t in found
        ]
    }
    if cursor is not None:
        result["NextToken"] = cursor
    return result


def page_size_of(size: int | None) -> int:
    """``PageSize`` 1-100 (none: 100); outside: BadRequest (chosen text)."""
    if size is None:
        return MAX_TEMPLATE_PAGE
    if not 1 <= size <= MAX_TEMPLATE_PAGE:
        raise _bad_request(f"PageSize must be between 1 and {MAX_TEMPLATE_PAGE}; got {size}.")
    return size


@operation("UpdateEmailTemplate", throttled=True)
def update_email_template(account: Account, region: str, params: Params, now: datetime) -> Result:
    account.templates.update(region, params["TemplateName"], *_content_parts(params))
    return {}


@operation("DeleteEmailTemplate", throttled=True)
def delete_email_template(account: Account, region: str, params: Params, now: datetime) -> Result:
    account.templates.delete(region, params["TemplateName"], missing_ok=False)
    return {}


@operation("TestRenderEmailTemplate", throttled=True)
def test_render_email_template(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    found = account.templates.get(region, params["TemplateName"])
    return {"RenderedTemplate": templates.rendered_message(found, params["TemplateData"], now)}


# -- the account-level suppression list ------------------------------------------------


def _no_tenant(params: Params, operation: str) -> None:
    if "TenantName" in params:
        raise UnsupportedFeature(f"{operation} with TenantName (a tenant's suppression list)")


def _instant(value: Any) -> datetime:
    """A timestamp parameter as the caller gave it (datetime, epoch seconds, ISO 8601)."""
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, timezone.utc)
    try:
        return _instant(float(value))
    except ValueError:
        return _instant(datetime.fromisoformat(str(value)))


@operation("PutAccountSuppressionAttributes", throttled=False)
def put_account_suppression_attributes(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    if "ValidationAttributes" in params:
        raise UnsupportedFeature("PutAccountSuppressionAttributes with ValidationAttributes")
    account.suppression.set_account_reasons(region, params.get("SuppressedReasons", []))
    return {}


@operation("PutSuppressedDestination", throttled=False)
def put_suppressed_destination(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    _no_tenant(params, "PutSuppressedDestination")
    sandbox = account.account_state.sandboxed(region)
    account.suppression.put(region, params["EmailAddress"], params["Reason"], now, sandbox=sandbox)
    return {}


@operation("GetSuppressedDestination", throttled=False)
def get_suppressed_destination(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    _no_tenant(params, "GetSuppressedDestination")
    found = account.suppression.get(region, params["EmailAddress"])
    result: Result = {
        "EmailAddress": found.email_address,
        "Reason": found.reason,
        "LastUpdateTime": found.last_update_time,
    }
    attributes: Result = {}
    if found.message_id is not None:
        attributes["MessageId"] = found.message_id
    if found.feedback_id is not None:
        attributes["FeedbackId"] = found.feedback_id
    if attributes:
        result["Attributes"] = attributes
    return {"SuppressedDestination": result}


@operation("DeleteSuppressedDestination", throttled=False)
def delete_suppressed_destination(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    _no_tenant(params, "DeleteSuppressedDestination")
    account.suppression.delete(region, params["EmailAddress"])
    return {}


@operation("ListSuppressedDestinations", throttled=False)
def list_suppressed_destinations(
    account: Account, region: str, params: Params, now: datetime
) -> Result:
    _no_tenant(params, "ListSuppressedDestinations")
    size = page_size(params.get("PageSize", 1000), "PageSize")
    start, end = params.get("StartDate"), params.get("EndDate")
    page, cursor = account.suppression.page(
        region,
        params.get("Reasons", []),
        None if start is None else _instant(start),
        None if end is None else _instant(end),
        params.get("NextToken"),
        size,
    )
    result: Result = {
        "SuppressedDestinationSummaries": [
            {
                "EmailAddress": entry.email_address,
                "Reason": entry.reason,
                "LastUpdateTime": entry.last_update_time,
            }
            for entry in page
        ]
    }
    if cursor is not None:
        result["NextToken"] = cursor
    return result


# -- contact lists (list management) -------------------------------------------------


@operation("CreateContactList", throttled=True)
def create_contact_list(account: Account, region: str, params: Params, now: datetime) -> Result:
    account.contact_lists.create(
        region,
        params["ContactListName"],
        now,
        params.get("Topics", []),
        params.get("Description"),
        params.get("Tags", []),
    )
    return {}


def _topics(found: contact_lists.ContactList) -> list[Result]:
    topics: list[Result] = []
    for topic in found.topics:
        shown: Result = {
            "TopicName": topic.name,
            "DisplayName": topic.display_name,
            "DefaultSubscriptionStatus": topic.default,
        }
        if topic.description is not None:
            shown["Description"] = topic.description
        topics.append(shown)
    return topics


@operation("GetContactList", throttled=True)
def get_contact_list(account: Account, region: str, params: Params, now: datetime) -> Result:
    found = account.contact_lists.get(region, params["ContactListName"])
    result: Result = {
        "ContactListName": found.name,
        "Topics": _topics(found),
        "CreatedTimestamp": found.created,
        "LastUpdatedTimestamp": found.updated,
        "Tags": [dict(tag) for tag in found.tags],
    }
    if found.description is not None:
        result["Description"] = found.description
    return result


@operation("ListContactLists", throttled=True)
def list_contact_lists(account: Account, region: str, params: Params, now: datetime) -> Result:
    size = page_size(params.get("PageSize", 1000), "PageSize")
    found, cursor = account.contact_lists.page(region, params.get("NextToken"), size)
    result: Result = {
        "ContactLists": [
            {"ContactListName": c.name, "LastUpdatedTimestamp": c.updated} for c in found
        ]
    }
    if cursor is not None:
        result["NextToken"] = cursor
    return result


@operation("UpdateContactList", throttled=True)
def update_contact_list(account: Account, region: str, params: Params, now: datetime) -> Result:
    account.contact_lists.update(
        region,
        params["ContactListName"],
        now,
        params.get("Topics", []),
        params.get("Description"),
    )
    return {}


@operation("DeleteContactList", throttled=True)
def delete_contact_list(account: Account, region: str, params: Params, now: datetime) -> Result:
    account.contact_lists.delete(region, params["ContactListName"])
    return {}


@operation("CreateContact", throttled=True)
def create_contact(account: Account, region: str, params: Params, now: datetime) -> Result:
    account.contact_lists.create_contact(
        region,
        params["ContactListName"],
        params["EmailAddress"],
        now,
        params.get("TopicPreferences", []),
        bool(params.get("UnsubscribeAll", False)),
        params.get("AttributesData"),
    )
    return {}


def _preferences(pairs: list[tuple[str, str]]) -> list[Result]:
    return [{"TopicName": topic, "SubscriptionStatus": status} for topic, status in pairs]


def _contact(found: contact_lists.ContactList, contact: contact_lists.Contact) -> Result:
    """A contact as ListContacts shows it (GetContact adds to it)."""
    return {
        "EmailAddress": contact.email,
        "TopicPreferences": _preferences(list(contact.preferences.items())),
        "TopicDefaultPreferences": _preferences(found.defaults_of(contact)),
        "UnsubscribeAll": contact.unsubscribe_all,
        "LastUpdatedTimestamp": contact.updated,
    }


@operation("GetContact", throttled=True)
def get_contact(account: Account, region: str, params: Params, now: datetime) -> Result:
    found, contact = account.contact_lists.get_contact(
        region, params["ContactListName"], params["EmailAddress"]
    )
    result: Result = {
        "ContactListName": found.name,
        **_contact(found, contact),
        "CreatedTimestamp": contact.created,
    }
    if contact.attributes is not None:
        result["AttributesData"] = contact.attributes
    return result


@operation("ListContacts", throttled=True)
def list_contacts(account: Account, region: str, params: Params, now: datetime) -> Result:
    name = params["ContactListName"]
    size = page_size(params.get("PageSize", 1000), "PageSize")
    spec: dict[str, Any] = params.get("Filter", {})
    topic: dict[str, Any] = spec.get("TopicFilter", {})
    lists = account.contact_lists
    matching = lists.contacts(
        region,
        name,
        spec.get("FilteredStatus"),
        topic.get("TopicName"),
        bool(topic.get("UseDefaultIfPreferenceUnavailable", False)),
    )
    found, cursor = lists.contacts_page(region, name, matching, params.get("NextToken"), size)
    listed = lists.get(region, name)
    result: Result = {"Contacts": [_contact(listed, contact) for contact in found]}
    if cursor is not None:
        result["NextToken"] = cursor
    return result


@operation("UpdateContact", throttled=True)
def update_contact(account: Account, region: str, params: Params, now: datetime) -> Result:
    account.contact_lists.update_contact(
        region,
        params["ContactListName"],
        params["EmailAddress"],
        now,
        params.get("TopicPreferences"),
        bool(params.get("UnsubscribeAll", False)),
        params.get("AttributesData"),
    )
    return {}


@operation("DeleteContact", throttled=True)
def delete_contact(account: Account, region: str, params: Params, now: datetime) -> Result:
    account.contact_lists.delete_contact(region, params["ContactListName"], params["EmailAddress"])
    return {}
