"""The account-level suppression list through real v2 (and v1) clients: its operations,
GetAccount's reasons, configuration sets' overrides, what a send to a listed address
does and what the mailbox simulator adds. Answers are checked against botocore's output
shapes; each docstring names its evidence (README's behaviour table), or "chosen"."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from pytest_ses_verify import SesVerification, UnsupportedOperationError, UsageError

from ..conftest import assert_valid_output

MESSAGE = {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}
TOPIC = "arn:aws:sns:us-east-1:123456789012:feedback"
BOUNCE_SIM = "bounce@simulator.amazonses.com"
COMPLAINT_SIM = "complaint@simulator.amazonses.com"


def v2(region: str = "us-east-1") -> Any:
    return boto3.client("sesv2", region_name=region)


def send_v2(client: Any, *to: str, configuration_set: str | None = None) -> str:
    extra = {} if configuration_set is None else {"ConfigurationSetName": configuration_set}
    response = client.send_email(
        FromEmailAddress="app@example.com",
        Destination={"ToAddresses": list(to)},
        Content={"Simple": MESSAGE},
        **extra,
    )
    return str(response["MessageId"])


def error_of(exc: pytest.ExceptionInfo[ClientError]) -> tuple[str, str, int]:
    response = exc.value.response
    return (
        response["Error"]["Code"],
        response["Error"]["Message"],
        response["ResponseMetadata"]["HTTPStatusCode"],
    )


def checked(client: Any, operation: str, response: Any) -> Any:
    assert_valid_output(client, operation, response)
    return {k: v for k, v in response.items() if k != "ResponseMetadata"}


def v1() -> Any:
    return boto3.client("ses", region_name="us-east-1")


def topics(*kinds: str) -> None:
    ses = v1()
    for kind in kinds:
        ses.set_identity_notification_topic(
            Identity="example.com", NotificationType=kind, SnsTopic=TOPIC
        )


def listed(client: Any, **params: Any) -> list[str]:
    response = client.list_suppressed_destinations(**params)
    assert_valid_output(client, "ListSuppressedDestinations", response)
    return [d["EmailAddress"] for d in response["SuppressedDestinationSummaries"]]


def test_put_get_delete(ses_verification: SesVerification) -> None:
    """doc: the members; chosen: no Attributes for an address put by hand."""
    client = v2()
    assert (
        checked(
            client,
            "PutSuppressedDestination",
            client.put_suppressed_destination(EmailAddress="a@example.net", Reason="COMPLAINT"),
        )
        == {}
    )
    found = checked(
        client,
        "GetSuppressedDestination",
        client.get_suppressed_destination(EmailAddress="a@example.net"),
    )
    at = found["SuppressedDestination"].pop("LastUpdateTime")
    assert found == {
        "SuppressedDestination": {"EmailAddress": "a@example.net", "Reason": "COMPLAINT"}
    }
    assert abs(at - ses_verification.now) < timedelta(seconds=1)
    client.delete_suppressed_destination(EmailAddress="a@example.net")
    with pytest.raises(ClientError) as exc:
        client.get_suppressed_destination(EmailAddress="a@example.net")
    assert error_of(exc) == (
        "NotFoundException",
        "Email address a@example.net does not exist on your suppression list.",
        404,
    )


def test_an_address_not_on_the_list_is_not_found(ses_verification: SesVerification) -> None:
    """real: the NotFound text; Delete is not idempotent (emulator)."""
    client = v2()
    with pytest.raises(client.exceptions.NotFoundException) as exc:
        client.delete_suppressed_destination(EmailAddress="Nobody@Example.NET")
    assert error_of(exc)[1] == (
        "Email address Nobody@example.net does not exist on your suppression list."
    )


def test_the_domain_is_lower_cased_the_local_part_kept(ses_verification: SesVerification) -> None:
    """emulator: the stored spelling."""
    client = v2()
    client.put_suppressed_destination(EmailAddress=" Foo@Example.COM ", Reason="BOUNCE")
    found = client.get_suppressed_destination(EmailAddress="Foo@EXAMPLE.com")
    assert found["SuppressedDestination"]["EmailAddress"] == "Foo@example.com"
    with pytest.raises(client.exceptions.NotFoundException):
        client.get_suppressed_destination(EmailAddress="foo@example.com")
    client.put_suppressed_destination(EmailAddress="Foo@example.com", Reason="COMPLAINT")
    assert listed(client) == ["Foo@example.com"]


@pytest.mark.parametrize("address", ["not-an-address", "Name <a@example.net>", "a@", ""])
def test_a_malformed_address_is_a_bad_request(
    ses_verification: SesVerification, address: str
) -> None:
    """chosen: the text."""
    client = v2()
    with pytest.raises(ClientError) as exc:
        client.put_suppressed_destination(EmailAddress=address, Reason="BOUNCE")
    assert error_of(exc) == ("BadRequestException", f"Email address {address} is invalid.", 400)


def test_invalid_reasons_are_bad_requests(ses_verification: SesVerification) -> None:
    """emulator: the validation texts."""
    client = v2()
    with pytest.raises(ClientError) as exc:
        client.put_suppressed_destination(EmailAddress="a@example.net", Reason="SPAM")
    assert error_of(exc) == (
        "BadRequestException",
        "1 validation error detected: Value at 'reason' failed to satisfy constraint: "
        "Member must satisfy enum value set: [BOUNCE, COMPLAINT]",
        400,
    )
    nested = (
        "Member must satisfy constraint: [Member must satisfy enum value set: [BOUNCE, COMPLAINT]]"
    )
    with pytest.raises(ClientError) as exc:
        client.list_suppressed_destinations(Reasons=["BOUNCE", "SPAM"])
    assert error_of(exc)[1].endswith(f"Value at 'reasons' failed to satisfy constraint: {nested}")
    with pytest.raises(ClientError) as exc:
        client.put_account_suppression_attributes(SuppressedReasons=["bounce"])
    assert "Value at 'suppressedReasons'" in error_of(exc)[1]


def test_list_filters_and_pages(ses_verification: SesVerification) -> None:
    """emulator: oldest first; chosen: both dates included, PageSize bounds."""
    client = v2()
    start = ses_verification.now
    client.put_suppressed_destination(EmailAddress="b1@example.net", Reason="BOUNCE")
    ses_verification.advance(hours=1)
    client.put_suppressed_destination(EmailAddress="c1@example.net", Reason="COMPLAINT")
    c1 = client.get_suppressed_destination(EmailAddress="c1@example.net")
    middle = c1["SuppressedDestination"]["LastUpdateTime"]
    ses_verification.advance(hours=1)
    client.put_suppressed_destination(EmailAddress="b2@example.net", Reason="BOUNCE")
    assert listed(client) == ["b1@example.net", "c1@example.net", "b2@example.net"]
    assert listed(client, Reasons=["BOUNCE"]) == ["b1@example.net", "b2@example.net"]
    assert listed(client, Reasons=["BOUNCE", "COMPLAINT"]) == listed(client)
    assert listed(client, StartDate=middle) == ["c1@example.net", "b2@example.net"]
    assert listed(client, EndDate=middle) == ["b1@example.net", "c1@example.net"]
    b1 = client.get_suppressed_destination(EmailAddress="b1@example.net")
    at = b1["SuppressedDestination"]["LastUpdateTime"]
    assert listed(client, StartDate=at, EndDate=at) == ["b1@example.net"]
    assert listed(client, StartDate=start, EndDate=start) == []
    assert listed(client, StartDate=middle + timedelta(hours=2)) == []

    first = client.list_suppressed_destinations(PageSize=2)
    assert [d["EmailAddress"] for d in first["SuppressedDestinationSummaries"]] == [
        "b1@example.net",
        "c1@example.net",
    ]
    rest = listed(client, PageSize=2, NextToken=first["NextToken"])
    assert rest == ["b2@example.net"]
    token, seen = None, []
    while True:
        page = client.list_suppressed_destinations(
            PageSize=1, **({"NextToken": token} if token else {})
        )
        seen += [d["EmailAddress"] for d in page["SuppressedDestinationSummaries"]]
        token = page.get("NextToken")
        if token is None:
            break
    assert seen == ["b1@example.net", "c1@example.net", "b2@example.net"]

    with pytest.raises(client.exceptions.InvalidNextTokenException):
        client.list_suppressed_destinations(Reasons=["BOUNCE"], NextToken=first["NextToken"])
    for size in (0, 1001):
        with pytest.raises(client.exceptions.BadRequestException):
            client.list_suppressed_destinations(PageSize=size)


def test_putting_again_updates_reason_and_time(ses_verification: SesVerification) -> None:
    """emulator: one entry, the last reason."""
    client = v2()
    client.put_suppressed_destination(EmailAddress="a@example.net", Reason="BOUNCE")
    client.put_suppressed_destination(EmailAddress="b@example.net", Reason="BOUNCE")
    ses_verification.advance(minutes=5)
    client.put_suppressed_destination(EmailAddress="a@example.net", Reason="COMPLAINT")
    found = client.get_suppressed_destination(EmailAddress="a@example.net")
    assert found["SuppressedDestination"]["Reason"] == "COMPLAINT"
    assert abs(found["SuppressedDestination"]["LastUpdateTime"] - ses_verification.now) < timedelta(
        seconds=1
    )
    assert listed(client) == ["b@example.net", "a@example.net"]


def test_the_list_is_per_region(ses_verification: SesVerification) -> None:
    """doc: the list applies in the current Region."""
    v2("eu-west-1").put_suppressed_destination(EmailAddress="a@example.net", Reason="BOUNCE")
    assert listed(v2("eu-west-1")) == ["a@example.net"]
    assert listed(v2("us-east-1")) == []


def test_get_account_reasons_and_put_account_suppression_attributes(
    ses_verification: SesVerification,
) -> None:
    """doc: BOUNCE and COMPLAINT by default; [] allowed."""
    client = v2()

    def reasons() -> list[str]:
        account = client.get_account()
        assert_valid_output(client, "GetAccount", account)
        return list(account["SuppressionAttributes"]["SuppressedReasons"])

    assert reasons() == ["BOUNCE", "COMPLAINT"]
    response = client.put_account_suppression_attributes(SuppressedReasons=["COMPLAINT"])
    assert checked(client, "PutAccountSuppressionAttributes", response) == {}
    assert reasons() == ["COMPLAINT"]
    client.put_account_suppression_attributes(SuppressedReasons=[])
    assert reasons() == []
    assert v2("eu-west-1").get_account()["SuppressionAttributes"]["SuppressedReasons"] == [
        "BOUNCE",
        "COMPLAINT",
    ]


@pytest.mark.ses_identity("example.com", "Success")
def test_a_send_to_a_listed_address_bounces_on_account_suppression_list(
    ses_verification: SesVerification,
) -> None:
    """real: the bounce body; doc: accepted, not in the bounce rate."""
    topics("Bounce", "Delivery")
    client = v2()
    client.put_suppressed_destination(EmailAddress="gone@example.net", Reason="BOUNCE")
    send_v2(client, "gone@Example.net", "fine@example.net")
    [sent] = ses_verification.outbox
    assert sent.suppressed == {"gone@Example.net": "BOUNCE"}
    kinds = {n.type: n.message for n in ses_verification.notifications}
    assert kinds["Delivery"]["delivery"]["recipients"] == ["fine@example.net"]
    bounce = kinds["Bounce"]["bounce"]
    assert bounce["bounceType"] == "Permanent"
    assert bounce["bounceSubType"] == "OnAccountSuppressionList"
    assert bounce["reportingMTA"] == "dns; amazonses.com"
    [recipient] = bounce["bouncedRecipients"]
    assert recipient["emailAddress"] == "gone@Example.net"
    assert (recipient["action"], recipient["status"]) == ("failed", "5.1.1")
    assert recipient["diagnosticCode"].startswith(
        "Amazon SES did not send the message to this address because it is on the "
        "suppression list for your account."
    )
    [point] = boto3.client("ses", region_name="us-east-1").get_send_statistics()["SendDataPoints"]
    assert point["Bounces"] == 0


@pytest.mark.ses_identity("example.com", "Success")
def test_a_complaint_entry_gives_a_complaint_on_account_suppression_list(
    ses_verification: SesVerification,
) -> None:
    """doc: complaintSubType OnAccountSuppressionList; emulator: for a COMPLAINT entry."""
    topics("Bounce", "Complaint")
    ses_verification.suppress("angry@example.net", reason="COMPLAINT")
    v1().send_email(
        Source="app@example.com",
        Destination={"ToAddresses": ["angry@example.net"]},
        Message=MESSAGE,
    )
    [complaint] = ses_verification.notifications
    assert complaint.type == "Complaint"
    body = complaint.message["complaint"]
    assert body["complaintSubType"] == "OnAccountSuppressionList"
    assert body["complainedRecipients"] == [{"emailAddress": "angry@example.net"}]
    assert "complaintFeedbackType" not in body


@pytest.mark.ses_identity("example.com", "Success")
def test_simulator_bounces_and_complaints_are_not_added(ses_verification: SesVerification) -> None:
    """doc: the simulator's bounce address "isn't placed on the Amazon SES suppression
    list"; its complaint address neither (chosen, by analogy)."""
    topics("Bounce", "Complaint")
    client = v2()
    send_v2(client, BOUNCE_SIM, COMPLAINT_SIM)
    assert listed(client) == []
    for address in (BOUNCE_SIM, COMPLAINT_SIM):
        with pytest.raises(ClientError) as raised:
            client.get_suppressed_destination(EmailAddress=address)
        assert raised.value.response["Error"]["Code"] == "NotFoundException"
    send_v2(client, BOUNCE_SIM)  # bounces as before, not from the list
    last = ses_verification.notifications[-1].message["bounce"]
    assert last["bounceSubType"] == "General"


