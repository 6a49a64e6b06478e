"""Pure figure builders: data in, plotly Figure out (testable without a server).

Colours are the Okabe-Ito palette (safe for the common colour-vision deficiencies), and every
series also differs by dash style so that a greyscale projector still separates them.
"""

from __future__ import annotations

import copy
import csv
import functools
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


def layout(title: str, x_title: str, y_title: str, big: bool = False, auto_margin: bool = False) -> dict:
    """The layout every figure starts from, as a plain dict (see `figure`).

    Margins are fixed (room for the tick labels and axis title; legends and colour bars still push their own):
    Streamlit's theme turns on `automargin` for the axes, and then plotly.js draws every figure twice, once to
    measure the tick labels and once more with the margins that fit them. Streamlit draws a chart afresh on every
    rerun, so that second pass was half of a slider step's drawing time (measured in Chromium: 31 -> 16 ms for
    the Swish figure). auto_margin=True keeps the theme's automargin (for the figures of `base_layout`, whose
    panels and category labels vary too much for one fixed margin)."""
    size = 20 if big else 14
    # With the margins fixed, two more measuring passes can go: labels may not be hidden for overflowing the
    # plot (they fit the margins), and x labels stay level (plotly.js measures them all to decide whether to
    # tilt them; our x axes are numbers with room to spare). Each took 10-30 % of a redraw in Chromium.
    if auto_margin:
        margin, x_axis, y_axis = {"l": 10, "r": 10, "t": 60, "b": 10}, {}, {}
    else:  # margins: what automargin chose for these figures (Chromium, en and zh), rounded up
        margin = {"l": 100, "r": 10, "t": 60, "b": 90} if big else {"l": 80, "r": 10, "t": 60, "b": 72}
        y_axis = {"automargin": False, "ticklabeloverflow": "allow"}
        x_axis = {**y_axis, "tickangle": 0}
    return {
        "title": {"text": title, "font": {"size": size + 4}},
        "font": {"size": size},
        "legend": {"font": {"size": size - 1}},
        "margin": margin,
        "hovermode": "x unified",
        # No template: st.plotly_chart applies Streamlit's theme anyway, and assigning one costs ~40 ms a figure.
        "plot_bgcolor": "#FFFFFF",
        "xaxis": {"title": {"text": x_title, "font": {"size": size}}, **_GRID, **x_axis},
        "yaxis": {"title": {"text": y_title, "font": {"size": size}}, **_GRID, **y_axis},
    }


def base_layout(fig: go.Figure, title: str, x_title: str, y_title: str, big: bool = False) -> go.Figure:
    fig.update_layout(layout(title, x_title, y_title, big, auto_margin=True))
    return fig


def figure(data: list[dict], layout: dict) -> go.Figure:
    """A figure from plain dicts, skipping plotly's property-by-property validation: building the same figure
    through go.Scatter / update_layout / add_hline costs 15-35 ms, this ~1 ms, and a slider move pays it on
    every step. tests/test_plots_valid.py validates what every builder returns in full instead."""
    return go.Figure({"data": data, "layout": layout}, _validate=False)


@functools.lru_cache(maxsize=16)
def _grid(rows: int, cols: int, options: tuple) -> dict:
    """make_subplots' axes (domains, anchors) and title annotations for one grid, worked out once per shape."""
    from plotly.subplots import make_subplots  # only on a grid's first use

    lay = make_subplots(rows=rows, cols=cols, subplot_titles=[" "] * (rows * cols), **dict(options)).to_dict()
    lay = lay["layout"]
    lay.pop("template", None)  # as `layout`: Streamlit applies its own theme
    return lay


def subplots(rows: int, cols: int, titles: list[str], title: str, x_title: str, y_title: str, big: bool = False,
             **options: object) -> dict:
    """`layout` for a grid of panels, as a plain dict: what make_subplots(rows, cols, subplot_titles=titles,
    **options) followed by base_layout writes (the look of `layout` on the first x and y axis), but with the
    fixed margins of `layout` and no automargin on any axis. Trace dicts name their panel with "xaxis": "x2",
    "yaxis": "y2" and so on (see `axis_names`)."""
    lay = copy.deepcopy(_grid(rows, cols, tuple((k, tuple(v) if isinstance(v, list) else v)
                                                for k, v in sorted(options.items()))))
    for note, text in zip(lay["annotations"], titles, strict=True):
        note["text"] = text
    for key, value in layout(title, x_title, y_title, big).items():
        if key in ("xaxis", "yaxis"):
            lay[key].update(value)
        else:
            lay[key] = value
    update_axes(lay, "x", automargin=False, ticklabeloverflow="allow", tickangle=0)  # every panel's: see `layout`
    update_axes(lay, "y", automargin=False, ticklabeloverflow="allow")
    return lay


def axis_names(row: int, col: int, cols: int) -> dict:
    """The "xaxis"/"yaxis" of a trace dict in panel (row, col) of a grid `cols` wide (1-based, as make_subplots)."""
    n = (row - 1) * cols + col
    suffix = "" if n == 1 else str(n)
    return {"xaxis": f"x{suffix}", "yaxis": f"y{suffix}"}


def update_axes(lay: dict, letter: str, **props: object) -> None:
    """fig.update_xaxes / update_yaxes on every axis of a layout dict (letter "x" or "y")."""
    for key, axis in lay.items():
        if key.startswith(f"{letter}axis"):
            axis.update(props)


def key_note(lay: dict, items: list[tuple[str, str, str]], y: float, per_line: int = 3) -> None:
    """A colour key in plain text below the plot (per_line items a line, so a narrow screen still shows it):
    (label, colour, glyph) per item. Plotly draws no legend entry for a trace without data, and figures whose
    traces are named for the CSV (one series per panel) explain their colours this way instead."""
    parts = [f'<span style="color:{c}"><b>{glyph}</b></span> {label}' for label, c, glyph in items]
    lines = ["    ".join(parts[i:i + per_line]) for i in range(0, len(parts), per_line)]
    lay.setdefault("annotations", []).append({
        "text": "<br>".join(lines), "xref": "paper", "yref": "paper", "x": 0, "y": y, "xanchor": "left",
        "yanchor": "top", "showarrow": False, "align": "left"})


# ---- what the browser redraws while a slider is dragged (ui/live_plot.js reads it; see docs/contributing.md) ----
BETA = "{β}"  # stands for β, formatted in the browser, in a label template
VALUE = "{v}"  # stands for a computed value (e.g. f(x*) = m/β) in a mark's text template


def live_meta(op: str, **params: object) -> dict:
    """The `meta` of a trace whose data depend on β: `op` names the function of ui/live_plot.js that recomputes
    its y (or z) from its own x (and y) grid, e.g. "swish", "dswish", "gate", "surface", "point", "formula";
    `label=[template, digits]` renews its legend name. Use as `scatter(..., **live_meta("swish"))`."""
    return {"meta": {"live": {"op": op, **params}}}


def over_beta(c: float) -> dict:
    """A position c/β in a live mark (x* = c/β): infinite at β = 0, which hides the mark."""
    return {"k": float(c)}


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
