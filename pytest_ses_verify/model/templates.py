"""Email templates (v1 CreateTemplate..., v2 CreateEmailTemplate...) and templated sending.

Pure: no botocore, no pytest, no clock. One store per region, shared by v1 and v2. A
templated send goes through the send pipeline (:mod:`.pipeline`) like any other and lands
in the outbox rendered, with its template's name and data. A send whose data lacks an
attribute is accepted (SES renders after it answers) and recorded as a rendering failure
(:meth:`EmailTemplates.record_failure`) instead of landing in the outbox. Messages follow
the README's behaviour table. A template's tags (v2) live on it, as a configuration
set's do; :mod:`.tags` reads and changes them.
"""

from __future__ import annotations

import json
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any, NamedTuple

from .errors import InvalidParameter, ModelError
from .paging import Cursors
from .render import parse, render

# "Each template can be up to 500 KB in size, including both the text and HTML parts"
# (the Developer Guide); the subject counts too, and a KB is 1,024 bytes, as the 10 MB of
# a custom verification template (both chosen).
MAX_TEMPLATE_SIZE = 500 * 1024


class TemplateExists(ModelError):
    """v1 ``AlreadyExists``, v2 ``AlreadyExistsException``."""


class TemplateMissing(ModelError):
    """v1 ``TemplateDoesNotExist``, v2 ``NotFoundException``."""

    def __init__(self, name: str) -> None:
        super().__init__(f"Template {name} does not exist.")
        self.name = name


class TemplateTooLarge(ModelError):
    """A stored template over 500 KB: v1 ``InvalidTemplate``, v2 ``BadRequestException``."""


class InvalidRenderingData(ModelError):
    """TemplateData that is not a JSON object: v1 ``InvalidRenderingParameter``, v2
    ``BadRequestException``."""


class EmailTemplate(NamedTuple):
    """One template; ``tags`` (v2) is its live tag list, kept by an update."""

    name: str
    subject: str | None
    text: str | None
    html: str | None
    created_at: datetime
    tags: list[dict[str, str]]


class RenderingFailure(NamedTuple):
    """A templated send SES accepted but could not render (its Rendering Failure event):
    the ``message_id`` it answered, the ``template``'s name, the ``data`` sent, the
    ``error`` (SES's text) and the ``missing`` attribute's name when a value was missing
    (None for another failure). It is not delivered and notifies nothing."""

    message_id: str
    template: str
    error: str
    data: str | None = None
    missing: str | None = None


class EmailTemplates:
    """The templates of every region, in creation order, and the rendering failures of
    templated sends (``failures``)."""

    def __init__(self, account_id: str) -> None:
        self.account_id = account_id  # SES names the account in AlreadyExists
        self.regions: dict[str, dict[str, EmailTemplate]] = {}
        self.failures: list[RenderingFailure] = []
        self.cursors = Cursors()

    def of(self, region: str) -> dict[str, EmailTemplate]:
        return self.regions.setdefault(region, {})

    def create(
        self,
        region: str,
        name: str,
        subject: str | None,
        text: str | None,
        html: str | None,
        now: datetime,
        tags: list[dict[str, str]] | None = None,
    ) -> None:
        """A new template; ``tags`` (v2) already checked."""
        store = self.of(region)
        if name in store:
            raise TemplateExists(f"Template {name} already exists for account id {self.account_id}")
        _check_size(name, subject, text, html)
        _check(subject, text, html)
        store[name] = EmailTemplate(name, subject, text, html, now, list(tags or []))

    def get(self, region: str, name: str) -> EmailTemplate:
        found = self.of(region).get(name)
        if found is None:
            raise TemplateMissing(name)
        return found

    def update(
        self, region: str, name: str, subject: str | None, text: str | None, html: str | None
    ) -> None:
        """The template's parts replaced; its tags kept."""
        old = self.get(region, name)
        _check_size(name, subject, text, html)
        _check(subject, text, html)
        self.of(region)[name] = old._replace(subject=subject, text=text, html=html)

    def delete(self, region: str, name: str, *, missing_ok: bool) -> None:
        """v1 DeleteTemplate of a missing template does nothing; v2's is NotFound."""
        store = self.of(region)
        if name not in store and not missing_ok:
            raise TemplateMissing(name)
        store.pop(name, None)

    def page(
        self, region: str, cursor: str | None, size: int
    ) -> tuple[list[EmailTemplate], str | None]:
        """ListTemplates/ListEmailTemplates: a page in creation order and the next
        NextToken."""
        return self.cursors.page(region, list(self.of(region).values()), cursor, size)

    def record_failure(
        self,
        message_id: str,
        template: EmailTemplate,
        error: str,
        data: str | None = None,
        missing: str | None = None,
    ) -> None:
        """A templated send SES accepted but could not render."""
        self.failures.append(RenderingFailure(message_id, template.name, error, data, missing))


