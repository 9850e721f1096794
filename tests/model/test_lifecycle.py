"""The pure lifecycle (pytest_ses_verify.model): status from what happened and now, no botocore."""

from __future__ import annotations

import base64
from datetime import datetime, timedelta, timezone

import pytest

from pytest_ses_verify.model.dns import dkim_records, txt_record
from pytest_ses_verify.model.identities import (
    KINDS,
    Identity,
    Kind,
    Registry,
    kind_of,
)
from pytest_ses_verify.model.ids import derived_dkim_tokens, derived_token
from pytest_ses_verify.model.lifecycle import (
    DOMAIN_WINDOW,
    EMAIL_LINK_LIFETIME,
    STATUSES,
    Status,
    Track,
)

T0 = datetime(2030, 1, 1, tzinfo=timezone.utc)
R = "us-east-1"
H = timedelta(hours=1)
TICK = timedelta(microseconds=1)


def email(registry: Registry, address: str = "a@example.com") -> Identity:
    identity = registry.get(R, address, "EmailAddress")
    assert identity is not None
    return identity


def domain(registry: Registry, name: str = "example.com") -> Identity:
    identity = registry.get(R, name, "Domain")
    assert identity is not None
    return identity


def status(registry: Registry, identity: Identity, at: datetime) -> Status:
    return registry.status(identity, at)


@pytest.mark.parametrize(
    ("identity", "kind"),
    [
        ("a@example.com", "EmailAddress"),
        ("first.last+tag@sub.example.co.uk", "EmailAddress"),
        ("Sender@EXAMPLE.com", "EmailAddress"),
        ("example.com", "Domain"),
        ("EXAMPLE.COM", "Domain"),
        ("a-b.c-d.example", "Domain"),
        ("x" * 63 + ".com", "Domain"),
        ("", None),
        ("example", "Domain"),
        ("-example.com", None),
        ("example-.com", None),
        ("exa mple.com", None),
        ("example..com", None),
        ("x" * 64 + ".com", None),
        ("@example.com", None),
        ("a@", None),
        ("a@b@example.com", None),
        ("Name <a@example.com>", None),
        ("a@example", "EmailAddress"),
        ("a b@example.com", None),
    ],
)
def test_kind_of_tells_addresses_domains_and_garbage_apart(identity: str, kind: str | None) -> None:
    assert kind_of(identity) == kind


def test_derived_token_is_44_char_base64_of_32_bytes_per_region_and_case_insensitive() -> None:
    token = derived_token(R, "example.com")
    assert len(token) == 44
    assert token.endswith("=")
    assert len(base64.b64decode(token, validate=True)) == 32
    assert derived_token(R, "EXAMPLE.com") == token
    assert derived_token("eu-west-1", "example.com") != token


# -- email addresses ---------------------------------------------------------------


def test_email_pending_until_24h_then_failed_from_the_instant_the_window_closes() -> None:
    registry = Registry()
    assert registry.request_email(R, "a@example.com", T0) is True
    identity = email(registry)
    assert status(registry, identity, T0) == "Pending"
    assert status(registry, identity, T0 + EMAIL_LINK_LIFETIME - TICK) == "Pending"
    assert status(registry, identity, T0 + EMAIL_LINK_LIFETIME) == "Failed"
    assert status(registry, identity, T0 + 1000 * H) == "Failed"


def test_email_click_within_window_is_success_for_good() -> None:
    registry = Registry()
    registry.request_email(R, "a@example.com", T0)
    assert registry.click(R, "a@example.com", T0 + 23 * H) is True
    identity = email(registry)
    assert status(registry, identity, T0 + 23 * H) == "Success"
    assert status(registry, identity, T0 + 10_000 * H) == "Success"
    # Before the click (time moved back), it was still Pending.
    assert status(registry, identity, T0 + H) == "Pending"


def test_email_click_after_window_changes_nothing() -> None:
    registry = Registry()
    registry.request_email(R, "a@example.com", T0)
    registry.click(R, "a@example.com", T0 + EMAIL_LINK_LIFETIME)
    assert status(registry, email(registry), T0 + 30 * H) == "Failed"


