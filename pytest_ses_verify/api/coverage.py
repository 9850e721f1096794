"""What the fake does not answer, and why: every SES operation botocore knows is either
implemented by an adapter or listed here (``tests/test_coverage.py`` checks both ways).

An unsupported operation raises ``UnsupportedOperationError`` (or, with
``unsupported="passthrough"``, goes on to moto, a Stubber or an endpoint_url).
"""

from __future__ import annotations

PLANNED_ACCOUNT = "the account's other settings: dedicated IP warm-up, VDM, pricing"
PLANNED_TENANTS = "tenants' suppression attributes"
RECEIVING = "receiving email (receipt rules and filters): out of scope, the fake models senders"
DELIVERABILITY = (
    "dedicated IPs, deliverability, reputation, metrics and insights: out of scope, "
    "nothing of verification depends on them"
)
LISTS = "contact import and export jobs: not planned yet"
OTHER = "not planned yet"

_V1: dict[str, list[str]] = {
    RECEIVING: [
        "CreateReceiptRuleSet",
        "CloneReceiptRuleSet",
        "DeleteReceiptRuleSet",
        "DescribeReceiptRuleSet",
        "ListReceiptRuleSets",
        "SetActiveReceiptRuleSet",
        "DescribeActiveReceiptRuleSet",
        "ReorderReceiptRuleSet",
        "CreateReceiptRule",
        "DescribeReceiptRule",
        "UpdateReceiptRule",
        "DeleteReceiptRule",
        "SetReceiptRulePosition",
        "CreateReceiptFilter",
        "ListReceiptFilters",
        "DeleteReceiptFilter",
        "SendBounce",
    ],
}

_V2: dict[str, list[str]] = {
    PLANNED_ACCOUNT: [
        "PutAccountDedicatedIpWarmupAttributes",
        "PutAccountVdmAttributes",
        "PutAccountPricingAttributes",
    ],
    PLANNED_TENANTS: [
        "PutTenantSuppressionAttributes",
    ],
    DELIVERABILITY: [
        "CreateDedicatedIpPool",
        "DeleteDedicatedIpPool",
        "GetDedicatedIp",
        "GetDedicatedIpPool",
        "GetDedicatedIps",
        "ListDedicatedIpPools",
        "PutDedicatedIpInPool",
        "PutDedicatedIpPoolScalingAttributes",
        "PutDedicatedIpWarmupAttributes",
        "GetDeliverabilityDashboardOptions",
        "PutDeliverabilityDashboardOption",
        "CreateDeliverabilityTestReport",
        "GetDeliverabilityTestReport",
        "ListDeliverabilityTestReports",
        "GetDomainDeliverabilityCampaign",
        "ListDomainDeliverabilityCampaigns",
        "GetDomainStatisticsReport",
        "GetBlacklistReports",
        "BatchGetMetricData",
        "GetMessageInsights",
        "GetEmailAddressInsights",
        "ListRecommendations",
        "GetReputationEntity",
        "ListReputationEntities",
        "UpdateReputationEntityCustomerManagedStatus",
        "UpdateReputationEntityPolicy",
    ],
    LISTS: [
        "CreateImportJob",
        "GetImportJob",
        "ListImportJobs",
        "CreateExportJob",
        "GetExportJob",
        "ListExportJobs",
        "CancelExportJob",
    ],
    OTHER: [
        "CreateMultiRegionEndpoint",
        "GetMultiRegionEndpoint",
        "ListMultiRegionEndpoints",
        "DeleteMultiRegionEndpoint",
        "AssociateEmailIdentityCertificate",
        "DisassociateEmailIdentityCertificate",
        "ListEmailIdentityCertificates",
    ],
}


def _by_operation(groups: dict[str, list[str]]) -> dict[str, str]:
    return {operation: reason for reason, names in groups.items() for operation in names}


# Per service (``ses``, ``sesv2``): operation -> why the fake does not answer it.
UNSUPPORTED: dict[str, dict[str, str]] = {"ses": _by_operation(_V1), "sesv2": _by_operation(_V2)}
