"""The class's votes on one question: a bar per answer, one colour per round side by side (peer instruction
asks twice), the correct answer named on its axis label once it is known and revealed."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from ..i18n import t
from . import PALETTE, figure, layout

LETTERS = "ABCDEFGHIJ"
# Okabe-Ito sky blue, then blue, vermillion...: adjacent rounds differ in hue and in lightness (greyscale safe)
ROUND_COLOURS = (PALETTE[4], PALETTE[0], PALETTE[5], PALETTE[1], PALETTE[6])
ROUND_PATTERNS = ("", "/", ".", "x", "-")


def option_letter(i: int) -> str:
    return LETTERS[i]


def votes_figure(counts: Sequence[Sequence[int]], correct: int | None, lang: str, big: bool = False,
                 height: int | None = None) -> go.Figure:
    """counts[r][i]: students who chose option i in round r+1. `correct` (0-based) is marked when given."""
    n = max((len(c) for c in counts), default=0)
    labels = [t("class.correct_mark", lang, option=option_letter(i)) if i == correct else option_letter(i)
              for i in range(n)]
    data = [{"type": "bar", "x": labels, "y": list(c), "name": t("class.round", lang, round=r + 1),
             "marker": {"color": ROUND_COLOURS[r % len(ROUND_COLOURS)],
                        "pattern": {"shape": ROUND_PATTERNS[r % len(ROUND_PATTERNS)]}},
             "text": [str(v) for v in c], "textposition": "outside", "cliponaxis": False,
             "hovertemplate": "%{x}: %{y}<extra>%{fullData.name}</extra>"}
            for r, c in enumerate(counts)]
    lay = layout(t("class.chart_title", lang), t("class.axis_option", lang), t("class.axis_count", lang), big)
    top = max((max(c, default=0) for c in counts), default=0)
    lay["yaxis"].update(rangemode="tozero", range=[0, max(1, top) * 1.2], dtick=max(1, -(-top // 5)))
    lay["xaxis"]["type"] = "category"
    lay.update(barmode="group", hovermode="closest", showlegend=len(counts) > 1, height=height or (520 if big else 360),
               legend={"orientation": "h", "y": 1.08, "x": 1, "xanchor": "right", "font": lay["legend"]["font"]})
    return figure(data, lay)
