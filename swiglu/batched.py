"""Training steps for one or many runs of the same model shape, as one stacked model (issue 17).

A default /train run is ~4k parameters and ~1.5 ms a step, almost all of it per-operation overhead, so 60
students' runs cost little more than one when their weights are stacked along a leading run axis and each
matmul becomes one batched matmul: (B, n, d_in) @ (B, d_in, d_out). `python -m bench.class_train --engines`
compares this hand-stacked forward with torch.func (stack_module_state + functional_call + vmap).

Every Trainer trains through this module, alone (B = 1, the CLI) or in a stack (the worker pool), so a run's
numbers do not depend on its company. That needs care, measured here: float32 kernels are not batch-invariant
by default. An elementwise kernel runs a vectorised loop and a scalar tail, which round differently (sigmoid,
FMA contraction), and a flat (B, n, d) tensor puts the tail at a different element for each B; a matmul with
one output column takes a BLAS path that changes with B. Hence: every run's sample rows are padded to a
multiple of ROW_PAD (padding rows weigh 0 in the loss), each run's parameters live in one flat row padded to
PARAM_PAD (the optimiser updates whole rows), and the head is a product and a sum, not a 1-column matmul. With
that, a run's weights after any number of steps are bitwise the same in a stack of 1 or of 60
(tests/test_batched.py checks every variant, fixed and learnable β, Adam and SGD; it also checks the losses
against the same runs trained as nn.Modules by torch.optim, within 1e-5 relative at every record).

Runs never mix: no op reduces across the run axis except the sum of per-run losses, whose gradient is 1 for
each, so a run that diverges (NaN/inf), is cancelled or runs out of budget leaves at its own step.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from .activations import GATES, gelu, relu
from .ffn import GATED_VARIANTS

ROW_PAD = 64  # ≥ 2 × the widest float32 vector (AVX-512: 16 lanes), so every run's rows start a fresh vector
PARAM_PAD = 64
ADAM_BETAS, ADAM_EPS = (0.9, 0.999), 1e-8  # torch.optim.Adam's defaults


def _pad(n: int, to: int) -> int:
    return -(-n // to) * to


class Layout:
    """Where each parameter of a model lives in its flat, padded row."""

    def __init__(self, model: nn.Module):
        self.names, self.shapes, self.offsets = [], [], []
        off = 0
        for name, p in model.named_parameters():
            self.names.append(name)
            self.shapes.append(tuple(p.shape))
            self.offsets.append(off)
            off += p.numel()
        self.size = _pad(max(off, 1), PARAM_PAD)

    @torch.no_grad()
    def flat(self, model: nn.Module) -> Tensor:
        row = torch.zeros(self.size)
        for off, p in zip(self.offsets, model.parameters(), strict=True):
            row[off : off + p.numel()] = p.reshape(-1)
        return row

    def views(self, rows: Tensor) -> dict[str, Tensor]:  # rows (B, size) -> name: (B, *shape)
        B = rows.shape[0]
        return {n: rows[:, o : o + math.prod(s)].view(B, *s)
                for n, s, o in zip(self.names, self.shapes, self.offsets, strict=True)}  # fmt: skip

    @torch.no_grad()
    def load(self, model: nn.Module, row: Tensor) -> None:
        for off, p in zip(self.offsets, model.parameters(), strict=True):
            p.copy_(row[off : off + p.numel()].view_as(p))


@dataclass
class OptState:
    """A run's weights and optimiser state as flat rows (Adam: moments m, v and the step count)."""

    params: Tensor  # (size,)
    m: Tensor | None = None
    v: Tensor | None = None
    adam_steps: int = 0


def shape_key(t) -> tuple:
    """Runs (Trainers) with equal keys can share a stack: the same tensors, ops, optimiser and batch rows."""
    c = t.cfg
    n = len(t.data.y_train)
    return (c.variant, c.width, c.depth, c.d_ff, c.norm, c.learnable_beta, _fused_silu(c), c.optimizer,
            t.classification, n, min(c.batch_size, n), t.data.x_train.shape[1])  # fmt: skip


def _fused_silu(c) -> bool:  # swish() takes F.silu for a plain β = 1: the stack must do the same
    return c.variant in ("swish", "swiglu") and not c.learnable_beta and c.beta == 1.0


