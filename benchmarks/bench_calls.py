"""Cost per SES call: botocore's floor, the fake, botocore's Stubber and moto, side by side.

Run with ``make bench`` (or ``python benchmarks/bench_calls.py [--quick]``). Everything
is measured in this one process, in one run, and reported as ratios: absolute
numbers depend on the machine, ratios much less.

Contenders, each answering the same sequence of SES calls:

* floor   - a client whose ``before-call`` handler returns a prebuilt answer: what
            botocore itself costs per call when nothing is faked;
* fake    - pytest-ses-verify's fake;
* stubber - botocore's Stubber, with the equivalent canned responses queued per call;
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
from typing import Any

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

SEQUENCE: list[tuple[str, Call]] = [
    ("VerifyDomainIdentity", lambda c: c.verify_domain_identity(Domain="example.com")),
    (
        "GetIdentityVerificationAttributes x1",
        lambda c: c.get_identity_verification_attributes(Identities=["example.com"]),
    ),
    (
        "GetIdentityVerificationAttributes x100",
        lambda c: c.get_identity_verification_attributes(Identities=HUNDRED),
    ),
    ("ListIdentities", lambda c: c.list_identities()),
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


def client(session: Any = None) -> Any:
    return (session or botocore.session.Session()).create_client("ses", region_name=REGION)


def canned(ses: Any) -> dict[str, dict[str, Any]]:
    """What each call of the sequence answers, taken from the fake itself."""
    answers = {}
    for name, call in SEQUENCE:
        response = dict(call(ses))  # type: ignore[call-overload]
        response.pop("ResponseMetadata")
        answers[name] = response
    return answers


def floor_client(answers: dict[str, dict[str, Any]]) -> Any:
    floor = client()
    by_operation = {name.split(" ")[0]: answer for name, answer in answers.items()}
    http = AWSResponse(None, 200, {}, None)

    def prebuilt(model: Any, **_: Any) -> tuple[AWSResponse, dict[str, Any]]:
        answer = by_operation.get(model.name, {})
        if model.name == "GetIdentityVerificationAttributes":
            answer = answers["GetIdentityVerificationAttributes x1"]
        return http, {**answer, "ResponseMetadata": {"HTTPStatusCode": 200}}

    floor.meta.events.register("before-call.ses", prebuilt)
    return floor


def sequence_costs(
    target: Any, calls: int, repeats: int, before: Callable[[str], None] | None = None
) -> dict[str, float]:
    costs = {}
    for name, call in SEQUENCE:
        if (
            name == "GetIdentityVerificationAttributes x100"
            and before is None
            and (getattr(target, "_is_floor", False))
        ):
            continue

        def one(call: Call = call, name: str = name) -> object:
            if before is not None:
                before(name)
            return call(target)

        costs[name] = per_call(one, calls, repeats)
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: few calls")
    args = parser.parse_args()
    calls, repeats = (20, 2) if args.quick else (2000, 7)

    # Clients made before the plugin is wired in: what botocore costs on its own.
    from pytest_ses_verify import _botocore
    from pytest_ses_verify._verification import SesVerification

    plain_stubbed = client()
    dormant_s3_before = boto3.session.Session().client("s3", region_name=REGION)

    _botocore.install()
    import botocore.handlers

    _botocore._add_to(botocore.handlers)  # the hook already fired in this process

    fake = SesVerification()
    fake._activate()
    ses = client()
    for address in HUNDRED:
        fake.set_identity(address, "Success", region=REGION)
    answers = canned(ses)

    results: dict[str, dict[str, float]] = {}
    results["fake"] = sequence_costs(ses, calls, repeats)
    fake._deactivate()

    floor = floor_client(answers)
    results["floor"] = sequence_costs(floor, calls, repeats)

    stubber = Stubber(plain_stubbed)
    stubber.activate()
    methods = {
        "VerifyDomainIdentity": "verify_domain_identity",
        "GetIdentityVerificationAttributes x1": "get_identity_verification_attributes",
        "GetIdentityVerificationAttributes x100": "get_identity_verification_attributes",
        "ListIdentities": "list_identities",
    }
    results["stubber"] = sequence_costs(
        plain_stubbed,
        calls,
        repeats,
        before=lambda name: stubber.add_response(methods[name], answers[name]),
    )

    try:
        from moto import mock_aws
    except ImportError:
        mock_aws = None
    if mock_aws is not None:
        with mock_aws():
            moto_ses = client()
            for address in HUNDRED:
                moto_ses.verify_email_identity(EmailAddress=address)
            results["moto"] = sequence_costs(moto_ses, max(calls // 20, 5), min(repeats, 3))

    print_table(results)
    print_scaling(calls, repeats)
    print_dormant(dormant_s3_before, calls, repeats, quick=args.quick)


def print_table(results: dict[str, dict[str, float]]) -> None:
    contenders = [c for c in ("floor", "fake", "stubber", "moto") if c in results]
    print(
        f"pytest-ses-verify benchmark, {date.today()}, Python {platform.python_version()}, "
        f"botocore {version('botocore')}, moto {_version('moto')}"
    )
    print()
    header = f"{'call':40}" + "".join(f"{c:>12}" for c in contenders)
    print(header + f"{'fake/floor':>12}{'stubber/fake':>14}{'moto/fake':>11}")
    for name, _ in SEQUENCE:
        row = f"{name:40}" + "".join(f"{results[c][name] * 1e6:10.1f}us" for c in contenders)
        fake = results["fake"][name]
        row += f"{fake / results['floor'][name]:12.2f}{results['stubber'][name] / fake:14.2f}"
        row += f"{results['moto'][name] / fake:11.1f}" if "moto" in results else f"{'-':>11}"
        print(row)
    print()


def print_scaling(calls: int, repeats: int) -> None:
    """Work grows with the request (and the page), not with the registry."""
    from pytest_ses_verify._verification import SesVerification

    print("identities in the region (presets; the API would stop at 10,000):")
    print("registry size   GetIdentityVerificationAttributes x100   ListIdentities page of 100")
    baseline: tuple[float, float] | None = None
    for size in (1_000, 100_000):
        fake = SesVerification()
        fake._activate()
        ses = client()
        for n in range(size):
            fake.set_identity(f"user{n}@example.com", "Success", region=REGION)
        middle, step = "", min(1000, size // 2)
        for _ in range(size // 2 // step):  # page to the middle of the region
            kwargs = {"NextToken": middle} if middle else {}
            middle = ses.list_identities(MaxItems=step, **kwargs)["NextToken"]
        get = per_call(
            lambda ses=ses: ses.get_identity_verification_attributes(Identities=HUNDRED),
            calls // 4,
            repeats,
        )
        page = per_call(
            lambda ses=ses, token=middle: ses.list_identities(MaxItems=100, NextToken=token),
            calls // 4,
            repeats,
        )
        fake._deactivate()
        baseline = baseline or (get, page)
        print(
            f"{size:>13,}   {get * 1e6:10.1f}us ({get / baseline[0]:.2f}x)"
            f"{'':18}{page * 1e6:10.1f}us ({page / baseline[1]:.2f}x)"
        )
    print()


def print_dormant(s3_before: Any, calls: int, repeats: int, *, quick: bool) -> None:
    """The plugin installed, no fake active: what it costs everything else."""
    s3_after = boto3.session.Session().client("s3", region_name=REGION)
    costs = []
    for s3 in (s3_before, s3_after):
        stubber = Stubber(s3)
        stubber.activate()

        def call(s3: Any = s3, stubber: Stubber = stubber) -> object:
            stubber.add_response("list_buckets", {"Buckets": []})
            return s3.list_buckets()

        costs.append(per_call(call, calls, repeats))
    print(
        f"dormant: S3 call (Stubber) with the plugin wired in / without: "
        f"{costs[1] / costs[0]:.2f} ({costs[0] * 1e6:.1f}us vs {costs[1] * 1e6:.1f}us)"
    )
    print(f"dormant: importing the plugin imports boto3: {_plugin_imports_boto3()}")
    with_plugin, without = _startup(runs=2 if quick else 9)
    print(
        f"dormant: pytest --collect-only start-up on an empty directory: "
        f"{with_plugin * 1e3:.0f}ms with the plugin, {without * 1e3:.0f}ms with -p no:ses_verify "
        f"(+{(with_plugin - without) * 1e3:.1f}ms)"
    )


def _plugin_imports_boto3() -> bool:
    code = "import sys, pytest_ses_verify.plugin; print('boto3' in sys.modules)"
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
