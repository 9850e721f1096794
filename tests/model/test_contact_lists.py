"""The pure contact lists (pytest_ses_verify.model.contact_lists): lists, topics, contacts,
ListContacts' filter, and what a send with ListManagementOptions does. Each test names
its evidence in the README's behaviour table, or "chosen"."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from pytest_ses_verify.model.account import Account
from pytest_ses_verify.model.contact_lists import (
    ContactExists,
    ContactListLimitReached,
    ContactListMissing,
    ContactLists,
    ContactMissing,
    UnknownTopic,
)
from pytest_ses_verify.model.errors import InvalidParameter
from pytest_ses_verify.model.identities import Registry
from pytest_ses_verify.model.list_delivery import replace_placeholder, with_headers
from pytest_ses_verify.model.pipeline import Send

T0 = datetime(2030, 1, 1, tzinfo=timezone.utc)
R = "us-east-1"
WEEKLY = {"TopicName": "weekly", "DisplayName": "Weekly", "DefaultSubscriptionStatus": "OPT_IN"}
PROMO = {"TopicName": "promo", "DisplayName": "Promos", "DefaultSubscriptionStatus": "OPT_OUT"}


def lists() -> ContactLists:
    made = ContactLists()
    made.create(R, "news", T0, [WEEKLY, PROMO], "The news")
    return made


def test_one_list_per_region() -> None:
    """emulator (probed): a second list, or the same name again, is refused with
    `A maximum of 1 Lists allowed per account.`; another region has its own; doc: one
    contact list per account."""
    made = lists()
    for name in ("other", "news"):
        with pytest.raises(ContactListLimitReached, match=r"^A maximum of 1 Lists allowed"):
            made.create(R, name, T0)
    made.create("eu-west-1", "news", T0)
    assert [c.name for c in made.lists(R)] == ["news"]
    assert made.regions() == [R, "eu-west-1"]
    made.delete(R, "news")
    made.create(R, "other", T0)
    assert [c.name for c in made.lists(R)] == ["other"]


@pytest.mark.parametrize(
    ("name", "topics", "description", "message"),
    [
        (" ", [], None, "ContactListName can't be blank."),
        ("a.b", [], None, "ContactListName can contain up to 64 characters."),
        ("a" * 65, [], None, "ContactListName can contain up to 64 characters."),
        ("ok", [dict(WEEKLY, TopicName=f"t{i}") for i in range(21)], None, "Maximum of <20>"),
        ("ok", [dict(WEEKLY, TopicName="a b")], None, "TopicName can contain up to 64"),
        ("ok", [dict(WEEKLY, DisplayName="d" * 129)], None, "Topic DisplayName can contain"),
        ("ok", [WEEKLY, WEEKLY], None, "Duplicate topic names are not allowed within a List."),
        ("ok", [], "x" * 501, "List description can contain up to 500 characters."),
    ],
)
def test_list_input_checks(
    name: str, topics: list[dict[str, str]], description: str | None, message: str
) -> None:
    """emulator (probed): the name, the topics (at most 20, names, display names,
    duplicates), then the description; doc: 20 topics."""
    with pytest.raises(InvalidParameter) as refused:
        ContactLists().create(R, name, T0, topics, description)
    assert refused.value.message.startswith(message)


def test_twenty_topics_and_a_long_display_name_are_allowed() -> None:
    """doc: a list can have a maximum of 20 topics; emulator: display names up to 128."""
    topics = [dict(WEEKLY, TopicName=f"t{i}", DisplayName="d" * 128) for i in range(20)]
    assert len(ContactLists().create(R, "news", T0, topics).topics) == 20


def test_update_replaces_topics_and_description() -> None:
    """doc: UpdateContactList "does a complete replacement"."""
    made = lists()
    later = T0 + timedelta(hours=1)
    made.update(R, "news", later, [PROMO])
    found = made.get(R, "news")
    assert [t.name for t in found.topics] == ["promo"]
    assert found.description is None
    assert (found.created, found.updated) == (T0, later)
    with pytest.raises(ContactListMissing, match=r"^List with name: nope doesn't exist\.$"):
        made.update(R, "nope", later)


def test_contacts_create_get_update_delete() -> None:
    """emulator (probed): an unknown topic is refused (`List: <list> doesn't contain
    Topic: <topic>`); a contact twice: `<address> already exists in List.`; missing:
    `<address> doesn't exist in List.`; the address checked first."""
    made = lists()
    with pytest.raises(InvalidParameter, match=r"^EmailAddress <nope> is invalid$"):
        made.create_contact(R, "missing", "nope", T0)
    with pytest.raises(ContactListMissing):
        made.create_contact(R, "missing", "a@example.net", T0)
    with pytest.raises(UnknownTopic, match=r"^List: news doesn't contain Topic: daily$"):
        made.create_contact(
            R, "news", "a@example.net", T0, [{"TopicName": "daily", "SubscriptionStatus": "OPT_IN"}]
        )
    contact = made.create_contact(
        R,
        "news",
        "a@example.net",
        T0,
        [{"TopicName": "promo", "SubscriptionStatus": "OPT_IN"}],
        attributes='{"name": "A"}',
    )
    assert contact.preferences == {"promo": "OPT_IN"}
    found, got = made.get_contact(R, "news", "a@example.net")
    assert got is contact
    assert found.defaults_of(contact) == [("weekly", "OPT_IN")]
    with pytest.raises(ContactExists, match=r"^a@example.net already exists in List\.$"):
        made.create_contact(R, "news", "a@example.net", T0)
    made.delete_contact(R, "news", "a@example.net")
    with pytest.raises(ContactMissing, match=r"^a@example.net doesn't exist in List\.$"):
        made.get_contact(R, "news", "a@example.net")


def test_attributes_data_must_be_a_json_object() -> None:
    """doc: AttributesData "must be a valid JSON object"; chosen: the text."""
    made = lists()
    for bad in ("[1]", "not json"):
        with pytest.raises(InvalidParameter, match="AttributesData must be a valid JSON"):
            made.create_contact(R, "news", "a@example.net", T0, attributes=bad)


def test_update_contact_merges_preferences_and_replaces_the_rest() -> None:
    """emulator (probed): preferences merge by topic; UnsubscribeAll and AttributesData
    are replaced (omitted: false, none); real: AttributesData wiped when omitted
    (aws/aws-sdk#579)."""
    made = lists()
    made.create_contact(
        R,
        "news",
        "a@example.net",
        T0,
        [{"TopicName": "promo", "SubscriptionStatus": "OPT_IN"}],
        True,
        '{"name": "A"}',
    )
    later = T0 + timedelta(minutes=5)
    contact = made.update_contact(
        R,
        "news",
        "a@example.net",
        later,
        [{"TopicName": "weekly", "SubscriptionStatus": "OPT_OUT"}],
    )
    assert contact.preferences == {"promo": "OPT_IN", "weekly": "OPT_OUT"}
    assert (contact.unsubscribe_all, contact.attributes) == (False, None)
    assert (contact.created, contact.updated) == (T0, later)
    made.update_contact(R, "news", "a@example.net", later, None, True)
    assert contact.preferences == {"promo": "OPT_IN", "weekly": "OPT_OUT"}
    assert contact.unsubscribe_all is True
    with pytest.raises(ContactMissing):
        made.update_contact(R, "news", "b@example.net", later)


def test_list_contacts_filter() -> None:
    """doc: FilteredStatus with TopicFilter (UseDefaultIfPreferenceUnavailable: the
    topic's default for contacts without a preference; false: explicit preferences only);
    chosen: without a topic, OPT_OUT is the contacts unsubscribed from all."""
    made = lists()
    opt_in = [{"TopicName": "promo", "SubscriptionStatus": "OPT_IN"}]
    made.create_contact(R, "news", "in@example.net", T0, opt_in)
    made.create_contact(R, "news", "none@example.net", T0)
    made.create_contact(R, "news", "all@example.net", T0, unsubscribe_all=True)

    def emails(*args: object) -> list[str]:
        return [c.email for c in made.contacts(R, "news", *args)]  # type: ignore[arg-type]

    every = ["in@example.net", "none@example.net", "all@example.net"]
    assert emails() == every
    assert emails("OPT_IN", "promo") == ["in@example.net"]
    assert emails("OPT_OUT", "promo") == []
    assert emails("OPT_OUT", "promo", True) == ["none@example.net", "all@example.net"]
    # chosen: a topic's filter reads the preferences alone, not UnsubscribeAll
    assert emails("OPT_IN", "weekly", True) == every
    assert emails("OPT_IN", "weekly") == []
    assert emails("OPT_OUT") == ["all@example.net"]
    assert emails("OPT_IN") == ["in@example.net", "none@example.net"]
    with pytest.raises(UnknownTopic):
        emails("OPT_IN", "daily")


def test_paging_contacts() -> None:
    """chosen: creation order; a token pages only the list it was issued for."""
    made = lists()
    for i in range(3):
        made.create_contact(R, "news", f"c{i}@example.net", T0)
    every = made.contacts(R, "news")
    first, token = made.contacts_page(R, "news", every, None, 2)
    assert [c.email for c in first] == ["c0@example.net", "c1@example.net"]
    rest, last = made.contacts_page(R, "news", every, token, 2)
    assert ([c.email for c in rest], last) == (["c2@example.net"], None)
    with pytest.raises(InvalidParameter, match="Invalid NextToken"):
        made.page(R, token, 2)


def test_deliver_creates_contacts_and_skips_the_unsubscribed() -> None:
    """doc: a recipient not on the list becomes a contact; an unsubscribed contact is not
    sent to (from the topic, or from all); emulator: a topic's OPT_OUT default decides
    for a contact without a preference; doc: the link and headers only for a single
    recipient."""
    made = lists()
    made.create_contact(R, "news", "all@example.net", T0, unsubscribe_all=True)
    made.create_contact(
        R, "news", "in@example.net", T0, [{"TopicName": "promo", "SubscriptionStatus": "OPT_IN"}]
    )
    recipients = [
        ("All <all@example.net>", "all@example.net"),
        ("in@example.net", "in@example.net"),
        ("new@example.net", "new@example.net"),
    ]
    promo = made.deliver(R, "news", "promo", recipients, T0)
    assert promo.unsubscribed == ["All <all@example.net>", "new@example.net"]
    assert (promo.unsubscribe_url, promo.headers) == (None, {})
    assert "new@example.net" in made.get(R, "news").contacts
    weekly = made.deliver(R, "news", "weekly", recipients, T0)
    assert weekly.unsubscribed == ["All <all@example.net>"]
    whole = made.deliver(R, "news", None, recipients[1:], T0)
    assert whole.unsubscribed == []
    single = made.deliver(R, "news", "weekly", [recipients[1]], T0)
    assert single.unsubscribe_url is not None
    assert single.unsubscribe_url.startswith("https://unsubscribe.us-east-1.amazonses.com/")
    assert single.headers == {
        "List-Unsubscribe": f"<{single.unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    assert made.link(single.unsubscribe_url) == (R, "news", "in@example.net", "weekly")
    assert made.link("https://unsubscribe.us-east-1.amazonses.com/v1/unsubscribe/x") is None


def test_unsubscribe_from_a_topic_or_from_all() -> None:
    """doc: a link with a topic unsubscribes from that topic; without one, from all the
    topics of the list; emulator: an address that is not a contact becomes one."""
    made = lists()
    heard: list[tuple[object, ...]] = []
    made.on_unsubscribe(lambda *args: heard.append(args))
    later = T0 + timedelta(days=1)
    contact = made.unsubscribe(R, "news", "a@example.net", "weekly", later)
    assert (contact.preferences, contact.unsubscribe_all) == ({"weekly": "OPT_OUT"}, False)
    assert contact.updated == later
    made.unsubscribe(R, "news", "a@example.net", None, later)
    assert contact.unsubscribe_all is True
    assert heard == [
        (R, "news", "a@example.net", "weekly", later),
        (R, "news", "a@example.net", None, later),
    ]
    with pytest.raises(UnknownTopic):
        made.unsubscribe(R, "news", "a@example.net", "daily", later)
    assert len(heard) == 2


def test_placeholder_and_headers() -> None:
    """doc: only the first two placeholders are replaced; SES overrides the message's own
    List-Unsubscribe headers."""
    body = "{{amazonSESUnsubscribeUrl}} {{amazonSESUnsubscribeUrl}} {{amazonSESUnsubscribeUrl}}"
    assert replace_placeholder(body, "U") == "U U {{amazonSESUnsubscribeUrl}}"
    assert replace_placeholder(b"raw", "U") == b"raw"
    assert replace_placeholder(None, "U") is None
    raw = (
        b"From: a@b.c\r\nList-Unsubscribe: <mailto:x@y.z>,\r\n <https://x>\r\nTo: d@e.f\r\n\r\nbody"
    )
    headers = {"List-Unsubscribe": "<U>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    assert with_headers(raw, headers) == (
        b"List-Unsubscribe: <U>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
        b"From: a@b.c\r\nTo: d@e.f\r\n\r\nbody"
    )
    assert with_headers(b"From: a@b.c\n\nbody", headers).endswith(b"\nFrom: a@b.c\n\nbody")
    assert with_headers(raw, {}) == raw


def _account() -> Account:
    made = Account(Registry())
    made.registry.preset(R, "example.com", "Domain", "Success", T0)
    made.contact_lists.create(R, "news", T0, [WEEKLY])
    return made


def _send(account: Account, options: tuple[str, str | None], *to: str) -> Send:
    send = Send("sesv2", "app@example.com", recipients=list(to), to=list(to))
    send.subject, send.text, send.html = "Hi", "Bye: {{amazonSESUnsubscribeUrl}}", None
    send.list_management = options
    return send


def test_a_send_names_a_list_and_topic_that_exist() -> None:
    """chosen: an unknown list refuses the send (NotFoundException), an unknown topic too
    (BadRequestException), after the sender checks and before the quota; nothing sent."""
    account = _account()
    with pytest.raises(ContactListMissing):
        account.sending.send(R, _send(account, ("other", None), "a@example.net"), T0)
    with pytest.raises(UnknownTopic):
        account.sending.send(R, _send(account, ("news", "daily"), "a@example.net"), T0)
    assert account.sending.outbox == []
    assert account.contact_lists.get(R, "news").contacts == {}


def test_a_send_through_the_pipeline_records_the_list() -> None:
    """doc: the link replaces the placeholder in a single recipient's body; the send to
    an unsubscribed contact is accepted (SES bounces it), chosen: recorded in
    `list_management.unsubscribed`."""
    account = _account()
    sent = account.sending.send(R, _send(account, ("news", "weekly"), "a@example.net"), T0)
    assert sent.list_management is not None
    assert sent.text == f"Bye: {sent.list_management.unsubscribe_url}"
    account.contact_lists.unsubscribe(R, "news", "a@example.net", "weekly", T0)
    again = account.sending.send(
        R, _send(account, ("news", "weekly"), "a@example.net", "b@example.net"), T0
    )
    assert again.list_management is not None
    assert again.list_management.unsubscribed == ["a@example.net"]
    assert again.text == "Bye: {{amazonSESUnsubscribeUrl}}"
    assert len(account.sending.outbox) == 2


def test_following_a_link_gives_the_preferences_before_and_after() -> None:
    """doc: a Subscription event's preferences list every topic of the list, before and
    after; chosen: a topic without a preference counts as its default, and a message
    without a configuration set takes no event."""
    account = _account()
    account.contact_lists.update(R, "news", T0, [WEEKLY, PROMO], None)
    sent = account.sending.send(R, _send(account, ("news", "weekly"), "a@example.net"), T0)
    listed = sent.list_management
    assert listed is not None
    assert listed.unsubscribe_url is not None
    subscriptions = account.subscriptions
    assert subscriptions.message_of(listed.unsubscribe_url) is sent
    assert subscriptions.message_of("https://unsubscribe.example/none") is None
    before = subscriptions.preferences(R, "news", "a@example.net")
    assert before == (False, {"weekly": "OptIn", "promo": "OptOut"})
    link = account.contact_lists.link(listed.unsubscribe_url)
    assert link is not None
    contact, events = subscriptions.unsubscribe(sent.message_id, link, T0)
    assert events == []  # no configuration set
    assert contact.preferences == {"weekly": "OPT_OUT"}
    after = subscriptions.preferences(R, "news", "a@example.net")
    assert after == (False, {"weekly": "OptOut", "promo": "OptOut"})
    account.contact_lists.delete_contact(R, "news", "a@example.net")
    assert subscriptions.preferences(R, "news", "a@example.net") == before
