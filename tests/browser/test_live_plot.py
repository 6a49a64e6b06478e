"""The live plot (ui/live_plot.py + live_plot.js) in a real browser: a drag redraws before release, in both
languages; the URL carries β after release; the keyboard steps it; every series the browser draws agrees with
swiglu/ number by number at 21 β values; a hostile formula never reaches the page; a language switch and a rerun
keep the student's value; a teacher's hidden β stays hidden; a phone gets the legend below the plot."""

from __future__ import annotations

import json
from urllib.parse import quote

import numpy as np
import pytest
import torch

from swiglu import analysis
from swiglu.activations import GATES, gelu, swish, swish_derivative
from swiglu.formula import evaluate_curve
from swiglu.i18n import t

from .conftest import HAVE_CHROMIUM, SKIP_REASON, query_of

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not HAVE_CHROMIUM, reason=SKIP_REASON)]

RANGE = ".swl-range"
BETAS = [0.0, 0.05, 0.1, 0.25, 0.37, 0.5, 0.75, 1.0, 1.25, 1.5, 1.702, 2.0, 2.5, 3.0, 3.333, 4.0, 5.0, 6.5, 7.77,
         9.0, 10.0]
FORMULA = ("x*tanh(softplus(beta*x)) + erf(x)/3 - max(x, -x/2) + abs(x)^1.5 + sin(x)*cos(beta) "
           "- min(sigmoid(x), exp(-x^2)) + log(1 + x^2) + sqrt(abs(x) + 1) - 1/(1 + x^2)")

# The drawn state of every live chart: each trace's name, x, y (or z), and the layout's title/shapes/annotations.
_DRAWN = """
() => [...document.querySelectorAll('.swl-plot')].map(gd => ({
  data: gd.data.map(tr => ({name: tr.name, live: tr.meta && tr.meta.live ? tr.meta.live.op : null,
    x: tr.x ? Array.from(tr.x) : null, y: tr.y ? Array.from(tr.y) : null,
    z: tr.z ? Array.from(tr.z, row => Array.from(row)) : null})),
  title: gd.layout.title && gd.layout.title.text,
  shapes: (gd.layout.shapes || []).map(s => ({x0: s.x0, x1: s.x1, y0: s.y0, visible: s.visible})),
  notes: (gd.layout.annotations || []).map(a => ({text: a.text, visible: a.visible})),
}))
"""
# Move the slider as a pointer would (an `input` event), then wait two frames: the redraw is on the next one.
_SET = """
async (v) => { const r = document.querySelector('.swl-range'); r.value = String(v);
  r.dispatchEvent(new Event('input', {bubbles: true}));
  await new Promise(ok => requestAnimationFrame(() => requestAnimationFrame(ok))); }
"""


def _drawn(tab) -> list[dict]:
    return tab.page.evaluate(_DRAWN)


def _live(tab, op: str, chart: int = 0) -> list[dict]:
    return [tr for tr in _drawn(tab)[chart]["data"] if tr["live"] == op]


def _max_err(got, want) -> float:
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    assert got.shape == want.shape
    assert np.array_equal(np.isnan(got), np.isnan(want)), "gaps (NaN) in different places"
    ok = ~np.isnan(want)
    return float(np.max(np.abs(got[ok] - want[ok]))) if ok.any() else 0.0


def _open(tab, path: str) -> None:
    tab.goto(path)
    tab.page.wait_for_selector(".swl-plot .main-svg", state="visible", timeout=30_000)
    tab.settle()


def _open_formula(tab, path: str) -> None:
    """Open a page with FORMULA; once more if the server's first formula of the process ran over the formula's
    time budget (swiglu.formula.evaluate_curve: torch's first calls of erf/softplus, on a loaded machine)."""
    _open(tab, path)
    if tab.page.locator('[data-testid="stAlertContentError"]').count():
        _open(tab, path)
    assert not tab.page.locator('[data-testid="stAlertContentError"]').count()


