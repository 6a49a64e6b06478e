"""Figures and the table of "SwiGLU in the wild" on /ffn: real models' FFN sizes (swiglu.models), one model's
block drawn with its sizes, and d_ff / d_model of every model against the 2/3 rule."""

from __future__ import annotations

import plotly.graph_objects as go

from .. import models
from ..i18n import t
from . import colour, figure, layout
from .ffn import block_diagram

# The chart's series: one per kind of FFN; colour and bar pattern both differ (greyscale projectors).
SERIES = {"swiglu": (colour("swiglu"), ""), "geglu": (colour("geglu"), "/"), "gelu": ("#E69F00", "x")}


def _layers(m: models.Model) -> str:
    return " + ".join(str(n) for n in m.layers)


def _d_ff_cell(m: models.Model, lang: str) -> str:
    e = m.experts
    if e is None:
        return f"{m.d_ff:,}"
    if m.d_ff is None:
        return t("wild.cell.experts", lang, d_ff=e.d_ff, routed=e.routed, active=e.active)
    return t("wild.cell.dense_moe", lang, d_ff=m.d_ff, dense=m.dense_layers, e_d_ff=e.d_ff, routed=e.routed,
             shared=e.shared, active=e.active)


def _params_cell(m: models.Model, lang: str) -> str:
    p = models.block_params(m)
    if p["expert"] is None:
        return f"{p['dense']:,}"
    if p["dense"] is None:
        return t("wild.cell.params_experts", lang, expert=p["expert"], experts=p["experts"], active=p["active"])
    return t("wild.cell.params_dense_moe", lang, dense=p["dense"], expert=p["expert"], experts=p["experts"],
             active=p["active"], routed_active=m.experts.active, shared=m.experts.shared)


def _llama_cell(m: models.Model) -> str:
    hidden = models.llama_reproduction(m)
    if hidden is None:
        return "—"
    mult = "—" if m.llama.multiplier is None else f"{m.llama.multiplier}"
    return f"{mult}, {m.llama.multiple_of:,} → {hidden:,} " + ("✓" if hidden == m.d_ff else "✗")


def table_rows(lang: str) -> list[dict[str, str]]:
    """One row per model, every cell text: sizes as the source gives them, ratio and counts computed."""
    rows = []
    for m in models.MODELS:
        source = t("wild.cell.secondary", lang, source=m.source) if m.secondary else m.source
        rows.append({t("wild.col.model", lang): m.name, t("wild.col.d_model", lang): f"{m.d_model:,}",
                     t("wild.col.d_ff", lang): _d_ff_cell(m, lang), t("wild.col.layers", lang): _layers(m),
                     t("wild.col.kind", lang): t(f"wild.kind.{m.kind}", lang),
                     t("wild.col.ratio", lang): f"{m.ratio:.2f}", t("wild.col.params", lang): _params_cell(m, lang),
                     t("wild.col.llama", lang): _llama_cell(m), t("wild.col.source", lang): source})
    return rows


def model_diagram(m: models.Model, lang: str, big: bool = False) -> go.Figure:
    """The FFN block figure of /ffn with this model's variant and sizes; title and note say which block it is
    (the only one, one expert, or the dense layers of a MoE model) and what it costs."""
    p, e, d_ff = models.block_params(m), m.experts, m.block_d_ff
    layers = _layers(m)
    if e is None:
        title = t("wild.dia.title", lang, name=m.name, layers=layers)
        note = t("wild.dia.note", lang, formula=models.param_formula(m, d_ff), params=p["dense"])
    elif m.d_ff is None:
        title = t("wild.dia.title_expert", lang, name=m.name, experts=p["experts"], active=p["active"])
        note = t("wild.dia.note", lang, formula=models.param_formula(m, d_ff), params=p["expert"])
    else:
        title = t("wild.dia.title_dense_moe", lang, name=m.name, dense=m.dense_layers, layers=layers)
        note = t("wild.dia.note_dense_moe", lang, formula=models.param_formula(m, d_ff), params=p["dense"],
                 moe_layers=models.layers_total(m) - m.dense_layers, experts=p["experts"], e_d_ff=e.d_ff,
                 expert=p["expert"])
    return block_diagram(m.variant, m.d_model, d_ff, lang, big, title=title, note=note)


def _vline(lay: dict, x: float, line: dict, text: str, xanchor: str) -> None:
    """A vertical line over the full height, labelled just above the plot (what fig.add_vline draws)."""
    lay["shapes"].append({"type": "line", "xref": "x", "x0": x, "x1": x, "yref": "y domain", "y0": 0, "y1": 1,
                          "line": line})
    lay["annotations"].append({"text": text, "showarrow": False, "xref": "x", "x": x, "xanchor": xanchor,
                               "yref": "y domain", "y": 1, "yanchor": "bottom"})


def ratio_figure(chosen: str, lang: str, big: bool = False) -> go.Figure:
    """d_ff / d_model per model (horizontal bars, the table's order top to bottom), one series per kind of FFN,
    the chosen model outlined and its name in bold; dashed lines at the 2/3 rule's 8/3 and at the plain 4·d.
    Built from dicts (`figure`), as picking a model redraws it: through go.Bar / add_vline it cost ~150 ms."""
    names = [m.name for m in models.MODELS]
    data = []
    for variant, (fill, pattern) in SERIES.items():
        rows = [m for m in models.MODELS if m.variant == variant]
        data.append({
            "type": "bar", "orientation": "h", "y": [m.name for m in rows], "x": [m.ratio for m in rows],
            "name": t(f"wild.series.{variant}", lang), "text": [f"{m.ratio:.2f}" for m in rows],
            "textposition": "outside", "cliponaxis": False,
            "marker": {"color": fill, "pattern": {"shape": pattern},
                       "line": {"color": "#000000", "width": [3 if m.key == chosen else 0 for m in rows]}},
            "hovertemplate": "%{y}: d_ff / d_model = %{x:.3f}<extra></extra>"})
    lay = layout(t("wild.ratio.title", lang), t("wild.ratio.x", lang), t("wild.ratio.y", lang), big, auto_margin=True)
    lay.update(shapes=[], annotations=[])
    _vline(lay, models.TWO_THIRDS_RATIO, {"color": "#000000", "dash": "dash", "width": 1.5},
           t("wild.ratio.rule", lang, v=models.TWO_THIRDS_RATIO), "right")
    _vline(lay, models.PLAIN_RATIO, {"color": "#777777", "dash": "dot", "width": 1.5}, t("wild.ratio.plain", lang),
           "left")
    ticks = [f"<b>{m.name}</b>" if m.key == chosen else m.name for m in models.MODELS]
    lay["yaxis"].update(categoryorder="array", categoryarray=names, autorange="reversed", tickvals=names,
                        ticktext=ticks, ticklabelstandoff=2)
    lay["yaxis"].setdefault("title", {}).update(standoff=4)  # the names are long: on a phone every pixel is plot
    lay["xaxis"].update(range=[0, max(m.ratio for m in models.MODELS) * 1.12])
    lay["legend"].update(orientation="h", y=-0.08, x=0)
    lay.update(barmode="overlay", hovermode="closest", height=140 + 24 * len(names))
    return figure(data, lay)
