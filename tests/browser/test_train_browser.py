"""The training lab in a real browser, in both languages: the start button starts a run, the loss curves grow
while it trains (the polling fragment redraws them), the stop button pauses it, the chart then stops changing
(the polling ended) and no error element appears."""

from __future__ import annotations

import time

import pytest

from swiglu.i18n import t

from .conftest import HAVE_CHROMIUM, LANGS, SKIP_REASON

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not HAVE_CHROMIUM, reason=SKIP_REASON)]

# A rerun can briefly keep a hidden, "retained" copy of an element: read and click only the live one.
LIVE = ":not([data-retained])"
POINTS_JS = f"""() => {{
  const gd = document.querySelector('.st-key-train_curves{LIVE} .js-plotly-plot');
  if (!gd || !gd.data) return 0;
  return Math.max(0, ...gd.data.map(tr => (tr.x || []).length));
}}"""
CHART_TEXT_JS = f"""() => {{
  const el = document.querySelector('.st-key-train_curves{LIVE} .js-plotly-plot');
  return el ? el.textContent : '';
}}"""


def button(tab, key: str):
    return tab.page.locator(f".st-key-{key}{LIVE} button:visible")


def prefix(key: str, lang: str, **fields) -> str:
    """The text of `key` up to its first placeholder, as rendered (markdown bold removed)."""
    return t(key, lang, **{k: "\x00" for k in fields}).split("\x00")[0].replace("**", "")


def points(tab) -> int:
    return tab.page.evaluate(POINTS_JS)


@pytest.mark.parametrize("lang", LANGS)
def test_a_run_grows_the_loss_curves_and_stops(tab, lang):
    tab.goto(f"/train?lang={lang}&dataset=spiral&variants=relu,swiglu&steps=10000", chart=True)
    tab.assert_no_error()
    assert button(tab, "train_stop").is_disabled()
    button(tab, "train_start").click()

    seen, end = [], time.monotonic() + 60
    while time.monotonic() < end and len(set(seen)) < 4:  # several redraws, each with more points
        n = points(tab)
        if n and (not seen or n != seen[-1]):
            seen.append(n)
        time.sleep(0.1)
    assert len(set(seen)) >= 4 and seen == sorted(seen), f"loss curves did not grow: {seen}{tab.log_tail()}"
    # The legend speaks the page's language. Streamlit rebuilds the chart on every data change, so for a moment
    # there may be no chart element at all: wait for one whose text has the label, rather than sampling once.
    label = t("train.split.test", lang)
    # (wait_for_function fails the test with a TimeoutError if the label never shows)
    tab.page.wait_for_function(f"(label) => ({CHART_TEXT_JS})().includes(label)", arg=label, timeout=10_000)
    tab.assert_no_error()

    button(tab, "train_stop").click()
    paused = prefix("train.paused", lang, step=0)
    tab.page.wait_for_function("(p) => document.querySelector('[data-testid=\"stMain\"]').innerText.includes(p)",
                               arg=paused, timeout=30_000)  # fmt: skip
    tab.settle()  # the DOM goes quiet: nothing polls any more
    before = points(tab)
    time.sleep(1.5)
    assert points(tab) == before > seen[-1] - 1, "the chart kept changing after the run stopped"
    assert not button(tab, "train_start").is_disabled() and button(tab, "train_stop").is_disabled()
    tab.assert_no_error()
