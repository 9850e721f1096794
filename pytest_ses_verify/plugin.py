"""pytest hooks: the markers, the ``ses_verification`` fixture, the teardown check.

Importing this module is cheap: the fake itself (and the parts of botocore it
needs) is imported only when a test uses it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

from . import _suite, _wiring
from ._errors import UsageError
from ._options import Options, check_preset, marker_args, signature

if TYPE_CHECKING:
    from ._fake import SesVerification
    from .model.verification import Preset

_wiring.install()

_IDENTITY_MARKER = "ses_identity"
_OPTIONS_MARKER = "ses_verification"
_FIXTURE = "ses_verification"
_CALL_REPORT = pytest.StashKey["pytest.TestReport"]()
# The suite-wide switch and defaults (ini and command-line options), read at configure.
_SUITE = pytest.StashKey[tuple[bool, dict[str, Any]]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    _suite.add_options(parser)


def pytest_unconfigure(config: pytest.Config) -> None:
    if _SUITE in config.stash:
        _suite.end()


def pytest_configure(config: pytest.Config) -> None:
    try:
        suite = _suite.read(config)
    except UsageError as exc:
        raise pytest.UsageError(str(exc)) from None
    config.stash[_SUITE] = suite
    _suite.begin(suite[1])
    config.addinivalue_line(
        "markers",
        f"{_IDENTITY_MARKER}{_SIGNATURES[_IDENTITY_MARKER]}: "
        "pytest-ses-verify: start the test with this SES identity in this verification "
        "status (Pending, Success, Failed, TemporaryFailure, NotStarted), with Easy DKIM "
        "(dkim) and a custom MAIL FROM domain (mail_from) in a status too; region None: "
        "every region; account_id: another account's identity (sending authorization), "
        "with a policy. Stackable; the closest marker wins. Activates the fake.",
    )
    config.addinivalue_line(
        "markers",
        f"{_OPTIONS_MARKER}{signature()}: pytest-ses-verify: options "
        "of the SES fake for this test, over the ses_verify_* ini and --ses-verify-* "
        "command-line defaults. Activates the fake.",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A marker alone (or the suite-wide switch) turns the fake on: the test gets the
    fixture as if it asked for it first, so the fake is active before every other
    function-scoped fixture."""
    every_test = config.stash.get(_SUITE, (False, {}))[0]
    for item in items:
        names = getattr(item, "fixturenames", None)
        if names is None or _FIXTURE in names:
            continue
        if (
            every_test
            or item.get_closest_marker(_IDENTITY_MARKER)
            or item.get_closest_marker(_OPTIONS_MARKER)
        ):
            names.insert(_first_function_scoped(item, names), _FIXTURE)


def _first_function_scoped(item: pytest.Item, names: list[str]) -> int:
    """Where function-scoped fixtures start in ``names`` (wider scopes come first)."""
    definitions = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
    for index, name in enumerate(names):
        found = definitions.get(name)
        if not found or getattr(found[-1], "scope", "function") == "function":
            return index
    return len(names)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[Any]:
    """Keep the test body's report: teardown checks speak only when the body passed."""
    outcome: Any = yield
    report = outcome.get_result()
    if report.when == "call":
        item.stash[_CALL_REPORT] = report


def _identity_args(
    identity: Any,
    status: Any = "Pending",
    *,
    region: Any = None,
    token: Any = None,
    dkim: Any = None,
    mail_from: Any = None,
    mail_from_status: Any = "Success",
    account_id: Any = None,
    policy: Any = None,
) -> dict[str, Any]:
    """The signature of the ``ses_identity`` marker (that of ``set_identity()``)."""
    return {
        "identity": identity,
        "status": status,
        "region": region,
        "token": token,
        "dkim": dkim,
        "mail_from": mail_from,
        "mail_from_status": mail_from_status,
        "account_id": account_id,
        "policy": policy,
    }


def _bind(marker: pytest.Mark, signature: Any) -> Any:
    try:
        return signature(*marker.args, **marker.kwargs)
    except TypeError as exc:
        reason = str(exc).replace(f"{signature.__name__}()", "").strip()
        raise UsageError(
            f"@pytest.mark.{marker.name}: {reason}. "
            f"Expected {marker.name}{_SIGNATURES[marker.name]}."
        ) from None


_SIGNATURES = {
    _IDENTITY_MARKER: (
        '(identity, status="Pending", *, region=None, token=None, dkim=None, mail_from=None, '
        'mail_from_status="Success", account_id=None, policy=None)'
    ),
    _OPTIONS_MARKER: signature(),
}


def _presets(node: pytest.Item) -> list[Preset]:
    """The ses_identity presets, farthest first; the closest wins per (identity, region)."""
    from .model.identities import key_of

    where = f"@pytest.mark.{_IDENTITY_MARKER}"
    chosen: dict[tuple[str, str | None, str | None], Preset] = {}
    for marker in node.iter_markers(_IDENTITY_MARKER):
        given = _bind(marker, _identity_args)
        preset = check_preset(where=where, **given)
        key = (key_of(preset.identity, preset.kind), preset.region, preset.account_id)
        chosen.setdefault(key, preset)
    return list(reversed(chosen.values()))


def _options(node: pytest.Item) -> dict[str, Any]:
    marker = node.get_closest_marker(_OPTIONS_MARKER)
    if marker is None:
        return {}
    given: dict[str, Any] = _bind(marker, marker_args)
    Options.checked(f"@pytest.mark.{_OPTIONS_MARKER}", **given)
    return given


@pytest.fixture
def ses_verification(request: pytest.FixtureRequest) -> Iterator[SesVerification]:
    """A fake Amazon SES identity store answering every SES client during this test."""
    from ._fake import SesVerification

    try:
        options = _options(request.node)
        presets = _presets(request.node)
    except UsageError as exc:
        pytest.fail(str(exc), pytrace=False)
    defaults = request.config.stash.get(_SUITE, (False, {}))[1]
    fake = SesVerification(**{**defaults, **options})
    fake._in_test(request.node.nodeid)
    fake._preset_later(presets)
    fake._activate()
    try:
        yield fake
    finally:
        fake._deactivate()
    body = request.node.stash.get(_CALL_REPORT, None)
    if body is None or not body.passed:
        return  # the test already failed, was skipped or xfailed: say nothing more
    problem = fake._teardown_problem()
    if problem is not None:
        pytest.fail(problem, pytrace=False)
