"""One shared scheduler for the training of a whole class on one server (issues 5 and 17).

The page never trains in its script thread: it submits a Job and polls it (st.fragment with run_every). The
scheduler's threads only touch plain Job objects, never streamlit (Streamlit's APIs are not thread-safe).

- Fair progress, not a queue: every admitted job advances in every scheduling round. A round gives each run
  of each job one chunk of `eval_every` steps (one curve point), so every student's curves start within a
  round of pressing Train and grow together, whatever the rest of the class does. A run that has not
  stepped yet goes first: its group moves to the front of the round (a run admitted mid-round joins the
  group of its shape, or a group of its own), so its first trained point comes one group after Train, not
  after the rest of this round and most of the next (a class's forty shapes make a round last seconds).
- Batching: the runs due in a round are grouped by model shape (swiglu.batched.shape_key) and each group
  trains as one stacked model; a run that fits no group is a group of one. A stack of 1 or of 60 gives a run
  the same numbers, bitwise (see batched.py), so the CLI's determinism by seed holds inside the pool too.
- Identical configurations train once: a fresh run (Train from the start, not Step) whose TrainConfig equals
  a fresh run already in the pool joins it and is shown that run's records. A student who leaves a shared
  run (Pause, tab closed, budget) takes a private copy of it along, so the others train on.
- Isolation: a run that diverges, is cancelled or hits a budget leaves its stack at its own step; the stack's
  other runs never see it. A job submitted during a round joins at the next group.
- Memory stays bounded: at most `max_active` jobs are admitted per process; later ones wait FIFO and know
  their queue position (the page shows it, as before batching).
- One job per session: a second submit while the session's job is queued or running returns that job.
- Budgets: at most `max_steps_per_job` steps per run and `max_seconds_per_job` seconds of its share of the lane's
  wall time since admission (alone: wall time; one of k jobs on the lane: 1/k of it); a job
  whose page stopped calling touch() for `stale_after_s` (tab closed) is cancelled by a watchdog thread.
- Any exception in a job makes that job "failed" (for a stack: the jobs in that stack); the threads live on.
- Besides TrainConfig comparisons (Job), a session may run any callable as a TaskJob (submit_task): the
  dead-ReLU lab and the toy GLU reproduction. It runs in its own thread but only in its turn: each round
  gives it a slice of `task_slice_s`, and the task hands the turn back inside job.should_stop() or
  job.report(), which it calls every few steps anyway (cooperative, like the training chunks).

Threads, not processes: jobs are shared with the page without pickling. `max_workers` scheduler threads
(lanes; default cpu_count − 1, 1 on 2 cores) each run rounds over their share of the admitted jobs, which
leaves a core for the Streamlit server itself.
"""

from __future__ import annotations

import itertools
import math
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import torch
from torch import nn

from . import batched
from .train import StepRecord, TrainConfig, Trainer, build_model

JOB_STATUSES = ("queued", "running", "done", "diverged", "cancelled", "failed", "budget", "paused")
ACTIVE = ("queued", "running")


@dataclass(frozen=True)
class JobSnapshot:
    """A consistent copy of a job's state for one page refresh."""

    id: int
    status: str
    position: int  # 1 = next to be admitted; 0 when not queued
    records: tuple[tuple[StepRecord, ...], ...]  # per config, in submission order
    progress: float  # 0 … 1: steps done over steps planned, all variants together
    error: str | None
    cancel_reason: str | None  # "user" | "stale" | "shutdown" when cancelled


