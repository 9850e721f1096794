"""Resource tags (SES v2): identities, configuration sets and email templates, named by
their ARNs.

Pure: no botocore, no pytest, no clock. An identity's tags live in :class:`Tags` by
(region, stored spelling); a configuration set and an email template keep their own. A
tag is ``{"Key": ..., "Value": ...}``, as both APIs spell it. Messages follow the README's
behaviour table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from .configuration_sets import ConfigurationSet, ConfigurationSets
from .errors import InvalidParameter, ModelError
from .identities import Identity, Registry, kind_of
from .templates import EmailTemplate, EmailTemplates

Tag = dict[str, str]

MAX_TAGS = 50
MAX_KEY = 128
MAX_VALUE = 256
# Unicode letters, digits, white space and _ . : / = + - (the v2 Tag documentation).
_TAG_TEXT = re.compile(r"[\w\s.:/=+\-]*\Z")
_ACCOUNT = re.compile(r"[0-9]{12}\Z")
_CONFIGURATION_SET = re.compile(r"[A-Za-z0-9_-]{1,64}\Z")
IDENTITY, CONFIGURATION_SET, TEMPLATE = "identity", "configuration-set", "template"


class ResourceNotFound(ModelError):
    """The ARN names a resource the region does not have: v2 ``NotFoundException``."""


class Resource(NamedTuple):
    """What an SES ARN names: its type (``identity``, ``configuration-set``, ...), its name,
    and the region in the ARN."""

    type: str
    name: str
    region: str


def parse_arn(arn: str, account_id: str) -> Resource:
    """The resource ``arn`` names, or the service's error for a malformed ARN, an identifier
    that is not an SES resource, or another account's resource."""
    parts = arn.split(":", 5)
    if len(parts) != 6 or parts[0] != "arn" or not all(parts[1:4]) or "/" not in parts[5]:
        raise InvalidParameter("ResourceArn is not the expected format")
    account, (kind, _, name) = parts[4], parts[5].partition("/")
    if kind == IDENTITY:  # an identity's account is checked with its name
        if not _ACCOUNT.match(account) or kind_of(name) is None:
            raise InvalidParameter("Provided resource identifier is not an SES resource")
    elif not _ACCOUNT.match(account) or ":" in name:
        raise InvalidParameter("ResourceArn is not the expected format")
    if account != account_id:
        raise InvalidParameter(
            "Operations on a resource created in a different account is not allowed"
        )
    if kind == CONFIGURATION_SET and not _CONFIGURATION_SET.match(name):
        raise InvalidParameter("ResourceArn is not the expected format")
    return Resource(kind, name, parts[3])


def check_tags(tags: Iterable[Mapping[str, str]]) -> list[Tag]:
    """Tags as a resource may carry them (keys 1-128 characters, values up to 256, of
    letters, digits, white space and ``_ . : / = + -``; no ``aws:`` keys), as plain dicts."""
    checked: list[Tag] = []
    for tag in tags:
        key, value = tag.get("Key", ""), tag.get("Value", "")
        if not 1 <= len(key) <= MAX_KEY:
            raise InvalidParameter(f"Tag keys must be 1 to {MAX_KEY} characters long.")
        if len(value) > MAX_VALUE:
            raise InvalidParameter(f"Tag values can be at most {MAX_VALUE} characters long.")
        if not _TAG_TEXT.match(key) or not _TAG_TEXT.match(value):
            raise InvalidParameter(
                "Tag keys and values can contain only Unicode letters, digits, white space "
                "and _ . : / = + -"
            )
        if key.lower().startswith("aws:"):
            raise InvalidParameter("Tag keys that start with aws: are reserved.")
        checked.append({"Key": key, "Value": value})
    return checked


def check_count(tags: list[Tag]) -> list[Tag]:
    if len(tags) > MAX_TAGS:
        raise InvalidParameter(f"A resource can have at most {MAX_TAGS} tags.")
    return tags


def new_tags(tags: Iterable[Mapping[str, str]]) -> list[Tag]:
    """The tags a resource is created with (a key given twice: the last value)."""
    return check_count(_merged([], check_tags(tags)))


def _merged(current: list[Tag], added: list[Tag]) -> list[Tag]:
    values = {tag["Key"]: tag["Value"] for tag in current}
    values.update((tag["Key"], tag["Value"]) for tag in added)
    return [{"Key": key, "Value": value} for key, value in values.items()]


