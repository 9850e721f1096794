"""Shared helpers of the pure model's tests."""

from __future__ import annotations

from datetime import datetime

from pytest_ses_verify.model.account import Account
from pytest_ses_verify.model.pipeline import Send
from pytest_ses_verify.model.sending import SentMessage

# A send's content: (subject, text, html, raw message).
Content = tuple[str | None, str | None, str | None, bytes | None]


def accept_message(
    account: Account,
    region: str,
    source: str,
    recipients: list[str],
    now: datetime,
    content: Content,
    *,
    configuration_set: str | None = None,
    tenant: str | None = None,
) -> SentMessage:
    """One v1 send of ``content`` through the account's send pipeline."""
    subject, text, html, raw = content
    send = Send(
        service="ses",
        source=source,
        recipients=recipients,
        subject=subject,
        text=text,
        html=html,
        raw=raw,
        configuration_set=configuration_set,
        tenant=tenant,
    )
    return account.sending.send(region, send, now)
