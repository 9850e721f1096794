"""The pure identity settings (pytest_ses_verify.model.settings, tags, configuration_sets):
notifications, policies, tags, configuration sets, and what deleting an identity takes
with it. Each test names its evidence in the README's behaviour table, or "chosen"."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone

import pytest

from pytest_ses_verify.model.account import Account
from pytest_ses_verify.model.configuration_sets import (
    ConfigurationSetExists,
    ConfigurationSetLimitReached,
    ConfigurationSetMissing,
    DefaultConfigurationSetMissing,
    InvalidConfigurationSetName,
    SendingPaused,
)
from pytest_ses_verify.model.errors import InvalidParameter, ModelError
from pytest_ses_verify.model.identities import Identity, Kind, Registry
from pytest_ses_verify.model.settings import (
    Feedback,
    ForwardingNeedsTopics,
    InvalidPolicy,
    NotVerifiedIdentity,
    PolicyExists,
    PolicyLimitReached,
    PolicyNameTooLong,
    PolicyNotFound,
    UnknownIdentity,
    check_policy_names,
    policy_document,
)
from pytest_ses_verify.model.tags import Resource, ResourceNotFound, new_tags, parse_arn

from .helpers import accept_message

T0 = datetime(2030, 1, 1, tzinfo=timezone.utc)
R = "us-east-1"
ACCOUNT_ID = "123456789012"
TOPIC = "arn:aws:sns:us-east-1:123456789012:bounces"
POLICY = '{"Version": "2012-10-17", "Statement": []}'
CONTENT = ("Hi", "Hello", None, None)


def account_with(*identities: tuple[str, Kind]) -> Account:
    account = Account(Registry())
    for name, kind in identities:
        account.registry.preset(R, name, kind, "Success", T0)
    return account


def identity(account: Account, name: str, kind: Kind) -> Identity:
    found = account.registry.get(R, name, kind)
    assert found is not None
    return found


def message(err: pytest.ExceptionInfo[ModelError]) -> str:
    return err.value.message


# -- notifications ---------------------------------------------------------------------


def test_defaults_are_forwarding_on_no_topics_no_headers() -> None:
    """doc: AWS SDK example getidentitynotificationattributes; aws-cli example."""
    account = account_with(("a@example.com", "EmailAddress"))
    assert (
        account.settings.feedback_of(R, identity(account, "a@example.com", "EmailAddress"))
        == Feedback()
    )
    assert Feedback() == Feedback(topics={}, forwarding=True, headers=set())


def test_a_topic_is_set_per_type_and_unset_by_none_or_empty() -> None:
    """doc: SetIdentityNotificationTopic ("omitted ... or null: SnsTopic is cleared");
    an empty topic clears too (chosen)."""
    account = account_with(("example.com", "Domain"))
    account.settings.set_notification_topic(R, "EXAMPLE.com", "Domain", "Bounce", TOPIC)
    account.settings.set_notification_topic(R, "example.com", "Domain", "Delivery", TOPIC + "2")
    feedback = account.settings.feedback_of(R, identity(account, "example.com", "Domain"))
    assert feedback.topics == {"Bounce": TOPIC, "Delivery": TOPIC + "2"}
    account.settings.set_notification_topic(R, "example.com", "Domain", "Bounce", None)
    account.settings.set_notification_topic(R, "example.com", "Domain", "Delivery", "")
    assert feedback.topics == {}


def test_an_unknown_notification_type_is_refused_first() -> None:
    """real: LocalStack snapshot (test_set_identity_headers_in_notifications_enabled_failure_
    invalid_type); the same check for topics is inferred."""
    account = account_with(("a@example.com", "EmailAddress"))
    with pytest.raises(InvalidParameter) as topic:
        account.settings.set_notification_topic(R, "a@example.com", "EmailAddress", "bounce", None)
    assert message(topic) == (
        "Invalid notification type: bounce. Valid values are: Bounce, Complaint, Delivery."
    )
    with pytest.raises(InvalidParameter) as headers:
        account.settings.set_headers_in_notifications(
            R, "nobody@example.com", "EmailAddress", "Open", True
        )
    assert message(headers) == (
        "Invalid notification type: Open. Valid values are: Bounce, Complaint, Delivery."
    )


def test_settings_of_an_unknown_identity_are_refused_with_the_services_texts() -> None:
    """real: boto/boto3#2645 (topic), LocalStack snapshot (headers); emulator: floci#716
    (forwarding)."""
    account = account_with()
    with pytest.raises(UnknownIdentity) as unknown:
        account.settings.set_notification_topic(R, "a@example.com", "EmailAddress", "Bounce", TOPIC)
    assert message(unknown) == (
        "Identity a@example.com is invalid. Must be a verified email address or domain."
    )
    with pytest.raises(UnknownIdentity):
        account.settings.set_feedback_forwarding(
            R, "a@example.com", "EmailAddress", True, needs_topics=True
        )
    with pytest.raises(NotVerifiedIdentity) as headers:
        account.settings.set_headers_in_notifications(
            R, "a@example.com", "EmailAddress", "Bounce", True
        )
    assert message(headers) == "Identity a@example.com is not verified or does not exist."


def test_a_pending_identity_takes_settings() -> None:
    """chosen (Terraform's notification topic tests use unverified domains)."""
    account = Account(Registry())
    account.registry.request_domain(R, "example.com", T0)
    account.settings.set_notification_topic(R, "example.com", "Domain", "Complaint", TOPIC)
    assert account.settings.feedback_of(R, identity(account, "example.com", "Domain")).topics


def test_headers_are_switched_per_type() -> None:
    """doc: SetIdentityHeadersInNotificationsEnabled; idempotent (real, LocalStack)."""
    account = account_with(("a@example.com", "EmailAddress"))
    for _ in range(2):
        account.settings.set_headers_in_notifications(
            R, "a@example.com", "EmailAddress", "Bounce", True
        )
    account.settings.set_headers_in_notifications(
        R, "a@example.com", "EmailAddress", "Delivery", True
    )
    account.settings.set_headers_in_notifications(
        R, "a@example.com", "EmailAddress", "Delivery", False
    )
    assert account.settings.feedback_of(
        R, identity(account, "a@example.com", "EmailAddress")
    ).headers == {"Bounce"}


def test_v1_turns_forwarding_off_only_with_bounce_and_complaint_topics() -> None:
    """doc: SetIdentityFeedbackForwardingEnabled ("only ... when Amazon SNS topics are set
    for both Bounce and Complaint"); the message is chosen."""
    account = account_with(("a@example.com", "EmailAddress"))
    name: tuple[str, Kind] = ("a@example.com", "EmailAddress")
    account.settings.set_notification_topic(R, *name, "Bounce", TOPIC)
    account.settings.set_notification_topic(R, *name, "Delivery", TOPIC)
    with pytest.raises(ForwardingNeedsTopics) as err:
        account.settings.set_feedback_forwarding(R, *name, False, needs_topics=True)
    assert "Bounce and Complaint" in message(err)
    account.settings.set_notification_topic(R, *name, "Complaint", TOPIC)
    account.settings.set_feedback_forwarding(R, *name, False, needs_topics=True)
    assert not account.settings.feedback_of(R, identity(account, *name)).forwarding


def test_v2_turns_forwarding_off_without_topics() -> None:
    """TF-ACC: TestAccSESV2EmailIdentityFeedbackAttributes_emailForwardingEnabled."""
    account = account_with(("a@example.com", "EmailAddress"))
    account.settings.set_feedback_forwarding(
        R, "a@example.com", "EmailAddress", False, needs_topics=False
    )
    feedback = account.settings.feedback_of(R, identity(account, "a@example.com", "EmailAddress"))
    assert feedback.forwarding is False
    account.settings.set_feedback_forwarding(
        R, "a@example.com", "EmailAddress", True, needs_topics=False
    )
    assert feedback.forwarding is True


# -- policies ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["p", "My-policy_1", "x" * 64])
def test_policy_names_of_letters_digits_dashes_underscores_up_to_64(name: str) -> None:
    """doc: "Sending authorization policy anatomy" (64 characters, alphanumerics, '-', '_')."""
    account = account_with()
    account.settings.put_policy(R, "a@example.com", "EmailAddress", name, POLICY)
    assert list(account.settings.policies_of(R, "a@example.com", "EmailAddress")) == [name]


def test_a_policy_name_over_64_is_a_validation_error_before_its_characters() -> None:
    """emulator: floci#1750."""
    with pytest.raises(PolicyNameTooLong) as err:
        account_with().settings.put_policy(R, "a@example.com", "EmailAddress", "é" * 65, POLICY)
    assert message(err) == (
        "1 validation error detected: Value at 'policyName' failed to satisfy constraint: "
        "Member must have length less than or equal to 64"
    )


@pytest.mark.parametrize("name", ["a b", "a.b", "é", "a/b"])
def test_a_policy_name_with_other_characters_is_invalid(name: str) -> None:
    """emulator: floci#1750."""
    with pytest.raises(InvalidParameter) as err:
        account_with().settings.put_policy(R, "a@example.com", "EmailAddress", name, POLICY)
    assert message(err) == (
        "PolicyName is invalid. Policy names must only include alpha-numeric characters, "
        "dashes, and underscores."
    )


@pytest.mark.parametrize("text", ["{", "not json", "[]", '"text"', "1"])
def test_a_policy_must_be_a_json_object(text: str) -> None:
    """doc: the policy is a JSON document; the message is chosen."""
    with pytest.raises(InvalidPolicy, match=r"^Policy is not valid JSON\.$"):
        policy_document(text)


def test_a_policy_may_be_4_kb() -> None:
    """doc: "Policies can't exceed 4 kilobytes (KB)"; counted in UTF-8 bytes as sent
    (chosen); the message is chosen."""
    padding = 4096 - len('{"a":""}')
    assert policy_document('{"a":"' + "x" * padding + '"}')
    with pytest.raises(InvalidPolicy, match="larger than 4096 bytes"):
        policy_document('{"a":"' + "x" * (padding + 1) + '"}')
    with pytest.raises(InvalidPolicy):
        policy_document('{"a":"' + "é" * (padding // 2 + 1) + '"}')


def test_a_policy_is_kept_without_insignificant_white_space() -> None:
    """emulator: floci#1750 ("AWS returns the policy with insignificant whitespace
    stripped"); key order and non-ASCII text kept."""
    text = '{\n  "Version": "2012-10-17",\n  "Statement": [ {"Sid": "é x"} ]\n}'
    assert policy_document(text) == '{"Version":"2012-10-17","Statement":[{"Sid":"é x"}]}'
    assert json.loads(policy_document(text)) == json.loads(text)


def test_v1_put_replaces_and_needs_no_identity() -> None:
    """emulator: floci#1750 (upsert; the identity need not exist)."""
    account = account_with()
    account.settings.put_policy(R, "Example.COM", "Domain", "p", POLICY)
    account.settings.put_policy(R, "example.com", "Domain", "p", '{"Version": "x"}')
    assert account.settings.policies_of(R, "EXAMPLE.com", "Domain") == {"p": '{"Version":"x"}'}


def test_at_most_20_policies_per_identity() -> None:
    """doc: "up to 20 policies with each unique identity"; message: emulator floci#1750."""
    account = account_with(("a@example.com", "EmailAddress"))
    for n in range(20):
        account.settings.put_policy(R, "a@example.com", "EmailAddress", f"p{n}", POLICY)
    account.settings.put_policy(R, "a@example.com", "EmailAddress", "p0", POLICY)  # a replacement
    with pytest.raises(PolicyLimitReached) as err:
        account.settings.put_policy(R, "a@example.com", "EmailAddress", "p20", POLICY)
    assert message(err) == (
        "Number of policies for <a@example.com> exceeds max allowed number of policies per resource"
    )
    with pytest.raises(PolicyLimitReached):
        account.settings.create_policy(
            R, identity(account, "a@example.com", "EmailAddress"), "x", POLICY
        )


def test_v2_create_refuses_a_name_in_use_and_update_a_missing_one() -> None:
    """emulator: floci#1750 (`Policy <p> already exists`, `Policy <p> does not exist`)."""
    account = account_with(("example.com", "Domain"))
    domain = identity(account, "example.com", "Domain")
    account.settings.create_policy(R, domain, "p", POLICY)
    with pytest.raises(PolicyExists) as exists:
        account.settings.create_policy(R, domain, "p", POLICY)
    assert message(exists) == "Policy <p> already exists"
    account.settings.update_policy(R, domain, "p", "{}")
    assert account.settings.policies_of(R, "example.com", "Domain") == {"p": "{}"}
    with pytest.raises(PolicyNotFound) as missing:
        account.settings.update_policy(R, domain, "q", POLICY)
    assert message(missing) == "Policy <q> does not exist"


def test_deleting_a_missing_policy_is_quiet_in_v1_an_error_in_v2() -> None:
    """emulator: floci#1750; doc (v1: "returns successfully even if a policy with the
    specified name does not exist")."""
    account = account_with(("a@example.com", "EmailAddress"))
    account.settings.put_policy(R, "a@example.com", "EmailAddress", "p", POLICY)
    account.settings.delete_policy(R, "a@example.com", "EmailAddress", "nope", must_exist=False)
    with pytest.raises(PolicyNotFound, match=r"^Policy <nope> does not exist$"):
        account.settings.delete_policy(R, "a@example.com", "EmailAddress", "nope", must_exist=True)
    account.settings.delete_policy(R, "a@example.com", "EmailAddress", "p", must_exist=True)
    assert account.settings.policies_of(R, "a@example.com", "EmailAddress") == {}
    assert account.settings.policies == {}


def test_v1_reads_at_most_20_policies_at_a_time() -> None:
    """doc: GetIdentityPolicies ("a maximum of 20 policies at a time"); message chosen."""
    check_policy_names(["p"] * 20)
    with pytest.raises(InvalidParameter, match="Too many policy names: 21"):
        check_policy_names(["p"] * 21)


# -- tags ------------------------------------------------------------------------------


def test_an_identity_arn_names_the_identity_and_its_region() -> None:
    """doc: the SES ARN format `arn:aws:ses:<region>:<account>:identity/<name>`."""
    assert parse_arn(f"arn:aws:ses:eu-west-1:{ACCOUNT_ID}:identity/a@example.com", ACCOUNT_ID) == (
        Resource("identity", "a@example.com", "eu-west-1")
    )
    assert parse_arn(
        f"arn:aws:ses:us-east-1:{ACCOUNT_ID}:configuration-set/my_set", ACCOUNT_ID
    ) == (Resource("configuration-set", "my_set", "us-east-1"))


@pytest.mark.parametrize(
    ("arn", "text"),
    [
        ("invalid-arn", "ResourceArn is not the expected format"),
        (
            "arn::ses:us-east-1:123456789012:identity/x.com",
            "ResourceArn is not the expected format",
        ),
        ("arn:aws:ses:us-east-1:123456789012:identity", "ResourceArn is not the expected format"),
        (
            "arn:aws:ses:us-east-1::configuration-set/missing",
            "ResourceArn is not the expected format",
        ),
        (
            "arn:aws:ses:us-east-1:123456789012:configuration-set/a:b",
            "ResourceArn is not the expected format",
        ),
        (
            "arn:aws:ses:us-east-1:123456789012:configuration-set/a b",
            "ResourceArn is not the expected format",
        ),
        (
            "arn:aws:ses:us-east-1:123456789012:identity/x.com/extra",
            "Provided resource identifier is not an SES resource",
        ),
        (
            "arn:aws:ses:us-east-1:123456789012:identity/x.com:extra",
            "Provided resource identifier is not an SES resource",
        ),
        (
            "arn:aws:ses:us-east-1:123456789012:identity/a..b",
            "Provided resource identifier is not an SES resource",
        ),
        (
            "arn:aws:ses:us-east-1:12345:identity/x.com",
            "Provided resource identifier is not an SES resource",
        ),
        (
            "arn:aws:ses:us-east-1::identity/x.com",
            "Provided resource identifier is not an SES resource",
        ),
        ("arn:aws:ses:us-east-1:123456789012:template/welcome", None),
        ("arn:aws-cn:sesv2:us-east-1:123456789012:identity/user/name@example.com", None),
        (
            "arn:aws:ses:us-east-1:111111111111:identity/x.com",
            "Operations on a resource created in a different account is not allowed",
        ),
        (
            "arn:aws:ses:us-east-1:111111111111:configuration-set/bad name",
            "Operations on a resource created in a different account is not allowed",
        ),
    ],
)
def test_what_an_arn_must_be(arn: str, text: str | None) -> None:
    """emulator: a MiniStack test "observed on real AWS" (the partition and service are
    not checked; the account of an identity ARN is checked with its name)."""
    if text is None:
        assert parse_arn(arn, ACCOUNT_ID).region == "us-east-1"
        return
    with pytest.raises(InvalidParameter) as err:
        parse_arn(arn, ACCOUNT_ID)
    assert message(err) == text


def test_tags_are_merged_by_key_and_removed_by_key() -> None:
    """doc: TagResource, UntagResource (keys it does not have: nothing, chosen)."""
    account = account_with(("a@example.com", "EmailAddress"))
    resource = Resource("identity", "a@example.com", R)
    account.tags.tag(R, resource, [{"Key": "team", "Value": "mail"}])
    account.tags.tag(R, resource, [{"Key": "team", "Value": "ops"}, {"Key": "env", "Value": ""}])
    assert account.tags.list_tags(R, resource) == [
        {"Key": "team", "Value": "ops"},
        {"Key": "env", "Value": ""},
    ]
    account.tags.untag(R, resource, ["team", "nope"])
    assert account.tags.list_tags(R, resource) == [{"Key": "env", "Value": ""}]


def test_tag_resource_names_each_key_once_creation_keeps_the_last() -> None:
    """emulator (claims probe): floci's SesTags ("Cannot provide multiple tags with the same
    key", BadRequestException), checked after the keys' and values' own rules; keys are
    compared as given (chosen). Creation-time tags keep the last value of a key given
    twice (chosen: no source for them)."""
    account = account_with(("a@example.com", "EmailAddress"))
    resource = Resource("identity", "a@example.com", R)
    twice: list[Mapping[str, str]] = [
        {"Key": "team", "Value": "a"},
        {"Key": "team", "Value": "b"},
    ]
    with pytest.raises(InvalidParameter) as err:
        account.tags.tag(R, resource, twice)
    assert message(err) == "Cannot provide multiple tags with the same key"
    with pytest.raises(InvalidParameter, match="aws: are reserved"):
        account.tags.tag(R, resource, [*twice, {"Key": "aws:x", "Value": "v"}])
    assert account.tags.list_tags(R, resource) == []
    account.tags.tag(R, resource, [{"Key": "team", "Value": "a"}, {"Key": "Team", "Value": "b"}])
    assert len(account.tags.list_tags(R, resource)) == 2
    assert new_tags(twice) == [{"Key": "team", "Value": "b"}]


def test_at_most_50_tags_and_a_refused_request_changes_nothing() -> None:
    """doc: the v2 Tag ("as many as 50 tags"); message chosen."""
    account = account_with(("a@example.com", "EmailAddress"))
    resource = Resource("identity", "a@example.com", R)
    account.tags.tag(R, resource, [{"Key": f"k{n}", "Value": "v"} for n in range(50)])
    with pytest.raises(InvalidParameter, match="at most 50 tags"):
        account.tags.tag(R, resource, [{"Key": "k50", "Value": "v"}])
    assert len(account.tags.list_tags(R, resource)) == 50
    account.tags.tag(R, resource, [{"Key": "k0", "Value": "new"}])
    with pytest.raises(InvalidParameter, match="at most 50 tags"):
        new_tags([{"Key": f"k{n}", "Value": "v"} for n in range(51)])


@pytest.mark.parametrize(
    ("key", "value", "text"),
    [
        ("", "v", "Tag keys must be 1 to 128 characters long."),
        ("k" * 129, "v", "Tag keys must be 1 to 128 characters long."),
        ("k", "v" * 257, "Tag values can be at most 256 characters long."),
        ("k!", "v", "Tag keys and values can contain only Unicode letters"),
        ("k", "a@b", "Tag keys and values can contain only Unicode letters"),
        ("aws:name", "v", "Tag keys that start with aws: are reserved."),
    ],
)
def test_tag_keys_and_values_follow_the_documented_rules(key: str, value: str, text: str) -> None:
    """doc: the v2 Tag (key 1-128, value 0-256, letters, digits, white space,
    `_ . : / = + -`, `aws:` reserved); messages chosen."""
    with pytest.raises(InvalidParameter) as err:
        new_tags([{"Key": key, "Value": value}])
    assert message(err).startswith(text)
    assert new_tags([{"Key": "k" * 128, "Value": "Größe 1/2 = a+b: x_y-z." + "v" * 233}])


def test_empty_tag_and_key_lists_are_refused() -> None:
    """emulator: floci#760 (`tags`); `tagKeys` inferred."""
    account = account_with(("a@example.com", "EmailAddress"))
    resource = Resource("identity", "a@example.com", R)
    with pytest.raises(InvalidParameter, match="Value at 'tags' failed"):
        account.tags.tag(R, resource, [])
    with pytest.raises(InvalidParameter, match="Value at 'tagKeys' failed"):
        account.tags.untag(R, resource, [])


def test_missing_resources_are_not_found() -> None:
    """emulator: floci#760 and MiniStack (`No EmailIdentity present with name: ...`)."""
    account = account_with()
    with pytest.raises(ResourceNotFound) as identity_err:
        account.tags.list_tags(R, Resource("identity", "a@example.com", R))
    assert message(identity_err) == "No EmailIdentity present with name: a@example.com"
    with pytest.raises(ResourceNotFound) as set_err:
        account.tags.list_tags(R, Resource("configuration-set", "s", R))
    assert message(set_err) == "No ConfigurationSet present with name: s"


def test_tags_change_only_in_the_arns_region_and_are_read_in_the_callers() -> None:
    """emulator: floci#760 (`Failed to tag resource`; reads use the caller's region)."""
    account = account_with(("a@example.com", "EmailAddress"))
    elsewhere = Resource("identity", "a@example.com", "eu-west-1")
    with pytest.raises(InvalidParameter, match=r"^Failed to tag resource$"):
        account.tags.tag(R, elsewhere, [{"Key": "k", "Value": "v"}])
    with pytest.raises(InvalidParameter, match=r"^Failed to untag resource$"):
        account.tags.untag(R, elsewhere, ["k"])
    assert account.tags.list_tags(R, elsewhere) == []


def test_a_configuration_sets_tags_live_on_it() -> None:
    """doc: v2 CreateConfigurationSet Tags, TagResource on configuration-set ARNs."""
    account = account_with()
    account.configuration_sets.create(R, "s", T0, new_tags([{"Key": "a", "Value": "1"}]))
    resource = Resource("configuration-set", "s", R)
    account.tags.tag(R, resource, [{"Key": "b", "Value": "2"}])
    assert account.configuration_sets.get(R, "s").tags == [
        {"Key": "a", "Value": "1"},
        {"Key": "b", "Value": "2"},
    ]


# -- configuration sets ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["s", "My_set-1", "n" * 64])
def test_configuration_set_names(name: str) -> None:
    """doc: ConfigurationSet.Name (letters, digits, '_', '-', at most 64)."""
    account = account_with()
    created = account.configuration_sets.create(R, name, T0, [])
    assert account.configuration_sets.get(R, name) is created
    assert created.created_at == T0


def test_a_long_name_is_refused_before_its_characters() -> None:
    """emulator: MiniStack (`Configuration set name cannot exceed 64 characters.`)."""
    with pytest.raises(InvalidConfigurationSetName) as err:
        account_with().configuration_sets.create(R, "é" * 65, T0, [])
    assert message(err) == "Configuration set name cannot exceed 64 characters."


@pytest.mark.parametrize("name", ["bad name", "Não", "a.b", ""])
def test_a_name_with_other_characters_is_invalid(name: str) -> None:
    """real: an SES SendEmail error quoted in a developer's comment (without the space
    before '<', taken for a typo); emulator: MiniStack (with it)."""
    with pytest.raises(InvalidConfigurationSetName) as err:
        account_with().configuration_sets.get(R, name)
    assert message(err) == (
        f"Invalid configuration set name <{name}>: only alphanumeric ASCII characters, '_', "
        "and '-' are allowed."
    )


def test_names_are_unique_per_region_and_case_sensitive() -> None:
    """real: aws-cloudformation-resource-providers-ses#34, terraform-provider-aws#9186
    (`Configuration set <name> already exists.`); case sensitivity chosen."""
    account = account_with()
    account.configuration_sets.create(R, "s", T0, [])
    account.configuration_sets.create("eu-west-1", "s", T0, [])
    account.configuration_sets.create(R, "S", T0, [])
    with pytest.raises(ConfigurationSetExists) as err:
        account.configuration_sets.create(R, "s", T0, [])
    assert message(err) == "Configuration set <s> already exists."


def test_a_missing_set_does_not_exist() -> None:
    """real: LocalStack snapshot (test_deleting_non_existent_configuration_set)."""
    account = account_with()
    with pytest.raises(ConfigurationSetMissing) as err:
        account.configuration_sets.delete(R, "nope")
    assert message(err) == "Configuration set <nope> does not exist."
    account.configuration_sets.create(R, "s", T0, [])
    account.configuration_sets.delete(R, "s")
    with pytest.raises(ConfigurationSetMissing):
        account.configuration_sets.get(R, "s")


def test_at_most_10000_sets_per_region() -> None:
    """doc: "Service quotas in Amazon SES" (10,000 configuration sets); message chosen."""
    account = account_with()
    for n in range(10_000):
        account.configuration_sets.create(R, f"s{n}", T0, [])
    with pytest.raises(ConfigurationSetLimitReached, match=r"\(10000\)"):
        account.configuration_sets.create(R, "one-more", T0, [])
    account.configuration_sets.create("eu-west-1", "one-more", T0, [])


def test_sets_page_in_creation_order_with_their_own_tokens() -> None:
    """chosen (creation order; a ListIdentities token does not page sets)."""
    account = account_with()
    for name in ("c", "a", "b", "d"):
        account.configuration_sets.create(R, name, T0, [])
    account.configuration_sets.delete(R, "b")
    first, cursor = account.configuration_sets.page(R, None, 2)
    assert [s.name for s in first] == ["c", "a"]
    assert cursor is not None
    second, last = account.configuration_sets.page(R, cursor, 2)
    assert [s.name for s in second] == ["d"]
    assert last is None
    with pytest.raises(InvalidParameter, match="Invalid NextToken"):
        account.configuration_sets.page("eu-west-1", cursor, 2)


def test_a_default_set_must_exist_and_stays_named_after_the_set_is_deleted() -> None:
    """emulator: floci#1698 (a missing set is refused; deleting a default set leaves the
    identity naming it, and its sends fail: the Developer Guide's "bad request")."""
    account = account_with(("a@example.com", "EmailAddress"))
    sender = identity(account, "a@example.com", "EmailAddress")
    with pytest.raises(ConfigurationSetMissing):
        account.configuration_sets.set_default(R, sender, "s")
    account.configuration_sets.create(R, "s", T0, [])
    account.configuration_sets.set_default(R, sender, "s")
    account.configuration_sets.delete(R, "s")
    assert account.configuration_sets.default_of(R, sender) == "s"
    with pytest.raises(DefaultConfigurationSetMissing, match=r"^Configuration set <s> does not"):
        accept_message(account, R, "a@example.com", ["b@example.net"], T0, CONTENT)
    account.configuration_sets.set_default(R, sender, None)
    assert account.configuration_sets.default_of(R, sender) is None


def test_a_send_records_the_set_it_names_or_its_senders_default() -> None:
    """doc: ConfigurationSetName on sends; the sending identity's default applies when a
    send names none (the exact address first, else its domain: chosen)."""
    account = account_with(("example.com", "Domain"), ("ops@example.com", "EmailAddress"))
    for name in ("named", "domain-default", "address-default"):
        account.configuration_sets.create(R, name, T0, [])
    account.configuration_sets.set_default(
        R, identity(account, "example.com", "Domain"), "domain-default"
    )
    send = accept_message(account, R, "app@example.com", ["b@example.net"], T0, CONTENT)
    assert send.configuration_set == "domain-default"
    account.configuration_sets.set_default(
        R, identity(account, "ops@example.com", "EmailAddress"), "address-default"
    )
    send = accept_message(account, R, "Ops <ops@example.com>", ["b@example.net"], T0, CONTENT)
    assert send.configuration_set == "address-default"
    send = accept_message(
        account, R, "ops@example.com", ["b@example.net"], T0, CONTENT, configuration_set="named"
    )
    assert send.configuration_set == "named"


def test_a_send_naming_a_missing_set_fails_after_the_syntax_checks_before_the_gate() -> None:
    """real: Notifuse/notifuse#162 (v1 text); order: emulator (floci: syntax first), gate
    after (chosen)."""
    account = account_with()
    with pytest.raises(InvalidParameter, match="Missing final '@domain'"):
        accept_message(account, R, "nobody", ["b@example.net"], T0, CONTENT, configuration_set="x")
    with pytest.raises(ConfigurationSetMissing, match=r"^Configuration set <x> does not exist\.$"):
        accept_message(
            account,
            R,
            "unverified@example.com",
            ["b@example.net"],
            T0,
            CONTENT,
            configuration_set="x",
        )
    assert account.sending.outbox == []


def test_a_send_through_a_set_with_sending_disabled_is_paused() -> None:
    """doc: ConfigurationSetSendingPausedException / SendingPausedException; message chosen."""
    account = account_with(("example.com", "Domain"))
    account.configuration_sets.create(R, "s", T0, []).sending_enabled = False
    with pytest.raises(SendingPaused, match="Sending is paused for this configuration set"):
        accept_message(
            account, R, "a@example.com", ["b@example.net"], T0, CONTENT, configuration_set="s"
        )
    assert accept_message(account, R, "a@example.com", ["b@example.net"], T0, CONTENT)


# -- deleting an identity ----------------------------------------------------------------


def test_deleting_an_identity_takes_its_settings_and_a_new_one_starts_afresh() -> None:
    """chosen (emulator: floci#1750 purges policies with the identity)."""
    account = account_with(("example.com", "Domain"), ("a@example.com", "EmailAddress"))
    domain = identity(account, "example.com", "Domain")
    account.configuration_sets.create(R, "s", T0, [])
    account.settings.set_notification_topic(R, "example.com", "Domain", "Bounce", TOPIC)
    account.settings.put_policy(R, "example.com", "Domain", "p", POLICY)
    account.tags.tag(R, Resource("identity", "example.com", R), [{"Key": "k", "Value": ""}])
    account.configuration_sets.set_default(R, domain, "s")
    account.settings.put_policy(R, "a@example.com", "EmailAddress", "p", POLICY)
    account.identities.delete(R, "EXAMPLE.com", "Domain")
    assert account.registry.get(R, "example.com", "Domain") is None
    assert (R, "example.com") not in {
        *account.tags.identities,
        *account.settings.feedback,
        *account.configuration_sets.defaults,
    }
    assert account.settings.policies_of(R, "example.com", "Domain") == {}
    assert list(account.settings.policies_of(R, "a@example.com", "EmailAddress")) == ["p"]
    account.registry.preset(R, "example.com", "Domain", "Success", T0 + timedelta(hours=1))
    assert account.settings.feedback_of(R, identity(account, "example.com", "Domain")) == Feedback()
    account.identities.delete(R, "never@example.com", "EmailAddress")  # nothing to delete
