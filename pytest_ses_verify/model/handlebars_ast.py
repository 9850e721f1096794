"""The nodes of a parsed Handlebars template (handlebars.js's AST, the parts SES uses)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .errors import ModelError


class InvalidTemplate(ModelError):
    """A template Handlebars cannot parse: v1 ``InvalidTemplate``, v2 ``BadRequestException``."""


@dataclass(slots=True)
class Path:
    original: str
    parts: list[str]
    depth: int = 0
    data: bool = False
    scoped: bool = False  # ``this.x`` / ``./x``: never a block param


@dataclass(slots=True)
class Literal:
    value: Any
    original: str


@dataclass(slots=True)
class Call:
    """A helper name (or path) with its arguments: a mustache's, block's or ``( )``'s."""

    head: Path | Literal | Call
    params: list[Path | Literal | Call] = field(default_factory=list)
    hash: dict[str, Path | Literal | Call] = field(default_factory=dict)


Expr = Path | Literal | Call
Strip = tuple[bool, bool]  # ``{{~`` and ``~}}``


@dataclass(slots=True)
class Content:
    value: str
    original: str
    left: bool = False  # already stripped on this side
    right: bool = False


@dataclass(slots=True)
class Comment:
    strip: Strip


@dataclass(slots=True)
class Mustache:
    call: Call
    escaped: bool
    strip: Strip


@dataclass(slots=True)
class Partial:
    name: Expr
    context: Expr | None
    hash: dict[str, Expr]
    strip: Strip
    indent: str = ""


@dataclass(slots=True)
class Program:
    body: list[Any] = field(default_factory=list)
    block_params: list[str] = field(default_factory=list)
    inlines: dict[str, Program] = field(default_factory=dict)
    chained: bool = False


@dataclass(slots=True)
class Block:
    """A block helper, an inverted section, a partial block, ``*inline`` or a raw block."""

    kind: str  # "block", "partial", "inline", "raw"
    call: Call
    program: Program
    inverse: Program | None = None
    open_strip: Strip = (False, False)
    inverse_strip: Strip = (False, False)
    close_strip: Strip = (False, False)
    inverted: bool = False
