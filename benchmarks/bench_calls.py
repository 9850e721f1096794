"""Cost per SES call: botocore's floor, the fake, botocore's Stubber and moto, side by side.

Run with ``make bench`` (or ``python benchmarks/bench_calls.py [--quick]``). Everything
is measured in this one process, in one run, and reported as ratios: absolute
numbers depend on the machine, ratios much less.

Contenders, each answering the same sequence of SES calls:

* floor   - a client whose ``before-call`` handler returns a prebuilt answer: what
            botocore itself costs per call when nothing is faked;
* fake    - pytest-ses-verify's fake;
* stubber - botocore's Stubber, with the equivalent canned response queued per call
            (queueing, which validates the response, is part of using a Stubber);
* moto    - moto's ``mock_aws`` (if moto is installed: ``pip install -e .[bench]``).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from importlib.metadata import PackageNotFoundError, version
from typing import Any, cast

os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")
os.environ.setdefault("AWS_ACCESS_KEY_ID", "bench")  # moto wants some; the others ignore them
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "bench")

import boto3
import botocore.session
from botocore.awsrequest import AWSResponse
from botocore.stub import Stubber

REGION = "us-east-1"
HUNDRED = [f"user{n}@example.com" for n in range(100)]
Call = Callable[[Any], object]

SEQUENCE: list[tuple[str, str, Call]] = [
    (
        "VerifyDomainIdentity",
        "verify_domain_identity",
        lambda c: c.verify_domain_identity(Domain="example.com"),
    ),
    (
        "GetIdentityVerificationAttributes x1",
        "get_identity_verification_attributes",
        lambda c: c.get_identity_verification_attributes(Identities=["example.com"]),
    ),
    (
        "GetIdentityVerificationAttributes x100",
        "get_identity_verification_attributes",
        lambda c: c.get_identity_verification_attributes(Identities=HUNDRED),
    ),
    ("ListIdentities", "list_identities", lambda c: c.list_identities()),
]


def per_call(fn: Callable[[], object], calls: int, repeats: int) -> float:
    """Best of ``repeats`` runs of ``calls`` calls: seconds per call."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        best = min(best, (time.perf_counter() - start) / calls)
    return best


def client() -> Any:
    return botocore.session.Session().create_client("ses", region_name=REGION)


def costs(
    target: Any, calls: int, repeats: int, before: Callable[[int], None] | None = None
) -> list[float]:
    """Per step of the sequence, the cost of one call on ``target``."""
    found = []
    for step, (_, _, call) in enumerate(SEQUENCE):

        def one(call: Call = call, step: int = step) -> object:
            if before is not None:
                before(step)
            return call(target)

        found.append(per_call(one, calls, repeats))
    return found