def test_email_rerequest_while_pending_or_failed_restarts_window_and_sends() -> None:
    registry = Registry()
    registry.request_email(R, "a@example.com", T0)
    assert registry.request_email(R, "a@example.com", T0 + 20 * H) is True
    assert status(registry, email(registry), T0 + 30 * H) == "Pending"
    assert status(registry, email(registry), T0 + 44 * H) == "Failed"
    assert registry.request_email(R, "a@example.com", T0 + 50 * H) is True
    assert status(registry, email(registry), T0 + 51 * H) == "Pending"


def test_email_rerequest_while_success_changes_nothing_and_sends_nothing() -> None:
    registry = Registry()
    registry.request_email(R, "a@example.com", T0)
    registry.click(R, "a@example.com", T0 + H)
    assert registry.request_email(R, "a@example.com", T0 + 2 * H) is False
    assert status(registry, email(registry), T0 + 100 * H) == "Success"


def test_email_only_the_newest_link_counts() -> None:
    registry = Registry()
    registry.request_email(R, "a@example.com", T0)
    registry.request_email(R, "a@example.com", T0 + 23 * H)  # new link
    registry.click(R, "a@example.com", T0 + 40 * H)  # the first link would have expired
    assert status(registry, email(registry), T0 + 40 * H) == "Success"


def test_email_identities_are_case_sensitive() -> None:
    registry = Registry()
    registry.request_email(R, "sender@example.com", T0)
    assert registry.get(R, "sender@EXAMPLE.com", "EmailAddress") is None
    assert registry.get(R, "Sender@example.com", "EmailAddress") is None


def test_click_without_a_link_reports_it() -> None:
    registry = Registry()
    assert registry.click(R, "a@example.com", T0) is False
    registry.preset(R, "b@example.com", "EmailAddress", "Success", T0)
    assert registry.click(R, "b@example.com", T0) is False


# -- domains -----------------------------------------------------------------------


def test_domain_pending_then_success_when_token_appears() -> None:
    registry = Registry()
    token = registry.request_domain(R, "example.com", T0)
    identity = domain(registry)
    assert status(registry, identity, T0 + H) == "Pending"
    registry.dns.set(txt_record("example.com", token), True, T0 + 2 * H)
    assert status(registry, identity, T0 + 2 * H - TICK) == "Pending"
    assert status(registry, identity, T0 + 2 * H) == "Success"


def test_domain_failed_after_72h_without_record() -> None:
    registry = Registry()
    registry.request_domain(R, "example.com", T0)
    identity = domain(registry)
    assert status(registry, identity, T0 + DOMAIN_WINDOW - TICK) == "Pending"
    assert status(registry, identity, T0 + DOMAIN_WINDOW) == "Failed"


def test_domain_record_after_the_window_does_not_help() -> None:
    registry = Registry()
    token = registry.request_domain(R, "example.com", T0)
    registry.dns.set(txt_record("example.com", token), True, T0 + DOMAIN_WINDOW)
    assert status(registry, domain(registry), T0 + DOMAIN_WINDOW + H) == "Failed"


def test_domain_wrong_value_or_wrong_case_is_not_the_token() -> None:
    registry = Registry()
    token = registry.request_domain(R, "example.com", T0)
    registry.dns.set(txt_record("example.com", token.lower()), True, T0)
    registry.dns.set(txt_record("example.com", "something-else"), True, T0)
    assert status(registry, domain(registry), T0 + H) == "Pending"


def test_domain_record_published_before_request_is_found_at_once() -> None:
    registry = Registry()
    token = derived_token(R, "example.com")
    registry.dns.set(txt_record("example.com", token), True, T0 - H)
    registry.request_domain(R, "example.com", T0)
    assert status(registry, domain(registry), T0) == "Success"


def test_domain_detection_delay_counts_from_the_record_appearing() -> None:
    registry = Registry(detection_delay=timedelta(minutes=10))
    token = registry.request_domain(R, "example.com", T0)
    registry.dns.set(txt_record("example.com", token), True, T0 + H)
    identity = domain(registry)
    assert status(registry, identity, T0 + H + timedelta(minutes=10) - TICK) == "Pending"
    assert status(registry, identity, T0 + H + timedelta(minutes=10)) == "Success"


def test_domain_detection_delay_can_push_detection_past_the_window() -> None:
    registry = Registry(detection_delay=timedelta(hours=2))
    token = registry.request_domain(R, "example.com", T0)
    registry.dns.set(txt_record("example.com", token), True, T0 + DOMAIN_WINDOW - H)
    assert status(registry, domain(registry), T0 + DOMAIN_WINDOW + 2 * H) == "Failed"