class Stack:
    """B runs' weights and optimiser state stacked on a leading axis; trainers share one shape_key."""

    def __init__(self, trainers: Sequence):
        self.trainers = list(trainers)
        t0 = trainers[0]
        self.cfg0, self.layout, self.B = t0.cfg, t0.layout, len(trainers)
        self.rows = torch.stack([t.opt.params for t in trainers])  # (B, size): what the optimiser updates
        # Each parameter is a leaf that views its columns of `rows`: the backward writes one gradient per
        # parameter (a single flat leaf would zero-fill and add a whole (B, size) row per view: 3x slower).
        self.P = {n: v.requires_grad_() for n, v in self.layout.views(self.rows).items()}
        self.grad = torch.zeros_like(self.rows)
        self.adam = self.cfg0.optimizer == "adam"
        if self.adam:
            zeros = torch.zeros(self.layout.size)
            self.m = torch.stack([t.opt.m if t.opt.m is not None else zeros for t in trainers])
            self.v = torch.stack([t.opt.v if t.opt.v is not None else zeros for t in trainers])
        self.steps = [t.opt.adam_steps for t in trainers]
        self.lr = [t.cfg.lr for t in trainers]
        self.scale = t0.model.input_scale
        n = len(t0.data.y_train)
        self.minibatch = self.cfg0.batch_size < n
        rows = _pad(min(self.cfg0.batch_size, n), ROW_PAD)
        self.x = torch.zeros(self.B, rows, t0.data.x_train.shape[1])  # (B, rows, 2), zero padding rows
        self.y = torch.zeros(self.B, rows)
        self.n = min(self.cfg0.batch_size, n)
        self.weight = torch.zeros(self.B, rows)
        self.weight[:, : self.n] = 1.0
        if not self.minibatch:
            for b, t in enumerate(trainers):
                self.x[b, :n], self.y[b, :n] = t.data.x_train * self.scale, t.data.y_train
        self.betas = None
        if self.cfg0.variant in ("swish", "swiglu") and not self.cfg0.learnable_beta:
            self.betas = torch.tensor([t.cfg.beta for t in trainers], dtype=torch.float32).view(-1, 1, 1)
        self.fused_silu = _fused_silu(self.cfg0)
        self.active: list[int] = list(range(self.B))  # slots still stepping

    def forward(self, x: Tensor) -> Tensor:
        """ResidualMLP.forward with a run axis in front: x (B, rows, 2), already scaled -> (B, rows)."""
        P, cfg = self.P, self.cfg0
        h = torch.baddbmm(P["embed.bias"].unsqueeze(1), x, P["embed.weight"].transpose(1, 2))  # (B, rows, width)
        for k in range(cfg.depth):
            z = h
            if cfg.norm == "rms":
                z = z * torch.rsqrt(z.pow(2).mean(-1, keepdim=True) + 1e-6) * P[f"norms.{k}.weight"].unsqueeze(1)
            pre = f"blocks.{k}."
            up = torch.bmm(z, P[pre + "up_proj.weight"].transpose(1, 2))  # (B, rows, d_ff)
            beta = P[pre + "swish.beta"].view(-1, 1, 1) if pre + "swish.beta" in P else self.betas
            v = cfg.variant
            if v in GATED_VARIANTS:
                gate = torch.bmm(z, P[pre + "gate_proj.weight"].transpose(1, 2))  # (B, rows, d_ff)
                hid = (F.silu(gate) if self.fused_silu else GATES[v](gate, beta)) * up
            elif v == "relu":
                hid = relu(up)
            elif v == "gelu":
                hid = gelu(up)
            else:
                hid = F.silu(up) if self.fused_silu else up * torch.sigmoid(beta * up)
            h = h + torch.bmm(hid, P[pre + "down_proj.weight"].transpose(1, 2))  # (B, rows, width)
        return (h * P["head.weight"]).sum(-1) + P["head.bias"]  # (B, rows): no 1-column matmul (see above)

    def losses(self, out: Tensor, y: Tensor) -> Tensor:  # (B,): each run's mean loss over its real rows
        if self.trainers[0].classification:
            per = F.binary_cross_entropy_with_logits(out, y, reduction="none")
        else:
            per = (out - y).square()
        return (per * self.weight).sum(1) / self.n

    def batch(self) -> tuple[Tensor, Tensor]:
        if self.minibatch:  # each live run draws its own seeded order; a run that left must not draw
            for b in self.active:
                x, y = self.trainers[b]._batch()
                self.x[b, : self.n], self.y[b, : self.n] = x * self.scale, y
        return self.x, self.y

    @torch.no_grad()
    def update(self) -> None:
        """One optimiser step for every run: torch.optim's single-tensor Adam / SGD on whole rows."""
        g, B = self.grad, self.B
        for off, p in zip(self.layout.offsets, self.P.values(), strict=True):
            g[:, off : off + p[0].numel()] = p.grad.view(B, -1)  # an exact copy: padding columns stay 0
            p.grad = None
        if self.adam:
            b1, b2 = ADAM_BETAS
            for b in self.active:
                self.steps[b] += 1
            steps = zip(self.lr, self.steps, strict=True)
            neg_step = torch.tensor([[-(lr / (1 - b1**s)) if s else 0.0] for lr, s in steps])  # (B, 1)
            bc2 = torch.tensor([[math.sqrt(1 - b2**s) if s else 1.0] for s in self.steps])
            self.m.lerp_(g, 1 - b1)
            self.v.mul_(b2).addcmul_(g, g, value=1 - b2)
            denom = (self.v.sqrt() / bc2).add_(ADAM_EPS)
            self.rows.add_(neg_step * self.m / denom)
        else:
            self.rows.add_(torch.tensor([[-lr] for lr in self.lr]) * g)

    @torch.no_grad()
    def write_back(self, b: int) -> None:
        t = self.trainers[b]
        t.opt.params = self.rows[b].clone()
        if self.adam:
            t.opt.m, t.opt.v = self.m[b].clone(), self.v[b].clone()
        t.opt.adam_steps = self.steps[b]
        t.layout.load(t.model, t.opt.params)


