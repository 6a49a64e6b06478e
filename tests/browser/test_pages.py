"""Every page in both languages, at 1280 px and at a phone's 390 × 844: loads, no error, no request leaves the
machine, the sidebar speaks the page's language, CJK renders with real glyphs, and a full-page screenshot lands in
screenshots/<page>_<lang>.png (<page>_<lang>_390.png for the phone). In the English run of each page at 1280 px,
every slider is then used from the keyboard; at 390 px every Plotly chart is measured: the plot area takes most
of the chart's width, the legend is below the plot, annotations stay inside the chart, and the title clears the
Plotly toolbar (one page load serves each: the suite has to stay within a few minutes on two cores)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from swiglu.i18n import t
from ui.nav import PAGES as NAV_PAGES

from .conftest import CJK, HAVE_CHROMIUM, LANGS, PAGES, SKIP_REASON, assert_cjk_renders, lang_of_url

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not HAVE_CHROMIUM, reason=SKIP_REASON)]

KNOWN_TITLES = {"home": "home.title", "swish": "swish.title"}  # complete pages whose title key is fixed


PHONE = {"width": 390, "height": 844}


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page_id", list(PAGES))
def test_page_loads_in_language(tab, page_id, lang, width):
    path = PAGES[page_id]
    if width != 1280:
        tab.page.set_viewport_size(PHONE)
    tab.open(page_id, lang)
    tab.assert_no_error()

    # the page and its shell speak the requested language
    title = tab.title()
    if page_id in KNOWN_TITLES:
        assert title == t(KNOWN_TITLES[page_id], lang)
    elif lang == "zh":
        assert CJK.search(title), f"Chinese title expected on {path}, got {title!r}"
    else:
        assert not CJK.search(title), f"English title expected on {path}, got {title!r}"
    assert tab.nav_labels() == [t(f"nav.{p.id}", lang) for p in NAV_PAGES]
    sidebar = tab.page.locator('[data-testid="stSidebar"]').inner_text()
    assert t("common.language", lang) in sidebar
    assert lang_of_url(tab.page.url) == lang, tab.page.url
    assert tab.page.url.startswith(tab.base + path), tab.page.url

    # CJK has real glyphs: the Chinese title on zh pages, the picker's "中文" on English ones
    # (the home page's title is the app's name in both languages: there its Chinese text below the title counts)
    main = '[data-testid="stMain"]' + ("" if page_id == "home" else " h1")
    assert_cjk_renders(tab, main if lang == "zh" else '[data-testid="stSidebar"]')

    tab.screenshot(f"{page_id}_{lang}" if width == 1280 else f"{page_id}_{lang}_{width}")
    tab.assert_no_error()
    if width == 390:
        check_charts_fit_a_phone(tab, path)
    elif lang == "en":
        check_every_slider_from_the_keyboard(tab, path)
    assert tab.external_requests() == [], "requests left the machine"


def check_every_slider_from_the_keyboard(tab, path: str) -> None:
    """Focus each visible slider, press an arrow key, wait for the rerun: the value moved and nothing broke.
    Each press waits for the app to settle first (fast presses are test_interaction's business)."""
    n = tab.sliders().count()
    for i in range(n):
        slider = tab.sliders().nth(i)
        before = slider.input_value()
        key = "ArrowLeft" if float(before) >= float(slider.get_attribute("max")) else "ArrowRight"
        slider.focus()
        tab.page.keyboard.press(key)
        expect(tab.sliders().nth(i)).not_to_have_value(before, timeout=10_000)
        tab.settle()
        assert tab.slider_value(i) != before, f"slider {i} on {path} did not move with {key}"
        tab.assert_no_error()


_CHART_GEOMETRY_JS = """
() => [...document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot')].map(gd => {
  const box = e => { const r = e.getBoundingClientRect(); return {l: r.left, r: r.right, t: r.top, b: r.bottom,
                                                                   w: r.width, h: r.height}; };
  const fig = box(gd), size = gd._fullLayout._size, title = gd.querySelector('.gtitle');
  const legend = gd.querySelector('.legend');
  const notes = [...gd.querySelectorAll('.annotation')].filter(a => a.textContent.trim()).map(a => ({
    text: a.textContent.trim().slice(0, 40), ...box(a.querySelector('.annotation-text-g') || a)}));
  return {fig, plot: {w: size.w, t: fig.t + size.t, b: fig.t + size.t + size.h}, title: title && title.textContent,
          titleBox: title && box(title), modebar: box(gd.querySelector('.modebar-container .modebar') || gd),
          legend: legend && legend.getBBox().width > 0 ? box(legend) : null, notes};
})
"""


def check_charts_fit_a_phone(tab, path: str) -> None:
    """Every Plotly chart on the page, at 390 px: plot area ≥ 60 % of the chart's width (a legend on the right
    left ~20 %), legend wholly below the plot area, every annotation inside the chart, title clear of the toolbar."""
    charts = tab.page.evaluate(_CHART_GEOMETRY_JS)
    for c in charts:
        fig, name = c["fig"], c["title"] or "?"
        assert fig["w"] <= 390, f"{path} {name!r}: the chart is wider than the phone ({fig['w']:.0f} px)"
        assert c["plot"]["w"] >= 0.6 * fig["w"], f"{path} {name!r}: plot area {c['plot']['w']:.0f} of {fig['w']:.0f} px"
        if c["legend"]:
            assert c["legend"]["t"] >= c["plot"]["b"] - 1, f"{path} {name!r}: legend not below the plot {c}"
        for note in c["notes"]:
            inside = (note["l"] >= fig["l"] - 2 and note["r"] <= fig["r"] + 2 and note["t"] >= fig["t"] - 2
                      and note["b"] <= fig["b"] + 2)
            assert inside, f"{path} {name!r}: annotation {note['text']!r} leaves the chart {note} vs {fig}"
        if c["titleBox"]:
            t_box, bar = c["titleBox"], c["modebar"]
            overlap = not (t_box["b"] <= bar["t"] or t_box["t"] >= bar["b"] or t_box["r"] <= bar["l"]
                           or t_box["l"] >= bar["r"])
            assert not overlap, f"{path} {name!r}: the title runs under the Plotly toolbar {t_box} vs {bar}"
