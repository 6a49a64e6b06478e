"""Figures of the toy reproduction on /paper: our character-level held-out loss per FFN variant (mean ± std over
seeds, every seed as a small dot) beside Shazeer 2020's Table 1 (65,536 steps, ± std over 5 runs), and the two
rankings side by side. Dots, not bars, as on the rest of the paper page: the scales do not start at 0."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import paper
from ..experiments.glu_variants import Summary, ranking
from ..ffn import PLAIN_VARIANTS
from ..i18n import t
from . import base_layout, colour, finish
from .ffn import SHORT


def _symbol(v: str) -> str:
    return "circle" if v in PLAIN_VARIANTS else "diamond"  # plain vs gated, as in the paper figures


def toy_figure(summary: dict[str, Summary], runs: Sequence[dict], lang: str, big: bool = False,
               title_key: str = "toy.fig_title") -> go.Figure:  # fmt: skip
    """Left: toy held-out loss per variant, mean ± std (filled) and each seed (hollow). Right: Table 1."""
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.08,
                        subplot_titles=[t("toy.panel_toy", lang), t("toy.panel_paper", lang)])
    for k in paper.TABLE1:  # the paper's row order; the paper panel always shows all eight
        p = paper.TABLE1[k]
        fig.add_trace(go.Scatter(
            x=[SHORT[k]], y=[p.short], mode="markers", name=t("toy.paper_series", lang, name=SHORT[k]),
            legendgroup=k, showlegend=False,
            error_y={"type": "data", "array": [p.short_std], "visible": True, "thickness": 2, "width": 8},
            marker={"color": colour(k), "size": 14, "symbol": _symbol(k), "line": {"width": 1, "color": "#000"}},
            hovertemplate=f"{SHORT[k]}: %{{y:.3f}}<extra></extra>"), 1, 2)
        if k not in summary:
            continue  # a live run that has not reached this variant yet
        s = summary[k]
        err = {"type": "data", "array": [s.std if s.n > 1 else 0], "visible": s.n > 1, "thickness": 2, "width": 8}
        fig.add_trace(go.Scatter(
            x=[SHORT[k]], y=[s.mean], error_y=err, mode="markers", name=SHORT[k], legendgroup=k,
            marker={"color": colour(k), "size": 14, "symbol": _symbol(k), "line": {"width": 1, "color": "#000"}},
            hovertemplate=f"{SHORT[k]}: %{{y:.4f}} (n = {s.n})<extra></extra>"), 1, 1)
        seeds = [r for r in runs if r["variant"] == k and r["heldout_loss"] is not None]
        fig.add_trace(go.Scatter(
            x=[SHORT[k]] * len(seeds), y=[r["heldout_loss"] for r in seeds], mode="markers",
            name=t("toy.seed_series", lang, name=SHORT[k]), legendgroup=k, showlegend=False,
            marker={"color": colour(k), "size": 7, "symbol": _symbol(k) + "-open"},
            text=[str(r["seed"]) for r in seeds],
            hovertemplate=t("toy.seed_hover", lang, name=SHORT[k], seed="%{text}", value="%{y:.4f}")
            + "<extra></extra>"), 1, 1)
    base_layout(fig, t(title_key, lang), "", "", big, panel_titles=True)
    fig.update_yaxes(title_text=t("toy.axis_toy", lang), row=1, col=1)
    # The paper panel's axis on the right edge: between the panels its title ran over the toy panel's dots
    fig.update_yaxes(title_text=t("toy.axis_paper", lang, steps=f"{paper.SETUP['short_steps']:,}"), row=1, col=2,
                     side="right")
    fig.update_layout(hovermode="closest", showlegend=False, height=500 if big else 440)
    return finish(fig)


def rank_figure(summary: dict[str, Summary], lang: str, big: bool = False) -> go.Figure:
    """Slope chart: each variant's rank in Table 1 (left) and in the toy run (right); crossing lines are
    disagreements. Rank 1 = lowest loss."""
    toy = {k: s.mean for k, s in summary.items() if k in paper.TABLE1}
    paper_rank = {k: i + 1 for i, k in enumerate(ranking({k: paper.TABLE1[k].short for k in toy}))}
    toy_rank = {k: i + 1 for i, k in enumerate(ranking(toy))}
    left, right = t("toy.rank_paper", lang), t("toy.rank_toy", lang)
    fig = go.Figure()
    for k in toy:
        fig.add_trace(go.Scatter(
            x=[left, right], y=[paper_rank[k], toy_rank[k]], mode="lines+markers+text", name=SHORT[k],
            line={"color": colour(k), "width": 3, "dash": "solid" if k in PLAIN_VARIANTS else "dash"},
            marker={"size": 12, "symbol": _symbol(k), "color": colour(k)},
            text=[f"{SHORT[k]} ", f" {SHORT[k]}"], textposition=["middle left", "middle right"],
            hovertemplate=f"{SHORT[k]}: %{{y}}<extra></extra>"))
    base_layout(fig, t("toy.rank_title", lang), "", t("toy.axis_rank", lang), big)
    fig.update_yaxes(autorange="reversed", dtick=1)
    fig.update_xaxes(range=[-0.6, 1.6])
    fig.update_layout(hovermode="closest", showlegend=False, height=420)
    return finish(fig)
