"""Figures of the FFN page: the plotted data is the core's data (counts, live tensors, saved bytes)."""

import pytest
import torch

from swiglu.ffn import VARIANTS, ffn_flops, ffn_param_count, matched_d_ff
from swiglu.i18n import t
from swiglu.memory import compare_saved_bytes
from swiglu.plots import figure_csv
from swiglu.plots.ffn import block_diagram, budget, budget_figure, live_figure, live_tensors, memory_figure, shape_rows


def _texts(fig):
    return " ".join(a.text or "" for a in fig.layout.annotations)


def test_block_diagram_names_every_matrix_three_ways():
    fig = block_diagram("swiglu", 768, 2048, "en")
    text = _texts(fig)
    for name in ("<b>W</b>", "<b>V</b>", "<b>W2</b>", "w1", "w3", "w2", "gate_proj", "up_proj", "down_proj",
                 "Swish<sub>1</sub>"):
        assert name in text, name
    assert "768 × 2,048" in text and "2,048 × 768" in text
    assert len([s for s in fig.layout.shapes if s.type == "rect"]) == 7  # x, W, gate, V, ⊗, W2, y
    plain = block_diagram("relu", 768, 3072, "en")
    assert "gate_proj" not in _texts(plain) and "up_proj" in _texts(plain) and "3,072" in _texts(plain)
    zh = block_diagram("swiglu", 768, 2048, "zh")
    assert zh.layout.title.text != fig.layout.title.text and any("\u4e00" <= c <= "\u9fff" for c in _texts(zh))


@pytest.mark.parametrize("d_model,expansion", [(768, 4.0), (4096, 4.0), (100, 2.5)])
def test_budget_rows_are_the_core_counts(d_model, expansion):
    rows = budget(d_model, expansion)
    assert [r["variant"] for r in rows] == list(VARIANTS)
    for r in rows:
        d_ff = matched_d_ff(d_model, r["variant"], expansion)
        assert r["d_ff"] == d_ff
        assert r["params"] == ffn_param_count(d_model, d_ff, r["variant"])
        assert r["flops"] == ffn_flops(1, d_model, d_ff, r["variant"])
    fig = budget_figure(rows, "en")
    matched, no_shrink, flops = fig.data
    assert list(matched.y) == [r["params"] for r in rows]
    assert list(no_shrink.y) == [r["params_no_shrink"] for r in rows]
    assert list(flops.y) == [r["flops"] for r in rows]


def test_t5_base_budget_is_equal_and_no_shrink_is_one_and_a_half():
    rows = {r["variant"]: r for r in budget(768, 4.0)}
    assert rows["relu"]["params"] == rows["swiglu"]["params"] == 4_718_592
    assert rows["swiglu"]["params_no_shrink"] == 3 * 768 * 3072 == 1.5 * rows["relu"]["params"]


@pytest.mark.parametrize("variant", VARIANTS)
def test_live_tensors_are_a_real_forward_pass(variant):
    ts = live_tensors(variant, 6, 4.0, 3, seed=7)
    d_ff = matched_d_ff(6, variant, 4.0)
    assert ts["x"].shape == (3, 6) and ts["h"].shape == (3, d_ff) and ts["y"].shape == (3, 6)
    again = live_tensors(variant, 6, 4.0, 3, seed=7)
    assert all(torch.equal(ts[k], again[k]) for k in ts)
    assert not torch.equal(live_tensors(variant, 6, 4.0, 3, seed=8)["y"], ts["y"])
    fig = live_figure(ts, "en")
    assert [tr.name for tr in fig.data] == list(ts)
    for tr in fig.data:
        assert torch.allclose(torch.tensor(tr.z, dtype=ts[tr.name].dtype), ts[tr.name])
    rows = shape_rows(ts, "zh")
    assert len(rows) == len(ts) and rows[-1][t("ffn.live.col_shape", "zh")] == "3 × 6"


def test_live_tensors_follow_the_formula():
    ts = live_tensors("swiglu", 5, 4.0, 2, seed=1)
    assert torch.allclose(ts["gate(xW)"], torch.nn.functional.silu(ts["xW"]), atol=1e-6)
    assert torch.allclose(ts["h"], ts["gate(xW)"] * ts["xV"], atol=1e-6)
    assert list(ts) == ["x", "xW", "gate(xW)", "xV", "h", "y"]


def test_live_csv_has_every_cell():
    ts = live_tensors("swiglu", 4, 4.0, 2, seed=0)
    csv = figure_csv(live_figure(ts, "en"))
    assert len(csv.strip().splitlines()) == 1 + sum(v.numel() for v in ts.values())


def test_memory_figure_stacks_the_saved_bytes():
    mem = compare_saved_bytes(32, matched_d_ff(32, "swiglu"), 16)
    fig = memory_figure(mem["eager"], mem["saving"], "en")
    totals = [sum(tr.y[i] for tr in fig.data) for i in range(2)]
    assert totals == pytest.approx([mem["eager"].total / 1024, mem["saving"].total / 1024])
    assert fig.layout.barmode == "stack"
    assert memory_figure(mem["eager"], mem["saving"], "zh").layout.title.text != fig.layout.title.text