@pytest.mark.ses_identity("example.com", "Success")
def test_the_account_reasons_decide_what_is_added_and_suppressed(
    ses_verification: SesVerification,
) -> None:
    """emulator: an entry suppresses only when its reason applies."""
    client = v2()
    client.put_account_suppression_attributes(SuppressedReasons=["COMPLAINT"])
    client.put_suppressed_destination(EmailAddress="b@example.net", Reason="BOUNCE")
    client.put_suppressed_destination(EmailAddress="c@example.net", Reason="COMPLAINT")
    send_v2(client, "b@example.net", "c@example.net")
    assert ses_verification.outbox[-1].suppressed == {"c@example.net": "COMPLAINT"}


@pytest.mark.ses_identity("example.com", "Success")
def test_a_configuration_set_overrides_the_account(ses_verification: SesVerification) -> None:
    """doc: the set's SuppressionOptions override the account's ([]: none)."""
    client = v2()
    client.create_configuration_set(
        ConfigurationSetName="none", SuppressionOptions={"SuppressedReasons": []}
    )
    client.create_configuration_set(
        ConfigurationSetName="bounces", SuppressionOptions={"SuppressedReasons": ["BOUNCE"]}
    )
    client.create_configuration_set(ConfigurationSetName="plain")
    ses_verification.suppress("gone@example.net")
    ses_verification.suppress("angry@example.net", reason="COMPLAINT")
    both = ("gone@example.net", "angry@example.net")
    send_v2(client, *both, configuration_set="none")
    assert ses_verification.outbox[-1].suppressed == {}
    send_v2(client, *both, configuration_set="bounces")
    assert ses_verification.outbox[-1].suppressed == {"gone@example.net": "BOUNCE"}
    send_v2(client, *both, configuration_set="plain")  # the account's: both
    assert ses_verification.outbox[-1].suppressed == {
        "gone@example.net": "BOUNCE",
        "angry@example.net": "COMPLAINT",
    }


