"""respond(): the escape hatch for operations the fake does not implement."""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from pytest_ses_verify import SesVerification, UnsupportedOperationError, UsageError

FILTER = {"Name": "office", "IpFilter": {"Cidr": "10.0.0.0/8", "Policy": "Allow"}}


def test_an_unimplemented_operation_answers_the_response_given(
    ses_verification: SesVerification,
) -> None:
    ses: Any = boto3.client("ses", region_name="us-east-1")
    ses_verification.respond("list_receipt_filters", {"Filters": [FILTER]}, times=2)
    assert ses.list_receipt_filters()["Filters"] == [FILTER]
    assert ses.list_receipt_filters()["ResponseMetadata"]["HTTPStatusCode"] == 200
    with pytest.raises(UnsupportedOperationError, match=r"respond\(\"ListReceiptFilters\""):
        ses.list_receipt_filters()
    ses_verification._service.unsupported_calls.clear()  # expected here
    assert [c.operation for c in ses_verification.calls] == ["ListReceiptFilters"] * 3
    assert ses_verification.calls[0].response is not None


def test_the_response_is_checked_against_botocores_output_shape(
    ses_verification: SesVerification,
) -> None:
    with pytest.raises(UsageError, match="does not fit ListReceiptFilters's output shape"):
        ses_verification.respond("ListReceiptFilters", {"Filters": "none"})
    with pytest.raises(UsageError, match="the fake answers GetEmailIdentity itself"):
        ses_verification.respond("GetEmailIdentity", {})
    with pytest.raises(UsageError, match="is not an SES operation"):
        ses_verification.respond("ListQueues", {})


def test_a_response_never_used_fails_the_test_at_teardown(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_unused(ses_verification):
            ses_verification.respond("ListReceiptRuleSets", {"RuleSets": []})
        """
    )
    result = pytester.runpytest()
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(
        ["*responses given with respond() were never used: ListReceiptRuleSets (1 call left)*"]
    )
