"""What every figure shares, on every page: fonts that follow large-fonts mode (ticks, legends, hover labels and
annotations, not only the titles), the legend below the plot with room for a phone's wrapped rows, and the title
below the Plotly toolbar. The sizes are checked in the figures themselves; tests/browser/test_screens.py checks
what Chromium draws at 390 and 1280 px."""

from __future__ import annotations

import math

import pytest

from swiglu import paper
from swiglu.data import make
from swiglu.experiments import glu_variants as gv
from swiglu.plots import font_size, layout, legend_entries, place_legend
from swiglu.plots.ffn import block_diagram, budget, budget_figure
from swiglu.plots.paper import finetune_figure, gap_figure, perplexity_figure
from swiglu.plots.toy_repro import rank_figure, toy_figure
from swiglu.plots.train import beta_figure, curves_figure, data_figure
from swiglu.train import StepRecord

from .test_plots_valid import BUILDERS as DICT_BUILT


def _recs(variant: str, betas: bool = False) -> list[StepRecord]:
    return [StepRecord(variant, s, 0.7 / (1 + s), 0.8 / (1 + s), 0.5 + s / 40, 0.5, (1.0 + s / 100,) if betas else None,
                       1.0, 10.0, "running") for s in range(0, 20, 2)]


def _toy():
    shipped = gv.load_shipped()
    return gv.summarise(shipped["runs"]), shipped["runs"]


BUILDERS = {
    **{k: v for k, v in DICT_BUILT.items() if k != "swish_custom"},  # (its formula has a time limit: flaky here)
    "ppl": lambda lang, big: perplexity_figure(False, lang, big),
    "finetune": lambda lang, big: finetune_figure(lang, big),
    "gap": lambda lang, big: gap_figure(lang, big),
    "toy": lambda lang, big: toy_figure(*_toy(), lang, big),
    "rank": lambda lang, big: rank_figure(_toy()[0], lang, big),
    "diagram": lambda lang, big: block_diagram("swiglu", 512, 1365, lang, big),
    "budget": lambda lang, big: budget_figure(budget(768, 4.0), lang, big),
    "train_data": lambda lang, big: data_figure(make("circle"), True, lang, big),
    "curves": lambda lang, big: curves_figure([_recs(v) for v in paper.TABLE1], list(paper.TABLE1), True, 20, lang,
                                              big),
    "beta": lambda lang, big: beta_figure([_recs("swish", True), _recs("swiglu", True)], ["swish", "swiglu"], 20,
                                          lang, big),
}


def _axes(lay: dict) -> list[dict]:
    return [v for k, v in lay.items() if k.startswith(("xaxis", "yaxis")) and v.get("visible", True)]


def _note_size(note: dict, lay: dict) -> float:
    return (note.get("font") or {}).get("size") or lay["font"]["size"]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", list(BUILDERS))
def test_every_text_of_a_figure_grows_with_large_fonts(name, lang):
    small, big = (BUILDERS[name](lang, b).to_dict()["layout"] for b in (False, True))
    for lay, b in ((small, False), (big, True)):
        assert lay["font"]["size"] == font_size(b)
        assert lay["title"]["font"]["size"] == font_size(b) + 4 or name.startswith("train")
        for axis in _axes(lay):
            if axis.get("showticklabels", True):
                assert axis["tickfont"]["size"] == font_size(b) - 2, (name, axis)
        assert lay["legend"]["font"]["size"] == font_size(b) - 1
    assert len(small.get("annotations", [])) == len(big.get("annotations", []))
    for a, b in zip(small.get("annotations", []), big.get("annotations", []), strict=True):
        if a.get("text"):
            assert _note_size(b, big) > _note_size(a, small), (name, a.get("text"))


@pytest.mark.parametrize("big", [False, True])
@pytest.mark.parametrize("name", list(BUILDERS))
def test_the_title_sits_below_the_toolbar_and_the_legend_below_the_plot(name, big):
    fig = BUILDERS[name]("zh", big)
    lay = fig.to_dict()["layout"]
    title = lay["title"]
    assert (title["yref"], title["y"], title["yanchor"]) == ("container", 1, "top") and title["pad"]["t"] >= 28
    assert lay["margin"]["t"] >= title["pad"]["t"] + title["font"]["size"] + 4  # the title fits above the plot
    if lay.get("showlegend") is not False and legend_entries([tr.to_plotly_json() for tr in fig.data]):
        leg = lay["legend"]
        assert (leg["orientation"], leg["xanchor"], leg["yanchor"], leg["x"]) == ("h", "left", "top", 0)
        assert -0.6 <= leg["y"] < 0


def test_the_legend_offset_leaves_room_for_the_axis_labels_even_wrapped_on_a_phone():
    """plot height h = H - t - b, and b = |y|·h + legend: with the legend wrapped to a phone's rows, the gap
    |y|·h between the plot and the legend still holds the tick labels and the axis title (4 em)."""
    for n, big in ((2, False), (10, False), (4, True)):  # large fonts are for a projector, not a phone
        lay = layout("t", "x", "y", big)
        lay["height"] = 420
        data = [{"type": "scatter", "name": f"series number {i}"} for i in range(n)]
        place_legend(lay, data)
        size = lay["legend"]["font"]["size"]
        rows = n if 40 + 0.6 * size * 16 > 165 else math.ceil(n / 2)  # one or two 16-character entries a row
        legend_px = rows * (1.45 * size + 4)
        frac = -lay["legend"]["y"]
        plot_h = (420 - lay["margin"]["t"] - legend_px) / (1 + frac)
        assert frac * plot_h >= 3.3 * lay["font"]["size"], (n, big, frac, plot_h)


def test_no_legend_is_placed_for_a_single_unnamed_series_or_a_heatmap():
    lay = layout("t", "x", "y")
    place_legend(lay, [{"type": "heatmap", "name": "h"}])
    assert "y" not in lay["legend"]
    assert legend_entries([{"type": "scatter", "name": "a"}]) == []
    hidden = {"type": "scatter", "name": "b", "showlegend": False}
    assert legend_entries([{"type": "scatter", "name": "a"}, hidden]) == []
    assert legend_entries([{"type": "scatter", "name": "a"}, {"type": "bar", "name": "b"}]) == ["a", "b"]
