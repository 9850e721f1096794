"""A small Handlebars renderer: what SES templates use.

Pure: no botocore, no pytest, no clock. ``{{name}}`` (HTML-escaped, as Handlebars
escapes), ``{{{name}}}`` (as is), dotted paths ``{{a.b}}``, ``this``, ``../``,
``{{#if}}``/``{{#unless}}`` with ``{{else}}``, ``{{#each}}`` (lists and objects) with
``{{@index}}``, ``{{@key}}``, ``{{@first}}``, ``{{@last}}``, and ``{{! comments }}``.
A ``{{name}}`` the data does not hold is SES's ``MissingRenderingAttributeException``;
a block that does not close is ``InvalidTemplate``. Messages: README's behaviour table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .errors import ModelError


class MissingAttribute(ModelError):
    """v1 ``MissingRenderingAttributeException``, v2 ``BadRequestException``."""

    def __init__(self, name: str) -> None:
        super().__init__(f"Attribute '{name}' is not present in the rendering data.")
        self.name = name


class InvalidTemplate(ModelError):
    """A template Handlebars cannot parse: v1 ``InvalidTemplate``, v2 ``BadRequestException``."""


_TOKEN = re.compile(r"\{\{\{\s*(.*?)\s*\}\}\}|\{\{(.*?)\}\}", re.DOTALL)
_ESCAPES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "'": "&#x27;",
    "`": "&#x60;",
    "=": "&#x3D;",
}
_MISSING = object()


def escape(text: str) -> str:
    """Handlebars' ``escapeExpression``."""
    return "".join(_ESCAPES.get(char, char) for char in text)


@dataclass
class _Var:
    path: str
    escaped: bool


@dataclass
class _Block:
    kind: str
    path: str
    body: list[_Node] = field(default_factory=list)
    otherwise: list[_Node] = field(default_factory=list)
    in_else: bool = False


_Node = str | _Var | _Block


def parse(template: str) -> list[_Node]:
    """The template's nodes, or InvalidTemplate."""
    root: list[_Node] = []
    stack: list[_Block] = []

    def target() -> list[_Node]:
        if not stack:
            return root
        top = stack[-1]
        return top.otherwise if top.in_else else top.body

    position = 0
    for match in _TOKEN.finditer(template):
        if match.start() > position:
            target().append(template[position : match.start()])
        position = match.end()
        if match.group(1) is not None:
            target().append(_Var(match.group(1), escaped=False))
            continue
        inner = match.group(2).strip()
        if inner.startswith("!"):
            continue
        if inner.startswith("#"):
            kind, _, path = inner[1:].partition(" ")
            if kind not in ("if", "unless", "each", "with") or not path.strip():
                raise InvalidTemplate(f"Unsupported block: {{{{{inner}}}}}")
            block = _Block(kind, path.strip())
            target().append(block)
            stack.append(block)
        elif inner.startswith("/"):
            if not stack or stack[-1].kind != inner[1:].strip():
                raise InvalidTemplate(f"Unexpected closing tag: {{{{{inner}}}}}")
            stack.pop()
        elif inner in ("else", "^"):
            if not stack or stack[-1].in_else:
                raise InvalidTemplate("Unexpected {{else}}")
            stack[-1].in_else = True
        elif not inner:
            raise InvalidTemplate("Empty expression: {{}}")
        else:
            target().append(_Var(inner, escaped=True))
    if stack:
        raise InvalidTemplate(f"Block {{{{#{stack[-1].kind}}}}} is not closed")
    if position < len(template):
        root.append(template[position:])
    return root


@dataclass
class _Frame:
    value: Any
    extra: dict[str, Any]


def _lookup(path: str, frames: list[_Frame]) -> Any:
    if path.startswith("@"):
        return frames[-1].extra.get(path[1:], _MISSING)
    depth = len(frames) - 1
    while path.startswith("../"):
        path, depth = path[3:], max(depth - 1, 0)
    value = frames[depth].value
    parts = path.split(".")
    if parts[0] == "this":
        parts = parts[1:]
    for part in parts:
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return _MISSING
    return value


def _truthy(value: Any) -> bool:
    """Handlebars' falsy values: missing, null, false, 0, "" and []."""
    if value is _MISSING or value is None or value is False or value == "" or value == []:
        return False
    return not (isinstance(value, (int, float)) and not isinstance(value, bool) and value == 0)


def _text(value: Any) -> str:
    """A value as JavaScript prints it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ",".join(_text(item) for item in value)
    if isinstance(value, dict):
        return "[object Object]"
    return str(value)


def _render(nodes: list[_Node], frames: list[_Frame], out: list[str]) -> None:
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, _Var):
            value = _lookup(node.path, frames)
            if value is _MISSING:
                raise MissingAttribute(node.path)
            text = _text(value)
            out.append(escape(text) if node.escaped else text)
        else:
            _render_block(node, frames, out)


def _render_block(block: _Block, frames: list[_Frame], out: list[str]) -> None:
    value = _lookup(block.path, frames)
    if block.kind in ("if", "unless"):
        chosen = _truthy(value) != (block.kind == "unless")
        _render(block.body if chosen else block.otherwise, frames, out)
    elif block.kind == "with":
        if _truthy(value):
            _render(block.body, [*frames, _Frame(value, {})], out)
        else:
            _render(block.otherwise, frames, out)
    else:
        items: list[tuple[Any, Any]] = []
        if isinstance(value, list):
            items = list(enumerate(value))
        elif isinstance(value, dict):
            items = list(value.items())
        if not items:
            _render(block.otherwise, frames, out)
        for index, (key, item) in enumerate(items):
            extra = {"index": index, "key": key, "first": index == 0}
            extra["last"] = index == len(items) - 1
            _render(block.body, [*frames, _Frame(item, extra)], out)


def render(template: str, data: dict[str, Any]) -> str:
    """``template`` rendered with ``data`` (a JSON object), or the SES error for it."""
    out: list[str] = []
    nodes = parse(template)
    try:
        _render(nodes, [_Frame(data, {})], out)
    except RecursionError:  # blocks nested deeper than Python's stack: never a crash
        raise InvalidTemplate("The template's blocks are nested too deeply to render.") from None
    return "".join(out)
