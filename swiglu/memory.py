"""A memory-saving SwiGLU feed-forward block: keep the two projections, recompute the gate in backward.

FFN_SwiGLU(x) = (Swish_β(xW) ⊗ xV) W2 (Shazeer 2020, arXiv 2002.05202, eq. 6). Eager autograd keeps, per
token, x and several d_ff-wide tensors for backward: a = xW, b = xV, Swish(a) (and σ(βa) when β ≠ 1) and the
product h that enters W2. This version keeps only x, a and b (what cannot be recomputed cheaply) and
recomputes σ(βa), Swish(a) and h in backward: a few elementwise operations for fewer stored activations.
Liger-Kernel's fused SiLU-mul does the same for the elementwise part; here the down projection is inside the
Function too, so h (which down_proj's weight gradient needs) is recomputed instead of stored.

`MemorySavingSwiGLU` has the parameter names of `FeedForward("swiglu")` (gate_proj, up_proj, down_proj), so
`load_state_dict` moves weights between the two. No biases (as in the paper, LLaMA and PaLM) and a fixed β.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import torch
import torch.nn.functional as F
from torch import Tensor, nn


class SwiGLUFunction(torch.autograd.Function):
    """y = (Swish_β(xW) ⊗ xV) W2 with weights in nn.Linear layout: W (d_ff, d), V (d_ff, d), W2 (d, d_ff)."""

    @staticmethod
    def forward(ctx, x: Tensor, w: Tensor, v: Tensor, w2: Tensor, beta: float = 1.0) -> Tensor:
        a = F.linear(x, w)  # (N, d_ff) gate branch
        b = F.linear(x, v)  # (N, d_ff) value branch
        s = F.silu(a) if beta == 1.0 else a * torch.sigmoid(beta * a)  # Swish_β(a), not kept
        h = s * b  # (N, d_ff), not kept
        ctx.save_for_backward(x, a, b, w, v, w2)  # weights are parameters: no extra memory
        ctx.beta = beta
        return F.linear(h, w2)  # (N, d)

    @staticmethod
    def backward(ctx, gy: Tensor):
        x, a, b, w, v, w2 = ctx.saved_tensors
        beta = ctx.beta
        dh = gy.mm(w2)  # (N, d_ff)
        if beta == 1.0:  # fused kernels: silu, and silu_backward = g·σ(a)·(1 + a·(1 − σ(a)))
            s = F.silu(a)  # recomputed
            da = torch.ops.aten.silu_backward(dh * b, a)
        else:
            sig = torch.sigmoid(beta * a)  # recomputed
            s = a * sig
            # d/da a·σ(βa) = σ(βa)·(1 + βa·(1 − σ(βa)))
            da = dh * b * sig * (1 + beta * a * (1 - sig))
        gw2 = gy.t().mm(s * b) if ctx.needs_input_grad[3] else None  # h = s·b recomputed only here
        db = dh.mul_(s)  # dh is not needed any more: reuse its memory
        gx = torch.addmm(da.mm(w), db, v) if ctx.needs_input_grad[0] else None
        gw = da.t().mm(x) if ctx.needs_input_grad[1] else None
        gv = db.t().mm(x) if ctx.needs_input_grad[2] else None
        return gx, gw, gv, gw2, None


def swiglu_ffn(x: Tensor, w: Tensor, v: Tensor, w2: Tensor, beta: float = 1.0) -> Tensor:
    """The Function for any leading shape (..., d): flattened to (N, d) for the matrix products."""
    lead = x.shape[:-1]
    y = SwiGLUFunction.apply(x.reshape(-1, x.shape[-1]), w, v, w2, float(beta))
    return y.reshape(*lead, y.shape[-1])


class MemorySavingSwiGLU(nn.Module):
    """Drop-in for FeedForward(d_model, d_ff, "swiglu") (no bias, fixed β) with the same parameter names."""

    def __init__(self, d_model: int, d_ff: int, beta: float = 1.0):
        super().__init__()
        self.d_model, self.d_ff, self.beta = d_model, d_ff, float(beta)
        self.gate_proj = nn.Linear(d_model, d_ff, bias=False)  # W  (LLaMA w1)
        self.up_proj = nn.Linear(d_model, d_ff, bias=False)  # V  (LLaMA w3)
        self.down_proj = nn.Linear(d_ff, d_model, bias=False)  # W2 (LLaMA w2)

    @classmethod
    def from_feedforward(cls, ff: nn.Module) -> MemorySavingSwiGLU:
        """Same weights as an eager FeedForward("swiglu") without biases or learnable β."""
        if getattr(ff, "variant", None) != "swiglu":
            raise ValueError("only a FeedForward('swiglu') can be converted")
        if ff.gate_proj.bias is not None or isinstance(ff.swish.beta, Tensor):
            raise ValueError("biases and a learnable β are not supported by the memory-saving block")
        m = cls(ff.d_model, ff.d_ff, ff.beta).to(ff.down_proj.weight.dtype)
        m.load_state_dict(ff.state_dict())
        return m

    def forward(self, x: Tensor) -> Tensor:
        return swiglu_ffn(x, self.gate_proj.weight, self.up_proj.weight, self.down_proj.weight, self.beta)

    def extra_repr(self) -> str:
        return f"d_model={self.d_model}, d_ff={self.d_ff}, beta={self.beta:g}, recompute_gate=True"


@dataclass
class SavedReport:
    """What autograd kept for backward: one entry per distinct storage, parameters left out."""

    shapes: list[tuple[int, ...]] = field(default_factory=list)
    nbytes: list[int] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.nbytes)


def saved_activation_bytes(module: nn.Module, x: Tensor) -> SavedReport:
    """Bytes of activations autograd saves for backward in one forward pass of `module` on `x`.

    Counted with torch.autograd.graph.saved_tensors_hooks, so it is exact and deterministic: every saved
    tensor is seen once per distinct storage (two views of x count once), and the module's parameters are
    left out (they exist anyway). This is the activation memory held between forward and backward.
    """
    params = {p.untyped_storage().data_ptr() for p in module.parameters()}
    seen: set[int] = set()
    report = SavedReport()

    def pack(t: Tensor) -> Tensor:
        ptr = t.untyped_storage().data_ptr()
        if ptr not in params and ptr not in seen:
            seen.add(ptr)
            report.shapes.append(tuple(t.shape))
            report.nbytes.append(t.untyped_storage().nbytes())
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        y = module(x)
    y.sum().backward()  # the graph works with the hooks' packed tensors
    return report


def compare_saved_bytes(d_model: int, d_ff: int, tokens: int, seed: int = 0,
                        eager_factory: Callable[[int, int], nn.Module] | None = None) -> dict[str, object]:
    """Saved-activation bytes of the eager FeedForward("swiglu") and of MemorySavingSwiGLU, same weights."""
    from .ffn import FeedForward

    g = torch.Generator().manual_seed(seed)
    eager = (eager_factory or (lambda d, f: FeedForward(d, f, "swiglu")))(d_model, d_ff)
    with torch.no_grad():
        for p in eager.parameters():
            p.copy_(torch.randn(p.shape, generator=g) / p.shape[-1] ** 0.5)
    saving = MemorySavingSwiGLU.from_feedforward(eager)
    x = torch.randn(tokens, d_model, generator=g, requires_grad=True)
    e, s = saved_activation_bytes(eager, x), saved_activation_bytes(saving, x)
    return {"eager": e, "saving": s, "ratio": s.total / e.total}
