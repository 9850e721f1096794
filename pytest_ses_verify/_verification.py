"""The fixture's object: the fake SES backend a test talks to, and the test's controls."""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any, Literal, NamedTuple, get_args

from botocore.awsrequest import AWSResponse

from . import _botocore, _clock
from ._errors import UnsupportedOperationError, UsageError
from ._responses import SesError, error, json_error, json_success, success
from .api.ses_v1 import ERRORS as V1_ERRORS
from .api.ses_v1 import IDENTITY_OPERATIONS as V1_IDENTITY_OPERATIONS
from .api.ses_v1 import MAP_MEMBERS, Operation
from .api.ses_v1 import OPERATIONS as V1
from .api.ses_v2 import ERRORS as V2_ERRORS
from .api.ses_v2 import IDENTITY_OPERATIONS as V2_IDENTITY_OPERATIONS
from .api.ses_v2 import OPERATIONS as V2
from .api.ses_v2 import UnsupportedFeature, v2_error
from .model.account import Account, VerificationEmail
from .model.dns import Record, dkim_records, txt_record
from .model.errors import ModelError
from .model.identities import Kind, Registry, forget_caches, key_of, kind_of
from .model.lifecycle import STATUSES, Status
from .model.sending import SentMessage

Unsupported = Literal["error", "passthrough"]
UNSUPPORTED_CHOICES: tuple[Unsupported, ...] = get_args(Unsupported)
# The longest detection delay: beyond a year SES would never see anything anyway.
MAX_DETECTION_DELAY = timedelta(days=365)


class SesCall(NamedTuple):
    """One SES call the fake saw.

    ``params`` is a copy of the caller's keyword arguments, taken at the call;
    ``response`` is the response the caller got back (the same object); ``error`` is the ``Error``
    member of an error answer (``Code``, ``Message``; v1 errors also ``Type``). A
    call passed on with ``unsupported="passthrough"`` has neither. ``service`` is
    ``"ses"`` (v1) or ``"sesv2"``.
    """

    operation: str
    region: str
    params: dict[str, Any]
    response: dict[str, Any] | None
    error: dict[str, str] | None
    service: str = "ses"


class Api(NamedTuple):
    """How one SES API version is answered."""

    name: str
    label: str
    operations: dict[str, Operation]
    identity_operations: frozenset[str]
    map_members: frozenset[str]
    success: Callable[..., tuple[AWSResponse, dict[str, Any]]]
    error: Callable[..., tuple[AWSResponse, dict[str, Any]]]
    translate: Callable[[SesError], SesError]
    errors: dict[type[ModelError], tuple[str, int]]

    def model_error(self, err: ModelError) -> SesError:
        """What the model refused, as this API answers it."""
        code, status = self.errors[type(err)]
        return SesError(code, err.message, status)


SERVICES = {
    "ses": Api(
        "ses",
        "SES",
        V1,
        V1_IDENTITY_OPERATIONS,
        MAP_MEMBERS,
        success,
        error,
        lambda e: e,
        V1_ERRORS,
    ),
    "sesv2": Api(
        "sesv2",
        "SES v2",
        V2,
        V2_IDENTITY_OPERATIONS,
        frozenset(),
        json_success,
        json_error,
        v2_error,
        V2_ERRORS,
    ),
}


class Fault:
    """An error injected with ``fail_next()``: the next ``times`` calls of an operation."""

    def __init__(self, operation: str, code: str, message: str, status: int, times: int) -> None:
        self.operation, self.code, self.message = operation, code, message
        self.status, self.left = status, times

    def __repr__(self) -> str:
        return f"{self.operation} -> {self.code} ({self.left} left)"


class Preset(NamedTuple):
    """An identity put in a state by a marker or by ``set_identity``; region None: every region."""

    identity: str
    kind: Kind
    status: Status
    region: str | None
    token: str | None


