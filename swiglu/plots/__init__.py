"""Pure figure builders: data in, plotly Figure out (testable without a server).

Colours are the Okabe-Ito palette (safe for the common colour-vision deficiencies), and every
series also differs by dash style so that a greyscale projector still separates them.
"""

from __future__ import annotations

import copy
import csv
import functools
import io
import math
import re

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


def font_size(big: bool) -> int:
    """The figure's base font: 14 px, 20 in large-fonts mode (the projector)."""
    return 20 if big else 14


def fonts(big: bool) -> dict:
    """Every text a figure draws at the size of the page's font mode. Streamlit's chart theme sets tick labels,
    hover labels and legend text to its own small size unless the figure names one, so large fonts used to stop
    at the axis titles."""
    size = font_size(big)
    return {"font": {"size": size}, "legend": {"font": {"size": size - 1}},
            "hoverlabel": {"font": {"size": size - 1}}, "tick": {"size": size - 2}}


def title(text: str, big: bool) -> dict:
    """A figure title below the Plotly toolbar: the toolbar takes the top 28 px at the right (measured in
    Chromium), and a long title (any title, on a phone) used to run under it. Left-aligned, 34 px down."""
    return {"text": text, "font": {"size": font_size(big) + 4}, "x": 0, "xanchor": "left", "xref": "container",
            "y": 1, "yanchor": "top", "yref": "container", "pad": {"t": 34, "l": 12}}


def top_margin(big: bool, panel_titles: bool = False) -> int:
    """Room above the plot for the title (and the panel titles of a grid, which sit just above the panels)."""
    return (78 if big else 66) + ((34 if big else 26) if panel_titles else 0)


def layout(title_text: str, x_title: str, y_title: str, big: bool = False, auto_margin: bool = False,
           panel_titles: bool = False) -> dict:
    """The layout every figure starts from, as a plain dict (see `figure`).

    Margins are fixed (room for the tick labels and axis title; legends and colour bars still push their own):
    Streamlit's theme turns on `automargin` for the axes, and then plotly.js draws every figure twice, once to
    measure the tick labels and once more with the margins that fit them. Streamlit draws a chart afresh on every
    rerun, so that second pass was half of a slider step's drawing time (measured in Chromium: 31 -> 16 ms for
    the Swish figure). auto_margin=True keeps the theme's automargin (for the figures of `base_layout`, whose
    panels and category labels vary too much for one fixed margin). Legends go below the plot (`place_legend`):
    the server cannot know the screen's width, and a legend on the right left a phone's plot ~70 px wide."""
    f = fonts(big)
    size = f["font"]["size"]
    # With the margins fixed, two more measuring passes can go: labels may not be hidden for overflowing the
    # plot (they fit the margins), and x labels stay level (plotly.js measures them all to decide whether to
    # tilt them; our x axes are numbers with room to spare). Each took 10-30 % of a redraw in Chromium.
    top = top_margin(big, panel_titles)
    if auto_margin:
        margin, x_axis, y_axis = {"l": 10, "r": 10, "t": top, "b": 10}, {}, {}
    else:  # margins: what automargin chose for these figures (Chromium, en and zh), rounded up
        margin = {"l": 100, "r": 10, "t": top, "b": 90} if big else {"l": 80, "r": 10, "t": top, "b": 72}
        y_axis = {"automargin": False, "ticklabeloverflow": "allow"}
        x_axis = {**y_axis, "tickangle": 0}
    return {
        "title": title(title_text, big),
        "font": f["font"],
        "legend": {"font": f["legend"]["font"], "orientation": "h", "x": 0, "xanchor": "left", "yanchor": "top"},
        "hoverlabel": f["hoverlabel"],
        "margin": margin,
        "hovermode": "x unified",
        # No template: st.plotly_chart applies Streamlit's theme anyway, and assigning one costs ~40 ms a figure.
        "plot_bgcolor": "#FFFFFF",
        "xaxis": {"title": {"text": x_title, "font": {"size": size}}, "tickfont": f["tick"], **_GRID, **x_axis},
        "yaxis": {"title": {"text": y_title, "font": {"size": size}}, "tickfont": f["tick"], **_GRID, **y_axis},
    }


_PHONE_ROW_PX = 330  # a legend row on a 390 px phone (the chart is ~358 px wide, the legend starts at its left)
_DEFAULT_HEIGHT = 450  # plotly.js's, when a figure sets none


def _legend_rows(names: list[str], size: int, row_px: int) -> int:
    """How many rows a horizontal legend of `names` takes in `row_px` (40 px of symbol and gap per entry; a CJK
    character ~1 em, others ~0.6 em)."""
    rows, used = 1, 0.0
    for name in names:
        w = 40 + sum(size if "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" else 0.6 * size for ch in name)
        if used and used + w > row_px:
            rows, used = rows + 1, 0.0
        used += w
    return rows


