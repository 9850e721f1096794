"""ses_verify (issue 25, point 2): one name that decorates a function, a method or a class
and is a context manager, as moto's mock_aws, inside and outside pytest, joining the fake
already active."""

from __future__ import annotations

import asyncio
import inspect
import subprocess
import sys
import textwrap
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest

from pytest_ses_verify import SesVerification, SesVerify, UsageError, _wiring, ses_verify

LOOSE: Any = ses_verify  # called wrongly on purpose


def verified(region: str = "us-east-1") -> list[str]:
    ses = boto3.client("ses", region_name=region)
    ses.verify_email_identity(EmailAddress="ops@example.com")
    return list(ses.list_verified_email_addresses()["VerifiedEmailAddresses"])


def active() -> SesVerification:
    fake = _wiring.newest()
    assert isinstance(fake, SesVerification)
    return fake


# -- functions -------------------------------------------------------------------------


def test_bare_decorator_on_a_function() -> None:
    @ses_verify
    def body(a: int, *, b: int) -> tuple[int, list[str]]:
        """The docstring."""
        return a + b, verified()

    assert not _wiring.is_active()
    assert body(1, b=2) == (3, [])  # a new fake: the lifecycle runs (Pending)
    assert not _wiring.is_active()
    assert body.__name__ == "body"
    assert body.__doc__ == "The docstring."


def test_decorator_with_options_and_a_fresh_fake_per_call() -> None:
    seen: list[SesVerification] = []

    @ses_verify(auto_verify=True)
    def body() -> list[str]:
        seen.append(active())
        return verified()

    assert body() == ["ops@example.com"]
    assert body() == ["ops@example.com"]
    assert seen[0] is not seen[1]
    with pytest.raises(UsageError, match="has ended"):
        seen[0].advance(seconds=1)


def test_an_exception_ends_the_fake_and_propagates() -> None:
    @ses_verify
    def body() -> None:
        raise KeyError("boom")

    with pytest.raises(KeyError, match="boom"):
        body()
    assert not _wiring.is_active()


def test_a_teardown_problem_fails_the_decorated_function() -> None:
    @ses_verify
    def body() -> None:
        active().fail_next("SendEmail", "Throttling")

    with pytest.raises(AssertionError, match="SendEmail"):
        body()
    assert not _wiring.is_active()


def test_async_functions_have_the_fake_during_the_coroutine() -> None:
    @ses_verify(auto_verify=True)
    async def body() -> list[str]:
        await asyncio.sleep(0)
        return verified()

    assert asyncio.iscoroutinefunction(body)
    coroutine = body()
    assert not _wiring.is_active()  # not before it runs
    assert asyncio.run(coroutine) == ["ops@example.com"]
    assert not _wiring.is_active()


def test_generator_functions_have_the_fake_while_they_run() -> None:
    @ses_verify(auto_verify=True)
    def body() -> Iterator[list[str]]:
        yield verified()
        yield verified("eu-west-1")

    assert list(body()) == [["ops@example.com"], ["ops@example.com"]]
    assert not _wiring.is_active()


def test_async_generator_functions_are_refused() -> None:
    async def agen() -> typing.AsyncIterator[int]:
        yield 1

    with pytest.raises(UsageError, match=r"cannot decorate .*agen, an async generator function"):
        ses_verify(agen)


# -- the context manager ---------------------------------------------------------------


def test_context_manager_gives_the_fake_and_ends_it() -> None:
    with ses_verify(auto_verify=True) as fake:
        assert isinstance(fake, SesVerification)
        assert active() is fake
        assert verified() == ["ops@example.com"]
    assert not _wiring.is_active()
    assert fake.calls[-1].operation == "ListVerifiedEmailAddresses"


def test_one_object_reused_and_nested_joins() -> None:
    block = ses_verify()
    with block as outer:
        with block as inner, ses_verify() as third:
            assert inner is outer
            assert third is outer
        assert active() is outer  # the inner blocks ended nothing
        outer.advance(seconds=1)
    assert not _wiring.is_active()
    with block as again:
        assert again is not outer


def test_async_context_manager() -> None:
    async def body() -> list[str]:
        async with ses_verify(auto_verify=True) as fake:
            assert active() is fake
            return verified()

    assert asyncio.run(body()) == ["ops@example.com"]
    assert not _wiring.is_active()


# -- joining ---------------------------------------------------------------------------


def test_joins_the_fixture(ses_verification: SesVerification) -> None:
    @ses_verify
    def helper() -> SesVerification:
        verified()
        return active()

    assert helper() is ses_verification
    with ses_verify() as fake:
        assert fake is ses_verification
    ses_verification.click_verification_link("ops@example.com")  # the fixture still lives
    assert verified() == ["ops@example.com"]


