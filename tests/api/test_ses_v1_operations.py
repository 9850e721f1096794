"""SES v1 identity operations, through real boto3 clients answered by the fake."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

import pytest
from botocore.exceptions import ClientError, ParamValidationError, WaiterError
from freezegun import freeze_time
from mypy_boto3_ses import SESClient

from pytest_ses_verify import SesVerification
from pytest_ses_verify.model.ids import derived_token

from ..conftest import assert_valid_output, status_of

MakeClient = Callable[..., SESClient]


def error_of(exc: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    err = exc.value.response["Error"]
    assert err.get("Type") == "Sender"
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    return err["Code"], err["Message"]


# -- GetIdentityVerificationAttributes ----------------------------------------------


def test_email_entries_have_no_token_domain_entries_always_do(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    ses = ses_client()
    ses.verify_email_identity(EmailAddress="a@example.com")
    token = ses.verify_domain_identity(Domain="example.com")["VerificationToken"]
    response = ses.get_identity_verification_attributes(
        Identities=["a@example.com", "example.com", "unknown@example.com", "unknown.com"]
    )
    assert_valid_output(ses, "GetIdentityVerificationAttributes", response)
    assert response["VerificationAttributes"] == {
        "a@example.com": {"VerificationStatus": "Pending"},
        "example.com": {"VerificationStatus": "Pending", "VerificationToken": token},
    }
    ses_verification.advance(hours=80)
    entry = ses.get_identity_verification_attributes(Identities=["example.com"])
    assert entry["VerificationAttributes"]["example.com"] == {
        "VerificationStatus": "Failed",
        "VerificationToken": token,
    }


@pytest.mark.usefixtures("ses_verification")
def test_unknown_or_empty_gives_empty_map(ses_client: MakeClient) -> None:
    ses = ses_client()
    assert ses.get_identity_verification_attributes(Identities=[])["VerificationAttributes"] == {}
    response = ses.get_identity_verification_attributes(Identities=["nobody@example.com"])
    assert response["VerificationAttributes"] == {}


@pytest.mark.usefixtures("ses_verification")
def test_domain_lookup_any_spelling_keyed_by_callers_spelling(ses_client: MakeClient) -> None:
    ses = ses_client()
    token = ses.verify_domain_identity(Domain="Example.COM")["VerificationToken"]
    response = ses.get_identity_verification_attributes(Identities=["EXAMPLE.com"])
    assert response["VerificationAttributes"] == {
        "EXAMPLE.com": {"VerificationStatus": "Pending", "VerificationToken": token}
    }
    assert ses.list_identities()["Identities"] == ["example.com"]


@pytest.mark.usefixtures("ses_verification")
def test_email_identities_are_case_sensitive_domain_part_included(
    ses_client: MakeClient,
) -> None:
    ses = ses_client()
    ses.verify_email_identity(EmailAddress="sender@example.com")
    assert status_of(ses, "sender@EXAMPLE.com") is None
    assert status_of(ses, "Sender@example.com") is None
    ses.verify_email_identity(EmailAddress="sender@EXAMPLE.com")
    assert ses.list_identities()["Identities"] == ["sender@example.com", "sender@EXAMPLE.com"]


@pytest.mark.usefixtures("ses_verification")
def test_more_than_100_identities_is_invalid(ses_client: MakeClient) -> None:
    ses = ses_client()
    ses.get_identity_verification_attributes(Identities=[f"a{n}@example.com" for n in range(100)])
    with pytest.raises(ClientError) as exc:
        ses.get_identity_verification_attributes(
            Identities=[f"a{n}@example.com" for n in range(101)]
        )
    code, message = error_of(exc)
    assert code == "InvalidParameterValue"
    assert "101" in message
    assert "100" in message


@pytest.mark.usefixtures("ses_verification")
def test_malformed_identity_is_invalid(ses_client: MakeClient) -> None:
    with pytest.raises(ClientError) as exc:
        ses_client().get_identity_verification_attributes(Identities=["not an identity"])
    assert error_of(exc) == (
        "InvalidParameterValue",
        "Identity not an identity is invalid. Must be a verified email address or domain.",
    )


# -- VerifyEmailIdentity / VerifyEmailAddress ------------------------------------------


@pytest.mark.parametrize("operation", ["verify_email_identity", "verify_email_address"])
@freeze_time("2030-05-01 12:00:00")
def test_verify_email_sends_a_verification_email(
    ses_verification: SesVerification, ses_client: MakeClient, operation: str
) -> None:
    ses = ses_client("eu-west-1")
    response = getattr(ses, operation)(EmailAddress="ops@example.com")
    assert_valid_output(
        ses,
        "VerifyEmailIdentity" if operation == "verify_email_identity" else "VerifyEmailAddress",
        response,
    )
    assert set(response) == {"ResponseMetadata"}
    [sent] = ses_verification.verification_emails
    assert sent.address == "ops@example.com"
    assert sent.region == "eu-west-1"
    assert sent.sent_at == datetime(2030, 5, 1, 12, 0, tzinfo=timezone.utc)
    assert sent.expires_at == datetime(2030, 5, 2, 12, 0, tzinfo=timezone.utc)
    assert status_of(ses, "ops@example.com") == "Pending"


@pytest.mark.parametrize("address", ["fake_email", "a@b@example.com", "Name <a@example.com>", ""])
@pytest.mark.usefixtures("ses_verification")
def test_invalid_email_address(ses_client: MakeClient, address: str) -> None:
    with pytest.raises(ClientError) as exc:
        ses_client().verify_email_identity(EmailAddress=address)
    assert error_of(exc) == ("InvalidParameterValue", f"Invalid email address<{address}>.")


def test_rerequest_sends_again_unless_verified(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    ses = ses_client()
    ses.verify_email_identity(EmailAddress="a@example.com")
    ses.verify_email_identity(EmailAddress="a@example.com")
    assert len(ses_verification.verification_emails) == 2
    ses_verification.click_verification_link("a@example.com")
    ses.verify_email_identity(EmailAddress="a@example.com")
    assert len(ses_verification.verification_emails) == 2
    assert status_of(ses, "a@example.com") == "Success"


# -- VerifyDomainIdentity ------------------------------------------------------------


def test_verify_domain_returns_a_stable_token_per_region(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    east, west = ses_client("us-east-1"), ses_client("eu-west-1")
    response = east.verify_domain_identity(Domain="example.com")
    assert_valid_output(east, "VerifyDomainIdentity", response)
    token = response["VerificationToken"]
    assert re.fullmatch(r"[A-Za-z0-9+/]{43}=", token)
    assert east.verify_domain_identity(Domain="EXAMPLE.COM")["VerificationToken"] == token
    assert west.verify_domain_identity(Domain="example.com")["VerificationToken"] != token
    # Deterministic across tests and runs: derived from (region, domain).
    assert token == derived_token("us-east-1", "example.com")
    assert ses_verification.verification_emails == []


@pytest.mark.parametrize(
    "domain", ["example.com.", "exa mple.com", "-x.com", "a@example.com", "a..b", ""]
)
@pytest.mark.usefixtures("ses_verification")
def test_invalid_domain(ses_client: MakeClient, domain: str) -> None:
    """Real text for a trailing dot: `Invalid domain name pkyjo4kn7f.terraformtesting.com..`
    (hashicorp/terraform-provider-aws PR 3840); the same text for the other rejections is
    our inference."""
    with pytest.raises(ClientError) as exc:
        ses_client().verify_domain_identity(Domain=domain)
    assert error_of(exc) == ("InvalidParameterValue", f"Invalid domain name {domain}.")


@pytest.mark.usefixtures("ses_verification")
def test_a_single_label_domain_is_accepted(ses_client: MakeClient) -> None:
    """aws/aws-sdk-java-v2 services/ses/src/it/.../EmailIntegrationTest.java verifies
    `invalid-test-domain` against the live service: Pending, listed as a domain."""
    ses = ses_client()
    token = ses.verify_domain_identity(Domain="invalid-test-domain")["VerificationToken"]
    assert ses.list_identities(IdentityType="Domain")["Identities"] == ["invalid-test-domain"]
    attributes = ses.get_identity_verification_attributes(Identities=["invalid-test-domain"])
    assert attributes["VerificationAttributes"]["invalid-test-domain"] == {
        "VerificationStatus": "Pending",
        "VerificationToken": token,
    }


# -- DeleteIdentity / DeleteVerifiedEmailAddress ---------------------------------------


@pytest.mark.usefixtures("ses_verification")
def test_delete_identity_is_idempotent_and_leaves_addresses_at_the_domain(
    ses_client: MakeClient,
) -> None:
    ses = ses_client()
    ses.verify_domain_identity(Domain="example.com")
    ses.verify_email_identity(EmailAddress="a@example.com")
    response = ses.delete_identity(Identity="EXAMPLE.com")
    assert_valid_output(ses, "DeleteIdentity", response)
    assert ses.list_identities()["Identities"] == ["a@example.com"]
    ses.delete_identity(Identity="example.com")
    ses.delete_identity(Identity="never@example.com")
    with pytest.raises(ClientError) as exc:
        ses.delete_identity(Identity="not valid")
    assert error_of(exc)[0] == "InvalidParameterValue"


@pytest.mark.usefixtures("ses_verification")
def test_delete_verified_email_address(ses_client: MakeClient) -> None:
    ses = ses_client()
    ses.verify_email_identity(EmailAddress="a@example.com")
    response = ses.delete_verified_email_address(EmailAddress="a@example.com")
    assert_valid_output(ses, "DeleteVerifiedEmailAddress", response)
    assert ses.list_identities()["Identities"] == []
    with pytest.raises(ClientError) as exc:
        ses.delete_verified_email_address(EmailAddress="nope")
    assert error_of(exc) == ("InvalidParameterValue", "Invalid email address<nope>.")


# -- ListIdentities ------------------------------------------------------------------


@pytest.mark.usefixtures("ses_verification")
def test_list_identities_all_statuses_creation_order_and_type_filter(
    ses_client: MakeClient,
) -> None:
    ses = ses_client()
    ses.verify_email_identity(EmailAddress="b@example.com")
    ses.verify_domain_identity(Domain="example.com")
    ses.verify_email_identity(EmailAddress="a@example.com")
    response = ses.list_identities()
    assert_valid_output(ses, "ListIdentities", response)
    assert response["Identities"] == ["b@example.com", "example.com", "a@example.com"]
    assert "NextToken" not in response
    assert ses.list_identities(IdentityType="Domain")["Identities"] == ["example.com"]
    assert ses.list_identities(IdentityType="EmailAddress")["Identities"] == [
        "b@example.com",
        "a@example.com",
    ]
    assert ses_client("eu-west-1").list_identities()["Identities"] == []


@pytest.mark.usefixtures("ses_verification")
def test_list_identities_bad_type_is_a_validation_error(ses_client: MakeClient) -> None:
    """No recording of this error exists; the shape is that of real v1 enum errors
    (marckohlbrugge/sessy issue 190: no value echoed), the enum order moto's (chosen)."""
    with pytest.raises(ClientError) as exc:
        ses_client().list_identities(IdentityType="Mailbox")  # type: ignore[arg-type]
    assert error_of(exc) == (
        "ValidationError",
        "1 validation error detected: Value at 'identityType' failed to satisfy "
        "constraint: Member must satisfy enum value set: [Domain, EmailAddress]",
    )


