"""Figures and the results table of the training lab: data in (datasets, StepRecords, prediction grids),
plotly Figures / plain rows out. Pure functions.

The page redraws the curves and the heatmaps several times a second while a worker thread trains in the
same process, and every millisecond of Python here is a millisecond the worker waits for the GIL. So these
builders write plain dicts and skip plotly's per-property validation (`_validate=False`): 1-3 ms per
figure instead of 30-120 ms with `base_layout` and `make_subplots` (measured; the named template is the
big cost). `_layout` gives the look of `swiglu.plots.base_layout`, and the tests validate every figure built
here with full validation.

Class colours follow TensorFlow Playground (orange = label 0, blue = label 1), in Okabe-Ito hues.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

from ..data import Dataset
from ..i18n import t
from ..train import StepRecord
from . import DASHES, colour, fonts, place_legend
from . import layout as plot_layout

ORANGE, BLUE = "#E69F00", "#0072B2"  # label 0, label 1 (Okabe-Ito)
DIVERGING = [[0.0, ORANGE], [0.5, "#FFFFFF"], [1.0, BLUE]]
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "cross", "star", "hexagon")
SILU_BETA, GELU_BETA = 1.0, 1.702  # x·σ(1.702x) ≈ GELU (Hendrycks & Gimpel 2016, §2)
# plotly_white's layout part, resolved once. Not the whole template: Streamlit deep-copies every figure it is
# given (BaseFigure.to_dict), and the full template (colour scales, 3-D and geo defaults) was most of the
# script thread's time per live redraw (py-spy), time the training worker waits for the GIL.
_WHITE = pio.templates["plotly_white"].layout.to_plotly_json()
_KEEP = ("autotypenumbers", "font", "paper_bgcolor", "plot_bgcolor", "xaxis", "yaxis", "hoverlabel", "title",
         "shapedefaults", "annotationdefaults")
_TEMPLATE = {"layout": {k: _WHITE[k] for k in _KEEP}}
PLAIN = ("relu", "gelu", "swish")  # drawn as the pale version of their gated sibling's colour (see line_colour)


def line_colour(variant: str) -> str:
    """colour(variant), except that the plain FFNs are pale: colour() gives a family one colour (ReLU and
    ReGLU, GELU and GEGLU, Swish and SwiGLU), and here the two members of a family are often side by side."""
    c = colour(variant)
    if variant not in PLAIN:
        return c
    r, g, b = (int(c[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},0.55)"


def _layout(title_text: str, x_title: str, y_title: str, big: bool, **extra) -> dict:
    """swiglu.plots.base_layout as a plain dict (its fonts, title and legend below the plot), with automargin."""
    layout = {**plot_layout(title_text, x_title, y_title, big, auto_margin=True), "template": _TEMPLATE}
    layout.pop("plot_bgcolor")  # the template's
    for k, v in extra.items():
        layout[k] = {**layout[k], **v} if isinstance(v, dict) and isinstance(layout.get(k), dict) else v
    return layout


def _figure(traces: list[dict], layout: dict) -> go.Figure:
    place_legend(layout, traces)
    return go.Figure({"data": traces, "layout": layout}, _validate=False)


def finite(v: float | None) -> float | None:
    """NaN/inf (a diverged run) -> None: plotly draws a gap, JSON stays strict."""
    return v if v is not None and math.isfinite(v) else None


def _xy(x) -> tuple[np.ndarray, np.ndarray]:
    a = np.asarray(x, dtype=np.float32).reshape(-1, 2)
    return a[:, 0].copy(), a[:, 1].copy()


def _points(data: Dataset, show_test: bool, lang: str, legend: bool, rims: bool = True) -> list[dict]:
    """Scatter traces of the data: filled by label (or target), white rim = train, diamonds with a black rim = test.
    rims=False leaves the training dots without a rim: a stroke on every marker doubles what a browser pays
    to draw the chart (measured), and the live heatmaps are redrawn every second."""
    splits = [("train", data.x_train, data.y_train)] + ([("test", data.x_test, data.y_test)] if show_test else [])
    traces = []
    lim = max(1e-9, float(np.abs(np.asarray(data.y_train, dtype=float)).max(initial=0.0)))
    for split, x, y in splits:
        y = np.asarray(y, dtype=float)
        x = np.asarray(x, dtype=float)
        # white rim = train, black = test; regression dots share the heatmap's colours, so a grey rim keeps them visible
        rim = {"color": "#000000" if split == "test" else "#FFFFFF" if data.kind == "classification" else "#555555",
               "width": 1 if rims or split == "test" else 0}
        symbol = "circle" if split == "train" else "diamond"
        name_split = t(f"train.split.{split}", lang)
        if data.kind == "classification":
            for label, col in ((0, ORANGE), (1, BLUE)):
                xs, ys = _xy(x[y == label])
                traces.append({"type": "scatter", "mode": "markers", "x": xs, "y": ys, "showlegend": legend,
                               "name": t("train.label", lang, label=label, split=name_split),
                               "marker": {"color": col, "size": 7, "symbol": symbol, "line": rim}})
        else:
            xs, ys = _xy(x)
            traces.append({"type": "scatter", "mode": "markers", "x": xs, "y": ys, "showlegend": legend,
                           "name": t("train.target", lang, split=name_split),
                           "marker": {"color": y.astype(np.float32), "colorscale": DIVERGING, "cmin": -lim, "cmax": lim,
                                      "size": 7, "symbol": symbol, "line": rim}})
    return traces


def _square_axes(extent: float, x_title: str, y_title: str, big: bool) -> dict:
    """Equal scales on x₁ and x₂ over the dataset's square."""
    size, tick = fonts(big)["font"]["size"], fonts(big)["tick"]
    return {
        "xaxis": {"range": [-extent, extent], "zeroline": False, "constrain": "domain", "tickfont": tick,
                  "title": {"text": x_title, "font": {"size": size}}},
        "yaxis": {"range": [-extent, extent], "zeroline": False, "scaleanchor": "x", "scaleratio": 1, "tickfont": tick,
                  "title": {"text": y_title, "font": {"size": size}}},
    }


