"""Custom verification emails through real v1 and v2 clients: the templates (one store per
region for both APIs), SendCustomVerificationEmail, and where the owner's click lands.
Every answer is checked against botocore's output shape; each test's docstring names its
evidence (the README's behaviour table), or "chosen"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from mypy_boto3_ses import SESClient

from pytest_ses_verify import SesVerification

from ..conftest import assert_valid_output, status_of

OK, FAIL = "https://app.example.com/verified", "https://app.example.com/expired"
CONTENT = "<html><body><h1>Welcome to Example</h1><p>Confirm your address.</p></body></html>"
TEMPLATE: dict[str, str] = {
    "TemplateName": "welcome",
    "FromEmailAddress": "no-reply@example.com",
    "TemplateSubject": "Confirm your address",
    "TemplateContent": CONTENT,
    "SuccessRedirectionURL": OK,
    "FailureRedirectionURL": FAIL,
}
SUMMARY = {k: v for k, v in TEMPLATE.items() if k != "TemplateContent"}

pytestmark = pytest.mark.ses_identity("example.com", "Success")


def v1(region: str = "us-east-1") -> SESClient:
    return boto3.client("ses", region_name=region)


def v2(region: str = "us-east-1") -> Any:
    return boto3.client("sesv2", region_name=region)


def error_of(exc: pytest.ExceptionInfo[ClientError]) -> tuple[str, str, int]:
    response = exc.value.response
    return (
        response["Error"]["Code"],
        response["Error"]["Message"],
        response["ResponseMetadata"]["HTTPStatusCode"],
    )


def create(client: Any, **changed: Any) -> None:
    response = client.create_custom_verification_email_template(**{**TEMPLATE, **changed})
    assert_valid_output(client, "CreateCustomVerificationEmailTemplate", response)


# -- templates -------------------------------------------------------------------------


@pytest.mark.botocore_knows("sesv2", "CreateCustomVerificationEmailTemplate", "Tags")
def test_v1_round_trip_in_one_store_with_v2() -> None:
    """doc: the template operations; one store for both APIs: emulator
    (floci-io/floci#1840)."""
    client, other = v1(), v2()
    create(client)
    got = client.get_custom_verification_email_template(TemplateName="welcome")
    assert_valid_output(client, "GetCustomVerificationEmailTemplate", got)
    assert {k: v for k, v in got.items() if k != "ResponseMetadata"} == TEMPLATE
    seen = other.get_custom_verification_email_template(TemplateName="welcome")
    assert_valid_output(other, "GetCustomVerificationEmailTemplate", seen)
    assert {k: v for k, v in seen.items() if k != "ResponseMetadata"} == {**TEMPLATE, "Tags": []}
    listed = client.list_custom_verification_email_templates()
    assert_valid_output(client, "ListCustomVerificationEmailTemplates", listed)
    assert listed["CustomVerificationEmailTemplates"] == [SUMMARY]
    assert "NextToken" not in listed
    assert (
        v1("eu-west-1").list_custom_verification_email_templates()[
            "CustomVerificationEmailTemplates"
        ]
        == []
    )

    deleted = other.delete_custom_verification_email_template(TemplateName="welcome")
    assert_valid_output(other, "DeleteCustomVerificationEmailTemplate", deleted)
    assert (
        client.list_custom_verification_email_templates()["CustomVerificationEmailTemplates"] == []
    )


@pytest.mark.botocore_knows("sesv2", "CreateCustomVerificationEmailTemplate", "Tags")
def test_v2_creates_with_tags_and_replaces_on_update() -> None:
    """doc: SES API v2 reference, Create/Get/UpdateCustomVerificationEmailTemplate (Tags;
    Update takes every value)."""
    client = v2()
    create(client, Tags=[{"Key": "team", "Value": "growth"}])
    updated = client.update_custom_verification_email_template(
        **{**TEMPLATE, "TemplateSubject": "Please confirm", "SuccessRedirectionURL": OK + "/2"}
    )
    assert_valid_output(client, "UpdateCustomVerificationEmailTemplate", updated)
    got = client.get_custom_verification_email_template(TemplateName="welcome")
    assert got["TemplateSubject"] == "Please confirm"
    assert got["SuccessRedirectionURL"] == OK + "/2"
    assert got["Tags"] == [{"Key": "team", "Value": "growth"}]
    with pytest.raises(client.exceptions.BadRequestException):
        create(client, TemplateName="other", Tags=[{"Key": "aws:x", "Value": "y"}])
    assert client.list_custom_verification_email_templates()[
        "CustomVerificationEmailTemplates"
    ] == [{**SUMMARY, "TemplateSubject": "Please confirm", "SuccessRedirectionURL": OK + "/2"}]


def test_v1_update_changes_only_the_values_given() -> None:
    """doc: Developer Guide, "Editing a custom verification email template" (none of the
    values but the name are required)."""
    client = v1()
    create(client)
    response = client.update_custom_verification_email_template(
        TemplateName="welcome", TemplateContent="<p>New</p>"
    )
    assert_valid_output(client, "UpdateCustomVerificationEmailTemplate", response)
    got = client.get_custom_verification_email_template(TemplateName="welcome")
    assert got["TemplateContent"] == "<p>New</p>"
    assert got["TemplateSubject"] == TEMPLATE["TemplateSubject"]


def test_a_name_in_use_and_unknown_templates() -> None:
    """emulator: floci-io/floci#1840 (codes, texts, v2 statuses; v1 Delete: inferred)."""
    client, other = v1(), v2()
    create(client)
    with pytest.raises(
        client.exceptions.CustomVerificationEmailTemplateAlreadyExistsException
    ) as v1_again:
        create(client)
    assert error_of(v1_again) == (
        "CustomVerificationEmailTemplateAlreadyExists",
        "Custom verification email template <welcome> already exists",
        400,
    )
    with pytest.raises(other.exceptions.AlreadyExistsException) as v2_again:
        create(other)
    assert error_of(v2_again)[::2] == ("AlreadyExistsException", 400)
    missing = "Custom verification email template <nope> does not exist"
    v1_calls: list[Callable[[], object]] = [
        lambda: client.get_custom_verification_email_template(TemplateName="nope"),
        lambda: client.update_custom_verification_email_template(TemplateName="nope"),
        lambda: client.delete_custom_verification_email_template(TemplateName="nope"),
    ]
    for call in v1_calls:
        with pytest.raises(ClientError) as v1_missing:
            call()
        assert error_of(v1_missing) == ("CustomVerificationEmailTemplateDoesNotExist", missing, 400)
    for call in (
        lambda: other.get_custom_verification_email_template(TemplateName="nope"),
        lambda: other.update_custom_verification_email_template(
            **{**TEMPLATE, "TemplateName": "nope"}
        ),
        lambda: other.delete_custom_verification_email_template(TemplateName="nope"),
    ):
        with pytest.raises(other.exceptions.NotFoundException) as v2_missing:
            call()
        assert error_of(v2_missing) == ("NotFoundException", missing, 404)


def test_the_sender_must_be_verified() -> None:
    """emulator: floci-io/floci#1840 (v1 FromEmailAddressNotVerified, v2 NotFoundException
    404, the text); doc: the Developer Guide (the address or its domain)."""
    client, other = v1(), v2()
    text = "The from email address <me@example.net> is not verified"
    with pytest.raises(client.exceptions.FromEmailAddressNotVerifiedException) as refused:
        create(client, FromEmailAddress="me@example.net")
    assert error_of(refused) == ("FromEmailAddressNotVerified", text, 400)
    with pytest.raises(other.exceptions.NotFoundException) as v2_refused:
        create(other, FromEmailAddress="me@example.net")
    assert error_of(v2_refused) == ("NotFoundException", text, 404)
    create(client)
    with pytest.raises(client.exceptions.FromEmailAddressNotVerifiedException):
        client.update_custom_verification_email_template(
            TemplateName="welcome", FromEmailAddress="me@example.net"
        )


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("<p>Hi</p><script>steal()</script>", "The tag <script> is not allowed"),
        ('<p>Click <a href="https://x.example">here</a></p>', "The tag <a> is not allowed"),
        ('<body onload="x()">Hi</body>', "The attribute onload of the tag <body> is not allowed"),
        ("<p>Hi</p><!-- note to self -->", "Comments are not allowed"),
    ],
)
def test_content_outside_the_allowed_html_is_invalid(content: str, problem: str) -> None:
    """doc: the custom verification email FAQ, Q5 (the table, no `a`; "Custom verification
    email templates can't include comment tags."); v2 code and messages: chosen."""
    client, other = v1(), v2()
    text = f"{problem} in a custom verification email."
    with pytest.raises(client.exceptions.CustomVerificationEmailInvalidContentException) as v1_bad:
        create(client, TemplateContent=content)
    assert error_of(v1_bad) == ("CustomVerificationEmailInvalidContent", text, 400)
    with pytest.raises(other.exceptions.BadRequestException) as v2_bad:
        create(other, TemplateContent=content)
    assert error_of(v2_bad) == ("BadRequestException", text, 400)


