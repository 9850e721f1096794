"""Contact lists (SES v2 list management): one list per region, its topics and its
contacts, and what a send with ``ListManagementOptions`` does with them.

Pure: no botocore, no pytest, no clock. A list has up to 20 topics, each with a default
subscription status (``OPT_IN``/``OPT_OUT``); a contact has its own preference per topic,
an ``UnsubscribeAll`` flag and free-form ``AttributesData``. A send naming a list creates
the recipients that are not contacts yet, is not delivered to those unsubscribed (from
the topic, or from everything), and, to a single recipient, carries SES's
``List-Unsubscribe`` headers and its unsubscribe link in place of
``{{amazonSESUnsubscribeUrl}}``. Messages follow the README's behaviour table.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from .errors import InvalidParameter, ModelError
from .list_delivery import ListDelivery, UnsubscribeLink
from .paging import Cursors

MAX_LISTS = 1  # per account and region
MAX_TOPICS = 20
MAX_DISPLAY_NAME = 128
MAX_DESCRIPTION = 500
STATUSES = ("OPT_IN", "OPT_OUT")
_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}\Z")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+\Z")
_NAME_RULE = (
    "can contain up to 64 characters. Only alphanumeric characters, underscores(_) and "
    "hyphens(-) are allowed."
)
# What a subscription change tells its listeners: (region, list, address, topic or None
# for every topic, now).
Listener = Callable[[str, str, str, "str | None", datetime], None]


class ContactListMissing(ModelError):
    """The region has no list of that name: v2 ``NotFoundException``."""

    def __init__(self, name: str) -> None:
        super().__init__(f"List with name: {name} doesn't exist.")


class ContactListLimitReached(InvalidParameter):
    """The region has its one list already: v2 ``BadRequestException`` (as SES answers;
    botocore also lists ``LimitExceededException``)."""


class ContactExists(ModelError):
    """v2 ``AlreadyExistsException``."""

    def __init__(self, email: str) -> None:
        super().__init__(f"{email} already exists in List.")


class ContactMissing(ModelError):
    """v2 ``NotFoundException``."""

    def __init__(self, email: str) -> None:
        super().__init__(f"{email} doesn't exist in List.")


class UnknownTopic(InvalidParameter):
    """A topic the list does not have: v2 ``BadRequestException``."""

    def __init__(self, list_name: str, topic: str) -> None:
        super().__init__(f"List: {list_name} doesn't contain Topic: {topic}")


@dataclass
class Topic:
    name: str
    display_name: str
    default: str  # DefaultSubscriptionStatus
    description: str | None = None


@dataclass
class Contact:
    email: str
    created: datetime
    updated: datetime
    preferences: dict[str, str] = field(default_factory=dict)  # topic -> status
    unsubscribe_all: bool = False
    attributes: str | None = None


@dataclass
class ContactList:
    name: str
    created: datetime
    updated: datetime
    topics: list[Topic] = field(default_factory=list)
    description: str | None = None
    tags: list[dict[str, str]] = field(default_factory=list)
    contacts: dict[str, Contact] = field(default_factory=dict)

    def topic(self, name: str) -> Topic:
        for topic in self.topics:
            if topic.name == name:
                return topic
        raise UnknownTopic(self.name, name)

    def defaults_of(self, contact: Contact) -> list[tuple[str, str]]:
        """TopicDefaultPreferences: each topic the contact has no preference for, with
        the topic's default status."""
        return [(t.name, t.default) for t in self.topics if t.name not in contact.preferences]

    def status(self, contact: Contact, topic: str, use_default: bool = True) -> str | None:
        """The contact's status for ``topic``: its preference, else (``use_default``)
        the topic's default, else None."""
        found = contact.preferences.get(topic)
        if found is None and use_default:
            found = self.topic(topic).default
        return found

    def opted_out(self, contact: Contact, topic: str | None) -> bool:
        """Whether a send to the list (and ``topic``) is not delivered to the contact."""
        if contact.unsubscribe_all:
            return True
        return topic is not None and self.status(contact, topic) == "OPT_OUT"


def check_name(name: str, what: str = "ContactListName") -> None:
    if not name.strip():
        raise InvalidParameter(f"{what} can't be blank.")
    if not _NAME.match(name):
        raise InvalidParameter(f"{what} {_NAME_RULE}")


def check_email(email: str) -> None:
    if not email.strip():
        raise InvalidParameter("EmailAddress can't be blank.")
    if not _EMAIL.match(email):
        raise InvalidParameter(f"EmailAddress <{email}> is invalid")