def _thumb(tab):
    r = tab.page.locator(RANGE)
    box = r.bounding_box()
    lo, hi, v = float(r.get_attribute("min")), float(r.get_attribute("max")), float(r.input_value())
    return box["x"] + 8 + (v - lo) / (hi - lo) * (box["width"] - 16), box["y"] + box["height"] / 2


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_drag_redraws_before_release_and_the_url_follows_on_release(tab, lang):
    _open(tab, f"/swish?lang={lang}")
    label = tab.page.locator(".swl-label")
    assert label.is_visible() and t("set.beta", lang) in label.inner_text()
    before = _live(tab, "swish")[0]
    url_before = tab.page.url
    x, y = _thumb(tab)
    tab.page.mouse.move(x, y)
    tab.page.mouse.down()
    seen = []
    for i in range(1, 9):
        tab.page.mouse.move(x + 12 * i, y)
        tab.page.wait_for_timeout(60)
        seen.append(_live(tab, "swish")[0]["y"])
    # still held: the chart moved with the pointer, the server has heard nothing yet
    assert tab.page.url == url_before
    assert sum(a != b for a, b in zip([before["y"], *seen], seen, strict=False)) >= 6, "the curve did not follow"
    held = float(tab.page.locator(RANGE).input_value())
    assert held > 1.2
    drawn = _live(tab, "swish")[0]
    assert drawn["name"] == t("swish.current", lang, beta=f"{held:.4g}")
    assert _max_err(drawn["y"], swish(torch.tensor(drawn["x"], dtype=torch.float64), held).numpy()) <= 1e-9
    tab.page.mouse.up()
    tab.page.wait_for_function("(u) => location.href !== u", arg=url_before, timeout=15_000)
    tab.settle()
    tab.assert_no_error()
    released = float(tab.page.locator(RANGE).input_value())
    assert released == pytest.approx(round(held / 0.05) * 0.05)  # snapped to the setting's step on release
    assert float(query_of(tab.page.url)["beta"][0]) == pytest.approx(released)
    # the server side followed in the same round trip: the metric shows x* = c/β for the released β
    x_star = analysis.swish_minimum(released)[0]
    assert f"{x_star:.10f}" in tab.main_text()


def test_keyboard_steps_and_aria(tab):
    _open(tab, "/swish?lang=zh")
    r = tab.page.locator(RANGE)
    r.focus()
    for key, want in [("ArrowRight", 1.05), ("ArrowUp", 1.1), ("ArrowLeft", 1.05), ("ArrowDown", 1.0),
                      ("PageUp", 1.5), ("PageDown", 1.0), ("End", 10.0), ("Home", 0.0)]:
        tab.page.keyboard.press(key)
        assert float(r.input_value()) == pytest.approx(want), key
        assert r.get_attribute("aria-valuetext") == t("live.valuetext", "zh", name=t("set.beta", "zh"),
                                                       value=f"{want:.4g}")
        tab.page.wait_for_function("(n) => document.querySelector('.swl-plot').data.at(-2).name === n",
                                   arg=t("swish.current", "zh", beta=f"{want:.4g}"), timeout=5_000)
    tab.page.wait_for_function("() => new URLSearchParams(location.search).get('beta') === '0.0'", timeout=15_000)
    tab.settle()
    tab.assert_no_error()
    # at β = 0 the minimum's marks are hidden and the metrics row gives way to one note
    assert not [s for s in _drawn(tab)[0]["shapes"] if s["visible"]]
    assert t("swish.minimum_none", "zh") in tab.main_text()
    assert r.evaluate("e => getComputedStyle(e).outlineStyle") != "none"  # the focus ring


def test_every_drawn_swish_series_agrees_with_the_core(tab):
    _open_formula(tab, f"/swish?lang=en&f={quote(FORMULA)}")
    c, m = analysis.swish_minimum(1.0)
    for beta in BETAS:
        tab.page.evaluate(_SET, beta)
        (fig,) = _drawn(tab)
        live = {}
        for tr in fig["data"]:
            live.setdefault(tr["live"], []).append(tr)
        x = torch.tensor(live["swish"][0]["x"], dtype=torch.float64)
        assert _max_err(live["swish"][0]["y"], swish(x, beta).numpy()) <= 1e-9, beta
        f, df = live["formula"]
        want_f, want_df = evaluate_curve(FORMULA, x, beta, time_budget_s=60)  # the reference: no time limit
        assert _max_err(f["y"], want_f.numpy()) <= 1e-9, beta
        assert _max_err(df["y"], want_df.numpy()) <= 1e-9, beta
        (point,) = live["point"]
        minimum = analysis.swish_minimum(beta)
        if minimum is None:
            assert point["x"] == [] and not any(s["visible"] for s in fig["shapes"])
        else:
            assert abs(point["x"][0] - minimum[0]) <= 1e-9 and abs(point["y"][0] - minimum[1]) <= 1e-9
            floor = fig["shapes"][1]
            assert floor["visible"] and abs(floor["y0"] - m / beta) <= 1e-12
            assert fig["notes"][1]["text"] == t("swish.ray_region", "en", fmin=f"{minimum[1]:.4g}")
            assert fig["shapes"][0]["visible"] == (minimum[0] >= -6.0)
        assert abs(c) > 1  # the marks come from the core's numbers, not typed in


