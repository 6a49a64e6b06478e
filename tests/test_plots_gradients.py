"""The /gradients figures plot exactly what the core computes: autograd derivatives, the analytic Swish′,
the shaded regions, the gated product's gradients and the norms over depth."""

import csv
import io
import math

import numpy as np
import pytest
import torch

from swiglu import gradflow
from swiglu.activations import GATES, activation_and_grad, swish_derivative
from swiglu.i18n import t
from swiglu.plots import figure_csv
from swiglu.plots.gradients import derivative_figure, flow_figure, product_grad_figure


def _cjk(s: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in s)


def test_derivative_traces_are_autograd():
    keys = ("relu", "gelu", "swish", "mish")
    fig = derivative_figure(keys, 2.0, 5.0, "en")
    for key, tr in zip(keys, fig.data, strict=False):
        x = torch.tensor(tr.x, dtype=torch.float64)
        np.testing.assert_allclose(tr.y, activation_and_grad(key, x, 2.0)[1].numpy(), rtol=1e-12, atol=1e-12)
    analytic = fig.data[len(keys)]
    x = torch.tensor(analytic.x, dtype=torch.float64)
    np.testing.assert_allclose(analytic.y, swish_derivative(x, 2.0).numpy(), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(analytic.y, fig.data[2].y, atol=1e-12)  # the formula lies on autograd's curve
    assert analytic.name == t("grad.analytic", "en", beta="2")


def test_regions_are_shaded_where_the_core_says():
    fig = derivative_figure(("relu", "swish"), 1.0, 6.0, "en")
    spans = sorted((round(s.x0, 9), round(s.x1, 9)) for s in fig.layout.shapes if s.type == "rect")
    x_neg, x_big = gradflow.swish_derivative_regions(1.0)
    relu = [sp for sp in spans if sp[0] == -6.0 and sp[1] > x_neg + 0.1]
    assert len(relu) == 1 and -1e-9 <= relu[0][1] <= 12 / 800 + 1e-9  # ReLU′ = 0 up to x = 0 (one grid step)
    assert sorted(set(spans) - set(relu)) == sorted([(-6.0, round(x_neg, 9)), (round(x_big, 9), 6.0)])
    texts = [a.text for a in fig.layout.annotations]
    assert t("grad.region_negative", "en") in texts and t("grad.region_above_one", "en") in texts


def test_no_swish_no_analytic_curve_and_no_swish_regions():
    fig = derivative_figure(("gelu", "sigmoid"), 1.0, 4.0, "zh")
    assert len(fig.data) == 2 and not [s for s in fig.layout.shapes if s.type == "rect"]
    assert _cjk(fig.layout.title.text) and _cjk(fig.layout.xaxis.title.text) and _cjk(fig.data[0].name)


def test_beta_zero_has_no_swish_regions():
    fig = derivative_figure(("swish",), 0.0, 4.0, "en")
    assert not [s for s in fig.layout.shapes if s.type == "rect" and s.visible is not False]
    np.testing.assert_allclose(fig.data[0].y, 0.5)


def test_product_gradients_are_the_core_and_the_formula():
    fig = product_grad_figure(tuple(GATES), 2.0, 1.0, "en")
    assert len(fig.data) == 2 * len(GATES)
    for i, g in enumerate(GATES):
        da_tr, db_tr = fig.data[2 * i], fig.data[2 * i + 1]
        a = torch.tensor(da_tr.x, dtype=torch.float64)
        da, db = gradflow.gated_product_grads(a, 2.0, g, 1.0)
        np.testing.assert_allclose(da_tr.y, da.numpy(), atol=1e-12)
        np.testing.assert_allclose(db_tr.y, db.numpy(), atol=1e-12)
        assert da_tr.xaxis == "x" and db_tr.xaxis == "x2"
    relu_da = np.asarray(fig.data[2 * list(GATES).index("reglu")].y)
    x = np.asarray(fig.data[0].x)
    assert np.all(relu_da[x < 0] == 0) and np.allclose(relu_da[x > 0], 2.0)  # g′(a)·b with b = 2


def test_flow_figure_plots_the_norms_with_gaps():
    flows = gradflow.gradient_flow_all(12, 32, "torch", 1.0, seed=0)
    fig = flow_figure(flows, False, "en")
    grads = [tr for tr in fig.data if tr.xaxis == "x"]
    signals = [tr for tr in fig.data if tr.xaxis == "x2"]
    assert len(grads) == len(signals) == 4
    for tr, (v, flow) in zip(grads, flows.items(), strict=True):
        assert tr.name == t(f"variant.{v}", "en")
        for y, g in zip(tr.y, flow.grad, strict=True):
            assert (y is None) if not (math.isfinite(g) and g > 0) else y == pytest.approx(g, rel=1e-12)
        assert list(tr.x) == list(range(13))
    assert fig.layout.yaxis.type == "log" and fig.layout.yaxis2.type == "log"
    assert None in list(grads[3].y)  # SwiGLU's underflow leaves a gap
    assert fig.layout.title.text == t("grad.flow_title_plain", "en")
    assert flow_figure(flows, True, "zh").layout.title.text == t("grad.flow_title_res", "zh")


def test_flow_values_equal_a_fresh_core_run():
    fig = flow_figure(gradflow.gradient_flow_all(4, 16, "xavier", 1.5, seed=3, residual=True), True, "en")
    ref = gradflow.gradient_flow("swish", 4, 16, "xavier", 1.5, seed=3, residual=True)
    (tr,) = [tr for tr in fig.data if tr.name == t("variant.swish", "en")]
    assert list(tr.y) == pytest.approx(ref.grad, rel=1e-12)


def test_csv_of_every_figure():
    fig = product_grad_figure(("glu", "swiglu"), 1.0, 1.0, "en")
    rows = list(csv.reader(io.StringIO(figure_csv(fig))))
    assert len(rows) == 1 + 4 * len(fig.data[0].x)
    assert {r[0] for r in rows[1:]} == {tr.name for tr in fig.data}  # four distinct, named series
    flows = gradflow.gradient_flow_all(3, 8, "torch", 1.0, seed=0)
    rows = list(csv.reader(io.StringIO(figure_csv(flow_figure(flows, False, "zh")))))
    assert len(rows) == 1 + 8 * 4
