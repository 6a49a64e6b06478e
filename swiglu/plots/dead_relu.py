"""Figures of /dead-relu: dead fraction per layer over training, the training loss, the units × inputs map
of one layer (dead units are empty rows), pre-activation histograms before/after, and death vs sparsity.
All read an immutable DeadState (swiglu.experiments.dead_relu); none computes anything the core does not."""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..dead import LAZY_NEURON_NONZERO, off_threshold
from ..experiments.dead_relu import ArmState, DeadState, dead_series, death_vs_sparsity, gate_map, histogram
from ..i18n import t
from . import DASHES, base_layout, colour, finish
from .ffn import SHORT

# Swish and SwiGLU share a blue app-wide; on this page they stand side by side, so Swish takes the sky blue.
ARM_COLOURS = {"swish": "#56B4E9", "asis": "#D55E00", "lowlr": "#E69F00", "lowlr_rai": "#CC79A7",
               "lowlr_centred": "#009E73"}
MAP_SCALE = [[0.0, "#D55E00"], [0.5, "#F7F7F7"], [1.0, "#0072B2"]]  # negative orange, positive blue


def arm_name(arm: ArmState | str, lang: str) -> str:
    key = arm if isinstance(arm, str) else arm.arm
    return SHORT[key] if key in SHORT else t(f"dead.arm.{key}", lang)


def arm_colour(key: str) -> str:
    return ARM_COLOURS.get(key) or colour(key)


def dead_figure(state: DeadState, eps: str, lang: str, big: bool = False) -> go.Figure:
    """Dead fraction (%) of every layer over training steps; one panel per arm, one dash per layer."""
    arms = state.arms
    fig = make_subplots(rows=1, cols=len(arms), shared_yaxes=True, horizontal_spacing=0.03,
                        subplot_titles=[arm_name(a, lang) for a in arms])
    for col, arm in enumerate(arms, start=1):
        steps, layers = dead_series(arm, eps)
        for k, ys in enumerate(layers):
            fig.add_trace(go.Scatter(
                x=steps, y=[100 * v for v in ys], mode="lines",
                name=t("dead.series", lang, arm=arm_name(arm, lang), layer=k + 1),
                legendgroup=f"layer{k}", showlegend=True,
                line={"color": arm_colour(arm.arm), "dash": DASHES[k % len(DASHES)], "width": 2.5},
                hovertemplate="%{y:.0f} %<extra>" + t("dead.layer", lang, layer=k + 1) + "</extra>"), 1, col)
        fig.update_xaxes(title_text=t("dead.axis_step", lang), row=1, col=col)
    base_layout(fig, t("dead.fig_dead", lang, eps=eps), "", t("dead.axis_dead", lang), big, panel_titles=True)
    fig.update_yaxes(range=[-3, 103], row=1, col=1)
    fig.update_layout(hovermode="closest", height=360, legend={"orientation": "h", "y": -0.25, "x": 0})
    return finish(fig)


def loss_figure(state: DeadState, lang: str, big: bool = False) -> go.Figure:
    """Training loss of every arm over steps (log scale: a dead network sits flat on a plateau)."""
    fig = go.Figure()
    for i, arm in enumerate(state.arms):
        fig.add_trace(go.Scatter(
            x=[r.step for r in arm.records], y=[max(r.loss, 1e-6) for r in arm.records], mode="lines",
            name=arm_name(arm, lang),
            line={"color": arm_colour(arm.arm), "dash": DASHES[i % len(DASHES)], "width": 2.5}))
    base_layout(fig, t("dead.fig_loss", lang), t("dead.axis_step", lang), t("dead.axis_loss", lang), big)
    fig.update_yaxes(type="log")
    fig.update_layout(height=320)
    return finish(fig)


