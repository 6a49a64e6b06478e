"""The dict-built figures (swiglu.plots.figure skips plotly's validation for speed) are checked here instead: every
builder's output must pass plotly's full validation, and the shape/annotation helpers must draw exactly what
plotly's own add_hline / add_vrect draw."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest
import torch
from plotly.subplots import make_subplots

from swiglu import analysis, gating, gradflow
from swiglu.activations import GATES, swish
from swiglu.i18n import t
from swiglu.plots import add_hline, add_vrect, axis_names, base_layout, figure, font_size, fonts, layout, subplots
from swiglu.plots.glu import journey_figure, product_heatmap, slices_figure
from swiglu.plots.gradients import derivative_figure, flow_figure, product_grad_figure
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
    "journey": lambda lang, big: journey_figure(
        gating.token_journey((1.0, -0.5, 0.8, -1.2), 4, 12, "swiglu", 1.3, 0), "swiglu", 1.3, lang, big),
    "product_grads": lambda lang, big: product_grad_figure(tuple(GATES), 0.7, 1.3, lang, big),
    "flow": lambda lang, big: flow_figure(gradflow.gradient_flow_all(6, 16, "torch", 1.0, 0), False, lang, big),
    "flow_residual": lambda lang, big: flow_figure(gradflow.gradient_flow_all(4, 16, "xavier", 1.5, 3, True), True,
                                                   lang, big),
}
NO_AXIS_TITLES = {"journey"}  # five panels of different quantities: each panel's own title says what it holds


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("big", [False, True])
@pytest.mark.parametrize("name", list(BUILDERS))
def test_every_dict_built_figure_passes_plotly_validation(name, lang, big):
    fig = BUILDERS[name](lang, big)
    checked = go.Figure(fig.to_dict())  # raises ValueError on any unknown property or bad value
    assert len(checked.data) == len(fig.data) >= 1
    assert checked.layout.title.text
    titled = name not in NO_AXIS_TITLES
    assert bool(checked.layout.xaxis.title.text) == bool(checked.layout.yaxis.title.text) == titled
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
    # the minimum's marks are there for a drag away from β = 0 (ui/live_plot.js), but hidden and empty
    assert not [s for s in zh.layout.shapes if s.visible is not False]
    assert not [a for a in zh.layout.annotations if a.visible is not False]
    assert not [tr for tr in zh.data if tr.name == t("swish.minimum_marker", "zh") and len(tr.x)]
    (current,) = [tr for tr in zh.data if tr.name == t("swish.current", "zh", beta="0")]
    np.testing.assert_allclose(current.y, (grid(6.0) / 2).numpy(), atol=0)  # β = 0 is exactly x/2


@pytest.mark.parametrize("options", [{"horizontal_spacing": 0.1, "column_widths": [0.6, 0.4]}, {}])
@pytest.mark.parametrize("shape", [(1, 2), (5, 1), (2, 3)])
def test_subplots_writes_what_make_subplots_and_layout_write(shape, options):
    rows, cols = shape
    if "column_widths" in options and cols != 2:
        options = {"horizontal_spacing": 0.1}
    titles = [f"panel {i}" for i in range(rows * cols)]
    ref = make_subplots(rows=rows, cols=cols, subplot_titles=titles, **options)
    ref.update_layout(layout("the title", "x title", "y title", big=True, panel_titles=True))
    ref.update_xaxes(automargin=False, ticklabeloverflow="allow", tickangle=0, tickfont=fonts(True)["tick"])
    ref.update_yaxes(automargin=False, ticklabeloverflow="allow", tickfont=fonts(True)["tick"])
    ref.update_annotations(font_size=font_size(True))  # panel titles at the page's font size, large fonts too
    want = ref.to_dict()["layout"]
    got = figure([], subplots(rows, cols, titles, "the title", "x title", "y title", True, **options)).to_dict()
    got = got["layout"]
    want.pop("template"), got.pop("template")  # both get plotly's default one when serialised; Streamlit themes it
    assert got == want
    for row in range(1, rows + 1):  # axis_names gives the axes make_subplots gives a trace in that panel
        for col in range(1, cols + 1):
            ref.add_trace(go.Scatter(x=[0], y=[0]), row=row, col=col)
            assert {"xaxis": ref.data[-1].xaxis, "yaxis": ref.data[-1].yaxis} == axis_names(row, col, cols)


def test_subplots_gives_each_call_its_own_layout():
    first = subplots(1, 2, ["a", "b"], "t", "x", "y")
    first["xaxis"]["range"] = [0, 1]
    first["annotations"][0]["text"] = "changed"
    second = subplots(1, 2, ["c", "d"], "t", "x", "y")
    assert "range" not in second["xaxis"] and [a["text"] for a in second["annotations"]] == ["c", "d"]


@pytest.mark.parametrize("name", list(BUILDERS))
def test_dict_built_figures_have_fixed_margins_so_plotly_draws_them_once(name):
    """Streamlit's theme turns automargin on; with it plotly.js draws a figure, measures its tick labels and draws
    it again. These figures are redrawn on every slider step, so every axis has it off and the margins leave room
    for tick labels and titles (the room automargin chose for them, measured in Chromium); labels are neither
    checked for overflow nor measured for tilting."""
    for big in (False, True):
        lay = BUILDERS[name]("en", big).to_dict()["layout"]
        axes = [k for k in lay if k.startswith(("xaxis", "yaxis"))]
        assert axes and all(lay[k]["automargin"] is False and lay[k]["ticklabeloverflow"] == "allow" for k in axes)
        assert all(lay[k]["tickangle"] == 0 for k in axes if k.startswith("xaxis"))
        assert lay["margin"]["l"] >= (100 if big else 80) and lay["margin"]["b"] >= (90 if big else 72)


def test_base_layout_keeps_automargin_for_the_other_figures():
    fig = go.Figure()
    base_layout(fig, "t", "x", "y")
    assert fig.layout.xaxis.automargin is None and fig.layout.margin.l == 10  # the theme's automargin applies
