"""Sending authorization (issue 21): sending through another account's identity, named
by its ARN, as its owner's policies allow (AWS SES Developer Guide, "Sending
authorization"; "Policy anatomy")."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from pytest_ses_verify import SesVerification, UsageError

from ..conftest import assert_valid_output

OWNER = "111122223333"  # the customer's account; the caller is the fake's 123456789012
CALLER = "123456789012"
ARN = f"arn:aws:ses:us-east-1:{OWNER}:identity/customer.com"
REJECTED = "Email address is not verified. The following identities failed the check in region"
MESSAGE: Any = {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}


def policy(*statements: dict[str, Any]) -> dict[str, Any]:
    return {"Version": "2012-10-17", "Statement": list(statements)}


def allow(**extra: Any) -> dict[str, Any]:
    return {
        "Effect": "Allow",
        "Principal": {"AWS": CALLER},
        "Action": ["ses:SendEmail", "ses:SendRawEmail"],
        "Resource": ARN,
        **extra,
    }


def v1(region: str = "us-east-1") -> Any:
    return boto3.client("ses", region_name=region)


def v2(region: str = "us-east-1") -> Any:
    return boto3.client("sesv2", region_name=region)


def send(source: str = "billing@customer.com", arn: str = ARN, **extra: Any) -> Any:
    return v1(extra.pop("region", "us-east-1")).send_email(
        Source=source,
        SourceArn=arn,
        Destination={"ToAddresses": ["user@example.net"]},
        Message=MESSAGE,
        **extra,
    )


def error_of(call: Callable[[], object]) -> tuple[str, str, int]:
    with pytest.raises(ClientError) as exc:
        call()
    error: Any = exc.value.response["Error"]
    status = exc.value.response["ResponseMetadata"]["HTTPStatusCode"]
    return str(error["Code"]), str(error["Message"]), int(status)


@pytest.mark.ses_identity("customer.com", "Success", account_id=OWNER, policy=policy(allow()))
def test_a_saas_sends_for_a_customer_domain_its_policy_allows(
    ses_verification: SesVerification,
) -> None:
    """The owner's policy allows the caller's account: the send is the caller's (its
    quota counts it) from the owner's identity."""
    response = send()
    assert_valid_output(v1(), "SendEmail", response)
    [sent] = ses_verification.outbox
    assert sent.source == "billing@customer.com"
    assert v1().get_send_quota()["SentLast24Hours"] == 1.0  # the delegate's quota


def test_without_a_policy_the_send_is_access_denied(ses_verification: SesVerification) -> None:
    """Real v1 answers: AccessDenied (403), "User `<arn>' is not authorized to perform
    `ses:SendEmail' on resource `<identity arn>'" (emfoundation/ce100-app#572)."""
    ses_verification.set_identity("customer.com", "Success", account_id=OWNER)
    code, message, status = error_of(send)
    assert (code, status) == ("AccessDenied", 403)
    assert message == (
        f"User `arn:aws:iam::{CALLER}:root' is not authorized to perform `ses:SendEmail' "
        f"on resource `{ARN}'"
    )
    assert ses_verification.outbox == []


def test_a_deny_wins_over_an_allow(ses_verification: SesVerification) -> None:
    """An explicit Deny over any Allow (awsdocs/amazon-ses-developer-guide#12)."""
    deny = {**allow(), "Effect": "Deny", "Principal": "*"}
    ses_verification.set_identity(
        "customer.com", "Success", account_id=OWNER, policy=policy(allow(), deny)
    )
    assert error_of(send)[0] == "AccessDenied"


def test_conditions_restrict_the_from_address(ses_verification: SesVerification) -> None:
    """Developer Guide, "Policy anatomy": ses:FromAddress with StringLike."""
    limited = allow(Condition={"StringLike": {"ses:FromAddress": "billing@*"}})
    ses_verification.set_identity(
        "customer.com", "Success", account_id=OWNER, policy=json.dumps(policy(limited))
    )
    send("Billing <billing@customer.com>")
    assert error_of(lambda: send("ceo@customer.com"))[0] == "AccessDenied"


