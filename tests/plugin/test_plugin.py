"""Plugin behaviour, run as a user runs it: markers, setup errors, isolation, disabling."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest


def test_markers_are_registered_and_documented(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--markers")
    result.stdout.fnmatch_lines(
        [
            '@pytest.mark.ses_identity(identity, status="Pending", *, region=None, token=None, '
            'dkim=None, mail_from=None, mail_from_status="Success", account_id=None, '
            "policy=None):*",
            "@pytest.mark.ses_verification(*, auto_verify=False, detection_delay=timedelta(0), "
            'unsupported="error", sandbox=False, rate_limit=False, account_id="123456789012", '
            "send_quota=None, publish_notifications=False, answer_any_thread=False):*",
        ]
    )


def test_a_marker_alone_activates_the_fake_under_strict_markers(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import boto3, pytest

        TOKEN = "EXAMPLE3VYb9EDI2nTOQRi/Tf6MI/6bD6THIGiP1MVY="

        @pytest.mark.ses_identity("example.com", "Success", token=TOKEN)
        @pytest.mark.ses_identity("new@example.com")
        def test_presets():
            ses = boto3.client("ses", region_name="us-west-2")
            attributes = ses.get_identity_verification_attributes(
                Identities=["example.com", "new@example.com"])["VerificationAttributes"]
            assert attributes == {
                "example.com": {"VerificationStatus": "Success", "VerificationToken": TOKEN},
                "new@example.com": {"VerificationStatus": "Pending"},
            }

        @pytest.mark.ses_verification(auto_verify=True)
        def test_options_marker_alone():
            ses = boto3.client("ses", region_name="us-west-2")
            ses.verify_email_identity(EmailAddress="a@example.com")
            verified = ses.list_verified_email_addresses()["VerifiedEmailAddresses"]
            assert verified == ["a@example.com"]
        """
    )
    pytester.runpytest("--strict-markers").assert_outcomes(passed=2)


