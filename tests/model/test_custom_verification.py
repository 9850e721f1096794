"""Custom verification emails, pure (pytest_ses_verify.model.custom_templates): the
template store and its rules, SendCustomVerificationEmail, and where a click lands. Each
test names its evidence in the README's behaviour table, or "chosen"."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from pytest_ses_verify.model.account import Account
from pytest_ses_verify.model.configuration_sets import ConfigurationSetMissing
from pytest_ses_verify.model.custom_templates import (
    MAX_SIZE,
    MAX_TEMPLATES,
    CustomTemplate,
    FromAddressNotVerified,
    InvalidTemplateContent,
    ProductionAccessNotGranted,
    TemplateExists,
    TemplateLimitReached,
    TemplateMissing,
    check_content,
)
from pytest_ses_verify.model.errors import InvalidParameter, ModelError
from pytest_ses_verify.model.identities import Registry
from pytest_ses_verify.model.lifecycle import EMAIL_LINK_LIFETIME
from pytest_ses_verify.model.verification import VerificationEmail

T0 = datetime(2030, 1, 1, tzinfo=timezone.utc)
R = "us-east-1"
OK, FAIL = "https://app.example.com/verified", "https://app.example.com/expired"
CONTENT = "<html><body><h1>Welcome</h1><p>Click the link below.</p></body></html>"


def account_with(*verified: str, sandbox: bool = False) -> Account:
    """An account whose ``verified`` identities (addresses or domains) are verified in R."""
    account = Account(Registry(), sandbox=sandbox)
    for name in verified:
        account.registry.preset(R, name, "EmailAddress" if "@" in name else "Domain", "Success", T0)
    return account


def create(account: Account, name: str = "welcome", **changed: str) -> CustomTemplate:
    values = {
        "from_address": "no-reply@example.com",
        "subject": "Confirm your address",
        "content": CONTENT,
        "success_url": OK,
        "failure_url": FAIL,
        **changed,
    }
    return account.custom_templates.create(
        R,
        name,
        values["from_address"],
        values["subject"],
        values["content"],
        values["success_url"],
        values["failure_url"],
        T0,
    )


def message(err: pytest.ExceptionInfo[ModelError]) -> str:
    return err.value.message


def status(account: Account, address: str, now: datetime) -> str | None:
    identity = account.registry.get(R, address, "EmailAddress")
    return None if identity is None else account.registry.status(identity, now)


# -- templates -------------------------------------------------------------------------


def test_a_template_is_kept_as_created_per_region() -> None:
    """doc: CreateCustomVerificationEmailTemplate, GetCustomVerificationEmailTemplate."""
    account = account_with("example.com")
    created = create(account)
    assert account.custom_templates.get(R, "welcome") is created
    assert (created.from_address, created.subject, created.content) == (
        "no-reply@example.com",
        "Confirm your address",
        CONTENT,
    )
    assert (created.success_url, created.failure_url, created.created_at) == (OK, FAIL, T0)
    with pytest.raises(TemplateMissing):
        account.custom_templates.get("eu-west-1", "welcome")


@pytest.mark.parametrize("sender", ["no-reply@example.com", "no-reply@mail.example.com"])
def test_the_sender_may_be_verified_through_its_domain(sender: str) -> None:
    """doc: Developer Guide, custom verification emails ("The address or domain you specify
    must be verified"); a parent domain as for sending (chosen)."""
    create(account_with("example.com"), from_address=sender)


def test_the_sender_must_be_a_verified_bare_address() -> None:
    """emulator: floci-io/floci#1840 (code and text); doc: no display names (chosen: they are
    refused as not verified)."""
    account = account_with("ops@example.com")
    for sender in ("nobody@example.net", "Ops <ops@example.com>", "example.com"):
        with pytest.raises(FromAddressNotVerified) as refused:
            create(account, from_address=sender)
        assert message(refused) == f"The from email address <{sender}> is not verified"
    account.registry.preset(R, "new@example.net", "EmailAddress", "Pending", T0)
    with pytest.raises(FromAddressNotVerified):
        create(account, from_address="new@example.net")


def test_a_name_is_used_once_per_region() -> None:
    """emulator: floci-io/floci#1840."""
    account = account_with("example.com")
    create(account)
    with pytest.raises(TemplateExists) as again:
        create(account, subject="Another")
    assert message(again) == "Custom verification email template <welcome> already exists"
    assert account.custom_templates.get(R, "welcome").subject == "Confirm your address"


def test_at_most_50_templates_per_region() -> None:
    """doc: the custom verification email FAQ, Q1 (per region: chosen; message chosen)."""
    account = account_with("example.com")
    for n in range(MAX_TEMPLATES):
        create(account, f"t{n}")
    with pytest.raises(TemplateLimitReached) as full:
        create(account, "one-more")
    assert message(full) == (
        "Maximum number of custom verification email templates (50) reached in region us-east-1."
    )
    with pytest.raises(TemplateExists):  # the name is checked before the limit
        create(account, "t0")
    account.custom_templates.delete(R, "t0")
    create(account, "one-more")


@pytest.mark.parametrize(
    ("field", "name"),
    [
        ("from_address", "FromEmailAddress"),
        ("subject", "TemplateSubject"),
        ("content", "TemplateContent"),
        ("success_url", "SuccessRedirectionURL"),
        ("failure_url", "FailureRedirectionURL"),
    ],
)
def test_blank_values_are_refused(field: str, name: str) -> None:
    """emulator: floci-io/floci#1840."""
    with pytest.raises(InvalidParameter) as blank:
        create(account_with("example.com"), **{field: " "})
    assert message(blank) == f"{name} is required."


@pytest.mark.parametrize(
    "url", ["not-a-url", "ftp://app.example.com/ok", "https:///no-host", "http://[::1"]
)
def test_redirection_urls_are_http_or_https_with_a_host(url: str) -> None:
    """emulator: floci-io/floci#1840."""
    account = account_with("example.com")
    with pytest.raises(InvalidParameter) as success:
        create(account, success_url=url)
    assert message(success) == "The success redirection URL is invalid"
    with pytest.raises(InvalidParameter) as failure:
        create(account, failure_url=url)
    assert message(failure) == "The failure redirection URL is invalid"
    create(account, success_url="http://localhost:8000/ok", failure_url="HTTPS://x.example/f")


@pytest.mark.parametrize(
    "content",
    [
        "Plain text, with < and > and & in it.",
        "<!DOCTYPE html><html><head></head><body class='x'>a --> b</body></html>",
        '<img src="data:image/png;base64,iVBORw0KGgo=" alt="logo" width="10" height="10"/>',
        '<table width="100%" summary="s"><tr><td colspan="2" style="color:red">x</td></tr></table>',
        '<ol start="3" type="a"><li>one</li></ol><blockquote cite="x">q</blockquote>',
        '<P ID="x">upper-case tags and attributes</P>',
    ],
)
def test_content_of_the_allowed_tags_and_attributes(content: str) -> None:
    """doc: the custom verification email FAQ, Q4 (base64 images) and Q5 (the table)."""
    check_content("Subject", content)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("<script>alert(1)</script>", "The tag <script> is not allowed"),
        ('<a href="https://example.com">link</a>', "The tag <a> is not allowed"),
        ("<style>p {}</style>", "The tag <style> is not allowed"),
        ("<p>text</p></iframe>", "The tag <iframe> is not allowed"),
        ('<p onclick="x()">text</p>', "The attribute onclick of the tag <p> is not allowed"),
        ('<div width="3">x</div>', "The attribute width of the tag <div> is not allowed"),
        ("<p>Hi</p><!-- a comment -->", "Comments are not allowed"),
        ("<!--[if mso]><p>Outlook</p><![endif]-->", "Comments are not allowed"),
        ("<p>Hi</p><!-- left open", "Comments are not allowed"),
        ("<!-- first --><a href='x'>then a link</a>", "Comments are not allowed"),
    ],
)
def test_other_tags_and_attributes_are_invalid_content(content: str, problem: str) -> None:
    """doc: the custom verification email FAQ, Q5 (the table; "Custom verification email
    templates can't include comment tags."); messages chosen; the first problem in the
    content is the one reported (chosen)."""
    with pytest.raises(InvalidTemplateContent) as invalid:
        create(account_with("example.com"), content=content)
    assert message(invalid) == f"{problem} in a custom verification email."


