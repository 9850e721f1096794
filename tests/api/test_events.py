"""Configuration-set event publishing through real clients: which events a send
produces for each destination, their JSON (the Developer Guide's examples), the test's
open, click and delay helpers, and publishing to moto's SNS and EventBridge."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import boto3
import pytest
from moto import mock_aws

from pytest_ses_verify import Event, SesVerification, UsageError
from pytest_ses_verify.model.event_bodies import EICAR

REGION = "eu-west-1"
SENDER = "app@example.com"
SET = "events"
TOPIC = "arn:aws:sns:eu-west-1:123456789012:ses-events"
BUS = "arn:aws:events:eu-west-1:123456789012:event-bus/default"
HOSE = {
    "IamRoleArn": "arn:aws:iam::123456789012:role/ses-firehose",
    "DeliveryStreamArn": "arn:aws:firehose:eu-west-1:123456789012:deliverystream/ses",
}
ALL = [
    "SEND",
    "REJECT",
    "BOUNCE",
    "COMPLAINT",
    "DELIVERY",
    "OPEN",
    "CLICK",
    "RENDERING_FAILURE",
    "DELIVERY_DELAY",
    "SUBSCRIPTION",
]


def sim(name: str) -> str:
    return f"{name}@simulator.amazonses.com"


def add_destination(
    name: str = "dest",
    types: list[str] | None = None,
    *,
    enabled: bool = True,
    **place: Any,
) -> None:
    """A destination on the set, made as a test would: v2's
    CreateConfigurationSetEventDestination (``place``: its SnsDestination,
    EventBridgeDestination, ...; an SNS topic when none)."""
    definition: dict[str, Any] = {
        "Enabled": enabled,
        "MatchingEventTypes": list(ALL if types is None else types),
    }
    definition |= place or {"SnsDestination": {"TopicArn": TOPIC}}
    boto3.client("sesv2", region_name=REGION).create_configuration_set_event_destination(
        ConfigurationSetName=SET, EventDestinationName=name, EventDestination=definition
    )


@pytest.fixture
def v2(ses_verification: SesVerification) -> Any:
    ses_verification.set_identity("example.com", "Success", region=REGION)
    client = boto3.client("sesv2", region_name=REGION)
    client.create_configuration_set(ConfigurationSetName=SET)
    return client


def send(client: Any, *to: str, html: str | None = None, **extra: Any) -> str:
    body: dict[str, Any] = {"Text": {"Data": "Hello"}}
    if html is not None:
        body["Html"] = {"Data": html}
    answer = client.send_email(
        FromEmailAddress=SENDER,
        Destination={"ToAddresses": list(to)},
        Content={"Simple": {"Subject": {"Data": "Hi"}, "Body": body}},
        ConfigurationSetName=SET,
        **extra,
    )
    return str(answer["MessageId"])


@pytest.mark.parametrize(
    ("recipient", "types"),
    [
        ("success", ["Send", "Delivery"]),
        ("bounce", ["Send", "Bounce"]),
        ("ooto", ["Send", "Delivery"]),
        ("complaint", ["Send", "Delivery", "Complaint"]),
        ("suppressionlist", ["Send", "Bounce"]),
    ],
)
def test_the_mailbox_simulator_decides_the_events(
    v2: Any, ses_verification: SesVerification, recipient: str, types: list[str]
) -> None:
    add_destination()
    message_id = send(v2, sim(recipient))
    found = ses_verification.events
    assert [e.type for e in found] == types
    for event in found:
        assert isinstance(event, Event)
        assert (event.configuration_set, event.destination) == (SET, "dest")
        assert (event.target, event.target_arn, event.region) == ("sns", TOPIC, REGION)
        assert event.message["eventType"] == event.type
        mail = event.message["mail"]
        assert mail["messageId"] == message_id
        assert mail["destination"] == [sim(recipient)]
        assert mail["commonHeaders"]["subject"] == "Hi"
        assert mail["tags"]["ses:configuration-set"] == [SET]
        assert "notificationType" not in event.message
        assert event.published is None
        assert event.skipped is None
    assert found[0].message["send"] == {}


def test_the_records_follow_the_developer_guide(v2: Any, ses_verification: SesVerification) -> None:
    add_destination()
    send(v2, "someone@example.net", EmailTags=[{"Name": "campaign", "Value": "spring"}])
    sent, delivered = (e.message for e in ses_verification.events)
    mail = sent["mail"]
    assert set(mail) == {
        "timestamp",
        "messageId",
        "source",
        "sourceArn",
        "sendingAccountId",
        "destination",
        "headersTruncated",
        "headers",
        "commonHeaders",
        "tags",
    }
    assert mail["sourceArn"] == "arn:aws:ses:eu-west-1:123456789012:identity/example.com"
    assert mail["tags"] == {
        "ses:operation": ["SendEmail"],
        "ses:configuration-set": [SET],
        "ses:source-ip": ["127.0.0.1"],
        "ses:from-domain": ["example.com"],
        "campaign": ["spring"],
        "ses:caller-identity": ["pytest-ses-verify"],
    }
    assert delivered["mail"]["tags"]["ses:outgoing-ip"] == ["127.0.2.0"]
    assert delivered["delivery"]["recipients"] == ["someone@example.net"]
    assert delivered["delivery"]["smtpResponse"] == "250 2.6.0 Message received"


@pytest.mark.botocore_knows(
    "sesv2", "CreateConfigurationSetEventDestination", "EventDestination.EventBridgeDestination"
)
def test_only_enabled_destinations_matching_the_type_take_it(
    v2: Any, ses_verification: SesVerification
) -> None:
    add_destination("bounces", ["BOUNCE"])
    add_destination("off", enabled=False)
    add_destination("bus", ["SEND", "BOUNCE"], EventBridgeDestination={"EventBusArn": BUS})
    send(v2, sim("bounce"))
    assert [(e.type, e.destination, e.target) for e in ses_verification.events] == [
        ("Send", "bus", "eventbridge"),
        ("Bounce", "bounces", "sns"),
        ("Bounce", "bus", "eventbridge"),
    ]


def test_a_send_without_a_set_publishes_no_events(
    v2: Any, ses_verification: SesVerification
) -> None:
    add_destination()
    v2.send_email(
        FromEmailAddress=SENDER,
        Destination={"ToAddresses": [sim("success")]},
        Content={"Simple": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}},
    )
    assert ses_verification.events == []


def test_v1_sends_and_identity_notifications_work_beside_events(
    v2: Any, ses_verification: SesVerification
) -> None:
    add_destination(types=["DELIVERY"])
    ses = boto3.client("ses", region_name=REGION)
    ses.set_identity_notification_topic(
        Identity="example.com", NotificationType="Delivery", SnsTopic=TOPIC
    )
    raw = f"From: {SENDER}\r\nTo: {sim('success')}\r\nSubject: raw\r\n\r\nbody".encode()
    ses.send_raw_email(RawMessage={"Data": raw}, ConfigurationSetName=SET)
    (event,) = ses_verification.events
    (notification,) = ses_verification.notifications
    assert event.message["eventType"] == "Delivery"
    assert notification.message["notificationType"] == "Delivery"
    assert event.message["mail"]["tags"]["ses:operation"] == ["SendRawEmail"]
    assert event.message["mail"]["messageId"] == notification.message["mail"]["messageId"]


def test_templated_sends_and_rendering_failures(v2: Any, ses_verification: SesVerification) -> None:
    add_destination()
    ses = boto3.client("ses", region_name=REGION)
    ses.create_template(
        Template={"TemplateName": "T", "SubjectPart": "Hi {{name}}", "TextPart": "x"}
    )
    common: dict[str, Any] = {"Source": SENDER, "Template": "T", "ConfigurationSetName": SET}
    ses.send_templated_email(
        Destination={"ToAddresses": [sim("success")]}, TemplateData='{"name": "A"}', **common
    )
    failed = ses.send_templated_email(
        Destination={"ToAddresses": [sim("success")]}, TemplateData="{}", **common
    )["MessageId"]
    sent, delivered, failure = ses_verification.events
    assert "sourceArn" not in sent.message["mail"]  # rendered after the Send event
    assert "subject" not in sent.message["mail"]["commonHeaders"]
    assert sent.message["mail"]["tags"]["ses:operation"] == ["SendTemplatedEmail"]
    assert delivered.message["mail"]["commonHeaders"]["subject"] == "Hi A"
    assert failure.type == "Rendering Failure"
    assert failure.message["mail"]["messageId"] == failed
    assert failure.message["mail"]["tags"] == {"ses:configuration-set": [SET]}
    assert failure.message["failure"]["templateName"] == "T"
    assert "name" in failure.message["failure"]["errorMessage"]


def test_a_message_with_a_virus_is_accepted_then_rejected(
    v2: Any, ses_verification: SesVerification
) -> None:
    add_destination()
    message_id = send(v2, sim("success"), html=f"<p>{EICAR.decode()}</p>")
    assert [e.type for e in ses_verification.events] == ["Send", "Reject"]
    assert ses_verification.events[1].message["reject"] == {"reason": "Bad content"}
    assert ses_verification.outbox == []
    with pytest.raises(UsageError, match="rejected"):
        ses_verification.open(message_id)


def test_open_and_click(v2: Any, ses_verification: SesVerification) -> None:
    add_destination("tracking", ["OPEN", "CLICK"])
    html = '<a href="https://example.com/a" ses:tags="campaign:spring;kind:news">a</a>'
    message_id = send(v2, sim("success"), html=html)
    assert ses_verification.events == []
    ses_verification.advance(minutes=5)
    (opened,) = ses_verification.open(message_id, user_agent="Mail/1.0")
    assert opened.message["open"] == {
        "ipAddress": "192.0.2.1",
        "timestamp": opened.message["open"]["timestamp"],
        "userAgent": "Mail/1.0",
    }
    assert opened.at == ses_verification.now
    (clicked,) = ses_verification.click(message_id, "https://example.com/a", ip_address="10.0.0.1")
    body = clicked.message["click"]
    assert body["link"] == "https://example.com/a"
    assert body["linkTags"] == {"campaign": ["spring"], "kind": ["news"]}
    assert body["ipAddress"] == "10.0.0.1"
    assert [e.type for e in ses_verification.events] == ["Open", "Click"]


def test_open_and_click_fail_clearly(v2: Any, ses_verification: SesVerification) -> None:
    add_destination()
    text_only = send(v2, sim("success"))
    html = send(v2, sim("success"), html='<a href="https://example.com/">x</a>')
    bounced = send(v2, sim("bounce"), html="<p>x</p>")
    with pytest.raises(UsageError, match="no send the fake accepted"):
        ses_verification.open("0100-unknown")
    with pytest.raises(UsageError, match="no HTML part"):
        ses_verification.open(text_only)
    with pytest.raises(UsageError, match=r"no link to 'https://other\.example/'"):
        ses_verification.click(html, "https://other.example/")
    with pytest.raises(UsageError, match="none of its recipients received it"):
        ses_verification.open(bounced)
    with pytest.raises(UsageError, match="user_agent must be a non-empty string"):
        ses_verification.open(html, user_agent="")


def test_a_delayed_delivery_follows_the_clock(v2: Any, ses_verification: SesVerification) -> None:
    add_destination()
    ses_verification.delay_delivery("slow@example.net", delay_type="MailboxFull")
    send(v2, "slow@example.net", "fast@example.net")
    assert [e.type for e in ses_verification.events] == ["Send", "Delivery", "DeliveryDelay"]
    delivery, delay = (e.message for e in ses_verification.events[1:])
    assert delivery["delivery"]["recipients"] == ["fast@example.net"]
    body = delay["deliveryDelay"]
    assert body["delayType"] == "MailboxFull"
    assert body["delayedRecipients"][0]["emailAddress"] == "slow@example.net"
    ses_verification.advance(minutes=59)
    assert len(ses_verification.events) == 3
    ses_verification.advance(minutes=1)
    late = ses_verification.events[3]
    assert late.type == "Delivery"
    assert late.message["delivery"]["recipients"] == ["slow@example.net"]
    assert late.message["delivery"]["processingTimeMillis"] == 3_600_000


def test_a_delay_past_the_maximum_delivery_time_bounces(
    v2: Any, ses_verification: SesVerification
) -> None:
    add_destination()
    found = ses_verification._account.configuration_sets.find(REGION, SET)
    assert found is not None
    found.max_delivery_seconds = 600  # temporary: PutConfigurationSetDeliveryOptions
    ses_verification.delay_delivery("slow@example.net", duration=timedelta(hours=2))
    send(v2, "slow@example.net")
    ses_verification.advance(minutes=10)
    bounce = ses_verification.events[-1]
    assert bounce.type == "Bounce"
    assert bounce.message["bounce"]["bounceType"] == "Transient"
    ses_verification.advance(hours=3)
    assert [e.type for e in ses_verification.events] == ["Send", "DeliveryDelay", "Bounce"]


def test_delay_delivery_checks_its_arguments(ses_verification: SesVerification) -> None:
    with pytest.raises(UsageError, match="delay_type must be one of"):
        ses_verification.delay_delivery("a@example.net", delay_type="Slow")
    with pytest.raises(UsageError, match="duration must be a positive"):
        ses_verification.delay_delivery("a@example.net", duration=timedelta(0))
    with pytest.raises(UsageError, match="recipient must be an email address"):
        ses_verification.delay_delivery("nobody")


@pytest.mark.ses_verification(publish_notifications=True)
def test_without_moto_no_event_is_published(v2: Any, ses_verification: SesVerification) -> None:
    add_destination(types=["SEND"])
    send(v2, sim("success"))
    (event,) = ses_verification.events
    assert event.published is None
    assert event.skipped is not None
    assert "mock_aws" in event.skipped


def _queue(sqs: Any, name: str) -> tuple[str, str]:
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    return url, arn


@pytest.mark.botocore_knows(
    "sesv2", "CreateConfigurationSetEventDestination", "EventDestination.EventBridgeDestination"
)
@pytest.mark.ses_verification(publish_notifications=True)
def test_published_to_moto_sns(ses_verification: SesVerification) -> None:
    with mock_aws():
        sns = boto3.client("sns", region_name=REGION)
        sqs = boto3.client("sqs", region_name=REGION)
        topic = sns.create_topic(Name="ses-events")["TopicArn"]
        queue, queue_arn = _queue(sqs, "from-sns")
        sns.subscribe(
            TopicArn=topic,
            Protocol="sqs",
            Endpoint=queue_arn,
            Attributes={"RawMessageDelivery": "true"},
        )
        ses_verification.set_identity("example.com", "Success", region=REGION)
        v2 = boto3.client("sesv2", region_name=REGION)
        v2.create_configuration_set(ConfigurationSetName=SET)
        add_destination("sns", ["BOUNCE"], SnsDestination={"TopicArn": topic})
        add_destination("bus", ["SEND"], EventBridgeDestination={"EventBusArn": BUS})
        add_destination("hose", ["SEND"], KinesisFirehoseDestination=HOSE)
        send(v2, sim("bounce"))
        sent, hose, bounce = ses_verification.events
        assert sent.published  # PutEvents took it (its EventId)
        assert bounce.published
        assert hose.published is None
        assert hose.skipped is not None
        assert "firehose" in hose.skipped
        received = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10)["Messages"]
        assert [json.loads(m["Body"]) for m in received] == [bounce.message]
        assert sns.list_topics()["Topics"] == [{"TopicArn": topic}]


@pytest.mark.botocore_knows(
    "sesv2", "CreateConfigurationSetEventDestination", "EventDestination.EventBridgeDestination"
)
@pytest.mark.ses_verification(publish_notifications=True)
def test_published_to_moto_eventbridge(ses_verification: SesVerification) -> None:
    # moto hands events to a rule's targets through jsonpath-ng (in the test group).
    with mock_aws():
        sqs = boto3.client("sqs", region_name=REGION)
        bridge = boto3.client("events", region_name=REGION)
        queue, queue_arn = _queue(sqs, "from-bus")
        pattern = {"source": ["aws.ses"], "detail-type": ["Email Delivered"]}
        bridge.put_rule(Name="ses", EventPattern=json.dumps(pattern), State="ENABLED")
        bridge.put_targets(Rule="ses", Targets=[{"Id": "q", "Arn": queue_arn}])
        ses_verification.set_identity("example.com", "Success", region=REGION)
        v2 = boto3.client("sesv2", region_name=REGION)
        v2.create_configuration_set(ConfigurationSetName=SET)
        add_destination("bus", ["SEND", "DELIVERY"], EventBridgeDestination={"EventBusArn": BUS})
        send(v2, sim("success"))
        sent, delivered = ses_verification.events
        assert sent.published
        assert delivered.published
        (envelope,) = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10)["Messages"]
        record = json.loads(envelope["Body"])
        assert record["source"] == "aws.ses"
        assert record["detail-type"] == "Email Delivered"
        assert record["detail"] == delivered.message


@pytest.mark.botocore_knows(
    "sesv2", "CreateConfigurationSetEventDestination", "EventDestination.EventBridgeDestination"
)
@pytest.mark.ses_verification(publish_notifications=True)
def test_moto_failing_to_take_an_event_is_skipped_not_raised(
    ses_verification: SesVerification, monkeypatch: pytest.MonkeyPatch
) -> None:
    from moto.events import models

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("no jsonpath")

    with mock_aws():
        monkeypatch.setattr(models.Rule, "send_to_targets", broken)
        bridge = boto3.client("events", region_name=REGION)
        bridge.put_rule(Name="ses", EventPattern=json.dumps({"source": ["aws.ses"]}))
        ses_verification.set_identity("example.com", "Success", region=REGION)
        v2 = boto3.client("sesv2", region_name=REGION)
        v2.create_configuration_set(ConfigurationSetName=SET)
        add_destination("bus", ["SEND"], EventBridgeDestination={"EventBusArn": BUS})
        message_id = send(v2, sim("success"))
        (event,) = ses_verification.events
        assert event.published is None
        assert event.skipped == "not published: moto failed: RuntimeError: no jsonpath"
        response = ses_verification.calls[-1].response
        assert response is not None
        assert response["MessageId"] == message_id


def test_a_destination_made_with_v1_publishes(v2: Any, ses_verification: SesVerification) -> None:
    boto3.client("ses", region_name=REGION).create_configuration_set_event_destination(
        ConfigurationSetName=SET,
        EventDestination={
            "Name": "v1",
            "Enabled": True,
            "MatchingEventTypes": ["send", "delivery"],
            "SNSDestination": {"TopicARN": TOPIC},
        },
    )
    message_id = send(v2, sim("success"))
    found = ses_verification.events
    assert [(e.type, e.destination, e.target_arn) for e in found] == [
        ("Send", "v1", TOPIC),
        ("Delivery", "v1", TOPIC),
    ]
    assert found[1].message["mail"]["messageId"] == message_id


def test_a_v2_destination_left_without_enabled_takes_nothing(
    v2: Any, ses_verification: SesVerification
) -> None:
    v2.create_configuration_set_event_destination(
        ConfigurationSetName=SET,
        EventDestinationName="quiet",
        EventDestination={"MatchingEventTypes": ["SEND"], "SnsDestination": {"TopicArn": TOPIC}},
    )
    (made,) = v2.get_configuration_set_event_destinations(ConfigurationSetName=SET)[
        "EventDestinations"
    ]
    assert made["Enabled"] is False
    send(v2, sim("success"))
    assert ses_verification.events == []


def _newsletter(client: Any) -> None:
    client.create_contact_list(
        ContactListName="news",
        Topics=[
            {"TopicName": "weekly", "DisplayName": "Weekly", "DefaultSubscriptionStatus": "OPT_IN"},
            {"TopicName": "daily", "DisplayName": "Daily", "DefaultSubscriptionStatus": "OPT_OUT"},
        ],
    )


def _status(**topics: str) -> list[dict[str, str]]:
    return [{"topicName": t, "subscriptionStatus": s} for t, s in topics.items()]


def test_an_unsubscribe_through_the_link_is_a_subscription_event(
    v2: Any, ses_verification: SesVerification
) -> None:
    _newsletter(v2)
    add_destination("subs", ["SUBSCRIPTION"])
    add_destination("sends", ["SEND"])
    options = {"ContactListName": "news", "TopicName": "weekly"}
    message_id = send(v2, "ann@example.net", ListManagementOptions=options)
    ses_verification.advance(minutes=3)
    contact = ses_verification.unsubscribe(message_id)
    assert contact.preferences == {"weekly": "OPT_OUT"}
    sent, event = ses_verification.events
    assert sent.type == "Send"
    assert (event.type, event.destination, event.target_arn) == ("Subscription", "subs", TOPIC)
    message = event.message
    assert message["eventType"] == "Subscription"
    assert message["mail"]["messageId"] == message_id
    assert message["mail"]["tags"]["ses:configuration-set"] == [SET]
    assert message["subscription"] == {
        "contactList": "news",
        "timestamp": event.at.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z",
        "source": "UnsubscribeHeader",
        "newTopicPreferences": {
            "unsubscribeAll": False,
            "topicSubscriptionStatus": _status(weekly="OptOut", daily="OptOut"),
        },
        "oldTopicPreferences": {
            "unsubscribeAll": False,
            "topicSubscriptionStatus": _status(weekly="OptIn", daily="OptOut"),
        },
    }
    assert event.at - sent.at >= timedelta(minutes=3)


def test_a_link_without_a_topic_unsubscribes_from_all(
    v2: Any, ses_verification: SesVerification
) -> None:
    _newsletter(v2)
    add_destination(types=["SUBSCRIPTION"])
    send(v2, "ann@example.net", ListManagementOptions={"ContactListName": "news"})
    (sent,) = ses_verification.outbox
    assert sent.list_management is not None
    url = sent.list_management.unsubscribe_url
    assert url is not None
    ses_verification.unsubscribe(url)
    (event,) = ses_verification.events
    body = event.message["subscription"]
    assert body["oldTopicPreferences"]["unsubscribeAll"] is False
    assert body["newTopicPreferences"] == {
        "unsubscribeAll": True,
        "topicSubscriptionStatus": _status(weekly="OptIn", daily="OptOut"),
    }


def test_no_subscription_event_without_a_message_or_a_matching_destination(
    v2: Any, ses_verification: SesVerification
) -> None:
    _newsletter(v2)
    add_destination(types=["SEND", "DELIVERY", "OPEN", "CLICK"])
    message_id = send(v2, "ann@example.net", ListManagementOptions={"ContactListName": "news"})
    before = ses_verification.events
    assert ses_verification.unsubscribe(message_id).unsubscribe_all is True
    ses_verification.unsubscribe("bob@example.net", topic="weekly")  # no message: no event
    assert ses_verification.events == before


def test_a_link_no_recipient_received_cannot_be_followed(
    v2: Any, ses_verification: SesVerification
) -> None:
    _newsletter(v2)
    add_destination(types=["SUBSCRIPTION"])
    options = {"ContactListName": "news", "TopicName": "weekly"}
    message_id = send(v2, sim("bounce"), ListManagementOptions=options)
    with pytest.raises(UsageError, match="none of its recipients received it"):
        ses_verification.unsubscribe(message_id)
    assert ses_verification.events == []


@pytest.mark.ses_verification(publish_notifications=True)
def test_a_subscription_event_is_published_to_moto_sns(ses_verification: SesVerification) -> None:
    with mock_aws():
        sns = boto3.client("sns", region_name=REGION)
        sqs = boto3.client("sqs", region_name=REGION)
        topic = sns.create_topic(Name="ses-subscriptions")["TopicArn"]
        queue, queue_arn = _queue(sqs, "subscriptions")
        sns.subscribe(
            TopicArn=topic,
            Protocol="sqs",
            Endpoint=queue_arn,
            Attributes={"RawMessageDelivery": "true"},
        )
        ses_verification.set_identity("example.com", "Success", region=REGION)
        v2 = boto3.client("sesv2", region_name=REGION)
        v2.create_configuration_set(ConfigurationSetName=SET)
        _newsletter(v2)
        add_destination("sns", ["SUBSCRIPTION"], SnsDestination={"TopicArn": topic})
        options = {"ContactListName": "news", "TopicName": "weekly"}
        message_id = send(v2, "ann@example.net", ListManagementOptions=options)
        ses_verification.unsubscribe(message_id)
        (event,) = ses_verification.events
        assert event.published
        (received,) = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10)["Messages"]
        assert json.loads(received["Body"]) == event.message
        assert event.message["mail"]["messageId"] == message_id


def test_delay_delivery_refuses_an_address_ses_would_not_parse(
    ses_verification: SesVerification,
) -> None:
    with pytest.raises(UsageError, match=r"delay_delivery\(\): recipient 'nope@'"):
        ses_verification.delay_delivery("nope@")
