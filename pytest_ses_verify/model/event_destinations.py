"""Configuration sets' event destinations: one store for v1 and v2, on each set.

Pure: no botocore, no pytest, no clock. A destination is named within its set (ASCII
letters, digits, '_' and '-', at most 64), takes one or more event types (v2 spelling)
and sends them to exactly one place: an SNS topic, a Firehose stream, CloudWatch, the
default EventBridge bus, or a Pinpoint project. A set holds at most 10. What is checked,
and the texts, follow the README's behaviour table.
"""

from __future__ import annotations

import re

from .configuration_sets import EVENT_TYPES, ConfigurationSets, EventDestination
from .errors import InvalidParameter, ModelError

MAX_DESTINATIONS = 10
MAX_DIMENSIONS = 10
MAX_NAME = 64
_NAME = re.compile(r"[A-Za-z0-9_-]+\Z")
_DIMENSION_NAME = re.compile(r"[A-Za-z0-9_:-]{1,256}\Z")
_DIMENSION_VALUE = re.compile(r"[A-Za-z0-9_@.-]{1,256}\Z")
_ARN = r"arn:aws[a-z-]*:{service}:{region}:\d{{12}}:{resource}\Z"
_SNS_ARN = re.compile(_ARN.format(service="sns", region="[a-z0-9-]+", resource=r"[A-Za-z0-9_.-]+"))
_ROLE_ARN = re.compile(_ARN.format(service="iam", region="", resource="role/.+"))
_STREAM_ARN = re.compile(
    _ARN.format(service="firehose", region="[a-z0-9-]+", resource="deliverystream/.+")
)
_PINPOINT_ARN = re.compile(
    _ARN.format(service="mobiletargeting", region="[a-z0-9-]+", resource=".+")
)
DIMENSION_SOURCES = ("MESSAGE_TAG", "EMAIL_HEADER", "LINK_TAG")


class EventDestinationExists(ModelError):
    """v1 ``EventDestinationAlreadyExists``, v2 ``AlreadyExistsException``."""


class EventDestinationMissing(ModelError):
    """v1 ``EventDestinationDoesNotExist``, v2 ``NotFoundException``."""


class EventDestinationLimitReached(ModelError):
    """The set has 10 destinations: v1 ``LimitExceeded``, v2 ``LimitExceededException``."""


class InvalidEventDestination(InvalidParameter):
    """A malformed destination (name, event types, not exactly one place): v1
    ``InvalidParameterValue``, v2 ``BadRequestException``."""


class InvalidSnsDestination(ModelError):
    """v1 ``InvalidSNSDestination``, v2 ``BadRequestException``."""


class InvalidFirehoseDestination(ModelError):
    """v1 ``InvalidFirehoseDestination``, v2 ``BadRequestException``."""


class InvalidCloudWatchDestination(ModelError):
    """v1 ``InvalidCloudWatchDestination``, v2 ``BadRequestException``."""


