"""Activation functions of the SwiGLU story, one registry with stable string keys.

Sources: Swish_β(x) = x·σ(βx) (Ramachandran, Zoph & Le 2017, arXiv 1710.05941, §4);
SiLU (Elfwing et al. 2017, arXiv 1702.03118); GELU (Hendrycks & Gimpel, arXiv 1606.08415, §2);
GLU gates (Dauphin et al. 2017, arXiv 1612.08083; Shazeer 2020, arXiv 2002.05202, eq. 4-6).

The same key ("swish", "geglu", ...) names a function here, a selectbox option, a URL value,
an i18n label ("act.<key>") and a plot legend entry.

JavaScript twins: sigmoid, relu, gelu (exact), swish, swish_derivative and GATES are recomputed in the browser by
ui/live_plot.js while β is dragged; the comment above each names its twin. Change one, change the other
(tests/browser/test_live_plot.py compares them at 21 β values).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import Tensor, nn

BetaLike = float | Tensor


# JS twin: ui/live_plot.js `sigmoid` (change both)
def sigmoid(x: Tensor) -> Tensor:
    return torch.sigmoid(x)


# JS twin: ui/live_plot.js `relu`, NaN kept as NaN (change both)
def relu(x: Tensor) -> Tensor:
    return torch.relu(x)


def silu(x: Tensor) -> Tensor:
    """Swish with β = 1 (SiLU): x·σ(x)."""
    return F.silu(x)


# JS twin: ui/live_plot.js `gelu`, the exact form only, with its own `erf` (change both)
def gelu(x: Tensor, approximate: str = "none") -> Tensor:
    """GELU(x) = x·Φ(x); approximate="tanh" is 0.5x(1 + tanh[√(2/π)(x + 0.044715x³)])."""
    if approximate not in ("none", "tanh"):
        raise ValueError(f"approximate must be 'none' or 'tanh', not {approximate!r}")
    return F.gelu(x, approximate=approximate)


# JS twin: ui/live_plot.js `swish` (change both)
def swish(x: Tensor, beta: BetaLike = 1.0) -> Tensor:
    """Swish_β(x) = x·σ(βx) for any shape; beta a float or a (learnable) tensor.

    torch.sigmoid saturates cleanly to exactly 0 or 1, so values and gradients stay finite for
    |βx| up to 1e4 even in float32, and β = 0 gives σ(0) = 0.5 exactly, i.e. x/2 to the last bit.
    """
    if not isinstance(beta, Tensor) and beta == 1.0:
        return F.silu(x)  # fused kernel, same function: one pass instead of three
    return x * torch.sigmoid(beta * x)


# JS twin: ui/live_plot.js `swishDerivative`, the same σ(z)·(1 + z·σ(−z)) form (change both)
def swish_derivative(x: Tensor, beta: BetaLike = 1.0) -> Tensor:
    """d/dx Swish_β(x) = βf(x) + σ(βx)(1 − βf(x)), with f = Swish_β.

    Written as σ(z)·(1 + z·σ(−z)) with z = βx, which is the same expression
    (βf = zσ(z) and 1 − σ(z) = σ(−z)) without the cancellation of βf against 1 − βf at large z.
    """
    z = beta * x
    return torch.sigmoid(z) * (1 + z * torch.sigmoid(-z))


def mish(x: Tensor) -> Tensor:
    """Mish(x) = x·tanh(softplus(x)) (Misra 2019)."""
    return F.mish(x)


def elu(x: Tensor) -> Tensor:
    return F.elu(x)


def leaky_relu(x: Tensor) -> Tensor:
    return F.leaky_relu(x, 0.01)


def identity(x: Tensor) -> Tensor:
    return x


class Swish(nn.Module):
    """Swish_β as a module; with learnable=True, β is the module's single nn.Parameter."""

    def __init__(self, beta: float = 1.0, learnable: bool = False):
        super().__init__()
        if learnable:
            self.beta = nn.Parameter(torch.tensor(float(beta)))
        else:
            self.beta = float(beta)  # a plain float: no parameters, no buffers

    def forward(self, x: Tensor) -> Tensor:
        return swish(x, self.beta)

    def extra_repr(self) -> str:
        return f"beta={float(self.beta):.4g}, learnable={isinstance(self.beta, nn.Parameter)}"


