"""Cost per SES call and per test: botocore's floor, the fake, botocore's Stubber and moto.

Run with ``make bench`` (or ``python benchmarks/bench_calls.py [--quick]``). Everything
is measured in this one process, in one run, and reported as ratios beside the targets
of the performance issue, each marked PASS or FAIL: absolute numbers depend on the
machine, ratios much less. Contenders are measured in alternating rounds (the best
round of each counts), so that a noisy neighbour slows them alike.

Contenders, each answering the same SES call:

* floor   - a client (made before the plugin is imported) whose ``before-call`` handler
            returns a prebuilt answer: what botocore itself costs per call when nothing
            is faked;
* fake    - pytest-ses-verify's fake;
* stubber - botocore's Stubber, with the equivalent canned response queued per call
            (queueing, which validates the response, is part of using a Stubber);
* moto    - moto's ``mock_aws`` (if moto is installed: ``pip install -e . --group bench``).

Beside the times, ``fake/floor ops`` counts the Python bytecode instructions one call
executes (fake over floor): the same on every run and every machine, a check on the
timed ratio when the machine is noisy.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from types import FrameType
from typing import Any, NamedTuple, cast

os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")
os.environ.setdefault("AWS_ACCESS_KEY_ID", "bench")  # moto wants some; the others ignore them
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "bench")

import boto3
import botocore.session
from botocore.awsrequest import AWSResponse
from botocore.stub import Stubber

REGION = "us-east-1"
HUNDRED = [f"user{n}@example.com" for n in range(100)]
RAW = (
    b"From: sender@example.com\r\nTo: user1@example.com\r\nSubject: Welcome\r\n"
    b"Content-Type: text/plain\r\n\r\nHello.\r\n"
)
SERIAL = itertools.count()
Call = Callable[[Any], object]


class Row(NamedTuple):
    name: str
    service: str
    method: str
    call: Call
    target: float | None  # fake/floor at most (None: shown, not a target)
    moto: bool = True  # measured under moto too (moto lacks some of the newer operations)


SINGLE, PAGE, HUNDRED_TARGET, NEW_RAW = 1.15, 1.5, 1.8, 2.0
OWNER = "111122223333"  # sending authorization: another account's identity, by its ARN
OWNER_ARN = f"arn:aws:ses:{REGION}:{OWNER}:identity/customer.com"
OWNER_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"AWS": "123456789012"},
            "Action": ["ses:SendEmail", "ses:SendRawEmail"],
            "Resource": OWNER_ARN,
        }
    ],
}
TOPIC = f"arn:aws:sns:{REGION}:123456789012:ses-events"
ROWS = [
    Row(
        "VerifyDomainIdentity",
        "ses",
        "verify_domain_identity",
        lambda c: c.verify_domain_identity(Domain="example.com"),
        SINGLE,
    ),
    Row(
        "GetIdentityVerificationAttributes x1",
        "ses",
        "get_identity_verification_attributes",
        lambda c: c.get_identity_verification_attributes(Identities=["example.com"]),
        SINGLE,
    ),
    Row(
        "GetIdentityVerificationAttributes x100",
        "ses",
        "get_identity_verification_attributes",
        lambda c: c.get_identity_verification_attributes(Identities=HUNDRED),
        HUNDRED_TARGET,
    ),
    Row("ListIdentities (a page)", "ses", "list_identities", lambda c: c.list_identities(), PAGE),
    Row(
        "GetIdentityMailFromDomainAttributes",
        "ses",
        "get_identity_mail_from_domain_attributes",
        lambda c: c.get_identity_mail_from_domain_attributes(Identities=["example.com"]),
        SINGLE,
    ),
    Row("GetSendQuota", "ses", "get_send_quota", lambda c: c.get_send_quota(), SINGLE),
    Row(
        "SendEmail",
        "ses",
        "send_email",
        lambda c: c.send_email(
            Source="sender@example.com",
            Destination={"ToAddresses": ["user1@example.com"]},
            Message={"Subject": {"Data": "Welcome"}, "Body": {"Text": {"Data": "Hello."}}},
        ),
        SINGLE,
    ),
    Row(
        "SendRawEmail",
        "ses",
        "send_raw_email",
        lambda c: c.send_raw_email(RawMessage={"Data": RAW}),
        SINGLE,
    ),
    Row(
        "SendRawEmail, a new message each call",
        "ses",
        "send_raw_email",
        lambda c: c.send_raw_email(
            RawMessage={"Data": b"Message-ID: <%d@example.com>\r\n" % next(SERIAL) + RAW}
        ),
        NEW_RAW,
    ),
    Row(
        "v2 GetEmailIdentity",
        "sesv2",
        "get_email_identity",
        lambda c: c.get_email_identity(EmailIdentity="example.com"),
        SINGLE,
    ),
    Row(
        "SendEmail, SourceArn (authorization)",
        "ses",
        "send_email",
        lambda c: c.send_email(
            Source="billing@customer.com",
            SourceArn=OWNER_ARN,
            Destination={"ToAddresses": ["user1@example.com"]},
            Message={"Subject": {"Data": "Welcome"}, "Body": {"Text": {"Data": "Hello."}}},
        ),
        SINGLE,
        moto=False,
    ),
    Row(
        "v2 SendEmail, set with SNS events",
        "sesv2",
        "send_email",
        lambda c: c.send_email(
            FromEmailAddress="sender@example.com",
            Destination={"ToAddresses": ["user1@example.com"]},
            Content={"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello."}}}},
            ConfigurationSetName="events",
        ),
        SINGLE,
        moto=False,
    ),
    Row(
        "v2 GetSuppressedDestination",
        "sesv2",
        "get_suppressed_destination",
        lambda c: c.get_suppressed_destination(EmailAddress="gone@example.net"),
        SINGLE,
        moto=False,
    ),
    Row(
        "v2 GetContact",
        "sesv2",
        "get_contact",
        lambda c: c.get_contact(ContactListName="news", EmailAddress="ann@example.net"),
        SINGLE,
        moto=False,
    ),
]


def prepare(fake: Any, v2: Any) -> None:
    """What the rows need: a policy on another account's identity, a configuration set
    with an SNS event destination (events recorded, not published: publish_notifications
    is off), a suppressed address and a contact list with a contact."""
    fake.set_identity("customer.com", "Success", account_id=OWNER, policy=OWNER_POLICY)
    v2.create_configuration_set(ConfigurationSetName="events")
    v2.create_configuration_set_event_destination(
        ConfigurationSetName="events",
        EventDestinationName="topic",
        EventDestination={
            "Enabled": True,
            "MatchingEventTypes": ["SEND", "DELIVERY"],
            "SnsDestination": {"TopicArn": TOPIC},
        },
    )
    v2.put_suppressed_destination(EmailAddress="gone@example.net", Reason="BOUNCE")
    v2.create_contact_list(ContactListName="news")
    v2.create_contact(ContactListName="news", EmailAddress="ann@example.net")


def timed(fn: Callable[[], object], calls: int) -> float:
    """Seconds per call, over ``calls`` calls."""
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - start) / calls


def alternating(
    contenders: dict[str, Callable[[], object]], calls: int, rounds: int
) -> dict[str, float]:
    """Each contender's best round, the rounds alternating between contenders."""
    best = dict.fromkeys(contenders, float("inf"))
    for _ in range(rounds):
        for name, fn in contenders.items():
            best[name] = min(best[name], timed(fn, calls))
    return best


