"""The pure feedback notifications (pytest_ses_verify.model.notifications): the mailbox
simulator's outcomes (AWS SES Developer Guide, "Using the mailbox simulator")."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from pytest_ses_verify.model.account import Account
from pytest_ses_verify.model.identities import Registry
from pytest_ses_verify.model.notifications import outcome

from .helpers import accept_message

NOW = datetime(2026, 1, 2, 3, 4, 5, 678000, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("recipient", "expected"),
    [
        ("success@simulator.amazonses.com", "success"),
        ("Bounce+x@Simulator.AmazonSES.com", "bounce"),
        ("Name <ooto@simulator.amazonses.com>", "ooto"),
        ("complaint@simulator.amazonses.com", "complaint"),
        ("suppressionlist@simulator.amazonses.com", "suppressionlist"),
        ("other@simulator.amazonses.com", "success"),
        ("bounce@example.com", "success"),
    ],
)
def test_outcome(recipient: str, expected: str) -> None:
    assert outcome(recipient) == expected


def test_a_send_records_what_the_topics_take() -> None:
    account = Account(Registry())
    account.registry.preset("us-east-1", "example.com", "Domain", "Success", NOW)
    account.settings.set_notification_topic("us-east-1", "example.com", "Domain", "Bounce", "arn:t")
    sent = accept_message(
        account,
        "us-east-1",
        "a@example.com",
        ["bounce@simulator.amazonses.com", "x@example.net"],
        NOW,
        ("S", "t", None, None),
    )
    (bounce,) = account.notifications.recorded
    assert (bounce.type, bounce.topic_arn, bounce.sent_at) == ("Bounce", "arn:t", NOW)
    assert bounce.message["mail"]["messageId"] == sent.message_id
    assert bounce.message["mail"]["timestamp"] == "2026-01-02T03:04:05.678Z"
    recipients = bounce.message["bounce"]["bouncedRecipients"]
    assert [r["emailAddress"] for r in recipients] == ["bounce@simulator.amazonses.com"]
