"""Dead units versus sparse units: the measurement behind /dead-relu.

Dead (Lu, Shin, Su & Karniadakis, "Dying ReLU and Initialization", arXiv 1903.06733): a ReLU unit that
"only outputs 0 for any input". Measured over a probe set X: unit j of a layer is dead when its
pre-activation a_j(x) ≤ 0 for every x in X; the dead fraction of a layer is the share of such units.

Sparse (Li et al., "The Lazy Neuron Phenomenon", arXiv 2210.06313): for one input, most units are off
(trained T5-Base: about 3 % of post-ReLU MLP entries are non-zero). That is a property of a column (one
input), death is a property of a row (one unit): both come from the same units × inputs "off" matrix here.

Smooth gates have no exact zero region, so "off" needs a threshold ε, on the output AND on the slope:
    off(a) ⇔ |g(a)| < ε and |g'(a)| < ε.
Both are needed: Swish's output is ≈ 0 near a = 0 (but its slope is 0.5 there, so gradient flows), and its
slope is 0 at the minimum a ≈ −1.28 (but the output is −0.28 there). Together they leave one region, a left
tail a < a_ε (a_ε ≈ −6.6 for SiLU at ε = 0.01, see off_threshold): a Swish unit is "dead" when every probe
input puts it there.

Gated blocks (Shazeer 2020, arXiv 2002.05202): the unit is h_j = g(a_j)·b_j with a = xW (gate_proj) and
b = xV (up_proj). We call unit j off when its GATE is off: then h = g(a)·b, ∂h/∂a = g'(a)·b and ∂h/∂b = g(a)
are all below ε·max(1, |b|), so neither W_j nor V_j learns from that input (for ReGLU exactly 0, a ≤ 0).
A small product alone is not death: with b ≈ 0 and the gate open, ∂h/∂b = g(a) is large and V_j moves on.

Works on any model built of swiglu.ffn.FeedForward blocks: forward hooks on gate_proj (gated) or up_proj
(plain) read the pre-activations; nothing in the model changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import torch
from torch import Tensor, nn

from .activations import gelu, relu, sigmoid, swish
from .ffn import GATED_VARIANTS, FeedForward

EPS_CHOICES = ("0.001", "0.01", "0.1")  # URL values of the ε control
DEFAULT_EPS = 0.01  # 1 % of a typical unit output (pre-activations here are O(1)); the page shows the number
EXACT_ZERO = ("relu", "reglu")  # max(0, a): output and slope exactly 0 for a ≤ 0, no ε needed
LAZY_NEURON_NONZERO = 0.03  # Li et al. 2022: ~3 % non-zero post-ReLU MLP entries per input, trained T5-Base

# ---- the "off" rule per unit and input ----


def gate_function(variant: str, beta: float = 1.0) -> Callable[[Tensor], Tensor]:
    """The function applied to the unit's pre-activation: the activation of a plain FFN, the gate of a GLU
    variant (the W branch, Shazeer 2020 eq. 4-6). Bilinear's gate is the identity."""
    return {
        "relu": relu, "reglu": relu,
        "gelu": gelu, "geglu": gelu,
        "swish": lambda a: swish(a, beta), "swiglu": lambda a: swish(a, beta),
        "glu": sigmoid,
        "bilinear": lambda a: a,
    }[variant]  # fmt: skip


def gate_value_and_slope(a: Tensor, variant: str, beta: float = 1.0) -> tuple[Tensor, Tensor]:
    """g(a) and g'(a), elementwise, by autograd (so every gate uses the very function the model runs)."""
    with torch.enable_grad():  # callers often measure under no_grad
        x = a.detach().clone().requires_grad_(True)
        y = gate_function(variant, beta)(x)
        (slope,) = torch.autograd.grad(y.sum(), x)
    return y.detach(), slope.detach()


