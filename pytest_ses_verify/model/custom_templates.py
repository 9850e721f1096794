"""Custom verification email templates: one store per region, shared by v1 and v2.

Pure: no botocore, no pytest, no clock. A template names the verified address its emails
come from, their subject and content, and where the owner's browser lands after clicking
the link: ``success_url`` for a click that verified, ``failure_url`` otherwise. At most 50
per region; the content may hold only the HTML tags and attributes the Developer Guide
lists, and no comments. A custom verification email starts (or restarts) the address's verification
exactly as VerifyEmailIdentity does, with the template's subject, content and sender; the
click lands on the template's success or failure URL. Messages follow the README's behaviour table.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser
from urllib.parse import urlsplit

from .configuration_sets import ConfigurationSets
from .errors import InvalidParameter, ModelError
from .identities import kind_of
from .paging import Cursors, from_seq
from .sending import message_id
from .verification import Identities

MAX_TEMPLATES = 50
MAX_PAGE = 50
MAX_SIZE = 10 * 1024 * 1024


class TemplateExists(ModelError):
    """v1 ``CustomVerificationEmailTemplateAlreadyExists``, v2 ``AlreadyExistsException``."""


class TemplateMissing(ModelError):
    """v1 ``CustomVerificationEmailTemplateDoesNotExist``, v2 ``NotFoundException``."""

    def __init__(self, name: str) -> None:
        super().__init__(f"Custom verification email template <{name}> does not exist")
        self.name = name


class FromAddressNotVerified(ModelError):
    """A template's ``FromEmailAddress`` that is not verified (itself or its domain): v1
    ``FromEmailAddressNotVerified``, v2 ``NotFoundException``."""


class InvalidTemplateContent(ModelError):
    """v1 ``CustomVerificationEmailInvalidContent``, v2 ``BadRequestException``."""


class TemplateLimitReached(ModelError):
    """The region holds 50 templates: v1 ``LimitExceeded``, v2 ``LimitExceededException``."""


class ProductionAccessNotGranted(ModelError):
    """A sandbox account sends no custom verification email: v1
    ``ProductionAccessNotGranted``, v2 ``BadRequestException``."""


# The Developer Guide's custom verification email FAQ (Q5): the only tags a template's HTML
# may use, each with these attributes and those in ``_MORE_ATTRIBUTES``.
_TAG_TABLE = (
    "abbr acronym address area b bdo big blockquote body br button caption center cite code "
    "col colgroup dd del dfn dir div dl dt em fieldset font form h1 h2 h3 h4 h5 h6 head hr "
    "html i img input ins kbd label legend li map menu ol optgroup option p pre q s samp "
    "select small span strike strong sub sup table tbody td textarea tfoot th thead tr tt u "
    "ul var"
)
_ALLOWED_TAGS = frozenset(_TAG_TABLE.split())
_COMMON_ATTRIBUTES = frozenset({"class", "id", "style", "title"})
_MORE_ATTRIBUTES: dict[str, frozenset[str]] = {
    "blockquote": frozenset({"cite"}),
    "col": frozenset({"span", "width"}),
    "colgroup": frozenset({"span", "width"}),
    "img": frozenset({"align", "alt", "height", "src", "width"}),
    "ol": frozenset({"start", "type"}),
    "q": frozenset({"cite"}),
    "table": frozenset({"summary", "width"}),
    "td": frozenset({"abbr", "axis", "colspan", "rowspan", "width"}),
    "th": frozenset({"abbr", "axis", "colspan", "rowspan", "scope", "width"}),
    "ul": frozenset({"type"}),
}
_FIELDS = (
    "TemplateName",
    "FromEmailAddress",
    "TemplateSubject",
    "TemplateContent",
    "SuccessRedirectionURL",
    "FailureRedirectionURL",
)


@dataclass
class CustomTemplate:
    """One custom verification email template."""

    name: str
    from_address: str
    subject: str
    content: str
    success_url: str
    failure_url: str
    seq: int
    created_at: datetime
    tags: list[dict[str, str]] = field(default_factory=list)


class _Tags(HTMLParser):
    """The first tag or attribute the FAQ does not allow, if any."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problem: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.problem is not None:
            return
        if tag not in _ALLOWED_TAGS:
            self.problem = f"The tag <{tag}> is not allowed in a custom verification email."
            return
        allowed = _COMMON_ATTRIBUTES | _MORE_ATTRIBUTES.get(tag, frozenset())
        for name, _ in attrs:
            if name not in allowed:
                self.problem = (
                    f"The attribute {name} of the tag <{tag}> is not allowed in a custom "
                    "verification email."
                )
                return

    def handle_endtag(self, tag: str) -> None:
        if self.problem is None and tag not in _ALLOWED_TAGS:
            self.problem = f"The tag <{tag}> is not allowed in a custom verification email."

    def handle_comment(self, data: str) -> None:
        """``<!-- ... -->`` (a conditional comment, a bogus ``<!x>`` too): the FAQ's
        "Custom verification email templates can't include comment tags"."""
        if self.problem is None:
            self.problem = "Comments are not allowed in a custom verification email."

    def close(self) -> None:
        """A comment left open at the end is one too (some Pythons hand it over as text)."""
        if self.rawdata.startswith("<!--"):
            self.handle_comment(self.rawdata[4:])
        super().close()


