"""Feedback notifications through real clients: the mailbox simulator's outcomes, the
identity's topics and headers setting, statistics, and publishing to moto's SNS."""

from __future__ import annotations

import json

import boto3
import pytest
from moto import mock_aws

from pytest_ses_verify import SesVerification

SENDER = "app@example.com"
TOPIC = "arn:aws:sns:eu-west-1:123456789012:ses-feedback"


def sim(name: str) -> str:
    return f"{name}@simulator.amazonses.com"


@pytest.fixture
def ses(ses_verification: SesVerification) -> object:
    ses_verification.set_identity("example.com", "Success")
    client = boto3.client("ses", region_name="eu-west-1")
    for kind in ("Bounce", "Complaint", "Delivery"):
        client.set_identity_notification_topic(
            Identity="example.com", NotificationType=kind, SnsTopic=TOPIC
        )
    return client


def send(client: object, *to: str) -> str:
    answer = client.send_email(  # type: ignore[attr-defined]
        Source=SENDER,
        Destination={"ToAddresses": list(to)},
        Message={"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}},
    )
    return str(answer["MessageId"])


@pytest.mark.parametrize(
    ("recipient", "types"),
    [
        ("success", ["Delivery"]),
        ("bounce", ["Bounce"]),
        ("ooto", ["Delivery"]),
        ("complaint", ["Delivery", "Complaint"]),
        ("suppressionlist", ["Bounce"]),
    ],
)
def test_the_mailbox_simulator_decides_the_notifications(
    ses: object, ses_verification: SesVerification, recipient: str, types: list[str]
) -> None:
    message_id = send(ses, sim(recipient))
    found = ses_verification.notifications
    assert [n.type for n in found] == types
    for notification in found:
        assert notification.topic_arn == TOPIC
        assert notification.region == "eu-west-1"
        assert notification.message["notificationType"] == notification.type
        mail = notification.message["mail"]
        assert mail["messageId"] == message_id
        assert mail["source"] == SENDER
        assert mail["destination"] == [sim(recipient)]
        assert mail["sourceArn"] == "arn:aws:ses:eu-west-1:123456789012:identity/example.com"
        assert "headers" not in mail
        assert notification.published is None
        assert notification.skipped is None


def test_bounce_types(ses: object, ses_verification: SesVerification) -> None:
    send(ses, sim("bounce"), sim("suppressionlist+a"))
    general, suppressed = (n.message["bounce"] for n in ses_verification.notifications)
    assert (general["bounceType"], general["bounceSubType"]) == ("Permanent", "General")
    assert general["bouncedRecipients"][0]["emailAddress"] == sim("bounce")
    assert (suppressed["bounceType"], suppressed["bounceSubType"]) == ("Permanent", "Suppressed")
    assert suppressed["bouncedRecipients"][0]["emailAddress"] == sim("suppressionlist+a")


def test_headers_when_enabled(ses: object, ses_verification: SesVerification) -> None:
    ses.set_identity_headers_in_notifications_enabled(  # type: ignore[attr-defined]
        Identity="example.com", NotificationType="Delivery", Enabled=True
    )
    send(ses, sim("success"))
    (delivery,) = ses_verification.notifications
    mail = delivery.message["mail"]
    assert mail["headersTruncated"] is False
    assert {"name": "Subject", "value": "Hi"} in mail["headers"]
    assert mail["commonHeaders"]["subject"] == "Hi"
    assert mail["commonHeaders"]["to"] == [sim("success")]
    assert delivery.message["delivery"]["recipients"] == [sim("success")]


def test_no_topic_no_notification(ses_verification: SesVerification) -> None:
    ses_verification.set_identity("example.com", "Success")
    sesv2 = boto3.client("sesv2", region_name="eu-west-1")
    sesv2.send_email(
        FromEmailAddress=SENDER,
        Destination={"ToAddresses": [sim("bounce")]},
        Content={"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "x"}}}},
    )
    assert ses_verification.notifications == []


def test_statistics_count_bounces_and_complaints(
    ses: object, ses_verification: SesVerification
) -> None:
    send(ses, sim("bounce"), sim("complaint"), sim("success"))
    (point,) = ses.get_send_statistics()["SendDataPoints"]  # type: ignore[attr-defined]
    assert point["DeliveryAttempts"] == 3
    assert point["Bounces"] == 1
    assert point["Complaints"] == 1


@pytest.mark.ses_verification(publish_notifications=True)
def test_without_moto_nothing_is_published(ses: object, ses_verification: SesVerification) -> None:
    send(ses, sim("success"))
    (delivery,) = ses_verification.notifications
    assert delivery.published is None
    assert delivery.skipped is not None
    assert "mock_aws" in delivery.skipped


@pytest.mark.ses_verification(publish_notifications=True)
def test_published_to_moto_sns_and_sqs(ses_verification: SesVerification) -> None:
    with mock_aws():
        sns = boto3.client("sns", region_name="eu-west-1")
        sqs = boto3.client("sqs", region_name="eu-west-1")
        topic = sns.create_topic(Name="ses-feedback")["TopicArn"]
        queue = sqs.create_queue(QueueName="feedback")["QueueUrl"]
        queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])[
            "Attributes"
        ]["QueueArn"]
        sns.subscribe(
            TopicArn=topic,
            Protocol="sqs",
            Endpoint=queue_arn,
            Attributes={"RawMessageDelivery": "true"},
        )
        ses_verification.set_identity("example.com", "Success")
        ses = boto3.client("ses", region_name="eu-west-1")
        ses.set_identity_notification_topic(
            Identity="example.com", NotificationType="Bounce", SnsTopic=topic
        )
        send(ses, sim("bounce"))
        (bounce,) = ses_verification.notifications
        assert bounce.published
        assert bounce.skipped is None
        received = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10)["Messages"]
        assert [json.loads(m["Body"]) for m in received] == [bounce.message]


@pytest.mark.ses_verification(publish_notifications=True)
def test_a_topic_with_a_malformed_region_is_skipped_not_raised(
    ses_verification: SesVerification,
) -> None:
    """Issue 22: botocore refused the topic's region (InvalidRegionError) after the
    message was in the outbox, and the call was missing from ``calls``."""
    with mock_aws():
        ses_verification.set_identity("example.com", "Success")
        ses = boto3.client("ses", region_name="eu-west-1")
        ses.set_identity_notification_topic(
            Identity="example.com",
            NotificationType="Delivery",
            SnsTopic="arn:aws:sns:not a region!:123456789012:t",
        )
        send(ses, "someone@example.net")
        (delivery,) = ses_verification.notifications
        assert delivery.published is None
        assert delivery.skipped is not None
        assert delivery.skipped.startswith("not published:")
        assert ses_verification.calls[-1].operation == "SendEmail"
        assert ses_verification.calls[-1].response is not None
