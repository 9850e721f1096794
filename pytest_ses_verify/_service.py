"""One intercepted call in, one answer out: the dispatcher.

It looks the operation up in the adapter's table (one lookup), applies injected
faults and throttling, hands unsupported operations on or refuses them, answers
in the API's wire format, and records the call. It knows neither pytest nor
botocore's event system (the wiring calls it) and no behaviour of SES (the model
has it; the adapters translate).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from . import _clock, _notify, _protocol
from ._errors import UnsupportedOperationError, UsageError
from ._options import Options
from ._protocol import Answer, SesError, error, json_error, json_success, success
from .api import Operation, UnsupportedFeature, ses_v1, ses_v2
from .model.account import Account
from .model.errors import ModelError
from .model.identities import Registry
from .model.quotas import Quota


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
    success: Callable[..., Answer]
    error: Callable[..., Answer]
    translate: Callable[[SesError], SesError]
    errors: dict[type[ModelError], tuple[str, int]]

    def model_error(self, err: ModelError) -> SesError:
        """What the model refused, as this API answers it."""
        code, status = self.errors[type(err)]
        return SesError(code, err.message, status)


SERVICES = {
    "ses": Api("ses", "SES", ses_v1.OPERATIONS, success, error, lambda e: e, ses_v1.ERRORS),
    "sesv2": Api(
        "sesv2",
        "SES v2",
        ses_v2.OPERATIONS,
        json_success,
        json_error,
        ses_v2.v2_error,
        ses_v2.ERRORS,
    ),
}


class Canned:
    """A response given with ``respond()``: the next ``times`` calls of an operation the
    fake does not implement get it."""

    def __init__(self, operation: str, response: dict[str, Any], times: int) -> None:
        self.operation, self.response, self.left = operation, response, times

    def __str__(self) -> str:
        return f"{self.operation} ({self.left} call{'s' if self.left > 1 else ''} left)"

    __repr__ = __str__


class Fault:
    """An error injected with ``fail_next()``: the next ``times`` calls of an operation."""

    def __init__(self, operation: str, code: str, message: str, status: int, times: int) -> None:
        self.operation, self.code, self.message = operation, code, message
        self.status, self.left = status, times

    def __str__(self) -> str:
        return (
            f"{self.operation} -> {self.code} ({self.left} call{'s' if self.left > 1 else ''} left)"
        )

    __repr__ = __str__


# Most parameter values are strings: tested by exact type first, on every call's path.
_SCALARS = frozenset({str, int, bool, float, bytes, type(None)})


def copied(value: Any) -> Any:
    """A copy of the mappings and sequences in the caller's parameters (plain dicts and
    lists, whatever the caller's subclasses); strings, bytes and streams are shared."""
    if isinstance(value, dict):
        return {k: v if type(v) in _SCALARS else copied(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        if _SCALARS.issuperset(map(type, value)):  # a list of names: copied in C
            return list(value)
        return [v if type(v) in _SCALARS else copied(v) for v in value]
    return value


def quota_of(options: Options) -> Quota | None:
    """The ``send_quota`` option as the model takes it."""
    given = options.send_quota
    return None if given is None else Quota(float(given[0]), float(given[1]))


class Service:
    """The simulated account behind one fake, and every call it answered."""

    def __init__(self, options: Options, can_pass: Callable[[dict[str, Any]], bool]) -> None:
        self.account = Account(
            Registry(detection_delay=options.detection_delay),
            auto_verify=options.auto_verify,
            sandbox=options.sandbox,
            account_id=options.account_id,
            quota=quota_of(options),
            rate_limit=options.rate_limit,
        )
        # Read on every call: what the account still has to apply, what it published.
        self._identities = self.account.identities
        self._dns = self.account.registry.dns
        self._notifications = self.account.notifications.recorded
        self._events = self.account.events.recorded
        self._publish = options.publish_notifications
        self._rate_limit = options.rate_limit
        self.options = options
        self.lock = threading.RLock()
        self.calls: list[SesCall] = []
        self.faults: dict[str, list[Fault]] = {}
        self.unsupported_calls: list[str] = []
        self.canned: dict[str, list[Canned]] = {}
        self._can_pass = can_pass
        # How this fake's user turns passthrough on (the plugin: its marker).
        self.how_to_pass = 'SesVerification(unsupported="passthrough")'
        self._last_identity_call: dict[str, datetime] = {}

    def settle(self, now: datetime) -> None:
        """Apply the presets waiting for the first use of the fake."""
        self.account.identities.settle(now, _protocol.ses_regions)

    def settle_events(self, now: datetime) -> None:
        """Record (and publish) the held-back deliveries now due."""
        events = len(self._events)
        if self.account.events.settle(now):
            self.publish_events(events)

    def publish_events(self, since: int) -> None:
        """Publish the events recorded after the first ``since`` (``publish_notifications``)."""
        recorded = self._events
        if self._publish and len(recorded) > since:
            recorded[since:] = _notify.publish_events(recorded[since:])

    def answer(
        self,
        service: str,
        operation: str,
        params: dict[str, Any],
        region: str,
        is_async: bool = False,
        request: dict[str, Any] | None = None,
    ) -> Answer | None:
        """Answer one intercepted call; None lets botocore carry on (passthrough).

        ``request``: botocore's request dict, to tell whether a passed-through call
        has anywhere to go but AWS.
        """
        api = SERVICES[service]
        if self.faults and operation in self.faults:
            answer = self._injected(api, operation, params, region, is_async)
            if answer is not None:
                return answer
        found = api.operations.get(operation)
        if found is None:
            return self._not_implemented(
                api, f"operation {operation}", operation, params, region, request, is_async
            )
        with self.lock:
            now = _clock.now()
            self._dns.observe(now)  # what DNS holds now is seen (model.lifecycle)
            identities = self._identities
            if identities.waiting:
                self.settle(now)
            if identities.everywhere:
                identities.enter_region(region)
            try:
                if found.throttled and self._rate_limit:
                    self._throttle(region, now)
                self.settle_events(now)
                if self._publish:
                    noticed = len(self._notifications)
                    events = len(self._events)
                result = found.run(self.account, region, params, now)
                if self._publish and len(self._notifications) > noticed:
                    recorded = self._notifications
                    recorded[noticed:] = _notify.publish(recorded[noticed:])
                if self._publish:
                    self.publish_events(events)
            except UsageError:
                raise
            except OverflowError:
                raise UsageError(
                    f"pytest-ses-verify: the clock ({now.isoformat()}) is too close to the "
                    "end of what Python's datetime can represent for SES's time windows. "
                    f"Keep the test's clock before {_clock.LATEST.year}."
                ) from None
            except (SesError, ModelError) as raised:
                err = api.model_error(raised) if isinstance(raised, ModelError) else raised
                return self._answer_error(api, err, operation, params, region, is_async)
            except UnsupportedFeature as exc:
                return self._not_implemented(
                    api, exc.feature, operation, params, region, request, is_async
                )
            except (TypeError, AttributeError, KeyError, ValueError):
                # Only a client made with parameter_validation=False lets such arguments
                # through: answer as the service answers malformed input.
                report = _protocol.validation_report(service, operation, params)
                if not report:
                    raise
                return self._answer_error(
                    api, SesError("ValidationError", report), operation, params, region, is_async
                )
            members = _protocol.map_members(service, operation)
            http, parsed = api.success(operation, result, now, members, is_async)
            self._log_call(api, operation, region, params, parsed, None)
            return http, parsed

    def _answer_error(
        self,
        api: Api,
        err: SesError,
        operation: str,
        params: dict[str, Any],
        region: str,
        is_async: bool,
    ) -> Answer:
        http, parsed = api.error(api.translate(err), _clock.now(), is_async)
        self._log_call(api, operation, region, params, None, parsed["Error"])
        return http, parsed

    def _log_call(
        self,
        api: Api,
        operation: str,
        region: str,
        params: dict[str, Any],
        response: dict[str, Any] | None,
        error_member: dict[str, str] | None,
    ) -> None:
        call = SesCall(operation, region, copied(params), response, error_member, api.name)
        self.calls.append(call)

    def _throttle(self, region: str, now: datetime) -> None:
        """One identity request per second per region, on the fake's clock."""
        last = self._last_identity_call.get(region)
        if last is not None and last <= now < last + timedelta(seconds=1):
            raise SesError("Throttling", "Rate exceeded")
        self._last_identity_call[region] = now

    def _injected(
        self, api: Api, operation: str, params: dict[str, Any], region: str, is_async: bool
    ) -> Answer | None:
        with self.lock:
            faults = self.faults.get(operation)
            if not faults:
                return None
            fault = faults[0]
            fault.left -= 1
            if fault.left == 0:
                faults.pop(0)
            err = SesError(fault.code, fault.message, fault.status)
            http, parsed = api.error(err, _clock.now(), is_async)
            self._log_call(api, operation, region, params, None, parsed["Error"])
            return http, parsed

    def _not_implemented(
        self,
        api: Api,
        what: str,
        operation: str,
        params: dict[str, Any],
        region: str,
        request: dict[str, Any] | None,
        is_async: bool = False,
    ) -> Answer | None:
        with self.lock:
            if self.canned.get(operation):
                return self._canned(api, operation, params, region, is_async)
            if self.options.unsupported == "passthrough":
                if request is None or self._can_pass(request):
                    self._log_call(api, operation, region, params, None, None)
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
                    f"pytest-ses-verify does not implement {api.label} {what} (the README's "
                    '"What the fake implements" lists what it does; pytest_ses_verify/api/'
                    "coverage.py says why the rest is not). To answer it in this test, give "
                    f'a response: ses_verification.respond("{operation}", {{...}}). To pass '
                    "such calls on through botocore (for example to moto's mock_aws), use "
                    f"{self.how_to_pass}."
                )
            error_member = {"Code": "UnsupportedOperation", "Message": message}
            self._log_call(api, operation, region, params, None, error_member)
            self.unsupported_calls.append(f"{api.label} {what}")
        raise UnsupportedOperationError(message)

    def _canned(
        self, api: Api, operation: str, params: dict[str, Any], region: str, is_async: bool
    ) -> Answer:
        canned = self.canned[operation][0]
        canned.left -= 1
        if canned.left == 0:
            self.canned[operation].pop(0)
        members = _protocol.map_members(api.name, operation)
        result = copied(canned.response)
        http, parsed = api.success(operation, result, _clock.now(), members, is_async)
        self._log_call(api, operation, region, params, parsed, None)
        return http, parsed

    def teardown_problem(self) -> str | None:
        """Why the test should fail at teardown, if it should."""
        problems = [
            p
            for p in (self._unsupported_problem(), self._faults_problem(), self._canned_problem())
            if p
        ]
        return "\n".join(problems) or None

    def _canned_problem(self) -> str | None:
        waiting = [c for canned in self.canned.values() for c in canned]
        if not waiting:
            return None
        return (
            "pytest-ses-verify: responses given with respond() were never used: "
            f"{', '.join(str(c) for c in waiting)}. The code under test did not make those "
            "calls; check the operation name, or lower `times`."
        )

    def _faults_problem(self) -> str | None:
        waiting = [f for faults in self.faults.values() for f in faults]
        if not waiting:
            return None
        listed = ", ".join(str(f) for f in waiting)
        return (
            f"pytest-ses-verify: errors injected with fail_next() were never used: {listed}. "
            "The code under test did not make those calls; check the operation name, or "
            "lower `times`."
        )

    def _unsupported_problem(self) -> str | None:
        if not self.unsupported_calls:
            return None
        counts: dict[str, int] = {}
        for operation in self.unsupported_calls:
            counts[operation] = counts.get(operation, 0) + 1
        listed = ", ".join(f"{op} ({n} call{'s' if n > 1 else ''})" for op, n in counts.items())
        if self.options.unsupported == "passthrough":
            way_out = (
                'unsupported="passthrough" is set, but nothing could answer them: start '
                "moto's mock_aws, give the client an endpoint_url (LocalStack), or activate "
                "a Stubber on it."
            )
        else:
            way_out = f"Avoid these calls in this test, or pass them on with {self.how_to_pass}."
        return (
            f"pytest-ses-verify: the code under test called SES operations the fake does not "
            f"implement: {listed}. Each raised UnsupportedOperationError, even if the code "
            f"caught it. {way_out}"
        )
