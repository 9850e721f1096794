"""Feedback notifications: what SES publishes to an identity's SNS topics after a send.

Pure: no botocore, no pytest, no clock. The mailbox simulator decides each recipient's
fate (``success@``, ``bounce@``, ``ooto@``, ``complaint@``, ``suppressionlist@`` at
``simulator.amazonses.com``, with or without a ``+label``); any other recipient is
delivered. Messages follow the AWS documented examples ("Amazon SES notification
contents"); times are the send's (the fake delivers at once).
"""

from __future__ import annotations

from collections.abc import Container
from datetime import datetime
from typing import Any, Literal, NamedTuple

from .account_state import AccountState
from .addresses import SIMULATOR_DOMAIN, mailbox
from .identities import Identity
from .ids import hex_digits, uuid4
from .mime import read_raw
from .sending import SentMessage
from .settings import IdentitySettings, NotificationType

Outcome = Literal["success", "bounce", "ooto", "complaint", "suppressionlist"]
_SIMULATED: tuple[Outcome, ...] = ("success", "bounce", "ooto", "complaint", "suppressionlist")
_REPORTING_MTA = "a8-70.smtp-out.amazonses.com"
_REMOTE_MTA_IP = "127.0.2.0"


class Notification(NamedTuple):
    """A notification SES would publish: its ``type`` ("Delivery", "Bounce",
    "Complaint"), the identity's ``topic_arn`` for it, the ``message`` (SES's JSON, as a
    dict), when and from which region. ``published``: the SNS MessageId when the fake
    published it (``publish_notifications``); ``skipped``: why it did not."""

    type: NotificationType
    topic_arn: str
    message: dict[str, Any]
    sent_at: datetime
    region: str
    published: str | None = None
    skipped: str | None = None


def outcome(recipient: str) -> Outcome:
    """What the mailbox simulator does with ``recipient`` (others: delivered)."""
    local, _, domain = mailbox(recipient).rpartition("@")
    if domain.lower() != SIMULATOR_DOMAIN:
        return "success"
    name = local.partition("+")[0].lower()
    for known in _SIMULATED:
        if name == known:
            return known
    return "success"


def _stamp(at: datetime) -> str:
    return at.strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.microsecond // 1000:03d}Z"


def _headers(sent: SentMessage) -> list[dict[str, str]]:
    if sent.raw is not None:
        message = read_raw(sent.raw).message
        return [{"name": k, "value": " ".join(str(v).split())} for k, v in message.raw_items()]
    headers = [{"name": "From", "value": sent.source}]
    for name, values in (("To", sent.to), ("Cc", sent.cc), ("Reply-To", sent.reply_to)):
        if values:
            headers.append({"name": name, "value": ", ".join(values)})
    headers.append({"name": "Subject", "value": sent.subject or ""})
    return headers


def _bounce(recipients: list[str], subtype: str, at: str) -> dict[str, Any]:
    if subtype == "Suppressed":
        diagnostic = (
            "Amazon SES has suppressed sending to this address because it has a recent "
            "history of bouncing as an invalid address."
        )
    else:
        diagnostic = "smtp; 550 5.1.1 user unknown"
    body: dict[str, Any] = {
        "bounceType": "Permanent",
        "bounceSubType": subtype,
        "bouncedRecipients": [
            {
                "emailAddress": r,
                "action": "failed",
                "status": "5.1.1",
                "diagnosticCode": diagnostic,
            }
            for r in recipients
        ],
        "timestamp": at,
        "feedbackId": _feedback_id(),
        "reportingMTA": f"dsn; {_REPORTING_MTA}",
    }
    if subtype != "Suppressed":
        body["remoteMtaIp"] = _REMOTE_MTA_IP
    return body


def _feedback_id() -> str:
    return f"0100{hex_digits(12)}-{uuid4()}-000000"


def new_feedback_id() -> str:
    """A feedbackId shaped like SES's (for what a feedback leaves elsewhere)."""
    return _feedback_id()


# A recipient on the account-level suppression list (real notifications, README's
# behaviour table): SES accepted the message and sent it nowhere.
ON_ACCOUNT_SUPPRESSION_LIST = "OnAccountSuppressionList"
_ACCOUNT_SUPPRESSED_DIAGNOSTIC = (
    "Amazon SES did not send the message to this address because it is on the suppression "
    "list for your account. For more information about removing addresses from the "
    "suppression list, see the Amazon SES Developer Guide at "
    "https://docs.aws.amazon.com/ses/latest/DeveloperGuide/sending-email-suppression-list.html"
)


