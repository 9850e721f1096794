"""Answers that follow what the real service was recorded answering (README's behaviour
table gives each source; each test's docstring names its evidence)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from freezegun import freeze_time

from pytest_ses_verify import SesVerification

from ..conftest import assert_valid_output

MESSAGE: Any = {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}
SIMPLE: Any = {"Simple": MESSAGE}


def error_of(exc: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    return exc.value.response["Error"]["Code"], exc.value.response["Error"]["Message"]


@pytest.fixture(params=["ses", "sesv2"])
def send_tagged(request: pytest.FixtureRequest) -> Callable[[list[dict[str, str]]], Any]:
    """Sends a simple message with these tags through v1 SendEmail or v2 SendEmail."""
    client: Any = boto3.client(request.param, region_name="us-east-1")
    if request.param == "ses":
        return lambda tags: client.send_email(
            Source="app@unverified.example",
            Destination={"ToAddresses": ["a@example.net"]},
            Message=MESSAGE,
            Tags=tags,
        )
    return lambda tags: client.send_email(
        FromEmailAddress="app@unverified.example",
        Destination={"ToAddresses": ["a@example.net"]},
        Content=SIMPLE,
        EmailTags=tags,
    )


NAME_RULE = "only alphanumeric ASCII characters, '_',  '-' are allowed."
VALUE_RULE = "only alphanumeric ASCII characters, '_',  '-' , '.', '@' are allowed."


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("test_invalid_name:123", "x", f"Invalid tag name <test_invalid_name:123>: {NAME_RULE}"),
        (
            "ok",
            "test_invalid_value:123",
            f"Invalid tag value <test_invalid_value:123>: {VALUE_RULE}",
        ),
        ("n" * 256, "x", "Tag name cannot exceed 255 characters."),
        ("ok", "v" * 256, "Tag value cannot exceed 255 characters."),
        ("", "x", "The tag name must be specified."),
        ("ok", "", "The tag value must be specified."),
        ("", "", "The tag name must be specified."),
        ("bad name", "v" * 300, f"Invalid tag name <bad name>: {NAME_RULE}"),
    ],
)
@pytest.mark.usefixtures("ses_verification")
def test_message_tags_are_checked_first_name_before_value(
    send_tagged: Callable[[list[dict[str, str]]], Any], name: str, value: str, message: str
) -> None:
    """Texts recorded against AWS, two spaces and all: localstack/localstack
    tests/aws/services/ses/test_ses.snapshot.json, test_invalid_tags_send_email[...]; the
    sender is unverified, yet the tags are what is refused. v2 (EmailTags): the same texts
    as BadRequestException (inferred: v2 reuses v1's texts for send errors)."""
    with pytest.raises(ClientError) as exc:
        send_tagged([{"Name": name, "Value": value}])
    code, text = error_of(exc)
    assert code in ("InvalidParameterValue", "BadRequestException")
    assert text == message


@pytest.mark.usefixtures("ses_verification")
def test_ses_feedback_tags_are_accepted(
    send_tagged: Callable[[list[dict[str, str]]], Any],
) -> None:
    """localstack/localstack test_special_tags_send_email (validated against AWS): the
    `ses:feedback-id-a` tag passes, so the unverified sender is what is refused."""
    with pytest.raises(ClientError) as exc:
        send_tagged([{"Name": "ses:feedback-id-a", "Value": "this-marketing-campaign"}])
    assert error_of(exc)[0] == "MessageRejected"


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("To: recipient@example.com", "Local address contains illegal character"),
        ("github:haiodo", "Local address contains illegal character"),
        ("Karen, Chan <karen@example.com>", "Illegal address"),
        ("Karen Chan <karen @example.com>", "Local address contains control or whitespace"),
        ("resource_owner", "Missing final '@domain'"),
        ("fromname@gmail.com%!", "Domain contains illegal character"),
    ],
)
@pytest.mark.ses_identity("example.com", "Success")
def test_addresses_are_read_from_left_to_right(address: str, message: str) -> None:
    """Real texts for these inputs: soto-project/soto#331 (`To: recipient@...`),
    hcengineering/platform#7864 (`github:haiodo`), openstax/accounts#253 (the comma and
    the space), cloud-custodian/cloud-custodian#8051 (no '@'),
    SebastiaanKlippert/lambda-ses-forwarder#2 (the domain). The order is JavaMail's strict
    InternetAddress parse, which those texts come from."""
    ses = boto3.client("ses", region_name="us-east-1")
    with pytest.raises(ClientError) as exc:
        ses.send_email(
            Source="app@example.com", Destination={"ToAddresses": [address]}, Message=MESSAGE
        )
    assert error_of(exc) == ("InvalidParameterValue", message)


