"""Memory-saving SwiGLU against the eager FeedForward("swiglu"): saved-activation bytes and time, same run.

    python bench/memory.py [--tokens 2048] [--d-model 512] [--repeats 30] [--threads N]

Prints two ratios (memory-saving / eager). Goals from the issue: memory ≤ 0.8, time ≤ 1.1. Nothing here
passes or fails: time on a shared machine is noisy; the memory count is exact (saved_tensors_hooks).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import torch  # noqa: E402

from swiglu.ffn import FeedForward, matched_d_ff  # noqa: E402
from swiglu.memory import MemorySavingSwiGLU, compare_saved_bytes  # noqa: E402


def _step_time(module: torch.nn.Module, x: torch.Tensor, gy: torch.Tensor) -> float:
    t0 = time.perf_counter()
    module(x).backward(gy)  # a dense upstream gradient, as inside a real network
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> dict[str, float]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tokens", type=int, default=2048)
    ap.add_argument("--d-model", type=int, default=512)
    ap.add_argument("--repeats", type=int, default=30)
    ap.add_argument("--threads", type=int, default=0, help="torch threads (0 = torch's default)")
    args = ap.parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    d, n = args.d_model, args.tokens
    d_ff = matched_d_ff(d, "swiglu")

    mem = compare_saved_bytes(d, d_ff, n)
    torch.manual_seed(0)
    eager = FeedForward(d, d_ff, "swiglu")
    saving = MemorySavingSwiGLU.from_feedforward(eager)
    x = torch.randn(n, d, requires_grad=True)
    gy = torch.randn(n, d)
    for m in (eager, saving):  # warm-up
        _step_time(m, x, gy)
    times: dict[str, list[float]] = {"eager": [], "saving": []}
    for _ in range(args.repeats):  # interleaved, so drift on a shared machine hits both alike
        for name, m in (("eager", eager), ("saving", saving)):
            m.zero_grad(set_to_none=True)
            times[name].append(_step_time(m, x, gy))
    t_e, t_s = statistics.median(times["eager"]), statistics.median(times["saving"])
    best_e, best_s = min(times["eager"]), min(times["saving"])

    print(f"shape: tokens={n} d_model={d} d_ff={d_ff} float32, torch threads={torch.get_num_threads()}")
    print(f"saved activation bytes: eager {mem['eager'].total:,}  memory-saving {mem['saving'].total:,}")
    print(f"memory ratio (saving/eager): {mem['ratio']:.3f}   goal <= 0.8")
    print(f"forward+backward median over {args.repeats}: eager {t_e * 1e3:.2f} ms  memory-saving {t_s * 1e3:.2f} ms")
    print(f"time ratio (saving/eager):   {t_s / t_e:.3f}   goal <= 1.1 (noisy, single machine)")
    print(f"time ratio of the fastest runs: {best_s / best_e:.3f}  (less sensitive to other load on the machine)")
    return {"memory_ratio": float(mem["ratio"]), "time_ratio": t_s / t_e, "time_ratio_min": best_s / best_e}


if __name__ == "__main__":
    main()
