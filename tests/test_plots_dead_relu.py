"""Figures of /dead-relu (swiglu/plots/dead_relu.py) and of the toy reproduction (swiglu/plots/toy_repro.py)
against the data they are built from."""

import math

import numpy as np
import pytest
import torch

from swiglu import dead, paper
from swiglu.experiments import dead_relu as dr
from swiglu.experiments import glu_variants as gv
from swiglu.plots import figure_csv
from swiglu.plots.dead_relu import arm_name, dead_figure, histogram_figure, loss_figure, map_figure, sparsity_figure
from swiglu.plots.ffn import SHORT
from swiglu.plots.toy_repro import rank_figure, toy_figure

torch.set_num_threads(1)


@pytest.fixture(scope="module")
def state():
    return dr.run_experiment(dr.DeadConfig(depth=2, width=8, steps=40, checkpoints=4, lr=0.03), "compare")


@pytest.fixture(scope="module")
def revive():
    return dr.run_experiment(dr.DeadConfig(depth=2, width=8, steps=20, checkpoints=2), "revive")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_dead_figure_plots_the_recorded_fractions(state, lang):
    fig = dead_figure(state, "0.01", lang)
    assert len(fig.data) == 3 * 2  # arms × layers
    for tr, (arm, k) in zip(fig.data, [(a, k) for a in state.arms for k in range(2)], strict=True):
        steps, layers = dr.dead_series(arm, "0.01")
        assert list(tr.x) == steps == [r.step for r in arm.records]
        assert list(tr.y) == pytest.approx([100 * v for v in layers[k]])
        assert arm_name(arm, lang) in tr.name
    assert "0.01" in fig.layout.title.text
    assert figure_csv(fig).count("\n") == 1 + sum(len(tr.x) for tr in fig.data)


def test_dead_figure_panels_follow_eps(state):
    tight, loose = dead_figure(state, "0.001", "en"), dead_figure(state, "0.1", "en")
    swish_tight = [tr for tr in tight.data if tr.name.startswith("Swish")]
    swish_loose = [tr for tr in loose.data if tr.name.startswith("Swish")]
    for a, b in zip(swish_tight, swish_loose, strict=True):
        assert all(x <= y for x, y in zip(a.y, b.y, strict=True))  # a larger ε can only add dead units


def test_loss_figure(state):
    fig = loss_figure(state, "en")
    assert [tr.name for tr in fig.data] == ["ReLU", "Swish", "SwiGLU"]
    for tr, arm in zip(fig.data, state.arms, strict=True):
        assert list(tr.y) == pytest.approx([r.loss for r in arm.records])
    assert fig.layout.yaxis.type == "log"


@pytest.mark.parametrize("arm_key", ["relu", "swish", "swiglu"])
def test_map_blank_cells_are_the_off_cells_and_dead_rows_are_empty(state, arm_key):
    arm = state.arm(arm_key)
    fig = map_figure(state, arm_key, 0, 0.01, "en")
    z = np.asarray(fig.data[0].z, dtype=float)
    pre = torch.from_numpy(arm.pre_last[0])
    off = dead.is_off(pre, arm.variant, 0.01).numpy().T  # (d_ff, N)
    assert z.shape == off.shape == (arm.d_ff, 250)
    assert np.array_equal(np.isnan(z), off)
    g = dead.gate_function(arm.variant)(pre).numpy().T
    assert np.allclose(z[~off], g[~off])
    d = dead.layer_death(dead.LayerProbe(0, arm.variant, 1.0, pre, None), 0.01).dead.numpy()
    assert np.array_equal(np.isnan(z).all(1), d)
    assert f"{int(d.sum())} of {arm.d_ff}" in fig.layout.title.text
    assert [u.endswith("(dead)") for u in fig.data[0].y] == list(d)


def test_histogram_counts_every_pre_activation(state):
    for key in ("relu", "swish"):
        arm = state.arm(key)
        fig = histogram_figure(state, key, 1, 0.01, "en")
        before, after = fig.data
        n = arm.pre_init[1].size
        assert sum(before.y) == sum(after.y) == n
        centres, b, a = dr.histogram(arm, 1)
        assert list(before.x) == pytest.approx(list(centres)) and list(after.y) == list(a)
    lines = [s for s in fig.layout.shapes if s.type == "line"]
    a_eps = dead.off_threshold("swish", 0.01)
    assert not lines or lines[0].x0 == pytest.approx(a_eps)  # the off line, when it is on the plotted range