@pytest.mark.parametrize("service", ["ses", "sesv2"])
@pytest.mark.ses_identity("example.com", "Success")
def test_at_most_fifty_recipients(service: str) -> None:
    """v1: `Recipient count exceeds 50.` (doubleunion/arooo#243, real); the limit: the AWS
    SES Developer Guide, "Service quotas in Amazon SES". v2: the same text (chosen)."""
    make: Any = boto3.client  # the service name is a parameter here
    client = make(service, region_name="us-east-1")
    fifty = [f"user{n}@example.net" for n in range(50)]
    kwargs: dict[str, Any] = (
        {"Source": "app@example.com", "Message": MESSAGE}
        if service == "ses"
        else {"FromEmailAddress": "app@example.com", "Content": SIMPLE}
    )
    client.send_email(Destination={"ToAddresses": fifty[:30], "BccAddresses": fifty[30:]}, **kwargs)
    with pytest.raises(ClientError) as exc:
        client.send_email(
            Destination={"ToAddresses": fifty, "CcAddresses": ["one@example.net"]}, **kwargs
        )
    assert error_of(exc)[1] == "Recipient count exceeds 50."


@pytest.mark.ses_identity("example.com", "Success")
def test_a_raw_message_over_ten_megabytes_is_refused_by_v1() -> None:
    """`Message length is more than 10485760 bytes long: '12078147'.` (aws/aws-sdk-go-v2#1774,
    real); the limit counts the base64-encoded message (Developer Guide, "Service quotas")."""
    ses = boto3.client("ses", region_name="us-east-1")
    head = b"From: app@example.com\r\nTo: a@example.net\r\nSubject: big\r\n\r\n"
    body = b"x" * (10 * 1024 * 1024 * 3 // 4 - len(head) + 3)
    with pytest.raises(ClientError) as exc:
        ses.send_raw_email(RawMessage={"Data": head + body})
    encoded = 4 * -(-len(head + body) // 3)
    assert error_of(exc) == (
        "InvalidParameterValue",
        f"Message length is more than 10485760 bytes long: '{encoded}'.",
    )
    v2: Any = boto3.client("sesv2", region_name="us-east-1")
    assert v2.send_email(Content={"Raw": {"Data": head + body}})["MessageId"]  # v2: 40 MB


@pytest.mark.parametrize(
    ("region", "prefix"), [("us-east-1", "0100"), ("us-west-2", "0101"), ("eu-west-1", "0102")]
)
@freeze_time("2030-01-01 09:00:00")
@pytest.mark.ses_identity("example.com", "Success")
def test_message_ids_carry_the_region_and_the_send_time(region: str, prefix: str) -> None:
    """Public SES message ids with their region and send time: the region's prefix, then
    the send time in milliseconds as 12 hex digits, a UUID and `-000000`."""
    ses = boto3.client("ses", region_name=region)
    message_id = ses.send_email(
        Source="app@example.com", Destination={"ToAddresses": ["a@example.net"]}, Message=MESSAGE
    )["MessageId"]
    sent_ms = int(datetime(2030, 1, 1, 9, tzinfo=timezone.utc).timestamp() * 1000)
    assert message_id[:4] == prefix
    assert message_id[4:16] == f"{sent_ms:012x}"
    assert message_id.endswith("-000000")
    assert len(message_id) == 16 + 1 + 36 + 7


def test_v2_addresses_show_their_exact_parent_domains_easy_dkim(
    ses_verification: SesVerification,
) -> None:
    """floci-io/floci docs/services/ses.md ("verified against AWS", an emulator's claim):
    an address shows its exact parent domain's Easy DKIM, whatever its status, not a
    grand-parent's."""
    v2: Any = boto3.client("sesv2", region_name="us-east-1")
    v2.create_email_identity(EmailIdentity="example.com")
    v2.create_email_identity(EmailIdentity="a@example.com")
    v2.create_email_identity(EmailIdentity="b@sub.example.com")
    domain = v2.get_email_identity(EmailIdentity="example.com")["DkimAttributes"]
    address = v2.get_email_identity(EmailIdentity="a@example.com")
    assert_valid_output(v2, "GetEmailIdentity", {**address, "MailFromAttributes": _mail_from()})
    assert address["DkimAttributes"] == domain
    assert address["DkimAttributes"]["Status"] == "PENDING"
    grandchild = v2.get_email_identity(EmailIdentity="b@sub.example.com")["DkimAttributes"]
    assert grandchild["Status"] == "NOT_STARTED"
    ses_verification.publish_dkim_records("example.com")
    shown = v2.get_email_identity(EmailIdentity="a@example.com")["DkimAttributes"]
    assert shown["Status"] == "SUCCESS"


def _mail_from() -> dict[str, str]:
    """MailFromAttributes as botocore's model wants it (the service leaves two out)."""
    return {
        "MailFromDomain": "",
        "MailFromDomainStatus": "PENDING",
        "BehaviorOnMxFailure": "USE_DEFAULT_VALUE",
    }


@freeze_time("2030-01-01 09:00:00")
def test_v2_domain_reads_as_recorded(ses_verification: SesVerification) -> None:
    """hashicorp/terraform-provider-aws TestAccSESV2EmailIdentity_basic_domain and
    cuangtin/hugo-ses (captured output): a domain with Easy DKIM shows 2048-bit key
    lengths, a key generation time and tokens; a verified domain's VerificationInfo has
    LastCheckedTimestamp and LastSuccessTimestamp."""
    v2: Any = boto3.client("sesv2", region_name="us-east-1")
    v2.create_email_identity(EmailIdentity="example.com")
    ses_verification.advance(minutes=5)
    ses_verification.publish_dkim_records("example.com")
    got = v2.get_email_identity(EmailIdentity="example.com")
    assert got["DkimAttributes"]["LastKeyGenerationTimestamp"] == datetime(
        2030, 1, 1, 9, tzinfo=timezone.utc
    )
    assert got["DkimAttributes"]["CurrentSigningKeyLength"] == "RSA_2048_BIT"
    now = datetime(2030, 1, 1, 9, 5, tzinfo=timezone.utc)
    assert got["VerificationInfo"] == {"LastCheckedTimestamp": now, "LastSuccessTimestamp": now}
    listed = v2.list_email_identities()["EmailIdentities"]
    assert listed[0]["SendingEnabled"] is True


@pytest.mark.ses_identity("example.com", "Success")
def test_v2_limits_raw_messages_to_forty_megabytes_and_wants_a_from() -> None:
    """The v2 limit, 40 MB after base64 (Developer Guide, "Service quotas in Amazon SES"),
    with v1's text (chosen: no v2 recording found). Raw content with no From:
    `Missing required header 'From'.` (floci-io/floci#1561; the v1 text is real)."""
    v2: Any = boto3.client("sesv2", region_name="us-east-1")
    head = b"From: app@example.com\r\nTo: a@example.net\r\nSubject: big\r\n\r\n"
    body = b"x" * (40 * 1024 * 1024 * 3 // 4 + 3)
    with pytest.raises(v2.exceptions.BadRequestException) as exc:
        v2.send_email(Content={"Raw": {"Data": head + body}})
    encoded = 4 * -(-len(head + body) // 3)
    assert error_of(exc)[1] == f"Message length is more than 41943040 bytes long: '{encoded}'."
    with pytest.raises(v2.exceptions.BadRequestException) as exc:
        v2.send_email(Content={"Raw": {"Data": b"To: a@example.net\r\nSubject: x\r\n\r\nhi"}})
    assert error_of(exc)[1] == "Missing required header 'From'."


def test_v2_verification_info_says_what_ses_found_at_the_record(
    ses_verification: SesVerification,
) -> None:
    """VerificationInfo.ErrorType as the SES API reference describes the values: nothing at
    the name (HOST_NOT_FOUND), other types only (TYPE_NOT_FOUND), the type with a wrong
    value (INVALID_VALUE), a DNS server that does not answer (DNS_SERVER_ERROR)."""
    v1: Any = boto3.client("ses", region_name="us-east-1")
    v2: Any = boto3.client("sesv2", region_name="us-east-1")
    token = v1.verify_domain_identity(Domain="example.com")["VerificationToken"]

    def error_type() -> str | None:
        info = v2.get_email_identity(EmailIdentity="example.com")["VerificationInfo"]
        found: str | None = info.get("ErrorType")
        return found

    assert error_type() == "HOST_NOT_FOUND"
    ses_verification.publish_record("_amazonses.example.com", "CNAME", "elsewhere.example.net")
    assert error_type() == "TYPE_NOT_FOUND"
    ses_verification.publish_record("_amazonses.example.com", "TXT", "not-the-token")
    assert error_type() == "INVALID_VALUE"
    ses_verification.fail_dns("example.com")
    assert error_type() == "DNS_SERVER_ERROR"
    ses_verification.publish_txt_record("example.com")
    assert v2.get_email_identity(EmailIdentity="example.com")["VerificationStatus"] == "PENDING"
    ses_verification.restore_dns("example.com")
    info = v2.get_email_identity(EmailIdentity="example.com")["VerificationInfo"]
    assert "ErrorType" not in info
    assert info["LastSuccessTimestamp"] == info["LastCheckedTimestamp"]
    assert token
