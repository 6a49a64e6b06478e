"""Figures and results table of the training lab (swiglu/plots/train.py) against the data they draw:
StepRecords of real short runs, datasets, predict_grid. The builders skip plotly's validation for speed,
so every figure is also re-validated here."""

import csv
import io
import json
import math

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest
import torch

from swiglu.data import make
from swiglu.i18n import t
from swiglu.plots import colour, figure_csv
from swiglu.plots.train import (
    GELU_BETA,
    SILU_BETA,
    beta_figure,
    boundary_figure,
    curves_figure,
    data_figure,
    discretize,
    diverged_at,
    line_colour,
    results_rows,
    rows_csv,
)
from swiglu.train import StepRecord, TrainConfig, Trainer, build_model, predict_grid

torch.set_num_threads(1)
VARIANTS = ("relu", "swiglu")


def run(variant, **kw):
    return list(Trainer(TrainConfig(variant=variant, steps=100, eval_every=20, **kw)).run())


@pytest.fixture(scope="module")
def runs():
    return [run(v) for v in VARIANTS]


@pytest.fixture(scope="module")
def beta_runs():
    return [run(v, dataset="spiral", learnable_beta=True) for v in ("relu", "swish", "swiglu")]


def valid(fig: go.Figure) -> dict:
    """Full plotly validation of what the page sends, and strict JSON (no NaN) for the browser."""
    go.Figure(fig.to_dict())
    spec = json.loads(pio.to_json(fig, validate=False), parse_constant=lambda c: pytest.fail(f"{c} in the JSON"))
    return spec


def traces_named(fig, name):
    return [tr for tr in fig.data if tr.name == name]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_curves_plot_every_record_of_every_variant(runs, lang):
    fig = curves_figure(runs, VARIANTS, True, 100, lang)
    valid(fig)
    for variant, recs in zip(VARIANTS, runs, strict=True):
        mine = traces_named(fig, t(f"variant.{variant}", lang))
        assert len(mine) == 4  # train/test loss, train/test accuracy
        steps = [r.step for r in recs]
        assert all(list(tr.x) == steps for tr in mine)
        loss = [tr for tr in mine if tr.yaxis in (None, "y")]
        acc = [tr for tr in mine if tr.yaxis == "y2"]
        assert [list(tr.y) for tr in loss] == [[r.train_loss for r in recs], [r.test_loss for r in recs]]
        assert [list(tr.y) for tr in acc] == [[r.train_accuracy for r in recs], [r.test_accuracy for r in recs]]
        assert [tr.line.dash for tr in loss] == ["solid", "dash"]
        assert {tr.line.color for tr in mine} == {line_colour(variant)}
        assert sum(bool(tr.showlegend) for tr in mine) == 1  # one legend entry per variant
    assert traces_named(fig, t("train.split.train", lang)) and traces_named(fig, t("train.split.test", lang))
    assert fig.layout.yaxis.type == "log"
    assert fig.layout.xaxis2.title.text == t("train.axis.step", lang)
    assert fig.layout.yaxis2.title.text == t("train.axis.acc", lang)
    assert fig.layout.title.text == t("train.fig.curves", lang)
    assert list(fig.layout.xaxis.range) == [0, 100] and fig.layout.xaxis.matches == "x2"
    live = curves_figure(runs, VARIANTS, True, 100, lang, markers=False)  # cheaper to redraw 5 times a second
    assert {tr.mode for tr in live.data} == {"lines"} and "markers" in fig.data[0].mode


def test_colours_are_okabe_ito_by_variant_and_plain_ffns_are_pale():
    assert line_colour("swiglu") == colour("swiglu") and line_colour("geglu") == colour("geglu")
    assert line_colour("swish").startswith("rgba(0,114,178,")  # colour("swish") = #0072B2, paler
    assert len({line_colour(v) for v in ("relu", "gelu", "swish", "glu", "bilinear", "reglu", "geglu", "swiglu")}) == 8


def test_regression_curves_have_no_accuracy_panel():
    recs = run("gelu", dataset="sine")
    fig = curves_figure([recs], ["gelu"], False, 100, "en")
    valid(fig)
    assert len(traces_named(fig, t("variant.gelu", "en"))) == 2
    assert "yaxis2" not in fig.to_dict()["layout"]
    assert fig.layout.title.text == t("train.fig.curves_reg", "en")


def _rec(step, loss, status="running"):
    return StepRecord("relu", step, loss, loss, 0.5, 0.5, None, 1.0, 10.0, status)