def data_figure(data: Dataset, show_test: bool, lang: str, big: bool = False) -> go.Figure:
    """The dataset as the student chose it: what the model will be trained (and tested) on."""
    x1, x2 = t("train.axis.x1", lang), t("train.axis.x2", lang)
    layout = _layout(t("train.fig.data", lang), x1, x2, big, hovermode="closest", height=440)
    layout.update(_square_axes(data.extent, x1, x2, big))
    return _figure(_points(data, show_test, lang, legend=True), layout)


def discretize(z: np.ndarray, classification: bool, lim: float = 1.0) -> np.ndarray:
    """Which side of the decision boundary: P ≥ 0.5 for classification, prediction ≥ 0 for regression."""
    if classification:
        return (z >= 0.5).astype(float)
    return np.where(z >= 0, lim, -lim)


def boundary_figure(xs, ys, z, data: Dataset, title: str, discrete: bool, show_test: bool, lang: str,
                    big: bool = False, height: int = 330) -> go.Figure:  # fmt: skip
    """Heatmap of one model's output over the square (z[i, j] at (xs[j], ys[i])) with the data on top.
    Classification: z = P(label 1) on 0 … 1; regression: the prediction on the targets' symmetric range."""
    classification = data.kind == "classification"
    z = np.asarray(z, dtype=float)
    lim = 1.0 if classification else max(1e-9, float(np.abs(np.asarray(data.y_train, dtype=float)).max(initial=1.0)))
    if discrete:
        z = discretize(z, classification, lim)
    heat = {"type": "heatmap", "x": np.asarray(xs, dtype=np.float32), "y": np.asarray(ys, dtype=np.float32),
            "z": z.astype(np.float32), "colorscale": DIVERGING, "zmin": 0.0 if classification else -lim,
            "zmax": lim, "showscale": False, "opacity": 0.7,  # pastel background, so same-coloured dots stand out
            "hovertemplate": "x₁ %{x:.2f}<br>x₂ %{y:.2f}<br>%{z:.3f}<extra></extra>"}
    x1, x2 = t("train.axis.x1", lang), t("train.axis.x2", lang)
    layout = _layout(title, x1, x2, big, hovermode="closest", height=height, showlegend=False,
                     title={"font": {"size": fonts(big)["font"]["size"]}})  # a small title: four can sit in a row
    layout.update(_square_axes(data.extent, x1, x2, big))
    return _figure([heat, *_points(data, show_test, lang, legend=False, rims=False)], layout)


