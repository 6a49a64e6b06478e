"""The shared worker pool (swiglu/jobs.py): limits, FIFO queue positions, one job per session,
stale jobs, budgets, failures that do not kill the pool, interleaved variants, pause/resume."""

import os
import threading
import time

import pytest
import torch

from swiglu import jobs
from swiglu.jobs import WorkerPool, get_pool
from swiglu.train import TrainConfig, Trainer, predict_grid

torch.set_num_threads(1)
SMALL = TrainConfig(dataset="xor", steps=60, eval_every=20)  # ~60 ms of training
LONG = TrainConfig(dataset="spiral", steps=10**7, max_seconds=60)  # runs until stopped


def wait_for(pred, timeout=10.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(0.01)
    return False


@pytest.fixture
def make_pool():
    pools = []

    def make(workers=1, **kw):
        kw.setdefault("watchdog_every_s", 0.05)
        pools.append(WorkerPool(workers, **kw))
        return pools[-1]

    yield make
    for p in pools:
        p.shutdown()


@pytest.fixture
def gate(monkeypatch):
    """Trainer.advance waits on this event: jobs hold their worker until the test opens the gate.
    Also counts how many jobs are inside advance at once, independently of the pool's own counter."""
    g = threading.Event()
    g.inside, g.peak, lock = 0, 0, threading.Lock()
    original = Trainer.advance

    def advance(self, n, cancel=None):
        with lock:
            g.inside += 1
            g.peak = max(g.peak, g.inside)
        try:
            time.sleep(0.002)  # releases the GIL, so jobs that may overlap do overlap
            while not g.wait(0.01):
                if cancel is not None and cancel.is_set():
                    break
            return original(self, n, cancel)
        finally:
            with lock:
                g.inside -= 1

    monkeypatch.setattr(Trainer, "advance", advance)
    return g


def test_more_jobs_than_workers_queue_and_never_exceed_the_limit(make_pool, gate):
    pool = make_pool(2)
    js = [pool.submit(f"s{i}", [SMALL]) for i in range(5)]
    assert wait_for(lambda: pool.stats()["running"] == 2)
    time.sleep(0.1)
    assert pool.stats() == {"workers": 2, "running": 2, "queued": 3}
    assert [j.status for j in js] == ["running", "running", "queued", "queued", "queued"]
    assert [j.position for j in js] == [0, 0, 1, 2, 3]
    assert js[2].snapshot().position == 1 and js[2].snapshot().progress == 0.0
    gate.set()
    assert all(j.wait(30) for j in js)
    assert [j.status for j in js] == ["done"] * 5
    assert gate.peak == 2 and pool.peak_running == 2  # reached the limit, never more
    starts = [j.started for j in js]
    assert starts[2] <= starts[3] <= starts[4]  # FIFO


def test_queue_positions_shift_when_a_queued_job_is_cancelled(make_pool, gate):
    pool = make_pool(1)
    first = pool.submit("a", [SMALL])
    assert wait_for(lambda: first.status == "running")
    b, c, d = (pool.submit(s, [SMALL]) for s in "bcd")
    assert (b.position, c.position, d.position) == (1, 2, 3)
    c.cancel()
    assert c.status == "cancelled" and c.position == 0 and c.started is None and c.cancel_reason == "user"
    assert (b.position, d.position) == (1, 2)
    gate.set()
    assert d.wait(30) and b.status == d.status == "done" and b.started < d.started


def test_one_job_per_session(make_pool, gate):
    pool = make_pool(1)
    j = pool.submit("me", [SMALL])
    assert pool.submit("me", [SMALL, SMALL]) is j  # repeated clicks: same job, nothing new queued
    assert pool.submit("me", [LONG]) is j
    assert pool.stats()["queued"] + pool.stats()["running"] == 1
    assert pool.job_for("me") is j and pool.job_for("nobody") is None
    gate.set()
    assert j.wait(30) and j.status == "done"
    j2 = pool.submit("me", [SMALL])  # the old one ended: a new run may start
    assert j2 is not j and j2.id != j.id and pool.job_for("me") is j2
    assert j2.wait(30)


def test_stale_job_is_cancelled_and_touched_job_survives(make_pool):
    pool = make_pool(1, stale_after_s=0.3)
    j = pool.submit("tab", [LONG])
    end = time.monotonic() + 1.0
    while time.monotonic() < end:  # a polling page keeps it alive
        j.touch()
        time.sleep(0.05)
    assert j.status == "running"
    t_closed = time.monotonic()  # the tab closes: no more touches
    assert j.wait(5) and j.status == "cancelled" and j.cancel_reason == "stale"
    assert time.monotonic() - t_closed < 0.3 + 1.0
    assert j.records()[-1].status == "cancelled"
    assert wait_for(lambda: pool.stats()["running"] == 0, 2)  # the worker is free again


def test_stale_queued_job_leaves_the_queue(make_pool, gate):
    pool = make_pool(1, stale_after_s=0.3)
    busy = pool.submit("busy", [SMALL])
    queued = pool.submit("gone", [SMALL])
    while not queued.wait(0.05):
        busy.touch()  # only the running job's page is still polling
    assert queued.status == "cancelled" and queued.cancel_reason == "stale" and queued.started is None
    assert pool.stats()["queued"] == 0
    gate.set()
    busy.touch()
    assert busy.wait(30) and busy.status == "done"


def test_failed_job_does_not_kill_the_pool(make_pool, monkeypatch):
    pool = make_pool(1)

    class Exploding(Trainer):
        def __init__(self, cfg, dataset=None):
            if cfg.seed == 666:
                raise RuntimeError("boom in the job")
            super().__init__(cfg, dataset)

    monkeypatch.setattr(jobs, "Trainer", Exploding)
    bad = pool.submit("a", [SMALL, TrainConfig(seed=666)])
    assert bad.wait(30) and bad.status == "failed"
    assert "boom in the job" in bad.error and bad.snapshot().error == bad.error
    good = pool.submit("b", [SMALL])  # the same single worker still serves
    assert good.wait(30) and good.status == "done"
    assert pool.stats()["running"] == 0


def test_cancel_running_job(make_pool):
    pool = make_pool(1)
    j = pool.submit("a", [LONG, LONG])
    assert wait_for(lambda: len(j.records(1)) >= 3)
    j.cancel()
    assert j.wait(5) and j.status == "cancelled"
    assert {r[-1].status for r in j.snapshot().records} == {"cancelled"}
    j.cancel()  # cancelling an ended job is harmless
    assert j.status == "cancelled"


def test_per_job_step_budget(make_pool):
    pool = make_pool(1, max_steps_per_job=60)
    j = pool.submit("a", [TrainConfig(steps=1000, eval_every=25)])
    assert j.wait(30) and j.status == "budget"
    recs = j.records()
    assert recs[-1].step == 60 and recs[-1].status == "budget"


def test_per_job_time_budget(make_pool):
    pool = make_pool(1, max_seconds_per_job=0.3)
    t0 = time.monotonic()
    j = pool.submit("a", [LONG, LONG])
    assert j.wait(10) and j.status == "budget"
    assert time.monotonic() - t0 < 3
    assert [r[-1].status for r in j.snapshot().records] == ["budget", "budget"]


def test_variants_are_interleaved_and_results_match_a_direct_run(make_pool):
    pool = make_pool(1)
    cfgs = [TrainConfig(dataset="spiral", variant=v, steps=160, eval_every=20) for v in ("relu", "swiglu")]
    j = pool.submit("a", cfgs)
    gaps = []
    while not j.wait(0.005):
        recs = j.snapshot().records
        gaps.append(abs(len(recs[0]) - len(recs[1])))
    assert max(gaps) <= 1  # both curves grow together
    assert j.status == "done" and j.snapshot().progress == 1.0
    for cfg, recs in zip(cfgs, j.snapshot().records, strict=True):
        direct = list(Trainer(cfg).run())
        assert [r.train_loss for r in recs] == [r.train_loss for r in direct]  # same code, same numbers


def test_model_snapshot_for_the_heatmap(make_pool):
    pool = make_pool(1)
    j = pool.submit("a", [TrainConfig(dataset="circle", steps=300)])
    assert j.wait(30)
    m = j.model(0)
    assert m is not j.trainers[0].model  # a private copy: the worker may keep training the original
    assert all(torch.equal(a, b) for a, b in zip(m.parameters(), j.trainers[0].model.parameters(), strict=True))
    _, _, p = predict_grid(m, -6, 6, 20)
    assert p.shape == (20, 20) and p.min() < 0.1 and p.max() > 0.9  # a learnt circle


def test_pause_and_resume_with_trainers(make_pool):
    pool = make_pool(1)
    cfgs = [TrainConfig(steps=100, eval_every=20, variant=v) for v in ("relu", "swiglu")]
    j1 = pool.submit("a", cfgs, steps=1)  # "single step"
    assert j1.wait(30) and j1.status == "paused"
    assert [[r.step for r in rs] for rs in j1.snapshot().records] == [[0, 1], [0, 1]]
    j2 = pool.submit("a", cfgs, trainers=j1.trainers)
    assert j2 is not j1 and j2.wait(30) and j2.status == "done"
    steps = [r.step for r in j2.records(1)]
    assert steps[:3] == [0, 1, 21] and steps[-1] == 100


def test_diverged_job_status(make_pool):
    pool = make_pool(1)
    j = pool.submit("a", [SMALL, TrainConfig(optimizer="sgd", lr=1e6, steps=200)])
    assert j.wait(30) and j.status == "diverged"
    assert [r[-1].status for r in j.snapshot().records] == ["done", "diverged"]


def test_workers_use_one_thread(make_pool, monkeypatch):
    seen, original = [], Trainer.advance

    def advance(self, n, cancel=None):
        seen.append(torch.get_num_threads())  # inside the worker thread
        return original(self, n, cancel)

    monkeypatch.setattr(Trainer, "advance", advance)
    torch.set_num_threads(2)
    try:
        pool = make_pool(1)
        assert pool.submit("a", [SMALL]).wait(30)
    finally:
        torch.set_num_threads(1)
    assert seen and set(seen) == {1}


def test_get_pool_is_a_process_wide_singleton():
    pool = get_pool(1)
    try:
        assert get_pool() is pool and get_pool(7) is pool
        assert pool.max_workers == 1
    finally:
        pool.shutdown()
    fresh = get_pool(1)  # a shut-down pool is replaced
    assert fresh is not pool
    fresh.shutdown()
    with pytest.raises(RuntimeError):
        fresh.submit("a", [SMALL])


def test_worker_count_from_the_environment(monkeypatch):
    from swiglu.jobs import default_workers

    monkeypatch.setenv("SWIGLU_TRAIN_WORKERS", "3")
    assert default_workers() == 3
    for bad in ("0", "-2", "many", "1e9", ""):
        monkeypatch.setenv("SWIGLU_TRAIN_WORKERS", bad)
        assert default_workers() == max(1, (os.cpu_count() or 1) - 1)