def _topics(given: Sequence[Mapping[str, str]]) -> list[Topic]:
    """A list's topics as SES checks them: at most 20, then per topic its name, its
    display name's length, a name used twice."""
    if len(given) > MAX_TOPICS:
        raise InvalidParameter(f"Maximum of <{MAX_TOPICS}> topics allowed per ContactList")
    topics: list[Topic] = []
    for spec in given:
        name = spec["TopicName"]
        check_name(name, "TopicName")
        if len(spec["DisplayName"]) > MAX_DISPLAY_NAME:
            raise InvalidParameter(
                f"Topic DisplayName can contain up to <{MAX_DISPLAY_NAME}> characters."
            )
        if any(topic.name == name for topic in topics):
            raise InvalidParameter("Duplicate topic names are not allowed within a List.")
        topics.append(
            Topic(
                name,
                spec["DisplayName"],
                spec["DefaultSubscriptionStatus"],
                spec.get("Description"),
            )
        )
    return topics


def _description(description: str | None) -> str | None:
    if description is not None and len(description) > MAX_DESCRIPTION:
        raise InvalidParameter(f"List description can contain up to {MAX_DESCRIPTION} characters.")
    return description


def _attributes(data: str | None) -> str | None:
    """AttributesData: a JSON object (chosen text)."""
    if data is None:
        return None
    try:
        parsed = json.loads(data)
    except ValueError:
        parsed = None
    if not isinstance(parsed, dict):
        raise InvalidParameter("AttributesData must be a valid JSON object.")
    return data


