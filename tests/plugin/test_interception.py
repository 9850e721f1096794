"""Which clients the fake answers, and which it leaves alone."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, cast

import boto3
import botocore.session
import pytest
from botocore.awsrequest import AWSResponse
from botocore.exceptions import ClientError, NoCredentialsError
from botocore.stub import Stubber
from moto import mock_aws
from mypy_boto3_ses import SESClient

from pytest_ses_verify import SesVerification, UnsupportedOperationError
from pytest_ses_verify._wiring import HANDLERS, _Unsent

from ..conftest import status_of

MakeClient = Callable[..., SESClient]

# Created when this module is imported, before any test (as application code does).
IMPORT_TIME_CLIENT: SESClient = boto3.client("ses", region_name="us-east-1")


@pytest.mark.usefixtures("ses_verification")
def test_client_created_at_import_time_is_answered() -> None:
    IMPORT_TIME_CLIENT.verify_email_identity(EmailAddress="a@example.com")
    assert status_of(IMPORT_TIME_CLIENT, "a@example.com") == "Pending"


@pytest.mark.usefixtures("ses_verification")
def test_every_kind_of_session_is_answered() -> None:
    clients: list[Any] = [
        boto3.client("ses", region_name="us-east-1"),
        boto3.Session(region_name="us-east-1").client("ses"),
        botocore.session.get_session().create_client("ses", region_name="us-east-1"),
        botocore.session.Session().create_client("ses", region_name="us-east-1"),
    ]
    clients[0].verify_email_identity(EmailAddress="a@example.com")
    for client in clients:
        assert client.list_identities()["Identities"] == ["a@example.com"]


def test_code_under_test_creating_clients_at_import(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        app="""
        import boto3

        SES = boto3.client("ses", region_name="eu-west-1")

        def start_verification(address):
            SES.verify_email_identity(EmailAddress=address)

        def is_verified(address):
            attributes = SES.get_identity_verification_attributes(Identities=[address])
            entry = attributes["VerificationAttributes"].get(address, {})
            return entry.get("VerificationStatus") == "Success"
        """,
        conftest="""
        import boto3
        CONFTEST_CLIENT = boto3.client("ses", region_name="eu-west-1")
        """,
        test_app="""
        import app
        from conftest import CONFTEST_CLIENT

        def test_flow(ses_verification):
            app.start_verification("a@example.com")
            assert not app.is_verified("a@example.com")
            ses_verification.click_verification_link("a@example.com")
            assert app.is_verified("a@example.com")
            assert CONFTEST_CLIENT.list_identities()["Identities"] == ["a@example.com"]
        """,
    )
    pytester.runpytest_subprocess("--disable-socket").assert_outcomes(passed=1)


def test_a_stubber_still_wins_for_its_client(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    stubbed, other = ses_client(), ses_client()
    with Stubber(stubbed) as stubber:
        stubber.add_response("list_identities", {"Identities": ["stubbed.example.com"]})
        assert stubbed.list_identities()["Identities"] == ["stubbed.example.com"]
        stubber.assert_no_pending_responses()
        assert other.list_identities()["Identities"] == []
    assert [call.operation for call in ses_verification.calls] == ["ListIdentities"]


def test_other_services_keep_only_two_dormant_handlers() -> None:
    """The answer and the network guard sit at the generic ``before-call`` and
    ``before-send`` (last, so that observing handlers see faked calls); other
    services' calls pass them at once. Parameters are kept for SES calls only."""
    sqs = boto3.client("sqs", region_name="us-east-1")
    ses = boto3.client("ses", region_name="us-east-1")

    def handlers_for(client: object, event: str) -> set[object]:
        emitter = client.meta.events._emitter  # type: ignore[attr-defined]
        return set(emitter._handlers.prefix_search(event))

    remember, answer, guard = HANDLERS[0][1], HANDLERS[2][1], HANDLERS[3][1]
    assert remember not in handlers_for(sqs, "before-parameter-build.sqs.ListQueues")
    assert answer in handlers_for(sqs, "before-call.sqs.ListQueues")
    assert guard in handlers_for(sqs, "before-send.sqs.ListQueues")
    assert {remember, answer} <= handlers_for(ses, "before-call.ses.ListIdentities") | (
        handlers_for(ses, "before-parameter-build.ses.ListIdentities")
    )


def test_without_the_fake_calls_go_to_botocore_as_usual(ses_client: MakeClient) -> None:
    # No fake, no credentials: botocore itself refuses to sign the request.
    with pytest.raises(NoCredentialsError):
        ses_client().list_identities()


@pytest.mark.ses_verification(unsupported="passthrough")
def test_passthrough_sends_unsupported_operations_on_to_moto(
    ses_verification: SesVerification,
) -> None:
    with mock_aws():
        ses = boto3.client("ses", region_name="us-east-1")
        # Implemented: the fake answers, even inside mock_aws.
        ses.verify_email_identity(EmailAddress="a@example.com")
        assert status_of(ses, "a@example.com") == "Pending"
        # Not implemented: moto answers (moto knows nothing of the fake's identities).
        rule_sets = ses.list_receipt_rule_sets()
        assert rule_sets["RuleSets"] == []
    passed = ses_verification.calls[-1]
    assert passed.operation == "ListReceiptRuleSets"
    assert passed.response is None
    assert passed.error is None


