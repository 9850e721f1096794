"""SES v2 list management through real sesv2 clients: contact lists, contacts, ListContacts'
filter and paging, and SendEmail with ListManagementOptions (who is not sent to, the
List-Unsubscribe headers, the unsubscribe link, a recipient's unsubscribe). Every answer
is checked against botocore's output shape; each test's docstring names its evidence (the
README's behaviour table), or "chosen"."""

from __future__ import annotations

import email
from datetime import datetime
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from pytest_ses_verify import SesVerification, UsageError

from ..conftest import assert_valid_output

R = "us-east-1"
WEEKLY = {"TopicName": "weekly", "DisplayName": "Weekly", "DefaultSubscriptionStatus": "OPT_IN"}
PROMO = {
    "TopicName": "promo",
    "DisplayName": "Promotions",
    "Description": "Offers",
    "DefaultSubscriptionStatus": "OPT_OUT",
}
FOOTER = "Unsubscribe: {{amazonSESUnsubscribeUrl}}"


def v2(region: str = R) -> Any:
    return boto3.client("sesv2", region_name=region)


def error_of(exc: pytest.ExceptionInfo[ClientError]) -> tuple[str, int, str]:
    response = exc.value.response
    error = response["Error"]
    return error["Code"], response["ResponseMetadata"]["HTTPStatusCode"], error["Message"]


def news(client: Any) -> None:
    answer = client.create_contact_list(
        ContactListName="news",
        Description="The news",
        Topics=[WEEKLY, PROMO],
        Tags=[{"Key": "team", "Value": "growth"}],
    )
    assert_valid_output(client, "CreateContactList", answer)


def send(client: Any, to: list[str], topic: str | None = "weekly", **more: Any) -> str:
    options = {"ContactListName": "news"} | ({} if topic is None else {"TopicName": topic})
    response = client.send_email(
        FromEmailAddress="app@example.com",
        Destination={"ToAddresses": to},
        Content={
            "Simple": {
                "Subject": {"Data": "Hi"},
                "Body": {"Text": {"Data": FOOTER}, "Html": {"Data": f"<p>{FOOTER}</p>"}},
            }
        },
        ListManagementOptions=options,
        **more,
    )
    assert_valid_output(client, "SendEmail", response)
    return str(response["MessageId"])


@pytest.mark.usefixtures("ses_verification")
def test_create_get_list_update_delete_contact_list() -> None:
    """doc: CreateContactList, GetContactList (Topics, Description, timestamps, Tags),
    ListContactLists, UpdateContactList (a complete replacement), DeleteContactList;
    emulator (probed): `List with name: <name> doesn't exist.`; one list per region,
    `A maximum of 1 Lists allowed per account.` as BadRequestException."""
    client = v2()
    assert client.list_contact_lists()["ContactLists"] == []
    news(client)
    got = client.get_contact_list(ContactListName="news")
    assert_valid_output(client, "GetContactList", got)
    assert got["Topics"] == [WEEKLY, PROMO]
    assert (got["Description"], got["Tags"]) == ("The news", [{"Key": "team", "Value": "growth"}])
    assert isinstance(got["CreatedTimestamp"], datetime)
    listed = client.list_contact_lists(PageSize=1)
    assert_valid_output(client, "ListContactLists", listed)
    assert [c["ContactListName"] for c in listed["ContactLists"]] == ["news"]
    assert "NextToken" not in listed
    with pytest.raises(client.exceptions.BadRequestException) as second:
        client.create_contact_list(ContactListName="other")
    assert error_of(second) == (
        "BadRequestException",
        400,
        "A maximum of 1 Lists allowed per account.",
    )
    assert v2("eu-west-1").list_contact_lists()["ContactLists"] == []
    answer = client.update_contact_list(ContactListName="news", Topics=[PROMO])
    assert_valid_output(client, "UpdateContactList", answer)
    updated = client.get_contact_list(ContactListName="news")
    assert updated["Topics"] == [PROMO]
    assert "Description" not in updated
    assert_valid_output(
        client, "DeleteContactList", client.delete_contact_list(ContactListName="news")
    )
    with pytest.raises(client.exceptions.NotFoundException) as gone:
        client.get_contact_list(ContactListName="news")
    assert error_of(gone) == ("NotFoundException", 404, "List with name: news doesn't exist.")


