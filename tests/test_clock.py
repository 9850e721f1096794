"""The clock: status follows freezegun, pytest-freezer and time-machine; advance() moves it."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

import pytest
import time_machine
from freezegun import freeze_time
from freezegun.api import FrozenDateTimeFactory
from mypy_boto3_ses import SESClient

from pytest_ses_verify import SesVerification, UsageError

from .conftest import status_of

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
