"""Interaction in a real browser: language across navigation and the picker, shared links, fast key presses,
and hostile links (keyboard use of every slider is checked per page in test_pages.py). Every check waits for
the app to settle first (a rerun can briefly show two charts)."""

from __future__ import annotations

from urllib.parse import quote, urlparse

import pytest
from playwright.sync_api import expect

from swiglu.i18n import t
from ui.nav import PAGES as NAV_PAGES

from .conftest import CJK, HAVE_CHROMIUM, SKIP_REASON, lang_of_url, query_of

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not HAVE_CHROMIUM, reason=SKIP_REASON)]

WARNING = '[data-testid="stAlertContentWarning"]'


@pytest.mark.browser
def test_language_survives_sidebar_navigation(tab):
    tab.goto("/swish?lang=zh", chart=True)
    tab.page.locator('[data-testid="stSidebarNav"] a[href$="/glu"]').click()
    tab.page.wait_for_url("**/glu*")
    tab.settle()
    tab.assert_no_error()
    assert lang_of_url(tab.page.url) == "zh", tab.page.url
    assert CJK.search(tab.title()), f"Chinese title expected on /glu, got {tab.title()!r}"
    assert tab.nav_labels() == [t(f"nav.{p.id}", "zh") for p in NAV_PAGES]
    # and back home through the sidebar: still Chinese
    tab.page.locator('[data-testid="stSidebarNav"] [data-testid="stSidebarNavLink"]').first.click()
    tab.page.wait_for_function("() => location.pathname === '/'")
    tab.settle()
    assert tab.title() == t("home.title", "zh")
    assert lang_of_url(tab.page.url) == "zh", tab.page.url


@pytest.mark.browser
def test_language_picker_switches_instantly(tab):
    tab.goto("/swish?lang=en", chart=True)
    assert tab.title() == t("swish.title", "en")
    picker = tab.page.locator('[data-testid="stSidebar"] [data-testid="stButtonGroup"]')
    picker.locator("button", has_text="中文").click()
    tab.page.wait_for_function("(want) => document.querySelector('[data-testid=\"stMain\"] h1')?.innerText === want",
                               arg=t("swish.title", "zh"))
    tab.settle()
    assert lang_of_url(tab.page.url) == "zh", tab.page.url
    assert tab.nav_labels() == [t(f"nav.{p.id}", "zh") for p in NAV_PAGES]
    picker.locator("button", has_text="English").click()
    tab.page.wait_for_function("(want) => document.querySelector('[data-testid=\"stMain\"] h1')?.innerText === want",
                               arg=t("swish.title", "en"))
    tab.settle()
    tab.assert_no_error()
    assert lang_of_url(tab.page.url) == "en", tab.page.url


def _press(tab, key: str, times: int, paced: bool) -> None:
    """Keyboard only: the slider must already have focus. Paced = wait for each rerun to finish, as a reader
    who watches the chart does; not paced = as fast as the keyboard goes (a held arrow key)."""
    for _ in range(times):
        before = tab.page.url
        tab.page.keyboard.press(key)
        if paced:
            tab.page.wait_for_function("(before) => location.href !== before", arg=before, timeout=15_000)
            tab.settle()
    tab.settle()


def _beta_in(url: str) -> float:
    return float(query_of(url)["beta"][0])


@pytest.mark.browser
def test_shared_link_restores_the_view(tab, open_tab, server):
    tab.goto("/swish?lang=zh", chart=True)
    slider = tab.sliders().first
    assert float(slider.input_value()) == pytest.approx(1.0)
    slider.focus()
    _press(tab, "ArrowRight", 3, paced=True)
    assert float(tab.slider_value(0)) == pytest.approx(1.15)
    address_bar = tab.page.url
    assert _beta_in(address_bar) == pytest.approx(1.15), address_bar

    # the sidebar's "share this view" link says the same
    tab.page.locator('[data-testid="stSidebar"] [data-testid="stExpander"]', has_text=t("common.share", "zh")).click()
    code = tab.page.locator('[data-testid="stSidebar"] [data-testid="stCode"]').first
    code.wait_for(state="visible")
    shared = code.inner_text().strip()
    assert urlparse(shared)[:3] == urlparse(address_bar)[:3], (shared, address_bar)  # scheme, host, path
    assert query_of(shared) == query_of(address_bar), (shared, address_bar)

    other = open_tab(server)  # a fresh context: nothing of the first session
    other.page.goto(shared)
    other.settle(timeout=45_000)
    other.page.wait_for_selector(".js-plotly-plot", state="visible")
    other.settle()
    other.assert_no_error()
    assert other.title() == t("swish.title", "zh")
    assert float(other.slider_value(0)) == pytest.approx(1.15)
    assert query_of(other.page.url) == query_of(address_bar)


