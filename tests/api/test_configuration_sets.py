"""Configuration sets' options and event destinations through real v1 and v2 clients, on
one store: what one API sets, the other reads. Every answer is checked against botocore's
output shape; each test's docstring names its evidence (the README's behaviour table),
or "chosen"."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from mypy_boto3_ses import SESClient

from pytest_ses_verify import SesVerification

from ..conftest import assert_valid_output, botocore_lacks

ACCOUNT = "123456789012"
TOPIC = f"arn:aws:sns:us-east-1:{ACCOUNT}:ses-events"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/ses-firehose"
STREAM = f"arn:aws:firehose:us-east-1:{ACCOUNT}:deliverystream/ses"
BUS = f"arn:aws:events:us-east-1:{ACCOUNT}:event-bus/default"
MESSAGE: Any = {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}

pytestmark = [
    pytest.mark.ses_identity("example.com", "Success"),
    pytest.mark.ses_identity("track.example.com", "Success"),
]


def v1() -> SESClient:
    return boto3.client("ses", region_name="us-east-1")


def v2() -> Any:
    return boto3.client("sesv2", region_name="us-east-1")


def error_of(exc: pytest.ExceptionInfo[ClientError]) -> tuple[str, str, int]:
    response = exc.value.response
    return (
        response["Error"]["Code"],
        response["Error"]["Message"],
        response["ResponseMetadata"]["HTTPStatusCode"],
    )


def describe(client: SESClient, name: str = "s") -> Any:
    described = client.describe_configuration_set(
        ConfigurationSetName=name,
        ConfigurationSetAttributeNames=[
            "eventDestinations",
            "trackingOptions",
            "deliveryOptions",
            "reputationOptions",
        ],
    )
    assert_valid_output(client, "DescribeConfigurationSet", described)
    return described


def destinations_v2(client: Any, name: str = "s") -> list[Any]:
    got = client.get_configuration_set_event_destinations(ConfigurationSetName=name)
    assert_valid_output(client, "GetConfigurationSetEventDestinations", got)
    return list(got["EventDestinations"])


# -- event destinations --------------------------------------------------------------------


def test_v1_event_destinations_are_read_by_both_apis() -> None:
    """doc (v1 and v2 shapes, Enabled's default false); chosen (creation order, the event
    types in the order given)."""
    ses, client = v1(), v2()
    ses.create_configuration_set(ConfigurationSet={"Name": "s"})
    created = ses.create_configuration_set_event_destination(
        ConfigurationSetName="s",
        EventDestination={
            "Name": "topic",
            "Enabled": True,
            "MatchingEventTypes": ["send", "renderingFailure", "bounce"],
            "SNSDestination": {"TopicARN": TOPIC},
        },
    )
    assert_valid_output(ses, "CreateConfigurationSetEventDestination", created)
    ses.create_configuration_set_event_destination(
        ConfigurationSetName="s",
        EventDestination={
            "Name": "metrics",
            "MatchingEventTypes": ["open", "click"],
            "CloudWatchDestination": {
                "DimensionConfigurations": [
                    {
                        "DimensionName": "campaign",
                        "DimensionValueSource": "messageTag",
                        "DefaultDimensionValue": "none",
                    }
                ]
            },
        },
    )
    ses.create_configuration_set_event_destination(
        ConfigurationSetName="s",
        EventDestination={
            "Name": "stream",
            "Enabled": True,
            "MatchingEventTypes": ["delivery"],
            "KinesisFirehoseDestination": {"IAMRoleARN": ROLE, "DeliveryStreamARN": STREAM},
        },
    )
    assert describe(ses)["EventDestinations"] == [
        {
            "Name": "topic",
            "Enabled": True,
            "MatchingEventTypes": ["send", "renderingFailure", "bounce"],
            "SNSDestination": {"TopicARN": TOPIC},
        },
        {
            "Name": "metrics",
            "Enabled": False,
            "MatchingEventTypes": ["open", "click"],
            "CloudWatchDestination": {
                "DimensionConfigurations": [
                    {
                        "DimensionName": "campaign",
                        "DimensionValueSource": "messageTag",
                        "DefaultDimensionValue": "none",
                    }
                ]
            },
        },
        {
            "Name": "stream",
            "Enabled": True,
            "MatchingEventTypes": ["delivery"],
            "KinesisFirehoseDestination": {"IAMRoleARN": ROLE, "DeliveryStreamARN": STREAM},
        },
    ]
    assert destinations_v2(client) == [
        {
            "Name": "topic",
            "Enabled": True,
            "MatchingEventTypes": ["SEND", "RENDERING_FAILURE", "BOUNCE"],
            "SnsDestination": {"TopicArn": TOPIC},
        },
        {
            "Name": "metrics",
            "Enabled": False,
            "MatchingEventTypes": ["OPEN", "CLICK"],
            "CloudWatchDestination": {
                "DimensionConfigurations": [
                    {
                        "DimensionName": "campaign",
                        "DimensionValueSource": "MESSAGE_TAG",
                        "DefaultDimensionValue": "none",
                    }
                ]
            },
        },
        {
            "Name": "stream",
            "Enabled": True,
            "MatchingEventTypes": ["DELIVERY"],
            "KinesisFirehoseDestination": {"IamRoleArn": ROLE, "DeliveryStreamArn": STREAM},
        },
    ]


def test_v2_event_destinations_are_updated_deleted_and_seen_by_v1() -> None:
    """doc (v2 event types and places); chosen (v1 leaves out what it cannot name: the
    EventBridge place, DELIVERY_DELAY and SUBSCRIPTION)."""
    ses, client = v1(), v2()
    client.create_configuration_set(ConfigurationSetName="s")
    bus_place = "EventDestination.EventBridgeDestination"
    if botocore_lacks("sesv2", "CreateConfigurationSetEventDestination", bus_place) is None:
        client.create_configuration_set_event_destination(
            ConfigurationSetName="s",
            EventDestinationName="bus",
            EventDestination={
                "Enabled": True,
                "MatchingEventTypes": ["DELIVERY_DELAY", "BOUNCE"],
                "EventBridgeDestination": {"EventBusArn": BUS},
            },
        )
        assert describe(ses)["EventDestinations"] == [
            {"Name": "bus", "Enabled": True, "MatchingEventTypes": ["bounce"]}
        ]
        client.delete_configuration_set_event_destination(
            ConfigurationSetName="s", EventDestinationName="bus"
        )
    created = client.create_configuration_set_event_destination(
        ConfigurationSetName="s",
        EventDestinationName="topic",
        EventDestination={"MatchingEventTypes": ["SEND"], "SnsDestination": {"TopicArn": TOPIC}},
    )
    assert_valid_output(client, "CreateConfigurationSetEventDestination", created)
    updated = client.update_configuration_set_event_destination(
        ConfigurationSetName="s",
        EventDestinationName="topic",
        EventDestination={
            "Enabled": True,
            "MatchingEventTypes": ["COMPLAINT"],
            "SnsDestination": {"TopicArn": TOPIC},
        },
    )
    assert_valid_output(client, "UpdateConfigurationSetEventDestination", updated)
    assert destinations_v2(client) == [
        {
            "Name": "topic",
            "Enabled": True,
            "MatchingEventTypes": ["COMPLAINT"],
            "SnsDestination": {"TopicArn": TOPIC},
        }
    ]
    ses.update_configuration_set_event_destination(
        ConfigurationSetName="s",
        EventDestination={
            "Name": "topic",
            "MatchingEventTypes": ["open"],
            "SNSDestination": {"TopicARN": TOPIC},
        },
    )
    assert destinations_v2(client)[0]["MatchingEventTypes"] == ["OPEN"]
    deleted = ses.delete_configuration_set_event_destination(
        ConfigurationSetName="s", EventDestinationName="topic"
    )
    assert_valid_output(ses, "DeleteConfigurationSetEventDestination", deleted)
    assert destinations_v2(client) == []
    assert describe(ses)["EventDestinations"] == []


def test_event_destination_errors_in_each_api() -> None:
    """real (v1 missing set and missing destination: LocalStack's snapshot); doc (codes);
    emulator (v2 texts: floci)."""
    ses, client = v1(), v2()
    ses.create_configuration_set(ConfigurationSet={"Name": "s"})
    topic: Any = {
        "Name": "d",
        "MatchingEventTypes": ["send"],
        "SNSDestination": {"TopicARN": TOPIC},
    }
    with pytest.raises(ses.exceptions.ConfigurationSetDoesNotExistException) as no_set:
        ses.create_configuration_set_event_destination(
            ConfigurationSetName="nope", EventDestination=topic
        )
    assert error_of(no_set) == (
        "ConfigurationSetDoesNotExist",
        "Configuration set <nope> does not exist.",
        400,
    )
    ses.create_configuration_set_event_destination(ConfigurationSetName="s", EventDestination=topic)
    with pytest.raises(ses.exceptions.EventDestinationAlreadyExistsException) as twice:
        ses.create_configuration_set_event_destination(
            ConfigurationSetName="s", EventDestination=topic
        )
    assert error_of(twice)[0] == "EventDestinationAlreadyExists"
    with pytest.raises(ses.exceptions.EventDestinationDoesNotExistException) as v1_missing:
        ses.delete_configuration_set_event_destination(
            ConfigurationSetName="s", EventDestinationName="other"
        )
    assert error_of(v1_missing) == (
        "EventDestinationDoesNotExist",
        "No EventDestination found for s",
        400,
    )
    bad: Any = {**topic, "Name": "e", "SNSDestination": {"TopicARN": "topic"}}
    with pytest.raises(ses.exceptions.InvalidSNSDestinationException) as bad_topic:
        ses.create_configuration_set_event_destination(
            ConfigurationSetName="s", EventDestination=bad
        )
    assert error_of(bad_topic) == ("InvalidSNSDestination", "SNS topic <topic> not found.", 400)
    no_destination: Any = {"Name": "e", "MatchingEventTypes": ["send"]}
    with pytest.raises(ClientError) as no_place:
        ses.create_configuration_set_event_destination(
            ConfigurationSetName="s", EventDestination=no_destination
        )
    assert error_of(no_place) == (
        "InvalidParameterValue",
        "Event destination is not provided.",
        400,
    )
    unknown_type: Any = {**topic, "Name": "e", "MatchingEventTypes": ["deliveryDelay"]}
    with pytest.raises(ClientError) as v1_unknown:
        ses.create_configuration_set_event_destination(
            ConfigurationSetName="s", EventDestination=unknown_type
        )
    assert error_of(v1_unknown)[:2] == (
        "InvalidParameterValue",
        "Invalid event type: deliveryDelay.",
    )
    with pytest.raises(client.exceptions.AlreadyExistsException):
        client.create_configuration_set_event_destination(
            ConfigurationSetName="s",
            EventDestinationName="d",
            EventDestination={
                "MatchingEventTypes": ["SEND"],
                "SnsDestination": {"TopicArn": TOPIC},
            },
        )
    with pytest.raises(client.exceptions.NotFoundException) as v2_missing:
        client.delete_configuration_set_event_destination(
            ConfigurationSetName="s", EventDestinationName="other"
        )
    assert error_of(v2_missing) == (
        "NotFoundException",
        "An event destination with name <other> does not exist for configuration set <s>.",
        404,
    )
    with pytest.raises(client.exceptions.NotFoundException):
        client.get_configuration_set_event_destinations(ConfigurationSetName="nope")
    with pytest.raises(client.exceptions.BadRequestException) as no_types:
        client.create_configuration_set_event_destination(
            ConfigurationSetName="s",
            EventDestinationName="e",
            EventDestination={"SnsDestination": {"TopicArn": TOPIC}},
        )
    assert error_of(no_types)[1] == "At least one event type must be specified."


# -- options -------------------------------------------------------------------------------


def test_v1_options_are_read_by_v2() -> None:
    """doc (v1 operations; v1 TLS spelling); real (codes); emulator (tracking texts:
    floci)."""
    ses, client = v1(), v2()
    ses.create_configuration_set(ConfigurationSet={"Name": "s"})
    for operation, response in (
        (
            "CreateConfigurationSetTrackingOptions",
            ses.create_configuration_set_tracking_options(
                ConfigurationSetName="s", TrackingOptions={"CustomRedirectDomain": "example.com"}
            ),
        ),
        (
            "UpdateConfigurationSetTrackingOptions",
            ses.update_configuration_set_tracking_options(
                ConfigurationSetName="s",
                TrackingOptions={"CustomRedirectDomain": "track.example.com"},
            ),
        ),
        (
            "PutConfigurationSetDeliveryOptions",
            ses.put_configuration_set_delivery_options(
                ConfigurationSetName="s", DeliveryOptions={"TlsPolicy": "Require"}
            ),
        ),
        (
            "UpdateConfigurationSetReputationMetricsEnabled",
            ses.update_configuration_set_reputation_metrics_enabled(
                ConfigurationSetName="s", Enabled=True
            ),
        ),
        (
            "UpdateConfigurationSetSendingEnabled",
            ses.update_configuration_set_sending_enabled(ConfigurationSetName="s", Enabled=False),
        ),
    ):
        assert_valid_output(ses, operation, response)
    described = describe(ses)
    assert {key: described[key] for key in ("TrackingOptions", "DeliveryOptions")} == {
        "TrackingOptions": {"CustomRedirectDomain": "track.example.com"},
        "DeliveryOptions": {"TlsPolicy": "Require"},
    }
    assert described["ReputationOptions"] == {
        "SendingEnabled": False,
        "ReputationMetricsEnabled": True,
    }
    got = client.get_configuration_set(ConfigurationSetName="s")
    assert_valid_output(client, "GetConfigurationSet", got)
    assert got["TrackingOptions"] == {"CustomRedirectDomain": "track.example.com"}
    assert got["DeliveryOptions"] == {"TlsPolicy": "REQUIRE"}
    assert got["ReputationOptions"] == {"ReputationMetricsEnabled": True}
    assert got["SendingOptions"] == {"SendingEnabled": False}
    with pytest.raises(ses.exceptions.TrackingOptionsAlreadyExistsException) as twice:
        ses.create_configuration_set_tracking_options(
            ConfigurationSetName="s", TrackingOptions={"CustomRedirectDomain": "example.com"}
        )
    assert error_of(twice) == (
        "TrackingOptionsAlreadyExistsException",
        "Configuration set <s> already has tracking options.",
        400,
    )
    assert_valid_output(
        ses,
        "DeleteConfigurationSetTrackingOptions",
        ses.delete_configuration_set_tracking_options(ConfigurationSetName="s"),
    )
    assert "TrackingOptions" not in describe(ses)
    with pytest.raises(ses.exceptions.TrackingOptionsDoesNotExistException) as none_left:
        ses.delete_configuration_set_tracking_options(ConfigurationSetName="s")
    assert error_of(none_left) == (
        "TrackingOptionsDoesNotExistException",
        "There are no tracking options for configuration set <s>",
        400,
    )
    with pytest.raises(ses.exceptions.ConfigurationSetDoesNotExistException):
        ses.update_configuration_set_sending_enabled(ConfigurationSetName="nope", Enabled=True)


def test_a_redirect_domain_must_be_verified_in_both_apis() -> None:
    """doc (v1 InvalidTrackingOptions: "the tracking domain you specified is not verified in
    Amazon SES"); emulator (the text, and v2 too: floci)."""
    ses, client = v1(), v2()
    ses.create_configuration_set(ConfigurationSet={"Name": "s"})
    with pytest.raises(ses.exceptions.InvalidTrackingOptionsException) as v1_refused:
        ses.create_configuration_set_tracking_options(
            ConfigurationSetName="s", TrackingOptions={"CustomRedirectDomain": "links.other.org"}
        )
    assert error_of(v1_refused) == (
        "InvalidTrackingOptions",
        "Domain <links.other.org> is not verified under this account.",
        400,
    )
    with pytest.raises(client.exceptions.BadRequestException) as v2_refused:
        client.create_configuration_set(
            ConfigurationSetName="t", TrackingOptions={"CustomRedirectDomain": "links.other.org"}
        )
    assert error_of(v2_refused)[1] == "Domain <links.other.org> is not verified under this account."
    assert client.list_configuration_sets()["ConfigurationSets"] == ["s"]
    with pytest.raises(client.exceptions.BadRequestException):
        client.put_configuration_set_tracking_options(
            ConfigurationSetName="s", CustomRedirectDomain="links.other.org"
        )


@pytest.mark.botocore_knows(
    "sesv2",
    "CreateConfigurationSet",
    "DeliveryOptions.MaxDeliverySeconds",
    "TrackingOptions.HttpsPolicy",
)
def test_v2_creates_a_set_with_every_option_and_reads_it_back() -> None:
    """doc (GetConfigurationSet's shape); chosen (options stored as given; the dedicated IP
    pool is not checked: the fake has no pools)."""
    client = v2()
    options: dict[str, Any] = {
        "TrackingOptions": {"CustomRedirectDomain": "track.example.com", "HttpsPolicy": "REQUIRE"},
        "DeliveryOptions": {
            "TlsPolicy": "OPTIONAL",
            "SendingPoolName": "pool",
            "MaxDeliverySeconds": 301,
        },
        "ReputationOptions": {"ReputationMetricsEnabled": False},
        "SendingOptions": {"SendingEnabled": True},
        "Tags": [{"Key": "Owner", "Value": "Zach"}],
        "SuppressionOptions": {"SuppressedReasons": ["BOUNCE"]},
        "VdmOptions": {
            "DashboardOptions": {"EngagementMetrics": "DISABLED"},
            "GuardianOptions": {"OptimizedSharedDelivery": "ENABLED"},
        },
    }
    if botocore_lacks("sesv2", "CreateConfigurationSet", "ArchivingOptions") is None:
        options["ArchivingOptions"] = {
            "ArchiveArn": f"arn:aws:ses:us-east-1:{ACCOUNT}:mailmanager-archive/a-1"
        }
    created = client.create_configuration_set(ConfigurationSetName="s", **options)
    assert_valid_output(client, "CreateConfigurationSet", created)
    got = client.get_configuration_set(ConfigurationSetName="s")
    assert_valid_output(client, "GetConfigurationSet", got)
    assert {key: got[key] for key in options} == options
    assert describe(v1())["DeliveryOptions"] == {"TlsPolicy": "Optional"}


@pytest.mark.botocore_knows("sesv2", "PutConfigurationSetDeliveryOptions", "MaxDeliverySeconds")
def test_v2_put_options_replace_each_group() -> None:
    """doc (the Put operations); chosen (a Put replaces its group; left out: the default;
    tracking without a domain: none)."""
    client = v2()
    client.create_configuration_set(ConfigurationSetName="s")
    puts: dict[str, Any] = {
        "PutConfigurationSetDeliveryOptions": {"TlsPolicy": "REQUIRE", "MaxDeliverySeconds": 600},
        "PutConfigurationSetReputationOptions": {"ReputationMetricsEnabled": True},
        "PutConfigurationSetSendingOptions": {"SendingEnabled": False},
        "PutConfigurationSetSuppressionOptions": {"SuppressedReasons": ["COMPLAINT"]},
        "PutConfigurationSetTrackingOptions": {"CustomRedirectDomain": "track.example.com"},
        "PutConfigurationSetVdmOptions": {
            "VdmOptions": {"DashboardOptions": {"EngagementMetrics": "ENABLED"}}
        },
    }
    for operation, params in puts.items():
        method = getattr(client, _snake(operation))
        assert_valid_output(client, operation, method(ConfigurationSetName="s", **params))
    got = client.get_configuration_set(ConfigurationSetName="s")
    assert_valid_output(client, "GetConfigurationSet", got)
    assert got["DeliveryOptions"] == {"TlsPolicy": "REQUIRE", "MaxDeliverySeconds": 600}
    assert got["ReputationOptions"] == {"ReputationMetricsEnabled": True}
    assert got["SendingOptions"] == {"SendingEnabled": False}
    assert got["SuppressionOptions"] == {"SuppressedReasons": ["COMPLAINT"]}
    assert got["TrackingOptions"] == {"CustomRedirectDomain": "track.example.com"}
    assert got["VdmOptions"] == {"DashboardOptions": {"EngagementMetrics": "ENABLED"}}
    client.put_configuration_set_delivery_options(ConfigurationSetName="s")
    client.put_configuration_set_tracking_options(ConfigurationSetName="s")
    client.put_configuration_set_suppression_options(ConfigurationSetName="s")
    got = client.get_configuration_set(ConfigurationSetName="s")
    assert got["DeliveryOptions"] == {"TlsPolicy": "OPTIONAL"}
    assert "TrackingOptions" not in got
    assert got["SuppressionOptions"] == {"SuppressedReasons": []}
    with pytest.raises(client.exceptions.BadRequestException) as too_long:
        client.put_configuration_set_delivery_options(
            ConfigurationSetName="s", MaxDeliverySeconds=50_401
        )
    assert "less than or equal to 50400" in error_of(too_long)[1]
    for operation in puts:
        with pytest.raises(client.exceptions.NotFoundException):
            getattr(client, _snake(operation))(ConfigurationSetName="nope")


def test_sending_disabled_by_either_api_pauses_sends(ses_verification: SesVerification) -> None:
    """doc (codes: botocore's models); message chosen, as for SendingOptions at creation."""
    ses, client = v1(), v2()
    ses.create_configuration_set(ConfigurationSet={"Name": "s"})
    ses.update_configuration_set_sending_enabled(ConfigurationSetName="s", Enabled=False)
    with pytest.raises(client.exceptions.SendingPausedException):
        client.send_email(
            FromEmailAddress="a@example.com",
            Destination={"ToAddresses": ["b@example.com"]},
            Content={"Simple": MESSAGE},
            ConfigurationSetName="s",
        )
    client.put_configuration_set_sending_options(ConfigurationSetName="s", SendingEnabled=True)
    ses.send_email(
        Source="a@example.com",
        Destination={"ToAddresses": ["b@example.com"]},
        Message=MESSAGE,
        ConfigurationSetName="s",
    )
    assert [m.configuration_set for m in ses_verification.outbox] == ["s"]


@pytest.mark.skipif(
    botocore_lacks("sesv2", "UpdateConfigurationSet") is not None,
    reason="this botocore has no UpdateConfigurationSet",
)
def test_update_configuration_set_stores_message_security_options() -> None:
    """doc (UpdateConfigurationSet); chosen (stored as given, read back by Get)."""
    client = v2()
    client.create_configuration_set(ConfigurationSetName="s")
    security = {"SigningScheme": {"SmimeScheme": {"SignatureFormat": "DETACHED"}}}
    updated = client.update_configuration_set(
        ConfigurationSetName="s", MessageSecurityOptions=security
    )
    assert_valid_output(client, "UpdateConfigurationSet", updated)
    assert client.get_configuration_set(ConfigurationSetName="s")["MessageSecurityOptions"] == (
        security
    )


def _snake(operation: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in operation).lstrip("_")
