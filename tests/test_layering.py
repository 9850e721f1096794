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


def _modules() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its ``__init__``)."""
    found: dict[str, Path] = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _edges(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules that ``name`` imports anywhere in it: at the top, inside
    functions and under ``TYPE_CHECKING`` alike; ``from . import x`` counts as ``x``."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = f"{base}.{node.module}" if base and node.module else node.module or base
            for alias in node.names:
                child = f"{module}.{alias.name}"
                found.add(child if child in modules else module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {edge for edge in found if edge in modules and edge != name}


def test_no_module_imports_itself_through_others_not_even_for_type_hints() -> None:
    modules = _modules()
    graph = {name: _edges(name, path, modules) for name, path in modules.items()}
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for edge in sorted(graph[name]):
            if state.get(edge) == 1:
                cycles.append([*path[path.index(edge) :], edge])
            elif edge not in state:
                visit(edge, [*path, edge])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_no_model_module_is_over_450_lines() -> None:
    long = {
        path.name: lines
        for path in (PACKAGE / "model").glob("*.py")
        if (lines := len(path.read_text().splitlines())) > 450
    }
    assert long == {}


def test_the_adapters_import_components_not_loose_names() -> None:
    """Each adapter names the model modules it translates, and few loose names."""
    for adapter in ("ses_v1.py", "ses_v2.py"):
        tree = ast.parse((PACKAGE / "api" / adapter).read_text())
        loose = [
            alias.name
            for node in tree.body
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("model.")
            for alias in node.names
        ]
        assert len(loose) <= 25, (adapter, loose)


def test_the_model_has_one_send_pipeline() -> None:
    """Every send goes through model.pipeline: no adapter appends to the outbox or checks a
    sender itself."""
    for adapter in ("ses_v1.py", "ses_v2.py"):
        text = (PACKAGE / "api" / adapter).read_text()
        assert "account.sending.send(" in text
        assert "outbox" not in text
        assert "check_sending" not in text
