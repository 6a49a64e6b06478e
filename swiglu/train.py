"""Training for the live lab: a small residual MLP whose hidden blocks are the FeedForward variants
of Shazeer 2020 (arXiv 2002.05202, eq. 2-6), trained on the 2-D toy sets of data.py.

Training is a generator of StepRecords (`train(cfg)`), so the page (through jobs.py), the CLI and
the tests run the same code. `Trainer` is the stepwise object behind it; it owns `.model`, which is
how a caller gets the trained network (e.g. for `predict_grid`, the decision-boundary heatmap).

    python -m swiglu.train --dataset spiral --variant swiglu --seed 0 [--steps N --lr X ...] --json
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import json
import math
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import Tensor, nn

from . import batched
from . import data as data_mod
from .ffn import VARIANTS, FeedForward, matched_d_ff

OPTIMIZERS = ("adam", "sgd")
NORMS = ("none", "rms")
STATUSES = ("running", "done", "diverged", "cancelled", "budget")
GROWTH_LIMIT = 1e3  # a loss 1000x its starting value is a divergence, even while it is still finite


@dataclass(frozen=True)
class TrainConfig:
    # --- data (playground defaults, so a teacher recognises the picture) ---
    dataset: str = "circle"  # a key of data.DATASETS; the playground opens on the circle too
    n_points: int = 500  # playground default; a full-batch step costs about 1 ms on one core
    noise: float = 0.0  # playground scale 0 … 0.5; clean labels make the accuracy targets meaningful
    train_ratio: float = 0.5  # playground default; 250 test points give accuracy in 0.4 % steps
    seed: int = 0  # one seed for data, init and batch order: a shared link reproduces the run
    # --- model ---
    variant: str = "swiglu"  # one of ffn.VARIANTS
    width: int = 16  # d_model of the residual stream; 16 fits the spiral and keeps steps cheap
    depth: int = 2  # FFN blocks; one already fits these sets, two make the residual stream visible
    match_params: bool = True  # d_ff = matched_d_ff(...): gated blocks get 2/3 of the hidden size
    expansion: float = 4.0  # d_ff = 4·d_model before the 2/3 rule, as in T5/LLaMA
    norm: str = "none"  # "rms" = pre-norm RMSNorm; off by default, see ResidualMLP
    beta: float = 1.0  # Swish_β for swish/swiglu; β = 1 is SiLU, the paper's Swish1
    learnable_beta: bool = False  # one trainable β per block (Ramachandran et al. 2017, §4)
    # --- optimisation ---
    optimizer: str = "adam"  # Adam makes one lr work for every variant; SGD is there to compare
    lr: float = 0.003  # targets met in ~100-400 steps, so the curves visibly separate (measured:
    # 0.01 converges in < 100 steps and then overfits; 0.001 also works but needs most of the run)
    batch_size: int = 250  # ≥ training points means full batch: smooth curves, fastest per epoch
    steps: int = 1000  # ~1 s per variant; the spiral needs ≤ 400 of them at defaults, circle/xor fewer
    max_seconds: float = 30.0  # time budget per run (compute time, not waiting in a queue)
    eval_every: int = 25  # ~40 curve points per run; one record costs two small forward passes

    def __post_init__(self):
        checks = [
            (self.dataset in data_mod.DATASETS, f"dataset must be one of {tuple(data_mod.DATASETS)}"),
            (self.variant in VARIANTS, f"variant must be one of {VARIANTS}"),
            (self.optimizer in OPTIMIZERS, f"optimizer must be one of {OPTIMIZERS}"),
            (self.norm in NORMS, f"norm must be one of {NORMS}"),
            (self.n_points >= 4 and 0 < self.train_ratio < 1, "need n_points ≥ 4, 0 < train_ratio < 1"),
            (self.width >= 1 and self.depth >= 0 and self.expansion > 0, "need width ≥ 1, depth ≥ 0"),
            (self.batch_size >= 1 and self.steps >= 0 and self.eval_every >= 1, "need batch_size, eval_every ≥ 1"),
            (self.lr > 0 and self.max_seconds > 0, "need lr > 0 and max_seconds > 0"),
        ]
        for ok, msg in checks:
            if not ok:
                raise ValueError(f"invalid TrainConfig: {msg}")

    @property
    def d_ff(self) -> int:
        if self.match_params:
            return max(1, matched_d_ff(self.width, self.variant, self.expansion))
        return max(1, int(self.expansion * self.width))


class RMSNorm(nn.Module):
    def __init__(self, d: int, eps: float = 1e-6):
        super().__init__()
        self.eps, self.weight = eps, nn.Parameter(torch.ones(d))

    def forward(self, x: Tensor) -> Tensor:
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


class ResidualMLP(nn.Module):
    """h0 = E·(p / extent) + e;  h_{k+1} = h_k + FFN_k(norm(h_k));  output = head(h_depth).

    Why this shape: the residual stream is a transformer's, so each block is exactly the FFN of the
    paper (no biases); the bias lives in the input embedding, which gives every block affine
    features. No norm by default: RMSNorm projects the 2-D input onto a sphere, itself a strong
    nonlinearity that would blur the differences between variants (bilinear should stay a
    polynomial); at depth ≤ 4 and these learning rates training is stable without it.
    """

    def __init__(self, cfg: TrainConfig, extent: float = data_mod.EXTENT):
        super().__init__()
        self.input_scale = 1.0 / extent  # inputs to about [-1, 1], whatever the dataset's extent
        self.embed = nn.Linear(2, cfg.width)
        self.head = nn.Linear(cfg.width, 1)
        ffn = dict(variant=cfg.variant, beta=cfg.beta, learnable_beta=cfg.learnable_beta)
        self.blocks = nn.ModuleList(FeedForward(cfg.width, cfg.d_ff, **ffn) for _ in range(cfg.depth))
        self.norms = nn.ModuleList(RMSNorm(cfg.width) if cfg.norm == "rms" else nn.Identity() for _ in range(cfg.depth))

    def forward(self, p: Tensor) -> Tensor:  # (B, 2) -> (B,) logits or predictions
        h = self.embed(p * self.input_scale)  # (B, width)
        for norm, block in zip(self.norms, self.blocks, strict=True):
            h = h + block(norm(h))  # (B, width); block hidden is (B, d_ff)
        return self.head(h).squeeze(-1)  # (B,)

    def betas(self) -> list[float]:
        return [float(torch.as_tensor(b.swish.beta).detach()) for b in self.blocks if b.swish is not None]


def _init_linear(layer: nn.Linear, gen: torch.Generator) -> None:
    # nn.Linear's own default init, but drawn from `gen` instead of the global RNG: thread-safe
    # when many jobs build models at once, and reproducible whatever else touched the global seed.
    nn.init.kaiming_uniform_(layer.weight, a=math.sqrt(5), generator=gen)
    if layer.bias is not None:
        bound = 1 / math.sqrt(layer.in_features)
        nn.init.uniform_(layer.bias, -bound, bound, generator=gen)


def build_model(cfg: TrainConfig) -> ResidualMLP:
    """The model for `cfg`, initialised from cfg.seed. Embedding and head are drawn first, so every
    compared variant with the same width and seed starts with the very same embedding and head."""
    model = ResidualMLP(cfg)
    gen = torch.Generator().manual_seed(cfg.seed)
    for layer in [model.embed, model.head] + [m for b in model.blocks for m in b.modules()]:
        if isinstance(layer, nn.Linear):
            _init_linear(layer, gen)
    return model


def param_count(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


@dataclass(frozen=True)
class StepRecord:
    variant: str
    step: int  # optimizer updates done so far
    train_loss: float  # over the whole training set (BCE for classification, MSE for regression)
    test_loss: float
    train_accuracy: float | None  # None for regression
    test_accuracy: float | None
    betas: tuple[float, ...] | None  # one β per block when learnable_beta (swish/swiglu), else None
    elapsed: float  # seconds of compute spent by this run (training + evaluation)
    steps_per_s: float
    status: str  # one of STATUSES

    def to_dict(self) -> dict:
        """Plain dict for JSON/CSV; non-finite floats (a diverged run) become None, so the output is
        strict JSON that a browser can parse."""

        def clean(v):
            if isinstance(v, float) and not math.isfinite(v):
                return None
            return list(map(clean, v)) if isinstance(v, tuple) else v

        return {k: clean(v) for k, v in dataclasses.asdict(self).items()}


class Trainer:
    """One run, advanced in chunks: `advance(n)` trains up to n steps and returns a StepRecord.

    Status "cancelled" is a pause: calling advance() again resumes. "done", "diverged" and "budget"
    are final (`finished`). Not thread-safe: one thread drives a Trainer at a time.
    """

    def __init__(self, cfg: TrainConfig, dataset: data_mod.Dataset | None = None):
        self.cfg = cfg
        self.data = dataset or data_mod.make(cfg.dataset, cfg.n_points, cfg.noise, cfg.seed, cfg.train_ratio)
        self.classification = self.data.kind == "classification"
        self.model = build_model(cfg)  # the weights as a module, for evaluation and predict_grid
        self.layout = batched.Layout(self.model)
        self.opt = batched.OptState(self.layout.flat(self.model))  # what training updates (batched.py)
        self.batch_gen = torch.Generator().manual_seed(cfg.seed + 1)  # batch order, seeded apart from init
        self._order, self._pos = torch.empty(0, dtype=torch.long), 0
        self.step, self.elapsed, self.status = 0, 0.0, "running"
        self.records: list[StepRecord] = []

    def clone(self) -> Trainer:
        """An independent copy that continues exactly as this run would (the pool gives one to a student who
        leaves a run shared with others). The data is shared: nothing writes to it."""
        twin = copy.copy(self)
        twin.model = copy.deepcopy(self.model)
        twin.opt = dataclasses.replace(self.opt)  # its tensors are replaced by each chunk, never written in place
        twin.batch_gen = torch.Generator().set_state(self.batch_gen.get_state())
        twin.records = list(self.records)
        return twin

    @property
    def finished(self) -> bool:
        return self.status in ("done", "diverged", "budget")

    def _loss(self, out: Tensor, y: Tensor) -> Tensor:
        if self.classification:
            return F.binary_cross_entropy_with_logits(out, y)
        return F.mse_loss(out, y)

    def _batch(self) -> tuple[Tensor, Tensor]:
        x, y, bs = self.data.x_train, self.data.y_train, self.cfg.batch_size
        if bs >= len(y):
            return x, y
        if self._pos + bs > len(self._order):  # a fresh seeded permutation each epoch
            self._order, self._pos = torch.randperm(len(y), generator=self.batch_gen), 0
        idx = self._order[self._pos : self._pos + bs]  # (bs,)
        self._pos += bs
        return x[idx], y[idx]

    @torch.no_grad()
    def _evaluate(self, x: Tensor, y: Tensor) -> tuple[float, float | None]:
        out = self.model(x)  # (N,)
        acc = ((out > 0) == (y > 0.5)).float().mean().item() if self.classification else None
        return self._loss(out, y).item(), acc

    def advance(self, n: int, cancel: threading.Event | None = None) -> StepRecord:
        """Train up to n more steps (fewer if the run ends), then evaluate and record. Alone or in a
        stack of runs (the worker pool), the steps are batched.advance_together's, so the numbers agree."""
        if self.finished:
            return self.records[-1]
        return batched.advance_together([self], [n], [cancel])[0]

    def _grew(self, loss: float) -> bool:
        """Divergence that stays finite: the loss grew by orders of magnitude over the run's first one (Adam
        at learning rate 10 reaches 1e20 without an overflow). A run that learns never comes near it."""
        return bool(self.records) and loss > GROWTH_LIMIT * max(self.records[0].train_loss, 1e-3)

    def stop(self, status: str = "budget") -> StepRecord:
        """End the run from outside (e.g. the worker pool's budget) with a final record."""
        self.status = status
        return self._record(time.perf_counter())

    def _record(self, t0: float) -> StepRecord:
        train_loss, train_acc = self._evaluate(self.data.x_train, self.data.y_train)
        test_loss, test_acc = self._evaluate(self.data.x_test, self.data.y_test)
        if self.status in ("running", "done") and (not math.isfinite(train_loss) or self._grew(train_loss)):
            self.status = "diverged"  # the last update blew the weights up
        self.elapsed += time.perf_counter() - t0
        rec = StepRecord(
            self.cfg.variant, self.step, train_loss, test_loss, train_acc, test_acc,
            tuple(betas) if self.cfg.learnable_beta and (betas := self.model.betas()) else None,
            self.elapsed, self.step / self.elapsed if self.elapsed > 0 else 0.0, self.status,
        )  # fmt: skip
        self.records.append(rec)
        return rec

    def run(self, cancel: threading.Event | None = None) -> Iterator[StepRecord]:
        """Yield the initial state (step 0), then a record every eval_every steps and the final one; a run
        that diverges also has a record at every step of its last chunk (what happened before it)."""
        if not self.records:
            yield self.advance(0)
        while self.status in ("running", "cancelled"):
            seen = len(self.records)
            rec = self.advance(self.cfg.eval_every, cancel)
            yield from self.records[seen:]
            if rec.status == "cancelled":
                return