def _ys(recs: Sequence[StepRecord], field: str) -> list[float | None]:
    # Lists for these short series: a numpy array is cheaper only when long (plotly coerces each array it
    # is given, ~0.3 ms apiece, measured); the heatmap's z, 1600 values, goes as an array.
    return [finite(getattr(r, field)) for r in recs]


FEW_POINTS = 3  # a run with this few records draws its markers even while live: a line of one point shows nothing
# ui/live_plot.js `LOG_DECADES` is this number (the browser decides when appended records change the axis type)
LOG_DECADES = 1.0  # the loss axis is logarithmic only when the losses span at least this many decades


def diverged_at(recs: Sequence[StepRecord]) -> int | None:
    """The step of a diverged run's first non-finite loss (or its last record's step), None if it did not diverge."""
    if not recs or recs[-1].status != "diverged":
        return None
    bad = next((r.step for r in recs if finite(r.train_loss) is None or finite(r.test_loss) is None), None)
    return recs[-1].step if bad is None else bad


# ui/live_plot.js `lossAxisType` mirrors this for the records the training feed appends
def _loss_axis_type(runs: Sequence[Sequence[StepRecord]]) -> str:
    """log when the losses span a decade or more (a diverging run's 10³⁰, a long run's fall), else linear: a
    log axis over 0.690 … 0.698 only looks odd."""
    vals = [v for recs in runs for r in recs for v in (finite(r.train_loss), finite(r.test_loss))
            if v is not None and v > 0]
    return "log" if vals and math.log10(max(vals) / min(vals)) >= LOG_DECADES else "linear"


def _step_axis(x_max: int, big: bool, **extra) -> dict:
    """Training steps are whole numbers: a short range gets one tick per step, never 0.5 or 1.5."""
    axis = {"range": [0, max(1, x_max)], "tickformat": "d", "tickfont": fonts(big)["tick"], **extra}
    if x_max <= 10:
        axis.update(tick0=0, dtick=1)
    return axis


