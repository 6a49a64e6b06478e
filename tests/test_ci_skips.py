"""tests/conftest.py: a skip is loud in the summary, and with CI=true it fails unless it depends on configuration."""

import pathlib

import pytest

CONFTEST = pathlib.Path(__file__).with_name("conftest.py").read_text(encoding="utf-8")
TESTS = '''
import pytest

def test_runs():
    pass

@pytest.mark.skipif(True, reason="/usr/sbin/nginx missing")
def test_needs_a_tool():
    pass

@pytest.mark.skipif(True, reason="more than one worker: two jobs run at once")
def test_depends_on_the_machine():
    pass

def test_skips_inside():
    pytest.skip("../shared/facts.md is not present here")
'''


@pytest.fixture
def suite(pytester):
    pytester.makeconftest(CONFTEST.replace('pytest_plugins = ("pytester",)\n', ""))
    pytester.makepyfile(test_demo=TESTS)
    return pytester


def test_skips_are_listed_by_reason(suite, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    result = suite.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, skipped=3)
    result.stdout.fnmatch_lines(["*3 TESTS SKIPPED: they did not run*", "*1 × /usr/sbin/nginx missing*"])


def test_under_ci_a_missing_tool_fails_and_configuration_skips_stay(suite, monkeypatch):
    monkeypatch.setenv("CI", "true")
    result = suite.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, skipped=2, errors=1)
    result.stdout.fnmatch_lines(["*skipped while CI=true*nginx missing*"])
    assert result.ret != 0