def is_off(a: Tensor, variant: str, eps: float = DEFAULT_EPS, beta: float = 1.0) -> Tensor:
    """Elementwise: is the unit off for this input? ReLU gates: a ≤ 0 (exact). Smooth gates:
    |g(a)| < ε and |g'(a)| < ε. Bilinear (g(a) = a, slope 1) is never off."""
    if variant in EXACT_ZERO:
        return a <= 0
    y, slope = gate_value_and_slope(a, variant, beta)
    return (y.abs() < eps) & (slope.abs() < eps)


@lru_cache(maxsize=64)
def off_threshold(variant: str, eps: float = DEFAULT_EPS, beta: float = 1.0) -> float:
    """a_ε: the unit is off for a pre-activation a iff a < a_ε (a ≤ 0 for ReLU gates, where a_ε = 0).

    Found on a float64 grid (step 1e-4 over [−60, 5]) as the end of the left tail where is_off holds;
    −inf when there is no such tail (bilinear, or β = 0). A test checks that is_off agrees with this
    threshold everywhere else, i.e. that the smooth rule really is a pre-activation threshold."""
    if variant in EXACT_ZERO:
        return 0.0
    a = torch.arange(-60.0, 5.0, 1e-4, dtype=torch.float64)
    off = is_off(a, variant, eps, beta)
    if not bool(off[0]):
        return float("-inf")
    first_on = int(torch.nonzero(~off)[0]) if bool((~off).any()) else len(a) - 1
    return float(a[first_on])


# ---- reading a model ----


@dataclass(frozen=True)
class LayerProbe:
    """One FeedForward block seen through the probe set."""

    index: int  # 0-based position among the model's FeedForward blocks
    variant: str
    beta: float
    pre: Tensor  # (N, d_ff) the unit's pre-activation: gate_proj(x) (gated) or up_proj(x) (plain)
    value: Tensor | None  # (N, d_ff) up_proj(x) of a gated block (the V branch), None for plain blocks

    def gate(self) -> Tensor:
        """g(pre), (N, d_ff): what the unit outputs (plain) or the gate it opens (gated)."""
        return gate_function(self.variant, self.beta)(self.pre)

    def output(self) -> Tensor:
        """h = g(a) (plain) or g(a)·b (gated), (N, d_ff): the activation that enters down_proj."""
        return self.gate() if self.value is None else self.gate() * self.value


def feedforward_blocks(model: nn.Module) -> list[FeedForward]:
    return [m for m in model.modules() if isinstance(m, FeedForward)]


@torch.no_grad()
def probe(model: nn.Module, x: Tensor, forward: Callable[[Tensor], Tensor] | None = None) -> list[LayerProbe]:
    """Run the probe set through the model once and record every FeedForward block's pre-activations.

    Forward hooks on gate_proj / up_proj: the model is used as is (any architecture around the blocks).
    `forward` replaces model(x) when the model is called differently."""
    blocks = feedforward_blocks(model)
    seen: dict[tuple[int, str], Tensor] = {}
    handles = []
    for i, block in enumerate(blocks):
        for name in ("gate_proj", "up_proj"):
            if hasattr(block, name):
                def hook(_m, _inp, out, key=(i, name)):
                    seen[key] = out.detach()
                handles.append(getattr(block, name).register_forward_hook(hook))
    try:
        (forward or model)(x)
    finally:
        for h in handles:
            h.remove()
    probes = []
    for i, block in enumerate(blocks):
        gated = block.variant in GATED_VARIANTS
        pre = seen[(i, "gate_proj" if gated else "up_proj")]
        value = seen[(i, "up_proj")] if gated else None
        beta = block.beta if block.swish is not None else 1.0
        probes.append(LayerProbe(i, block.variant, beta, pre, value))
    return probes


# ---- death and sparsity ----


@dataclass(frozen=True)
class LayerDeath:
    index: int
    off: Tensor  # (N, d_ff) bool: unit off for this probe input
    dead: Tensor  # (d_ff,) bool: off for every probe input
    dead_fraction: float  # share of the layer's units that are dead
    off_per_input: Tensor  # (N,) share of units off for each input (sparsity of that input)
    sparsity: float  # mean of off_per_input: the typical share of units off for one input
    sparsity_alive: float  # the same, counting only units that are not dead (sparsity that is not death)


