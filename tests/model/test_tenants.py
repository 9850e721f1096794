"""The pure tenants (pytest_ses_verify.model.tenants): creation, associations, and the
rule that a send through a tenant uses only resources associated with it. Each test
names its evidence in the README's behaviour table, or "chosen"."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from pytest_ses_verify.model.account import Account
from pytest_ses_verify.model.errors import InvalidParameter
from pytest_ses_verify.model.identities import Registry
from pytest_ses_verify.model.pipeline import Send
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
)

from .helpers import accept_message

T0 = datetime(2030, 1, 1, tzinfo=timezone.utc)
R = "us-east-1"
CONTENT = ("Hi", "Hello", None, None)
DOMAIN = Resource("identity", "example.com", R)
SET = Resource("configuration-set", "marketing", R)


def account() -> Account:
    made = Account(Registry())
    made.registry.preset(R, "example.com", "Domain", "Success", T0)
    made.configuration_sets.create(R, "marketing", T0, [])
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
    tenant = made.tenants.create(R, "acme", T0, [{"Key": "team", "Value": "a"}])
    assert tenant.sending_status == "ENABLED"
    assert tenant.tenant_id.startswith("tn-")
    assert tenant.arn == f"arn:aws:ses:{R}:123456789012:tenant/acme/{tenant.tenant_id}"
    assert made.tenants.get(R, "acme") is tenant
    assert tenant.tags == [{"Key": "team", "Value": "a"}]


def test_tenant_names_and_duplicates() -> None:
    """doc: CreateTenant (up to 64 letters, digits, - and _); AlreadyExistsException."""
    made = account()
    for bad in ("", "a" * 65, "a b", "a.b"):
        with pytest.raises(InvalidTenantName):
            made.tenants.create(R, bad, T0, [])
    made.tenants.create(R, "a" * 64, T0, [])
    made.tenants.create(R, "A-b_1", T0, [])
    with pytest.raises(TenantExists):
        made.tenants.create(R, "A-b_1", T0, [])
    made.tenants.create("eu-west-1", "A-b_1", T0, [])  # per region


def test_at_most_10000_tenants_per_region() -> None:
    """chosen: 10,000 tenants per region (LimitExceededException)."""
    made = account()
    made.tenants.region(R).update(
        {str(i): made.tenants.create("other", str(i), T0, []) for i in range(MAX_TENANTS)}
    )
    with pytest.raises(TenantLimitReached):
        made.tenants.create(R, "one-more", T0, [])


def test_unknown_tenants_and_deletion() -> None:
    """doc: GetTenant, DeleteTenant (NotFoundException; associations go, resources stay)."""
    made = account()
    for call in (
        lambda: made.tenants.get(R, "nobody"),
        lambda: made.tenants.delete(R, "nobody"),
        lambda: made.tenants.associate(R, "nobody", DOMAIN, T0),
        lambda: made.tenants.resources(R, "nobody"),
    ):
        with pytest.raises(TenantMissing):
            call()
    made.tenants.create(R, "acme", T0, [])
    made.tenants.associate(R, "acme", DOMAIN, T0)
    made.tenants.delete(R, "acme")
    assert made.tenants.find(R) == []
    assert made.tenants.of_resource(R, DOMAIN) == []
    assert made.registry.get(R, "example.com", "Domain") is not None


def test_list_tenants_filters() -> None:
    """doc: ListTenants Filter (TENANT_NAME_CONTAINS, SENDING_STATUS)."""
    made = account()
    for name in ("acme", "acme-eu", "other"):
        made.tenants.create(R, name, T0, [])
    made.tenants.get(R, "other").sending_status = "DISABLED"
    assert [t.name for t in made.tenants.find(R, "acme")] == ["acme", "acme-eu"]
    assert [t.name for t in made.tenants.find(R, status="DISABLED")] == ["other"]
    assert [t.name for t in made.tenants.find(R)] == ["acme", "acme-eu", "other"]


def test_associations() -> None:
    """doc: CreateTenantResourceAssociation (identities, configuration sets, templates; one
    resource in many tenants), ListTenantResources (Filter RESOURCE_TYPE),
    ListResourceTenants; existence and region checks chosen; templates not checked."""
    made = account()
    made.tenants.create(R, "acme", T0, [])
    made.tenants.create(R, "beta", T0, [])
    later = T0 + timedelta(minutes=1)
    made.tenants.associate(R, "acme", Resource("identity", "EXAMPLE.com", R), T0)
    made.tenants.associate(R, "acme", SET, later)
    made.tenants.associate(R, "acme", Resource("template", "welcome", R), later)
    made.tenants.associate(R, "beta", DOMAIN, later)
    with pytest.raises(AssociationExists):
        made.tenants.associate(R, "acme", DOMAIN, T0)
    listed = made.tenants.resources(R, "acme")
    assert [made.tenants.resource_arn(a.resource) for a in listed] == [
        f"arn:aws:ses:{R}:123456789012:identity/example.com",
        f"arn:aws:ses:{R}:123456789012:configuration-set/marketing",
        f"arn:aws:ses:{R}:123456789012:template/welcome",
    ]
    only = made.tenants.resources(R, "acme", "CONFIGURATION_SET")
    assert [a.resource.name for a in only] == ["marketing"]
    with pytest.raises(InvalidParameter):
        made.tenants.resources(R, "acme", "DEDICATED_IP_POOL")
    found = made.tenants.of_resource(R, DOMAIN)
    assert [(t.name, a.associated_at) for t, a in found] == [("acme", T0), ("beta", later)]
    for missing in (
        Resource("identity", "nobody.example", R),
        Resource("configuration-set", "nothing", R),
        Resource("identity", "example.com", "eu-west-1"),
    ):
        with pytest.raises(ResourceNotFound):
            made.tenants.associate(R, "acme", missing, T0)
    with pytest.raises(InvalidParameter):
        made.tenants.associate(R, "acme", Resource("dedicated-ip-pool", "p", R), T0)
    made.tenants.dissociate(R, "acme", Resource("identity", "Example.COM", R))
    with pytest.raises(AssociationMissing):
        made.tenants.dissociate(R, "acme", DOMAIN)
    with pytest.raises(AssociationMissing):
        made.tenants.dissociate(R, "acme", Resource("identity", "nobody.example", R))
    assert [t.name for t, _ in made.tenants.of_resource(R, DOMAIN)] == ["beta"]


ARN = f"arn:aws:ses:{R}:123456789012"


def test_a_send_through_a_tenant_needs_its_resources_associated() -> None:
    """doc: SendEmail TenantName ("will only succeed if all referenced resources ... are
    associated with this tenant"); real: `Tenant not associated with resources [<arn>]`
    (PostHog/posthog#75863, a probe's notes; SES's AccessDeniedException, which
    botocore's model does not list: BadRequestException kept); emulator (claims probe):
    floci's SesTenantService (`Tenant <name> for AwsAccountId <account> not found.`)."""
    made = account()
    made.tenants.create(R, "acme", T0, [])
    assert send(made, None) is None
    with pytest.raises(TenantMissing) as unknown:
        send(made, "nobody")
    assert unknown.value.message == "Tenant nobody for AwsAccountId 123456789012 not found."
    with pytest.raises(NotAssociated) as identity:
        send(made, "acme")
    assert identity.value.message == (
        f"Tenant not associated with resources [{ARN}:identity/example.com]"
    )
    made.tenants.associate(R, "acme", DOMAIN, T0)
    assert send(made, "acme") == "acme"
    with pytest.raises(NotAssociated) as configuration_set:
        send(made, "acme", "marketing")
    assert configuration_set.value.message == (
        f"Tenant not associated with resources [{ARN}:configuration-set/marketing]"
    )
    made.tenants.associate(R, "acme", SET, T0)
    assert send(made, "acme", "marketing") == "acme"
    assert [m.tenant for m in made.sending.outbox] == [None, "acme", "acme"]


def test_every_resource_not_associated_is_named_identity_set_then_template() -> None:
    """real: `Tenant not associated with resources [<arn>, ...]`; emulator (claims probe):
    floci's SesTenantSendV2IntegrationTest (every missing ARN listed; the template's check
    inferred there from the association model); the order: chosen."""
    made = account()
    made.tenants.create(R, "acme", T0, [])
    made.templates.create(R, "welcome", "Hi", "Hello", None, T0)
    templated = Send(
        service="sesv2",
        source="app@example.com",
        recipients=["customer@example.net"],
        configuration_set="marketing",
        tenant="acme",
        template="welcome",
        template_data="{}",
    )
    with pytest.raises(NotAssociated) as all_three:
        made.sending.send(R, templated, T0)
    assert all_three.value.message == (
        "Tenant not associated with resources ["
        f"{ARN}:identity/example.com, {ARN}:configuration-set/marketing, {ARN}:template/welcome]"
    )
    made.tenants.associate(R, "acme", SET, T0)
    with pytest.raises(NotAssociated) as two:
        made.sending.send(R, templated, T0)
    assert two.value.message == (
        f"Tenant not associated with resources [{ARN}:identity/example.com, {ARN}:template/welcome]"
    )
    made.tenants.associate(R, "acme", DOMAIN, T0)
    made.tenants.associate(R, "acme", Resource("template", "welcome", R), T0)
    assert made.sending.send(R, templated, T0).tenant == "acme"


def test_the_identitys_default_set_must_be_associated_too() -> None:
    """chosen: the set a send uses (its identity's default) counts as referenced."""
    made = account()
    made.tenants.create(R, "acme", T0, [])
    made.tenants.associate(R, "acme", DOMAIN, T0)
    domain = made.registry.get(R, "example.com", "Domain")
    assert domain is not None
    made.configuration_sets.set_default(R, domain, "marketing")
    with pytest.raises(NotAssociated):
        send(made, "acme")


def test_a_disabled_tenant_does_not_send() -> None:
    """doc: Tenant SendingStatus (DISABLED: sending is prevented); the error chosen."""
    made = account()
    made.tenants.create(R, "acme", T0, [])
    made.tenants.associate(R, "acme", DOMAIN, T0)
    made.tenants.get(R, "acme").sending_status = "DISABLED"
    with pytest.raises(TenantSendingDisabled):
        send(made, "acme")
    made.tenants.get(R, "acme").sending_status = "REINSTATED"
    assert send(made, "acme") == "acme"


def test_a_deleted_resource_leaves_its_tenants() -> None:
    """chosen: deleting an identity or configuration set removes its associations (a
    resource created again under the name is not associated)."""
    made = account()
    made.tenants.create(R, "acme", T0, [])
    made.tenants.associate(R, "acme", DOMAIN, T0)
    made.tenants.associate(R, "acme", SET, T0)
    made.identities.delete(R, "Example.com", "Domain")
    made.configuration_sets.delete(R, "marketing")
    assert made.tenants.resources(R, "acme") == []
    made.registry.preset(R, "example.com", "Domain", "Success", T0)
    with pytest.raises(NotAssociated):
        send(made, "acme")
