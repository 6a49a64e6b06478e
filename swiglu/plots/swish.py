"""Figures of the Swish page: Swish_β for several β, references, and its properties drawn on the plot."""

from __future__ import annotations

import plotly.graph_objects as go
import torch

from ..activations import gelu, relu, silu, swish
from ..analysis import swish_minimum
from ..formula import evaluate_curve
from ..i18n import t
from . import DASHES, base_layout, colour

REF_FUNCS = {"relu": relu, "gelu": gelu, "silu": silu, "half": lambda x: x / 2}
REF_LABEL_KEYS = {"relu": "act.relu", "gelu": "act.gelu", "silu": "act.silu", "half": "act.half"}
SWEEP_COLOURS = ("#56B4E9", "#CC79A7", "#E69F00", "#009E73", "#999999", "#F0E442", "#000000")


def grid(xrange: float, n: int = 801) -> torch.Tensor:
    return torch.linspace(-xrange, xrange, n, dtype=torch.float64)


def custom_curve(text: str, beta: float, xrange: float) -> tuple[torch.Tensor, torch.Tensor]:
    """The student's formula and its autograd derivative on the plot grid (raises FormulaError)."""
    return evaluate_curve(text, grid(xrange), beta)


def fmt(v: float, digits: int = 4) -> str:
    return f"{v:.{digits}g}"


def swish_figure(
    beta: float,
    ref_betas: tuple[float, ...],
    refs: tuple[str, ...],
    xrange: float,
    lang: str,
    big: bool = False,
    custom: tuple[str, str, torch.Tensor, torch.Tensor] | None = None,
) -> go.Figure:
    """Swish_β for the slider β (thick) and each reference β, plus reference curves.

    The slider curve's minimum is marked; the bound below (dashed line) and the falling, non-monotonic
    stretch left of the minimum (shaded) are drawn so the properties are seen, not only told.
    `custom` = (legend, derivative legend, y, dy/dx) on the same grid adds the student's own activation.
    """
    x = grid(xrange)
    xs = x.numpy()  # arrays, not lists: plotly validates lists element by element
    fig = go.Figure()
    for i, b in enumerate(sorted(set(ref_betas))):
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=swish(x, b).numpy(),
                name=t("swish.curve", lang, beta=fmt(b)),
                line={"color": SWEEP_COLOURS[i % len(SWEEP_COLOURS)], "dash": DASHES[(i + 1) % len(DASHES)],
                      "width": 2},
            )
        )
    for key in refs:
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=REF_FUNCS[key](x).numpy(),
                name=t(REF_LABEL_KEYS[key], lang),
                line={"color": colour(key), "dash": "dot", "width": 2},
                opacity=0.8,
            )
        )
    if custom is not None:
        label, dlabel, y, dy = custom
        fig.add_trace(go.Scatter(x=xs, y=y.numpy(), name=label, line={"color": "#CC79A7", "width": 3}))
        fig.add_trace(
            go.Scatter(x=xs, y=dy.numpy(), name=dlabel, line={"color": "#CC79A7", "width": 2, "dash": "dash"})
        )
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=swish(x, beta).numpy(),
            name=t("swish.current", lang, beta=fmt(beta)),
            line={"color": colour("swish"), "width": 5},
        )
    )
    minimum = swish_minimum(beta)
    if minimum is not None:
        x_star, f_star = minimum
        if -xrange <= x_star <= xrange:
            fig.add_vrect(x0=-xrange, x1=x_star, fillcolor="#E69F00", opacity=0.12, line_width=0,
                          annotation_text=t("swish.dip_region", lang), annotation_position="top left")
        fig.add_hline(y=f_star, line={"color": "#D55E00", "dash": "dash", "width": 1.5},
                      annotation_text=t("swish.ray_region", lang, fmin=fmt(f_star)),
                      annotation_position="bottom right")
        fig.add_trace(
            go.Scatter(
                x=[x_star], y=[f_star], mode="markers", name=t("swish.minimum_marker", lang),
                marker={"size": 14, "color": "#D55E00", "symbol": "diamond", "line": {"width": 1, "color": "#000"}},
            )
        )
    base_layout(fig, t("swish.plot_title", lang), t("axis.x", lang), t("axis.fx", lang), big)
    fig.update_yaxes(range=[-max(1.0, 0.35 * xrange), xrange * 1.02], zeroline=True)
    fig.update_xaxes(zeroline=True)
    return fig
