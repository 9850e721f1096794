"""Sending authorization policies, evaluated as the Developer Guide's "Policy anatomy"
describes them (pytest_ses_verify.model.authorization)."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from pytest_ses_verify.model.authorization import allowed, context_of

ARN = "arn:aws:ses:us-east-1:111122223333:identity/customer.com"
NOW = datetime(2030, 1, 1, tzinfo=timezone.utc)
CONTEXT = context_of("Billing <billing@customer.com>", ["a@x.example", "b@x.example"], None, "1")


def verdict(*statements: dict[str, Any], action: str = "ses:SendEmail") -> bool:
    document = json.dumps({"Version": "2012-10-17", "Statement": list(statements)})
    return allowed([document], "123456789012", action, ARN, CONTEXT, NOW)


def statement(**extra: Any) -> dict[str, Any]:
    return {"Effect": "Allow", "Principal": {"AWS": "123456789012"}, "Action": "ses:Send*", **extra}


def test_principals_name_the_callers_account() -> None:
    assert verdict(statement())
    assert verdict(statement(Principal={"AWS": "arn:aws:iam::123456789012:root"}))
    assert verdict(statement(Principal="*"))
    assert not verdict(statement(Principal={"AWS": "999999999999"}))
    assert not verdict(statement(Principal={"Service": "cognito-idp.amazonaws.com"}))


def test_actions_match_case_insensitively_and_not_action_excludes() -> None:
    assert verdict(statement(Action="SES:SendEmail"))
    assert not verdict(statement(Action="ses:SendRawEmail"))
    negated = {k: v for k, v in statement(NotAction="ses:SendRawEmail").items() if k != "Action"}
    assert verdict(negated)
    assert not verdict(negated, action="ses:SendRawEmail")


def test_the_recipients_condition_for_all_values() -> None:
    """ "ForAllValues:StringLike": {"ses:Recipients": "*@example.com"} (policy examples)."""
    assert verdict(
        statement(Condition={"ForAllValues:StringLike": {"ses:Recipients": "*@x.example"}})
    )
    assert not verdict(
        statement(Condition={"ForAllValues:StringLike": {"ses:Recipients": "a@x.example"}})
    )
    assert verdict(statement(Condition={"ForAnyValue:StringLike": {"ses:Recipients": "a@*"}}))


def test_display_name_time_and_missing_keys() -> None:
    assert verdict(statement(Condition={"StringEquals": {"ses:FromDisplayName": "Billing"}}))
    assert verdict(
        statement(Condition={"DateLessThan": {"aws:CurrentTime": "2031-01-01T00:00:00Z"}})
    )
    assert not verdict(
        statement(Condition={"DateGreaterThan": {"aws:CurrentTime": "2031-01-01T00:00:00Z"}})
    )
    # No Return-Path in this send: a positive test of it fails, a negated one holds.
    assert not verdict(statement(Condition={"StringLike": {"ses:FeedbackAddress": "*"}}))
    assert verdict(statement(Condition={"StringNotLike": {"ses:FeedbackAddress": "*"}}))
    assert verdict(statement(Condition={"StringLikeIfExists": {"ses:FeedbackAddress": "x"}}))


def test_an_explicit_deny_wins_and_nothing_allowed_is_denied() -> None:
    assert not verdict(statement(), {**statement(), "Effect": "Deny"})
    assert not verdict()


def test_a_delegated_send_notifies_through_the_owners_topics() -> None:
    """Developer Guide, "Attribution of email sending features": the identity owner's
    topics; the notification's sourceArn is the owner's identity, sendingAccountId the
    caller (the delegate)."""
    from pytest_ses_verify.model.account import Account
    from pytest_ses_verify.model.pipeline import Send
    from pytest_ses_verify.model.verification import Preset

    account = Account()
    owner = "111122223333"
    allow = {
        "Effect": "Allow",
        "Principal": {"AWS": "123456789012"},
        "Action": "ses:SendEmail",
        "Resource": ARN,
    }
    document = json.dumps({"Version": "2012-10-17", "Statement": [allow]})
    preset = Preset("customer.com", "Domain", "Success", "us-east-1", None, account_id=owner)
    account.identities.apply_preset(preset._replace(policy=document), NOW, lambda: ())
    settings = account.delegation.owner(owner)[1]
    settings.set_notification_topic("us-east-1", "customer.com", "Domain", "Delivery", "arn:t")
    send = Send("ses", "billing@customer.com", recipients=["a@x.example"], source_arn=ARN)
    account.sending.send("us-east-1", send, NOW)
    [notification] = account.notifications.recorded
    assert notification.topic_arn == "arn:t"
    assert notification.message["mail"]["sourceArn"] == ARN
    assert notification.message["mail"]["sendingAccountId"] == "123456789012"
    assert account.account_state.send_quota("us-east-1", NOW).sent_last_24_hours == 1.0
