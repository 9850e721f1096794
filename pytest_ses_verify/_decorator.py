"""``ses_verify``: one name that decorates and is a context manager, as moto's ``mock_aws``.

``@ses_verify``, ``@ses_verify(auto_verify=True)``, ``with ses_verify() as fake:`` and
``async with ses_verify():`` run their code with a fake active, inside pytest or not.
When a fake is active already (the fixture, a marker, the suite-wide switch, an outer
``ses_verify``), they join it: the same ``SesVerification`` is given, and nothing is
ended by the inner one. A new fake starts from the run's suite-wide defaults (the
``ses_verify_*`` ini options), under the arguments given.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import unittest
from collections.abc import Callable, Generator
from datetime import timedelta
from typing import Any, TypeVar, cast, overload

from . import _suite, _wiring
from ._errors import UsageError
from ._fake import SesVerification
from ._options import Options, Unsupported, check_send_quota

__all__ = ["SesVerify", "ses_verify"]

_T = TypeVar("_T")
# The attribute a decorated class's test gets its fake under: ``self.ses_verification``.
_ATTRIBUTE = "ses_verification"
# Set on a decorated class's instance when its test raised: its teardown check stays quiet.
_FAILED = "_ses_verify_failed"


class _Scope:
    """One activation: a new fake, or the active one joined."""

    def __init__(self, given: dict[str, Any], owner: str) -> None:
        self.given = given
        self.owner = owner
        self.fake: SesVerification | None = None
        self.owned = False

    def enter(self) -> SesVerification:
        # Every active fake is a SesVerification; no isinstance check: a class imported
        # again (pytester's runs drop the modules they imported) must be joined too.
        active = cast("SesVerification | None", _wiring.newest())
        if active is not None:
            _check_joinable(active, self.given, self.owner)
            self.fake = active
            return active
        fake = SesVerification(**{**_suite.current(), **self.given})
        fake._owner = self.owner
        fake.__enter__()
        self.fake, self.owned = fake, True
        return fake

    def exit(self, kind: type[BaseException] | None) -> None:
        if self.owned and self.fake is not None:
            self.fake.__exit__(kind, None, None)


def _check_joinable(active: SesVerification, given: dict[str, Any], owner: str) -> None:
    """Joining ignores no option silently: those given must be the active fake's."""
    options = active._service.options
    differ = [
        f"{name}={value!r} (the active fake has {getattr(options, name)!r})"
        for name, value in given.items()
        if _normal(name, value) != _normal(name, getattr(options, name))
    ]
    if differ:
        raise UsageError(
            f"{owner}: a fake is active already ({active._owner}), and ses_verify joins it "
            f"rather than starting a second one; its options differ: {', '.join(differ)}. "
            "Give the options where the active fake starts: @pytest.mark.ses_verification"
            "(...), the ses_verify_* ini options, or the outer ses_verify(...)."
        )


def _normal(name: str, value: object) -> object:
    return check_send_quota(value, "ses_verify") if name == "send_quota" else value


