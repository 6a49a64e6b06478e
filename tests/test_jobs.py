"""The shared scheduler (swiglu/jobs.py): admission cap and queue positions, one job per session, stale
jobs, budgets, failures that do not kill the pool, pause/resume; fair rounds (no job starves, first records
within a round), batched training with the numbers of solo runs, isolation inside a stack (NaN, cancel,
budget), identical configurations trained once, TaskJobs taking turns."""

import dataclasses
import os
import time

import pytest
import torch

from swiglu import batched, jobs
from swiglu.ffn import VARIANTS
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
        kw.setdefault("stale_after_s", 600.0)  # nothing polls these jobs; a busy machine must not make them stale
        pools.append(WorkerPool(workers, **kw))
        return pools[-1]

    yield make
    for p in pools:
        p.shutdown()


@pytest.fixture
def stacks(monkeypatch):
    """Every stack the scheduler trains: the list of its runs' configs (to prove runs really were batched)."""
    seen, original = [], batched.advance_together

    def spy(trainers, ks, cancels=None, on_leave=None):
        seen.append([t.cfg for t in trainers])
        return original(trainers, ks, cancels, on_leave)

    monkeypatch.setattr(jobs.batched, "advance_together", spy)
    return seen


def solo(cfg: TrainConfig) -> list:
    return list(Trainer(cfg).run())


def assert_same_curve(recs, ref) -> None:
    """Issue 17's bar: losses within 1e-5 relative at every recorded step, identical accuracies."""
    assert [r.step for r in recs] == [r.step for r in ref]
    for a, b in zip(recs, ref, strict=True):
        for x, y in ((a.train_loss, b.train_loss), (a.test_loss, b.test_loss)):
            assert abs(x - y) <= 1e-5 * abs(y), (a, b)
        assert (a.train_accuracy, a.test_accuracy, a.status) == (b.train_accuracy, b.test_accuracy, b.status)


# ---------------- admission, sessions, heartbeat, failures ----------------
def test_past_the_admission_cap_jobs_queue_fifo_with_positions(make_pool):
    pool = make_pool(1, max_active=2)
    js = [pool.submit(f"s{i}", [LONG]) for i in range(5)]
    assert pool.stats() == {"workers": 1, "running": 2, "queued": 3}
    assert [j.status for j in js] == ["running", "running", "queued", "queued", "queued"]
    assert [j.position for j in js] == [0, 0, 1, 2, 3]
    assert js[2].snapshot().position == 1 and js[2].snapshot().progress == 0.0
    assert wait_for(lambda: len(js[1].records()) >= 2)  # both admitted jobs train at once
    assert len(js[0].records()) >= 2
    js[0].cancel()
    assert wait_for(lambda: js[2].status == "running") and js[3].position == 1  # FIFO: the next one moves up
    for j in js:
        j.cancel()
    assert all(j.wait(10) for j in js) and pool.peak_running == 2  # never more than the cap


def test_queue_positions_shift_when_a_queued_job_is_cancelled(make_pool):
    pool = make_pool(1, max_active=1)
    first = pool.submit("a", [LONG])
    b, c, d = (pool.submit(s, [SMALL]) for s in "bcd")
    assert (b.position, c.position, d.position) == (1, 2, 3)
    c.cancel()
    assert c.status == "cancelled" and c.position == 0 and c.started is None and c.cancel_reason == "user"
    assert (b.position, d.position) == (1, 2)
    first.cancel()
    assert d.wait(30) and b.status == d.status == "done" and b.started <= d.started


def test_one_job_per_session(make_pool):
    pool = make_pool(1)
    j = pool.submit("me", [LONG])
    assert pool.submit("me", [SMALL, SMALL]) is j  # repeated clicks: same job, nothing new started
    assert pool.submit("me", [LONG]) is j
    assert pool.stats()["queued"] + pool.stats()["running"] == 1
    assert pool.job_for("me") is j and pool.job_for("nobody") is None
    j.cancel()
    assert j.wait(30) and j.status == "cancelled"
    j2 = pool.submit("me", [SMALL])  # the old one ended: a new run may start
    assert j2 is not j and j2.id != j.id and pool.job_for("me") is j2
    assert j2.wait(30) and j2.status == "done"


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
    assert wait_for(lambda: pool.stats()["running"] == 0, 2)  # its place is free again