def floor_costs(answers: list[dict[str, Any]], calls: int, repeats: int) -> list[float]:
    """Per step, a client whose before-call handler returns that step's prebuilt answer."""
    http = AWSResponse("", 200, cast(Any, {}), None)
    found = []
    for (_, _, call), answer in zip(SEQUENCE, answers, strict=True):
        floor = client()
        parsed = {**answer, "ResponseMetadata": {"HTTPStatusCode": 200}}

        def prebuilt(parsed: dict[str, Any] = parsed, **_: Any) -> tuple[AWSResponse, Any]:
            return http, parsed

        def one(call: Call = call, floor: Any = floor) -> object:
            return call(floor)

        floor.meta.events.register("before-call.ses", prebuilt)
        found.append(per_call(one, calls, repeats))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: few calls")
    args = parser.parse_args()
    calls, repeats = (20, 2) if args.quick else (2000, 7)

    # Made before the plugin is wired in: what botocore costs on its own.
    stubbed = client()
    s3_without = boto3.session.Session().client("s3", region_name=REGION)

    from pytest_ses_verify import _wiring
    from pytest_ses_verify._fake import SesVerification

    # Importing the package wired botocore, existing clients included: take the
    # handlers off these two again, so that they measure botocore on its own.
    for bare in (stubbed, s3_without):
        for event, _, _ in _wiring.HANDLERS:
            bare.meta.events.unregister(event, unique_id=f"pytest-ses-verify:{event}")

    fake = SesVerification()
    fake._activate()
    ses = client()
    for address in HUNDRED:
        fake.set_identity(address, "Success", region=REGION)
    answers = []
    for _, _, call in SEQUENCE:
        answer: dict[str, Any] = dict(call(ses))  # type: ignore[call-overload]
        answer.pop("ResponseMetadata")
        answers.append(answer)

    results: dict[str, list[float]] = {"fake": costs(ses, calls, repeats)}
    fake._deactivate()
    results["floor"] = floor_costs(answers, calls, repeats)

    stubber = Stubber(stubbed)
    stubber.activate()

    def queue(step: int) -> None:
        stubber.add_response(SEQUENCE[step][1], answers[step])

    results["stubber"] = costs(stubbed, calls, repeats, before=queue)

    try:
        from moto import mock_aws
    except ImportError:  # the bench extra is not installed
        pass
    else:
        with mock_aws():
            moto_ses = client()
            for address in HUNDRED:
                moto_ses.verify_email_identity(EmailAddress=address)
            results["moto"] = costs(moto_ses, max(calls // 20, 5), min(repeats, 3))

    print_table(results)
    print_scaling(calls, repeats, sizes=(200, 2_000) if args.quick else (1_000, 100_000))
    print_dormant(s3_without, calls, repeats, quick=args.quick)


def print_table(results: dict[str, list[float]]) -> None:
    contenders = [c for c in ("floor", "fake", "stubber", "moto") if c in results]
    print(
        f"pytest-ses-verify benchmark, {date.today()}, Python {platform.python_version()}, "
        f"botocore {version('botocore')}, moto {_version('moto')}"
    )
    print()
    header = f"{'call (cost per call)':40}" + "".join(f"{c:>12}" for c in contenders)
    print(header + f"{'fake/floor':>12}{'stubber/fake':>14}{'moto/fake':>11}")
    for step, (name, _, _) in enumerate(SEQUENCE):
        fake = results["fake"][step]
        row = f"{name:40}" + "".join(f"{results[c][step] * 1e6:10.1f}us" for c in contenders)
        row += f"{fake / results['floor'][step]:12.2f}{results['stubber'][step] / fake:14.2f}"
        row += f"{results['moto'][step] / fake:11.1f}" if "moto" in results else f"{'-':>11}"
        print(row)
    if "moto" in results:
        moto, fake_total = sum(results["moto"]), sum(results["fake"])
        print(f"{'the whole sequence':40}{'':48}{moto / fake_total:37.1f}")
    print()


def print_scaling(calls: int, repeats: int, sizes: tuple[int, int]) -> None:
    """Work grows with the request (and the page), not with the registry."""
    from pytest_ses_verify._fake import SesVerification

    print("identities in one region (presets; the API would stop at 10,000):")
    print(
        f"{'registry':>10}   GetIdentityVerificationAttributes x100   ListIdentities, middle page"
    )
    baseline: tuple[float, float] | None = None
    for size in sizes:
        fake = SesVerification()
        fake._activate()
        ses = client()
        for n in range(size):
            fake.set_identity(f"user{n}@example.com", "Success", region=REGION)
        middle, step = "", min(1000, size // 2)
        for _ in range(size // 2 // step):  # page to the middle of the region
            more = {"NextToken": middle} if middle else {}
            middle = ses.list_identities(MaxItems=step, **more)["NextToken"]

        def get_hundred(ses: Any = ses) -> object:
            return ses.get_identity_verification_attributes(Identities=HUNDRED)

        def middle_page(ses: Any = ses, token: str = middle) -> object:
            return ses.list_identities(MaxItems=100, NextToken=token)

        get = per_call(get_hundred, max(calls // 4, 5), repeats)
        page = per_call(middle_page, max(calls // 4, 5), repeats)
        fake._deactivate()
        baseline = baseline or (get, page)
        print(
            f"{size:>10,}   {get * 1e6:10.1f}us ({get / baseline[0]:.2f}x)"
            f"{'':18}{page * 1e6:10.1f}us ({page / baseline[1]:.2f}x)"
        )
    print()


def print_dormant(s3_without: Any, calls: int, repeats: int, *, quick: bool) -> None:
    """The plugin wired in, no fake active: what it costs everything else."""
    s3_with = boto3.session.Session().client("s3", region_name=REGION)
    found = []
    for s3 in (s3_without, s3_with):
        stubber = Stubber(s3)
        stubber.activate()

        def call(s3: Any = s3, stubber: Stubber = stubber) -> object:
            stubber.add_response("list_buckets", {"Buckets": []})
            return s3.list_buckets()

        found.append(per_call(call, calls, repeats))
    print(
        "dormant: an S3 call (Stubber) with the plugin wired in / without: "
        f"{found[1] / found[0]:.2f} ({found[1] * 1e6:.1f}us vs {found[0] * 1e6:.1f}us)"
    )
    print(f"dormant: importing the plugin imports boto3: {_plugin_imports('boto3')}")
    print(f"dormant: importing the plugin imports botocore: {_plugin_imports('botocore')}")
    with_plugin, without = _startup(runs=2 if quick else 9)
    print(
        "dormant: pytest --collect-only on an empty directory: "
        f"{with_plugin * 1e3:.0f}ms with the plugin, {without * 1e3:.0f}ms with "
        f"-p no:ses_verify ({(with_plugin - without) * 1e3:+.1f}ms)"
    )


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
