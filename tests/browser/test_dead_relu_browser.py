"""/dead-relu in a real browser, in both languages: a preset sets the controls, the start button runs the three
networks in the worker pool, the polling fragment grows the dead-fraction curves while they train, the run ends by
itself (the fragment's final rerun draws the layer heatmap and the death-vs-sparsity chart) and nothing errs."""

from __future__ import annotations

import math
import time

import pytest

from swiglu.experiments.dead_relu import DeadConfig
from swiglu.i18n import t

from .conftest import HAVE_CHROMIUM, LANGS, SKIP_REASON

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not HAVE_CHROMIUM, reason=SKIP_REASON)]

LIVE = ":not([data-retained])"  # a rerun can keep a hidden copy of an element for a moment
POINTS_JS = f"""() => {{
  const gd = document.querySelector('.st-key-dead_curves_compare{LIVE} .js-plotly-plot');
  if (!gd || !gd.data) return 0;
  return Math.max(0, ...gd.data.map(tr => (tr.x || []).length));
}}"""


def button(tab, key: str):
    return tab.page.locator(f".st-key-{key}{LIVE} button:visible")


@pytest.mark.parametrize("lang", LANGS)
def test_kill_preset_run_grows_curves_and_ends_with_the_heatmap(tab, lang):
    tab.goto(f"/dead-relu?lang={lang}&dsteps=1500")
    tab.assert_no_error()
    assert t("dead.title", lang) == tab.title()
    button(tab, "dead_preset_kill").click()
    tab.settle()
    assert t("dead.preset.kill", lang) in tab.main_text()
    button(tab, "dead_run").click()

    seen, end = [], time.monotonic() + 120
    while time.monotonic() < end:
        n = tab.page.evaluate(POINTS_JS)
        if n and (not seen or n != seen[-1]):
            seen.append(n)
        if tab.page.locator(f".st-key-dead_map{LIVE} .js-plotly-plot").count():
            break  # the run ended: the final full rerun drew the layer's units × inputs
        time.sleep(0.1)
    assert len(set(seen)) >= 3 and seen == sorted(seen), f"curves did not grow: {seen} {tab.page.url}{tab.log_tail()}"
    tab.settle()
    assert tab.page.locator(f".st-key-dead_sparsity{LIVE} .js-plotly-plot").count() == 1
    records = 1 + math.ceil(1500 / DeadConfig(steps=1500).eval_every)  # step 0, then every eval_every steps
    assert seen[-1] <= records and tab.page.evaluate(POINTS_JS) == records
    text = tab.main_text()
    assert t("dead.fig_dead", lang, eps="0.01") in text and "ReLU" in text
    assert not button(tab, "dead_run").is_disabled() and button(tab, "dead_stop").is_disabled()
    before = tab.page.evaluate(POINTS_JS)
    time.sleep(1.5)
    assert tab.page.evaluate(POINTS_JS) == before  # nothing polls any more
    tab.assert_no_error()


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_opens_with_the_default_result_drawn_above_the_fold(open_tab, server, lang):
    """Nothing pressed: the default preset's curves are on screen, above the definition's formulas and inside the
    first 900 px. The run is shared by the server's sessions: a second visit draws it at once, complete. On the
    shared server, right after the runs of the test above: while the history script still stepped back over a
    first URL write during the load, such a page came back from the run's final rerun with every setting at its
    minimum (ui/browser.py)."""
    tab = open_tab(server)
    records = 1 + math.ceil(600 / DeadConfig().eval_every)
    for visit in range(2):
        tab.goto(f"/dead-relu?lang={lang}")
        tab.assert_no_error()
        end = time.monotonic() + 120
        while time.monotonic() < end and tab.page.evaluate(POINTS_JS) != records:
            time.sleep(0.2)
        points = tab.page.evaluate(POINTS_JS)
        assert points == records, f"visit {visit}: {points} {tab.page.url} {tab.main_text()[:1500]}"
        tab.settle()
        chart = tab.page.locator(f".st-key-dead_curves_compare{LIVE} .js-plotly-plot").bounding_box()
        formula = tab.page.locator(".katex").first.bounding_box()
        assert chart["y"] < 900 and chart["y"] < formula["y"], (chart, formula)
        assert t("dead.preset.healthy", lang) in tab.main_text()
        tab.assert_no_error()