def test_stale_queued_job_leaves_the_queue(make_pool):
    pool = make_pool(1, stale_after_s=0.3, max_active=1)
    busy = pool.submit("busy", [LONG])
    queued = pool.submit("gone", [SMALL])
    while not queued.wait(0.05):
        busy.touch()  # only the running job's page is still polling
    assert queued.status == "cancelled" and queued.cancel_reason == "stale" and queued.started is None
    assert pool.stats()["queued"] == 0
    busy.cancel()
    assert busy.wait(10)


def test_failed_job_does_not_kill_the_pool(make_pool, monkeypatch):
    pool = make_pool(1)

    class Exploding(Trainer):
        def __init__(self, cfg, dataset=None):
            if cfg.seed == 666:
                raise RuntimeError("boom in the job")
            super().__init__(cfg, dataset)

    monkeypatch.setattr(jobs, "Trainer", Exploding)
    other = pool.submit("c", [LONG])
    bad = pool.submit("a", [SMALL, TrainConfig(seed=666)])
    assert bad.wait(30) and bad.status == "failed"
    assert "boom in the job" in bad.error and bad.snapshot().error == bad.error
    good = pool.submit("b", [SMALL])  # the scheduler still serves, and the other job still runs
    assert good.wait(30) and good.status == "done" and other.status == "running"
    other.cancel()
    assert other.wait(10) and wait_for(lambda: pool.stats()["running"] == 0, 2)


def test_an_error_inside_a_stack_fails_only_that_stack(make_pool, monkeypatch):
    pool = make_pool(1)
    original = batched.advance_together

    def fragile(trainers, ks, cancels=None, on_leave=None):
        if any(t.cfg.variant == "gelu" for t in trainers):
            raise RuntimeError("boom in a stack")
        return original(trainers, ks, cancels, on_leave)

    monkeypatch.setattr(jobs.batched, "advance_together", fragile)
    bad = pool.submit("a", [TrainConfig(variant="gelu", steps=100)])
    good = pool.submit("b", [TrainConfig(variant="relu", steps=100)])
    assert bad.wait(30) and good.wait(30)
    assert bad.status == "failed" and "boom in a stack" in bad.error and good.status == "done"


def test_cancel_running_job(make_pool):
    pool = make_pool(1)
    j = pool.submit("a", [LONG, TrainConfig(dataset="spiral", variant="relu", steps=10**7, max_seconds=60)])
    assert wait_for(lambda: len(j.records(1)) >= 3)
    t0 = time.monotonic()
    j.cancel()
    assert j.wait(5) and j.status == "cancelled"
    assert time.monotonic() - t0 < 1.0  # acts between two stacks, not at the end of a round
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


# ---------------- fairness ----------------
def test_every_admitted_job_advances_every_round_and_none_starves(make_pool, monkeypatch):
    """Rounds, not a queue: after each round, every job that still has steps has a new record; a job
    submitted while the others train has its first record within one round."""
    pool = make_pool(1)
    shapes = [dict(variant="relu"), dict(variant="swiglu", width=8), dict(variant="bilinear", depth=1),
              dict(variant="gelu", batch_size=32), dict(variant="swish", learnable_beta=True)]
    js = [pool.submit(f"s{i}", [TrainConfig(dataset="spiral", steps=400, seed=i, **shape)])
          for i, shape in enumerate(shapes * 2)]  # fmt: skip
    counts: list[list[int]] = []
    original = pool._round

    def round_and_count(lane):
        worked = original(lane)
        counts.append([len(j.records()) for j in js])
        return worked

    monkeypatch.setattr(pool, "_round", round_and_count)
    assert wait_for(lambda: len(counts) >= 4, 30)
    rounds_then = pool.rounds
    late = pool.submit("late", [TrainConfig(dataset="circle", variant="geglu", steps=400)])
    assert wait_for(lambda: late.records(), 30)
    assert pool.rounds <= rounds_then + 1  # its step-0 record came within the round that was running
    assert all(j.wait(120) for j in js + [late])
    assert all(j.status == "done" for j in js + [late])  # nobody starved
    for before, after in zip(counts[1:], counts[2:], strict=False):
        moving = [i for i, j in enumerate(js) if after[i] < len(j.records())]  # not yet at its last record
        assert all(after[i] > before[i] for i in moving), (before, after)


