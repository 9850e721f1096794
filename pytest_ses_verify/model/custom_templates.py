"""Custom verification email templates: one store per region, shared by v1 and v2.

Pure: no botocore, no pytest, no clock. A template names the verified address its emails
come from, their subject and content, and where the owner's browser lands after clicking
the link: ``success_url`` for a click that verified, ``failure_url`` otherwise. At most 50
per region; the content may hold only the HTML tags and attributes the Developer Guide
lists. Messages follow the README's behaviour table.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .errors import InvalidParameter, ModelError
from .identities import kind_of
from .sending import is_verified

if TYPE_CHECKING:
    from .account import Account

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


@dataclass
class CustomTemplates:
    """Every region's templates, by name, in creation order."""

    regions: dict[str, dict[str, CustomTemplate]] = field(default_factory=dict)
    _seq: Iterator[int] = field(default_factory=itertools.count)

    def next_seq(self) -> int:
        return next(self._seq)

    def get(self, region: str, name: str) -> CustomTemplate | None:
        return self.regions.get(region, {}).get(name)

    def page(self, region: str, start: int, size: int) -> tuple[list[CustomTemplate], int | None]:
        """Up to ``size`` templates created at or after ``start`` (a ``seq``), and the
        ``seq`` the next page starts at (None: no more)."""
        found: list[CustomTemplate] = []
        for template in self.regions.get(region, {}).values():
            if template.seq < start:
                continue
            if len(found) == size:
                return found, template.seq
            found.append(template)
        return found, None


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


def check_content(subject: str, content: str) -> None:
    """At most 10 MB (subject and content, UTF-8), and HTML of the allowed tags and
    attributes only (text, comments and a doctype are fine)."""
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


def check_from(account: Account, region: str, address: str, now: datetime) -> None:
    """The address (no display name) or its domain is verified in ``region``."""
    if kind_of(address) != "EmailAddress" or not is_verified(
        account.registry, region, address, now
    ):
        raise FromAddressNotVerified(f"The from email address <{address}> is not verified")


def _required(values: dict[str, str | None]) -> None:
    for name in _FIELDS:
        value = values.get(name)
        if value is not None and not value.strip():
            raise InvalidParameter(f"{name} is required.")


def create_template(
    account: Account,
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
    check_from(account, region, from_address, now)
    check_url(success_url, "success")
    check_url(failure_url, "failure")
    check_content(subject, content)
    store = account.custom_templates.regions.setdefault(region, {})
    if name in store:
        raise TemplateExists(f"Custom verification email template <{name}> already exists")
    if len(store) >= MAX_TEMPLATES:
        raise TemplateLimitReached(
            f"Maximum number of custom verification email templates ({MAX_TEMPLATES}) reached "
            f"in region {region}."
        )
    created = store[name] = CustomTemplate(
        name,
        from_address,
        subject,
        content,
        success_url,
        failure_url,
        account.custom_templates.next_seq(),
        now,
        list(tags or []),
    )
    return created


def get_template(account: Account, region: str, name: str) -> CustomTemplate:
    found = account.custom_templates.get(region, name)
    if found is None:
        raise TemplateMissing(name)
    return found


def update_template(
    account: Account,
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
        check_from(account, region, from_address, now)
    if success_url is not None:
        check_url(success_url, "success")
    if failure_url is not None:
        check_url(failure_url, "failure")
    found = get_template(account, region, name)
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


def delete_template(account: Account, region: str, name: str) -> None:
    get_template(account, region, name)
    del account.custom_templates.regions[region][name]
