"""Hostile input through real clients: every value gets the documented error or result,
never an internal exception, never a crash."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError, ParamValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pytest_ses_verify import SesVerification

LONG_LOCAL = "a" * 65
LONG_DOMAIN = ".".join(["a" * 63] * 4) + ".com"  # 260 characters
ADDRESS_320 = "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".com"  # 309 + ...

# (value, accepted as an address?, accepted as a domain?)
HOSTILE: list[tuple[str, bool, bool]] = [
    ("", False, False),
    (" ", False, False),
    ("\t\n", False, False),
    ("@", False, False),
    ("a@", False, False),
    ("@example.com", False, False),
    ("a@b@example.com", False, False),
    ("Name <a@example.com>", False, False),
    ("a@example.com ", False, False),
    (" a@example.com", False, False),
    ("a@example.com\n", False, False),
    ("ünïcödé@example.com", False, False),
    ("a@bücher.example", False, False),
    ("bücher.example", False, False),
    ("日本.jp", False, False),
    ("xn--bcher-kva.example", False, True),
    ("a@xn--bcher-kva.example", True, False),
    (LONG_LOCAL + "@example.com", False, False),
    (ADDRESS_320 * 2, False, False),
    (LONG_DOMAIN, False, False),
    ("a" * 64 + ".example", False, False),
    ("a" * 63 + ".example", False, True),
    ("example..com", False, False),
    ("-a.example", False, False),
    ("a-.example", False, False),
    ("a.example.", False, False),
    ("*.example.com", False, False),
    ("example.com:25", False, False),
    ("localhost", False, True),  # a single label is a domain to SES
    ("123", False, True),
    ("a\x00@example.com", False, False),
    ("first.last+tag@Sub.Example.COM", True, False),
]


@pytest.fixture
def ses(ses_verification: SesVerification) -> Any:
    return boto3.client("ses", region_name="us-east-1")


@pytest.mark.parametrize(("value", "address", "domain"), HOSTILE)
def test_hostile_identities_get_documented_answers(
    ses: Any, value: str, address: bool, domain: bool
) -> None:
    if address:
        ses.verify_email_identity(EmailAddress=value)
    else:
        with pytest.raises(ClientError) as exc:
            ses.verify_email_identity(EmailAddress=value)
        assert exc.value.response["Error"] == {
            "Type": "Sender",
            "Code": "InvalidParameterValue",
            "Message": f"Invalid email address<{value}>.",
        }
    if domain:
        ses.verify_domain_identity(Domain=value)
    else:
        with pytest.raises(ClientError) as exc:
            ses.verify_domain_identity(Domain=value)
        assert exc.value.response["Error"]["Message"] == f"Invalid domain name {value}."
    if address or domain:
        attributes = ses.get_identity_verification_attributes(Identities=[value])
        assert attributes["VerificationAttributes"][value]["VerificationStatus"] == "Pending"
        ses.delete_identity(Identity=value)
    else:
        with pytest.raises(ClientError) as exc:
            ses.get_identity_verification_attributes(Identities=[value])
        assert exc.value.response["Error"]["Message"] == (
            f"Identity {value} is invalid. Must be a verified email address or domain."
        )
    assert ses.list_identities()["Identities"] == []


def test_duplicates_within_one_request(ses: Any) -> None:
    ses.verify_domain_identity(Domain="example.com")
    attributes = ses.get_identity_verification_attributes(
        Identities=["example.com", "example.com", "EXAMPLE.com", "example.com"]
    )["VerificationAttributes"]
    assert set(attributes) == {"example.com", "EXAMPLE.com"}
    assert attributes["example.com"] == attributes["EXAMPLE.com"]


@pytest.mark.parametrize("count", [100, 101])
def test_one_hundred_and_one_hundred_and_one(ses: Any, count: int) -> None:
    names = [f"u{n}@example.com" for n in range(count)]
    if count <= 100:
        assert (
            ses.get_identity_verification_attributes(Identities=names)["VerificationAttributes"]
            == {}
        )
        assert ses.get_identity_dkim_attributes(Identities=names)["DkimAttributes"] == {}
    else:
        for call in (ses.get_identity_verification_attributes, ses.get_identity_dkim_attributes):
            with pytest.raises(ClientError) as exc:
                call(Identities=names)
            assert exc.value.response["Error"]["Code"] == "InvalidParameterValue"


@pytest.mark.parametrize("max_items", [0, 1001, -5, 2**31 - 1])
def test_max_items_outside_the_range(ses: Any, max_items: int) -> None:
    with pytest.raises(ClientError) as exc:
        ses.list_identities(MaxItems=max_items)
    assert exc.value.response["Error"]["Code"] == "InvalidParameterValue"


@pytest.mark.parametrize("token", ["", " ", "x", "A" * 10_000, "ünïcödé", "null", "0"])
def test_forged_next_tokens(ses: Any, token: str) -> None:
    with pytest.raises(ClientError) as exc:
        ses.list_identities(NextToken=token)
    assert exc.value.response["Error"]["Code"] == "InvalidParameterValue"
    v2 = boto3.client("sesv2", region_name="us-east-1")
    with pytest.raises(v2.exceptions.BadRequestException):
        v2.list_email_identities(NextToken=token)


@pytest.mark.parametrize("page_size", [0, 1001])
def test_v2_page_size_outside_the_range(ses_verification: SesVerification, page_size: int) -> None:
    v2 = boto3.client("sesv2", region_name="us-east-1")
    with pytest.raises(v2.exceptions.BadRequestException):
        v2.list_email_identities(PageSize=page_size)


# -- fuzzing: anything a caller can send --------------------------------------------

V1_CODES = {"InvalidParameterValue", "MessageRejected", "LimitExceeded"}
V2_CODES = {"BadRequestException", "NotFoundException", "AlreadyExistsException", "MessageRejected"}


@pytest.fixture(scope="module")
def fuzz_clients() -> tuple[Any, Any]:
    return (
        boto3.client("ses", region_name="us-east-1"),
        boto3.client("sesv2", region_name="us-east-1"),
    )


def _outcome(call: Callable[[], object], codes: set[str]) -> None:
    """Success, a documented SES error, or botocore's own parameter validation."""
    error: dict[str, Any] | None = None
    try:
        call()
    except ClientError as exc:
        error = dict(exc.response["Error"])
    except ParamValidationError:
        pass
    assert error is None or error["Code"] in codes, error


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=st.text(max_size=80) | st.emails())
def test_fuzz_every_identity_operation(fuzz_clients: tuple[Any, Any], value: str) -> None:
    v1, v2 = fuzz_clients
    with SesVerification():
        _outcome(lambda: v1.verify_email_identity(EmailAddress=value), V1_CODES)
        _outcome(lambda: v1.verify_domain_identity(Domain=value), V1_CODES)
        _outcome(lambda: v1.verify_domain_dkim(Domain=value), V1_CODES)
        _outcome(
            lambda: v1.get_identity_verification_attributes(Identities=[value, value]), V1_CODES
        )
        _outcome(lambda: v1.get_identity_dkim_attributes(Identities=[value]), V1_CODES)
        _outcome(lambda: v1.delete_identity(Identity=value), V1_CODES)
        _outcome(lambda: v1.list_identities(NextToken=value), V1_CODES)
        _outcome(lambda: v2.create_email_identity(EmailIdentity=value), V2_CODES)
        _outcome(lambda: v2.get_email_identity(EmailIdentity=value), V2_CODES)
        _outcome(
            lambda: v1.send_email(
                Source=value,
                Destination={"ToAddresses": [value]},
                Message={"Subject": {"Data": value}, "Body": {"Text": {"Data": value}}},
            ),
            V1_CODES,
        )
        _outcome(lambda: v1.send_raw_email(RawMessage={"Data": value.encode()}), V1_CODES)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400))
