"""Figures (and the small tables behind them) of the FFN page: the SwiGLU block as a diagram, the parameter
budget of the eight variants of Shazeer 2020 (arXiv 2002.05202, §2), a live FeedForward's tensors, and the
saved activation bytes of the memory-saving block."""

from __future__ import annotations

import plotly.graph_objects as go
import torch
from plotly.subplots import make_subplots

from ..ffn import VARIANTS, FeedForward, ffn_flops, ffn_param_count, is_gated, matched_d_ff
from ..i18n import t
from ..memory import SavedReport
from . import base_layout, colour, figure, finish, layout

SHORT = {"relu": "ReLU", "gelu": "GELU", "swish": "Swish", "glu": "GLU", "bilinear": "Bilinear",
         "reglu": "ReGLU", "geglu": "GEGLU", "swiglu": "SwiGLU"}  # the paper's names, the same in both languages
GATE_SYMBOL = {"glu": "σ", "bilinear": "a ↦ a", "reglu": "ReLU", "geglu": "GELU", "swiglu": "Swish<sub>1</sub>",
               "relu": "ReLU", "gelu": "GELU", "swish": "Swish<sub>1</sub>"}
# Okabe-Ito vermillion (negative) - white - blue (positive): blue = positive, as on every other page.
DIVERGING = [[0.0, "#D55E00"], [0.5, "#FFFFFF"], [1.0, "#0072B2"]]
TENSOR_KEYS = {"x": "ffn.tensor.x", "xW": "ffn.tensor.xW", "gate(xW)": "ffn.tensor.gate", "xV": "ffn.tensor.xV",
               "xW1": "ffn.tensor.xW1", "h": "ffn.tensor.h", "y": "ffn.tensor.y"}


# ---------- the block diagram ----------
BOX_W, BOX_H = 0.95, 0.4  # half sizes, data units


def _box(lay: dict, x: float, y: float, text: str, fill: str, w: float = BOX_W, size: int = 13) -> None:
    lay["shapes"].append({"type": "rect", "x0": x - w, "x1": x + w, "y0": y - BOX_H, "y1": y + BOX_H, "fillcolor": fill,
                          "opacity": 0.45, "line": {"color": "#1B1F24", "width": 1.5}, "layer": "below"})
    lay["annotations"].append({"x": x, "y": y, "text": text, "showarrow": False,
                               "font": {"size": size, "color": "#000000"}})


def _arrow(lay: dict, x0: float, y0: float, x1: float, y1: float) -> None:
    lay["annotations"].append({"x": x1, "y": y1, "ax": x0, "ay": y0, "xref": "x", "yref": "y", "axref": "x",
                               "ayref": "y", "text": "", "showarrow": True, "arrowhead": 2, "arrowsize": 1.3,
                               "arrowwidth": 1.8, "arrowcolor": "#1B1F24"})