def legend_entries(data: list[dict]) -> list[str]:
    """The names plotly.js lists in the legend: named traces, not hidden from it, heatmaps only if asked."""
    shown = [d for d in data if d.get("showlegend", d.get("type") not in ("heatmap", "histogram2d"))]
    if len(shown) < 2 and not any(d.get("showlegend") for d in shown):
        return []  # plotly shows no legend for a single trace unless told to
    return [str(d.get("name") or "") for d in shown]


def place_legend(lay: dict, data: list[dict]) -> None:
    """Put the legend below the plot, under the x axis's tick labels and title, on every screen.

    Plotly places a legend in fractions of the plot's height, and the plot's height shrinks by however much the
    legend needs (more rows on a phone). So the offset is worked out for the worst case, the legend wrapped to a
    phone's width: the tick labels and the axis title still fit between plot and legend there, and a desktop gets
    a few more pixels of gap."""
    legend = lay.setdefault("legend", {})
    names = legend_entries(data)
    if lay.get("showlegend") is False or not names or legend.get("orientation") == "v":
        return
    size = int(legend.get("font", {}).get("size") or lay.get("font", {}).get("size") or 14)
    base = int(lay.get("font", {}).get("size") or 14)
    height = int(lay.get("height") or _DEFAULT_HEIGHT)
    top = int(lay.get("margin", {}).get("t", 60))
    gap = 4 * base  # tick labels (~1.5 em) and the axis title (~1.8 em) under the plot, and some air
    legend_px = _legend_rows(names, size, _PHONE_ROW_PX) * (1.45 * size + 4)
    frac = gap / max(height - top - legend_px - gap, 0.3 * height)
    legend.update(orientation="h", x=0, xanchor="left", y=-round(min(frac, 0.6), 3), yanchor="top")


def place_colorbars(lay: dict, data: list[dict]) -> None:
    """A heatmap's colour bar goes below the plot too (horizontal, thin), unless the figure has a legend there or
    places the bar itself: upright on the right it took ~100 of a phone's 358 px."""
    if legend_entries(data) and lay.get("showlegend") is not False:
        return
    base = int(lay.get("font", {}).get("size") or 14)
    height = int(lay.get("height") or _DEFAULT_HEIGHT)
    top = int(lay.get("margin", {}).get("t", 60))
    frac = round(min(0.6, 4.8 * base / max(height - top - 6 * base, 0.3 * height)), 3)
    for d in data:
        if d.get("type") in ("heatmap", "contour") and d.get("showscale", True):
            bar = d.setdefault("colorbar", {})
            if not {"x", "y", "orientation"} & set(bar):
                bar.update(orientation="h", x=0.5, xanchor="center", y=-frac, yanchor="top", thickness=12, len=0.8)


_TOKENS = re.compile(r"[\u3000-\u9fff\uff00-\uffef]|[^\s\u3000-\u9fff\uff00-\uffef]+|\s+")


def _width_units(text: str) -> float:
    return sum(1.0 if "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" else 0.55 for ch in text)


def wrap_panel_title(text: str, max_units: float = 10.0) -> str:
    """A title of a panel side by side with others (or a category label) on lines of at most `max_units` em where
    it can be cut (at spaces; CJK between any two characters): on a phone two panels are ~150 px wide each, and
    plotly.js never wraps a text."""
    if _width_units(text) <= max_units or "<br>" in text:
        return text
    lines, line = [], ""
    for token in _TOKENS.findall(text):  # a CJK character, a word, or the spaces between
        if line.strip() and not token.isspace() and _width_units(line + token) > max_units:
            lines.append(line.rstrip())
            line = ""
        line += "" if token.isspace() and not line else token
    return "<br>".join([*lines, line.rstrip()])


def base_layout(fig: go.Figure, title: str, x_title: str, y_title: str, big: bool = False,
                panel_titles: bool = False) -> go.Figure:
    fig.update_layout(layout(title, x_title, y_title, big, auto_margin=True, panel_titles=panel_titles))
    if panel_titles:  # make_subplots' panel titles are its annotations, at plotly's fixed 16 px
        fig.update_annotations(font_size=font_size(big))
        cols = len({a.x for a in fig.layout.annotations})
        if cols > 1:  # side by side: long ones wrapped, to a phone's width shared by `cols` panels
            for note in fig.layout.annotations:
                note.text = wrap_panel_title(note.text, 20 / cols)
            extra = max(a.text.count("<br>") for a in fig.layout.annotations)
            if extra:
                fig.update_layout(margin_t=top_margin(big, True) + int(extra * 1.4 * font_size(big)))
    tick, size = fonts(big)["tick"], font_size(big)
    fig.update_xaxes(tickfont=tick, title_font_size=size)  # every panel's, not only the first
    # Streamlit's theme sets a y title 32 px from its tick labels: on a phone that is a tenth of the width
    fig.update_yaxes(tickfont=tick, title_font_size=size, title_standoff=6)
    return fig


