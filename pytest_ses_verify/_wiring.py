"""The wiring into botocore: event handlers, the stack of active fakes, the network guard.

The handlers are appended to ``botocore.handlers.BUILTIN_HANDLERS``, so every
botocore session created after that, boto3's and aiobotocore's included, and
every client of those sessions carries them. That happens when the package is
imported (pytest imports it before conftest files and test modules) if botocore
is loaded already, or else the moment botocore loads its ``handlers`` module,
before it can create any session: a suite that never imports botocore pays
nothing. Emitters that existed before (sessions and clients made before the
package was imported) are found once and given the handlers too.

* ``before-parameter-build.ses`` / ``.sesv2`` keep the caller's keyword arguments.
* ``before-call`` (registered last, so that every other handler runs first) is
  where botocore lets a handler answer instead of sending the request: after
  botocore's parameter validation, before signing. A handler that answers first
  wins (a Stubber, at ``before-call.*.*``); handlers that only observe (return
  None) see faked calls too.
* ``before-send`` (registered last: after moto's, which answers there) refuses to
  let an SES request go to an AWS endpoint while a fake is active.
* ``creating-client-class.ses`` / ``.sesv2`` mix :class:`_Unsent` into SES client
  classes: while a fake answers every SES call itself, a request is never sent, and
  botocore is spared building its User-Agent header (a third of its own cost per call).
"""

from __future__ import annotations

import functools
import gc
import importlib.abc
import importlib.machinery
import inspect
import os
import sys
import threading
import weakref
from collections.abc import Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

from ._errors import SesVerifyError, UnsupportedOperationError

if TYPE_CHECKING:
    from botocore.awsrequest import AWSResponse
    from botocore.model import OperationModel


class Fake(Protocol):
    """What the wiring needs of an active fake: an answer to a call, and a clock to move."""

    def _answer(
        self,
        service: str,
        operation: str,
        params: dict[str, Any],
        region: str,
        is_async: bool = ...,
        request: dict[str, Any] | None = ...,
    ) -> tuple[AWSResponse, dict[str, Any]] | None: ...

    def advance(self, delta: Any = ..., **timedelta_kwargs: float) -> None: ...

    # Whether a call may be passed on (unsupported="passthrough") to moto or LocalStack.
    _passes_through: bool


_PARAMS = "pytest_ses_verify.params"
SERVICES = frozenset({"ses", "sesv2"})
_IMDS_VARIABLE = "AWS_EC2_METADATA_DISABLED"
_active: list[Fake] = []
_saved_imds: list[str | None] = []
# Threads started while a fake was active and still alive when it ended: the test's name.
_orphans: weakref.WeakKeyDictionary[threading.Thread, str] = weakref.WeakKeyDictionary()
_any_orphans: list[bool] = []  # cheaper to test on every call than the dictionaries
# Threads that outlived a test but belong to none (a pool's workers, threads a server
# started): answered by whichever fake is active, refused only between tests.
_shared: weakref.WeakKeyDictionary[threading.Thread, str] = weakref.WeakKeyDictionary()
# Which thread started each thread started while a fake was active.
_starters: weakref.WeakKeyDictionary[threading.Thread, threading.Thread] = (
    weakref.WeakKeyDictionary()
)
_lock = threading.Lock()
_real_start = threading.Thread.start


def _start(self: threading.Thread) -> None:
    """Thread.start, noting who started the thread while a fake is active."""
    if _active:
        _starters[self] = threading.current_thread()
    _real_start(self)


def _remember_params(params: dict[str, Any], context: dict[str, Any], **_: Any) -> None:
    """before-parameter-build: keep the caller's keyword arguments for the answer."""
    context[_PARAMS] = params


def _stray(thread: threading.Thread) -> SesVerifyError:
    return SesVerifyError(
        f"pytest-ses-verify: an SES call from thread {thread.name!r}, which {_orphans[thread]} "
        "and outlived it. That test's fake has ended, so the call is refused rather than "
        "answered by another test's fake or sent to AWS. Join or stop the threads a test "
        "starts before it ends (for a thread pool: executor.shutdown()); if the thread "
        "serves every test (a server, a pool), start it before the tests, or let every "
        "thread be answered: @pytest.mark.ses_verification(answer_any_thread=True)."
    )


def _between_tests(thread: threading.Thread) -> SesVerifyError:
    return SesVerifyError(
        f"pytest-ses-verify: an SES call from thread {thread.name!r} ({_shared[thread]}) "
        "while no test's fake is active: between tests it has nothing to answer it, and "
        "the call is refused rather than sent to AWS. Make the call within a test."
    )