def test_domain_success_to_temporary_failure_and_back() -> None:
    registry = Registry()
    token = registry.request_domain(R, "example.com", T0)
    registry.dns.set(txt_record("example.com", token), True, T0 + H)
    registry.dns.set(txt_record("example.com", token), False, T0 + 10 * H)
    identity = domain(registry)
    assert status(registry, identity, T0 + 10 * H) == "TemporaryFailure"
    registry.dns.set(txt_record("example.com", token), True, T0 + 10 * H + DOMAIN_WINDOW - TICK)
    assert status(registry, identity, T0 + 200 * H) == "Success"


def test_domain_temporary_failure_becomes_failed_after_72h() -> None:
    registry = Registry()
    token = registry.request_domain(R, "example.com", T0)
    registry.dns.set(txt_record("example.com", token), True, T0 + H)
    registry.dns.set(txt_record("example.com", token), False, T0 + 2 * H)
    identity = domain(registry)
    assert status(registry, identity, T0 + 2 * H + DOMAIN_WINDOW - TICK) == "TemporaryFailure"
    assert status(registry, identity, T0 + 2 * H + DOMAIN_WINDOW) == "Failed"
    # Failed holds even when the record comes back.
    registry.dns.set(txt_record("example.com", token), True, T0 + 2 * H + DOMAIN_WINDOW + H)
    assert status(registry, identity, T0 + 500 * H) == "Failed"


def test_domain_rerequest_restarts_pending_or_failed_with_the_same_token() -> None:
    registry = Registry()
    token = registry.request_domain(R, "example.com", T0)
    assert status(registry, domain(registry), T0 + DOMAIN_WINDOW) == "Failed"
    assert registry.request_domain(R, "example.com", T0 + 100 * H) == token
    assert status(registry, domain(registry), T0 + 100 * H) == "Pending"
    assert status(registry, domain(registry), T0 + 100 * H + DOMAIN_WINDOW) == "Failed"


def test_domain_rerequest_while_success_or_temporary_failure_changes_nothing() -> None:
    registry = Registry()
    token = registry.request_domain(R, "example.com", T0)
    registry.dns.set(txt_record("example.com", token), True, T0 + H)
    registry.request_domain(R, "example.com", T0 + 2 * H)
    assert status(registry, domain(registry), T0 + 2 * H) == "Success"
    registry.dns.set(txt_record("example.com", token), False, T0 + 3 * H)
    registry.request_domain(R, "example.com", T0 + 4 * H)
    # The TemporaryFailure clock still runs from the removal, not from the request.
    assert status(registry, domain(registry), T0 + 3 * H + DOMAIN_WINDOW) == "Failed"


def test_domain_identities_are_case_insensitive_and_stored_lower_case() -> None:
    registry = Registry()
    registry.request_domain(R, "Example.COM", T0)
    identity = registry.get(R, "EXAMPLE.com", "Domain")
    assert identity is not None
    assert identity.name == "example.com"


def test_dns_is_global_but_tokens_are_per_region() -> None:
    registry = Registry()
    east = registry.request_domain("us-east-1", "example.com", T0)
    west = registry.request_domain("eu-west-1", "example.com", T0)
    assert east != west
    registry.dns.set(txt_record("example.com", east), True, T0 + H)
    east_identity = registry.get("us-east-1", "example.com", "Domain")
    west_identity = registry.get("eu-west-1", "example.com", "Domain")
    assert east_identity is not None
    assert west_identity is not None
    assert status(registry, east_identity, T0 + H) == "Success"
    assert status(registry, west_identity, T0 + H) == "Pending"


def test_regions_are_separate() -> None:
    registry = Registry()
    registry.request_email("us-east-1", "a@example.com", T0)
    assert registry.get("eu-west-1", "a@example.com", "EmailAddress") is None


def test_delete_forgets_and_rerequest_starts_over() -> None:
    registry = Registry()
    registry.request_email(R, "a@example.com", T0)
    registry.click(R, "a@example.com", T0)
    registry.delete(R, "a@example.com", "EmailAddress")
    assert registry.get(R, "a@example.com", "EmailAddress") is None
    assert registry.request_email(R, "a@example.com", T0 + H) is True
    assert status(registry, email(registry), T0 + H) == "Pending"