def test_markers_on_modules_and_classes_closest_wins(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import boto3, pytest

        pytestmark = [
            pytest.mark.ses_identity("example.com", "Failed"),
            pytest.mark.ses_identity("module@example.com", "Success"),
        ]

        def status(identity, region="us-east-1"):
            ses = boto3.client("ses", region_name=region)
            attributes = ses.get_identity_verification_attributes(Identities=[identity])
            return attributes["VerificationAttributes"][identity]["VerificationStatus"]

        def test_module_level():
            assert status("example.com") == "Failed"
            assert status("module@example.com") == "Success"

        @pytest.mark.ses_identity("example.com", "TemporaryFailure")
        class TestClass:
            def test_class_wins_over_module(self):
                assert status("example.com") == "TemporaryFailure"
                assert status("module@example.com") == "Success"

            @pytest.mark.ses_identity("EXAMPLE.com", "Success")
            def test_function_wins_over_class(self):
                assert status("example.com") == "Success"

            @pytest.mark.ses_identity("example.com", "Pending", region="eu-west-1")
            def test_region_specific_preset_beside_the_every_region_one(self):
                assert status("example.com", "eu-west-1") == "Pending"
                assert status("example.com", "us-east-1") == "TemporaryFailure"
        """
    )
    pytester.runpytest("--strict-markers").assert_outcomes(passed=4)


@pytest.mark.parametrize(
    ("marker", "expected"),
    [
        (
            'ses_identity("a@example.com", "Verified")',
            "*@pytest.mark.ses_identity: status 'Verified' is not one of 'Pending', 'Success', "
            "'Failed', 'TemporaryFailure', 'NotStarted'*",
        ),
        (
            "ses_identity(42)",
            "*@pytest.mark.ses_identity: identity 42 is neither an email address*",
        ),
        (
            "ses_identity()",
            "*@pytest.mark.ses_identity: missing 1 required positional argument: 'identity'. "
            'Expected ses_identity(identity, status="Pending", *, region=None, token=None, '
            'dkim=None, mail_from=None, mail_from_status="Success", account_id=None, '
            "policy=None).",
        ),
        (
            'ses_identity("a@example.com", zone="x")',
            "*@pytest.mark.ses_identity: got an unexpected keyword argument 'zone'*",
        ),
        (
            'ses_identity("a@example.com", region=5)',
            "*@pytest.mark.ses_identity: region must be a non-empty string or None, not 5.",
        ),
        (
            'ses_verification(unsupported="ignore")',
            "*@pytest.mark.ses_verification: unsupported must be one of 'error', 'passthrough', "
            "not 'ignore'.",
        ),
        (
            "ses_verification(detection_delay=5)",
            "*@pytest.mark.ses_verification: detection_delay must be a datetime.timedelta*not 5.",
        ),
        (
            'ses_verification(auto_verify="yes")',
            "*@pytest.mark.ses_verification: auto_verify must be True or False, not 'yes'.",
        ),
        (
            'ses_verification(sandbox="on")',
            "*@pytest.mark.ses_verification: sandbox must be True or False, not 'on'.",
        ),
        (
            'ses_verification(publish_notifications="yes")',
            "*ses_verification: publish_notifications must be True or False, not 'yes'.*",
        ),
        (
            "ses_verification(rate_limit=1)",
            "*@pytest.mark.ses_verification: rate_limit must be True or False, not 1.",
        ),
        (
            "ses_verification(send_quota=(200, 0))",
            "*@pytest.mark.ses_verification: send_quota must be (max per 24 hours, max per "
            "second), such as (50000, 14): a whole number of 1 or more (-1: unlimited) and a "
            "rate above zero; not (200, 0).",
        ),
        (
            "ses_verification(throttle=True)",
            "*@pytest.mark.ses_verification: got an unexpected keyword argument 'throttle'. "
            "Expected ses_verification(*, auto_verify=False, detection_delay=timedelta(0), "
            'unsupported="error", sandbox=False, rate_limit=False, account_id="123456789012", '
            "send_quota=None, publish_notifications=False, answer_any_thread=False).",
        ),
        (
            "ses_verification(True)",
            "*@pytest.mark.ses_verification: takes 0 positional arguments but 1 was given*",
        ),
    ],
)
def test_a_bad_marker_errors_that_test_at_setup_only(
    pytester: pytest.Pytester, marker: str, expected: str
) -> None:
    pytester.makepyfile(
        f"""
        import pytest

        @pytest.mark.{marker}
        def test_bad():
            pass

        def test_fine(ses_verification):
            pass
        """
    )
    result = pytester.runpytest()
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*ERROR at setup of test_bad*", expected])
    result.stdout.no_fnmatch_line("*Traceback*")
    result.stdout.no_fnmatch_line("*KeyError*")


def test_each_test_starts_empty_even_after_failures_and_errors(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import boto3, pytest

        def ses():
            return boto3.client("ses", region_name="us-east-1")

        def test_fails(ses_verification):
            ses().verify_email_identity(EmailAddress="a@example.com")
            ses_verification.advance(days=2)
            assert False

        @pytest.fixture
        def broken(ses_verification):
            ses().verify_domain_identity(Domain="example.com")
            raise RuntimeError("setup broke")

        def test_errors(broken):
            pass

        def test_after(ses_verification):
            assert ses_verification.calls == []
            assert ses_verification.verification_emails == []
            assert ses().list_identities()["Identities"] == []
        """
    )
    pytester.runpytest().assert_outcomes(passed=1, failed=1, errors=1)


def test_no_fake_outside_the_test_and_environment_restored(pytester: pytest.Pytester) -> None:
    before = os.environ.get("AWS_EC2_METADATA_DISABLED")
    pytester.makepyfile(
        """
        import os
        import boto3, pytest
        from botocore.exceptions import NoCredentialsError

        def test_active(ses_verification):
            assert os.environ["AWS_EC2_METADATA_DISABLED"] == "true"
            boto3.client("ses", region_name="us-east-1").list_identities()

        def test_inactive():
            with pytest.raises(NoCredentialsError):
                boto3.client("ses", region_name="us-east-1").list_identities()
        """
    )
    pytester.runpytest().assert_outcomes(passed=2)
    assert os.environ.get("AWS_EC2_METADATA_DISABLED") == before


def test_disabling_the_plugin(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import boto3, pytest
        from botocore import handlers
        from botocore.exceptions import NoCredentialsError

        def test_untouched():
            assert not any("pytest_ses_verify" in getattr(h, "__module__", "")
                           for _, h, *_ in handlers.BUILTIN_HANDLERS)
            with pytest.raises(NoCredentialsError):
                boto3.client("ses", region_name="us-east-1").list_identities()

        def test_no_fixture(ses_verification):
            pass
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:ses_verify")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*fixture 'ses_verification' not found*"])


