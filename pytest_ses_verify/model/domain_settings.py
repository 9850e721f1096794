"""The identities' domain settings: custom MAIL FROM domains, DKIM signing (Easy DKIM and
BYODKIM), and what SES finds wrong at a domain's verification record.

Pure: no botocore, no pytest, no clock. Each setting is record-verified on the one
lifecycle machine (:mod:`.lifecycle`) through the identities' registry; this component
is handed the identities component. Messages follow the README's behaviour table.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal

from .dkim_keys import public_keys
from .dns import Record, dkim_records, mail_from_mx, txt_record
from .errors import ModelError
from .identities import ExternalKey, Identity, KeyLength, MxFailure, dkim_evidence
from .verification import Identities

DEFAULT_MAIL_FROM = "amazonses.com"
KEY_LENGTH_PERIOD = timedelta(hours=24)

VerificationError = Literal["HostNotFound", "TypeNotFound", "InvalidValue", "DnsServerError"]


class NotASubdomain(ModelError):
    """A custom MAIL FROM domain that is not a subdomain of the identity's domain."""


class MailFromNotVerified(ModelError):
    """A send whose identity's MAIL FROM domain is not verified, set to reject then."""


class NotADomain(ModelError):
    """DKIM signing attributes for an email address identity."""


class DkimNotVerified(ModelError):
    """DKIM signing turned on before the domain's DKIM is verified."""


class KeyLengthChangedRecently(ModelError):
    """The Easy DKIM key length changed less than 24 hours ago."""


class DomainSettings:
    """MAIL FROM and DKIM settings of the identities it is handed."""

    def __init__(self, identities: Identities) -> None:
        self.identities = identities
        self.registry = identities.registry

    def _publish(self, record: Record, now: datetime) -> None:
        """With ``auto_verify``: the record SES looks for is in DNS at once."""
        dns, seen_now = self.registry.dns, now - self.registry.detection_delay
        if not dns.present(record, seen_now):
            dns.publish(record, seen_now)

    # -- MAIL FROM -------------------------------------------------------------------

    def set_mail_from(
        self,
        region: str,
        identity: Identity,
        domain: str | None,
        on_mx_failure: MxFailure,
        now: datetime,
    ) -> None:
        """Use ``domain`` as the identity's custom MAIL FROM domain (None: stop). It must be
        a subdomain of the identity's domain (an address's domain), not that domain itself."""
        if domain is not None:
            parent = identity.name.rpartition("@")[2].lower()
            wanted = domain.rstrip(".").lower()
            if not wanted.endswith("." + parent):
                raise NotASubdomain(
                    f"Provided MAIL-FROM domain <{domain}> is not subdomain of the domain of "
                    f"the identity <{identity.name}>."
                )
            domain = wanted
        self.registry.set_mail_from(region, identity, domain, on_mx_failure, now)
        if self.identities.auto_verify and domain is not None:
            self._publish(mail_from_mx(domain, region), now)

    def mail_from_of(self, sender: Identity | None, now: datetime) -> str:
        """The envelope MAIL FROM domain a send uses: the sending identity's custom domain
        once verified; until then the default, or a rejection (``RejectMessage``)."""
        setting = None if sender is None else sender.mail_from
        if sender is None or setting is None:
            return DEFAULT_MAIL_FROM
        if self.registry.mail_from_status(sender, now) == "Success":
            return setting.domain
        if setting.on_mx_failure == "RejectMessage":
            raise MailFromNotVerified(
                f"Mail-From domain {setting.domain} is not verified for identity {sender.name}."
            )
        return DEFAULT_MAIL_FROM

    # -- DKIM ------------------------------------------------------------------------

    def set_dkim_signing(
        self, region: str, identity: Identity, enabled: bool, now: datetime
    ) -> None:
        """Turn DKIM signing on or off. On needs the (parent) domain's DKIM verified."""
        if enabled:
            domain = self.identities.dkim_domain(region, identity)
            name = identity.name.rpartition("@")[2].lower()
            if domain is None or self.registry.dkim_status(domain, now) != "Success":
                raise DkimNotVerified(f"Domain <{name}> is not verified for DKIM signing.")
        identity.dkim_signing = enabled

    def use_external_key(
        self, identity: Identity, selector: str, private_key: str, now: datetime
    ) -> None:
        """BYODKIM: the domain's DKIM verifies through ``selector``'s TXT record holding the
        public half of ``private_key`` (a key SES cannot read never verifies)."""
        if identity.kind != "Domain":
            raise NotADomain("The EmailIdentity value must be a valid domain.")
        keys, bits = public_keys(private_key)
        length: KeyLength = "RSA_1024_BIT" if bits and bits <= 1024 else "RSA_2048_BIT"
        key = ExternalKey(selector, keys, length)
        self.registry.use_external_dkim(identity, key, now)
        record = key.record(identity.name)
        if self.identities.auto_verify and record is not None:
            self._publish(record, now)

    def use_easy_dkim(
        self, region: str, identity: Identity, length: KeyLength | None, now: datetime
    ) -> None:
        """Easy DKIM, with ``length`` as the next signing key's length (None: as it is). The
        length may change at most once in 24 hours."""
        if identity.kind != "Domain":
            raise NotADomain("The EmailIdentity value must be a valid domain.")
        if identity.external_dkim is not None or identity.dkim_tokens is None:
            identity.external_dkim = None
            identity.dkim_tokens = None
            self.registry.request_dkim(region, identity.name, now)
        if length is not None and length != identity.key_length:
            changed = identity.key_changed_at
            if changed is not None and now < changed + KEY_LENGTH_PERIOD:
                raise KeyLengthChangedRecently(
                    "The signing key length can be changed only once every 24 hours."
                )
            identity.key_length, identity.key_changed_at = length, now

    # -- what SES finds at the verification record -----------------------------------

    def verification_error(self, identity: Identity, now: datetime) -> VerificationError | None:
        """What SES finds wrong at a domain's verification record: nothing at the name,
        other types only, the right type with a wrong value, or a DNS server that does not
        answer. The record is the BYODKIM TXT, the first Easy DKIM CNAME, or
        ``_amazonses`` TXT."""
        registry = self.registry
        if identity.external_dkim is not None:
            name, kind = f"{identity.external_dkim.selector}._domainkey.{identity.name}", "TXT"
            expected = {r[2] for group in dkim_evidence(identity, registry.dns) for r in group}
        elif identity.dkim_tokens is not None:
            name, kind, value = dkim_records(identity.name, identity.dkim_tokens[:1])[0]
            expected = {value}
        else:
            assert identity.token is not None
            name, kind, value = txt_record(identity.name, identity.token)
            expected = {value}
        seen_at = now - registry.detection_delay
        if registry.dns.failing_since(name, now) is not None:
            return "DnsServerError"
        present = [r for r in registry.dns.records_at(name) if registry.dns.present(r, seen_at)]
        if not present:
            return "HostNotFound"
        if not any(r[1] == kind for r in present):
            return "TypeNotFound"
        if not any(r[1] == kind and r[2] in expected for r in present):
            return "InvalidValue"
        return None