def test_creation_order_is_kept_and_recreation_goes_last() -> None:
    registry = Registry()
    for name in ("a.com", "b.com", "c.com"):
        registry.request_domain(R, name, T0)
    registry.delete(R, "a.com", "Domain")
    registry.request_domain(R, "a.com", T0)
    assert [i.name for i in registry.identities(R)] == ["b.com", "c.com", "a.com"]


# -- presets -----------------------------------------------------------------------


@pytest.mark.parametrize("preset", STATUSES)
@pytest.mark.parametrize("identity", ["a@example.com", "example.com"])
def test_every_preset_reads_back_as_itself(identity: str, preset: Status) -> None:
    registry = Registry(detection_delay=timedelta(minutes=5))
    kind = kind_of(identity)
    assert kind is not None
    made = registry.preset(R, identity, kind, preset, T0)
    assert status(registry, made, T0) == preset


def test_preset_pending_email_fails_24h_later_and_can_be_clicked() -> None:
    registry = Registry()
    identity = registry.preset(R, "a@example.com", "EmailAddress", "Pending", T0)
    assert status(registry, identity, T0 + EMAIL_LINK_LIFETIME) == "Failed"
    assert registry.click(R, "a@example.com", T0 + H) is True
    assert status(registry, identity, T0 + EMAIL_LINK_LIFETIME) == "Success"


def test_preset_failed_email_can_be_rerequested() -> None:
    registry = Registry()
    registry.preset(R, "a@example.com", "EmailAddress", "Failed", T0)
    registry.click(R, "a@example.com", T0)
    assert status(registry, email(registry), T0) == "Failed"
    assert registry.request_email(R, "a@example.com", T0) is True
    assert status(registry, email(registry), T0) == "Pending"


def test_preset_success_domain_puts_its_token_in_dns_so_removal_is_temporary_failure() -> None:
    registry = Registry()
    identity = registry.preset(R, "example.com", "Domain", "Success", T0, token="TOKEN=")
    assert identity.token == "TOKEN="
    assert registry.dns.present(txt_record("example.com", "TOKEN="), T0)
    registry.dns.set(txt_record("example.com", "TOKEN="), False, T0 + H)
    assert status(registry, identity, T0 + H) == "TemporaryFailure"


def test_preset_temporary_failure_domain_recovers_when_record_returns() -> None:
    registry = Registry()
    identity = registry.preset(R, "example.com", "Domain", "TemporaryFailure", T0)
    assert identity.token is not None
    registry.dns.set(txt_record("example.com", identity.token), True, T0 + H)
    assert status(registry, identity, T0 + H) == "Success"


@pytest.mark.parametrize("preset", ["Failed", "NotStarted"])
def test_preset_failed_or_not_started_domain_holds_until_rerequested(preset: Status) -> None:
    registry = Registry()
    identity = registry.preset(R, "example.com", "Domain", preset, T0)
    assert identity.token is not None
    registry.dns.set(txt_record("example.com", identity.token), True, T0 + H)
    assert status(registry, identity, T0 + 2 * H) == preset
    registry.request_domain(R, "example.com", T0 + 3 * H)
    assert status(registry, identity, T0 + 3 * H) == "Success"


def test_preset_keeps_an_existing_domains_token_unless_given_one() -> None:
    registry = Registry()
    token = registry.request_domain(R, "example.com", T0)
    assert registry.preset(R, "example.com", "Domain", "Pending", T0).token == token
    assert registry.preset(R, "example.com", "Domain", "Pending", T0, token="X=").token == "X="


def test_limit_is_per_region_and_only_for_new_identities() -> None:
    registry = Registry()
    store = registry.region(R)
    for n in range(10_000):
        store[f"d{n}.com"] = Identity(f"d{n}.com", "Domain", Track("Pending", T0), n, "t")
    assert registry.is_full(R, "new.com", "Domain")
    assert not registry.is_full(R, "d5.com", "Domain")
    assert not registry.is_full("eu-west-1", "new.com", "Domain")


# -- several things at one instant (a frozen clock) ---------------------------------


def test_same_instant_request_publish_remove_is_taken_in_order() -> None:
    """Each status read (a call: dns.observe) sees what DNS held at that point."""
    registry = Registry()
    token = registry.request_domain(R, "example.com", T0)
    identity = domain(registry)
    registry.dns.set(txt_record("example.com", token), True, T0)
    registry.dns.observe(T0)
    assert status(registry, identity, T0) == "Success"
    registry.dns.set(txt_record("example.com", token), False, T0)
    registry.dns.observe(T0)
    assert status(registry, identity, T0) == "TemporaryFailure"
    registry.dns.set(txt_record("example.com", token), True, T0)
    assert status(registry, identity, T0) == "Success"