@pytest.mark.usefixtures("ses_verification")
def test_contact_list_input_is_checked() -> None:
    """emulator (probed): the texts for a bad name, too many topics, duplicate topics."""
    client = v2()
    bad: list[tuple[dict[str, Any], str]] = [
        ({"ContactListName": "a.b"}, "ContactListName can contain up to 64 characters."),
        (
            {
                "ContactListName": "ok",
                "Topics": [dict(WEEKLY, TopicName=f"t{i}") for i in range(21)],
            },
            "Maximum of <20> topics allowed per ContactList",
        ),
        (
            {"ContactListName": "ok", "Topics": [WEEKLY, WEEKLY]},
            "Duplicate topic names are not allowed within a List.",
        ),
    ]
    for params, message in bad:
        with pytest.raises(client.exceptions.BadRequestException) as refused:
            client.create_contact_list(**params)
        assert error_of(refused)[2].startswith(message)
    assert client.list_contact_lists()["ContactLists"] == []


@pytest.mark.usefixtures("ses_verification")
def test_contacts() -> None:
    """doc: CreateContact, GetContact (TopicPreferences, TopicDefaultPreferences,
    UnsubscribeAll, AttributesData, timestamps), UpdateContact, DeleteContact; emulator
    (probed): texts; preferences merge on update, AttributesData and UnsubscribeAll are
    replaced; real: AttributesData wiped when omitted (aws/aws-sdk#579)."""
    client = v2()
    with pytest.raises(client.exceptions.NotFoundException) as no_list:
        client.create_contact(ContactListName="news", EmailAddress="a@example.net")
    assert error_of(no_list)[2] == "List with name: news doesn't exist."
    news(client)
    created = client.create_contact(
        ContactListName="news",
        EmailAddress="a@example.net",
        TopicPreferences=[{"TopicName": "promo", "SubscriptionStatus": "OPT_IN"}],
        AttributesData='{"name": "Ann"}',
    )
    assert_valid_output(client, "CreateContact", created)
    got = client.get_contact(ContactListName="news", EmailAddress="a@example.net")
    assert_valid_output(client, "GetContact", got)
    assert got["TopicPreferences"] == [{"TopicName": "promo", "SubscriptionStatus": "OPT_IN"}]
    assert got["TopicDefaultPreferences"] == [
        {"TopicName": "weekly", "SubscriptionStatus": "OPT_IN"}
    ]
    assert (got["UnsubscribeAll"], got["AttributesData"]) == (False, '{"name": "Ann"}')
    with pytest.raises(client.exceptions.AlreadyExistsException) as twice:
        client.create_contact(ContactListName="news", EmailAddress="a@example.net")
    assert error_of(twice) == (
        "AlreadyExistsException",
        400,
        "a@example.net already exists in List.",
    )
    with pytest.raises(client.exceptions.BadRequestException) as topic:
        client.create_contact(
            ContactListName="news",
            EmailAddress="b@example.net",
            TopicPreferences=[{"TopicName": "daily", "SubscriptionStatus": "OPT_IN"}],
        )
    assert error_of(topic)[2] == "List: news doesn't contain Topic: daily"
    answer = client.update_contact(
        ContactListName="news",
        EmailAddress="a@example.net",
        TopicPreferences=[{"TopicName": "weekly", "SubscriptionStatus": "OPT_OUT"}],
    )
    assert_valid_output(client, "UpdateContact", answer)
    updated = client.get_contact(ContactListName="news", EmailAddress="a@example.net")
    assert updated["TopicPreferences"] == [
        {"TopicName": "promo", "SubscriptionStatus": "OPT_IN"},
        {"TopicName": "weekly", "SubscriptionStatus": "OPT_OUT"},
    ]
    assert (updated["TopicDefaultPreferences"], "AttributesData" in updated) == ([], False)
    assert updated["LastUpdatedTimestamp"] >= got["LastUpdatedTimestamp"]
    answer = client.delete_contact(ContactListName="news", EmailAddress="a@example.net")
    assert_valid_output(client, "DeleteContact", answer)
    with pytest.raises(client.exceptions.NotFoundException) as gone:
        client.get_contact(ContactListName="news", EmailAddress="a@example.net")
    assert error_of(gone) == ("NotFoundException", 404, "a@example.net doesn't exist in List.")