def train(cfg: TrainConfig, cancel: threading.Event | None = None) -> Iterator[StepRecord]:
    """Train a fresh model; for the model itself, use Trainer(cfg) and iterate trainer.run()."""
    return Trainer(cfg).run(cancel)


@torch.no_grad()
def predict_grid(model: nn.Module, lo: float = -6.0, hi: float = 6.0, n: int | None = None,
                 classification: bool = True, max_n: int | None = None):  # fmt: skip
    """Model output on an n×n grid for a heatmap: xs (n,), ys (n,), z (n, n) with z[i, j] at
    (xs[j], ys[i]) (plotly's heatmap layout). z is P(label 1) for classification, else the prediction.

    n=None picks the finest grid a model's size allows in one batched forward of ~2.4e8 multiply-adds (points ×
    parameters), between 48 and 128 cells a side: the page's models, 4k-131k parameters, get 128 … 48. At 128
    cells a 440 px chart has ~3.4 px cells, fine enough to see a ReLU boundary's straight pieces and kinks and a
    SwiGLU boundary's curves (40 cells, 11 px each, blurred both into steps). max_n caps that choice (a busy server
    draws a class's live heatmaps coarser, at a fraction of the cost)."""
    if n is None:
        params = max(1, sum(p.numel() for p in model.parameters()))
        n = int(min(128, max(48, math.sqrt(2.4e8 / params))))
        if max_n is not None:
            n = max(2, min(n, int(max_n)))
    xs = np.linspace(lo, hi, n, dtype=np.float32)
    gx, gy = np.meshgrid(xs, xs)  # (n, n) each; row i is y = xs[i]
    pts = torch.from_numpy(np.stack([gx.ravel(), gy.ravel()], axis=1))  # (n·n, 2)
    out = model(pts)  # (n·n,)
    z = torch.sigmoid(out) if classification else out
    return xs, xs.copy(), z.reshape(n, n).numpy()


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m swiglu.train", description=__doc__.splitlines()[0])
    for f in dataclasses.fields(TrainConfig):
        flag = "--" + f.name.replace("_", "-")
        if f.type == "bool":
            p.add_argument(flag, action=argparse.BooleanOptionalAction, default=f.default)
        else:
            p.add_argument(flag, type={"int": int, "float": float}.get(f.type, str), default=f.default)
    p.add_argument("--json", action="store_true", help="print one final JSON line, nothing else")
    p.add_argument("--threads", type=int, default=1, help="torch threads (1, as in the app's workers)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = vars(_parser().parse_args(argv))
    as_json, threads = args.pop("json"), args.pop("threads")
    torch.set_num_threads(threads)
    try:
        cfg = TrainConfig(**args)
    except ValueError as e:
        print(e, file=sys.stderr)
        return 2
    trainer = Trainer(cfg)
    rec = None
    for rec in trainer.run():
        if not as_json and (rec.step % (10 * cfg.eval_every) == 0 or rec.status != "running"):
            acc = "" if rec.test_accuracy is None else f"  test acc {rec.test_accuracy:.3f}"
            print(f"step {rec.step:6d}  train {rec.train_loss:.4f}  test {rec.test_loss:.4f}{acc}  [{rec.status}]")
    out = {"steps": rec.step, **rec.to_dict(), "params": param_count(trainer.model), "d_ff": cfg.d_ff}
    out["config"] = dataclasses.asdict(cfg)
    if as_json:
        print(json.dumps(out, allow_nan=False))
    else:
        print(f"{rec.status}: {rec.step} steps in {rec.elapsed:.2f} s ({rec.steps_per_s:.0f} steps/s), "
              f"{out['params']} parameters (d_ff {cfg.d_ff})")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
