"""Training core (swiglu/train.py): convergence at defaults, determinism, cancel, budget, NaN guard,
learnable β, the decision-boundary grid and the CLI."""

import json
import math
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn

from swiglu.data import DATASETS
from swiglu.ffn import VARIANTS, ffn_param_count
from swiglu.train import (
    GROWTH_LIMIT,
    StepRecord,
    TrainConfig,
    Trainer,
    build_model,
    main,
    param_count,
    predict_grid,
    train,
)

torch.set_num_threads(1)
ROOT = Path(__file__).resolve().parents[1]
TIMING = ("elapsed", "steps_per_s")


def last(cfg, cancel=None) -> StepRecord:
    return list(train(cfg, cancel))[-1]


# --- convergence: the promise of issue 5, at DEFAULT settings (each run ~1 s on one core) ---
@pytest.mark.slow
@pytest.mark.parametrize("variant", ["relu", "swiglu"])
@pytest.mark.parametrize("dataset, target", [("circle", 0.95), ("xor", 0.95), ("spiral", 0.85)])
def test_defaults_converge_in_seconds(dataset, target, variant):
    t0 = time.perf_counter()
    rec = last(TrainConfig(dataset=dataset, variant=variant))
    seconds = time.perf_counter() - t0
    assert rec.status == "done" and rec.step == TrainConfig().steps
    assert rec.test_accuracy >= target, rec
    assert seconds < 10, f"{dataset}/{variant} took {seconds:.1f} s"  # ~1 s measured; slack for a busy CI


def test_config_validation_and_d_ff():
    with pytest.raises(ValueError):
        TrainConfig(variant="nope")
    with pytest.raises(ValueError):
        TrainConfig(dataset="moons")
    with pytest.raises(ValueError):
        TrainConfig(optimizer="rmsprop")
    assert TrainConfig(variant="relu", width=16).d_ff == 64
    assert TrainConfig(variant="swiglu", width=16).d_ff == 42  # int(2/3 · 64): the 2/3 rule
    assert TrainConfig(variant="swiglu", width=16, match_params=False).d_ff == 64


@pytest.mark.parametrize("variant", VARIANTS)
def test_param_count_and_matched_budget(variant):
    cfg = TrainConfig(variant=variant, width=12, depth=3)
    model = build_model(cfg)
    frame = (2 * 12 + 12) + (12 + 1)  # embedding (with bias) + head
    assert param_count(model) == frame + 3 * ffn_param_count(12, cfg.d_ff, variant)
    plain = param_count(build_model(TrainConfig(variant="relu", width=12, depth=3)))
    assert abs(param_count(model) - plain) / plain < 0.05  # parameter-matched within rounding


def test_every_variant_starts_from_the_same_embedding_and_head():
    models = [build_model(TrainConfig(variant=v, seed=4)) for v in VARIANTS]
    for m in models[1:]:
        assert torch.equal(m.embed.weight, models[0].embed.weight)
        assert torch.equal(m.head.weight, models[0].head.weight)
    assert not torch.equal(build_model(TrainConfig(seed=5)).embed.weight, models[0].embed.weight)


def test_deterministic_by_seed_with_minibatches():
    cfg = TrainConfig(dataset="spiral", variant="swiglu", steps=120, batch_size=32, eval_every=20, seed=3)
    torch.manual_seed(123)  # the global RNG must not matter
    a = [r.to_dict() for r in train(cfg)]
    torch.manual_seed(999)
    b = [r.to_dict() for r in train(cfg)]
    for d in a + b:
        for k in TIMING:
            d.pop(k)
    assert a == b
    c = [r.train_loss for r in train(TrainConfig(**{**cfg.__dict__, "seed": 4}))]
    assert c != [d["train_loss"] for d in a]


