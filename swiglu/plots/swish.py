"""Figures of the Swish page: Swish_β for several β, references, and its properties drawn on the plot."""

from __future__ import annotations

import plotly.graph_objects as go
import torch

from ..activations import gelu, relu, silu, swish
from ..analysis import swish_minimum
from ..formula import evaluate_curve
from ..i18n import t
from . import DASHES, add_hline, add_vrect, colour, figure, layout, scatter

REF_FUNCS = {"relu": relu, "gelu": gelu, "silu": silu, "half": lambda x: x / 2}
REF_LABEL_KEYS = {"relu": "act.relu", "gelu": "act.gelu", "silu": "act.silu", "half": "act.half"}
SWEEP_COLOURS = ("#56B4E9", "#CC79A7", "#E69F00", "#009E73", "#999999", "#F0E442", "#000000")


def grid(xrange: float, n: int = 401) -> torch.Tensor:
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
    xs = x.numpy()  # arrays, not lists: they travel as binary (base64), not as decimal text
    data: list[dict] = []

    def curve(y: torch.Tensor, name: str, line: dict, **extra: object) -> None:
        data.append(scatter(xs, y.numpy(), name, line, **extra))

    for i, b in enumerate(sorted(set(ref_betas))):
        curve(swish(x, b), t("swish.curve", lang, beta=fmt(b)),
              {"color": SWEEP_COLOURS[i % len(SWEEP_COLOURS)], "dash": DASHES[(i + 1) % len(DASHES)], "width": 2})
    for key in refs:
        curve(REF_FUNCS[key](x), t(REF_LABEL_KEYS[key], lang), {"color": colour(key), "dash": "dot", "width": 2},
              opacity=0.8)
    if custom is not None:
        label, dlabel, y, dy = custom
        curve(y, label, {"color": "#CC79A7", "width": 3})
        curve(dy, dlabel, {"color": "#CC79A7", "width": 2, "dash": "dash"})
    curve(swish(x, beta), t("swish.current", lang, beta=fmt(beta)), {"color": colour("swish"), "width": 5})
    lay = layout(t("swish.plot_title", lang), t("axis.x", lang), t("axis.fx", lang), big)
    minimum = swish_minimum(beta)
    if minimum is not None:
        x_star, f_star = minimum
        if -xrange <= x_star <= xrange:
            add_vrect(lay, -xrange, x_star, "#E69F00", 0.12, t("swish.dip_region", lang), "top left")
        add_hline(lay, f_star, {"color": "#D55E00", "dash": "dash", "width": 1.5},
                  t("swish.ray_region", lang, fmin=fmt(f_star)), "bottom right")
        data.append({"type": "scatter", "x": [x_star], "y": [f_star], "mode": "markers",
                     "name": t("swish.minimum_marker", lang),
                     "marker": {"size": 14, "color": "#D55E00", "symbol": "diamond",
                                "line": {"width": 1, "color": "#000"}}})
    lay["yaxis"].update(range=[-max(1.0, 0.35 * xrange), xrange * 1.02], zeroline=True)
    lay["xaxis"].update(zeroline=True)
    return figure(data, lay)
