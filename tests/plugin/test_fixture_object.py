"""The fixture's object: links, DNS, presets, the call log, the outbox, the options."""

from __future__ import annotations

import contextlib
import random
from collections import defaultdict
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from mypy_boto3_ses import SESClient

from pytest_ses_verify import SesVerification, UsageError
from pytest_ses_verify._protocol import ses_regions
from pytest_ses_verify.model.lifecycle import STATUSES

from ..conftest import status_of

MakeClient = Callable[..., SESClient]

# -- click_verification_link -------------------------------------------------------


def test_click_in_every_region_that_sent_a_link(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    east, west, south = ses_client("us-east-1"), ses_client("eu-west-1"), ses_client("ap-south-1")
    east.verify_email_identity(EmailAddress="a@example.com")
    west.verify_email_identity(EmailAddress="a@example.com")
    ses_verification.click_verification_link("a@example.com")
    assert status_of(east, "a@example.com") == "Success"
    assert status_of(west, "a@example.com") == "Success"
    assert status_of(south, "a@example.com") is None


def test_click_in_one_region(ses_verification: SesVerification, ses_client: MakeClient) -> None:
    east, west = ses_client("us-east-1"), ses_client("eu-west-1")
    east.verify_email_identity(EmailAddress="a@example.com")
    west.verify_email_identity(EmailAddress="a@example.com")
    ses_verification.click_verification_link("a@example.com", region="eu-west-1")
    assert status_of(east, "a@example.com") == "Pending"
    assert status_of(west, "a@example.com") == "Success"


def test_click_on_an_expired_link_changes_nothing(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    ses = ses_client()
    ses.verify_email_identity(EmailAddress="a@example.com")
    ses_verification.advance(hours=25)
    ses_verification.click_verification_link("a@example.com")
    assert status_of(ses, "a@example.com") == "Failed"
    ses.verify_email_identity(EmailAddress="a@example.com")  # the app asks again
    ses_verification.click_verification_link("a@example.com")
    assert status_of(ses, "a@example.com") == "Success"


def test_click_without_any_email_is_a_clear_error(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    with pytest.raises(UsageError, match=r"No verification email was sent to 'a@example.com'"):
        ses_verification.click_verification_link("a@example.com")
    ses_client("us-east-1").verify_email_identity(EmailAddress="a@example.com")
    with pytest.raises(UsageError, match=r"'a@example.com' in eu-west-1"):
        ses_verification.click_verification_link("a@example.com", region="eu-west-1")
    with pytest.raises(UsageError, match="publish_txt_record"):
        ses_verification.click_verification_link("example.com")
    with pytest.raises(UsageError, match="neither an email address"):
        ses_verification.click_verification_link("not an address")


def test_click_after_the_identity_was_deleted_does_nothing(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    ses = ses_client()
    ses.verify_email_identity(EmailAddress="a@example.com")
    ses.delete_identity(Identity="a@example.com")
    ses_verification.click_verification_link("a@example.com")
    assert status_of(ses, "a@example.com") is None


# -- DNS ---------------------------------------------------------------------------


def test_publish_without_value_covers_every_region_where_the_domain_is_an_identity(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    east, west = ses_client("us-east-1"), ses_client("eu-west-1")
    east.verify_domain_identity(Domain="example.com")
    west.verify_domain_identity(Domain="example.com")
    ses_verification.publish_txt_record("EXAMPLE.com")
    assert status_of(east, "example.com") == "Success"
    assert status_of(west, "example.com") == "Success"


def test_publish_an_explicit_value_counts_only_if_it_is_the_token(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    east, west = ses_client("us-east-1"), ses_client("eu-west-1")
    token = east.verify_domain_identity(Domain="example.com")["VerificationToken"]
    west.verify_domain_identity(Domain="example.com")
    ses_verification.publish_txt_record("example.com", token.lower())
    assert status_of(east, "example.com") == "Pending"
    ses_verification.publish_txt_record("example.com", token)
    assert status_of(east, "example.com") == "Success"
    assert status_of(west, "example.com") == "Pending"


def test_a_record_published_before_the_request_is_found(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    from pytest_ses_verify.model.ids import derived_token

    ses_verification.publish_txt_record("example.com", derived_token("us-east-1", "example.com"))
    ses = ses_client()
    ses.verify_domain_identity(Domain="example.com")
    assert status_of(ses, "example.com") == "Success"


def test_removing_the_record_of_a_verified_domain(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    ses = ses_client()
    ses.verify_domain_identity(Domain="example.com")
    ses_verification.publish_txt_record("example.com")
    ses_verification.remove_txt_record("example.com")
    assert status_of(ses, "example.com") == "TemporaryFailure"
    ses_verification.advance(hours=71)
    ses_verification.publish_txt_record("example.com")
    assert status_of(ses, "example.com") == "Success"
    ses_verification.remove_txt_record("example.com")
    ses_verification.advance(hours=72)
    assert status_of(ses, "example.com") == "Failed"


def test_dns_errors_say_what_to_do(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    with pytest.raises(UsageError, match="not a domain identity in any region"):
        ses_verification.publish_txt_record("example.com")
    with pytest.raises(UsageError, match="is an email address, not a domain"):
        ses_verification.publish_txt_record("a@example.com", "x")
    with pytest.raises(UsageError, match="value must be a non-empty string"):
        ses_verification.publish_txt_record("example.com", "")
    ses_client().verify_domain_identity(Domain="example.com")
    with pytest.raises(UsageError, match=r"no such TXT record at _amazonses.example.com.*none"):
        ses_verification.remove_txt_record("example.com")
    ses_verification.publish_txt_record("example.com", "other")
    with pytest.raises(UsageError, match=r"in DNS now: 'other'"):
        ses_verification.remove_txt_record("example.com", "missing")


@pytest.mark.ses_verification(detection_delay=timedelta(minutes=15))
def test_detection_delay_option(ses_verification: SesVerification, ses_client: MakeClient) -> None:
    ses = ses_client()
    ses.verify_domain_identity(Domain="example.com")
    ses_verification.publish_txt_record("example.com")
    ses_verification.advance(minutes=14)
    assert status_of(ses, "example.com") == "Pending"
    ses_verification.advance(minutes=1)
    assert status_of(ses, "example.com") == "Success"


# -- set_identity --------------------------------------------------------------------


@pytest.mark.parametrize("status", STATUSES)
def test_set_identity_every_status(
    ses_verification: SesVerification, ses_client: MakeClient, status: str
) -> None:
    ses = ses_client("eu-west-1")
    ses_verification.set_identity("a@example.com", status, region="eu-west-1")  # type: ignore[arg-type]
    ses_verification.set_identity("example.com", status, region="eu-west-1")  # type: ignore[arg-type]
    assert status_of(ses, "a@example.com") == status
    assert status_of(ses, "example.com") == status
    assert status_of(ses_client("us-east-1"), "a@example.com") is None


def test_set_identity_without_region_is_in_every_region(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    ses_verification.set_identity("example.com", "Success")
    for region in ("us-east-1", "eu-central-1", "cn-north-1", "made-up-1"):
        assert status_of(ses_client(region), "example.com") == "Success", region
    ses_verification.remove_txt_record("example.com")
    assert status_of(ses_client("eu-central-1"), "example.com") == "TemporaryFailure"
    assert len(ses_regions()) > 10


def test_set_identity_token_and_errors(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    ses_verification.set_identity("example.com", "Pending", region="us-east-1", token="TOKEN=")
    attributes = ses_client().get_identity_verification_attributes(Identities=["example.com"])
    assert attributes["VerificationAttributes"]["example.com"]["VerificationToken"] == "TOKEN="
    with pytest.raises(UsageError, match=r"status 'Verified' is not one of 'Pending', 'Success'"):
        ses_verification.set_identity("example.com", "Verified")  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="token is for domain identities"):
        ses_verification.set_identity("a@example.com", "Pending", token="x")
    with pytest.raises(UsageError, match="neither an email address"):
        ses_verification.set_identity("no pe", "Pending")
    with pytest.raises(UsageError, match="region must be a non-empty string"):
        ses_verification.set_identity("a@example.com", "Pending", region=1)  # type: ignore[arg-type]


def test_preset_pending_address_can_be_clicked(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    ses_verification.set_identity("a@example.com")
    ses_verification.click_verification_link("a@example.com")
    assert status_of(ses_client("sa-east-1"), "a@example.com") == "Success"
    assert ses_verification.verification_emails == []  # presets send no email


# -- calls and verification_emails ---------------------------------------------------


def test_calls_record_params_response_and_error(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    ses = ses_client("eu-west-1")
    identities = ["a@example.com"]
    ses.get_identity_verification_attributes(Identities=identities)
    identities.append("mutated-after-the-call@example.com")
    with contextlib.suppress(ses.exceptions.ClientError):
        ses.verify_email_identity(EmailAddress="bad")
    first, second = ses_verification.calls
    assert first.operation == "GetIdentityVerificationAttributes"
    assert first.region == "eu-west-1"
    assert first.params == {"Identities": ["a@example.com"]}
    assert first.response is not None
    assert first.response["VerificationAttributes"] == {}
    assert first.error is None
    assert second.operation == "VerifyEmailIdentity"
    assert second.response is None
    assert second.error == {
        "Type": "Sender",
        "Code": "InvalidParameterValue",
        "Message": "Invalid email address<bad>.",
    }


def test_calls_and_emails_are_snapshots(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    calls = ses_verification.calls
    emails = ses_verification.verification_emails
    ses_client().verify_email_identity(EmailAddress="a@example.com")
    assert calls == []
    assert emails == []
    assert len(ses_verification.calls) == 1
    assert len(ses_verification.verification_emails) == 1


# -- options -------------------------------------------------------------------------


@pytest.mark.ses_verification(auto_verify=True)
def test_auto_verify(ses_verification: SesVerification, ses_client: MakeClient) -> None:
    ses = ses_client()
    ses.verify_email_identity(EmailAddress="a@example.com")
    ses.verify_domain_identity(Domain="example.com")
    assert status_of(ses, "a@example.com") == "Success"
    assert status_of(ses, "example.com") == "Success"
    assert ses.list_verified_email_addresses()["VerifiedEmailAddresses"] == ["a@example.com"]
    assert len(ses_verification.verification_emails) == 1
    # The lifecycle still runs afterwards.
    ses_verification.remove_txt_record("example.com")
    assert status_of(ses, "example.com") == "TemporaryFailure"


def test_constructor_rejects_bad_options() -> None:
    with pytest.raises(UsageError, match="auto_verify must be True or False"):
        SesVerification(auto_verify="yes")  # type: ignore[arg-type]
    with pytest.raises(UsageError, match=r"detection_delay must be a datetime\.timedelta"):
        SesVerification(detection_delay=timedelta(seconds=-1))
    with pytest.raises(UsageError, match="unsupported must be one of 'error', 'passthrough'"):
        SesVerification(unsupported="ignore")  # type: ignore[arg-type]


def test_options_checked_once_are_still_told_apart_from_equal_values() -> None:
    """Checked options are remembered, by value and type: True is not 1, a quota of
    (True, 5) is not (1, 5)."""
    SesVerification(auto_verify=True, send_quota=(1, 5))
    with pytest.raises(UsageError, match="auto_verify must be True or False, not 1"):
        SesVerification(auto_verify=1)  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="send_quota must be"):
        SesVerification(auto_verify=True, send_quota=(True, 5))
    with pytest.raises(UsageError, match="send_quota must be"):
        SesVerification(send_quota=[0, 5])  # type: ignore[arg-type]


def test_every_region_presets_reach_a_region_first_named_by_set_identity(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    ses_verification.set_identity("everywhere.example", "Success")
    ses_verification.set_identity("a@example.com", region="made-up-2")
    assert status_of(ses_client("made-up-2"), "everywhere.example") == "Success"


def test_usable_as_a_context_manager_outside_the_fixture() -> None:
    import boto3
    from botocore.exceptions import NoCredentialsError

    from pytest_ses_verify import UnsupportedOperationError

    with SesVerification(auto_verify=True) as fake:
        ses = boto3.client("ses", region_name="us-east-1")
        ses.verify_email_identity(EmailAddress="a@example.com")
        assert ses.list_verified_email_addresses()["VerifiedEmailAddresses"] == ["a@example.com"]
    assert fake.calls[-1].operation == "ListVerifiedEmailAddresses"
    wanted = "does not implement: SES operation ListReceiptRuleSets"
    outer = pytest.raises(AssertionError, match=wanted)
    with outer, SesVerification(), pytest.raises(UnsupportedOperationError):
        ses.list_receipt_rule_sets()
    with pytest.raises(NoCredentialsError):  # inactive again: botocore's own path
        ses.list_identities()


# -- Nothing stored is shared with the caller; nothing outlives the test -------------------


def test_v2_tags_are_copies(ses_verification: SesVerification) -> None:
    v2 = boto3.client("sesv2", region_name="us-east-1")
    tags = [{"Key": "team", "Value": "mail"}]
    v2.create_email_identity(EmailIdentity="example.com", Tags=tags)
    tags[0]["Value"] = "changed by the caller"
    answer = v2.get_email_identity(EmailIdentity="example.com")
    assert answer["Tags"] == [{"Key": "team", "Value": "mail"}]
    answer["Tags"][0]["Value"] = "changed in a response"
    again = v2.get_email_identity(EmailIdentity="example.com")
    assert again["Tags"] == [{"Key": "team", "Value": "mail"}]


@pytest.mark.ses_identity("example.com", "Success")
def test_call_params_are_copies_of_dict_subclasses(ses_verification: SesVerification) -> None:
    destination: defaultdict[str, list[str]] = defaultdict(list)
    destination["ToAddresses"].append("a@example.net")
    ses = boto3.client("ses", region_name="us-east-1")
    message: Any = {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}
    subclassed: Any = destination  # a defaultdict where the stubs say a TypedDict
    ses.send_email(Source="app@example.com", Destination=subclassed, Message=message)
    destination["ToAddresses"].append("later@example.net")
    recorded = ses_verification.calls[-1].params["Destination"]
    assert recorded == {"ToAddresses": ["a@example.net"]}
    assert type(recorded) is dict


def test_request_ids_leave_the_global_random_state_alone(
    ses_verification: SesVerification,
) -> None:
    ses = boto3.client("ses", region_name="us-east-1")
    random.seed(7)
    expected = random.random()
    random.seed(7)
    first = ses.list_identities()["ResponseMetadata"]["RequestId"]
    assert random.random() == expected
    random.seed(7)
    second = ses.list_identities()["ResponseMetadata"]["RequestId"]
    assert first != second


def test_hostile_identities_are_not_kept_after_the_test() -> None:
    from pytest_ses_verify.model.identities import kind_of

    huge = "a" * 10_000_000 + "@example.com"
    with SesVerification():
        ses = boto3.client("ses", region_name="us-east-1")
        with pytest.raises(ClientError, match="InvalidParameterValue"):
            ses.get_identity_verification_attributes(Identities=[huge])
        assert kind_of.cache_info().currsize > 0
    assert kind_of.cache_info().currsize == 0  # the memo went with the fake


@pytest.mark.ses_identity(
    "example.com", "Success", region="us-east-1", dkim="Pending", mail_from="mail.example.com"
)
def test_presets_set_up_dkim_and_mail_from(ses_verification: SesVerification) -> None:
    v2 = boto3.client("sesv2", region_name="us-east-1")
    identity = v2.get_email_identity(EmailIdentity="example.com")
    assert identity["DkimAttributes"]["Status"] == "PENDING"
    assert identity["MailFromAttributes"]["MailFromDomainStatus"] == "SUCCESS"
    ses_verification.remove_mail_from_records("example.com")  # a preset in one region: in DNS
    identity = v2.get_email_identity(EmailIdentity="example.com")
    assert identity["MailFromAttributes"]["MailFromDomainStatus"] == "TEMPORARY_FAILURE"
    ses_verification.publish_dkim_records("example.com")
    assert v2.get_email_identity(EmailIdentity="example.com")["DkimAttributes"]["Status"] == (
        "SUCCESS"
    )
    ses_verification.set_identity("other.example", "Success", dkim="Failed", region="us-east-1")
    assert v2.get_email_identity(EmailIdentity="other.example")["DkimAttributes"]["Status"] == (
        "FAILED"
    )


def test_preset_arguments_are_checked(ses_verification: SesVerification) -> None:
    with pytest.raises(UsageError, match="dkim is for domain identities"):
        ses_verification.set_identity("a@example.com", "Success", dkim="Success")
    with pytest.raises(UsageError, match=r"not a subdomain of 'example\.com'"):
        ses_verification.set_identity("example.com", "Success", mail_from="example.org")
    with pytest.raises(UsageError, match=r"\(dkim\): status 'On'"):
        ses_verification.set_identity(
            "example.com",
            "Success",
            dkim="On",  # type: ignore[arg-type]
        )


def test_an_ended_fake_stays_ended() -> None:
    """Issue 22: changing an ended fake is refused (advance() used to start a freeze that
    nothing stopped); its records can still be read; it cannot be entered again."""
    with SesVerification() as fake:
        fake.set_identity("example.com", "Success")
    changes: list[Callable[[], object]] = [
        lambda: fake.advance(hours=1),
        lambda: fake.set_identity("example.com", "Success"),
        lambda: fake.fail_next("SendEmail", "Throttling"),
        lambda: fake.respond("ListReceiptRuleSets", {}),
        lambda: fake.publish_txt_record("example.com"),
    ]
    for change in changes:
        with pytest.raises(UsageError, match="this SesVerification has ended"):
            change()
    assert fake.outbox == []
    with pytest.raises(UsageError, match="stays ended"), fake:
        pass
