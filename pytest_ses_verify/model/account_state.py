"""The account around the identities, per region: production access (the sandbox), the
sending quota, sending paused or not, the enforcement status, the account details and
their review, and what the region sent and had rejected.

Pure: no botocore, no pytest, no clock. Each region starts from the account's defaults
(the ``sandbox`` and ``send_quota`` options) and from what a test set for every region;
v1 and v2 read and change the same state. Messages follow the README's behaviour table.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Literal, NamedTuple, get_args
from urllib.parse import urlsplit

from .addresses import SIMULATOR_DOMAIN, mailbox
from .errors import InvalidParameter, ModelError
from .quotas import (
    PRODUCTION_QUOTA,
    SANDBOX_QUOTA,
    Bucket,
    DataPoint,
    Quota,
    SendLog,
    check_daily_quota,
    check_rate,
    data_points,
    sent_last_24_hours,
)

EnforcementStatus = Literal["HEALTHY", "PROBATION", "SHUTDOWN"]
ENFORCEMENT_STATUSES: tuple[EnforcementStatus, ...] = get_args(EnforcementStatus)
ReviewStatus = Literal["PENDING", "GRANTED", "DENIED", "FAILED"]

MAIL_TYPES = ("MARKETING", "TRANSACTIONAL")
CONTACT_LANGUAGES = ("EN", "JA")
_WEBSITE_URL_LONGEST = 1000
_USE_CASE_LONGEST = 5000
_MOST_CONTACTS = 4
_CONTACT = re.compile(r"(.+)@(.+)\Z", re.DOTALL)
_CONTACT_SHORTEST, _CONTACT_LONGEST = 6, 254


class AccountSendingPaused(ModelError):
    """Sending is disabled for the region (by the account, or by AWS: ``SHUTDOWN``): v1
    ``AccountSendingPausedException``, v2 ``SendingPausedException``."""


class ReviewInProgress(ModelError):
    """New account details while a review is pending: v2 ``ConflictException`` (409)."""


class Review(NamedTuple):
    """The review of the latest account details asking for production access."""

    status: ReviewStatus
    case_id: str


class Details(NamedTuple):
    """What ``PutAccountDetails`` submitted (None: not given)."""

    mail_type: str
    website_url: str
    contact_language: str | None
    use_case_description: str | None
    additional_contacts: tuple[str, ...] | None
    review: Review | None


@dataclass
class Settings:
    """What the options, a test or the account's own calls set for a region. ``quota``
    None: the default for the region's access (the sandbox's, or production's)."""

    production_access: bool
    quota: Quota | None = None
    sending_enabled: bool = True
    enforcement_status: EnforcementStatus = "HEALTHY"


@dataclass
class RegionState:
    """One region's account: its settings, details, and the sends it counted."""

    settings: Settings
    details: Details | None = None
    # Recipients counted against the daily quota (not the mailbox simulator's).
    sent: SendLog = field(default_factory=SendLog)
    # Every recipient of every accepted send: the statistics' delivery attempts.
    attempts: SendLog = field(default_factory=SendLog)
    # Sends the sender gate refused (one each): the statistics' rejects.
    rejects: SendLog = field(default_factory=SendLog)
    # Recipients that bounced or complained (the mailbox simulator's): model.notifications.
    bounces: SendLog = field(default_factory=SendLog)
    complaints: SendLog = field(default_factory=SendLog)
    bucket: Bucket = field(default_factory=Bucket)


class SendQuota(NamedTuple):
    max_24_hours: float
    max_rate: float
    sent_last_24_hours: float