def test_record_schedule_and_fields():
    recs = list(train(TrainConfig(steps=110, eval_every=25)))
    assert [r.step for r in recs] == [0, 25, 50, 75, 100, 110]
    assert [r.status for r in recs] == ["running"] * 5 + ["done"]
    assert all(r.betas is None for r in recs)
    assert recs[-1].elapsed > 0 and recs[-1].steps_per_s > 0
    assert recs[-1].train_loss < recs[0].train_loss


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_variant_trains(variant):
    rec = last(TrainConfig(dataset="circle", variant=variant, steps=60, eval_every=30))
    assert rec.status == "done" and math.isfinite(rec.train_loss)


@pytest.mark.parametrize("dataset", [k for k, s in DATASETS.items() if s.kind == "regression"])
def test_regression(dataset):
    recs = list(train(TrainConfig(dataset=dataset, steps=200, eval_every=100)))
    assert recs[-1].test_accuracy is None and recs[-1].train_accuracy is None
    assert recs[-1].test_loss < 0.1 * recs[0].test_loss


def test_rms_norm_option_trains():
    rec = last(TrainConfig(dataset="xor", norm="rms", steps=300))
    assert rec.status == "done" and rec.test_accuracy > 0.9


def test_cancel_event_stops_within_one_chunk():
    cancel = threading.Event()
    cfg = TrainConfig(dataset="spiral", steps=10_000, eval_every=25)
    recs = []
    for rec in train(cfg, cancel):
        recs.append(rec)
        if rec.step >= 50:
            cancel.set()
    assert recs[-1].status == "cancelled"
    assert recs[-1].step <= 50 + cfg.eval_every and len(recs) <= 5


def test_cancel_from_another_thread():
    cancel = threading.Event()
    cfg = TrainConfig(dataset="spiral", steps=10**7, eval_every=10**6)  # one huge chunk: the per-step check counts
    threading.Timer(0.2, cancel.set).start()
    t0 = time.perf_counter()
    rec = last(cfg, cancel)
    assert rec.status == "cancelled" and 0 < rec.step < 10**6
    assert time.perf_counter() - t0 < 3


def test_cancelled_trainer_resumes():
    cancel = threading.Event()
    t = Trainer(TrainConfig(steps=100, eval_every=20))
    t.advance(30)
    cancel.set()
    assert t.advance(20, cancel).status == "cancelled" and t.step == 30
    recs = list(t.run())
    assert recs[-1].status == "done" and recs[-1].step == 100


def test_time_budget():
    cfg = TrainConfig(dataset="spiral", steps=10**7, max_seconds=0.3)
    t0 = time.perf_counter()
    rec = last(cfg)
    assert rec.status == "budget" and 0 < rec.step < 10**7
    assert 0.3 <= rec.elapsed < 1.0 and time.perf_counter() - t0 < 3


def test_nan_guard_ends_run_as_diverged():
    t = Trainer(TrainConfig(dataset="spiral", steps=100))
    t.data.x_train[3, 0] = float("nan")  # a NaN reaches the loss at the very first step
    recs = list(t.run())
    assert recs[-1].status == "diverged" and recs[-1].step == 0
    assert not math.isfinite(recs[-1].train_loss)
    d = recs[-1].to_dict()
    assert d["train_loss"] is None  # strict JSON for the page and the CLI
    json.dumps(d, allow_nan=False)


@pytest.mark.parametrize("optimizer, lr", [("adam", 10.0), ("sgd", 1e6)])
def test_a_loss_grown_by_orders_of_magnitude_is_divergence(optimizer, lr):
    """Issue 18: Adam at lr 10 reached losses of 1e20-1e24 and "finished"; a finite loss 1000x its start is
    divergence too, and the run stops there."""
    recs = list(train(TrainConfig(dataset="spiral", variant="swiglu", optimizer=optimizer, lr=lr)))
    assert recs[-1].status == "diverged" and recs[-1].step < TrainConfig().steps
    assert recs[-1].train_loss > GROWTH_LIMIT * recs[0].train_loss or not math.isfinite(recs[-1].train_loss)
    assert all(r.status == "running" and r.train_loss < GROWTH_LIMIT * recs[0].train_loss for r in recs[:-1])