def _unique_keys(tags: list[Tag]) -> None:
    """TagResource names each key once (the keys as given, case and all)."""
    if len({tag["Key"] for tag in tags}) != len(tags):
        raise InvalidParameter("Cannot provide multiple tags with the same key")


def existing_identity(registry: Registry, region: str, resource: Resource) -> Identity:
    """The identity an identity ARN names, in ``region`` (any spelling of a domain)."""
    kind = kind_of(resource.name)
    assert kind is not None  # parse_arn checked it
    identity = registry.get(region, resource.name, kind)
    if identity is None:
        raise ResourceNotFound(f"No EmailIdentity present with name: {resource.name}")
    return identity


def existing_configuration_set(
    configuration_sets: ConfigurationSets, region: str, resource: Resource
) -> ConfigurationSet:
    """The configuration set a configuration-set ARN names, in ``region``."""
    found = configuration_sets.find(region, resource.name)
    if found is None:
        raise ResourceNotFound(f"No ConfigurationSet present with name: {resource.name}")
    return found


def existing_template(templates: EmailTemplates, region: str, resource: Resource) -> EmailTemplate:
    """The email template a template ARN names, in ``region``."""
    found = templates.of(region).get(resource.name)
    if found is None:
        raise ResourceNotFound(f"No Template present with name: {resource.name}")
    return found


def _in_region(resource: Resource, region: str, failure: str) -> None:
    """Tags change only in the ARN's own region."""
    if resource.region != region:
        raise InvalidParameter(failure)


class Tags:
    """Resource tags: identities' tags by (region, stored spelling), kept here; a
    configuration set and an email template keep their own. Handed the identities'
    registry, the sets and the templates."""

    def __init__(
        self,
        registry: Registry,
        configuration_sets: ConfigurationSets,
        templates: EmailTemplates,
    ) -> None:
        self.registry = registry
        self.configuration_sets = configuration_sets
        self.templates = templates
        self.identities: dict[tuple[str, str], list[Tag]] = {}

    def of_identity(self, region: str, identity: Identity) -> list[Tag]:
        """A copy of the identity's tags."""
        found = self.identities.get((region, identity.name))
        return [] if found is None else [dict(tag) for tag in found]

    def set_identity_tags(self, region: str, identity: Identity, tags: list[Tag]) -> None:
        """The tags an identity is created with (``tags`` already checked)."""
        self.identities[(region, identity.name)] = tags

    def forget(self, region: str, name: str) -> None:
        """A deleted identity's tags go with it."""
        self.identities.pop((region, name), None)

    def _tags_of(self, region: str, resource: Resource) -> list[Tag]:
        """The live tag list of the resource in ``region`` (an identity's is made on first
        use)."""
        if resource.type == IDENTITY:
            identity = existing_identity(self.registry, region, resource)
            return self.identities.setdefault((region, identity.name), [])
        if resource.type == TEMPLATE:
            return existing_template(self.templates, region, resource).tags
        return existing_configuration_set(self.configuration_sets, region, resource).tags

    def tag(self, region: str, resource: Resource, tags: Sequence[Mapping[str, str]]) -> None:
        """TagResource: add tags, or give existing keys new values, each key once; at most
        50 in all."""
        if not tags:
            raise InvalidParameter(
                "1 validation error detected: Value at 'tags' failed to satisfy constraint: "
                "Member must have length greater than or equal to 1"
            )
        added = check_tags(tags)
        _unique_keys(added)
        _in_region(resource, region, "Failed to tag resource")
        current = self._tags_of(region, resource)
        current[:] = check_count(_merged(current, added))

    def untag(self, region: str, resource: Resource, keys: list[str]) -> None:
        """UntagResource: remove the tags with these keys (keys it does not have: nothing)."""
        if not keys:
            raise InvalidParameter(
                "1 validation error detected: Value at 'tagKeys' failed to satisfy "
                "constraint: Member must have length greater than or equal to 1"
            )
        _in_region(resource, region, "Failed to untag resource")
        current = self._tags_of(region, resource)
        gone = set(keys)
        current[:] = [tag for tag in current if tag["Key"] not in gone]

    def list_tags(self, region: str, resource: Resource) -> list[Tag]:
        """ListTagsForResource: the resource of that name in the caller's region."""
        return [dict(tag) for tag in self._tags_of(region, resource)]