@dataclass(frozen=True)
class Activation:
    key: str
    fn: Callable[[Tensor, BetaLike], Tensor]  # every entry takes (x, beta); most ignore beta
    latex: str
    uses_beta: bool = False
    has_zero_region: bool = False  # exactly 0 output and gradient on a half-line (can die)


ACTIVATIONS: dict[str, Activation] = {
    a.key: a
    for a in (
        Activation("relu", lambda x, b=1.0: relu(x), r"\max(0, x)", has_zero_region=True),
        Activation("gelu", lambda x, b=1.0: gelu(x), r"x\,\Phi(x)"),
        Activation(
            "gelu_tanh",
            lambda x, b=1.0: gelu(x, "tanh"),
            r"\tfrac{x}{2}\left(1+\tanh\left[\sqrt{2/\pi}\,(x+0.044715x^3)\right]\right)",
        ),
        Activation("sigmoid", lambda x, b=1.0: sigmoid(x), r"\sigma(x) = \frac{1}{1+e^{-x}}"),
        Activation("silu", lambda x, b=1.0: silu(x), r"x\,\sigma(x)"),
        Activation("swish", swish, r"x\,\sigma(\beta x)", uses_beta=True),
        Activation("tanh", lambda x, b=1.0: torch.tanh(x), r"\tanh(x)"),
        Activation("mish", lambda x, b=1.0: mish(x), r"x\,\tanh(\ln(1+e^{x}))"),
        Activation("elu", lambda x, b=1.0: elu(x), r"x \text{ if } x>0 \text{ else } e^{x}-1"),
        Activation(
            "leaky_relu", lambda x, b=1.0: leaky_relu(x), r"\max(0.01x,\ x)"
        ),
    )
}


def activate(key: str, x: Tensor, beta: BetaLike = 1.0) -> Tensor:
    """Apply the registry activation `key` (KeyError on an unknown key)."""
    return ACTIVATIONS[key].fn(x, beta)


def activation_and_grad(key: str, x: Tensor, beta: float = 1.0) -> tuple[Tensor, Tensor]:
    """f(x) and df/dx from autograd, elementwise, detached (for curves and derivative plots)."""
    xg = x.detach().clone().requires_grad_(True)
    y = activate(key, xg, beta)
    (g,) = torch.autograd.grad(y.sum(), xg)
    return y.detach(), g.detach()


# Shazeer 2020 eq. 4-6: the activation sits on the first (W, "gate") branch, the second (V) is linear.
# JS twin: ui/live_plot.js `GATES`, same keys, the gate curves and gate(a)·b surfaces (change both)
GATES: dict[str, Callable[[Tensor, BetaLike], Tensor]] = {
    "glu": lambda a, b=1.0: sigmoid(a),
    "bilinear": lambda a, b=1.0: a,
    "reglu": lambda a, b=1.0: relu(a),
    "geglu": lambda a, b=1.0: gelu(a),
    "swiglu": swish,
}

GATE_LATEX: dict[str, str] = {
    "glu": r"\sigma(a)\otimes b",
    "bilinear": r"a\otimes b",
    "reglu": r"\max(0,a)\otimes b",
    "geglu": r"\mathrm{GELU}(a)\otimes b",
    "swiglu": r"\mathrm{Swish}_\beta(a)\otimes b",
}


def gated(a: Tensor, b: Tensor, gate: str = "swiglu", beta: BetaLike = 1.0) -> Tensor:
    """gate(a) ⊗ b: a = xW (+b) is the gate branch, b = xV (+c) the value branch.

    Convention: the paper (Shazeer 2020) and LLaMA gate the FIRST projection. In contrast
    torch.nn.functional.glu(cat([u, v], -1)) returns u ⊗ σ(v): its gate is the SECOND half, so
    gated(a, b, "glu") == F.glu(torch.cat([b, a], -1)). Dauphin et al. 2017 also gate the V branch.
    """
    if gate not in GATES:
        raise KeyError(f"unknown gate {gate!r}; choose one of {sorted(GATES)}")
    return GATES[gate](a, beta) * b