class AccountState:
    """Every region's account state, and what every region starts from: production access
    unless ``sandbox``, the ``quota`` option (None: the access's default), ``rate_limit``
    (enforce the rate of default quotas too) and what a test set for every region."""

    def __init__(
        self, *, sandbox: bool = False, quota: Quota | None = None, rate_limit: bool = False
    ) -> None:
        self.sandbox = sandbox
        self.quota = quota
        self.rate_limit = rate_limit
        # Settings a test gave for every region (set_account without a region), by field.
        self.everywhere: dict[str, object] = {}
        # Past sends a test seeded for every region (seed_history without a region).
        self.history_everywhere: list[DataPoint] = []
        self.regions: dict[str, RegionState] = {}

    def region(self, region: str) -> RegionState:
        """The region's state, made on first use from the defaults."""
        found = self.regions.get(region)
        if found is None:
            settings = Settings(production_access=not self.sandbox, quota=self.quota)
            settings = replace(settings, **self.everywhere)  # type: ignore[arg-type]
            found = self.regions[region] = RegionState(settings)
            for point in self.history_everywhere:
                _seed(found, point)
        return found

    def sandboxed(self, region: str) -> bool:
        """Whether the region's account is in the sandbox (recipients must be verified)."""
        return not self.region(region).settings.production_access

    def quota_of(self, region: str) -> Quota:
        return _quota(self.region(region).settings)

    def rate_enforced(self, region: str) -> bool:
        """The rate is enforced when a quota was given (option or test) or with rate_limit:
        a unit test's sends in one frozen instant would otherwise exceed any rate."""
        return self.region(region).settings.quota is not None or self.rate_limit

    def sending_enabled(self, region: str) -> bool:
        """Paused by the account (UpdateAccountSendingEnabled, PutAccountSendingAttributes)
        or by AWS (enforcement status ``SHUTDOWN``)."""
        settings = self.region(region).settings
        return settings.sending_enabled and settings.enforcement_status != "SHUTDOWN"

    def set_sending_enabled(self, region: str, enabled: bool) -> None:
        """The account pauses or resumes its sending; while AWS has shut sending down,
        resuming changes nothing that sends see."""
        self.region(region).settings.sending_enabled = enabled

    def check_sending_enabled(self, region: str) -> None:
        if not self.sending_enabled(region):
            raise AccountSendingPaused("Account sending is disabled.")

    def check_quota(self, region: str, now: datetime) -> None:
        """The daily quota (always), then the sending rate (when enforced)."""
        state = self.region(region)
        quota = _quota(state.settings)
        check_daily_quota(quota, state.sent, now)
        if state.settings.quota is not None or self.rate_limit:
            check_rate(quota, state.bucket, now)

    def record_send(
        self, region: str, recipients: Sequence[str], now: datetime, *, delivered: bool = True
    ) -> None:
        """An accepted send: its recipients count against the quota (the simulator's do
        not), as delivery attempts (unless it was not ``delivered``: a rendering
        failure), and against the rate while it is enforced."""
        state = self.region(region)
        state.sent.add(now, sum(1 for r in recipients if _counted(r)))
        if delivered:
            state.attempts.add(now, len(recipients))
        if state.settings.quota is not None or self.rate_limit:
            state.bucket.take(_quota(state.settings).max_rate, len(recipients), now)

    def record_reject(self, region: str, now: datetime) -> None:
        """A send the sender gate refused (``MessageRejected``): one reject."""
        self.region(region).rejects.add(now, 1)

    def record_feedback(self, region: str, now: datetime, bounces: int, complaints: int) -> None:
        """Recipients that bounced or complained (the mailbox simulator's)."""
        if not bounces and not complaints:
            return
        state = self.region(region)
        if bounces:
            state.bounces.add(now, bounces)
        if complaints:
            state.complaints.add(now, complaints)

    def send_quota(self, region: str, now: datetime) -> SendQuota:
        """GetSendQuota (and v2 GetAccount's SendQuota)."""
        quota = self.quota_of(region)
        sent = sent_last_24_hours(self.region(region).sent, now)
        return SendQuota(quota.max_24_hours, quota.max_rate, float(sent))

    def statistics(self, region: str, now: datetime) -> list[DataPoint]:
        """GetSendStatistics: the region's last two weeks, in 15-minute periods."""
        state = self.region(region)
        return data_points(
            state.attempts, state.rejects, now, bounces=state.bounces, complaints=state.complaints
        )

    def seed_history(self, region: str | None, point: DataPoint) -> None:
        """Sends before the test, counted as if they had happened at ``point.timestamp``
        (in the statistics, and in the daily quota while within 24 hours), in ``region``
        or (None) in every region, those first used later too. ``point``: checked."""
        if region is None:
            self.history_everywhere.append(point)
            for state in self.regions.values():
                _seed(state, point)
        else:
            _seed(self.region(region), point)

    def put_details(
        self,
        region: str,
        mail_type: str | None,
        website_url: str | None,
        contact_language: str | None = None,
        use_case_description: str | None = None,
        additional_contacts: Sequence[str] | None = None,
        production_access: bool = False,
    ) -> Details:
        """PutAccountDetails: the details, checked as SES checks them; asking for production
        access opens a review, PENDING in the sandbox (GRANTED if the region already has
        it). New details while a review is pending are refused."""
        violations = _details_violations(
            mail_type, website_url, contact_language, use_case_description, additional_contacts
        )
        if violations:
            count = len(violations)
            raise InvalidParameter(
                f"{count} validation error{'s' if count > 1 else ''} detected: "
                + "; ".join(violations)
            )
        assert mail_type is not None
        assert website_url is not None
        if not _is_url(website_url):
            raise InvalidParameter("Url contains invalid format")
        state = self.region(region)
        previous = state.details
        if (
            previous is not None
            and previous.review is not None
            and previous.review.status == "PENDING"
        ):
            raise ReviewInProgress("An account details review is already in progress.")
        review = None
        if production_access:
            status: ReviewStatus = "GRANTED" if state.settings.production_access else "PENDING"
            review = Review(status, str(1_000_000_000 + secrets.randbelow(9_000_000_000)))
        contacts = None if additional_contacts is None else tuple(additional_contacts)
        state.details = Details(
            mail_type, website_url, contact_language, use_case_description, contacts, review
        )
        return state.details

    def set_account(self, region: str | None, changes: dict[str, object]) -> None:
        """Change the settings of ``region``, or of every region (those named later too).
        ``changes``: :class:`Settings` fields, already checked."""
        if region is None:
            self.everywhere.update(changes)
            targets = list(self.regions.values())
        else:
            targets = [self.region(region)]
        for target in targets:
            for name, value in changes.items():
                setattr(target.settings, name, value)
            if "production_access" in changes:
                _settle_review(target)


