"""Throttling, injected faults and waiters."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta

import botocore.waiter
import pytest
from botocore.exceptions import ClientError, WaiterError
from freezegun import freeze_time
from mypy_boto3_ses import SESClient

from pytest_ses_verify import SesVerification, UsageError

from ..conftest import status_of

MakeClient = Callable[..., SESClient]


# -- throttling ----------------------------------------------------------------------


@freeze_time("2030-01-01")
@pytest.mark.ses_verification(rate_limit=True)
def test_rate_limit_one_identity_request_per_second_per_region(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    east, west = ses_client("us-east-1"), ses_client("eu-west-1")
    east.list_identities()
    west.list_identities()  # another region: its own budget
    with pytest.raises(ClientError) as exc:
        east.verify_email_identity(EmailAddress="a@example.com")
    error = exc.value.response["Error"]
    assert (error["Code"], error["Message"], error.get("Type")) == (
        "Throttling",
        "Rate exceeded",
        "Sender",
    )
    assert exc.value.response["ResponseMetadata"]["RetryAttempts"] == 0  # no retries
    ses_verification.advance(milliseconds=999)
    with pytest.raises(ClientError):
        east.list_identities()
    ses_verification.advance(milliseconds=1)
    east.verify_email_identity(EmailAddress="a@example.com")
    # Sending is not an identity operation.
    ses_verification.set_identity("a@example.com", "Success")
    east.send_email(
        Source="a@example.com",
        Destination={"ToAddresses": ["b@example.net"]},
        Message={"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}},
    )


@freeze_time("2030-01-01")
@pytest.mark.usefixtures("ses_verification")
def test_no_rate_limit_by_default(ses_client: MakeClient) -> None:
    ses = ses_client()
    for _ in range(5):
        ses.list_identities()


# -- fail_next -----------------------------------------------------------------------


def test_fail_next_fails_the_next_calls_then_answers_again(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    ses = ses_client()
    ses_verification.fail_next(
        "VerifyEmailIdentity", "Throttling", "Maximum sending rate exceeded."
    )
    ses_verification.fail_next("send_email", "ServiceUnavailable", "Try later", status=503, times=2)
    with pytest.raises(ClientError) as exc:
        ses.verify_email_identity(EmailAddress="a@example.com")
    assert exc.value.response["Error"] == {
        "Type": "Sender",
        "Code": "Throttling",
        "Message": "Maximum sending rate exceeded.",
    }
    assert status_of(ses, "a@example.com") is None  # the failed call changed nothing
    ses.verify_email_identity(EmailAddress="a@example.com")
    assert status_of(ses, "a@example.com") == "Pending"
    for _ in range(2):
        with pytest.raises(ClientError) as exc:
            ses.send_email(
                Source="a@example.com",
                Destination={"ToAddresses": ["b@example.net"]},
                Message={"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}},
            )
        assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 503
        assert exc.value.response["Error"].get("Type") == "Receiver"
    with pytest.raises(ses.exceptions.MessageRejected):  # the real answer again
        ses.send_email(
            Source="a@example.com",
            Destination={"ToAddresses": ["b@example.net"]},
            Message={"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}},
        )
    assert ses_verification.calls[0].error is not None
    assert ses_verification.calls[0].error["Code"] == "Throttling"


def test_fail_next_modeled_codes_raise_the_modeled_exception(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    ses = ses_client()
    ses_verification.fail_next("SendRawEmail", "AccountSendingPausedException", "Paused")
    with pytest.raises(ses.exceptions.AccountSendingPausedException):
        ses.send_raw_email(RawMessage={"Data": b"From: a@example.com\r\n\r\nhi"})


def test_fail_next_works_for_operations_the_fake_does_not_implement(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    ses_verification.fail_next("ListTemplates", "Throttling")
    with pytest.raises(ClientError) as exc:
        ses_client().list_templates()
    assert exc.value.response["Error"]["Code"] == "Throttling"


def test_fail_next_bad_arguments(ses_verification: SesVerification) -> None:
    with pytest.raises(UsageError, match=r"'SendMail' is not an SES operation\. Did you mean"):
        ses_verification.fail_next("SendMail", "Throttling")
    with pytest.raises(UsageError, match="code must be an SES error code"):
        ses_verification.fail_next("SendEmail", "")
    with pytest.raises(UsageError, match=r"status must be an HTTP error status \(400-599\)"):
        ses_verification.fail_next("SendEmail", "Throttling", status=200)
    with pytest.raises(UsageError, match="times must be a whole number of 1 or more"):
        ses_verification.fail_next("SendEmail", "Throttling", times=0)


def test_unused_faults_fail_the_test_at_teardown(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_forgot(ses_verification):
            ses_verification.fail_next("SendEmail", "Throttling", times=2)
        """
    )
    result = pytester.runpytest()
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(
        [
            "*ERROR at teardown of test_forgot*",
            "*fail_next() were never used: SendEmail -> Throttling (2 calls left)*",
        ]
    )


# -- waiters -------------------------------------------------------------------------


@freeze_time("2030-01-01")
@pytest.mark.ses_verification(detection_delay=timedelta(seconds=10))
def test_identity_exists_waiter_moves_the_fake_clock_instead_of_sleeping(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    ses = ses_client()
    ses.verify_domain_identity(Domain="example.com")
    ses_verification.publish_txt_record("example.com")
    before = ses_verification.now
    ses.get_waiter("identity_exists").wait(Identities=["example.com"])
    waited = ses_verification.now - before
    assert waited == timedelta(seconds=12)  # seen at 10 s; attempts at 0, 3, 6, 9, 12 s
    assert status_of(ses, "example.com") == "Success"


@freeze_time("2030-01-01")
def test_a_waiter_for_an_identity_that_never_verifies_runs_its_full_simulated_time(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    ses = ses_client()
    ses.verify_email_identity(EmailAddress="a@example.com")
    before = ses_verification.now
    with pytest.raises(WaiterError, match="Max attempts exceeded"):
        ses.get_waiter("identity_exists").wait(Identities=["a@example.com"])
    # 20 attempts, 3 seconds apart: 19 pauses.
    assert ses_verification.now - before == timedelta(seconds=57)
    calls = [c.operation for c in ses_verification.calls]
    assert calls.count("GetIdentityVerificationAttributes") == 20


def test_the_waiter_clock_is_only_there_while_the_fake_is_active(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import time
        import botocore.waiter

        def test_active(ses_verification):
            assert botocore.waiter.time is not time
            assert botocore.waiter.time.monotonic is time.monotonic

        def test_inactive():
            assert botocore.waiter.time is time
        """
    )
    pytester.runpytest().assert_outcomes(passed=2)
    assert botocore.waiter.time is time  # type: ignore[attr-defined]
