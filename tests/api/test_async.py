"""aiobotocore clients (and so aioboto3) are answered by the same fake."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from botocore.exceptions import ClientError

from pytest_ses_verify import SesVerification

from ..conftest import status_of

# Without the `async` group (newest botocore, which aiobotocore may not allow yet).
get_session = pytest.importorskip(
    "aiobotocore.session", reason="the async tests need aiobotocore (the async group)"
).get_session


@asynccontextmanager
async def aio_client(service: str = "ses", region: str = "us-east-1") -> AsyncIterator[Any]:
    async with get_session().create_client(service, region_name=region) as client:
        yield client


@pytest.mark.asyncio
async def test_v1_lifecycle_with_pytest_asyncio(ses_verification: SesVerification) -> None:
    async with aio_client() as ses:
        token = (await ses.verify_domain_identity(Domain="example.com"))["VerificationToken"]
        attributes = await ses.get_identity_verification_attributes(Identities=["example.com"])
        assert attributes["VerificationAttributes"]["example.com"] == {
            "VerificationStatus": "Pending",
            "VerificationToken": token,
        }
        ses_verification.publish_txt_record("example.com")
        attributes = await ses.get_identity_verification_attributes(Identities=["example.com"])
        assert (
            attributes["VerificationAttributes"]["example.com"]["VerificationStatus"] == "Success"
        )
        ses_verification.advance(days=1)
        listed = await ses.list_identities()
        assert listed["Identities"] == ["example.com"]
        assert listed["ResponseMetadata"]["HTTPStatusCode"] == 200


@pytest.mark.anyio
async def test_v2_and_sending_with_anyio(ses_verification: SesVerification) -> None:
    async with aio_client("sesv2", "eu-west-1") as client:
        await client.create_email_identity(EmailIdentity="ops@example.com")
        ses_verification.click_verification_link("ops@example.com")
        identity = await client.get_email_identity(EmailIdentity="ops@example.com")
        assert identity["VerificationStatus"] == "SUCCESS"
        response = await client.send_email(
            FromEmailAddress="ops@example.com",
            Destination={"ToAddresses": ["a@example.net"]},
            Content={"Simple": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}},
        )
    [sent] = ses_verification.outbox
    assert sent.message_id == response["MessageId"]
    # And a sync v1 client sees what the async v2 one did.
    import boto3

    assert status_of(boto3.client("ses", region_name="eu-west-1"), "ops@example.com") == "Success"


@pytest.mark.asyncio
async def test_async_errors_are_the_same_errors(ses_verification: SesVerification) -> None:
    async with aio_client() as ses:
        with pytest.raises(ses.exceptions.MessageRejected) as rejected:
            await ses.send_email(
                Source="app@example.com",
                Destination={"ToAddresses": ["a@example.net"]},
                Message={"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}},
            )
        assert rejected.value.response["Error"]["Message"].endswith("US-EAST-1: app@example.com")
        with pytest.raises(ClientError) as invalid:
            await ses.verify_email_identity(EmailAddress="nope")
        assert invalid.value.response["Error"]["Message"] == "Invalid email address<nope>."
    async with aio_client("sesv2") as client:
        with pytest.raises(client.exceptions.NotFoundException):
            await client.get_email_identity(EmailIdentity="nobody@example.com")


@pytest.mark.asyncio
async def test_async_after_call_handlers_can_await_the_body(
    ses_verification: SesVerification,
) -> None:
    bodies: list[bytes] = []

    async def keep_body(http_response: Any, **_: Any) -> None:
        bodies.append(await http_response.content)

    async with aio_client() as ses:
        ses.meta.events.register("after-call.ses.ListIdentities", keep_body)
        await ses.list_identities()
    assert bodies[0].startswith(b"<ListIdentitiesResponse")


@pytest.mark.asyncio
async def test_an_aio_stubber_still_wins(ses_verification: SesVerification) -> None:
    async with aio_client() as stubbed, aio_client() as other:
        with _aio_stubber()(stubbed) as stubber:
            stubber.add_response("list_identities", {"Identities": ["stubbed.example"]})
            assert (await stubbed.list_identities())["Identities"] == ["stubbed.example"]
            assert (await other.list_identities())["Identities"] == []
    assert [c.operation for c in ses_verification.calls] == ["ListIdentities"]


def test_the_plugin_works_without_aiobotocore(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(
        """
        import sys
        sys.modules["aiobotocore"] = None  # as if it were not installed
        """
    )
    pytester.makepyfile(
        """
        import boto3

        def test_sync(ses_verification):
            ses = boto3.client("ses", region_name="us-east-1")
            ses.verify_email_identity(EmailAddress="a@example.com")
            assert ses.list_identities()["Identities"] == ["a@example.com"]
        """
    )
    pytester.runpytest_subprocess("-p", "no:asyncio", "-p", "no:anyio").assert_outcomes(passed=1)


@pytest.mark.asyncio
@pytest.mark.ses_identity("example.com", "Success")
async def test_identity_settings_with_async_clients(ses_verification: SesVerification) -> None:
    async with aio_client() as ses, aio_client("sesv2") as v2:
        await ses.set_identity_mail_from_domain(
            Identity="example.com", MailFromDomain="mail.example.com"
        )
        ses_verification.publish_mail_from_records("example.com")
        got = await ses.get_identity_mail_from_domain_attributes(Identities=["example.com"])
        assert got["MailFromDomainAttributes"]["example.com"]["MailFromDomainStatus"] == "Success"
        answer = await v2.put_email_identity_dkim_signing_attributes(
            EmailIdentity="example.com",
            SigningAttributesOrigin="AWS_SES",
            SigningAttributes={"NextSigningKeyLength": "RSA_1024_BIT"},
        )
        assert answer["DkimStatus"] == "PENDING"
        ses_verification.publish_dkim_records("example.com")
        await v2.put_email_identity_dkim_attributes(
            EmailIdentity="example.com", SigningEnabled=True
        )
        identity = await v2.get_email_identity(EmailIdentity="example.com")
        assert identity["DkimAttributes"]["NextSigningKeyLength"] == "RSA_1024_BIT"
        assert identity["MailFromAttributes"]["MailFromDomainStatus"] == "SUCCESS"


@pytest.mark.anyio
@pytest.mark.ses_identity("example.com", "Success")
async def test_custom_verification_with_async_clients(ses_verification: SesVerification) -> None:
    async with aio_client("sesv2") as v2, aio_client() as ses:
        await v2.create_custom_verification_email_template(
            TemplateName="welcome",
            FromEmailAddress="no-reply@example.com",
            TemplateSubject="Confirm your address",
            TemplateContent="<p>Welcome!</p>",
            SuccessRedirectionURL="https://app.example.com/ok",
            FailureRedirectionURL="https://app.example.com/fail",
        )
        sent = await ses.send_custom_verification_email(
            EmailAddress="user@example.net", TemplateName="welcome"
        )
        assert sent["MessageId"]
        landed = ses_verification.click_verification_link("user@example.net")
        assert landed == "https://app.example.com/ok"
        identity = await v2.get_email_identity(EmailIdentity="user@example.net")
        assert identity["VerificationStatus"] == "SUCCESS"
        with pytest.raises(ses.exceptions.CustomVerificationEmailTemplateDoesNotExistException):
            await ses.get_custom_verification_email_template(TemplateName="nope")


@pytest.mark.asyncio
@pytest.mark.ses_identity("example.com", "Success")
async def test_the_account_with_async_clients(ses_verification: SesVerification) -> None:
    message = {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}
    async with aio_client("sesv2") as v2, aio_client() as v1:
        await v2.send_email(
            FromEmailAddress="app@example.com",
            Destination={"ToAddresses": ["a@example.net", "b@example.net"]},
            Content={"Simple": message},
        )
        account = await v2.get_account()
        assert account["SendQuota"]["SentLast24Hours"] == 2.0
        assert (await v1.get_send_quota())["SentLast24Hours"] == 2.0
        await v1.update_account_sending_enabled(Enabled=False)
        with pytest.raises(ClientError) as exc:
            await v1.send_email(
                Source="app@example.com",
                Destination={"ToAddresses": ["a@example.net"]},
                Message=message,
            )
        assert exc.value.response["Error"]["Code"] == "AccountSendingPausedException"


@pytest.mark.asyncio
@pytest.mark.ses_identity("example.com", "Success")
async def test_settings_policies_tags_and_configuration_sets_with_async_clients(
    ses_verification: SesVerification,
) -> None:
    policy = '{"Version":"2012-10-17","Statement":[]}'
    async with aio_client() as ses, aio_client("sesv2") as v2:
        await ses.set_identity_notification_topic(
            Identity="example.com",
            NotificationType="Bounce",
            SnsTopic="arn:aws:sns:us-east-1:123456789012:bounces",
        )
        notes = await ses.get_identity_notification_attributes(Identities=["example.com"])
        assert notes["NotificationAttributes"]["example.com"]["BounceTopic"].endswith("bounces")
        await ses.put_identity_policy(Identity="example.com", PolicyName="p1", Policy=policy)
        assert (await ses.list_identity_policies(Identity="example.com"))["PolicyNames"] == ["p1"]
        await v2.create_configuration_set(ConfigurationSetName="marketing")
        arn = "arn:aws:ses:us-east-1:123456789012:identity/example.com"
        await v2.tag_resource(ResourceArn=arn, Tags=[{"Key": "team", "Value": "mail"}])
        assert (await v2.list_tags_for_resource(ResourceArn=arn))["Tags"] == [
            {"Key": "team", "Value": "mail"}
        ]
        await ses.send_email(
            Source="app@example.com",
            Destination={"ToAddresses": ["a@example.net"]},
            Message={"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}},
            ConfigurationSetName="marketing",
        )
        assert ses_verification.outbox[-1].configuration_set == "marketing"


@pytest.mark.botocore_knows("sesv2", "ListTenants", "Filter")
@pytest.mark.asyncio
@pytest.mark.ses_identity("example.com", "Success")
async def test_templates_tenants_and_notifications_with_async_clients(
    ses_verification: SesVerification,
) -> None:
    async with aio_client() as ses, aio_client("sesv2") as v2:
        await ses.create_template(
            Template={"TemplateName": "hi", "SubjectPart": "Hi {{n}}", "TextPart": "x"}
        )
        await ses.set_identity_notification_topic(
            Identity="example.com",
            NotificationType="Bounce",
            SnsTopic="arn:aws:sns:us-east-1:123456789012:bounces",
        )
        await ses.send_templated_email(
            Source="app@example.com",
            Destination={"ToAddresses": ["bounce@simulator.amazonses.com"]},
            Template="hi",
            TemplateData='{"n": "Ann"}',
        )
        assert ses_verification.outbox[-1].subject == "Hi Ann"
        assert [n.type for n in ses_verification.notifications] == ["Bounce"]
        await v2.create_tenant(TenantName="acme")
        arn = "arn:aws:ses:us-east-1:123456789012:identity/example.com"
        await v2.create_tenant_resource_association(TenantName="acme", ResourceArn=arn)
        with pytest.raises(ClientError, match=r"resources \[arn:aws:ses:[^]]*:template/hi\]$"):
            await v2.send_email(
                FromEmailAddress="app@example.com",
                Destination={"ToAddresses": ["a@example.net"]},
                Content={"Template": {"TemplateName": "hi", "TemplateData": '{"n": "Bo"}'}},
                TenantName="acme",
            )
        template = "arn:aws:ses:us-east-1:123456789012:template/hi"
        await v2.create_tenant_resource_association(TenantName="acme", ResourceArn=template)
        await v2.send_email(
            FromEmailAddress="app@example.com",
            Destination={"ToAddresses": ["a@example.net"]},
            Content={"Template": {"TemplateName": "hi", "TemplateData": '{"n": "Bo"}'}},
            TenantName="acme",
        )
        assert ses_verification.outbox[-1].tenant == "acme"


def _aio_stubber() -> Any:
    """aiobotocore's AioStubber (aiobotocore >= 2.8)."""
    stub = pytest.importorskip("aiobotocore.stub", reason="AioStubber needs aiobotocore >= 2.8")
    return stub.AioStubber


