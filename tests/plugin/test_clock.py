"""The clock: status follows freezegun, pytest-freezer and time-machine; advance() moves it."""

from __future__ import annotations

import asyncio
import importlib
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
import time_machine
from botocore.exceptions import ClientError, WaiterError
from freezegun import freeze_time
from freezegun.api import FrozenDateTimeFactory
from mypy_boto3_ses import SESClient

from pytest_ses_verify import SesVerification, UsageError, _clock

from ..conftest import status_of

MakeClient = Callable[..., SESClient]
T0 = datetime(2030, 1, 1, 9, 0, tzinfo=timezone.utc)


@freeze_time("2030-01-01 09:00:00")
def test_freeze_time_decorator_drives_status(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    ses = ses_client()
    ses.verify_email_identity(EmailAddress="a@example.com")
    assert ses_verification.now == T0
    ses_verification.advance(hours=23, minutes=59, seconds=59)
    assert status_of(ses, "a@example.com") == "Pending"
    ses_verification.advance(seconds=1)
    assert status_of(ses, "a@example.com") == "Failed"
    # The code under test sees the same time.
    assert datetime.now(timezone.utc) == T0 + timedelta(hours=24)


def test_freeze_time_context_manager_and_its_own_tick(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    ses = ses_client()
    with freeze_time("2030-01-01 09:00:00") as frozen:
        ses.verify_domain_identity(Domain="example.com")
        frozen.tick(timedelta(hours=71))
        assert status_of(ses, "example.com") == "Pending"
        ses_verification.advance(hours=1)
        assert status_of(ses, "example.com") == "Failed"
        assert ses_verification.now == T0 + timedelta(hours=72)


def test_pytest_freezer_fixture(
    freezer: FrozenDateTimeFactory, ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    freezer.move_to("2030-01-01 09:00:00")
    ses = ses_client()
    ses.verify_email_identity(EmailAddress="a@example.com")
    freezer.tick(timedelta(hours=12))
    assert status_of(ses, "a@example.com") == "Pending"
    ses_verification.advance(hours=12)
    assert status_of(ses, "a@example.com") == "Failed"
    assert datetime.now(timezone.utc) == T0 + timedelta(hours=24)


def test_time_machine_traveller(ses_verification: SesVerification, ses_client: MakeClient) -> None:
    ses = ses_client()
    with time_machine.travel(T0, tick=False) as traveller:
        ses.verify_email_identity(EmailAddress="a@example.com")
        traveller.shift(timedelta(hours=23))
        assert status_of(ses, "a@example.com") == "Pending"
        ses_verification.advance(hours=1)
        assert status_of(ses, "a@example.com") == "Failed"
        assert ses_verification.now == T0 + timedelta(hours=24)
        assert time.time() == (T0 + timedelta(hours=24)).timestamp()


@time_machine.travel(T0, tick=False)
def test_time_machine_decorator(ses_verification: SesVerification, ses_client: MakeClient) -> None:
    ses = ses_client()
    ses.verify_domain_identity(Domain="example.com")
    ses_verification.advance(days=3)
    assert status_of(ses, "example.com") == "Failed"


def test_advance_without_a_freeze_starts_one_that_ends_with_the_test(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    ses = ses_client()
    ses.verify_email_identity(EmailAddress="a@example.com")
    before = ses_verification.now
    ses_verification.advance(timedelta(hours=24))
    frozen = ses_verification.now
    assert frozen - before >= timedelta(hours=24)
    assert ses_verification.now == frozen  # frozen now: time does not run on
    assert status_of(ses, "a@example.com") == "Failed"
    assert datetime.now(timezone.utc) == frozen


def test_the_freeze_started_by_advance_is_gone_after_the_test(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        from pytest_ses_verify import _clock

        def test_one(ses_verification):
            ses_verification.advance(days=400)
            assert _clock.frozen_clocks()

        def test_two():
            assert not _clock.frozen_clocks()
        """
    )
    pytester.runpytest().assert_outcomes(passed=2)


def test_advance_rejects_bad_arguments(ses_verification: SesVerification) -> None:
    with pytest.raises(UsageError, match="forward only"):
        ses_verification.advance(hours=-1)
    with pytest.raises(UsageError, match="not both"):
        ses_verification.advance(timedelta(hours=1), hours=1)
    with pytest.raises(UsageError, match="timedelta's keywords"):
        ses_verification.advance(fortnights=1)
    with pytest.raises(UsageError, match=r"takes a datetime\.timedelta"):
        ses_verification.advance(3600)  # type: ignore[arg-type]


@pytest.mark.ses_identity("a@example.com")
@freeze_time("2030-01-01 09:00:00")
def test_marker_presets_take_the_time_of_the_test_body(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    # The freeze starts after fixture setup; the preset is still "just requested".
    ses_verification.advance(hours=23)
    assert status_of(ses_client(), "a@example.com") == "Pending"
    ses_verification.advance(hours=1)
    assert status_of(ses_client(), "a@example.com") == "Failed"


@pytest.mark.ses_identity("a@example.com")
def test_preset_counts_from_before_the_first_advance(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    ses_verification.advance(hours=24)
    assert status_of(ses_client(), "a@example.com") == "Failed"


# -- Exact UTC in every zone; only the wall clock moves (issue: hostile testing) ------------


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's local zone is New York (UTC-4/-5) for this test."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("new_york")
def test_advance_outside_a_freeze_moves_exactly_delta_in_any_zone(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    ses = ses_client("eu-west-1")
    ses.verify_email_identity(EmailAddress="ops@example.com")
    before = ses_verification.now
    ses_verification.advance(hours=24, seconds=1)
    assert timedelta(hours=24, seconds=1) <= ses_verification.now - before < timedelta(hours=25)
    assert status_of(ses, "ops@example.com") == "Failed"
    assert abs(datetime.now(timezone.utc) - ses_verification.now) < timedelta(seconds=1)


@pytest.mark.usefixtures("new_york")
@freeze_time("2030-03-01 09:00", tz_offset=-8)
def test_the_fake_reads_true_utc_under_a_tz_offset(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    ses_client().verify_email_identity(EmailAddress="a@example.com")
    [email] = ses_verification.verification_emails
    assert email.sent_at == datetime(2030, 3, 1, 9, tzinfo=timezone.utc)
    ses_verification.advance(hours=1)
    assert ses_verification.now == datetime(2030, 3, 1, 10, tzinfo=timezone.utc)


@pytest.mark.parametrize("library", ["time-machine", "freezegun"])
def test_advance_leaves_monotonic_clocks_and_asyncio_running(
    ses_verification: SesVerification, monkeypatch: pytest.MonkeyPatch, library: str
) -> None:
    if library == "freezegun":  # as where time-machine is not installed
        monkeypatch.setattr(_clock, "_has_time_machine", lambda: False)
    monotonic, perf = time.monotonic(), time.perf_counter()
    ses_verification.advance(days=30)
    assert _clock.frozen_clocks()  # the wall clock is frozen, moved on
    assert 0 <= time.monotonic() - monotonic < 60
    assert 0 <= time.perf_counter() - perf < 60
    asyncio.run(asyncio.sleep(0.001))  # would hang with a frozen loop clock


def test_a_sync_waiter_leaves_monotonic_clocks_running(
    ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    ses = ses_client()
    ses.verify_email_identity(EmailAddress="never@example.com")
    monotonic = time.monotonic()
    with pytest.raises(WaiterError):
        ses.get_waiter("identity_exists").wait(Identities=["never@example.com"])
    assert 0 <= time.monotonic() - monotonic < 60
    asyncio.run(asyncio.sleep(0.001))


@pytest.mark.asyncio
@pytest.mark.parametrize("imported_again", [False, True], ids=["imported-once", "imported-again"])
async def test_an_async_waiter_advances_the_clock_instead_of_sleeping(
    ses_verification: SesVerification, monkeypatch: pytest.MonkeyPatch, imported_again: bool
) -> None:
    """Also when aiobotocore is imported again (pytester's in-process runs drop the modules
    an inner run imported): its new waiter classes must be patched too."""
    pytest.importorskip("aiobotocore.session", reason="needs aiobotocore")
    if imported_again:
        for name in [n for n in sys.modules if n.partition(".")[0] == "aiobotocore"]:
            monkeypatch.delitem(sys.modules, name)  # restored after the test
    session = importlib.import_module("aiobotocore.session")
    with freeze_time("2030-01-01 09:00:00", real_asyncio=True):
        async with session.get_session().create_client("ses", region_name="us-east-1") as ses:
            await ses.verify_email_identity(EmailAddress="never@example.com")
            with pytest.raises(WaiterError):
                await ses.get_waiter("identity_exists").wait(Identities=["never@example.com"])
        # 20 attempts, 19 pauses of 3 s: on the fake's clock, not slept.
        assert ses_verification.now == T0 + timedelta(seconds=57)


def test_advance_does_not_outlive_the_test_under_an_outer_freeze(
    pytester: pytest.Pytester,
) -> None:
    pytester.makeconftest(
        """
        import pytest
        from freezegun import freeze_time

        @pytest.fixture(scope="session", autouse=True)
        def frozen():
            with freeze_time("2030-01-01 09:00:00"):
                yield
        """
    )
    pytester.makepyfile(
        """
        from datetime import datetime, timezone

        def test_a(ses_verification):
            ses_verification.advance(hours=25)
            assert ses_verification.now == datetime(2030, 1, 2, 10, tzinfo=timezone.utc)

        def test_b():
            assert datetime.now(timezone.utc) == datetime(2030, 1, 1, 9, tzinfo=timezone.utc)
        """
    )
    pytester.runpytest("-p", "no:randomly").assert_outcomes(passed=2)


def test_time_machine_after_advance(ses_verification: SesVerification) -> None:
    ses_verification.advance(hours=1)
    with time_machine.travel(T0, tick=False) as traveller:
        assert ses_verification.now == T0
        traveller.move_to(T0 + timedelta(days=1))
        assert ses_verification.now == T0 + timedelta(days=1)


@pytest.mark.ses_verification(rate_limit=True)
def test_moving_the_clock_back_does_not_throttle(
    freezer: FrozenDateTimeFactory, ses_verification: SesVerification, ses_client: MakeClient
) -> None:
    freezer.move_to("2030-01-01 09:00:10")
    ses = ses_client()
    ses.list_identities()
    freezer.move_to("2030-01-01 09:00:00")
    ses.list_identities()  # a new second, earlier: not within a second after the last call
    with pytest.raises(ClientError, match="Throttling"):
        ses.list_identities()


@pytest.mark.parametrize(
    ("kwargs", "named"),
    [
        ({"days": 3_000_000}, "goes past"),
        ({"seconds": float("inf")}, "seconds=inf"),
        ({"seconds": float("nan")}, "seconds=nan"),
        ({"days": 10**10}, "days=10000000000"),
    ],
)
def test_absurd_durations_are_usage_errors(
    ses_verification: SesVerification, kwargs: dict[str, Any], named: str
) -> None:
    with pytest.raises(UsageError, match=f"advance\\(\\).*{named}"):
        ses_verification.advance(**kwargs)


def test_an_absurd_detection_delay_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match=r"detection_delay must be .* from zero to 365 days"):
        SesVerification(detection_delay=timedelta.max)
