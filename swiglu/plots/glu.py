"""Figures of the GLU page: the product surface gate(a)·b, slices of it at a fixed value b, and one token's
journey through W, the gate, V and the product."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from ..gating import LIM, SHUT, STATES, TokenJourney, product_grid, product_slices
from ..i18n import t
from . import (
    BETA,
    DASHES,
    add_hline,
    axis_names,
    colour,
    figure,
    key_note,
    layout,
    live_meta,
    scatter,
    subplots,
    update_axes,
)

# Diverging blue (positive) / white / vermillion (negative) from the Okabe-Ito palette: safe for colour-blind eyes.
DIVERGING = [[0.0, "#D55E00"], [0.25, "#F0A35E"], [0.5, "#FFFFFF"], [0.75, "#6FA8D6"], [1.0, "#0072B2"]]
HEAT_N = 121  # grid points per axis (0.067 apart on [-4, 4]): as smooth on screen as 161, at 0.56x the bytes
STATE_COLOURS = {"open": "#0072B2", "shut": "#BBBBBB", "flipped": "#E69F00"}
STATE_PATTERNS = {"open": "", "shut": "/", "flipped": "."}  # so greyscale print still tells them apart
ROWS = ("x", "xW", "gate", "xV", "product")
# The dash styles as text, for the colour keys of figures whose traces carry no legend (see plots.key_note).
DASH_GLYPHS = {"solid": "———", "dash": "– – –", "dot": "· · · ·", "dashdot": "–·–·–", "longdash": "—— ——",
               "longdashdot": "——·——"}


def fmt(v: float, digits: int = 3) -> str:
    return f"{v:.{digits}g}"


def fmt_vector(values: Sequence[float], decimals: int) -> str:
    return "[" + ", ".join(f"{v:.{decimals}f}" for v in values) + "]"


def state_label(state: str, lang: str) -> str:
    return t(f"glu.state_{state}", lang, shut=fmt(SHUT))


def gate_label(gate: str, beta: float, lang: str, beta_text: str | None = None) -> str:
    """The gate's name, with β for Swish; `beta_text` instead of fmt(β) makes a template (plots.BETA)."""
    label = t(f"gate.{gate}", lang)
    return label + (t("glu.with_beta", lang, beta=beta_text or fmt(beta)) if gate == "swiglu" else "")


def _live_slice(gate: str, b_value: float, lang: str) -> dict:
    """live_meta of the slice gate(a)·b_value (only Swish's depends on β), its legend as a template."""
    if gate != "swiglu":
        return {}
    return live_meta("gate", gate=gate, b=float(b_value), label=[gate_label(gate, 1.0, lang, BETA), 3])


def product_heatmap(gate: str, beta: float, b_value: float, lang: str, big: bool = False) -> go.Figure:
    """gate(a)·b over (a, b) ∈ [−4, 4]², colour centred on 0; the dashed line marks the slice b = b_value."""
    a, b, z = product_grid(gate, beta, n=HEAT_N)
    zmax = float(z.abs().max()) or 1.0
    label = gate_label(gate, beta, lang)
    heat = {"type": "heatmap", "x": a.numpy(), "y": b.numpy(), "z": z.numpy(),
            "name": t("glu.heat_series", lang, gate=label), "colorscale": DIVERGING, "zmid": 0.0, "zmin": -zmax,
            "zmax": zmax, "colorbar": {"title": {"text": "h", "side": "top"}},
            "hovertemplate": "a = %{x:.2f}<br>b = %{y:.2f}<br>h = %{z:.3f}<extra></extra>"}
    if gate == "swiglu":  # the browser redraws the surface and its title while β is dragged
        heat.update(live_meta("surface", gate=gate,
                              label=[t("glu.heat_series", lang, gate=gate_label(gate, beta, lang, BETA)), 3]))
    lay = layout(t("glu.heat_title", lang, gate=label), t("glu.axis_a", lang), t("glu.axis_b", lang), big)
    add_hline(lay, b_value, {"color": "#000000", "dash": "dash", "width": 2},
              t("glu.slice_line", lang, b=fmt(b_value)), "top left")
    lay.update(hovermode="closest", height=520)
    if gate == "swiglu":
        lay["meta"] = {"live": {"title": [t("glu.heat_title", lang, gate=gate_label(gate, beta, lang, BETA)), 3]}}
    lay["xaxis"]["range"] = [-LIM, LIM]
    lay["yaxis"]["range"] = [-LIM, LIM]
    return figure([heat], lay)


def slices_figure(gates: Sequence[str], b_value: float, beta: float, lang: str, big: bool = False) -> go.Figure:
    """gate(a)·b against a at one fixed value b, one line per gate."""
    a, ys = product_slices(gates, b_value, beta)
    xs = a.numpy()
    data = [scatter(xs, ys[g].numpy(), gate_label(g, beta, lang),
                    {"color": colour(g), "dash": DASHES[i % len(DASHES)], "width": 3}, **_live_slice(g, b_value, lang))
            for i, g in enumerate(gates)]
    lay = layout(t("glu.slice_title", lang, b=fmt(b_value)), t("glu.axis_a", lang), t("glu.axis_h", lang), big)
    lay.update(height=520, legend={**lay["legend"], "orientation": "h", "y": -0.18, "x": 0})
    lay["xaxis"].update(range=[-LIM, LIM], zeroline=True)
    lay["yaxis"].update(zeroline=True)
    return figure(data, lay)


def journey_figure(j: TokenJourney, gate: str, beta: float, lang: str, big: bool = False) -> go.Figure:
    """Five rows of bars: the token x, then per hidden unit xW, gate(xW), xV and gate(xW)·xV.

    Every unit keeps its colour down the column (open / shut / sign flipped by the gate), so a student can
    follow one unit from its gate input to what it passes on."""
    titles = [t(f"glu.row_{r}", lang, gate=gate_label(gate, beta, lang)) for r in ROWS]
    # no axis titles but the last row's: each row's own title says what it holds (the first: input components)
    lay = subplots(len(ROWS), 1, titles, t("glu.journey_title", lang), "", "", big, vertical_spacing=0.085)
    units = list(range(1, len(j.states) + 1))
    customdata = [state_label(s, lang) for s in j.states]
    marker = {"color": [STATE_COLOURS[s] for s in j.states],
              "pattern": {"shape": [STATE_PATTERNS[s] for s in j.states]}, "line": {"color": "#333333", "width": 0.5}}
    data = [{"type": "bar", "x": list(range(1, len(j.x) + 1)), "y": j.x.numpy(), "name": t("glu.row_x", lang),
             "marker": {"color": "#000000"}, "showlegend": False, **axis_names(1, 1, 1)}]
    for row, values in enumerate((j.xW, j.gate, j.xV, j.product), start=2):
        data.append({"type": "bar", "x": units, "y": values.numpy(), "name": titles[row - 1], "showlegend": False,
                     "marker": marker, "customdata": customdata,
                     "hovertemplate": "%{x}: %{y:.3f} (%{customdata})<extra></extra>", **axis_names(row, 1, 1)})
    key_note(lay, [(state_label(s, lang), STATE_COLOURS[s], "██") for s in STATES], y=-0.065)
    update_axes(lay, "x", tickmode="linear", dtick=1)
    lay[f"xaxis{len(ROWS)}"]["title"] = {"text": t("glu.axis_unit", lang), "font": {"size": lay["font"]["size"]}}
    update_axes(lay, "y", zeroline=True, zerolinecolor="#888888")
    lay.update(height=1000, hovermode="closest", bargap=0.25, margin={**lay["margin"], "t": 70, "b": 100})
    return figure(data, lay)