class ContactLists:
    """Every region's contact list (at most one each), its topics and contacts, and the
    unsubscribe links sends carried."""

    def __init__(self) -> None:
        self._lists: dict[str, dict[str, ContactList]] = {}
        self._links: dict[str, UnsubscribeLink] = {}
        self._listeners: list[Listener] = []
        self.cursors = Cursors()

    # -- lists -----------------------------------------------------------------------

    def create(
        self,
        region: str,
        name: str,
        now: datetime,
        topics: Sequence[Mapping[str, str]] = (),
        description: str | None = None,
        tags: Sequence[Mapping[str, str]] = (),
    ) -> ContactList:
        """A new list; the name, topics and description checked first, then the limit of
        one list per region (a second name, or the same one again)."""
        check_name(name)
        checked = _topics(topics)
        _description(description)
        lists = self._lists.setdefault(region, {})
        if len(lists) >= MAX_LISTS:
            raise ContactListLimitReached(f"A maximum of {MAX_LISTS} Lists allowed per account.")
        made = ContactList(name, now, now, checked, description, [dict(tag) for tag in tags])
        lists[name] = made
        return made

    def get(self, region: str, name: str) -> ContactList:
        check_name(name)
        found = self._lists.get(region, {}).get(name)
        if found is None:
            raise ContactListMissing(name)
        return found

    def lists(self, region: str) -> list[ContactList]:
        return list(self._lists.get(region, {}).values())

    def regions(self) -> list[str]:
        """The regions that have a list."""
        return [region for region, lists in self._lists.items() if lists]

    def page(
        self, region: str, cursor: str | None, size: int
    ) -> tuple[list[ContactList], str | None]:
        return self.cursors.page(region, self.lists(region), cursor, size)

    def update(
        self,
        region: str,
        name: str,
        now: datetime,
        topics: Sequence[Mapping[str, str]] = (),
        description: str | None = None,
    ) -> ContactList:
        """A complete replacement of the topics and description (omitted: none)."""
        checked = _topics(topics)
        _description(description)
        found = self.get(region, name)
        found.topics, found.description, found.updated = checked, description, now
        return found

    def delete(self, region: str, name: str) -> None:
        """The list and every contact on it."""
        self.get(region, name)
        del self._lists[region][name]

    # -- contacts --------------------------------------------------------------------

    def _contact_input(
        self, region: str, name: str, email: str, preferences: Sequence[Mapping[str, str]]
    ) -> ContactList:
        """The address, then the list, then each preference's topic."""
        check_email(email)
        found = self.get(region, name)
        for preference in preferences:
            found.topic(preference["TopicName"])
        return found

    def create_contact(
        self,
        region: str,
        name: str,
        email: str,
        now: datetime,
        preferences: Sequence[Mapping[str, str]] = (),
        unsubscribe_all: bool = False,
        attributes: str | None = None,
    ) -> Contact:
        found = self._contact_input(region, name, email, preferences)
        _attributes(attributes)
        if email in found.contacts:
            raise ContactExists(email)
        contact = Contact(
            email,
            now,
            now,
            {p["TopicName"]: p["SubscriptionStatus"] for p in preferences},
            unsubscribe_all,
            attributes,
        )
        found.contacts[email] = contact
        return contact

    def get_contact(self, region: str, name: str, email: str) -> tuple[ContactList, Contact]:
        check_email(email)
        found = self.get(region, name)
        contact = found.contacts.get(email)
        if contact is None:
            raise ContactMissing(email)
        return found, contact

    def update_contact(
        self,
        region: str,
        name: str,
        email: str,
        now: datetime,
        preferences: Sequence[Mapping[str, str]] | None = None,
        unsubscribe_all: bool = False,
        attributes: str | None = None,
    ) -> Contact:
        """The preferences given are merged into the contact's, by topic (None: kept);
        ``UnsubscribeAll`` and ``AttributesData`` are replaced (omitted: false, none)."""
        found = self._contact_input(region, name, email, preferences or ())
        _attributes(attributes)
        contact = found.contacts.get(email)
        if contact is None:
            raise ContactMissing(email)
        for preference in preferences or ():
            contact.preferences[preference["TopicName"]] = preference["SubscriptionStatus"]
        contact.unsubscribe_all, contact.attributes, contact.updated = (
            unsubscribe_all,
            attributes,
            now,
        )
        return contact

    def delete_contact(self, region: str, name: str, email: str) -> None:
        found, _ = self.get_contact(region, name, email)
        del found.contacts[email]

    def contacts(
        self,
        region: str,
        name: str,
        status: str | None = None,
        topic: str | None = None,
        use_default: bool = False,
    ) -> list[Contact]:
        """ListContacts' Filter: with a topic, the contacts whose preference for it
        (or, ``use_default``, the topic's default when they have none) is ``status``;
        without one, ``OPT_OUT`` is the contacts unsubscribed from everything and
        ``OPT_IN`` the others; no status: every contact."""
        found = self.get(region, name)
        every = list(found.contacts.values())
        if topic is not None:
            found.topic(topic)
            return [
                c
                for c in every
                if (got := found.status(c, topic, use_default)) is not None
                and status in (None, got)
            ]
        if status is None:
            return every
        return [c for c in every if c.unsubscribe_all == (status == "OPT_OUT")]

    def contacts_page(
        self, region: str, name: str, contacts: Sequence[Contact], cursor: str | None, size: int
    ) -> tuple[list[Contact], str | None]:
        return self.cursors.page(f"{region}/{name}", contacts, cursor, size)

    # -- sending ---------------------------------------------------------------------

    def check_send(self, region: str, name: str, topic: str | None) -> None:
        """A send's ListManagementOptions name a list the region has, and a topic of it."""
        found = self.get(region, name)
        if topic is not None:
            found.topic(topic)

    def deliver(
        self,
        region: str,
        name: str,
        topic: str | None,
        recipients: Sequence[tuple[str, str]],
        now: datetime,
    ) -> ListDelivery:
        """An accepted send to ``recipients`` (as given, bare address): each that is not
        a contact becomes one; those unsubscribed are not delivered to; a single
        recipient gets an unsubscribe link and the List-Unsubscribe headers."""
        found = self.get(region, name)
        unsubscribed: list[str] = []
        for given, email in recipients:
            contact = found.contacts.get(email)
            if contact is None:
                contact = found.contacts[email] = Contact(email, now, now)
            if found.opted_out(contact, topic):
                unsubscribed.append(given)
        if len(recipients) != 1:
            return ListDelivery(name, topic, unsubscribed)
        token = secrets.token_urlsafe(24)
        self._links[token] = UnsubscribeLink(region, name, recipients[0][1], topic)
        url = f"https://unsubscribe.{region}.amazonses.com/v1/unsubscribe/{token}"
        headers = {
            "List-Unsubscribe": f"<{url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
        return ListDelivery(name, topic, unsubscribed, url, headers)

    # -- what a recipient does -------------------------------------------------------

    def on_unsubscribe(self, *listeners: Listener) -> None:
        """Call each listener after every unsubscribe (SUBSCRIPTION events)."""
        self._listeners.extend(listeners)

    def unsubscribe(
        self, region: str, name: str, email: str, topic: str | None, now: datetime
    ) -> Contact:
        """The recipient unsubscribes: from ``topic`` (its preference becomes
        ``OPT_OUT``) or, None, from every topic of the list (``UnsubscribeAll``). A
        recipient that is not a contact becomes one."""
        check_email(email)
        found = self.get(region, name)
        if topic is not None:
            found.topic(topic)
        contact = found.contacts.get(email)
        if contact is None:
            contact = found.contacts[email] = Contact(email, now, now)
        if topic is None:
            contact.unsubscribe_all = True
        else:
            contact.preferences[topic] = "OPT_OUT"
        contact.updated = now
        for listener in self._listeners:
            listener(region, name, email, topic, now)
        return contact

    def link(self, url: str) -> UnsubscribeLink | None:
        """Where an unsubscribe link a send carried leads (None: no such link)."""
        return self._links.get(url.rpartition("/")[2])
