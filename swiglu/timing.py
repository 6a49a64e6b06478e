"""A live check of the claim "Swish is cheaper to compute than GELU" (made in the seed article, not in
Shazeer 2020): time like against like on the same tensors, on this machine, now: SwiGLU's elementwise step
silu(a)·b against GEGLU's gelu(a)·b, and silu(a) against gelu(a). One matrix product of the same FFN is timed
too, for scale.

The result is a noisy single-machine measurement (other work on the machine, CPU frequency, thread count),
so it is cached once per process and always shown with its tensor size and thread count.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from dataclasses import dataclass

import torch
import torch.nn.functional as F

from .ffn import matched_d_ff

OPS = ("silu_mul", "gelu_mul", "silu", "gelu", "gelu_tanh", "matmul")  # stable keys: i18n labels "timing.op.<key>"


@dataclass(frozen=True)
class Timing:
    tokens: int
    d_model: int
    d_ff: int
    threads: int
    repeats: int
    seconds: dict[str, float]  # op key -> fastest seconds per call over the rounds

    @property
    def elements(self) -> int:
        return self.tokens * self.d_ff

    @property
    def ratio_gated(self) -> float:
        """time(silu(a)·b) / time(gelu(a)·b): SwiGLU's elementwise step against GEGLU's, the same work but
        for the gate function (a gated step against a bare activation would also count the product)."""
        return self.seconds["silu_mul"] / self.seconds["gelu_mul"]

    @property
    def ratio_act(self) -> float:
        """time(silu(a)) / time(gelu(a)): the two activations alone."""
        return self.seconds["silu"] / self.seconds["gelu"]

    @property
    def matmul_share(self) -> float:
        """time(silu(a)·b) / time(x @ W): the elementwise step against one of the FFN's three products."""
        return self.seconds["silu_mul"] / self.seconds["matmul"]


def verdict(ratio: float, tolerance: float = 0.1) -> str:
    """"faster" / "slower" / "similar" for a time ratio (first op / second op); within ±tolerance the
    measurement cannot tell them apart on a shared machine."""
    if ratio < 1 - tolerance:
        return "faster"
    if ratio > 1 + tolerance:
        return "slower"
    return "similar"


def _time(fn: Callable[[], torch.Tensor]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def measure(tokens: int = 512, d_model: int = 512, repeats: int = 25, seed: int = 0) -> Timing:
    """Fastest time per call of each op in OPS over `repeats` rounds. The ops take turns in every round, so
    slow moments of a shared machine hit all of them alike, and the minimum (as timeit advises) is the
    estimate least disturbed by other work. a, b: (tokens, d_ff) float32 with d_ff by the 2/3 rule."""
    d_ff = matched_d_ff(d_model, "swiglu")
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(tokens, d_model, generator=g)
    w = torch.randn(d_model, d_ff, generator=g) / d_model**0.5
    a = torch.randn(tokens, d_ff, generator=g)
    b = torch.randn(tokens, d_ff, generator=g)
    fns: dict[str, Callable[[], torch.Tensor]] = {
        "silu_mul": lambda: F.silu(a) * b,
        "gelu_mul": lambda: F.gelu(a) * b,
        "silu": lambda: F.silu(a),
        "gelu": lambda: F.gelu(a),
        "gelu_tanh": lambda: F.gelu(a, approximate="tanh"),
        "matmul": lambda: x @ w,
    }
    with torch.inference_mode():
        for fn in fns.values():  # warm-up: first calls allocate and pick kernels
            fn()
        samples: dict[str, list[float]] = {k: [] for k in OPS}
        for _ in range(repeats):
            for k in OPS:
                samples[k].append(_time(fns[k]))
    return Timing(tokens, d_model, d_ff, torch.get_num_threads(), repeats,
                  {k: min(v) for k, v in samples.items()})


@functools.lru_cache(maxsize=4)
def measure_cached(tokens: int = 512, d_model: int = 512, repeats: int = 25) -> Timing:
    """measure(), once per process and size: a page shows the same numbers on every rerun."""
    return measure(tokens, d_model, repeats)
