"""Identity settings through real v1 and v2 clients: notifications and feedback forwarding,
sending authorization policies, tags, configuration sets, and what deleting an identity
takes with it. Every answer is checked against botocore's output shape; each test's
docstring names its evidence (the README's behaviour table), or "chosen"."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from botocore.validate import validate_parameters
from mypy_boto3_ses import SESClient

from pytest_ses_verify import SesVerification, UnsupportedOperationError, UsageError

from ..conftest import assert_valid_output

ACCOUNT = "123456789012"
TOPIC = f"arn:aws:sns:us-east-1:{ACCOUNT}:ses-feedback"
POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": "arn:aws:iam::210987654321:root"},
                "Action": ["ses:SendEmail", "ses:SendRawEmail"],
                "Resource": f"arn:aws:ses:us-east-1:{ACCOUNT}:identity/example.com",
            }
        ],
    }
)
COMPACT_POLICY = json.dumps(json.loads(POLICY), separators=(",", ":"))
MESSAGE = {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}


def v1(region: str = "us-east-1") -> SESClient:
    return boto3.client("ses", region_name=region)


def v2(region: str = "us-east-1") -> Any:
    return boto3.client("sesv2", region_name=region)


def error_of(exc: pytest.ExceptionInfo[ClientError]) -> tuple[str, str, int]:
    response = exc.value.response
    return (
        response["Error"]["Code"],
        response["Error"]["Message"],
        response["ResponseMetadata"]["HTTPStatusCode"],
    )


def identity_arn(name: str, region: str = "us-east-1") -> str:
    return f"arn:aws:ses:{region}:{ACCOUNT}:identity/{name}"


def assert_valid_notification_attributes(client: SESClient, response: Any) -> None:
    """botocore's model calls the three topics required; the service leaves out those not
    set (AWS CLI example), so they are filled in before the rest is validated."""
    filled = {
        name: {"BounceTopic": "", "ComplaintTopic": "", "DeliveryTopic": "", **entry}
        for name, entry in response["NotificationAttributes"].items()
    }
    assert_valid_output(
        client, "GetIdentityNotificationAttributes", {"NotificationAttributes": filled}
    )


def assert_valid_email_identity(client: Any, response: Any) -> None:
    """GetEmailIdentity, with the two MAIL FROM members the service leaves out filled in."""
    body = {k: v for k, v in response.items() if k != "ResponseMetadata"}
    body["MailFromAttributes"] = {
        "MailFromDomain": "",
        "MailFromDomainStatus": "PENDING",
        **body["MailFromAttributes"],
    }
    shape = client.meta.service_model.operation_model("GetEmailIdentity").output_shape
    validate_parameters(body, shape)


def notification_attributes(client: SESClient, *names: str) -> dict[str, Any]:
    response = client.get_identity_notification_attributes(Identities=list(names))
    assert_valid_notification_attributes(client, response)
    return dict(response["NotificationAttributes"])


def send_v1(client: SESClient, **more: Any) -> str:
    params: dict[str, Any] = {
        "Source": "app@example.com",
        "Destination": {"ToAddresses": ["customer@example.net"]},
        "Message": MESSAGE,
        **more,
    }
    response = client.send_email(**params)
    assert_valid_output(client, "SendEmail", response)
    return response["MessageId"]


def send_v2(client: Any, **more: Any) -> str:
    params: dict[str, Any] = {
        "FromEmailAddress": "app@example.com",
        "Destination": {"ToAddresses": ["customer@example.net"]},
        "Content": {"Simple": MESSAGE},
        **more,
    }
    response = client.send_email(**params)
    assert_valid_output(client, "SendEmail", response)
    return str(response["MessageId"])


# -- notifications ---------------------------------------------------------------------


@pytest.mark.ses_identity("example.com", "Success")
@pytest.mark.ses_identity("ops@example.com", "Pending")
def test_notification_defaults_and_unknown_identities_left_out() -> None:
    """doc: AWS CLI and SDK examples of GetIdentityNotificationAttributes (ForwardingEnabled
    true, headers false, topics absent; an unknown identity is left out)."""
    client = v1()
    attributes = notification_attributes(client, "example.com", "ops@example.com", "x.example")
    default = {
        "ForwardingEnabled": True,
        "HeadersInBounceNotificationsEnabled": False,
        "HeadersInComplaintNotificationsEnabled": False,
        "HeadersInDeliveryNotificationsEnabled": False,
    }
    assert attributes == {"example.com": default, "ops@example.com": default}


@pytest.mark.ses_identity("example.com", "Success")
def test_topics_are_set_per_type_and_cleared_by_omitting_the_topic() -> None:
    """doc: SetIdentityNotificationTopic ("If the parameter is omitted ... SnsTopic is
    cleared")."""
    client = v1()
    for notice in ("Bounce", "Complaint", "Delivery"):
        response = client.set_identity_notification_topic(
            Identity="example.com",
            NotificationType=notice,
            SnsTopic=f"{TOPIC}-{notice}",
        )
        assert_valid_output(client, "SetIdentityNotificationTopic", response)
    entry = notification_attributes(client, "EXAMPLE.com")["EXAMPLE.com"]
    assert entry["BounceTopic"] == f"{TOPIC}-Bounce"
    assert entry["ComplaintTopic"] == f"{TOPIC}-Complaint"
    assert entry["DeliveryTopic"] == f"{TOPIC}-Delivery"
    client.set_identity_notification_topic(Identity="example.com", NotificationType="Delivery")
    assert "DeliveryTopic" not in notification_attributes(client, "example.com")["example.com"]


@pytest.mark.ses_identity("ops@example.com", "Success")
def test_v1_turns_forwarding_off_only_with_bounce_and_complaint_topics() -> None:
    """doc: SetIdentityFeedbackForwardingEnabled; the message is chosen."""
    client = v1()
    with pytest.raises(client.exceptions.ClientError) as refused:
        client.set_identity_feedback_forwarding_enabled(
            Identity="ops@example.com", ForwardingEnabled=False
        )
    assert error_of(refused) == (
        "InvalidParameterValue",
        "Feedback forwarding can only be disabled when Amazon SNS topics are set for both "
        "Bounce and Complaint notifications of identity ops@example.com.",
        400,
    )
    for notice in ("Bounce", "Complaint"):
        client.set_identity_notification_topic(
            Identity="ops@example.com",
            NotificationType=notice,
            SnsTopic=TOPIC,
        )
    response = client.set_identity_feedback_forwarding_enabled(
        Identity="ops@example.com", ForwardingEnabled=False
    )
    assert_valid_output(client, "SetIdentityFeedbackForwardingEnabled", response)
    assert notification_attributes(client, "ops@example.com")["ops@example.com"] == {
        "BounceTopic": TOPIC,
        "ComplaintTopic": TOPIC,
        "ForwardingEnabled": False,
        "HeadersInBounceNotificationsEnabled": False,
        "HeadersInComplaintNotificationsEnabled": False,
        "HeadersInDeliveryNotificationsEnabled": False,
    }
    identity = v2().get_email_identity(EmailIdentity="ops@example.com")
    assert identity["FeedbackForwardingStatus"] is False


@pytest.mark.ses_identity("ops@example.com", "Pending")
def test_v2_turns_forwarding_off_without_topics() -> None:
    """TF-ACC: TestAccSESV2EmailIdentityFeedbackAttributes_emailForwardingEnabled (off on a
    fresh, unverified address with no topics)."""
    client = v2()
    response = client.put_email_identity_feedback_attributes(
        EmailIdentity="ops@example.com", EmailForwardingEnabled=False
    )
    assert_valid_output(client, "PutEmailIdentityFeedbackAttributes", response)
    identity = client.get_email_identity(EmailIdentity="ops@example.com")
    assert_valid_email_identity(client, identity)
    assert identity["FeedbackForwardingStatus"] is False
    assert (
        notification_attributes(v1(), "ops@example.com")["ops@example.com"]["ForwardingEnabled"]
        is False
    )
    client.put_email_identity_feedback_attributes(
        EmailIdentity="ops@example.com", EmailForwardingEnabled=True
    )
    assert client.get_email_identity(EmailIdentity="ops@example.com")["FeedbackForwardingStatus"]


@pytest.mark.ses_identity("example.com", "Success")
def test_headers_in_notifications_per_type() -> None:
    """doc: SetIdentityHeadersInNotificationsEnabled; idempotent (real: LocalStack snapshot)."""
    client = v1()
    for _ in range(2):
        response = client.set_identity_headers_in_notifications_enabled(
            Identity="example.com", NotificationType="Complaint", Enabled=True
        )
        assert_valid_output(client, "SetIdentityHeadersInNotificationsEnabled", response)
    entry = notification_attributes(client, "example.com")["example.com"]
    assert entry["HeadersInComplaintNotificationsEnabled"] is True
    assert entry["HeadersInBounceNotificationsEnabled"] is False


@pytest.mark.usefixtures("ses_verification")
def test_notification_settings_of_unknown_identities() -> None:
    """real: boto/boto3#2645 (topic), LocalStack snapshot (headers, `MessageRejected`);
    emulator: floci#716 (forwarding, v1 and v2)."""
    client = v1()
    with pytest.raises(client.exceptions.ClientError) as topic:
        client.set_identity_notification_topic(
            Identity="nobody@example.com", NotificationType="Bounce", SnsTopic=TOPIC
        )
    invalid = "Identity nobody@example.com is invalid. Must be a verified email address or domain."
    assert error_of(topic) == ("InvalidParameterValue", invalid, 400)
    with pytest.raises(client.exceptions.ClientError) as forwarding:
        client.set_identity_feedback_forwarding_enabled(
            Identity="nobody@example.com", ForwardingEnabled=True
        )
    assert error_of(forwarding) == ("InvalidParameterValue", invalid, 400)
    with pytest.raises(client.exceptions.MessageRejected) as headers:
        client.set_identity_headers_in_notifications_enabled(
            Identity="nobody@example.com", NotificationType="Bounce", Enabled=True
        )
    assert error_of(headers) == (
        "MessageRejected",
        "Identity nobody@example.com is not verified or does not exist.",
        400,
    )
    client2 = v2()
    with pytest.raises(client2.exceptions.BadRequestException) as feedback:
        client2.put_email_identity_feedback_attributes(
            EmailIdentity="nobody@example.com", EmailForwardingEnabled=True
        )
    assert error_of(feedback) == ("BadRequestException", invalid, 400)


@pytest.mark.ses_identity("example.com", "Success")
def test_an_unknown_notification_type() -> None:
    """real: LocalStack snapshot (test_set_identity_headers_in_notifications_enabled_failure_
    invalid_type); the same for SetIdentityNotificationTopic is inferred."""
    client = v1()
    text = "Invalid notification type: Open. Valid values are: Bounce, Complaint, Delivery."
    with pytest.raises(client.exceptions.ClientError) as headers:
        client.set_identity_headers_in_notifications_enabled(
            Identity="example.com",
            NotificationType="Open",  # type: ignore[arg-type]
            Enabled=True,
        )
    assert error_of(headers) == ("InvalidParameterValue", text, 400)
    with pytest.raises(client.exceptions.ClientError) as topic:
        client.set_identity_notification_topic(
            Identity="example.com",
            NotificationType="Open",  # type: ignore[arg-type]
        )
    assert error_of(topic) == ("InvalidParameterValue", text, 400)


# -- policies ------------------------------------------------------------------------------


@pytest.mark.ses_identity("example.com", "Success")
def test_v1_policies_put_get_list_delete() -> None:
    """doc: PutIdentityPolicy, GetIdentityPolicies, ListIdentityPolicies, DeleteIdentityPolicy;
    emulator: floci#1750 (upsert, names sorted, missing names left out, white space
    removed, delete idempotent)."""
    client = v1()
    for name in ("second", "first"):
        response = client.put_identity_policy(
            Identity="example.com", PolicyName=name, Policy=POLICY
        )
        assert_valid_output(client, "PutIdentityPolicy", response)
    listed = client.list_identity_policies(Identity="example.com")
    assert_valid_output(client, "ListIdentityPolicies", listed)
    assert listed["PolicyNames"] == ["first", "second"]
    read = client.get_identity_policies(Identity="example.com", PolicyNames=["first", "nope"])
    assert_valid_output(client, "GetIdentityPolicies", read)
    assert read["Policies"] == {"first": COMPACT_POLICY}
    for _ in range(2):
        response = client.delete_identity_policy(Identity="example.com", PolicyName="first")
        assert_valid_output(client, "DeleteIdentityPolicy", response)
    assert client.list_identity_policies(Identity="example.com")["PolicyNames"] == ["second"]
    identity = v2().get_email_identity(EmailIdentity="example.com")
    assert identity["Policies"] == {"second": COMPACT_POLICY}


@pytest.mark.usefixtures("ses_verification")
def test_v1_policies_need_no_identity() -> None:
    """emulator: floci#1750 (v1 Put, Get and List on an identity that does not exist)."""
    client = v1()
    assert client.list_identity_policies(Identity="later.example")["PolicyNames"] == []
    client.put_identity_policy(Identity="later.example", PolicyName="p", Policy="{}")
    assert client.get_identity_policies(Identity="later.example", PolicyNames=["p"])[
        "Policies"
    ] == {"p": "{}"}


@pytest.mark.ses_identity("ops@example.com", "Pending")
def test_v2_policies_create_get_update_delete() -> None:
    """doc: the v2 policy operations; emulator: floci#1750 (`Policy <p> already exists`,
    `Policy <p> does not exist`, both without a period)."""
    client = v2()
    response = client.create_email_identity_policy(
        EmailIdentity="ops@example.com", PolicyName="p", Policy=POLICY
    )
    assert_valid_output(client, "CreateEmailIdentityPolicy", response)
    with pytest.raises(client.exceptions.AlreadyExistsException) as exists:
        client.create_email_identity_policy(
            EmailIdentity="ops@example.com", PolicyName="p", Policy=POLICY
        )
    assert error_of(exists) == ("AlreadyExistsException", "Policy <p> already exists", 400)
    response = client.update_email_identity_policy(
        EmailIdentity="ops@example.com", PolicyName="p", Policy='{"Version": "2012-10-17"}'
    )
    assert_valid_output(client, "UpdateEmailIdentityPolicy", response)
    read = client.get_email_identity_policies(EmailIdentity="ops@example.com")
    assert_valid_output(client, "GetEmailIdentityPolicies", read)
    assert read["Policies"] == {"p": '{"Version":"2012-10-17"}'}
    assert v1().list_identity_policies(Identity="ops@example.com")["PolicyNames"] == ["p"]
    for call in (client.update_email_identity_policy, client.delete_email_identity_policy):
        more = {"Policy": POLICY} if call == client.update_email_identity_policy else {}
        with pytest.raises(client.exceptions.NotFoundException) as missing:
            call(EmailIdentity="ops@example.com", PolicyName="nope", **more)
        assert error_of(missing) == ("NotFoundException", "Policy <nope> does not exist", 404)
    response = client.delete_email_identity_policy(EmailIdentity="ops@example.com", PolicyName="p")
    assert_valid_output(client, "DeleteEmailIdentityPolicy", response)
    assert client.get_email_identity_policies(EmailIdentity="ops@example.com")["Policies"] == {}


@pytest.mark.usefixtures("ses_verification")
def test_v2_policies_of_an_unknown_identity() -> None:
    """emulator: floci#1750 (`Email identity <name> does not exist.`, 404)."""
    client = v2()
    with pytest.raises(client.exceptions.NotFoundException) as missing:
        client.get_email_identity_policies(EmailIdentity="nobody@example.com")
    assert error_of(missing) == (
        "NotFoundException",
        "Email identity <nobody@example.com> does not exist.",
        404,
    )


@pytest.mark.ses_identity("example.com", "Success")
def test_policy_name_rules() -> None:
    """doc: "Policy names can't exceed 64 characters ... alphanumeric characters, dashes,
    and underscores"; messages and codes: emulator floci#1750."""
    long_text = (
        "1 validation error detected: Value at 'policyName' failed to satisfy constraint: "
        "Member must have length less than or equal to 64"
    )
    bad_text = (
        "PolicyName is invalid. Policy names must only include alpha-numeric characters, "
        "dashes, and underscores."
    )
    client = v1()
    with pytest.raises(client.exceptions.ClientError) as long_v1:
        client.put_identity_policy(Identity="example.com", PolicyName="p" * 65, Policy=POLICY)
    assert error_of(long_v1) == ("ValidationError", long_text, 400)
    with pytest.raises(client.exceptions.ClientError) as bad_v1:
        client.put_identity_policy(Identity="example.com", PolicyName="my policy", Policy=POLICY)
    assert error_of(bad_v1) == ("InvalidParameterValue", bad_text, 400)
    client2 = v2()
    with pytest.raises(client2.exceptions.BadRequestException) as long_v2:
        client2.create_email_identity_policy(
            EmailIdentity="example.com", PolicyName="p" * 65, Policy=POLICY
        )
    assert error_of(long_v2) == ("BadRequestException", long_text, 400)
    with pytest.raises(client2.exceptions.BadRequestException) as bad_v2:
        client2.create_email_identity_policy(
            EmailIdentity="example.com", PolicyName="my.policy", Policy=POLICY
        )
    assert error_of(bad_v2) == ("BadRequestException", bad_text, 400)


@pytest.mark.ses_identity("example.com", "Success")
def test_a_policy_must_be_json_of_at_most_4_kb() -> None:
    """doc: the policy is JSON, at most 4 KB (v1 `InvalidPolicy`: botocore's model);
    messages chosen."""
    client = v1()
    with pytest.raises(client.exceptions.InvalidPolicyException) as not_json:
        client.put_identity_policy(Identity="example.com", PolicyName="p", Policy="{not json")
    assert error_of(not_json) == ("InvalidPolicy", "Policy is not valid JSON.", 400)
    too_big = json.dumps({"Sid": "x" * 4096})
    with pytest.raises(client.exceptions.InvalidPolicyException) as big:
        client.put_identity_policy(Identity="example.com", PolicyName="p", Policy=too_big)
    assert error_of(big) == ("InvalidPolicy", "Policy is larger than 4096 bytes.", 400)
    client2 = v2()
    with pytest.raises(client2.exceptions.BadRequestException):
        client2.create_email_identity_policy(
            EmailIdentity="example.com", PolicyName="p", Policy="[]"
        )


@pytest.mark.ses_identity("example.com", "Success")
def test_at_most_20_policies_per_identity() -> None:
    """doc: "up to 20 policies with each unique identity"; emulator: floci#1750 (v1
    `InvalidParameterValue`, v2 `LimitExceededException`, the message)."""
    client = v1()
    for n in range(20):
        client.put_identity_policy(Identity="example.com", PolicyName=f"p{n}", Policy=POLICY)
    text = (
        "Number of policies for <example.com> exceeds max allowed number of policies per resource"
    )
    with pytest.raises(client.exceptions.ClientError) as v1_limit:
        client.put_identity_policy(Identity="example.com", PolicyName="p20", Policy=POLICY)
    assert error_of(v1_limit) == ("InvalidParameterValue", text, 400)
    client2 = v2()
    with pytest.raises(client2.exceptions.LimitExceededException) as v2_limit:
        client2.create_email_identity_policy(
            EmailIdentity="example.com", PolicyName="p20", Policy=POLICY
        )
    assert error_of(v2_limit) == ("LimitExceededException", text, 400)


# -- tags --------------------------------------------------------------------------------


@pytest.mark.usefixtures("ses_verification")
def test_identity_tags_through_its_arn() -> None:
    """doc: TagResource, UntagResource, ListTagsForResource on
    `arn:aws:ses:<region>:<account>:identity/<name>`."""
    client = v2("eu-west-1")
    client.create_email_identity(EmailIdentity="example.com", Tags=[{"Key": "team", "Value": "a"}])
    arn = identity_arn("example.com", "eu-west-1")
    response = client.tag_resource(
        ResourceArn=arn, Tags=[{"Key": "team", "Value": "b"}, {"Key": "env", "Value": "test"}]
    )
    assert_valid_output(client, "TagResource", response)
    listed = client.list_tags_for_resource(ResourceArn=arn)
    assert_valid_output(client, "ListTagsForResource", listed)
    assert listed["Tags"] == [{"Key": "team", "Value": "b"}, {"Key": "env", "Value": "test"}]
    response = client.untag_resource(ResourceArn=arn, TagKeys=["team"])
    assert_valid_output(client, "UntagResource", response)
    identity = client.get_email_identity(EmailIdentity="example.com")
    assert_valid_email_identity(client, identity)
    assert identity["Tags"] == [{"Key": "env", "Value": "test"}]


@pytest.mark.usefixtures("ses_verification")
def test_tag_errors() -> None:
    """emulator: MiniStack (malformed ARN, identifier, account), floci#760 (unknown
    identity, another region); limits: doc (50 tags, key 128), messages chosen."""
    client = v2()
    client.create_email_identity(EmailIdentity="ops@example.com")
    cases = [
        ("invalid-arn", "BadRequestException", "ResourceArn is not the expected format", 400),
        (
            identity_arn("not an identity"),
            "BadRequestException",
            "Provided resource identifier is not an SES resource",
            400,
        ),
        (
            "arn:aws:ses:us-east-1:111111111111:identity/ops@example.com",
            "BadRequestException",
            "Operations on a resource created in a different account is not allowed",
            400,
        ),
        (
            identity_arn("nobody@example.com"),
            "NotFoundException",
            "No EmailIdentity present with name: nobody@example.com",
            404,
        ),
    ]
    for arn, code, text, status in cases:
        with pytest.raises(client.exceptions.ClientError) as refused:
            client.list_tags_for_resource(ResourceArn=arn)
        assert error_of(refused) == (code, text, status)
    arn = identity_arn("ops@example.com")
    with pytest.raises(client.exceptions.BadRequestException) as elsewhere:
        client.tag_resource(
            ResourceArn=identity_arn("ops@example.com", "eu-west-1"),
            Tags=[{"Key": "k", "Value": "v"}],
        )
    assert error_of(elsewhere) == ("BadRequestException", "Failed to tag resource", 400)
    with pytest.raises(client.exceptions.BadRequestException, match="at most 50 tags"):
        client.tag_resource(
            ResourceArn=arn, Tags=[{"Key": f"k{n}", "Value": "v"} for n in range(51)]
        )
    with pytest.raises(client.exceptions.BadRequestException, match="1 to 128 characters"):
        client.tag_resource(ResourceArn=arn, Tags=[{"Key": "k" * 129, "Value": "v"}])
    with pytest.raises(client.exceptions.BadRequestException, match="aws: are reserved"):
        client.create_email_identity(
            EmailIdentity="new@example.com", Tags=[{"Key": "aws:x", "Value": "v"}]
        )
    assert v1().list_identities()["Identities"] == ["ops@example.com"]
    assert client.list_tags_for_resource(ResourceArn=arn)["Tags"] == []


@pytest.mark.parametrize("resource", ["identity/ops@example.com", "configuration-set/marketing"])
@pytest.mark.usefixtures("ses_verification")
def test_tag_resource_with_a_key_given_twice(resource: str) -> None:
    """emulator (claims probe): floci's SesTags, `Cannot provide multiple tags with the same
    key` (BadRequestException, 400); nothing is tagged."""
    client = v2()
    client.create_email_identity(EmailIdentity="ops@example.com")
    client.create_configuration_set(ConfigurationSetName="marketing")
    arn = f"arn:aws:ses:us-east-1:{ACCOUNT}:{resource}"
    with pytest.raises(client.exceptions.BadRequestException) as twice:
        client.tag_resource(
            ResourceArn=arn,
            Tags=[
                {"Key": "env", "Value": "a"},
                {"Key": "team", "Value": "x"},
                {"Key": "env", "Value": "b"},
            ],
        )
    assert error_of(twice) == (
        "BadRequestException",
        "Cannot provide multiple tags with the same key",
        400,
    )
    assert client.list_tags_for_resource(ResourceArn=arn)["Tags"] == []


@pytest.mark.usefixtures("ses_verification")
def test_configuration_set_tags_through_its_arn() -> None:
    """doc: v2 CreateConfigurationSet Tags; TagResource on configuration-set ARNs; emulator:
    MiniStack (`No ConfigurationSet present with name: ...`)."""
    client = v2()
    client.create_configuration_set(
        ConfigurationSetName="marketing", Tags=[{"Key": "team", "Value": "growth"}]
    )
    arn = f"arn:aws:ses:us-east-1:{ACCOUNT}:configuration-set/marketing"
    client.tag_resource(ResourceArn=arn, Tags=[{"Key": "env", "Value": "prod"}])
    assert client.get_configuration_set(ConfigurationSetName="marketing")["Tags"] == [
        {"Key": "team", "Value": "growth"},
        {"Key": "env", "Value": "prod"},
    ]
    with pytest.raises(client.exceptions.NotFoundException) as missing:
        client.list_tags_for_resource(ResourceArn=arn + "-gone")
    assert error_of(missing) == (
        "NotFoundException",
        "No ConfigurationSet present with name: marketing-gone",
        404,
    )


# -- configuration sets ----------------------------------------------------------------------


@pytest.mark.usefixtures("ses_verification")
def test_v1_configuration_sets() -> None:
    """doc: the v1 configuration set operations (ListConfigurationSets pages with MaxItems
    and NextToken; creation order: chosen)."""
    client = v1()
    for name in ("transactional", "marketing", "alerts"):
        response = client.create_configuration_set(ConfigurationSet={"Name": name})
        assert_valid_output(client, "CreateConfigurationSet", response)
    described = client.describe_configuration_set(ConfigurationSetName="marketing")
    assert_valid_output(client, "DescribeConfigurationSet", described)
    assert described["ConfigurationSet"] == {"Name": "marketing"}
    assert "EventDestinations" not in described
    first = client.list_configuration_sets(MaxItems=2)
    assert_valid_output(client, "ListConfigurationSets", first)
    assert first["ConfigurationSets"] == [{"Name": "transactional"}, {"Name": "marketing"}]
    rest = client.list_configuration_sets(NextToken=first["NextToken"], MaxItems=2)
    assert rest["ConfigurationSets"] == [{"Name": "alerts"}]
    assert "NextToken" not in rest
    response = client.delete_configuration_set(ConfigurationSetName="marketing")
    assert_valid_output(client, "DeleteConfigurationSet", response)
    assert v2().list_configuration_sets()["ConfigurationSets"] == ["transactional", "alerts"]


@pytest.mark.usefixtures("ses_verification")
def test_v1_describe_with_attribute_names() -> None:
    """doc: DescribeConfigurationSet ConfigurationSetAttributeNames, ReputationOptions
    (SendingEnabled "The default value is true", ReputationMetricsEnabled "false",
    LastFreshStart null until a fresh start); emulator: floci's v1 handler (no
    DeliveryOptions, TrackingOptions only with a redirect domain; metrics off for a v1 set,
    "matching real AWS", floci 7c04e8824); chosen (EventDestinations: [] when asked,
    DeliveryOptions shown once v2 gave them)."""
    client = v1()
    client.create_configuration_set(ConfigurationSet={"Name": "s"})
    described = client.describe_configuration_set(
        ConfigurationSetName="s",
        ConfigurationSetAttributeNames=[
            "eventDestinations",
            "trackingOptions",
            "deliveryOptions",
            "reputationOptions",
        ],
    )
    assert_valid_output(client, "DescribeConfigurationSet", described)
    assert {k: v for k, v in described.items() if k != "ResponseMetadata"} == {
        "ConfigurationSet": {"Name": "s"},
        "EventDestinations": [],
        "ReputationOptions": {"SendingEnabled": True, "ReputationMetricsEnabled": False},
    }
    v2().create_configuration_set(
        ConfigurationSetName="optional", DeliveryOptions={"TlsPolicy": "OPTIONAL"}
    )
    v2().create_configuration_set(ConfigurationSetName="plain")
    for name, delivery in (("optional", {"TlsPolicy": "Optional"}), ("plain", None)):
        described = client.describe_configuration_set(
            ConfigurationSetName=name, ConfigurationSetAttributeNames=["deliveryOptions"]
        )
        assert_valid_output(client, "DescribeConfigurationSet", described)
        assert described.get("DeliveryOptions") == delivery


@pytest.mark.botocore_knows(
    "sesv2",
    "CreateConfigurationSet",
    "DeliveryOptions.MaxDeliverySeconds",
    "TrackingOptions.HttpsPolicy",
)
@pytest.mark.usefixtures("ses_verification")
@pytest.mark.ses_identity("track.example.com", "Success")  # a redirect domain is verified
def test_v2_configuration_sets_with_options() -> None:
    """doc: the v2 configuration set operations; the options of a set created with none
    (TLS optional, metrics off, sending enabled) are chosen."""
    client = v2()
    response = client.create_configuration_set(ConfigurationSetName="plain")
    assert_valid_output(client, "CreateConfigurationSet", response)
    plain = client.get_configuration_set(ConfigurationSetName="plain")
    assert_valid_output(client, "GetConfigurationSet", plain)
    assert {k: v for k, v in plain.items() if k != "ResponseMetadata"} == {
        "ConfigurationSetName": "plain",
        "DeliveryOptions": {"TlsPolicy": "OPTIONAL"},
        "ReputationOptions": {"ReputationMetricsEnabled": False},
        "SendingOptions": {"SendingEnabled": True},
        "Tags": [],
    }
    client.create_configuration_set(
        ConfigurationSetName="strict",
        TrackingOptions={"CustomRedirectDomain": "track.example.com", "HttpsPolicy": "REQUIRE"},
        DeliveryOptions={"TlsPolicy": "REQUIRE", "MaxDeliverySeconds": 600},
        ReputationOptions={"ReputationMetricsEnabled": True},
        SuppressionOptions={"SuppressedReasons": ["BOUNCE"]},
    )
    strict = client.get_configuration_set(ConfigurationSetName="strict")
    assert_valid_output(client, "GetConfigurationSet", strict)
    assert strict["TrackingOptions"] == {
        "CustomRedirectDomain": "track.example.com",
        "HttpsPolicy": "REQUIRE",
    }
    assert strict["DeliveryOptions"] == {"TlsPolicy": "REQUIRE", "MaxDeliverySeconds": 600}
    assert strict["ReputationOptions"] == {"ReputationMetricsEnabled": True}
    assert strict["SuppressionOptions"] == {"SuppressedReasons": ["BOUNCE"]}
    described = v1().describe_configuration_set(
        ConfigurationSetName="strict", ConfigurationSetAttributeNames=["deliveryOptions"]
    )
    assert described["DeliveryOptions"] == {"TlsPolicy": "Require"}
    listed = client.list_configuration_sets(PageSize=1)
    assert_valid_output(client, "ListConfigurationSets", listed)
    assert listed["ConfigurationSets"] == ["plain"]
    assert client.list_configuration_sets(NextToken=listed["NextToken"])["ConfigurationSets"] == [
        "strict"
    ]
    response = client.delete_configuration_set(ConfigurationSetName="plain")
    assert_valid_output(client, "DeleteConfigurationSet", response)
    assert [s["Name"] for s in v1().list_configuration_sets()["ConfigurationSets"]] == ["strict"]


@pytest.mark.usefixtures("ses_verification")
def test_configuration_set_errors() -> None:
    """real: terraform-provider-aws#9186 (`already exists.`), LocalStack snapshot (`does not
    exist.`); v1 `InvalidConfigurationSet`: botocore's model; names: real + emulator
    (MiniStack); v2 codes: doc (model), v2 texts: moto, MiniStack."""
    client = v1()
    client.create_configuration_set(ConfigurationSet={"Name": "s"})
    with pytest.raises(client.exceptions.ConfigurationSetAlreadyExistsException) as exists:
        client.create_configuration_set(ConfigurationSet={"Name": "s"})
    assert error_of(exists) == (
        "ConfigurationSetAlreadyExists",
        "Configuration set <s> already exists.",
        400,
    )
    with pytest.raises(client.exceptions.ConfigurationSetDoesNotExistException) as missing:
        client.describe_configuration_set(ConfigurationSetName="nope")
    assert error_of(missing) == (
        "ConfigurationSetDoesNotExist",
        "Configuration set <nope> does not exist.",
        400,
    )
    with pytest.raises(client.exceptions.InvalidConfigurationSetException) as invalid:
        client.create_configuration_set(ConfigurationSet={"Name": "my set"})
    assert error_of(invalid) == (
        "InvalidConfigurationSet",
        "Invalid configuration set name <my set>: only alphanumeric ASCII characters, '_', "
        "and '-' are allowed.",
        400,
    )
    client2 = v2()
    with pytest.raises(client2.exceptions.AlreadyExistsException) as exists2:
        client2.create_configuration_set(ConfigurationSetName="s")
    assert error_of(exists2) == (
        "AlreadyExistsException",
        "Configuration set <s> already exists.",
        400,
    )
    with pytest.raises(client2.exceptions.NotFoundException) as missing2:
        client2.delete_configuration_set(ConfigurationSetName="nope")
    assert error_of(missing2) == (
        "NotFoundException",
        "Configuration set <nope> does not exist.",
        404,
    )
    with pytest.raises(client2.exceptions.BadRequestException) as long_name:
        client2.get_configuration_set(ConfigurationSetName="n" * 65)
    assert error_of(long_name) == (
        "BadRequestException",
        "Configuration set name cannot exceed 64 characters.",
        400,
    )


@pytest.mark.ses_identity("example.com", "Success")
def test_sends_record_the_configuration_set_they_name(
    ses_verification: SesVerification,
) -> None:
    """doc: ConfigurationSetName on v1 SendEmail/SendRawEmail and v2 SendEmail; real:
    Notifuse/notifuse#162 (v1, a missing set); v2 `NotFoundException`: emulator (floci)."""
    client, client2 = v1(), v2()
    client.create_configuration_set(ConfigurationSet={"Name": "transactional"})
    send_v1(client, ConfigurationSetName="transactional")
    raw = client.send_raw_email(
        RawMessage={"Data": b"From: app@example.com\nTo: b@example.net\nSubject: Hi\n\nHello"},
        ConfigurationSetName="transactional",
    )
    assert_valid_output(client, "SendRawEmail", raw)
    send_v2(client2, ConfigurationSetName="transactional")
    send_v2(client2)
    assert [m.configuration_set for m in ses_verification.outbox] == [
        "transactional",
        "transactional",
        "transactional",
        None,
    ]
    with pytest.raises(client.exceptions.ConfigurationSetDoesNotExistException) as missing:
        send_v1(client, ConfigurationSetName="nope")
    assert error_of(missing) == (
        "ConfigurationSetDoesNotExist",
        "Configuration set <nope> does not exist.",
        400,
    )
    with pytest.raises(client2.exceptions.NotFoundException) as missing2:
        send_v2(client2, ConfigurationSetName="nope")
    assert error_of(missing2) == (
        "NotFoundException",
        "Configuration set <nope> does not exist.",
        404,
    )
    assert len(ses_verification.outbox) == 4


@pytest.mark.ses_identity("example.com", "Success")
def test_an_identitys_default_configuration_set(ses_verification: SesVerification) -> None:
    """real: cuangtin/hugo-ses (GetEmailIdentity shows `ConfigurationSetName` when set);
    emulator: floci#1812 (CreateEmailIdentity with a missing set creates nothing), floci#1698
    (PutEmailIdentityConfigurationSetAttributes); the default applies to sends naming no set
    (doc)."""
    client = v2()
    with pytest.raises(client.exceptions.NotFoundException) as missing:
        client.create_email_identity(EmailIdentity="ops@example.com", ConfigurationSetName="x")
    assert error_of(missing) == ("NotFoundException", "Configuration set <x> does not exist.", 404)
    assert v1().list_identities()["Identities"] == ["example.com"]
    client.create_configuration_set(ConfigurationSetName="ops")
    client.create_configuration_set(ConfigurationSetName="domain")
    client.create_email_identity(EmailIdentity="ops@example.com", ConfigurationSetName="ops")
    identity = client.get_email_identity(EmailIdentity="ops@example.com")
    assert_valid_email_identity(client, identity)
    assert identity["ConfigurationSetName"] == "ops"
    response = client.put_email_identity_configuration_set_attributes(
        EmailIdentity="example.com", ConfigurationSetName="domain"
    )
    assert_valid_output(client, "PutEmailIdentityConfigurationSetAttributes", response)
    ses_verification.set_identity("ops@example.com", "Success")
    send_v1(v1())  # from app@example.com: the domain's default
    send_v2(client, FromEmailAddress="ops@example.com")  # the address's own default
    assert [m.configuration_set for m in ses_verification.outbox] == ["domain", "ops"]
    client.put_email_identity_configuration_set_attributes(EmailIdentity="example.com")
    assert "ConfigurationSetName" not in client.get_email_identity(EmailIdentity="example.com")
    with pytest.raises(client.exceptions.NotFoundException) as no_identity:
        client.put_email_identity_configuration_set_attributes(
            EmailIdentity="nobody@example.com", ConfigurationSetName="ops"
        )
    assert error_of(no_identity) == (
        "NotFoundException",
        "Identity <nobody@example.com> does not exist.",
        404,
    )


@pytest.mark.ses_identity("example.com", "Success")
def test_a_deleted_default_set_makes_sends_fail() -> None:
    """emulator: floci#1698 (the Developer Guide: "your call to Amazon SES fails with a
    'bad request' error"); v1 code: the missing-set code (chosen)."""
    client = v2()
    client.create_configuration_set(ConfigurationSetName="gone")
    client.put_email_identity_configuration_set_attributes(
        EmailIdentity="example.com", ConfigurationSetName="gone"
    )
    client.delete_configuration_set(ConfigurationSetName="gone")
    assert client.get_email_identity(EmailIdentity="example.com")["ConfigurationSetName"] == "gone"
    with pytest.raises(client.exceptions.BadRequestException) as v2_send:
        send_v2(client)
    assert error_of(v2_send) == (
        "BadRequestException",
        "Configuration set <gone> does not exist.",
        400,
    )
    ses = v1()
    with pytest.raises(ses.exceptions.ConfigurationSetDoesNotExistException):
        send_v1(ses)


@pytest.mark.ses_identity("example.com", "Success")
def test_sending_through_a_set_with_sending_disabled_is_paused() -> None:
    """doc: v1 `ConfigurationSetSendingPausedException`, v2 `SendingPausedException`
    (botocore's models); message chosen."""
    client = v2()
    client.create_configuration_set(
        ConfigurationSetName="paused", SendingOptions={"SendingEnabled": False}
    )
    assert client.get_configuration_set(ConfigurationSetName="paused")["SendingOptions"] == {
        "SendingEnabled": False
    }
    ses = v1()
    with pytest.raises(ses.exceptions.ConfigurationSetSendingPausedException):
        send_v1(ses, ConfigurationSetName="paused")
    with pytest.raises(client.exceptions.SendingPausedException) as paused:
        send_v2(client, ConfigurationSetName="paused")
    assert error_of(paused)[1] == "Sending is paused for this configuration set: paused."


def test_options_and_resources_the_fake_does_not_implement() -> None:
    """chosen: tags of other SES resources (dedicated IP pools, contact lists...) are not
    implemented; the call raises, changes nothing, and the fake's end reports it."""
    pool = "ListTagsForResource on dedicated-ip-pool resources"

    def use_them() -> None:
        with SesVerification(), pytest.raises(UnsupportedOperationError, match=pool):
            v2().list_tags_for_resource(
                ResourceArn=f"arn:aws:ses:us-east-1:{ACCOUNT}:dedicated-ip-pool/pool"
            )

    with pytest.raises(AssertionError, match=f"SES v2 {pool}"):
        use_them()


# -- deleting an identity ------------------------------------------------------------------


@pytest.mark.ses_identity("example.com", "Success")
@pytest.mark.ses_identity("ops@example.com", "Success")
@pytest.mark.ses_identity("old@example.com", "Success")
def test_deleting_an_identity_deletes_its_settings(ses_verification: SesVerification) -> None:
    """chosen (emulator: floci#1750 purges policies with the identity): v1 DeleteIdentity,
    DeleteVerifiedEmailAddress and v2 DeleteEmailIdentity; a new identity of the same
    name starts with none."""
    client, client2 = v1(), v2()
    client2.create_configuration_set(ConfigurationSetName="s")
    for name in ("example.com", "ops@example.com", "old@example.com"):
        for notice in ("Bounce", "Complaint"):
            client.set_identity_notification_topic(
                Identity=name,
                NotificationType=notice,
                SnsTopic=TOPIC,
            )
        client.set_identity_feedback_forwarding_enabled(Identity=name, ForwardingEnabled=False)
        client.put_identity_policy(Identity=name, PolicyName="p", Policy=POLICY)
        client2.tag_resource(ResourceArn=identity_arn(name), Tags=[{"Key": "k", "Value": "v"}])
        client2.put_email_identity_configuration_set_attributes(
            EmailIdentity=name, ConfigurationSetName="s"
        )
    client.delete_identity(Identity="example.com")
    client.delete_verified_email_address(EmailAddress="old@example.com")
    client2.delete_email_identity(EmailIdentity="ops@example.com")
    for name in ("example.com", "ops@example.com", "old@example.com"):
        ses_verification.set_identity(name, "Success")
        identity = client2.get_email_identity(EmailIdentity=name)
        assert identity["FeedbackForwardingStatus"] is True
        assert identity["Policies"] == {}
        assert identity["Tags"] == []
        assert "ConfigurationSetName" not in identity
        assert "BounceTopic" not in notification_attributes(client, name)[name]


@pytest.mark.ses_verification(rate_limit=True)
def test_settings_operations_are_throttled(ses_verification: SesVerification) -> None:
    """doc: "Service quotas in Amazon SES" (every action but the sends: one request per
    second)."""
    client = v1()
    client.list_identity_policies(Identity="example.com")
    with pytest.raises(client.exceptions.ClientError, match="Throttling"):
        client.list_configuration_sets()
    ses_verification.advance(seconds=1)
    client.list_configuration_sets()


@pytest.mark.ses_verification(account_id="210987654321")
def test_the_account_id_is_an_option() -> None:
    client: Any = boto3.client("sesv2", region_name="us-east-1")
    client.create_email_identity(EmailIdentity="example.com")
    arn = "arn:aws:ses:us-east-1:210987654321:identity/example.com"
    client.tag_resource(ResourceArn=arn, Tags=[{"Key": "team", "Value": "mail"}])
    assert client.list_tags_for_resource(ResourceArn=arn)["Tags"] == [
        {"Key": "team", "Value": "mail"}
    ]


def test_a_bad_account_id_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="account_id must be 12 digits"):
        SesVerification(account_id="12345")
