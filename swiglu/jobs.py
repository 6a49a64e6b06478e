"""A bounded, shared pool of training workers for many students on one server.

The page never trains in its script thread: it submits a Job and polls it (st.fragment with
run_every). Workers are plain threads that only touch plain Job objects, never streamlit
(Streamlit's APIs are not thread-safe). The rules of issue 5:

- one pool per process (`get_pool()`), `max_workers` jobs run at once, the rest wait FIFO and
  know their queue position;
- one job per session: a second submit while the session's job is queued or running returns that
  same job and does nothing;
- a job runs all variants of one comparison, interleaved in chunks of `eval_every` steps, so every
  variant's curve grows together on the student's chart (not one after another);
- budgets: each job may run at most `max_steps_per_job` steps per variant and `max_seconds_per_job`
  seconds of wall time; a job whose page stopped calling `touch()` for `stale_after_s` (tab closed)
  is cancelled by a watchdog thread;
- any exception inside a job makes it "failed" with a message; the worker thread lives on;
- besides TrainConfig comparisons (Job), a session may run any callable as a TaskJob (submit_task):
  same queue, budgets and heartbeat; the task reports its own progress and result.

Threads, not processes: workers share Job objects with the page without pickling; torch releases
the GIL inside its kernels, but these toy models are Python-overhead bound, so one process gains
little from more workers than cores. Hence the default: cpu_count - 1 workers (1 on 2 cores),
which leaves a core for the Streamlit server itself.
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

from .train import StepRecord, TrainConfig, Trainer, build_model

JOB_STATUSES = ("queued", "running", "done", "diverged", "cancelled", "failed", "budget", "paused")
ACTIVE = ("queued", "running")


@dataclass(frozen=True)
class JobSnapshot:
    """A consistent copy of a job's state for one page refresh."""

    id: int
    status: str
    position: int  # 1 = next to run; 0 when not queued
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
        """Block until the job has ended (for tests and scripts, not for the page)."""
        return self._done.wait(timeout)


class Job(_Polled):
    """A comparison of one or more TrainConfigs, run by one worker. The page polls it.

    status: "queued" → "running" → one of "done" (every run finished), "diverged" (at least one run
    hit NaN/inf; the others ran on), "budget" (a time or step budget stopped it), "cancelled",
    "failed" (error holds the message) or "paused" (it ran the `steps` it was asked for and its
    runs can continue: submit again with trainers=job.trainers).
    """

    def __init__(self, job_id: int, session_id: str, configs: Sequence[TrainConfig], pool: WorkerPool,
                 trainers: Sequence[Trainer] | None = None, steps: int | None = None):  # fmt: skip
        if trainers:  # resuming: the runs' own configs are the truth
            configs = [t.cfg for t in trainers]
        if not configs:
            raise ValueError("a job needs at least one TrainConfig")
        self.id, self.session_id, self.configs = job_id, session_id, tuple(configs)
        self.trainers: list[Trainer] = list(trainers or [])  # built by the worker, not the page thread
        self.steps = steps  # steps per run for this job (e.g. 1 for "single step"); None = to the end
        self.status, self.error, self.cancel_reason = "queued", None, None
        self.created = self._last_touch = time.monotonic()
        self.started: float | None = None
        self.finished: float | None = None
        self._pool = pool
        self._lock = threading.Lock()
        self._cancel = threading.Event()
        self._done = threading.Event()
        self._records: list[list[StepRecord]] = [list(t.records) for t in self.trainers] or [[] for _ in configs]
        self._states: list[dict | None] = [None] * len(configs)  # latest weights, for model(i)
        self._planned = 0  # steps this job will run (progress denominator), set by the worker
        self._start_steps = [t.step for t in self.trainers] or [0] * len(configs)

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
        from the page thread while the worker keeps training, e.g. for train.predict_grid."""
        with self._lock:
            state = self._states[i]
        if state is None:
            return None
        model = build_model(self.configs[i])
        model.load_state_dict(state)
        return model.eval()

    # --- what the worker calls ---
    def _publish(self, i: int, rec: StepRecord, model: nn.Module) -> None:
        state = {k: v.detach().clone() for k, v in model.state_dict().items()}  # ~0.1 ms; a deepcopy is 10x more
        with self._lock:
            self._records[i].append(rec)
            self._states[i] = state

    def _end(self, status: str, error: str | None = None) -> None:
        with self._lock:
            self.status, self.error, self.finished = status, error, time.monotonic()
        self._done.set()


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
    reproduction have their own loops). Same queue, limits, heartbeat and one-job-per-session rule as Job.

    The worker calls fn(job). fn publishes with job.report(progress, result) — result should be an
    immutable snapshot, since the page reads it from another thread — and returns as soon as
    job.should_stop() is True (cancelled, or past the pool's time budget). Its return value, if not None,
    becomes the final result. status: "queued" → "running" → "done", "cancelled", "budget" or "failed".
    """

    def __init__(self, job_id: int, session_id: str, fn: Callable[[TaskJob], Any], pool: WorkerPool,
                 kind: str = "task", max_seconds: float | None = None):  # fmt: skip
        self.id, self.session_id, self.fn, self.kind = job_id, session_id, fn, kind
        self.max_seconds = max_seconds  # capped by the pool's max_seconds_per_job
        self.status, self.error, self.cancel_reason = "queued", None, None
        self.created = self._last_touch = time.monotonic()
        self.started: float | None = None
        self.finished: float | None = None
        self.deadline = math.inf  # set by the worker when the job starts
        self._pool = pool
        self._lock = threading.Lock()
        self._cancel = threading.Event()
        self._done = threading.Event()
        self._progress, self._result = 0.0, None

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

    def should_stop(self) -> bool:
        return self._cancel.is_set() or time.monotonic() > self.deadline

    # --- what the worker calls ---
    def _end(self, status: str, error: str | None = None) -> None:
        with self._lock:
            self.status, self.error, self.finished = status, error, time.monotonic()
        self._done.set()


