"""The account through real v1 and v2 clients: sending quota and rate, statistics, sending
paused, production access and account details, and the fixture's set_account(). Every
answer is checked against botocore's output shape; each test's docstring names its
evidence (the README's behaviour table), or "chosen"."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from freezegun import freeze_time

from pytest_ses_verify import SesVerification, UsageError

from ..conftest import assert_valid_output

MESSAGE = {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}
WEBSITE = "https://example.com"


def v1(region: str = "us-east-1") -> Any:
    return boto3.client("ses", region_name=region)


def v2(region: str = "us-east-1") -> Any:
    return boto3.client("sesv2", region_name=region)


def send_v1(client: Any, *to: str) -> Any:
    return client.send_email(
        Source="app@example.com",
        Destination={"ToAddresses": list(to or ["customer@example.net"])},
        Message=MESSAGE,
    )


def send_v2(client: Any, *to: str) -> Any:
    return client.send_email(
        FromEmailAddress="app@example.com",
        Destination={"ToAddresses": list(to or ["customer@example.net"])},
        Content={"Simple": MESSAGE},
    )


def error_of(exc: pytest.ExceptionInfo[ClientError]) -> tuple[str, str, int]:
    response = exc.value.response
    return (
        response["Error"]["Code"],
        response["Error"]["Message"],
        response["ResponseMetadata"]["HTTPStatusCode"],
    )


def checked(client: Any, operation: str, response: Any) -> Any:
    assert_valid_output(client, operation, response)
    return {k: v for k, v in response.items() if k != "ResponseMetadata"}


# -- v1 -------------------------------------------------------------------------------------


@pytest.mark.ses_identity("example.com", "Success")
def test_v1_send_quota_counts_the_recipients_of_the_last_24_hours(
    ses_verification: SesVerification,
) -> None:
    """doc: GetSendQuota; recipients, not messages ("Service quotas in Amazon SES");
    production default quota: chosen."""
    ses = v1()
    assert checked(ses, "GetSendQuota", ses.get_send_quota()) == {
        "Max24HourSend": 50000.0,
        "MaxSendRate": 14.0,
        "SentLast24Hours": 0.0,
    }
    send_v1(ses, "a@example.net", "b@example.net", "c@example.net")
    assert ses.get_send_quota()["SentLast24Hours"] == 3.0
    ses_verification.advance(hours=24)
    assert ses.get_send_quota()["SentLast24Hours"] == 0.0
    assert v1("eu-west-1").get_send_quota()["SentLast24Hours"] == 0.0


@pytest.mark.ses_verification(sandbox=True)
def test_v1_the_sandbox_quota() -> None:
    """doc: "Service quotas in Amazon SES" (200 per 24 hours, 1 per second)."""
    ses = v1()
    assert checked(ses, "GetSendQuota", ses.get_send_quota()) == {
        "Max24HourSend": 200.0,
        "MaxSendRate": 1.0,
        "SentLast24Hours": 0.0,
    }


@freeze_time("2030-01-01 10:07:30")
@pytest.mark.ses_identity("example.com", "Success")
def test_v1_send_statistics_count_attempts_and_rejects_per_quarter_hour(
    ses_verification: SesVerification,
) -> None:
    """doc: GetSendStatistics (15-minute data points); emulator: moto counts MessageRejected
    sends as rejects; chosen: periods start on the quarter hour, oldest first."""
    ses = v1()
    assert checked(ses, "GetSendStatistics", ses.get_send_statistics()) == {"SendDataPoints": []}
    send_v1(ses, "a@example.net", "b@example.net")
    with pytest.raises(ses.exceptions.MessageRejected):
        ses.send_email(
            Source="app@other.example",
            Destination={"ToAddresses": ["a@example.net"]},
            Message=MESSAGE,
        )
    ses_verification.advance(minutes=10)
    send_v1(ses)
    assert checked(ses, "GetSendStatistics", ses.get_send_statistics()) == {
        "SendDataPoints": [
            {
                "Timestamp": datetime(2030, 1, 1, 10, 0, tzinfo=timezone.utc),
                "DeliveryAttempts": 2,
                "Bounces": 0,
                "Complaints": 0,
                "Rejects": 1,
            },
            {
                "Timestamp": datetime(2030, 1, 1, 10, 15, tzinfo=timezone.utc),
                "DeliveryAttempts": 1,
                "Bounces": 0,
                "Complaints": 0,
                "Rejects": 0,
            },
        ]
    }
    ses_verification.advance(days=14)
    assert ses.get_send_statistics()["SendDataPoints"] == []


@pytest.mark.ses_identity("example.com", "Success")
def test_v1_pausing_the_account_refuses_sends_in_that_region() -> None:
    """doc: UpdateAccountSendingEnabled, AccountSendingPausedException; emulator: the text
    (floci-io/floci); chosen: Enabled left out is false."""
    ses = v1()
    assert checked(ses, "GetAccountSendingEnabled", ses.get_account_sending_enabled()) == {
        "Enabled": True
    }
    answer = ses.update_account_sending_enabled(Enabled=False)
    assert checked(ses, "UpdateAccountSendingEnabled", answer) == {}
    assert ses.get_account_sending_enabled()["Enabled"] is False
    with pytest.raises(ses.exceptions.AccountSendingPausedException) as exc:
        send_v1(ses)
    assert error_of(exc) == ("AccountSendingPausedException", "Account sending is disabled.", 400)
    assert exc.value.response["Error"]["Type"] == "Sender"
    send_v1(v1("eu-west-1"))  # another region still sends
    assert v2().get_account()["SendingEnabled"] is False  # one account for both APIs
    ses.update_account_sending_enabled(Enabled=True)
    send_v1(ses)
    ses.update_account_sending_enabled()
    assert ses.get_account_sending_enabled()["Enabled"] is False


@pytest.mark.ses_identity("example.com", "Success")
@pytest.mark.ses_verification(send_quota=(2, 1))
def test_v1_quota_errors_are_throttling(ses_verification: SesVerification) -> None:
    """doc: "Errors related to the sending quotas" (Throttling, both texts); real:
    awsdocs/amazon-ses-developer-guide#60 (the rate's code and text)."""
    ses = v1()
    send_v1(ses)
    with pytest.raises(ClientError) as exc:
        send_v1(ses)
    assert error_of(exc) == ("Throttling", "Maximum sending rate exceeded.", 400)
    ses_verification.advance(seconds=1)
    send_v1(ses)
    ses_verification.advance(seconds=1)
    with pytest.raises(ClientError) as exc:
        send_v1(ses)
    assert error_of(exc) == ("Throttling", "Daily message quota exceeded.", 400)
    assert len(ses_verification.outbox) == 2


