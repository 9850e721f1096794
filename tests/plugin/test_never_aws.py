"""No SES call reaches AWS while a fake is active, whatever the options and however the
fake was started; threads that outlive their test are refused; observers see calls."""

from __future__ import annotations

import os
import sys
import textwrap
from collections import defaultdict
from typing import Any

import boto3
import botocore.endpoint
import pytest
from botocore.awsrequest import AWSResponse, HTTPHeaders
from botocore.config import Config
from botocore.exceptions import ClientError

from pytest_ses_verify import SesVerification, UnsupportedOperationError, _wiring

# Credentials that would sign a request: a call that got past the fake would be signed.
SIGNING_ENV = {"AWS_ACCESS_KEY_ID": "AKIAEXAMPLEEXAMPLE12", "AWS_SECRET_ACCESS_KEY": "x" * 40}

# Any socket connection in the inner process is a failure.
NO_NETWORK = """
import socket

def _refuse(*args, **kwargs):
    raise AssertionError("a network connection was attempted")

socket.socket.connect = _refuse
socket.create_connection = _refuse
"""


def own_session() -> boto3.session.Session:
    """A session of the test's own: the signing credentials it picks up from the
    environment must not stay cached in boto3's default session for later tests."""
    return boto3.session.Session()


@pytest.fixture
def never_sent(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Fails a test whose SES request botocore tries to send over HTTP."""
    sent: list[str] = []

    def send(self: Any, request: Any) -> Any:
        sent.append(request.url)
        raise AssertionError(f"sent over HTTP: {request.url}")

    monkeypatch.setattr(botocore.endpoint.Endpoint, "_send", send)
    return sent


def _unittest_module(imports_first: str) -> str:
    test_case = textwrap.dedent(
        """
        EARLY = boto3.client("ses", region_name="us-east-1")  # before the block

        class T(unittest.TestCase):
            def test_block(self):
                with SesVerification(auto_verify=True) as fake:
                    late = boto3.client("ses", region_name="us-east-1")
                    EARLY.verify_email_identity(EmailAddress="early@example.com")
                    late.verify_email_identity(EmailAddress="late@example.com")
                    listed = late.list_verified_email_addresses()["VerifiedEmailAddresses"]
                self.assertEqual(sorted(listed), ["early@example.com", "late@example.com"])
                self.assertEqual(len(fake.calls), 3)

        if __name__ == "__main__":
            unittest.main()
        """
    )
    return "import unittest\n" + NO_NETWORK + imports_first + "\n" + test_case


@pytest.mark.parametrize(
    "imports_first",
    [
        "import boto3\nfrom pytest_ses_verify import SesVerification",
        # A client's session made before the package is imported is found too.
        "import boto3\nboto3.setup_default_session()\nfrom pytest_ses_verify import "
        "SesVerification",
    ],
    ids=["package-first", "session-first"],
)
def test_context_manager_under_unittest_wires_botocore_itself(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, imports_first: str
) -> None:
    for name, value in SIGNING_ENV.items():
        monkeypatch.setenv(name, value)
    pytester.makepyfile(test_unit=_unittest_module(imports_first))
    result = pytester.run(sys.executable, "-m", "unittest", "-v", "test_unit")
    assert result.ret == 0, result.stderr.str()
    result.stderr.fnmatch_lines(["*OK*"])


@pytest.mark.parametrize("how", ["-p no:ses_verify", "PYTEST_DISABLE_PLUGIN_AUTOLOAD"])
def test_context_manager_without_the_plugin_loaded(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    for name, value in SIGNING_ENV.items():
        monkeypatch.setenv(name, value)
    args = ["-p", "no:ses_verify"] if how.startswith("-p") else []
    if how == "PYTEST_DISABLE_PLUGIN_AUTOLOAD":
        monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    pytester.makeconftest(NO_NETWORK)
    pytester.makepyfile(
        """
        import boto3
        from pytest_ses_verify import SesVerification

        def test_block():
            with SesVerification() as fake:
                ses = boto3.client("ses", region_name="us-east-1")
                token = ses.verify_domain_identity(Domain="example.com")["VerificationToken"]
            assert len(token) == 44
            assert [c.operation for c in fake.calls] == ["VerifyDomainIdentity"]
        """
    )
    result = pytester.runpytest_subprocess(*args, "-p", "no:randomly", "-p", "no:asyncio")
    result.assert_outcomes(passed=1)


@pytest.mark.ses_verification(unsupported="passthrough")
def test_passthrough_with_nothing_to_pass_to_is_refused_before_signing(
    ses_verification: SesVerification, monkeypatch: pytest.MonkeyPatch, never_sent: list[str]
) -> None:
    for name, value in SIGNING_ENV.items():
        monkeypatch.setenv(name, value)
    signed: list[str] = []
    ses = own_session().client("ses", region_name="us-east-1")
    ses.meta.events.register("before-sign.ses", lambda **kw: signed.append("signed"))
    with pytest.raises(UnsupportedOperationError, match=r"ListReceiptRuleSets.*passthrough"):
        ses.list_receipt_rule_sets()
    assert signed == []
    assert never_sent == []
    assert ses_verification.calls[-1].error is not None
    ses_verification._service.unsupported_calls.clear()  # expected here; don't fail at teardown


@pytest.mark.ses_verification(unsupported="passthrough")
def test_passthrough_to_a_client_with_its_own_endpoint_url_is_sent_there(
    ses_verification: SesVerification, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in SIGNING_ENV.items():
        monkeypatch.setenv(name, value)
    reached: list[str] = []

    def localstack(request: Any, **_: Any) -> AWSResponse:
        reached.append(request.url)
        body = (
            b"<ListReceiptRuleSetsResponse><ListReceiptRuleSetsResult><RuleSets/>"
            b"</ListReceiptRuleSetsResult></ListReceiptRuleSetsResponse>"
        )

        class Raw:
            def stream(self, **_: Any) -> Any:
                yield body

        return AWSResponse(request.url, 200, HTTPHeaders(), Raw())

    ses = own_session().client("ses", region_name="us-east-1", endpoint_url="http://localhost:4566")
    answering: Any = localstack  # an answering handler: botocore's stubs expect None
    ses.meta.events.register("before-send.ses", answering)
    assert ses.list_receipt_rule_sets()["RuleSets"] == []
    assert reached == ["http://localhost:4566/"]


@pytest.mark.ses_verification(unsupported="passthrough")
def test_the_last_guard_refuses_what_nothing_answered(
    ses_verification: SesVerification, monkeypatch: pytest.MonkeyPatch, never_sent: list[str]
) -> None:
    """If the fake believes moto will answer but nothing does, the request is not sent."""
    for name, value in SIGNING_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(_wiring, "_moto_is_active", lambda: True)
    ses = own_session().client("ses", region_name="us-east-1")
    with pytest.raises(UnsupportedOperationError, match="about to be sent to AWS"):
        ses.list_receipt_rule_sets()
    assert never_sent == []


def test_a_thread_that_outlives_its_test_is_refused(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import threading
        import boto3, pytest
        from pytest_ses_verify import SesVerifyError

        go, results, thread = threading.Event(), [], []

        def later():
            go.wait()
            try:
                boto3.client("ses", region_name="us-east-1").list_identities()
                results.append("answered")
            except SesVerifyError as exc:
                results.append(str(exc))

        def test_one(ses_verification):
            thread.append(threading.Thread(target=later, name="stray"))
            thread[0].start()

        def test_two(ses_verification):
            go.set()
            thread[0].join()
            [message] = results
            assert "'stray'" in message and "test_one" in message and "outlived" in message
            assert "started by thread 'MainThread'" in message
            assert ses_verification.calls == []
        """
    )
    pytester.runpytest("-p", "no:randomly").assert_outcomes(passed=2)