def test_fuzz_raw_messages(fuzz_clients: tuple[Any, Any], data: bytes) -> None:
    v1, v2 = fuzz_clients
    with SesVerification(auto_verify=True):
        _outcome(
            lambda: v1.send_raw_email(RawMessage={"Data": b"From: a@example.com\r\n" + data}),
            V1_CODES,
        )
        _outcome(lambda: v2.send_email(Content={"Raw": {"Data": data}}), V2_CODES)


GARBAGE_MARKERS = [
    "ses_identity(None)",
    'ses_identity("a@example.com", None)',
    'ses_identity(["a@example.com"])',
    'ses_identity("a@example.com", "pending")',
    'ses_identity("a@example.com", region="")',
    'ses_identity("example.com", token=5)',
    'ses_identity("a@example.com", token="x")',
    'ses_identity("a@example.com", "Success", "us-east-1")',
    "ses_identity(object())",
    "ses_verification(detection_delay=timedelta(seconds=-1))",
    "ses_verification(detection_delay=None)",
    "ses_verification(unsupported=None)",
    "ses_verification(auto_verify=1)",
    'ses_verification(sandbox="False")',
    "ses_verification(**{'auto-verify': True})",
]


def test_garbage_marker_arguments_error_their_own_test_only(pytester: pytest.Pytester) -> None:
    tests = "\n".join(
        f"@pytest.mark.{marker}\ndef test_bad_{n}():\n    pass\n"
        for n, marker in enumerate(GARBAGE_MARKERS)
    )
    pytester.makepyfile(
        "from datetime import timedelta\nimport pytest\n\n"
        + tests
        + "\ndef test_good(ses_verification):\n    pass\n"
    )
    result = pytester.runpytest("-p", "no:randomly")
    result.assert_outcomes(passed=1, errors=len(GARBAGE_MARKERS))
    output = result.stdout.str()
    assert output.count("ERROR at setup of test_bad_") == len(GARBAGE_MARKERS)
    for internal in ("Traceback", "KeyError", "AttributeError", "pytest_ses_verify/_"):
        assert internal not in output
    for n in range(len(GARBAGE_MARKERS)):
        assert f"ERROR at setup of test_bad_{n} " in output
    assert output.count("@pytest.mark.ses_") >= len(GARBAGE_MARKERS)
