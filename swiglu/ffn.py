"""Transformer feed-forward blocks of Shazeer 2020, "GLU Variants Improve Transformer"
(arXiv 2002.05202, eq. 2-6), and the sizing rules around them (the 2/3 rule, LLaMA's rounding).

Plain:  FFN_act(x)  = act(x W1) W2                        (relu, gelu, swish)
Gated:  FFN_gate(x) = (gate(x W) ⊗ x V) W2                (glu, bilinear, reglu, geglu, swiglu)

Naming map for the gated blocks (all three are the same matrices):
    paper      W          V        W2
    Meta LLaMA w1         w3       w2          self.w2(F.silu(self.w1(x)) * self.w3(x))
    HF         gate_proj  up_proj  down_proj   down_proj(act_fn(gate_proj(x)) * up_proj(x))
Plain blocks own up_proj (W1) and down_proj (W2). Like the paper, LLaMA and PaLM: no biases by default.
"""

from __future__ import annotations

import math

from torch import Tensor, nn

from .activations import GATES, Swish, gated, gelu, relu

PLAIN_VARIANTS = ("relu", "gelu", "swish")
GATED_VARIANTS = ("glu", "bilinear", "reglu", "geglu", "swiglu")
VARIANTS = PLAIN_VARIANTS + GATED_VARIANTS


def is_gated(variant: str) -> bool:
    _check_variant(variant)
    return variant in GATED_VARIANTS


def _check_variant(variant: str) -> None:
    if variant not in VARIANTS:
        raise ValueError(f"unknown FFN variant {variant!r}; choose one of {VARIANTS}")


class FeedForward(nn.Module):
    """One FFN block, `variant` one of VARIANTS; d_model -> d_ff -> d_model.

    beta / learnable_beta only matter for "swish" and "swiglu" (Swish_β; the paper uses β = 1).
    """

    def __init__(
        self,
        d_model: int,
        d_ff: int,
        variant: str = "swiglu",
        bias: bool = False,  # the paper, LLaMA and PaLM use none
        beta: float = 1.0,  # Swish1 in the paper
        learnable_beta: bool = False,
    ):
        super().__init__()
        _check_variant(variant)
        self.variant, self.d_model, self.d_ff = variant, d_model, d_ff
        self.swish = Swish(beta, learnable_beta) if variant in ("swish", "swiglu") else None
        if variant in GATED_VARIANTS:
            self.gate_proj = nn.Linear(d_model, d_ff, bias=bias)  # W  (LLaMA w1)
        self.up_proj = nn.Linear(d_model, d_ff, bias=bias)  # V / W1 (LLaMA w3)
        self.down_proj = nn.Linear(d_ff, d_model, bias=bias)  # W2 (LLaMA w2)

    @property
    def beta(self) -> float:
        if self.swish is None:
            return float("nan")
        b = self.swish.beta
        return float(b.detach()) if isinstance(b, Tensor) else float(b)

    def hidden(self, x: Tensor) -> Tensor:
        """The (..., d_ff) activation that enters down_proj."""
        v = self.variant
        if v == "relu":
            return relu(self.up_proj(x))
        if v == "gelu":
            return gelu(self.up_proj(x))
        if v == "swish":
            return self.swish(self.up_proj(x))
        beta = self.swish.beta if self.swish is not None else 1.0
        return gated(self.gate_proj(x), self.up_proj(x), v, beta)

    def forward(self, x: Tensor) -> Tensor:
        return self.down_proj(self.hidden(x))

    def intermediates(self, x: Tensor) -> dict[str, Tensor]:
        """Every named tensor of one forward pass (for the live-shapes view), detached."""
        out: dict[str, Tensor] = {"x": x}
        if self.variant in GATED_VARIANTS:
            a, b = self.gate_proj(x), self.up_proj(x)
            beta = self.swish.beta if self.swish is not None else 1.0
            out.update({"xW": a, "gate(xW)": GATES[self.variant](a, beta), "xV": b})
        else:
            out["xW1"] = self.up_proj(x)
        out["h"] = self.hidden(x)
        out["y"] = self.down_proj(out["h"])
        return {k: t.detach() for k, t in out.items()}

    def extra_repr(self) -> str:
        return f"variant={self.variant!r}, d_model={self.d_model}, d_ff={self.d_ff}"


def matched_d_ff(d_model: int, variant: str, expansion: float = 4) -> int:
    """Hidden size that keeps parameters and FLOPs equal across variants (Shazeer 2020 §2):
    expansion·d for plain FFNs, int(2/3 · expansion·d) for gated ones (768 -> 3072 / 2048)."""
    hidden = expansion * d_model
    return int(2 * hidden / 3) if is_gated(variant) else int(hidden)


def llama_hidden_dim(dim: int, multiple_of: int = 256, ffn_dim_multiplier: float | None = None) -> int:
    """meta-llama/llama model.py FeedForward sizing: 4096 -> 11008 (7B), 8192 -> 28672 (Llama-2-70B, 1.3, 4096)."""
    hidden = 4 * dim
    hidden = int(2 * hidden / 3)
    if ffn_dim_multiplier is not None:
        hidden = int(ffn_dim_multiplier * hidden)
    return multiple_of * math.ceil(hidden / multiple_of)


def ffn_param_count(d_model: int, d_ff: int, variant: str, bias: bool = False) -> int:
    """Weights (and biases) of one block: 2·d·d_ff plain, 3·d·d_ff gated."""
    n_in = 2 if is_gated(variant) else 1  # input projections
    count = (n_in + 1) * d_model * d_ff
    if bias:
        count += n_in * d_ff + d_model
    return count


def ffn_flops(tokens: int, d_model: int, d_ff: int, variant: str) -> int:
    """Forward matmul FLOPs (a multiply-add counts 2) for `tokens` tokens: 4·T·d·d_ff plain,
    6·T·d·d_ff gated. Elementwise work (activation, product) is O(T·d_ff) and left out."""
    n_mats = 3 if is_gated(variant) else 2
    return 2 * tokens * d_model * d_ff * n_mats
