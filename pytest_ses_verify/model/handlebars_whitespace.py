"""handlebars.js's ``WhitespaceControl`` visitor: ``~`` stripping and standalone lines.

Pure. A block, ``{{else}}``, comment or partial tag alone on its line takes the line's
indentation and line break with it; a ``~`` strips all whitespace on its side. Only
``str.strip`` and friends: linear in the template.
"""

from __future__ import annotations

from typing import Any

from .handlebars_ast import Block, Comment, Content, Mustache, Partial, Program


def strip_whitespace(root: Program) -> Program:
    """``root`` with whitespace control applied, in place, as handlebars.js applies it.

    handlebars.js's visitor recurses; here every program is visited after the programs of
    its blocks (reversed pre-order), which gives the same result without a deep stack: a
    block's own stripping touches only its programs, its parent's only its siblings."""
    order, todo = [], [root]
    while todo:
        program = todo.pop()
        order.append(program)
        for node in program.body:
            if isinstance(node, Block):
                todo.extend(p for p in (node.program, node.inverse) if p is not None)
    visitor = _Whitespace()
    for program in reversed(order):
        visitor.program(program, program is root)
    return root


def _prev_ws(body: list[Any], i: int, is_root: bool) -> bool:
    prev = body[i - 1] if i > 0 else None
    if prev is None:
        return is_root
    if not isinstance(prev, Content):
        return False
    tail = prev.original[len(prev.original.rstrip()) :]
    return "\n" in tail or (i < 2 and is_root and tail == prev.original)


def _next_ws(body: list[Any], i: int, is_root: bool) -> bool:
    nxt = body[i + 1] if i + 1 < len(body) else None
    if nxt is None:
        return is_root
    if not isinstance(nxt, Content):
        return False
    head = nxt.original[: len(nxt.original) - len(nxt.original.lstrip())]
    return "\n" in head or (i + 2 >= len(body) and is_root and head == nxt.original)


def _omit_right(body: list[Any], i: int | None, multiple: bool = False) -> None:
    current = body[0 if i is None else i + 1] if len(body) > (0 if i is None else i + 1) else None
    if not isinstance(current, Content) or (not multiple and current.right):
        return
    original = current.value
    if multiple:
        current.value = original.lstrip()
    else:
        at = len(original) - len(original.lstrip(" \t"))
        at += original.startswith("\r", at)
        at += original.startswith("\n", at)
        current.value = original[at:]
    current.right = current.value != original


def _omit_left(body: list[Any], i: int | None, multiple: bool = False) -> bool:
    at = len(body) - 1 if i is None else i - 1
    current = body[at] if 0 <= at < len(body) else None
    if not isinstance(current, Content) or (not multiple and current.left):
        return False
    original = current.value
    current.value = original.rstrip() if multiple else original.rstrip(" \t")
    current.left = current.value != original
    return current.left


def _oriented(block: Any) -> tuple[Program | None, Program | None]:
    """(program, inverse) as handlebars.js has them: an inverted section's swapped."""
    if block.inverted:
        return block.inverse, block.program
    return block.program, block.inverse


class _Whitespace:
    """handlebars.js's ``WhitespaceControl``: ``~`` stripping and standalone lines."""

    def program(self, program: Program, is_root: bool) -> None:
        body = program.body
        for i, current in enumerate(body):
            strip = self.accept(current)
            if strip is None:
                continue
            prev_ws, next_ws = _prev_ws(body, i, is_root), _next_ws(body, i, is_root)
            if strip.get("close"):
                _omit_right(body, i, True)
            if strip.get("open"):
                _omit_left(body, i, True)
            if strip.get("inline") and prev_ws and next_ws:
                _omit_right(body, i)
                if _omit_left(body, i) and isinstance(current, Partial):
                    before = body[i - 1].original
                    current.indent = before[len(before.rstrip(" \t")) :]
            if strip.get("open_standalone") and prev_ws:
                hb_program, hb_inverse = _oriented(current)
                _omit_right((hb_program or hb_inverse or Program()).body, None)
                _omit_left(body, i)
            if strip.get("close_standalone") and next_ws:
                hb_program, hb_inverse = _oriented(current)
                _omit_right(body, i)
                _omit_left((hb_inverse or hb_program or Program()).body, None)

    def accept(self, node: Any) -> dict[str, bool] | None:
        if isinstance(node, Mustache):
            return {"open": node.strip[0], "close": node.strip[1]}
        if isinstance(node, (Partial, Comment)):
            return {"inline": True, "open": node.strip[0], "close": node.strip[1]}
        if isinstance(node, Block):
            return self.block(node)
        return None

    def block(self, block: Block) -> dict[str, bool]:
        hb_program, hb_inverse = _oriented(block)
        program = hb_program or hb_inverse or Program()
        inverse = hb_inverse if hb_program is not None else None
        first = last = inverse
        if inverse is not None and inverse.chained:
            first = inverse.body[0].program
            while last is not None and last.chained:
                last = last.body[-1].program
        strip = {
            "open": block.open_strip[0],
            "close": block.close_strip[1],
            "open_standalone": _next_ws(program.body, -1, False),
            "close_standalone": _prev_ws(
                (first or program).body, len((first or program).body), False
            ),
        }
        if block.open_strip[1]:
            _omit_right(program.body, None, True)
        if inverse is not None and first is not None and last is not None:
            if block.inverse_strip[0]:
                _omit_left(program.body, None, True)
            if block.inverse_strip[1]:
                _omit_right(first.body, None, True)
            if block.close_strip[0]:
                _omit_left(last.body, None, True)
            if _prev_ws(program.body, len(program.body), False) and _next_ws(first.body, -1, False):
                _omit_left(program.body, None)
                _omit_right(first.body, None)
        elif block.close_strip[0]:
            _omit_left(program.body, None, True)
        return strip
