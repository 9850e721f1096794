"""Email templates, pure (pytest_ses_verify.model.templates): the stored template's size
limit, the template data a render or send takes, and a template's tags. Each test names
its evidence in the README's behaviour table, or "chosen"."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from pytest_ses_verify.model.account import Account
from pytest_ses_verify.model.errors import InvalidParameter
from pytest_ses_verify.model.identities import Registry
from pytest_ses_verify.model.tags import Resource, ResourceNotFound
from pytest_ses_verify.model.templates import (
    MAX_TEMPLATE_SIZE,
    EmailTemplates,
    InvalidRenderingData,
    TemplateTooLarge,
    inline_template,
    merged_data,
    template_data,
)

T0 = datetime(2030, 1, 1, tzinfo=timezone.utc)
R = "us-east-1"


def test_a_stored_template_is_at_most_500_kb_of_subject_text_and_html() -> None:
    """doc: "Each template can be up to 500 KB in size, including both the text and HTML
    parts" (Developer Guide); the subject counted, KB = 1,024 bytes, the text: chosen."""
    store = EmailTemplates("123456789012")
    assert MAX_TEMPLATE_SIZE == 500 * 1024
    third = MAX_TEMPLATE_SIZE // 3
    rest = MAX_TEMPLATE_SIZE - 2 * third
    store.create(R, "full", "s" * third, "t" * third, "h" * rest, T0)
    with pytest.raises(TemplateTooLarge) as refused:
        store.create(R, "over", "s" * third, "t" * third, "h" * (rest + 1), T0)
    assert refused.value.message == f"Template over exceeds 500 KB: {MAX_TEMPLATE_SIZE + 1} bytes."
    assert "over" not in store.of(R)
    # UTF-8 bytes, not characters: "é" is two.
    with pytest.raises(TemplateTooLarge):
        store.create(R, "accents", None, "é" * (MAX_TEMPLATE_SIZE // 2 + 1), None, T0)
    store.create(R, "accents", None, "é" * (MAX_TEMPLATE_SIZE // 2), None, T0)


def test_an_update_is_held_to_the_same_size_and_leaves_the_template_as_it_was() -> None:
    """doc: the 500 KB limit, for the template an update would store (chosen: Update is
    checked as Create is)."""
    store = EmailTemplates("123456789012")
    store.create(R, "welcome", "Hi", "Hello", None, T0)
    with pytest.raises(TemplateTooLarge):
        store.update(R, "welcome", "Hi", None, "h" * (MAX_TEMPLATE_SIZE - 1))
    assert store.get(R, "welcome")[1:4] == ("Hi", "Hello", None)
    store.update(R, "welcome", "H", None, "h" * (MAX_TEMPLATE_SIZE - 1))


def test_an_inline_template_is_not_held_to_the_stored_limit() -> None:
    """doc: an inline template is bounded by its request ("Each input JSON file can be up
    to 1 MB in size"), not by the stored template's 500 KB."""
    inline = inline_template("s", "t" * MAX_TEMPLATE_SIZE, None, T0)
    assert inline.text == "t" * MAX_TEMPLATE_SIZE


@pytest.mark.parametrize(
    "data",
    [
        '{"a": NaN}',
        '{"a": Infinity}',
        '{"a": -Infinity}',
        '{"a": [1, NaN]}',
        "[" * 100_000 + "]" * 100_000,
        '{"a": ' * 100_000 + "1" + "}" * 100_000,
        "not json",
        "",
        "[1]",
        '"text"',
        "null",
    ],
)
def test_template_data_is_a_strict_json_object(data: str) -> None:
    """real: "The template data is invalid" (aws/aws-sdk-php#1454, boto/boto3#1795);
    inferred: NaN and Infinity (which Python's json reads) are not JSON; nesting too deep
    to read is invalid data, not a RecursionError; non-objects: the same text, chosen."""
    with pytest.raises(InvalidRenderingData) as refused:
        template_data(data)
    assert refused.value.message == "The template data is invalid"
    with pytest.raises(InvalidParameter):  # a send's data: an invalid parameter
        merged_data("{}", data)


def test_strict_json_objects_are_template_data() -> None:
    """doc: TemplateData is a JSON object; none is empty."""
    assert template_data(None) == {}
    assert template_data('{"a": [1, 2.5, -3e2, true, null], "b": {"c": "NaN"}}') == {
        "a": [1, 2.5, -300.0, True, None],
        "b": {"c": "NaN"},
    }
    assert template_data('{"a": ' * 500 + "1" + "}" * 500)
    assert merged_data('{"a": 1, "b": 1}', '{"b": 2}') == '{"a": 1, "b": 2}'


def test_a_templates_tags_live_on_it_kept_by_updates_gone_with_it() -> None:
    """doc: CreateEmailTemplate and GetEmailTemplate Tags; emulator (claims probe):
    floci#759 (UpdateEmailTemplate keeps the tags, `No Template present with name: ...`)."""
    account = Account(Registry())
    account.templates.create(R, "welcome", "Hi", None, None, T0, [{"Key": "a", "Value": "1"}])
    resource = Resource("template", "welcome", R)
    account.tags.tag(R, resource, [{"Key": "b", "Value": "2"}])
    account.templates.update(R, "welcome", "Hello", "Text", None)
    kept = [{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}]
    assert account.templates.get(R, "welcome").tags == kept
    assert account.tags.list_tags(R, resource) == kept
    account.tags.untag(R, resource, ["a"])
    assert account.templates.get(R, "welcome").tags == [{"Key": "b", "Value": "2"}]
    account.templates.delete(R, "welcome", missing_ok=False)
    with pytest.raises(ResourceNotFound) as missing:
        account.tags.list_tags(R, resource)
    assert missing.value.message == "No Template present with name: welcome"
    account.templates.create(R, "welcome", "Hi", None, None, T0)
    assert account.tags.list_tags(R, resource) == []
    with pytest.raises(ResourceNotFound):
        account.tags.list_tags("eu-west-1", resource)