def _copy(value: Any) -> Any:
    """A copy of the mappings and sequences in the caller's parameters (plain dicts and
    lists, whatever the caller's subclasses); strings, bytes and streams are shared."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_copy(v) for v in value]
    return value


def _timedelta(keywords: dict[str, float]) -> timedelta:
    """``timedelta(**keywords)`` for advance(), or a UsageError naming the bad keyword."""
    for name, value in keywords.items():
        if isinstance(value, float) and not math.isfinite(value):
            raise UsageError(f"advance(): {name}={value!r} is not a finite number of {name}.")
    try:
        return timedelta(**keywords)
    except TypeError as exc:
        raise UsageError(
            f"advance(): {exc}. Use datetime.timedelta's keywords: weeks, days, "
            "hours, minutes, seconds, milliseconds, microseconds."
        ) from None
    except (OverflowError, ValueError) as exc:
        given = ", ".join(f"{k}={v!r}" for k, v in keywords.items())
        raise UsageError(f"advance(): {given} is not a duration Python can hold ({exc}).") from None


def _quoted_list(values: Sequence[str]) -> str:
    return ", ".join(repr(v) for v in values)


def check_status(status: object, where: str) -> Status:
    if status not in STATUSES:
        raise UsageError(
            f"{where}: status {status!r} is not one of {_quoted_list(STATUSES)}. "
            "Statuses are spelled as SES v1 spells them."
        )
    return status


def check_identity(identity: object, where: str) -> Kind:
    kind = kind_of(identity) if isinstance(identity, str) else None
    if kind is None:
        raise UsageError(
            f"{where}: identity {identity!r} is neither an email address "
            "('name@example.com') nor a domain ('example.com')."
        )
    return kind


def _check_optional_str(value: object, name: str, where: str) -> None:
    if value is not None and (not isinstance(value, str) or not value):
        raise UsageError(f"{where}: {name} must be a non-empty string or None, not {value!r}.")


def check_preset(
    identity: object, status: object, region: object, token: object, where: str
) -> Preset:
    kind = check_identity(identity, where)
    checked = check_status(status, where)
    _check_optional_str(region, "region", where)
    _check_optional_str(token, "token", where)
    if token is not None and kind != "Domain":
        raise UsageError(
            f"{where}: token is for domain identities; {identity!r} is an email address."
        )
    return Preset(identity, kind, checked, region, token)  # type: ignore[arg-type]


def check_options(
    auto_verify: object,
    detection_delay: object,
    unsupported: object,
    where: str,
    **flags: object,
) -> None:
    for name, value in {"auto_verify": auto_verify, **flags}.items():
        if not isinstance(value, bool):
            raise UsageError(f"{where}: {name} must be True or False, not {value!r}.")
    if (
        not isinstance(detection_delay, timedelta)
        or not timedelta(0) <= detection_delay <= MAX_DETECTION_DELAY
    ):
        raise UsageError(
            f"{where}: detection_delay must be a datetime.timedelta from zero to "
            f"{MAX_DETECTION_DELAY.days} days, not {detection_delay!r}."
        )
    if unsupported not in UNSUPPORTED_CHOICES:
        raise UsageError(
            f"{where}: unsupported must be one of {_quoted_list(UNSUPPORTED_CHOICES)}, "
            f"not {unsupported!r}."
        )


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
    ) -> None:
        check_options(
            auto_verify,
            detection_delay,
            unsupported,
            "SesVerification",
            sandbox=sandbox,
            rate_limit=rate_limit,
        )
        self._account = Account(
            Registry(detection_delay=detection_delay), auto_verify=auto_verify, sandbox=sandbox
        )
        self._unsupported: Unsupported = unsupported
        self._rate_limit = rate_limit
        self._last_identity_call: dict[str, datetime] = {}
        self._faults: dict[str, list[Fault]] = {}
        self._lock = threading.RLock()
        self._calls: list[SesCall] = []
        self._unsupported_calls: list[str] = []
        self._waiting: list[Preset] = []
        self._everywhere: list[tuple[Preset, datetime]] = []
        self._stop_freeze: Callable[[], None] | None = None
        # Clocks frozen before the fake was activated, and how far advance() moved them:
        # moved back when the fake ends, so that what advance() did ends with the test.
        self._outer_clocks: list[object] = []
        self._outer_moves: list[tuple[object, timedelta]] = []
        self._threads_before: set[threading.Thread] = set()
        self._owner = "a `with SesVerification()` block"

    # -- outside a fixture ---------------------------------------------------------

    def __enter__(self) -> SesVerification:
        """Activate the fake: ``with SesVerification() as ses: ...`` (unittest, Hypothesis)."""
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
            return list(self._calls)

    @property
    def verification_emails(self) -> list[VerificationEmail]:
        """Every verification email the fake sent, in order."""
        with self._lock:
            return list(self._account.emails)

    @property
    def outbox(self) -> list[SentMessage]:
        """Every message the fake accepted (SendEmail, SendRawEmail), in order."""
        with self._lock:
            return list(self._account.outbox)

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
        where = "fail_next()"
        name = _botocore.operation_name(operation)
        if name is None:
            raise UsageError(
                f"{where}: {operation!r} is not an SES operation." + _botocore.suggest(operation)
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
            self._faults.setdefault(name, []).append(Fault(name, code, message, status, times))

    def advance(self, delta: timedelta | None = None, **timedelta_kwargs: float) -> None:
        """Move time forward for the fake and the code under test.

        ``advance(timedelta(hours=1))`` or ``advance(hours=1)``. Ticks the active
        freezegun freeze (``freeze_time``, pytest-freezer's ``freezer``) or time-machine
        traveller; if time is not frozen, freezes it at the current instant, moved on,
        until the test ends.
        """
        if delta is not None and timedelta_kwargs:
            raise UsageError(
                "advance() takes a timedelta or timedelta keywords (hours=1), not both."
            )
        if delta is None:
            delta = _timedelta(timedelta_kwargs)
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
            if any(moved is clock for clock in self._outer_clocks):
                self._outer_moves.append((moved, delta))
            if stop is not None:
                self._stop_freeze = stop

    def click_verification_link(self, address: str, *, region: str | None = None) -> None:
        """The owner of ``address`` clicks the newest verification link.

        ``region`` None: the newest link from every region that sent one. A link
        older than 24 hours does nothing (the identity stays Failed).
        """
        where = "click_verification_link()"
        if check_identity(address, where) != "EmailAddress":
            raise UsageError(
                f"{where}: {address!r} is a domain; domains verify through DNS: "
                "use publish_txt_record()."
            )
        _check_optional_str(region, "region", where)
        with self._lock:
            now = _clock.now()
            self._apply_waiting(now)
            registry = self._account.registry
            regions = [region] if region is not None else list(registry.regions)
            clicked = [r for r in regions if registry.click(r, address, now)]
            sent = any(
                e.address == address and region in (None, e.region) for e in self._account.emails
            )
            if not clicked and not sent:
                scope = f" in {region}" if region is not None else ""
                raise UsageError(
                    f"No verification email was sent to {address!r}{scope}, so there is no "
                    "link to click. Request verification first (verify_email_identity), or "
                    "preset the address as Pending with set_identity() or "
                    "@pytest.mark.ses_identity."
                )

    def publish_txt_record(self, domain: str, value: str | None = None) -> None:
        """Publish ``_amazonses.<domain>`` TXT ``value`` (DNS is global, not per region).

        ``value`` None: the domain's token from every region where it is an identity.
        """
        where = "publish_txt_record()"
        with self._lock:
            now = _clock.now()
            name, values = self._txt_values(domain, value, where, now)
            for v in values:
                self._account.registry.dns.set(txt_record(name, v), True, now)

    def remove_txt_record(self, domain: str, value: str | None = None) -> None:
        """Remove ``_amazonses.<domain>`` TXT ``value``; None: every region's token."""
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
                    f"(asked for {_quoted_list(values)}; in DNS now: "
                    f"{_quoted_list(dns.values(record_name, now)) or 'none'})."
                )
            for record in present:
                dns.set(record, False, now)

    def publish_dkim_records(self, domain: str) -> None:
        """Publish the three DKIM CNAMEs ``<token>._domainkey.<domain>`` of every region
        where ``domain`` asked for DKIM (VerifyDomainDkim)."""
        with self._lock:
            now = _clock.now()
            for record in self._dkim_records(domain, "publish_dkim_records()", now):
                self._account.registry.dns.set(record, True, now)

    def remove_dkim_records(self, domain: str) -> None:
        """Remove the domain's DKIM CNAMEs (every region's)."""
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
                dns.set(record, False, now)

    def set_identity(
        self,
        identity: str,
        status: Status = "Pending",
        *,
        region: str | None = None,
        token: str | None = None,
    ) -> None:
        """Put ``identity`` in ``status`` now, as ``@pytest.mark.ses_identity`` does.

        ``region`` None: in every region. ``token``: a domain's verification token
        (default: derived from region and domain).
        """
        preset = check_preset(identity, status, region, token, "set_identity()")
        with self._lock:
            now = _clock.now()
            self._apply_waiting(now)
            self._apply(preset, now)

    # -- plumbing ----------------------------------------------------------------

    def _txt_values(
        self, domain: str, value: str | None, where: str, now: datetime
    ) -> tuple[str, list[str]]:
        if check_identity(domain, where) != "Domain":
            raise UsageError(f"{where}: {domain!r} is an email address, not a domain.")
        _check_optional_str(value, "value", where)
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
        if not records:
            raise UsageError(
                f"{where}: {domain!r} has no DKIM tokens in any region. Ask for them first "
                "(verify_domain_dkim)."
            )
        return records

    def _preset_later(self, presets: Sequence[Preset]) -> None:
        """Presets applied at first use, so their time is the test body's (freeze_time)."""
        self._waiting.extend(presets)

    def _apply_waiting(self, now: datetime) -> None:
        if self._waiting:
            waiting, self._waiting = self._waiting, []
            for preset in waiting:
                self._apply(preset, now)

    def _apply(self, preset: Preset, now: datetime) -> None:
        registry = self._account.registry
        if preset.region is not None:
            self._enter_region(preset.region)
            registry.preset(
                preset.region, preset.identity, preset.kind, preset.status, now, preset.token
            )
            return
        self._everywhere.append((preset, now))
        for region in dict.fromkeys((*_botocore.ses_regions(), *registry.regions)):
            registry.preset(region, preset.identity, preset.kind, preset.status, now, preset.token)

    def _enter_region(self, region: str) -> None:
        """A region named for the first time gets the every-region presets made so far."""
        registry = self._account.registry
        if region in registry.regions:
            return
        registry.region(region)
        for preset, at in self._everywhere:
            registry.preset(region, preset.identity, preset.kind, preset.status, at, preset.token)

    def _answer(
        self,
        service: str,
        operation: str,
        params: dict[str, Any],
        region: str,
        is_async: bool = False,
        request: dict[str, Any] | None = None,
    ) -> tuple[AWSResponse, dict[str, Any]] | None:
        """Answer one intercepted call; None lets botocore carry on (passthrough).

        ``request``: botocore's request dict, to tell whether a passed-through call
        has anywhere to go but AWS.
        """
        api = SERVICES[service]
        if self._faults and operation in self._faults:
            answer = self._injected(api, operation, params, region, is_async)
            if answer is not None:
                return answer
        run = api.operations.get(operation)
        if run is None:
            return self._not_implemented(
                api, f"operation {operation}", operation, params, region, request
            )
        with self._lock:
            now = _clock.now()
            if self._waiting:
                self._apply_waiting(now)
            if self._everywhere:
                self._enter_region(region)
            try:
                if self._rate_limit and operation in api.identity_operations:
                    self._throttle(region, now)
                try:
                    result = run(self._account, region, params, now)
                except UsageError:
                    raise
                except (TypeError, AttributeError, KeyError, ValueError):
                    # Only a client made with parameter_validation=False lets such
                    # arguments through: answer as the service answers malformed input.
                    report = _botocore.validation_report(service, operation, params)
                    if not report:
                        raise
                    raise SesError("ValidationError", report) from None
            except UnsupportedFeature as exc:
                return self._not_implemented(api, exc.feature, operation, params, region, request)
            except OverflowError:
                raise UsageError(
                    f"pytest-ses-verify: the clock ({now.isoformat()}) is too close to the "
                    "end of what Python's datetime can represent for SES's time windows. "
                    f"Keep the test's clock before {_clock.LATEST.year}."
                ) from None
            except (SesError, ModelError) as raised:
                err = api.model_error(raised) if isinstance(raised, ModelError) else raised
                http, parsed = api.error(api.translate(err), now, is_async)
                self._record(api, operation, region, params, None, parsed["Error"])
                return http, parsed
            http, parsed = api.success(operation, result, now, api.map_members, is_async)
            self._record(api, operation, region, params, parsed, None)
            return http, parsed

    def _record(
        self,
        api: Api,
        operation: str,
        region: str,
        params: dict[str, Any],
        response: dict[str, Any] | None,
        error_member: dict[str, str] | None,
    ) -> None:
        call = SesCall(operation, region, _copy(params), response, error_member, api.name)
        self._calls.append(call)

    def _throttle(self, region: str, now: datetime) -> None:
        """One identity request per second per region, on the fake's clock."""
        last = self._last_identity_call.get(region)
        if last is not None and last <= now < last + timedelta(seconds=1):
            raise SesError("Throttling", "Rate exceeded")
        self._last_identity_call[region] = now

    def _injected(
        self, api: Api, operation: str, params: dict[str, Any], region: str, is_async: bool
    ) -> tuple[AWSResponse, dict[str, Any]] | None:
        with self._lock:
            faults = self._faults.get(operation)
            if not faults:
                return None
            fault = faults[0]
            fault.left -= 1
            if fault.left == 0:
                faults.pop(0)
            err = SesError(fault.code, fault.message, fault.status)
            http, parsed = api.error(err, _clock.now(), is_async)
            self._record(api, operation, region, params, None, parsed["Error"])
            return http, parsed

    def _not_implemented(
        self,
        api: Api,
        what: str,
        operation: str,
        params: dict[str, Any],
        region: str,
        request: dict[str, Any] | None,
    ) -> tuple[AWSResponse, dict[str, Any]] | None:
        with self._lock:
            if self._unsupported == "passthrough":
                if request is None or _botocore.has_somewhere_to_go(request):
                    self._record(api, operation, region, params, None, None)
                    return None
                message = (
                    f"pytest-ses-verify does not implement {api.label} {what}, and "
                    'unsupported="passthrough" has nothing to pass it to: no moto mock_aws is '
                    "active, the client has no endpoint_url of its own and no Stubber answered. "
                    "The fake never lets a call reach AWS. Start moto's mock_aws, give the "
                    "client an endpoint_url (LocalStack), or activate a Stubber on it."
                )
            else:
                message = (
                    f"pytest-ses-verify does not implement {api.label} {what}. "
                    f"It implements {', '.join(sorted(api.operations))}. To pass such calls on "
                    "through botocore (for example to moto's mock_aws), use "
                    '@pytest.mark.ses_verification(unsupported="passthrough").'
                )
            error_member = {"Code": "UnsupportedOperation", "Message": message}
            self._record(api, operation, region, params, None, error_member)
            self._unsupported_calls.append(f"{api.label} {what}")
        raise UnsupportedOperationError(message)

    def _activate(self) -> None:
        self._outer_clocks = _clock.frozen_clocks()
        self._threads_before = set(threading.enumerate())
        _botocore.push(self)

    def _deactivate(self) -> None:
        _botocore.pop(self, self._threads_before, self._owner)
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
        problems = [p for p in (self._unsupported_problem(), self._faults_problem()) if p]
        return "\n".join(problems) or None

    def _faults_problem(self) -> str | None:
        waiting = [f for faults in self._faults.values() for f in faults]
        if not waiting:
            return None
        listed = ", ".join(
            f"{f.operation} -> {f.code} ({f.left} call{'s' if f.left > 1 else ''} left)"
            for f in waiting
        )
        return (
            f"pytest-ses-verify: errors injected with fail_next() were never used: {listed}. "
            "The code under test did not make those calls; check the operation name, or "
            "lower `times`."
        )

    def _unsupported_problem(self) -> str | None:
        if not self._unsupported_calls:
            return None
        counts: dict[str, int] = {}
        for operation in self._unsupported_calls:
            counts[operation] = counts.get(operation, 0) + 1
        listed = ", ".join(f"{op} ({n} call{'s' if n > 1 else ''})" for op, n in counts.items())
        return (
            f"pytest-ses-verify: the code under test called SES operations the fake does not "
            f"implement: {listed}. Each raised UnsupportedOperationError, even if the code "
            "caught it. Avoid these calls in this test, or pass them on with "
            '@pytest.mark.ses_verification(unsupported="passthrough").'
        )
