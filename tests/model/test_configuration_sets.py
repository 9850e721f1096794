"""The pure configuration sets and their event destinations
(pytest_ses_verify.model.configuration_sets, .event_destinations): options, tracking
domains, destinations' checks, and one store for both APIs. Each test names its evidence
in the README's behaviour table, or "chosen"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

import pytest

from pytest_ses_verify.model.account import Account
from pytest_ses_verify.model.configuration_sets import (
    ConfigurationSetMissing,
    EventDestination,
    InvalidTrackingOptions,
    SendingPaused,
    TrackingOptionsExist,
    TrackingOptionsMissing,
)
from pytest_ses_verify.model.errors import InvalidParameter
from pytest_ses_verify.model.event_destinations import (
    MAX_DESTINATIONS,
    EventDestinationExists,
    EventDestinationLimitReached,
    EventDestinationMissing,
    InvalidCloudWatchDestination,
    InvalidEventDestination,
    InvalidFirehoseDestination,
    InvalidSnsDestination,
)
from pytest_ses_verify.model.identities import Registry

from .helpers import accept_message

T0 = datetime(2030, 1, 1, tzinfo=timezone.utc)
R = "us-east-1"
TOPIC = "arn:aws:sns:us-east-1:123456789012:events"
CONTENT = ("Hi", "Hello", None, None)


def account() -> Account:
    made = Account(Registry())
    made.registry.preset(R, "example.com", "Domain", "Success", T0)
    made.registry.preset(R, "track.example.com", "Domain", "Success", T0)
    made.registry.preset(R, "pending.example.com", "Domain", "Pending", T0)
    made.configuration_sets.create(R, "s", T0, [])
    return made


def sns(name: str = "d", **changes: Any) -> EventDestination:
    destination = EventDestination(name, True, ["SEND", "BOUNCE"], sns_topic_arn=TOPIC)
    for key, value in changes.items():
        setattr(destination, key, value)
    return destination


def test_v1_tracking_options_are_created_once_updated_and_deleted() -> None:
    """doc (codes: botocore's ses model); emulator (texts: floci)."""
    made = account()
    sets = made.configuration_sets
    with pytest.raises(TrackingOptionsMissing, match=r"no tracking options for .*<s>"):
        sets.set_tracking(R, "s", "track.example.com", None, T0, exists=True)
    sets.set_tracking(R, "s", "track.example.com", None, T0, exists=False)
    with pytest.raises(TrackingOptionsExist, match="<s> already has tracking options"):
        sets.set_tracking(R, "s", "example.com", None, T0, exists=False)
    sets.set_tracking(R, "s", "example.com", None, T0, exists=True)
    assert sets.get(R, "s").custom_redirect_domain == "example.com"
    sets.delete_tracking(R, "s")
    assert sets.get(R, "s").custom_redirect_domain is None
    with pytest.raises(TrackingOptionsMissing):
        sets.delete_tracking(R, "s")


@pytest.mark.parametrize("domain", ["unknown.example.com", "pending.example.com", "other.org"])
def test_a_redirect_domain_must_be_a_verified_domain_identity(domain: str) -> None:
    """doc (v1 InvalidTrackingOptions: "the tracking domain you specified is not verified");
    emulator (the text, v2); chosen (a parent domain does not count)."""
    sets = account().configuration_sets
    with pytest.raises(InvalidTrackingOptions, match=f"Domain <{domain}> is not verified"):
        sets.set_tracking(R, "s", domain, "REQUIRE", T0)
    assert sets.get(R, "s").custom_redirect_domain is None


def test_v2_tracking_put_replaces_and_clears() -> None:
    """chosen: v2's Put replaces, and none given removes the options."""
    sets = account().configuration_sets
    sets.set_tracking(R, "s", "track.example.com", "REQUIRE", T0)
    assert (sets.get(R, "s").custom_redirect_domain, sets.get(R, "s").https_policy) == (
        "track.example.com",
        "REQUIRE",
    )
    sets.set_tracking(R, "s", None, None, T0)
    assert (sets.get(R, "s").custom_redirect_domain, sets.get(R, "s").https_policy) == (None, None)
    with pytest.raises(InvalidParameter, match="CustomRedirectDomain must be specified"):
        sets.set_tracking(R, "s", None, "REQUIRE", T0)


def test_delivery_options_v1_keeps_what_it_cannot_name() -> None:
    """chosen: v1 knows only the TLS policy; v2 replaces all three."""
    sets = account().configuration_sets
    sets.set_delivery(R, "s", True, pool="pool", max_delivery_seconds=600)
    sets.set_delivery(R, "s", False, keep_others=True)
    found = sets.get(R, "s")
    assert (found.tls_required, found.sending_pool_name, found.max_delivery_seconds) == (
        False,
        "pool",
        600,
    )
    sets.set_delivery(R, "s", True)
    assert (found.tls_required, found.sending_pool_name, found.max_delivery_seconds) == (
        True,
        None,
        None,
    )
    with pytest.raises(InvalidParameter, match="less than or equal to 50400"):
        sets.set_delivery(R, "s", True, max_delivery_seconds=50_401)


def test_options_of_a_missing_set_fail() -> None:
    """real (v1 text): every option operation needs the set."""
    sets = account().configuration_sets
    changes: list[Callable[[], None]] = [
        lambda: sets.set_sending(R, "nope", False),
        lambda: sets.set_reputation_metrics(R, "nope", True),
        lambda: sets.set_vdm(R, "nope", {}),
        lambda: sets.set_archiving(R, "nope", None),
        lambda: sets.set_suppression(R, "nope", []),
        lambda: sets.delete_tracking(R, "nope"),
    ]
    for change in changes:
        with pytest.raises(ConfigurationSetMissing, match="Configuration set <nope> does not"):
            change()


def test_disabling_sending_pauses_sends_through_the_set() -> None:
    """doc: UpdateConfigurationSetSendingEnabled / PutConfigurationSetSendingOptions."""
    made = account()
    made.configuration_sets.set_sending(R, "s", False)
    with pytest.raises(SendingPaused):
        accept_message(
            made, R, "a@example.com", ["b@example.com"], T0, CONTENT, configuration_set="s"
        )
    made.configuration_sets.set_sending(R, "s", True)
    sent = accept_message(
        made, R, "a@example.com", ["b@example.com"], T0, CONTENT, configuration_set="s"
    )
    assert sent.configuration_set == "s"


def test_event_destinations_are_kept_in_creation_order_and_replaced_in_place() -> None:
    """chosen: order; doc: names unique within the set."""
    made = account()
    store = made.event_destinations
    store.create(R, "s", sns("a"))
    store.create(R, "s", sns("b", enabled=False))
    with pytest.raises(EventDestinationExists, match="<a> already exists for configuration"):
        store.create(R, "s", sns("a"))
    store.update(R, "s", sns("a", matching_types=["OPEN"]), v1=False)
    assert [(d.name, d.matching_types) for d in store.list(R, "s")] == [
        ("a", ["OPEN"]),
        ("b", ["SEND", "BOUNCE"]),
    ]
    store.delete(R, "s", "a", v1=True)
    assert [d.name for d in store.list(R, "s")] == ["b"]


def test_missing_destinations_have_each_api_text() -> None:
    """real (v1: LocalStack's snapshot); emulator (v2: floci)."""
    store = account().event_destinations
    with pytest.raises(EventDestinationMissing, match=r"\ANo EventDestination found for s\Z"):
        store.delete(R, "s", "x", v1=True)
    with pytest.raises(EventDestinationMissing, match=r"name <x> does not exist for .* <s>"):
        store.update(R, "s", sns("x"), v1=False)
    with pytest.raises(ConfigurationSetMissing):
        store.create(R, "nope", sns())


def test_a_set_holds_at_most_ten_destinations() -> None:
    """doc: "Maximum number of event destinations per configuration set: 10"."""
    store = account().event_destinations
    for n in range(MAX_DESTINATIONS):
        store.create(R, "s", sns(f"d{n}"))
    with pytest.raises(EventDestinationLimitReached):
        store.create(R, "s", sns("one-more"))


@pytest.mark.parametrize(
    ("changes", "error", "text"),
    [
        ({"name": "a b"}, InvalidEventDestination, "Invalid event destination name <a b>"),
        ({"name": "x" * 65}, InvalidEventDestination, "cannot exceed 64 characters"),
        ({"matching_types": []}, InvalidEventDestination, "At least one event type"),
        ({"matching_types": ["OPENED"]}, InvalidEventDestination, "Invalid event type: OPENED"),
        ({"sns_topic_arn": None}, InvalidEventDestination, "Event destination is not provided"),
        ({"pinpoint_arn": "arn:x"}, InvalidEventDestination, "only one destination"),
        ({"sns_topic_arn": "topic"}, InvalidSnsDestination, "SNS topic <topic> not found."),
        (
            {"sns_topic_arn": None, "firehose": {"IamRoleArn": "r", "DeliveryStreamArn": "s"}},
            InvalidFirehoseDestination,
            "Invalid IAM role ARN <r>",
        ),
        (
            {"sns_topic_arn": None, "cloudwatch": {"DimensionConfigurations": []}},
            InvalidCloudWatchDestination,
            "cannot be empty",
        ),
        (
            {
                "sns_topic_arn": None,
                "cloudwatch": {
                    "DimensionConfigurations": [
                        {
                            "DimensionName": "a b",
                            "DimensionValueSource": "MESSAGE_TAG",
                            "DefaultDimensionValue": "v",
                        }
                    ]
                },
            },
            InvalidCloudWatchDestination,
            "Invalid dimension name <a b>",
        ),
        (
            {"sns_topic_arn": None, "event_bus_arn": "arn:aws:events:us-east-1:1:event-bus/x"},
            InvalidEventDestination,
            "must be the default event bus",
        ),
    ],
)
def test_a_destination_is_checked_before_it_is_stored(
    changes: dict[str, Any], error: type[Exception], text: str
) -> None:
    """doc (name rules, exactly one destination, dimension rules, the default bus only);
    emulator (texts: floci); chosen (the Firehose, CloudWatch and malformed-ARN texts)."""
    store = account().event_destinations
    with pytest.raises(error, match=text):
        store.create(R, "s", sns(**changes))
    assert store.list(R, "s") == []


def test_every_place_of_a_valid_destination_is_accepted() -> None:
    """doc: the five destination kinds of v2."""
    store = account().event_destinations
    role = "arn:aws:iam::123456789012:role/ses"
    stream = "arn:aws:firehose:us-east-1:123456789012:deliverystream/events"
    dimension = {
        "DimensionName": "campaign:id",
        "DimensionValueSource": "MESSAGE_TAG",
        "DefaultDimensionValue": "none@x.y",
    }
    places: list[dict[str, Any]] = [
        {"firehose": {"IamRoleArn": role, "DeliveryStreamArn": stream}},
        {"cloudwatch": {"DimensionConfigurations": [dimension]}},
        {"event_bus_arn": "arn:aws:events:us-east-1:123456789012:event-bus/default"},
        {"pinpoint_arn": "arn:aws:mobiletargeting:us-east-1:123456789012:apps/app"},
    ]
    for n, place in enumerate(places):
        store.create(R, "s", sns(f"d{n}", sns_topic_arn=None, **place))
    assert len(store.list(R, "s")) == len(places)


def test_deleting_a_set_deletes_its_destinations() -> None:
    """chosen: destinations belong to their set; a new set of the name has none."""
    made = account()
    made.event_destinations.create(R, "s", sns())
    made.configuration_sets.delete(R, "s")
    made.configuration_sets.create(R, "s", T0, [])
    assert made.event_destinations.list(R, "s") == []
