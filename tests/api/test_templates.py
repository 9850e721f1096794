"""Email templates and templated sending through real v1 and v2 clients: one store per
region for both APIs, rendering, and every templated send through the same checks as
SendEmail. Answers are checked against botocore's output shapes."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from mypy_boto3_ses import SESClient
from mypy_boto3_ses.type_defs import TemplateTypeDef

from pytest_ses_verify import SesVerification

from ..conftest import assert_valid_output, botocore_lacks

pytestmark = pytest.mark.ses_identity("example.com", "Success")

TEMPLATE: TemplateTypeDef = {
    "TemplateName": "welcome",
    "SubjectPart": "Greetings, {{name}}!",
    "TextPart": "Dear {{name}},\r\nYour favorite animal is {{favoriteanimal}}.",
    "HtmlPart": "<h1>Hello {{name}},</h1><p>Your favorite animal is {{favoriteanimal}}.</p>",
}
DATA = json.dumps({"name": "Tom & Jerry", "favoriteanimal": "Lion"})


def v1(region: str = "us-east-1") -> SESClient:
    return boto3.client("ses", region_name=region)


def v2(region: str = "us-east-1") -> Any:
    return boto3.client("sesv2", region_name=region)


def error_of(exc: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    return exc.value.response["Error"]["Code"], exc.value.response["Error"]["Message"]


def test_v1_template_round_trip() -> None:
    client = v1()
    assert_valid_output(client, "CreateTemplate", client.create_template(Template=TEMPLATE))
    got = client.get_template(TemplateName="welcome")
    assert_valid_output(client, "GetTemplate", got)
    assert got["Template"] == TEMPLATE
    with pytest.raises(ClientError) as exc:
        client.create_template(Template=TEMPLATE)
    assert error_of(exc)[0] == "AlreadyExists"
    updated = client.update_template(Template={**TEMPLATE, "SubjectPart": "Hi {{name}}"})
    assert_valid_output(client, "UpdateTemplate", updated)
    assert client.get_template(TemplateName="welcome")["Template"]["SubjectPart"] == "Hi {{name}}"
    assert v1("eu-west-1").list_templates()["TemplatesMetadata"] == []
    assert_valid_output(client, "DeleteTemplate", client.delete_template(TemplateName="welcome"))
    client.delete_template(TemplateName="welcome")  # v1: a missing template is no error
    with pytest.raises(ClientError) as exc:
        client.get_template(TemplateName="welcome")
    assert error_of(exc) == ("TemplateDoesNotExist", "Template welcome does not exist.")


def test_v1_list_pages() -> None:
    client = v1()
    for index in range(3):
        client.create_template(Template={**TEMPLATE, "TemplateName": f"t{index}"})
    first = client.list_templates(MaxItems=2)
    assert_valid_output(client, "ListTemplates", first)
    assert [t["Name"] for t in first["TemplatesMetadata"]] == ["t0", "t1"]
    rest = client.list_templates(MaxItems=2, NextToken=first["NextToken"])
    assert [t["Name"] for t in rest["TemplatesMetadata"]] == ["t2"]
    assert "NextToken" not in rest


def test_v1_test_render_and_its_errors() -> None:
    client = v1()
    with pytest.raises(ClientError) as exc:
        client.test_render_template(TemplateName="welcome", TemplateData=DATA)
    assert error_of(exc)[0] == "TemplateDoesNotExist"
    client.create_template(Template=TEMPLATE)
    rendered = client.test_render_template(TemplateName="welcome", TemplateData=DATA)
    assert_valid_output(client, "TestRenderTemplate", rendered)
    text = rendered["RenderedTemplate"]
    # Not escaped: "SES doesn't escape HTML content when rendering the HTML template for a
    # message" (SES Developer Guide, send-personalized-email-advanced).
    assert "Subject: Greetings, Tom & Jerry!" in text
    assert "<h1>Hello Tom & Jerry,</h1>" in text
    with pytest.raises(ClientError) as exc:
        client.test_render_template(TemplateName="welcome", TemplateData='{"name": "x"}')
    assert error_of(exc) == (
        "MissingRenderingAttribute",
        "Attribute 'favoriteanimal' is not present in the rendering data.",
    )
    with pytest.raises(ClientError) as exc:
        client.test_render_template(TemplateName="welcome", TemplateData="{not json")
    assert error_of(exc)[0] == "InvalidRenderingParameter"
    with pytest.raises(ClientError) as exc:
        client.create_template(
            Template={**TEMPLATE, "TemplateName": "bad", "TextPart": "{{#if x}}"}
        )
    assert error_of(exc)[0] == "InvalidTemplate"


def test_v1_templated_send_lands_rendered(ses_verification: SesVerification) -> None:
    client = v1()
    client.create_template(Template=TEMPLATE)
    sent = client.send_templated_email(
        Source="me@example.com",
        Destination={"ToAddresses": ["you@example.com"]},
        Template="welcome",
        TemplateData=DATA,
    )
    assert_valid_output(client, "SendTemplatedEmail", sent)
    [message] = ses_verification.outbox
    assert message.message_id == sent["MessageId"]
    # SES does not escape HTML (Developer Guide, send-personalized-email-advanced).
    assert message.subject == "Greetings, Tom & Jerry!"
    assert message.text == "Dear Tom & Jerry,\r\nYour favorite animal is Lion."
    assert message.template == "welcome"
    assert message.template_data == DATA
    with pytest.raises(ClientError) as exc:
        client.send_templated_email(
            Source="me@unverified.com",
            Destination={"ToAddresses": ["you@example.com"]},
            Template="welcome",
            TemplateData=DATA,
        )
    assert error_of(exc)[0] == "MessageRejected"
    with pytest.raises(ClientError) as exc:
        client.send_templated_email(
            Source="me@example.com",
            Destination={"ToAddresses": ["you@example.com"]},
            Template="nope",
            TemplateData=DATA,
        )
    assert error_of(exc)[0] == "TemplateDoesNotExist"


def test_v1_missing_attribute_is_accepted_but_not_delivered(
    ses_verification: SesVerification,
) -> None:
    client = v1()
    client.create_template(Template=TEMPLATE)
    sent = client.send_templated_email(
        Source="me@example.com",
        Destination={"ToAddresses": ["you@example.com"]},
        Template="welcome",
        TemplateData='{"name": "x"}',
    )
    assert sent["MessageId"]
    assert ses_verification.outbox == []
    [failure] = ses_verification.rendering_failures
    assert failure.message_id == sent["MessageId"]
    assert (failure.template, failure.data, failure.missing) == (
        "welcome",
        '{"name": "x"}',
        "favoriteanimal",
    )
    assert failure.error == "Attribute 'favoriteanimal' is not present in the rendering data."


def test_a_rendering_failure_is_not_delivered_counted_or_notified(
    ses_verification: SesVerification,
) -> None:
    """API reference, SendTemplatedEmail: SES "doesn't send the email" it cannot render;
    a Rendering Failure is not a delivery attempt and no Delivery notification follows
    (issue 23); the accepted send still counts against the quota (chosen)."""
    client = v1()
    client.create_template(Template=TEMPLATE)
    client.set_identity_notification_topic(
        Identity="example.com", NotificationType="Delivery", SnsTopic="arn:aws:sns:us-east-1:1:t"
    )
    client.send_templated_email(
        Source="me@example.com",
        Destination={"ToAddresses": ["you@example.com"]},
        Template="welcome",
        TemplateData='{"name": "x"}',
    )
    assert ses_verification.notifications == []
    assert client.get_send_statistics()["SendDataPoints"] == []
    assert client.get_send_quota()["SentLast24Hours"] == 1.0


def test_v1_bulk_merges_data_and_reports_each_destination(
    ses_verification: SesVerification,
) -> None:
    client = v1()
    client.create_template(Template=TEMPLATE)
    response = client.send_bulk_templated_email(
        Source="me@example.com",
        Template="welcome",
        DefaultTemplateData=json.dumps({"name": "friend", "favoriteanimal": "Cat"}),
        Destinations=[
            {"Destination": {"ToAddresses": ["a@example.com"]}},
            {
                "Destination": {"ToAddresses": ["b@example.com"]},
                "ReplacementTemplateData": json.dumps({"name": "Bea"}),
            },
            {"Destination": {"ToAddresses": ["bad address"]}},
        ],
    )
    assert_valid_output(client, "SendBulkTemplatedEmail", response)
    statuses = response["Status"]
    assert [s["Status"] for s in statuses] == ["Success", "Success", "InvalidParameterValue"]
    assert [m.subject for m in ses_verification.outbox] == [
        "Greetings, friend!",
        "Greetings, Bea!",
    ]
    assert ses_verification.outbox[1].text is not None
    assert "Cat" in str(ses_verification.outbox[1].text)


def test_v2_shares_the_store_with_v1() -> None:
    client, other = v2(), v1()
    created = client.create_email_template(
        TemplateName="welcome",
        TemplateContent={"Subject": "Hi {{name}}", "Text": "T {{name}}", "Html": "<b>{{name}}</b>"},
    )
    assert_valid_output(client, "CreateEmailTemplate", created)
    assert other.get_template(TemplateName="welcome")["Template"]["SubjectPart"] == "Hi {{name}}"
    got = client.get_email_template(TemplateName="welcome")
    if botocore_lacks("sesv2", "CreateEmailTemplate", "Tags") is None:  # older: no Tags
        assert_valid_output(client, "GetEmailTemplate", got)
    assert got["TemplateContent"]["Html"] == "<b>{{name}}</b>"
    listed = client.list_email_templates(PageSize=1)
    assert_valid_output(client, "ListEmailTemplates", listed)
    assert [t["TemplateName"] for t in listed["TemplatesMetadata"]] == ["welcome"]
    rendered = client.test_render_email_template(TemplateName="welcome", TemplateData=DATA)
    assert_valid_output(client, "TestRenderEmailTemplate", rendered)
    assert "Subject: Hi Tom & Jerry" in rendered["RenderedTemplate"]  # SES: no HTML escaping
    updated = client.update_email_template(
        TemplateName="welcome", TemplateContent={"Subject": "Yo {{name}}"}
    )
    assert_valid_output(client, "UpdateEmailTemplate", updated)
    assert_valid_output(
        client, "DeleteEmailTemplate", client.delete_email_template(TemplateName="welcome")
    )
    with pytest.raises(ClientError) as exc:
        client.delete_email_template(TemplateName="welcome")
    assert error_of(exc) == ("NotFoundException", "Template welcome does not exist.")


@pytest.mark.botocore_knows("sesv2", "SendEmail", "Content.Template.TemplateContent")
@pytest.mark.ses_identity("example.com", "Success")
def test_v2_sends_with_a_stored_or_an_inline_template_and_in_bulk(
    ses_verification: SesVerification,
) -> None:
    v2: Any = boto3.client("sesv2", region_name="us-east-1")
    v2.create_email_template(
        TemplateName="welcome",
        TemplateContent={"Subject": "Hi {{name}}", "Text": "Hello {{name}}!"},
    )
    destination = {"ToAddresses": ["a@example.net"]}
    v2.send_email(
        FromEmailAddress="app@example.com",
        Destination=destination,
        Content={"Template": {"TemplateName": "welcome", "TemplateData": '{"name": "Ann"}'}},
    )
    sent = ses_verification.outbox[-1]
    assert (sent.subject, sent.text, sent.template) == ("Hi Ann", "Hello Ann!", "welcome")
    assert sent.service == "sesv2"
    v2.send_email(
        FromEmailAddress="app@example.com",
        Destination=destination,
        Content={
            "Template": {
                "TemplateContent": {"Subject": "Inline {{x}}", "Text": "t"},
                "TemplateData": '{"x": "y"}',
            }
        },
    )
    assert ses_verification.outbox[-1].subject == "Inline y"
    bulk = v2.send_bulk_email(
        FromEmailAddress="app@example.com",
        DefaultContent={"Template": {"TemplateName": "welcome", "TemplateData": '{"name": "?"}'}},
        BulkEmailEntries=[
            {
                "Destination": {"ToAddresses": ["b@example.net"]},
                "ReplacementEmailContent": {
                    "ReplacementTemplate": {"ReplacementTemplateData": '{"name": "Bo"}'}
                },
            },
            {"Destination": {"ToAddresses": ["not an address"]}},
        ],
    )
    assert_valid_output(v2, "SendBulkEmail", bulk)
    statuses = [r["Status"] for r in bulk["BulkEmailEntryResults"]]
    assert statuses == ["SUCCESS", "INVALID_PARAMETER"]
    assert ses_verification.outbox[-1].subject == "Hi Bo"
    with pytest.raises(v2.exceptions.NotFoundException):
        v2.send_email(
            FromEmailAddress="app@example.com",
            Destination=destination,
            Content={"Template": {"TemplateName": "nope", "TemplateData": "{}"}},
        )


@pytest.mark.ses_identity("example.com", "Success")
def test_v1_templated_sends_record_their_envelope(ses_verification: SesVerification) -> None:
    ses: Any = boto3.client("ses", region_name="us-east-1")
    ses.create_template(Template={"TemplateName": "t", "SubjectPart": "s", "TextPart": "x"})
    ses.send_templated_email(
        Source="app@example.com",
        Destination={"ToAddresses": ["a@example.net"], "CcAddresses": ["c@example.net"]},
        ReplyToAddresses=["help@example.com"],
        Tags=[{"Name": "campaign", "Value": "welcome"}],
        Template="t",
        TemplateData="{}",
    )
    sent = ses_verification.outbox[-1]
    assert (sent.to, sent.cc, sent.reply_to) == (
        ["a@example.net"],
        ["c@example.net"],
        ["help@example.com"],
    )
    assert sent.tags == {"campaign": "welcome"}


def _store(api: str, name: str, subject: str, html: str, *, update: bool = False) -> None:
    """CreateTemplate/UpdateTemplate (v1) or CreateEmailTemplate/UpdateEmailTemplate (v2)."""
    if api == "ses":
        template: TemplateTypeDef = {"TemplateName": name, "SubjectPart": subject, "HtmlPart": html}
        (v1().update_template if update else v1().create_template)(Template=template)
    else:
        content = {"Subject": subject, "Html": html}
        store = v2().update_email_template if update else v2().create_email_template
        store(TemplateName=name, TemplateContent=content)


@pytest.mark.parametrize(
    ("api", "code"), [("ses", "InvalidTemplate"), ("sesv2", "BadRequestException")]
)
def test_a_stored_template_is_at_most_500_kb(api: str, code: str) -> None:
    """doc: "Each template can be up to 500 KB in size, including both the text and HTML
    parts" (Developer Guide); the codes (v1 InvalidTemplate, which botocore models for
    CreateTemplate and UpdateTemplate; v2 BadRequestException), the text, the subject
    counted and KB = 1,024 bytes: chosen."""
    limit = 500 * 1024
    _store(api, "big", "s", "h" * (limit - 1))
    with pytest.raises(ClientError) as exc:
        _store(api, "bigger", "s", "h" * limit)
    assert error_of(exc) == (code, f"Template bigger exceeds 500 KB: {limit + 1} bytes.")
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    with pytest.raises(ClientError) as exc:
        _store(api, "big", "é", "h" * (limit - 1), update=True)  # "é": two bytes
    assert error_of(exc)[0] == code
    assert v1().get_template(TemplateName="big")["Template"]["SubjectPart"] == "s"
    assert [t["Name"] for t in v1().list_templates()["TemplatesMetadata"]] == ["big"]


NOT_STRICT_JSON = [
    '{"name": NaN}',
    '{"name": Infinity}',
    '{"name": -Infinity}',
    '{"name": ' * 5000 + '"x"' + "}" * 5000,  # deeper than Python's JSON reads
    '["name"]',
    "{not json",
]


@pytest.mark.parametrize("data", NOT_STRICT_JSON, ids=["nan", "inf", "-inf", "deep", "list", "bad"])
@pytest.mark.parametrize(
    ("api", "code"), [("ses", "InvalidRenderingParameter"), ("sesv2", "BadRequestException")]
)
def test_template_data_that_is_not_a_strict_json_object_is_invalid(
    api: str, code: str, data: str
) -> None:
    """real: "The template data is invalid" (aws/aws-sdk-php#1454, boto/boto3#1795);
    inferred: NaN and Infinity are not JSON (SES's parser is strict), deep nesting is
    refused, not a crash; the codes: botocore's models (v1 InvalidRenderingParameter for
    TestRenderTemplate, v2 BadRequestException); non-objects: chosen."""
    _store(api, "welcome", "Hi {{name}}", "<p>{{name}}</p>")
    render = v1().test_render_template if api == "ses" else v2().test_render_email_template
    with pytest.raises(ClientError) as exc:
        render(TemplateName="welcome", TemplateData=data)
    assert error_of(exc) == (code, "The template data is invalid")
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


@pytest.mark.parametrize("data", NOT_STRICT_JSON[:4], ids=["nan", "inf", "-inf", "deep"])
def test_a_templated_send_with_data_that_is_not_strict_json_is_refused(
    ses_verification: SesVerification, data: str
) -> None:
    """real: "The template data is invalid" (boto/boto3#1795, a bulk send); the codes:
    v1 InvalidParameterValue (botocore models InvalidRenderingParameter for
    TestRenderTemplate only), v2 BadRequestException; nothing is sent."""
    v1().create_template(Template=TEMPLATE)
    with pytest.raises(ClientError) as exc:
        v1().send_templated_email(
            Source="app@example.com",
            Destination={"ToAddresses": ["a@example.net"]},
            Template="welcome",
            TemplateData=data,
        )
    assert error_of(exc) == ("InvalidParameterValue", "The template data is invalid")
    with pytest.raises(ClientError) as exc:
        v2().send_email(
            FromEmailAddress="app@example.com",
            Destination={"ToAddresses": ["a@example.net"]},
            Content={"Template": {"TemplateName": "welcome", "TemplateData": data}},
        )
    assert error_of(exc) == ("BadRequestException", "The template data is invalid")
    assert ses_verification.outbox == []


TEMPLATE_ARN = "arn:aws:ses:us-east-1:123456789012:template"


@pytest.mark.botocore_knows("sesv2", "CreateEmailTemplate", "Tags")
def test_v2_templates_keep_their_tags_and_are_tagged_by_arn() -> None:
    """doc: CreateEmailTemplate Tags, GetEmailTemplateResponse Tags ("associated with the
    email template"); emulator (claims probe): floci#759 (TagResource, UntagResource,
    ListTagsForResource on template ARNs; UpdateEmailTemplate keeps the tags; `No Template
    present with name: <name>`; `Failed to tag resource` for another region)."""
    client = v2()
    created = client.create_email_template(
        TemplateName="welcome",
        TemplateContent={"Subject": "Hi", "Text": "Hello"},
        Tags=[{"Key": "team", "Value": "growth"}],
    )
    assert_valid_output(client, "CreateEmailTemplate", created)
    got = client.get_email_template(TemplateName="welcome")
    assert_valid_output(client, "GetEmailTemplate", got)
    assert got["Tags"] == [{"Key": "team", "Value": "growth"}]
    client.update_email_template(TemplateName="welcome", TemplateContent={"Subject": "Yo"})
    v1().update_template(Template={"TemplateName": "welcome", "SubjectPart": "Hey"})
    arn = f"{TEMPLATE_ARN}/welcome"
    assert client.list_tags_for_resource(ResourceArn=arn)["Tags"] == [
        {"Key": "team", "Value": "growth"}
    ]
    tagged = client.tag_resource(ResourceArn=arn, Tags=[{"Key": "env", "Value": "prod"}])
    assert_valid_output(client, "TagResource", tagged)
    untagged = client.untag_resource(ResourceArn=arn, TagKeys=["team", "absent"])
    assert_valid_output(client, "UntagResource", untagged)
    listed = client.list_tags_for_resource(ResourceArn=arn)
    assert_valid_output(client, "ListTagsForResource", listed)
    assert listed["Tags"] == [{"Key": "env", "Value": "prod"}]
    assert client.get_email_template(TemplateName="welcome")["Tags"] == listed["Tags"]
    with pytest.raises(ClientError) as exc:
        client.tag_resource(
            ResourceArn=arn.replace("us-east-1", "eu-west-1"), Tags=[{"Key": "k", "Value": "v"}]
        )
    assert error_of(exc) == ("BadRequestException", "Failed to tag resource")
    client.delete_email_template(TemplateName="welcome")
    with pytest.raises(ClientError) as exc:
        client.list_tags_for_resource(ResourceArn=arn)
    assert error_of(exc) == ("NotFoundException", "No Template present with name: welcome")
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    client.create_email_template(TemplateName="welcome", TemplateContent={"Subject": "Hi"})
    assert client.get_email_template(TemplateName="welcome")["Tags"] == []


@pytest.mark.botocore_knows("sesv2", "CreateEmailTemplate", "Tags")
def test_v2_template_tags_are_checked_before_the_template_is_created() -> None:
    """doc: the v2 Tag rules, as for identities and configuration sets (README); a v1
    template has no tags (chosen: v1 has no Tags)."""
    client = v2()
    with pytest.raises(ClientError) as exc:
        client.create_email_template(
            TemplateName="welcome",
            TemplateContent={"Subject": "Hi"},
            Tags=[{"Key": "aws:team", "Value": "x"}],
        )
    assert error_of(exc) == ("BadRequestException", "Tag keys that start with aws: are reserved.")
    assert client.list_email_templates()["TemplatesMetadata"] == []
    v1().create_template(Template=TEMPLATE)
    assert client.list_tags_for_resource(ResourceArn=f"{TEMPLATE_ARN}/welcome")["Tags"] == []