def test_redirection_urls_and_blank_values() -> None:
    """emulator: floci-io/floci#1840."""
    client, other = v1(), v2()
    with pytest.raises(ClientError) as url:
        create(client, FailureRedirectionURL="/relative")
    assert error_of(url) == ("InvalidParameterValue", "The failure redirection URL is invalid", 400)
    with pytest.raises(other.exceptions.BadRequestException):
        create(other, SuccessRedirectionURL="app.example.com")
    with pytest.raises(ClientError) as blank:
        create(client, TemplateSubject="")
    assert error_of(blank) == ("InvalidParameterValue", "TemplateSubject is required.", 400)


def test_at_most_50_templates_per_region() -> None:
    """doc: the custom verification email FAQ, Q1 (per region and message: chosen)."""
    client, other = v1(), v2()
    for n in range(50):
        create(client, TemplateName=f"t{n:02}")
    with pytest.raises(client.exceptions.LimitExceededException) as v1_full:
        create(client, TemplateName="t50")
    assert error_of(v1_full)[::2] == ("LimitExceeded", 400)
    with pytest.raises(other.exceptions.LimitExceededException):
        create(other, TemplateName="t50")
    create(v1("eu-west-1"), TemplateName="t50")  # another region has room


def test_listing_pages_with_max_results_and_page_size() -> None:
    """doc: ListCustomVerificationEmailTemplates (v1 MaxResults outside 1-50: up to 50; v2
    PageSize 1-50, message chosen); creation order: chosen."""
    client, other = v1(), v2()
    for name in ("c", "a", "b"):
        create(client, TemplateName=name)
    first = client.list_custom_verification_email_templates(MaxResults=2)
    assert_valid_output(client, "ListCustomVerificationEmailTemplates", first)
    assert [t["TemplateName"] for t in first["CustomVerificationEmailTemplates"]] == ["c", "a"]
    rest = client.list_custom_verification_email_templates(NextToken=first["NextToken"])
    assert [t["TemplateName"] for t in rest["CustomVerificationEmailTemplates"]] == ["b"]
    assert "NextToken" not in rest
    many = client.list_custom_verification_email_templates(MaxResults=500)
    assert len(many["CustomVerificationEmailTemplates"]) == 3
    pages = client.get_paginator("list_custom_verification_email_templates").paginate(
        PaginationConfig={"PageSize": 1}
    )
    assert [t["TemplateName"] for p in pages for t in p["CustomVerificationEmailTemplates"]] == [
        "c",
        "a",
        "b",
    ]
    page = other.list_custom_verification_email_templates(PageSize=1)
    assert_valid_output(other, "ListCustomVerificationEmailTemplates", page)
    following = other.list_custom_verification_email_templates(
        PageSize=50, NextToken=page["NextToken"]
    )
    assert [t["TemplateName"] for t in following["CustomVerificationEmailTemplates"]] == ["a", "b"]
    with pytest.raises(other.exceptions.BadRequestException) as too_many:
        other.list_custom_verification_email_templates(PageSize=51)
    assert error_of(too_many) == (
        "BadRequestException",
        "PageSize must be between 1 and 50; got 51.",
        400,
    )
    with pytest.raises(ClientError, match="InvalidParameterValue"):
        client.list_custom_verification_email_templates(NextToken="forged")