def test_diverged_losses_become_gaps_not_nan():
    recs = [_rec(0, 0.7), _rec(1, 1e30), _rec(2, math.inf), _rec(3, math.nan, "diverged")]
    fig = curves_figure([recs], ["relu"], True, 10, "en")
    spec = valid(fig)
    ys = spec["data"][0]["y"]
    assert ys[:2] == [0.7, 1e30] and ys[2:] == [None, None]
    for lang in ("en", "zh"):  # the table says "diverged" where a loss would be, and shows no accuracy
        (row,) = results_rows([recs], ["relu"], [99], lang)
        col = lambda k, lang=lang: t(f"train.col.{k}", lang)  # noqa: E731
        assert row[col("train_loss")] == row[col("test_loss")] == t("train.status.diverged", lang)
        assert row[col("train_acc")] == row[col("test_acc")] == "—"
        assert row[col("status")] == t("train.status.diverged", lang)
        assert "None" not in rows_csv([row]) and "nan" not in rows_csv([row]).lower()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_diverged_run_shows_its_steps_before_the_divergence(lang):
    """SGD blowing up after a few steps: the finite records are drawn (with markers, even live), the step of the
    first non-finite loss is marked and named, no accuracy from then on, integer step ticks, and a loss axis
    that is linear when the losses span less than a decade."""
    recs = [_rec(0, 0.693), _rec(1, 0.695), _rec(2, math.nan, "diverged")]
    assert diverged_at(recs) == 2 and diverged_at(recs[:2]) is None
    fig = curves_figure([recs], ["relu"], True, 2, lang, markers=False)
    spec = valid(fig)
    loss = spec["data"][0]
    assert loss["x"] == [0, 1, 2] and loss["y"] == [0.693, 0.695, None] and "markers" in loss["mode"]
    acc = next(d for d in spec["data"] if d.get("yaxis") == "y2")
    assert acc["y"] == [0.5, 0.5, None]
    lay = spec["layout"]
    assert lay["yaxis"]["type"] == "linear" and lay["yaxis"]["title"]["text"] == t("train.axis.loss_lin", lang)
    assert [(s["x0"], s["x1"]) for s in lay["shapes"]] == [(2, 2)]
    note = t("train.diverged_at", lang, name=t("variant.relu", lang), step=2)
    assert [a["text"] for a in lay["annotations"]] == [note]
    for ax in ("xaxis", "xaxis2"):
        assert lay[ax]["dtick"] == 1 and lay[ax]["tickformat"] == "d"
    wide = curves_figure([[_rec(0, 0.7), _rec(500, 1e30), _rec(600, math.inf, "diverged")]], ["relu"], True, 1000, lang)
    lay = wide.to_dict()["layout"]
    assert lay["yaxis"]["type"] == "log" and lay["yaxis"]["title"]["text"] == t("train.axis.loss", lang)
    assert "dtick" not in lay["xaxis"] and lay["xaxis"]["tickformat"] == "d"
    assert [s["x0"] for s in lay["shapes"]] == [600]


def test_beta_trajectories_and_reference_lines(beta_runs):
    variants = ("relu", "swish", "swiglu")
    fig = beta_figure(beta_runs, variants, 100, "zh")
    valid(fig)
    assert len(fig.data) == 4  # two blocks each for swish and swiglu; relu has no β
    for variant, recs in zip(variants[1:], beta_runs[1:], strict=True):
        for b in range(2):
            (tr,) = traces_named(fig, t("train.block", "zh", name=t(f"variant.{variant}", "zh"), block=b + 1))
            assert list(tr.y) == [r.betas[b] for r in recs] and list(tr.x) == [r.step for r in recs]
    assert sorted(s.y0 for s in fig.layout.shapes) == [SILU_BETA, GELU_BETA] == [1.0, 1.702]
    assert {a.text for a in fig.layout.annotations} == {t("train.ref.silu", "zh"), t("train.ref.gelu", "zh")}
    assert fig.layout.yaxis.title.text == t("train.axis.beta", "zh")


def test_no_beta_figure_without_learnable_beta(runs):
    assert beta_figure(runs, VARIANTS, 100, "en") is None


@pytest.mark.parametrize("name", ["circle", "spiral", "sine"])
def test_data_figure_shows_every_point_once(name):
    d = make(name, 200, 0.1, 3, 0.6)
    for show_test in (False, True):
        fig = data_figure(d, show_test, "en")
        valid(fig)
        xs = np.concatenate([np.column_stack([tr.x, tr.y]) for tr in fig.data])
        expected = torch.cat([d.x_train, d.x_test]) if show_test else d.x_train
        assert sorted(map(tuple, xs)) == sorted(map(tuple, expected.numpy()))  # exactly the float32 data
    if d.kind == "classification":
        for tr in data_figure(d, True, "en").data:
            label = 1 if tr.marker.color == "#0072B2" else 0
            split = d.x_train if tr.marker.symbol == "circle" else d.x_test
            labels = d.y_train if tr.marker.symbol == "circle" else d.y_test
            pts = {tuple(p) for p in np.column_stack([tr.x, tr.y])}
            assert pts == {tuple(p) for p in split[labels == label].numpy()}
    else:
        (tr,) = data_figure(d, False, "en").data
        assert np.allclose(tr.marker.color, d.y_train.numpy())


