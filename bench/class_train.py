"""A whole class presses Train within a few seconds (issue 17): the shared scheduler of swiglu/jobs.py against
a one-job-at-a-time FIFO pool (the design before issue 17), on the same mix of jobs, in the same run.

    python -m bench.class_train [--students 60] [--within 5] [--steps 1000] [--engines] [--no-baseline]

In process, no server: the scheduler is what is measured (bench/load.py drives the real server). Each
simulated student submits at a random moment within `--within` s, as pages/train.py would (its paced
submit), and a poller thread does what the students' pages do (snapshot every 0.2 s, a decision-boundary
model copy and 40x40 grid per job every 1 s), so the GIL is shared as in the server. The mix: half the
students keep the page's defaults (circle, ReLU + SwiGLU, Adam 0.003, width 16), the rest pick their own
dataset, 1-3 variants, learning rate and width (seeded, the same mix for both pools).

Prints: time from Train to the first curve point (the step-0 record) and to the first trained point, p50 /
p95; time to finish p50 / p95 / max; process CPU; speed-up = baseline makespan / scheduler makespan (goal
≥ 8x, last done ≤ 30 s, first point p95 ≤ 2 s). --engines also times one training step of B stacked default
runs: hand-stacked bmm (swiglu/batched.py) vs torch.func (stack_module_state + functional_call + vmap) vs B
separate nn.Module + torch.optim steps. A benchmark, not a test: the machine is shared; ratios are what count.
"""

from __future__ import annotations

import argparse
import copy
import random
import sys
import threading
import time
from collections import deque
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from swiglu import batched, jobs  # noqa: E402
from swiglu.data import DATASETS  # noqa: E402
from swiglu.ffn import VARIANTS  # noqa: E402
from swiglu.train import TrainConfig, Trainer, build_model, predict_grid  # noqa: E402
from ui.training import PACE_STEPS_PER_S  # noqa: E402

POLL_S, BOUNDARY_S = 0.2, 1.0  # ui/training.py: CURVES_EVERY_S, BOUNDARY_S_PER_VARIANT x 2


def class_mix(n: int, steps: int, seed: int = 0) -> list[list[TrainConfig]]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        if i % 2 == 0:
            out.append([TrainConfig(variant=v, steps=steps) for v in ("relu", "swiglu")])
            continue
        common = dict(dataset=rng.choice(list(DATASETS)), lr=rng.choice([0.001, 0.003, 0.01, 0.03]),
                      width=rng.choice([8, 16, 24, 32]), seed=rng.randrange(5), steps=steps)  # fmt: skip
        out.append([TrainConfig(variant=v, **common) for v in rng.sample(VARIANTS, rng.randint(1, 3))])
    return out


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(q * (len(xs) - 1))))]


# ---------------------------------------------------------------- the pool before issue 17
class FifoPool:
    """One worker, FIFO: each job trains all its variants (round robin, chunks of eval_every) to the end, with
    nn.Module + torch.optim as swiglu/train.py did before batched.py, then the next job starts."""

    def __init__(self):
        self.queue: deque = deque()
        self.cv = threading.Condition()
        self.closed = False
        self.thread = threading.Thread(target=self._work, daemon=True)
        self.thread.start()

    def submit(self, cfgs):
        job = _FifoJob(cfgs)
        with self.cv:
            self.queue.append(job)
            self.cv.notify()
        return job

    def close(self):
        with self.cv:
            self.closed = True
            self.cv.notify()
        self.thread.join(5)  # a thread still in torch at interpreter exit aborts the process

    def _work(self):
        torch.set_num_threads(1)
        while True:
            with self.cv:
                while not self.queue and not self.closed:
                    self.cv.wait()
                if self.closed:
                    return
                job = self.queue.popleft()
            runs = [_OldRun(c) for c in job.configs]
            for i, r in enumerate(runs):
                job.publish(i, r.record(), r.model)
            while any(r.step < r.cfg.steps for r in runs):
                for i, r in enumerate(runs):
                    if r.step < r.cfg.steps:
                        r.advance(r.cfg.eval_every)
                        job.publish(i, r.record(), r.model)
            job.finish()


