"""Published numbers as data: Shazeer 2020, "GLU Variants Improve Transformer" (arXiv 2002.05202) Tables 1-4,
and the FFN sizes of LLaMA (meta-llama/llama model.py) and PaLM (§2), as listed in ../shared/facts.md.

Keys are the FFN variant keys of swiglu.ffn (so colours, labels and legends match every other page).
Only the 65,536-step runs come with a standard deviation (over 5 runs); the 524,288-step runs and the
fine-tuning tables have none, so gaps there cannot be put in units of noise.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

SETUP = {
    "model": "T5-base",
    "d_model": 768,
    "d_ff_plain": 3072,  # ReLU, GELU, Swish: two matrices
    "d_ff_gated": 2048,  # GLU variants: three matrices, d_ff shrunk by 2/3 to keep parameters equal
    "task": "C4 span filling",
    "steps": 524_288,
    "short_steps": 65_536,
    "short_runs": 5,  # runs behind the stated std at 65,536 steps
}


@dataclass(frozen=True)
class Perplexity:
    """Table 1: heldout log-perplexity (lower is better)."""

    short: float  # after 65,536 steps
    short_std: float  # std over runs, 65,536 steps
    long: float  # after 524,288 steps (single run, no std stated)


# Table 1, in the paper's row order
TABLE1: dict[str, Perplexity] = {
    "relu": Perplexity(1.997, 0.005, 1.677),
    "gelu": Perplexity(1.983, 0.005, 1.679),
    "swish": Perplexity(1.994, 0.003, 1.683),
    "glu": Perplexity(1.982, 0.006, 1.663),
    "bilinear": Perplexity(1.960, 0.005, 1.648),
    "geglu": Perplexity(1.942, 0.004, 1.633),
    "swiglu": Perplexity(1.944, 0.010, 1.636),
    "reglu": Perplexity(1.953, 0.003, 1.645),
}


@dataclass(frozen=True)
class FineTune:
    """Tables 2-4: averages on the dev sets after fine-tuning (higher is better)."""

    glue: float
    superglue: float
    squad_em: float
    squad_f1: float


# Tables 2-4, in the paper's row order; "raffel" = Raffel et al. 2019 (the T5 paper's own baseline)
TABLES234: dict[str, FineTune] = {
    "relu": FineTune(83.80, 72.76, 83.18, 90.87),
    "gelu": FineTune(83.86, 72.98, 83.09, 90.79),
    "swish": FineTune(83.60, 72.40, 83.25, 90.76),
    "glu": FineTune(84.20, 73.95, 82.88, 90.69),
    "geglu": FineTune(84.12, 73.96, 83.55, 91.12),
    "bilinear": FineTune(83.79, 73.81, 83.82, 91.06),
    "swiglu": FineTune(84.36, 74.56, 83.42, 91.03),
    "reglu": FineTune(84.67, 73.66, 83.53, 91.18),
    "raffel": FineTune(83.28, 71.36, 80.88, 88.81),
}
TASKS = ("glue", "superglue", "squad_em", "squad_f1")

QUOTE = ("We offer no explanation as to why these architectures seem to work; we attribute their success, "
         "as all else, to divine benevolence.")  # §4


def best_perplexity(long: bool = True) -> str:
    """The variant with the lowest log-perplexity (524,288 steps by default): GEGLU, not SwiGLU."""
    return min(TABLE1, key=lambda k: TABLE1[k].long if long else TABLE1[k].short)


def best_task(task: str) -> str:
    """The best variant of this paper on a fine-tuning task (the Raffel et al. baseline left out)."""
    return max((k for k in TABLES234 if k != "raffel"), key=lambda k: getattr(TABLES234[k], task))


def gap_in_std(a: str, b: str) -> float:
    """(ppl_b − ppl_a) / sqrt(std_a² + std_b²) at 65,536 steps: how many standard deviations of a
    difference between two independent runs separate a from b (positive: a is better)."""
    pa, pb = TABLE1[a], TABLE1[b]
    return (pb.short - pa.short) / math.hypot(pa.short_std, pb.short_std)


def gap_matrix() -> tuple[tuple[str, ...], list[list[float]]]:
    """gap_in_std for every ordered pair (row a, column b)."""
    keys = tuple(TABLE1)
    return keys, [[gap_in_std(a, b) for b in keys] for a in keys]


def min_gap(winners: tuple[str, ...], losers: tuple[str, ...]) -> float:
    """The smallest gap_in_std(a, b) over a in winners, b in losers: how clearly one group beats the other."""
    return min(gap_in_std(a, b) for a in winners for b in losers)


def params_check() -> tuple[int, int]:
    """2·768·3072 (plain) and 3·768·2048 (gated): the same 4,718,592 weights per FFN block."""
    d = SETUP["d_model"]
    return 2 * d * SETUP["d_ff_plain"], 3 * d * SETUP["d_ff_gated"]


# --- LLaMA and PaLM FFN sizes ---
@dataclass(frozen=True)
class LlamaModel:
    name: str
    dim: int
    multiple_of: int = 256
    multiplier: float | None = None
    hidden: int = 0  # the published value, checked against llama_hidden_dim in the tests


LLAMA_MODELS = (
    LlamaModel("LLaMA 7B", 4096, hidden=11008),
    LlamaModel("LLaMA 13B", 5120, hidden=13824),
    LlamaModel("LLaMA 33B", 6656, hidden=17920),
    LlamaModel("LLaMA 65B", 8192, hidden=22016),
    LlamaModel("Llama-2-70B", 8192, multiple_of=4096, multiplier=1.3, hidden=28672),
)


def llama_steps(dim: int, multiple_of: int = 256, multiplier: float | None = None) -> dict[str, float | int]:
    """Every intermediate value of LLaMA's sizing (meta-llama/llama FeedForward); "hidden" is the same
    rule as swiglu.ffn.llama_hidden_dim, spelled out step by step (a test checks they agree)."""
    four = 4 * dim
    two_thirds = int(2 * four / 3)
    scaled = int(multiplier * two_thirds) if multiplier is not None else two_thirds
    hidden = multiple_of * math.ceil(scaled / multiple_of)
    return {"four_d": four, "two_thirds": two_thirds, "scaled": scaled, "hidden": hidden,
            "ratio": hidden / dim, "params": 3 * dim * hidden, "palm_d_ff": palm_d_ff(dim),
            "palm_params": 3 * dim * palm_d_ff(dim)}


def palm_d_ff(d_model: int) -> int:
    """PaLM (§2): SwiGLU with d_ff = 4·d_model, no 2/3 shrink, so 1.5× the weights of a 4·d ReLU FFN."""
    return 4 * d_model