@pytest.mark.ses_verification(sandbox=True)
def test_the_sandbox_cannot_put(ses_verification: SesVerification) -> None:
    """doc: not until production access; chosen: the code."""
    client = v2()
    with pytest.raises(client.exceptions.BadRequestException):
        client.put_suppressed_destination(EmailAddress="a@example.net", Reason="BOUNCE")
    ses_verification.suppress("a@example.net")
    assert listed(client) == ["a@example.net"]


def test_suppress_every_region_and_its_errors(ses_verification: SesVerification) -> None:
    """chosen: the fixture's preset."""
    ses_verification.suppress("a@example.net", reason="COMPLAINT")
    assert listed(v2("ap-south-1")) == ["a@example.net"]
    ses_verification.suppress("b@example.net", region="eu-west-1")
    assert listed(v2("eu-west-1")) == ["a@example.net", "b@example.net"]
    assert listed(v2("ap-south-1")) == ["a@example.net"]
    with pytest.raises(UsageError, match="reason 'SPAM' is not one of"):
        ses_verification.suppress("a@example.net", reason="SPAM")  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="Email address nope is invalid"):
        ses_verification.suppress("nope")


@pytest.mark.botocore_knows("sesv2", "GetSuppressedDestination", "TenantName")
@pytest.mark.botocore_knows("sesv2", "PutAccountSuppressionAttributes", "ValidationAttributes")
def test_a_tenant_list_and_validation_attributes_are_unsupported(
    ses_verification: SesVerification,
) -> None:
    """chosen: tenants' suppression lists and validation attributes are not implemented."""
    client = v2()
    with pytest.raises(UnsupportedOperationError, match="with TenantName"):
        client.get_suppressed_destination(EmailAddress="a@example.net", TenantName="t")
    with pytest.raises(UnsupportedOperationError, match="with ValidationAttributes"):
        client.put_account_suppression_attributes(
            SuppressedReasons=[],
            ValidationAttributes={"ConditionThreshold": {"ConditionThresholdEnabled": "DISABLED"}},
        )
    assert client.get_account()["SuppressionAttributes"]["SuppressedReasons"] == [
        "BOUNCE",
        "COMPLAINT",
    ]
    ses_verification._service.unsupported_calls.clear()  # expected here


def test_timestamps_as_strings_and_numbers(ses_verification: SesVerification) -> None:
    """chosen: what botocore serialises for a timestamp."""
    client = v2()
    client.put_suppressed_destination(EmailAddress="a@example.net", Reason="BOUNCE")
    later = ses_verification.now + timedelta(minutes=1)
    assert listed(client, StartDate=later.isoformat()) == []
    assert listed(client, EndDate=later.timestamp()) == ["a@example.net"]
    naive = datetime(2000, 1, 1)
    assert listed(client, StartDate=naive) == ["a@example.net"]
    assert listed(client, EndDate=datetime(2000, 1, 1, tzinfo=timezone.utc)) == []
