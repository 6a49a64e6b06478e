"""AppTest runs of /glu and /gradients: both languages, charts and formulas, widgets that rerun, and links
with bad values that warn instead of failing."""

import base64
import json

import numpy as np
import pytest

from swiglu import analysis, gating, gradflow, quiz
from swiglu.i18n import t

from .conftest import live_figures, open_page, release


def _specs(at) -> list[dict]:
    """Every figure in page order: the live plot's (β's charts, drawn in the browser) come first on both pages."""
    return [*live_figures(at), *(json.loads(c.proto.spec) for c in at.get("plotly_chart"))]


def _arr(v) -> np.ndarray:
    """A plotly array from the JSON spec: a list, or {"dtype", "bdata"} (base64)."""
    if isinstance(v, dict):
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=v["dtype"])
    return np.asarray(v)


def _qp(at, key: str) -> str:
    v = at.query_params[key]
    return v[-1] if isinstance(v, list) else v


def _cjk(s: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in s)


def _ok(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_glu_page_in_both_languages(lang):
    at = open_page("glu", lang=lang)
    _ok(at)
    assert at.title[0].value == t("glu.title", lang)
    specs = _specs(at)
    assert len(specs) == 3
    assert specs[0]["data"][0]["type"] == "heatmap"
    assert len(at.latex) >= 5
    chart_text = " ".join(json.dumps(s["layout"], ensure_ascii=False) for s in specs)
    assert _cjk(chart_text) == (lang == "zh")  # titles, axes and keys in the page's language
    _, out = gating.torch_glu_example()
    assert f"{out[0]:.4f}" in " ".join(m.value for m in at.markdown)  # F.glu computed, not typed
    assert len([s for s in at.slider if s.key.startswith("w.glu.tok.")]) == 6  # d_model = 6 by default


def test_glu_widgets_rerun():
    at = open_page("glu", lang="en")
    at.slider(key="w.glu.bval").set_value(-2.0).run()
    _ok(at)
    assert _qp(at, "bval") == "-2.0"
    assert t("glu.slice_title", "en", b="-2") in json.dumps(_specs(at)[1]["layout"], ensure_ascii=False)
    at.selectbox(key="w.glu.gate").set_value("reglu").run()
    _ok(at)
    assert t("gate.reglu", "en") in _specs(at)[0]["layout"]["title"]["text"]
    at.slider(key="w.glu.dmodel").set_value(4).run()
    _ok(at)
    assert len([s for s in at.slider if s.key.startswith("w.glu.tok.")]) == 4
    at.slider(key="w.glu.tok.0").set_value(-3.0).run()
    _ok(at)
    assert _qp(at, "tok").startswith("-3.0,-0.5,")
    at.slider(key="w.glu.dff").set_value(16).run()
    _ok(at)
    counts = [m.value for m in at.metric]
    assert all(c.endswith("/ 16") for c in counts)


def test_glu_link_restores_the_token_and_counts_units():
    at = open_page("glu", lang="zh", tok="1,2,-3,0.5", dmodel="4", dff="6", seed="5", gate="reglu")
    _ok(at)
    assert not at.warning
    assert [at.slider(key=f"w.glu.tok.{i}").value for i in range(4)] == [1.0, 2.0, -3.0, 0.5]
    j = gating.token_journey((1, 2, -3, 0.5), 4, 6, "reglu", 1.0, 5)
    counts = gating.state_counts(j)
    assert [m.value for m in at.metric] == [f"{counts[s]} / 6" for s in gating.STATES]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_glu_bad_link_warns(lang):
    at = open_page("glu", lang=lang, gate="evil", tok="nan,1", dff="1e9", cmp="glu,<script>")
    _ok(at)
    warnings = " ".join(w.value for w in at.warning)
    for name in ("gate", "tok", "dff", "cmp"):
        assert t(f"set.{name}", lang) in warnings
    assert at.selectbox(key="w.glu.gate").value == "swiglu"
    assert at.slider(key="w.glu.dff").value == 16
    assert len(_specs(at)) == 3


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_gradients_page_in_both_languages(lang):
    at = open_page("gradients", lang=lang)
    _ok(at)
    assert at.title[0].value == t("grad.title", lang)
    specs = _specs(at)
    assert len(specs) == 3
    assert specs[2]["layout"]["yaxis"]["type"] == "log"
    assert len(at.latex) >= 4
    chart_text = " ".join(json.dumps(s["layout"], ensure_ascii=False) for s in specs)
    assert _cjk(chart_text) == (lang == "zh")
    (x_max, d_max), (x_min, d_min) = analysis.silu_derivative_extrema()
    assert [m.value for m in at.metric][:4] == [f"{v:.6f}" for v in (x_max, d_max, x_min, d_min)]
    # the default residual-free stack: SwiGLU's signal underflows, and the page says so
    assert any(t("variant.swiglu", lang) in w.value for w in at.warning)


def test_gradients_widgets_rerun():
    at = open_page("gradients", lang="en")
    at.slider(key="w.gradients.depth").set_value(5).run()
    _ok(at)
    assert len(_arr(_specs(at)[2]["data"][0]["x"])) == 6  # layers 0..5
    at.toggle(key="w.gradients.resid").set_value(True).run()
    _ok(at)
    assert _specs(at)[2]["layout"]["title"]["text"] == t("grad.flow_title_res", "en")
    assert not any(t("variant.swiglu", "en") in w.value for w in at.warning)  # residual: nothing breaks
    ref = gradflow.gradient_flow_all(5, 64, "torch", 1.0, 0, True)
    bottom = [m.value for m in at.metric][4:]
    assert bottom == [f"{ref[v].grad[0]:.3g}" for v in gradflow.FLOW_VARIANTS]
    at.selectbox(key="w.gradients.init").set_value("kaiming").run()
    _ok(at)
    release(at, 3.0)  # β's live slider let go at 3
    _ok(at)
    x_neg, x_big = gradflow.swish_derivative_regions(3.0)
    assert f"{x_neg:.4f}" in " ".join(i.value for i in at.info)
    at.slider(key="w.gradients.bval").set_value(-1.5).run()
    _ok(at)
    assert _qp(at, "bval") == "-1.5"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_gradients_bad_link_warns(lang):
    at = open_page("gradients", lang=lang, init="evil", depth="nan", width="1e9", acts="relu,<b>", resid="maybe",
                   resid_extra="1")
    _ok(at)
    warnings = " ".join(w.value for w in at.warning)
    for name in ("init", "depth", "width", "acts", "resid"):
        assert t(f"set.{name}", lang) in warnings
    assert at.selectbox(key="w.gradients.init").value == "torch"
    assert len(_specs(at)) == 3


def test_gradients_quiz():
    at = open_page("gradients", lang="zh")
    at.radio(key="quiz.grad.quiz").set_value(quiz.grad_case()["correct"] - 1).run()
    at.button(key="quiz.grad.quiz.reveal").click().run()
    _ok(at)
    assert at.success and _cjk(at.success[0].value)


def test_teacher_can_hide_the_token_and_the_gate():
    at = open_page("glu", lang="en", hide="tok,gate", gate="geglu", tok="0.5,-1")
    _ok(at)
    assert not [s for s in at.slider if s.key.startswith("w.glu.tok.")]
    assert "w.glu.gate" not in [s.key for s in at.selectbox]
    assert t("gate.geglu", "en") in _specs(at)[0]["layout"]["title"]["text"]
    assert _qp(at, "tok").startswith("0.5,-1.0")
