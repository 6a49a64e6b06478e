"""Gating made visible: the GLU family's product gate(a)·b on a grid, along slices, and for one token.

Shazeer 2020, "GLU Variants Improve Transformer" (arXiv 2002.05202, eq. 4-6): the activation sits on the
W branch, a = xW; the V branch b = xV is linear; the unit's output is gate(a)·b. Dauphin et al. 2017
(arXiv 1612.08083, eq. 1) put σ on the V branch instead, and torch.nn.functional.glu gates the SECOND half
of its input. All three compute "value times sigmoid of something"; they differ only in which half is which.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import Tensor

from .activations import GATES, gated

LIM = 4.0  # the (a, b) square of the product surface: [−LIM, LIM]²
SHUT = 0.1  # |gate(a)| below this lets less than a tenth of the value through: the unit counts as "shut"
STATES = ("open", "shut", "flipped")  # flipped: the gate is negative (Swish, GELU), so the value changes sign
TOKEN_DIM = 8  # the longest token vector a link may carry (d_model ≤ 8)


def axis(lim: float = LIM, n: int = 161) -> Tensor:
    return torch.linspace(-lim, lim, n, dtype=torch.float64)


def product_grid(gate: str, beta: float = 1.0, lim: float = LIM, n: int = 161) -> tuple[Tensor, Tensor, Tensor]:
    """(a, b, z) with z[i, j] = gate(a[j])·b[i]: rows follow the value b, columns the gate input a."""
    a = axis(lim, n)
    b = axis(lim, n)
    z = gated(a.unsqueeze(0), b.unsqueeze(1), gate, beta)  # (n_b, n_a)
    return a, b, z


def product_slices(gates: Sequence[str], b_value: float, beta: float = 1.0, lim: float = LIM,
                   n: int = 401) -> tuple[Tensor, dict[str, Tensor]]:
    """gate(a)·b along a for one fixed value b, for each gate: one row of the surface per gate."""
    a = axis(lim, n)
    b = torch.full_like(a, float(b_value))
    return a, {g: gated(a, b, g, beta) for g in gates}


def unit_states(gate_out: Tensor) -> list[str]:
    """Per unit: "shut" if |gate(a)| < SHUT, "flipped" if gate(a) ≤ −SHUT, else "open"."""
    return ["shut" if abs(v) < SHUT else "flipped" if v < 0 else "open" for v in gate_out.tolist()]


def token_vector(values: Sequence[float], d_model: int) -> tuple[float, ...]:
    """The first d_model entries of `values`, padded with zeros (a short link still gives a full token)."""
    vals = [float(v) for v in values][:d_model]
    return tuple(vals + [0.0] * (d_model - len(vals)))


@dataclass(frozen=True)
class TokenJourney:
    x: Tensor  # (d_model,)   the token
    W: Tensor  # (d_model, d_ff) gate projection (HF gate_proj, LLaMA w1)
    V: Tensor  # (d_model, d_ff) value projection (HF up_proj, LLaMA w3)
    xW: Tensor  # (d_ff,) gate input a
    gate: Tensor  # (d_ff,) gate(a)
    xV: Tensor  # (d_ff,) value b
    product: Tensor  # (d_ff,) gate(a)·b: what enters W2
    states: tuple[str, ...]  # per unit, see unit_states


def random_projections(d_model: int, d_ff: int, seed: int) -> tuple[Tensor, Tensor]:
    """W and V ~ N(0, 1/d_model), drawn W first from a private generator: the same seed gives the same
    matrices on every machine and in every session, whatever other threads do with torch's global RNG.
    The scale keeps xW and xV of the token's own size, so the gate's shape is what you see."""
    g = torch.Generator().manual_seed(int(seed))
    scale = 1.0 / math.sqrt(d_model)
    W = torch.randn(d_model, d_ff, generator=g, dtype=torch.float64) * scale
    V = torch.randn(d_model, d_ff, generator=g, dtype=torch.float64) * scale
    return W, V


def token_journey(token: Sequence[float], d_model: int, d_ff: int, gate: str = "swiglu", beta: float = 1.0,
                  seed: int = 0) -> TokenJourney:
    """One token through the gated half of an FFN block: a = xW, b = xV, h = gate(a)·b."""
    x = torch.tensor(token_vector(token, d_model), dtype=torch.float64)
    W, V = random_projections(d_model, d_ff, seed)
    a = x @ W  # (d_ff,)
    b = x @ V  # (d_ff,)
    g = GATES[gate](a, beta)
    h = gated(a, b, gate, beta)
    return TokenJourney(x, W, V, a, g, b, h, tuple(unit_states(g)))


def state_counts(journey: TokenJourney) -> dict[str, int]:
    return {s: journey.states.count(s) for s in STATES}


def torch_glu_example(values: Sequence[float] = (1.0, 2.0, 3.0, 4.0)) -> tuple[list[float], list[float]]:
    """torch.nn.functional.glu on a small vector: input halves u, v -> u ⊗ σ(v) (the gate is the second half)."""
    x = torch.tensor([float(v) for v in values], dtype=torch.float64)
    return x.tolist(), F.glu(x, dim=-1).tolist()