def test_threads_that_belong_to_no_test_are_answered_in_later_tests(
    pytester: pytest.Pytester,
) -> None:
    """Issue 22: a ThreadPoolExecutor made at import time starts its workers inside the
    first test that submits; a server thread made before the tests starts its request
    threads during them. Both are answered in every test; a thread the test started and
    left running is refused, naming who started it."""
    pytester.makepyfile(
        """
        import queue, threading
        from concurrent.futures import ThreadPoolExecutor
        import boto3, pytest
        from pytest_ses_verify import SesVerifyError

        POOL = ThreadPoolExecutor(max_workers=2)
        JOBS: queue.Queue = queue.Queue()

        def list_identities():
            return boto3.client("ses", region_name="us-east-1").list_identities()["Identities"]

        def serve():  # a server: each job in a thread of its own, as ThreadingMixIn does
            while True:
                job, done = JOBS.get()
                threading.Thread(target=lambda: done.put(job())).start()

        threading.Thread(target=serve, daemon=True, name="server").start()

        def request(job):
            done: queue.Queue = queue.Queue()
            JOBS.put((job, done))
            return done.get(timeout=10)

        @pytest.mark.parametrize("n", range(3))
        def test_through_the_pool_and_the_server(ses_verification, n):
            assert POOL.submit(list_identities).result(timeout=10) == []
            assert request(list_identities) == []
            assert len(ses_verification.calls) == 2
        """
    )
    pytester.runpytest("-p", "no:randomly").assert_outcomes(passed=3)