# -- sending ---------------------------------------------------------------------------


@pytest.mark.parametrize("make", [v1, v2])
def test_a_send_starts_verification_and_records_the_email(
    ses_verification: SesVerification, make: Any
) -> None:
    """doc: SendCustomVerificationEmail ("Adds an email address to the list of identities
    ... and attempts to verify it"); emulator: floci-io/floci#2191 (Pending at once)."""
    client = make()
    create(client)
    response = client.send_custom_verification_email(
        EmailAddress="user@example.net", TemplateName="welcome"
    )
    assert_valid_output(client, "SendCustomVerificationEmail", response)
    assert response["MessageId"].endswith("-000000")
    assert status_of(v1(), "user@example.net") == "Pending"
    [email] = ses_verification.verification_emails
    assert (email.address, email.region, email.template) == (
        "user@example.net",
        "us-east-1",
        "welcome",
    )
    assert (email.subject, email.content, email.sender) == (
        "Confirm your address",
        CONTENT,
        "no-reply@example.com",
    )
    assert (email.success_url, email.failure_url) == (OK, FAIL)
    assert email.expires_at - email.sent_at == timedelta(hours=24)
    assert ses_verification.outbox == []
    assert ses_verification.click_verification_link("user@example.net") == OK
    assert status_of(v1(), "user@example.net") == "Success"


