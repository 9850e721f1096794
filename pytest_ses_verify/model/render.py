"""SES's template renderer: Handlebars 4 with its builtin helpers and no others.

Pure: no botocore, no pytest, no clock. The lexer, parser and whitespace control are in
``handlebars_parse``; this module evaluates the program as handlebars.js does: paths
(``this``, ``./x``, ``../x``, ``a.[b c]``, ``a/b``, block params), data (``@root``,
``@index``, ``@key``, ``@first``, ``@last``, ``@../index``), ``if``/``unless``/``each``/
``with`` with ``{{else}}`` and ``{{else if}}`` chains, inverted sections ``{{^x}}``,
``lookup`` and ``log`` (also as ``( )`` subexpressions), inline partials, partial calls
and partial blocks, raw blocks (their content as written), JavaScript value formatting.

Decisions (README's behaviour table has the sources):

* No HTML escaping: ``{{x}}`` renders like ``{{{x}}}``. SES Developer Guide,
  "send-personalized-email-advanced": "SES doesn't escape HTML content when rendering
  the HTML template for a message".
* A plain ``{{name}}`` (or ``{{{name}}}``, ``{{a.b}}``, ``{{../x}}``, ``{{@index}}``)
  whose path the data lacks is ``MissingAttribute``: SES's
  ``MissingRenderingAttributeException`` (handlebars.js would print nothing). A present
  ``null`` prints nothing. Inside a helper's argument (``{{#if x}}``, ``{{#each x}}``,
  ``{{#with x}}``, ``{{^x}}``, ``lookup``, a partial's context or hash) a missing value
  is ``undefined``, falsy and empty, as in Handlebars.
* ``{{#name}}`` whose name is no helper is a section, as Handlebars' ``blockHelperMissing``
  renders it (no source says SES refuses one). Helpers SES does not define are
  ``InvalidTemplate`` when the template is parsed: ``{{#foo bar}}`` or ``{{foo bar}}``
  with arguments, a decorator other than ``*inline``. A partial that is
  not defined is ``InvalidTemplate`` too (at parse time when its name is written out).
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from .errors import ModelError
from .handlebars_ast import (
    Block,
    Call,
    Comment,
    Content,
    Expr,
    InvalidTemplate,
    Literal,
    Mustache,
    Partial,
    Path,
    Program,
)
from .handlebars_parse import parse_program
from .handlebars_whitespace import strip_whitespace

__all__ = ["InvalidTemplate", "MissingAttribute", "parse", "render"]


class MissingAttribute(ModelError):
    """v1 ``MissingRenderingAttributeException``, v2 ``BadRequestException``."""

    def __init__(self, name: str) -> None:
        super().__init__(f"Attribute '{name}' is not present in the rendering data.")
        self.name = name


class _Undefined:
    def __repr__(self) -> str:
        return "undefined"


UNDEFINED: Any = _Undefined()


def _partial_names(program: Program, found: set[str], called: list[str]) -> None:
    """Every inline partial defined and every partial called by a written-out name."""
    todo = [program]
    while todo:
        current = todo.pop()
        found.update(current.inlines)
        todo.extend(current.inlines.values())
        for node in current.body:
            if isinstance(node, Partial) and not isinstance(node.name, Call):
                called.append(node.name.original)
            if isinstance(node, Block):
                todo.extend(p for p in (node.program, node.inverse) if p is not None)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """The cyclic GC paused while a large template's many small nodes are made (it would
    double the time; they hold no cycles), then as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _parse_all(template: str, partials: Mapping[str, str]) -> tuple[Program, dict[str, Program]]:
    """The template's program and the registered partials', every written-out partial
    name checked against them and the inline partials they define."""
    with _no_cycle_collection():  # the parser and whitespace control never recurse
        program = strip_whitespace(parse_program(template))
        compiled = {name: strip_whitespace(parse_program(s)) for name, s in partials.items()}
    found, called = set(partials), list[str]()
    for each in (program, *compiled.values()):
        _partial_names(each, found, called)
    for name in called:
        if name != "@partial-block" and name not in found:
            raise InvalidTemplate(f"The partial {name} could not be found")
    return program, compiled


@functools.lru_cache(maxsize=16)
def parse(template: str) -> Program:
    """The template's program, or InvalidTemplate: what CreateTemplate checks. Memoised
    (a program is only read): a stored template is parsed once, not at every send."""
    return _parse_all(template, {})[0]


def _text(value: Any) -> str:
    """A value as JavaScript prints it."""
    if value is None or value is UNDEFINED:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e21:
            return str(int(value))
        return repr(value).replace("e-0", "e-").replace("e+0", "e+")
    if isinstance(value, list):
        return ",".join(_text(item) for item in value)
    if isinstance(value, dict):
        return "[object Object]"
    return str(value)


