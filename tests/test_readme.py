"""Every Python example in the README runs, as a user would paste it into a test file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
EXAMPLES = [
    block
    for block in re.findall(r"^ *```python\n(.*?)^ *```", README.read_text(), re.M | re.S)
    if "def test_" in block
]


def test_the_readme_has_examples() -> None:
    assert len(EXAMPLES) >= 6


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: re.findall(r"def (test_\w+)", e)[0])
def test_readme_example_passes(pytester: pytest.Pytester, example: str) -> None:
    pytester.makepyfile(test_example=_dedent(example))
    result = pytester.runpytest("--strict-markers", "-W", "error")
    outcomes = result.parseoutcomes()
    assert outcomes.get("passed", 0) == example.count("def test_"), result.stdout.str()
    assert set(outcomes) == {"passed"}, result.stdout.str()


def _dedent(block: str) -> str:
    indent = min(len(line) - len(line.lstrip()) for line in block.splitlines() if line.strip())
    return "\n".join(line[indent:] for line in block.splitlines())
