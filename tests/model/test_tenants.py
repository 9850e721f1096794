"""The pure tenants (pytest_ses_verify.model.tenants): creation, associations, and the
rule that a send through a tenant uses only resources associated with it. Each test
names its evidence in the README's behaviour table, or "chosen"."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from pytest_ses_verify.model.account import Account, accept_message, delete_identity
from pytest_ses_verify.model.configuration_sets import (
    create_configuration_set,
    delete_configuration_set,
    set_default,
)
from pytest_ses_verify.model.errors import InvalidParameter
from pytest_ses_verify.model.identities import Registry
from pytest_ses_verify.model.tags import Resource, ResourceNotFound
from pytest_ses_verify.model.tenants import (
    MAX_TENANTS,
    AssociationExists,
    AssociationMissing,
    InvalidTenantName,
    NotAssociated,
    TenantExists,
    TenantLimitReached,
    TenantMissing,
    TenantSendingDisabled,
    associate,
    create_tenant,
    delete_tenant,
    dissociate,
    get_tenant,
    list_tenants,
    resource_arn,
    resource_tenants,
    tenant_resources,
)

T0 = datetime(2030, 1, 1, tzinfo=timezone.utc)
R = "us-east-1"
CONTENT = ("Hi", "Hello", None, None)
DOMAIN = Resource("identity", "example.com", R)
SET = Resource("configuration-set", "marketing", R)


def account() -> Account:
    made = Account(Registry())
    made.registry.preset(R, "example.com", "Domain", "Success", T0)
    create_configuration_set(made, R, "marketing", T0, [])
    return made


def send(made: Account, tenant: str | None, configuration_set: str | None = None) -> str | None:
    return accept_message(
        made,
        R,
        "app@example.com",
        ["customer@example.net"],
        T0,
        CONTENT,
        configuration_set=configuration_set,
        tenant=tenant,
    ).tenant


def test_a_tenant_is_created_enabled_with_an_id_and_arn() -> None:
    """doc: API CreateTenant, Tenant (SendingStatus ENABLED); id and ARN format chosen."""
    made = account()
    tenant = create_tenant(made, R, "acme", T0, [{"Key": "team", "Value": "a"}])
    assert tenant.sending_status == "ENABLED"
    assert tenant.tenant_id.startswith("tn-")
    assert tenant.arn == f"arn:aws:ses:{R}:123456789012:tenant/acme/{tenant.tenant_id}"
    assert get_tenant(made, R, "acme") is tenant
    assert tenant.tags == [{"Key": "team", "Value": "a"}]


def test_tenant_names_and_duplicates() -> None:
    """doc: CreateTenant (up to 64 letters, digits, - and _); AlreadyExistsException."""
    made = account()
    for bad in ("", "a" * 65, "a b", "a.b"):
        with pytest.raises(InvalidTenantName):
            create_tenant(made, R, bad, T0, [])
    create_tenant(made, R, "a" * 64, T0, [])
    create_tenant(made, R, "A-b_1", T0, [])
    with pytest.raises(TenantExists):
        create_tenant(made, R, "A-b_1", T0, [])
    create_tenant(made, "eu-west-1", "A-b_1", T0, [])  # per region


def test_at_most_10000_tenants_per_region() -> None:
    """chosen: 10,000 tenants per region (LimitExceededException)."""
    made = account()
    made.tenants.region(R).update(
        {str(i): create_tenant(made, "other", str(i), T0, []) for i in range(MAX_TENANTS)}
    )
    with pytest.raises(TenantLimitReached):
        create_tenant(made, R, "one-more", T0, [])


def test_unknown_tenants_and_deletion() -> None:
    """doc: GetTenant, DeleteTenant (NotFoundException; associations go, resources stay)."""
    made = account()
    for call in (
        lambda: get_tenant(made, R, "nobody"),
        lambda: delete_tenant(made, R, "nobody"),
        lambda: associate(made, R, "nobody", DOMAIN, T0),
        lambda: tenant_resources(made, R, "nobody"),
    ):
        with pytest.raises(TenantMissing):
            call()
    create_tenant(made, R, "acme", T0, [])
    associate(made, R, "acme", DOMAIN, T0)
    delete_tenant(made, R, "acme")
    assert list_tenants(made, R) == []
    assert resource_tenants(made, R, DOMAIN) == []
    assert made.registry.get(R, "example.com", "Domain") is not None


def test_list_tenants_filters() -> None:
    """doc: ListTenants Filter (TENANT_NAME_CONTAINS, SENDING_STATUS)."""
    made = account()
    for name in ("acme", "acme-eu", "other"):
        create_tenant(made, R, name, T0, [])
    get_tenant(made, R, "other").sending_status = "DISABLED"
    assert [t.name for t in list_tenants(made, R, "acme")] == ["acme", "acme-eu"]
    assert [t.name for t in list_tenants(made, R, status="DISABLED")] == ["other"]
    assert [t.name for t in list_tenants(made, R)] == ["acme", "acme-eu", "other"]


def test_associations() -> None:
    """doc: CreateTenantResourceAssociation (identities, configuration sets, templates; one
    resource in many tenants), ListTenantResources (Filter RESOURCE_TYPE),
    ListResourceTenants; existence and region checks chosen; templates not checked."""
    made = account()
    create_tenant(made, R, "acme", T0, [])
    create_tenant(made, R, "beta", T0, [])
    later = T0 + timedelta(minutes=1)
    associate(made, R, "acme", Resource("identity", "EXAMPLE.com", R), T0)
    associate(made, R, "acme", SET, later)
    associate(made, R, "acme", Resource("template", "welcome", R), later)
    associate(made, R, "beta", DOMAIN, later)
    with pytest.raises(AssociationExists):
        associate(made, R, "acme", DOMAIN, T0)
    listed = tenant_resources(made, R, "acme")
    assert [resource_arn(made, a.resource) for a in listed] == [
        f"arn:aws:ses:{R}:123456789012:identity/example.com",
        f"arn:aws:ses:{R}:123456789012:configuration-set/marketing",
        f"arn:aws:ses:{R}:123456789012:template/welcome",
    ]
    only = tenant_resources(made, R, "acme", "CONFIGURATION_SET")
    assert [a.resource.name for a in only] == ["marketing"]
    with pytest.raises(InvalidParameter):
        tenant_resources(made, R, "acme", "DEDICATED_IP_POOL")
    found = resource_tenants(made, R, DOMAIN)
    assert [(t.name, a.associated_at) for t, a in found] == [("acme", T0), ("beta", later)]
    for missing in (
        Resource("identity", "nobody.example", R),
        Resource("configuration-set", "nothing", R),
        Resource("identity", "example.com", "eu-west-1"),
    ):
        with pytest.raises(ResourceNotFound):
            associate(made, R, "acme", missing, T0)
    with pytest.raises(InvalidParameter):
        associate(made, R, "acme", Resource("dedicated-ip-pool", "p", R), T0)
    dissociate(made, R, "acme", Resource("identity", "Example.COM", R))
    with pytest.raises(AssociationMissing):
        dissociate(made, R, "acme", DOMAIN)
    with pytest.raises(AssociationMissing):
        dissociate(made, R, "acme", Resource("identity", "nobody.example", R))
    assert [t.name for t, _ in resource_tenants(made, R, DOMAIN)] == ["beta"]


def test_a_send_through_a_tenant_needs_its_resources_associated() -> None:
    """doc: SendEmail TenantName ("will only succeed if all referenced resources ... are
    associated with this tenant"); the error (BadRequestException) chosen."""
    made = account()
    create_tenant(made, R, "acme", T0, [])
    assert send(made, None) is None
    with pytest.raises(TenantMissing):
        send(made, "nobody")
    with pytest.raises(NotAssociated, match="EMAIL_IDENTITY example"):
        send(made, "acme")
    associate(made, R, "acme", DOMAIN, T0)
    assert send(made, "acme") == "acme"
    with pytest.raises(NotAssociated, match="CONFIGURATION_SET marketing"):
        send(made, "acme", "marketing")
    associate(made, R, "acme", SET, T0)
    assert send(made, "acme", "marketing") == "acme"
    assert [m.tenant for m in made.outbox] == [None, "acme", "acme"]


def test_the_identitys_default_set_must_be_associated_too() -> None:
    """chosen: the set a send uses (its identity's default) counts as referenced."""
    made = account()
    create_tenant(made, R, "acme", T0, [])
    associate(made, R, "acme", DOMAIN, T0)
    domain = made.registry.get(R, "example.com", "Domain")
    assert domain is not None
    set_default(made, R, domain, "marketing")
    with pytest.raises(NotAssociated):
        send(made, "acme")


def test_a_disabled_tenant_does_not_send() -> None:
    """doc: Tenant SendingStatus (DISABLED: sending is prevented); the error chosen."""
    made = account()
    create_tenant(made, R, "acme", T0, [])
    associate(made, R, "acme", DOMAIN, T0)
    get_tenant(made, R, "acme").sending_status = "DISABLED"
    with pytest.raises(TenantSendingDisabled):
        send(made, "acme")
    get_tenant(made, R, "acme").sending_status = "REINSTATED"
    assert send(made, "acme") == "acme"


def test_a_deleted_resource_leaves_its_tenants() -> None:
    """chosen: deleting an identity or configuration set removes its associations (a
    resource created again under the name is not associated)."""
    made = account()
    create_tenant(made, R, "acme", T0, [])
    associate(made, R, "acme", DOMAIN, T0)
    associate(made, R, "acme", SET, T0)
    delete_identity(made, R, "Example.com", "Domain")
    delete_configuration_set(made, R, "marketing")
    assert tenant_resources(made, R, "acme") == []
    made.registry.preset(R, "example.com", "Domain", "Success", T0)
    with pytest.raises(NotAssociated):
        send(made, "acme")