def test_content_of_up_to_10_mb() -> None:
    """doc: the custom verification email FAQ, Q5 ("may not exceed 10 MB"; the subject
    counted, and the message: chosen)."""
    check_content("", "x" * MAX_SIZE)
    with pytest.raises(InvalidTemplateContent) as large:
        check_content("S", "x" * MAX_SIZE)
    assert message(large) == "Custom verification email template exceeds 10 MB."
    with pytest.raises(InvalidTemplateContent):
        check_content("", "é" * (MAX_SIZE // 2 + 1))  # UTF-8 bytes, not characters


def test_an_update_replaces_the_values_given_checked_as_at_creation() -> None:
    """doc: Developer Guide, editing a template (v1: none but the name required); the
    order of the checks: emulator (floci-io/floci#1840) and chosen."""
    account = account_with("example.com")
    create(account)
    updated = account.custom_templates.update(R, "welcome", T0, subject="New subject")
    assert (updated.subject, updated.content, updated.success_url) == ("New subject", CONTENT, OK)
    account.custom_templates.update(
        R,
        "welcome",
        T0,
        from_address="team@example.com",
        content="<p>Hi</p>",
        success_url="https://b.example/ok",
        failure_url="https://b.example/fail",
    )
    assert account.custom_templates.get(R, "welcome") == CustomTemplate(
        "welcome",
        "team@example.com",
        "New subject",
        "<p>Hi</p>",
        "https://b.example/ok",
        "https://b.example/fail",
        updated.seq,
        T0,
    )
    with pytest.raises(FromAddressNotVerified):
        account.custom_templates.update(R, "welcome", T0, from_address="x@example.net")
    with pytest.raises(InvalidParameter):
        account.custom_templates.update(R, "welcome", T0, failure_url="nope")
    with pytest.raises(InvalidTemplateContent):
        account.custom_templates.update(R, "welcome", T0, content="<script></script>")
    with pytest.raises(InvalidParameter, match=r"TemplateSubject is required\."):
        account.custom_templates.update(R, "welcome", T0, subject="")
    assert account.custom_templates.get(R, "welcome").content == "<p>Hi</p>"
    with pytest.raises(TemplateMissing) as missing:
        account.custom_templates.update(R, "nope", T0, subject="x")
    assert message(missing) == "Custom verification email template <nope> does not exist"
    with pytest.raises(FromAddressNotVerified):  # the values are checked first
        account.custom_templates.update(R, "nope", T0, from_address="x@example.net")


def test_delete_removes_and_an_unknown_template_is_missing() -> None:
    """emulator: floci-io/floci#1840 (v1's code for a missing template: inferred)."""
    account = account_with("example.com")
    create(account)
    account.custom_templates.delete(R, "welcome")
    with pytest.raises(TemplateMissing) as missing:
        account.custom_templates.delete(R, "welcome")
    assert message(missing) == "Custom verification email template <welcome> does not exist"
    create(account)  # the name is free again


def test_listing_pages_in_creation_order() -> None:
    """doc: ListCustomVerificationEmailTemplates (up to 50 a page); the order is chosen;
    a token of another list or region is refused."""
    account = account_with("example.com")
    for name in ("c", "a", "b"):
        create(account, name)
    found, cursor = account.custom_templates.page(R, None, None)
    assert [t.name for t in found] == ["c", "a", "b"]
    assert cursor is None
    first, cursor = account.custom_templates.page(R, None, 2)
    assert [t.name for t in first] == ["c", "a"]
    assert cursor is not None
    account.custom_templates.delete(R, "a")
    rest, last = account.custom_templates.page(R, cursor, 2)
    assert [t.name for t in rest] == ["b"]
    assert last is None
    with pytest.raises(InvalidParameter):
        account.custom_templates.page("eu-west-1", cursor, 2)
    assert account.custom_templates.page("eu-west-1", None, None) == ([], None)


# -- sending ---------------------------------------------------------------------------


def test_a_send_verifies_the_address_as_verify_email_identity_does() -> None:
    """doc: SendCustomVerificationEmail ("Adds an email address to the list of identities
    ... and attempts to verify it"); emulator: floci-io/floci#2191 (Pending at once)."""
    account = account_with("example.com")
    create(account)
    sent = account.custom_templates.send(R, "user@example.net", "welcome", T0)
    assert sent.startswith("0100")
    assert sent.endswith("-000000")
    assert status(account, "user@example.net", T0) == "Pending"
    assert status(account, "user@example.net", T0 + EMAIL_LINK_LIFETIME) == "Failed"
    assert account.identities.emails == [
        VerificationEmail(
            "user@example.net",
            R,
            T0,
            T0 + EMAIL_LINK_LIFETIME,
            template="welcome",
            subject="Confirm your address",
            content=CONTENT,
            sender="no-reply@example.com",
            success_url=OK,
            failure_url=FAIL,
        )
    ]
    assert account.sending.outbox == []


def test_a_second_send_restarts_the_window_and_a_verified_address_gets_none() -> None:
    """doc: Developer Guide, "Creating and verifying identities" (as VerifyEmailIdentity;
    no email when verified: chosen)."""
    account = account_with("example.com")
    create(account)
    later = T0 + timedelta(hours=30)
    account.custom_templates.send(R, "user@example.net", "welcome", T0)
    account.custom_templates.send(R, "user@example.net", "welcome", later)
    assert status(account, "user@example.net", later) == "Pending"
    assert [e.sent_at for e in account.identities.emails] == [T0, later]
    account.registry.click(R, "user@example.net", later)
    account.custom_templates.send(R, "user@example.net", "welcome", later)
    assert len(account.identities.emails) == 2


def test_auto_verify_clicks_a_custom_link_too() -> None:
    """chosen: auto_verify verifies whatever way verification was asked for."""
    account = account_with("example.com")
    account.identities.auto_verify = True
    create(account)
    account.custom_templates.send(R, "user@example.net", "welcome", T0)
    assert status(account, "user@example.net", T0) == "Success"
    assert account.identities.emails[0].template == "welcome"


def test_the_checks_of_a_send_in_order() -> None:
    """doc: SendCustomVerificationEmail's errors; FAQ Q13 (production access). The address
    before the template, an empty one "Email address not specified.": emulator (claims
    probe: floci-io/floci#2191); the rest of the order: chosen."""
    account = account_with("example.com", sandbox=True)
    create(account)
    with pytest.raises(InvalidParameter) as empty:
        account.custom_templates.send(R, "", "nope", T0)
    assert message(empty) == "Email address not specified."
    with pytest.raises(InvalidParameter) as invalid:
        account.custom_templates.send(R, "not-an-address", "nope", T0)
    assert message(invalid) == "Invalid email address<not-an-address>."
    with pytest.raises(ProductionAccessNotGranted) as sandbox:
        account.custom_templates.send(R, "user@example.net", "nope", T0)
    assert message(sandbox) == "The account has not been granted production access."
    account.custom_templates.sandbox = False
    with pytest.raises(TemplateMissing):
        account.custom_templates.send(R, "user@example.net", "nope", T0)
    account.registry.delete(R, "example.com", "Domain")
    with pytest.raises(FromAddressNotVerified) as unverified:
        account.custom_templates.send(R, "user@example.net", "welcome", T0, "nope")
    assert message(unverified) == (
        "Email address is not verified. The following identities failed the check in region "
        "US-EAST-1: no-reply@example.com"
    )
    account.registry.preset(R, "example.com", "Domain", "Success", T0)
    with pytest.raises(ConfigurationSetMissing):
        account.custom_templates.send(R, "user@example.net", "welcome", T0, "nope")
    assert account.identities.emails == []
    assert account.registry.get(R, "user@example.net", "EmailAddress") is None
    account.configuration_sets.create(R, "nope", T0, [])
    account.custom_templates.send(R, "user@example.net", "welcome", T0, "nope")
    assert len(account.identities.emails) == 1


# -- where a click lands ---------------------------------------------------------------


def test_a_click_lands_on_the_success_url_once_verified() -> None:
    """doc: CreateCustomVerificationEmailTemplate (SuccessRedirectionURL)."""
    account = account_with("example.com")
    create(account)
    account.custom_templates.send(R, "user@example.net", "welcome", T0)
    account.registry.click(R, "user@example.net", T0)
    assert account.custom_templates.landing("user@example.net", [R], T0) == OK
    assert (
        account.custom_templates.landing("user@example.net", ["eu-west-1"], T0) is None
    )  # none sent there


def test_an_expired_or_deleted_link_lands_on_the_failure_url() -> None:
    """doc: CreateCustomVerificationEmailTemplate (FailureRedirectionURL: "not successfully
    verified"); a deleted identity: chosen."""
    account = account_with("example.com")
    create(account)
    account.custom_templates.send(R, "user@example.net", "welcome", T0)
    late = T0 + EMAIL_LINK_LIFETIME
    account.registry.click(R, "user@example.net", late)
    assert account.custom_templates.landing("user@example.net", [R], late) == FAIL
    account.registry.delete(R, "user@example.net", "EmailAddress")
    assert account.custom_templates.landing("user@example.net", [R], T0) == FAIL


def test_the_newest_email_decides_and_the_plain_email_lands_nowhere() -> None:
    """chosen: the plain SES email's landing page is SES's own."""
    account = account_with("example.com")
    create(account)
    create(account, "other", success_url="https://other.example/ok")
    account.identities.request_email(R, "user@example.net", T0)
    assert account.custom_templates.landing("user@example.net", [R], T0) is None
    account.custom_templates.send(R, "user@example.net", "other", T0)
    account.registry.click(R, "user@example.net", T0)
    assert (
        account.custom_templates.landing("user@example.net", [R], T0) == "https://other.example/ok"
    )
    # The template changed or went away since: the email keeps what it was sent with.
    account.custom_templates.delete(R, "other")
    assert (
        account.custom_templates.landing("user@example.net", [R], T0) == "https://other.example/ok"
    )
