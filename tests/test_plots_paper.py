"""Figures of the paper page: the plotted values are Shazeer 2020's tables (swiglu.paper) and the live timing."""

import pytest

from swiglu import paper
from swiglu.plots import figure_csv
from swiglu.plots.ffn import SHORT
from swiglu.plots.paper import finetune_figure, gap_figure, perplexity_figure, timing_figure
from swiglu.timing import OPS, Timing


def test_perplexity_65k_has_the_stated_std_as_error_bars():
    fig = perplexity_figure(False, "en")
    assert len(fig.data) == len(paper.TABLE1)
    for tr, (k, v) in zip(fig.data, paper.TABLE1.items(), strict=True):
        assert tr.name == SHORT[k] and tr.y == (v.short,) and tr.error_y.array == (v.short_std,)
    best = [a for a in fig.layout.annotations if a.showarrow]
    assert len(best) == 1 and best[0].x == "GEGLU" and best[0].y == paper.TABLE1["geglu"].short


def test_perplexity_524k_marks_geglu_not_swiglu():
    fig = perplexity_figure(True, "zh")
    assert [tr.y[0] for tr in fig.data] == [v.long for v in paper.TABLE1.values()]
    assert all(tr.error_y.array is None for tr in fig.data)  # no std stated for the long runs
    big = max(fig.data, key=lambda tr: tr.marker.size)
    assert big.name == "GEGLU"
    assert "524,288" in fig.layout.title.text and any("\u4e00" <= c <= "\u9fff" for c in fig.layout.title.text)


def test_finetune_panels_hold_tables_2_to_4():
    fig = finetune_figure("en")
    assert len(fig.data) == len(paper.TASKS) * len(paper.TABLES234)
    i = 0
    for task in paper.TASKS:
        for k, row in paper.TABLES234.items():
            assert fig.data[i].y == (getattr(row, task),), (task, k)
            i += 1
    glue = fig.data[: len(paper.TABLES234)]
    assert max(glue, key=lambda tr: tr.marker.size).name == "ReGLU"


def test_gap_heatmap_is_the_gap_matrix():
    fig = gap_figure("en")
    keys, m = paper.gap_matrix()
    assert [list(r) for r in fig.data[0].z] == m
    assert len(fig.data[0].x) == len(keys) == 8
    csv = figure_csv(fig)
    assert len(csv.strip().splitlines()) == 1 + 64


def test_timing_figure_plots_the_measurement():
    tm = Timing(512, 512, 1365, 1, 5, {k: (i + 1) * 1e-4 for i, k in enumerate(OPS)})
    fig = timing_figure(tm, "en")
    assert list(fig.data[0].y) == pytest.approx([tm.seconds[k] * 1e6 for k in OPS])
    assert tm.ratio_gated == pytest.approx(1 / 2) and tm.ratio_act == pytest.approx(3 / 4)
    zh = timing_figure(tm, "zh")
    assert zh.layout.yaxis.title.text != fig.layout.yaxis.title.text
