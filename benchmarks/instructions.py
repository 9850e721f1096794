"""Machine instructions per SES call: botocore's floor, the fake and botocore's Stubber.

``make bench-instructions`` (or ``python benchmarks/instructions.py [ROW ...]``) runs
each contender of each row of ``bench_calls.py`` in a process of its own under
valgrind's callgrind, counting only the instructions executed inside the measured
loop. Unlike the timings of ``make bench``, the counts are the same on a busy machine
and a quiet one (they include the C code the interpreter runs, which the bytecode
count of ``make bench`` does not); unlike a timing, they do not count what memory
costs (cache misses), so they complement ``make bench`` and do not replace it. It
needs valgrind (``apt-get install valgrind``); each row takes about a minute.
"""

from __future__ import annotations

import argparse
import collections
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

CALLS = 200
WARM_UP = 50
WHO = ("floor", "fake", "stubber")


def child(name: str, who: str, calls: int) -> None:
    """Set up every contender of one row as ``make bench`` does, then run ``who``'s call:
    warmed up, then ``calls`` times inside ``collections.deque`` (the one function the
    count is taken in, called as a method so that its own symbol runs)."""
    sys.path.insert(0, str(Path(__file__).parent))
    import bench_calls as bench
    from botocore.stub import Stubber

    row = next(r for r in bench.ROWS if r.name == name)
    floor_client, stubbed = bench.client(row.service), bench.client(row.service)
    from pytest_ses_verify import _wiring
    from pytest_ses_verify._fake import SesVerification

    for bare in (floor_client, stubbed):  # botocore on its own, as in make bench
        for event, _, _ in _wiring.HANDLERS:
            bare.meta.events.unregister(event, unique_id=f"pytest-ses-verify:{event}")
    stubber = Stubber(stubbed)
    stubber.activate()
    with SesVerification(send_quota=(-1, 1_000_000)) as fake:
        fake.set_identity(
            "example.com", "Success", region=bench.REGION, mail_from="mail.example.com"
        )
        for address in bench.HUNDRED:
            fake.set_identity(address, "Success", region=bench.REGION)
        fakes = {"ses": bench.client("ses"), "sesv2": bench.client("sesv2")}
        bench.prepare(fake, fakes["sesv2"])
        answer: dict[str, Any] = dict(row.call(fakes[row.service]))  # type: ignore[call-overload]
        answer.pop("ResponseMetadata")
        floor = bench.floor_client(row, answer, floor_client)

        def stubbed_call(_: int) -> object:
            stubber.add_response(row.method, answer)
            return row.call(stubbed)

        calls_of = {
            "floor": lambda _: row.call(floor),
            "fake": lambda _: row.call(fakes[row.service]),
            "stubber": stubbed_call,
        }
        call = calls_of[who]
        for n in range(WARM_UP):
            call(n)
        collections.deque[object](maxlen=0).extend(map(call, range(calls)))


def count(name: str, who: str, calls: int, valgrind: str) -> float:
    """Instructions per call of ``who`` in row ``name``."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder, "callgrind.out")
        command = [
            valgrind,
            "--tool=callgrind",
            "--collect-atstart=no",
            "--toggle-collect=deque_extend",
            f"--callgrind-out-file={out}",
            sys.executable,
            __file__,
            "--child",
            name,
            who,
            str(calls),
        ]
        subprocess.run(command, capture_output=True, check=True, env={**os.environ})
        for line in out.read_text().splitlines():
            if line.startswith(("summary:", "totals:")):
                return int(line.split()[1]) / calls
    raise RuntimeError(f"callgrind wrote no totals for {name} ({who})")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("rows", nargs="*", help="row names (default: every row)")
    parser.add_argument("--calls", type=int, default=CALLS)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        name, who, calls = args.child
        child(name, who, int(calls))
        return
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_calls import ROWS

    names = args.rows or [row.name for row in ROWS]
    unknown = [n for n in names if n not in {row.name for row in ROWS}]
    if unknown:
        sys.exit(f"no such row: {', '.join(unknown)} (rows: {', '.join(r.name for r in ROWS)})")
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        sys.exit("benchmarks/instructions.py needs valgrind: apt-get install valgrind")
    print(f"machine instructions per call (callgrind, {args.calls} calls after {WARM_UP})")
    print(f"{'':40}{'floor':>10}{'fake':>10}{'stubber':>10}   fake/floor   stubber/fake")
    for name in names:
        found = {who: count(name, who, args.calls, valgrind) for who in WHO}
        floor, fake, stubber = (found[who] for who in WHO)
        print(
            f"{name:40}{floor / 1e3:9.0f}k{fake / 1e3:9.0f}k{stubber / 1e3:9.0f}k"
            f"   {fake / floor:10.2f}   {stubber / fake:12.2f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
