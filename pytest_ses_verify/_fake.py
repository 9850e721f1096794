"""The fixture's object: the test's remote control of the fake SES account.

``SesVerification`` is what a test holds: it moves the clock, clicks links,
publishes DNS records, presets identities, injects faults and reads the records.
Calls from the code under test reach the account through the wiring and the
dispatcher (``_service``), not through here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, Literal

from . import _clock, _protocol, _wiring
from ._errors import UsageError
from ._options import (
    Options,
    Unsupported,
    check_identity,
    check_optional_str,
    check_preset,
    check_send_quota,
    check_status,
    duration,
    quoted_list,
)
from ._seeding import checked_point
from ._service import SERVICES, Canned, Fault, Service, SesCall
from .model.account_state import ENFORCEMENT_STATUSES, EnforcementStatus
from .model.contact_lists import Contact
from .model.dns import (
    RECORD_TYPES,
    Record,
    dkim_records,
    mail_from_mx,
    mail_from_spf,
    normalised,
    txt_record,
)
from .model.errors import InvalidParameter, ModelError
from .model.event_bodies import DELAY_TYPES
from .model.events import Delay, Event, UnknownMessage
from .model.identities import forget_caches, key_of
from .model.lifecycle import Status
from .model.notifications import Notification
from .model.quotas import Quota
from .model.sending import SentMessage
from .model.suppression import REASONS
from .model.templates import RenderingFailure
from .model.verification import Preset, VerificationEmail

__all__ = ["SesCall", "SesVerification", "check_status"]


def _bare(address: str) -> str:
    """The address in "Name <a@b>" or "a@b", lower-cased, for comparing recipients."""
    text = address.strip()
    if text.endswith(">") and "<" in text:
        text = text[text.rfind("<") + 1 : -1]
    return text.strip().lower()


_USER_AGENT = "Mozilla/5.0 (pytest-ses-verify)"


def _check_tracking(message_id: object, user_agent: object, ip_address: object, where: str) -> None:
    for name, value in (
        ("message_id", message_id),
        ("user_agent", user_agent),
        ("ip_address", ip_address),
    ):
        if not isinstance(value, str) or not value:
            raise UsageError(f"{where}: {name} must be a non-empty string, not {value!r}.")


class SesVerification:
    """A fake Amazon SES identity store, answering every SES client while it is active.

    The ``ses_verification`` fixture gives you one, already active. Status is computed
    from what happened to each identity and the current time, which follows freezegun,
    pytest-freezer and time-machine, and which :meth:`advance` moves.
    """

    def __init__(
        self,
        *,
        auto_verify: bool = False,
        detection_delay: timedelta = timedelta(0),
        unsupported: Unsupported = "error",
        sandbox: bool = False,
        rate_limit: bool = False,
        account_id: str = "123456789012",
        send_quota: tuple[int, float] | None = None,
        publish_notifications: bool = False,
        answer_any_thread: bool = False,
    ) -> None:
        options = Options.checked(
            "SesVerification",
            auto_verify=auto_verify,
            detection_delay=detection_delay,
            unsupported=unsupported,
            sandbox=sandbox,
            rate_limit=rate_limit,
            account_id=account_id,
            send_quota=send_quota,
            publish_notifications=publish_notifications,
            answer_any_thread=answer_any_thread,
        )
        self._service = Service(options, _wiring.has_somewhere_to_go)
        self._account = self._service.account
        self._lock = self._service.lock
        # What the wiring calls for each intercepted call: the dispatcher itself.
        self._answer = self._service.answer
        # Whether a call may leave for moto or LocalStack (and so needs all of its request).
        self._passes_through = options.unsupported == "passthrough"
        self._stop_freeze: Callable[[], None] | None = None
        # Clocks frozen before the fake was activated, and how far advance() moved them:
        # moved back when the fake ends, so that what advance() did ends with the test.
        self._outer_clocks: list[object] = []
        self._outer_moves: list[tuple[object, timedelta]] = []
        self._threads_before: set[threading.Thread] = set()
        self._owner = "a `with SesVerification()` block"
        self._ended = False

    # -- outside a fixture ---------------------------------------------------------

    def __enter__(self) -> SesVerification:
        """Activate the fake: ``with SesVerification() as ses: ...`` (unittest, Hypothesis)."""
        self._live("with SesVerification()")
        self._activate()
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        """Deactivate; then, if the block raised nothing, fail as the fixture's teardown would."""
        self._deactivate()
        problem = self._teardown_problem()
        if kind is None and problem is not None:
            raise AssertionError(problem)

    # -- the test's view ---------------------------------------------------------

    @property
    def now(self) -> datetime:
        """The fake's current time (aware, UTC): ``datetime.now(timezone.utc)``."""
        return _clock.now()

    @property
    def calls(self) -> list[SesCall]:
        """Every SES call the fake saw, in order."""
        with self._lock:
            return list(self._service.calls)

    @property
    def verification_emails(self) -> list[VerificationEmail]:
        """Every verification email the fake sent, in order."""
        with self._lock:
            return list(self._account.identities.emails)

    @property
    def outbox(self) -> list[SentMessage]:
        """Every message the fake accepted (SendEmail, SendRawEmail), in order."""
        with self._lock:
            return list(self._account.sending.outbox)

    @property
    def notifications(self) -> list[Notification]:
        """Every feedback notification an identity's SNS topic took (Delivery, Bounce,
        Complaint), in order: ``Notification(type, topic_arn, message, sent_at, region,
        published, skipped)``."""
        with self._lock:
            return list(self._account.notifications.recorded)

    @property
    def rendering_failures(self) -> list[RenderingFailure]:
        """Every templated send SES accepted but could not render, in order:
        ``RenderingFailure(message_id, template, error, data, missing)``. Such a send
        answers a MessageId, is not in the ``outbox`` and notifies nothing."""
        with self._lock:
            return list(self._account.templates.failures)

    @property
    def events(self) -> list[Event]:
        """Every event a configuration set's event destination took (Send, Delivery,
        Bounce, ..., one per destination), in order: ``Event(type, configuration_set,
        destination, message, at, region, target, target_arn, published, skipped)``.
        Deliveries that :meth:`delay_delivery` holds back are added once they are due."""
        with self._lock:
            self._service.settle_events(_clock.now())
            return list(self._account.events.recorded)

    def open(
        self, message_id: str, *, user_agent: str = _USER_AGENT, ip_address: str = "192.0.2.1"
    ) -> list[Event]:
        """A recipient opens the message (it must have an HTML part): the Open events
        its configuration set's destinations take, at the fake's current time."""
        self._live("open()")
        where = "open()"
        _check_tracking(message_id, user_agent, ip_address, where)
        with self._lock:
            since = len(self._account.events.recorded)
            try:
                made = self._account.events.open(message_id, _clock.now(), user_agent, ip_address)
            except UnknownMessage as exc:
                raise UsageError(f"{where}: {exc}") from None
            self._service.publish_events(since)
            return list(self._account.events.recorded[since:]) if made else []

    def click(
        self,
        message_id: str,
        link: str,
        *,
        user_agent: str = _USER_AGENT,
        ip_address: str = "192.0.2.1",
    ) -> list[Event]:
        """A recipient clicks ``link`` (the href of a link in the message's HTML part;
        its ``ses:tags`` become ``linkTags``): the Click events its configuration set's
        destinations take, at the fake's current time."""
        self._live("click()")
        where = "click()"
        _check_tracking(message_id, user_agent, ip_address, where)
        if not isinstance(link, str) or not link:
            raise UsageError(f"{where}: link must be a non-empty string, not {link!r}.")
        with self._lock:
            since = len(self._account.events.recorded)
            try:
                made = self._account.events.click(
                    message_id, link, _clock.now(), user_agent, ip_address
                )
            except UnknownMessage as exc:
                raise UsageError(f"{where}: {exc}") from None
            self._service.publish_events(since)
            return list(self._account.events.recorded[since:]) if made else []

    def delay_delivery(
        self,
        recipient: str,
        *,
        delay_type: str = "TransientCommunicationFailure",
        duration: timedelta | None = timedelta(hours=1),
    ) -> None:
        """Hold back deliveries to ``recipient`` in sends from now on: each takes a
        DeliveryDelay event at once and its Delivery event once the fake's clock has
        moved ``duration`` on (advance()), or a Transient bounce if that is past the
        set's maximum delivery time (14 hours unless its DeliveryOptions say).
        ``duration`` None: deliver at once again."""
        self._live("delay_delivery()")
        where = "delay_delivery()"
        if not isinstance(recipient, str) or "@" not in recipient:
            raise UsageError(f"{where}: recipient must be an email address, not {recipient!r}.")
        if delay_type not in DELAY_TYPES:
            raise UsageError(
                f"{where}: delay_type must be one of {quoted_list(DELAY_TYPES)}, not "
                f"{delay_type!r}."
            )
        if duration is not None and (
            not isinstance(duration, timedelta) or duration <= timedelta(0)
        ):
            raise UsageError(
                f"{where}: duration must be a positive datetime.timedelta or None, not "
                f"{duration!r}."
            )
        with self._lock:
            rule = None if duration is None else Delay(delay_type, duration)
            try:
                self._account.events.delay(recipient, rule)
            except ModelError as error:  # an address SES would not parse
                raise UsageError(f"{where}: recipient {recipient!r}: {error.message}") from None

    def sent_to(self, address: str) -> list[SentMessage]:
        """The accepted messages that went to ``address`` (To, Cc, Bcc or a raw message's
        Destinations; compared by bare address, case-insensitively), in order."""
        wanted = _bare(address)
        with self._lock:
            return [
                sent
                for sent in self._account.sending.outbox
                if any(_bare(recipient) == wanted for recipient in sent.destinations)
            ]

    def fail_next(
        self,
        operation: str,
        code: str,
        message: str = "Injected by pytest-ses-verify: fail_next()",
        *,
        status: int = 400,
        times: int = 1,
    ) -> None:
        """Make the next ``times`` calls of ``operation`` fail with this error.

        ``operation``: the SES name ("SendEmail") or the client method ("send_email").
        ``status`` 5xx answers carry ``Error.Type`` "Receiver". A fault still waiting
        when the test ends fails the test at teardown.
        """
        self._live("fail_next()")
        where = "fail_next()"
        name = _protocol.operation_name(operation)
        if name is None:
            raise UsageError(
                f"{where}: {operation!r} is not an SES operation." + _protocol.suggest(operation)
            )
        if not isinstance(code, str) or not code:
            raise UsageError(f"{where}: code must be an SES error code such as 'Throttling'.")
        if not isinstance(message, str):
            raise UsageError(f"{where}: message must be a string, not {message!r}.")
        if type(status) is not int or not 400 <= status <= 599:
            raise UsageError(
                f"{where}: status must be an HTTP error status (400-599), not {status!r}."
            )
        if type(times) is not int or times < 1:
            raise UsageError(f"{where}: times must be a whole number of 1 or more, not {times!r}.")
        with self._lock:
            faults = self._service.faults.setdefault(name, [])
            faults.append(Fault(name, code, message, status, times))

    def respond(self, operation: str, response: dict[str, Any], *, times: int = 1) -> None:
        """Answer the next ``times`` calls of an operation the fake does not implement with
        ``response``, checked against botocore's output shape (as a Stubber checks it):
        ``respond("GetAccount", {"SendingEnabled": True})``. Each call is recorded in
        ``calls``; a response still waiting when the test ends fails the test at teardown.
        """
        self._live("respond()")
        where = "respond()"
        name = _protocol.operation_name(operation)
        if name is None:
            raise UsageError(
                f"{where}: {operation!r} is not an SES operation." + _protocol.suggest(operation)
            )
        if not isinstance(response, dict):
            raise UsageError(f"{where}: response must be a dict of the operation's output.")
        if type(times) is not int or times < 1:
            raise UsageError(f"{where}: times must be a whole number of 1 or more, not {times!r}.")
        unanswered = [
            api for api in _protocol.services_of(name) if name not in SERVICES[api].operations
        ]
        if not unanswered:
            raise UsageError(
                f"{where}: the fake answers {name} itself; set its state up instead, or make "
                "it fail with fail_next()."
            )
        problems = [_protocol.output_problem(api, name, response) for api in unanswered]
        if all(problems):
            raise UsageError(
                f"{where}: the response does not fit {name}'s output shape: {problems[0]}"
            )
        with self._lock:
            self._service.canned.setdefault(name, []).append(Canned(name, dict(response), times))

    def advance(self, delta: timedelta | None = None, **timedelta_kwargs: float) -> None:
        """Move time forward for the fake and the code under test.

        ``advance(timedelta(hours=1))`` or ``advance(hours=1)``. Ticks the active
        freezegun freeze (``freeze_time``, pytest-freezer's ``freezer``) or time-machine
        traveller; if time is not frozen, freezes it at the current instant, moved on,
        until the test ends.
        """
        self._live("advance()")
        if delta is not None and timedelta_kwargs:
            raise UsageError(
                "advance() takes a timedelta or timedelta keywords (hours=1), not both."
            )
        if delta is None:
            delta = duration(timedelta_kwargs)
        if not isinstance(delta, timedelta):
            raise UsageError(f"advance() takes a datetime.timedelta, not {delta!r}.")
        if delta < timedelta(0):
            raise UsageError(
                f"advance() moves time forward only; got {delta!r}. To go back, use your "
                "clock library directly (freezer.move_to(...), time_machine.travel(...))."
            )
        with self._lock:
            self._apply_waiting(_clock.now())
            moved, stop = _clock.advance(delta)
            self._service.settle_events(_clock.now())
            if any(moved is clock for clock in self._outer_clocks):
                self._outer_moves.append((moved, delta))
            if stop is not None:
                self._stop_freeze = stop

    def click_verification_link(self, address: str, *, region: str | None = None) -> str | None:
        """The owner of ``address`` clicks the newest verification link.

        ``region`` None: the newest link from every region that sent one. A link
        older than 24 hours does nothing (the identity stays Failed).

        Returns where the owner's browser lands: for a custom verification email
        (SendCustomVerificationEmail), its template's ``SuccessRedirectionURL`` when the
        address is verified after the click, its ``FailureRedirectionURL`` when it is not
        (an expired link); None for the plain SES verification email.
        """
        self._live("click_verification_link()")
        where = "click_verification_link()"
        if check_identity(address, where) != "EmailAddress":
            raise UsageError(
                f"{where}: {address!r} is a domain; domains verify through DNS: "
                "use publish_txt_record()."
            )
        check_optional_str(region, "region", where)
        with self._lock:
            now = _clock.now()
            self._apply_waiting(now)
            registry = self._account.registry
            regions = [region] if region is not None else list(registry.regions)
            clicked = [r for r in regions if registry.click(r, address, now)]
            sent = any(
                e.address == address and region in (None, e.region)
                for e in self._account.identities.emails
            )
            if not clicked and not sent:
                scope = f" in {region}" if region is not None else ""
                raise UsageError(
                    f"No verification email was sent to {address!r}{scope}, so there is no "
                    "link to click. Request verification first (verify_email_identity), or "
                    "preset the address as Pending with set_identity() or "
                    "@pytest.mark.ses_identity."
                )
            return self._account.custom_templates.landing(address, regions, now)

    def publish_txt_record(self, domain: str, value: str | None = None) -> None:
        """Publish ``_amazonses.<domain>`` TXT ``value`` (DNS is global, not per region).

        ``value`` None: the domain's token from every region where it is an identity.
        """
        self._live("publish_txt_record()")
        where = "publish_txt_record()"
        with self._lock:
            now = _clock.now()
            name, values = self._txt_values(domain, value, where, now)
            for v in values:
                self._account.registry.dns.publish(txt_record(name, v), now)

    def remove_txt_record(self, domain: str, value: str | None = None) -> None:
        """Remove ``_amazonses.<domain>`` TXT ``value``; None: every region's token."""
        self._live("remove_txt_record()")
        where = "remove_txt_record()"
        with self._lock:
            now = _clock.now()
            name, values = self._txt_values(domain, value, where, now)
            dns = self._account.registry.dns
            records = [txt_record(name, v) for v in values]
            present = [r for r in records if dns.present(r, now)]
            if not present:
                record_name = records[0][0]
                raise UsageError(
                    f"{where}: no such TXT record at {record_name} to remove "
                    f"(asked for {quoted_list(values)}; in DNS now: "
                    f"{quoted_list(dns.values(record_name, now)) or 'none'})."
                )
            for record in present:
                dns.withdraw(record, now)

    def publish_dkim_records(self, domain: str) -> None:
        """Publish the three DKIM CNAMEs ``<token>._domainkey.<domain>`` of every region
        where ``domain`` asked for Easy DKIM, or, with BYODKIM, the TXT record
        ``<selector>._domainkey.<domain>`` holding the key's public half."""
        self._live("publish_dkim_records()")
        with self._lock:
            now = _clock.now()
            for record in self._dkim_records(domain, "publish_dkim_records()", now):
                self._account.registry.dns.publish(record, now)

    def remove_dkim_records(self, domain: str) -> None:
        """Remove the domain's DKIM CNAMEs (every region's)."""
        self._live("remove_dkim_records()")
        where = "remove_dkim_records()"
        with self._lock:
            now = _clock.now()
            dns = self._account.registry.dns
            present = [r for r in self._dkim_records(domain, where, now) if dns.present(r, now)]
            if not present:
                raise UsageError(
                    f"{where}: the DKIM records of {domain!r} are not in DNS; publish them "
                    "first with publish_dkim_records()."
                )
            for record in present:
                dns.withdraw(record, now)

    def publish_mail_from_records(self, identity: str) -> None:
        """Publish the MX record (``feedback-smtp.<region>.amazonses.com``) and the SPF TXT
        record SES asks for at ``identity``'s custom MAIL FROM domain, for every region
        where one is set: ``publish_mail_from_records("example.com")``."""
        self._live("publish_mail_from_records()")
        with self._lock:
            now = _clock.now()
            dns = self._account.registry.dns
            for record in self._mail_from_records(identity, "publish_mail_from_records()", now):
                if not dns.present(record, now):
                    dns.publish(record, now)

    def remove_mail_from_records(self, identity: str) -> None:
        """Remove the MAIL FROM domain's MX and SPF records (every region's)."""
        self._live("remove_mail_from_records()")
        where = "remove_mail_from_records()"
        with self._lock:
            now = _clock.now()
            dns = self._account.registry.dns
            present = [
                r for r in self._mail_from_records(identity, where, now) if dns.present(r, now)
            ]
            if not present:
                raise UsageError(
                    f"{where}: the MAIL FROM records of {identity!r} are not in DNS; publish "
                    "them first with publish_mail_from_records()."
                )
            for record in present:
                dns.withdraw(record, now)

    def publish_record(self, name: str, kind: str, value: str) -> None:
        """Publish any DNS record, for the cases the helpers do not cover (a wrong value, a
        second MX record): ``publish_record("mail.example.com", "MX", "10 mx.example.net")``.

        ``kind``: "TXT", "CNAME" or "MX" (an MX value's priority is ignored, as SES does).
        """
        self._live("publish_record()")
        with self._lock:
            now = _clock.now()
            self._apply_waiting(now)
            self._account.registry.dns.publish(
                self._record(name, kind, value, "publish_record()"), now
            )

    def remove_record(self, name: str, kind: str, value: str) -> None:
        """Remove a DNS record published with :meth:`publish_record` (or by a helper)."""
        self._live("remove_record()")
        where = "remove_record()"
        with self._lock:
            now = _clock.now()
            self._apply_waiting(now)
            record = self._record(name, kind, value, where)
            dns = self._account.registry.dns
            if not dns.present(record, now):
                raise UsageError(
                    f"{where}: no {record[1]} record {record[2]!r} at {record[0]} to remove "
                    f"(in DNS now: {quoted_list(dns.values(record[0], now, record[1])) or 'none'})."
                )
            dns.withdraw(record, now)

    def fail_dns(self, domain: str) -> None:
        """DNS stops answering for ``domain`` and the names below it: SES keeps what it last
        saw, statuses do not move, and v2 reports ``DNS_SERVER_ERROR``. ``restore_dns()``
        ends it."""
        self._live("fail_dns()")
        self._dns_failure(domain, True, "fail_dns()")

    def restore_dns(self, domain: str) -> None:
        """DNS answers for ``domain`` again."""
        self._live("restore_dns()")
        self._dns_failure(domain, False, "restore_dns()")

    def set_identity(
        self,
        identity: str,
        status: Status = "Pending",
        *,
        region: str | None = None,
        token: str | None = None,
        dkim: Status | None = None,
        mail_from: str | None = None,
        mail_from_status: Status = "Success",
        account_id: str | None = None,
        policy: str | Mapping[str, Any] | None = None,
    ) -> None:
        """Put ``identity`` in ``status`` now, as ``@pytest.mark.ses_identity`` does.

        ``region`` None: in every region. ``token``: a domain's verification token
        (default: derived from region and domain). ``dkim``: a domain's Easy DKIM status;
        ``mail_from``: a custom MAIL FROM domain, in ``mail_from_status``. A fully set-up
        sender: ``set_identity("example.com", "Success", dkim="Success",
        mail_from="mail.example.com")``. ``account_id``: the identity is another
        account's, which the code under test sends for with an identity ARN;
        ``policy``: a sending authorization policy on it (a dict or JSON), named
        ``policy``: ``set_identity("customer.com", "Success", account_id="111122223333",
        policy={...})``.
        """
        self._live("set_identity()")
        preset = check_preset(
            identity,
            status,
            region,
            token,
            "set_identity()",
            dkim=dkim,
            mail_from=mail_from,
            mail_from_status=mail_from_status,
            account_id=account_id,
            policy=policy,
        )
        with self._lock:
            now = _clock.now()
            self._apply_waiting(now)
            self._apply(preset, now)

    def set_account(
        self,
        *,
        region: str | None = None,
        sending_enabled: bool | None = None,
        enforcement_status: EnforcementStatus | None = None,
        send_quota: tuple[int, float] | None = None,
        production_access: bool | None = None,
    ) -> None:
        """Put the account in a state now, in ``region`` or (None) in every region, those
        first used later too. Arguments left at None are unchanged.

        ``sending_enabled``: as ``UpdateAccountSendingEnabled`` sets it.
        ``enforcement_status``: "HEALTHY", "PROBATION" or "SHUTDOWN" (sending paused by AWS).
        ``send_quota``: (max per 24 hours, max per second); the rate is enforced from now.
        ``production_access``: False is the sandbox; it also decides a pending review of
        account details (True: GRANTED, False: DENIED).
        """
        self._live("set_account()")
        where = "set_account()"
        check_optional_str(region, "region", where)
        changes: dict[str, object] = {}
        for name, value in (
            ("sending_enabled", sending_enabled),
            ("production_access", production_access),
        ):
            if value is not None and not isinstance(value, bool):
                raise UsageError(f"{where}: {name} must be True, False or None, not {value!r}.")
            if value is not None:
                changes[name] = value
        if enforcement_status is not None:
            if enforcement_status not in ENFORCEMENT_STATUSES:
                raise UsageError(
                    f"{where}: enforcement_status {enforcement_status!r} is not one of "
                    f"{quoted_list(ENFORCEMENT_STATUSES)}."
                )
            changes["enforcement_status"] = enforcement_status
        quota = check_send_quota(send_quota, where)
        if quota is not None:
            changes["quota"] = Quota(float(quota[0]), quota[1])
        if not changes:
            raise UsageError(
                f"{where}: give at least one of sending_enabled, enforcement_status, "
                "send_quota, production_access."
            )
        with self._lock:
            self._apply_waiting(_clock.now())
            self._account.account_state.set_account(region, changes)

    def suppress(
        self,
        address: str,
        reason: Literal["BOUNCE", "COMPLAINT"] = "BOUNCE",
        *,
        region: str | None = None,
    ) -> None:
        """Put ``address`` on the account-level suppression list now, as
        ``PutSuppressedDestination`` does (in the sandbox too), in ``region`` or (None)
        in every region, those first used later too. A send to it is accepted and not
        delivered: it bounces ``OnAccountSuppressionList`` (see *The suppression list*).
        """
        self._live("suppress()")
        where = "suppress()"
        check_optional_str(region, "region", where)
        if not isinstance(address, str):
            raise UsageError(f"{where}: address must be a string, not {address!r}.")
        if reason not in REASONS:
            raise UsageError(f"{where}: reason {reason!r} is not one of {quoted_list(REASONS)}.")
        with self._lock:
            now = _clock.now()
            self._apply_waiting(now)
            try:
                self._account.suppression.preset(region, address, reason, now)
            except InvalidParameter as error:
                raise UsageError(f"{where}: {error.message}") from None

    def unsubscribe(
        self,
        target: str,
        *,
        contact_list: str | None = None,
        topic: str | None = None,
        region: str | None = None,
    ) -> Contact:
        """A recipient unsubscribes (SES v2 list management), as SES records it; returns
        the contact as it is now (``preferences``, ``unsubscribe_all``).

        ``target``: an outbox message's id or its unsubscribe URL
        (``SentMessage.list_management.unsubscribe_url``): its recipient unsubscribes as
        its List-Unsubscribe link does, from the message's topic, or from every topic
        when it named none, and the message's configuration set takes a Subscription
        event (``events``; published with ``publish_notifications``); a message none of
        its recipients received has no link to follow. Or an email address (no event):
        it unsubscribes from ``topic`` (None: from every topic, ``UnsubscribeAll``) of
        ``contact_list`` (None: the region's list) in ``region`` (None: the one region
        with such a list). An address that is not a contact becomes one.
        """
        self._live("unsubscribe()")
        where = "unsubscribe()"
        for value, name in ((contact_list, "contact_list"), (topic, "topic"), (region, "region")):
            check_optional_str(value, name, where)
        if not isinstance(target, str) or not target:
            raise UsageError(f"{where}: target must be a message id, a URL or an address.")
        with self._lock:
            now = _clock.now()
            self._apply_waiting(now)
            lists = self._account.contact_lists
            url = target
            if "@" not in target and not target.startswith("https://"):
                sent = [m for m in self._account.sending.outbox if m.message_id == target]
                if not sent:
                    raise UsageError(f"{where}: no message {target!r} in the outbox.")
                listed = sent[0].list_management
                if listed is None or listed.unsubscribe_url is None:
                    raise UsageError(
                        f"{where}: message {target!r} carries no unsubscribe link (SES adds "
                        "one to a send with ListManagementOptions to a single recipient)."
                    )
                url = listed.unsubscribe_url
            try:
                if "@" in target:
                    place, name = self._contact_list_of(contact_list, region, where)
                    return lists.unsubscribe(place, name, target, topic, now)
                return self._follow_link(url, target, now)
            except ModelError as error:
                raise UsageError(f"{where}: {error.message}") from None

    def _follow_link(self, url: str, target: str, now: datetime) -> Contact:
        """unsubscribe() through a message's link: the Subscription events of the
        message's configuration set, published as a call's events are."""
        link = self._account.contact_lists.link(url)
        message = self._account.subscriptions.message_of(url)
        if link is None or message is None:
            raise UsageError(f"unsubscribe(): {target!r} is no unsubscribe link SES sent.")
        since = len(self._account.events.recorded)
        contact, _ = self._account.subscriptions.unsubscribe(message.message_id, link, now)
        self._service.publish_events(since)
        return contact

    def _contact_list_of(self, name: str | None, region: str | None, where: str) -> tuple[str, str]:
        """(region, list name) that an address unsubscribes from."""
        lists = self._account.contact_lists
        regions = [region] if region is not None else lists.regions()
        found = [
            (place, held.name)
            for place in regions
            for held in lists.lists(place)
            if name in (None, held.name)
        ]
        if len(found) != 1:
            what = "no" if not found else "more than one"
            raise UsageError(
                f"{where}: {what} contact list {name or ''} in "
                f"{region or 'any region'}; give contact_list= and region=."
            )
        return found[0]

    def seed_send_statistics(
        self,
        at: datetime | timedelta,
        *,
        delivery_attempts: int = 0,
        bounces: int = 0,
        complaints: int = 0,
        rejects: int = 0,
        region: str | None = None,
    ) -> None:
        """Sends that happened before the test: ``GetSendStatistics`` counts them in the
        15-minute period holding ``at`` (an aware datetime within the last two weeks, or
        a timedelta: that long ago), and delivery attempts within 24 hours count against
        the daily quota (``SentLast24Hours``). ``region`` None: every region."""
        self._live("seed_send_statistics()")
        check_optional_str(region, "region", "seed_send_statistics()")
        counts: dict[str, object] = {
            "delivery_attempts": delivery_attempts,
            "bounces": bounces,
            "complaints": complaints,
            "rejects": rejects,
        }
        with self._lock:
            now = _clock.now()
            self._apply_waiting(now)
            point = checked_point(at, counts, now)
            self._account.account_state.seed_history(region, point)

    # -- plumbing ----------------------------------------------------------------

    def _txt_values(
        self, domain: str, value: str | None, where: str, now: datetime
    ) -> tuple[str, list[str]]:
        if check_identity(domain, where) != "Domain":
            raise UsageError(f"{where}: {domain!r} is an email address, not a domain.")
        check_optional_str(value, "value", where)
        self._apply_waiting(now)
        name = key_of(domain, "Domain")
        if value is not None:
            return name, [value]
        registry = self._account.registry
        tokens = []
        for r in registry.regions:
            identity = registry.get(r, name, "Domain")
            if identity is not None and identity.token not in tokens and identity.token:
                tokens.append(identity.token)
        if not tokens:
            raise UsageError(
                f"{where}: {domain!r} is not a domain identity in any region, so there is no "
                "token to use. Request it first (verify_domain_identity), or pass the "
                "value explicitly."
            )
        return name, tokens

    def _mail_from_records(self, identity: str, where: str, now: datetime) -> list[Record]:
        kind = check_identity(identity, where)
        self._apply_waiting(now)
        registry, name = self._account.registry, key_of(identity, kind)
        records: list[Record] = []
        for region in registry.regions:
            found = registry.get(region, name, kind)
            if found is not None and found.mail_from is not None:
                setting = found.mail_from
                for record in (mail_from_mx(setting.domain, region), mail_from_spf(setting.domain)):
                    if record not in records:
                        records.append(record)
        if not records:
            raise UsageError(
                f"{where}: {identity!r} has no custom MAIL FROM domain in any region. Set one "
                "first (set_identity_mail_from_domain, put_email_identity_mail_from_attributes)."
            )
        return records

    @staticmethod
    def _record(name: object, kind: object, value: object, where: str) -> Record:
        if not isinstance(name, str) or not name.strip(".") or not isinstance(value, str):
            raise UsageError(
                f"{where}: name and value must be strings, not {name!r} and {value!r}."
            )
        if not isinstance(kind, str) or kind.upper() not in RECORD_TYPES:
            raise UsageError(f"{where}: type {kind!r} is not one of {quoted_list(RECORD_TYPES)}.")
        return normalised((name, kind, value))

    def _dns_failure(self, domain: str, failing: bool, where: str) -> None:
        if check_identity(domain, where) != "Domain":
            raise UsageError(f"{where}: {domain!r} is an email address, not a domain.")
        with self._lock:
            now = _clock.now()
            self._apply_waiting(now)
            self._account.registry.dns.fail(key_of(domain, "Domain"), failing, now)

    def _dkim_records(self, domain: str, where: str, now: datetime) -> list[Record]:
        if check_identity(domain, where) != "Domain":
            raise UsageError(f"{where}: {domain!r} is an email address, not a domain.")
        self._apply_waiting(now)
        registry, name = self._account.registry, key_of(domain, "Domain")
        records: list[Record] = []
        for region in registry.regions:
            identity = registry.get(region, name, "Domain")
            if identity is not None and identity.dkim_tokens is not None:
                records += [r for r in dkim_records(name, identity.dkim_tokens) if r not in records]
            if identity is not None and identity.external_dkim is not None:
                record = identity.external_dkim.record(name)
                if record is None:
                    raise UsageError(
                        f"{where}: the BYODKIM private key of {domain!r} cannot be read, so "
                        "there is no public key to publish (SES never verifies such a domain)."
                    )
                if record not in records:
                    records.append(record)
        if not records:
            raise UsageError(
                f"{where}: {domain!r} has no DKIM tokens in any region. Ask for them first "
                "(verify_domain_dkim)."
            )
        return records

    def _preset_later(self, presets: Sequence[Preset]) -> None:
        """Presets applied at first use, so their time is the test body's (freeze_time)."""
        self._account.identities.preset_later(presets)

    def _apply_waiting(self, now: datetime) -> None:
        self._service.settle(now)

    def _apply(self, preset: Preset, now: datetime) -> None:
        self._account.identities.apply_preset(preset, now, _protocol.ses_regions)

    def _activate(self) -> None:
        self._outer_clocks = _clock.frozen_clocks()
        self._threads_before = set(threading.enumerate())
        _wiring.push(self)

    def _in_test(self, nodeid: str) -> None:
        """The fixture's fake: its messages name the test and point at the marker."""
        self._owner = f"test {nodeid}"
        self._service.how_to_pass = '@pytest.mark.ses_verification(unsupported="passthrough")'

    def _live(self, where: str) -> None:
        """Refuse to change a fake that has ended: what it did ended with its test."""
        if self._ended:
            raise UsageError(
                f"{where}: this SesVerification has ended (its test or `with` block is "
                "over), and an ended fake stays ended: what it did, its clock included, "
                "ended with it. Its records (outbox, calls, ...) can still be read. Use a "
                "new SesVerification() (or the ses_verification fixture) for more."
            )

    def _deactivate(self) -> None:
        self._ended = True
        _wiring.pop(
            self,
            self._threads_before,
            self._owner,
            any_thread=self._service.options.answer_any_thread,
        )
        self._threads_before = set()
        if self._stop_freeze is not None:
            stop, self._stop_freeze = self._stop_freeze, None
            stop()
        still_frozen = _clock.frozen_clocks()
        while self._outer_moves:
            clock, delta = self._outer_moves.pop()
            if any(clock is c for c in still_frozen):
                _clock.shift(clock, -delta)
        self._outer_clocks = []
        forget_caches()

    def _teardown_problem(self) -> str | None:
        """Why the test should fail at teardown, if it should."""
        return self._service.teardown_problem()
