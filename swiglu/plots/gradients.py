"""Figures of the gradients page: derivatives from autograd, the gated product's two gradients, and the
gradient (and signal) norm over depth."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import plotly.graph_objects as go
import torch
from plotly.subplots import make_subplots

from ..activations import ACTIVATIONS, swish_derivative
from ..gating import LIM
from ..gradflow import Flow, derivatives, gated_product_grads, swish_derivative_regions, zero_intervals
from ..i18n import t
from . import DASHES, add_hline, add_vrect, base_layout, colour, figure, layout, scatter
from .glu import DASH_GLYPHS, fmt, gate_label, key_annotation

REGION_COLOURS = {"zero": "#D55E00", "negative": "#CC79A7", "above_one": "#009E73"}
# KEY_COLOURS gives Swish and SwiGLU the same blue; side by side over depth they need two colours and markers.
FLOW_STYLE = {"relu": ("#D55E00", "circle"), "gelu": ("#009E73", "square"), "swish": ("#56B4E9", "diamond"),
              "swiglu": ("#0072B2", "x")}


def act_label(key: str, beta: float, lang: str) -> str:
    label = t(f"act.{key}", lang)
    return label + (t("glu.with_beta", lang, beta=fmt(beta)) if ACTIVATIONS[key].uses_beta else "")


def derivative_figure(keys: Sequence[str], beta: float, xrange: float, lang: str, big: bool = False) -> go.Figure:
    """df/dx from autograd for each selected activation, the analytic Swish_β′ over the autograd one, and the
    telling regions shaded: ReLU′ exactly 0, Swish_β′ below 0 and above 1."""
    x, dys = derivatives(keys, beta, xrange)
    xs = x.numpy()
    data = [scatter(xs, dys[k].numpy(), act_label(k, beta, lang),
                    {"color": colour(k), "dash": DASHES[i % len(DASHES)], "width": 5 if k == "swish" else 2.5})
            for i, k in enumerate(keys)]
    lay = layout(t("grad.deriv_title", lang), t("axis.x", lang), t("axis.dfx", lang), big)
    if "swish" in keys:
        data.append(scatter(xs, swish_derivative(x, beta).numpy(), t("grad.analytic", lang, beta=fmt(beta)),
                            {"color": "#000000", "dash": "dot", "width": 2}))
        regions = swish_derivative_regions(beta)
        if regions is not None:
            x_neg, x_big = regions
            if x_neg > -xrange:
                add_vrect(lay, -xrange, x_neg, REGION_COLOURS["negative"], 0.12, t("grad.region_negative", lang),
                          "bottom left")
            if x_big < xrange:
                add_vrect(lay, x_big, xrange, REGION_COLOURS["above_one"], 0.12, t("grad.region_above_one", lang),
                          "top right")
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
    xs = a.tolist()
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.08,
                        subplot_titles=(t("grad.pg_da", lang, b=fmt(b_value)), t("grad.pg_db", lang)))
    key = []
    for i, g in enumerate(gates):
        da, db = gated_product_grads(a, b_value, g, beta)
        dash = DASHES[i % len(DASHES)]
        style = {"color": colour(g), "dash": dash, "width": 3}
        name = gate_label(g, beta, lang)
        fig.add_trace(go.Scatter(x=xs, y=da.tolist(), name=t("grad.pg_da_series", lang, gate=name), line=style,
                                 showlegend=False), row=1, col=1)
        fig.add_trace(go.Scatter(x=xs, y=db.tolist(), name=t("grad.pg_db_series", lang, gate=name), line=style,
                                 showlegend=False), row=1, col=2)
        key.append((name, colour(g), DASH_GLYPHS[dash]))
    key_annotation(fig, key, y=-0.17)
    base_layout(fig, t("grad.pg_title", lang), t("glu.axis_a", lang), t("grad.axis_grad", lang), big)
    fig.update_xaxes(title_text=t("glu.axis_a", lang), row=1, col=2)
    fig.update_layout(height=540, margin={"b": 120}, hovermode="x")
    fig.update_xaxes(zeroline=True)
    fig.update_yaxes(zeroline=True, zerolinecolor="#555555")
    return fig


def _loggable(values: Sequence[float]) -> list[float | None]:
    return [v if math.isfinite(v) and v > 0 else None for v in values]


def flow_figure(flows: Mapping[str, Flow], residual: bool, lang: str, big: bool = False) -> go.Figure:
    """Gradient norm (left) and signal norm (right) at each layer, log-y; underflow and overflow leave gaps."""
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.1, column_widths=[0.6, 0.4],
                        subplot_titles=(t("grad.flow_grad", lang), t("grad.flow_signal", lang)))
    for i, (v, flow) in enumerate(flows.items()):
        layers = list(range(len(flow.grad)))
        c, symbol = FLOW_STYLE.get(v, (colour(v), "circle"))
        style = {"color": c, "dash": DASHES[i % len(DASHES)], "width": 3}
        name = t(f"variant.{v}", lang)
        fig.add_trace(go.Scatter(x=layers, y=_loggable(flow.grad), name=name, line=style, mode="lines+markers",
                                 legendgroup=v, marker={"size": 8, "symbol": symbol}), row=1, col=1)
        fig.add_trace(go.Scatter(x=layers, y=_loggable(flow.signal), name=t("grad.signal_series", lang, name=name),
                                 line=style, mode="lines", legendgroup=v, showlegend=False), row=1, col=2)
    title = t("grad.flow_title_res" if residual else "grad.flow_title_plain", lang)
    base_layout(fig, title, t("grad.axis_layer", lang), t("grad.axis_norm", lang), big)
    fig.update_xaxes(title_text=t("grad.axis_layer", lang), row=1, col=2)
    fig.update_yaxes(type="log", exponentformat="power")
    for row_col, values in ((1, [f.grad for f in flows.values()]), (2, [f.signal for f in flows.values()])):
        usable = [v for vs in values for v in _loggable(vs) if v is not None]
        if usable and 0.5 <= math.log10(max(usable) / min(usable)) < 2:  # 1-2 decades: label 1, 2, 5 only
            fig.update_yaxes(dtick="D2", row=1, col=row_col)
    fig.update_layout(height=480, legend={"orientation": "h", "y": -0.22, "x": 0})
    return fig
