"""The class's votes chart (swiglu/plots/classroom.py): the bars are the counts, the rounds side by side, the
correct answer named only when given, texts in the page's language, and plotly's full validation passes."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from swiglu.i18n import t
from swiglu.plots import PALETTE
from swiglu.plots.classroom import votes_figure


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("big", [False, True])
def test_votes_figure(lang, big):
    fig = votes_figure([(1, 3, 0, 1), (0, 4, 1, 0)], 1, lang, big)
    go.Figure(fig.to_dict())  # full validation (the builder skips it for speed)
    bars = fig.to_dict()["data"]
    assert [list(b["y"]) for b in bars] == [[1, 3, 0, 1], [0, 4, 1, 0]]
    assert [b["name"] for b in bars] == [t("class.round", lang, round=r) for r in (1, 2)]
    assert list(bars[0]["x"]) == ["A", t("class.correct_mark", lang, option="B"), "C", "D"]
    assert bars[0]["marker"]["color"] != bars[1]["marker"]["color"]
    assert {b["marker"]["color"] for b in bars} <= set(PALETTE)  # Okabe-Ito
    lay = fig.to_dict()["layout"]
    assert lay["barmode"] == "group" and lay["showlegend"]
    assert lay["xaxis"]["title"]["text"] == t("class.axis_option", lang)
    assert lay["yaxis"]["title"]["text"] == t("class.axis_count", lang)
    assert lay["yaxis"]["range"][1] >= 4


def test_votes_figure_before_the_reveal_names_no_answer():
    fig = votes_figure([(0, 0, 0, 0)], None, "en")
    go.Figure(fig.to_dict())
    assert list(fig.to_dict()["data"][0]["x"]) == ["A", "B", "C", "D"]
    assert not fig.to_dict()["layout"]["showlegend"]  # one round: nothing to tell apart
