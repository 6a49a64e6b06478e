"""Figures of the gradients page: derivatives from autograd, the gated product's two gradients, and the
gradient (and signal) norm over depth."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import plotly.graph_objects as go
import torch

from ..activations import ACTIVATIONS, swish_derivative
from ..analysis import silu_minimum_point
from ..gating import LIM
from ..gradflow import Flow, derivatives, gated_product_grads, swish_derivative_regions, zero_intervals
from ..i18n import t
from . import (
    BETA,
    DASHES,
    add_hline,
    add_vrect,
    axis_names,
    colour,
    figure,
    key_note,
    layout,
    live_meta,
    over_beta,
    scatter,
    subplots,
    update_axes,
)
from .glu import DASH_GLYPHS, fmt, gate_label

REGION_COLOURS = {"zero": "#D55E00", "negative": "#CC79A7", "above_one": "#009E73"}
# KEY_COLOURS gives Swish and SwiGLU the same blue; side by side over depth they need two colours and markers.
FLOW_STYLE = {"relu": ("#D55E00", "circle"), "gelu": ("#009E73", "square"), "swish": ("#56B4E9", "diamond"),
              "swiglu": ("#0072B2", "x")}


def act_label(key: str, beta: float, lang: str, beta_text: str | None = None) -> str:
    """The activation's name, with β if it uses one; `beta_text` instead of fmt(β) makes a template (plots.BETA)."""
    label = t(f"act.{key}", lang)
    return label + (t("glu.with_beta", lang, beta=beta_text or fmt(beta)) if ACTIVATIONS[key].uses_beta else "")


def derivative_figure(keys: Sequence[str], beta: float, xrange: float, lang: str, big: bool = False) -> go.Figure:
    """df/dx from autograd for each selected activation, the analytic Swish_β′ over the autograd one, and the
    telling regions shaded: ReLU′ exactly 0, Swish_β′ below 0 and above 1. The Swish series, their labels and
    the two Swish regions say in their `meta` how ui/live_plot.js redraws them while β is dragged."""
    x, dys = derivatives(keys, beta, xrange)
    xs = x.numpy()
    data = [scatter(xs, dys[k].numpy(), act_label(k, beta, lang),
                    {"color": colour(k), "dash": DASHES[i % len(DASHES)], "width": 5 if k == "swish" else 2.5},
                    **(live_meta("dswish", label=[act_label(k, beta, lang, BETA), 3]) if k == "swish" else {}))
            for i, k in enumerate(keys)]
    lay = layout(t("grad.deriv_title", lang), t("axis.x", lang), t("axis.dfx", lang), big)
    if "swish" in keys:
        data.append(scatter(xs, swish_derivative(x, beta).numpy(), t("grad.analytic", lang, beta=fmt(beta)),
                            {"color": "#000000", "dash": "dot", "width": 2},
                            **live_meta("dswish", label=[t("grad.analytic", lang, beta=BETA), 3])))
        # Drawn at every β (hidden where empty, or at β = 0) so that a drag can show them: the borders are
        # x_neg = c/β and x_big = −c/β with c the root of SiLU′ (swish_derivative_regions).
        c = silu_minimum_point()
        regions = swish_derivative_regions(beta)
        x_neg, x_big = regions if regions is not None else (-xrange, xrange)
        add_vrect(lay, -xrange, x_neg, REGION_COLOURS["negative"], 0.12, t("grad.region_negative", lang),
                  "bottom left")
        add_vrect(lay, x_big, xrange, REGION_COLOURS["above_one"], 0.12, t("grad.region_above_one", lang),
                  "top right")
        shown = (regions is not None and x_neg > -xrange, regions is not None and x_big < xrange)
        for item, show in zip((*lay["shapes"], *lay["annotations"]), shown * 2, strict=True):
            item["visible"] = show
        lay["meta"] = {"live": {"marks": [{"shape": 0, "note": 0, "set": {"x1": over_beta(c)}},
                                          {"shape": 1, "note": 1, "set": {"x0": over_beta(-c)}}]}}
    for k in keys:
        if ACTIVATIONS[k].has_zero_region:
            for x0, x1 in zero_intervals(x, dys[k]):
                add_vrect(lay, x0, x1, REGION_COLOURS["zero"], 0.08,
                          t("grad.region_zero", lang, act=t(f"act.{k}", "en")), "top left")
    add_hline(lay, 1.0, {"color": "#777777", "dash": "dot", "width": 1})
    lay["height"] = 520
    lay["xaxis"].update(range=[-xrange, xrange], zeroline=True)
    lay["yaxis"].update(range=[-0.35, 1.35], zeroline=True, zerolinecolor="#555555")
    return figure(data, lay)


