"""Toy reproduction of Shazeer 2020, "GLU Variants Improve Transformer" (arXiv 2002.05202), Table 1: the eight
FFN variants at matched parameter counts in a tiny character-level transformer (charlm.py), several seeds each.

    python -m swiglu.experiments.glu_variants [--quick] --out results.json [--seeds N] [--steps N]
                                              [--variants relu,swiglu] [--threads 1]

writes {"config": {...}, "runs": [{"variant", "seed", "heldout_loss", "steps", "seconds"}, ...]}. The config
records the model, the training settings and where the numbers came from (command, UTC date, machine).
--quick is a smaller model for fewer steps (a couple of minutes on one core); without it, the run shipped in
assets/glu_variants_full.json (~20-30 minutes on one core).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import math
import os
import platform
import shlex
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import torch

from ..ffn import GATED_VARIANTS, PLAIN_VARIANTS, VARIANTS
from .charlm import CORPUS, CharLMConfig, RunResult, ffn_params, load_corpus, train_run

FULL = CharLMConfig()  # d_model 64, 2 layers, context 64, batch 32, 1,500 steps
QUICK = CharLMConfig(d_model=32, n_head=4, context=32, batch_size=32, steps=300, warmup=30)
SEEDS = (0, 1, 2)  # the issue asks for ≥ 3 seeds; mean ± std over them
SHIPPED = Path(__file__).resolve().parents[2] / "assets" / "glu_variants_full.json"


def machine() -> str:
    """A one-line description of the computer (for the provenance of shipped numbers)."""
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{platform.system()} {platform.machine()}, {cpu or 'unknown CPU'}, {os.cpu_count()} logical CPUs, "
            f"Python {platform.python_version()}, torch {torch.__version__}, {torch.get_num_threads()} torch thread(s)")


def config_dict(cfg: CharLMConfig, seeds: Sequence[int], variants: Sequence[str], quick: bool) -> dict:
    text, vocab = load_corpus()
    return {
        **dataclasses.asdict(cfg),
        "quick": quick,
        "seeds": list(seeds),
        "variants": list(variants),
        "d_ff": {v: cfg.d_ff(v) for v in variants},
        "ffn_params_per_layer": {v: ffn_params(cfg, v) for v in variants},
        "corpus": CORPUS.name,
        "corpus_chars": len(text),
        "vocab_size": len(vocab),
        "loss": "mean next-character cross-entropy in nats on the held-out last 10% of the text",
    }


def run_all(cfg: CharLMConfig, seeds: Sequence[int] = SEEDS, variants: Sequence[str] = VARIANTS,
            on_run: Callable[[RunResult, int, int], None] | None = None,
            should_stop: Callable[[], bool] | None = None) -> list[RunResult]:  # fmt: skip
    """Every (seed, variant) pair, seed-major: after each full seed every variant has the same number of
    runs, so a run stopped early (the app's time budget) still compares like with like."""
    results: list[RunResult] = []
    total = len(seeds) * len(variants)
    for seed in seeds:
        for variant in variants:
            if should_stop is not None and should_stop():
                return results
            results.append(train_run(cfg, variant, seed, should_stop))
            if on_run is not None:
                on_run(results[-1], len(results), total)
    return results


def to_json(cfg: dict, runs: Sequence[RunResult]) -> dict:
    def clean(v: float) -> float | None:
        return v if math.isfinite(v) else None

    return {"config": cfg, "runs": [{"variant": r.variant, "seed": r.seed, "heldout_loss": clean(r.heldout_loss),
                                     "steps": r.steps, "seconds": round(r.seconds, 3)} for r in runs]}


@dataclass(frozen=True)
class Summary:
    variant: str
    mean: float
    std: float  # sample standard deviation over seeds (n − 1), NaN for a single run
    n: int


def summarise(runs: Sequence[dict]) -> dict[str, Summary]:
    """Mean ± std of the held-out loss per variant (runs as in the JSON; diverged runs, None, are left out)."""
    by: dict[str, list[float]] = {}
    for r in runs:
        if r["heldout_loss"] is not None:
            by.setdefault(r["variant"], []).append(r["heldout_loss"])
    order = [v for v in VARIANTS if v in by] + [v for v in by if v not in VARIANTS]
    return {v: Summary(v, statistics.fmean(by[v]), statistics.stdev(by[v]) if len(by[v]) > 1 else float("nan"),
                       len(by[v])) for v in order}  # fmt: skip


def ranking(values: dict[str, float]) -> list[str]:
    """Variants from best (lowest loss) to worst."""
    return sorted(values, key=values.get)


def spearman(a: dict[str, float], b: dict[str, float]) -> float:
    """Spearman rank correlation of two {variant: value} maps over their common variants (no ties expected)."""
    keys = [k for k in a if k in b]
    n = len(keys)
    if n < 2:
        return float("nan")
    ra = {k: i for i, k in enumerate(sorted(keys, key=a.get))}
    rb = {k: i for i, k in enumerate(sorted(keys, key=b.get))}
    d2 = sum((ra[k] - rb[k]) ** 2 for k in keys)
    return 1 - 6 * d2 / (n * (n * n - 1))


def compare_with_paper(summary: dict[str, Summary], paper_loss: dict[str, float]) -> dict:
    """How the toy order relates to the paper's (paper_loss: Table 1 at 65,536 steps, lower is better).

    rho: Spearman rank correlation of the two orders; pairs_won: of the plain × gated pairs, how often the
    gated variant has the lower toy loss (the paper: all 15 of 15); spread: best-to-worst toy gap; noise: the
    median seed std (None with one seed), so spread / noise says whether the order is more than seed noise;
    exceptions: the (gated, plain) pairs the gated variant does not win; near_best: variants within one standard
    deviation of a difference from the best (the top of the order is not resolved among them)."""
    toy = {v: s.mean for v, s in summary.items() if v in paper_loss}
    plain = [v for v in PLAIN_VARIANTS if v in toy]
    gated = [v for v in GATED_VARIANTS if v in toy]
    stds = [summary[v].std for v in toy if math.isfinite(summary[v].std)]
    order = ranking(toy)
    paper_order = ranking({v: paper_loss[v] for v in toy})
    return {
        "toy_order": order,
        "paper_order": paper_order,
        "rho": spearman(toy, paper_loss),
        "best_toy": order[0] if order else None,
        "best_paper": paper_order[0] if paper_order else None,
        "pairs_won": sum(toy[g] < toy[q] for g in gated for q in plain),
        "pairs": len(gated) * len(plain),
        "plain_mean": statistics.fmean(toy[v] for v in plain) if plain else float("nan"),
        "gated_mean": statistics.fmean(toy[v] for v in gated) if gated else float("nan"),
        "spread": (max(toy.values()) - min(toy.values())) if toy else float("nan"),
        "noise": statistics.median(stds) if stds else None,  # None: a single seed, no noise estimate
        "same_best": bool(order) and order[0] == paper_order[0],
        "worst_toy": order[-1] if order else None,
        "worst_paper": paper_order[-1] if paper_order else None,
        # gated variants that do NOT beat a plain one here (the paper has none): (gated, plain) pairs
        "exceptions": [(g, q) for g in gated for q in plain if toy[g] >= toy[q]],
        # variants whose gap to the best is smaller than the std of that difference (σ_best² + σ_v²)^½
        "near_best": [v for v in order[1:] if math.isfinite(summary[v].std) and math.isfinite(summary[order[0]].std)
                      and toy[v] - toy[order[0]] < math.hypot(summary[v].std, summary[order[0]].std)],
    }


def load_shipped(path: Path | None = None) -> dict | None:
    """The shipped full run (assets/glu_variants_full.json), or None if it is missing or unreadable."""
    try:
        return json.loads((path or SHIPPED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m swiglu.experiments.glu_variants", description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="small model, few steps (a couple of minutes)")
    p.add_argument("--out", required=True, help="where to write the JSON results")
    p.add_argument("--seeds", type=int, default=len(SEEDS), help="number of seeds (0, 1, ...)")
    p.add_argument("--steps", type=int, default=None, help="override the number of training steps")
    p.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated FFN variants")
    p.add_argument("--threads", type=int, default=1, help="torch threads (1, as in the app's workers)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    torch.set_num_threads(args.threads)
    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    unknown = [v for v in variants if v not in VARIANTS]
    if unknown or not variants or args.seeds < 1 or (args.steps is not None and args.steps < 1):
        print(f"bad arguments: variants must be among {VARIANTS}, seeds and steps ≥ 1", file=sys.stderr)
        return 2
    cfg = QUICK if args.quick else FULL
    if args.steps is not None:
        cfg = dataclasses.replace(cfg, steps=args.steps, warmup=min(cfg.warmup, max(1, args.steps // 10)))
    seeds = list(range(args.seeds))
    meta = config_dict(cfg, seeds, variants, args.quick)
    argv_list = sys.argv[1:] if argv is None else argv
    meta["provenance"] = {
        "command": "python -m swiglu.experiments.glu_variants " + shlex.join(argv_list),
        "date_utc": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": machine(),
    }
    t0 = time.perf_counter()

    def progress(r: RunResult, i: int, n: int) -> None:
        print(f"[{i:2d}/{n}] {r.variant:8s} seed {r.seed}  held-out {r.heldout_loss:.4f}  {r.steps} steps  "
              f"{r.seconds:.1f} s", file=sys.stderr, flush=True)

    runs = run_all(cfg, seeds, variants, progress)
    meta["provenance"]["wall_seconds"] = round(time.perf_counter() - t0, 1)
    out = to_json(meta, runs)
    Path(args.out).write_text(json.dumps(out, indent=1, allow_nan=False) + "\n", encoding="utf-8")
    for s in summarise(out["runs"]).values():
        print(f"{s.variant:8s} {s.mean:.4f} ± {s.std:.4f} (n={s.n})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