class EventDestinations:
    """The event destinations of every region's configuration sets (kept on each
    :class:`ConfigurationSet`, in creation order)."""

    def __init__(self, configuration_sets: ConfigurationSets, account_id: str) -> None:
        self.configuration_sets = configuration_sets
        self.account_id = account_id

    def list(self, region: str, set_name: str) -> list[EventDestination]:
        """The set's destinations in creation order (an update keeps its place)."""
        return list(self.configuration_sets.get(region, set_name).event_destinations.values())

    def create(self, region: str, set_name: str, destination: EventDestination) -> None:
        """Add ``destination`` to the set: checked, then the set, then its name is free."""
        self.check(region, destination)
        found = self.configuration_sets.get(region, set_name).event_destinations
        if destination.name in found:
            raise EventDestinationExists(
                f"An event destination with name <{destination.name}> already exists for "
                f"configuration set <{set_name}>."
            )
        if len(found) >= MAX_DESTINATIONS:
            raise EventDestinationLimitReached(
                f"Maximum number of event destinations ({MAX_DESTINATIONS}) reached for "
                f"configuration set <{set_name}>."
            )
        found[destination.name] = destination

    def update(
        self, region: str, set_name: str, destination: EventDestination, *, v1: bool
    ) -> None:
        """Replace the destination of that name wholly (v1 and v2 both give all of it)."""
        self.check(region, destination)
        found = self.configuration_sets.get(region, set_name).event_destinations
        if destination.name not in found:
            raise _missing(set_name, destination.name, v1=v1)
        found[destination.name] = destination

    def delete(self, region: str, set_name: str, name: str, *, v1: bool) -> None:
        found = self.configuration_sets.get(region, set_name).event_destinations
        if name not in found:
            raise _missing(set_name, name, v1=v1)
        del found[name]

    def check(self, region: str, destination: EventDestination) -> None:
        """The name, the event types, exactly one place, and that place's values."""
        check_name(destination.name)
        if not destination.matching_types:
            raise InvalidEventDestination("At least one event type must be specified.")
        unknown = [each for each in destination.matching_types if each not in EVENT_TYPES]
        if unknown:
            raise InvalidEventDestination(f"Invalid event type: {unknown[0]}.")
        places = [
            place
            for place in (
                destination.sns_topic_arn,
                destination.event_bus_arn,
                destination.firehose,
                destination.cloudwatch,
                destination.pinpoint_arn,
            )
            if place is not None
        ]
        if not places:
            raise InvalidEventDestination("Event destination is not provided.")
        if len(places) > 1:
            raise InvalidEventDestination(
                "Please provide only one destination with each request. Either a Firehose "
                "Destination or a Cloudwatch Destination or an SNS Destination or an "
                "EventBridge Destination."
            )
        self._check_place(region, destination)

    def _check_place(self, region: str, destination: EventDestination) -> None:
        topic = destination.sns_topic_arn
        if topic is not None and not _SNS_ARN.match(topic):
            raise InvalidSnsDestination(f"SNS topic <{topic}> not found.")
        if destination.firehose is not None:
            role = destination.firehose.get("IamRoleArn", "")
            stream = destination.firehose.get("DeliveryStreamArn", "")
            if not _ROLE_ARN.match(role):
                raise InvalidFirehoseDestination(f"Invalid IAM role ARN <{role}>.")
            if not _STREAM_ARN.match(stream):
                raise InvalidFirehoseDestination(f"Invalid delivery stream ARN <{stream}>.")
        if destination.cloudwatch is not None:
            _check_dimensions(destination.cloudwatch)
        bus = destination.event_bus_arn
        if (
            bus is not None
            and bus != f"arn:aws:events:{region}:{self.account_id}:event-bus/default"
        ):
            raise InvalidEventDestination(
                "EventBridgeDestination EventBusArn must be the default event bus of the "
                f"configuration set's account and Region: {bus}."
            )
        application = destination.pinpoint_arn
        if application is not None and not _PINPOINT_ARN.match(application):
            raise InvalidEventDestination(
                f"Invalid Pinpoint application ARN provided: {application}."
            )


def check_name(name: str) -> None:
    """ASCII letters, digits, '_' and '-', 1 to 64 of them."""
    if len(name) > MAX_NAME:
        raise InvalidEventDestination(
            f"Event destination name cannot exceed {MAX_NAME} characters."
        )
    if not _NAME.match(name):
        raise InvalidEventDestination(
            f"Invalid event destination name <{name}>: only alphanumeric ASCII characters, "
            "'_', and '-' are allowed."
        )


def _check_dimensions(cloudwatch: dict[str, object]) -> None:
    dimensions = cloudwatch.get("DimensionConfigurations")
    if not isinstance(dimensions, list) or not dimensions:
        raise InvalidCloudWatchDestination(
            "CloudWatch metrics dimension configuration list cannot be empty."
        )
    if len(dimensions) > MAX_DIMENSIONS:
        raise InvalidCloudWatchDestination(
            f"A CloudWatch destination can have at most {MAX_DIMENSIONS} dimensions."
        )
    for dimension in dimensions:
        if not isinstance(dimension, dict):
            raise InvalidCloudWatchDestination("Invalid dimension configuration.")
        name = str(dimension.get("DimensionName", ""))
        value = str(dimension.get("DefaultDimensionValue", ""))
        if not _DIMENSION_NAME.match(name):
            raise InvalidCloudWatchDestination(f"Invalid dimension name <{name}>.")
        if not _DIMENSION_VALUE.match(value):
            raise InvalidCloudWatchDestination(f"Invalid default dimension value <{value}>.")
        if dimension.get("DimensionValueSource") not in DIMENSION_SOURCES:
            raise InvalidCloudWatchDestination(
                f"Invalid dimension value source <{dimension.get('DimensionValueSource')}>."
            )


def _missing(set_name: str, name: str, *, v1: bool) -> EventDestinationMissing:
    if v1:
        return EventDestinationMissing(f"No EventDestination found for {set_name}")
    return EventDestinationMissing(
        f"An event destination with name <{name}> does not exist for configuration set "
        f"<{set_name}>."
    )