def test_boundary_heatmap_is_predict_grid_and_discretize_thresholds():
    d = make("circle")
    trainer = Trainer(TrainConfig(steps=150))
    list(trainer.run())
    xs, ys, z = predict_grid(trainer.model, -6, 6, 30, True)
    fig = boundary_figure(xs, ys, z, d, "title", False, True, "zh")
    valid(fig)
    heat = fig.data[0]
    assert heat.type == "heatmap" and np.allclose(np.array(heat.z), z, atol=5e-4)
    assert np.allclose(heat.x, xs) and np.allclose(heat.y, ys)
    assert (heat.zmin, heat.zmax) == (0.0, 1.0)
    assert len(fig.data) == 5  # the heatmap and the two classes of train and test points
    assert [tr.marker.line.width for tr in fig.data[1:]] == [0, 0, 1, 1]  # rims only on test points (cost)
    assert fig.layout.xaxis.title.text == t("train.axis.x1", "zh")
    disc = np.array(boundary_figure(xs, ys, z, d, "title", True, False, "zh").data[0].z)
    assert set(np.unique(disc)) <= {0.0, 1.0} and np.array_equal(disc, (z >= 0.5).astype(float))
    reg = discretize(np.array([-0.2, 0.0, 0.3]), classification=False, lim=1.5)
    assert reg.tolist() == [-1.5, 1.5, 1.5]


def test_results_rows_are_the_last_records(runs, beta_runs):
    rows = results_rows(runs, VARIANTS, [111, 222], "zh")
    col = lambda k: t(f"train.col.{k}", "zh")  # noqa: E731
    for row, recs, n, variant in zip(rows, runs, [111, 222], VARIANTS, strict=True):
        last = recs[-1]
        assert row[col("variant")] == t(f"variant.{variant}", "zh") and row[col("params")] == n
        assert row[col("steps")] == last.step == 100
        assert row[col("test_loss")] == pytest.approx(last.test_loss, rel=1e-3)
        assert row[col("test_acc")] == pytest.approx(last.test_accuracy, abs=1e-3)
        assert row[col("sps")] == round(last.steps_per_s)
        assert row[col("status")] == t("train.status.done", "zh")
        assert col("beta") not in row
    rows = results_rows(beta_runs, ("relu", "swish", "swiglu"), [1, 2, 3], "en")
    betas = [r[t("train.col.beta", "en")] for r in rows]
    assert betas[0] == "—" and betas[2] == ", ".join(f"{b:.3f}" for b in beta_runs[2][-1].betas)
    parsed = list(csv.DictReader(io.StringIO(rows_csv(rows))))
    assert [p[t("train.col.variant", "en")] for p in parsed] == ["FFN ReLU", "FFN Swish", "FFN SwiGLU"]
    assert rows_csv([]) == ""


def test_curves_csv_holds_the_plotted_losses(runs):
    text = figure_csv(curves_figure(runs, VARIANTS, True, 100, "en"))
    first = [r for r in csv.DictReader(io.StringIO(text)) if r["series"] == "FFN ReLU"][:len(runs[0])]
    assert [float(r["y"]) for r in first] == pytest.approx([r.train_loss for r in runs[0]])


def test_boundary_grid_is_as_fine_as_the_model_size_allows():
    """predict_grid(n=None): 128 cells a side for the page's default model, 48 for its largest, and every cell is
    the model's own output at that point (one batched forward, nothing interpolated)."""
    small = TrainConfig(variant="relu", width=16, depth=2)
    large = TrainConfig(variant="swiglu", width=64, depth=4)
    for cfg, cells in ((small, 128), (large, 48)):
        model = build_model(cfg)
        xs, ys, z = predict_grid(model, -6, 6, None, True)
        assert xs.shape == ys.shape == (cells,) and z.shape == (cells, cells)
        i, j = 17, cells - 5
        with torch.no_grad():
            direct = torch.sigmoid(model(torch.tensor([[xs[j], ys[i]]]))).item()
        assert z[i, j] == pytest.approx(direct, abs=1e-6)
