""""SwiGLU in the wild" on /ffn in a real browser: a link picks the model whose block plotly.js draws, the
selectbox redraws the block and writes the address bar, and a hostile model value only warns."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from swiglu import models
from swiglu.i18n import t

from .conftest import HAVE_CHROMIUM, SKIP_REASON, query_of

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not HAVE_CHROMIUM, reason=SKIP_REASON)]


def _chart_titles(tab) -> list[str]:
    return tab.page.evaluate(
        "() => [...document.querySelectorAll('.js-plotly-plot .gtitle')].map(n => n.textContent.trim())")


def _bold_tick(tab) -> list[str]:
    """The model names plotly.js drew in bold on the ratio chart's axis (the chosen one)."""
    return tab.page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot .ytick text')]
        .filter(n => n.querySelector('tspan[style*="bold"]')).map(n => n.textContent)""")


def test_a_link_and_the_selectbox_pick_the_model(tab):
    tab.goto("/ffn?lang=zh&model=gemma-7b", chart=True)
    tab.assert_no_error()
    gemma = models.BY_KEY["gemma-7b"]
    assert t("wild.dia.title", "zh", name=gemma.name, layers="28") in _chart_titles(tab)
    assert t("wild.ratio.title", "zh") in _chart_titles(tab)
    assert _bold_tick(tab) == [gemma.name]

    box = tab.page.locator('[data-testid="stSelectbox"]', has_text=t("set.model", "zh")).first
    box.scroll_into_view_if_needed()
    box.click()
    tab.page.keyboard.type("Qwen2")
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_timeout(300)
    tab.settle()
    tab.assert_no_error()
    qwen = models.BY_KEY["qwen2-7b"]
    assert t("wild.dia.title", "zh", name=qwen.name, layers="28") in _chart_titles(tab)
    assert _bold_tick(tab) == [qwen.name]
    assert query_of(tab.page.url)["model"] == ["qwen2-7b"]


def test_a_hostile_model_value_warns_and_draws_the_default(tab):
    tab.goto("/ffn?lang=en&model=" + quote("<img src=x onerror=alert(1)>"), chart=True)
    tab.assert_no_error()
    assert tab.page.locator('[data-testid="stAlertContentWarning"]').count() >= 1
    assert "<img" not in tab.main_text()
    default = models.BY_KEY[models.DEFAULT]
    assert _bold_tick(tab) == [default.name]
    assert query_of(tab.page.url)["model"] == [models.DEFAULT]
