"""seed_send_statistics(): past sends a test sets up, seen through real v1 and v2 clients
(GetSendStatistics, GetSendQuota, v2 GetAccount's SendQuota). Evidence: the README's
behaviour table ("Seeded statistics")."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import boto3
import pytest
from freezegun import freeze_time

from pytest_ses_verify import SesVerification, UsageError

from ..conftest import assert_valid_output

NOW = datetime(2030, 1, 10, 12, 7, 30, tzinfo=timezone.utc)


def v1(region: str = "us-east-1") -> Any:
    return boto3.client("ses", region_name=region)


def points(region: str = "us-east-1") -> list[dict[str, Any]]:
    ses = v1(region)
    response = ses.get_send_statistics()
    assert_valid_output(ses, "GetSendStatistics", response)
    return list(response["SendDataPoints"])


@freeze_time(NOW)
def test_seeded_sends_are_data_points_in_their_quarter_hour(
    ses_verification: SesVerification,
) -> None:
    """doc: GetSendStatistics (15-minute data points, the last two weeks)."""
    ses_verification.seed_send_statistics(
        datetime(2030, 1, 3, 9, 20, tzinfo=timezone.utc),
        delivery_attempts=500,
        bounces=12,
        complaints=1,
        region="us-east-1",
    )
    ses_verification.seed_send_statistics(timedelta(hours=2), rejects=3, region="us-east-1")
    assert points() == [
        {
            "Timestamp": datetime(2030, 1, 3, 9, 15, tzinfo=timezone.utc),
            "DeliveryAttempts": 500,
            "Bounces": 12,
            "Complaints": 1,
            "Rejects": 0,
        },
        {
            "Timestamp": datetime(2030, 1, 10, 10, 0, tzinfo=timezone.utc),
            "DeliveryAttempts": 0,
            "Bounces": 0,
            "Complaints": 0,
            "Rejects": 3,
        },
    ]
    assert points("eu-west-1") == []
    ses_verification.advance(days=7)  # the first one is now over two weeks old
    assert [p["Rejects"] for p in points()] == [3]


@freeze_time(NOW)
@pytest.mark.ses_identity("example.com", "Success")
def test_seeded_sends_add_to_real_sends_and_to_the_daily_quota(
    ses_verification: SesVerification,
) -> None:
    """doc: GetSendQuota's SentLast24Hours counts the recipients of the last 24 hours."""
    ses_verification.seed_send_statistics(timedelta(minutes=3), delivery_attempts=40)
    ses_verification.seed_send_statistics(timedelta(days=2), delivery_attempts=7)
    ses = v1()
    ses.send_email(
        Source="app@example.com",
        Destination={"ToAddresses": ["a@example.net"]},
        Message={"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}},
    )
    [older, recent] = points()
    assert (older["DeliveryAttempts"], recent["DeliveryAttempts"]) == (7, 41)
    assert ses.get_send_quota()["SentLast24Hours"] == 41.0
    sesv2 = boto3.client("sesv2", region_name="us-east-1")
    assert sesv2.get_account()["SendQuota"]["SentLast24Hours"] == 41.0


@freeze_time(NOW)
def test_seeding_every_region_reaches_regions_first_used_later(
    ses_verification: SesVerification,
) -> None:
    """chosen: region None is every region, as set_account() and set_identity() take it."""
    v1("eu-west-1").get_send_statistics()  # a region used before the seed
    ses_verification.seed_send_statistics(timedelta(hours=1), delivery_attempts=5)
    for region in ("eu-west-1", "ap-south-1"):
        assert [p["DeliveryAttempts"] for p in points(region)] == [5]


@pytest.mark.parametrize(
    ("at", "counts", "message"),
    [
        (datetime(2030, 1, 10), {"delivery_attempts": 1}, "is naive; give a time zone"),
        (NOW + timedelta(seconds=1), {"bounces": 1}, "is after the fake's now"),
        (NOW - timedelta(days=14), {"bounces": 1}, "covers only the last two weeks"),
        (timedelta(hours=-1), {"bounces": 1}, "a timedelta is how long ago"),
        ("yesterday", {"bounces": 1}, "at must be an aware datetime or a timedelta"),
        (NOW, {"delivery_attempts": -1}, "delivery_attempts must be a whole number of 0 or more"),
        (NOW, {"rejects": 1.5}, "rejects must be a whole number"),
        (NOW, {"complaints": True}, "complaints must be a whole number"),
        (NOW, {}, "give at least one of delivery_attempts, bounces, complaints, rejects"),
        (NOW, {"bounces": 1, "region": ""}, "region must be a non-empty string or None"),
    ],
)
@freeze_time(NOW)
def test_bad_seeds_are_refused_clearly(
    ses_verification: SesVerification, at: Any, counts: dict[str, Any], message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        ses_verification.seed_send_statistics(at, **counts)
    assert points() == []


def test_an_ended_fake_takes_no_seed() -> None:
    with SesVerification() as fake:
        pass
    with pytest.raises(UsageError, match="this SesVerification has ended"):
        fake.seed_send_statistics(timedelta(0), delivery_attempts=1)