def _empty(value: Any) -> bool:
    """Handlebars' ``isEmpty``: falsy but not 0, or an empty array."""
    if value == [] and isinstance(value, list):
        return True
    return not _truthy(value) and not (_is_number(value) and value == 0)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _truthy(value: Any) -> bool:
    """JavaScript truthiness of a JSON value (``[]`` and ``{}`` are truthy)."""
    if value is None or value is UNDEFINED or value is False or value == "":
        return False
    return not (_is_number(value) and (value == 0 or value != value))


def _get(value: Any, name: str) -> Any:
    """An own property, as handlebars.js's ``lookupProperty``; else ``undefined``."""
    if isinstance(value, dict):
        return value.get(name, UNDEFINED)
    if isinstance(value, (list, str)):
        if name == "length":
            return len(value)
        if name.isdigit() and int(name) < len(value):
            return value[int(name)]
    return UNDEFINED


class _Scope:
    """Where a program runs: contexts (``../``), data frame, block params, partials."""

    __slots__ = ("block", "data", "depths", "params", "partials")

    def __init__(
        self,
        depths: list[Any],
        data: dict[str, Any],
        params: list[dict[str, Any]],
        partials: dict[str, Program],
        block: tuple[Program, _Scope] | None,
    ) -> None:
        self.depths, self.data, self.params = depths, data, params
        self.partials, self.block = partials, block

    def enter(
        self, context: Any, data: dict[str, Any] | None = None, params: dict[str, Any] | None = None
    ) -> _Scope:
        top = self.depths[-1]
        same = top is context or (not isinstance(context, (dict, list)) and context == top)
        depths = self.depths if same else [*self.depths, context]
        chain = [*self.params, params] if params else self.params
        return _Scope(depths, self.data if data is None else data, chain, self.partials, self.block)


def _frame(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "_parent": data}


