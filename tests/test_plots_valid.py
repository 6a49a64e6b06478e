"""The dict-built figures (swiglu.plots.figure skips plotly's validation for speed) are checked here instead: every
builder's output must pass plotly's full validation, and the shape/annotation helpers must draw exactly what
plotly's own add_hline / add_vrect draw."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest
import torch

from swiglu import analysis
from swiglu.activations import GATES, swish
from swiglu.i18n import t
from swiglu.plots import add_hline, add_vrect, figure, layout
from swiglu.plots.glu import product_heatmap, slices_figure
from swiglu.plots.gradients import derivative_figure
from swiglu.plots.swish import custom_curve, grid, swish_figure

BUILDERS = {
    "swish": lambda lang, big: swish_figure(1.3, (0.1, 1.0, 10.0), ("relu", "gelu", "silu", "half"), 6.0, lang, big),
    "swish_custom": lambda lang, big: swish_figure(
        0.5, (), (), 3.0, lang, big, ("mine", "mine′", *custom_curve("x*sigmoid(2*x)", 0.5, 3.0))),
    "swish_beta0": lambda lang, big: swish_figure(0.0, (1.0,), ("half",), 6.0, lang, big),
    "heatmap": lambda lang, big: product_heatmap("geglu", 1.0, -1.5, lang, big),
    "slices": lambda lang, big: slices_figure(tuple(GATES), 0.7, 2.0, lang, big),
    "derivatives": lambda lang, big: derivative_figure(("relu", "gelu", "silu", "swish"), 0.7, 8.0, lang, big),
    "derivatives_no_swish": lambda lang, big: derivative_figure(("relu", "gelu"), 1.0, 6.0, lang, big),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("big", [False, True])
@pytest.mark.parametrize("name", list(BUILDERS))
def test_every_dict_built_figure_passes_plotly_validation(name, lang, big):
    fig = BUILDERS[name](lang, big)
    checked = go.Figure(fig.to_dict())  # raises ValueError on any unknown property or bad value
    assert len(checked.data) == len(fig.data) >= 1
    assert checked.layout.title.text and checked.layout.xaxis.title.text and checked.layout.yaxis.title.text
    assert checked.layout.font.size == (20 if big else 14)


def test_a_typo_in_a_dict_built_figure_is_caught_by_validation():
    bad = figure([{"type": "scatter", "x": [0, 1], "y": [0, 1], "lnie": {"width": 2}}], layout("t", "x", "y"))
    with pytest.raises(ValueError):
        go.Figure(bad.to_dict())


@pytest.mark.parametrize("position", ["top left", "top right", "bottom left", "bottom right"])
def test_hline_and_vrect_match_plotlys_own(position):
    ours = layout("t", "x", "y")
    add_hline(ours, 0.25, {"color": "#000000", "dash": "dash", "width": 2}, "line", position)
    add_vrect(ours, -3.0, 1.5, "#E69F00", 0.12, "band", position)
    add_hline(ours, 1.0, {"color": "#777777", "width": 1})  # no label
    ref = go.Figure()
    ref.add_hline(y=0.25, line={"color": "#000000", "dash": "dash", "width": 2}, annotation_text="line",
                  annotation_position=position)
    ref.add_vrect(x0=-3.0, x1=1.5, fillcolor="#E69F00", opacity=0.12, line_width=0, annotation_text="band",
                  annotation_position=position)
    ref.add_hline(y=1.0, line={"color": "#777777", "width": 1})
    want = ref.to_dict()["layout"]
    got = figure([], ours).to_dict()["layout"]
    assert got["shapes"] == want["shapes"]
    assert got["annotations"] == want["annotations"]


def test_swish_figure_draws_the_core_curves_and_the_minimum():
    fig = swish_figure(1.5, (0.5, 3.0), ("relu", "half"), 4.0, "en")
    x = grid(4.0)
    by_name = {tr.name: tr for tr in fig.data}
    current = by_name[t("swish.current", "en", beta="1.5")]
    np.testing.assert_array_equal(current.x, x.numpy())
    np.testing.assert_allclose(current.y, swish(x, 1.5).numpy(), rtol=0, atol=0)
    for b in (0.5, 3.0):
        np.testing.assert_allclose(by_name[t("swish.curve", "en", beta=f"{b:.4g}")].y, swish(x, b).numpy(), atol=0)
    np.testing.assert_allclose(by_name[t("act.relu", "en")].y, torch.relu(x).numpy(), atol=0)
    np.testing.assert_allclose(by_name[t("act.half", "en")].y, (x / 2).numpy(), atol=0)
    x_star, f_star = analysis.swish_minimum(1.5)
    marker = by_name[t("swish.minimum_marker", "en")]
    assert (marker.x[0], marker.y[0]) == (x_star, f_star)
    band, ray = fig.layout.shapes
    assert (band.x0, band.x1) == (-4.0, x_star) and ray.y0 == ray.y1 == f_star  # dip region and the lower bound
    assert fig.layout.yaxis.range == (-1.4, 4.08)


def test_swish_figure_texts_follow_the_language_and_beta0_has_no_minimum():
    zh = swish_figure(0.0, (1.0,), ("half",), 6.0, "zh")
    assert zh.layout.title.text == t("swish.plot_title", "zh")
    assert zh.layout.xaxis.title.text == t("axis.x", "zh")
    assert not zh.layout.shapes and t("swish.minimum_marker", "zh") not in {tr.name for tr in zh.data}
    np.testing.assert_allclose(zh.data[-1].y, (grid(6.0) / 2).numpy(), atol=0)  # β = 0 is exactly x/2