def block_diagram(variant: str, d_model: int, d_ff: int, lang: str, big: bool = False, title: str | None = None,
                  note: str | None = None) -> go.Figure:
    """x -> W (gate_proj, w1) -> gate -> ⊗ <- V (up_proj, w3) <- x; ⊗ -> W2 (down_proj, w2) -> y.
    Plain variants have one branch: x -> W1 (up_proj) -> act -> W2 (down_proj) -> y.
    `title` replaces the variant's title (a real model's block); `note` is text under the block (\n: a new line).
    Built from dicts (`figure`): through add_shape / add_annotation this figure cost ~280 ms, and every step of a
    /ffn slider redraws it; tests validate it in full."""
    lay = layout(title or t("ffn.dia.title", lang, name=SHORT[variant]), "", "", big, auto_margin=True)
    lay.update(shapes=[], annotations=[])
    d, f, e = f"{d_model:,}", f"{d_ff:,}", BOX_W
    act = GATE_SYMBOL[variant]
    size = 17 if big else 13  # the boxes are sized for 13 px; 17 px in large fonts still fits on a projector
    _box(lay, 0, 0, f"<b>x</b><br>{t('ffn.dia.tokens', lang)} × {d}", "#F2F5F9", w=0.8, size=size)
    if is_gated(variant):
        _box(lay, 2.4, 1, f"<b>W</b> · w1 · gate_proj<br>{d} × {f}", "#56B4E9", size=size)
        gate_fill = "#E69F00" if variant == "swiglu" else "#CC79A7"
        _box(lay, 4.8, 1, f"<b>{act}</b><br>{t('ffn.dia.gate', lang)}", gate_fill, size=size)
        _box(lay, 3.6, -1, f"<b>V</b> · w3 · up_proj<br>{d} × {f}", "#56B4E9", size=size)
        _box(lay, 7.0, 0, f"<b>⊗</b><br>{t('ffn.dia.product', lang)}", "#F0E442", w=0.85, size=size)
        _arrow(lay, 0.8, 0.25, 2.4 - e, 0.85)
        _arrow(lay, 2.4 + e, 1, 4.8 - e, 1)
        _arrow(lay, 4.8 + e * 0.6, 1 - BOX_H, 7.0 - 0.5, BOX_H)
        _arrow(lay, 0.8, -0.25, 3.6 - e, -0.85)
        _arrow(lay, 3.6 + e, -1, 7.0 - 0.5, -BOX_H)
        w2_x = 9.2
        _arrow(lay, 7.85, 0, w2_x - e, 0)
    else:
        _box(lay, 2.4, 0, f"<b>W1</b> · up_proj<br>{d} × {f}", "#56B4E9", size=size)
        _box(lay, 4.8, 0, f"<b>{act}</b><br>{t('ffn.dia.act', lang)}", "#E69F00", size=size)
        _arrow(lay, 0.8, 0, 2.4 - e, 0)
        _arrow(lay, 2.4 + e, 0, 4.8 - e, 0)
        w2_x = 7.2
        _arrow(lay, 4.8 + e, 0, w2_x - e, 0)
    _box(lay, w2_x, 0, f"<b>W2</b> · w2 · down_proj<br>{f} × {d}", "#009E73", size=size)
    _box(lay, w2_x + 2.3, 0, f"<b>y</b><br>{t('ffn.dia.tokens', lang)} × {d}", "#F2F5F9", w=0.8, size=size)
    _arrow(lay, w2_x + e, 0, w2_x + 1.5, 0)
    lay["annotations"].append({"x": w2_x - 1.1, "y": -0.7, "showarrow": False,
                               "font": {"size": size - 1, "color": "#333333"},
                               "text": t("ffn.dia.hidden", lang, d_ff=f)})
    bottom = -1.55
    if note is not None:
        bottom = -2.0
        lay["annotations"].append({"x": -0.9, "y": -1.65, "xanchor": "left", "yanchor": "top", "showarrow": False,
                                   "align": "left", "text": note.replace("\n", "<br>"),
                                   "font": {"size": size - 1, "color": "#333333"}})
    lay["xaxis"].update(visible=False, range=[-1.7, w2_x + 4.0])  # room for the end boxes' labels on a phone
    lay["yaxis"].update(visible=False, range=[bottom, 1.55])
    lay.update(height=360 if note is None else 400, hovermode=False, showlegend=False)
    return figure([], lay)


# ---------- the parameter budget ----------
def budget(d_model: int, expansion: float) -> list[dict[str, int | str | bool]]:
    """Per variant: d_ff by the 2/3 rule, weights and forward FLOPs per token; and the weights if a gated
    block kept the plain d_ff (no shrink, as PaLM does)."""
    plain_d_ff = matched_d_ff(d_model, "relu", expansion)
    rows = []
    for v in VARIANTS:
        d_ff = matched_d_ff(d_model, v, expansion)
        rows.append({"variant": v, "gated": is_gated(v), "d_ff": d_ff,
                     "params": ffn_param_count(d_model, d_ff, v), "flops": ffn_flops(1, d_model, d_ff, v),
                     "params_no_shrink": ffn_param_count(d_model, plain_d_ff, v)})
    return rows


def budget_figure(rows: list[dict], lang: str, big: bool = False) -> go.Figure:
    """Left: weights with the 2/3 rule and without it. Right: forward FLOPs per token with the 2/3 rule."""
    fig = make_subplots(rows=1, cols=2, subplot_titles=(t("ffn.budget.params", lang), t("ffn.budget.flops", lang)),
                        horizontal_spacing=0.1)
    names = [SHORT[r["variant"]] for r in rows]
    fig.add_trace(go.Bar(x=names, y=[r["params"] for r in rows], name=t("ffn.budget.matched", lang),
                         marker={"color": colour(0)}), 1, 1)
    fig.add_trace(go.Bar(x=names, y=[r["params_no_shrink"] for r in rows], name=t("ffn.budget.no_shrink", lang),
                         marker={"color": colour(1), "pattern": {"shape": "/"}}), 1, 1)
    fig.add_trace(go.Bar(x=names, y=[r["flops"] for r in rows], name=t("ffn.budget.flops_series", lang),
                         marker={"color": colour(2), "pattern": {"shape": "."}}), 1, 2)
    base_layout(fig, t("ffn.budget.title", lang), "", t("ffn.budget.count", lang), big, panel_titles=True)
    fig.update_layout(barmode="group", hovermode="closest", height=420,
                      legend={"orientation": "h", "y": -0.15, "x": 0})
    return finish(fig)