# A contact that unsubscribed (list management): SES bounces the message (Developer
# Guide, "Using list management"); the subtype and text are chosen.
_UNSUBSCRIBED_DIAGNOSTIC = (
    "Amazon SES did not send the message to this address because the contact unsubscribed "
    "from the topic or from the contact list."
)


def _account_suppressed_bounce(
    recipients: list[str],
    at: str,
    subtype: str = ON_ACCOUNT_SUPPRESSION_LIST,
    diagnostic: str = _ACCOUNT_SUPPRESSED_DIAGNOSTIC,
) -> dict[str, Any]:
    return {
        "feedbackId": _feedback_id(),
        "bounceType": "Permanent",
        "bounceSubType": subtype,
        "bouncedRecipients": [
            {
                "emailAddress": r,
                "action": "failed",
                "status": "5.1.1",
                "diagnosticCode": diagnostic,
            }
            for r in recipients
        ],
        "timestamp": at,
        "reportingMTA": "dns; amazonses.com",
    }


def _account_suppressed_complaint(recipients: list[str], at: str) -> dict[str, Any]:
    return {
        "feedbackId": _feedback_id(),
        "complaintSubType": ON_ACCOUNT_SUPPRESSION_LIST,
        "complainedRecipients": [{"emailAddress": r} for r in recipients],
        "timestamp": at,
    }


def _fates(sent: SentMessage) -> tuple[dict[str, list[str]], list[str]]:
    """The send's recipients by what the mailbox simulator does with them, and those
    delivered, in order. A recipient on the account-level suppression list
    (``sent.suppressed``) is not delivered: its fate is ``"account_suppressed"`` (an entry
    of reason BOUNCE: a Bounce, Permanent/OnAccountSuppressionList) or
    ``"account_suppressed_complaint"`` (reason COMPLAINT: a Complaint whose
    complaintSubType is OnAccountSuppressionList). A contact that unsubscribed from the
    send's topic or list: ``"unsubscribed"``, a Bounce, Permanent/General (chosen)."""
    fates: dict[str, list[str]] = {}
    delivered: list[str] = []
    suppressed = sent.suppressed
    listed = sent.list_management
    unsubscribed = () if listed is None else listed.unsubscribed
    for recipient in sent.destinations:
        if unsubscribed and recipient in unsubscribed:  # list management: bounced
            fates.setdefault("unsubscribed", []).append(mailbox(recipient))
            continue
        if suppressed and mailbox(recipient) in suppressed:
            reason = suppressed[mailbox(recipient)]
            fate = "account_suppressed" if reason == "BOUNCE" else "account_suppressed_complaint"
            fates.setdefault(fate, []).append(mailbox(recipient))
            continue
        fate = outcome(recipient)
        fates.setdefault(fate, []).append(mailbox(recipient))
        if fate in ("success", "ooto", "complaint"):
            delivered.append(mailbox(recipient))
    return fates, delivered