@pytest.mark.ses_verification(rate_limit=True)
def test_v1_account_operations_are_throttled_with_rate_limit(
    ses_verification: SesVerification,
) -> None:
    """doc: GetSendQuota and GetSendStatistics, "no more than once per second"; every action
    but the sends is throttled ("Service quotas in Amazon SES")."""
    ses = v1()
    ses.get_send_quota()
    with pytest.raises(ClientError, match="Throttling"):
        ses.get_send_statistics()
    ses_verification.advance(seconds=1)
    ses.get_account_sending_enabled()


@pytest.mark.ses_identity("example.com", "Success")
@pytest.mark.ses_verification(sandbox=True, rate_limit=True)
def test_rate_limit_enforces_the_sandbox_rate(ses_verification: SesVerification) -> None:
    """doc: sandbox, 1 per second; chosen: the default rate is enforced with rate_limit only."""
    ses = v1()
    send_v1(ses, "success@simulator.amazonses.com")
    with pytest.raises(ClientError, match="Maximum sending rate exceeded"):
        send_v1(ses, "success@simulator.amazonses.com")
    ses_verification.advance(seconds=1)
    send_v1(ses, "success@simulator.amazonses.com")


@pytest.mark.ses_identity("example.com", "Success")
@pytest.mark.ses_verification(sandbox=True)
def test_the_sandbox_rate_is_not_enforced_by_default() -> None:
    """chosen: a unit test's sends in one frozen second would otherwise fail."""
    ses = v1()
    for _ in range(5):
        send_v1(ses, "success@simulator.amazonses.com")
    assert ses.get_send_quota()["SentLast24Hours"] == 0.0  # the simulator does not count


# -- v2 -------------------------------------------------------------------------------------


