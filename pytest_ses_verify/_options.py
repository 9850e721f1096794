"""The fake's options and presets, and the checks of everything a test passes in.

One :class:`Options` object comes out of every entry point (``SesVerification(...)``
and the ``ses_verification`` marker); a new option is one field, one check, one
README line and one test. Imports neither botocore nor the fake, so that importing
``plugin.py`` stays cheap.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Literal, get_args

from ._errors import UsageError

if TYPE_CHECKING:  # the model is imported when a check runs: importing plugin.py stays cheap
    from .model.identities import Kind
    from .model.lifecycle import Status
    from .model.verification import Preset

Unsupported = Literal["error", "passthrough"]
UNSUPPORTED_CHOICES: tuple[Unsupported, ...] = get_args(Unsupported)
# The longest detection delay: beyond a year SES would never see anything anyway.
MAX_DETECTION_DELAY = timedelta(days=365)


@dataclasses.dataclass(frozen=True)
class Options:
    """How one fake behaves (see the README's ``ses_verification`` marker)."""

    auto_verify: bool = False
    detection_delay: timedelta = timedelta(0)
    unsupported: Unsupported = "error"
    sandbox: bool = False
    rate_limit: bool = False
    account_id: str = "123456789012"
    send_quota: tuple[int, float] | None = None
    publish_notifications: bool = False
    answer_any_thread: bool = False

    @classmethod
    def checked(cls, where: str, **given: Any) -> Options:
        """Options from ``given``, or a UsageError that names ``where`` and the value.
        Options already checked are remembered (by value and type): every test's fixture
        makes the same ones."""
        try:
            key = tuple((name, _types(value), value) for name, value in given.items())
            return _CHECKED[key]
        except TypeError:  # an unhashable value (a list): checked every time
            key = None
        except KeyError:
            pass
        options = cls._checked(where, **given)
        if key is not None:
            if len(_CHECKED) >= 64:
                _CHECKED.clear()
            _CHECKED[key] = options
        return options

    @classmethod
    def _checked(cls, where: str, **given: Any) -> Options:
        options = cls(**given)
        for field in dataclasses.fields(cls):
            value = getattr(options, field.name)
            if field.type == "bool" and not isinstance(value, bool):
                raise UsageError(f"{where}: {field.name} must be True or False, not {value!r}.")
        delay = options.detection_delay
        if not isinstance(delay, timedelta) or not timedelta(0) <= delay <= MAX_DETECTION_DELAY:
            raise UsageError(
                f"{where}: detection_delay must be a datetime.timedelta from zero to "
                f"{MAX_DETECTION_DELAY.days} days, not {delay!r}."
            )
        account_id = options.account_id
        if not isinstance(account_id, str) or len(account_id) != 12 or not account_id.isdigit():
            raise UsageError(
                f"{where}: account_id must be 12 digits as a string ('123456789012'), "
                f"not {account_id!r}."
            )
        if options.unsupported not in UNSUPPORTED_CHOICES:
            raise UsageError(
                f"{where}: unsupported must be one of {quoted_list(UNSUPPORTED_CHOICES)}, "
                f"not {options.unsupported!r}."
            )
        check_send_quota(options.send_quota, where)
        return options


_CHECKED: dict[tuple[tuple[str, object, object], ...], Options] = {}


def _types(value: object) -> object:
    """What tells apart values that compare equal (True and 1, 1 and 1.0), a tuple's
    members included."""
    if type(value) is tuple:
        return tuple, *map(type, value)
    return type(value)


def _default_text(value: object) -> str:
    if isinstance(value, timedelta):
        return "timedelta(0)" if not value else f"timedelta(seconds={value.total_seconds()})"
    return f'"{value}"' if isinstance(value, str) else repr(value)


def marker_args(*args: Any, **given: Any) -> dict[str, Any]:
    """The signature of the ``ses_verification`` marker: :class:`Options`' fields, by keyword."""
    if args:
        raise TypeError(f"marker_args() takes 0 positional arguments but {len(args)} was given")
    names = [f.name for f in dataclasses.fields(Options)]
    for name in given:
        if name not in names:
            raise TypeError(f"marker_args() got an unexpected keyword argument {name!r}")
    return given


def signature() -> str:
    """``(*, auto_verify=False, ...)``: the options as the marker takes them."""
    fields = dataclasses.fields(Options)
    return "(*, " + ", ".join(f"{f.name}={_default_text(f.default)}" for f in fields) + ")"


def quoted_list(values: Sequence[str]) -> str:
    return ", ".join(repr(v) for v in values)


def check_status(status: object, where: str) -> Status:
    from .model.lifecycle import STATUSES

    if status not in STATUSES:
        raise UsageError(
            f"{where}: status {status!r} is not one of {quoted_list(STATUSES)}. "
            "Statuses are spelled as SES v1 spells them."
        )
    return status


def check_identity(identity: object, where: str) -> Kind:
    from .model.identities import kind_of

    kind = kind_of(identity) if isinstance(identity, str) else None
    if kind is None:
        raise UsageError(
            f"{where}: identity {identity!r} is neither an email address "
            "('name@example.com') nor a domain ('example.com')."
        )
    return kind


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def check_send_quota(value: object, where: str) -> tuple[int, float] | None:
    """None, or (recipients per 24 hours, recipients per second) as SES states them: a
    whole number of 1 or more (-1: unlimited), and a rate above zero."""
    if value is None:
        return None
    pair = tuple(value) if isinstance(value, (tuple, list)) else ()
    daily, rate = pair if len(pair) == 2 else (None, None)
    if (
        not isinstance(daily, int)
        or isinstance(daily, bool)
        or not (daily == -1 or daily >= 1)
        or not isinstance(rate, (int, float))
        or not _is_number(rate)
        or not rate > 0
    ):
        raise UsageError(
            f"{where}: send_quota must be (max per 24 hours, max per second), such as "
            "(50000, 14): a whole number of 1 or more (-1: unlimited) and a rate above zero; "
            f"not {value!r}."
        )
    return daily, float(rate)


def check_optional_str(value: object, name: str, where: str) -> None:
    if value is not None and (not isinstance(value, str) or not value):
        raise UsageError(f"{where}: {name} must be a non-empty string or None, not {value!r}.")


def check_preset(
    identity: object,
    status: object,
    region: object,
    token: object,
    where: str,
    dkim: object = None,
    mail_from: object = None,
    mail_from_status: object = "Success",
    account_id: object = None,
    policy: object = None,
) -> Preset:
    kind = check_identity(identity, where)
    checked = check_status(status, where)
    check_optional_str(region, "region", where)
    check_optional_str(token, "token", where)
    if token is not None and kind != "Domain":
        raise UsageError(
            f"{where}: token is for domain identities; {identity!r} is an email address."
        )
    if dkim is not None:
        if kind != "Domain":
            raise UsageError(
                f"{where}: dkim is for domain identities (Easy DKIM); {identity!r} is an "
                "email address, which signs with its domain's DKIM."
            )
        check_status(dkim, f"{where} (dkim)")
    if mail_from is not None:
        check_optional_str(mail_from, "mail_from", where)
        parent = str(identity).rpartition("@")[2].lower()
        if not str(mail_from).lower().rstrip(".").endswith("." + parent):
            raise UsageError(
                f"{where}: mail_from {mail_from!r} is not a subdomain of {parent!r}; a custom "
                f"MAIL FROM domain is one, such as 'mail.{parent}'."
            )
        check_status(mail_from_status, f"{where} (mail_from_status)")
    if account_id is not None and (
        not isinstance(account_id, str) or len(account_id) != 12 or not account_id.isdigit()
    ):
        raise UsageError(
            f"{where}: account_id must be 12 digits as a string ('111122223333'), not "
            f"{account_id!r}: the AWS account that owns the identity."
        )
    document = _policy_text(policy, where)
    from .model.verification import Preset

    return Preset(
        identity,  # type: ignore[arg-type]
        kind,
        checked,
        region,  # type: ignore[arg-type]
        token,  # type: ignore[arg-type]
        dkim,  # type: ignore[arg-type]
        None if mail_from is None else str(mail_from).lower().rstrip("."),
        mail_from_status,  # type: ignore[arg-type]
        account_id,
        document,
    )


def _policy_text(policy: object, where: str) -> str | None:
    """A sending authorization policy given as a dict or as JSON text, as JSON text."""
    if policy is None:
        return None
    text = json.dumps(policy) if isinstance(policy, dict) else policy
    try:
        parsed = json.loads(text) if isinstance(text, str) else None
    except ValueError:
        parsed = None
    if not isinstance(parsed, dict) or not isinstance(text, str):
        raise UsageError(
            f"{where}: policy must be a policy document, as a dict or as JSON text, not "
            f"{policy!r}: {{'Version': '2012-10-17', 'Statement': [...]}}."
        )
    return text


def duration(keywords: dict[str, float]) -> timedelta:
    """``timedelta(**keywords)`` for advance(), or a UsageError naming the bad keyword."""
    for name, value in keywords.items():
        if isinstance(value, float) and not math.isfinite(value):
            raise UsageError(f"advance(): {name}={value!r} is not a finite number of {name}.")
    try:
        return timedelta(**keywords)
    except TypeError as exc:
        raise UsageError(
            f"advance(): {exc}. Use datetime.timedelta's keywords: weeks, days, "
            "hours, minutes, seconds, milliseconds, microseconds."
        ) from None
    except (OverflowError, ValueError) as exc:
        given = ", ".join(f"{k}={v!r}" for k, v in keywords.items())
        raise UsageError(f"advance(): {given} is not a duration Python can hold ({exc}).") from None
