"""Suite-wide defaults (issue 25, point 1): the ini options and command-line options that
activate the fake for every test and set its default options, as a user's run sees them."""

from __future__ import annotations

import pytest

BODY = """
import boto3, pytest

def verified(region="us-east-1"):
    ses = boto3.client("ses", region_name=region)
    ses.verify_email_identity(EmailAddress="ops@example.com")
    return ses.list_verified_email_addresses()["VerifiedEmailAddresses"]
"""


def ini(pytester: pytest.Pytester, *lines: str) -> None:
    """Add ``lines`` to the [pytest] section the suite's conftest wrote for the run."""
    path = pytester.path / "tox.ini"
    text = path.read_text()
    path.write_text(
        text + ("" if text.endswith("\n") else "\n") + "".join(f"{line}\n" for line in lines)
    )


def test_help_lists_every_option_and_ini_option(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--help")
    result.stdout.fnmatch_lines(
        [
            "pytest-ses-verify (a fake Amazon SES):",
            "  --ses-verify * activate the SES fake (the ses_verification fixture) for*",
            "  --ses-verify-auto-verify",
            "  --ses-verify-sandbox*",
            "  --ses-verify-unsupported={error,passthrough}",
            "  --ses-verify-publish-notifications",
            "  --ses-verify-account-id=ID",
        ]
    )
    for name in (
        "ses_verify",
        "ses_verify_auto_verify",
        "ses_verify_sandbox",
        "ses_verify_unsupported",
        "ses_verify_publish_notifications",
        "ses_verify_account_id",
    ):
        result.stdout.fnmatch_lines([f"  {name} (string):*"])


def test_markers_say_the_marker_overrides_the_suite_defaults(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--markers")
    result.stdout.fnmatch_lines(
        [
            "@pytest.mark.ses_verification(*: pytest-ses-verify: options of the SES fake for this "
            "test, over the ses_verify_* ini and --ses-verify-* command-line defaults.*"
        ]
    )


def test_without_the_switch_a_plain_test_has_no_fake(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        from pytest_ses_verify import _wiring

        def test_plain():
            assert not _wiring.is_active()
        """
    )
    pytester.runpytest().assert_outcomes(passed=1)


@pytest.mark.parametrize(
    ("lines", "args"),
    [
        (["ses_verify = true", "ses_verify_auto_verify = yes"], []),
        ([], ["--ses-verify", "--ses-verify-auto-verify"]),
        (
            ["ses_verify = false", "ses_verify_auto_verify = 0"],
            ["--ses-verify", "-o", "ses_verify_auto_verify=on"],
        ),
    ],
    ids=["ini", "command line", "command line over ini"],
)
def test_the_switch_activates_the_fake_for_every_test(
    pytester: pytest.Pytester, lines: list[str], args: list[str]
) -> None:
    ini(pytester, *lines)
    pytester.makepyfile(
        BODY
        + """
def test_function():
    assert verified() == ["ops@example.com"]

class TestClass:
    def test_method(self, request):
        assert "ses_verification" in request.fixturenames
        assert verified("eu-west-1") == ["ops@example.com"]

@pytest.fixture
def made_before(ses_verification):
    return ses_verification

def test_the_fixture_is_the_one_active(made_before, ses_verification):
    assert made_before is ses_verification
    assert verified() == ["ops@example.com"]
"""
    )
    pytester.runpytest(*args).assert_outcomes(passed=3)


def test_each_test_still_starts_empty(pytester: pytest.Pytester) -> None:
    ini(pytester, "ses_verify = true")
    pytester.makepyfile(
        BODY
        + """
def test_first():
    boto3.client("ses", region_name="us-east-1").verify_domain_identity(Domain="example.com")

def test_second():
    ses = boto3.client("ses", region_name="us-east-1")
    assert ses.list_identities()["Identities"] == []
"""
    )
    pytester.runpytest().assert_outcomes(passed=2)


def test_the_defaults_apply_without_the_switch_and_markers_override_them(
    pytester: pytest.Pytester,
) -> None:
    ini(
        pytester,
        "ses_verify_auto_verify = true",
        "ses_verify_sandbox = true",
        "ses_verify_unsupported = passthrough",
        "ses_verify_publish_notifications = true",
        "ses_verify_account_id = 111122223333",
    )
    pytester.makepyfile(
        BODY
        + """
from pytest_ses_verify import _wiring

def test_no_switch_no_fake():
    assert not _wiring.is_active()

def test_the_fixture_takes_the_defaults(ses_verification):
    options = ses_verification._service.options
    assert (options.sandbox, options.unsupported, options.publish_notifications) == (
        True, "passthrough", True)
    assert verified() == ["ops@example.com"]
    sesv2 = boto3.client("sesv2", region_name="us-east-1")
    assert sesv2.get_account()["ProductionAccessEnabled"] is False
    assert options.account_id == "111122223333"

@pytest.mark.ses_verification(auto_verify=False, sandbox=False)
def test_the_marker_wins(ses_verification):
    options = ses_verification._service.options
    assert (options.auto_verify, options.sandbox) == (False, False)
    assert options.account_id == "111122223333"  # not in the marker: the default
    assert verified() == []
"""
    )
    pytester.runpytest().assert_outcomes(passed=3)


def test_the_command_line_wins_over_the_ini_file(pytester: pytest.Pytester) -> None:
    ini(pytester, "ses_verify_unsupported = passthrough", "ses_verify_account_id = 111122223333")
    pytester.makepyfile(
        """
        def test_options(ses_verification):
            options = ses_verification._service.options
            assert (options.unsupported, options.account_id) == ("error", "444455556666")
        """
    )
    result = pytester.runpytest(
        "--ses-verify-unsupported=error", "--ses-verify-account-id", "444455556666"
    )
    result.assert_outcomes(passed=1)


@pytest.mark.parametrize(
    ("lines", "args", "message"),
    [
        (
            ["ses_verify = maybe"],
            [],
            "ERROR: ini option ses_verify: 'maybe' is not a yes/no value; use true or false *",
        ),
        (
            ["ses_verify_sandbox = sure"],
            [],
            "ERROR: ini option ses_verify_sandbox: 'sure' is not a yes/no value*",
        ),
        (
            ["ses_verify_unsupported = ignore"],
            [],
            "ERROR: ini option ses_verify_unsupported: 'ignore' is not one of 'error', "
            "'passthrough'.",
        ),
        (
            ["ses_verify_account_id = 42"],
            [],
            "ERROR: ini option ses_verify_account_id (or --ses-verify-account-id): account_id "
            "must be 12 digits as a string ('123456789012'), not '42'.",
        ),
        (
            [],
            ["--ses-verify-account-id=abc"],
            "ERROR: ini option ses_verify_account_id (or --ses-verify-account-id): account_id "
            "must be 12 digits*not 'abc'.",
        ),
    ],
    ids=["switch", "bool", "choice", "account ini", "account cli"],
)
def test_a_bad_value_is_a_usage_error_naming_the_option(
    pytester: pytest.Pytester, lines: list[str], args: list[str], message: str
) -> None:
    ini(pytester, *lines)
    pytester.makepyfile("def test_never_runs(): raise AssertionError")
    result = pytester.runpytest(*args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([message])


def test_a_bad_choice_on_the_command_line_lists_the_choices(pytester: pytest.Pytester) -> None:
    # In a subprocess: argparse's exit inside an in-process run upsets old pytest/pluggy pairs.
    result = pytester.runpytest_subprocess("--ses-verify-unsupported=ignore")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ["*--ses-verify-unsupported: invalid choice: 'ignore' (choose from *error*passthrough*)"]
    )


def test_the_switch_under_xdist(pytester: pytest.Pytester) -> None:
    pytest.importorskip("xdist")
    pytester.makepyfile(
        BODY
        + """
def test_a():
    assert verified() == []

def test_b():
    assert verified() == []
"""
    )
    pytester.runpytest("-n", "2", "--ses-verify").assert_outcomes(passed=2)
