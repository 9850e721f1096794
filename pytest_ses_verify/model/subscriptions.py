"""A recipient unsubscribing through a message's link: the contact's preferences change
(:mod:`.contact_lists`) and the configuration set the message was sent through takes a
Subscription event (:mod:`.events`), with the contact's topic preferences before and
after, as the Developer Guide's example ("Subscription record") gives them.

Pure: no botocore, no pytest, no clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from .contact_lists import Contact, ContactLists
from .events import Event, Events, TopicPreferences
from .list_delivery import UnsubscribeLink
from .sending import SentMessage

# A contact's status in the lists' spelling, and in a Subscription event's.
_STATUS = {"OPT_IN": "OptIn", "OPT_OUT": "OptOut"}


class Subscriptions:
    """Unsubscribes through the links of the messages in ``outbox``, publishing the
    Subscription events of the message's configuration set."""

    def __init__(
        self, contact_lists: ContactLists, events: Events, outbox: Sequence[SentMessage]
    ) -> None:
        self.contact_lists = contact_lists
        self.events = events
        self.outbox = outbox

    def message_of(self, url: str) -> SentMessage | None:
        """The message that carried the unsubscribe link ``url`` (None: no such one)."""
        for sent in self.outbox:
            listed = sent.list_management
            if listed is not None and listed.unsubscribe_url == url:
                return sent
        return None

    def preferences(self, region: str, name: str, email: str) -> TopicPreferences:
        """The contact's preferences for every topic of the list (a topic it chose
        nothing for: the topic's default), as a Subscription event gives them."""
        found = self.contact_lists.get(region, name)
        contact = found.contacts.get(email) or Contact(email, found.created, found.created)
        topics = {
            topic.name: _STATUS[found.status(contact, topic.name) or topic.default]
            for topic in found.topics
        }
        return TopicPreferences(contact.unsubscribe_all, topics)

    def unsubscribe(
        self, message_id: str, link: UnsubscribeLink, now: datetime
    ) -> tuple[Contact, list[Event]]:
        """The recipient of ``message_id`` follows its unsubscribe ``link``: the contact
        as it is now, and the Subscription events its set's destinations took. A message
        no recipient received has no link to follow (:class:`.events.UnknownMessage`)."""
        self.events.check_received(message_id, "unsubscribe from")
        region, name, email, topic = link
        old = self.preferences(region, name, email)
        contact = self.contact_lists.unsubscribe(region, name, email, topic, now)
        new = self.preferences(region, name, email)
        return contact, self.events.subscription(message_id, name, old, new, now)
