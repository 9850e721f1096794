"""Suite-wide defaults: the ini options and command-line options of the plugin.

``ses_verify = true`` (or ``--ses-verify``) activates the fake for every test; the other
options set the defaults of every fake the plugin makes in the run (the fixture, the
markers, ``ses_verify``). A marker's or ``ses_verify(...)``'s own arguments override
them; the command line overrides the ini file. Imports neither pytest nor the fake at
module level, so that importing ``plugin.py`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from ._errors import UsageError
from ._options import UNSUPPORTED_CHOICES, Options, quoted_list

if TYPE_CHECKING:
    import pytest

_TRUE = ("true", "1", "yes", "on")
_FALSE = ("false", "0", "no", "off")


class Setting(NamedTuple):
    """One suite-wide setting: its ini name, its command-line option, the Options field
    it sets (None: the switch itself), whether it is a yes/no, and its help."""

    ini: str
    flag: str
    field: str | None
    boolean: bool
    help: str


SETTINGS = (
    Setting(
        "ses_verify",
        "--ses-verify",
        None,
        True,
        "activate the SES fake (the ses_verification fixture) for every test",
    ),
    Setting(
        "ses_verify_auto_verify",
        "--ses-verify-auto-verify",
        "auto_verify",
        True,
        "default of the fake's auto_verify option: every verification request succeeds at once",
    ),
    Setting(
        "ses_verify_sandbox",
        "--ses-verify-sandbox",
        "sandbox",
        True,
        "default of the fake's sandbox option: the account is in the SES sandbox",
    ),
    Setting(
        "ses_verify_unsupported",
        "--ses-verify-unsupported",
        "unsupported",
        False,
        "default of the fake's unsupported option: what an operation the fake lacks does",
    ),
    Setting(
        "ses_verify_publish_notifications",
        "--ses-verify-publish-notifications",
        "publish_notifications",
        True,
        "default of the fake's publish_notifications option: publish feedback "
        "notifications to moto's SNS",
    ),
    Setting(
        "ses_verify_account_id",
        "--ses-verify-account-id",
        "account_id",
        False,
        "default of the fake's account_id option: the simulated account's 12-digit id",
    ),
)

# The defaults of the pytest runs in progress, innermost last (a pytester run inside a
# run): ``ses_verify(...)`` has no request to find its run's config through.
_runs: list[dict[str, Any]] = []


def add_options(parser: pytest.Parser) -> None:
    """Register every setting as an ini option and as a command-line option."""
    group = parser.getgroup("ses-verify", "pytest-ses-verify (a fake Amazon SES)")
    for setting in SETTINGS:
        dest = setting.ini
        if setting.boolean:
            group.addoption(
                setting.flag, action="store_true", default=None, dest=dest, help=setting.help
            )
            allowed = "true or false"
        else:
            choices = list(UNSUPPORTED_CHOICES) if setting.field == "unsupported" else None
            metavar = None if choices else "ID"
            group.addoption(
                setting.flag,
                default=None,
                dest=dest,
                choices=choices,
                metavar=metavar,
                help=setting.help,
            )
            allowed = " or ".join(choices) if choices else "12 digits"
        parser.addini(setting.ini, f"{setting.help} ({allowed}).", default="")


def read(config: pytest.Config) -> tuple[bool, dict[str, Any]]:
    """Whether the switch is on, and the defaults set: the command line over the ini
    file. A bad value is a UsageError naming the option and what it allows."""
    switch = False
    defaults: dict[str, Any] = {}
    for setting in SETTINGS:
        given = config.getoption(setting.ini)
        if given is not None:
            where = f"command-line option {setting.flag}"
            value = _value(setting, given, where)
        else:
            text = str(config.getini(setting.ini)).strip()
            if not text:
                continue
            value = _value(setting, text, f"ini option {setting.ini}")
        if setting.field is None:
            switch = bool(value)
        else:
            defaults[setting.field] = value
    for name, value in defaults.items():
        where = f"ini option ses_verify_{name} (or --ses-verify-{name.replace('_', '-')})"
        Options.checked(where, **{name: value})
    return switch, defaults


def _value(setting: Setting, given: object, where: str) -> object:
    if not setting.boolean or isinstance(given, bool):
        if setting.field == "unsupported" and given not in UNSUPPORTED_CHOICES:
            raise UsageError(
                f"{where}: {given!r} is not one of {quoted_list(UNSUPPORTED_CHOICES)}."
            )
        return given
    text = str(given).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise UsageError(
        f"{where}: {given!r} is not a yes/no value; use true or false "
        f"({', '.join(_TRUE)} / {', '.join(_FALSE)})."
    )


def begin(defaults: dict[str, Any]) -> None:
    """A run starts with these defaults (pytest_configure)."""
    _runs.append(dict(defaults))


def end() -> None:
    """The innermost run ends (pytest_unconfigure)."""
    if _runs:
        _runs.pop()


def current() -> dict[str, Any]:
    """The defaults of the innermost run in progress ({} outside pytest)."""
    return dict(_runs[-1]) if _runs else {}