@pytest.mark.usefixtures("ses_verification")
def test_list_contacts_filter_and_paging() -> None:
    """doc: ListContacts Filter (FilteredStatus, TopicFilter with
    UseDefaultIfPreferenceUnavailable), PageSize and NextToken; chosen: creation order."""
    client = v2()
    news(client)
    client.create_contact(
        ContactListName="news",
        EmailAddress="in@example.net",
        TopicPreferences=[{"TopicName": "promo", "SubscriptionStatus": "OPT_IN"}],
    )
    client.create_contact(ContactListName="news", EmailAddress="none@example.net")
    client.create_contact(
        ContactListName="news", EmailAddress="all@example.net", UnsubscribeAll=True
    )

    def emails(**params: Any) -> list[str]:
        answer = client.list_contacts(ContactListName="news", **params)
        assert_valid_output(client, "ListContacts", answer)
        return [c["EmailAddress"] for c in answer["Contacts"]]

    promo_in = {"FilteredStatus": "OPT_IN", "TopicFilter": {"TopicName": "promo"}}
    assert emails(Filter=promo_in) == ["in@example.net"]
    promo_out = {
        "FilteredStatus": "OPT_OUT",
        "TopicFilter": {"TopicName": "promo", "UseDefaultIfPreferenceUnavailable": True},
    }
    assert emails(Filter=promo_out) == ["none@example.net", "all@example.net"]
    assert emails(Filter={"FilteredStatus": "OPT_OUT"}) == ["all@example.net"]
    first = client.list_contacts(ContactListName="news", PageSize=2)
    assert [c["EmailAddress"] for c in first["Contacts"]] == ["in@example.net", "none@example.net"]
    assert emails(PageSize=2, NextToken=first["NextToken"]) == ["all@example.net"]
    with pytest.raises(client.exceptions.NotFoundException):
        client.list_contacts(ContactListName="other")