def _belongs_to_no_test(
    thread: threading.Thread, threads_before: set[threading.Thread], test: threading.Thread
) -> str | None:
    """Why a thread left running by a test is not that test's, or None: a pool's worker
    (it runs whoever submits), or a thread started by one that predates the test."""
    target = getattr(thread, "_target", None)
    if getattr(target, "__module__", "") == "concurrent.futures.thread" or (
        type(thread).__name__ == "WorkerThread"  # AnyIO's worker threads
    ):
        return "a worker thread of a pool"
    starter = _starters.get(thread)
    if starter is not None and starter is not test and starter in threads_before:
        return f"started by thread {starter.name!r}, which predates the test"
    return None


def _answer(
    model: OperationModel,
    params: dict[str, Any],
    context: dict[str, Any],
    request_signer: Any = None,
    **_: Any,
) -> tuple[AWSResponse, dict[str, Any]] | None:
    """before-call: the active fake's answer, or None to let botocore carry on."""
    if not _active and not _any_orphans:
        return None
    service = model.service_model.service_name
    if service not in SERVICES:
        return None
    if _any_orphans:
        thread = threading.current_thread()
        if thread in _orphans:
            raise _stray(thread)
        if not _active and thread in _shared:
            raise _between_tests(thread)
    try:
        fake = _active[-1]
    except IndexError:  # no fake (any more)
        return None
    is_async = type(request_signer).__module__.startswith("aiobotocore")
    if is_async:
        _patch_async_waiters()
    kwargs = context.get(_PARAMS, {})
    return fake._answer(service, model.name, kwargs, context["client_region"], is_async, params)


def _sends_nothing() -> bool:
    """Whether no SES request can leave the process now: the newest active fake answers
    every call itself, or refuses it (it passes nothing on to moto or LocalStack)."""
    return bool(_active) and not _active[-1]._passes_through


class _Unsent:
    """Mixed into every SES client class: while :func:`_sends_nothing`, botocore does not
    build the User-Agent header of a request that will never be sent. Nothing else of
    botocore's work is left out: parameter validation, serialization, endpoint
    resolution and every event handler still run, and the answer is the same."""

    def _convert_to_request_dict(
        self,
        api_params: Any,
        operation_model: Any,
        endpoint_url: Any,
        context: Any = None,
        headers: Any = None,
        set_user_agent_header: bool = True,
    ) -> Any:
        convert = super()._convert_to_request_dict  # type: ignore[misc]
        wanted = set_user_agent_header and not _sends_nothing()
        return convert(api_params, operation_model, endpoint_url, context, headers, wanted)


class _AsyncUnsent:
    """:class:`_Unsent` for aiobotocore's clients, whose method is a coroutine."""

    async def _convert_to_request_dict(
        self,
        api_params: Any,
        operation_model: Any,
        endpoint_url: Any,
        context: Any = None,
        headers: Any = None,
        set_user_agent_header: bool = True,
    ) -> Any:
        convert = super()._convert_to_request_dict  # type: ignore[misc]
        wanted = set_user_agent_header and not _sends_nothing()
        return await convert(api_params, operation_model, endpoint_url, context, headers, wanted)


def _mix_in(base_classes: list[type], **_: Any) -> None:
    """creating-client-class.ses / .sesv2: an SES client class gets :class:`_Unsent`
    (or :class:`_AsyncUnsent`) first among its bases, once."""
    if any(issubclass(base, (_Unsent, _AsyncUnsent)) for base in base_classes):
        return
    convert = next(
        (
            vars(klass)["_convert_to_request_dict"]
            for base in base_classes
            for klass in base.__mro__
            if "_convert_to_request_dict" in vars(klass)
        ),
        None,
    )
    if convert is None:  # a botocore that builds requests otherwise: leave it as it is
        return
    base_classes.insert(0, _AsyncUnsent if inspect.iscoroutinefunction(convert) else _Unsent)


# Hosts of AWS's own endpoints, in every partition.
_AWS_HOSTS = (
    ".amazonaws.com",
    ".amazonaws.com.cn",
    ".api.aws",
    ".c2s.ic.gov",
    ".sc2s.sgov.gov",
    ".cloud.adc-e.uk",
    ".csp.hci.ic.gov",
    ".amazonaws.eu",
)