@pytest.mark.ses_identity("example.com", "Success")
def test_v2_get_account_defaults_and_send_quota() -> None:
    """doc: GetAccount, SuppressedReasons BOUNCE and COMPLAINT (accounts since November
    2019); chosen: DedicatedIpAutoWarmupEnabled false, no Details until PutAccountDetails."""
    client = v2()
    send_v2(client, "a@example.net", "b@example.net")
    assert checked(client, "GetAccount", client.get_account()) == {
        "DedicatedIpAutoWarmupEnabled": False,
        "EnforcementStatus": "HEALTHY",
        "ProductionAccessEnabled": True,
        "SendQuota": {"Max24HourSend": 50000.0, "MaxSendRate": 14.0, "SentLast24Hours": 2.0},
        "SendingEnabled": True,
        "SuppressionAttributes": {"SuppressedReasons": ["BOUNCE", "COMPLAINT"]},
    }


@pytest.mark.ses_verification(sandbox=True, send_quota=(1000, 10))
def test_v2_sandbox_and_a_given_quota() -> None:
    """doc: ProductionAccessEnabled false in the sandbox; the send_quota option: chosen."""
    account = v2("eu-west-1").get_account()
    assert account["ProductionAccessEnabled"] is False
    assert account["SendQuota"] == {
        "Max24HourSend": 1000.0,
        "MaxSendRate": 10.0,
        "SentLast24Hours": 0.0,
    }


@pytest.mark.ses_identity("example.com", "Success")
def test_v2_pausing_sending_refuses_sends() -> None:
    """doc: PutAccountSendingAttributes, SendingPausedException; emulator: the text."""
    client = v2()
    answer = client.put_account_sending_attributes(SendingEnabled=False)
    assert checked(client, "PutAccountSendingAttributes", answer) == {}
    assert client.get_account()["SendingEnabled"] is False
    assert v1().get_account_sending_enabled()["Enabled"] is False
    with pytest.raises(client.exceptions.SendingPausedException) as exc:
        send_v2(client)
    assert error_of(exc) == ("SendingPausedException", "Account sending is disabled.", 400)
    client.put_account_sending_attributes(SendingEnabled=True)
    send_v2(client)


@pytest.mark.ses_identity("example.com", "Success")
@pytest.mark.ses_verification(send_quota=(2, 1))
def test_v2_quota_errors(ses_verification: SesVerification) -> None:
    """real: the rate is TooManyRequestsException (429), "Maximum sending rate exceeded."
    (pm-pmaas/etailors_amazon_ses#117); the daily quota LimitExceededException: inferred
    (third-party SES v2 error handling), text as v1's."""
    client = v2()
    send_v2(client)
    with pytest.raises(client.exceptions.TooManyRequestsException) as exc:
        send_v2(client)
    assert error_of(exc) == ("TooManyRequestsException", "Maximum sending rate exceeded.", 429)
    ses_verification.advance(seconds=1)
    send_v2(client)
    ses_verification.advance(seconds=1)
    with pytest.raises(client.exceptions.LimitExceededException) as exc:
        send_v2(client)
    assert error_of(exc) == ("LimitExceededException", "Daily message quota exceeded.", 400)


@pytest.mark.botocore_knows("sesv2", "PutAccountDetails", "optional:UseCaseDescription")
@pytest.mark.ses_verification(sandbox=True)
def test_v2_account_details_and_the_production_access_review(
    ses_verification: SesVerification,
) -> None:
    """doc: PutAccountDetails, ReviewDetails, ConflictException; emulator: the checks
    (floci-io/floci); chosen: the review is PENDING until the test decides it."""
    client = v2()
    answer = client.put_account_details(
        MailType="TRANSACTIONAL",
        WebsiteURL=WEBSITE,
        ContactLanguage="EN",
        UseCaseDescription="Receipts and password resets.",
        AdditionalContactEmailAddresses=["ops@example.com"],
        ProductionAccessEnabled=True,
    )
    assert checked(client, "PutAccountDetails", answer) == {}
    account = checked(client, "GetAccount", client.get_account())
    details = account["Details"]
    case_id = details["ReviewDetails"]["CaseId"]
    assert details == {
        "MailType": "TRANSACTIONAL",
        "WebsiteURL": WEBSITE,
        "ContactLanguage": "EN",
        "UseCaseDescription": "Receipts and password resets.",
        "AdditionalContactEmailAddresses": ["ops@example.com"],
        "ReviewDetails": {"Status": "PENDING", "CaseId": case_id},
    }
    assert account["ProductionAccessEnabled"] is False
    with pytest.raises(client.exceptions.ConflictException) as exc:
        client.put_account_details(MailType="MARKETING", WebsiteURL=WEBSITE)
    assert error_of(exc)[0::2] == ("ConflictException", 409)
    ses_verification.set_account(production_access=True)
    account = client.get_account()
    assert account["ProductionAccessEnabled"] is True
    assert account["Details"]["ReviewDetails"] == {"Status": "GRANTED", "CaseId": case_id}
    assert account["SendQuota"]["Max24HourSend"] == 50000.0
    assert "Details" not in v2("eu-west-1").get_account()