def test_a_state_that_lasts_no_time_is_never_seen() -> None:
    """Issue 21: records published and withdrawn at one instant with no call between
    never verify; a second MX at the MAIL FROM domain at the same instant means SES
    never saw one MX alone (Pending, not Success then TemporaryFailure)."""
    registry = Registry()
    token = registry.request_domain(R, "example.com", T0)
    identity = domain(registry)
    registry.dns.set(txt_record("example.com", token), True, T0)
    registry.dns.set(txt_record("example.com", token), False, T0)
    assert status(registry, identity, T0) == "Pending"
    assert status(registry, identity, T0 + DOMAIN_WINDOW) == "Failed"
    registry.preset_mail_from(R, identity, "mail.example.com", "Pending", T0 + H, publish=False)
    registry.dns.publish(("mail.example.com", "MX", f"feedback-smtp.{R}.amazonses.com"), T0 + H)
    registry.dns.publish(("mail.example.com", "MX", "mx.other.example"), T0 + H)
    assert registry.mail_from_status(identity, T0 + H) == "Pending"
    assert registry.mail_from_status(identity, T0 + 2 * H) == "Pending"


def test_same_instant_preset_success_then_removal() -> None:
    registry = Registry()
    identity = registry.preset(R, "example.com", "Domain", "Success", T0)
    assert identity.token is not None
    registry.dns.set(txt_record("example.com", identity.token), False, T0)
    assert status(registry, identity, T0) == "TemporaryFailure"
    assert status(registry, identity, T0 + H) == "TemporaryFailure"


def test_same_instant_rerequest_sees_the_record_as_it_is_then() -> None:
    registry = Registry()
    token = registry.request_domain(R, "example.com", T0)
    registry.dns.set(txt_record("example.com", token), True, T0)
    registry.dns.set(txt_record("example.com", token), False, T0 + DOMAIN_WINDOW)
    # Failed? No: it was Success, then TemporaryFailure.
    assert status(registry, domain(registry), T0 + DOMAIN_WINDOW) == "TemporaryFailure"
    registry.request_domain(R, "example.com", T0 + DOMAIN_WINDOW)  # changes nothing
    assert status(registry, domain(registry), T0 + DOMAIN_WINDOW) == "TemporaryFailure"


# -- DKIM --------------------------------------------------------------------------


def publish_dkim(
    registry: Registry, tokens: tuple[str, ...], at: datetime, *, up: bool = True
) -> None:
    for record in dkim_records("example.com", tokens):
        registry.dns.set(record, up, at)


def test_dkim_tokens_are_three_lowercase_base32_strings_stable_per_region_and_domain() -> None:
    tokens = derived_dkim_tokens(R, "Example.com")
    assert len(tokens) == 3
    assert len(set(tokens)) == 3
    for token in tokens:
        assert len(token) == 32
        assert set(token) <= set("abcdefghijklmnopqrstuvwxyz234567")
    assert derived_dkim_tokens(R, "example.com") == tokens
    assert derived_dkim_tokens("eu-west-1", "example.com") != tokens


def test_dkim_request_adds_the_domain_and_starts_both_lifecycles() -> None:
    registry = Registry()
    tokens = registry.request_dkim(R, "Example.com", T0)
    identity = domain(registry)
    assert identity.dkim_tokens == tokens
    assert status(registry, identity, T0) == "Pending"
    assert registry.dkim_status(identity, T0) == "Pending"
    assert registry.request_dkim(R, "example.com", T0 + H) == tokens


def test_dkim_success_needs_all_three_records_and_verifies_the_domain() -> None:
    registry = Registry()
    tokens = registry.request_dkim(R, "example.com", T0)
    identity = domain(registry)
    publish_dkim(registry, tokens[:2], T0 + H)
    assert registry.dkim_status(identity, T0 + 2 * H) == "Pending"
    assert status(registry, identity, T0 + 2 * H) == "Pending"
    publish_dkim(registry, tokens[2:], T0 + 3 * H)
    assert registry.dkim_status(identity, T0 + 3 * H) == "Success"
    assert status(registry, identity, T0 + 3 * H) == "Success"


