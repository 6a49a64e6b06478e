"""Pure figure builders: data in, plotly Figure out (testable without a server).

Colours are the Okabe-Ito palette (safe for the common colour-vision deficiencies), and every
series also differs by dash style so that a greyscale projector still separates them.
"""

from __future__ import annotations

import csv
import io

import numpy as np
import plotly.graph_objects as go

# Okabe & Ito 2008, "Color Universal Design"
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442")
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
# Fixed colour per activation / variant key, so the same thing has the same colour on every page.
KEY_COLOURS = {
    "relu": "#D55E00",
    "gelu": "#009E73",
    "gelu_tanh": "#56B4E9",
    "sigmoid": "#CC79A7",
    "silu": "#0072B2",
    "swish": "#0072B2",
    "tanh": "#E69F00",
    "mish": "#000000",
    "elu": "#F0E442",
    "leaky_relu": "#E69F00",
    "half": "#000000",
    "glu": "#CC79A7",
    "bilinear": "#000000",
    "reglu": "#D55E00",
    "geglu": "#009E73",
    "swiglu": "#0072B2",
}
MODEBAR = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},  # plotly.js renders the PNG in the browser: offline
}


def colour(i_or_key: int | str) -> str:
    if isinstance(i_or_key, str):
        return KEY_COLOURS.get(i_or_key, PALETTE[hash(i_or_key) % len(PALETTE)])
    return PALETTE[i_or_key % len(PALETTE)]


_GRID = {"gridcolor": "#E5E8EC", "zerolinecolor": "#9AA0A6"}


def layout(title: str, x_title: str, y_title: str, big: bool = False) -> dict:
    """The layout every figure starts from, as a plain dict (see `figure`)."""
    size = 20 if big else 14
    return {
        "title": {"text": title, "font": {"size": size + 4}},
        "font": {"size": size},
        "legend": {"font": {"size": size - 1}},
        "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
        "hovermode": "x unified",
        # No template: st.plotly_chart applies Streamlit's theme anyway, and assigning one costs ~40 ms a figure.
        "plot_bgcolor": "#FFFFFF",
        "xaxis": {"title": {"text": x_title, "font": {"size": size}}, **_GRID},
        "yaxis": {"title": {"text": y_title, "font": {"size": size}}, **_GRID},
    }


def base_layout(fig: go.Figure, title: str, x_title: str, y_title: str, big: bool = False) -> go.Figure:
    fig.update_layout(layout(title, x_title, y_title, big))
    return fig


def figure(data: list[dict], layout: dict) -> go.Figure:
    """A figure from plain dicts, skipping plotly's property-by-property validation: building the same figure
    through go.Scatter / update_layout / add_hline costs 15-35 ms, this ~1 ms, and a slider move pays it on
    every step. tests/test_plots_valid.py validates what every builder returns in full instead."""
    return go.Figure({"data": data, "layout": layout}, _validate=False)


def scatter(x, y, name: str, line: dict, **extra: object) -> dict:
    """A line trace as a dict for `figure`; x and y as numpy arrays travel as binary, not decimal text."""
    return {"type": "scatter", "x": x, "y": y, "name": name, "line": line, **extra}


# Where plotly's add_hline / add_vrect put an annotation for each `annotation_position` used here.
_H_ANCHOR = {"left": (0, "left"), "right": (1, "right")}


def add_hline(lay: dict, y: float, line: dict, text: str | None = None, position: str = "top right") -> None:
    """A horizontal line across the plot (as fig.add_hline draws it), optionally labelled at `position`."""
    lay.setdefault("shapes", []).append({"type": "line", "xref": "x domain", "x0": 0, "x1": 1, "yref": "y",
                                         "y0": y, "y1": y, "line": line})
    if text is not None:
        vert, horiz = position.split()
        x, xanchor = _H_ANCHOR[horiz]
        lay.setdefault("annotations", []).append({
            "text": text, "showarrow": False, "xref": "x domain", "x": x, "xanchor": xanchor, "yref": "y", "y": y,
            "yanchor": "bottom" if vert == "top" else "top"})


def add_vrect(lay: dict, x0: float, x1: float, fillcolor: str, opacity: float, text: str | None = None,
              position: str = "top right") -> None:
    """A shaded band over the full height between x0 and x1 (as fig.add_vrect draws it), optionally labelled."""
    lay.setdefault("shapes", []).append({"type": "rect", "xref": "x", "x0": x0, "x1": x1, "yref": "y domain",
                                         "y0": 0, "y1": 1, "fillcolor": fillcolor, "opacity": opacity,
                                         "line": {"width": 0}})
    if text is not None:
        vert, horiz = position.split()
        lay.setdefault("annotations", []).append({
            "text": text, "showarrow": False, "xref": "x", "x": x0 if horiz == "left" else x1, "xanchor": horiz,
            "yref": "y domain", "y": 1 if vert == "top" else 0, "yanchor": vert})


def _as_list(v) -> list:
    if v is None:
        return []
    return np.asarray(v).ravel().tolist()


def figure_csv(fig: go.Figure) -> str:
    """Every plotted series of a figure as long-format CSV: series, x, y (z for heatmaps)."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["series", "x", "y", "z"])
    for tr in fig.data:
        name = tr.name or tr.type
        if tr.type == "heatmap":
            z = np.asarray(tr.z)
            xs, ys = _as_list(tr.x), _as_list(tr.y)
            for i, yv in enumerate(ys):
                for j, xv in enumerate(xs):
                    w.writerow([name, xv, yv, z[i, j]])
            continue
        xs, ys = _as_list(tr.x), _as_list(tr.y)
        for xv, yv in zip(xs, ys, strict=False):
            w.writerow([name, xv, yv, ""])
    return buf.getvalue()
