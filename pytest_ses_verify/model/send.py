"""One send, as an adapter hands it over to the send pipeline (:mod:`.pipeline`), and what
the pipeline's steps work out on its way.

Pure: no botocore, no pytest, no clock.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from .domain_settings import DEFAULT_MAIL_FROM
from .errors import ModelError
from .identities import Identity
from .mime import Attachment
from .sending import MAX_RAW_V1
from .templates import EmailTemplate

# A template a send uses: a stored template's name, or inline (subject, text, html).
TemplateRef = str | tuple[str | None, str | None, str | None]


class MissingSource(ModelError):
    """A send without a source (or a raw message without a From header): v1
    ``InvalidParameterValue``, v2 ``BadRequestException``. An empty message: the service
    answers with none (v2 simple content, README's behaviour table)."""


class Send:
    """One send, as an adapter hands it over, and what the steps work out on its way.

    ``source``: Source / FromEmailAddress (None or empty: a raw message's From header).
    ``recipients``: every destination (None: a raw message's To, Cc and Bcc). ``to``,
    ``cc``, ``bcc`` (None), ``reply_to`` (empty) and ``return_path`` (None): as the
    request gave them, else a raw message's headers. ``no_source``: the text SES refuses a
    send without a source with before reading its content (None: it reads on).
    ``template``/``template_data``: a templated send. ``raw_limit``: the API's raw size.
    """

    # Worked out by the steps (class defaults: set on the send when a step finds them).
    sender: str | None = None  # the bare From address, when ``source`` is the header
    header_from: tuple[str, str] | None = None  # a raw From header beside a source
    header_sender: tuple[str, str] | None = None  # a raw Sender header
    delivered: bytes | None = None  # a raw message without SES's own headers
    owner: str | None = None  # another account whose identity the send's source is
    attachments: Sequence[Attachment] = ()
    used_template: EmailTemplate | None = None
    rendering_failure: str | None = None
    missing: str | None = None  # the attribute a rendering failure missed
    identity: Identity | None = None
    mail_from: str = DEFAULT_MAIL_FROM
    used_configuration_set: str | None = None
    # A v2 send's ListManagementOptions: (ContactListName, TopicName or None).
    list_management: tuple[str, str | None] | None = None

    def __init__(
        self,
        service: Literal["ses", "sesv2"],
        source: str | None,
        *,
        recipients: list[str] | None = None,
        subject: str | None = None,
        text: str | None = None,
        html: str | None = None,
        raw: bytes | None = None,
        raw_limit: int = MAX_RAW_V1,
        no_source: str | None = None,
        tags: Sequence[Mapping[str, str]] = (),
        configuration_set: str | None = None,
        tenant: str | None = None,
        template: TemplateRef | None = None,
        template_data: str | None = None,
        to: list[str] | None = None,
        cc: list[str] | None = None,
        bcc: list[str] | None = None,
        reply_to: Sequence[str] = (),
        return_path: str | None = None,
        source_arn: str | None = None,
        from_arn: str | None = None,
        return_path_arn: str | None = None,
        action: str | None = None,
    ) -> None:
        self.service = service
        self.source: str | None = source
        self.recipients: list[str] | None = recipients
        self.subject: str | None = subject
        self.text: str | bytes | None = text
        self.html: str | bytes | None = html
        self.raw = raw
        self.raw_limit = raw_limit
        self.no_source = no_source
        self.tags = tags
        self.configuration_set = configuration_set
        self.tenant = tenant
        self.template = template
        self.template_data = template_data
        self.to: list[str] | None = to
        self.cc: list[str] | None = cc
        self.bcc: list[str] | None = bcc
        self.reply_to: Sequence[str] = reply_to
        self.return_path = return_path
        self.source_arn = source_arn
        self.from_arn = from_arn
        self.return_path_arn = return_path_arn
        self.action = action  # the policy action (default: by the kind of content)