def test_dkim_fails_after_72h_and_a_rerequest_restarts_it() -> None:
    registry = Registry()
    tokens = registry.request_dkim(R, "example.com", T0)
    identity = domain(registry)
    assert registry.dkim_status(identity, T0 + DOMAIN_WINDOW) == "Failed"
    assert status(registry, identity, T0 + DOMAIN_WINDOW) == "Failed"
    assert registry.request_dkim(R, "example.com", T0 + 100 * H) == tokens
    assert registry.dkim_status(identity, T0 + 100 * H) == "Pending"
    publish_dkim(registry, tokens, T0 + 101 * H)
    assert registry.dkim_status(identity, T0 + 101 * H) == "Success"
    # Asking for DKIM asked again for the domain too: DKIM found in time verifies it.
    assert status(registry, identity, T0 + 101 * H) == "Success"


def test_dkim_records_vanishing_is_temporary_failure_unless_the_txt_record_holds() -> None:
    registry = Registry()
    tokens = registry.request_dkim(R, "example.com", T0)
    identity = domain(registry)
    assert identity.token is not None
    publish_dkim(registry, tokens, T0 + H)
    registry.dns.set(txt_record("example.com", identity.token), True, T0 + H)
    publish_dkim(registry, tokens[:1], T0 + 2 * H, up=False)
    assert registry.dkim_status(identity, T0 + 2 * H) == "TemporaryFailure"
    assert status(registry, identity, T0 + 2 * H) == "Success"
    registry.dns.set(txt_record("example.com", identity.token), False, T0 + 3 * H)
    assert status(registry, identity, T0 + 3 * H) == "TemporaryFailure"


def test_dkim_of_a_domain_never_asked_is_not_started() -> None:
    registry = Registry()
    registry.request_domain(R, "example.com", T0)
    assert registry.dkim_status(domain(registry), T0) == "NotStarted"


# -- paging index ------------------------------------------------------------------


def all_pages(registry: Registry, kinds: tuple[Kind, ...], size: int) -> list[str]:
    names: list[str] = []
    start: int | None = 0
    while start is not None:
        found, start = registry.page(R, kinds, start, size)
        assert len(found) <= size
        names += [i.name for i in found]
    return names


def test_pages_follow_creation_order_across_deletions_compaction_and_recreation() -> None:
    registry = Registry()
    for n in range(200):
        if n % 2:
            registry.request_domain(R, f"d{n}.example", T0)
        else:
            registry.request_email(R, f"a{n}@example.com", T0)
    for n in range(150):  # enough to compact the index
        registry.delete(
            R,
            f"d{n}.example" if n % 2 else f"a{n}@example.com",
            "Domain" if n % 2 else "EmailAddress",
        )
    registry.request_email(R, "a0@example.com", T0)  # created again: goes last
    living = [i.name for i in registry.region(R).values()]
    assert living[-1] == "a0@example.com"
    assert len(living) == 51
    for size in (1, 7, 1000):
        assert all_pages(registry, ("EmailAddress", "Domain"), size) == living
    assert all_pages(registry, ("Domain",), 3) == [n for n in living if "@" not in n]
    assert all_pages(registry, ("EmailAddress",), 3) == [n for n in living if "@" in n]


def test_a_page_token_survives_deleting_the_identity_it_points_at() -> None:
    registry = Registry()
    for n in range(5):
        registry.request_domain(R, f"d{n}.example", T0)
    found, start = registry.page(R, ("Domain",), 0, 2)
    assert [i.name for i in found] == ["d0.example", "d1.example"]
    assert start is not None
    registry.delete(R, "d2.example", "Domain")
    found, start = registry.page(R, ("Domain",), start, 2)
    assert [i.name for i in found] == ["d3.example", "d4.example"]
    assert start is None


def test_dkim_requested_after_the_txt_window_failed_can_still_verify_the_domain() -> None:
    registry = Registry()
    registry.request_domain(R, "example.com", T0)
    assert status(registry, domain(registry), T0 + DOMAIN_WINDOW) == "Failed"
    tokens = registry.request_dkim(R, "example.com", T0 + 100 * H)  # asks again, too
    assert status(registry, domain(registry), T0 + 100 * H) == "Pending"
    publish_dkim(registry, tokens, T0 + 101 * H)
    assert status(registry, domain(registry), T0 + 101 * H) == "Success"


