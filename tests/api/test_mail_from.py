"""Custom MAIL FROM domains, through real v1 and v2 clients: the third DNS-driven lifecycle
(AWS SES Developer Guide, "Using a custom MAIL FROM domain")."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from freezegun import freeze_time

from pytest_ses_verify import SesVerification, UsageError

from ..conftest import assert_valid_output

MESSAGE: Any = {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}
pytestmark = pytest.mark.ses_identity("example.com", "Success")


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with freeze_time("2030-01-01") as frozen:
        yield frozen


def v1() -> Any:
    return boto3.client("ses", region_name="us-east-1")


def v2() -> Any:
    return boto3.client("sesv2", region_name="us-east-1")


def mail_from(identity: str = "example.com") -> dict[str, str]:
    response = v1().get_identity_mail_from_domain_attributes(Identities=[identity])
    return dict(response["MailFromDomainAttributes"][identity])


def send(source: str = "app@example.com") -> str:
    destination = {"ToAddresses": ["a@example.net"]}
    return str(
        v1().send_email(Source=source, Destination=destination, Message=MESSAGE)["MessageId"]
    )


def test_pending_until_exactly_one_mx_record_then_success(
    ses_verification: SesVerification,
) -> None:
    """Developer Guide: SES looks for exactly one MX record pointing to
    feedback-smtp.<region>.amazonses.com at the MAIL FROM domain."""
    v1().set_identity_mail_from_domain(Identity="example.com", MailFromDomain="mail.example.com")
    assert mail_from() == {
        "MailFromDomain": "mail.example.com",
        "MailFromDomainStatus": "Pending",
        "BehaviorOnMXFailure": "UseDefaultValue",
    }
    ses_verification.publish_mail_from_records("example.com")
    response = v1().get_identity_mail_from_domain_attributes(Identities=["example.com"])
    assert_valid_output(v1(), "GetIdentityMailFromDomainAttributes", response)
    assert mail_from()["MailFromDomainStatus"] == "Success"
    assert v2().get_email_identity(EmailIdentity="example.com")["MailFromAttributes"] == {
        "MailFromDomain": "mail.example.com",
        "MailFromDomainStatus": "SUCCESS",
        "BehaviorOnMxFailure": "USE_DEFAULT_VALUE",
    }


def test_a_second_mx_record_or_a_wrong_one_does_not_verify(
    ses_verification: SesVerification,
) -> None:
    """Developer Guide: "exactly one MX record"; several MX records do not verify."""
    v1().set_identity_mail_from_domain(Identity="example.com", MailFromDomain="mail.example.com")
    ses_verification.publish_record("mail.example.com", "MX", "10 inbound.example.net")
    assert mail_from()["MailFromDomainStatus"] == "Pending"
    ses_verification.publish_mail_from_records("example.com")
    assert mail_from()["MailFromDomainStatus"] == "Pending"  # two MX records
    ses_verification.remove_record("mail.example.com", "MX", "20 inbound.example.net")
    assert mail_from()["MailFromDomainStatus"] == "Success"


def test_a_vanished_record_is_temporary_failure_then_failed_after_72_hours(
    ses_verification: SesVerification,
) -> None:
    """Developer Guide: a verified MAIL FROM setup whose record disappears is
    TemporaryFailure, back to Success within 72 hours, else Failed."""
    v1().set_identity_mail_from_domain(Identity="example.com", MailFromDomain="mail.example.com")
    ses_verification.publish_mail_from_records("example.com")
    assert mail_from()["MailFromDomainStatus"] == "Success"
    ses_verification.remove_mail_from_records("example.com")
    assert mail_from()["MailFromDomainStatus"] == "TemporaryFailure"
    ses_verification.publish_mail_from_records("example.com")
    assert mail_from()["MailFromDomainStatus"] == "Success"
    ses_verification.remove_mail_from_records("example.com")
    ses_verification.advance(hours=72)
    assert mail_from()["MailFromDomainStatus"] == "Failed"


def test_never_published_is_failed_after_72_hours(ses_verification: SesVerification) -> None:
    v1().set_identity_mail_from_domain(Identity="example.com", MailFromDomain="mail.example.com")
    ses_verification.advance(hours=71, minutes=59)
    assert mail_from()["MailFromDomainStatus"] == "Pending"
    ses_verification.advance(minutes=1)
    assert mail_from()["MailFromDomainStatus"] == "Failed"


def test_sending_uses_the_domain_once_verified_and_rejects_or_falls_back_before(
    ses_verification: SesVerification,
) -> None:
    """Developer Guide: with the MAIL FROM domain not verified, UseDefaultValue sends from
    the default (amazonses.com) domain, RejectMessage rejects the send."""
    v1().set_identity_mail_from_domain(Identity="example.com", MailFromDomain="mail.example.com")
    send()
    assert ses_verification.outbox[-1].mail_from_domain == "amazonses.com"
    v1().set_identity_mail_from_domain(
        Identity="example.com",
        MailFromDomain="mail.example.com",
        BehaviorOnMXFailure="RejectMessage",
    )
    with pytest.raises(ClientError) as v1_error:
        send()
    assert v1_error.value.response["Error"]["Code"] == "MailFromDomainNotVerifiedException"
    with pytest.raises(v2().exceptions.MailFromDomainNotVerifiedException):
        v2().send_email(
            FromEmailAddress="app@example.com",
            Destination={"ToAddresses": ["a@example.net"]},
            Content={"Simple": MESSAGE},
        )
    ses_verification.publish_mail_from_records("example.com")
    send()
    assert ses_verification.outbox[-1].mail_from_domain == "mail.example.com"


def test_v2_sets_it_too_and_none_turns_it_off(ses_verification: SesVerification) -> None:
    client = v2()
    client.put_email_identity_mail_from_attributes(
        EmailIdentity="example.com",
        MailFromDomain="bounce.example.com",
        BehaviorOnMxFailure="REJECT_MESSAGE",
    )
    assert mail_from() == {
        "MailFromDomain": "bounce.example.com",
        "MailFromDomainStatus": "Pending",
        "BehaviorOnMXFailure": "RejectMessage",
    }
    client.put_email_identity_mail_from_attributes(EmailIdentity="example.com")
    assert client.get_email_identity(EmailIdentity="example.com")["MailFromAttributes"] == {
        "BehaviorOnMxFailure": "USE_DEFAULT_VALUE"
    }
    assert mail_from() == {"BehaviorOnMXFailure": "UseDefaultValue"}


@pytest.mark.ses_identity("ops@example.org", "Success")
def test_an_address_identity_uses_a_subdomain_of_its_domain() -> None:
    v1().set_identity_mail_from_domain(
        Identity="ops@example.org", MailFromDomain="mail.example.org"
    )
    assert mail_from("ops@example.org")["MailFromDomain"] == "mail.example.org"


@pytest.mark.parametrize("domain", ["example.com", "mail.other.com", "notexample.com"])
def test_the_domain_must_be_a_subdomain_of_the_identitys(domain: str) -> None:
    """Real text, angle brackets and all (a Terraform error quoted in a public .tf file; a
    CloudFormation runbook, which also shows a sibling domain rejected); the identity's
    own domain gets the same text (a third party's measurement)."""
    with pytest.raises(ClientError) as exc:
        v1().set_identity_mail_from_domain(Identity="example.com", MailFromDomain=domain)
    assert exc.value.response["Error"] == {
        "Type": "Sender",
        "Code": "InvalidParameterValue",
        "Message": f"Provided MAIL-FROM domain <{domain}> is not subdomain of the domain of "
        "the identity <example.com>.",
    }
    with pytest.raises(v2().exceptions.BadRequestException):
        v2().put_email_identity_mail_from_attributes(
            EmailIdentity="example.com", MailFromDomain=domain
        )


def test_unknown_identities_and_bad_behaviours_are_refused() -> None:
    """`Identity <X> does not exist.`, v1 InvalidParameterValue and v2 BadRequestException,
    as floci-io/floci#716 probed it with the AWS CLI (an emulator's claim)."""
    with pytest.raises(ClientError) as exc:
        v1().set_identity_mail_from_domain(Identity="other.com", MailFromDomain="m.other.com")
    assert exc.value.response["Error"]["Message"] == "Identity <other.com> does not exist."
    with pytest.raises(v2().exceptions.BadRequestException, match=r"Identity <other\.com>"):
        v2().put_email_identity_mail_from_attributes(EmailIdentity="other.com")
    with pytest.raises(ClientError, match="ValidationError"):
        v1().set_identity_mail_from_domain(
            Identity="example.com",
            MailFromDomain="mail.example.com",
            BehaviorOnMXFailure="Bounce",
        )


def test_the_record_helpers_say_what_to_do(ses_verification: SesVerification) -> None:
    with pytest.raises(UsageError, match="no custom MAIL FROM domain"):
        ses_verification.publish_mail_from_records("example.com")
    with pytest.raises(UsageError, match="not one of 'TXT', 'CNAME', 'MX'"):
        ses_verification.publish_record("example.com", "AAAA", "::1")
    with pytest.raises(UsageError, match="no MX record"):
        ses_verification.remove_record("mail.example.com", "MX", "feedback.example.com")


def test_dns_failure_holds_statuses_until_dns_answers_again(
    ses_verification: SesVerification,
) -> None:
    """Issue 12's DNS_SERVER_ERROR control: while DNS fails, SES keeps what it last saw."""
    v1().set_identity_mail_from_domain(Identity="example.com", MailFromDomain="mail.example.com")
    ses_verification.fail_dns("example.com")
    ses_verification.publish_mail_from_records("example.com")
    assert mail_from()["MailFromDomainStatus"] == "Pending"
    ses_verification.restore_dns("example.com")
    assert mail_from()["MailFromDomainStatus"] == "Success"


@pytest.mark.ses_verification(auto_verify=True)
def test_auto_verify_verifies_mail_from_at_once() -> None:
    v1().set_identity_mail_from_domain(Identity="example.com", MailFromDomain="mail.example.com")
    assert mail_from()["MailFromDomainStatus"] == "Success"


@pytest.mark.parametrize("api", ["v1", "v2"])
def test_setting_a_failed_mail_from_domain_again_restarts_detection(
    ses_verification: SesVerification, api: str
) -> None:
    """Developer Guide, "Using a custom MAIL FROM domain": after a failed setup "you have
    to restart the setup process"; setting the same domain again starts a new 72 hours."""
    v1().set_identity_mail_from_domain(Identity="example.com", MailFromDomain="mail.example.com")
    ses_verification.advance(hours=72)
    assert mail_from()["MailFromDomainStatus"] == "Failed"
    if api == "v1":
        v1().set_identity_mail_from_domain(
            Identity="example.com", MailFromDomain="mail.example.com"
        )
    else:
        v2().put_email_identity_mail_from_attributes(
            EmailIdentity="example.com", MailFromDomain="mail.example.com"
        )
    assert mail_from()["MailFromDomainStatus"] == "Pending"
    ses_verification.publish_mail_from_records("example.com")
    assert mail_from()["MailFromDomainStatus"] == "Success"


def test_a_second_mx_record_at_the_same_instant_is_never_seen_alone(
    ses_verification: SesVerification,
) -> None:
    """Issue 21: DNS states that last no time are never seen. Two MX records published at
    one frozen instant: SES never saw exactly one, so the setup stays Pending."""
    v1().set_identity_mail_from_domain(Identity="example.com", MailFromDomain="mail.example.com")
    ses_verification.publish_mail_from_records("example.com")
    ses_verification.publish_record("mail.example.com", "MX", "10 mx.other.example")
    assert mail_from()["MailFromDomainStatus"] == "Pending"