@pytest.mark.ses_identity("customer.com", "Success", account_id=OWNER, policy=policy(allow()))
@pytest.mark.usefixtures("ses_verification")
def test_the_arn_must_name_the_callers_region_and_an_aligned_verified_identity() -> None:
    """ "You have to connect to the Amazon SES endpoint in the AWS Region that the identity
    owner verified the identity in" (Developer Guide; the refusal is chosen); "Invalid
    ARN <>." (aws/aws-sdk-php#1716); "does not align with the given ARN"
    (aws/aws-sdk-js#1146)."""
    code, message, _ = error_of(lambda: send(region="eu-west-1"))
    assert (code, message) == ("MessageRejected", f"{REJECTED} EU-WEST-1: billing@customer.com")
    assert error_of(lambda: send(arn="nonsense")) == (
        "InvalidParameterValue",
        "Invalid ARN <nonsense>.",
        400,
    )
    assert error_of(lambda: send("me@other.example")) == (
        "InvalidParameterValue",
        f"The address 'me@other.example' does not align with the given ARN '{ARN}'",
        400,
    )


def test_an_unverified_identity_of_the_owner_is_rejected(
    ses_verification: SesVerification,
) -> None:
    ses_verification.set_identity(
        "customer.com", "Pending", account_id=OWNER, policy=policy(allow())
    )
    assert error_of(send)[:2] == ("MessageRejected", f"{REJECTED} US-EAST-1: billing@customer.com")


@pytest.mark.ses_identity("example.com", "Success")
@pytest.mark.usefixtures("ses_verification")
def test_an_arn_of_the_callers_own_identity_needs_no_policy() -> None:
    send("app@example.com", f"arn:aws:ses:us-east-1:{CALLER}:identity/example.com")


@pytest.mark.ses_identity("customer.com", "Success", account_id=OWNER)
def test_v2_from_identity_arn_and_raw_headers(ses_verification: SesVerification) -> None:
    """v2 answers AccessDeniedException (403) (aws/aws-actionmailer-ses-ruby#10); a raw
    message's X-SES-SOURCE-ARN / X-SES-FROM-ARN stand for the parameters, and are removed
    before delivery."""

    def call() -> Any:
        return v2().send_email(
            FromEmailAddress="billing@customer.com",
            FromEmailAddressIdentityArn=ARN,
            Destination={"ToAddresses": ["user@example.net"]},
            Content={"Simple": MESSAGE},
        )

    assert error_of(call)[::2] == ("AccessDeniedException", 403)
    ses_verification.set_identity(
        "customer.com", "Success", account_id=OWNER, policy=policy(allow())
    )
    call()
    raw = (
        f"From: billing@customer.com\r\nX-SES-SOURCE-ARN: {ARN}\r\nX-SES-FROM-ARN: {ARN}\r\n"
        "To: user@example.net\r\nSubject: Hi\r\n\r\nHello\r\n"
    )
    v1().send_raw_email(RawMessage={"Data": raw})
    assert b"X-SES" not in (ses_verification.outbox[-1].raw or b"")


def test_a_bad_account_id_is_a_usage_error(ses_verification: SesVerification) -> None:
    with pytest.raises(UsageError, match="account_id must be 12 digits"):
        ses_verification.set_identity("customer.com", "Success", account_id="42")
    with pytest.raises(UsageError, match="policy must be a policy document"):
        ses_verification.set_identity("customer.com", "Success", account_id=OWNER, policy="{")


@pytest.mark.ses_identity("example.com", "Success")
@pytest.mark.ses_identity("customer.com", "Success", account_id=OWNER, policy=policy(allow()))
def test_each_arn_stands_for_its_own_address(ses_verification: SesVerification) -> None:
    """FromArn for the From header, ReturnPathArn for the Return-Path (botocore's ses
    model, SendRawEmail and SendEmail); an address with no ARN is the caller's own."""
    raw = "From: billing@customer.com\r\nTo: user@example.net\r\nSubject: Hi\r\n\r\nHello\r\n"
    v1().send_raw_email(Source="app@example.com", FromArn=ARN, RawMessage={"Data": raw})
    code, message, _ = error_of(
        lambda: v1().send_raw_email(Source="app@example.com", RawMessage={"Data": raw})
    )
    assert (code, message) == ("MessageRejected", f"{REJECTED} US-EAST-1: billing@customer.com")
    send(
        "app@example.com",
        f"arn:aws:ses:us-east-1:{CALLER}:identity/example.com",
        ReturnPath="bounces@customer.com",
        ReturnPathArn=ARN,
    )
    assert ses_verification.outbox[-1].return_path == "bounces@customer.com"
