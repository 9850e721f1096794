"""Every SES operation botocore knows is implemented or unsupported with a reason, and the
behaviour reference's list of implemented operations (docs/reference.md) is the adapters'
own."""

from __future__ import annotations

import re
from pathlib import Path

import botocore.session
import pytest

from pytest_ses_verify.api import ses_v1, ses_v2
from pytest_ses_verify.api.coverage import UNSUPPORTED

ADAPTERS = {"ses": ses_v1.OPERATIONS, "sesv2": ses_v2.OPERATIONS}
REFERENCE = Path(__file__).resolve().parent.parent / "docs" / "reference.md"


@pytest.mark.parametrize("service", sorted(ADAPTERS))
def test_every_operation_is_implemented_or_unsupported_with_a_reason(service: str) -> None:
    known = set(botocore.session.Session().get_service_model(service).operation_names)
    implemented, unsupported = set(ADAPTERS[service]), set(UNSUPPORTED[service])
    assert implemented & unsupported == set()
    assert known - implemented - unsupported == set(), "neither implemented nor listed"


# The lists are written against a botocore as new as the one with tenant filters; an
# older one (the lowest the package supports) lacks some of their operations.
@pytest.mark.botocore_knows("sesv2", "ListTenants", "Filter")
@pytest.mark.parametrize("service", sorted(ADAPTERS))
def test_every_listed_operation_is_one_botocore_knows(service: str) -> None:
    known = set(botocore.session.Session().get_service_model(service).operation_names)
    implemented, unsupported = set(ADAPTERS[service]), set(UNSUPPORTED[service])
    assert (implemented | unsupported) - known == set(), "not an operation botocore knows"
    assert all(UNSUPPORTED[service].values())


@pytest.mark.parametrize(("service", "label"), [("ses", "SES v1"), ("sesv2", "SES v2")])
def test_the_reference_lists_exactly_the_implemented_operations(service: str, label: str) -> None:
    section = REFERENCE.read_text().split("## What the fake implements", 1)[1]
    line = re.search(rf"^- \*\*{label}\*\*: (.*?)(?=^- |^$)", section, re.M | re.S)
    assert line is not None
    assert set(re.findall(r"`(\w+)`", line.group(1))) == set(ADAPTERS[service])


def test_v1_error_codes_are_the_codes_botocore_models() -> None:
    """A modelled v1 error answered with another spelling would not be raised as its
    client.exceptions class (MissingRenderingAttribute, not ...Exception)."""
    model = botocore.session.Session().get_service_model("ses")
    modelled = {
        model.shape_for(name).metadata.get("error", {}).get("code", name)
        for name in model.shape_names
        if model.shape_for(name).metadata.get("exception")
    }
    # Codes every AWS query API answers with (AccessDenied: aws/aws-sdk-php#941).
    generic = {
        "InvalidParameterValue",
        "ValidationError",
        "Throttling",
        "MessageRejected",
        "AccessDenied",
    }
    used = {code for code, _ in ses_v1.ERRORS.values()}
    assert used - modelled - generic - {"LimitExceeded", "InvalidPolicy"} == set()
