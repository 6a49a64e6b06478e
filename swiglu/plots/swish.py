"""Figures of the Swish page: Swish_β for several β, references, and its properties drawn on the plot."""

from __future__ import annotations

import plotly.graph_objects as go
import torch

from ..activations import gelu, relu, silu, swish
from ..analysis import swish_minimum
from ..formula import evaluate_curve
from ..i18n import t
from . import BETA, DASHES, VALUE, add_hline, add_vrect, colour, figure, layout, live_meta, over_beta, scatter

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
    custom_tree: dict | None = None,
) -> go.Figure:
    """Swish_β for the slider β (thick) and each reference β, plus reference curves.

    The slider curve's minimum is marked; the bound below (dashed line) and the falling, non-monotonic
    stretch left of the minimum (shaded) are drawn so the properties are seen, not only told.
    `custom` = (legend, derivative legend, y, dy/dx) on the same grid adds the student's own activation;
    `custom_tree` is its validated tree (swiglu.formula.formula_tree), for the browser to redraw it as β moves.
    The series, marks and labels that depend on β say how in their `meta` (see `live_meta`): ui/live_plot.js
    redraws them while β's slider is dragged, from the same numbers the core gives.
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
        tree = {"tree": custom_tree} if custom_tree is not None else None
        curve(y, label, {"color": "#CC79A7", "width": 3}, **live_meta("formula", **tree) if tree else {})
        curve(dy, dlabel, {"color": "#CC79A7", "width": 2, "dash": "dash"},
              **live_meta("formula", deriv=True, **tree) if tree else {})
    curve(swish(x, beta), t("swish.current", lang, beta=fmt(beta)), {"color": colour("swish"), "width": 5},
          **live_meta("swish", label=[t("swish.current", lang, beta=BETA), 4]))
    lay = layout(t("swish.plot_title", lang), t("axis.x", lang), t("axis.fx", lang), big)
    # The minimum's marks are drawn at every β (hidden at β = 0, where x/2 has none), so that a drag from β = 0
    # can show them: x* = c/β and f(x*) = m/β with (c, m) the SiLU minimum (Swish_β(x) = SiLU(βx)/β).
    c, m = swish_minimum(1.0)
    minimum = swish_minimum(beta)
    x_star, f_star = minimum if minimum is not None else (0.0, 0.0)
    add_vrect(lay, -xrange, x_star, "#E69F00", 0.12, t("swish.dip_region", lang), "top left")
    add_hline(lay, f_star, {"color": "#D55E00", "dash": "dash", "width": 1.5},
              t("swish.ray_region", lang, fmin=fmt(f_star)), "bottom right")
    dip_shown = minimum is not None and -xrange <= x_star <= xrange
    for item, shown in zip((*lay["shapes"], *lay["annotations"]), (dip_shown, minimum is not None) * 2, strict=True):
        item["visible"] = shown
    lay["meta"] = {"live": {"marks": [
        {"shape": 0, "note": 0, "set": {"x1": over_beta(c)}},
        {"shape": 1, "note": 1, "set": {"y0": over_beta(m), "y1": over_beta(m)}, "note_set": {"y": over_beta(m)},
         "text": [t("swish.ray_region", lang, fmin=VALUE), over_beta(m), 4]},
    ]}}
    data.append({"type": "scatter", "x": [x_star] if minimum else [], "y": [f_star] if minimum else [],
                 "mode": "markers", "name": t("swish.minimum_marker", lang),
                 "marker": {"size": 14, "color": "#D55E00", "symbol": "diamond", "line": {"width": 1, "color": "#000"}},
                 **live_meta("point", x=over_beta(c), y=over_beta(m))})
    lay["yaxis"].update(range=[-max(1.0, 0.35 * xrange), xrange * 1.02], zeroline=True)
    lay["xaxis"].update(zeroline=True)
    return figure(data, lay)
