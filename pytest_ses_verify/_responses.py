"""What an answer looks like on the wire: ResponseMetadata, the error envelope, the body.

SES v1 speaks the Query protocol (XML bodies), SES v2 rest-json (JSON bodies).
The fake never parses the body; it exists so that ``content-length`` is the
length of a real body and so that ``http.content`` in an ``after-call`` handler
reads like the service's. aiobotocore clients get an ``AioAWSResponse``, whose
``content`` is awaited.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from email.utils import format_datetime
from typing import Any, cast
from xml.sax.saxutils import escape

from botocore.awsrequest import AWSResponse

XMLNS = "http://ses.amazonaws.com/doc/2010-12-01/"


class SesError(Exception):
    """An SES error answer: HTTP ``status`` (400: ``Error.Type`` "Sender"; 5xx: "Receiver")."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status


def _xml(value: object) -> str:
    """Query-protocol XML for a result: structures by member name, lists as <member>."""
    if isinstance(value, dict):
        return "".join(f"<{k}>{_xml(v)}</{k}>" for k, v in value.items())
    if isinstance(value, list):
        return "".join(f"<member>{_xml(v)}</member>" for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return escape(str(value))


def _map_xml(entries: dict[str, Any]) -> str:
    return "".join(
        f"<entry><key>{escape(k)}</key><value>{_xml(v)}</value></entry>" for k, v in entries.items()
    )


def _result_xml(result: dict[str, Any], map_members: frozenset[str]) -> str:
    return "".join(
        f"<{k}>{_map_xml(v) if k in map_members else _xml(v)}</{k}>" for k, v in result.items()
    )


class _Body:
    """The ``raw`` of an AWSResponse: botocore reads ``content`` through ``stream()``,
    aiobotocore through ``await read()``."""

    __slots__ = ("_data",)

    def __init__(self, data: bytes) -> None:
        self._data = data

    def stream(self, *_: object, **__: object) -> list[bytes]:
        return [self._data]

    async def read(self) -> bytes:
        return self._data


def _answer(
    status: int,
    body: str,
    request_id: str,
    now: datetime,
    parsed: dict[str, Any],
    is_async: bool,
    content_type: str = "text/xml",
    **more_headers: str,
) -> tuple[AWSResponse, dict[str, Any]]:
    data = body.encode()
    headers = {
        "x-amzn-requestid": request_id,
        "content-type": content_type,
        "content-length": str(len(data)),
        "date": format_datetime(now, usegmt=True),
        **more_headers,
    }
    parsed["ResponseMetadata"] = {
        "RequestId": request_id,
        "HTTPStatusCode": status,
        "HTTPHeaders": headers,
        "RetryAttempts": 0,
    }
    response_class = AWSResponse
    if is_async:
        from aiobotocore.awsrequest import AioAWSResponse

        response_class = AioAWSResponse
    return response_class("", status, cast(Any, headers.copy()), _Body(data)), parsed


def success(
    operation: str,
    result: dict[str, Any],
    now: datetime,
    map_members: frozenset[str] = frozenset(),
    is_async: bool = False,
) -> tuple[AWSResponse, dict[str, Any]]:
    """A 200 Query answer carrying ``result`` (which becomes the parsed response)."""
    request_id = str(uuid.uuid4())
    inner = f"<{operation}Result>{_result_xml(result, map_members)}</{operation}Result>"
    body = (
        f'<{operation}Response xmlns="{XMLNS}">{inner}'
        f"<ResponseMetadata><RequestId>{request_id}</RequestId></ResponseMetadata>"
        f"</{operation}Response>"
    )
    return _answer(200, body, request_id, now, result, is_async)


def error(
    err: SesError, now: datetime, is_async: bool = False
) -> tuple[AWSResponse, dict[str, Any]]:
    """A Query error answer, parsed as botocore parses the service's."""
    request_id = str(uuid.uuid4())
    fault = "Sender" if err.status < 500 else "Receiver"
    fields = {"Type": fault, "Code": err.code, "Message": err.message}
    body = (
        f'<ErrorResponse xmlns="{XMLNS}"><Error>{_xml(fields)}</Error>'
        f"<RequestId>{request_id}</RequestId></ErrorResponse>"
    )
    return _answer(err.status, body, request_id, now, {"Error": fields}, is_async)


def _json_default(value: object) -> object:
    if isinstance(value, datetime):
        return value.timestamp()
    raise TypeError(f"not JSON: {value!r}")


def json_success(
    operation: str,
    result: dict[str, Any],
    now: datetime,
    map_members: frozenset[str] = frozenset(),
    is_async: bool = False,
) -> tuple[AWSResponse, dict[str, Any]]:
    """A 200 rest-json answer carrying ``result``."""
    body = json.dumps(result, default=_json_default)
    return _answer(200, body, str(uuid.uuid4()), now, result, is_async, "application/json")


def json_error(
    err: SesError, now: datetime, is_async: bool = False
) -> tuple[AWSResponse, dict[str, Any]]:
    """A rest-json error answer: the code is the exception's name; no ``Type``."""
    body = json.dumps({"message": err.message})
    parsed: dict[str, Any] = {"Error": {"Code": err.code, "Message": err.message}}
    return _answer(
        err.status,
        body,
        str(uuid.uuid4()),
        now,
        parsed,
        is_async,
        "application/json",
        **{"x-amzn-errortype": err.code},
    )
