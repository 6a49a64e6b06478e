"""The Python side of the live plot (ui/live_plot.py), in both languages: what it sends to the browser, and what
a release of its slider does (the value taken, clamped, written to the URL, the page redrawn in the same run)."""

from __future__ import annotations

import json

import pytest

from swiglu import analysis
from swiglu.i18n import t
from ui.live_plot import plotly_url

from .conftest import live_data, live_figures, open_page, release


def _current(fig: dict) -> dict:
    (tr,) = [tr for tr in fig["data"] if tr.get("meta", {}).get("live", {}).get("op") == "swish"]
    return tr


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_release_writes_the_url_and_redraws_the_page(lang):
    at = open_page("swish", lang=lang)
    data = live_data(at)
    assert data["value"] == 1.0 and data["slider"]["label"] == t("set.beta", lang)
    assert data["slider"]["valuetext"] == t("live.valuetext", lang, name=t("set.beta", lang), value="{v}")
    assert (data["slider"]["lo"], data["slider"]["hi"], data["slider"]["step"]) == (0.0, 10.0, 0.05)
    release(at, 2.5)
    assert not at.exception
    assert at.query_params["beta"] == "2.5" and at.query_params["lang"] == lang
    fig = live_figures(at)[0]
    assert _current(fig)["name"] == t("swish.current", lang, beta="2.5")
    assert _current(fig)["meta"]["live"]["label"] == [t("swish.current", lang, beta="{β}"), 4]
    x_star, f_star = analysis.swish_minimum(2.5)
    assert [m.value for m in at.metric][:2] == [f"{x_star:.10f}", f"{f_star:.10f}"]
    assert any("2.5" in tex.value for tex in at.latex)  # the formula with β substituted
    assert live_data(at)["value"] == 2.5


@pytest.mark.parametrize("raw, want", [(99, 10.0), (-3, 0.0), ("2", 1.0), (True, 1.0), (None, 1.0),
                                       (float("nan"), 1.0), ([2], 1.0)])
def test_untrusted_release_values_are_clamped_or_ignored(raw, want):
    at = open_page("swish", lang="en")
    release(at, raw)
    assert not at.exception
    assert float(at.query_params["beta"]) == want


def test_a_replayed_release_is_taken_once_and_a_new_link_wins_over_the_last_release():
    at = open_page("swish", lang="zh")
    release(at, 3.0, n=7)
    release(at, 4.0, n=7)  # the same release id again: not a new release
    assert at.query_params["beta"] == "3.0"
    epoch = live_data(at)["epoch"]
    at.query_params["beta"] = "0.5"  # a link opened in the same session
    at.run()
    assert live_data(at)["value"] == 0.5 and live_data(at)["epoch"] == epoch + 1  # the browser's slider jumps
    assert at.query_params["beta"] == "0.5"


def test_a_teacher_link_hides_the_slider_but_keeps_the_value():
    at = open_page("swish", lang="en", beta="2.5", hide="beta")
    assert live_data(at)["slider"] is None and live_data(at)["value"] == 2.5
    assert _current(live_figures(at)[0])["name"] == t("swish.current", "en", beta="2.5")


@pytest.mark.parametrize("page, lang", [("glu", "zh"), ("gradients", "en")])
def test_glu_and_gradients_take_a_release(page, lang):
    at = open_page(page, lang=lang)
    assert len(live_figures(at)) == (2 if page == "glu" else 1)
    release(at, 3.0)
    assert not at.exception
    assert at.query_params["beta"] == "3.0"
    text = json.dumps(live_figures(at), ensure_ascii=False)
    assert "β = 3" in text


def test_plotly_js_is_the_installed_packages_own_copy_served_by_the_app():
    import plotly

    from ui.live_plot import STATIC

    url = plotly_url()
    assert url == f"/app/static/plotly-{plotly.__version__}.min.js"
    copy = STATIC / url.rsplit("/", 1)[1]
    src = (plotly.__file__.rsplit("/", 1)[0]) + "/package_data/plotly.min.js"
    assert copy.read_bytes() == open(src, "rb").read() and not copy.is_symlink()


def test_the_browser_code_never_evaluates_text_and_fetches_nothing_off_the_machine():
    import re

    from ui.live_plot import HERE

    js = (HERE / "live_plot.js").read_text(encoding="utf-8")
    code = re.sub(r"//[^\n]*", "", js)  # comments may name what the code must not do
    for banned in ("eval(", "Function(", "setTimeout(\"", "innerHTML +=", "http://", "https://", "import("):
        assert banned not in code, banned
    assert "innerHTML" not in code.replace("root.innerHTML = `<style>${CSS}</style>", "")  # fixed markup only
