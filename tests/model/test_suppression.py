"""The pure account-level suppression list (pytest_ses_verify.model.suppression) and
what it does to a send (README's behaviour table)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from pytest_ses_verify.model.account import Account
from pytest_ses_verify.model.configuration_sets import ConfigurationSet
from pytest_ses_verify.model.errors import InvalidParameter
from pytest_ses_verify.model.identities import Registry
from pytest_ses_verify.model.notifications import _fates
from pytest_ses_verify.model.pipeline import Send
from pytest_ses_verify.model.suppression import (
    InvalidNextToken,
    NotSuppressed,
    SandboxRefused,
    SuppressionList,
    check_address,
    stored,
)

from .helpers import accept_message

NOW = datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=timezone.utc)
R = "us-east-1"
BOUNCE = "bounce@simulator.amazonses.com"
COMPLAINT = "complaint@simulator.amazonses.com"
CONTENT = ("S", "t", None, None)


def account() -> Account:
    found = Account(Registry())
    found.registry.preset(R, "example.com", "Domain", "Success", NOW)
    return found


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("Foo@Example.COM", "Foo@example.com"),
        ("  a@b.example ", "a@b.example"),
        ("UPPER@LOWER.example", "UPPER@lower.example"),
    ],
)
def test_the_stored_spelling(given: str, kept: str) -> None:
    assert stored(given) == kept
    assert check_address(given) == kept


@pytest.mark.parametrize("bad", ["", " ", "plain", "a@", "@b.example", "N <a@b.example>", "a,b@c"])
def test_malformed_addresses(bad: str) -> None:
    with pytest.raises(InvalidParameter, match="is invalid"):
        check_address(bad)


def test_put_get_delete_and_reasons() -> None:
    found = SuppressionList()
    entry = found.put(R, "A@Example.net", "BOUNCE", NOW)
    assert (entry.email_address, entry.reason) == ("A@example.net", "BOUNCE")
    assert entry.last_update_time == NOW.replace(microsecond=678000)  # milliseconds
    assert (entry.message_id, entry.feedback_id) == (None, None)
    assert found.get(R, "A@EXAMPLE.NET") is entry
    with pytest.raises(NotSuppressed, match=r"a@example\.net does not exist"):
        found.get(R, "a@example.net")
    with pytest.raises(NotSuppressed):
        found.get("eu-west-1", "A@example.net")
    with pytest.raises(InvalidParameter, match="Value at 'reason'"):
        found.put(R, "b@example.net", "bounce", NOW)
    with pytest.raises(SandboxRefused):
        found.put(R, "b@example.net", "BOUNCE", NOW, sandbox=True)
    assert found.find(R, "b@example.net") is None
    found.delete(R, "A@example.NET")
    with pytest.raises(NotSuppressed):
        found.delete(R, "A@example.net")


def test_account_reasons_default_and_change() -> None:
    found = SuppressionList()
    assert found.account_reasons(R) == ["BOUNCE", "COMPLAINT"]
    found.set_account_reasons(R, ["COMPLAINT", "COMPLAINT"])
    assert found.account_reasons(R) == ["COMPLAINT"]
    found.set_account_reasons(R, [])
    assert found.account_reasons(R) == []
    assert found.account_reasons("eu-west-1") == ["BOUNCE", "COMPLAINT"]
    with pytest.raises(InvalidParameter, match="'suppressedReasons'"):
        found.set_account_reasons(R, ["OTHER"])
    assert found.account_reasons(R) == []


def test_a_configuration_set_overrides_the_account() -> None:
    found = SuppressionList()
    plain = ConfigurationSet("plain", 0, NOW)
    none = ConfigurationSet("none", 1, NOW, suppressed_reasons=[])
    bounces = ConfigurationSet("b", 2, NOW, suppressed_reasons=["BOUNCE"])
    found.set_account_reasons(R, ["COMPLAINT"])
    assert found.applicable(R, None) == ["COMPLAINT"]
    assert found.applicable(R, plain) == ["COMPLAINT"]
    assert found.applicable(R, none) == []
    assert found.applicable(R, bounces) == ["BOUNCE"]


def test_suppressed_needs_an_applicable_reason() -> None:
    found = SuppressionList()
    found.put(R, "b@example.net", "BOUNCE", NOW)
    found.put(R, "c@example.net", "COMPLAINT", NOW)
    recipients = ["Name <b@Example.net>", "c@example.net", "d@example.net"]
    assert found.suppressed(R, recipients, ["BOUNCE", "COMPLAINT"]) == {
        "b@Example.net": "BOUNCE",
        "c@example.net": "COMPLAINT",
    }
    assert found.suppressed(R, recipients, ["COMPLAINT"]) == {"c@example.net": "COMPLAINT"}
    assert found.suppressed(R, recipients, []) == {}
    assert found.suppressed("eu-west-1", recipients, ["BOUNCE"]) == {}


def test_page_filters_orders_and_pages() -> None:
    found = SuppressionList()
    found.put(R, "1@x.example", "BOUNCE", NOW)
    found.put(R, "2@x.example", "COMPLAINT", NOW + timedelta(hours=1))
    found.put(R, "3@x.example", "BOUNCE", NOW + timedelta(hours=2))
    found.put(R, "0@x.example", "BOUNCE", NOW)  # same time as 1@: after it

    def names(*args: object, **kwargs: object) -> list[str]:
        page, _ = found.page(R, *args, **kwargs)  # type: ignore[arg-type]
        return [entry.email_address for entry in page]

    assert names([], None, None, None, 10) == [
        "1@x.example",
        "0@x.example",
        "2@x.example",
        "3@x.example",
    ]
    assert names(["COMPLAINT"], None, None, None, 10) == ["2@x.example"]
    one_hour = NOW.replace(microsecond=678000) + timedelta(hours=1)
    assert names([], one_hour, None, None, 10) == ["2@x.example", "3@x.example"]
    assert names([], None, one_hour, None, 10) == ["1@x.example", "0@x.example", "2@x.example"]
    assert names([], one_hour, one_hour, None, 10) == ["2@x.example"]
    first, token = found.page(R, ["BOUNCE"], None, None, None, 2)
    assert [e.email_address for e in first] == ["1@x.example", "0@x.example"]
    assert token is not None
    assert names(["BOUNCE"], None, None, token, 2) == ["3@x.example"]
    with pytest.raises(InvalidNextToken):
        found.page(R, ["COMPLAINT"], None, None, token, 2)
    with pytest.raises(InvalidNextToken):
        found.page("eu-west-1", ["BOUNCE"], None, None, token, 2)
    with pytest.raises(InvalidParameter, match="'reasons'"):
        found.page(R, ["X"], None, None, None, 2)
    _, last = found.page(R, [], None, None, None, 4)
    assert last is None


def test_putting_again_moves_the_entry_last() -> None:
    found = SuppressionList()
    found.put(R, "a@x.example", "BOUNCE", NOW)
    found.put(R, "b@x.example", "BOUNCE", NOW)
    found.put(R, "a@x.example", "COMPLAINT", NOW)
    page, _ = found.page(R, [], None, None, None, 10)
    assert [(e.email_address, e.reason) for e in page] == [
        ("b@x.example", "BOUNCE"),
        ("a@x.example", "COMPLAINT"),
    ]


def test_presets_for_every_region_reach_later_regions() -> None:
    found = SuppressionList()
    found.put(R, "old@x.example", "BOUNCE", NOW)
    found.preset(None, "all@x.example", "COMPLAINT", NOW)
    found.preset("eu-west-1", "one@x.example", "BOUNCE", NOW)
    assert found.get(R, "all@x.example").reason == "COMPLAINT"
    assert found.get("ap-south-1", "all@x.example").reason == "COMPLAINT"
    assert found.find("ap-south-1", "one@x.example") is None
    assert found.get("eu-west-1", "one@x.example").reason == "BOUNCE"
    with pytest.raises(InvalidParameter):
        found.preset(None, "nope", "BOUNCE", NOW)
    assert found.everywhere == [("all@x.example", "COMPLAINT", NOW)]


def test_a_send_to_a_listed_recipient_is_accepted_not_delivered() -> None:
    found = account()
    found.settings.set_notification_topic(R, "example.com", "Domain", "Bounce", "arn:b")
    found.settings.set_notification_topic(R, "example.com", "Domain", "Delivery", "arn:d")
    found.suppression.put(R, "gone@example.net", "BOUNCE", NOW)
    sent = accept_message(
        found, R, "a@example.com", ["gone@example.net", "x@example.net"], NOW, CONTENT
    )
    assert sent in found.sending.outbox
    assert sent.suppressed == {"gone@example.net": "BOUNCE"}
    fates, delivered = _fates(sent)
    assert fates == {"account_suppressed": ["gone@example.net"], "success": ["x@example.net"]}
    assert delivered == ["x@example.net"]
    delivery, bounce = found.notifications.recorded
    assert delivery.message["delivery"]["recipients"] == ["x@example.net"]
    body = bounce.message["bounce"]
    assert (body["bounceType"], body["bounceSubType"]) == ("Permanent", "OnAccountSuppressionList")
    assert "remoteMtaIp" not in body
    assert [r["emailAddress"] for r in body["bouncedRecipients"]] == ["gone@example.net"]
    [point] = found.account_state.statistics(R, NOW)
    assert (point.bounces, point.complaints) == (0, 0)


def test_a_complaint_entry_is_a_complaint() -> None:
    found = account()
    found.settings.set_notification_topic(R, "example.com", "Domain", "Complaint", "arn:c")
    found.suppression.put(R, "angry@example.net", "COMPLAINT", NOW)
    sent = accept_message(found, R, "a@example.com", ["angry@example.net"], NOW, CONTENT)
    assert _fates(sent)[0] == {"account_suppressed_complaint": ["angry@example.net"]}
    [complaint] = found.notifications.recorded
    body = complaint.message["complaint"]
    assert body["complaintSubType"] == "OnAccountSuppressionList"
    assert "userAgent" not in body


def test_the_simulator_adds_nothing() -> None:
    found = account()
    found.settings.set_notification_topic(R, "example.com", "Domain", "Bounce", "arn:b")
    recipients = [
        BOUNCE,
        COMPLAINT,
        "suppressionlist@simulator.amazonses.com",
        "ooto@simulator.amazonses.com",
    ]
    accept_message(found, R, "a@example.com", recipients, NOW, CONTENT)
    for address in recipients:
        assert found.suppression.find(R, address) is None
    again = accept_message(found, R, "a@example.com", [BOUNCE], NOW, CONTENT)
    assert again.suppressed == {}


def test_an_entry_suppresses_only_when_its_reason_applies() -> None:
    found = account()
    found.suppression.set_account_reasons(R, ["BOUNCE"])
    found.suppression.put(R, "b@example.net", "BOUNCE", NOW)
    found.suppression.put(R, "c@example.net", "COMPLAINT", NOW)
    both = ["b@example.net", "c@example.net"]
    sent = accept_message(found, R, "a@example.com", both, NOW, CONTENT)
    assert sent.suppressed == {"b@example.net": "BOUNCE"}
    found.configuration_sets.create(R, "off", NOW, []).suppressed_reasons = []
    accept_message(found, R, "a@example.com", both, NOW, CONTENT, configuration_set="off")
    assert found.sending.outbox[-1].suppressed == {}


def test_a_rendering_failure_adds_nothing() -> None:
    found = account()
    found.templates.create(R, "t", "Hi {{name}}", "x", None, NOW)
    send = Send("ses", "a@example.com", recipients=[BOUNCE], template="t", template_data="{}")
    found.sending.send(R, send, NOW)
    assert found.suppression.find(R, BOUNCE) is None