# ui/live_plot.js `appendRecords` appends to this figure (and to beta_figure's) what the training feed brings
def curves_figure(runs: Sequence[Sequence[StepRecord]], variants: Sequence[str], classification: bool,
                  max_steps: int, lang: str, big: bool = False, markers: bool = True) -> go.Figure:  # fmt: skip
    """Train (solid) and test (dashed) loss, and accuracy in an aligned panel below for classification;
    one colour and marker per variant. The x axis spans the planned run, so the curves grow to the right.
    markers=False while live: markers double the browser's cost of each redraw (measured), 5 redraws a second;
    a run with few records keeps them. A diverged run's curve stops where its loss stopped being a number, and
    a dashed line with a note marks that step.

    Each series names its run and field in meta.feed: a live chart appends the records that arrive from the
    training feed to it in the browser (ui/live_plot.js appendRecords, tested against this function)."""
    split = {s: t(f"train.split.{s}", lang) for s in ("train", "test")}
    panels = [("train_loss", "test_loss", "")] + ([("train_accuracy", "test_accuracy", "2")] if classification else [])
    traces, notes, shapes = [], [], []
    for k, (variant, recs) in enumerate(zip(variants, runs, strict=True)):
        name = t(f"variant.{variant}", lang)
        steps = [r.step for r in recs]
        ys = {f: _ys(recs, f) for fields in panels for f in fields[:2]}
        stop = diverged_at(recs)
        if stop is not None:  # the accuracy of a model whose weights are NaN means nothing: not drawn from there
            for f in ("train_accuracy", "test_accuracy"):
                if f in ys:
                    ys[f] = [None if s >= stop else v for s, v in zip(steps, ys[f], strict=True)]
            shapes.append({"type": "line", "xref": "x", "x0": stop, "x1": stop, "yref": "paper", "y0": 0, "y1": 1,
                           "line": {"color": line_colour(variant), "dash": "dot", "width": 2}})
            notes.append({"xref": "x", "x": stop, "xanchor": "right", "yref": "paper", "y": 1 - 0.07 * len(notes),
                          "yanchor": "top", "showarrow": False, "font": {"color": "#555555"},
                          "text": t("train.diverged_at", lang, name=name, step=stop)})
        mode = "lines+markers" if markers or len(recs) <= FEW_POINTS else "lines"
        for train_f, test_f, ax in panels:
            for which, f, dash in (("train", train_f, "solid"), ("test", test_f, "dash")):
                traces.append(
                    {"type": "scatter", "mode": mode, "x": steps,
                     "y": ys[f], "name": name, "xaxis": "x" + ax, "yaxis": "y" + ax, "legendgroup": variant,
                     "showlegend": which == "train" and ax == "",
                     "line": {"color": line_colour(variant), "dash": dash, "width": 2.5 if which == "train" else 2},
                     "marker": {"symbol": SYMBOLS[k % len(SYMBOLS)], "size": 7, "maxdisplayed": 12},
                     "hovertemplate": f"{name} · {split[which]}: %{{y:.4g}}<extra></extra>",
                     "meta": {"feed": {"run": k, "field": f, "few": None if markers else FEW_POINTS}}}
                )
    for which, dash in (("train", "solid"), ("test", "dash")):  # legend key for the two line styles
        traces.append({"type": "scatter", "mode": "lines", "x": [None], "y": [None], "name": split[which],
                       "line": {"color": "#555555", "dash": dash}, "hoverinfo": "skip"})
    size = fonts(big)["font"]["size"]
    step_title = {"text": t("train.axis.step", lang), "font": {"size": size}}
    log = _loss_axis_type(runs) == "log"
    title = t("train.fig.curves" if classification else "train.fig.curves_reg", lang)
    layout = _layout(title, "", t("train.axis.loss" if log else "train.axis.loss_lin", lang), big,
                     height=520 if classification else 380, shapes=shapes, annotations=notes)
    layout["yaxis"].update(type="log" if log else "linear", exponentformat="power", anchor="x",
                           domain=[0.42, 1.0] if classification else [0.0, 1.0])
    layout["xaxis"] = _step_axis(max_steps, big, anchor="y", title=None if classification else step_title)
    if classification:  # two panels sharing one step axis (what make_subplots(2, 1, shared_xaxes) writes)
        layout["xaxis"].update(matches="x2", showticklabels=False)
        layout["xaxis2"] = _step_axis(max_steps, big, anchor="y2", title=step_title)
        layout["yaxis2"] = {"anchor": "x2", "domain": [0.0, 0.34], "range": [0.0, 1.02], "tickfont": fonts(big)["tick"],
                            "title": {"text": t("train.axis.acc", lang), "font": {"size": size}}}
    return _figure(traces, layout)