class _OldRun:
    def __init__(self, cfg):
        self.cfg, self.step = cfg, 0
        self.data = Trainer(cfg).data
        self.model = build_model(cfg)
        opt = torch.optim.Adam if cfg.optimizer == "adam" else torch.optim.SGD
        self.opt = opt(self.model.parameters(), lr=cfg.lr)

    def _loss(self, out, y):
        return F.binary_cross_entropy_with_logits(out, y) if self.data.kind == "classification" else F.mse_loss(out, y)

    def advance(self, n):
        for _ in range(min(n, self.cfg.steps - self.step)):
            loss = self._loss(self.model(self.data.x_train), self.data.y_train)
            self.opt.zero_grad(set_to_none=True)
            loss.backward()
            self.opt.step()
            self.step += 1

    @torch.no_grad()
    def record(self):
        return (self.step, self._loss(self.model(self.data.x_train), self.data.y_train).item(),
                self._loss(self.model(self.data.x_test), self.data.y_test).item())  # fmt: skip


class _FifoJob:
    def __init__(self, configs):
        self.configs, self.lock, self.recs = configs, threading.Lock(), [[] for _ in configs]
        self.states = [None] * len(configs)
        self.active, self.done = True, threading.Event()

    def publish(self, i, rec, model):
        state = {k: v.detach().clone() for k, v in model.state_dict().items()}
        with self.lock:
            self.recs[i].append(rec)
            self.states[i] = state

    def steps_seen(self):
        with self.lock:
            return [r[-1][0] if r else None for r in self.recs]

    def model(self, i):
        with self.lock:
            state = self.states[i]
        if state is None:
            return None
        m = build_model(self.configs[i])
        m.load_state_dict(state)
        return m

    def finish(self):
        self.active = False
        self.done.set()


# ---------------------------------------------------------------- one class, either pool
def steps_seen(job) -> list:
    if isinstance(job, _FifoJob):
        return job.steps_seen()
    job.touch()
    return [r[-1].step if r else None for r in job.snapshot().records]


def run_class(mix, within: float, submit, rng_seed: int = 1) -> dict:
    rng = random.Random(rng_seed)
    offsets = sorted(rng.uniform(0, within) for _ in mix)
    n = len(mix)
    t_submit, t_first, t_trained, t_done = [None] * n, [None] * n, [None] * n, [None] * n
    handles = [None] * n
    stop = threading.Event()

    def poller():  # what the students' pages cost the server: snapshots, and a boundary grid now and then
        torch.set_num_threads(1)
        last_boundary = 0.0
        while not stop.is_set():
            now = time.perf_counter()
            draw = now - last_boundary >= BOUNDARY_S
            for k, job in enumerate(handles):
                if job is None or t_done[k] is not None:
                    continue
                seen = steps_seen(job)
                if t_first[k] is None and all(s is not None for s in seen):
                    t_first[k] = now
                if t_trained[k] is None and any(s for s in seen):
                    t_trained[k] = now
                if not job.active:
                    t_done[k] = now
                elif draw:
                    m = job.model(0)
                    if m is not None:
                        predict_grid(m, -6, 6, 40)
            if draw:
                last_boundary = now
            time.sleep(POLL_S / 4)

    cpu0, t0 = time.process_time(), time.perf_counter()
    th = threading.Thread(target=poller, daemon=True)
    th.start()
    for k, (off, cfgs) in enumerate(zip(offsets, mix, strict=True)):
        time.sleep(max(0.0, t0 + off - time.perf_counter()))
        t_submit[k] = time.perf_counter()
        handles[k] = submit(f"student{k}", cfgs)
    while any(d is None for d in t_done):
        time.sleep(0.05)
    stop.set()
    th.join()
    cpu = time.process_time() - cpu0
    first = [f - s for f, s in zip(t_first, t_submit, strict=True)]
    trained = [f - s for f, s in zip(t_trained, t_submit, strict=True) if f is not None]
    finish = [d - s for d, s in zip(t_done, t_submit, strict=True)]
    return {"first": first, "trained": trained, "finish": finish, "cpu": cpu,
            "makespan": max(t_done) - min(t_submit), "handles": handles}  # fmt: skip


def show(name: str, r: dict) -> None:
    f, tr, d = r["first"], r["trained"], r["finish"]
    print(f"{name}: first point p50 {pct(f, .5):.2f} s p95 {pct(f, .95):.2f} s; first trained point p50 "
          f"{pct(tr, .5):.2f} s p95 {pct(tr, .95):.2f} s; finish p50 {pct(d, .5):.1f} s p95 {pct(d, .95):.1f} s "
          f"max {max(d):.1f} s; makespan {r['makespan']:.1f} s; process CPU {r['cpu']:.1f} s", flush=True)  # fmt: skip


