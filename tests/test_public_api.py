"""Every type the public API names is importable from ``pytest_ses_verify`` (issue 25,
point 5): the types of the fixture object's members (what they return and take), of
``ses_verify``, and of the fields of those types, found by walking their annotations."""

from __future__ import annotations

import builtins
import inspect
import re
import sys
import typing
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import pytest

import pytest_ses_verify
from pytest_ses_verify import SesVerification, SesVerify, ses_verify

PACKAGE = "pytest_ses_verify"
# Where the walk starts: what a test holds (the fixture's object) and what it imports.
ROOTS: list[Any] = [SesVerification, SesVerify, ses_verify]
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")
_STRING = re.compile(r"'[^']*'|\"[^\"]*\"")


def _ours(obj: object) -> bool:
    """A class or type alias defined in the package (not typing's, not the stdlib's)."""
    if inspect.isclass(obj):
        return obj.__module__.split(".")[0] == PACKAGE
    return hasattr(obj, "__origin__") and not _is_typing_name(obj)


def _is_typing_name(obj: object) -> bool:
    return any(value is obj for value in vars(typing).values())


def _annotations(owner: Any) -> Iterator[tuple[str, str, ModuleType]]:
    """(where, annotation text, the module it is read in) for ``owner``: a class's
    public members and fields, or a function's parameters and return."""
    if inspect.isclass(owner):
        module = sys.modules[owner.__module__]
        for name, text in vars(owner).get("__annotations__", {}).items():
            if not name.startswith("_"):
                yield f"{owner.__name__}.{name}", _text(text), module
        for name, member in vars(owner).items():
            if name.startswith("_") and name not in ("__init__", "__enter__", "__aenter__"):
                continue
            function = member.fget if isinstance(member, property) else member
            function = getattr(function, "__func__", function)
            if inspect.isfunction(function):
                yield from _function(f"{owner.__name__}.{name}", function)
    elif inspect.isfunction(owner):
        yield from _function(owner.__name__, owner)
        for overload in getattr(typing, "get_overloads", lambda _: [])(owner):
            yield from _function(owner.__name__, overload)


def _function(where: str, function: Callable[..., Any]) -> Iterator[tuple[str, str, ModuleType]]:
    module = sys.modules[function.__module__]
    for name, text in function.__annotations__.items():
        yield f"{where} ({name})", _text(text), module


def _text(annotation: object) -> str:
    """An annotation as written (a NamedTuple keeps it as a ForwardRef)."""
    if isinstance(annotation, typing.ForwardRef):
        return annotation.__forward_arg__
    return annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "")


def _named_types() -> dict[str, tuple[object, str]]:
    """Every type of the package the public API names: {name: (the type, where)}."""
    found: dict[str, tuple[object, str]] = {}
    todo: list[Any] = list(ROOTS)
    seen: set[int] = set()
    while todo:
        owner = todo.pop()
        if id(owner) in seen:
            continue
        seen.add(id(owner))
        for where, text, module in _annotations(owner):
            for dotted in _NAME.findall(_STRING.sub("", text)):
                head, *rest = dotted.split(".")
                if head not in vars(module):
                    assert head in vars(builtins) or head in pytest_ses_verify.__all__, (
                        f"{where}: {head!r} in {text!r} is not defined in {module.__name__} "
                        "at run time; import it there, not only under TYPE_CHECKING"
                    )
                    continue
                value = vars(module)[head]
                for part in rest:
                    value = getattr(value, part)
                name = rest[-1] if rest else head
                if _ours(value) and name not in found:
                    found[name] = (value, where)
                    if inspect.isclass(value):
                        todo.append(value)
    return found


def test_the_walk_finds_the_types_the_fixture_returns() -> None:
    found = _named_types()
    for name in ("SentMessage", "Attachment", "Notification", "SesCall", "VerificationEmail"):
        assert name in found
    assert "Status" in found  # a type alias (Literal) counts too


def test_every_type_the_public_api_names_is_exported() -> None:
    missing = [
        f"{name} (named by {where})"
        for name, (value, where) in sorted(_named_types().items())
        if name not in pytest_ses_verify.__all__
        or not _same(getattr(pytest_ses_verify, name), value)
    ]
    assert not missing, (
        "importable from their modules only; add them to pytest_ses_verify.__all__ and "
        f"_LAZY: {', '.join(missing)}"
    )


def _same(exported: object, named: object) -> bool:
    """The same type; by its full name for a class (a pytester run that drops the modules
    it imported can leave two copies of one class in a process)."""
    if inspect.isclass(exported) and inspect.isclass(named):
        return (exported.__module__, exported.__qualname__) == (
            named.__module__,
            named.__qualname__,
        )
    return exported == named


@pytest.mark.parametrize("name", pytest_ses_verify.__all__)
def test_every_name_in_all_resolves(name: str) -> None:
    assert getattr(pytest_ses_verify, name) is not None
    assert name in dir(pytest_ses_verify)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'Nothing'"):
        _ = pytest_ses_verify.Nothing
