"""Figures of the GLU page: the product surface gate(a)·b, slices of it at a fixed value b, and one token's
journey through W, the gate, V and the product."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..gating import LIM, SHUT, STATES, TokenJourney, product_grid, product_slices
from ..i18n import t
from . import DASHES, add_hline, base_layout, colour, figure, layout, scatter

# Diverging blue (positive) / white / vermillion (negative) from the Okabe-Ito palette: safe for colour-blind eyes.
DIVERGING = [[0.0, "#D55E00"], [0.25, "#F0A35E"], [0.5, "#FFFFFF"], [0.75, "#6FA8D6"], [1.0, "#0072B2"]]
HEAT_N = 121  # grid points per axis (0.067 apart on [-4, 4]): as smooth on screen as 161, at 0.56x the bytes
STATE_COLOURS = {"open": "#0072B2", "shut": "#BBBBBB", "flipped": "#E69F00"}
STATE_PATTERNS = {"open": "", "shut": "/", "flipped": "."}  # so greyscale print still tells them apart
ROWS = ("x", "xW", "gate", "xV", "product")
# Plotly draws no legend entry for a trace without data, so figures whose traces are named for the CSV (one
# series per panel) explain their colours in one line of text instead; these glyphs echo the dash styles.
DASH_GLYPHS = {"solid": "———", "dash": "– – –", "dot": "· · · ·", "dashdot": "–·–·–", "longdash": "—— ——",
               "longdashdot": "——·——"}


def key_annotation(fig: go.Figure, items: Sequence[tuple[str, str, str]], y: float, per_line: int = 3) -> go.Figure:
    """A colour key in plain text (per_line items a line, so a narrow screen still shows it): (label, colour, glyph)."""
    parts = [f'<span style="color:{c}"><b>{glyph}</b></span> {label}' for label, c, glyph in items]
    lines = ["    ".join(parts[i:i + per_line]) for i in range(0, len(parts), per_line)]
    fig.add_annotation(text="<br>".join(lines), xref="paper", yref="paper", x=0, y=y, xanchor="left",
                       yanchor="top", showarrow=False, align="left")
    return fig


def fmt(v: float, digits: int = 3) -> str:
    return f"{v:.{digits}g}"


def fmt_vector(values: Sequence[float], decimals: int) -> str:
    return "[" + ", ".join(f"{v:.{decimals}f}" for v in values) + "]"


def state_label(state: str, lang: str) -> str:
    return t(f"glu.state_{state}", lang, shut=fmt(SHUT))


def gate_label(gate: str, beta: float, lang: str) -> str:
    label = t(f"gate.{gate}", lang)
    return label + (t("glu.with_beta", lang, beta=fmt(beta)) if gate == "swiglu" else "")


def product_heatmap(gate: str, beta: float, b_value: float, lang: str, big: bool = False) -> go.Figure:
    """gate(a)·b over (a, b) ∈ [−4, 4]², colour centred on 0; the dashed line marks the slice b = b_value."""
    a, b, z = product_grid(gate, beta, n=HEAT_N)
    zmax = float(z.abs().max()) or 1.0
    label = gate_label(gate, beta, lang)
    heat = {"type": "heatmap", "x": a.numpy(), "y": b.numpy(), "z": z.numpy(),
            "name": t("glu.heat_series", lang, gate=label), "colorscale": DIVERGING, "zmid": 0.0, "zmin": -zmax,
            "zmax": zmax, "colorbar": {"title": {"text": "h", "side": "top"}},
            "hovertemplate": "a = %{x:.2f}<br>b = %{y:.2f}<br>h = %{z:.3f}<extra></extra>"}
    lay = layout(t("glu.heat_title", lang, gate=label), t("glu.axis_a", lang), t("glu.axis_b", lang), big)
    add_hline(lay, b_value, {"color": "#000000", "dash": "dash", "width": 2},
              t("glu.slice_line", lang, b=fmt(b_value)), "top left")
    lay.update(hovermode="closest", height=520)
    lay["xaxis"]["range"] = [-LIM, LIM]
    lay["yaxis"]["range"] = [-LIM, LIM]
    return figure([heat], lay)


def slices_figure(gates: Sequence[str], b_value: float, beta: float, lang: str, big: bool = False) -> go.Figure:
    """gate(a)·b against a at one fixed value b, one line per gate."""
    a, ys = product_slices(gates, b_value, beta)
    xs = a.numpy()
    data = [scatter(xs, ys[g].numpy(), gate_label(g, beta, lang),
                    {"color": colour(g), "dash": DASHES[i % len(DASHES)], "width": 3}) for i, g in enumerate(gates)]
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
    fig = make_subplots(rows=len(ROWS), cols=1, subplot_titles=titles, vertical_spacing=0.085)
    units = list(range(1, len(j.states) + 1))
    colours = [STATE_COLOURS[s] for s in j.states]
    patterns = [STATE_PATTERNS[s] for s in j.states]
    fig.add_trace(go.Bar(x=list(range(1, len(j.x) + 1)), y=j.x.tolist(), name=t("glu.row_x", lang),
                         marker={"color": "#000000"}, showlegend=False), row=1, col=1)
    for row, values in enumerate((j.xW, j.gate, j.xV, j.product), start=2):
        fig.add_trace(go.Bar(x=units, y=values.tolist(), name=titles[row - 1], showlegend=False,
                             marker={"color": colours, "pattern": {"shape": patterns},
                                     "line": {"color": "#333333", "width": 0.5}},
                             customdata=[state_label(s, lang) for s in j.states],
                             hovertemplate="%{x}: %{y:.3f} (%{customdata})<extra></extra>"), row=row, col=1)
        fig.update_xaxes(tickmode="linear", dtick=1, row=row, col=1)
    key_annotation(fig, [(state_label(s, lang), STATE_COLOURS[s], "██") for s in STATES], y=-0.065)
    fig.update_xaxes(tickmode="linear", dtick=1, row=1, col=1, title_text=t("glu.axis_input", lang))
    fig.update_xaxes(title_text=t("glu.axis_unit", lang), row=len(ROWS), col=1)
    base_layout(fig, t("glu.journey_title", lang), "", "", big)
    fig.update_layout(height=1000, hovermode="closest", bargap=0.25, margin={"t": 70, "b": 100})
    fig.update_yaxes(zeroline=True, zerolinecolor="#888888")
    return fig