class _Renderer:
    def __init__(self, out: list[str]) -> None:
        self.out = out

    def path(self, path: Path, scope: _Scope) -> Any:
        if path.data:
            value: Any = scope.data
            for _ in range(path.depth):
                value = value.get("_parent", {})
            value = value.get(path.parts[0], UNDEFINED) if path.parts else UNDEFINED
            rest = path.parts[1:]
        elif (
            not path.scoped
            and not path.depth
            and path.parts
            and any(path.parts[0] in params for params in scope.params)
        ):
            value = next(p[path.parts[0]] for p in reversed(scope.params) if path.parts[0] in p)
            rest = path.parts[1:]
        else:
            at = len(scope.depths) - 1 - path.depth
            value, rest = (scope.depths[at] if at >= 0 else UNDEFINED), path.parts
        for part in rest:
            value = _get(value, part)
        return value

    def expr(self, expr: Expr, scope: _Scope) -> Any:
        if isinstance(expr, Literal):
            return UNDEFINED if expr.original == "undefined" else expr.value
        if isinstance(expr, Path):
            return self.path(expr, scope)
        return self.helper(expr, scope)

    def helper(self, call: Call, scope: _Scope) -> Any:
        name = call.head.original if isinstance(call.head, Path) else None
        args = [self.expr(param, scope) for param in call.params]
        if name == "log":
            return UNDEFINED
        if name == "lookup":
            obj, field = ([*args, UNDEFINED, UNDEFINED])[:2]
            return obj if not _truthy(obj) else _get(obj, _text(field))
        head = call.head
        if isinstance(head, Call):
            return self.helper(head, scope)
        path = head if isinstance(head, Path) else Path(str(head.original), [str(head.original)])
        value = self.path(path, scope)
        if value is UNDEFINED:
            raise MissingAttribute(path.original)
        return value

    def program(self, program: Program, scope: _Scope) -> None:
        if program.inlines:
            extended = {**scope.partials, **program.inlines}
            scope = _Scope(scope.depths, scope.data, scope.params, extended, scope.block)
        out = self.out
        for node in program.body:
            if isinstance(node, Content):
                out.append(node.value)
            elif isinstance(node, Mustache):
                out.append(_text(self.helper(node.call, scope)))
            elif isinstance(node, Block):
                self.block(node, scope)
            elif isinstance(node, Partial):
                self.partial(node, scope)
            elif not isinstance(node, Comment):  # pragma: no cover
                raise AssertionError(node)

    def block(self, block: Block, scope: _Scope) -> None:
        fn, inverse = block.program, block.inverse or Program()
        if block.inverted:
            fn, inverse = inverse, fn
        if block.kind == "raw":
            self.program(block.program, scope)
            return
        if block.kind == "inline":
            return
        if block.kind == "partial":
            self.partial(block, scope)
            return
        call = block.call
        name = call.head.original if isinstance(call.head, Path) and call.params else None
        value = self.expr(call.params[0] if call.params else call.head, scope)
        names = fn.block_params
        if name in ("if", "unless"):
            zero = (
                _truthy(self.expr(call.hash["includeZero"], scope))
                if "includeZero" in call.hash
                else False
            )
            chosen = not ((not zero and not _truthy(value)) or _empty(value))
            self.program(fn if chosen != (name == "unless") else inverse, scope)
        elif name == "with":
            if _empty(value):
                self.program(inverse, scope)
            else:
                self.program(fn, scope.enter(value, None, dict(zip(names, [value], strict=False))))
        elif name == "each" or (isinstance(value, list) and value):
            self.each(value, fn, inverse, scope)
        elif value is True:
            self.program(fn, scope)
        elif value is False or value is None or value is UNDEFINED or value == []:
            self.program(inverse, scope)
        else:  # an inverted section's ``{{else}}`` on a truthy value (blockHelperMissing)
            self.program(fn, scope.enter(value))

    def each(self, value: Any, fn: Program, inverse: Program, scope: _Scope) -> None:
        items: list[tuple[Any, Any]] = []
        if isinstance(value, list):
            items = list(enumerate(value))
        elif isinstance(value, dict):
            items = list(value.items())
        if not items:
            self.program(inverse, scope)
            return
        data = _frame(scope.data)
        for index, (key, item) in enumerate(items):
            data.update(key=key, index=index, first=index == 0, last=index == len(items) - 1)
            params = dict(zip(fn.block_params, [item, key], strict=False))
            self.program(fn, scope.enter(item, dict(data), params))

    def partial(self, node: Partial | Block, scope: _Scope) -> None:
        if isinstance(node, Block):
            name_expr, hash_ = node.call.head, node.call.hash
            context_expr = node.call.params[0] if node.call.params else None
        else:
            name_expr, context_expr, hash_ = node.name, node.context, node.hash
        if isinstance(name_expr, Call):
            name = _text(self.helper(name_expr, scope))
        else:
            name = str(name_expr.original)
        context = scope.depths[-1] if context_expr is None else self.expr(context_expr, scope)
        if hash_:
            base = context if isinstance(context, dict) else {}
            context = {**base, **{k: self.expr(v, scope) for k, v in hash_.items()}}
        partials, caller_block = scope.partials, scope.block
        data = scope.data
        if isinstance(node, Block):
            partials = {**partials, **node.program.inlines}
            caller_block = (node.program, scope)
            data = _frame(data)
        if name == "@partial-block":
            if scope.block is None:
                raise InvalidTemplate("The partial @partial-block could not be found")
            program, outer = scope.block
            inner = _Scope(outer.depths, data, outer.params, outer.partials, outer.block)
            self.indented(node, lambda: self.program(program, inner.enter(context)))
            return
        target = partials.get(name)
        params: list[dict[str, Any]] = []
        if target is None and isinstance(node, Block):  # the fallback, in the caller's scope
            target, params = node.program, scope.params
        if target is None:
            raise InvalidTemplate(f"The partial {name} could not be found")
        depths = scope.depths if context is scope.depths[-1] else [*scope.depths, context]
        inner = _Scope(depths, data, params, partials, caller_block)
        self.indented(node, lambda: self.program(target, inner))

    def indented(self, node: Partial | Block, write: Any) -> None:
        indent = node.indent if isinstance(node, Partial) else ""
        if not indent:
            write()
            return
        start = len(self.out)
        write()
        lines = "".join(self.out[start:]).split("\n")
        del self.out[start:]
        for i, line in enumerate(lines):
            if not line and i + 1 == len(lines):
                break
            lines[i] = indent + line
        self.out.append("\n".join(lines))


def render(template: str, data: Any, partials: Mapping[str, str] = {}) -> str:
    """``template`` rendered with ``data`` (a JSON object), or the SES error for it.
    ``partials``: registered partials by name (SES has none; handlebars.js's specs do)."""
    program, compiled = _parse_all(template, partials) if partials else (parse(template), {})
    out: list[str] = []
    try:
        with _no_cycle_collection():
            scope = _Scope([data], {"root": data}, [], compiled, None)
            _Renderer(out).program(program, scope)
    except RecursionError:  # blocks nested deeper than Python's stack: never a crash
        raise InvalidTemplate("The template's blocks are nested too deeply to render.") from None
    return "".join(out)
