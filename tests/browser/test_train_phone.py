"""The training lab on a phone (390 × 844), with a run that diverges (SGD at learning rate 10 blows up within a
few steps): the results table says "diverged" and shows neither Python's None nor an accuracy for it, and every
chart the page then shows (data, loss curves, decision boundaries) fits the phone (test_pages' measurements)."""

from __future__ import annotations

import pytest

from swiglu.i18n import t

from .conftest import HAVE_CHROMIUM, SKIP_REASON
from .test_pages import PHONE, check_charts_fit_a_phone
from .test_train_browser import button

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not HAVE_CHROMIUM, reason=SKIP_REASON)]


@pytest.mark.parametrize("lang", ["zh"])
def test_a_diverged_run_on_a_phone(tab, lang):
    tab.page.set_viewport_size(PHONE)
    tab.goto(f"/train?lang={lang}&dataset=spiral&variants=relu,swiglu&opt=sgd&lr=10&steps=200", chart=True)
    button(tab, "train_start").click()
    table = tab.page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]')
    table.first.wait_for(state="visible", timeout=60_000)  # the results table: the run has ended
    tab.settle()
    tab.assert_no_error()
    charts = tab.page.locator('[data-testid="stMain"] .js-plotly-plot')
    assert charts.count() >= 3, "data, curves and at least one decision boundary"
    check_charts_fit_a_phone(tab, "/train")
    notes = tab.page.evaluate("""() => { const gd = document.querySelector('.st-key-train_curves .js-plotly-plot');
      return gd ? (gd.layout.annotations || []).map(a => a.text) : []; }""")
    relu = t("variant.relu", lang)
    marked = [n for n in notes if n.startswith(t("train.diverged_at", lang, name=relu, step=0)[:len(relu) + 2])]
    assert marked, f"the curves do not mark where FFN ReLU diverged: {notes}"
    # Glide's grid draws on a canvas; its accessibility table holds the visible cells as text
    cell = tab.page.locator('[data-testid="stMain"] [data-testid="stDataFrame"] table td')
    cell.first.wait_for(state="attached", timeout=20_000)  # the grid fills its accessibility table after drawing
    cells = cell.all_inner_texts()
    assert t("train.status.diverged", lang) in cells, cells
    assert "None" not in cells and "nan" not in [c.lower() for c in cells], cells
    tab.screenshot(f"train_{lang}_390_diverged")