def advance_together(trainers: Sequence, ks: Sequence[int], cancels: Sequence[threading.Event | None] | None = None,
                     on_leave=None) -> list:  # fmt: skip
    """Advance trainers[b] by up to ks[b] steps in one stack (equal shape_key), each recorded as Trainer.advance
    records it; returns one StepRecord per trainer. on_leave(b, record), if given, is called as each run
    leaves. A run's `elapsed` is charged its share of the stack's compute (wall time / runs in the stack)."""
    if len({shape_key(t) for t in trainers}) != 1:
        raise ValueError("advance_together needs runs of one shape (equal shape_key)")
    cancels = list(cancels or [None] * len(trainers))
    recs: list = [t.records[-1] if t.finished and t.records else None for t in trainers]
    live = [b for b, t in enumerate(trainers) if not t.finished]
    if not live:
        return recs
    for b in live:
        trainers[b].status = "running"
    want = [min(ks[b], trainers[b].cfg.steps - trainers[b].step) for b in live]
    stack = Stack([trainers[b] for b in live])
    t0 = time.perf_counter()
    share = 1.0 / len(live)
    done = [0] * len(live)

    starts = [_checkpoint(trainers[b]) for b in live]

    def leave(j: int, status: str | None) -> None:
        stack.active.remove(j)
        tr = trainers[live[j]]
        if status == "diverged" and done[j] > 0:  # replay this chunk alone, a record at every step before it
            recs[live[j]] = _replay(tr, starts[j], done[j], (time.perf_counter() - t0) * share)
            if on_leave is not None:
                on_leave(live[j], recs[live[j]])
            return
        stack.write_back(j)
        tr.elapsed += (time.perf_counter() - t0) * share
        if status:
            tr.status = status
        elif tr.step >= tr.cfg.steps:
            tr.status = "done"
        recs[live[j]] = tr._record(time.perf_counter())
        if recs[live[j]].status == "diverged" and done[j] > 1:  # the chunk's last update blew up: as above
            tr.records.pop()
            recs[live[j]] = _replay(tr, starts[j], done[j], (time.perf_counter() - t0) * share)
        if on_leave is not None:
            on_leave(live[j], recs[live[j]])

    for j in [j for j in stack.active if want[j] <= 0]:
        leave(j, None)
    while stack.active:
        spent = (time.perf_counter() - t0) * share
        for j in list(stack.active):
            tr, c = trainers[live[j]], cancels[live[j]]
            if c is not None and c.is_set():
                leave(j, "cancelled")
            elif tr.elapsed + spent >= tr.cfg.max_seconds:
                leave(j, "budget")
        if not stack.active:
            break
        x, y = stack.batch()
        losses = stack.losses(stack.forward(x), y)  # (B,)
        vals = losses.detach().tolist()
        for j in list(stack.active):
            if not math.isfinite(vals[j]) or trainers[live[j]]._grew(vals[j]):  # stop before the update spreads it
                leave(j, "diverged")
        if not stack.active:
            break
        losses.sum().backward()
        stack.update()
        for j in list(stack.active):
            trainers[live[j]].step += 1
            done[j] += 1
            if done[j] >= want[j]:
                leave(j, None)
    return recs


def _checkpoint(t) -> tuple:
    """What a run's next chunk changes (its state tensors are replaced, never written in place)."""
    return t.opt, t.step, t.batch_gen.get_state(), t._order, t._pos, t.elapsed


def _replay(t, start: tuple, steps: int, spent: float):
    """A run diverged `steps` steps into a chunk: run that chunk again alone from its start, one step per
    record, so the records show the loss up to the divergence (same numbers: a stack of one is bitwise the
    same as the stack it left). Returns the diverged record."""
    t.opt, t.step, gen, t._order, t._pos, t.elapsed = start
    t.batch_gen.set_state(gen)
    t.status = "running"
    t.elapsed += spent  # the stack's compute for this run is not given back
    for _ in range(steps + 1):  # it diverges again at the same step; bounded all the same
        if t.finished:
            break
        advance_together([t], [1])
    return t.records[-1]


def groups(trainers: Sequence) -> list[list[int]]:
    """Indices of `trainers` grouped by shape_key (first-seen order): each group can train as one stack."""
    by_key: dict[tuple, list[int]] = {}
    for i, t in enumerate(trainers):
        by_key.setdefault(shape_key(t), []).append(i)
    return list(by_key.values())