def test_a_healthy_run_is_never_called_diverged():
    for v in ("relu", "swiglu", "bilinear"):
        assert last(TrainConfig(dataset="spiral", variant=v, lr=0.01, steps=300)).status == "done"


def test_a_diverged_run_keeps_a_record_at_every_step_before_it():
    """SGD at lr 10 on the spiral blows up a few steps into its first chunk: the records show each step up to
    the divergence (so the chart has a curve, not a dot at step 0), then the diverged record."""
    recs = list(train(TrainConfig(dataset="spiral", optimizer="sgd", lr=10.0)))
    steps = [r.step for r in recs]
    assert recs[-1].status == "diverged" and steps == list(range(len(recs))) and len(recs) >= 3
    assert all(math.isfinite(r.train_loss) and r.train_accuracy is not None for r in recs[:-1])
    later = list(train(TrainConfig(dataset="spiral", optimizer="sgd", lr=3.0)))  # seed 0: a step in the 13th chunk
    s = [r.step for r in later]
    assert later[-1].status == "diverged" and s[-1] > 300 and s[: s[-1] // 25 + 1] == list(range(0, s[-1], 25))
    assert s[s[-1] // 25 + 1 :] == list(range(s[-1] // 25 * 25 + 1, s[-1] + 1))  # then every step to it


def test_learnable_beta_moves_and_is_reported():
    recs = list(train(TrainConfig(dataset="spiral", variant="swiglu", learnable_beta=True, steps=200)))
    assert recs[0].betas == (1.0, 1.0)
    assert len(recs[-1].betas) == 2 and all(abs(b - 1.0) > 1e-3 for b in recs[-1].betas)
    fixed = last(TrainConfig(variant="swiglu", beta=1.5, steps=20))
    assert fixed.betas is None
    assert last(TrainConfig(variant="relu", learnable_beta=True, steps=20)).betas is None  # no β in ReLU


def test_predict_grid_layout_and_range():
    class XCoord(nn.Module):  # output = the x coordinate: shows the heatmap orientation
        def forward(self, p):
            return p[:, 0]

    xs, ys, z = predict_grid(XCoord(), -6, 6, 7, classification=False)
    assert xs.shape == ys.shape == (7,) and z.shape == (7, 7)
    np.testing.assert_allclose(z, np.tile(xs, (7, 1)))  # z[i, j] at (xs[j], ys[i])
    t = Trainer(TrainConfig(steps=50))
    list(t.run())
    _, _, p = predict_grid(t.model, -6, 6, 30)
    assert p.dtype == np.float32 and p.min() >= 0 and p.max() <= 1


def test_cli_json_is_deterministic():
    cmd = [sys.executable, "-m", "swiglu.train", "--dataset", "spiral", "--variant", "swiglu", "--seed", "0",
           "--steps", "150", "--lr", "0.02", "--width", "12", "--depth", "2", "--optimizer", "adam",
           "--batch-size", "64", "--noise", "0.1", "--learnable-beta", "--json"]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    outs = []
    for p in procs:
        stdout, _ = p.communicate(timeout=120)
        assert p.returncode == 0
        lines = stdout.strip().splitlines()
        assert len(lines) == 1
        outs.append(json.loads(lines[0]))
    for key in ("steps", "train_loss", "test_loss", "train_accuracy", "test_accuracy", "steps_per_s"):
        assert key in outs[0]
    assert outs[0]["steps"] == 150 and outs[0]["config"]["learnable_beta"] is True
    assert outs[0]["config"]["width"] == 12 and outs[0]["config"]["noise"] == 0.1
    for o in outs:
        for k in TIMING:
            o.pop(k)
    assert outs[0] == outs[1]


def test_cli_human_output_and_bad_args(capsys):
    assert main(["--dataset", "xor", "--steps", "300", "--eval-every", "30"]) == 0
    out = capsys.readouterr().out
    assert "step    300" in out and "done" in out and "steps/s" in out
    assert main(["--variant", "nope"]) == 2