class SesVerify:
    """What ``ses_verify(...)`` returns: a decorator and a context manager, reusable."""

    def __init__(self, **given: Any) -> None:
        names = [field.name for field in dataclasses.fields(Options)]
        unknown = [name for name in given if name not in names]
        if unknown:
            raise UsageError(
                f"ses_verify(): unknown option {unknown[0]!r}; the options are "
                f"{', '.join(names)} (those of SesVerification)."
            )
        Options.checked("ses_verify()", **given)
        self._given = given
        self._scopes: list[_Scope] = []

    # -- as a context manager --------------------------------------------------------

    def __enter__(self) -> SesVerification:
        scope = _Scope(self._given, "a `with ses_verify()` block")
        fake = scope.enter()
        self._scopes.append(scope)
        return fake

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self._scopes.pop().exit(kind)

    async def __aenter__(self) -> SesVerification:
        return self.__enter__()

    async def __aexit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        self.__exit__(kind, *rest)

    # -- as a decorator ----------------------------------------------------------------

    def __call__(self, target: _T) -> _T:
        if isinstance(target, type):
            return self._decorate_class(target)  # type: ignore[return-value]
        if not callable(target):
            raise UsageError(
                f"ses_verify decorates a function, a method or a class, not {target!r}."
            )
        return self._decorate(target)  # type: ignore[return-value]

    def _decorate(self, func: Callable[..., Any], *, on_self: bool = False) -> Callable[..., Any]:
        """``func`` run with a fake active; ``on_self``: a decorated class's method, whose
        instance gets the fake as ``self.ses_verification``."""
        given, owner = self._given, f"ses_verify on {func.__qualname__}"

        def start(args: tuple[Any, ...]) -> _Scope:
            scope = _Scope(given, owner)
            fake = scope.enter()
            if on_self and args:
                setattr(args[0], _ATTRIBUTE, fake)
            return scope

        def failed(args: tuple[Any, ...]) -> None:
            if on_self and args:
                setattr(args[0], _FAILED, True)

        if inspect.isasyncgenfunction(func):
            raise UsageError(
                f"ses_verify cannot decorate {func.__qualname__}, an async generator function "
                "(the fake would not be active while it runs); use `async with ses_verify():` "
                "inside it."
            )
        if inspect.iscoroutinefunction(func):

            @functools.wraps(func)
            async def run_async(*args: Any, **kwargs: Any) -> Any:
                scope = start(args)
                try:
                    result = await func(*args, **kwargs)
                except BaseException as exc:
                    failed(args)
                    scope.exit(type(exc))
                    raise
                scope.exit(None)
                return result

            return run_async
        if inspect.isgeneratorfunction(func):

            @functools.wraps(func)
            def run_generator(*args: Any, **kwargs: Any) -> Generator[Any, Any, Any]:
                scope = start(args)
                try:
                    result = yield from func(*args, **kwargs)
                except BaseException as exc:
                    failed(args)
                    scope.exit(type(exc))
                    raise
                scope.exit(None)
                return result

            return run_generator

        @functools.wraps(func)
        def run(*args: Any, **kwargs: Any) -> Any:
            scope = start(args)
            try:
                result = func(*args, **kwargs)
            except BaseException as exc:
                failed(args)
                scope.exit(type(exc))
                raise
            scope.exit(None)
            return result

        return run

    def _decorate_class(self, klass: type) -> type:
        """Each ``test*`` method runs with a fake. A ``unittest.TestCase``'s setUp, test,
        tearDown and cleanups share one fake (it starts in setUp and ends in the last
        cleanup); so do a pytest class's ``setup_method``, test and ``teardown_method``."""
        if issubclass(klass, unittest.TestCase):
            self._wrap_set_up(klass)
        elif callable(getattr(klass, "setup_method", None)):
            self._wrap_setup_method(klass)
        for name in dir(klass):
            if not name.startswith("test"):
                continue
            found = inspect.getattr_static(klass, name)
            if isinstance(found, (staticmethod, classmethod)):
                kind = type(found)
                setattr(klass, name, kind(self._decorate(found.__func__)))
            elif inspect.isfunction(found):
                setattr(klass, name, self._decorate(found, on_self=True))
        return klass

    def _wrap_set_up(self, klass: type[unittest.TestCase]) -> None:
        given, original = self._given, klass.setUp
        owner = f"ses_verify on {klass.__qualname__}"

        @functools.wraps(original)
        def setUp(case: unittest.TestCase) -> None:
            scope = _Scope(given, owner)
            setattr(case, _ATTRIBUTE, scope.enter())
            case.addCleanup(lambda: scope.exit(_failed_so_far(case)))
            try:
                original(case)
            except BaseException:
                setattr(case, _FAILED, True)
                raise

        klass.setUp = setUp  # type: ignore[method-assign,assignment]

    def _wrap_setup_method(self, klass: type) -> None:
        given = self._given
        owner = f"ses_verify on {klass.__qualname__}"
        setup: Callable[..., Any] = getattr(klass, "setup_method")  # noqa: B009 - not typed
        teardown: Callable[..., Any] | None = getattr(klass, "teardown_method", None)
        scopes = "_ses_verify_scopes"

        @functools.wraps(setup)
        def setup_method(instance: Any, method: Any = None) -> None:
            scope = _Scope(given, owner)
            setattr(instance, _ATTRIBUTE, scope.enter())
            setattr(instance, scopes, [*getattr(instance, scopes, []), scope])
            try:
                _call_xunit(setup, instance, method)
            except BaseException as exc:  # pytest runs no teardown_method after this
                getattr(instance, scopes).pop().exit(type(exc))
                raise

        def teardown_method(instance: Any, method: Any = None) -> None:
            try:
                if teardown is not None:
                    _call_xunit(teardown, instance, method)
            finally:
                left = getattr(instance, scopes, [])
                if left:
                    left.pop().exit(_failed_so_far(instance))

        if teardown is not None:
            teardown_method = functools.wraps(teardown)(teardown_method)
        klass.setup_method = setup_method  # type: ignore[attr-defined]
        klass.teardown_method = teardown_method  # type: ignore[attr-defined]


def _failed_so_far(case: object) -> type[BaseException] | None:
    """AssertionError when setUp or the test raised, so that, as the fixture's teardown,
    the fake's end adds no second failure to a failed test."""
    return AssertionError if getattr(case, _FAILED, False) else None


def _call_xunit(func: Callable[..., Any], instance: Any, method: Any) -> None:
    """``func(instance)``, or ``func(instance, method)`` where it takes the method (as
    pytest calls ``setup_method``)."""
    code = getattr(func, "__code__", None)
    if code is not None and code.co_argcount >= 2:
        func(instance, method)
    else:
        func(instance)


@overload
def ses_verify(target: _T, /) -> _T: ...


@overload
def ses_verify(
    *,
    auto_verify: bool = ...,
    detection_delay: timedelta = ...,
    unsupported: Unsupported = ...,
    sandbox: bool = ...,
    rate_limit: bool = ...,
    account_id: str = ...,
    send_quota: tuple[int, float] | None = ...,
    publish_notifications: bool = ...,
    answer_any_thread: bool = ...,
) -> SesVerify: ...


def ses_verify(target: Any = None, /, **options: Any) -> Any:
    """A fake SES for a function, a method, a class or a ``with`` block, as ``mock_aws``.

    ``@ses_verify`` / ``@ses_verify(auto_verify=True)`` on a function (``async def``
    too), a method or a class (each ``test*`` method; a ``unittest.TestCase``'s setUp,
    test and tearDown share one fake, given as ``self.ses_verification``);
    ``with ses_verify(...) as fake:``. Joins the fake already active, if any.
    """
    if target is not None:
        if options:
            raise UsageError(
                "ses_verify takes either the function or class to decorate, or options "
                "by keyword (ses_verify(auto_verify=True)), not both."
            )
        return SesVerify()(target)
    return SesVerify(**options)
