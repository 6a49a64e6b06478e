"""AppTest runs of /ffn and /paper in both languages: charts, tables and formulas present, numbers from the
core, shared links restored, bad link values answered with a warning and never a traceback."""

import json

import pytest

from swiglu import paper, quiz
from swiglu.ffn import llama_hidden_dim, matched_d_ff
from swiglu.i18n import t
from swiglu.memory import compare_saved_bytes

from .conftest import open_page


def _charts(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def _all_text(at) -> str:
    parts = [e.value for e in at.title] + [e.value for e in at.header] + [e.value for e in at.markdown]
    return "\n".join(str(p) for p in parts + [e.value for e in at.caption] + [e.value for e in at.info])


def _cjk(s: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in s)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_ffn_page(lang):
    at = open_page("ffn", lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == t("ffn.title", lang)
    charts = _charts(at)
    assert len(charts) == 6  # diagram, budget, a real model's block and the ratios (SwiGLU in the wild), live, bytes
    assert "gate_proj" in json.dumps(charts[0]) and charts[1]["layout"]["title"]["text"] == t("ffn.budget.title", lang)
    assert charts[3]["layout"]["title"]["text"] == t("wild.ratio.title", lang)
    assert len(at.latex) >= 6 and len(at.main.dataframe) == 4 and len(at.main.table) == 1
    names = at.main.dataframe[0].value
    assert list(names.iloc[:, 2]) == ["gate_proj", "up_proj", "down_proj"]
    llama = at.main.table[0].value
    assert list(llama.iloc[:5, 6]) == [f"{m.hidden:,}" for m in paper.LLAMA_MODELS]
    mem = compare_saved_bytes(64, matched_d_ff(64, "swiglu"), 64)
    assert f"{mem['ratio']:.3f}" in _all_text(at)
    assert _cjk(_all_text(at)) == (lang == "zh")
    assert len(at.get("download_button")) == 3


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_paper_page(lang):
    at = open_page("paper", lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == t("paper.title", lang)
    charts = _charts(at)
    assert len(charts) == 7  # 65k, 524k, gaps, fine-tuning, timing, toy reproduction, toy ranks
    assert len(at.latex) >= 3 and len(at.main.dataframe) == 3
    text = _all_text(at)
    assert paper.QUOTE in text and "GEGLU" in text
    assert t("paper.toy_title", lang) in [h.value for h in at.header]
    assert t("toy.live_head", lang) in [h.value for h in at.subheader]
    z = paper.gap_in_std("swiglu", "relu")
    assert at.metric[0].value == f"{z:+.2f} σ"
    t1 = at.main.dataframe[0].value
    assert list(t1.iloc[:, 3]) == [f"{v.long:.3f}" for v in paper.TABLE1.values()]
    assert _cjk(text) == (lang == "zh")
    assert len(at.get("download_button")) == 6


def test_ffn_link_restores_the_view():
    at = open_page("ffn", lang="en", dm="4096", expansion="4.0", variant="relu", ldm="5", ltok="3", seed="42")
    assert not at.exception and not at.warning
    assert at.slider(key="w.ffn.dm").value == 4096 and at.selectbox(key="w.ffn.variant").value == "relu"
    assert "gate_proj" not in json.dumps(_charts(at)[0])
    llama = at.main.table[0].value
    assert llama.iloc[5, 6] == "11,008"  # "your d_model" row, computed
    shapes = at.main.dataframe[3].value  # after the names, the budget and the real models
    assert list(shapes.iloc[:, 2]) == ["3 × 5", "3 × 20", "3 × 20", "3 × 5"]
    assert at.query_params["seed"] in ("42", ["42"]) and at.query_params["variant"] in ("relu", ["relu"])


def test_paper_link_and_widgets():
    at = open_page("paper", lang="zh", va="geglu", vb="swiglu")
    assert not at.exception and not at.warning
    assert at.metric[0].value == f"{paper.gap_in_std('geglu', 'swiglu'):+.2f} σ"
    at.selectbox(key="w.paper.vb").set_value("relu").run()
    assert at.metric[0].value == f"{paper.gap_in_std('geglu', 'relu'):+.2f} σ"


@pytest.mark.parametrize("page,params", [
    ("ffn", {"dm": "1e309"}),
    ("ffn", {"variant": "<b>x</b>"}),
    ("ffn", {"expansion": "nan", "ldm": "-5", "seed": "abc"}),
    ("paper", {"va": "<b>x</b>"}),
    ("paper", {"vb": "1e309"}),
])
def test_bad_link_values_warn_and_never_crash(page, params):
    at = open_page(page, lang="en", **params)
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.warning) >= 1
    assert all("<b>" not in w.value for w in at.warning)  # the raw value is never echoed


def test_quizzes_reveal_the_right_answer():
    at = open_page("ffn", lang="en")
    at.radio(key="quiz.ffn.quiz").set_value(2)
    at.button(key="quiz.ffn.quiz.reveal").click().run()
    case = quiz.llama_case()
    assert at.success and f"{case['blocks']} · 256 = {llama_hidden_dim(case['dim'])}." in at.success[0].value
    at = open_page("paper", lang="zh")
    at.radio(key="quiz.paper.quiz").set_value(0)
    at.button(key="quiz.paper.quiz.reveal").click().run()
    assert at.warning and t("paper.quiz.why", "zh") in at.warning[0].value
