"""The per-type objects of event records that feedback notifications do not have: open,
click (and a link's ``ses:tags``), delivery delay, and a delay's Transient bounce.

Pure: no botocore, no pytest, no clock. Shapes follow the Developer Guide ("Contents of
event data that Amazon SES publishes to Amazon SNS" and its examples).
"""

from __future__ import annotations

import html
import re
from datetime import datetime, timedelta
from typing import Any

from .notifications import _REPORTING_MTA, _feedback_id, _stamp

# The EICAR anti-virus test string: SES accepts a message with it, then rejects it
# (Developer Guide, "Testing Reject events").
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
# How long SES tries to deliver when a set gives no MaxDeliverySeconds: the most that
# option allows (50400 seconds; chosen, README's behaviour table).
DEFAULT_EXPIRATION = timedelta(seconds=50400)
DELAY_TYPES = (
    "InternalFailure",
    "General",
    "MailboxFull",
    "SpamDetected",
    "RecipientServerError",
    "IPFailure",
    "TransientCommunicationFailure",
    "BYOIPHostNameLookupUnavailable",
    "Undetermined",
    "SendingDeferral",
)
_ANCHOR = re.compile(r"<a\b[^>]*>", re.IGNORECASE)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_TAGS = re.compile(r"""\bses:tags\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


def open_body(now: datetime, user_agent: str, ip: str) -> dict[str, Any]:
    return {"ipAddress": ip, "timestamp": _stamp(now), "userAgent": user_agent}


def click_body(
    now: datetime, user_agent: str, ip: str, link: str, tags: dict[str, list[str]]
) -> dict[str, Any]:
    return {
        "ipAddress": ip,
        "link": link,
        "linkTags": tags,
        "timestamp": _stamp(now),
        "userAgent": user_agent,
    }


def link_tags(text: str, link: str) -> dict[str, list[str]] | None:
    """The ``ses:tags`` of the first anchor in ``text`` whose href is ``link`` (``{}``:
    none), or None when no anchor links there."""
    for anchor in _ANCHOR.finditer(text):
        href = _HREF.search(anchor.group(0))
        if href is None or html.unescape(href.group(1) or href.group(2) or "") != link:
            continue
        found = _TAGS.search(anchor.group(0))
        tags: dict[str, list[str]] = {}
        if found is not None:
            for pair in html.unescape(found.group(1) or found.group(2) or "").split(";"):
                name, colon, value = pair.strip().partition(":")
                if name and colon:
                    tags.setdefault(name.strip(), []).append(value.strip())
        return tags
    return None


def delay_body(
    recipient: str,
    delay_type: str,
    status: str,
    diagnostic: str,
    now: datetime,
    expires: datetime,
) -> dict[str, Any]:
    return {
        "timestamp": _stamp(now),
        "delayType": delay_type,
        "expirationTime": _stamp(expires),
        "delayedRecipients": [
            {"emailAddress": recipient, "status": status, "diagnosticCode": diagnostic}
        ],
    }


def transient_bounce(recipient: str, at: str) -> dict[str, Any]:
    """A delayed recipient SES gave up on: a Transient bounce (SES publishes soft
    bounces only once it stops retrying)."""
    return {
        "bounceType": "Transient",
        "bounceSubType": "General",
        "bouncedRecipients": [
            {
                "emailAddress": recipient,
                "action": "failed",
                "status": "4.4.7",
                "diagnosticCode": "smtp; 421 4.4.7 Message expired: delivery time exceeded",
            }
        ],
        "timestamp": at,
        "feedbackId": _feedback_id(),
        "reportingMTA": f"dsn; {_REPORTING_MTA}",
    }
