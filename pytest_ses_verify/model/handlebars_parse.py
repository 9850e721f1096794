"""Handlebars 4's lexer, parser and whitespace control, for ``render``: pure.

One pass over the template (``str.find`` and anchored matches, never a search that
backtracks over the whole text), blocks kept on an explicit stack, (the standalone and
``~`` stripping is ``handlebars_whitespace``'s). Anything the
grammar refuses, or that needs a helper or decorator SES does not have, is
``InvalidTemplate`` naming the construct.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

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

BLOCK_HELPERS = frozenset({"if", "unless", "each", "with"})
INLINE_HELPERS = frozenset({"lookup", "log"})


_ID_STOP = set(" \t\r\n\f\v!\"#%&'()*+,./;<=>@[\\]^`{|}~")
_LOOKAHEAD = set("=~}/.)|") | set(" \t\r\n\f\v")
_LITERAL_LOOKAHEAD = set("~})") | set(" \t\r\n\f\v")
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_AS = re.compile(r"\s+\|")
_INVERSE = re.compile(r"\s*~?\}\}")
_WORDS = {"true": True, "false": False, "null": None, "undefined": None}
_OPENER = re.compile(r"\s*else(?=[\s~}])|#>|#\*|[#>/^{&*]|")
_THIS = re.compile(r"this\b")
_COMMENT_END = re.compile(r"~?\}\}")
_LONG_COMMENT_END = re.compile(r"--~?\}\}")


def _tokens(text: str, pos: int, close: str, tag: str) -> tuple[list[tuple[str, Any]], int, bool]:
    """The tokens of one tag's inside up to ``close``; (tokens, end, right-strip)."""
    out: list[tuple[str, Any]] = []
    n = len(text)
    while pos < n:
        char = text[pos]
        if char.isspace():
            pos += 1
        elif text.startswith(close, pos):
            return out, pos + len(close), False
        elif (
            text.startswith(close[0] + "~" + close[1:], pos)
            if close == "}}}"
            else text.startswith("~" + close, pos)
        ):
            return out, pos + len(close) + 1, True
        elif char in "()=|":
            out.append(({"(": "OPEN", ")": "CLOSE", "=": "EQ", "|": "BAR"}[char], char))
            pos += 1
        elif text.startswith("..", pos):
            out.append(("ID", ".."))
            pos += 2
        elif char in "./":
            after = text[pos + 1 : pos + 2]
            is_id = char == "." and (after in _LOOKAHEAD or not after)
            out.append(("ID", ".") if is_id else ("SEP", char))
            pos += 1
        elif char in "\"'":
            end, chars = pos + 1, []
            while end < n and text[end] != char:
                if text[end] == "\\" and text[end + 1 : end + 2] == char:
                    end += 1
                chars.append(text[end])
                end += 1
            if end >= n:
                raise InvalidTemplate(f"Unterminated string in {tag}")
            out.append(("STRING", "".join(chars)))
            pos = end + 1
        elif char == "@":
            out.append(("DATA", "@"))
            pos += 1
        elif char == "[":
            end, chars = pos + 1, []
            while end < n and text[end] != "]":
                if text[end] == "\\" and text[end + 1 : end + 2] in ("]", "\\"):
                    end += 1
                chars.append(text[end])
                end += 1
            if end >= n:
                raise InvalidTemplate(f"Unterminated [segment] in {tag}")
            out.append(("ID", "[" + "".join(chars) + "]"))
            pos = end + 1
        else:
            end = pos
            while end < n and text[end] not in _ID_STOP:
                end += 1
            word = text[pos:end]
            after = text[end : end + 1]
            number = _NUMBER.match(text, pos) if char in "-0123456789" else None
            bar = _AS.match(text, end) if word == "as" else None
            if bar:
                out.append(("AS", "as |"))
                pos = bar.end()
                continue
            literal_after = text[number.end() : number.end() + 1] if number else "x"
            if number and (not literal_after or literal_after in _LITERAL_LOOKAHEAD):
                word, end, after = number.group(), number.end(), literal_after
            else:
                number = None
            if not word or (after and after not in _LOOKAHEAD):
                raise InvalidTemplate(f"Unexpected character {text[end : end + 1]!r} in {tag}")
            if (word in _WORDS or number) and (not after or after in _LITERAL_LOOKAHEAD):
                value = (
                    _WORDS[word] if word in _WORDS else float(word) if "." in word else int(word)
                )
                out.append(("LITERAL", (value, word)))
            else:
                out.append(("ID", word))
            pos = end
    raise InvalidTemplate(f"{tag} is not closed")