def beta_figure(runs: Sequence[Sequence[StepRecord]], variants: Sequence[str], max_steps: int, lang: str,
                big: bool = False) -> go.Figure | None:  # fmt: skip
    """β of every block over training (learnable β), against β = 1 (SiLU) and β ≈ 1.702 (GELU-like).
    None when no run reports β (no Swish in the chosen variants, or β fixed)."""
    traces = []
    for k, (variant, recs) in enumerate(zip(variants, runs, strict=True)):
        recs = [r for r in recs if r.betas]
        if not recs:
            continue
        name = t(f"variant.{variant}", lang)
        for b in range(len(recs[0].betas)):
            traces.append({"type": "scatter", "mode": "lines", "x": [r.step for r in recs],
                           "y": [finite(r.betas[b]) for r in recs],
                           "name": t("train.block", lang, name=name, block=b + 1),
                           "line": {"color": line_colour(variant), "dash": DASHES[b % len(DASHES)], "width": 2.5},
                           "meta": {"feed": {"run": k, "beta": b}}})
    if not traces:
        return None
    refs = ((SILU_BETA, "train.ref.silu", "bottom"), (GELU_BETA, "train.ref.gelu", "top"))
    shapes = [{"type": "line", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": b, "y1": b,
               "line": {"color": "#999999", "dash": "dot", "width": 1.5}} for b, _, _ in refs]
    notes = [{"xref": "paper", "x": 1, "xanchor": "right", "yref": "y", "y": b, "yanchor": anchor,
              "text": t(key, lang), "showarrow": False, "font": {"color": "#555555"}} for b, key, anchor in refs]
    layout = _layout(t("train.fig.beta", lang), t("train.axis.step", lang), t("train.axis.beta", lang), big,
                     height=320, shapes=shapes, annotations=notes)
    layout["xaxis"].update(_step_axis(max_steps, big))
    return _figure(traces, layout)


def _fmt(v: float | None, digits: int = 4) -> float | None:
    v = finite(v)
    return None if v is None else float(f"{v:.{digits}g}")


def results_rows(runs: Sequence[Sequence[StepRecord]], variants: Sequence[str], params: Sequence[int],
                 lang: str) -> list[dict]:  # fmt: skip
    """One row per variant from its last record, with translated column names (for the table and the CSV)."""
    col = {k: t(f"train.col.{k}", lang) for k in ("variant", "params", "steps", "train_loss", "test_loss",
                                                    "train_acc", "test_acc", "sps", "status", "beta")}
    rows = []
    for variant, recs, n in zip(variants, runs, params, strict=True):
        if not recs:
            continue
        r = recs[-1]
        row = {col["variant"]: t(f"variant.{variant}", lang), col["params"]: n, col["steps"]: r.step}
        if r.status == "diverged":  # no number to show: NaN weights, and their accuracy is a coin toss
            row[col["train_loss"]] = row[col["test_loss"]] = t("train.status.diverged", lang)
            if r.train_accuracy is not None:
                row[col["train_acc"]] = row[col["test_acc"]] = "—"
        else:
            row[col["train_loss"]], row[col["test_loss"]] = _fmt(r.train_loss), _fmt(r.test_loss)
            if r.train_accuracy is not None:
                row[col["train_acc"]] = _fmt(r.train_accuracy, 3)
                row[col["test_acc"]] = _fmt(r.test_accuracy, 3)
        if any(rs and rs[-1].betas for rs in runs):  # a column only when β was learnt
            row[col["beta"]] = ", ".join(f"{b:.3f}" for b in r.betas) if r.betas else "—"
        row[col["sps"]] = round(r.steps_per_s)
        status = r.status if r.status in ("done", "diverged", "cancelled", "budget") else "running"
        row[col["status"]] = t(f"train.status.{status}", lang)
        rows.append(row)
    return rows


def rows_csv(rows: Sequence[dict]) -> str:
    buf = io.StringIO()
    if rows:
        fields = list(dict.fromkeys(k for r in rows for k in r))
        w = csv.DictWriter(buf, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)
    return buf.getvalue()