@pytest.mark.parametrize("max_items", [0, -1, 1001])
@pytest.mark.usefixtures("ses_verification")
def test_list_identities_max_items_out_of_range(ses_client: MakeClient, max_items: int) -> None:
    with pytest.raises(ClientError) as exc:
        ses_client().list_identities(MaxItems=max_items)
    code, message = error_of(exc)
    assert code == "InvalidParameterValue"
    assert "MaxItems" in message


@pytest.mark.usefixtures("ses_verification")
def test_list_identities_pages_with_next_token(ses_client: MakeClient) -> None:
    ses = ses_client()
    names = [f"d{n}.example.com" for n in range(5)]
    for name in names:
        ses.verify_domain_identity(Domain=name)
    first = ses.list_identities(MaxItems=2)
    assert first["Identities"] == names[:2]
    second = ses.list_identities(MaxItems=2, NextToken=first["NextToken"])
    assert second["Identities"] == names[2:4]
    # Deleting an identity between pages neither repeats nor skips the others.
    ses.delete_identity(Identity=names[4])
    third = ses.list_identities(MaxItems=2, NextToken=second["NextToken"])
    assert third["Identities"] == []
    assert "NextToken" not in third


@pytest.mark.usefixtures("ses_verification")
def test_list_identities_rejects_a_token_it_did_not_issue(ses_client: MakeClient) -> None:
    east = ses_client()
    for name in ("a.com", "b.com"):
        east.verify_domain_identity(Domain=name)
    token = east.list_identities(MaxItems=1)["NextToken"]
    with pytest.raises(ClientError) as exc:
        east.list_identities(NextToken="made-up")
    assert error_of(exc)[0] == "InvalidParameterValue"
    with pytest.raises(ClientError) as exc:
        ses_client("eu-west-1").list_identities(NextToken=token)
    assert error_of(exc)[0] == "InvalidParameterValue"