def test_a_new_job_is_trained_in_the_next_stack_however_busy_the_pool(make_pool, monkeypatch):
    """A class of many shapes makes a round long: a job submitted meanwhile has its first trained record after
    at most the stack that was running (its run goes first), not after the rest of the round and all the
    other shapes of the next one; its records stay those of a solo run."""
    chunks, original = [], batched.advance_together  # the configs of each stack that trains (not the step-0 calls)

    def spy(trainers, ks, cancels=None, on_leave=None):
        if any(ks):
            chunks.append([t.cfg for t in trainers])
        return original(trainers, ks, cancels, on_leave)

    monkeypatch.setattr(jobs.batched, "advance_together", spy)
    pool = make_pool(1)
    busy = [pool.submit(f"s{i}", [TrainConfig(dataset="spiral", width=w, depth=d, steps=10**6, max_seconds=60)])
            for i, (w, d) in enumerate([(w, d) for w in (8, 12, 16, 20) for d in (1, 2)])]  # fmt: skip
    assert wait_for(lambda: all(len(j.records()) >= 3 for j in busy), 60)  # a few rounds of 8 stacks each
    cfg = TrainConfig(dataset="circle", variant="geglu", steps=100)  # a shape of its own: a group of its own
    before = len(chunks)
    late = pool.submit("late", [cfg])
    assert wait_for(lambda: any(r.step > 0 for r in late.records()), 30)
    first = next(n for n, s in enumerate(chunks) if cfg in s)
    # The stack running at submit, perhaps one more that started while the job was being admitted, then the
    # job's. Without the priority: the rest of the round, then the 8 busy stacks of the next round.
    assert first - before <= 2, first - before
    assert late.wait(30) and late.status == "done"
    assert_same_curve(late.records(), solo(cfg))
    for j in busy:
        j.cancel()
    assert all(j.wait(10) for j in busy)


def test_a_task_takes_turns_with_training(make_pool):
    """TaskJobs (the dead-ReLU lab, the toy reproduction) advance in every round too, beside training."""
    pool = make_pool(1, task_slice_s=0.01)
    train = pool.submit("trainer", [LONG])
    turns = []

    def task(job):
        n = 0
        while not job.should_stop():
            n += 1
            time.sleep(0.002)  # a slice of work
            job.report(0.5, n)
            turns.append((n, len(train.records())))
        return n

    t = pool.submit_task("tasker", task, kind="demo")
    assert wait_for(lambda: len(train.records()) >= 8 and len(turns) >= 20, 30)
    records_seen = {r for _, r in turns}
    assert len(records_seen) >= 3  # the task ran between several chunks of training, not before or after them
    t.cancel()
    assert t.wait(10) and t.status == "cancelled" and train.status == "running"
    train.cancel()
    assert train.wait(10)


# ---------------- batching: same numbers, isolation ----------------
@pytest.mark.parametrize("learnable", [False, True])
def test_runs_in_a_stack_have_the_numbers_of_solo_runs(make_pool, stacks, learnable):
    """Every variant, with β fixed (β = 1 and β ≠ 1) or learnable, Adam and SGD, full batch and minibatches,
    several students per shape: trained by the pool in stacks, compared with Trainer(cfg).run() alone."""
    pool = make_pool(1)
    cfgs = []
    for v in VARIANTS:  # pairs of students with one shape: (Adam, full batch, β ≠ 1), (SGD, minibatches, β = 1)
        for k in range(4):
            cfgs.append(TrainConfig(dataset=("spiral", "circle", "xor", "gauss")[k], variant=v, seed=k, steps=150,
                                    beta=(1.7, 0.5, 1.0, 1.0)[k], learnable_beta=learnable,
                                    lr=(0.003, 0.01, 0.1, 0.3)[k], optimizer="sgd" if k >= 2 else "adam",
                                    batch_size=64 if k >= 2 else 250))
    js = [pool.submit(f"s{i}", [c]) for i, c in enumerate(cfgs)]
    assert all(j.wait(120) for j in js)
    assert max(len(s) for s in stacks) >= 2  # some runs really were trained together
    for j, cfg in zip(js, cfgs, strict=True):
        assert j.status == "done"
        assert_same_curve(j.records(), solo(cfg))


