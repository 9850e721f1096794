"""Print the mutation score of the last `mutmut run` (used by `make mutate`)."""

from __future__ import annotations

import collections
import re
import subprocess
import sys


def main() -> int:
    out = subprocess.run(
        [sys.executable, "-m", "mutmut", "results", "--all", "true"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    outcomes = re.findall(r"^\s*(\S+): (killed|survived|no tests|timeout|suspicious)", out, re.M)
    if not outcomes:
        print("no mutation results: run `mutmut run` first", file=sys.stderr)
        return 1
    counts = collections.Counter(outcome for _, outcome in outcomes)
    total = sum(counts.values())
    print(f"mutants: {total}, " + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
    print(f"mutation score: {counts['killed'] / total:.1%} killed")
    survivors = collections.Counter(
        re.sub(r"__mutmut_\d+$", "", name).rsplit(".", 1)[-1]
        for name, outcome in outcomes
        if outcome != "killed"
    )
    for where, n in survivors.most_common():
        print(f"  not killed: {n:3} in {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
