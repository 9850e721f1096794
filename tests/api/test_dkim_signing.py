"""DKIM signing options through real clients: key lengths, BYODKIM, turning signing on and
off (README's behaviour table gives each source)."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from freezegun import freeze_time

from pytest_ses_verify import SesVerification, UnsupportedOperationError, UsageError

# A 1024-bit RSA key made for these tests (PKCS#1 DER, base64), and its public half as
# `openssl rsa -pubout` writes it (SubjectPublicKeyInfo DER, base64).
PRIVATE_KEY = (
    "MIICXgIBAAKBgQDX95KLCXhtz22nZd7NIDcB3sP3rjhfRD1Y29o7MWQBvETmhBY116KvmNU4vZR1fHPUnA9G"
    "V0tU3R5uQohkw7uh0BqsfTfEyNETPQfSVWn+Jq+6R+UZq/JrOMmvmTv9D+Kzgy+SXWzALPtfm9Q4X+H8+xqY"
    "I7FHoVeOATjuLMbvgQIDAQABAoGAM/RVBqmylQgvovO407QKR6LllfINka2C7JuHNnI9UsWN9b6U8UL82i10"
    "LgA9dL4Jx337lrptXu8K4Q+UbFlCC8wt4NzOvrsKqQd1Lh4mQ1z/WK2e0FYd3+EefhFruCJvSZLZcQJjpaiS"
    "O1spN5SHgaxEI/a6l0mFoE3y4yx0qgECQQDxpwbNy7LMjDDfTWE2BZJeNr2MQoedsz6it/8DQ4DCdr9QXuYc"
    "1KE3WdsAK/ejFkMS8I0D9IcdeL9mQ9+0ih/RAkEA5Mokv6IuVuqinasF7wfoZsbFHsG/RzRT3WDHjAlph4dc"
    "1J8Nrg59yGUl9BPD8LzyYm94nYlHagm1kvL1vAPwsQJBALmyut3GnR3m1V+kHQHggjv4IOz56zFantV4Q3WE"
    "mBvYGOhwJLEfDMx2Nn8JSoF/CAgz5omVjYcuVRcHLY+VXSECQQCT3HyhiPwv2hZclbIRCGhPO/kbZpXrO8tT"
    "kH+GZnLYT0hUdbLOobjy8UP1GW0RwdtYeLhX/+eyhTHfFbxw1Y8RAkEAwtH7b+j61kIeQksmy8ZTkT/B8yum"
    "BTAoTJIUCRRSN+2UC41ol83yzaROuZgKbOf1JSh9uMzyhbM74bcQH7g1Tw=="
)
PUBLIC_KEY = (
    "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDX95KLCXhtz22nZd7NIDcB3sP3rjhfRD1Y29o7MWQBvETm"
    "hBY116KvmNU4vZR1fHPUnA9GV0tU3R5uQohkw7uh0BqsfTfEyNETPQfSVWn+Jq+6R+UZq/JrOMmvmTv9D+Kz"
    "gy+SXWzALPtfm9Q4X+H8+xqYI7FHoVeOATjuLMbvgQIDAQAB"
)


def v1() -> Any:
    return boto3.client("ses", region_name="us-east-1")


def v2() -> Any:
    return boto3.client("sesv2", region_name="us-east-1")


def dkim(name: str = "example.com") -> dict[str, Any]:
    return dict(v2().get_email_identity(EmailIdentity=name)["DkimAttributes"])


def test_easy_dkim_with_a_2048_or_1024_bit_key() -> None:
    """CreateEmailIdentity(DkimSigningAttributes={NextSigningKeyLength}): Easy DKIM with that
    key length (botocore's model; 8 live calls in public code use it)."""
    with SesVerification():
        created = v2().create_email_identity(
            EmailIdentity="example.com",
            DkimSigningAttributes={"NextSigningKeyLength": "RSA_1024_BIT"},
        )
        assert created["DkimAttributes"]["SigningAttributesOrigin"] == "AWS_SES"
        assert dkim()["NextSigningKeyLength"] == "RSA_1024_BIT"
        assert len(dkim()["Tokens"]) == 3


@freeze_time("2030-01-01 09:00:00")
def test_the_key_length_changes_at_most_once_in_24_hours(
    ses_verification: SesVerification,
) -> None:
    """Developer Guide, "Easy DKIM in Amazon SES": the key length can be changed once
    every 24 hours (the error text is chosen: none was found)."""
    client = v2()
    client.create_email_identity(EmailIdentity="example.com")
    answer = client.put_email_identity_dkim_signing_attributes(
        EmailIdentity="example.com",
        SigningAttributesOrigin="AWS_SES",
        SigningAttributes={"NextSigningKeyLength": "RSA_1024_BIT"},
    )
    assert answer["DkimStatus"] == "PENDING"
    assert len(answer["DkimTokens"]) == 3
    with pytest.raises(client.exceptions.BadRequestException, match="once every 24 hours"):
        client.put_email_identity_dkim_signing_attributes(
            EmailIdentity="example.com",
            SigningAttributesOrigin="AWS_SES",
            SigningAttributes={"NextSigningKeyLength": "RSA_2048_BIT"},
        )
    ses_verification.advance(hours=24)
    client.put_email_identity_dkim_signing_attributes(
        EmailIdentity="example.com",
        SigningAttributesOrigin="AWS_SES",
        SigningAttributes={"NextSigningKeyLength": "RSA_2048_BIT"},
    )
    assert dkim()["NextSigningKeyLength"] == "RSA_2048_BIT"


def test_byodkim_verifies_through_the_public_key_at_the_selector(
    ses_verification: SesVerification,
) -> None:
    """BYODKIM: SES looks for a TXT record at <selector>._domainkey.<domain> holding the
    public key (Developer Guide, "Provide your own authentication token (BYODKIM)"); the
    tokens are the selector."""
    client = v2()
    created = client.create_email_identity(
        EmailIdentity="example.com",
        DkimSigningAttributes={
            "DomainSigningSelector": "mail",
            "DomainSigningPrivateKey": PRIVATE_KEY,
        },
    )
    assert created["DkimAttributes"]["SigningAttributesOrigin"] == "EXTERNAL"
    assert dkim()["Tokens"] == ["mail"]
    assert dkim()["Status"] == "PENDING"
    ses_verification.publish_record(
        "mail._domainkey.example.com", "TXT", "v=DKIM1; k=rsa; p=" + "A" * 40
    )
    assert dkim()["Status"] == "PENDING"  # a wrong key is not evidence
    ses_verification.publish_record(
        "mail._domainkey.example.com", "TXT", f"v=DKIM1; k=rsa; p={PUBLIC_KEY}"
    )
    assert dkim()["Status"] == "SUCCESS"
    assert client.get_email_identity(EmailIdentity="example.com")["VerificationStatus"] == (
        "SUCCESS"
    )
    attrs = v1().get_identity_dkim_attributes(Identities=["example.com"])["DkimAttributes"]
    assert attrs["example.com"]["DkimTokens"] == ["mail"]


def test_publish_dkim_records_covers_byodkim(ses_verification: SesVerification) -> None:
    v2().create_email_identity(EmailIdentity="example.com")
    v2().put_email_identity_dkim_signing_attributes(
        EmailIdentity="example.com",
        SigningAttributesOrigin="EXTERNAL",
        SigningAttributes={"DomainSigningSelector": "s1", "DomainSigningPrivateKey": PRIVATE_KEY},
    )
    ses_verification.publish_dkim_records("example.com")
    assert dkim()["Status"] == "SUCCESS"
    ses_verification.remove_dkim_records("example.com")
    assert dkim()["Status"] == "TEMPORARY_FAILURE"


def test_an_unreadable_private_key_is_accepted_and_never_verifies(
    ses_verification: SesVerification,
) -> None:
    """awsdocs/amazon-ses-developer-guide#71, hashicorp/terraform-provider-aws#29729: SES
    accepts a malformed private key; the domain simply never verifies."""
    v2().create_email_identity(
        EmailIdentity="example.com",
        DkimSigningAttributes={"DomainSigningSelector": "s1", "DomainSigningPrivateKey": "AAAA"},
    )
    assert dkim()["Status"] == "PENDING"
    with pytest.raises(UsageError, match="cannot be read"):
        ses_verification.publish_dkim_records("example.com")


def test_signing_attributes_are_for_domains_and_deterministic_origins_are_unsupported(
    ses_verification: SesVerification,
) -> None:
    """`The EmailIdentity value must be a valid domain.` (floci-io/floci, probed); the
    AWS_SES_<REGION> origins are not modelled and say so."""
    client = v2()
    with pytest.raises(client.exceptions.BadRequestException, match="must be a valid domain"):
        client.create_email_identity(
            EmailIdentity="ops@example.com",
            DkimSigningAttributes={"NextSigningKeyLength": "RSA_2048_BIT"},
        )
    client.create_email_identity(EmailIdentity="example.com")
    with pytest.raises(UnsupportedOperationError, match="AWS_SES_US_EAST_1"):
        client.put_email_identity_dkim_signing_attributes(
            EmailIdentity="example.com", SigningAttributesOrigin="AWS_SES_US_EAST_1"
        )
    ses_verification._service.unsupported_calls.clear()  # expected here


def test_signing_can_be_turned_on_only_once_dkim_is_verified(
    ses_verification: SesVerification,
) -> None:
    """`Domain <d> is not verified for DKIM signing.` (floci-io/floci, probed, and a third
    party's test against SES); the AWS SDK for Java's live test expects an error there."""
    ses = v1()
    ses.verify_domain_dkim(Domain="example.com")
    ses.verify_email_identity(EmailAddress="ops@example.com")
    with pytest.raises(ClientError) as exc:
        ses.set_identity_dkim_enabled(Identity="ops@example.com", DkimEnabled=True)
    assert exc.value.response["Error"]["Message"] == (
        "Domain <example.com> is not verified for DKIM signing."
    )
    ses.set_identity_dkim_enabled(Identity="example.com", DkimEnabled=False)
    attrs = ses.get_identity_dkim_attributes(Identities=["example.com"])["DkimAttributes"]
    assert attrs["example.com"]["DkimEnabled"] is False
    ses_verification.publish_dkim_records("example.com")
    ses.set_identity_dkim_enabled(Identity="ops@example.com", DkimEnabled=True)
    attrs = ses.get_identity_dkim_attributes(Identities=["ops@example.com"])["DkimAttributes"]
    assert attrs["ops@example.com"] == {"DkimEnabled": True, "DkimVerificationStatus": "Success"}
    v2().put_email_identity_dkim_attributes(EmailIdentity="example.com", SigningEnabled=True)
    assert dkim()["SigningEnabled"] is True
    with pytest.raises(v2().exceptions.NotFoundException):
        v2().put_email_identity_dkim_attributes(EmailIdentity="other.example", SigningEnabled=True)