@pytest.mark.ses_identity("example.com", "Success")
def test_send_with_list_management(ses_verification: SesVerification) -> None:
    """doc: the recipient becomes a contact; one recipient gets the List-Unsubscribe
    headers and the link in place of the first two placeholders in text and HTML;
    several recipients get neither; chosen: the link's URL."""
    client = v2()
    news(client)
    send(client, ["Ann <ann@example.net>"])
    [sent] = ses_verification.outbox
    listed = sent.list_management
    assert listed is not None
    url = listed.unsubscribe_url
    assert url is not None
    assert url.startswith("https://unsubscribe.us-east-1.amazonses.com/")
    assert listed.headers == {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    assert (sent.text, sent.html) == (f"Unsubscribe: {url}", f"<p>Unsubscribe: {url}</p>")
    assert (listed.contact_list, listed.topic, listed.unsubscribed) == ("news", "weekly", [])
    contact = client.get_contact(ContactListName="news", EmailAddress="ann@example.net")
    assert contact["TopicPreferences"] == []
    send(client, ["ann@example.net", "bob@example.net"])
    several = ses_verification.outbox[-1]
    assert several.list_management is not None
    assert (several.list_management.unsubscribe_url, several.list_management.headers) == (None, {})
    assert several.text == FOOTER


@pytest.mark.ses_identity("example.com", "Success")
def test_unsubscribed_contacts_are_not_sent_to(ses_verification: SesVerification) -> None:
    """doc: SES does not send to a contact unsubscribed from the topic or the list (the
    send is accepted; SES bounces it); emulator: a topic's OPT_OUT default decides for a
    contact without a preference; chosen: `list_management.unsubscribed`."""
    client = v2()
    news(client)
    message_id = send(client, ["ann@example.net"])
    contact = ses_verification.unsubscribe(message_id)  # the List-Unsubscribe link
    assert contact.preferences == {"weekly": "OPT_OUT"}
    got = client.get_contact(ContactListName="news", EmailAddress="ann@example.net")
    assert got["TopicPreferences"] == [{"TopicName": "weekly", "SubscriptionStatus": "OPT_OUT"}]
    send(client, ["ann@example.net", "bob@example.net"])
    weekly = ses_verification.outbox[-1].list_management
    assert weekly is not None
    assert weekly.unsubscribed == ["ann@example.net"]
    send(client, ["ann@example.net", "bob@example.net"], topic="promo")
    promo = ses_verification.outbox[-1].list_management
    assert promo is not None
    assert promo.unsubscribed == ["ann@example.net", "bob@example.net"]
    ses_verification.unsubscribe("bob@example.net")  # from every topic
    send(client, ["bob@example.net"], topic=None)
    whole = ses_verification.outbox[-1].list_management
    assert whole is not None
    assert whole.unsubscribed == ["bob@example.net"]
    assert len(ses_verification.outbox) == 4


@pytest.mark.ses_identity("example.com", "Success")
def test_an_unsubscribed_contact_bounces(ses_verification: SesVerification) -> None:
    """doc: SES bounces a send to an unsubscribed contact; chosen: Permanent/General,
    as a notification (the identity's topic) and as an event (the configuration set)."""
    topic = "arn:aws:sns:us-east-1:123456789012:feedback"
    ses = boto3.client("ses", region_name=R)
    for kind in ("Bounce", "Delivery"):
        ses.set_identity_notification_topic(
            Identity="example.com", NotificationType=kind, SnsTopic=topic
        )
    client = v2()
    news(client)
    client.create_contact(
        ContactListName="news", EmailAddress="ann@example.net", UnsubscribeAll=True
    )
    client.create_configuration_set(ConfigurationSetName="tracked")
    client.create_configuration_set_event_destination(
        ConfigurationSetName="tracked",
        EventDestinationName="feedback",
        EventDestination={
            "Enabled": True,
            "MatchingEventTypes": ["SEND", "DELIVERY", "BOUNCE"],
            "SnsDestination": {"TopicArn": topic},
        },
    )
    message_id = send(client, ["ann@example.net"], ConfigurationSetName="tracked")
    [notification] = ses_verification.notifications
    assert (notification.type, notification.topic_arn) == ("Bounce", topic)
    bounce = notification.message["bounce"]
    assert (bounce["bounceType"], bounce["bounceSubType"]) == ("Permanent", "General")
    assert [r["emailAddress"] for r in bounce["bouncedRecipients"]] == ["ann@example.net"]
    assert notification.message["mail"]["messageId"] == message_id
    assert [e.type for e in ses_verification.events] == ["Send", "Bounce"]
    event = ses_verification.events[1].message["bounce"]
    assert (event["bounceType"], event["bounceSubType"]) == ("Permanent", "General")
    assert [r["emailAddress"] for r in event["bouncedRecipients"]] == ["ann@example.net"]


@pytest.mark.ses_identity("example.com", "Success")
def test_send_to_an_unknown_list_or_topic(ses_verification: SesVerification) -> None:
    """chosen: refused, NotFoundException for the list, BadRequestException for the
    topic (SES's texts for the list and the topic elsewhere)."""
    client = v2()
    with pytest.raises(client.exceptions.NotFoundException) as no_list:
        send(client, ["ann@example.net"])
    assert error_of(no_list)[2] == "List with name: news doesn't exist."
    news(client)
    with pytest.raises(client.exceptions.BadRequestException) as no_topic:
        send(client, ["ann@example.net"], topic="daily")
    assert error_of(no_topic)[2] == "List: news doesn't contain Topic: daily"
    assert ses_verification.outbox == []


@pytest.mark.ses_identity("example.com", "Success")
def test_templated_and_raw_sends(ses_verification: SesVerification) -> None:
    """doc: the placeholder works in templates; SES overrides a message's own
    List-Unsubscribe headers; chosen: a raw message's bodies are left as they are."""
    client = v2()
    news(client)
    client.create_email_template(
        TemplateName="digest",
        TemplateContent={
            "Subject": "For {{name}}",
            "Text": "Hi {{name}}. {{amazonSESUnsubscribeUrl}}",
        },
    )
    client.send_email(
        FromEmailAddress="app@example.com",
        Destination={"ToAddresses": ["ann@example.net"]},
        Content={"Template": {"TemplateName": "digest", "TemplateData": '{"name": "Ann"}'}},
        ListManagementOptions={"ContactListName": "news"},
    )
    templated = ses_verification.outbox[-1]
    assert templated.list_management is not None
    assert templated.text == f"Hi Ann. {templated.list_management.unsubscribe_url}"
    assert ses_verification.rendering_failures == []
    raw = (
        b"From: app@example.com\r\nTo: ann@example.net\r\nSubject: Hi\r\n"
        b"List-Unsubscribe: <mailto:own@example.com>\r\n\r\n" + FOOTER.encode()
    )
    client.send_email(
        Content={"Raw": {"Data": raw}}, ListManagementOptions={"ContactListName": "news"}
    )
    delivered = ses_verification.outbox[-1]
    assert delivered.raw is not None
    assert delivered.list_management is not None
    message = email.message_from_bytes(delivered.raw)
    assert message.get_all("List-Unsubscribe") == [f"<{delivered.list_management.unsubscribe_url}>"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.get_payload() == FOOTER


@pytest.mark.ses_identity("example.com", "Success")
def test_unsubscribe_helper(ses_verification: SesVerification) -> None:
    """The fixture's unsubscribe(): by URL, by address (topic or all), and its errors."""
    client = v2()
    news(client)
    send(client, ["ann@example.net"], topic=None)
    listed = ses_verification.outbox[-1].list_management
    assert listed is not None
    assert listed.unsubscribe_url is not None
    assert ses_verification.unsubscribe(listed.unsubscribe_url).unsubscribe_all is True
    carl = ses_verification.unsubscribe("carl@example.net", topic="promo", region=R)
    assert (carl.preferences, carl.unsubscribe_all) == ({"promo": "OPT_OUT"}, False)
    send(client, ["ann@example.net", "bob@example.net"])
    several = ses_verification.outbox[-1].message_id
    with pytest.raises(UsageError, match="carries no unsubscribe link"):
        ses_verification.unsubscribe(several)
    with pytest.raises(UsageError, match="no message 'nope'"):
        ses_verification.unsubscribe("nope")
    with pytest.raises(UsageError, match="doesn't contain Topic: daily"):
        ses_verification.unsubscribe("ann@example.net", topic="daily")
    with pytest.raises(UsageError, match="no contact list"):
        ses_verification.unsubscribe("ann@example.net", region="eu-west-1")


@pytest.mark.ses_verification(rate_limit=True)
def test_list_operations_are_throttled(ses_verification: SesVerification) -> None:
    """doc: every action but the sends is throttled at one request per second
    ("Service quotas in Amazon SES"), with rate_limit=True."""
    client = v2()
    news(client)
    with pytest.raises(ClientError, match="TooManyRequestsException"):
        client.get_contact_list(ContactListName="news")
    ses_verification.advance(seconds=1)
    assert client.get_contact_list(ContactListName="news")["ContactListName"] == "news"