def test_a_diverging_run_leaves_its_stack_without_touching_the_others(make_pool, stacks, monkeypatch):
    """NaN (poisoned data) and a loss grown 1000x (SGD at lr 1e6) in the same stack as healthy runs."""

    class Poisoned(Trainer):
        def _batch(self):  # a NaN in the 60th minibatch of seed 13: the loss turns NaN inside a stack
            x, y = super()._batch()
            if self.cfg.seed == 13 and self.step == 60:
                x = x.clone()
                x[0, 1] = float("nan")
            return x, y

    monkeypatch.setattr(jobs, "Trainer", Poisoned)
    pool = make_pool(1)
    mini = dict(optimizer="sgd", batch_size=64, steps=200)
    healthy = [TrainConfig(lr=0.1 * (k + 1), seed=k, **mini) for k in range(3)]
    nan = TrainConfig(lr=0.1, seed=13, **mini)
    huge = TrainConfig(lr=30.0, seed=4, **mini)
    js = [pool.submit(f"s{i}", [c]) for i, c in enumerate([*healthy, nan, huge])]
    assert all(j.wait(60) for j in js)
    assert any(len(s) == 5 for s in stacks)  # all five shared one stack
    assert [j.status for j in js] == ["done"] * 3 + ["diverged", "diverged"]
    nan_steps = [r.step for r in js[3].records()]
    # it left at its own step, with a record at each step of its last chunk (then the diverged one at 60)
    assert nan_steps == [0, 25, 50, *range(51, 61), 60] and js[3].records()[-1].status == "diverged"
    for j, cfg in zip(js, healthy, strict=False):
        assert_same_curve(j.records(), solo(cfg))


def test_cancel_and_budget_inside_a_stack_leave_the_others_untouched(make_pool, stacks):
    pool = make_pool(1)
    keep = [TrainConfig(dataset="spiral", seed=k, steps=600) for k in range(2)]
    short_budget = TrainConfig(dataset="spiral", seed=7, steps=10**7, max_seconds=0.3)  # its own compute budget
    js = [pool.submit(f"k{k}", [c]) for k, c in enumerate(keep)]
    budget = pool.submit("budget", [short_budget])
    leaver = pool.submit("leaver", [TrainConfig(dataset="spiral", seed=9, steps=10**6)])
    assert wait_for(lambda: len(leaver.records()) >= 3)
    leaver.cancel()
    assert leaver.wait(10) and leaver.status == "cancelled" and leaver.records()[-1].status == "cancelled"
    assert all(j.wait(60) for j in js) and budget.wait(60)
    assert budget.status == "budget" and budget.records()[-1].status == "budget"
    assert max(len(s) for s in stacks) >= 3
    for j, cfg in zip(js, keep, strict=True):
        assert j.status == "done"
        assert_same_curve(j.records(), solo(cfg))


def test_a_new_job_joins_the_running_stack(make_pool, stacks):
    pool = make_pool(1)
    first = pool.submit("a", [TrainConfig(dataset="spiral", seed=1, steps=10**6)])
    assert wait_for(lambda: len(first.records()) >= 3)
    second = pool.submit("b", [TrainConfig(dataset="spiral", seed=2, steps=200)])
    assert second.wait(30) and second.status == "done"
    assert any(len(s) == 2 for s in stacks)
    first.cancel()
    assert first.wait(10)
    assert_same_curve(second.records(), solo(second.configs[0]))


def test_identical_configurations_train_once_and_share_the_result(make_pool, monkeypatch):
    built = []

    class Counted(Trainer):
        def __init__(self, cfg, dataset=None):
            built.append(cfg)
            super().__init__(cfg, dataset)

    monkeypatch.setattr(jobs, "Trainer", Counted)
    pool = make_pool(1)
    cfg = TrainConfig(dataset="spiral", steps=400)
    a = pool.submit("a", [cfg])
    assert wait_for(lambda: len(a.records()) >= 3)
    b = pool.submit("b", [cfg])  # joins a's run: it sees a's past at once
    c = pool.submit("c", [cfg])
    assert wait_for(lambda: len(b.records()) >= 3) and b.trainers[0] is a.trainers[0]
    c.cancel()  # c leaves: a private copy stops, a and b train on
    assert c.wait(10) and c.status == "cancelled" and c.trainers[0] is not a.trainers[0]
    assert a.wait(60) and b.wait(60) and a.status == b.status == "done"
    assert built == [cfg]  # trained once
    ref = solo(cfg)
    assert_same_curve(a.records(), ref)
    assert_same_curve(b.records(), ref)
    steps = [r.step for r in c.records()]
    assert c.records()[-1].status == "cancelled" and steps == sorted(steps)