# ---------- live tensors ----------
def live_tensors(variant: str, d_model: int, expansion: float, tokens: int, seed: int) -> dict[str, torch.Tensor]:
    """Run a real FeedForward on a seeded random batch; every intermediate tensor by name.

    A local torch.Generator (not the global seed) keeps this reproducible when sessions run side by side;
    weights follow nn.Linear's default U(−1/√fan_in, 1/√fan_in)."""
    d_ff = max(1, matched_d_ff(d_model, variant, expansion))
    g = torch.Generator().manual_seed(seed)
    ff = FeedForward(d_model, d_ff, variant)
    with torch.no_grad():
        for p in ff.parameters():
            bound = p.shape[1] ** -0.5
            p.copy_((torch.rand(p.shape, generator=g) * 2 - 1) * bound)
        x = torch.randn(tokens, d_model, generator=g)  # (T, d_model)
        return ff.intermediates(x)


def live_figure(tensors: dict[str, torch.Tensor], lang: str, big: bool = False) -> go.Figure:
    """One heatmap per tensor (rows = tokens, columns = features), stacked in the order of the forward pass."""
    names = list(tensors)
    titles = [f"{n}  ·  {t(TENSOR_KEYS[n], lang)}  ·  {tuple(tensors[n].shape)}" for n in names]
    heights = [tensors[n].shape[0] + 2 for n in names]
    fig = make_subplots(rows=len(names), cols=1, subplot_titles=titles, row_heights=heights, vertical_spacing=0.06)
    zmax = max(float(tensors[n].abs().max()) for n in names) or 1.0
    for i, n in enumerate(names, start=1):
        z = tensors[n]
        fig.add_trace(go.Heatmap(z=z.tolist(), x=list(range(z.shape[1])), y=list(range(z.shape[0])), name=n,
                                 colorscale=DIVERGING, zmin=-zmax, zmax=zmax, showscale=(i == 1),
                                 colorbar={"title": {"text": t("ffn.live.value", lang), "side": "top"}, "len": 0.5,
                                           "y": 0.8, "thickness": 10},  # thin: a phone's plot keeps its width
                                 hovertemplate=f"{n}[%{{y}}, %{{x}}] = %{{z:.3f}}<extra></extra>"), i, 1)
        fig.update_yaxes(autorange="reversed", title_text=t("ffn.live.token", lang), row=i, col=1)
    fig.update_xaxes(title_text=t("ffn.live.feature", lang), row=len(names), col=1)
    base_layout(fig, t("ffn.live.title", lang), "", "", big, panel_titles=True)
    fig.update_layout(height=120 + sum(h * 22 + 50 for h in heights), hovermode="closest")
    return finish(fig)


def shape_rows(tensors: dict[str, torch.Tensor], lang: str) -> list[dict[str, str]]:
    return [{t("ffn.live.col_name", lang): n, t("ffn.live.col_meaning", lang): t(TENSOR_KEYS[n], lang),
             t("ffn.live.col_shape", lang): " × ".join(str(s) for s in v.shape)} for n, v in tensors.items()]


# ---------- memory ----------
def memory_figure(eager: SavedReport, saving: SavedReport, lang: str, big: bool = False) -> go.Figure:
    """Saved activation bytes per tensor, stacked: eager FeedForward("swiglu") vs the memory-saving block."""
    fig = go.Figure()
    labels = [t("ffn.mem.eager", lang), t("ffn.mem.saving", lang)]
    reports = (eager, saving)
    for i in range(max(len(eager.shapes), len(saving.shapes))):
        ys = [r.nbytes[i] / 1024 if i < len(r.nbytes) else 0 for r in reports]
        text = ["×".join(map(str, r.shapes[i])) if i < len(r.shapes) else "" for r in reports]
        fig.add_trace(go.Bar(x=labels, y=ys, text=text, textposition="inside", showlegend=False,
                             name=t("ffn.mem.tensor", lang, i=i + 1), marker={"color": colour(i)}))
    base_layout(fig, t("ffn.mem.title", lang), "", t("ffn.mem.kib", lang), big)
    fig.update_layout(barmode="stack", hovermode="closest", height=380)
    return finish(fig)

