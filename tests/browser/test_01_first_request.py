"""A shared link must work as the very first request after a server start (the pages/ legacy-mode trap,
../shared/design.md): each test here gets its own server that has served nothing yet."""

from __future__ import annotations

import pytest

from swiglu.i18n import t

from .conftest import CJK, HAVE_CHROMIUM, SKIP_REASON, lang_of_url, query_of

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not HAVE_CHROMIUM, reason=SKIP_REASON)]


def _nav_expected(lang: str) -> list[str]:
    from ui.nav import PAGES

    return [t(f"nav.{p.id}", lang) for p in PAGES]


@pytest.mark.browser
def test_swish_deep_link_in_chinese_is_the_first_request(fresh_server, open_tab):
    server = fresh_server("first_swish")
    tab = open_tab(server)
    tab.goto("/swish?lang=zh&beta=2.5", chart=True)
    tab.assert_no_error()
    assert tab.title() == t("swish.title", "zh")
    assert tab.nav_labels() == _nav_expected("zh"), "the app shell (app.py) did not run: legacy pages/ mode?"
    assert tab.sliders().count() >= 1
    assert float(tab.slider_value(0)) == pytest.approx(2.5)
    url = tab.page.url
    assert url.startswith(server.url + "/swish?"), url
    assert query_of(url).get("beta") == ["2.5"], url
    assert lang_of_url(url) == "zh", url


@pytest.mark.browser
def test_glu_deep_link_in_english_is_the_first_request(fresh_server, open_tab):
    server = fresh_server("first_glu")
    tab = open_tab(server)
    tab.goto("/glu?lang=en")
    tab.assert_no_error()
    title = tab.title()
    assert title and not CJK.search(title), f"English title expected, got {title!r}"
    assert tab.nav_labels() == _nav_expected("en"), "the app shell (app.py) did not run: legacy pages/ mode?"
    url = tab.page.url
    assert url.startswith(server.url + "/glu"), url
    assert lang_of_url(url) == "en", url
