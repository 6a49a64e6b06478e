"""Figures and the table of "SwiGLU in the wild" (swiglu/plots/models.py): what is shown is the core's data."""

import plotly.graph_objects as go
import pytest

from swiglu import models
from swiglu.ffn import VARIANTS
from swiglu.i18n import t
from swiglu.plots.ffn import block_diagram
from swiglu.plots.models import SERIES, model_diagram, ratio_figure, table_rows


def _texts(fig) -> str:
    return " ".join(a.text or "" for a in fig.layout.annotations)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_table_rows_are_the_core_numbers(lang):
    rows = table_rows(lang)
    assert len(rows) == len(models.MODELS)
    col = {k: t(f"wild.col.{k}", lang) for k in ("model", "d_model", "d_ff", "layers", "kind", "ratio", "params",
                                                  "llama", "source")}
    assert list(rows[0]) == list(col.values())
    for row, m in zip(rows, models.MODELS, strict=True):
        assert row[col["model"]] == m.name and row[col["d_model"]] == f"{m.d_model:,}"
        assert row[col["ratio"]] == f"{m.ratio:.2f}"
        assert m.source in row[col["source"]]
        assert row[col["kind"]] == t(f"wild.kind.{m.kind}", lang)
        p = models.block_params(m)
        if m.experts is None:
            assert row[col["d_ff"]] == f"{m.d_ff:,}" and row[col["params"]] == f"{p['dense']:,}"
        else:
            assert f"{m.experts.d_ff:,}" in row[col["d_ff"]] and f"{p['expert']:,}" in row[col["params"]]
            assert str(p["experts"]) in row[col["params"]]
        hidden = models.llama_reproduction(m)
        if hidden is None:
            assert row[col["llama"]] == "—"
        else:
            assert row[col["llama"]].endswith(f"{m.llama.multiple_of:,} → {hidden:,} ✓")
    by_name = {r[col["model"]]: r for r in rows}
    assert by_name["Llama 3 / 3.1 8B"][col["llama"]] == "1.3, 1,024 → 14,336 ✓"
    assert by_name["LLaMA 7B"][col["llama"]] == "—, 256 → 11,008 ✓"
    assert by_name["T5 v1.1 base"][col["layers"]] == "12 + 12"
    assert by_name["GPT-2 small"][col["params"]] == f"{2 * 768 * 3072 + 3072 + 768:,}"
    assert t("wild.cell.secondary", lang, source="PaLM paper §2, Table 1") == by_name["PaLM 540B"][col["source"]]


def test_table_languages_differ():
    assert list(table_rows("en")[0]) != list(table_rows("zh")[0])


@pytest.mark.parametrize("key", models.KEYS)
def test_model_diagram_draws_the_models_sizes(key):
    m = models.BY_KEY[key]
    fig = model_diagram(m, "en")
    go.Figure(fig.to_dict())  # full plotly validation
    text = _texts(fig)
    d_ff = m.block_d_ff
    assert f"{m.d_model:,} × {d_ff:,}" in text and f"{d_ff:,} × {m.d_model:,}" in text
    assert ("gate_proj" in text) == (m.variant != "gelu")
    p = models.block_params(m)
    shown = p["dense"] if p["dense"] is not None else p["expert"]
    assert f"{models.param_formula(m, d_ff)} = {shown:,}" in text
    assert m.name in fig.layout.title.text
    zh = model_diagram(m, "zh")
    assert zh.layout.title.text != fig.layout.title.text and m.name in zh.layout.title.text


def test_moe_diagrams_say_which_block():
    mixtral = model_diagram(models.BY_KEY["mixtral-8x7b"], "en")
    assert mixtral.layout.title.text == t("wild.dia.title_expert", "en", name="Mixtral 8x7B", experts=8, active=2)
    ds = models.BY_KEY["deepseek-v3"]
    text = _texts(model_diagram(ds, "en"))
    assert "58 layers" in text and "257 experts" in text and f"{3 * 7168 * 2048:,}" in text
    assert "<br>" in text  # the note's two sentences on two lines


def test_block_diagram_without_a_note_is_unchanged():
    plain = block_diagram("swiglu", 768, 2048, "en")
    noted = block_diagram("swiglu", 768, 2048, "en", title="T", note="a\nb")
    assert len(noted.layout.annotations) == len(plain.layout.annotations) + 1
    assert noted.layout.title.text == "T" and plain.layout.title.text == t("ffn.dia.title", "en", name="SwiGLU")
    assert plain.layout.height == 360 and tuple(plain.layout.yaxis.range) == (-1.55, 1.55)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_ratio_figure_plots_the_core_ratios(lang):
    fig = ratio_figure("qwen2-7b", lang)
    go.Figure(fig.to_dict())
    assert [tr.name for tr in fig.data] == [t(f"wild.series.{v}", lang) for v in SERIES]
    plotted = {}
    for tr in fig.data:
        assert tr.orientation == "h"
        plotted.update(zip(tr.y, tr.x, strict=True))
        assert list(tr.text) == [f"{x:.2f}" for x in tr.x]
    assert plotted == {m.name: m.ratio for m in models.MODELS}
    widths = {y: w for tr in fig.data for y, w in zip(tr.y, tr.marker.line.width, strict=True)}
    assert {y for y, w in widths.items() if w} == {"Qwen2-7B"}
    assert list(fig.layout.yaxis.categoryarray) == [m.name for m in models.MODELS]
    assert "<b>Qwen2-7B</b>" in fig.layout.yaxis.ticktext
    lines = sorted(s.x0 for s in fig.layout.shapes)
    assert lines == pytest.approx([8 / 3, 4.0])
    assert fig.layout.xaxis.title.text == t("wild.ratio.x", lang)
    assert fig.layout.title.text == t("wild.ratio.title", lang)


def test_ratio_series_follow_the_variant():
    fig = ratio_figure("llama3-8b", "en")
    by_series = {tr.name: set(tr.y) for tr in fig.data}
    assert by_series[t("wild.series.geglu", "en")] == {m.name for m in models.MODELS if m.variant == "geglu"}
    assert by_series[t("wild.series.gelu", "en")] == {"GPT-2 small", "BERT-base"}


@pytest.mark.parametrize("big", [False, True])
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("variant", VARIANTS)
def test_dict_built_diagrams_pass_plotly_validation(variant, lang, big):
    """block_diagram and ratio_figure skip plotly's validation for speed (swiglu.plots.figure); checked here in
    full. They keep the theme's automargin (base_layout's look): the ratio chart's model names are long
    category labels, and the diagram has no visible axes to measure."""
    for fig in (block_diagram(variant, 4096, 14336, lang, big), block_diagram(variant, 8, 8, lang, big, note="n"),
                ratio_figure("mixtral-8x7b", lang, big)):
        checked = go.Figure(fig.to_dict())  # raises ValueError on any unknown property or bad value
        assert checked.layout.title.text and checked.layout.font.size == (20 if big else 14)
        assert checked.layout.xaxis.automargin is None