@pytest.mark.ses_verification(auto_verify=True)
def test_joining_with_the_same_options_is_fine(ses_verification: SesVerification) -> None:
    with ses_verify(auto_verify=True) as fake:
        assert fake is ses_verification


def test_joining_with_other_options_is_refused(ses_verification: SesVerification) -> None:
    with (
        pytest.raises(
            UsageError,
            match=r"a fake is active already \(test .*\), and ses_verify joins it rather than "
            r"starting a second one; its options differ: auto_verify=True \(the active fake "
            r"has False\)",
        ),
        ses_verify(auto_verify=True),
    ):
        pass  # pragma: no cover


def test_joining_compares_send_quotas_as_numbers() -> None:
    with ses_verify(send_quota=(10, 1)) as outer, LOOSE(send_quota=[10, 1.0]) as inner:
        assert inner is outer


# -- classes ---------------------------------------------------------------------------


def test_on_a_class_each_test_method_gets_a_fake() -> None:
    @ses_verify(auto_verify=True)
    class Suite:
        def test_one(self) -> list[str]:
            assert self.ses_verification is active()  # type: ignore[attr-defined]
            return verified()

        @staticmethod
        def test_static() -> list[str]:
            return verified()

        @classmethod
        def test_class(cls) -> list[str]:
            return verified()

        def helper(self) -> bool:
            return _wiring.is_active()

    suite = Suite()
    assert suite.test_one() == ["ops@example.com"]
    assert Suite.test_static() == ["ops@example.com"]
    assert Suite.test_class() == ["ops@example.com"]
    assert not suite.helper()  # not a test: not decorated
    assert not _wiring.is_active()