def test_sparsity_figure_bars(state):
    fig = sparsity_figure(state, 0.01, "zh")
    rows = dr.death_vs_sparsity(state, 0.01)
    dead_bars, off_bars = fig.data
    assert list(dead_bars.y) == pytest.approx([100 * r["dead"] for r in rows])
    assert list(off_bars.y) == pytest.approx([100 * r["off_per_input"] for r in rows])
    assert all(o >= d - 1e-9 for o, d in zip(off_bars.y, dead_bars.y, strict=True))  # dead units are off too
    assert fig.layout.shapes[0].y0 == pytest.approx(100 * (1 - dead.LAZY_NEURON_NONZERO))
    assert "ε" in fig.layout.title.text and "死亡" in fig.layout.title.text


def test_revive_figures_name_the_arms(revive):
    fig = dead_figure(revive, "0.01", "en")
    titles = [a.text.replace("<br>", " ") for a in fig.layout.annotations]  # long panel titles take two lines
    assert titles == [arm_name(a, "en") for a in revive.arms] and "RAI" in titles[2]
    rows = dr.summary_rows(revive, "0.01")
    assert [r["arm"] for r in rows] == list(dr.REVIVE_ARMS)
    assert rows[0]["dead_start"] == pytest.approx(float(np.mean(revive.arms[0].records[0].dead["0.01"])))


# ---------------- toy reproduction ----------------
def _runs():
    rng = np.random.default_rng(0)
    return [{"variant": v, "seed": s, "heldout_loss": 1.7 + 0.01 * i + 0.003 * rng.standard_normal(), "steps": 5,
             "seconds": 1.0} for s in range(3) for i, v in enumerate(paper.TABLE1)]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_toy_figure_beside_table_1(lang):
    runs = _runs()
    summ = gv.summarise(runs)
    fig = toy_figure(summ, runs, lang)
    by_name = {}
    for tr in fig.data:
        by_name.setdefault(tr.x[0], []).append(tr)
    for k in paper.TABLE1:
        paper_tr, mean_tr, seeds_tr = by_name[SHORT[k]]
        assert mean_tr.y[0] == pytest.approx(summ[k].mean) and mean_tr.error_y.array[0] == pytest.approx(summ[k].std)
        assert sorted(seeds_tr.y) == sorted(r["heldout_loss"] for r in runs if r["variant"] == k)
        assert paper_tr.y[0] == paper.TABLE1[k].short and paper_tr.error_y.array[0] == paper.TABLE1[k].short_std
        assert mean_tr.xaxis == "x" and paper_tr.xaxis == "x2"
    assert fig.layout.annotations[0].text != fig.layout.annotations[1].text
    assert figure_csv(fig)


def test_rank_figure_ranks():
    runs = _runs()
    summ = gv.summarise(runs)
    fig = rank_figure(summ, "en")
    toy_rank = {k: i + 1 for i, k in enumerate(gv.ranking({k: s.mean for k, s in summ.items()}))}
    paper_rank = {k: i + 1 for i, k in enumerate(gv.ranking({k: v.short for k, v in paper.TABLE1.items()}))}
    for tr in fig.data:
        k = next(k for k in paper.TABLE1 if SHORT[k] == tr.name)
        assert list(tr.y) == [paper_rank[k], toy_rank[k]]
    assert paper_rank["geglu"] == 1 and paper_rank["relu"] == 8
    assert fig.layout.yaxis.autorange == "reversed"


def test_toy_figure_with_a_single_seed_has_no_error_bar():
    runs = [r for r in _runs() if r["seed"] == 0]
    summ = gv.summarise(runs)
    fig = toy_figure(summ, runs, "en")
    assert all(math.isnan(s.std) for s in summ.values())
    assert fig.data[1].error_y.visible is False  # data[0] is Table 1's ReLU, with its std


def test_toy_figure_of_a_partial_live_run_keeps_all_of_table_1():
    runs = [r for r in _runs() if r["variant"] in ("relu", "gelu")]
    fig = toy_figure(gv.summarise(runs), runs, "en")
    assert sum(tr.xaxis == "x2" for tr in fig.data) == 8 and sum(tr.xaxis == "x" for tr in fig.data) == 4


def test_map_of_an_all_dead_layer_keeps_its_axes():
    state = dr.run_experiment(dr.DeadConfig(depth=1, width=4, steps=2, checkpoints=1, shift=100.0,
                                            variants=("relu",)), "compare")
    fig = map_figure(state, "relu", 0, 0.01, "en")
    assert np.isnan(np.asarray(fig.data[0].z, dtype=float)).all()
    assert list(fig.layout.xaxis.range) == [0.5, 250.5]
    units = fig.layout.yaxis.categoryarray
    assert len(units) == 8 and all(u.endswith("(dead)") for u in units)
    assert "8 of 8" in fig.layout.title.text