def product_grad_figure(gates: Sequence[str], b_value: float, beta: float, lang: str, big: bool = False) -> go.Figure:
    """Left: ∂(g(a)·b)/∂a = g′(a)·b, the learning signal of the gate weights W. Right: ∂/∂b = g(a), that of V."""
    a = torch.linspace(-LIM, LIM, 401, dtype=torch.float64)
    xs = a.numpy()
    lay = subplots(1, 2, [t("grad.pg_da", lang, b=fmt(b_value)), t("grad.pg_db", lang)], t("grad.pg_title", lang),
                   t("glu.axis_a", lang), t("grad.axis_grad", lang), big, horizontal_spacing=0.08)
    data, key = [], []
    for i, g in enumerate(gates):
        da, db = gated_product_grads(a, b_value, g, beta)
        dash = DASHES[i % len(DASHES)]
        style = {"color": colour(g), "dash": dash, "width": 3}
        name = gate_label(g, beta, lang)
        data.append(scatter(xs, da.numpy(), t("grad.pg_da_series", lang, gate=name), style, showlegend=False,
                            **axis_names(1, 1, 2)))
        data.append(scatter(xs, db.numpy(), t("grad.pg_db_series", lang, gate=name), style, showlegend=False,
                            **axis_names(1, 2, 2)))
        key.append((name, colour(g), DASH_GLYPHS[dash]))
    key_note(lay, key, y=-0.17)
    lay["xaxis2"]["title"] = {"text": t("glu.axis_a", lang)}
    update_axes(lay, "x", zeroline=True)
    update_axes(lay, "y", zeroline=True, zerolinecolor="#555555")
    lay.update(height=540, hovermode="x", margin={**lay["margin"], "b": 120})
    return figure(data, lay)


def _loggable(values: Sequence[float]) -> list[float | None]:
    return [v if math.isfinite(v) and v > 0 else None for v in values]


def flow_figure(flows: Mapping[str, Flow], residual: bool, lang: str, big: bool = False) -> go.Figure:
    """Gradient norm (left) and signal norm (right) at each layer, log-y; underflow and overflow leave gaps."""
    title = t("grad.flow_title_res" if residual else "grad.flow_title_plain", lang)
    lay = subplots(1, 2, [t("grad.flow_grad", lang), t("grad.flow_signal", lang)], title, t("grad.axis_layer", lang),
                   t("grad.axis_norm", lang), big, horizontal_spacing=0.1, column_widths=[0.6, 0.4])
    data = []
    for i, (v, flow) in enumerate(flows.items()):
        layers = list(range(len(flow.grad)))
        c, symbol = FLOW_STYLE.get(v, (colour(v), "circle"))
        style = {"color": c, "dash": DASHES[i % len(DASHES)], "width": 3}
        name = t(f"variant.{v}", lang)
        data.append({"type": "scatter", "x": layers, "y": _loggable(flow.grad), "name": name, "line": style,
                     "mode": "lines+markers", "legendgroup": v, "marker": {"size": 8, "symbol": symbol},
                     **axis_names(1, 1, 2)})
        data.append({"type": "scatter", "x": layers, "y": _loggable(flow.signal),
                     "name": t("grad.signal_series", lang, name=name), "line": style, "mode": "lines", "legendgroup": v,
                     "showlegend": False, **axis_names(1, 2, 2)})
    lay["xaxis2"]["title"] = {"text": t("grad.axis_layer", lang)}
    update_axes(lay, "y", type="log", exponentformat="power")
    for axis, values in (("yaxis", [f.grad for f in flows.values()]), ("yaxis2", [f.signal for f in flows.values()])):
        usable = [v for vs in values for v in _loggable(vs) if v is not None]
        if usable and 0.5 <= math.log10(max(usable) / min(usable)) < 2:  # 1-2 decades: label 1, 2, 5 only
            lay[axis]["dtick"] = "D2"
    lay.update(height=480, legend={**lay["legend"], "orientation": "h", "y": -0.22, "x": 0})
    return figure(data, lay)