class Notifications:
    """The feedback notifications the identities' topics took (``recorded``), and the
    bounces and complaints each send counts. Handed the account's sending state (for the
    statistics), the identity settings (topics, headers) and the account id."""

    def __init__(
        self, account_state: AccountState, settings: IdentitySettings, account_id: str
    ) -> None:
        self.account_state = account_state
        self.settings = settings
        self.account_id = account_id
        self.recorded: list[Notification] = []

    def _mail(
        self, sent: SentMessage, identity: Identity, headers: bool, owner_id: str | None
    ) -> dict[str, Any]:
        account_id = self.account_id
        owner = account_id if owner_id is None else owner_id  # the identity's ARN is its owner's
        mail: dict[str, Any] = {
            "timestamp": _stamp(sent.sent_at),
            "messageId": sent.message_id,
            "source": sent.source,
            "sourceArn": f"arn:aws:ses:{sent.region}:{owner}:identity/{identity.name}",
            "sourceIp": "127.0.0.1",
            "sendingAccountId": account_id,
            "callerIdentity": "pytest-ses-verify",
            "destination": [mailbox(r) for r in sent.destinations],
        }
        if headers:
            mail["headersTruncated"] = False
            mail["headers"] = _headers(sent)
            common: dict[str, Any] = {"from": [sent.source], "to": sent.to or sent.destinations}
            if sent.cc:
                common["cc"] = sent.cc
            if sent.reply_to:
                common["replyTo"] = sent.reply_to
            common["messageId"] = sent.message_id
            if sent.subject is not None:
                common["subject"] = sent.subject
            mail["commonHeaders"] = common
        return mail

    def mail_object(
        self, sent: SentMessage, identity: Identity, owner_id: str | None = None
    ) -> dict[str, Any]:
        """The send's ``mail`` object, with its headers (event records' too)."""
        return self._mail(sent, identity, True, owner_id)

    def feedback_messages(
        self,
        sent: SentMessage,
        identity: Identity,
        wanted: Container[NotificationType] = ("Delivery", "Bounce", "Complaint"),
        known: tuple[dict[str, list[str]], list[str]] | None = None,
        settings: IdentitySettings | None = None,
        owner_id: str | None = None,
    ) -> list[tuple[NotificationType, dict[str, Any]]]:
        """The ``wanted`` notifications the send causes: (type, message). Several
        recipients with one fate share one notification. ``known``: :func:`_fates` of the
        send, if known."""
        fates, delivered = _fates(sent) if known is None else known
        headers = (settings or self.settings).feedback_of(sent.region, identity).headers
        at = _stamp(sent.sent_at)
        found: list[tuple[NotificationType, dict[str, Any]]] = []

        def message(kind: NotificationType, key: str, body: dict[str, Any]) -> None:
            mail = self._mail(sent, identity, kind in headers, owner_id)
            found.append((kind, {"notificationType": kind, "mail": mail, key: body}))

        if delivered and "Delivery" in wanted:
            delivery = {
                "timestamp": at,
                "processingTimeMillis": 0,
                "recipients": delivered,
                "smtpResponse": "250 2.6.0 Message received",
                "remoteMtaIp": _REMOTE_MTA_IP,
                "reportingMTA": _REPORTING_MTA,
            }
            message("Delivery", "delivery", delivery)
        for fate, subtype in (("bounce", "General"), ("suppressionlist", "Suppressed")):
            if fate in fates and "Bounce" in wanted:
                message("Bounce", "bounce", _bounce(fates[fate], subtype, at))
        if "complaint" in fates and "Complaint" in wanted:
            complaint = {
                "complainedRecipients": [{"emailAddress": r} for r in fates["complaint"]],
                "timestamp": at,
                "feedbackId": _feedback_id(),
                "userAgent": "Amazon SES Mailbox Simulator",
                "complaintFeedbackType": "abuse",
                "arrivalDate": at,
            }
            message("Complaint", "complaint", complaint)
        if "account_suppressed" in fates and "Bounce" in wanted:
            message("Bounce", "bounce", _account_suppressed_bounce(fates["account_suppressed"], at))
        if "unsubscribed" in fates and "Bounce" in wanted:
            body = _account_suppressed_bounce(
                fates["unsubscribed"], at, "General", _UNSUBSCRIBED_DIAGNOSTIC
            )
            message("Bounce", "bounce", body)
        if "account_suppressed_complaint" in fates and "Complaint" in wanted:
            complained = fates["account_suppressed_complaint"]
            message("Complaint", "complaint", _account_suppressed_complaint(complained, at))
        return found

    def notify(
        self,
        sent: SentMessage,
        identity: Identity | None,
        now: datetime,
        settings: IdentitySettings | None = None,
        owner_id: str | None = None,
    ) -> list[Notification]:
        """Count the send's bounces and complaints (GetSendStatistics) and record the
        notifications the sending identity's topics take (``recorded``). ``settings``
        and ``owner_id``: another account's, when the identity is that account's."""
        if identity is None:  # pragma: no cover - an accepted send always has one
            return []
        known = _fates(sent)
        fates = known[0]
        if "bounce" in fates or "suppressionlist" in fates or "complaint" in fates:
            bounces = len(fates.get("bounce", ())) + len(fates.get("suppressionlist", ()))
            self.account_state.record_feedback(
                sent.region, now, bounces, len(fates.get("complaint", ()))
            )
        topics = (settings or self.settings).feedback_of(sent.region, identity).topics
        if not topics:
            return []
        recorded = [
            Notification(kind, topics[kind], message, now, sent.region)
            for kind, message in self.feedback_messages(
                sent, identity, topics, known, settings, owner_id
            )
        ]
        self.recorded.extend(recorded)
        return recorded
