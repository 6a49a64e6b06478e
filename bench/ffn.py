"""Forward+backward time of FeedForward("swiglu") against (a) the seed article's three-F.linear SwiGLU and
(b) the GEMM-only floor (the same three matmuls and the product, no activation), in the same run.

    python -m bench.ffn [--d-model 512 --tokens 64 --batch 32 --repeats 30]

Prints median times and the ratios ours/(a) and ours/(b). A benchmark, never a pass/fail test: machines here are
shared and noisy, so the three are interleaved round by round and medians are compared.
"""

from __future__ import annotations

import argparse
import statistics
import time

import torch
import torch.nn.functional as F
from torch import nn

from swiglu.ffn import FeedForward, matched_d_ff


class SeedSwiGLU(nn.Module):
    """The seed article's implementation (three bias-free linears; its w2/w3 naming kept)."""

    def __init__(self, w1, w2, w3):
        super().__init__()
        self.w1, self.w2, self.w3 = w1, w2, w3

    def forward(self, x):
        x1 = F.linear(x, self.w1.weight)
        x2 = F.linear(x, self.w2.weight)
        hidden = F.silu(x1) * x2
        return F.linear(hidden, self.w3.weight)


class GemmFloor(nn.Module):
    """The same matmuls with no activation: what any three-matrix gated block must at least cost."""

    def __init__(self, w1, w2, w3):
        super().__init__()
        self.w1, self.w2, self.w3 = w1, w2, w3

    def forward(self, x):
        return F.linear(F.linear(x, self.w1.weight) * F.linear(x, self.w2.weight), self.w3.weight)


def _time(module: nn.Module, x: torch.Tensor) -> float:
    for p in module.parameters():
        p.grad = None
    t0 = time.perf_counter()
    module(x).sum().backward()
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> dict[str, float]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--d-model", type=int, default=512)
    ap.add_argument("--tokens", type=int, default=64)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--repeats", type=int, default=30)
    ap.add_argument("--threads", type=int, default=1, help="torch threads (1 = steadiest on a shared machine)")
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)

    torch.manual_seed(0)
    d_ff = matched_d_ff(args.d_model, "swiglu")
    ours = FeedForward(args.d_model, d_ff, "swiglu")
    seed = SeedSwiGLU(ours.gate_proj, ours.up_proj, ours.down_proj)
    floor = GemmFloor(ours.gate_proj, ours.up_proj, ours.down_proj)
    x = torch.randn(args.batch, args.tokens, args.d_model)
    assert torch.allclose(ours(x), seed(x), atol=1e-5), "implementations disagree"

    runs: dict[str, list[float]] = {"ours": [], "seed": [], "floor": []}
    contenders = {"ours": ours, "seed": seed, "floor": floor}
    for _ in range(3):  # warm-up
        for m in contenders.values():
            _time(m, x)
    for r in range(args.repeats):
        order = list(contenders.items())
        order = order[r % 3 :] + order[: r % 3]  # rotate who goes first
        for name, m in order:
            runs[name].append(_time(m, x))
    med = {k: statistics.median(v) for k, v in runs.items()}
    print(f"FeedForward('swiglu') forward+backward, x = ({args.batch}, {args.tokens}, {args.d_model}), d_ff = {d_ff},"
          f" {args.repeats} interleaved rounds, torch threads = {torch.get_num_threads()}")
    for k, label in (("ours", "FeedForward (swiglu/ffn.py)"), ("seed", "seed article, 3x F.linear"),
                     ("floor", "GEMM-only floor")):
        print(f"  {label:30s} median {med[k] * 1e3:8.2f} ms")
    ratios = {"vs_seed": med["ours"] / med["seed"], "vs_floor": med["ours"] / med["floor"]}
    print(f"  ratio ours / seed  = {ratios['vs_seed']:.3f}   (goal <= 1.00)")
    print(f"  ratio ours / floor = {ratios['vs_floor']:.3f}   (goal <= 1.15)")
    return ratios


if __name__ == "__main__":
    main()