def test_unsupported_operation_raises_and_names_the_option(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        """
        import boto3, pytest
        from pytest_ses_verify import UnsupportedOperationError

        def test_swallowed(ses_verification):
            ses = boto3.client("ses", region_name="us-east-1")
            try:
                ses.list_receipt_rule_sets()
            except Exception:
                pass

        def test_raised(ses_verification):
            ses = boto3.client("ses", region_name="us-east-1")
            with pytest.raises(UnsupportedOperationError, match="ListReceiptRuleSets"):
                ses.list_receipt_rule_sets()
        """
    )
    result = pytester.runpytest()
    result.assert_outcomes(passed=2, errors=2)
    result.stdout.fnmatch_lines(
        [
            "*ERROR at teardown of test_swallowed*",
            "*does not implement: SES operation ListReceiptRuleSets (1 call)*",
            '*unsupported="passthrough"*',
        ]
    )


def test_teardown_messages_fit_the_case(pytester: pytest.Pytester) -> None:
    """Issue 22: with unsupported="passthrough" already set and nothing to pass to, the
    teardown says what to start, not to set the option; a `with SesVerification()` user
    is pointed at its constructor, not at a marker."""
    pytester.makepyfile(
        """
        import boto3, pytest
        from pytest_ses_verify import SesVerification

        @pytest.mark.ses_verification(unsupported="passthrough")
        def test_nowhere(ses_verification):
            try:
                boto3.client("ses", region_name="us-east-1").list_receipt_rule_sets()
            except Exception:
                pass

        def test_context_manager():
            with pytest.raises(Exception) as exc:
                with SesVerification():
                    boto3.client("ses", region_name="us-east-1").list_receipt_rule_sets()
            assert 'SesVerification(unsupported="passthrough")' in str(exc.value)
            assert "pytest.mark" not in str(exc.value)
        """
    )
    result = pytester.runpytest()
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(
        ['*unsupported="passthrough" is set, but nothing could answer them: start moto*']
    )
    result.stdout.no_fnmatch_line("*pass them on with*")


def test_unsupported_error_message(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    with pytest.raises(UnsupportedOperationError) as exc:
        ses_client().list_receipt_rule_sets()
    message = str(exc.value)
    assert "ListReceiptRuleSets" in message
    assert 'unsupported="passthrough"' in message
    assert "What the fake implements" in message  # a pointer, not a list of 50 names
    assert 'respond("ListReceiptRuleSets"' in message
    assert isinstance(exc.value, NotImplementedError)
    assert not isinstance(exc.value, ClientError)
    ses_verification._service.unsupported_calls.clear()  # this test expects the call; don't fail it


def test_threads_get_consistent_answers(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    errors: list[BaseException] = []
    clients = [ses_client() for _ in range(8)]

    def work(n: int) -> None:
        try:
            ses = clients[n]
            for k in range(25):
                ses.verify_email_identity(EmailAddress=f"t{n}-{k}@example.com")
                assert status_of(ses, f"t{n}-{k}@example.com") == "Pending"
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    listed = clients[0].get_paginator("list_identities").paginate().build_full_result()
    assert sorted(listed["Identities"]) == sorted(
        f"t{n}-{k}@example.com" for n in range(8) for k in range(25)
    )
    assert len(ses_verification.calls) == 8 * 25 * 2 + 1
    assert len(ses_verification.verification_emails) == 200


@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_network_sockets_are_blocked_in_this_suite() -> None:
    # The whole suite runs under pytest-socket (only Unix sockets, which asyncio's
    # event loop needs, are allowed): any faked call that touched the network would fail.
    import socket

    from pytest_socket import SocketBlockedError

    with pytest.raises(SocketBlockedError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)


def _user_agents(client: Any) -> list[str | None]:
    """The User-Agent header of each request the client builds, as a before-call
    observer sees it (before the fake's answer)."""
    seen: list[str | None] = []

    def observe(params: dict[str, Any], **_: Any) -> None:
        seen.append(params["headers"].get("User-Agent"))

    client.meta.events.register_first("before-call.ses", observe)
    return seen


def test_a_faked_call_builds_no_user_agent_header(ses_verification: SesVerification) -> None:
    """The request is never sent: botocore is spared building its User-Agent header;
    the answer is the same."""
    ses = boto3.client("ses", region_name="us-east-1")
    agents = _user_agents(ses)
    ses.verify_email_identity(EmailAddress="a@example.com")
    assert status_of(ses, "a@example.com") == "Pending"
    assert agents == [None, None]
    assert type(ses).__mro__.count(_Unsent) == 1


@pytest.mark.ses_verification(unsupported="passthrough")
def test_a_call_that_may_be_passed_on_keeps_its_user_agent_header(
    ses_verification: SesVerification,
) -> None:
    with mock_aws():
        ses = boto3.client("ses", region_name="us-east-1")
        agents = _user_agents(ses)
        ses.verify_email_identity(EmailAddress="a@example.com")  # answered by the fake
        ses.list_receipt_rule_sets()  # passed on to moto
    assert len(agents) == 2
    assert all(agent and agent.startswith("Boto3/") for agent in agents)


def test_without_a_fake_the_user_agent_header_is_built(ses_client: MakeClient) -> None:
    ses = ses_client()
    agents = _user_agents(ses)
    answer: Any = (AWSResponse("", 200, cast(Any, {}), None), {"Identities": []})
    events: Any = ses.meta.events
    events.register("before-call.ses", lambda **_: answer)  # after the observer
    assert ses.list_identities()["Identities"] == []
    (agent,) = agents
    assert agent is not None
    assert "botocore" in agent.lower()
