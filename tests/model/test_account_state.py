"""The pure account state (pytest_ses_verify.model.account_state, quotas): production
access, sending quotas and rate, statistics, sending pause, account details. Each test
names its evidence in the README's behaviour table, or "chosen"."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from pytest_ses_verify.model.account import Account
from pytest_ses_verify.model.account_state import AccountSendingPaused, ReviewInProgress
from pytest_ses_verify.model.errors import InvalidParameter, MessageRejected
from pytest_ses_verify.model.identities import Registry
from pytest_ses_verify.model.quotas import (
    PRODUCTION_QUOTA,
    SANDBOX_QUOTA,
    Bucket,
    DailyQuotaExceeded,
    DataPoint,
    Quota,
    SendLog,
    SendRateExceeded,
    check_daily_quota,
    period_start,
)

from .helpers import accept_message

T0 = datetime(2030, 1, 1, 10, 7, tzinfo=timezone.utc)
R = "us-east-1"
CONTENT = ("Hi", "Hello", None, None)
SIMULATOR = "success@simulator.amazonses.com"


def account(*, sandbox: bool = False, quota: Quota | None = None, rate: bool = False) -> Account:
    made = Account(Registry(), sandbox=sandbox, quota=quota, rate_limit=rate)
    for region in (R, "eu-west-1"):
        made.registry.preset(region, "example.com", "Domain", "Success", T0)
    made.registry.preset(R, "friend@example.net", "EmailAddress", "Success", T0)
    return made


def send(made: Account, at: datetime, *recipients: str, region: str = R) -> None:
    accept_message(
        made, region, "app@example.com", list(recipients or ["a@example.net"]), at, CONTENT
    )


# -- the send log and the rate's bucket ---------------------------------------------------


def test_the_send_log_sums_a_window_open_at_its_start() -> None:
    """chosen: a send exactly 24 hours old no longer counts."""
    log = SendLog()
    log.add(T0, 2)
    log.add(T0 + timedelta(hours=1), 3)
    assert log.total(T0 - timedelta(seconds=1), T0 + timedelta(hours=1)) == 5
    assert log.total(T0, T0 + timedelta(hours=1)) == 3
    assert log.total(T0 + timedelta(hours=2), T0 + timedelta(hours=3)) == 0


def test_the_send_log_keeps_time_order_when_the_clock_moved_back() -> None:
    """chosen: a clock moved back (freezer.move_to) files the send at its own time."""
    log = SendLog()
    log.add(T0 + timedelta(hours=2), 1)
    log.add(T0, 4)
    log.add(T0 + timedelta(hours=1), 2)
    assert log.times == [T0, T0 + timedelta(hours=1), T0 + timedelta(hours=2)]
    assert log.totals == [4, 6, 7]
    assert log.entries(T0, T0 + timedelta(hours=2)) == [
        (T0 + timedelta(hours=1), 2),
        (T0 + timedelta(hours=2), 1),
    ]


def test_the_bucket_holds_the_rate_refills_at_it_and_may_go_below_zero() -> None:
    """real (AWS blog via django-ses/django-ses#59): at 1 per second a message to five is
    accepted, then sends fail for five seconds."""
    bucket = Bucket()
    assert bucket.available(14.0, T0) == 14.0
    bucket.take(1.0, 5, T0)
    assert bucket.available(1.0, T0) == -4.0
    assert bucket.available(1.0, T0 + timedelta(seconds=4)) == 0.0
    assert bucket.available(1.0, T0 + timedelta(seconds=5)) == 1.0
    assert bucket.available(1.0, T0 + timedelta(hours=1)) == 1.0  # no more than its size
    assert bucket.available(1.0, T0 - timedelta(seconds=3)) == -4.0  # clock moved back
    assert Bucket().available(0.5, T0) == 1.0  # a rate below one still allows one email


# -- production access and default quotas ---------------------------------------------------


def test_the_sandbox_option_decides_production_access_and_the_default_quota() -> None:
    """doc: "Service quotas in Amazon SES" (sandbox: 200 per 24 hours, 1 per second);
    production: chosen (50,000 and 14)."""
    assert account(sandbox=True).account_state.sandboxed(R)
    assert account(sandbox=True).account_state.quota_of(R) == SANDBOX_QUOTA == Quota(200.0, 1.0)
    assert not account().account_state.sandboxed(R)
    assert account().account_state.quota_of(R) == PRODUCTION_QUOTA == Quota(50_000.0, 14.0)
    assert account(sandbox=True, quota=Quota(10.0, 2.0)).account_state.quota_of(R) == Quota(
        10.0, 2.0
    )


def test_the_rate_is_enforced_only_for_a_given_quota_or_with_rate_limit() -> None:
    """chosen: a unit test sends in one frozen instant."""
    assert not account(sandbox=True).account_state.rate_enforced(R)
    assert account(quota=Quota(10.0, 1.0)).account_state.rate_enforced(R)
    assert account(rate=True).account_state.rate_enforced(R)


def test_granting_production_access_lifts_the_sandbox_and_raises_the_quota() -> None:
    """doc: "Service quotas in Amazon SES"; chosen: the production quota as above."""
    made = account(sandbox=True)
    with pytest.raises(MessageRejected):
        send(made, T0, "stranger@example.org")
    made.account_state.set_account(R, {"production_access": True})
    send(made, T0, "stranger@example.org")
    assert made.account_state.quota_of(R) == PRODUCTION_QUOTA


def test_settings_for_every_region_reach_regions_named_later() -> None:
    """doc: quotas and sending are per region ("Service quotas in Amazon SES")."""
    made = account()
    made.account_state.region("eu-west-1")
    made.account_state.set_account(None, {"sending_enabled": False})
    assert not made.account_state.sending_enabled("eu-west-1")
    assert not made.account_state.sending_enabled("ap-south-1")
    made.account_state.set_account("ap-south-1", {"sending_enabled": True})
    assert made.account_state.sending_enabled("ap-south-1")
    assert not made.account_state.sending_enabled(R)


# -- the daily quota -------------------------------------------------------------------------


def test_recipients_count_and_the_last_24_hours_roll() -> None:
    """doc: "Quotas are based on the number of recipients, rather than on the number of
    messages" ("Service quotas in Amazon SES"); SendEmail: To, CC and BCC all count."""
    made = account()
    send(made, T0, "a@example.net", "b@example.net", "c@example.net")
    send(made, T0 + timedelta(hours=23), "d@example.net")
    assert made.account_state.send_quota(R, T0 + timedelta(hours=23)).sent_last_24_hours == 4.0
    assert made.account_state.send_quota(R, T0 + timedelta(hours=24)).sent_last_24_hours == 1.0
    assert made.account_state.send_quota("eu-west-1", T0).sent_last_24_hours == 0.0


def test_the_mailbox_simulator_does_not_count_against_the_quota() -> None:
    """doc: AWS News Blog, "Mailbox Simulator for the Amazon Simple Email Service"."""
    made = account(sandbox=True)
    send(made, T0, SIMULATOR, "Friend <friend@example.net>")
    assert made.account_state.send_quota(R, T0).sent_last_24_hours == 1.0
    assert made.account_state.statistics(R, T0)[0].delivery_attempts == 2


def test_a_send_goes_through_while_any_of_the_daily_quota_is_left() -> None:
    """real (AWS blog via django-ses/django-ses#59): any quota left lets a message to many
    recipients through; doc: the text ("Errors related to the sending quotas")."""
    made = account(quota=Quota(3.0, 100.0))
    send(made, T0, "a@example.net", "b@example.net")
    send(made, T0, "c@example.net", "d@example.net")  # one left: accepted
    with pytest.raises(DailyQuotaExceeded, match=r"^Daily message quota exceeded\.$"):
        send(made, T0 + timedelta(hours=1))
    assert len(made.sending.outbox) == 2
    send(made, T0 + timedelta(hours=24))  # the first two sends have rolled out


def test_the_sandbox_quota_is_enforced_by_default() -> None:
    """doc: sandbox 200 per 24 hours; chosen: enforced without any option."""
    made = account(sandbox=True)
    for _ in range(200):
        send(made, T0, "friend@example.net")
    with pytest.raises(DailyQuotaExceeded):
        send(made, T0, "friend@example.net")


def test_an_unlimited_quota_never_refuses() -> None:
    """doc: GetSendQuota, "A value of -1 signifies an unlimited quota"."""
    made = account(quota=Quota(-1.0, 1000.0))
    for _ in range(3):
        send(made, T0)
    assert made.account_state.send_quota(R, T0) == (-1.0, 1000.0, 3.0)


# -- the sending rate --------------------------------------------------------------------------


def test_the_rate_refuses_once_a_second_is_spent_and_recovers_with_time() -> None:
    """real: awsdocs/amazon-ses-developer-guide#60 (the text); the bucket: chosen from the
    AWS blog (django-ses/django-ses#59)."""
    made = account(quota=Quota(1000.0, 2.0))
    send(made, T0)
    send(made, T0)
    with pytest.raises(SendRateExceeded, match=r"^Maximum sending rate exceeded\.$"):
        send(made, T0)
    send(made, T0 + timedelta(milliseconds=500))
    with pytest.raises(SendRateExceeded):
        send(made, T0 + timedelta(milliseconds=500))


def test_a_message_to_many_recipients_spends_the_rate_for_longer() -> None:
    """real (AWS blog via django-ses/django-ses#59): 1 per second, five recipients: the
    next five seconds are refused."""
    made = account(sandbox=True, rate=True)
    for name in ("a", "b", "c", "d"):
        made.registry.preset(R, f"{name}@example.net", "EmailAddress", "Success", T0)
    send(made, T0, "a@example.net", "b@example.net", "c@example.net", "d@example.net", SIMULATOR)
    with pytest.raises(SendRateExceeded):
        send(made, T0 + timedelta(seconds=4, milliseconds=999), SIMULATOR)
    send(made, T0 + timedelta(seconds=5), SIMULATOR)


def test_refused_sends_spend_nothing() -> None:
    """chosen: the quotas are checked last, on a message SES would otherwise accept; a
    refused send is not counted."""
    made = account(quota=Quota(1.0, 1.0))
    with pytest.raises(MessageRejected):
        accept_message(made, R, "nobody@other.example", ["a@example.net"], T0, CONTENT)
    send(made, T0)
    assert made.account_state.send_quota(R, T0).sent_last_24_hours == 1.0
    with pytest.raises(MessageRejected):  # the gate comes before the quota
        accept_message(made, R, "nobody@other.example", ["a@example.net"], T0, CONTENT)
    with pytest.raises(DailyQuotaExceeded):
        send(made, T0 + timedelta(seconds=1))
    assert made.account_state.send_quota(R, T0 + timedelta(seconds=1)).sent_last_24_hours == 1.0


def test_a_quota_given_later_enforces_the_rate_from_then() -> None:
    """chosen: sends made while the rate was not enforced do not spend it."""
    made = account()
    for _ in range(20):
        send(made, T0)
    made.account_state.set_account(R, {"quota": Quota(100.0, 1.0)})
    send(made, T0)
    with pytest.raises(SendRateExceeded):
        send(made, T0)
    made.account_state.set_account(R, {"quota": Quota(21.0, 100.0)})
    with pytest.raises(DailyQuotaExceeded):  # the daily quota counted every send
        send(made, T0 + timedelta(seconds=1))


# -- statistics ------------------------------------------------------------------------------


def test_statistics_are_quarter_hours_of_the_last_two_weeks_with_rejects() -> None:
    """doc: GetSendStatistics (15-minute data points, two weeks, Rejects); emulator (moto
    counts MessageRejected sends as rejects, one per send); chosen: periods start on the
    quarter hour, oldest first, delivery attempts count recipients."""
    made = account()
    old = T0 - timedelta(days=14)
    send(made, old)  # exactly two weeks old: left out
    send(made, T0, "a@example.net", "b@example.net")
    send(made, T0 + timedelta(minutes=7, seconds=59))
    with pytest.raises(MessageRejected):
        accept_message(made, R, "x@other.example", ["a@example.net"], T0, CONTENT)
    send(made, T0 + timedelta(minutes=8))
    quarter = datetime(2030, 1, 1, 10, 0, tzinfo=timezone.utc)
    assert made.account_state.statistics(R, T0 + timedelta(minutes=8)) == [
        DataPoint(quarter, 3, 0, 0, 1),
        DataPoint(quarter + timedelta(minutes=15), 1, 0, 0, 0),
    ]
    assert made.account_state.statistics("eu-west-1", T0) == []
    assert period_start(quarter + timedelta(minutes=14, seconds=59)) == quarter


# -- sending paused ----------------------------------------------------------------------------


def test_a_paused_account_refuses_every_send_first() -> None:
    """doc: UpdateAccountSendingEnabled, AccountSendingPausedException; emulator (the text,
    the check before anything else: floci-io/floci)."""
    made = account()
    made.account_state.set_sending_enabled(R, False)
    with pytest.raises(AccountSendingPaused, match=r"^Account sending is disabled\.$"):
        accept_message(made, R, "not an address", ["a@example.net"], T0, CONTENT)
    send(made, T0, region="eu-west-1")  # another region sends
    made.account_state.set_sending_enabled(R, True)
    send(made, T0)


def test_shutdown_pauses_sending_and_the_account_cannot_resume_it() -> None:
    """doc: GetAccount EnforcementStatus SHUTDOWN; PutAccountSendingAttributes ("If AWS
    paused your account's ability to send email, you can't use this operation to resume");
    chosen: the call succeeds and changes nothing sends see."""
    made = account()
    made.account_state.set_account(R, {"enforcement_status": "SHUTDOWN"})
    made.account_state.set_sending_enabled(R, True)
    assert not made.account_state.sending_enabled(R)
    with pytest.raises(AccountSendingPaused):
        send(made, T0)
    made.account_state.set_account(R, {"enforcement_status": "PROBATION"})
    send(made, T0)


# -- account details ---------------------------------------------------------------------------


def test_details_are_checked_as_the_service_checks_them() -> None:
    """emulator: floci-io/floci (probed against AWS: every constraint in one message, then
    the URL)."""
    made = account()
    with pytest.raises(InvalidParameter) as exc:
        made.account_state.put_details(
            R, "NEWSLETTER", "", "FR", "x" * 5001, ["a@b", "ok@example.com"] * 3
        )
    assert exc.value.message == (
        "8 validation errors detected: "
        "Value at 'mailType' failed to satisfy constraint: Member must satisfy enum value set: "
        "[MARKETING, TRANSACTIONAL]; "
        "Value at 'websiteURL' failed to satisfy constraint: Member must have length greater "
        "than or equal to 1; "
        "Value at 'contactLanguage' failed to satisfy constraint: Member must satisfy enum "
        "value set: [EN, JA]; "
        "Value at 'useCaseDescription' failed to satisfy constraint: Member must have length "
        "less than or equal to 5000; "
        "Value at 'additionalContactEmailAddresses' failed to satisfy constraint: Member must "
        "have length less than or equal to 4; "
        + "; ".join(
            [
                "Value at 'additionalContactEmailAddresses' failed to satisfy constraint: Member "
                "must satisfy constraint: [Member must have length less than or equal to 254, "
                "Member must have length greater than or equal to 6, Member must satisfy regular "
                "expression pattern: ^(.+)@(.+)$]"
            ]
            * 3
        )
    )
    with pytest.raises(InvalidParameter, match=r"^1 validation error detected: Value at 'mailT"):
        made.account_state.put_details(R, None, "https://example.com")
    with pytest.raises(InvalidParameter, match=r"^Url contains invalid format$"):
        made.account_state.put_details(R, "MARKETING", "example.com")
    assert made.account_state.region(R).details is None


def test_asking_for_production_access_opens_a_review_a_test_decides() -> None:
    """doc: ReviewDetails (PENDING, GRANTED, DENIED), ConflictException ("an ongoing
    account details update under review"); chosen: the case id, GRANTED at once when the
    region already has production access, and a test deciding the review."""
    made = account(sandbox=True)
    details = made.account_state.put_details(
        R, "TRANSACTIONAL", "https://example.com", production_access=True
    )
    assert details.review is not None
    assert details.review.status == "PENDING"
    assert details.review.case_id.isdigit()
    assert len(details.review.case_id) == 10
    with pytest.raises(ReviewInProgress):
        made.account_state.put_details(R, "MARKETING", "https://example.com")
    made.account_state.set_account(R, {"production_access": True})
    review = made.account_state.region(R).details
    assert review is not None
    assert review.review == details.review._replace(status="GRANTED")
    again = made.account_state.put_details(
        R, "MARKETING", "https://example.com", "JA", production_access=True
    )
    assert again.review is not None
    assert again.review.status == "GRANTED"
    plain = made.account_state.put_details(
        R, "MARKETING", "https://example.com", additional_contacts=["a@b.cd"]
    )
    assert plain.review is None
    assert plain.additional_contacts == ("a@b.cd",)


def test_refusing_production_access_denies_a_pending_review() -> None:
    """chosen."""
    made = account(sandbox=True)
    made.account_state.put_details(R, "MARKETING", "https://example.com", production_access=True)
    made.account_state.set_account(R, {"production_access": False})
    found = made.account_state.region(R).details
    assert found is not None
    assert found.review is not None
    assert found.review.status == "DENIED"
    assert made.account_state.sandboxed(R)


def test_a_clock_moved_back_lets_no_more_through_than_the_quota_in_any_24_hours() -> None:
    """Issue 22: sends at T0 fill the quota; moved back 12 hours, the 24 hours that
    would also hold T0's sends are already full."""
    quota = Quota(3.0, 1000.0)
    log = SendLog()
    log.add(T0, 3)
    with pytest.raises(DailyQuotaExceeded):
        check_daily_quota(quota, log, T0 - timedelta(hours=12))
    check_daily_quota(quota, log, T0 - timedelta(hours=24, seconds=1))  # a day apart


def test_a_clock_moved_back_lets_no_more_through_than_the_rate_in_any_second() -> None:
    """Issue 22: the bucket keeps its latest time when a send comes from an earlier one,
    so moving back and forth cannot refill it twice."""
    bucket = Bucket()
    bucket.take(2.0, 2, T0)  # empty at T0
    bucket.take(2.0, 0, T0 - timedelta(seconds=10))
    assert bucket.at == T0
    assert bucket.available(2.0, T0) == 0.0
    assert bucket.available(2.0, T0 + timedelta(seconds=1)) == 2.0
