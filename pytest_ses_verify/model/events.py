"""Event publishing: the events SES publishes to a configuration set's event destinations.

Pure: no botocore, no pytest, no clock. A send through a set with enabled destinations
produces, for each destination whose matching types include it, the events the mailbox
simulator decides (Send, then Delivery, Bounce, Complaint; a Reject for a message with
the EICAR test string; a Rendering Failure for a templated send that did not render),
and the test's helpers add Open, Click, DeliveryDelay (a recipient's delay rule, settled
by the clock) and Subscription events. Records follow the Developer Guide's examples
("Examples of event data that Amazon SES publishes to Amazon SNS"); the mail object is
the feedback notifications' (:mod:`.notifications`) with the send's tags.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any, Literal, NamedTuple

from .addresses import mailbox
from .configuration_sets import ConfigurationSets, EventDestination
from .errors import ModelError
from .event_bodies import (
    DEFAULT_EXPIRATION,
    EICAR,
    click_body,
    delay_body,
    link_tags,
    open_body,
    transient_bounce,
)
from .identities import Identity
from .notifications import Notifications, _fates, _stamp
from .sending import SentMessage

EventType = Literal[
    "Send",
    "Reject",
    "Bounce",
    "Complaint",
    "Delivery",
    "Open",
    "Click",
    "Rendering Failure",
    "DeliveryDelay",
    "Subscription",
]
EventTarget = Literal["sns", "eventbridge", "firehose", "cloudwatch", "pinpoint"]

# Each event type's MatchingEventTypes spelling (v2's), and the record's member for it.
MATCHING: dict[EventType, str] = {
    "Send": "SEND",
    "Reject": "REJECT",
    "Bounce": "BOUNCE",
    "Complaint": "COMPLAINT",
    "Delivery": "DELIVERY",
    "Open": "OPEN",
    "Click": "CLICK",
    "Rendering Failure": "RENDERING_FAILURE",
    "DeliveryDelay": "DELIVERY_DELAY",
    "Subscription": "SUBSCRIPTION",
}
_MEMBER: dict[EventType, str] = {
    "Send": "send",
    "Reject": "reject",
    "Bounce": "bounce",
    "Complaint": "complaint",
    "Delivery": "delivery",
    "Open": "open",
    "Click": "click",
    "Rendering Failure": "failure",
    "DeliveryDelay": "deliveryDelay",
    "Subscription": "subscription",
}
# EventBridge's detail-type of each (EventBridge reference, "Amazon SES events").
DETAIL_TYPES: dict[EventType, str] = {
    "Send": "Email Sent",
    "Reject": "Email Rejected",
    "Bounce": "Email Bounced",
    "Complaint": "Email Complaint Received",
    "Delivery": "Email Delivered",
    "Open": "Email Opened",
    "Click": "Email Clicked",
    "Rendering Failure": "Email Rendering Failed",
    "DeliveryDelay": "Email Delivery Delayed",
    "Subscription": "Email Subscribed",
}
_SOURCE_IP = "127.0.0.1"
_OUTGOING_IP = "127.0.2.0"
_CALLER = "pytest-ses-verify"


class Event(NamedTuple):
    """An event SES would publish to one event destination: its ``type`` ("Send",
    "Delivery", ..., "Rendering Failure"), the ``configuration_set`` and ``destination``
    names, the ``message`` (SES's JSON, as a dict), when (``at``) and from which region;
    where it goes (``target``: "sns", "eventbridge", "firehose", "cloudwatch" or
    "pinpoint", and ``target_arn``: the topic, bus, delivery stream or application ARN;
    None for CloudWatch). ``published``: the id moto gave it (``publish_notifications``);
    ``skipped``: why it was not published."""

    type: EventType
    configuration_set: str
    destination: str
    message: dict[str, Any]
    at: datetime
    region: str
    target: EventTarget
    target_arn: str | None
    published: str | None = None
    skipped: str | None = None


class TopicPreferences(NamedTuple):
    """A contact's preferences in a Subscription event: unsubscribed from all, and each
    topic's status ("OptIn" or "OptOut")."""

    unsubscribe_all: bool
    topics: Mapping[str, str]


class Delay(NamedTuple):
    """A recipient's delivery delay: its type, how long until delivery, and the SMTP
    status and diagnostic the receiving server gave."""

    delay_type: str
    duration: timedelta
    status: str = "4.4.1"
    diagnostic: str = "smtp; 421 4.4.1 Unable to connect to remote host"


class UnknownMessage(ModelError):
    """An open, click or subscription of a message no recipient received."""


class _Tracked(NamedTuple):
    sent: SentMessage
    identity: Identity
    owner_id: str | None
    operation: str
    delivered: list[str]
    rejected: bool


class _Pending(NamedTuple):
    message_id: str
    recipient: str
    due: datetime
    expires: datetime


class Events:
    """The events the configuration sets' destinations took (``recorded``), the sends
    they can follow (opens, clicks), the recipients' delay rules and the deliveries they
    hold back. Handed the configuration sets, the notifications (their mail object and
    bodies) and the account id."""

    def __init__(self, configuration_sets: ConfigurationSets, notifications: Notifications) -> None:
        self.configuration_sets = configuration_sets
        self.notifications = notifications
        self.recorded: list[Event] = []
        self.messages: dict[str, _Tracked] = {}
        self.delays: dict[str, Delay] = {}
        self.pending: list[_Pending] = []

    @staticmethod
    def rejects(sent: SentMessage) -> bool:
        """SES accepts a message with a virus, then rejects it (the EICAR test string)."""
        parts: list[str | bytes | None] = [sent.text, sent.html, sent.raw]
        parts.extend(a.content for a in sent.attachments)
        for part in parts:
            if isinstance(part, str) and _EICAR_TEXT in part:
                return True
            if isinstance(part, bytes) and EICAR in part:
                return True
        return False

    def delay(self, recipient: str, delay: Delay | None) -> None:
        """Sends from now on to ``recipient`` are delayed (None: delivered at once)."""
        key = mailbox(recipient).lower()
        if delay is None:
            self.delays.pop(key, None)
        else:
            self.delays[key] = delay

    # -- what a send publishes ---------------------------------------------------------

    def on_send(
        self,
        sent: SentMessage,
        identity: Identity | None,
        operation: str,
        now: datetime,
        owner_id: str | None = None,
        rejected: bool | None = None,
    ) -> list[Event]:
        """An accepted send: Send, then Reject (a virus) or what the mailbox simulator
        decides: Delivery (less the delayed recipients: a DeliveryDelay each), Bounce,
        Complaint. ``rejected``: :meth:`rejects` of the send, when the caller knows it."""
        if identity is None:  # pragma: no cover - an accepted send always has one
            return []
        known = _fates(sent)
        rejected = self.rejects(sent) if rejected is None else rejected
        tracked = _Tracked(sent, identity, owner_id, operation, known[1], rejected)
        self.messages[sent.message_id] = tracked
        if not self._destined(sent):  # no enabled destination: nothing to build
            return []
        made = self._publish(tracked, "Send", {}, now)
        if rejected:
            return made + self._publish(tracked, "Reject", {"reason": "Bad content"}, now)
        delayed = [r for r in known[1] if r.lower() in self.delays]
        bodies = self.notifications.feedback_messages(sent, identity, known=known)
        for kind, message in bodies:
            body = message[kind.lower()]
            if kind == "Delivery" and delayed:
                body["recipients"] = [r for r in body["recipients"] if r not in delayed]
                if not body["recipients"]:
                    continue
            made += self._publish(tracked, kind, body, now)
        for recipient in delayed:
            made += self._delayed(tracked, recipient, now)
        return made

    def rendering_failure(
        self,
        sent: SentMessage,
        identity: Identity | None,
        template: str | None,
        error: str,
        now: datetime,
        owner_id: str | None = None,
    ) -> list[Event]:
        """A templated send that did not render: a Rendering Failure (the Developer
        Guide's example: the mail without headers, tagged with its set only)."""
        if identity is None:  # pragma: no cover - an accepted send always has one
            return []
        tracked = _Tracked(sent, identity, owner_id, "", [], True)
        body = {"errorMessage": error} | ({"templateName": template} if template else {})
        return self._publish(tracked, "Rendering Failure", body, now)

    # -- what the recipients do --------------------------------------------------------

    def open(self, message_id: str, now: datetime, user_agent: str, ip: str) -> list[Event]:
        """A recipient opens the message (its HTML part loads SES's tracking image)."""
        tracked = self._received(message_id, "open")
        if not tracked.sent.html:
            raise UnknownMessage(
                f"Message {message_id} has no HTML part: SES tracks opens with an image "
                "in the HTML part only."
            )
        return self._publish(tracked, "Open", open_body(now, user_agent, ip), now)

    def click(
        self, message_id: str, link: str, now: datetime, user_agent: str, ip: str
    ) -> list[Event]:
        """A recipient clicks ``link``, a link of the message's HTML part."""
        tracked = self._received(message_id, "click")
        html = tracked.sent.html
        text = html.decode("utf-8", "replace") if isinstance(html, bytes) else html or ""
        tags = link_tags(text, link)
        if tags is None:
            raise UnknownMessage(
                f"Message {message_id} has no link to {link!r} in its HTML part: SES "
                "tracks clicks on the HTML part's links only."
            )
        return self._publish(tracked, "Click", click_body(now, user_agent, ip, link, tags), now)

    def subscription(
        self,
        message_id: str,
        contact_list: str,
        old: TopicPreferences,
        new: TopicPreferences,
        now: datetime,
        source: str = "UnsubscribeHeader",
    ) -> list[Event]:
        """A recipient of the message changed their preferences for ``contact_list``
        (``source``: how, "UnsubscribeHeader" in the Developer Guide's example)."""
        tracked = self._received(message_id, "unsubscribe from")
        body = {
            "contactList": contact_list,
            "timestamp": _stamp(now),
            "source": source,
            "newTopicPreferences": _preferences(new),
            "oldTopicPreferences": _preferences(old),
        }
        return self._publish(tracked, "Subscription", body, now)

    def settle(self, now: datetime) -> list[Event]:
        """The held-back deliveries now due: a Delivery each, or a Transient bounce for
        those whose delay outlasts the set's maximum delivery time."""
        if not self.pending:  # on every call's path: most tests hold nothing back
            return []
        due = sorted((p for p in self.pending if min(p.due, p.expires) <= now), key=_when)
        if not due:
            return []
        self.pending = [p for p in self.pending if p not in due]
        made: list[Event] = []
        for pending in due:
            tracked = self.messages[pending.message_id]
            if pending.expires < pending.due:
                body = transient_bounce(pending.recipient, _stamp(pending.expires))
                made += self._publish(tracked, "Bounce", body, pending.expires)
                continue
            taken = pending.due - tracked.sent.sent_at
            delivery = {
                "timestamp": _stamp(pending.due),
                "processingTimeMillis": int(taken.total_seconds() * 1000),
                "recipients": [pending.recipient],
                "smtpResponse": "250 2.6.0 Message received",
                "remoteMtaIp": _OUTGOING_IP,
                "reportingMTA": "a8-70.smtp-out.amazonses.com",
            }
            made += self._publish(tracked, "Delivery", delivery, pending.due)
        return made

    def check_received(self, message_id: str, what: str) -> None:
        """Refuses (:class:`UnknownMessage`) a message no recipient received."""
        self._received(message_id, what)

    # -- building and addressing records -----------------------------------------------

    def _received(self, message_id: str, what: str) -> _Tracked:
        tracked = self.messages.get(message_id)
        if tracked is None or tracked.rejected or not tracked.delivered:
            why = (
                "no send the fake accepted has this id"
                if tracked is None
                else "SES rejected it (a virus)"
                if tracked.rejected
                else "none of its recipients received it"
            )
            raise UnknownMessage(f"No recipient can {what} message {message_id}: {why}.")
        return tracked

    def _delayed(self, tracked: _Tracked, recipient: str, now: datetime) -> list[Event]:
        rule = self.delays[recipient.lower()]
        sent = tracked.sent
        found = self.configuration_sets.find(sent.region, sent.configuration_set or "")
        seconds = None if found is None else found.max_delivery_seconds
        most = DEFAULT_EXPIRATION if seconds is None else timedelta(seconds=seconds)
        expires = sent.sent_at + most
        self.pending.append(_Pending(sent.message_id, recipient, now + rule.duration, expires))
        body = delay_body(recipient, rule.delay_type, rule.status, rule.diagnostic, now, expires)
        return self._publish(tracked, "DeliveryDelay", body, now)

    def _destined(self, sent: SentMessage) -> bool:
        """Whether the send's configuration set has an enabled event destination."""
        name = sent.configuration_set
        found = None if name is None else self.configuration_sets.find(sent.region, name)
        return found is not None and any(d.enabled for d in found.event_destinations.values())

    def _publish(
        self, tracked: _Tracked, kind: EventType, body: dict[str, Any], at: datetime
    ) -> list[Event]:
        sent = tracked.sent
        name = sent.configuration_set
        found = None if name is None else self.configuration_sets.find(sent.region, name)
        if name is None or found is None:
            return []
        wanted = MATCHING[kind]
        destinations = [
            d for d in found.event_destinations.values() if d.enabled and wanted in d.matching_types
        ]
        if not destinations:
            return []
        message = {"eventType": kind, "mail": self._mail(tracked, kind, name), _MEMBER[kind]: body}
        made = [
            Event(kind, name, d.name, _fresh(message), at, sent.region, target, arn)
            for d in destinations
            for target, arn in _targets(d)
        ]
        self.recorded.extend(made)
        return made

    def _mail(self, tracked: _Tracked, kind: EventType, name: str) -> dict[str, Any]:
        sent = tracked.sent
        mail = self.notifications.mail_object(sent, tracked.identity, tracked.owner_id)
        del mail["sourceIp"], mail["callerIdentity"]  # event records carry them as tags
        if kind in ("Rendering Failure", "DeliveryDelay"):  # the Developer Guide's examples
            for member in ("headers", "commonHeaders"):
                del mail[member]
            mail["tags"] = {"ses:configuration-set": [name]}
            return mail
        if kind == "Send" and sent.template is not None:
            # Rendered after the Send event: no subject yet, and no source ARN (AWS's
            # recorded Send event of a templated send, LocalStack's snapshot).
            del mail["sourceArn"]
            mail["headers"] = [h for h in mail["headers"] if h["name"] != "Subject"]
            mail["commonHeaders"].pop("subject", None)
        tags: dict[str, list[str]] = {
            "ses:operation": [tracked.operation],
            "ses:configuration-set": [name],
            "ses:source-ip": [_SOURCE_IP],
            "ses:from-domain": [mailbox(sent.source).rpartition("@")[2]],
        }
        tags |= {tag: [value] for tag, value in sent.tags.items()}
        tags["ses:caller-identity"] = [_CALLER]
        if kind == "Delivery":
            tags["ses:outgoing-ip"] = [_OUTGOING_IP]
        mail["tags"] = tags
        return mail


def _targets(destination: EventDestination) -> list[tuple[EventTarget, str | None]]:
    found: list[tuple[EventTarget, str | None]] = []
    if destination.sns_topic_arn is not None:
        found.append(("sns", destination.sns_topic_arn))
    if destination.event_bus_arn is not None:
        found.append(("eventbridge", destination.event_bus_arn))
    if destination.firehose is not None:
        found.append(("firehose", destination.firehose.get("DeliveryStreamArn")))
    if destination.cloudwatch is not None:
        found.append(("cloudwatch", None))
    if destination.pinpoint_arn is not None:
        found.append(("pinpoint", destination.pinpoint_arn))
    return found


def _preferences(preferences: TopicPreferences) -> dict[str, Any]:
    return {
        "unsubscribeAll": preferences.unsubscribe_all,
        "topicSubscriptionStatus": [
            {"topicName": topic, "subscriptionStatus": status}
            for topic, status in preferences.topics.items()
        ],
    }


def _when(pending: _Pending) -> datetime:
    return min(pending.due, pending.expires)


_EICAR_TEXT = EICAR.decode()


def _fresh(value: Any) -> Any:
    """A deep copy of an event's JSON-shaped message (dicts, lists, strings, numbers), in a
    fraction of ``copy.deepcopy``'s time: on every send through a set with destinations.
    Anything else is copied by ``copy.deepcopy``."""
    kind = type(value)
    if kind is dict:
        return {k: _fresh(v) for k, v in value.items()}
    if kind is list:
        return [_fresh(v) for v in value]
    if kind is str or kind is int or kind is bool or kind is float or value is None:
        return value
    return copy.deepcopy(value)