def map_figure(state: DeadState, arm_key: str, layer: int, eps: float, lang: str, big: bool = False) -> go.Figure:
    """Units (rows) × probe inputs (columns) of one layer at the latest record: the value g(a) the unit passes
    on (the gate for SwiGLU), blank where the unit is off for that input. Dead units are empty rows."""
    arm = state.arm(arm_key)
    z, dead = gate_map(arm, layer, eps)
    units = [t("dead.unit_dead" if d else "dead.unit", lang, j=j + 1) for j, d in enumerate(dead)]
    finite = z[np.isfinite(z)]
    lim = float(np.abs(finite).max()) if finite.size else 1.0
    fig = go.Figure(go.Heatmap(
        z=z, x=list(range(1, z.shape[1] + 1)), y=units, name=t("dead.map_series", lang), colorscale=MAP_SCALE,
        zmin=-lim, zmax=lim, zmid=0, colorbar={"title": {"text": "g(a)"}},
        hovertemplate=t("dead.map_hover", lang, unit="%{y}", x="%{x}", z="%{z:.3f}") + "<extra></extra>"))
    split = int((state.probe_y < 0.5).sum())  # the sort puts label 0 first
    if 0 < split < len(state.probe_y):
        fig.add_vline(x=split + 0.5, line={"color": "#000", "dash": "dot", "width": 1})
    title = t("dead.fig_map", lang, arm=arm_name(arm, lang), layer=layer + 1, dead=int(dead.sum()), units=len(dead))
    base_layout(fig, title, t("dead.axis_inputs", lang), t("dead.axis_units", lang), big)
    # explicit ranges: a layer whose units are all dead is all NaN, and plotly would then guess the axes
    fig.update_xaxes(range=[0.5, z.shape[1] + 0.5])
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=units, range=[len(units) - 0.5, -0.5],
                     tickfont={"size": 10})
    fig.update_layout(hovermode="closest", height=max(320, 14 * len(units) + 120), plot_bgcolor="#FFFFFF")
    return finish(fig)


def histogram_figure(state: DeadState, arm_key: str, layer: int, eps: float, lang: str,
                     big: bool = False) -> go.Figure:  # fmt: skip
    """Pre-activations of one layer (all units, all probe inputs) at step 0 and at the latest record, with
    the line below which a unit is off (0 for ReLU, a_ε for Swish/SwiGLU)."""
    arm = state.arm(arm_key)
    centres, before, after = histogram(arm, layer)
    fig = go.Figure()
    for name, counts, c, dash in ((t("dead.before", lang), before, "#999999", "dot"),
                                  (t("dead.after", lang), after, arm_colour(arm.arm), "solid")):
        fig.add_trace(go.Scatter(x=centres, y=counts, name=name, mode="lines", line={"color": c, "dash": dash,
                                                                                    "width": 2.5, "shape": "hvh"}))
    a_eps = off_threshold(arm.variant, eps)
    if math.isfinite(a_eps) and centres.min() <= a_eps <= centres.max():
        fig.add_vline(x=a_eps, line={"color": "#000", "dash": "dash", "width": 1.5},
                      annotation_text=t("dead.off_line", lang, a=f"{a_eps:.2f}"), annotation_position="top left")
    base_layout(fig, t("dead.fig_hist", lang, arm=arm_name(arm, lang), layer=layer + 1), t("dead.axis_pre", lang),
                t("dead.axis_count", lang), big)
    fig.update_layout(height=320, hovermode="x unified")
    return finish(fig)


def sparsity_figure(state: DeadState, eps: float, lang: str, big: bool = False) -> go.Figure:
    """Per arm and layer: the share of units dead (off for every input) next to the share of units off for a
    typical single input (sparsity), with Li et al.'s trained T5-Base for scale (~97 % off per input)."""
    rows = death_vs_sparsity(state, eps)
    x = [f"{arm_name(r['arm'], lang)} · L{r['layer']}" for r in rows]
    fig = go.Figure()
    fig.add_trace(go.Bar(x=x, y=[100 * r["dead"] for r in rows], name=t("dead.bar_dead", lang),
                         marker={"color": "#000000"}, hovertemplate="%{y:.1f} %<extra></extra>"))
    fig.add_trace(go.Bar(x=x, y=[100 * r["off_per_input"] for r in rows], name=t("dead.bar_off", lang),
                         marker={"color": [arm_colour(r["arm"]) for r in rows], "pattern": {"shape": "/"}},
                         hovertemplate="%{y:.1f} %<extra></extra>"))
    t5 = 100 * (1 - LAZY_NEURON_NONZERO)
    fig.add_hline(y=t5, line={"color": "#666", "dash": "dash"}, annotation_position="top left",
                  annotation_text=t("dead.t5_line", lang, pct=f"{t5:.0f}"))
    base_layout(fig, t("dead.fig_sparsity", lang, eps=f"{eps:g}"), "", t("dead.axis_share", lang), big)
    fig.update_yaxes(range=[0, 115])
    fig.update_layout(barmode="group", hovermode="x unified", height=360,
                      legend={"orientation": "h", "y": -0.2, "x": 0})
    return finish(fig)