class _Exprs:
    """Recursive descent over one tag's tokens."""

    def __init__(self, tokens: list[tuple[str, Any]], tag: str) -> None:
        self.tokens, self.i, self.tag = tokens, 0, tag

    def peek(self, ahead: int = 0) -> str | None:
        at = self.i + ahead
        return self.tokens[at][0] if at < len(self.tokens) else None

    def fail(self) -> InvalidTemplate:
        return InvalidTemplate(f"Parse error in {self.tag}")

    def path(self, data: bool) -> Path:
        if self.peek() != "ID":
            raise self.fail()
        original, separator, depth = "", "", 0
        parts: list[str] = []
        while True:
            raw = self.tokens[self.i][1]
            self.i += 1
            literal = raw.startswith("[") and raw.endswith("]")
            part = raw[1:-1] if literal else raw
            original += separator + part
            if not literal and part in ("..", ".", "this"):
                if parts:
                    raise InvalidTemplate(f"Invalid path: {original} in {self.tag}")
                depth += part == ".."
            else:
                parts.append(part)
            if self.peek() != "SEP" or self.peek(1) != "ID":
                break
            separator = self.tokens[self.i][1]
            self.i += 1
        scoped = original.startswith(".") or _THIS.match(original) is not None
        return Path(("@" if data else "") + original, parts, depth, data, scoped)

    def operand(self) -> Expr:
        kind = self.peek()
        if kind == "OPEN":
            self.i += 1
            call = self.call()
            if self.peek() != "CLOSE":
                raise self.fail()
            self.i += 1
            return call
        if kind == "STRING":
            self.i += 1
            value = self.tokens[self.i - 1][1]
            return Literal(value, value)
        if kind == "LITERAL":
            self.i += 1
            value, original = self.tokens[self.i - 1][1]
            return Literal(value, original)
        if kind == "DATA":
            self.i += 1
            return self.path(True)
        return self.path(False)

    def call(self, head: bool = True) -> Call:
        call = Call(self.operand() if head else Literal(None, ""))
        while self.peek() not in (None, "CLOSE", "AS"):
            if self.peek() == "ID" and self.peek(1) == "EQ":
                key = self.tokens[self.i][1]
                self.i += 2
                call.hash[key.strip("[]")] = self.operand()
            elif call.hash:
                raise self.fail()
            else:
                call.params.append(self.operand())
        return call

    def block_params(self) -> list[str]:
        if self.peek() != "AS":
            return []
        self.i += 1
        names = []
        while self.peek() == "ID":
            names.append(self.tokens[self.i][1])
            self.i += 1
        if self.peek() != "BAR" or not names:
            raise self.fail()
        self.i += 1
        return names

    def end(self) -> None:
        if self.i != len(self.tokens):
            raise self.fail()


def _name(expr: Expr) -> str:
    return expr.original if isinstance(expr, (Path, Literal)) else "(subexpression)"


@dataclass
class _Open:
    block: Block
    tail: Block  # the block an ``{{else}}`` attaches to (the last of an else-if chain)
    current: Program
    chain: list[Block] = field(default_factory=list)
    closed_else: bool = False