def layer_death(lp: LayerProbe, eps: float = DEFAULT_EPS) -> LayerDeath:
    off = is_off(lp.pre, lp.variant, eps, lp.beta)  # (N, d_ff)
    dead = off.all(dim=0)  # rows of the heatmap that are empty
    per_input = off.float().mean(dim=1)  # columns: how empty is each input's column
    alive = ~dead
    alive_sparsity = float(off[:, alive].float().mean()) if bool(alive.any()) else float("nan")
    return LayerDeath(lp.index, off, dead, float(dead.float().mean()), per_input, float(per_input.mean()),
                      alive_sparsity)


def measure(model: nn.Module, x: Tensor, eps: float = DEFAULT_EPS,
            forward: Callable[[Tensor], Tensor] | None = None) -> list[LayerDeath]:  # fmt: skip
    """Dead fraction and sparsity of every FeedForward block of `model` over the probe set x."""
    return [layer_death(lp, eps) for lp in probe(model, x, forward)]


def dead_from_max(max_pre: Tensor, variant: str, eps: float = DEFAULT_EPS, beta: float = 1.0) -> Tensor:
    """The same dead mask from each unit's largest pre-activation over the probe set (d_ff,): a unit is
    dead iff even its largest pre-activation is off. Cheap to store over training, re-read for any ε."""
    if variant in EXACT_ZERO:
        return max_pre <= 0
    return max_pre < off_threshold(variant, eps, beta)


# ---- the formulas the page shows (LaTeX, the same in both languages) ----
LATEX_DEAD_RELU = (r"D_j = \mathbb{1}\Big[\max_{x\in X} a_j(x) \le 0\Big],\qquad a_j(x) = (xW + b)_j,"
                   r"\qquad \bar D = \frac{1}{d_{\mathrm{ff}}}\sum_{j=1}^{d_{\mathrm{ff}}} D_j")
LATEX_OFF = (r"O_\varepsilon(a) = \mathbb{1}\big[\,|g(a)| < \varepsilon\ \wedge\ |g'(a)| < \varepsilon\,\big]"
             r" = \mathbb{1}\big[\,a < a_\varepsilon\,\big]")
LATEX_DEAD_SMOOTH = (r"D_j = \prod_{x\in X} O_\varepsilon\big(a_j(x)\big)"
                     r" = \mathbb{1}\Big[\max_{x\in X} a_j(x) < a_\varepsilon\Big]")
LATEX_GATED = (r"h_j = g(a_j)\,b_j:\qquad |h_j| < \varepsilon\,|b_j|,\qquad "
               r"\Big|\frac{\partial h_j}{\partial a_j}\Big| = |g'(a_j)|\,|b_j| < \varepsilon\,|b_j|,\qquad "
               r"\Big|\frac{\partial h_j}{\partial b_j}\Big| = |g(a_j)| < \varepsilon")
LATEX_SPARSITY = (r"S(x) = \frac{1}{d_{\mathrm{ff}}}\sum_{j=1}^{d_{\mathrm{ff}}} O_\varepsilon\big(a_j(x)\big)"
                  r"\qquad\longleftrightarrow\qquad D_j = \prod_{x\in X} O_\varepsilon\big(a_j(x)\big)")


def latex_threshold(eps: float, beta: float = 1.0) -> str:
    """a_ε of Swish_β with the numbers filled in."""
    a = off_threshold("swish", eps, beta)
    return (rf"g = \mathrm{{Swish}}_{{{beta:g}}},\ \varepsilon = {eps:g}:\qquad a_\varepsilon = {a:.2f},\qquad "
            rf"|g(a_\varepsilon)| = {abs(float(swish(torch.tensor(a), beta))):.4f},\qquad "
            rf"|g'(a_\varepsilon)| = {abs(float(gate_value_and_slope(torch.tensor(a), 'swish', beta)[1])):.4f}")
