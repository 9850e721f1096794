"""The layers depend downwards only: the model is pure, the two adapters are independent."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "pytest_ses_verify"


def test_the_model_imports_no_botocore_no_pytest_and_no_clock() -> None:
    modules = sorted(f"pytest_ses_verify.model.{p.stem}" for p in (PACKAGE / "model").glob("*.py"))
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = [m for m in ('botocore', 'boto3', 'pytest', 'pytest_ses_verify._clock')"
        " if m in sys.modules]\n"
        "print(loaded)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _imports(path: Path) -> set[str]:
    """The modules ``path`` imports, relative ones resolved against the package."""
    found: set[str] = set()
    package = path.parent.relative_to(PACKAGE.parent).as_posix().replace("/", ".")
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            found.add(f"{base}.{node.module}" if base and node.module else node.module or base)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_the_api_adapters_do_not_import_each_other() -> None:
    v1, v2 = PACKAGE / "api" / "ses_v1.py", PACKAGE / "api" / "ses_v2.py"
    assert "pytest_ses_verify.api.ses_v1" not in _imports(v2)
    assert "pytest_ses_verify.api.ses_v2" not in _imports(v1)


def test_nothing_in_the_model_imports_upwards() -> None:
    for path in (PACKAGE / "model").glob("*.py"):
        upward = {
            name
            for name in _imports(path)
            if name.startswith("pytest_ses_verify.")
            and not name.startswith("pytest_ses_verify.model")
        }
        assert upward == set(), path.name
