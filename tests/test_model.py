"""Model-based test of the lifecycle: random sequences of everything a test can do,
through real v1 and v2 clients in two regions, checked after every step against a
small model of the behaviour reference written here, independently of the plugin.

The model is event-driven (the plugin computes status from history): with no
detection delay, a DNS change takes effect the instant it is made, and only the
clock moves a status past a deadline. Agreement between two so differently built
things is the point.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, TypeVar, cast

import boto3
import pytest
import time_machine
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from pytest_ses_verify import SesVerification, UsageError

REGIONS = ["us-east-1", "eu-west-1"]
DOMAINS = ["example.com", "Example.COM", "shop.example", "SHOP.example"]
ADDRESSES = ["a@example.com", "A@example.com", "b@shop.example"]
UNKNOWN = ["nobody@example.com", "unknown.example"]
STATUSES = ["Pending", "Success", "Failed", "TemporaryFailure", "NotStarted"]
V2 = {
    "Pending": "PENDING",
    "Success": "SUCCESS",
    "Failed": "FAILED",
    "TemporaryFailure": "TEMPORARY_FAILURE",
    "NotStarted": "NOT_STARTED",
}
DAY = timedelta(hours=24)
WINDOW = timedelta(hours=72)
# Where a status may go by itself or by a request (presets and deletions aside).
MOVES = {
    ("Pending", "Success"),
    ("Pending", "Failed"),
    ("Success", "TemporaryFailure"),
    ("TemporaryFailure", "Success"),
    ("TemporaryFailure", "Failed"),
    ("Failed", "Pending"),
    ("Failed", "Success"),  # asked again with the record already in DNS
    ("NotStarted", "Pending"),
    ("NotStarted", "Success"),
    ("TemporaryFailure", "Pending"),  # an address preset TemporaryFailure, asked again
}


@dataclass
class Email:
    state: str
    sent: datetime | None = None  # the newest link; None: no link
    order: int = 0


@dataclass
class Domain:
    state: str
    token: str
    since: datetime  # start of the running window (Pending), or when TF began
    order: int = 0
    dkim: tuple[str, ...] | None = None
    dkim_state: str = "NotStarted"
    dkim_since: datetime | None = None


@dataclass
class Model:
    now: datetime
    emails: dict[tuple[str, str], Email] = field(default_factory=dict)
    domains: dict[tuple[str, str], Domain] = field(default_factory=dict)
    txt: set[tuple[str, str]] = field(default_factory=set)
    cnames: set[tuple[str, str]] = field(default_factory=set)
    sent_to: set[tuple[str, str]] = field(default_factory=set)  # (region, address)
    counter: int = 0

    def next_order(self) -> int:
        self.counter += 1
        return self.counter

    # -- evidence, as the reference defines it
    def txt_seen(self, name: str, d: Domain) -> bool:
        return (name, d.token) in self.txt

    def dkim_seen(self, name: str, d: Domain) -> bool:
        return d.dkim is not None and all((name, t) in self.cnames for t in d.dkim)

    def react(self) -> None:
        """Apply DNS as it is now to every domain (zero detection delay)."""
        for (_, name), d in self.domains.items():
            seen = self.txt_seen(name, d) or self.dkim_seen(name, d)
            d.state, d.since = _move(d.state, d.since, seen, self.now)
            if d.dkim is not None:
                assert d.dkim_since is not None
                d.dkim_state, d.dkim_since = _move(
                    d.dkim_state, d.dkim_since, self.dkim_seen(name, d), self.now
                )

    def tick(self, delta: timedelta) -> None:
        self.now += delta
        for e in self.emails.values():
            if e.state == "Pending" and e.sent is not None and self.now >= e.sent + DAY:
                e.state = "Failed"
        for d in self.domains.values():
            if d.state in ("Pending", "TemporaryFailure") and self.now >= d.since + WINDOW:
                d.state = "Failed"
            if d.dkim_state in ("Pending", "TemporaryFailure"):
                assert d.dkim_since is not None
                if self.now >= d.dkim_since + WINDOW:
                    d.dkim_state = "Failed"


def _move(state: str, since: datetime, seen: bool, now: datetime) -> tuple[str, datetime]:
    if seen and state in ("Pending", "TemporaryFailure"):
        return "Success", since
    if not seen and state == "Success":
        return "TemporaryFailure", now
    return state, since


T0 = datetime(2030, 1, 1, tzinfo=timezone.utc)
RAN: set[str] = set()  # the rules that ran
RULES: set[str] = set()  # every rule
Method = TypeVar("Method", bound=Callable[..., None])


def counted(method: Method) -> Method:
    """A rule that says it ran (under ``@rule``)."""
    RULES.add(method.__name__)

    @functools.wraps(method)
    def run(*args: Any, **kwargs: Any) -> None:
        RAN.add(method.__name__)
        method(*args, **kwargs)

    return cast(Method, run)


# Made once, for every example: its workers belong to no one example's fake.
POOL = ThreadPoolExecutor(max_workers=2)
# Made once: clients are answered by whichever fake is active.
CLIENTS: dict[str, dict[str, Any]] = {}


class LifecycleMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        # time-machine, not freezegun: starting a freezegun freeze scans every loaded
        # module, which Hypothesis would pay for on every example.
        self.traveller = time_machine.travel(T0, tick=False)
        self.coordinates = self.traveller.start()
        self.fake = SesVerification().__enter__()
        if not CLIENTS:
            for service in ("ses", "sesv2"):
                CLIENTS[service] = {r: boto3.client(service, region_name=r) for r in REGIONS}
        self.v1, self.v2 = CLIENTS["ses"], CLIENTS["sesv2"]
        self.model = Model(now=T0)
        self.seen: dict[tuple[str, str], str] = {}
        self.moved_by_request = True  # the last step may restart or preset statuses

    def teardown(self) -> None:
        self.fake.__exit__(None, None, None)
        self.traveller.stop()

    # -- requests --------------------------------------------------------------------

    @rule(region=st.sampled_from(REGIONS), address=st.sampled_from(ADDRESSES), v2=st.booleans())
    @counted
    def verify_address(self, region: str, address: str, v2: bool) -> None:
        self._verify_address(region, address, v2)

    @rule(region=st.sampled_from(REGIONS), address=st.sampled_from(ADDRESSES), v2=st.booleans())
    @counted
    def verify_address_in_a_pool_thread(self, region: str, address: str, v2: bool) -> None:
        """Issue 22: a pool made once for every example (its workers belong to no test)
        is answered by each example's fake."""
        POOL.submit(self._verify_address, region, address, v2).result(timeout=30)

    def _verify_address(self, region: str, address: str, v2: bool) -> None:
        m, key = self.model, (region, address)
        existing = m.emails.get(key)
        if v2:
            client = self.v2[region]
            if existing is not None:
                with pytest.raises(client.exceptions.AlreadyExistsException):
                    client.create_email_identity(EmailIdentity=address)
                return
            client.create_email_identity(EmailIdentity=address)
        else:
            self.v1[region].verify_email_identity(EmailAddress=address)
        if existing is not None and existing.state == "Success":
            return
        e = existing or Email("Pending", order=m.next_order())
        e.state, e.sent = "Pending", m.now
        m.emails[key] = e
        m.sent_to.add(key)

    @rule(
        region=st.sampled_from(REGIONS),
        spelling=st.sampled_from(DOMAINS),
        how=st.sampled_from(["v1", "dkim", "v2"]),
    )
    @counted
    def verify_domain(self, region: str, spelling: str, how: str) -> None:
        m, name = self.model, spelling.lower()
        key = (region, name)
        existing = m.domains.get(key)
        if how == "v2" and existing is not None:
            client = self.v2[region]
            with pytest.raises(client.exceptions.AlreadyExistsException):
                client.create_email_identity(EmailIdentity=spelling)
            return
        if how == "v1":
            token = self.v1[region].verify_domain_identity(Domain=spelling)["VerificationToken"]
            tokens = None
        elif how == "dkim":
            tokens = tuple(self.v1[region].verify_domain_dkim(Domain=spelling)["DkimTokens"])
            token = self._token(region, name)
        else:
            created = self.v2[region].create_email_identity(EmailIdentity=spelling)
            tokens = tuple(created["DkimAttributes"]["Tokens"])
            token = self._token(region, name)
        if existing is not None:
            assert token == existing.token, "a domain's token changed while it existed"
        d = existing or Domain("NotStarted", token, m.now, order=m.next_order())
        if d.state in ("Pending", "Failed", "NotStarted"):
            d.state, d.since = "Pending", m.now
        if tokens is not None:
            if d.dkim is not None:
                assert tokens == d.dkim, "DKIM tokens changed"
            d.dkim = tokens
            if d.dkim_state in ("Pending", "Failed", "NotStarted"):
                d.dkim_state, d.dkim_since = "Pending", m.now
        m.domains[key] = d
        m.react()

    @rule(region=st.sampled_from(REGIONS), identity=st.sampled_from(ADDRESSES + DOMAINS))
    @counted
    def delete(self, region: str, identity: str) -> None:
        self.v1[region].delete_identity(Identity=identity)
        if "@" in identity:
            self.model.emails.pop((region, identity), None)
        else:
            self.model.domains.pop((region, identity.lower()), None)

    # -- the owner and the DNS ------------------------------------------------------

    @rule(address=st.sampled_from(ADDRESSES), region=st.sampled_from([None, *REGIONS]))
    @counted
    def click(self, address: str, region: str | None) -> None:
        m = self.model
        regions = REGIONS if region is None else [region]
        links = [r for r in regions if (r, address) in m.emails and m.emails[(r, address)].sent]
        sent = any((r, address) in m.sent_to for r in regions)
        if not links and not sent:
            with pytest.raises(UsageError):
                self.fake.click_verification_link(address, region=region)
            return
        self.fake.click_verification_link(address, region=region)
        for r in links:
            e = m.emails[(r, address)]
            if e.state == "Pending":
                e.state = "Success"

    @rule(spelling=st.sampled_from(DOMAINS), publish=st.booleans())
    @counted
    def txt_record(self, spelling: str, publish: bool) -> None:
        self._dns(spelling, publish, dkim=False)

    @rule(spelling=st.sampled_from(DOMAINS), publish=st.booleans())
    @counted
    def dkim_records(self, spelling: str, publish: bool) -> None:
        self._dns(spelling, publish, dkim=True)

    def _dns(self, spelling: str, publish: bool, *, dkim: bool) -> None:
        m, name = self.model, spelling.lower()
        here = [d for (_, n), d in m.domains.items() if n == name]
        if dkim:
            records = {(name, t) for d in here if d.dkim for t in d.dkim}
            target, call = (
                m.cnames,
                (self.fake.publish_dkim_records if publish else self.fake.remove_dkim_records),
            )
        else:
            records = {(name, d.token) for d in here}
            target, call = (
                m.txt,
                (self.fake.publish_txt_record if publish else self.fake.remove_txt_record),
            )
        possible = bool(records) if publish else bool(records & target)
        if not possible:
            with pytest.raises(UsageError):
                call(spelling)
            return
        call(spelling)
        if publish:
            target |= records
        else:
            target -= records
        m.react()

    @rule(
        delta=st.sampled_from(
            [1, 3600, 23 * 3600, 24 * 3600, 25 * 3600, 71 * 3600, 72 * 3600, 4 * 86400]
        )
    )
    @counted
    def advance(self, delta: int) -> None:
        self.fake.advance(seconds=delta)
        self.model.tick(timedelta(seconds=delta))

    @rule(delta=st.sampled_from([1, 3600, 25 * 3600, 73 * 3600]))
    @counted
    def clock_back_and_forth(self, delta: int) -> None:
        """Issue 22: the clock moved back (calls answered, none crashes) and forward
        again: every status is what it was."""
        before = self._statuses()
        self.coordinates.shift(-delta)
        for region in REGIONS:
            self.v1[region].get_identity_verification_attributes(Identities=DOMAINS + ADDRESSES)
            self.v1[region].list_identities()
        self.coordinates.shift(delta)
        assert self._statuses() == before

    def _statuses(self) -> dict[str, dict[str, str]]:
        return {
            region: {
                name: entry["VerificationStatus"]
                for name, entry in self.v1[region]
                .get_identity_verification_attributes(Identities=DOMAINS + ADDRESSES)[
                    "VerificationAttributes"
                ]
                .items()
            }
            for region in REGIONS
        }

    @rule(
        region=st.sampled_from(REGIONS),
        identity=st.sampled_from(ADDRESSES + DOMAINS),
        status=st.sampled_from(STATUSES),
    )
    @counted
    def preset(self, region: str, identity: str, status: str) -> None:
        self.fake.set_identity(identity, status, region=region)  # type: ignore[arg-type]
        self.moved_by_request = True
        m = self.model
        if "@" in identity:
            key = (region, identity)
            e = m.emails.get(key) or Email(status, order=m.next_order())
            e.state = status
            e.sent = m.now if status == "Pending" else m.now - DAY if status == "Failed" else None
            m.emails[key] = e
            return
        name = identity.lower()
        key = (region, name)
        d = m.domains.get(key)
        if d is None:
            d = Domain(status, self._token(region, name), m.now, order=m.next_order())
            m.domains[key] = d
        d.state, d.since = status, m.now
        if status == "Success":
            m.txt.add((name, d.token))
        elif status == "TemporaryFailure":  # all of its evidence goes
            m.txt.discard((name, d.token))
            m.cnames -= {(name, t) for t in d.dkim or ()}
            m.react()
        elif status == "Pending":
            m.react()

    def _token(self, region: str, name: str) -> str:
        attributes = self.v1[region].get_identity_verification_attributes(Identities=[name])
        return str(attributes["VerificationAttributes"][name]["VerificationToken"])

    # -- what must hold after every step ------------------------------------------

    @invariant()
    def v1_attributes_match_the_model(self) -> None:
        m = self.model
        for region in REGIONS:
            names = DOMAINS + ADDRESSES + UNKNOWN
            got = self.v1[region].get_identity_verification_attributes(Identities=names)
            expected: dict[str, dict[str, str]] = {}
            for name in names:
                if "@" in name and (region, name) in m.emails:
                    expected[name] = {"VerificationStatus": m.emails[(region, name)].state}
                elif (region, name.lower()) in m.domains:
                    d = m.domains[(region, name.lower())]
                    expected[name] = {"VerificationStatus": d.state, "VerificationToken": d.token}
            assert got["VerificationAttributes"] == expected, (region, m.now - T0)

    @invariant()
    def listing_and_dkim_match_the_model(self) -> None:
        m = self.model
        for region in REGIONS:
            live = [(e.order, name) for (r, name), e in m.emails.items() if r == region]
            live += [(d.order, name) for (r, name), d in m.domains.items() if r == region]
            listed = self.v1[region].list_identities()["Identities"]
            assert listed == [name for _, name in sorted(live)]
            names = [n for (r, n) in m.domains if r == region] + [
                a for (r, a) in m.emails if r == region
            ]
            if not names:
                continue
            dkim = self.v1[region].get_identity_dkim_attributes(Identities=names)
            for name, entry in dkim["DkimAttributes"].items():
                if "@" in name:  # v1: an address's own flag (the AWS CLI example)
                    assert entry["DkimVerificationStatus"] == "NotStarted"
                else:
                    assert entry["DkimVerificationStatus"] == m.domains[(region, name)].dkim_state

    @invariant()
    def v2_agrees_with_v1(self) -> None:
        m = self.model
        for (region, name), e in m.emails.items():
            got = self.v2[region].get_email_identity(EmailIdentity=name)
            assert got["VerificationStatus"] == V2[e.state]
            assert got["VerifiedForSendingStatus"] is (e.state == "Success")
            # v2: an address shows its exact parent domain's Easy DKIM, whatever its status.
            parent = m.domains.get((region, name.rpartition("@")[2]))
            expected = V2[parent.dkim_state] if parent is not None else "NOT_STARTED"
            assert got["DkimAttributes"]["Status"] == expected
        for (region, name), d in m.domains.items():
            got = self.v2[region].get_email_identity(EmailIdentity=name)
            assert got["VerificationStatus"] == V2[d.state]
            assert got["DkimAttributes"]["Status"] == V2[d.dkim_state]

    @invariant()
    def statuses_move_only_along_documented_transitions(self) -> None:
        m = self.model
        now = {k: e.state for k, e in m.emails.items()}
        now.update({k: d.state for k, d in m.domains.items()})
        if not self.moved_by_request:
            for key, state in now.items():
                before = self.seen.get(key)
                if before is not None and before != state:
                    assert (before, state) in MOVES, (key, before, state)
        self.seen, self.moved_by_request = now, False


def test_the_plugin_agrees_with_the_model() -> None:
    """A fixed budget (the same examples on every run, a few seconds), in which every rule
    runs: the model's coverage is checked, not hoped for."""
    RAN.clear()
    run_state_machine_as_test(
        LifecycleMachine,
        settings=settings(
            max_examples=40,
            stateful_step_count=30,
            derandomize=True,
            database=None,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
    assert RAN == RULES
