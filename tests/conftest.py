"""Skips are loud, and under CI=true they fail.

A skipped test is a test that did not run: on a machine without nginx or chromium, a whole suite can pass while
testing nothing of the deployment or the browser. So the summary ends with one line per skip reason, and when
CI=true (GitHub Actions and most CI systems set it; `.ci/run` sets it too) every skip is a failure, except the
few that depend on the configuration being tested rather than on a missing tool:

- test_faults' queue test skips on a machine with more than two cores, where the pool runs two jobs at once and
  nothing queues: there is nothing to test, on any CI machine of that size;
- test_paper_data's checks against the facts sheet skip where ../shared/facts.md is absent: the sheet lives
  beside the repository, not in it, so a fresh clone cannot have it.
nginx, chromium, websocket-client and the pages themselves are installed by `.ci/run` and must be there.
"""

from __future__ import annotations

import os
from collections import Counter

import pytest

pytest_plugins = ("pytester",)  # tests/test_ci_skips.py runs a small suite under these hooks

# Substrings of the skip reasons that are legitimately conditional (see the module docstring).
CONDITIONAL_SKIPS = (
    "more than one worker",  # tests/load/test_faults.py, MULTI_WORKER
    "facts.md is not present",  # tests/test_paper_data.py, the facts sheet outside the repository
)


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def _reason(report: pytest.TestReport | pytest.CollectReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:  # (path, line, "Skipped: reason")
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr)


def _must_run(report: pytest.TestReport | pytest.CollectReport) -> bool:
    return (report.skipped and not hasattr(report, "wasxfail")
            and not any(s in _reason(report) for s in CONDITIONAL_SKIPS))


def _fail(report: pytest.TestReport | pytest.CollectReport) -> None:
    report.longrepr = f"skipped while CI=true, which must run everything: {_reason(report)}"
    report.outcome = "failed"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if _in_ci() and _must_run(report):
        _fail(report)


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    outcome = yield
    report = outcome.get_result()  # a module-level importorskip / pytest.skip(allow_module_level=True)
    if _in_ci() and _must_run(report):
        _fail(report)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    skipped = terminalreporter.stats.get("skipped", [])
    if not skipped:
        return
    reasons = Counter(_reason(r) for r in skipped)
    terminalreporter.section(f"{len(skipped)} TESTS SKIPPED: they did not run", sep="!", yellow=True, bold=True)
    for reason, n in reasons.most_common():
        terminalreporter.line(f"  {n:4d} × {reason}", yellow=True)
    if not _in_ci():
        terminalreporter.line("  (with CI=true these fail, except the configuration-dependent skips listed in "
                              "tests/conftest.py)", yellow=True)