def _check_call(call: Call, tag: str, block: bool) -> None:
    """Helpers SES has: the four block helpers, lookup and log; anything else refused."""
    name = call.head.original if isinstance(call.head, Path) else None
    if block and name not in BLOCK_HELPERS:
        if isinstance(call.head, Path) and not call.params and not call.hash:
            return  # a section, as Handlebars renders one (its blockHelperMissing)
        raise InvalidTemplate(f"Unknown block helper {_name(call.head)!r} in {tag}")
    if not block and name in BLOCK_HELPERS:
        raise InvalidTemplate(f"The {name} helper needs a block: {tag}")
    if not block and (call.params or call.hash) and name not in INLINE_HELPERS:
        raise InvalidTemplate(f"Unknown helper {_name(call.head)!r} in {tag}")
    if block and len(call.params) != 1:
        raise InvalidTemplate(f"#{name} requires exactly one argument: {tag}")
    _check_subexpressions([call.head, *call.params, *call.hash.values()], tag)


def _check_subexpressions(operands: list[Expr], tag: str) -> None:
    """A ``( )`` subexpression can only call lookup or log."""
    for operand in operands:
        if isinstance(operand, Call):
            head = operand.head.original if isinstance(operand.head, Path) else None
            if head not in INLINE_HELPERS:
                raise InvalidTemplate(f"Unknown helper {_name(operand.head)!r} in {tag}")
            _check_call(operand, tag, False)


