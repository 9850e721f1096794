"""Custom verification emails: SendCustomVerificationEmail, and where a click lands.

Pure: no botocore, no pytest, no clock. A custom verification email starts (or restarts)
the address's verification exactly as VerifyEmailIdentity does (the address is a Pending
identity from the send, its link valid for 24 hours), with the template's subject, content
and sender; the click lands on the template's success or failure URL. Messages follow the
README's behaviour table.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from .account import Account, issue_cursor, page_start, request_email
from .configuration_sets import get_configuration_set
from .custom_templates import MAX_PAGE, CustomTemplate, FromAddressNotVerified, get_template
from .errors import InvalidParameter, ModelError
from .identities import kind_of
from .sending import is_verified, message_id


class ProductionAccessNotGranted(ModelError):
    """A sandbox account sends no custom verification email: v1
    ``ProductionAccessNotGranted``, v2 ``BadRequestException``."""


def template_page(
    account: Account, region: str, cursor: str | None, size: int | None
) -> tuple[list[CustomTemplate], str | None]:
    """ListCustomVerificationEmailTemplates: a page of the region's templates in creation
    order, and the NextToken of the next (None: the last page). ``size`` None: 50."""
    scope = f"{region} custom verification email templates"
    found, next_seq = account.custom_templates.page(
        region, page_start(account, scope, cursor), MAX_PAGE if size is None else size
    )
    return found, None if next_seq is None else issue_cursor(account, scope, next_seq)


def send_custom_verification_email(
    account: Account,
    region: str,
    address: str,
    template_name: str,
    now: datetime,
    configuration_set: str | None = None,
) -> str:
    """SendCustomVerificationEmail: its MessageId. Checks, in order: the address, production
    access, the template, that its sender is still verified, the configuration set. Then
    the address is verified as VerifyEmailIdentity would (no email when it already is), and
    the email sent is recorded with the template's parts."""
    if kind_of(address) != "EmailAddress":
        raise InvalidParameter(f"Invalid email address<{address}>.")
    if account.sandbox:
        raise ProductionAccessNotGranted("The account has not been granted production access.")
    template = get_template(account, region, template_name)
    if not is_verified(account.registry, region, template.from_address, now):
        raise FromAddressNotVerified(
            "Email address is not verified. The following identities failed the check in "
            f"region {region.upper()}: {template.from_address}"
        )
    if configuration_set is not None:
        get_configuration_set(account, region, configuration_set)
    sent = len(account.emails)
    request_email(account, region, address, now)
    if len(account.emails) > sent:
        account.emails[-1] = account.emails[-1]._replace(
            template=template.name,
            subject=template.subject,
            content=template.content,
            sender=template.from_address,
            success_url=template.success_url,
            failure_url=template.failure_url,
        )
    return message_id(now, region)


def landing(account: Account, address: str, regions: Collection[str], now: datetime) -> str | None:
    """Where the owner's browser lands after clicking the newest link sent to ``address``
    from ``regions``: the template's success URL while the address is verified, its
    failure URL otherwise (the link expired, the identity was deleted); None for the
    plain SES email."""
    email = next(
        (e for e in reversed(account.emails) if e.address == address and e.region in regions),
        None,
    )
    if email is None or email.template is None:
        return None
    identity = account.registry.get(email.region, address, "EmailAddress")
    if identity is not None and account.registry.status(identity, now) == "Success":
        return email.success_url
    return email.failure_url
