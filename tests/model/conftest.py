"""The model's tests: the Handlebars conformance rate is reported at the end of the run."""

from __future__ import annotations

import pytest


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """handlebars.js's spec cases the renderer passes (computed here, so that it shows in
    every run, under xdist too, whatever subset ran)."""
    from .test_render_spec import CASES, _passes

    passed = sum(1 for case in CASES if _passes(case))
    terminalreporter.write_line(
        f"pytest-ses-verify: Handlebars conformance: {passed}/{len(CASES)} of "
        "handlebars.js's spec cases (tests/model/test_render_spec.py)"
    )