# -- misuse ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: LOOSE(auto_verfy=True), "ses_verify\\(\\): unknown option 'auto_verfy'"),
        (lambda: LOOSE(sandbox="yes"), "sandbox must be True or False"),
        (lambda: LOOSE(print, sandbox=True), "either the function or class"),
        (lambda: LOOSE()(42), "decorates a function, a method or a class, not 42"),
    ],
    ids=["unknown", "bad value", "both", "not callable"],
)
def test_misuse_is_a_usage_error(call: Any, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        call()


def test_the_options_are_the_fakes() -> None:
    assert isinstance(ses_verify(), SesVerify)
    names = list(inspect.signature(SesVerification).parameters)
    with pytest.raises(UsageError, match=", ".join(names)):
        LOOSE(nothing=1)
    if hasattr(typing, "get_overloads"):  # Python 3.11 and later
        typed = [list(inspect.signature(f).parameters) for f in typing.get_overloads(ses_verify)]
        assert names in typed


# -- in a user's pytest run --------------------------------------------------------------


def test_in_pytest_classes_testcases_and_suite_defaults(pytester: pytest.Pytester) -> None:
    path = pytester.path / "tox.ini"
    text = path.read_text()
    path.write_text(text + ("" if text.endswith("\n") else "\n") + "ses_verify_sandbox = true\n")
    pytester.makepyfile(
        """
        import unittest

        import boto3
        import pytest

        from pytest_ses_verify import ses_verify, _wiring


        def sandboxed():
            sesv2 = boto3.client("sesv2", region_name="us-east-1")
            return not sesv2.get_account()["ProductionAccessEnabled"]


        @ses_verify
        def test_function():
            assert sandboxed()  # the suite's default


        @ses_verify(sandbox=False)
        def test_function_overrides():
            assert not sandboxed()


        @ses_verify
        def test_takes_fixtures(tmp_path):
            assert tmp_path.is_dir() and _wiring.is_active()


        @pytest.mark.asyncio
        @ses_verify
        async def test_async_under_asyncio():
            assert sandboxed()


        @ses_verify(auto_verify=True)
        class TestPytestClass:
            def setup_method(self, method):
                self.method = method.__name__
                self.ses = boto3.client("ses", region_name="us-east-1")
                self.ses.verify_email_identity(EmailAddress="set-up@example.com")

            def teardown_method(self):
                assert _wiring.is_active()

            def test_sees_what_setup_did(self):
                assert self.method == "test_sees_what_setup_did"
                found = self.ses.list_verified_email_addresses()["VerifiedEmailAddresses"]
                assert found == ["set-up@example.com"]
                assert self.ses_verification.outbox == []


        @ses_verify(auto_verify=True)
        class OnboardingTest(unittest.TestCase):
            def setUp(self):
                self.ses = boto3.client("ses", region_name="us-east-1")
                self.ses.verify_email_identity(EmailAddress="set-up@example.com")

            def tearDown(self):
                assert _wiring.is_active()

            def test_sees_what_setup_did(self):
                found = self.ses.list_verified_email_addresses()["VerifiedEmailAddresses"]
                self.assertEqual(found, ["set-up@example.com"])
                self.assertIs(_wiring.newest(), self.ses_verification)

            def test_starts_empty(self):
                self.ses.verify_email_identity(EmailAddress="other@example.com")
                found = self.ses.list_verified_email_addresses()["VerifiedEmailAddresses"]
                self.assertEqual(sorted(found), ["other@example.com", "set-up@example.com"])


        def test_nothing_is_left_active():
            assert not _wiring.is_active()
        """
    )
    pytester.runpytest().assert_outcomes(passed=8)


def test_a_failing_setup_method_ends_the_fake(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        from pytest_ses_verify import ses_verify, _wiring

        @ses_verify
        class TestBroken:
            def setup_method(self):
                raise RuntimeError("set-up failed")

            def test_never_runs(self):
                raise AssertionError

        def test_after():
            assert not _wiring.is_active()
        """
    )
    result = pytester.runpytest()
    result.assert_outcomes(passed=1, errors=1)


def test_a_testcase_gets_the_teardown_check_only_when_it_passed(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        """
        import unittest

        from pytest_ses_verify import ses_verify

        @ses_verify
        class Checked(unittest.TestCase):
            def test_passes_but_leaves_a_fault(self):
                self.ses_verification.fail_next("SendEmail", "Throttling")

            def test_fails_and_leaves_a_fault(self):
                self.ses_verification.fail_next("SendEmail", "Throttling")
                self.fail("the test's own failure")

        @ses_verify
        class TestPytestStyle:
            def setup_method(self):
                pass

            def test_passes_but_leaves_a_fault(self):
                self.ses_verification.fail_next("SendEmail", "Throttling")

            def test_fails_and_leaves_a_fault(self):
                self.ses_verification.fail_next("SendEmail", "Throttling")
                raise AssertionError("the test's own failure")
        """
    )
    reports = pytester.inline_run().getreports("pytest_runtest_logreport")
    failed: dict[str, list[Any]] = {}
    for report in reports:
        if report.failed:
            failed.setdefault(report.nodeid.split("::", 1)[1], []).append(report)
    assert sorted(failed) == [
        "Checked::test_fails_and_leaves_a_fault",
        "Checked::test_passes_but_leaves_a_fault",
        "TestPytestStyle::test_fails_and_leaves_a_fault",
        "TestPytestStyle::test_passes_but_leaves_a_fault",
    ]
    for kind in ("Checked", "TestPytestStyle"):
        [own] = failed[f"{kind}::test_fails_and_leaves_a_fault"]
        [check] = failed[f"{kind}::test_passes_but_leaves_a_fault"]
        assert own.when == "call"
        assert "the test's own failure" in own.longreprtext
        assert "fail_next() were never used: SendEmail -> Throttling" in check.longreprtext


def test_with_the_suite_switch_every_decorator_joins_the_tests_fake(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        """
        import unittest

        from pytest_ses_verify import ses_verify

        @ses_verify
        def test_joins(ses_verification):
            with ses_verify() as fake:
                assert fake is ses_verification

        @ses_verify
        class JoinsToo(unittest.TestCase):
            def test_it(self):
                with ses_verify() as fake:
                    self.assertIs(fake, self.ses_verification)
        """
    )
    pytester.runpytest("--ses-verify").assert_outcomes(passed=2)


def test_outside_pytest_with_unittest(tmp_path: Path) -> None:
    """No pytest at all: python -m unittest, as moto's class decorator is used."""
    (tmp_path / "test_plain.py").write_text(
        textwrap.dedent(
            """
            import sys
            import unittest

            import boto3

            from pytest_ses_verify import ses_verify


            @ses_verify(auto_verify=True)
            class Plain(unittest.TestCase):
                def test_verified(self):
                    ses = boto3.client("ses", region_name="us-east-1")
                    ses.verify_email_identity(EmailAddress="ops@example.com")
                    found = ses.list_verified_email_addresses()["VerifiedEmailAddresses"]
                    self.assertEqual(found, ["ops@example.com"])
                    self.assertNotIn("pytest", sys.modules)
            """
        )
    )
    env = {"PATH": "", "AWS_CONFIG_FILE": "/nonexistent", "PYTHONPATH": _package_root()}
    done = subprocess.run(
        [sys.executable, "-m", "unittest", "-v", "test_plain"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "test_verified (test_plain.Plain" in done.stderr
    assert "OK" in done.stderr


def _package_root() -> str:
    import pytest_ses_verify

    return str(Path(pytest_ses_verify.__file__).resolve().parent.parent)
