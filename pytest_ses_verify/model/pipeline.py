"""The send pipeline: every send of both APIs (formatted, raw, templated, bulk) runs the
checks SES makes, in SES's order, then lands in the outbox.

Pure: no botocore, no pytest, no clock. An adapter hands over one :class:`Send` in SES
terms; :meth:`SendPipeline.send` lists the checks in order, one numbered step each, and
each step calls the component that owns its rule. The README's behaviour rows about the
order of a send's checks point here. A step that refuses raises the component's model
error; the steps after it do not run.
"""

from __future__ import annotations

from datetime import datetime

from .account_state import AccountState
from .addresses import mailbox
from .authorization import Delegation, context_of
from .configuration_sets import ConfigurationSets
from .contact_lists import ContactLists
from .domain_settings import DomainSettings
from .errors import InvalidParameter, MessageRejected
from .events import Events
from .identities import Identity
from .list_delivery import PLACEHOLDER, ListDelivery, replace_placeholder, with_headers
from .mime import (
    check_raw_size,
    header_sender,
    message_tags,
    raw_envelope,
    read_headers,
    read_raw,
    without_ses_headers,
)
from .notifications import Notifications
from .render import InvalidTemplate, MissingAttribute
from .send import MissingSource, Send, TemplateRef
from .sending import SentMessage, check_recipient_count, check_tags, message_id
from .suppression import SuppressionList
from .templates import EmailTemplates, inline_template, render_parts, sent_data
from .tenants import Tenants
from .verification import Identities

__all__ = ["MAX_DESTINATIONS", "MissingSource", "Send", "SendPipeline", "TemplateRef"]

MAX_DESTINATIONS = 50  # of a bulk send