def test_an_expired_link_lands_on_the_failure_url(ses_verification: SesVerification) -> None:
    """doc: CreateCustomVerificationEmailTemplate (FailureRedirectionURL)."""
    client = v2()
    create(client)
    client.send_custom_verification_email(EmailAddress="user@example.net", TemplateName="welcome")
    ses_verification.advance(hours=25)
    assert ses_verification.click_verification_link("user@example.net") == FAIL
    assert status_of(v1(), "user@example.net") == "Failed"
    client.send_custom_verification_email(EmailAddress="user@example.net", TemplateName="welcome")
    assert ses_verification.click_verification_link("user@example.net", region="us-east-1") == OK


def test_the_plain_verification_email_lands_nowhere(ses_verification: SesVerification) -> None:
    """chosen: the plain email's landing page is SES's own."""
    v1().verify_email_identity(EmailAddress="user@example.net")
    assert ses_verification.click_verification_link("user@example.net") is None
    [email] = ses_verification.verification_emails
    assert email.template is None
    assert email.success_url is None


@pytest.mark.parametrize(
    ("api", "code"), [("ses", "InvalidParameterValue"), ("sesv2", "BadRequestException")]
)
def test_an_empty_address_is_not_specified(api: str, code: str) -> None:
    """emulator (claims probe): floci-io/floci#2191 ("a blank address is "Email address not
    specified."", checked before the template, InvalidParameterValue, v2
    BadRequestException); real, for VerifyEmailIdentity: the same text
    (aws-amplify/aws-sdk-ios:AWSSESTests/AWSSESTests.m). botocore sends "" (no min)."""
    client: Any = v1() if api == "ses" else v2()
    with pytest.raises(ClientError) as empty:
        client.send_custom_verification_email(EmailAddress="", TemplateName="nope")
    assert error_of(empty) == (code, "Email address not specified.", 400)


