"""What an answer looks like on the wire, and what botocore's service models say.

ResponseMetadata, the error envelope, the body; the operation names, the regions,
the output shapes' map members and parameter validation, from botocore's models.

SES v1 speaks the Query protocol (XML bodies), SES v2 rest-json (JSON bodies).
The fake never parses the body; it exists so that ``content-length`` is the
length of a real body and so that ``http.content`` in an ``after-call`` handler
reads like the service's. aiobotocore clients get an ``AioAWSResponse``, whose
``content`` is awaited.

This is the hot path of every faked call: it is written to do little work, and
what only a curious handler reads (the HeadersDict) is made on first use.
"""

from __future__ import annotations

import functools
import json
from datetime import datetime
from email.utils import format_datetime
from itertools import chain
from typing import Any
from xml.sax.saxutils import escape

from botocore.awsrequest import AWSResponse, HeadersDict

from .model.ids import uuid4

XMLNS = "http://ses.amazonaws.com/doc/2010-12-01/"
Answer = tuple[AWSResponse, dict[str, Any]]


class SesError(Exception):
    """An SES error answer: HTTP ``status`` (400: ``Error.Type`` "Sender"; 5xx: "Receiver").

    ``message`` None: the service answered with a JSON null message (v2).
    """

    def __init__(self, code: str, message: str | None, status: int = 400) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status


_STRINGS = frozenset({str})


def _text(value: str) -> str:
    return escape(value) if "&" in value or "<" in value or ">" in value else value


def _emit(value: Any, parts: list[str]) -> None:
    """Query-protocol XML for a result, appended to ``parts``: structures by member name,
    lists as <member>. One flat list for the whole body (the hot path of every v1 answer:
    no string is built twice, the common leaf, a string, is written inline)."""
    kind = type(value)
    if kind is dict:
        append = parts.append
        for k, v in value.items():
            if type(v) is str:
                if "&" in v or "<" in v or ">" in v:
                    v = escape(v)
                append(f"<{k}>{v}</{k}>")
            else:
                append(f"<{k}>")
                _emit(v, parts)
                append(f"</{k}>")
    elif kind is str:
        parts.append(_text(value))
    elif kind is list:
        if _STRINGS.issuperset(map(type, value)):
            parts.append(_texts(value))
        else:
            for v in value:
                parts.append("<member>")
                _emit(v, parts)
                parts.append("</member>")
    elif kind is bool:
        parts.append("true" if value else "false")
    elif kind is float or kind is int:
        parts.append(str(value))
    else:
        parts.append(_text(str(value)))


def _xml(value: Any) -> str:
    """Query-protocol XML for a result (see :func:`_emit`)."""
    parts: list[str] = []
    _emit(value, parts)
    return "".join(parts)


def _texts(values: list[str]) -> str:
    """A list of strings (identities, tokens, addresses), joined in C."""
    if not values:
        return ""
    whole = "".join(values)
    if "&" in whole or "<" in whole or ">" in whole:
        values = [_text(v) for v in values]
    return f"<member>{'</member><member>'.join(values)}</member>"


def _emit_map(entries: dict[str, Any], parts: list[str]) -> None:
    """A map (``<entry><key/><value/>``). The common one, a structure of strings per key
    (GetIdentityVerificationAttributes for 100 identities), is checked once, in C, for
    characters to escape and then written without a check per string; any other, entry
    by entry."""
    append = parts.append
    try:
        leaves = list(chain.from_iterable(map(dict.values, entries.values())))
    except TypeError:  # not every value a structure
        leaves = [None]
    if _STRINGS.issuperset(map(type, leaves)):
        texts = "".join(entries) + "".join(leaves)
        if "&" not in texts and "<" not in texts and ">" not in texts:
            for key, value in entries.items():
                append(f"<entry><key>{key}</key><value>")
                for k, v in value.items():
                    append(f"<{k}>{v}</{k}>")
                append("</value></entry>")
            return
    for key, value in entries.items():
        append(f"<entry><key>{_text(key)}</key><value>")
        _emit(value, parts)
        append("</value></entry>")


# A lowercase version-4 UUID, as SES request ids are.
request_id = uuid4


_last_date: tuple[int, str] = (0, "")


def _http_date(now: datetime) -> str:
    """The ``date`` header, formatted once per second of the fake's clock."""
    global _last_date
    second = int(now.timestamp())
    if _last_date[0] != second:
        _last_date = (second, format_datetime(now.replace(microsecond=0), usegmt=True))
    return _last_date[1]


class _Body:
    """The ``raw`` of an AWSResponse: botocore reads ``content`` through ``stream()``,
    aiobotocore through ``await read()``. The text is encoded only when something reads
    it (nothing on botocore's own path does)."""

    __slots__ = ("_text",)

    def __init__(self, text: str) -> None:
        self._text = text

    def stream(self, *_: object, **__: object) -> list[bytes]:
        return [self._text.encode()]

    async def read(self) -> bytes:
        return self._text.encode()


class _Http(AWSResponse):
    """An AWSResponse whose HeadersDict is made only if something reads it."""

    def __init__(self, status: int, headers: dict[str, str], body: _Body) -> None:
        self.url = ""
        self.status_code = status
        self.raw = body
        self._content = None
        self._plain_headers = headers

    @property
    def headers(self) -> HeadersDict:
        made: HeadersDict | None = self.__dict__.get("_headers")
        if made is None:
            made = self.__dict__["_headers"] = HeadersDict(self._plain_headers)
        return made

    @headers.setter
    def headers(self, value: HeadersDict) -> None:
        self.__dict__["_headers"] = value


_aio_http: list[type[_Http]] = []


