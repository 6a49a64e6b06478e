"""Figures of the paper page: Shazeer 2020 (arXiv 2002.05202) Tables 1-4 as dot plots, the 65,536-step gaps in
units of the stated noise, and the live activation timing. Dots, not bars: the differences are a few
hundredths on a scale that does not start at 0, and a bar would suggest otherwise."""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import paper
from ..i18n import t
from ..timing import OPS, Timing
from . import base_layout, colour, finish, wrap_panel_title
from .ffn import SHORT

RAFFEL_COLOUR = "#999999"
GAP_SCALE = [[0.0, "#D55E00"], [0.5, "#FFFFFF"], [1.0, "#0072B2"]]  # blue: the row variant is better


def _name(key: str, lang: str) -> str:
    return t("paper.raffel", lang) if key == "raffel" else SHORT[key]


def _symbol(key: str) -> str:
    return "circle" if key in ("relu", "gelu", "swish", "raffel") else "diamond"  # plain vs gated


def perplexity_figure(long: bool, lang: str, big: bool = False) -> go.Figure:
    """Table 1: log-perplexity per variant; at 65,536 steps with ±1 std error bars (std over runs)."""
    keys = list(paper.TABLE1)
    best = paper.best_perplexity(long)
    fig = go.Figure()
    for k in keys:
        p = paper.TABLE1[k]
        y = p.long if long else p.short
        err = None if long else {"type": "data", "array": [p.short_std], "visible": True, "thickness": 2, "width": 8}
        fig.add_trace(go.Scatter(
            x=[SHORT[k]], y=[y], error_y=err, mode="markers", name=SHORT[k],
            marker={"color": colour(k), "size": 18 if k == best else 13, "symbol": _symbol(k),
                    "line": {"width": 3 if k == best else 1, "color": "#000"}},
            hovertemplate=f"{SHORT[k]}: %{{y:.3f}}<extra></extra>"))
    y_best = paper.TABLE1[best].long if long else paper.TABLE1[best].short
    fig.add_annotation(x=SHORT[best], y=y_best, text=t("paper.best_here", lang), showarrow=True, arrowhead=2,
                       ay=40)  # the figure's font, large fonts included
    steps = f"{paper.SETUP['steps' if long else 'short_steps']:,}"
    title = t("paper.ppl_title_long" if long else "paper.ppl_title_short", lang, steps=steps)
    base_layout(fig, title, t("paper.axis_variant", lang), t("paper.axis_ppl", lang), big)
    fig.update_layout(hovermode="closest", showlegend=False, height=400)
    return finish(fig)


def finetune_figure(lang: str, big: bool = False) -> go.Figure:
    """Tables 2-4: GLUE, SuperGLUE, SQuAD EM and F1 averages, one panel each; the best of each panel ringed."""
    fig = make_subplots(rows=1, cols=len(paper.TASKS), subplot_titles=[t(f"paper.task.{k}", lang) for k in paper.TASKS],
                        horizontal_spacing=0.06)
    for col, task in enumerate(paper.TASKS, start=1):
        best = paper.best_task(task)
        for k, row in paper.TABLES234.items():
            fig.add_trace(go.Scatter(
                x=[_name(k, lang)], y=[getattr(row, task)], mode="markers", name=_name(k, lang),
                legendgroup=k, showlegend=(col == 1),
                marker={"color": RAFFEL_COLOUR if k == "raffel" else colour(k), "symbol": _symbol(k),
                        "size": 16 if k == best else 11, "line": {"width": 3 if k == best else 1, "color": "#000"}},
                hovertemplate=f"{_name(k, lang)}: %{{y:.2f}}<extra></extra>"), 1, col)
        fig.update_xaxes(showticklabels=False, row=1, col=col)
    base_layout(fig, t("paper.ft_title", lang), "", t("paper.axis_score", lang), big, panel_titles=True)
    fig.update_layout(hovermode="closest", height=430, legend={"orientation": "h", "y": -0.08, "x": 0})
    return finish(fig)


def gap_figure(lang: str, big: bool = False) -> go.Figure:
    """gap_in_std(row, column) for every pair at 65,536 steps: positive = the row variant is better."""
    keys, m = paper.gap_matrix()
    names = [SHORT[k] for k in keys]
    lim = max(abs(v) for row in m for v in row)
    fig = go.Figure(go.Heatmap(
        z=m, x=names, y=names, name=t("paper.gap_series", lang), colorscale=GAP_SCALE, zmin=-lim, zmax=lim,
        texttemplate="%{z:.1f}", showscale=False,  # the cells carry their values, the y title the colours' sense
        hovertemplate="%{y} − %{x}: %{z:.2f} σ<extra></extra>"))
    base_layout(fig, t("paper.gap_title", lang), t("paper.gap_x", lang), t("paper.gap_y", lang), big)
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(hovermode="closest", height=470)
    return finish(fig)


def timing_figure(timing: Timing, lang: str, big: bool = False) -> go.Figure:
    """Fastest microseconds per call of each timed op, same tensors, this machine (bars labelled with values)."""
    labels = [wrap_panel_title(t(f"timing.op.{k}", lang), 5) for k in OPS]  # level, wrapped: tilted took the width
    us = [timing.seconds[k] * 1e6 for k in OPS]
    colours = [colour("swiglu"), colour("geglu"), colour("silu"), colour("gelu"), colour("gelu_tanh"), "#999999"]
    fig = go.Figure(go.Bar(x=labels, y=us, name=t("timing.series", lang), marker={"color": colours},
                           text=[f"{v:,.0f}" for v in us], textposition="outside"))
    base_layout(fig, t("timing.title", lang), "", t("timing.axis_us", lang), big)
    fig.update_xaxes(tickangle=0)
    fig.update_layout(hovermode="closest", height=420)
    return finish(fig)