def test_preset_temporary_failure_removes_the_dkim_records_too() -> None:
    registry = Registry()
    tokens = registry.request_dkim(R, "example.com", T0)
    publish_dkim(registry, tokens, T0)
    identity = registry.preset(R, "example.com", "Domain", "TemporaryFailure", T0 + H)
    assert status(registry, identity, T0 + H) == "TemporaryFailure"
    assert registry.dkim_status(identity, T0 + H) == "TemporaryFailure"
    assert not any(registry.dns.present(r, T0 + H) for r in dkim_records("example.com", tokens))


# -- edges the mutation run pointed at ----------------------------------------------


def test_detection_delay_for_a_record_published_just_before_the_request() -> None:
    registry = Registry(detection_delay=timedelta(minutes=10))
    token = derived_token(R, "example.com")
    registry.dns.set(txt_record("example.com", token), True, T0 - timedelta(minutes=5))
    registry.request_domain(R, "example.com", T0)
    identity = domain(registry)
    assert status(registry, identity, T0) == "Pending"  # SES has not seen it yet
    assert status(registry, identity, T0 + timedelta(minutes=5) - TICK) == "Pending"
    assert status(registry, identity, T0 + timedelta(minutes=5)) == "Success"


def test_detection_delay_sees_a_short_lived_record_late_but_sees_it() -> None:
    registry = Registry(detection_delay=timedelta(minutes=10))
    token = registry.request_domain(R, "example.com", T0)
    record = txt_record("example.com", token)
    registry.dns.set(record, True, T0 + H)
    registry.dns.set(record, False, T0 + H + timedelta(minutes=5))
    identity = domain(registry)
    assert status(registry, identity, T0 + H + timedelta(minutes=9)) == "Pending"
    assert status(registry, identity, T0 + H + timedelta(minutes=10)) == "Success"
    assert status(registry, identity, T0 + H + timedelta(minutes=15)) == "TemporaryFailure"


def test_deleting_unknown_or_differently_spelled_identities() -> None:
    registry = Registry()
    registry.delete(R, "nobody@example.com", "EmailAddress")  # nothing to delete: fine
    registry.delete("nowhere-1", "example.com", "Domain")
    registry.request_domain(R, "example.com", T0)
    registry.delete(R, "EXAMPLE.com", "Domain")
    assert registry.get(R, "example.com", "Domain") is None
    assert all_pages(registry, ("Domain",), 10) == []


def test_the_paging_index_stays_bounded_under_churn() -> None:
    registry = Registry()
    registry.request_email(R, "keep@example.com", T0)
    for _ in range(1000):
        registry.request_domain(R, "churn.example", T0)
        registry.delete(R, "churn.example", "Domain")
    assert all_pages(registry, ("EmailAddress", "Domain"), 10) == ["keep@example.com"]
    assert len(registry._order[R]["*"]) < 200  # not 1,001: deleted entries are dropped


def test_paging_a_region_never_used() -> None:
    assert Registry().page("nowhere-1", KINDS, 0, 10) == ([], None)


def test_preset_keeps_a_custom_token_and_otherwise_derives_the_regions() -> None:
    registry = Registry()
    assert registry.preset(R, "a.example", "Domain", "Pending", T0).token == derived_token(
        R, "a.example"
    )
    registry.preset(R, "b.example", "Domain", "Pending", T0, token="CUSTOM=")
    again = registry.preset(R, "B.EXAMPLE", "Domain", "Success", T0)
    assert again.token == "CUSTOM="
    assert again is registry.get(R, "b.example", "Domain")


def test_preset_failed_address_has_an_expired_link() -> None:
    registry = Registry()
    registry.preset(R, "a@example.com", "EmailAddress", "Failed", T0)
    assert registry.click(R, "a@example.com", T0) is True  # there is a link...
    assert status(registry, email(registry), T0) == "Failed"  # ...and it had expired


def test_preset_success_with_a_detection_delay_is_in_dns_now() -> None:
    registry = Registry(detection_delay=timedelta(minutes=10))
    identity = registry.preset(R, "example.com", "Domain", "Success", T0)
    assert identity.token is not None
    assert registry.dns.present(txt_record("example.com", identity.token), T0)
    assert status(registry, identity, T0) == "Success"


