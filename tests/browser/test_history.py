"""Back and Forward: one history entry per page. Writing the view into the URL replaces the current entry
(ui/browser.py), a page change pushes one; one Back is one page, Forward comes back. Also when the first load's
URL write arrives before the fixed script that does this is installed (its code is loaded lazily)."""

from __future__ import annotations

import pytest

from swiglu.i18n import t

from .conftest import HAVE_CHROMIUM, SKIP_REASON

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not HAVE_CHROMIUM, reason=SKIP_REASON)]

# history.length when the document was created (before Streamlit wrote anything), for each test's first load
_LENGTH_AT_START = "window.__historyAtStart = history.length;"


def _path(tab) -> str:
    return tab.page.evaluate("location.pathname")


def _nav(tab, page_id: str, lang: str = "en") -> None:
    tab.page.locator('[data-testid="stSidebarNav"] a', has_text=t(f"nav.{page_id}", lang)).first.click()
    tab.page.wait_for_function("(p) => location.pathname === p", arg="/" + page_id)
    tab.settle()


def _back(tab) -> None:
    tab.page.go_back(wait_until="commit")
    tab.settle()


def _forward(tab) -> None:
    tab.page.go_forward(wait_until="commit")
    tab.settle()


def _length(tab) -> int:
    return tab.page.evaluate("history.length")


@pytest.mark.browser
def test_one_back_is_one_page_and_forward_comes_back(tab):
    tab.context.add_init_script(_LENGTH_AT_START)
    tab.goto("/swish?lang=en", chart=True)
    start = tab.page.evaluate("window.__historyAtStart")
    tab.sliders().first.focus()
    tab.page.keyboard.press("ArrowRight")  # a setting written into the URL: still no new entry
    tab.page.wait_for_function("() => location.search.includes('beta=1.05')")
    tab.settle()
    # On a loaded machine the first URL write can beat the script and leave the loaded entry behind it (the test
    # below): the script then skips that entry on Back and Forward, and history.length counts it.
    extra = tab.page.evaluate("history.length") - start
    assert extra in (0, 1), "writing a setting added history entries (must replace)"
    _nav(tab, "glu")
    assert _length(tab) == start + extra + 1, "loading a page or writing a setting added history entries"
    _nav(tab, "ffn")
    assert _length(tab) == start + extra + 2
    _back(tab)
    assert _path(tab) == "/glu" and tab.title() == t("glu.title", "en")
    _back(tab)
    assert _path(tab) == "/swish" and tab.title() == t("swish.title", "en")
    assert "beta=1.05" in tab.page.url, "Back returns to the view as it was left"
    _forward(tab)
    assert _path(tab) == "/glu" and tab.title() == t("glu.title", "en")
    _forward(tab)
    assert _path(tab) == "/ffn"
    assert _length(tab) == start + extra + 2
    tab.assert_no_error()


@pytest.mark.browser
def test_a_first_load_whose_url_write_beat_the_script_still_takes_one_back(tab):
    """Delay the lazily loaded code of st.html, so Streamlit's first URL write is a real pushState that leaves the
    loaded entry (the bare link) behind it; the script skips that entry: after one page change, one Back is the
    first page as it was left, a second leaves the app, and Forward from there skips it too."""
    def slow(route):
        tab.page.wait_for_timeout(1500)
        route.continue_()

    tab.page.route("**/Html.*.js", slow)
    tab.goto("/swish?lang=en&beta=nan", chart=True)  # a link to repair: its URL is rewritten on the first run
    tab.page.wait_for_function("() => location.search.includes('beta=1.0')")
    tab.settle()
    _nav(tab, "glu")
    _back(tab)
    assert _path(tab) == "/swish" and tab.title() == t("swish.title", "en")
    assert "beta=1.0" in tab.page.url, f"Back should return to the view as it was left, not {tab.page.url}"
    tab.page.go_back(wait_until="commit")  # onto the bare link's entry, which the script skips at once
    tab.page.wait_for_url("about:blank", timeout=10_000)
    tab.page.go_forward(wait_until="commit")
    tab.page.wait_for_function("() => location.search.includes('beta=1.0')", timeout=10_000)
    tab.settle()
    assert _path(tab) == "/swish" and "beta=1.0" in tab.page.url, f"Forward should skip the bare link: {tab.page.url}"
    tab.assert_no_error()
