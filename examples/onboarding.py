"""A small application that onboards a customer's sending identities with Amazon SES.

It starts verification of a domain (and tells the customer which DNS record to
publish) or of an address (SES emails them a link), shows where each stands, asks
again after a failure, and sends a welcome email from the customer's sender once
SES has verified it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import boto3

State = Literal["not started", "waiting", "verified", "failed", "needs attention"]

_STATES: dict[str, State] = {
    "Pending": "waiting",
    "Success": "verified",
    "Failed": "failed",
    "TemporaryFailure": "needs attention",
    "NotStarted": "not started",
}


@dataclass(frozen=True)
class DnsRecord:
    """The record the customer must publish for SES to verify their domain."""

    name: str
    type: str
    value: str


class SenderOnboarding:
    def __init__(self, region: str = "eu-west-1", ses: Any = None) -> None:
        self.ses = ses or boto3.client("ses", region_name=region)

    def start_domain(self, domain: str) -> DnsRecord:
        token = self.ses.verify_domain_identity(Domain=domain)["VerificationToken"]
        return DnsRecord(f"_amazonses.{domain.lower()}", "TXT", token)

    def start_address(self, address: str) -> None:
        self.ses.verify_email_identity(EmailAddress=address)

    def state(self, identity: str) -> State:
        response = self.ses.get_identity_verification_attributes(Identities=[identity])
        entry = response["VerificationAttributes"].get(identity)
        return "not started" if entry is None else _STATES[entry["VerificationStatus"]]

    def retry_failed(self) -> list[str]:
        """Ask SES again for every identity whose verification failed."""
        identities = self.ses.list_identities()["Identities"]
        failed = [i for i in identities if self.state(i) == "failed"]
        for identity in failed:
            if "@" in identity:
                self.start_address(identity)
            else:
                self.start_domain(identity)
        return failed

    def can_send_from(self, address: str) -> bool:
        domain = address.rpartition("@")[2]
        return "verified" in (self.state(address), self.state(domain))

    def send_welcome(self, sender: str, customer: str) -> str | None:
        """Send the welcome email once ``sender`` is verified; the message id, or None."""
        if not self.can_send_from(sender):
            return None
        response = self.ses.send_email(
            Source=sender,
            Destination={"ToAddresses": [customer]},
            Message={
                "Subject": {"Data": "Welcome aboard"},
                "Body": {"Text": {"Data": f"Hello {customer}, your sender is ready."}},
            },
        )
        return str(response["MessageId"])