@pytest.mark.botocore_knows("sesv2", "PutAccountDetails", "optional:UseCaseDescription")
def test_v2_account_details_are_checked(ses_verification: SesVerification) -> None:
    """emulator: floci-io/floci (probed against AWS)."""
    client = v2()
    with pytest.raises(client.exceptions.BadRequestException) as exc:
        client.put_account_details(MailType="NEWSLETTER", WebsiteURL=WEBSITE, ContactLanguage="FR")
    assert error_of(exc) == (
        "BadRequestException",
        "2 validation errors detected: Value at 'mailType' failed to satisfy constraint: "
        "Member must satisfy enum value set: [MARKETING, TRANSACTIONAL]; Value at "
        "'contactLanguage' failed to satisfy constraint: Member must satisfy enum value set: "
        "[EN, JA]",
        400,
    )
    with pytest.raises(client.exceptions.BadRequestException, match="Url contains invalid"):
        client.put_account_details(MailType="MARKETING", WebsiteURL="example.com")
    assert "Details" not in client.get_account()


# -- set_account ----------------------------------------------------------------------------


@pytest.mark.ses_identity("example.com", "Success")
def test_set_account_puts_the_account_in_a_state(ses_verification: SesVerification) -> None:
    """doc: EnforcementStatus HEALTHY, PROBATION, SHUTDOWN (SHUTDOWN: sending paused by
    AWS); chosen: set_account() itself."""
    ses_verification.set_account(enforcement_status="SHUTDOWN", region="us-east-1")
    client = v2()
    account = client.get_account()
    assert (account["EnforcementStatus"], account["SendingEnabled"]) == ("SHUTDOWN", False)
    with pytest.raises(client.exceptions.SendingPausedException):
        send_v2(client)
    client.put_account_sending_attributes(SendingEnabled=True)  # cannot resume
    assert client.get_account()["SendingEnabled"] is False
    send_v2(v2("eu-west-1"))
    ses_verification.set_account(enforcement_status="PROBATION", send_quota=(-1, 500))
    account = client.get_account()
    assert account["EnforcementStatus"] == "PROBATION"
    assert account["SendQuota"]["Max24HourSend"] == -1.0
    assert v2("ap-south-1").get_account()["SendQuota"]["MaxSendRate"] == 500.0
    ses_verification.set_account(sending_enabled=False, production_access=False)
    assert v1("ap-south-1").get_account_sending_enabled()["Enabled"] is False
    assert v2("sa-east-1").get_account()["ProductionAccessEnabled"] is False


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({}, "set_account(): give at least one of sending_enabled, enforcement_status, "),
        ({"sending_enabled": "no"}, "sending_enabled must be True, False or None, not 'no'."),
        ({"production_access": 1}, "production_access must be True, False or None, not 1."),
        (
            {"enforcement_status": "healthy"},
            "enforcement_status 'healthy' is not one of 'HEALTHY', 'PROBATION', 'SHUTDOWN'.",
        ),
        ({"send_quota": (10,)}, "send_quota must be (max per 24 hours, max per second)"),
        ({"send_quota": (0, 1)}, "not (0, 1)"),
        ({"send_quota": (1.5, 1)}, "not (1.5, 1)"),
        ({"send_quota": (10, float("nan"))}, "not (10, nan)"),
        ({"send_quota": (True, 1)}, "not (True, 1)"),
        ({"send_quota": 10, "sending_enabled": True}, "not 10."),
        ({"region": "", "sending_enabled": True}, "region must be a non-empty string or None"),
    ],
)
def test_set_account_usage_errors(
    ses_verification: SesVerification, arguments: dict[str, Any], message: str
) -> None:
    """chosen."""
    with pytest.raises(UsageError) as exc:
        ses_verification.set_account(**arguments)
    assert message in str(exc.value)


def test_the_constructor_takes_send_quota() -> None:
    """chosen: the option as the marker takes it; a bad one is a UsageError."""
    with SesVerification(send_quota=(5, 0.5)):
        assert v1().get_send_quota()["MaxSendRate"] == 0.5
    with pytest.raises(UsageError, match=r"^SesVerification: send_quota must be"):
        SesVerification(send_quota=(5, -1))
