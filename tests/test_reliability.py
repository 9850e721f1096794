"""Concurrency, teardown under failure, and nothing left behind after many tests."""

from __future__ import annotations

import threading
import time

import boto3
import botocore.handlers
import botocore.waiter
import pytest

from pytest_ses_verify import SesVerification
from pytest_ses_verify._wiring import _active


def test_eight_threads_a_thousand_calls_each(ses_verification: SesVerification) -> None:
    shared = boto3.client("ses", region_name="us-east-1")
    clients = [shared] * 4 + [boto3.client("ses", region_name="us-east-1") for _ in range(4)]
    problems: list[str] = []
    kept: dict[int, set[str]] = {}

    def work(n: int) -> None:
        ses, mine = clients[n], set()
        try:
            for i in range(250):  # 4 calls a round: 1,000 calls a thread
                name = f"t{n}-{i}@example.com" if i % 2 else f"t{n}-{i}.example"
                if i % 2:
                    ses.verify_email_identity(EmailAddress=name)
                else:
                    ses.verify_domain_identity(Domain=name)
                entry = ses.get_identity_verification_attributes(Identities=[name])[
                    "VerificationAttributes"
                ][name]
                if entry["VerificationStatus"] != "Pending" or ("VerificationToken" in entry) == (
                    "@" in name
                ):
                    problems.append(f"torn answer for {name}: {entry}")
                if i % 3 == 0:
                    ses.delete_identity(Identity=name)
                else:
                    ses.get_identity_dkim_attributes(Identities=[name])
                    mine.add(name)
                ses.list_identities(MaxItems=10)
        except Exception as exc:  # pragma: no cover - reported by the assertion below
            problems.append(repr(exc))
        kept[n] = mine

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert problems == []
    expected = set().union(*kept.values())
    listed = shared.get_paginator("list_identities").paginate().build_full_result()["Identities"]
    assert len(listed) == len(set(listed))  # nothing twice
    assert set(listed) == expected  # nothing lost, nothing extra
    pages = -(-len(listed) // 1000)
    assert len(ses_verification.calls) == 8 * 1000 + pages
    assert len(ses_verification.verification_emails) == 8 * 125


# The last test of an inner session: run from each inner test file.
INNER_CHECKS = """
import os, time
import botocore.handlers, botocore.waiter
import freezegun.api
import time_machine
from pytest_ses_verify._wiring import _active

def nothing_left_behind(builtin_count):
    assert _active == []
    assert freezegun.api.freeze_factories == []
    assert time_machine.traveller_stack == []
    assert botocore.waiter.time is time
    assert os.environ.get("AWS_EC2_METADATA_DISABLED") is None
    assert len(botocore.handlers.BUILTIN_HANDLERS) == builtin_count
"""


def test_teardown_under_failure_leaves_nothing_behind(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AWS_EC2_METADATA_DISABLED", raising=False)
    count = len(botocore.handlers.BUILTIN_HANDLERS)
    pytester.makepyfile(
        checks=INNER_CHECKS,
        test_failures=f"""
        import boto3, pytest, time_machine
        from datetime import datetime, timezone
        BUILTIN_COUNT = {count}

        def ses():
            return boto3.client("ses", region_name="us-east-1")

        def test_fails(ses_verification):
            ses().verify_email_identity(EmailAddress="a@example.com")
            ses_verification.advance(days=1)
            assert False

        @pytest.fixture
        def broken(ses_verification):
            ses_verification.advance(hours=1)
            raise RuntimeError("fixture broke")

        def test_errors(broken):
            pass

        def test_handler_raises(ses_verification):
            client = ses()
            def explode(**_):
                raise RuntimeError("a handler broke")
            client.meta.events.register("before-parameter-build.ses", explode)
            ses_verification.advance(minutes=5)
            client.list_identities()

        def test_skips_mid_test(ses_verification):
            ses_verification.advance(hours=2)
            pytest.skip("not today")

        def test_time_machine_and_failure(ses_verification):
            with time_machine.travel(datetime(2030, 1, 1, tzinfo=timezone.utc), tick=False):
                ses_verification.advance(hours=1)
                raise ValueError("in the middle")

        def test_unsupported(ses_verification):
            ses().list_receipt_rule_sets()

        def test_zz_nothing_left_behind():
            from checks import nothing_left_behind
            nothing_left_behind(BUILTIN_COUNT)
        """,
    )
    result = pytester.runpytest("-p", "no:randomly")
    # test_unsupported fails in its body; its teardown check then says nothing more.
    result.assert_outcomes(passed=1, failed=4, errors=1, skipped=1)
    # And the process running pytester is as it was, too.
    assert _active == []
    assert len(botocore.handlers.BUILTIN_HANDLERS) == count
    assert botocore.waiter.time is time  # type: ignore[attr-defined]


def test_a_thousand_tests_leave_no_handlers_and_no_fakes(pytester: pytest.Pytester) -> None:
    count = len(botocore.handlers.BUILTIN_HANDLERS)
    pytester.makepyfile(
        checks=INNER_CHECKS,
        test_many=f"""
        import gc, weakref
        import boto3, pytest
        BUILTIN_COUNT = {count}
        FAKES = []

        @pytest.mark.parametrize("n", range(1000))
        def test_one(ses_verification, n):
            FAKES.append(weakref.ref(ses_verification))
            ses = boto3.client("ses", region_name="us-east-1") if n % 100 == 0 else CLIENT
            ses.verify_email_identity(EmailAddress=f"u{{n}}@example.com")
            ses_verification.set_identity(f"d{{n}}.example", "Success")

        CLIENT = boto3.client("ses", region_name="us-east-1")

        def test_zz_nothing_left_behind():
            from checks import nothing_left_behind
            nothing_left_behind(BUILTIN_COUNT)

        def test_zz_all_fakes_freed():
            gc.collect()
            assert len(FAKES) == 1000
            assert [ref for ref in FAKES if ref() is not None] == []
        """,
    )
    result = pytester.runpytest("-p", "no:randomly", "-q")
    result.assert_outcomes(passed=1002)