def test_the_math_library_agrees_with_the_core_gelu_and_gates(tab):
    _open(tab, "/swish?lang=en")
    x = torch.linspace(-12, 12, 4001, dtype=torch.float64)
    got = tab.page.evaluate("""(xs) => { const L = window.swigluLive;
      return {gelu: xs.map(L.gelu), erf: xs.map(L.erf), sig: xs.map(L.sigmoid),
              gates: Object.fromEntries(Object.keys(L.GATES).map(g => [g, xs.map(a => L.GATES[g](a, 1.7))])),
              dswish: xs.map(v => L.swishDerivative(v, 0.8))}; }""", x.tolist())
    assert _max_err(got["gelu"], gelu(x).numpy()) <= 1e-7
    assert _max_err(got["erf"], torch.special.erf(x).numpy()) <= 1e-12
    assert _max_err(got["sig"], torch.sigmoid(x).numpy()) <= 1e-12
    assert _max_err(got["dswish"], swish_derivative(x, 0.8).numpy()) <= 1e-12
    assert sorted(got["gates"]) == sorted(GATES)
    for g, fn in GATES.items():
        assert _max_err(got["gates"][g], fn(x, 1.7).numpy()) <= (1e-7 if g == "geglu" else 1e-12), g


def test_glu_surface_and_slice_follow_beta_as_the_core_computes_them(tab):
    _open(tab, "/glu?lang=zh&gate=swiglu&bval=-1.5")
    for beta in BETAS:
        tab.page.evaluate(_SET, beta)
        heat, slices = _drawn(tab)
        (surface,) = [tr for tr in heat["data"] if tr["live"] == "surface"]
        a = torch.tensor(surface["x"], dtype=torch.float64)
        b = torch.tensor(surface["y"], dtype=torch.float64)
        want = GATES["swiglu"](a.unsqueeze(0), beta) * b.unsqueeze(1)
        assert _max_err(surface["z"], want.numpy()) <= 1e-9, beta
        assert f"β = {beta:.3g}" in heat["title"]
        (sl,) = [tr for tr in slices["data"] if tr["live"] == "gate"]
        a = torch.tensor(sl["x"], dtype=torch.float64)
        assert _max_err(sl["y"], (swish(a, beta) * -1.5).numpy()) <= 1e-9, beta
        others = [tr for tr in slices["data"] if tr["live"] is None]
        assert len(others) == 4  # the other gates do not depend on β and stay the server's


def test_gradients_swish_derivatives_follow_beta(tab):
    _open(tab, "/gradients?lang=en&xrange=8")
    c = analysis.silu_minimum_point()
    for beta in BETAS:
        tab.page.evaluate(_SET, beta)
        fig = _drawn(tab)[0]
        dswish = [tr for tr in fig["data"] if tr["live"] == "dswish"]
        assert len(dswish) == 2  # autograd's Swish_β′ and the closed formula on top of it
        for tr in dswish:
            x = torch.tensor(tr["x"], dtype=torch.float64)
            assert _max_err(tr["y"], swish_derivative(x, beta).numpy()) <= 1e-9, beta
        neg, big = fig["shapes"][:2]
        assert neg["visible"] == (beta > 0 and c / beta > -8)
        if neg["visible"]:
            assert abs(neg["x1"] - c / beta) <= 1e-12 and abs(big["x0"] + c / beta) <= 1e-12


HOSTILE = ["__import__('os').system('id')", "x+alert(1)", "fetch('http://x')", "constructor.constructor('1')()",
           "lambda: 1"]