# ---------------------------------------------------------------- engines: one step of B stacked runs
def _engines(B: int) -> dict:
    """One default training step of B runs, three ways."""
    from torch.func import functional_call, grad, stack_module_state, vmap

    lr = TrainConfig().lr
    ts = [Trainer(TrainConfig(seed=s)) for s in range(B)]
    stack = batched.Stack(ts)

    def hand():
        x, y = stack.batch()
        stack.losses(stack.forward(x), y).sum().backward()
        stack.update()

    models = [build_model(TrainConfig(seed=s)) for s in range(B)]
    params, bufs = stack_module_state(models)
    base = copy.deepcopy(models[0]).to("meta")
    xs, ys = torch.stack([t.data.x_train for t in ts]), torch.stack([t.data.y_train for t in ts])
    m = {k: torch.zeros_like(v) for k, v in params.items()}
    v2 = {k: torch.zeros_like(v) for k, v in params.items()}

    def loss_fn(p, b, x, y):
        return F.binary_cross_entropy_with_logits(functional_call(base, (p, b), (x,)), y)

    per_run_grad = vmap(grad(loss_fn))

    def func():
        g = per_run_grad(params, bufs, xs, ys)
        with torch.no_grad():
            for k, p in params.items():  # Adam without bias correction: the same work as batched.Stack.update
                m[k].lerp_(g[k], 0.1)
                v2[k].mul_(0.999).addcmul_(g[k], g[k], value=0.001)
                p.sub_(lr * m[k] / (v2[k].sqrt() + 1e-8))

    olds = [_OldRun(TrainConfig(seed=s)) for s in range(B)]

    def separate():
        for r in olds:
            r.advance(1)

    return {"hand-stacked": hand, "torch.func vmap": func, "separate modules": separate}


def time_engines(sizes=(1, 8, 60), reps=30) -> None:
    torch.set_num_threads(1)
    print("one training step of B default runs (swiglu, width 16, 250 points), ms per step:")
    for B in sizes:
        row = []
        for name, fn in _engines(B).items():
            fn()
            t0 = time.perf_counter()
            for _ in range(reps):
                fn()
            row.append(f"{name} {1000 * (time.perf_counter() - t0) / reps:7.2f}")
        print(f"  B = {B:3d}: " + "   ".join(row), flush=True)


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--students", type=int, default=60)
    ap.add_argument("--within", type=float, default=5.0)
    ap.add_argument("--steps", type=int, default=1000)
    ap.add_argument("--engines", action="store_true")
    ap.add_argument("--no-baseline", dest="baseline", action="store_false")
    args = ap.parse_args(argv)
    torch.set_num_threads(1)
    if args.engines:
        time_engines()
    mix = class_mix(args.students, args.steps)
    runs = sum(len(c) for c in mix)
    print(f"{args.students} students within {args.within:.0f} s, {runs} runs of {args.steps} steps "
          f"({len(set(c for cfgs in mix for c in cfgs))} distinct configurations)", flush=True)  # fmt: skip
    pool = jobs.WorkerPool(1)
    try:
        new = run_class(mix, args.within, lambda sid, cfgs: pool.submit(sid, cfgs, pace=PACE_STEPS_PER_S))
    finally:
        pool.shutdown()
    show("scheduler (fair rounds, stacks)", new)
    print(f"  {pool.rounds} rounds; statuses {sorted({j.status for j in new['handles']})}", flush=True)
    out = {"new": new}
    if args.baseline:
        fifo = FifoPool()
        try:
            old = run_class(mix, args.within, lambda sid, cfgs: fifo.submit(cfgs))
        finally:
            fifo.close()
        show("baseline (one job at a time, FIFO)", old)
        speed = old["makespan"] / new["makespan"]
        print(f"speed-up (makespan) {speed:.1f}x (goal >= 8); CPU baseline / scheduler "
              f"{old['cpu'] / new['cpu']:.1f}x", flush=True)  # fmt: skip
        out["old"], out["speedup"] = old, speed
    print(f"goals: first point p95 {pct(new['first'], .95):.2f} s (<= 2), last done {max(new['finish']):.1f} s (<= 30)")
    return out


if __name__ == "__main__":
    main()
