"""AccountState.seed_history: past sends in the statistics and in the daily quota."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from pytest_ses_verify.model.account_state import AccountState
from pytest_ses_verify.model.quotas import DataPoint

T0 = datetime(2030, 1, 1, 10, 7, tzinfo=timezone.utc)


def test_a_seed_is_one_data_point_and_counts_against_the_day() -> None:
    state = AccountState()
    state.seed_history("us-east-1", DataPoint(T0 - timedelta(hours=1), 10, 2, 1, 4))
    assert state.statistics("us-east-1", T0) == [
        DataPoint(datetime(2030, 1, 1, 9, 0, tzinfo=timezone.utc), 10, 2, 1, 4)
    ]
    assert state.send_quota("us-east-1", T0).sent_last_24_hours == 10.0
    assert state.send_quota("us-east-1", T0 + timedelta(hours=23)).sent_last_24_hours == 0.0
    assert state.statistics("eu-west-1", T0) == []


def test_a_seed_for_every_region_reaches_old_and_new_regions() -> None:
    state = AccountState()
    state.region("eu-west-1")
    state.seed_history(None, DataPoint(T0, 3, 0, 0, 0))
    for region in ("eu-west-1", "ap-south-1"):
        assert [p.delivery_attempts for p in state.statistics(region, T0)] == [3]
