"""Why smooth gates train well: derivatives from autograd, the regions that tell them apart, the two
gradients of a gated product, and the gradient norm through a deep stack of FFN blocks at initialisation.

Swish derivative: Ramachandran, Zoph & Le 2017 (arXiv 1710.05941, §4); FFN blocks: Shazeer 2020
(arXiv 2002.05202, eq. 2-6); pre-norm residual blocks with RMSNorm as in LLaMA (Touvron et al. 2023, §2.2).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import torch
from torch import Tensor

from .activations import activation_and_grad, gated, gelu, relu, swish
from .analysis import silu_minimum_point
from .ffn import matched_d_ff

FLOW_VARIANTS = ("relu", "gelu", "swish", "swiglu")  # the four FFN blocks compared over depth
INITS = ("torch", "xavier", "kaiming", "small")
EXPANSION = 4  # d_ff = 4·width for plain blocks, 2/3 of that for SwiGLU (Shazeer's equal-parameter rule)
TOKENS = 32  # random input tokens per run
RMS_EPS = 1e-6


# ---- derivatives of single activations ----
def derivatives(keys: Sequence[str], beta: float, xrange: float, n: int = 401) -> tuple[Tensor, dict[str, Tensor]]:
    """x on [−xrange, xrange] and df/dx from autograd for each registry key (β for the keys that use it)."""
    x = torch.linspace(-xrange, xrange, n, dtype=torch.float64)
    return x, {k: activation_and_grad(k, x, beta)[1] for k in keys}


def swish_derivative_regions(beta: float) -> tuple[float, float] | None:
    """(x_neg, x_big): Swish_β′(x) < 0 exactly for x < x_neg and > 1 exactly for x > x_big; None at β = 0.

    Swish_β′(x) = SiLU′(βx), and SiLU′(z) + SiLU′(−z) = 1, so both borders come from the root c of SiLU′
    (c = x* of the SiLU minimum ≈ −1.2785): x_neg = c/β and x_big = −c/β.
    """
    if beta <= 0:
        return None
    c = silu_minimum_point()
    return c / beta, -c / beta


def zero_intervals(x: Tensor, dy: Tensor) -> list[tuple[float, float]]:
    """Runs of grid points where dy is exactly 0, as (first zero x, first x after the run): the shading then
    reaches the next grid point instead of stopping one step short (for ReLU: up to x = 0)."""
    runs: list[tuple[float, float]] = []
    xs, zero = x.tolist(), (dy == 0).tolist()
    start = None
    for i, z in enumerate([*zero, False]):
        if z and start is None:
            start = i
        elif not z and start is not None:
            runs.append((xs[start], xs[min(i, len(xs) - 1)]))
            start = None
    return runs


# ---- the gated product's two gradients ----
def gated_product_grads(a: Tensor, b_value: float, gate: str, beta: float = 1.0) -> tuple[Tensor, Tensor]:
    """∂(g(a)·b)/∂a = g′(a)·b (what the gate weights W learn from) and ∂/∂b = g(a) (what V learns from),
    from autograd, elementwise over a, for one fixed value b."""
    ag = a.detach().clone().requires_grad_(True)
    bg = torch.full_like(ag, float(b_value)).requires_grad_(True)
    da, db = torch.autograd.grad(gated(ag, bg, gate, beta).sum(), (ag, bg))
    return da.detach(), db.detach()


# ---- gradient flow through a deep stack ----
def init_std(init: str, fan_in: int, fan_out: int) -> float:
    """Standard deviation of one weight under each scheme (all zero-mean)."""
    if init == "torch":  # nn.Linear's default, U(−1/√fan_in, 1/√fan_in)
        return 1.0 / math.sqrt(3 * fan_in)
    if init == "xavier":  # Glorot & Bengio 2010, keeps variance forward and backward for linear layers
        return math.sqrt(2.0 / (fan_in + fan_out))
    if init == "kaiming":  # He et al. 2015, fan_in mode with the ReLU gain √2
        return math.sqrt(2.0 / fan_in)
    if init == "small":  # GPT-2 / LLaMA-style N(0, 0.02²)
        return 0.02
    raise ValueError(f"unknown init {init!r}; choose one of {INITS}")


def _weight(g: torch.Generator, init: str, fan_in: int, fan_out: int) -> Tensor:
    std = init_std(init, fan_in, fan_out)
    # Drawn in float32 (10x faster than float64 draws), used in float64 so that tiny norms do not underflow.
    if init == "torch":
        w = (torch.rand(fan_in, fan_out, generator=g) * 2 - 1) / math.sqrt(fan_in)
    else:
        w = torch.randn(fan_in, fan_out, generator=g) * std
    return w.double()  # (fan_in, fan_out)


def _rms_norm(h: Tensor) -> Tensor:
    """RMSNorm without its (at initialisation all-ones) gain, as in LLaMA."""
    return h * torch.rsqrt(h.pow(2).mean(-1, keepdim=True) + RMS_EPS)


def ffn(h: Tensor, variant: str, mats: Sequence[Tensor], beta: float = 1.0) -> Tensor:
    """One bias-free FFN block on (T, width): act(hW1)W2, or (Swish_β(hW) ⊗ hV)W2 for SwiGLU."""
    if variant == "swiglu":
        W, V, W2 = mats
        return gated(h @ W, h @ V, "swiglu", beta) @ W2
    W1, W2 = mats
    act = {"relu": relu, "gelu": gelu, "swish": lambda z: swish(z, beta)}[variant]
    return act(h @ W1) @ W2


def block(h: Tensor, variant: str, mats: Sequence[Tensor], beta: float = 1.0, residual: bool = False) -> Tensor:
    """h_(l+1) = FFN(h_l), or h_l + FFN(RMSNorm(h_l)) for a pre-norm residual block."""
    return h + ffn(_rms_norm(h), variant, mats, beta) if residual else ffn(h, variant, mats, beta)


@dataclass(frozen=True)
class Stack:
    x: Tensor  # (T, width) input tokens h_0
    u: Tensor  # (T, width) unit vectors: L = Σ_t ⟨h_L[t], u[t]⟩
    blocks: list[list[Tensor]]  # per block [W1, W2] or [W, V, W2], each (fan_in, fan_out)


def build_stack(variant: str, depth: int, width: int, init: str = "torch", seed: int = 0,
                tokens: int = TOKENS) -> Stack:
    """Inputs, target directions and weights, all from one private generator (thread-safe, reproducible):
    the same seed gives the same x and u for every variant."""
    if variant not in FLOW_VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; choose one of {FLOW_VARIANTS}")
    d_ff = matched_d_ff(width, variant, EXPANSION)
    g = torch.Generator().manual_seed(int(seed))
    x = torch.randn(tokens, width, generator=g).double()
    u = torch.randn(tokens, width, generator=g).double()
    u = u / u.norm(dim=-1, keepdim=True)
    n_in = 2 if variant == "swiglu" else 1
    blocks = [[_weight(g, init, width, d_ff) for _ in range(n_in)] + [_weight(g, init, d_ff, width)]
              for _ in range(depth)]
    return Stack(x, u, blocks)


@dataclass(frozen=True)
class Flow:
    grad: list[float]  # ‖∂L/∂h_l‖ for l = 0..depth (RMS over tokens of the per-token norm)
    signal: list[float]  # ‖h_l‖ for l = 0..depth, same averaging: the forward pass the gradient depends on


def gradient_flow(variant: str, depth: int, width: int, init: str = "torch", beta: float = 1.0, seed: int = 0,
                  residual: bool = False, tokens: int = TOKENS) -> Flow:
    """Gradient and signal norms at every layer of `depth` FFN blocks of `variant` at initialisation.

    h_0: `tokens` random N(0, 1) tokens of size `width`; block l maps h_l to h_(l+1) = FFN(h_l), or with
    residual=True to h_l + FFN(RMSNorm(h_l)) (pre-norm, as in LLaMA). L = Σ_t ⟨h_depth[t], u[t]⟩ with u[t]
    random unit vectors, so the gradient at the top is exactly 1 per token and every curve starts from the
    same place. Norms are the root-mean-square over tokens of the per-token norm, in float64; 0 means the
    signal underflowed, inf or nan that the forward pass overflowed.
    """
    stack = build_stack(variant, depth, width, init, seed, tokens)
    h = stack.x.clone().requires_grad_(True)
    hs = [h]
    for mats in stack.blocks:
        h = block(h, variant, mats, beta, residual)
        hs.append(h)
    grads = torch.autograd.grad((h * stack.u).sum(), hs)  # one backward pass, every layer's ∂L/∂h_l
    return Flow([_rms(gr) for gr in grads], [_rms(x.detach()) for x in hs])


def _rms(t: Tensor) -> float:
    return float(t.pow(2).sum(-1).mean().sqrt())


def gradient_flow_all(depth: int, width: int, init: str = "torch", beta: float = 1.0, seed: int = 0,
                      residual: bool = False) -> dict[str, Flow]:
    """gradient_flow for each of FLOW_VARIANTS (same inputs and target direction for all four)."""
    return {v: gradient_flow(v, depth, width, init, beta, seed, residual) for v in FLOW_VARIANTS}


def breakdown(norms: Sequence[float]) -> tuple[str, int] | None:
    """("underflow" | "overflow", highest layer where it happened) or None when every norm is usable.

    Layers are counted from the input (0) to the top; the gradient travels down, so the highest broken
    layer is where a student following it loses it."""
    for layer in range(len(norms) - 1, -1, -1):
        v = norms[layer]
        if not math.isfinite(v):
            return "overflow", layer
        if v == 0:
            return "underflow", layer
    return None