@pytest.mark.browser
def test_fast_key_presses_keep_the_view_and_the_link_in_agreement(tab):
    tab.goto("/swish?lang=en", chart=True)
    tab.sliders().first.focus()
    for burst in range(1, 4):  # three bursts of 5 presses ~100 ms apart (a held arrow key repeats faster)
        for _ in range(5):
            tab.page.keyboard.press("ArrowRight")
            tab.page.wait_for_timeout(100)
        tab.page.wait_for_timeout(800)  # let any late rerun land
        tab.settle()
        tab.assert_no_error()
        shown = float(tab.slider_value(0))
        assert _beta_in(tab.page.url) == pytest.approx(shown), f"slider shows {shown}, address bar {tab.page.url}"
        assert shown == pytest.approx(1.0 + 0.25 * burst), "key presses were lost"


BAD_LINKS = {
    "nan": ("beta=nan&lang=zh", ["beta"]),
    "html": ("beta=" + quote("<script>alert(1)</script>"), ["beta"]),
    "overflow_and_unknown": ("beta=1e309&betas=1,zz", ["beta", "betas"]),
    "5000_chars": ("beta=" + "7" * 5000, ["beta"]),
    "repeated": ("beta=2&beta=3", ["beta"]),
}


@pytest.mark.browser
@pytest.mark.parametrize("case", list(BAD_LINKS))
def test_bad_links_warn_and_never_break(tab, case):
    query, names = BAD_LINKS[case]
    lang = "zh" if "lang=zh" in query else "en"
    tab.goto(f"/swish?{query}", chart=True)
    tab.assert_no_error()
    warnings = tab.page.locator(WARNING)
    assert warnings.count() >= 1, f"no warning for /swish?{query[:80]}"
    expect(warnings.first).to_be_visible()
    text = " ".join(warnings.all_inner_texts())
    for name in names:
        assert t(f"set.{name}", lang) in text, f"the notice should name {name!r}: {text!r}"
    assert not tab.dialogs, tab.dialogs
    html = tab.page.content()
    assert "<script>alert" not in html, "the link's HTML was injected into the page"
    assert tab.page.evaluate("() => [...document.scripts].some(s => s.textContent.includes('alert(1)'))") is False
    expected = 3.0 if case == "repeated" else 1.0  # repeated key: the last value; otherwise the default
    assert float(tab.slider_value(0)) == pytest.approx(expected)
    assert query_of(tab.page.url)["beta"] == [repr(expected)], "the address bar should hold the repaired value"
    assert tab.external_requests() == []


@pytest.mark.browser
def test_closed_panels_are_built_when_opened(tab):
    """Source code and share link are sent only while their expander is open (on_change="rerun"), the glossary
    only while its dialog is."""
    tab.goto("/gradients?lang=zh", chart=True)
    sidebar = tab.page.locator('[data-testid="stSidebar"]')
    assert tab.page.locator('[data-testid="stCode"]').count() == 0
    assert tab.page.locator('[data-testid="stTable"]').count() == 0

    tab.page.locator('[data-testid="stExpander"]', has_text=t("common.code_title", "zh")).click()
    tab.page.locator('[data-testid="stCode"]', has_text="def activation_and_grad").first.wait_for(state="visible")
    sidebar.get_by_role("button", name=t("common.glossary", "zh")).click()  # opens the glossary dialog
    dialog = tab.page.get_by_role("dialog")
    dialog.locator('[data-testid="stTable"]').first.wait_for(state="visible")
    assert dialog.bounding_box()["width"] > 600, "the glossary needs the room of a dialog, not the sidebar's"
    tab.settle()
    tab.assert_no_error()
    assert tab.page.locator(".js-plotly-plot").count() >= 3  # the page itself is still all there


