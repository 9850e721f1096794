"""The simulated SES account: the composition root of the model's components.

Pure: no botocore, no pytest, no clock. :class:`Account` builds each component, hands
each the others it needs, and wires what one must tell another (a deleted identity or
configuration set); it holds no SES rule of its own. Each component keeps its own state
for every region (``account.templates.create(region, ...)``).
"""

from __future__ import annotations

from .account_state import AccountState
from .authorization import Delegation, Owner
from .configuration_sets import ConfigurationSets
from .contact_lists import ContactLists
from .custom_templates import CustomTemplates
from .domain_settings import DomainSettings
from .event_destinations import EventDestinations
from .events import Events
from .identities import Registry
from .notifications import Notifications
from .pipeline import SendPipeline
from .quotas import Quota
from .settings import IdentitySettings
from .subscriptions import Subscriptions
from .suppression import SuppressionList
from .tags import Tags
from .templates import EmailTemplates
from .tenants import Tenants
from .verification import Identities

# The AWS documentation's example account, as moto uses: the account in ARNs.
DEFAULT_ACCOUNT_ID = "123456789012"


class Account:
    """One simulated SES account (every region), made of its components:

    ``identities`` (with DNS and the lifecycle), ``domain_settings`` (MAIL FROM, DKIM),
    ``settings`` (notification settings, policies), ``tags``, ``configuration_sets``
    (and their ``event_destinations``), ``templates``, ``custom_templates`` (and custom
    verification emails), ``tenants``, ``account_state`` (sandbox, quotas, sending paused,
    details), ``notifications``, ``suppression`` (the account-level suppression list),
    ``contact_lists`` (v2 list management), ``events`` (configuration sets' event
    publishing), ``subscriptions`` (unsubscribing through a message's link), and
    ``sending``, the send pipeline and its outbox.
    """

    def __init__(
        self,
        registry: Registry | None = None,
        *,
        auto_verify: bool = False,
        sandbox: bool = False,
        account_id: str = DEFAULT_ACCOUNT_ID,
        quota: Quota | None = None,
        rate_limit: bool = False,
    ) -> None:
        self.account_id = account_id
        self.identities = Identities(registry or Registry(), auto_verify=auto_verify)
        self.domain_settings = DomainSettings(self.identities)
        self.account_state = AccountState(sandbox=sandbox, quota=quota, rate_limit=rate_limit)
        self.configuration_sets = ConfigurationSets(self.identities)
        self.event_destinations = EventDestinations(self.configuration_sets, account_id)
        # The identities and the DNS they share, for the components (and adapters) that
        # read identities.
        self.registry = registry = self.identities.registry
        self.settings = IdentitySettings(registry)
        self.templates = EmailTemplates(account_id)
        self.tags = Tags(registry, self.configuration_sets, self.templates)
        self.tenants = Tenants(registry, self.configuration_sets, account_id)
        self.custom_templates = CustomTemplates(
            self.identities, self.configuration_sets, sandbox=sandbox
        )
        self.notifications = Notifications(self.account_state, self.settings, account_id)
        self.suppression = SuppressionList()
        self.contact_lists = ContactLists()
        self.events = Events(self.configuration_sets, self.notifications)
        self.delegation = Delegation(
            account_id, self.identities, self.settings, self._other_account
        )
        self.sending = SendPipeline(
            identities=self.identities,
            domain_settings=self.domain_settings,
            account_state=self.account_state,
            configuration_sets=self.configuration_sets,
            tenants=self.tenants,
            templates=self.templates,
            notifications=self.notifications,
            delegation=self.delegation,
            suppression=self.suppression,
            contact_lists=self.contact_lists,
            events=self.events,
        )
        # A recipient following a message's unsubscribe link: its set's Subscription events.
        self.subscriptions = Subscriptions(self.contact_lists, self.events, self.sending.outbox)
        # What a deleted identity or configuration set leaves behind goes with it.
        self.identities.on_delete(
            self.settings.forget,
            self.tags.forget,
            self.configuration_sets.forget_identity,
            self.tenants.forget_identity,
        )
        self.configuration_sets.on_delete(self.tenants.forget_configuration_set)
        # Presets of another account's identities go to that account; a preset's policy
        # is put on its identity.
        self.identities.others = lambda other: self.delegation.owner(other)[0]
        self.identities.on_preset(self.settings.preset_policy)

    def _other_account(self, account_id: str) -> Owner:
        """Another account (sending authorization): its identities and policies, seeing
        the same DNS."""
        registry = self.identities.registry
        other = Account(Registry(registry.detection_delay, dns=registry.dns), account_id=account_id)
        return other.identities, other.settings