def is_aws_endpoint(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return ("." + host).endswith(_AWS_HOSTS)


def _moto_is_active() -> bool:
    """Whether moto's mock_aws is answering botocore requests (at before-send)."""
    models = sys.modules.get("moto.core.models")
    stubber = getattr(models, "botocore_stubber", None)
    return bool(getattr(stubber, "enabled", False))


def has_somewhere_to_go(request: dict[str, Any]) -> bool:
    """Whether a passed-through request would be answered by something other than AWS:
    an endpoint_url of the client's own (LocalStack), or moto's mock_aws."""
    return not is_aws_endpoint(str(request.get("url", ""))) or _moto_is_active()


def _guard(request: Any = None, event_name: str = "", **_: Any) -> Any:
    """before-send, last: a response that refuses to be read, for an SES request to AWS.

    botocore calls every before-send handler and uses the first response: one from
    moto (or any handler before this one) wins and this one is never read. If nothing
    else answered, reading it raises, and nothing is sent.
    """
    if not _active or not event_name.startswith(("before-send.ses.", "before-send.sesv2.")):
        return None
    url = str(getattr(request, "url", ""))
    if not is_aws_endpoint(url):
        return None
    operation = event_name.rpartition(".")[2]
    return _refusal()(
        UnsupportedOperationError(
            f"pytest-ses-verify: an SES {operation} request was about to be sent to AWS "
            f"({urlsplit(url).hostname}) while a fake is active, and nothing else answered "
            "it. The fake never lets a call reach AWS: answer it with moto's mock_aws, a "
            "Stubber, or a client with an endpoint_url of its own."
        )
    )


@functools.cache
def _refusal() -> Any:
    from botocore.awsrequest import AWSResponse

    class Refusal(AWSResponse):
        """An HTTP response whose first read raises ``error``."""

        def __init__(self, error: Exception) -> None:
            self.url, self.status_code, self.raw, self._content = "", 599, None, None
            self._error = error

        @property  # read-only here: reading it is the refusal
        def headers(self) -> Any:  # type: ignore[override]
            raise self._error

        @property
        def content(self) -> bytes:
            raise self._error

    return Refusal


# (event, handler, registered last): what every emitter gets.
HANDLERS: tuple[tuple[str, Any, bool], ...] = (
    ("before-parameter-build.ses", _remember_params, False),
    ("before-parameter-build.sesv2", _remember_params, False),
    ("before-call", _answer, True),
    ("before-send", _guard, True),
    ("creating-client-class.ses", _mix_in, False),
    ("creating-client-class.sesv2", _mix_in, False),
)


_HANDLERS_MODULE = "botocore.handlers"
_installed: list[bool] = []


def _add_to(handlers: ModuleType) -> None:
    for event, handler, last in HANDLERS:
        spec = (event, handler, handlers.REGISTER_LAST) if last else (event, handler)
        if spec not in handlers.BUILTIN_HANDLERS:
            handlers.BUILTIN_HANDLERS.append(spec)


def _register(emitter: Any) -> None:
    for event, handler, last in HANDLERS:
        register = emitter.register_last if last else emitter.register
        register(event, handler, unique_id=f"pytest-ses-verify:{event}")


class _WhenBotocoreLoads(importlib.abc.MetaPathFinder):
    """Adds the handlers right after ``botocore.handlers`` is executed, then retires."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != _HANDLERS_MODULE:
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(fullname, path, target)
        loader = getattr(spec, "loader", None)
        if spec is None or not isinstance(loader, importlib.abc.Loader):
            return spec
        execute = loader.exec_module

        def exec_module(module: ModuleType) -> None:
            execute(module)
            _add_to(module)

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def install() -> None:
    """Make every botocore session and client, existing or future, carry the handlers.

    Idempotent and cheap after the first call. Called when the package is imported and
    again whenever a fake is activated.
    """
    if _installed:
        return
    with _lock:
        if _installed:
            return
        handlers = sys.modules.get(_HANDLERS_MODULE)
        if handlers is None:
            if not any(isinstance(f, _WhenBotocoreLoads) for f in sys.meta_path):
                sys.meta_path.insert(0, _WhenBotocoreLoads())
        else:
            # Sessions (and clients) may exist already: give their emitters the handlers
            # first, then every new session gets them from BUILTIN_HANDLERS.
            from botocore.hooks import HierarchicalEmitter

            for thing in gc.get_objects():
                if isinstance(thing, HierarchicalEmitter):
                    _register(thing)
            _add_to(handlers)
        _installed.append(True)


class _WaiterClock:
    """Stands in for the ``time`` module inside ``botocore.waiter`` while a fake is active.

    An SES waiter's pause between attempts moves the fake's clock instead of
    sleeping; every other use of ``time`` (and other services' waiters) is real.
    """

    def __init__(self, real: ModuleType) -> None:
        self._real = real

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def sleep(self, seconds: float) -> None:
        caller = sys._getframe(1).f_locals.get("self")
        if _active and _is_ses_waiter(caller):
            _active[-1].advance(seconds=seconds)
        else:
            self._real.sleep(seconds)


def _is_ses_waiter(waiter: object) -> bool:
    return type(waiter).__name__.startswith("SES.Waiter.")


class _AsyncWaiterClock:
    """Stands in for ``asyncio`` inside an older ``aiobotocore.waiter``: an SES waiter's
    pause moves the fake's clock; everything else is the real module."""

    def __init__(self, real: ModuleType) -> None:
        self._real = real

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def sleep(self, seconds: float, *args: Any, **kwargs: Any) -> Any:
        caller = sys._getframe(1).f_locals.get("self")
        if _active and _is_ses_waiter(caller):
            _active[-1].advance(seconds=seconds)
            return self._real.sleep(0)
        return self._real.sleep(seconds, *args, **kwargs)


# The aiobotocore.waiter modules patched: a module imported again (pytester's in-process
# runs drop the modules an inner run imported) has classes of its own to patch.
_patched_async_waiters: weakref.WeakSet[ModuleType] = weakref.WeakSet()


def _patch_async_waiters() -> None:
    """aiobotocore waiters pause with ``await self._sleep(n)``: for SES waiters while a fake
    is active, that moves the fake's clock instead. Patched once; dormant otherwise."""
    waiter_module = sys.modules.get("aiobotocore.waiter")
    if waiter_module is None or waiter_module in _patched_async_waiters:
        return
    classes = [c for c in vars(waiter_module).values() if isinstance(c, type)]
    real_asyncio = getattr(waiter_module, "asyncio", None)
    if not any("_sleep" in vars(c) for c in classes) and isinstance(real_asyncio, ModuleType):
        # Older aiobotocore pauses with ``await asyncio.sleep(n)`` in the module itself.
        setattr(waiter_module, "asyncio", _AsyncWaiterClock(real_asyncio))  # noqa: B010
    for name in ("AIOWaiter", "AnyioWaiter"):
        cls = getattr(waiter_module, name, None)
        if cls is None or "_sleep" not in vars(cls):
            continue
        real = vars(cls)["_sleep"]

        async def _sleep(self: Any, seconds: float, _real: Any = real) -> None:
            if _active and _is_ses_waiter(self):
                _active[-1].advance(seconds=seconds)
            else:
                await _real(self, seconds)

        setattr(cls, "_sleep", _sleep)  # noqa: B010
    _patched_async_waiters.add(waiter_module)


def push(fake: Fake) -> None:
    """Make ``fake`` the one that answers; the first active fake switches IMDS off."""
    install()
    if threading.Thread.start is not _start:  # who starts which thread (see pop)
        threading.Thread.start = _start  # type: ignore[method-assign]
    with _lock:
        if not _active:
            import botocore.waiter

            real: Any = getattr(botocore.waiter, "time")  # noqa: B009 - not in the stubs
            if not isinstance(real, _WaiterClock):
                setattr(botocore.waiter, "time", _WaiterClock(real))  # noqa: B010
            # Creating a client with no credentials probes the EC2 instance metadata
            # service (a socket). Faked calls need no credentials, so switch it off.
            _saved_imds.append(os.environ.get(_IMDS_VARIABLE))
            os.environ[_IMDS_VARIABLE] = "true"
        _patch_async_waiters()
        _active.append(fake)


def pop(
    fake: Fake, threads_before: set[threading.Thread], owner: str, *, any_thread: bool = False
) -> None:
    """``fake`` ends; the last one to end restores what the first one changed.

    Threads started while it was active and still running are remembered as
    ``owner``'s, their SES calls refused from now on (see :func:`_stray`), unless they
    belong to no test (:func:`_belongs_to_no_test`) or ``any_thread`` (the option
    ``answer_any_thread``): those are answered by whichever fake is active.
    """
    current = threading.current_thread()
    for thread in threading.enumerate():
        if thread in threads_before or thread is current or not thread.is_alive():
            continue
        starter = _starters.get(thread)
        why = "was started by the code under test" if any_thread else None
        why = why or _belongs_to_no_test(thread, threads_before, current)
        if why is not None:
            _shared[thread] = why
        else:
            by = "" if starter is None else f" by thread {starter.name!r}"
            _orphans[thread] = f"was started{by} during {owner}"
        _any_orphans[:] = [True]
    with _lock:
        if fake in _active:
            _active.remove(fake)
        if _active:
            return
        waiter = sys.modules.get("botocore.waiter")
        clock = getattr(waiter, "time", None)
        if isinstance(clock, _WaiterClock):
            setattr(waiter, "time", clock._real)  # noqa: B010
        if _saved_imds:
            saved = _saved_imds.pop()
            if saved is None:
                os.environ.pop(_IMDS_VARIABLE, None)
            else:
                os.environ[_IMDS_VARIABLE] = saved


def is_active() -> bool:
    return bool(_active)


def newest() -> Fake | None:
    """The fake that answers now (the newest active one), or None."""
    return _active[-1] if _active else None
