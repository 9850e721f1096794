"""SES v2 through real sesv2 clients, on the same registry as v1."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from botocore.validate import validate_parameters
from freezegun import freeze_time

from pytest_ses_verify import SesVerification, UnsupportedOperationError

from ..conftest import status_of


def v2(region: str = "us-east-1") -> Any:
    return boto3.client("sesv2", region_name=region)


def v1(region: str = "us-east-1") -> Any:
    return boto3.client("ses", region_name=region)


def assert_valid_v2(client: Any, operation: str, response: dict[str, Any]) -> None:
    body = {k: v for k, v in response.items() if k != "ResponseMetadata"}
    validate_parameters(body, client.meta.service_model.operation_model(operation).output_shape)


def v2_error(exc: pytest.ExceptionInfo[ClientError]) -> tuple[str, str, int]:
    response = exc.value.response
    return (
        response["Error"]["Code"],
        response["Error"]["Message"],
        response["ResponseMetadata"]["HTTPStatusCode"],
    )


# -- one registry, two APIs -------------------------------------------------------------


def test_an_address_created_with_v2_is_seen_by_v1_and_statuses_agree(
    ses_verification: SesVerification,
) -> None:
    client = v2()
    response = client.create_email_identity(EmailIdentity="ops@example.com")
    assert_valid_v2(client, "CreateEmailIdentity", response)
    assert {k: v for k, v in response.items() if k != "ResponseMetadata"} == {
        "IdentityType": "EMAIL_ADDRESS",
        "VerifiedForSendingStatus": False,
    }
    assert [e.address for e in ses_verification.verification_emails] == ["ops@example.com"]
    assert status_of(v1(), "ops@example.com") == "Pending"
    assert client.get_email_identity(EmailIdentity="ops@example.com")["VerificationStatus"] == (
        "PENDING"
    )
    ses_verification.click_verification_link("ops@example.com")
    identity = client.get_email_identity(EmailIdentity="ops@example.com")
    assert identity["VerificationStatus"] == "SUCCESS"
    assert identity["VerifiedForSendingStatus"] is True
    assert v1().list_verified_email_addresses()["VerifiedEmailAddresses"] == ["ops@example.com"]


@pytest.mark.parametrize(
    ("v1_status", "v2_status"),
    [
        ("Pending", "PENDING"),
        ("Success", "SUCCESS"),
        ("Failed", "FAILED"),
        ("TemporaryFailure", "TEMPORARY_FAILURE"),
        ("NotStarted", "NOT_STARTED"),
    ],
)
def test_every_v1_status_reads_as_its_v2_spelling(
    ses_verification: SesVerification, v1_status: str, v2_status: str
) -> None:
    ses_verification.set_identity("example.com", v1_status)  # type: ignore[arg-type]
    ses_verification.set_identity("a@example.com", v1_status)  # type: ignore[arg-type]
    client = v2()
    for name in ("example.com", "a@example.com"):
        response = client.get_email_identity(EmailIdentity=name)
        assert response["VerificationStatus"] == v2_status
        assert response["VerifiedForSendingStatus"] is (v2_status == "SUCCESS")
    listed = client.list_email_identities()["EmailIdentities"]
    assert {i["IdentityName"]: i["VerificationStatus"] for i in listed} == {
        "example.com": v2_status,
        "a@example.com": v2_status,
    }


@freeze_time("2030-01-01")
def test_a_domain_created_with_v2_gets_easy_dkim(ses_verification: SesVerification) -> None:
    client = v2("eu-west-1")
    response = client.create_email_identity(EmailIdentity="Example.com")
    assert_valid_v2(client, "CreateEmailIdentity", response)
    assert response["IdentityType"] == "DOMAIN"
    dkim = response["DkimAttributes"]
    assert dkim["SigningEnabled"] is True
    # NOT_STARTED in the create answer, PENDING from the next read on: probed against AWS
    # by an emulator project (floci-io/floci pull 1904).
    assert dkim["Status"] == "NOT_STARTED"
    assert len(dkim["Tokens"]) == 3
    after = client.get_email_identity(EmailIdentity="example.com")["DkimAttributes"]
    assert after["Status"] == "PENDING"
    assert after["NextSigningKeyLength"] == after["CurrentSigningKeyLength"] == "RSA_2048_BIT"
    assert isinstance(after["LastKeyGenerationTimestamp"], datetime)
    assert v1("eu-west-1").verify_domain_dkim(Domain="example.com")["DkimTokens"] == dkim["Tokens"]
    ses_verification.publish_dkim_records("example.com")
    identity = client.get_email_identity(EmailIdentity="example.com")
    assert identity["DkimAttributes"]["Status"] == "SUCCESS"
    assert identity["VerificationStatus"] == "SUCCESS"
    ses_verification.remove_dkim_records("example.com")
    identity = client.get_email_identity(EmailIdentity="example.com")
    assert identity["DkimAttributes"]["Status"] == "TEMPORARY_FAILURE"
    assert identity["VerificationStatus"] == "TEMPORARY_FAILURE"
    ses_verification.advance(hours=72)
    assert client.get_email_identity(EmailIdentity="example.com")["DkimAttributes"]["Status"] == (
        "FAILED"
    )


def test_a_v1_identity_is_seen_by_v2(ses_verification: SesVerification) -> None:
    v1().verify_domain_identity(Domain="example.com")
    ses_verification.publish_txt_record("example.com")
    client = v2()
    identity = client.get_email_identity(EmailIdentity="EXAMPLE.com")
    assert identity["VerificationStatus"] == "SUCCESS"
    assert identity["DkimAttributes"]["Status"] == "NOT_STARTED"
    with pytest.raises(client.exceptions.AlreadyExistsException) as exc:
        client.create_email_identity(EmailIdentity="example.com")
    assert v2_error(exc) == (
        "AlreadyExistsException",
        "Email identity example.com already exist.",
        400,
    )


@freeze_time("2030-01-01")
def test_get_email_identity_shape(ses_verification: SesVerification) -> None:
    """A pending address as real output shows it (getmoto/moto issue 9771, verbatim `aws
    sesv2 get-email-identity`): VerificationInfo {}, DKIM NOT_STARTED with RSA_1024_BIT."""
    client = v2()
    client.create_email_identity(
        EmailIdentity="ops@example.com", Tags=[{"Key": "team", "Value": "mail"}]
    )
    response = client.get_email_identity(EmailIdentity="ops@example.com")
    body = {k: v for k, v in response.items() if k != "ResponseMetadata"}
    assert body == {
        "IdentityType": "EMAIL_ADDRESS",
        "FeedbackForwardingStatus": True,
        "VerifiedForSendingStatus": False,
        "DkimAttributes": {
            "SigningEnabled": False,
            "Status": "NOT_STARTED",
            "SigningAttributesOrigin": "AWS_SES",
            "NextSigningKeyLength": "RSA_1024_BIT",
        },
        "MailFromAttributes": {"BehaviorOnMxFailure": "USE_DEFAULT_VALUE"},
        "Policies": {},
        "Tags": [{"Key": "team", "Value": "mail"}],
        "VerificationStatus": "PENDING",
        "VerificationInfo": {},
    }
    # The real service leaves out MailFromDomain and MailFromDomainStatus when no custom
    # MAIL FROM is set, though botocore's model calls them required. Everything else
    # validates against the model.
    body["MailFromAttributes"].update(MailFromDomain="", MailFromDomainStatus="PENDING")
    validate_parameters(
        body, client.meta.service_model.operation_model("GetEmailIdentity").output_shape
    )
    assert response["ResponseMetadata"]["HTTPHeaders"]["content-type"] == "application/json"


# -- errors ----------------------------------------------------------------------------


@pytest.mark.usefixtures("ses_verification")
def test_v2_errors() -> None:
    client = v2()
    with pytest.raises(client.exceptions.NotFoundException) as not_found:
        client.get_email_identity(EmailIdentity="nobody@example.com")
    # Real output: wesen/hair-booking (GetEmailIdentity, the name in angle brackets).
    assert v2_error(not_found) == (
        "NotFoundException",
        "Email identity <nobody@example.com> does not exist.",
        404,
    )
    assert "Type" not in not_found.value.response["Error"]
    with pytest.raises(client.exceptions.NotFoundException) as not_deleted:
        client.delete_email_identity(EmailIdentity="nobody@example.com")
    # As an emulator probed DeleteEmailIdentity (floci-io/floci pull 723): no brackets.
    assert v2_error(not_deleted) == (
        "NotFoundException",
        "Email identity nobody@example.com does not exist.",
        404,
    )
    with pytest.raises(client.exceptions.BadRequestException) as bad:
        client.create_email_identity(EmailIdentity="not an identity")
    assert v2_error(bad) == (
        "BadRequestException",
        "Email identity not an identity is invalid.",
        400,
    )
    with pytest.raises(client.exceptions.BadRequestException):
        client.list_email_identities(PageSize=0)
    with pytest.raises(client.exceptions.BadRequestException):
        client.list_email_identities(NextToken="made-up")


@pytest.mark.usefixtures("ses_verification")
def test_delete_and_list_with_pages() -> None:
    client = v2()
    names = [f"user{n}@example.com" for n in range(5)]
    for name in names:
        client.create_email_identity(EmailIdentity=name)
    first = client.list_email_identities(PageSize=2)
    assert_valid_v2(client, "ListEmailIdentities", first)
    assert [i["IdentityName"] for i in first["EmailIdentities"]] == names[:2]
    # Not verified, so not enabled for sending (getmoto/moto issue 9771, real output).
    assert first["EmailIdentities"][0] == {
        "IdentityType": "EMAIL_ADDRESS",
        "IdentityName": "user0@example.com",
        "SendingEnabled": False,
        "VerificationStatus": "PENDING",
    }
    client.delete_email_identity(EmailIdentity="user2@example.com")
    rest = client.list_email_identities(PageSize=10, NextToken=first["NextToken"])
    assert [i["IdentityName"] for i in rest["EmailIdentities"]] == names[3:]
    assert "NextToken" not in rest
    assert v1().list_identities()["Identities"] == [
        "user0@example.com",
        "user1@example.com",
        *names[3:],
    ]


# -- sending ---------------------------------------------------------------------------


def _simple(subject: str = "Welcome") -> dict[str, Any]:
    return {"Simple": {"Subject": {"Data": subject}, "Body": {"Text": {"Data": "Hello"}}}}


@pytest.mark.ses_identity("example.com", "Success")
def test_v2_send_email_uses_the_same_gate_and_outbox(ses_verification: SesVerification) -> None:
    client = v2("eu-west-1")
    response = client.send_email(
        FromEmailAddress="App <app+news@example.com>",
        Destination={"ToAddresses": ["a@example.net"]},
        Content=_simple(),
    )
    assert_valid_v2(client, "SendEmail", response)
    [sent] = ses_verification.outbox
    assert (sent.message_id, sent.source, sent.destinations, sent.subject, sent.text) == (
        response["MessageId"],
        "App <app+news@example.com>",
        ["a@example.net"],
        "Welcome",
        "Hello",
    )
    with pytest.raises(client.exceptions.MessageRejected) as exc:
        client.send_email(
            FromEmailAddress="app@other.example",
            Destination={"ToAddresses": ["a@example.net"]},
            Content=_simple(),
        )
    assert v2_error(exc) == (
        "MessageRejected",
        "Email address is not verified. The following identities failed the check in region "
        "EU-WEST-1: app@other.example",
        400,
    )
    assert ses_verification.calls[-1].service == "sesv2"


@pytest.mark.ses_identity("example.com", "Success")
def test_v2_raw_content(ses_verification: SesVerification) -> None:
    data = b"From: App <app@example.com>\r\nTo: a@example.net\r\nSubject: Raw\r\n\r\nHello raw\r\n"
    v2().send_email(Content={"Raw": {"Data": data}})
    [sent] = ses_verification.outbox
    assert (sent.source, sent.destinations, sent.subject, sent.raw) == (
        "App <app@example.com>",
        ["a@example.net"],
        "Raw",
        data,
    )


@pytest.mark.usefixtures("ses_verification")
def test_v2_send_bad_input() -> None:
    client = v2()
    # Simple content without a sender: the message is JSON null (floci-io/floci pull 1561,
    # probed with raw HTTP bodies), which botocore shows as None.
    with pytest.raises(client.exceptions.BadRequestException) as exc:
        client.send_email(Destination={"ToAddresses": ["a@example.net"]}, Content=_simple())
    assert v2_error(exc)[1] is None
    with pytest.raises(client.exceptions.BadRequestException) as exc:
        client.send_email(
            FromEmailAddress="no-domain",
            Destination={"ToAddresses": ["a@example.net"]},
            Content=_simple(),
        )
    assert v2_error(exc) == ("BadRequestException", "Missing final '@domain'", 400)


@pytest.mark.ses_verification(rate_limit=True)
@freeze_time("2030-01-01")
def test_v2_throttling_is_too_many_requests_and_shares_the_regions_budget(
    ses_verification: SesVerification,
) -> None:
    client = v2()
    client.list_email_identities()
    with pytest.raises(ClientError) as v1_exc:
        v1().list_identities()  # the same region's budget, whichever API
    assert v1_exc.value.response["Error"]["Code"] == "Throttling"
    with pytest.raises(client.exceptions.TooManyRequestsException) as exc:
        client.list_email_identities()
    assert v2_error(exc) == ("TooManyRequestsException", "Rate exceeded", 429)
    ses_verification.advance(seconds=1)
    client.list_email_identities()


# -- unsupported -----------------------------------------------------------------------


def test_unsupported_v2_operations_and_features(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import boto3, pytest
        from pytest_ses_verify import UnsupportedOperationError

        def test_operation(ses_verification):
            client = boto3.client("sesv2", region_name="us-east-1")
            with pytest.raises(
                UnsupportedOperationError,
                match="SES v2 operation GetDeliverabilityDashboardOptions",
            ):
                client.get_deliverability_dashboard_options()

        def test_template(ses_verification):
            client = boto3.client("sesv2", region_name="us-east-1")
            client.create_email_identity(EmailIdentity="example.com")
            with pytest.raises(UnsupportedOperationError, match="AWS_SES_US_EAST_1"):
                client.put_email_identity_dkim_signing_attributes(
                    EmailIdentity="example.com", SigningAttributesOrigin="AWS_SES_US_EAST_1"
                )
        """
    )
    result = pytester.runpytest()
    result.assert_outcomes(passed=2, errors=2)
    result.stdout.fnmatch_lines(
        ["*does not implement: SES v2 operation GetDeliverabilityDashboardOptions (1 call)*"]
    )


@pytest.mark.ses_verification(unsupported="passthrough")
def test_v2_passthrough_reaches_botocore(ses_verification: SesVerification) -> None:
    from moto import mock_aws

    with mock_aws():
        client = v2()
        assert client.list_dedicated_ip_pools()["DedicatedIpPools"] == []  # moto answers
    assert ses_verification.calls[-1].operation == "ListDedicatedIpPools"
    assert ses_verification.calls[-1].response is None


def test_unsupported_error_is_not_a_client_error(ses_verification: SesVerification) -> None:
    with pytest.raises(UnsupportedOperationError):
        v2().get_deliverability_dashboard_options()
    ses_verification._service.unsupported_calls.clear()  # expected here; don't fail at teardown