def _slider(tab, setting: str, lang: str = "en"):
    return tab.page.locator('[data-testid="stSlider"]', has_text=t(f"set.{setting}", lang)).get_by_role("slider")


KEYS = ("live.gradients.beta", "grad_product", "grad_flow")


def _charts_sent(tab, frames: list[bytes], slider, want: str) -> tuple[set[str], int]:
    """Press → on `slider`, wait for the address bar to say `want`, and return the keys of the charts whose
    element came over the websocket for that rerun (a chart's element id ends in its key; the live plot's is
    live.<page>.beta), and how many messages the rerun took. (A large element the browser already holds comes as
    a cache reference instead, without its key: so a chart that did not change can be sent unseen, and the
    message count is the check.)"""
    slider.focus()
    tab.settle()
    frames.clear()
    tab.page.keyboard.press("ArrowRight")
    tab.page.wait_for_function("(want) => location.search.includes(want)", arg=want, timeout=15_000)
    tab.settle()
    sent = b"".join(frames)
    return {k for k in KEYS if k.encode() in sent}, len(frames)


def _step(tab, setting: str, want: str) -> None:
    _charts_sent(tab, [], _slider(tab, setting), want)


@pytest.mark.browser
def test_a_beta_drag_needs_no_server_and_sections_rerun_alone(tab):
    """/gradients: dragging β redraws the Swish derivative in the page without a single message from the server
    until the pointer is released (ui/live_plot.py). The sections are inner live parts: the depth slider reruns
    only the gradient-flow section and the b slider only the product section (a fraction of the messages, one
    chart), while β's release reruns all of them. With the share panel open, a section's slider reruns the outer
    part too, and the shared link follows."""
    frames: list[bytes] = []
    tab.page.on("websocket", lambda ws: ws.on(
        "framereceived", lambda data: frames.append(data if isinstance(data, bytes) else data.encode())))
    tab.goto("/gradients?lang=en", chart=True)
    tab.page.wait_for_selector(".swl-plot .main-svg", state="visible")
    tab.settle()
    names = "() => document.querySelector('.swl-plot').data.map(tr => tr.name).join('|')"
    before = tab.page.evaluate(names)
    box = tab.page.locator(".swl-range").bounding_box()
    x, y = box["x"] + 8 + 0.1 * (box["width"] - 16), box["y"] + box["height"] / 2  # β = 1 of 0..10
    frames.clear()
    tab.page.mouse.move(x, y)
    tab.page.mouse.down()
    for i in range(1, 11):
        tab.page.mouse.move(x + 10 * i, y)
        tab.page.wait_for_timeout(50)
    during = tab.page.evaluate(names)
    assert during != before and not frames, (len(frames), during)
    tab.page.mouse.up()
    tab.page.wait_for_function("() => !location.search.includes('beta=1.0&')", timeout=15_000)
    tab.settle()
    assert frames, "the release reran the page"

    depth_charts, depth_msgs = _charts_sent(tab, frames, _slider(tab, "depth"), "depth=13")
    b_charts, b_msgs = _charts_sent(tab, frames, _slider(tab, "bval"), "bval=1.1")
    r = tab.page.locator(".swl-range")
    want = f"beta={round(float(r.input_value()) + 0.05, 10)!r}&"  # as state.serialise writes it
    beta_charts, beta_msgs = _charts_sent(tab, frames, r, want)
    assert beta_charts == set(KEYS), beta_charts
    assert depth_charts == {"grad_flow"} and b_charts == {"grad_product"}  # the small flow chart is never cached
    assert 2 * depth_msgs < beta_msgs and 2 * b_msgs < beta_msgs, (depth_msgs, b_msgs, beta_msgs)
    tab.assert_no_error()

    tab.page.locator('[data-testid="stSidebar"] [data-testid="stExpander"]', has_text=t("common.share", "en")).click()
    code = tab.page.locator('[data-testid="stSidebar"] [data-testid="stCode"]').first
    code.wait_for(state="visible")
    assert query_of(code.inner_text().strip())["depth"] == ["13"]
    _step(tab, "depth", "depth=14")
    assert query_of(code.inner_text().strip())["depth"] == ["14"]
    assert query_of(code.inner_text().strip()) == query_of(tab.page.url)
    tab.assert_no_error()