def check_content(subject: str, content: str) -> None:
    """At most 10 MB (subject and content, UTF-8), and HTML of the allowed tags and
    attributes only, with no comments (text and a doctype are fine)."""
    if len(subject.encode()) + len(content.encode()) > MAX_SIZE:
        raise InvalidTemplateContent("Custom verification email template exceeds 10 MB.")
    parser = _Tags()
    parser.feed(content)
    parser.close()
    if parser.problem is not None:
        raise InvalidTemplateContent(parser.problem)


def check_url(url: str, which: str) -> None:
    """An http or https URL with a host."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        host = None
    if host is None or parts.scheme.lower() not in ("http", "https"):
        raise InvalidParameter(f"The {which} redirection URL is invalid")


def _required(values: dict[str, str | None]) -> None:
    for name in _FIELDS:
        value = values.get(name)
        if value is not None and not value.strip():
            raise InvalidParameter(f"{name} is required.")


class CustomTemplates:
    """Every region's custom verification email templates, by name, in creation order,
    and the custom verification emails sent with them. Handed the identities (a template's
    sender must be verified; the email starts a verification) and the configuration sets;
    ``sandbox``: the account has no production access (it sends no such email)."""

    def __init__(
        self,
        identities: Identities,
        configuration_sets: ConfigurationSets,
        *,
        sandbox: bool = False,
    ) -> None:
        self.identities = identities
        self.configuration_sets = configuration_sets
        self.sandbox = sandbox
        self.regions: dict[str, dict[str, CustomTemplate]] = {}
        self.cursors = Cursors()
        self._seq: Iterator[int] = itertools.count()

    def _check_from(self, region: str, address: str, now: datetime) -> None:
        """The address (no display name) or its domain is verified in ``region``."""
        if kind_of(address) != "EmailAddress" or not self.identities.is_verified(
            region, address, now
        ):
            raise FromAddressNotVerified(f"The from email address <{address}> is not verified")

    def create(
        self,
        region: str,
        name: str,
        from_address: str,
        subject: str,
        content: str,
        success_url: str,
        failure_url: str,
        now: datetime,
        tags: list[dict[str, str]] | None = None,
    ) -> CustomTemplate:
        """A new template; ``tags`` already checked. Checks: blank values, the sender, the
        URLs, the content, then the name and the region's limit."""
        _required(
            {
                "TemplateName": name,
                "FromEmailAddress": from_address,
                "TemplateSubject": subject,
                "TemplateContent": content,
                "SuccessRedirectionURL": success_url,
                "FailureRedirectionURL": failure_url,
            }
        )
        self._check_from(region, from_address, now)
        check_url(success_url, "success")
        check_url(failure_url, "failure")
        check_content(subject, content)
        store = self.regions.setdefault(region, {})
        if name in store:
            raise TemplateExists(f"Custom verification email template <{name}> already exists")
        if len(store) >= MAX_TEMPLATES:
            raise TemplateLimitReached(
                f"Maximum number of custom verification email templates ({MAX_TEMPLATES}) "
                f"reached in region {region}."
            )
        created = store[name] = CustomTemplate(
            name,
            from_address,
            subject,
            content,
            success_url,
            failure_url,
            next(self._seq),
            now,
            list(tags or []),
        )
        return created

    def get(self, region: str, name: str) -> CustomTemplate:
        found = self.regions.get(region, {}).get(name)
        if found is None:
            raise TemplateMissing(name)
        return found

    def update(
        self,
        region: str,
        name: str,
        now: datetime,
        *,
        from_address: str | None = None,
        subject: str | None = None,
        content: str | None = None,
        success_url: str | None = None,
        failure_url: str | None = None,
    ) -> CustomTemplate:
        """Replace the values given (None: keep), checked as at creation: the values given
        first, then that the template exists, then the content it would have."""
        _required(
            {
                "TemplateName": name,
                "FromEmailAddress": from_address,
                "TemplateSubject": subject,
                "TemplateContent": content,
                "SuccessRedirectionURL": success_url,
                "FailureRedirectionURL": failure_url,
            }
        )
        if from_address is not None:
            self._check_from(region, from_address, now)
        if success_url is not None:
            check_url(success_url, "success")
        if failure_url is not None:
            check_url(failure_url, "failure")
        found = self.get(region, name)
        if subject is not None or content is not None:
            check_content(
                found.subject if subject is None else subject,
                found.content if content is None else content,
            )
        found.from_address = found.from_address if from_address is None else from_address
        found.subject = found.subject if subject is None else subject
        found.content = found.content if content is None else content
        found.success_url = found.success_url if success_url is None else success_url
        found.failure_url = found.failure_url if failure_url is None else failure_url
        return found

    def delete(self, region: str, name: str) -> None:
        self.get(region, name)
        del self.regions[region][name]

    def page(
        self, region: str, cursor: str | None, size: int | None
    ) -> tuple[list[CustomTemplate], str | None]:
        """ListCustomVerificationEmailTemplates: a page of the region's templates in
        creation order, and the NextToken of the next (None: the last page). ``size``
        None: 50."""
        start = self.cursors.start(region, cursor)
        size = MAX_PAGE if size is None else size
        found, next_seq = from_seq(self.regions.get(region, {}).values(), _seq, start, size)
        return found, None if next_seq is None else self.cursors.issue(region, next_seq)

    # -- custom verification emails --------------------------------------------------

    def send(
        self,
        region: str,
        address: str,
        template_name: str,
        now: datetime,
        configuration_set: str | None = None,
    ) -> str:
        """SendCustomVerificationEmail: its MessageId. Checks, in order: the address (given,
        then a bare address), production access, the template, that its sender is still
        verified, the configuration set. Then the address is verified as VerifyEmailIdentity
        would (no email when it already is), and the email sent is recorded with the
        template's parts."""
        if not address:
            raise InvalidParameter("Email address not specified.")
        if kind_of(address) != "EmailAddress":
            raise InvalidParameter(f"Invalid email address<{address}>.")
        if self.sandbox:
            raise ProductionAccessNotGranted("The account has not been granted production access.")
        template = self.get(region, template_name)
        if not self.identities.is_verified(region, template.from_address, now):
            raise FromAddressNotVerified(
                "Email address is not verified. The following identities failed the check in "
                f"region {region.upper()}: {template.from_address}"
            )
        if configuration_set is not None:
            self.configuration_sets.get(region, configuration_set)
        emails = self.identities.emails
        if self.identities.request_email(region, address, now):
            emails[-1] = emails[-1]._replace(
                template=template.name,
                subject=template.subject,
                content=template.content,
                sender=template.from_address,
                success_url=template.success_url,
                failure_url=template.failure_url,
            )
        return message_id(now, region)

    def landing(self, address: str, regions: Collection[str], now: datetime) -> str | None:
        """Where the owner's browser lands after clicking the newest link sent to
        ``address`` from ``regions``: the template's success URL while the address is
        verified, its failure URL otherwise (the link expired, the identity was deleted);
        None for the plain SES email."""
        email = next(
            (
                e
                for e in reversed(self.identities.emails)
                if e.address == address and e.region in regions
            ),
            None,
        )
        if email is None or email.template is None:
            return None
        identity = self.identities.get(email.region, address, "EmailAddress")
        if identity is not None and self.identities.status(identity, now) == "Success":
            return email.success_url
        return email.failure_url


def _seq(item: CustomTemplate) -> int:
    return item.seq