def _fresh_python(*parts: str) -> str:
    """Run the code in a new interpreter (no pytest, no plugin loaded); return its output."""
    code = "\n".join(textwrap.dedent(part) for part in parts)
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "AWS_EC2_METADATA_DISABLED": "true"},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


_USE_THE_FAKE = """
    from pytest_ses_verify import SesVerification
    fake = SesVerification()
    fake._activate()
    print(client.list_identities()["Identities"], fake.calls[0].operation)
"""


def test_the_plugin_alone_does_not_import_botocore_and_hooks_it_when_it_loads() -> None:
    output = _fresh_python(
        """
        import sys
        import pytest_ses_verify.plugin
        print("botocore" in sys.modules)
        import boto3
        client = boto3.client("ses", region_name="us-east-1")
        """,
        _USE_THE_FAKE,
    )
    assert output.splitlines() == ["False", "[] ListIdentities"]


def test_botocore_loaded_before_the_plugin_is_hooked_too() -> None:
    output = _fresh_python(
        """
        import boto3
        boto3.setup_default_session(region_name="us-east-1")
        import pytest_ses_verify.plugin
        client = boto3.client("ses")
        """,
        _USE_THE_FAKE,
    )
    assert output.splitlines() == ["[] ListIdentities"]


def test_the_benchmark_runs() -> None:
    # A smoke run only: the numbers are for `make bench` and the README, never asserted.
    script = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_calls.py"
    result = subprocess.run(
        [sys.executable, str(script), "--quick"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    for expected in (
        "fake/floor",
        "stubber/fake",
        "moto/fake",
        "middle page",
        "dispatch:",
        "dormant:",
        "all targets:",
    ):
        assert expected in result.stdout
    # Every target is printed with its verdict (the verdicts themselves are not asserted).
    assert result.stdout.count("PASS") + result.stdout.count("FAIL") >= 2 * 9 + 4


def test_a_marker_activates_the_fake_before_other_function_fixtures(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        """
        import boto3, pytest

        @pytest.fixture(autouse=True)
        def autouse_onboarding():
            boto3.client("ses", region_name="us-east-1").verify_email_identity(
                EmailAddress="auto@example.com")

        @pytest.fixture
        def onboarded():
            ses = boto3.client("ses", region_name="us-east-1")
            return ses.verify_domain_identity(Domain="example.com")["VerificationToken"]

        @pytest.fixture(scope="module")
        def module_value():
            return 1

        @pytest.mark.ses_identity("ops@example.com", "Success")
        def test_marker_only(module_value, onboarded):
            ses = boto3.client("ses", region_name="us-east-1")
            found = ses.list_identities()["Identities"]
            assert found == ["ops@example.com", "auto@example.com", "example.com"]
        """
    )
    pytester.runpytest().assert_outcomes(passed=1)


def test_teardown_checks_speak_only_when_the_body_passed(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        def test_fails(ses_verification):
            ses_verification.fail_next("send_email", "Throttling")
            assert False

        def test_skips(ses_verification):
            ses_verification.fail_next("send_email", "Throttling")
            pytest.skip("not today")

        @pytest.mark.xfail(reason="known")
        def test_xfails(ses_verification):
            ses_verification.fail_next("send_email", "Throttling")
            assert False

        def test_passes_but_left_a_fault(ses_verification):
            ses_verification.fail_next("send_email", "Throttling")
        """
    )
    result = pytester.runpytest()
    result.assert_outcomes(passed=1, failed=1, skipped=1, xfailed=1, errors=1)
    result.stdout.fnmatch_lines(["*ERROR at teardown of test_passes_but_left_a_fault*"])


def test_the_instruction_count_runs_each_contender() -> None:
    """Its measured part, without valgrind (which `make bench-instructions` adds)."""
    script = Path(__file__).resolve().parents[2] / "benchmarks" / "instructions.py"
    for who in ("floor", "fake", "stubber"):
        command = [sys.executable, str(script), "--child", "v2 GetContact", who, "3"]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
    refused = subprocess.run(
        [sys.executable, str(script), "NoSuchRow"], capture_output=True, text=True, check=False
    )
    assert refused.returncode != 0
    assert "NoSuchRow" in refused.stderr
