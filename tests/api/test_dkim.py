"""DKIM through real boto3 clients: VerifyDomainDkim, GetIdentityDkimAttributes, records."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from botocore.exceptions import ClientError
from mypy_boto3_ses import SESClient

from pytest_ses_verify import SesVerification, UsageError

from ..conftest import assert_valid_output, status_of

MakeClient = Callable[..., SESClient]


def dkim_of(ses: SESClient, identity: str) -> dict[str, object] | None:
    response = ses.get_identity_dkim_attributes(Identities=[identity])
    assert_valid_output(ses, "GetIdentityDkimAttributes", response)
    entry = response["DkimAttributes"].get(identity)
    return None if entry is None else dict(entry)


def test_verify_domain_dkim_returns_three_stable_tokens_and_adds_the_domain(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    ses = ses_client()
    response = ses.verify_domain_dkim(Domain="Example.com")
    assert_valid_output(ses, "VerifyDomainDkim", response)
    tokens = response["DkimTokens"]
    assert len(tokens) == 3
    assert all(re.fullmatch(r"[a-z2-7]{32}", t) for t in tokens)
    assert ses.verify_domain_dkim(Domain="example.com")["DkimTokens"] == tokens
    assert ses.list_identities()["Identities"] == ["example.com"]
    assert status_of(ses, "example.com") == "Pending"
    assert dkim_of(ses, "EXAMPLE.com") == {
        "DkimEnabled": True,
        "DkimVerificationStatus": "Pending",
        "DkimTokens": tokens,
    }


def test_dkim_records_verify_dkim_and_the_domain(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    ses = ses_client()
    ses.verify_domain_dkim(Domain="example.com")
    ses_verification.publish_dkim_records("example.com")
    entry = dkim_of(ses, "example.com")
    assert entry is not None
    assert entry["DkimVerificationStatus"] == "Success"
    assert status_of(ses, "example.com") == "Success"
    ses.send_email(
        Source="app@example.com",
        Destination={"ToAddresses": ["a@example.net"]},
        Message={"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}},
    )
    ses_verification.remove_dkim_records("example.com")
    entry = dkim_of(ses, "example.com")
    assert entry is not None
    assert entry["DkimVerificationStatus"] == "TemporaryFailure"
    assert status_of(ses, "example.com") == "TemporaryFailure"


@pytest.mark.ses_verification(detection_delay=timedelta(minutes=5))
def test_dkim_window_and_detection_delay(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    ses = ses_client()
    ses.verify_domain_dkim(Domain="slow.example")
    ses_verification.advance(hours=71, minutes=56)
    ses_verification.publish_dkim_records("slow.example")
    ses_verification.advance(minutes=4)  # seen at 72h exactly: too late
    entry = dkim_of(ses, "slow.example")
    assert entry is not None
    assert entry["DkimVerificationStatus"] == "Failed"
    # Ask again: the records went up 4 minutes ago; SES sees them 5 minutes after.
    ses.verify_domain_dkim(Domain="slow.example")
    ses_verification.advance(seconds=59)
    entry = dkim_of(ses, "slow.example")
    assert entry is not None
    assert entry["DkimVerificationStatus"] == "Pending"
    ses_verification.advance(seconds=1)
    entry = dkim_of(ses, "slow.example")
    assert entry is not None
    assert entry["DkimVerificationStatus"] == "Success"


def test_v1_addresses_keep_their_own_dkim_flag_next_to_a_dkim_domain(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    """v1 reports an address's own DKIM flag: NotStarted even beside its DKIM-verified
    domain. Evidence: aws/aws-cli awscli/examples/ses/get-identity-dkim-attributes.rst
    (also botocore's ses examples-1.json): user@example.com is {DkimEnabled: false,
    DkimVerificationStatus: NotStarted} next to example.com at Success."""
    ses = ses_client()
    ses.verify_email_identity(EmailAddress="a@example.com")
    ses.verify_domain_identity(Domain="other.example")
    not_started = {"DkimEnabled": False, "DkimVerificationStatus": "NotStarted"}
    assert dkim_of(ses, "a@example.com") == not_started
    assert dkim_of(ses, "other.example") == not_started
    ses.verify_domain_dkim(Domain="example.com")
    ses_verification.publish_dkim_records("example.com")
    assert dkim_of(ses, "example.com") == {
        "DkimEnabled": True,
        "DkimVerificationStatus": "Success",
        "DkimTokens": list(ses.verify_domain_dkim(Domain="example.com")["DkimTokens"]),
    }
    assert dkim_of(ses, "a@example.com") == not_started
    assert dkim_of(ses, "unknown@example.com") is None


@pytest.mark.usefixtures("ses_verification")
def test_dkim_bad_input(ses_client: MakeClient) -> None:
    ses = ses_client()
    with pytest.raises(ClientError) as exc:
        ses.verify_domain_dkim(Domain="not a domain")
    assert exc.value.response["Error"]["Message"] == "Invalid domain name not a domain."
    with pytest.raises(ClientError) as exc:
        ses.get_identity_dkim_attributes(Identities=["x y"])
    assert exc.value.response["Error"]["Code"] == "InvalidParameterValue"
    with pytest.raises(ClientError) as exc:
        ses.get_identity_dkim_attributes(Identities=[f"d{n}.example" for n in range(101)])
    assert exc.value.response["Error"]["Code"] == "InvalidParameterValue"


def test_dkim_record_helpers_say_what_to_do(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    with pytest.raises(UsageError, match=r"no DKIM tokens in any region.*verify_domain_dkim"):
        ses_verification.publish_dkim_records("example.com")
    ses_client().verify_domain_dkim(Domain="example.com")
    with pytest.raises(UsageError, match="not in DNS; publish them first"):
        ses_verification.remove_dkim_records("example.com")
    with pytest.raises(UsageError, match="is an email address, not a domain"):
        ses_verification.publish_dkim_records("a@example.com")


def test_dkim_records_cover_every_region(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    east, west = ses_client("us-east-1"), ses_client("eu-west-1")
    east.verify_domain_dkim(Domain="example.com")
    west.verify_domain_dkim(Domain="example.com")
    ses_verification.publish_dkim_records("example.com")
    for ses in (east, west):
        entry = dkim_of(ses, "example.com")
        assert entry is not None
        assert entry["DkimVerificationStatus"] == "Success"


@pytest.mark.ses_verification(auto_verify=True)
def test_auto_verify_covers_dkim(ses_client: MakeClient) -> None:
    ses = ses_client()
    ses.verify_domain_dkim(Domain="example.com")
    entry = dkim_of(ses, "example.com")
    assert entry is not None
    assert entry["DkimVerificationStatus"] == "Success"