def test_asking_again_for_a_temporary_failure_changes_nothing_whatever_the_spelling() -> None:
    registry = Registry()
    token = registry.request_domain(R, "example.com", T0)
    record = txt_record("example.com", token)
    registry.dns.set(record, True, T0)
    registry.dns.set(record, False, T0 + H)
    registry.request_domain(R, "EXAMPLE.com", T0 + 2 * H)
    assert status(registry, domain(registry), T0 + 2 * H) == "TemporaryFailure"


def test_asking_again_for_dkim_in_temporary_failure_changes_nothing() -> None:
    registry = Registry()
    tokens = registry.request_dkim(R, "example.com", T0)
    publish_dkim(registry, tokens, T0)
    publish_dkim(registry, tokens[:1], T0 + H, up=False)
    assert registry.dkim_status(domain(registry), T0 + H) == "TemporaryFailure"
    registry.request_dkim(R, "Example.com", T0 + 2 * H)
    assert registry.dkim_status(domain(registry), T0 + 2 * H) == "TemporaryFailure"
    assert registry.dkim_status(domain(registry), T0 + H + DOMAIN_WINDOW) == "Failed"


def test_tokens_are_stable_across_releases() -> None:
    # Tests in the wild may hold these values: changing the derivation breaks them.
    assert derived_token("us-east-1", "Example.com") == derived_token("us-east-1", "example.com")
    assert derived_token("us-east-1", "example.com") == GOLDEN_TOKEN
    assert derived_dkim_tokens("us-east-1", "EXAMPLE.com") == GOLDEN_DKIM


def test_full_region_still_takes_a_request_for_an_existing_domain_in_any_spelling() -> None:
    registry = Registry()
    store = registry.region(R)
    for n in range(10_000):
        store[f"d{n}.com"] = Identity(f"d{n}.com", "Domain", Track("Pending", T0), n, "t")
    assert not registry.is_full(R, "D5.COM", "Domain")


def test_dns_values_lists_what_is_in_dns_at_a_time() -> None:
    dns = Registry().dns
    dns.set(txt_record("example.com", "one"), True, T0)
    dns.set(txt_record("example.com", "two"), True, T0 + H)
    dns.set(txt_record("example.com", "one"), False, T0 + 2 * H)
    dns.set(txt_record("other.example", "three"), True, T0)
    assert dns.values("_amazonses.example.com", T0) == ["one"]
    assert sorted(dns.values("_amazonses.example.com", T0 + H)) == ["one", "two"]
    assert dns.values("_amazonses.example.com", T0 + 3 * H) == ["two"]
    assert dns.values("_amazonses.nothing.example", T0) == []


GOLDEN_TOKEN = "zkNLXz081Z6QAr5l02RBqApJl/KzUIihRd3jlFKdrZ0="
GOLDEN_DKIM = (
    "fhv75ymmdvxvuzjekfummj75ledn2l4c",
    "egnhjtstzjdftzoudnn6vcwmazrvgndg",
    "htklixhuurttccbsjrmtmqhysj2tunmc",
)


def test_dns_publish_and_withdraw_are_seen_from_their_instant() -> None:
    registry = Registry()
    record = txt_record("example.com", "token")
    registry.dns.publish(record, T0)
    assert not registry.dns.present(record, T0 - timedelta(seconds=1))
    assert registry.dns.present(record, T0)
    registry.dns.withdraw(record, T0 + timedelta(hours=1))
    assert registry.dns.present(record, T0 + timedelta(minutes=59))
    assert not registry.dns.present(record, T0 + timedelta(hours=1))
    assert registry.dns.values("_amazonses.example.com", T0) == ["token"]


def test_a_call_after_a_request_at_one_instant_saw_what_dns_held() -> None:
    """A request is an event too: a call between it and a DNS change at the same instant
    (found by the model-based test) saw the record, so its removal is TemporaryFailure."""
    registry = Registry()
    token = registry.request_domain(R, "example.com", T0)
    later = T0 + DOMAIN_WINDOW
    registry.dns.set(txt_record("example.com", token), True, later)
    registry.dns.observe(later)
    registry.request_domain(R, "example.com", later)  # Failed: requested again
    registry.dns.observe(later)
    assert status(registry, domain(registry), later) == "Success"
    registry.dns.set(txt_record("example.com", token), False, later)
    assert status(registry, domain(registry), later) == "TemporaryFailure"