def _check_size(name: str, subject: str | None, text: str | None, html: str | None) -> None:
    """A stored template: at most 500 KB, its subject, text and HTML parts in UTF-8 (a
    lone surrogate, which JSON can carry, counted as its three bytes)."""
    parts = (part for part in (subject, text, html) if part is not None)
    size = sum(len(part.encode("utf-8", "surrogatepass")) for part in parts)
    if size > MAX_TEMPLATE_SIZE:
        raise TemplateTooLarge(f"Template {name} exceeds 500 KB: {size} bytes.")


def _check(subject: str | None, text: str | None, html: str | None) -> None:
    for part in (subject, text, html):
        if part is not None:
            parse(part)


INVALID_DATA = "The template data is invalid"


def _not_json(constant: str) -> Any:
    """``NaN``, ``Infinity`` and ``-Infinity``, which Python's JSON reads and JSON is not."""
    raise ValueError(constant)


# The deepest nesting of TemplateData read: chosen, and the same on every Python (3.13's
# reader has no limit of its own; older ones stop below 1000 levels, nearer with a deep
# stack). The JVM's usual JSON parser (Jackson) stops at 1000: this is stricter, for
# data no real template nests so deep.
MAX_DATA_DEPTH = 500


def _too_deep(data: str) -> bool:
    """Whether ``data`` nests objects and arrays deeper than MAX_DATA_DEPTH (brackets in
    strings do not count). Only data with that many brackets is scanned."""
    if data.count("{") + data.count("[") <= MAX_DATA_DEPTH:
        return False
    depth, quoted, escaped = 0, False, False
    for char in data:
        if quoted:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                quoted = False
        elif char == '"':
            quoted = True
        elif char in "{[":
            depth += 1
            if depth > MAX_DATA_DEPTH:
                return True
        elif char in "}]":
            depth -= 1
    return False


def template_data(data: str | None) -> dict[str, Any]:
    """TemplateData parsed: a JSON object (none: empty). Anything else is SES's one text:
    not strict JSON (``NaN``, ``Infinity``), nested deeper than 500 levels, or JSON that
    is not an object."""
    if data is None:
        return {}
    if _too_deep(data):
        raise InvalidRenderingData(INVALID_DATA)
    try:
        parsed = json.loads(data, parse_constant=_not_json)
    except (ValueError, RecursionError):
        raise InvalidRenderingData(INVALID_DATA) from None
    if not isinstance(parsed, dict):
        raise InvalidRenderingData(INVALID_DATA)
    return parsed


def sent_data(data: str | None) -> dict[str, Any]:
    """A send's TemplateData: as :func:`template_data`, refused as an invalid parameter
    (the rendering-parameter error is TestRenderTemplate's alone in botocore's model)."""
    try:
        return template_data(data)
    except InvalidRenderingData as invalid:
        raise InvalidParameter(invalid.message) from None


def merged_data(default: str | None, replacement: str | None) -> str:
    """A bulk destination's data: its ReplacementTemplateData over DefaultTemplateData."""
    return json.dumps({**sent_data(default), **sent_data(replacement)})


def render_parts(
    template: EmailTemplate, data: dict[str, Any]
) -> tuple[str | None, str | None, str | None]:
    """(subject, text, html) rendered, or MissingAttribute / InvalidTemplate."""
    parts = (template.subject, template.text, template.html)
    subject, text, html = (None if part is None else render(part, data) for part in parts)
    return subject, text, html


def rendered_message(template: EmailTemplate, data: str | None, now: datetime) -> str:
    """TestRenderTemplate's RenderedTemplate: the MIME message the send would make."""
    subject, text, html = render_parts(template, template_data(data))
    message = EmailMessage()
    message["Date"] = format_datetime(now)
    if subject is not None:  # a rendered line break is folded away, as a header's
        message["Subject"] = " ".join(subject.splitlines())
    if text is not None:
        message.set_content(text)
    if html is not None:
        if text is None:
            message.set_content(html, subtype="html")
        else:
            message.add_alternative(html, subtype="html")
    return message.as_string()


def inline_template(
    subject: str | None, text: str | None, html: str | None, now: datetime
) -> EmailTemplate:
    """v2 SendEmail's TemplateContent: a template that is not stored."""
    _check(subject, text, html)
    return EmailTemplate("", subject, text, html, now, [])