class _Polled:
    """What a page calls on any job it polls; subclasses set status, _pool, _done and _last_touch."""

    status: str

    def touch(self) -> None:
        """Heartbeat from the polling page; without it for stale_after_s the job is cancelled."""
        self._last_touch = time.monotonic()

    def cancel(self, reason: str = "user") -> None:
        self._pool._cancel(self, reason)

    @property
    def position(self) -> int:
        return self._pool._position(self)

    @property
    def active(self) -> bool:
        return self.status in ACTIVE

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job has ended (tests, scripts, and the page's Pause / Step for up to 0.3 s)."""
        return self._done.wait(timeout)


class Job(_Polled):
    """A comparison of one or more TrainConfigs. The page polls it.

    status: "queued" → "running" → one of "done" (every run finished), "diverged" (at least one run diverged;
    the others ran on), "budget" (a time or step budget stopped it), "cancelled", "failed" (error holds the
    message) or "paused" (it ran the `steps` it was asked for and its runs can continue: submit again with
    trainers=job.trainers). pace: at most this many steps per second per run (None: as fast as the server
    goes); a chunk waits until the pace allows all of it, so the records fall on the same steps as unpaced.
    """

    def __init__(self, job_id: int, session_id: str, configs: Sequence[TrainConfig], pool: WorkerPool,
                 trainers: Sequence[Trainer] | None = None, steps: int | None = None,
                 pace: float | None = None):  # fmt: skip
        if trainers:  # resuming: the runs' own configs are the truth
            configs = [t.cfg for t in trainers]
        if not configs:
            raise ValueError("a job needs at least one TrainConfig")
        self.id, self.session_id, self.configs = job_id, session_id, tuple(configs)
        self.trainers: list[Trainer] = list(trainers or [])  # built by the scheduler, not the page thread
        self.steps = steps  # steps per run for this job (e.g. 1 for "single step"); None = to the end
        self.pace = pace if pace and pace > 0 else None
        self.status, self.error, self.cancel_reason = "queued", None, None
        self.created = self._last_touch = time.monotonic()
        self.started: float | None = None
        self.finished: float | None = None
        self.lane = 0
        self._pool = pool
        self._lock = threading.Lock()
        self._cancel = threading.Event()
        self._done = threading.Event()
        self._records: list[list[StepRecord]] = [list(t.records) for t in self.trainers] or [[] for _ in configs]
        self._states: list[dict | None] = [None] * len(configs)  # latest weights, for model(i)
        self._planned = 0  # steps this job will run (progress denominator), set when it starts
        self._start_steps = [t.step for t in self.trainers] or [0] * len(configs)
        self._runs: list[_Run] | None = None  # set when the scheduler starts the job
        self._caps: list[int] = []
        self._held = 0.0  # seconds of its lane's wall time this job has had (its share), against the budget
        self._reaped: float | None = None  # when _reap last counted it

    # --- what the page calls (touch / cancel / position / active / wait come from _Polled) ---

    def records(self, i: int = 0) -> list[StepRecord]:
        with self._lock:
            return list(self._records[i])

    def snapshot(self) -> JobSnapshot:
        with self._lock:
            recs = tuple(tuple(r) for r in self._records)
            status, error, reason = self.status, self.error, self.cancel_reason
            done = sum(r[-1].step - s0 for r, s0 in zip(recs, self._start_steps, strict=True) if r)
            progress = 1.0 if status not in ACTIVE else min(1.0, done / self._planned) if self._planned else 0.0
        return JobSnapshot(self.id, status, self.position, recs, progress, error, reason)

    def model(self, i: int = 0) -> nn.Module | None:
        """A private copy of run i's model at its latest record (None before the first), safe to use
        from the page thread while the scheduler keeps training, e.g. for train.predict_grid."""
        with self._lock:
            state = self._states[i]
        if state is None:
            return None
        model = build_model(self.configs[i])
        model.load_state_dict(state)
        return model.eval()

    # --- what the scheduler calls ---
    def _sync(self, i: int, t: Trainer) -> None:
        """Publish run i's records that this job has not shown yet (a shared run's whole past, at first)."""
        new = t.records[len(self._records[i]) :]
        if not new:
            return
        state = {k: v.detach().clone() for k, v in t.model.state_dict().items()}  # ~0.1 ms; a deepcopy is 10x more
        with self._lock:
            self._records[i].extend(new)
            self._states[i] = state

    def _end(self, status: str, error: str | None = None) -> None:
        with self._lock:
            self.status, self.error, self.finished = status, error, time.monotonic()
        self._done.set()


class _Run:
    """One Trainer and the (job, index) pairs that show it; more than one when identical configs share it."""

    def __init__(self, trainer: Trainer, subs: list[tuple[Job, int]]):
        self.trainer, self.subs = trainer, subs

    def is_set(self) -> bool:  # the cancel signal batched.advance_together polls: every viewer cancelled
        return all(job._cancel.is_set() for job, _ in self.subs)

    def sync(self) -> None:
        for job, i in self.subs:
            job._sync(i, self.trainer)


@dataclass(frozen=True)
class TaskSnapshot:
    """A consistent copy of a TaskJob's state for one page refresh."""

    id: int
    kind: str
    status: str
    position: int
    progress: float  # 0 … 1, as last reported by the task
    result: Any  # the task's latest published result (an immutable object the task chose), or None
    error: str | None
    cancel_reason: str | None


class TaskJob(_Polled):
    """A job that runs any callable instead of TrainConfigs (issue 6: the dead-ReLU lab and the toy GLU
    reproduction have their own loops). Same admission, limits, heartbeat and one-job-per-session rule as Job.

    The scheduler runs fn(job) in a thread of its own, one slice per round. fn publishes with
    job.report(progress, result) — result should be an immutable snapshot, since the page reads it from
    another thread — and returns as soon as job.should_stop() is True (cancelled, or past the pool's time
    budget). Both calls are where the task hands its turn back. Its return value, if not None, becomes the
    final result. status: "queued" → "running" → "done", "cancelled", "budget" or "failed".
    """

    def __init__(self, job_id: int, session_id: str, fn: Callable[[TaskJob], Any], pool: WorkerPool,
                 kind: str = "task", max_seconds: float | None = None):  # fmt: skip
        self.id, self.session_id, self.fn, self.kind = job_id, session_id, fn, kind
        self.max_seconds = max_seconds  # capped by the pool's max_seconds_per_job
        self.status, self.error, self.cancel_reason = "queued", None, None
        self.created = self._last_touch = time.monotonic()
        self.started: float | None = None
        self.finished: float | None = None
        self.deadline = math.inf  # set when the job is admitted
        self.lane = 0
        self._pool = pool
        self._lock = threading.Lock()
        self._cancel = threading.Event()
        self._done = threading.Event()
        self._progress, self._result = 0.0, None
        self._thread: threading.Thread | None = None
        self._go, self._yielded = threading.Event(), threading.Event()  # the turn, handed back and forth
        self._slice_end = math.inf

    # touch / cancel / position / active / wait: the same as Job's, from _Polled

    def snapshot(self) -> TaskSnapshot:
        with self._lock:
            status, progress, result = self.status, self._progress, self._result
            error, reason = self.error, self.cancel_reason
        progress = 1.0 if status == "done" else progress
        return TaskSnapshot(self.id, self.kind, status, self.position, progress, result, error, reason)

    # --- what the task calls ---
    def report(self, progress: float, result: Any = None) -> None:
        with self._lock:
            self._progress = min(1.0, max(0.0, float(progress)))
            if result is not None:
                self._result = result
        self._turn_point()

    def should_stop(self) -> bool:
        self._turn_point()
        return self._cancel.is_set() or time.monotonic() > self.deadline

    def _turn_point(self) -> None:
        """In the task's own thread, once its slice is used: hand the turn back and wait for the next one."""
        if threading.current_thread() is not self._thread or time.monotonic() < self._slice_end:
            return
        self._go.clear()
        self._yielded.set()
        self._go.wait()
        self._slice_end = time.monotonic() + self._pool.task_slice_s

    # --- what the scheduler calls ---
    def _end(self, status: str, error: str | None = None) -> None:
        with self._lock:
            self.status, self.error, self.finished = status, error, time.monotonic()
        self._done.set()
        self._yielded.set()


def default_max_active() -> int:
    """SWIGLU_MAX_ACTIVE_JOBS if set, else 64: a class of 60 at once. Each admitted job holds its models, data
    and records (tens of kB), and every round visits each, so the cap bounds memory and the round's length."""
    raw = os.environ.get("SWIGLU_MAX_ACTIVE_JOBS", "").strip()
    return min(int(raw), 1000) if raw.isdigit() and int(raw) > 0 else 64


class WorkerPool:
    """Admission (at most max_active jobs, the rest FIFO) + `max_workers` scheduler threads + a watchdog."""

    def __init__(self, max_workers: int | None = None, stale_after_s: float = 15.0,
                 max_steps_per_job: int = 20_000, max_seconds_per_job: float = 120.0,
                 watchdog_every_s: float = 1.0, keep_finished_s: float = 600.0, max_active: int | None = None,
                 task_slice_s: float = 0.05):  # fmt: skip
        self.max_workers = max_workers or default_workers()
        self.max_active = max_active or default_max_active()
        self.stale_after_s = stale_after_s  # a closed tab frees its place within ~stale_after_s + 1 s
        self.max_steps_per_job = max_steps_per_job  # 8 variants × 20k steps is minutes, not hours
        self.max_seconds_per_job = max_seconds_per_job  # one student cannot hold a place forever
        self.keep_finished_s = keep_finished_s  # forget ended jobs (and their models) after this
        self.task_slice_s = task_slice_s  # a TaskJob's turn per round: about one group's chunk of training
        self._cv = threading.Condition()
        self._queue: deque[Job | TaskJob] = deque()
        self._admitted: list[Job | TaskJob] = []
        self._by_session: dict[str, Job | TaskJob] = {}
        self._fresh: dict[tuple[int, TrainConfig], _Run] = {}  # (lane, config): fresh runs an identical one may join
        self._ids = itertools.count(1)
        self.peak_running = 0  # instrumentation: the most jobs ever admitted at once
        self.rounds = 0  # instrumentation: scheduling rounds run
        self.closed = False
        self._stop = threading.Event()  # wakes the watchdog at shutdown instead of waiting out its sleep
        self._threads = [threading.Thread(target=self._lane, args=(k,), name=f"swiglu-scheduler-{k}", daemon=True)
                         for k in range(self.max_workers)]  # fmt: skip
        self._threads.append(
            threading.Thread(target=self._watchdog, args=(watchdog_every_s,), name="swiglu-watchdog", daemon=True)
        )
        for t in self._threads:
            t.start()

    @property
    def running(self) -> int:
        return len(self._admitted)

    def submit(self, session_id: str, configs: Sequence[TrainConfig], trainers: Sequence[Trainer] | None = None,
               steps: int | None = None, pace: float | None = None) -> Job:  # fmt: skip
        """Start a comparison for this session, or return the session's job if one is queued or running
        (repeated clicks start one job). trainers: continue these runs (from job.trainers; their configs
        replace `configs`); steps: run at most this many more steps per run, then end "paused"; pace: see Job."""
        return self._enqueue(session_id, lambda i: Job(i, session_id, configs, self, trainers, steps, pace))

    def submit_task(self, session_id: str, fn: Callable[[TaskJob], Any], kind: str = "task",
                    max_seconds: float | None = None) -> Job | TaskJob:  # fmt: skip
        """Start fn(job) for this session (see TaskJob). As with submit(): if the session already has a job
        queued or running, of any kind, that job is returned and nothing new is started."""
        return self._enqueue(session_id, lambda job_id: TaskJob(job_id, session_id, fn, self, kind, max_seconds))

    def _enqueue(self, session_id: str, make: Callable[[int], Job | TaskJob]) -> Job | TaskJob:
        with self._cv:
            if self.closed:
                raise RuntimeError("the worker pool is shut down")
            old = self._by_session.get(session_id)
            if old is not None and old.active:
                old.touch()
                return old
            job = make(next(self._ids))
            self._by_session[session_id] = job
            self._queue.append(job)
            self._admit()
            return job

    def _admit(self) -> None:
        """Under self._cv: admit queued jobs while there is room; each goes to the least busy lane."""
        while self._queue and len(self._admitted) < self.max_active:
            job = self._queue.popleft()
            loads = [0] * self.max_workers
            for j in self._admitted:
                loads[j.lane] += 1
            job.lane = loads.index(min(loads))
            job.status, job.started = "running", time.monotonic()
            if isinstance(job, TaskJob):
                limit = self.max_seconds_per_job
                job.deadline = job.started + (limit if job.max_seconds is None else min(job.max_seconds, limit))
            self._admitted.append(job)
            self.peak_running = max(self.peak_running, len(self._admitted))
        self._cv.notify_all()

    def job_for(self, session_id: str) -> Job | TaskJob | None:
        """The session's latest job (e.g. after a page rerun), or None."""
        with self._cv:
            return self._by_session.get(session_id)

    def stats(self) -> dict[str, int]:
        with self._cv:
            return {"workers": self.max_workers, "running": len(self._admitted), "queued": len(self._queue)}

    def shutdown(self, timeout: float = 5.0) -> None:
        """Cancel everything and stop the threads (tests; the app's pool lives as long as the process)."""
        with self._cv:
            self.closed = True
            self._stop.set()
            jobs = list(self._queue) + [j for j in self._by_session.values() if j.active]
            self._cv.notify_all()
        for job in jobs:
            self._cancel(job, "shutdown")
        for t in self._threads:
            t.join(timeout)
        for job in jobs:  # a task thread still waiting for its turn: let it see the cancel and return
            if isinstance(job, TaskJob):
                job._go.set()

    # --- internals: admission, cancel, watchdog ---
    def _position(self, job: Job | TaskJob) -> int:
        with self._cv:
            try:
                return self._queue.index(job) + 1
            except ValueError:
                return 0

    def _cancel(self, job: Job | TaskJob, reason: str) -> None:
        with self._cv:
            if not job.active:
                return
            job.cancel_reason = job.cancel_reason or reason
            job._cancel.set()
            if job in self._queue:  # never admitted: end it here, no scheduler will see it
                self._queue.remove(job)
                job._end("cancelled")
            self._cv.notify_all()  # a lane waiting for its paced runs looks at once

    def _finish(self, job: Job | TaskJob, status: str, error: str | None = None) -> None:
        """End an admitted job and give its place to the next queued one."""
        if not job.active:
            return
        job._end(status, error)
        with self._cv:
            if job in self._admitted:
                self._admitted.remove(job)
            self._admit()

    def _watchdog(self, every: float) -> None:
        while not self._stop.wait(every):
            now = time.monotonic()
            with self._cv:
                jobs = list(self._by_session.values())
                for sid, job in list(self._by_session.items()):
                    if job.finished is not None and now - job.finished > self.keep_finished_s:
                        del self._by_session[sid]
            for job in jobs:
                if job.active and now - job._last_touch > self.stale_after_s:
                    self._cancel(job, "stale")

    # --- the scheduler: one lane's rounds ---
    def _lane(self, lane: int) -> None:
        # Many small runs in one thread beat one run with many threads. Set here: the OpenMP thread count is
        # a per-thread setting (a call in the main thread does not reach this one).
        torch.set_num_threads(1)
        while True:
            with self._cv:
                while not self.closed and not any(j.lane == lane for j in self._admitted):
                    self._cv.wait()
                if self.closed:
                    return
            if not self._round(lane):
                with self._cv:  # only paced runs, none due yet: sleep until one is, or until something happens
                    self._cv.wait(0.02)

    def _mine(self, lane: int) -> list[Job | TaskJob]:
        with self._cv:
            return [j for j in self._admitted if j.lane == lane and j.active]

    def _round(self, lane: int) -> bool:
        """Every admitted job of this lane advances once: each run due gets one chunk, each task one slice.
        Returns whether anything ran."""
        self.rounds += 1
        worked = False
        self._start_new(lane)
        due = self._due(lane)
        pending = [[due[i] for i in group] for group in batched.groups([run.trainer for run, _ in due])]
        seen = {id(run) for run, _ in due}  # each run gets one chunk a round, however it came in
        while True:
            self._start_new(lane)  # a job admitted meanwhile shows its step-0 records within one group
            self._reap(lane)  # a Pause acts between groups, not at the end of the round
            self._hurry(lane, pending, seen)  # ... and its first trained records one group later
            if not pending:
                break
            items = [(run, k) for run, k in pending.pop(0) if not run.is_set() and run.subs]
            if not items:
                continue
            worked = True
            runs = [run for run, _ in items]
            try:
                batched.advance_together([r.trainer for r in runs], [k for _, k in items], runs,
                                         on_leave=lambda b, _rec, runs=runs: runs[b].sync())  # fmt: skip
            except Exception as e:  # a bug in one stack fails its jobs only
                for run in runs:
                    for job, _ in list(run.subs):
                        self._fail(job, e)
                continue
            for run in runs:
                run.sync()
        self._reap(lane)
        for job in self._mine(lane):
            if isinstance(job, Job) and job._runs is not None:
                self._maybe_end(job)
        for job in self._mine(lane):
            if isinstance(job, TaskJob):
                self._task_turn(job)
                worked = True
        return worked

    def _fail(self, job: Job, e: Exception) -> None:
        for i, run in enumerate(job._runs or []):
            self._leave(job, i, run)
        self._finish(job, "failed", f"{type(e).__name__}: {e}")

    def _start_new(self, lane: int) -> None:
        """Build the runs of newly admitted jobs (sharing identical fresh ones) and publish their step-0 records."""
        for job in self._mine(lane):
            if not isinstance(job, Job) or job._runs is not None:
                continue
            try:
                self._start(job)
            except Exception as e:
                self._finish(job, "failed", f"{type(e).__name__}: {e}")

    def _start(self, job: Job) -> None:
        runs: list[_Run] = []
        for i, cfg in enumerate(job.configs):
            if job.trainers:  # resumed: its own runs
                runs.append(_Run(job.trainers[i], [(job, i)]))
                continue
            shared = self._fresh.get((job.lane, cfg)) if job.steps is None else None  # one lane drives a run
            if shared is not None and shared.subs and shared.trainer.status == "running":
                shared.subs.append((job, i))
                runs.append(shared)
                continue
            run = _Run(Trainer(cfg), [(job, i)])
            if job.steps is None:
                self._fresh[(job.lane, cfg)] = run
            runs.append(run)
        job.trainers = [r.trainer for r in runs]
        asked = job.steps if job.steps is not None else self.max_steps_per_job
        job._caps = [min(t.step + asked, t.step + self.max_steps_per_job, t.cfg.steps) for t in job.trainers]
        with job._lock:  # progress counts this job's steps only, not those of a resumed or shared run's past
            job._start_steps = [t.step for t in job.trainers]
            job._planned = sum(c - t.step for c, t in zip(job._caps, job.trainers, strict=True))
        job._runs = runs
        for i, run in enumerate(runs):
            if not run.trainer.records:  # step-0 records: every curve starts at the initial loss
                run.trainer.advance(0)
            job._sync(i, run.trainer)

    def _hurry(self, lane: int, pending: list[list[tuple[_Run, int]]], seen: set[int]) -> None:
        """Put first the groups that hold a run that has not stepped since its job started, adding such runs
        that came after the round began (a job admitted meanwhile) to the group of their shape, or to a new
        group, so a student's curves start moving one group after Train, not up to two rounds later, however
        many shapes the class trains. Nothing else changes: each run still gets one chunk of eval_every steps
        a round (a new run at most one more, its first), so the records fall on the same steps."""
        new = self._due(lane, unstarted=True)
        if not new:
            return
        extra = [(run, k) for run, k in new if id(run) not in seen]
        seen.update(id(run) for run, _ in extra)
        new_ids = {id(run) for run, _ in new}
        keys = {batched.shape_key(run.trainer) for run, _ in extra}
        hot, cold = [], []
        for group in pending:
            key = batched.shape_key(group[0][0].trainer)
            if key in keys:  # a new run of this shape joins this group's stack
                group = group + [item for item in extra if batched.shape_key(item[0].trainer) == key]
                keys.discard(key)
            (hot if any(id(run) in new_ids for run, _ in group) else cold).append(group)
        rest = [item for item in extra if batched.shape_key(item[0].trainer) in keys]
        hot += [[rest[i] for i in g] for g in batched.groups([run.trainer for run, _ in rest])]
        pending[:] = hot + cold

    def _due(self, lane: int, unstarted: bool = False) -> list[tuple[_Run, int]]:
        """The runs to advance this round, once each however many jobs show them, with their chunk length.
        unstarted: only runs that have not stepped since any job showing them started (their students wait
        for a first trained record; a shared run that trains already showed its records at once)."""
        now = time.monotonic()
        chunks: dict[int, tuple[_Run, int]] = {}
        for job in self._mine(lane):
            if not isinstance(job, Job) or job._runs is None or job._cancel.is_set():
                continue
            for i, run in enumerate(job._runs):
                t = run.trainer
                if t.finished or (unstarted and any(t.step != j._start_steps[n] for j, n in run.subs)):
                    continue
                k = min(t.cfg.eval_every, job._caps[i] - t.step)
                if k <= 0:
                    continue
                if job.pace is not None and t.step + k > job._start_steps[i] + job.pace * (now - job.started):
                    continue  # ahead of its pace: not this round
                old = chunks.get(id(run))
                chunks[id(run)] = (run, k if old is None else min(old[1], k))
        return list(chunks.values())

    def _leave(self, job: Job, i: int, run: _Run) -> _Run:
        """Take (job, i) out of a shared run: the job gets a private copy to stop or resume; others train on."""
        key = (job.lane, run.trainer.cfg)
        if len(run.subs) <= 1:
            if self._fresh.get(key) is run:
                del self._fresh[key]
            return run
        run.subs.remove((job, i))
        if run.trainer.finished:  # it never changes again: nothing to copy
            job._runs[i] = _Run(run.trainer, [(job, i)])
            return job._runs[i]
        mine = _Run(run.trainer.clone(), [(job, i)])
        job._runs[i] = mine
        job.trainers[i] = mine.trainer
        return mine

    def _stop_runs(self, job: Job, status: str, only: Sequence[int] | None = None) -> None:
        for i in range(len(job._runs)) if only is None else only:
            run = self._leave(job, i, job._runs[i])
            if not run.trainer.finished and run.trainer.status != status:
                run.trainer.stop(status)  # every run's last record says why it stopped
            run.sync()

    def _reap(self, lane: int) -> None:
        """End cancelled jobs and jobs past their time budget, between groups. The budget is the job's share of
        the lane's wall time since admission: alone, wall time; one of a class of 60 sharing the lane, a 60th of
        it (measured: with a wall-clock budget, all 60 of a class's jobs stopped at 120 s, most of the way done,
        although nobody was waiting for a place and each run had used a few seconds of compute)."""
        now = time.monotonic()
        mine = [job for job in self._mine(lane) if isinstance(job, Job) and job._runs is not None]
        for job in mine:
            job._held += (now - (job._reaped or job.started or now)) / len(mine)
            job._reaped = now
            if job._cancel.is_set():
                self._stop_runs(job, "cancelled", [i for i, r in enumerate(job._runs) if not r.trainer.finished])
                self._finish(job, "cancelled")
            elif job._held > self.max_seconds_per_job:
                self._stop_runs(job, "budget", [i for i, r in enumerate(job._runs) if not r.trainer.finished])
                self._finish(job, "budget")

    def _maybe_end(self, job: Job) -> None:
        trainers = [r.trainer for r in job._runs]
        if any(not t.finished and t.step < c for t, c in zip(trainers, job._caps, strict=True)):
            return  # still has steps to run
        unfinished = [i for i, t in enumerate(trainers) if not t.finished]
        if unfinished and (job.steps is None or job.steps > self.max_steps_per_job):
            self._stop_runs(job, "budget", unfinished)  # the pool's step budget ended these runs
            self._finish(job, "budget")
        elif unfinished:
            for i in unfinished:
                self._leave(job, i, job._runs[i])
            self._finish(job, "paused")
        else:
            for i, run in enumerate(job._runs):
                self._leave(job, i, run)
            statuses = {t.status for t in trainers}
            self._finish(job, "diverged" if "diverged" in statuses else "budget" if "budget" in statuses else "done")

    # --- TaskJobs: one slice per round, in their own thread ---
    def _task_turn(self, job: TaskJob) -> None:
        job._yielded.clear()
        job._slice_end = time.monotonic() + self.task_slice_s
        if job._thread is None:
            job._thread = threading.Thread(target=self._task_main, args=(job,), name=f"swiglu-task-{job.id}",
                                           daemon=True)  # fmt: skip
            job._thread.start()
        else:
            job._go.set()
        # Wait for the turn to come back. A task that computes long between two turn points only delays the
        # round (it is not stopped); after 2 s the round goes on without it, so training never stalls.
        job._yielded.wait(max(2.0, 10 * self.task_slice_s))

    def _task_main(self, job: TaskJob) -> None:
        torch.set_num_threads(1)
        try:
            result = job.fn(job)
            if result is not None:
                job._slice_end = math.inf  # the final report must not wait for another turn
                job.report(1.0, result)
            status = ("cancelled" if job._cancel.is_set() else "budget" if time.monotonic() > job.deadline
                      else "done")  # fmt: skip
            self._finish(job, status)
        except Exception as e:  # a bug in a task must not kill anything else
            self._finish(job, "failed", f"{type(e).__name__}: {e}")
        finally:
            job._yielded.set()


_POOL: WorkerPool | None = None
_POOL_LOCK = threading.Lock()


def default_workers() -> int:
    """SWIGLU_TRAIN_WORKERS if set (e.g. 1 per replica when several replicas share a host: os.cpu_count() sees
    every core of the host, not the container's share), else cpu_count − 1, at least 1: scheduler threads."""
    raw = os.environ.get("SWIGLU_TRAIN_WORKERS", "").strip()
    if raw.isdigit() and int(raw) > 0:
        return min(int(raw), 64)
    return max(1, (os.cpu_count() or 1) - 1)


def get_pool(max_workers: int | None = None, **kwargs) -> WorkerPool:
    """The process-wide pool, created on first call (later calls ignore their arguments)."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None or _POOL.closed:
            _POOL = WorkerPool(max_workers, **kwargs)
        return _POOL