class WorkerPool:
    """FIFO queue + `max_workers` worker threads + a watchdog thread. Use get_pool() in the app."""

    def __init__(self, max_workers: int | None = None, stale_after_s: float = 15.0,
                 max_steps_per_job: int = 20_000, max_seconds_per_job: float = 120.0,
                 watchdog_every_s: float = 1.0, keep_finished_s: float = 600.0):  # fmt: skip
        self.max_workers = max_workers or default_workers()
        self.stale_after_s = stale_after_s  # a closed tab frees its worker within ~stale_after_s + 1 s
        self.max_steps_per_job = max_steps_per_job  # 8 variants × 20k steps is minutes, not hours
        self.max_seconds_per_job = max_seconds_per_job  # one student cannot hold a worker forever
        self.keep_finished_s = keep_finished_s  # forget ended jobs (and their models) after this
        self._cv = threading.Condition()
        self._queue: deque[Job | TaskJob] = deque()
        self._by_session: dict[str, Job | TaskJob] = {}
        self._ids = itertools.count(1)
        self.running = 0
        self.peak_running = 0  # instrumentation: the most jobs ever running at once
        self.closed = False
        self._stop = threading.Event()  # wakes the watchdog at shutdown instead of waiting out its sleep
        self._threads = [threading.Thread(target=self._worker, name=f"swiglu-worker-{i}", daemon=True)
                         for i in range(self.max_workers)]  # fmt: skip
        self._threads.append(
            threading.Thread(target=self._watchdog, args=(watchdog_every_s,), name="swiglu-watchdog", daemon=True)
        )
        for t in self._threads:
            t.start()

    def submit(self, session_id: str, configs: Sequence[TrainConfig], trainers: Sequence[Trainer] | None = None,
               steps: int | None = None) -> Job:  # fmt: skip
        """Queue a comparison for this session, or return the session's job if one is queued or
        running (repeated clicks start one job). trainers: continue these runs (from job.trainers;
        their configs replace `configs`); steps: run at most this many more steps per run, then end
        "paused"."""
        return self._enqueue(session_id, lambda job_id: Job(job_id, session_id, configs, self, trainers, steps))

    def submit_task(self, session_id: str, fn: Callable[[TaskJob], Any], kind: str = "task",
                    max_seconds: float | None = None) -> Job | TaskJob:  # fmt: skip
        """Queue fn(job) for this session (see TaskJob). As with submit(): if the session already has a job
        queued or running, of any kind, that job is returned and nothing new is queued."""
        return self._enqueue(session_id, lambda job_id: TaskJob(job_id, session_id, fn, self, kind, max_seconds))

    def _enqueue(self, session_id: str, make: Callable[[int], Job | TaskJob]) -> Job | TaskJob:
        """One job per session: return its queued/running job (any kind), else queue make(new id)."""
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
            self._cv.notify()
            return job

    def job_for(self, session_id: str) -> Job | TaskJob | None:
        """The session's latest job (e.g. after a page rerun), or None."""
        with self._cv:
            return self._by_session.get(session_id)

    def stats(self) -> dict[str, int]:
        with self._cv:
            return {"workers": self.max_workers, "running": self.running, "queued": len(self._queue)}

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

    # --- internals ---
    def _position(self, job: Job) -> int:
        with self._cv:
            try:
                return self._queue.index(job) + 1
            except ValueError:
                return 0

    def _cancel(self, job: Job, reason: str) -> None:
        with self._cv:
            if not job.active:
                return
            job.cancel_reason = job.cancel_reason or reason
            job._cancel.set()
            if job in self._queue:  # never started: end it here, the worker will not see it
                self._queue.remove(job)
                job._end("cancelled")

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

    def _worker(self) -> None:
        # The first optimizer built in a process costs ~0.8 s (torch.optim's lazy imports); pay it now,
        # in the background, rather than in the first student's job.
        torch.optim.Adam([torch.zeros(1, requires_grad=True)])
        while True:
            with self._cv:
                while not self._queue and not self.closed:
                    self._cv.wait()
                if self.closed:
                    return
                job = self._queue.popleft()
                job.status, job.started = "running", time.monotonic()
                self.running += 1
                self.peak_running = max(self.peak_running, self.running)
            try:
                # Many small jobs beat one job with many threads. Called here, in the worker thread: the
                # OpenMP thread count is a per-thread setting (a call in the main thread does not reach us).
                torch.set_num_threads(1)
                if isinstance(job, TaskJob):
                    self._run_task(job)
                else:
                    self._run(job)
            except Exception as e:  # a bug in a job must not kill the worker
                job._end("failed", f"{type(e).__name__}: {e}")
            finally:
                with self._cv:
                    self.running -= 1

    def _run(self, job: Job) -> None:
        if not job.trainers:
            job.trainers = [Trainer(cfg) for cfg in job.configs]
        trainers = job.trainers
        asked = job.steps if job.steps is not None else self.max_steps_per_job
        caps = [min(t.step + asked, t.step + self.max_steps_per_job, t.cfg.steps) for t in trainers]
        with job._lock:  # progress counts this job's steps only, not those of a resumed run's past
            job._start_steps = [t.step for t in trainers]
            job._planned = sum(c - t.step for c, t in zip(caps, trainers, strict=True))
        for i, t in enumerate(trainers):  # step-0 records: every curve starts at the initial loss
            if not t.records:
                job._publish(i, t.advance(0), t.model)
        deadline = time.monotonic() + self.max_seconds_per_job
        out_of_time = False
        while not job._cancel.is_set():
            todo = [i for i, t in enumerate(trainers) if not t.finished and t.step < caps[i]]
            if not todo:
                break
            if time.monotonic() > deadline:
                out_of_time = True
                break
            for i in todo:  # one chunk each, round robin: the curves of all variants grow together
                t = trainers[i]
                job._publish(i, t.advance(min(t.cfg.eval_every, caps[i] - t.step), job._cancel), t.model)
        unfinished = [i for i, t in enumerate(trainers) if not t.finished]
        statuses = {t.status for t in trainers}
        if job._cancel.is_set():
            for i in unfinished:  # cancel may land between chunks: every run's last record says so
                if trainers[i].status != "cancelled":
                    job._publish(i, trainers[i].stop("cancelled"), trainers[i].model)
            job._end("cancelled")
        elif unfinished and (out_of_time or job.steps is None or job.steps > self.max_steps_per_job):
            for i in unfinished:  # the pool's budget ended these runs: say so in their last record
                job._publish(i, trainers[i].stop("budget"), trainers[i].model)
            job._end("budget")
        elif unfinished:
            job._end("paused")
        else:
            job._end("diverged" if "diverged" in statuses else "budget" if "budget" in statuses else "done")

    def _run_task(self, job: TaskJob) -> None:
        limit = self.max_seconds_per_job if job.max_seconds is None else min(job.max_seconds, self.max_seconds_per_job)
        job.deadline = time.monotonic() + limit
        result = job.fn(job)
        if result is not None:
            job.report(1.0, result)
        if job._cancel.is_set():
            job._end("cancelled")
        elif time.monotonic() > job.deadline:
            job._end("budget")
        else:
            job._end("done")


_POOL: WorkerPool | None = None
_POOL_LOCK = threading.Lock()


def default_workers() -> int:
    """SWIGLU_TRAIN_WORKERS if set (e.g. 1 per replica when several replicas share a host: os.cpu_count() sees
    every core of the host, not the container's share), else cpu_count − 1, at least 1."""
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
