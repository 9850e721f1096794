"""Every Python example in the README and the docs (docs/*.md) runs, as a user would paste
it into a test file; the README stays short and the docs' links resolve (make docs)."""

from __future__ import annotations

import re
from pathlib import Path

import botocore
import botocore.session
import pytest
from botocore import xform_name

from pytest_ses_verify.api import ses_v1, ses_v2

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
PAGES = [README, *sorted((ROOT / "docs").glob("*.md"))]
TEST_NAME = re.compile(r"def (test_\w+)")
EXAMPLES = [
    pytest.param(block, id=f"{page.stem}:{TEST_NAME.findall(block)[0]}")
    for page in PAGES
    for block in re.findall(r"^ *```python\n(.*?)^ *```", page.read_text(), re.M | re.S)
    if "def test_" in block
]
MAX_README_WORDS = 4000  # issue 25: what it is, install, quick start, the fixture, a map


def test_the_readme_and_docs_have_examples() -> None:
    assert len(EXAMPLES) >= 6
    assert any(str(example.id).startswith("README:") for example in EXAMPLES)


def test_the_readme_is_short() -> None:
    assert len(README.read_text().split()) <= MAX_README_WORDS


def test_every_docs_page_is_in_the_navigation() -> None:
    nav = (ROOT / "mkdocs.yml").read_text()
    assert [page.name for page in PAGES[1:] if f" {page.name}" not in nav] == []


@pytest.mark.parametrize("example", EXAMPLES)
def test_readme_example_passes(pytester: pytest.Pytester, example: str) -> None:
    missing = _operations_botocore_lacks(example)
    if missing:  # the suite also runs against the lowest botocore the package supports
        pytest.skip(f"botocore {botocore.__version__} has no {', '.join(missing)}")
    pytester.makepyfile(test_example=_dedent(example))
    # Warnings are errors (the suite's filters, which the inner run's ini has).
    result = pytester.runpytest("--strict-markers", "-rs")
    outcomes = result.parseoutcomes()
    if set(outcomes) == {"skipped"}:  # a recipe whose packages are not installed
        reasons = [line for line in result.stdout.lines if line.startswith("SKIPPED")]
        pytest.skip(f"the example skipped itself: {' '.join(reasons)}")
    assert outcomes.get("passed", 0) == example.count("def test_"), result.stdout.str()
    assert set(outcomes) == {"passed"}, result.stdout.str()


def _operations_botocore_lacks(example: str) -> list[str]:
    """The SES operations the example calls that the installed botocore does not know."""
    session = botocore.session.get_session()
    known = {
        xform_name(name)
        for service in ("ses", "sesv2")
        for name in session.get_service_model(service).operation_names
    }
    ours = {xform_name(name) for table in (ses_v1.OPERATIONS, ses_v2.OPERATIONS) for name in table}
    called = set(re.findall(r"\.([a-z0-9_]+)\(", example))
    return sorted((called & ours) - known)


def _dedent(block: str) -> str:
    indent = min(len(line) - len(line.lstrip()) for line in block.splitlines() if line.strip())
    return "\n".join(line[indent:] for line in block.splitlines())