def parse_program(text: str) -> Program:
    """The template's program (whitespace control not yet applied), or InvalidTemplate."""
    root = Program()
    stack: list[_Open] = []
    pos, n = 0, len(text)

    def add(node: Any) -> None:
        (stack[-1].current if stack else root).body.append(node)

    while pos < n:
        start = text.find("{{", pos)
        end = n if start < 0 else start
        chunk = text[pos:end]
        escaped = start >= 0 and chunk.endswith("\\") and not chunk.endswith("\\\\")
        if start >= 0 and chunk.endswith("\\"):
            chunk = chunk[:-1]
        if chunk:
            add(Content(chunk, chunk))
        if start < 0:
            break
        if escaped:  # ``\{{``: text up to the next ``{{`` (or ``\{{``)
            stop = text.find("{{", start + 2)
            if stop < 0:
                stop = n
            elif text[stop - 2 : stop] == "\\\\" and stop - 2 >= start + 2:
                stop -= 2
            elif text[stop - 1] == "\\" and stop - 1 >= start + 2:
                stop -= 1
            literal = text[start:stop]
            add(Content(literal, literal))
            pos = stop
            continue
        if text.startswith("{{{{", start):  # a raw block: its content as written
            tokens, body_at, _ = _tokens(text, start + 4, "}}}}", "{{{{")
            exprs = _Exprs(tokens, "a raw block")
            head = exprs.call()
            exprs.end()
            name = _name(head.head)
            depth, scan = 1, body_at
            while depth:
                found = text.find("{{{{", scan)
                if found < 0:
                    raise InvalidTemplate(f"Raw block {{{{{{{{{name}}}}}}}}} is not closed")
                closing = text.startswith("{{{{/", found)
                depth += -1 if closing else 1
                scan = found + 4
            close_end = text.find("}}}}", scan)
            if close_end < 0 or text[scan + 1 : close_end].strip() != name:
                raise InvalidTemplate(f"Raw block {name} does not match its closing tag")
            raw = text[body_at:found]
            add(Block("raw", head, Program([Content(raw, raw)])))
            pos = close_end + 4
            continue
        at = start + 2
        left = text.startswith("~", at)
        at += left
        if text.startswith("!", at):
            long = text.startswith("!--", at)
            match = (_LONG_COMMENT_END if long else _COMMENT_END).search(text, at)
            if match is None:
                raise InvalidTemplate("A comment is not closed")
            add(Comment((left, match.group().startswith(("~", "--~")))))
            pos = match.end()
            continue
        opened = _OPENER.match(text, at)
        opener = opened.group() if opened else ""
        at += len(opener)
        opener = "else" if opener.endswith("else") else opener
        if opener in ("^", "else") and _INVERSE.match(text, at):
            opener = "inverse"
        unescaped = opener == "{"
        tokens, pos, right = _tokens(text, at, "}}}" if unescaped else "}}", "{{" + opener)
        strip = (left, right)
        tag = text[start:pos] if pos - start <= 80 else text[start : start + 77] + "..."
        exprs = _Exprs(tokens, tag)
        if opener == "inverse":
            exprs.end()
            if not stack or stack[-1].closed_else or stack[-1].block.kind != "block":
                raise InvalidTemplate(f"Unexpected {{{{else}}}}: {tag}")
            top = stack[-1]
            top.tail.inverse, top.tail.inverse_strip = Program(), strip
            top.current, top.closed_else = top.tail.inverse, True
        elif opener == "else":
            call = exprs.call()
            params = exprs.block_params()
            exprs.end()
            _check_call(call, tag, True)
            if not stack or stack[-1].closed_else or stack[-1].block.kind != "block":
                raise InvalidTemplate(f"Unexpected {{{{else}}}}: {tag}")
            top = stack[-1]
            chained = Block("block", call, Program(block_params=params), open_strip=strip)
            top.tail.inverse, top.tail.inverse_strip = Program([chained], chained=True), strip
            top.chain.append(chained)
            top.tail = chained
            top.current = chained.program
        elif opener == "/":
            path = exprs.path(False) if exprs.peek() != "DATA" else None
            exprs.end()
            if not stack:
                raise InvalidTemplate(f"Unexpected closing tag {{{{/{path and path.original}}}}}")
            top = stack.pop()
            name = _name(top.block.call.head)
            if path is None or path.original != name:
                raise InvalidTemplate(f"{name} doesn't match {path and path.original}")
            top.block.close_strip = strip
            for index, chained in enumerate(top.chain):  # as handlebars.js's prepareBlock
                chained.close_strip = strip if index == 0 else chained.open_strip
            if top.block.kind == "inline":
                owner = stack[-1].current if stack else root
                owner.inlines[str(top.block.call.params[0].value)] = top.block.program  # type: ignore[union-attr]
        elif opener in ("#", "^", "#>", "#*"):
            call = exprs.call()
            params = exprs.block_params()
            exprs.end()
            kind = {"#>": "partial", "#*": "inline"}.get(opener, "block")
            if kind == "inline":
                if _name(call.head) != "inline" or len(call.params) != 1:
                    raise InvalidTemplate(f"Unknown decorator in {tag} (only *inline)")
                if not isinstance(call.params[0], Literal):
                    raise InvalidTemplate(f"*inline needs a partial name: {tag}")
            elif kind == "partial":
                if len(call.params) > 1:
                    raise InvalidTemplate(f"Unsupported number of partial arguments: {tag}")
                _check_subexpressions([call.head, *call.params, *call.hash.values()], tag)
            elif opener == "#" or call.params or call.hash or params:
                _check_call(call, tag, True)
            block = Block(kind, call, Program(block_params=params), open_strip=strip)
            block.inverted = opener == "^"
            add(block)
            stack.append(_Open(block, block, block.program))
        elif opener == ">":
            call = exprs.call()
            exprs.end()
            if len(call.params) > 1:
                raise InvalidTemplate(f"Unsupported number of partial arguments: {tag}")
            context = call.params[0] if call.params else None
            _check_subexpressions([call.head, *call.params, *call.hash.values()], tag)
            add(Partial(call.head, context, call.hash, strip))
        elif opener == "*":
            raise InvalidTemplate(f"Decorators are not supported: {tag}")
        else:
            if not tokens:
                raise InvalidTemplate("Empty expression: {{}}")
            call = exprs.call()
            exprs.end()
            _check_call(call, tag, False)
            add(Mustache(call, not unescaped and opener != "&", strip))
    if stack:
        raise InvalidTemplate(f"Block {{{{#{_name(stack[-1].block.call.head)}}}}} is not closed")
    return root