def test_a_step_job_never_shares(make_pool):
    pool = make_pool(1)
    cfg = TrainConfig(steps=100)
    a = pool.submit("a", [cfg])
    b = pool.submit("b", [cfg], steps=1)
    assert b.wait(30) and b.status == "paused" and [r.step for r in b.records()] == [0, 1]
    assert b.trainers[0] is not a.trainers[0]
    assert a.wait(30) and a.status == "done"


def test_variants_grow_together_and_results_match_a_direct_run(make_pool):
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
        assert [r.train_loss for r in recs] == [r.train_loss for r in solo(cfg)]  # same code, same numbers


def test_pace_delays_chunks_but_keeps_the_record_steps(make_pool):
    pool = make_pool(1)
    cfg = TrainConfig(steps=100, eval_every=25)
    t0 = time.monotonic()
    j = pool.submit("a", [cfg], pace=200.0)
    assert j.wait(30) and j.status == "done"
    assert time.monotonic() - t0 >= 0.45  # 100 steps at 200 steps/s
    assert_same_curve(j.records(), solo(cfg))


def test_model_snapshot_for_the_heatmap(make_pool):
    pool = make_pool(1)
    j = pool.submit("a", [TrainConfig(dataset="circle", steps=300)])
    assert j.wait(30)
    m = j.model(0)
    assert m is not j.trainers[0].model  # a private copy: the scheduler may keep training the original
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
    j = pool.submit("a", [SMALL, TrainConfig(optimizer="sgd", lr=1e6, steps=200),
                          TrainConfig(optimizer="adam", lr=10.0, variant="bilinear", steps=200)])  # fmt: skip
    assert j.wait(30) and j.status == "diverged"
    assert [r[-1].status for r in j.snapshot().records] == ["done", "diverged", "diverged"]


def test_scheduler_uses_one_thread(make_pool, monkeypatch):
    seen, original = [], batched.advance_together

    def spy(trainers, ks, cancels=None, on_leave=None):
        seen.append(torch.get_num_threads())  # inside the scheduler thread
        return original(trainers, ks, cancels, on_leave)

    monkeypatch.setattr(jobs.batched, "advance_together", spy)
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


def test_worker_count_and_admission_cap_from_the_environment(monkeypatch):
    from swiglu.jobs import default_max_active, default_workers

    monkeypatch.setenv("SWIGLU_TRAIN_WORKERS", "3")
    monkeypatch.setenv("SWIGLU_MAX_ACTIVE_JOBS", "5")
    assert default_workers() == 3 and default_max_active() == 5
    for bad in ("0", "-2", "many", "1e9", ""):
        monkeypatch.setenv("SWIGLU_TRAIN_WORKERS", bad)
        monkeypatch.setenv("SWIGLU_MAX_ACTIVE_JOBS", bad)
        assert default_workers() == max(1, (os.cpu_count() or 1) - 1) and default_max_active() == 64


def test_two_lanes_never_drive_one_run(make_pool):
    pool = make_pool(2)
    cfg = TrainConfig(steps=300)
    js = [pool.submit(f"s{i}", [cfg]) for i in range(4)]
    assert all(j.wait(60) for j in js) and {j.lane for j in js} == {0, 1}
    for j in js:
        assert_same_curve(j.records(), solo(cfg))


def test_the_time_budget_is_the_jobs_share_of_the_lane(make_pool):
    """A class sharing the lane does not run out of time together: each job's budget clock runs at 1/k of wall time
    while k jobs share its lane (alone, wall time: test_per_job_time_budget)."""
    pool = make_pool(1, max_seconds_per_job=0.4)
    t0 = time.monotonic()
    js = [pool.submit(f"s{i}", [dataclasses.replace(LONG, seed=i)]) for i in range(4)]
    assert all(j.wait(30) for j in js)
    assert {j.status for j in js} == {"budget"}
    assert min(j.finished for j in js) - t0 > 0.8 * 4 * 0.4  # not 0.4 s: a quarter of the lane each