class SendPipeline:
    """Runs every send through SES's checks (:meth:`send`) and keeps what was sent
    (``outbox``)."""

    def __init__(
        self,
        *,
        identities: Identities,
        domain_settings: DomainSettings,
        account_state: AccountState,
        configuration_sets: ConfigurationSets,
        tenants: Tenants,
        templates: EmailTemplates,
        notifications: Notifications,
        delegation: Delegation,
        suppression: SuppressionList | None = None,
        contact_lists: ContactLists | None = None,
        events: Events | None = None,
    ) -> None:
        self.contact_lists = contact_lists or ContactLists()
        self.identities = identities
        self.suppression = suppression or SuppressionList()
        self.delegation = delegation
        self.domain_settings = domain_settings
        self.account_state = account_state
        self.configuration_sets = configuration_sets
        self.tenants = tenants
        self.templates = templates
        self.notifications = notifications
        self.events = events
        self.outbox: list[SentMessage] = []

    def send(self, region: str, send: Send, now: datetime) -> SentMessage:
        """SES's checks of a send, in SES's order (README's behaviour table), each in the
        component that owns the rule; then the outbox, the quota's count, notifications."""
        check_tags(send.tags)  # 1. message tags: names, then values (sending)
        if send.no_source is not None and not send.source:  # 2. a source, asked first
            raise MissingSource(send.no_source)
        if send.template is not None:  # 3. the template and its data, rendered (templates)
            self._template(region, send, now)
        if send.raw is not None:  # 4. a raw message: size, From, recipients, envelope (mime)
            self._size_and_headers(send)
        self.account_state.check_sending_enabled(region)  # 5. the account's sending
        self._addresses(send)  # 6. the source and 1 to 50 recipients parse (addresses)
        if send.configuration_set is not None:  # 7. the named set exists
            self.configuration_sets.get(region, send.configuration_set)
        # 8. every address the message uses verified (identities), then the identity
        # ARNs' policies (authorization)
        self._verified_sender(region, send, now)
        send.mail_from = self.domain_settings.mail_from_of(send.identity, now)  # 9. MAIL FROM
        # 10. the set it uses (the identity's default when it names none), not paused
        send.used_configuration_set = self.configuration_sets.applied(
            region, send.configuration_set, None if send.owner else send.identity
        )
        if send.tenant is not None:  # 11. the tenant and its resources (tenants)
            self._tenant(region, send)
        if send.list_management is not None:  # 12. the contact list and topic (contact_lists)
            self.contact_lists.check_send(region, *send.list_management)
        self.account_state.check_quota(region, now)  # 13. the daily quota, then the rate
        return self._record(region, send, now)

    def check_bulk(
        self, region: str, source: str, count: int, now: datetime, source_arn: str | None = None
    ) -> None:
        """What a bulk send checks once for the whole call, before its template: at most
        50 destinations, and a verified source (README's behaviour table)."""
        if count > MAX_DESTINATIONS:
            raise InvalidParameter(f"Destination count exceeds {MAX_DESTINATIONS}.")
        send = Send("ses", source, source_arn=source_arn, action="ses:SendBulkTemplatedEmail")
        self._verified_sender(region, send, now)

    # -- the steps that are more than one call ---------------------------------------

    def _template(self, region: str, send: Send, now: datetime) -> None:
        """A data error refuses the send; a value missing from the data does not (SES
        renders after it answers): the send goes on, and is recorded as a failure."""
        ref = send.template
        if isinstance(ref, str):
            template = self.templates.get(region, ref)
        else:
            assert ref is not None
            template = inline_template(*ref, now)
        data = sent_data(send.template_data)
        if send.list_management is not None:  # SES's placeholder, replaced when recorded
            data.setdefault("amazonSESUnsubscribeUrl", PLACEHOLDER)
        send.used_template = template
        try:
            send.subject, send.text, send.html = render_parts(template, data)
        except (MissingAttribute, InvalidTemplate) as error:
            send.rendering_failure = str(error)
            send.missing = error.name if isinstance(error, MissingAttribute) else None

    def _size_and_headers(self, send: Send) -> None:
        """The headers say what the request does not."""
        assert send.raw is not None
        check_raw_size(send.raw, send.raw_limit)
        raw = read_raw(send.raw)
        message = raw.message
        found_ses = read_headers(send.raw, message)
        found = header_sender(message)
        if not send.source:
            if found is None:
                raise MissingSource("Missing required header 'From'.")
            send.source, send.sender = found
        else:
            send.header_from = found
        send.header_sender = header_sender(message, "Sender")
        self._ses_headers(send, found_ses)
        headers = raw_envelope(raw)
        # Its To, Cc and Bcc headers' addresses, read once.
        send.recipients = send.recipients or headers["to"] + headers["cc"] + headers["bcc"]
        subject = message.get("Subject")
        send.subject = None if subject is None else str(subject)
        send.text, send.html, send.attachments = raw.text, raw.html, headers["attachments"]
        send.to = headers["to"] if send.to is None else send.to
        send.cc = headers["cc"] if send.cc is None else send.cc
        send.bcc = headers["bcc"] if send.bcc is None else send.bcc
        send.reply_to = send.reply_to or headers["reply_to"]
        send.return_path = send.return_path or headers["return_path"]

    @staticmethod
    def _ses_headers(send: Send, found: dict[str, str]) -> None:
        """SES's own headers stand in for the parameters a request leaves out: the
        configuration set, message tags (checked as ``Tags``), the identity ARNs."""
        if not found:
            return
        if send.configuration_set is None:
            send.configuration_set = found.get("x-ses-configuration-set")
        if not send.tags and "x-ses-message-tags" in found:
            send.tags = message_tags(found["x-ses-message-tags"])
            check_tags(send.tags)
        send.source_arn = send.source_arn or found.get("x-ses-source-arn")
        send.from_arn = send.from_arn or found.get("x-ses-from-arn")
        send.return_path_arn = send.return_path_arn or found.get("x-ses-return-path-arn")
        assert send.raw is not None  # what the recipients get: without SES's headers
        send.delivered = without_ses_headers(send.raw)

    def _addresses(self, send: Send) -> None:
        mailbox((send.source or "") if send.sender is None else send.sender)
        if send.return_path:
            mailbox(send.return_path)
        recipients = send.recipients
        if not recipients:
            raise InvalidParameter("Missing required header 'To'.")
        check_recipient_count(recipients)
        for recipient in recipients:
            mailbox(recipient)

    def _verified_sender(self, region: str, send: Send, now: datetime) -> None:
        """Every address the message uses verified (and, in the sandbox, each recipient);
        an address sent through an identity ARN is the owner's identity, which its
        policies must let the caller use. A refusal for an unverified address counts as
        a reject."""
        source = send.source or ""
        bare = mailbox(source) if send.sender is None else send.sender
        from_arn = send.from_arn or send.source_arn
        # Every address the message uses: its From and Sender headers (as sent), its
        # source, its Return-Path (README's behaviour table: the order is chosen), each
        # with the identity ARN that stands for it.
        if send.sender is None:
            used = [(source, bare, send.source_arn)]
        else:  # the source is the From header, and SES's source its bare address
            used = [(source, bare, from_arn), (bare, bare, from_arn)]
        if send.header_from is not None:
            used.insert(0, (*send.header_from, from_arn))
        if send.header_sender is not None:
            used.insert(1 if send.header_from else 0, (*send.header_sender, None))
        if send.return_path:
            arn = send.return_path_arn or send.source_arn
            used.append((send.return_path, mailbox(send.return_path), arn))
        delegated = self._delegated(region, used, now) if from_arn or send.return_path_arn else {}
        try:
            send.identity = self.identities.check_sending(
                region,
                [(shown, address) for shown, address, _ in used],
                bare,
                send.recipients or (),
                now,
                sandbox=self.account_state.sandboxed(region),
                delegated={place: found[0] for place, found in delegated.items()},
            )
        except MessageRejected:
            self.account_state.record_reject(region, now)
            raise
        if delegated:
            self._authorized(region, send, used, delegated, now)

    def _delegated(
        self, region: str, used: list[tuple[str, str, str | None]], now: datetime
    ) -> dict[int, tuple[Identity | None, str]]:
        """The identities the ARNs name (by place in ``used``), and their owners."""
        return {
            place: self.delegation.identity(region, shown, address, arn, now)
            for place, (shown, address, arn) in enumerate(used)
            if arn is not None
        }

    def _authorized(
        self,
        region: str,
        send: Send,
        used: list[tuple[str, str, str | None]],
        delegated: dict[int, tuple[Identity | None, str]],
        now: datetime,
    ) -> None:
        """Each owner's policies let the caller send (Developer Guide, "Sending
        authorization"); a send whose source is another account's identity notifies
        through that identity's topics."""
        action = send.action or (
            "ses:SendRawEmail"
            if send.raw is not None
            else "ses:SendTemplatedEmail"
            if send.template is not None
            else "ses:SendEmail"
        )
        shown_from = send.header_from[0] if send.header_from else send.source or ""
        context = context_of(
            shown_from,
            send.recipients or (),
            send.return_path,
            "1" if send.service == "ses" else "2",
        )
        for place, (identity, owner) in delegated.items():
            arn = used[place][2]
            assert identity is not None  # check_sending refused the rest
            assert arn is not None
            self.delegation.check_policies(region, identity, owner, arn, action, context, now)
            if identity is send.identity and owner != self.delegation.account_id:
                send.owner = owner

    def _tenant(self, region: str, send: Send) -> None:
        assert send.tenant is not None  # the v2 send's TenantName
        used = send.used_template
        self.tenants.check_send(
            region,
            send.tenant,
            send.identity,
            send.used_configuration_set,
            None if used is None else used.name or None,
        )

    # -- what an accepted send leaves ------------------------------------------------

    def _listed(self, region: str, send: Send, now: datetime) -> ListDelivery:
        """ListManagementOptions (contact_lists): the recipients become contacts; to a
        single recipient, the unsubscribe link in the text and HTML bodies (a raw
        message's are left as they are) and the List-Unsubscribe headers."""
        assert send.list_management is not None
        recipients = [(given, mailbox(given)) for given in send.recipients or ()]
        listed = self.contact_lists.deliver(region, *send.list_management, recipients, now)
        url = listed.unsubscribe_url
        if url is not None:
            if send.raw is None:
                send.text = replace_placeholder(send.text, url)
                send.html = replace_placeholder(send.html, url)
            else:
                raw = send.raw if send.delivered is None else send.delivered
                send.delivered = with_headers(raw, listed.headers)
        return listed

    def _record(self, region: str, send: Send, now: datetime) -> SentMessage:
        """The outbox (not for a send that did not render: a rendering failure), the
        quota's count and the notifications."""
        template = send.used_template
        recipients = send.recipients or []
        # The account-level suppression list: accepted, not delivered to those on it.
        used = send.used_configuration_set
        reasons = self.suppression.applicable(
            region, None if used is None else self.configuration_sets.find(region, used)
        )
        failure = send.rendering_failure
        listed = None
        if send.list_management is not None and failure is None:
            listed = self._listed(region, send, now)
        sent = SentMessage(
            message_id(now, region),
            send.source or "",
            recipients,
            send.subject,
            send.text,
            send.html,
            send.raw if send.delivered is None else send.delivered,
            region,
            now,
            mail_from_domain=send.mail_from,
            configuration_set=send.used_configuration_set,
            tenant=send.tenant,
            to=list(send.to or ()),
            cc=list(send.cc or ()),
            bcc=list(send.bcc or ()),
            reply_to=list(send.reply_to),
            return_path=send.return_path,
            tags={tag["Name"]: tag["Value"] for tag in send.tags},
            service=send.service,
            attachments=list(send.attachments),
            template=None if template is None else template.name or None,
            template_data=send.template_data,
            suppressed=self.suppression.suppressed(region, recipients, reasons),
            list_management=listed,
        )
        if failure is not None and template is not None:
            # Accepted (it counts against the quota) but not delivered: no delivery
            # attempt, no notification, a Rendering Failure instead.
            self.account_state.record_send(region, recipients, now, delivered=False)
            self.templates.record_failure(
                sent.message_id, template, failure, send.template_data, send.missing
            )
            if self.events is not None:  # a Rendering Failure event
                name = template.name or None
                self.events.rendering_failure(sent, send.identity, name, failure, now, send.owner)
            return sent
        rejected = self.events is not None and self.events.rejects(sent)
        if rejected:
            # Accepted, then rejected for a virus: no delivery, no notification, a Reject
            # event (and a reject in the statistics).
            self.account_state.record_send(region, recipients, now, delivered=False)
            self.account_state.record_reject(region, now)
        else:
            self.outbox.append(sent)
            self.account_state.record_send(region, recipients, now)
            owner = None if send.owner is None else self.delegation.owner(send.owner)[1]
            # The mailbox simulator's bounces and complaints are not added to the list
            # (its bounce address "isn't placed on the Amazon SES suppression list").
            self.notifications.notify(sent, send.identity, now, owner, send.owner)
        if self.events is not None:  # the configuration set's event destinations
            operation = _operation(send)
            self.events.on_send(sent, send.identity, operation, now, send.owner, rejected)
        return sent


def _operation(send: Send) -> str:
    """The operation a send came through (its ``ses:operation`` tag)."""
    if send.action is not None:
        bulk = send.action.removeprefix("ses:")
        return "SendBulkEmail" if send.service == "sesv2" else bulk
    if send.service == "sesv2":
        return "SendEmail"
    if send.raw is not None:
        return "SendRawEmail"
    return "SendTemplatedEmail" if send.template is not None else "SendEmail"