@pytest.mark.asyncio
async def test_async_sends_publish_configuration_set_events(
    ses_verification: SesVerification,
) -> None:
    ses_verification.set_identity("example.com", "Success", region="eu-west-1")
    async with aio_client("sesv2", "eu-west-1") as client:
        await client.create_configuration_set(ConfigurationSetName="cs")
        await client.create_configuration_set_event_destination(
            ConfigurationSetName="cs",
            EventDestinationName="d",
            EventDestination={
                "Enabled": True,
                "MatchingEventTypes": ["SEND"],
                "SnsDestination": {"TopicArn": "arn:aws:sns:eu-west-1:123456789012:t"},
            },
        )
        answer = await client.send_email(
            FromEmailAddress="app@example.com",
            Destination={"ToAddresses": ["success@simulator.amazonses.com"]},
            Content={"Simple": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}},
            ConfigurationSetName="cs",
        )
    (event,) = ses_verification.events
    assert event.type == "Send"
    assert event.message["mail"]["messageId"] == answer["MessageId"]


@pytest.mark.asyncio
async def test_an_aio_faked_call_builds_no_user_agent_header(
    ses_verification: SesVerification,
) -> None:
    """As with botocore's clients: the request is never sent (and the answer is the same)."""
    seen: list[Any] = []

    def observe(params: dict[str, Any], **_: Any) -> None:
        seen.append(params["headers"].get("User-Agent"))

    async with aio_client() as ses:
        ses.meta.events.register_first("before-call.ses", observe)
        await ses.verify_email_identity(EmailAddress="a@example.com")
        found = await ses.get_identity_verification_attributes(Identities=["a@example.com"])
    assert found["VerificationAttributes"]["a@example.com"]["VerificationStatus"] == "Pending"
    assert seen == [None, None]