def _seed(state: RegionState, point: DataPoint) -> None:
    at = point.timestamp
    for log, count in (
        (state.sent, point.delivery_attempts),
        (state.attempts, point.delivery_attempts),
        (state.bounces, point.bounces),
        (state.complaints, point.complaints),
        (state.rejects, point.rejects),
    ):
        if count:
            log.add(at, count)


def _quota(settings: Settings) -> Quota:
    """The quota set for the region, else its access's default."""
    if settings.quota is not None:
        return settings.quota
    return PRODUCTION_QUOTA if settings.production_access else SANDBOX_QUOTA


def _counted(recipient: str) -> bool:
    """Mail to the mailbox simulator does not count against the daily quota."""
    return mailbox(recipient).rpartition("@")[2].lower() != SIMULATOR_DOMAIN


def _violation(member: str, constraint: str) -> str:
    return f"Value at '{member}' failed to satisfy constraint: {constraint}"


def _details_violations(
    mail_type: str | None,
    website_url: str | None,
    contact_language: str | None,
    use_case_description: str | None,
    additional_contacts: Sequence[str] | None,
) -> list[str]:
    """The modelled constraints each member breaks, in the members' order."""
    found: list[str] = []
    if mail_type is None:
        found.append(_violation("mailType", "Member must not be null"))
    elif mail_type not in MAIL_TYPES:
        found.append(
            _violation("mailType", "Member must satisfy enum value set: [MARKETING, TRANSACTIONAL]")
        )
    if website_url is None:
        found.append(_violation("websiteURL", "Member must not be null"))
    elif not website_url:
        found.append(_violation("websiteURL", "Member must have length greater than or equal to 1"))
    elif len(website_url) > _WEBSITE_URL_LONGEST:
        longest = _WEBSITE_URL_LONGEST
        found.append(
            _violation("websiteURL", f"Member must have length less than or equal to {longest}")
        )
    if contact_language is not None and contact_language not in CONTACT_LANGUAGES:
        found.append(_violation("contactLanguage", "Member must satisfy enum value set: [EN, JA]"))
    if use_case_description is not None and len(use_case_description) > _USE_CASE_LONGEST:
        found.append(
            _violation(
                "useCaseDescription",
                f"Member must have length less than or equal to {_USE_CASE_LONGEST}",
            )
        )
    if additional_contacts is not None:
        member = "additionalContactEmailAddresses"
        if not additional_contacts:
            found.append(_violation(member, "Member must have length greater than or equal to 1"))
        elif len(additional_contacts) > _MOST_CONTACTS:
            most = _MOST_CONTACTS
            found.append(
                _violation(member, f"Member must have length less than or equal to {most}")
            )
        for contact in additional_contacts:
            if not _CONTACT_SHORTEST <= len(contact) <= _CONTACT_LONGEST or not _CONTACT.match(
                contact
            ):
                found.append(
                    _violation(
                        member,
                        "Member must satisfy constraint: [Member must have length less than or "
                        f"equal to {_CONTACT_LONGEST}, Member must have length greater than or "
                        f"equal to {_CONTACT_SHORTEST}, Member must satisfy regular expression "
                        "pattern: ^(.+)@(.+)$]",
                    )
                )
    return found


def _is_url(value: str) -> bool:
    if any(char.isspace() for char in value):
        return False
    try:
        parts = urlsplit(value)
        return bool(parts.scheme) and bool(parts.hostname)
    except ValueError:
        return False


def _settle_review(state: RegionState) -> None:
    """A test that grants or refuses production access decides a pending review."""
    details = state.details
    if details is None or details.review is None or details.review.status != "PENDING":
        return
    status: ReviewStatus = "GRANTED" if state.settings.production_access else "DENIED"
    state.details = details._replace(review=details.review._replace(status=status))