@pytest.mark.usefixtures("ses_verification")
def test_list_identities_paginator(ses_client: MakeClient) -> None:
    ses = ses_client()
    names = [f"user{n}@example.com" for n in range(7)]
    for name in names:
        ses.verify_email_identity(EmailAddress=name)
    pages = list(ses.get_paginator("list_identities").paginate(PaginationConfig={"PageSize": 3}))
    assert [page["Identities"] for page in pages] == [names[:3], names[3:6], names[6:]]
    everything = ses.get_paginator("list_identities").paginate().build_full_result()
    assert everything["Identities"] == names


# -- ListVerifiedEmailAddresses --------------------------------------------------------


def test_list_verified_email_addresses_only_successful_addresses(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    ses = ses_client()
    ses.verify_email_identity(EmailAddress="a@example.com")
    ses.verify_email_identity(EmailAddress="b@example.com")
    ses.verify_domain_identity(Domain="example.com")
    ses_verification.publish_txt_record("example.com")
    ses_verification.click_verification_link("b@example.com")
    response = ses.list_verified_email_addresses()
    assert_valid_output(ses, "ListVerifiedEmailAddresses", response)
    assert response["VerifiedEmailAddresses"] == ["b@example.com"]


# -- limits, errors and metadata -------------------------------------------------------


def test_identity_limit_per_region(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    ses = ses_client()
    store = ses_verification._account.registry.region("us-east-1")
    for n in range(10_000):
        ses_verification.set_identity(f"d{n}.example.com", region="us-east-1")
    assert len(store) == 10_000
    ses.verify_domain_identity(Domain="d5.example.com")  # already there: fine
    with pytest.raises(ClientError) as exc:
        ses.verify_email_identity(EmailAddress="one-too-many@example.com")
    code, message = error_of(exc)
    assert code == "LimitExceeded"
    assert "10000" in message
    ses_client("eu-west-1").verify_email_identity(EmailAddress="one-too-many@example.com")


@pytest.mark.usefixtures("ses_verification")
def test_response_metadata_is_shaped_like_the_services(ses_client: MakeClient) -> None:
    ses = ses_client()
    metadata = ses.list_identities()["ResponseMetadata"]
    request_id = metadata["RequestId"]
    assert str(uuid.UUID(request_id)) == request_id
    assert metadata["HTTPStatusCode"] == 200
    assert metadata["RetryAttempts"] == 0
    headers = metadata["HTTPHeaders"]
    assert headers["x-amzn-requestid"] == request_id
    assert headers["content-type"] == "text/xml"
    assert int(headers["content-length"]) > 0
    assert parsedate_to_datetime(headers["date"]).tzinfo is not None
    assert ses.list_identities()["ResponseMetadata"]["RequestId"] != request_id


@pytest.mark.usefixtures("ses_verification")
def test_errors_carry_metadata_and_are_the_modeled_client_error(ses_client: MakeClient) -> None:
    ses = ses_client()
    with pytest.raises(ClientError) as exc:
        ses.verify_email_identity(EmailAddress="bad")
    metadata = exc.value.response["ResponseMetadata"]
    assert metadata["HTTPHeaders"]["x-amzn-requestid"] == metadata["RequestId"]
    assert exc.value.operation_name == "VerifyEmailIdentity"
    assert "InvalidParameterValue" in str(exc.value)


@pytest.mark.usefixtures("ses_verification")
def test_botocore_still_validates_parameters(ses_client: MakeClient) -> None:
    ses = ses_client()
    with pytest.raises(ParamValidationError):
        ses.verify_email_identity(EmailAddress=123)  # type: ignore[arg-type]
    with pytest.raises(ParamValidationError):
        ses.get_identity_verification_attributes()  # type: ignore[call-arg]


def test_after_call_handlers_see_an_http_response_with_the_body(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    ses = ses_client()
    seen: list[tuple[int, bytes]] = []
    ses.meta.events.register(
        "after-call.ses.ListIdentities",
        lambda http_response, **_: seen.append((http_response.status_code, http_response.content)),
    )
    response = ses.list_identities()
    [(status, body)] = seen
    assert status == 200
    assert body.startswith(
        b'<ListIdentitiesResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/">'
    )
    assert len(body) == int(response["ResponseMetadata"]["HTTPHeaders"]["content-length"])
    assert ses_verification.calls[-1].operation == "ListIdentities"


@pytest.mark.ses_identity("example.com", "Success")
def test_identity_exists_waiter_works_on_the_fake(ses_client: MakeClient) -> None:
    ses = ses_client()
    waiter = ses.get_waiter("identity_exists")
    waiter.wait(Identities=["example.com"], WaiterConfig={"Delay": 0, "MaxAttempts": 1})
    with pytest.raises(WaiterError):
        waiter.wait(Identities=["other.example"], WaiterConfig={"Delay": 0, "MaxAttempts": 2})
