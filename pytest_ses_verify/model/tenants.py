"""Tenants (SES v2, 2025): named containers of identities, configuration sets and
templates that a send may name; one store per region.

Pure: no botocore, no pytest, no clock. A tenant has a name (letters, digits, '-' and '_',
at most 64), an id, an ARN, tags and a sending status (``ENABLED``). A resource is
associated with a tenant by its ARN; a send that names a tenant succeeds only when every
resource it uses (its sending identity, its configuration set, its template) is
associated with that tenant. Messages follow the README's behaviour table.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from .configuration_sets import ConfigurationSets
from .errors import InvalidParameter, ModelError
from .identities import Identity, Registry, kind_of
from .paging import Cursors
from .tags import (
    CONFIGURATION_SET,
    IDENTITY,
    TEMPLATE,
    Resource,
    ResourceNotFound,
    Tag,
    existing_configuration_set,
    existing_identity,
)

MAX_TENANTS = 10_000
MAX_NAME = 64
_NAME = re.compile(r"[A-Za-z0-9_-]+\Z")
# The v2 ResourceType of each ARN resource type.
RESOURCE_TYPES = {
    IDENTITY: "EMAIL_IDENTITY",
    CONFIGURATION_SET: "CONFIGURATION_SET",
    TEMPLATE: "EMAIL_TEMPLATE",
}
SENDING_STATUSES = ("ENABLED", "REINSTATED", "DISABLED")


class InvalidTenantName(ModelError):
    """A name SES does not accept: v2 ``BadRequestException``."""


class TenantExists(ModelError):
    """v2 ``AlreadyExistsException``."""


class TenantMissing(ModelError):
    """A tenant the region does not have: v2 ``NotFoundException``."""


class TenantLimitReached(ModelError):
    """The region holds 10,000 tenants: v2 ``LimitExceededException``."""


class AssociationExists(ModelError):
    """The resource is already associated with the tenant: v2 ``AlreadyExistsException``."""


class AssociationMissing(ModelError):
    """The resource is not associated with the tenant: v2 ``NotFoundException``."""


class NotAssociated(ModelError):
    """A send names a tenant that some of its resources are not associated with: v2
    ``BadRequestException`` (SES answers ``AccessDeniedException``, which botocore's
    model does not list for SendEmail and SendBulkEmail)."""


class TenantSendingDisabled(ModelError):
    """A send names a tenant whose sending status is ``DISABLED``: v2
    ``SendingPausedException``."""


class Association(NamedTuple):
    """A resource associated with a tenant: its ARN resource, and since when."""

    resource: Resource
    associated_at: datetime


@dataclass
class Tenant:
    """One tenant; ``resources`` by (type, name), in association order."""

    name: str
    tenant_id: str
    arn: str
    created_at: datetime
    tags: list[Tag] = field(default_factory=list)
    sending_status: str = "ENABLED"
    resources: dict[tuple[str, str], Association] = field(default_factory=dict)


def check_name(name: str) -> str:
    if not 1 <= len(name) <= MAX_NAME or not _NAME.match(name):
        raise InvalidTenantName(
            f"Tenant name <{name}> is invalid: it can contain up to {MAX_NAME} letters, "
            "digits, hyphens (-) and underscores (_)."
        )
    return name


class Tenants:
    """Every region's tenants, by name, in creation order. Handed the identities' registry
    and the configuration sets (an associated resource must exist), and the account id
    (for ARNs)."""

    def __init__(
        self, registry: Registry, configuration_sets: ConfigurationSets, account_id: str
    ) -> None:
        self.registry = registry
        self.configuration_sets = configuration_sets
        self.account_id = account_id
        self.regions: dict[str, dict[str, Tenant]] = {}
        self.cursors = Cursors()

    def region(self, region: str) -> dict[str, Tenant]:
        return self.regions.setdefault(region, {})

    def resource_arn(self, resource: Resource) -> str:
        """The ARN of a resource, as SES shows it."""
        return f"arn:aws:ses:{resource.region}:{self.account_id}:{resource.type}/{resource.name}"

    def create(self, region: str, name: str, now: datetime, tags: list[Tag]) -> Tenant:
        """CreateTenant: a new tenant, sending ``ENABLED``."""
        check_name(name)
        tenants = self.region(region)
        if name in tenants:
            raise TenantExists(f"Tenant {name} already exists.")
        if len(tenants) >= MAX_TENANTS:
            raise TenantLimitReached(f"Maximum number of tenants ({MAX_TENANTS}) reached.")
        tenant_id = f"tn-{secrets.token_hex(12)}"
        arn = f"arn:aws:ses:{region}:{self.account_id}:tenant/{name}/{tenant_id}"
        created = Tenant(name, tenant_id, arn, now, tags)
        tenants[name] = created
        return created

    def get(self, region: str, name: str) -> Tenant:
        found = self.region(region).get(name)
        if found is None:
            raise TenantMissing(f"Tenant {name} does not exist.")
        return found

    def delete(self, region: str, name: str) -> None:
        """DeleteTenant: the tenant and its associations go; the resources stay."""
        self.get(region, name)
        del self.region(region)[name]

    def find(
        self, region: str, contains: str | None = None, status: str | None = None
    ) -> list[Tenant]:
        """ListTenants: the region's tenants in creation order, those whose name contains
        ``contains`` and whose sending status is ``status`` (None: any)."""
        return [
            tenant
            for tenant in self.region(region).values()
            if (contains is None or contains in tenant.name)
            and (status is None or tenant.sending_status == status)
        ]

    def _key(self, region: str, resource: Resource) -> tuple[str, str]:
        """The stored key of an existing resource of the caller's region: an identity by
        its stored spelling, a set or template by its name (templates are not checked)."""
        if resource.type not in RESOURCE_TYPES:
            raise InvalidParameter("Provided resource identifier is not an SES resource")
        if resource.region != region:
            raise ResourceNotFound(f"Resource {resource.name} does not exist in region {region}.")
        if resource.type == IDENTITY:
            return IDENTITY, existing_identity(self.registry, region, resource).name
        if resource.type == CONFIGURATION_SET:
            existing_configuration_set(self.configuration_sets, region, resource)
        return resource.type, resource.name

    def associate(self, region: str, name: str, resource: Resource, now: datetime) -> None:
        """CreateTenantResourceAssociation: the tenant may use the resource from now on."""
        tenant = self.get(region, name)
        key = self._key(region, resource)
        if key in tenant.resources:
            raise AssociationExists(
                f"Resource {resource.name} is already associated with tenant {name}."
            )
        tenant.resources[key] = Association(Resource(key[0], key[1], region), now)

    def dissociate(self, region: str, name: str, resource: Resource) -> None:
        """DeleteTenantResourceAssociation: the resource stays; the tenant may no longer use
        it."""
        tenant = self.get(region, name)
        key = (resource.type, resource.name)
        if resource.type == IDENTITY:
            kind = kind_of(resource.name)
            assert kind is not None
            found = self.registry.get(region, resource.name, kind)
            key = (IDENTITY, resource.name if found is None else found.name)
        if key not in tenant.resources or resource.region != region:
            raise AssociationMissing(
                f"Resource {resource.name} is not associated with tenant {name}."
            )
        del tenant.resources[key]

    def forget(self, region: str, resource_type: str, name: str) -> None:
        """A deleted identity (by its stored spelling) or configuration set leaves every
        tenant of its region."""
        for tenant in self.region(region).values():
            tenant.resources.pop((resource_type, name), None)

    def forget_identity(self, region: str, name: str) -> None:
        self.forget(region, IDENTITY, name)

    def forget_configuration_set(self, region: str, name: str) -> None:
        self.forget(region, CONFIGURATION_SET, name)

    def resources(
        self, region: str, name: str, resource_type: str | None = None
    ) -> list[Association]:
        """ListTenantResources: the tenant's resources in association order, only those of
        ``resource_type`` (v2's EMAIL_IDENTITY, CONFIGURATION_SET, EMAIL_TEMPLATE) if
        given."""
        tenant = self.get(region, name)
        if resource_type is not None and resource_type not in RESOURCE_TYPES.values():
            raise InvalidParameter(f"Invalid resource type: {resource_type}")
        return [
            each
            for each in tenant.resources.values()
            if resource_type is None or RESOURCE_TYPES[each.resource.type] == resource_type
        ]

    def of_resource(self, region: str, resource: Resource) -> list[tuple[Tenant, Association]]:
        """ListResourceTenants: the tenants the (existing) resource is associated with."""
        key = self._key(region, resource)
        return [
            (tenant, tenant.resources[key])
            for tenant in self.region(region).values()
            if key in tenant.resources
        ]

    def check_send(
        self,
        region: str,
        name: str,
        sender: Identity | None,
        configuration_set: str | None,
        template: str | None = None,
    ) -> None:
        """A send through tenant ``name``: the tenant exists, its sending is not disabled,
        and its sending identity, configuration set and template are associated with it;
        the refusal names the ARN of every one that is not, in that order."""
        tenant = self.region(region).get(name)
        if tenant is None:
            raise TenantMissing(f"Tenant {name} for AwsAccountId {self.account_id} not found.")
        if tenant.sending_status == "DISABLED":
            raise TenantSendingDisabled(f"Sending is disabled for tenant {name}.")
        used = [] if sender is None else [(IDENTITY, sender.name)]
        if configuration_set is not None:
            used.append((CONFIGURATION_SET, configuration_set))
        if template is not None:
            used.append((TEMPLATE, template))
        missing = [
            self.resource_arn(Resource(kind, resource, region))
            for kind, resource in used
            if (kind, resource) not in tenant.resources
        ]
        if missing:
            raise NotAssociated(f"Tenant not associated with resources [{', '.join(missing)}]")
