"""The example application's tests, using pytest-ses-verify."""

from __future__ import annotations

from datetime import timedelta

import pytest
from freezegun import freeze_time
from onboarding import SenderOnboarding

from pytest_ses_verify import SesVerification


@pytest.fixture
def onboarding() -> SenderOnboarding:
    return SenderOnboarding(region="eu-west-1")


def test_domain_is_verified_once_the_customer_publishes_the_record(
    ses_verification: SesVerification, onboarding: SenderOnboarding
) -> None:
    record = onboarding.start_domain("Acme.example")
    assert record.name == "_amazonses.acme.example"
    assert record.type == "TXT"
    assert onboarding.state("acme.example") == "waiting"
    assert not onboarding.can_send_from("billing@acme.example")

    ses_verification.publish_txt_record("acme.example", record.value)

    assert onboarding.state("acme.example") == "verified"
    assert onboarding.can_send_from("billing@acme.example")


def test_a_record_with_a_typo_never_verifies(
    ses_verification: SesVerification, onboarding: SenderOnboarding
) -> None:
    record = onboarding.start_domain("acme.example")
    ses_verification.publish_txt_record("acme.example", record.value.lower())
    ses_verification.advance(hours=72)
    assert onboarding.state("acme.example") == "failed"


@freeze_time("2030-03-01 09:00:00")
def test_address_link_expires_and_the_app_asks_again(
    ses_verification: SesVerification, onboarding: SenderOnboarding
) -> None:
    onboarding.start_address("ops@acme.example")
    [email] = ses_verification.verification_emails
    assert email.expires_at.isoformat() == "2030-03-02T09:00:00+00:00"

    ses_verification.advance(hours=24)
    assert onboarding.state("ops@acme.example") == "failed"

    assert onboarding.retry_failed() == ["ops@acme.example"]
    assert len(ses_verification.verification_emails) == 2
    ses_verification.click_verification_link("ops@acme.example")
    assert onboarding.state("ops@acme.example") == "verified"


@pytest.mark.ses_identity("acme.example", "Success")
def test_any_address_at_a_verified_domain_can_send(onboarding: SenderOnboarding) -> None:
    assert onboarding.can_send_from("anyone@acme.example")
    assert not onboarding.can_send_from("anyone@other.example")


@pytest.mark.ses_identity("acme.example", "Success", region="eu-west-1")
def test_a_vanished_record_needs_attention(
    ses_verification: SesVerification, onboarding: SenderOnboarding
) -> None:
    ses_verification.remove_txt_record("acme.example")
    assert onboarding.state("acme.example") == "needs attention"
    ses_verification.advance(days=3)
    assert onboarding.state("acme.example") == "failed"


@pytest.mark.ses_verification(detection_delay=timedelta(minutes=10))
def test_dns_takes_a_while_to_be_noticed(
    ses_verification: SesVerification, onboarding: SenderOnboarding
) -> None:
    record = onboarding.start_domain("acme.example")
    ses_verification.publish_txt_record("acme.example", record.value)
    assert onboarding.state("acme.example") == "waiting"
    ses_verification.advance(minutes=10)
    assert onboarding.state("acme.example") == "verified"


@pytest.mark.ses_identity("old@acme.example", "Failed")
@pytest.mark.ses_identity("stale.example", "Failed")
@pytest.mark.ses_identity("fine@acme.example", "Success")
def test_retry_asks_again_only_for_failed_identities(
    ses_verification: SesVerification, onboarding: SenderOnboarding
) -> None:
    assert sorted(onboarding.retry_failed()) == ["old@acme.example", "stale.example"]
    assert onboarding.state("old@acme.example") == "waiting"
    assert onboarding.state("stale.example") == "waiting"
    assert onboarding.state("fine@acme.example") == "verified"
    assert [e.address for e in ses_verification.verification_emails] == ["old@acme.example"]


def test_welcome_email_waits_for_the_sender_to_be_verified(
    ses_verification: SesVerification, onboarding: SenderOnboarding
) -> None:
    record = onboarding.start_domain("acme.example")
    assert onboarding.send_welcome("hello@acme.example", "ceo@customer.example") is None
    assert ses_verification.outbox == []

    ses_verification.publish_txt_record("acme.example", record.value)
    message_id = onboarding.send_welcome("hello@acme.example", "ceo@customer.example")

    [sent] = ses_verification.outbox
    assert sent.message_id == message_id
    assert sent.source == "hello@acme.example"
    assert sent.destinations == ["ceo@customer.example"]
    assert sent.subject == "Welcome aboard"


@pytest.mark.usefixtures("ses_verification")
def test_ses_itself_refuses_an_unverified_sender(onboarding: SenderOnboarding) -> None:
    # Even if the app skipped its own check, SES (the fake) would refuse.
    with pytest.raises(onboarding.ses.exceptions.MessageRejected, match="EU-WEST-1"):
        onboarding.ses.send_email(
            Source="hello@acme.example",
            Destination={"ToAddresses": ["ceo@customer.example"]},
            Message={"Subject": {"Data": "x"}, "Body": {"Text": {"Data": "x"}}},
        )


@pytest.mark.ses_verification(auto_verify=True)
def test_when_the_lifecycle_does_not_matter(onboarding: SenderOnboarding) -> None:
    onboarding.start_address("ops@acme.example")
    assert onboarding.can_send_from("ops@acme.example")
