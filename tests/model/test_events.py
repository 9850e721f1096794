"""The pure event publishing (pytest_ses_verify.model.events): what a send through a
configuration set records, the Subscription builder, link tags, rejects and delays
(AWS SES Developer Guide, "Examples of event data that Amazon SES publishes to SNS")."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from pytest_ses_verify.model.account import Account
from pytest_ses_verify.model.configuration_sets import EventDestination
from pytest_ses_verify.model.event_bodies import EICAR, link_tags
from pytest_ses_verify.model.events import (
    DETAIL_TYPES,
    MATCHING,
    Delay,
    TopicPreferences,
    UnknownMessage,
)
from pytest_ses_verify.model.identities import Registry

from .helpers import accept_message

NOW = datetime(2026, 1, 2, 3, 4, 5, 678000, tzinfo=timezone.utc)
REGION = "us-east-1"
ALL = list(MATCHING.values())


def account_with_set(**targets: Any) -> Account:
    account = Account(Registry())
    account.registry.preset(REGION, "example.com", "Domain", "Success", NOW)
    found = account.configuration_sets.create(REGION, "cs", NOW, [])
    found.event_destinations["d"] = EventDestination(
        "d", True, ALL, **(targets or {"sns_topic_arn": "arn:t"})
    )
    return account


def send(account: Account, *to: str, html: str | None = None) -> str:
    sent = accept_message(
        account,
        REGION,
        "a@example.com",
        list(to),
        NOW,
        ("S", "t", html, None),
        configuration_set="cs",
    )
    return sent.message_id


def test_every_type_has_a_matching_name_and_a_detail_type() -> None:
    assert set(MATCHING) == set(DETAIL_TYPES)
    assert DETAIL_TYPES["Rendering Failure"] == "Email Rendering Failed"
    assert MATCHING["DeliveryDelay"] == "DELIVERY_DELAY"


def test_a_send_records_send_then_what_the_simulator_decides() -> None:
    account = account_with_set()
    message_id = send(
        account, "bounce@simulator.amazonses.com", "complaint@simulator.amazonses.com"
    )
    events = account.events.recorded
    assert [e.type for e in events] == ["Send", "Delivery", "Bounce", "Complaint"]
    assert all(e.at == NOW and e.target_arn == "arn:t" for e in events)
    assert events[0].message["mail"]["timestamp"] == "2026-01-02T03:04:05.678Z"
    assert events[1].message["delivery"]["recipients"] == ["complaint@simulator.amazonses.com"]
    assert account.events.messages[message_id].delivered == ["complaint@simulator.amazonses.com"]


def test_each_target_of_a_destination_takes_a_copy() -> None:
    account = account_with_set(cloudwatch={"DimensionConfigurations": []}, pinpoint_arn="arn:p")
    send(account, "x@example.net")
    sends = [e for e in account.events.recorded if e.type == "Send"]
    assert [(e.target, e.target_arn) for e in sends] == [
        ("cloudwatch", None),
        ("pinpoint", "arn:p"),
    ]
    sends[0].message["mail"]["tags"].clear()
    assert sends[1].message["mail"]["tags"]


def test_the_subscription_builder() -> None:
    account = account_with_set()
    message_id = send(account, "x@example.net")
    later = NOW + timedelta(minutes=1)
    old = TopicPreferences(False, {"News": "OptIn"})
    new = TopicPreferences(True, {"News": "OptOut"})
    (event,) = account.events.subscription(message_id, "List", old, new, later)
    assert event.type == "Subscription"
    assert event.at == later
    assert event.message["subscription"] == {
        "contactList": "List",
        "timestamp": "2026-01-02T03:05:05.678Z",
        "source": "UnsubscribeHeader",
        "newTopicPreferences": {
            "unsubscribeAll": True,
            "topicSubscriptionStatus": [{"topicName": "News", "subscriptionStatus": "OptOut"}],
        },
        "oldTopicPreferences": {
            "unsubscribeAll": False,
            "topicSubscriptionStatus": [{"topicName": "News", "subscriptionStatus": "OptIn"}],
        },
    }
    with pytest.raises(UnknownMessage):
        account.events.subscription("nope", "List", old, new, later)


def test_a_disabled_destination_or_deleted_set_takes_nothing() -> None:
    account = account_with_set()
    found = account.configuration_sets.find(REGION, "cs")
    assert found is not None
    found.event_destinations["d"].enabled = False
    message_id = send(account, "x@example.net", html="<p>x</p>")
    assert account.events.recorded == []
    found.event_destinations["d"].enabled = True
    account.configuration_sets.delete(REGION, "cs")
    assert account.events.open(message_id, NOW, "ua", "192.0.2.1") == []


def test_a_virus_is_rejected_after_the_send() -> None:
    account = account_with_set()
    send(account, "x@example.net", html=EICAR.decode())
    assert [e.type for e in account.events.recorded] == ["Send", "Reject"]
    assert account.sending.outbox == []
    assert account.notifications.recorded == []


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a href="https://e.com/">x</a>', {}),
        ("<A HREF='https://e.com/' ses:tags='a:1;b:2;'>x</A>", {"a": ["1"], "b": ["2"]}),
        ('<a href="https://e.com/?a=1&amp;b=2">x</a>', None),
        ('<a href="https://other/">x</a>', None),
    ],
)
def test_link_tags(html: str, expected: dict[str, list[str]] | None) -> None:
    assert link_tags(html, "https://e.com/") == expected


def test_link_tags_read_entities_in_the_href() -> None:
    assert link_tags('<a href="https://e.com/?a=1&amp;b=2">x</a>', "https://e.com/?a=1&b=2") == {}


def test_a_delay_is_settled_by_the_clock() -> None:
    account = account_with_set()
    account.events.delay("Slow@Example.net", Delay("General", timedelta(minutes=30)))
    send(account, "slow@example.net")
    assert [e.type for e in account.events.recorded] == ["Send", "DeliveryDelay"]
    delay = account.events.recorded[1].message
    assert delay["mail"]["tags"] == {"ses:configuration-set": ["cs"]}
    assert delay["deliveryDelay"]["expirationTime"] == "2026-01-02T17:04:05.678Z"
    assert account.events.settle(NOW + timedelta(minutes=29)) == []
    (delivered,) = account.events.settle(NOW + timedelta(hours=1))
    assert delivered.at == NOW + timedelta(minutes=30)
    assert account.events.pending == []
    account.events.delay("slow@example.net", None)
    assert account.events.delays == {}