def test_send_errors_v1() -> None:
    """doc: SendCustomVerificationEmail's errors (v1 codes); emulator: floci-io/floci#2191
    (the address first, the texts of a missing template and of a sender no longer
    verified); the order: chosen."""
    client = v1()
    create(client)
    with pytest.raises(ClientError) as invalid:
        client.send_custom_verification_email(EmailAddress="not-an-address", TemplateName="nope")
    assert error_of(invalid) == (
        "InvalidParameterValue",
        "Invalid email address<not-an-address>.",
        400,
    )
    with pytest.raises(
        client.exceptions.CustomVerificationEmailTemplateDoesNotExistException
    ) as missing:
        client.send_custom_verification_email(EmailAddress="user@example.net", TemplateName="nope")
    assert error_of(missing) == (
        "CustomVerificationEmailTemplateDoesNotExist",
        "Template <nope> does not exist",
        400,
    )
    with pytest.raises(client.exceptions.ConfigurationSetDoesNotExistException):
        client.send_custom_verification_email(
            EmailAddress="user@example.net", TemplateName="welcome", ConfigurationSetName="x"
        )
    client.delete_identity(Identity="example.com")
    with pytest.raises(client.exceptions.FromEmailAddressNotVerifiedException) as unverified:
        client.send_custom_verification_email(
            EmailAddress="user@example.net", TemplateName="welcome"
        )
    assert error_of(unverified) == (
        "FromEmailAddressNotVerified",
        "Email address is not verified. The following identities failed the check in region "
        "US-EAST-1: no-reply@example.com",
        400,
    )
    assert status_of(client, "user@example.net") is None


def test_send_errors_v2() -> None:
    """emulator: floci-io/floci#2191 (NotFoundException for a missing template, its text,
    and for a missing configuration set); a sender no longer verified: inferred."""
    client = v2()
    create(client)
    with pytest.raises(client.exceptions.BadRequestException) as invalid:
        client.send_custom_verification_email(EmailAddress="a@@example.net", TemplateName="welcome")
    assert error_of(invalid) == (
        "BadRequestException",
        "Invalid email address<a@@example.net>.",
        400,
    )
    with pytest.raises(client.exceptions.NotFoundException) as missing:
        client.send_custom_verification_email(EmailAddress="user@example.net", TemplateName="nope")
    assert error_of(missing) == (
        "NotFoundException",
        "Custom verification email template <nope> does not exist",
        404,
    )
    with pytest.raises(client.exceptions.NotFoundException):
        client.send_custom_verification_email(
            EmailAddress="user@example.net", TemplateName="welcome", ConfigurationSetName="x"
        )
    client.create_configuration_set(ConfigurationSetName="x")
    client.send_custom_verification_email(
        EmailAddress="user@example.net", TemplateName="welcome", ConfigurationSetName="x"
    )
    client.delete_email_identity(EmailIdentity="example.com")
    with pytest.raises(client.exceptions.NotFoundException):
        client.send_custom_verification_email(
            EmailAddress="other@example.net", TemplateName="welcome"
        )


@pytest.mark.ses_verification(sandbox=True)
def test_the_sandbox_sends_no_custom_verification_email(ses_verification: SesVerification) -> None:
    """doc: the custom verification email FAQ, Q13 (v1 ProductionAccessNotGranted); v2's
    code and the text: chosen. Templates can be made in the sandbox."""
    client, other = v1(), v2()
    create(client)
    text = "The account has not been granted production access."
    with pytest.raises(client.exceptions.ProductionAccessNotGrantedException) as v1_sandbox:
        client.send_custom_verification_email(
            EmailAddress="user@example.net", TemplateName="welcome"
        )
    assert error_of(v1_sandbox) == ("ProductionAccessNotGranted", text, 400)
    with pytest.raises(other.exceptions.BadRequestException) as v2_sandbox:
        other.send_custom_verification_email(
            EmailAddress="user@example.net", TemplateName="welcome"
        )
    assert error_of(v2_sandbox) == ("BadRequestException", text, 400)
    assert ses_verification.verification_emails == []


@pytest.mark.ses_verification(rate_limit=True)
def test_custom_verification_operations_are_throttled(ses_verification: SesVerification) -> None:
    """doc: the API reference of each ("no more than once per second")."""
    client = v1()
    create(client)
    with pytest.raises(client.exceptions.ClientError, match="Throttling"):
        client.send_custom_verification_email(
            EmailAddress="user@example.net", TemplateName="welcome"
        )
    ses_verification.advance(seconds=1)
    client.send_custom_verification_email(EmailAddress="user@example.net", TemplateName="welcome")
