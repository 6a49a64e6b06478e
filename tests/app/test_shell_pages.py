"""AppTest runs of every page in both languages, and of the shell's language, links and notices."""

import json

import pytest

from swiglu.analysis import swish_minimum
from swiglu.i18n import t

from .conftest import PAGE_FILES, live_data, live_figures, open_page, release


def _texts(at) -> str:
    parts = [e.value for e in at.title] + [e.value for e in at.markdown] + [e.value for e in at.caption]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", list(PAGE_FILES))
def test_every_page_runs_in_both_languages(page, lang):
    at = open_page(page, lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["lang"] == lang
    title = at.title[0].value
    other = "zh" if lang == "en" else "en"
    assert title != "" and title != t(f"nav.{page}", other) or page == "home"
    has_cjk = any("\u4e00" <= ch <= "\u9fff" for ch in _texts(at))
    assert has_cjk == (lang == "zh")


def test_locale_picks_the_default_language():
    from streamlit.testing.v1 import AppTest

    from .conftest import ROOT

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.context["locale"] = "zh-CN"
    at.run()
    assert at.session_state["lang"] == "zh"
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.context["locale"] = "de-DE"
    at.run()
    assert at.session_state["lang"] == "en"


def test_language_survives_page_change():
    at = open_page("swish", lang="zh")
    at.switch_page("pages/home.py")
    at.query_params.clear()  # the sidebar navigation clears the query
    at.run()
    assert at.session_state["lang"] == "zh"
    assert at.title[0].value == t("home.title", "zh")
    assert at.query_params["lang"] == ["zh"] or at.query_params["lang"] == "zh"


def test_swish_link_restores_beta_and_prints_the_core_minimum():
    at = open_page("swish", lang="zh", beta="2.5")
    assert not at.exception
    assert live_data(at)["value"] == 2.5  # β's live slider (ui/live_plot.py) opens at the link's value
    x_star, f_star = swish_minimum(2.5)
    metrics = [m.value for m in at.metric]
    assert f"{x_star:.10f}" in metrics and f"{f_star:.10f}" in metrics
    spec = json.dumps(live_figures(at)[0], ensure_ascii=False)
    assert "2.5" in spec and "滑块" in spec  # legend of the slider curve, in Chinese


def test_moving_beta_updates_minimum_and_url():
    at = open_page("swish", lang="en")
    release(at, 4.0)  # the live slider let go at 4
    assert not at.exception
    x_star, _ = swish_minimum(4.0)
    assert f"{x_star:.10f}" in [m.value for m in at.metric]
    assert at.query_params["beta"] in ("4.0", ["4.0"])


@pytest.mark.parametrize("raw", ["nan", "inf", "1e309", "<script>alert(1)</script>", "x" * 5000, "-7"])
def test_bad_beta_values_warn_and_fall_back(raw):
    at = open_page("swish", lang="en", beta=raw)
    assert not at.exception
    assert at.warning, "a visible notice names the parameter"
    assert t("set.beta", "en") in at.warning[0].value
    assert 0.0 <= live_data(at)["value"] <= 10.0


def test_teacher_link_hides_controls():
    at = open_page("swish", lang="en", beta="3", hide="beta,xrange")
    assert not at.exception
    keys = [s.key for s in at.slider]
    assert "w.swish.xrange" not in keys and live_data(at)["slider"] is None  # the live plot shows no β slider
    assert at.info and t("set.beta", "en") in at.info[0].value
    x_star, _ = swish_minimum(3.0)
    assert f"{x_star:.10f}" in [m.value for m in at.metric]


def test_custom_formula_plots_and_bad_formula_is_explained():
    at = open_page("swish", lang="en")
    at.text_input(key="custom_formula").input("x*tanh(softplus(x))").run()
    assert not at.exception and not at.error
    assert t("formula.legend", "en") in json.dumps(live_figures(at)[0], ensure_ascii=False)
    at.text_input(key="custom_formula").input("__import__('os').system('id')").run()
    assert not at.exception
    assert at.error, "rejected input gets a message"
    at = open_page("swish", lang="zh", f="x**1000")
    assert not at.exception and at.error and any("\u4e00" <= ch <= "\u9fff" for ch in at.error[0].value)


def test_quiz_reveal():
    at = open_page("swish", lang="en")
    at.button(key="quiz.swish.quiz.reveal").click().run()
    assert at.info  # no pick yet -> asked to pick
    at.radio(key="quiz.swish.quiz").set_value(1).run()
    at.button(key="quiz.swish.quiz.reveal").click().run()
    assert at.success