def _http_class(is_async: bool) -> type[_Http]:
    if not is_async:
        return _Http
    if not _aio_http:  # aiobotocore is optional: only aio clients need it
        from aiobotocore.awsrequest import AioAWSResponse

        _aio_http.append(type("_AioHttp", (_Http, AioAWSResponse), {}))
    return _aio_http[0]


def _answer(
    status: int,
    body: str,
    rid: str,
    now: datetime,
    parsed: dict[str, Any],
    is_async: bool,
    content_type: str = "text/xml",
    **more_headers: str,
) -> Answer:
    # content-length is the UTF-8 length; for an ASCII body (most) that is its length.
    length = len(body) if body.isascii() else len(body.encode())
    headers = {
        "x-amzn-requestid": rid,
        "content-type": content_type,
        "content-length": str(length),
        "date": _http_date(now),
        **more_headers,
    }
    parsed["ResponseMetadata"] = {
        "RequestId": rid,
        "HTTPStatusCode": status,
        "HTTPHeaders": headers,
        "RetryAttempts": 0,
    }
    return _http_class(is_async)(status, headers, _Body(body)), parsed


def success(
    operation: str,
    result: dict[str, Any],
    now: datetime,
    map_members: frozenset[str] = frozenset(),
    is_async: bool = False,
) -> Answer:
    """A 200 Query answer carrying ``result`` (which becomes the parsed response)."""
    rid = request_id()
    parts = [f'<{operation}Response xmlns="{XMLNS}"><{operation}Result>']
    for k, v in result.items():
        parts.append(f"<{k}>")
        if k in map_members:
            _emit_map(v, parts)
        else:
            _emit(v, parts)
        parts.append(f"</{k}>")
    parts.append(
        f"</{operation}Result><ResponseMetadata><RequestId>{rid}</RequestId>"
        f"</ResponseMetadata></{operation}Response>"
    )
    body = "".join(parts)
    return _answer(200, body, rid, now, result, is_async)


def error(err: SesError, now: datetime, is_async: bool = False) -> Answer:
    """A Query error answer, parsed as botocore parses the service's."""
    rid = request_id()
    fault = "Sender" if err.status < 500 else "Receiver"
    fields = {"Type": fault, "Code": err.code, "Message": err.message}
    body = (
        f'<ErrorResponse xmlns="{XMLNS}"><Error>{_xml(fields)}</Error>'
        f"<RequestId>{rid}</RequestId></ErrorResponse>"
    )
    return _answer(err.status, body, rid, now, {"Error": fields}, is_async)


def _json_default(value: object) -> object:
    if isinstance(value, datetime):
        return value.timestamp()
    raise TypeError(f"not JSON: {value!r}")


_json = json.JSONEncoder(default=_json_default)  # made once: json.dumps(default=) makes one a call


def json_success(
    operation: str,
    result: dict[str, Any],
    now: datetime,
    map_members: frozenset[str] = frozenset(),
    is_async: bool = False,
) -> Answer:
    """A 200 rest-json answer carrying ``result``."""
    body = _json.encode(result)
    return _answer(200, body, request_id(), now, result, is_async, "application/json")


def json_error(err: SesError, now: datetime, is_async: bool = False) -> Answer:
    """A rest-json error answer: the code is the exception's name; no ``Type``."""
    body = json.dumps({"message": err.message})
    parsed: dict[str, Any] = {"Error": {"Code": err.code, "Message": err.message}}
    extra = {"x-amzn-errortype": err.code}
    return _answer(
        err.status, body, request_id(), now, parsed, is_async, "application/json", **extra
    )


# -- botocore's service models ---------------------------------------------------------


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


def output_problem(service: str, operation: str, response: Any) -> str | None:
    """Why ``response`` does not fit ``operation``'s output shape in ``service`` (None: it
    does, as botocore's Stubber checks canned responses)."""
    from botocore.validate import ParamValidator

    model = _session().get_service_model(service)
    if operation not in model.operation_names:
        return f"{operation} is not a {service} operation"
    shape = model.operation_model(operation).output_shape
    if shape is None:
        return None if response == {} else f"{operation} answers no members"
    report = ParamValidator().validate(response, shape)
    return str(report.generate_report()) if report.has_errors() else None


def services_of(operation: str) -> tuple[str, ...]:
    """The SES APIs (``ses``, ``sesv2``) that have ``operation``."""
    session = _session()
    return tuple(
        api
        for api in ("ses", "sesv2")
        if operation in session.get_service_model(api).operation_names
    )


def operation_name(name: str) -> str | None:
    """The API name of an SES (v1 or v2) operation given as "SendEmail" or "send_email"."""
    return _operation_names().get(name) if isinstance(name, str) else None


def suggest(name: object) -> str:
    """ " Did you mean ...?" for a misspelt operation name, or nothing."""
    import difflib

    close = difflib.get_close_matches(str(name), list(_operation_names()), n=3)
    return f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


def validation_report(service: str, operation: str, params: dict[str, Any]) -> str:
    """botocore's report on ``params`` (empty when valid): for clients made with
    ``Config(parameter_validation=False)``, whose arguments botocore did not check."""
    from botocore.validate import ParamValidator

    shape = _session().get_service_model(service).operation_model(operation).input_shape
    if shape is None:
        return ""
    report = ParamValidator().validate(params, shape)
    return str(report.generate_report()) if report.has_errors() else ""


@functools.cache
def map_members(service: str, operation: str) -> frozenset[str]:
    """The result members of ``operation`` that are maps (``<entry><key/><value/>`` in XML)."""
    shape = _session().get_service_model(service).operation_model(operation).output_shape
    if shape is None:
        return frozenset()
    return frozenset(n for n, m in shape.members.items() if m.type_name == "map")