def finish(fig: go.Figure) -> go.Figure:
    """The last step of a builder that went through go.Figure: place the legend for the final height."""
    lay = {k: fig.layout[k].to_plotly_json() if hasattr(fig.layout[k], "to_plotly_json") else fig.layout[k]
           for k in ("legend", "font", "margin")}
    lay["height"], lay["showlegend"] = fig.layout.height, fig.layout.showlegend
    data = [tr.to_plotly_json() for tr in fig.data]
    place_legend(lay, data)
    fig.update_layout(legend=lay["legend"])
    place_colorbars(lay, data)
    for tr, d in zip(fig.data, data, strict=True):
        if "colorbar" in d and tr.type in ("heatmap", "contour"):
            tr.colorbar = d["colorbar"]
    return fig


def figure(data: list[dict], layout: dict) -> go.Figure:
    """A figure from plain dicts, skipping plotly's property-by-property validation: building the same figure
    through go.Scatter / update_layout / add_hline costs 15-35 ms, this ~1 ms, and a slider move pays it on
    every step. tests/test_plots_valid.py validates what every builder returns in full instead."""
    place_legend(layout, data)
    place_colorbars(layout, data)
    _room_for_key_notes(layout)
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
             **options: object) -> dict:  # fmt: skip
    """`layout` for a grid of panels, as a plain dict: what make_subplots(rows, cols, subplot_titles=titles,
    **options) followed by base_layout writes (the look of `layout` on the first x and y axis), but with the
    fixed margins of `layout` and no automargin on any axis. Trace dicts name their panel with "xaxis": "x2",
    "yaxis": "y2" and so on (see `axis_names`)."""
    lay = copy.deepcopy(_grid(rows, cols, tuple((k, tuple(v) if isinstance(v, list) else v)
                                                for k, v in sorted(options.items()))))
    for note, text in zip(lay["annotations"], titles, strict=True):
        note["text"] = text
        note["font"] = {"size": font_size(big)}
    for key, value in layout(title, x_title, y_title, big, panel_titles=any(titles)).items():
        if key in ("xaxis", "yaxis"):
            lay[key].update(value)
        else:
            lay[key] = value
    tick = fonts(big)["tick"]
    update_axes(lay, "x", automargin=False, ticklabeloverflow="allow", tickangle=0, tickfont=tick)  # every panel's
    update_axes(lay, "y", automargin=False, ticklabeloverflow="allow", tickfont=tick)
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


KEY_NOTE = "key_note"  # the name of key_note's annotation, so `figure` can make room for it


def key_note(lay: dict, items: list[tuple[str, str, str]], y: float, line_em: float = 17.0) -> None:
    """A colour key in plain text below the plot: (label, colour, glyph) per item, as many items a line as fit
    in `line_em` (about 250 px, what a phone's chart holds right of the y axis). Plotly draws no legend entry for
    a trace without data, and figures whose traces are named for the CSV (one series per panel) explain their
    colours this way instead. `figure` grows the bottom margin to fit it."""
    lines: list[list[str]] = [[]]
    used = 0.0
    for label, c, glyph in items:
        units = _width_units(f"{glyph} {label}") + 2.5  # and the gap to the next item
        if lines[-1] and used + units > line_em:
            lines.append([])
            used = 0.0
        lines[-1].append(f'<span style="color:{c}"><b>{glyph}</b></span> {label}')
        used += units
    lay.setdefault("annotations", []).append({
        "text": "<br>".join("    ".join(line) for line in lines), "xref": "paper", "yref": "paper", "x": 0, "y": y,
        "xanchor": "left", "yanchor": "top", "showarrow": False, "align": "left", "name": KEY_NOTE})


def _room_for_key_notes(lay: dict) -> None:
    """Plotly does not grow a margin for an annotation: make the bottom margin hold every key_note's lines
    (b = |y|·plot height + lines, with plot height = height − t − b)."""
    height = int(lay.get("height") or _DEFAULT_HEIGHT)
    margin = lay.setdefault("margin", {})
    line_px = 1.5 * int(lay.get("font", {}).get("size") or 14)
    for note in lay.get("annotations", []):
        if note.get("name") == KEY_NOTE and note["y"] < 0:
            depth = -note["y"]
            lines = note["text"].count("<br>") + 1
            need = (depth * (height - margin.get("t", 60)) + lines * line_px + 6) / (1 + depth)
            margin["b"] = max(margin.get("b", 0), int(math.ceil(need)))


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