def bytecodes(fn: Callable[[], object]) -> int:
    """How many bytecode instructions one call of ``fn`` executes (after two warm-ups)."""
    fn()
    fn()
    count = 0

    def trace(frame: FrameType, event: str, _: object) -> Any:
        nonlocal count
        frame.f_trace_opcodes = True
        if event == "opcode":
            count += 1
        return trace

    sys.settrace(trace)
    try:
        fn()
    finally:
        sys.settrace(None)
    return count


def client(service: str = "ses") -> Any:
    return botocore.session.Session().create_client(service, region_name=REGION)


def floor_client(row: Row, answer: dict[str, Any], floor: Any = None) -> Any:
    """A client (``floor``, made before the plugin was imported, or a new one) whose
    before-call handler returns ``answer``, prebuilt."""
    http = AWSResponse("", 200, cast(Any, {}), None)
    parsed = {**answer, "ResponseMetadata": {"HTTPStatusCode": 200}}

    def prebuilt(**_: Any) -> tuple[AWSResponse, Any]:
        return http, parsed

    floor = client(row.service) if floor is None else floor
    floor.meta.events.register(f"before-call.{row.service}", prebuilt)
    return floor


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: few calls")
    args = parser.parse_args()
    calls, rounds = (10, 2) if args.quick else (400, 15)

    # Made before the plugin is wired in: what botocore costs on its own (the plugin's
    # SES client classes leave out the User-Agent header while a fake answers).
    stubbed = {"ses": client("ses"), "sesv2": client("sesv2")}
    floors = [client(row.service) for row in ROWS]
    s3_without = boto3.session.Session().client("s3", region_name=REGION)

    from pytest_ses_verify import _wiring
    from pytest_ses_verify._fake import SesVerification

    # Importing the package wired botocore, existing clients included: take the
    # handlers off these again, so that they measure botocore on its own.
    for bare in (*stubbed.values(), *floors, s3_without):
        for event, _, _ in _wiring.HANDLERS:
            bare.meta.events.unregister(event, unique_id=f"pytest-ses-verify:{event}")
    stubbers = {service: Stubber(c) for service, c in stubbed.items()}
    for stubber in stubbers.values():
        stubber.activate()

    print(
        f"pytest-ses-verify benchmark, {date.today()}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"botocore {version('botocore')}, moto {_version('moto')}"
    )
    print()
    results = []
    with SesVerification(send_quota=(-1, 1_000_000)) as fake:
        fake.set_identity("example.com", "Success", region=REGION, mail_from="mail.example.com")
        for address in HUNDRED:
            fake.set_identity(address, "Success", region=REGION)
        fakes = {"ses": client("ses"), "sesv2": client("sesv2")}
        prepare(fake, fakes["sesv2"])
        for row, bare_floor in zip(ROWS, floors, strict=True):
            ses = fakes[row.service]
            answer: dict[str, Any] = dict(row.call(ses))  # type: ignore[call-overload]
            answer.pop("ResponseMetadata")
            floor = floor_client(row, answer, bare_floor)
            stubber, stubbed_client = stubbers[row.service], stubbed[row.service]

            def stubbed_call(
                row: Row = row,
                stubber: Stubber = stubber,
                c: Any = stubbed_client,
                answer: dict[str, Any] = answer,
            ) -> object:
                stubber.add_response(row.method, answer)
                return row.call(c)

            found = alternating(
                {
                    "floor": partial(row.call, floor),
                    "fake": partial(row.call, ses),
                    "stubber": stubbed_call,
                },
                calls,
                rounds,
            )
            ops = bytecodes(partial(row.call, ses)) / bytecodes(partial(row.call, floor))
            results.append((row, found, ops))
    moto = moto_costs(max(calls // 10, 3), min(rounds, 3))
    sections = {"per call": print_calls(results, moto)}
    sizes = (200, 2_000) if args.quick else (1_000, 100_000)
    sections["registry size"] = print_scaling(calls, rounds, sizes=sizes)
    sections["dispatch"] = print_dispatch()
    sections["large template"] = print_large_template(quick=args.quick)
    if args.quick:  # a smoke run: leave out what takes pytest runs in subprocesses
        print("per test: measured by `make bench` (left out of --quick)")
    else:
        sections["per test"] = print_per_test(tests=1000, runs=5)
    sections["dormant"] = print_dormant(s3_without, calls, rounds, quick=args.quick)
    print()
    met = ", ".join(name for name, ok in sections.items() if ok) or "none"
    missed = ", ".join(name for name, ok in sections.items() if not ok) or "none"
    print(f"targets met: {met}; not met: {missed}")
    print(f"all targets: {verdict(all(sections.values()))}")


def moto_costs(calls: int, rounds: int) -> list[float | None] | None:
    try:
        from moto import mock_aws
    except ImportError:  # the bench extra is not installed
        return None
    found: list[float | None] = []
    with mock_aws():
        ses, v2 = client("ses"), client("sesv2")
        ses.verify_domain_identity(Domain="example.com")
        ses.verify_email_identity(EmailAddress="sender@example.com")
        for address in HUNDRED:
            ses.verify_email_identity(EmailAddress=address)
        for row in ROWS:
            c = v2 if row.service == "sesv2" else ses
            if not row.moto:
                found.append(None)
                continue
            found.append(alternating({"moto": partial(row.call, c)}, calls, rounds)["moto"])
    return found


def print_calls(
    results: list[tuple[Row, dict[str, float], float]], moto: list[float | None] | None
) -> bool:
    print(
        "cost per call (best round)            floor      fake   stubber      moto"
        "   fake/floor (target)  ops   stubber/fake (>=1.00)  moto/fake"
    )
    passed = True
    for index, (row, found, ops) in enumerate(results):
        fake, floor, stubber = found["fake"], found["floor"], found["stubber"]
        if row.target is None:  # shown for what it costs; not one of the targets
            target, beat = "  (shown)  ", "     (shown)"
        else:
            near, beats = fake / floor <= row.target, stubber / fake >= 1.0
            passed &= near and beats
            target, beat = f"(<={row.target:.2f}) {verdict(near)}", f"{verdict(beats):>13}"
        in_moto = moto[index] if moto else None
        moto_cost = f"{in_moto * 1e6:8.0f}us" if in_moto else f"{'-':>10}"
        moto_ratio = f"{in_moto / fake:9.1f}" if in_moto else f"{'-':>9}"
        print(
            f"{row.name:38}{floor * 1e6:6.0f}us{fake * 1e6:8.0f}us{stubber * 1e6:8.0f}us"
            f"{moto_cost}   {fake / floor:5.2f} {target}"
            f"{ops:6.2f}   {stubber / fake:5.2f} {beat}  {moto_ratio}"
        )
    print()
    return passed


def print_scaling(calls: int, rounds: int, sizes: tuple[int, int]) -> bool:
    """Work grows with the request (and the page), not with the registry."""
    from pytest_ses_verify._fake import SesVerification

    print("identities in one region (presets; the API would stop at 10,000):")
    print(
        f"{'registry':>10}   GetIdentityVerificationAttributes x100   ListIdentities, middle page"
    )
    costs = []
    for size in sizes:
        with SesVerification() as fake:
            ses = client()
            for n in range(size):
                fake.set_identity(f"user{n}@example.com", "Success", region=REGION)
            middle, step = "", min(1000, size // 2)
            for _ in range(size // 2 // step):  # page to the middle of the region
                more = {"NextToken": middle} if middle else {}
                middle = ses.list_identities(MaxItems=step, **more)["NextToken"]
            found = alternating(
                {
                    "get": partial(ses.get_identity_verification_attributes, Identities=HUNDRED),
                    "page": partial(ses.list_identities, MaxItems=100, NextToken=middle),
                },
                max(calls // 4, 5),
                rounds,
            )
        costs.append((found["get"], found["page"]))
        get, page = costs[-1]
        base_get, base_page = costs[0]
        print(
            f"{size:>10,}   {get * 1e6:10.1f}us ({get / base_get:.2f}x)"
            f"{'':18}{page * 1e6:10.1f}us ({page / base_page:.2f}x)"
        )
    growth = max(costs[-1][0] / costs[0][0], costs[-1][1] / costs[0][1])
    ok = growth <= 1.1
    print(
        f"cost independent of size: at most 1.1x from {sizes[0]:,} to {sizes[-1]:,} "
        f"identities: {growth:.2f}x {verdict(ok)}"
    )
    print()
    return ok


def print_large_template(quick: bool) -> bool:
    """A 500 KB template (SES's limit) created and rendered through a real client: well
    under a second (the renderer is linear in the template and the data)."""
    import json

    from pytest_ses_verify._fake import SesVerification

    piece = "{{name}} text {{#if vip}}z{{else}}y{{/if}} "
    template = piece * (500 * 1024 // len(piece) - 1)
    size = 50 * 1024 if quick else 500 * 1024
    template = template[: size - 64]
    template = template[: template.rfind("{{name}}")]
    with SesVerification() as fake:
        fake.set_identity("example.com", "Success", region=REGION)
        ses = client("ses")

        rounds = iter(range(1_000_000))

        def create_and_render() -> object:  # a new text each round: nothing memoised
            text = f"{template}{next(rounds)}"
            ses.delete_template(TemplateName="big")
            ses.create_template(
                Template={"TemplateName": "big", "SubjectPart": "s", "TextPart": text}
            )
            data = json.dumps({"name": "Ann", "vip": True})
            return ses.test_render_template(TemplateName="big", TemplateData=data)

        seconds = min(timed(create_and_render, 1) for _ in range(3))
    ok = seconds < 1.0
    print(
        f"a {len(template) // 1024} KB template created and rendered: {seconds * 1000:.0f} ms "
        f"(well under a second) {verdict(ok)}"
    )
    print()
    return ok


def print_dispatch() -> bool:
    """Dispatch is one dictionary lookup: a table ten times the size costs the same."""
    from pytest_ses_verify.api import ses_v1

    table = ses_v1.OPERATIONS
    bigger = {**{f"Padding{n}": None for n in range(9 * len(table))}, **table}
    names = list(table)
    found = alternating(
        {
            "real": lambda: [table.get(n) for n in names],
            "bigger": lambda: [bigger.get(n) for n in names],
        },
        2000,
        7,
    )
    ratio = found["bigger"] / found["real"]
    ok = ratio <= 1.25
    print(
        f"dispatch: one lookup; {len(table)} v1 operations vs a table of {len(bigger)}: "
        f"{ratio:.2f}x (at most 1.25x) {verdict(ok)}"
    )
    print()
    return ok


_PER_TEST_CONFTEST = """
# What pytest measures of each test (set-up, call, teardown; fixtures included): the median
# test, so that what the first test pays once (imports) is not spread over the others.
import statistics
tests = {}

def pytest_runtest_logreport(report):
    tests[report.nodeid] = tests.get(report.nodeid, 0.0) + report.duration

def pytest_sessionfinish(session):
    with open("elapsed.txt", "a") as out:
        out.write(f"{statistics.median(tests.values())}\\n")
"""

_PER_TEST_VARIANTS = {
    "trivial yield fixture": ("", "trivial"),
    "ses_verification fixture": ("", "ses_verification"),
    "marker, two every-region presets": (
        '@pytest.mark.ses_identity("example.com", "Success")\n'
        '@pytest.mark.ses_identity("sender@example.org", "Success")\n',
        "ses_verification",
    ),
}


def print_per_test(tests: int, runs: int) -> bool:
    """What a test pays for the fixture: the set-up, call and teardown time pytest
    reports for the median of ``tests`` such tests, less a trivial fixture's (best run)."""
    costs: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for index, (marks, fixture) in enumerate(_PER_TEST_VARIANTS.values()):
            here = Path(folder, str(index))
            here.mkdir()
            (here / "conftest.py").write_text(textwrap.dedent(_PER_TEST_CONFTEST))
            (here / "test_many.py").write_text(
                "import pytest\n\n"
                "@pytest.fixture\ndef trivial():\n    yield\n\n"
                f"@pytest.mark.parametrize('n', range({tests}))\n"
                f"{marks}def test_one(n, {fixture}):\n    assert n >= 0\n"
            )
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
        command += ["-p", "no:randomly", "-p", "no:xdist"]
        for _ in range(runs):  # alternating, like the calls
            for index in range(len(_PER_TEST_VARIANTS)):
                subprocess.run(
                    command, cwd=Path(folder, str(index)), capture_output=True, check=True
                )
        for index, name in enumerate(_PER_TEST_VARIANTS):
            found = Path(folder, str(index), "elapsed.txt").read_text().split()
            costs[name] = min(float(v) for v in found)
    base = costs["trivial yield fixture"]
    per_fixture = costs["ses_verification fixture"] - base
    marker = costs["marker, two every-region presets"] - base
    ok_fixture, ok_marker = per_fixture <= 0.1e-3, marker <= 0.3e-3
    print(
        f"per test (the median of {tests} tests, best of {runs} runs; set-up, call and "
        f"teardown as pytest reports them), beyond a trivial yield fixture "
        f"({base * 1e3:.3f}ms a test):"
    )
    print(
        f"  the ses_verification fixture:           {per_fixture * 1e3:+.3f}ms "
        f"(at most 0.1ms) {verdict(ok_fixture)}"
    )
    print(
        f"  a marker with two every-region presets: {marker * 1e3:+.3f}ms "
        f"(at most 0.3ms) {verdict(ok_marker)}"
    )
    print()
    return ok_fixture and ok_marker


def print_dormant(s3_without: Any, calls: int, rounds: int, *, quick: bool) -> bool:
    """The plugin wired in, no fake active: what it costs everything else."""
    s3_with = boto3.session.Session().client("s3", region_name=REGION)
    contenders: dict[str, Callable[[], object]] = {}
    for name, s3 in (("without", s3_without), ("with", s3_with)):
        stubber = Stubber(s3)
        stubber.activate()

        def call(s3: Any = s3, stubber: Stubber = stubber) -> object:
            stubber.add_response("list_buckets", {"Buckets": []})
            return s3.list_buckets()

        contenders[name] = call
    found = alternating(contenders, calls, rounds)
    ratio = found["with"] / found["without"]
    ok_calls = ratio <= 1.05
    print(
        "dormant: an S3 call (Stubber) with the plugin wired in / without: "
        f"{ratio:.2f} (at most 1.05) {verdict(ok_calls)}"
    )
    botocore_imported = _plugin_imports("botocore")
    print(
        f"dormant: importing the plugin imports botocore: {botocore_imported} "
        f"{verdict(not botocore_imported)}"
    )
    if quick:
        return ok_calls and not botocore_imported
    with_plugin, without = _startup(runs=9)
    print(
        "dormant: pytest --collect-only on an empty directory: "
        f"{with_plugin * 1e3:.0f}ms with the plugin, {without * 1e3:.0f}ms with "
        f"-p no:ses_verify ({(with_plugin - without) * 1e3:+.1f}ms)"
    )
    return ok_calls and not botocore_imported


def _plugin_imports(module: str) -> bool:
    code = f"import sys, pytest_ses_verify.plugin; print({module!r} in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.strip() == "True"


def _startup(runs: int) -> tuple[float, float]:
    """Best wall time of ``pytest --collect-only`` in an empty directory, with and without."""
    command = [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"]
    best = {True: float("inf"), False: float("inf")}
    with tempfile.TemporaryDirectory() as empty:
        for _ in range(runs):
            for enabled in (True, False):
                extra = [] if enabled else ["-p", "no:ses_verify"]
                start = time.perf_counter()
                subprocess.run(command + extra, cwd=empty, capture_output=True, check=False)
                best[enabled] = min(best[enabled], time.perf_counter() - start)
    return best[True], best[False]


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


if __name__ == "__main__":
    main()
