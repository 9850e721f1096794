"""The wiring into botocore: two event handlers, and the stack of active fakes.

The handlers are appended to ``botocore.handlers.BUILTIN_HANDLERS``, so every
botocore session created after that, boto3's included, and every client of those
sessions carries them. That happens when the plugin is imported (before conftest
files and test modules) if botocore is loaded already, or else the moment
botocore loads its ``handlers`` module, before it can create any session: a
suite that never imports botocore pays nothing for the plugin. They are
registered for ``ses`` only: clients of other services never call them. While no
fake is active they return at once.

``before-call`` is where botocore lets a handler answer instead of sending the
request: it runs after botocore's own parameter validation and before signing,
so no credentials and no network are needed. Registered at ``before-call.ses``,
the handler runs after a Stubber's (``before-call.*.*`` is more specific), so an
active Stubber wins for its client.
"""

from __future__ import annotations

import functools
import importlib.abc
import importlib.machinery
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from botocore.awsrequest import AWSResponse
    from botocore.model import OperationModel

    from ._verification import SesVerification

_PARAMS = "pytest_ses_verify.params"
_active: list[SesVerification] = []


def _remember_params(params: dict[str, Any], context: dict[str, Any], **_: Any) -> None:
    """before-parameter-build: keep the caller's keyword arguments for the answer."""
    if _active:
        context[_PARAMS] = params


def _answer(
    model: OperationModel, context: dict[str, Any], request_signer: Any = None, **_: Any
) -> tuple[AWSResponse, dict[str, Any]] | None:
    """before-call: the active fake's answer, or None to let botocore send the request."""
    try:
        fake = _active[-1]
        params = context[_PARAMS]
    except (IndexError, KeyError):  # no fake, or it became active in mid-call
        return None
    is_async = type(request_signer).__module__.startswith("aiobotocore")
    service = model.service_model.service_name
    return fake._answer(service, model.name, params, context["client_region"], is_async)


HANDLERS = (
    ("before-parameter-build.ses", _remember_params),
    ("before-call.ses", _answer),
    ("before-parameter-build.sesv2", _remember_params),
    ("before-call.sesv2", _answer),
)


_HANDLERS_MODULE = "botocore.handlers"


def _add_to(handlers: ModuleType) -> None:
    for spec in HANDLERS:
        if spec not in handlers.BUILTIN_HANDLERS:
            handlers.BUILTIN_HANDLERS.append(spec)


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
    """Make every botocore session created from now on carry the handlers."""
    handlers = sys.modules.get(_HANDLERS_MODULE)
    if handlers is None:
        if not any(isinstance(f, _WhenBotocoreLoads) for f in sys.meta_path):
            sys.meta_path.insert(0, _WhenBotocoreLoads())
        return
    _add_to(handlers)
    boto3 = sys.modules.get("boto3")
    session = getattr(boto3, "DEFAULT_SESSION", None)
    if session is not None:  # created before the plugin was loaded
        for event, handler in HANDLERS:
            session.events.register(event, handler, unique_id=f"pytest-ses-verify:{event}")


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
        if _active and type(caller).__name__.startswith("SES.Waiter."):
            _active[-1].advance(seconds=seconds)
        else:
            self._real.sleep(seconds)


def push(fake: SesVerification) -> None:
    if not _active:
        import botocore.waiter

        real: Any = getattr(botocore.waiter, "time")  # noqa: B009 - not in the stubs
        if not isinstance(real, _WaiterClock):
            setattr(botocore.waiter, "time", _WaiterClock(real))  # noqa: B010
    _active.append(fake)


def pop(fake: SesVerification) -> None:
    if fake in _active:
        _active.remove(fake)
    waiter = sys.modules.get("botocore.waiter")
    clock = getattr(waiter, "time", None)
    if not _active and isinstance(clock, _WaiterClock):
        setattr(waiter, "time", clock._real)  # noqa: B010


@functools.cache
def _session() -> Any:
    import botocore.session

    return botocore.session.Session()


@functools.cache
def ses_regions() -> tuple[str, ...]:
    """Every region botocore knows SES in, across partitions."""
    session = _session()
    return tuple(
        region
        for partition in session.get_available_partitions()
        for region in session.get_available_regions("ses", partition)
    )


@functools.cache
def _operation_names() -> dict[str, str]:
    """SES v1 and v2 operations by API name and by client method name."""
    from botocore import xform_name

    session = _session()
    names = {n for api in ("ses", "sesv2") for n in session.get_service_model(api).operation_names}
    return {**{n: n for n in names}, **{xform_name(n): n for n in names}}


def operation_name(name: str) -> str | None:
    """The API name of an SES (v1 or v2) operation given as "SendEmail" or "send_email"."""
    return _operation_names().get(name) if isinstance(name, str) else None


def suggest(name: object) -> str:
    """ " Did you mean ...?" for a misspelt operation name, or nothing."""
    import difflib

    close = difflib.get_close_matches(str(name), list(_operation_names()), n=3)
    return f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
