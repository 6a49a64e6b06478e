"""Every page in both languages: loads, no error, no request leaves the machine, the sidebar speaks the page's
language, CJK renders with real glyphs, and a full-page screenshot lands in screenshots/<page>_<lang>.png.
In the English run of each page, every slider is then used from the keyboard (one page load serves both: the
suite has to stay within a few minutes on two cores)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from swiglu.i18n import t
from ui.nav import PAGES as NAV_PAGES

from .conftest import CJK, HAVE_CHROMIUM, LANGS, PAGES, SKIP_REASON, assert_cjk_renders, lang_of_url

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not HAVE_CHROMIUM, reason=SKIP_REASON)]

KNOWN_TITLES = {"home": "home.title", "swish": "swish.title"}  # complete pages whose title key is fixed


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page_id", list(PAGES))
def test_page_loads_in_language(tab, page_id, lang):
    path = PAGES[page_id]
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
    assert_cjk_renders(tab, '[data-testid="stMain"] h1' if lang == "zh" else '[data-testid="stSidebar"]')

    tab.screenshot(f"{page_id}_{lang}")
    tab.assert_no_error()
    if lang == "en":
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
