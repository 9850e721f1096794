"""Email addresses as SES parses them: the bare address in a header value, or SES's error.

Pure: no botocore, no pytest, no clock. The texts are the ones SES returns (they come
from its address parser and are quoted in public reports): ``Missing final '@domain'``,
``Missing local name``, ``Missing domain``, ``Local address contains control or
whitespace``... Nothing here knows identities or sends.
"""

from __future__ import annotations

import functools
import re

from .errors import InvalidParameter

SIMULATOR_DOMAIN = "simulator.amazonses.com"
_LOCAL_SPECIALS = re.compile(r'[()<>,;:\\"\[\]@]')
_DOMAIN_CHAR = re.compile(r"[A-Za-z0-9.\-\[\]]")
# What most addresses look like, "a@b.example" or "Name <a@b.example>": ASCII atoms, no
# quoting or comments. The full parser in mailbox() accepts each of them as it is.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_ADDRESS = rf"{_ATOM}(?:\.{_ATOM})*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
_BARE = re.compile(f"({_ADDRESS})")
_NAMED = re.compile(rf'[^\x00-\x1f\x7f"\\(),:;<>@\[\]]*<({_ADDRESS})>')


def _invalid(message: str) -> InvalidParameter:
    return InvalidParameter(message)


def _is_control_or_space(char: str) -> bool:
    return char.isspace() or not " " < char < "\x7f"


def _unquoted(text: str, wanted: str) -> int:
    """The index of the first ``wanted`` character outside quotes and brackets, or -1."""
    quoted = escaped = False
    depth = 0
    for index, char in enumerate(text):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif char == "<":
            depth += 1
        elif char == ">":
            depth = max(depth - 1, 0)
        elif char in wanted and depth == 0:
            return index
    return -1


@functools.lru_cache(maxsize=1024)
def mailbox(text: str) -> str:
    """The bare address in ``text`` ("Name <a@b>" or "a@b"), or the SES error for it.

    SES parses addresses as JavaMail's strict ``InternetAddress`` does: more than one
    address (an unquoted comma) is ``Illegal address``; an unquoted colon starts a
    group, so the whole text is checked as the address; the address is checked from
    left to right and the first offence is reported (README's behaviour table).
    """
    value = text.strip()
    common = _BARE.fullmatch(value) or _NAMED.fullmatch(value)
    if common is not None:
        return common.group(1)
    if _unquoted(value, ",") >= 0:
        raise _invalid("Illegal address")
    if _unquoted(value, ":") < 0 and ("<" in value or ">" in value):
        start, end = value.rfind("<"), value.rfind(">")
        if start == -1:
            raise _invalid("Missing '<'")
        if end < start:
            raise _invalid("Missing '>'")
        value = value[start + 1 : end].strip()
    _check_address(value)
    return value


def _check_address(address: str) -> None:
    """JavaMail's strict check of ``local@domain``, from left to right."""
    if not address:
        raise _invalid("Empty address")
    at = -1
    quoted = False
    for index, char in enumerate(address):
        if char == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif char == "@":
            if index == 0:
                raise _invalid("Missing local name")
            at = index
            break
        elif _is_control_or_space(char):
            raise _invalid("Local address contains control or whitespace")
        elif _LOCAL_SPECIALS.match(char):
            raise _invalid("Local address contains illegal character")
    if at < 0:
        raise _invalid("Missing final '@domain'")
    local, domain = address[:at], address[at + 1 :]
    _check_dots(local, "Local address")
    if not domain:
        raise _invalid("Missing domain")
    if domain.startswith("."):
        raise _invalid("Domain starts with dot")
    previous = ""
    for char in domain:
        if _is_control_or_space(char):
            raise _invalid("Domain contains control or whitespace")
        if not _DOMAIN_CHAR.match(char):
            raise _invalid("Domain contains illegal character")
        if char == "." and previous == ".":
            raise _invalid("Domain contains dot-dot")
        previous = char
    if domain.endswith("."):
        raise _invalid("Domain ends with dot")


def _check_dots(part: str, what: str) -> None:
    if part.startswith("."):
        raise _invalid(f"{what} starts with dot")
    if part.endswith("."):
        raise _invalid(f"{what} ends with dot")
    if ".." in part:
        raise _invalid(f"{what} contains dot-dot")