def test_a_stray_thread_is_answered_with_answer_any_thread(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import threading
        import boto3, pytest

        go, results, thread = threading.Event(), [], []

        def later():
            go.wait()
            results.append(boto3.client("ses", region_name="us-east-1").list_identities())

        @pytest.mark.ses_verification(answer_any_thread=True)
        def test_one(ses_verification):
            thread.append(threading.Thread(target=later, name="stray"))
            thread[0].start()

        def test_two(ses_verification):
            go.set()
            thread[0].join()
            assert results[0]["Identities"] == []
            assert [c.operation for c in ses_verification.calls] == ["ListIdentities"]
        """
    )
    pytester.runpytest("-p", "no:randomly").assert_outcomes(passed=2)


@pytest.mark.parametrize("order", ["first-in-first-out", "last-in-first-out"])
def test_imds_switch_is_restored_when_the_last_fake_ends(
    monkeypatch: pytest.MonkeyPatch, order: str
) -> None:
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "false")
    first, second = SesVerification(), SesVerification()
    first.__enter__()
    second.__enter__()
    ending = [first, second] if order == "first-in-first-out" else [second, first]
    ending[0].__exit__(None, None, None)
    assert os.environ["AWS_EC2_METADATA_DISABLED"] == "true"  # one fake still active
    ending[1].__exit__(None, None, None)
    assert os.environ["AWS_EC2_METADATA_DISABLED"] == "false"


def test_a_client_without_parameter_validation_gets_the_service_error(
    ses_verification: SesVerification,
) -> None:
    unchecked = Config(parameter_validation=False)
    ses = boto3.client("ses", region_name="us-east-1", config=unchecked)
    with pytest.raises(ClientError) as v1:
        ses.get_identity_verification_attributes(Identities=[1, 2])  # type: ignore[list-item]
    assert v1.value.response["Error"]["Code"] == "ValidationError"
    assert "Identities[0]" in v1.value.response["Error"]["Message"]
    v2 = boto3.client("sesv2", region_name="us-east-1", config=unchecked)
    with pytest.raises(v2.exceptions.BadRequestException, match="EmailIdentity"):
        v2.create_email_identity(EmailIdentity=123)
    with pytest.raises(ClientError, match=r"ValidationError.*Missing required parameter"):
        ses.send_email(  # type: ignore[call-arg]  # Message left out on purpose
            Source="a@example.com", Destination={"ToAddresses": ["b@example.com"]}
        )


def test_observing_before_call_handlers_see_faked_calls(ses_verification: SesVerification) -> None:
    seen: defaultdict[str, list[str]] = defaultdict(list)
    ses = boto3.client("ses", region_name="us-east-1")
    for event in ("before-call", "before-call.ses", "before-call.ses.ListIdentities"):
        ses.meta.events.register(
            event, lambda model, event=event, **_: seen[event].append(model.name)
        )
    ses.list_identities()
    assert dict(seen) == {
        "before-call": ["ListIdentities"],
        "before-call.ses": ["ListIdentities"],
        "before-call.ses.ListIdentities": ["ListIdentities"],
    }
    assert [c.operation for c in ses_verification.calls] == ["ListIdentities"]


def test_a_pool_worker_is_refused_between_tests() -> None:
    """A thread that belongs to no test has nothing to answer it once no fake is active:
    refused (not sent to AWS), the error saying why."""
    from concurrent.futures import ThreadPoolExecutor

    from pytest_ses_verify import SesVerifyError

    def call() -> object:
        return boto3.client("ses", region_name="us-east-1").list_identities()

    pool = ThreadPoolExecutor(max_workers=1)
    try:
        with SesVerification():
            pool.submit(call).result(timeout=10)
        with pytest.raises(SesVerifyError, match="while no test's fake is active"):
            pool.submit(call).result(timeout=10)
    finally:
        pool.shutdown()