@pytest.mark.parametrize("formula", HOSTILE)
def test_a_hostile_formula_never_reaches_the_browser(tab, formula):
    _open(tab, f"/swish?lang=en&f={quote(formula)}")
    # the rejection is an error message in the page (not a traceback), and nothing of the text is drawn
    assert tab.page.locator('[data-testid="stAlertContentError"]').count() == 1
    drawn = tab.page.evaluate("() => JSON.stringify([...document.querySelectorAll('.swl-plot')]"
                              ".map(gd => [gd.data.map(tr => tr.meta || null), gd.layout.meta || null]))")
    assert "formula" not in drawn and formula[:20] not in drawn
    assert not tab.page_errors and not tab.dialogs


def test_only_allow_listed_nodes_reach_the_browser(tab):
    _open_formula(tab, f"/swish?lang=en&f={quote(FORMULA)}")
    trees = tab.page.evaluate("() => document.querySelector('.swl-plot').data.filter(tr => tr.meta && "
                              "tr.meta.live.op === 'formula').map(tr => JSON.stringify(tr.meta.live.tree))")
    assert len(trees) == 2
    allowed = {"num", "var", "neg", "op", "a", "b", "pow", "p", "fn", "args"}

    def walk(node):
        assert set(node) <= allowed, node
        for v in node.values():
            for child in (v if isinstance(v, list) else [v]):
                if isinstance(child, dict):
                    walk(child)

    for tree in trees:
        walk(json.loads(tree))


def test_the_value_survives_a_language_switch_and_a_rerun(tab):
    _open(tab, "/swish?lang=en")
    r = tab.page.locator(RANGE)
    r.focus()
    for _ in range(4):
        tab.page.keyboard.press("PageUp")
    tab.page.wait_for_function("() => new URLSearchParams(location.search).get('beta') === '3.0'", timeout=15_000)
    tab.settle()
    picker = tab.page.locator('[data-testid="stSidebar"] [data-testid="stButtonGroup"]')
    picker.locator("button", has_text="中文").click()
    tab.page.wait_for_function("(want) => document.querySelector('[data-testid=\"stMain\"] h1')?.innerText === want",
                               arg=t("swish.title", "zh"))
    tab.settle()
    assert float(r.input_value()) == pytest.approx(3.0)
    assert query_of(tab.page.url)["beta"] == ["3.0"]
    assert _live(tab, "swish")[0]["name"] == t("swish.current", "zh", beta="3")
    # another control reruns the live part: β stays where the student left it
    tab.page.get_by_role("button", name="5", exact=True).click()
    tab.page.wait_for_function("() => (new URLSearchParams(location.search).get('betas') || '').includes('5')",
                               timeout=15_000)
    tab.settle()
    tab.assert_no_error()
    assert float(r.input_value()) == pytest.approx(3.0)
    assert query_of(tab.page.url)["beta"] == ["3.0"]


def test_a_teacher_link_that_hides_beta_still_hides_it(tab):
    _open(tab, "/swish?lang=en&beta=2.5&hide=beta")
    assert not tab.page.locator(RANGE).is_visible()
    assert _live(tab, "swish")[0]["name"] == t("swish.current", "en", beta="2.5")
    tab.assert_no_error()


def test_phone_width_puts_the_legend_below_a_wide_plot(browser, server):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True)
    try:
        page = ctx.new_page()
        page.goto(server.url + "/swish?lang=zh&big=1", wait_until="domcontentloaded")
        page.wait_for_selector(".swl-plot .main-svg", state="visible", timeout=45_000)
        page.wait_for_timeout(500)
        got = page.evaluate("""() => { const gd = document.querySelector('.swl-plot'), L = gd._fullLayout;
          return {orientation: L.legend.orientation, yref: L.legend.yref, plot: L._size.w, width: gd.clientWidth,
                  legendTop: gd.querySelector('.legend').getBoundingClientRect().top,
                  plotBottom: gd.querySelector('.xaxislayer-above').getBoundingClientRect().bottom}; }""")
        assert got["orientation"] == "h" and got["yref"] == "container"
        assert got["plot"] >= 0.7 * got["width"], got  # the plot, not the legend, takes the width
        assert got["legendTop"] >= got["plotBottom"], got  # the legend below the axis labels, not over them
    finally:
        ctx.close()
