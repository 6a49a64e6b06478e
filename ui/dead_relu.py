"""Streamlit side of /dead-relu (pages/dead-relu.py): this session's experiments in the shared worker pool, the
buttons, the live panels that poll a job, and the class-wide cache of the presets' results.

Threads: as in ui/training.py, pool workers run the experiment and only update their plain TaskJob; everything
here runs in a session's script thread, and the live panel is an st.fragment(run_every=...) that polls the job
and calls job.touch() (the heartbeat without which the pool cancels a job after 15 s).

The page opens with a result already drawn. An experiment is deterministic given its DeadConfig (the seed fixes
the data, the initialisation and full-batch Adam's every step), so the result of a preset with the page's other
settings at their defaults is the same for every student: `shared_job` runs it once per process, through the
pool (never in the script threads of a class arriving at once), and every session polls that same job. A class
of 60 opening the page costs one run; one that failed, or was dropped because nobody watched it, is run again by
the next visitor.
"""

from __future__ import annotations

import hashlib
import threading
from functools import lru_cache

import streamlit as st

from swiglu import jobs, state
from swiglu.experiments import dead_relu as dr
from swiglu.plots.dead_relu import arm_name, dead_figure, loss_figure

from .page import Page, md_escape
from .training import session_id

JOBS = {"compare": "_dead_job", "revive": "_dead_revive_job"}  # session_state: this session's jobs, by kind
ACTION = "_dead_action"  # session_state: the button just pressed (its callback ran before the script)
BUSY = "_dead_busy"  # session_state: this session's job of another page, which blocked a new run
POLL_S = 0.5  # the runs take seconds; two chart updates per second are plenty

_SHARED: dict[tuple[dr.DeadConfig, str], jobs.TaskJob] = {}  # (config, kind) -> the class-wide job
_SHARED_LOCK = threading.Lock()
shared_runs = 0  # how many shared experiments this process has started (a class should cost one per config)


def config(v: dict) -> dr.DeadConfig:
    """The page's settings (values of swiglu.state's dead-relu rows) -> the experiment's config."""
    return dr.DeadConfig(dataset=v["ddata"], seed=v["seed"], depth=v["ddepth"], width=v["dwidth"], init=v["dinit"],
                         lr=float(v["dlr"]), shift=v["dshift"], steps=v["dsteps"])


@lru_cache(maxsize=1)
def shared_configs() -> frozenset[dr.DeadConfig]:
    """The configs every student gets drawn without pressing anything: each preset, the rest at the defaults
    (the page's defaults are the "healthy" preset). Bounded on purpose: a link with other settings runs on Run."""
    base = state.defaults("dead-relu")
    return frozenset(config({**base, **preset}) for preset in dr.presets().values())


def _task(cfg: dr.DeadConfig, kind: str):
    def task(job: jobs.TaskJob) -> dr.DeadState:  # runs in a pool worker: no st.* in here
        return dr.run_experiment(cfg, kind, publish=job.report, should_stop=job.should_stop)

    return task


def shared_job(cfg: dr.DeadConfig, kind: str = "compare") -> jobs.TaskJob | None:
    """The class-wide job of (cfg, kind): started once in this process and shared by every session. A job that
    ended without a result (cancelled because nobody polled it, failed, out of time) is started again."""
    global shared_runs
    key = (cfg, kind)
    with _SHARED_LOCK:
        job = _SHARED.get(key)
        if job is not None and (job.active or job.status == "done"):
            return job
        sid = "shared-dead-" + hashlib.sha256(repr(key).encode()).hexdigest()[:16]  # its own pool "session"
        job = jobs.get_pool().submit_task(sid, _task(cfg, kind), kind=f"dead-{kind}")
        if not isinstance(job, jobs.TaskJob):
            return None
        if job is not _SHARED.get(key):
            shared_runs += 1
        _SHARED[key] = job
        return job


def press(action: str) -> None:
    """Button callback: remember the action; handle() runs it in the script, where the config is known."""
    st.session_state[ACTION] = action


def apply_preset(page_id: str, name: str) -> None:
    for setting, value in dr.presets()[name].items():
        st.session_state[f"w.{page_id}.{setting}"] = value


def handle(cfg: dr.DeadConfig) -> None:
    """Run the pending button action: start one of this session's experiments, or stop the running one."""
    action = st.session_state.pop(ACTION, None)
    if action in JOBS:
        kind = action
        job = jobs.get_pool().submit_task(session_id(), _task(cfg, kind), kind=f"dead-{kind}")
        if isinstance(job, jobs.TaskJob) and job.kind == f"dead-{kind}":
            st.session_state[JOBS[kind]] = job
        else:
            st.session_state[BUSY] = job  # this session's other job (another page) still runs
    elif action == "stop":
        for key in JOBS.values():
            job = st.session_state.get(key)
            if job is not None and job.active:
                job.cancel("user")
        busy = st.session_state.pop(BUSY, None)
        if busy is not None and busy.active:
            busy.cancel("user")


def own_active() -> bool:
    """Whether one of this session's own experiments is queued or running (the shared one does not count)."""
    return any(st.session_state.get(k) is not None and st.session_state[k].active for k in JOBS.values())


def busy() -> jobs.Job | jobs.TaskJob | None:
    """This session's job of another page that blocked the last Run, while it still runs."""
    job = st.session_state.get(BUSY)
    if job is not None and not job.active:
        st.session_state.pop(BUSY, None)
        return None
    return job


def shown_job(kind: str, cfg: dr.DeadConfig) -> tuple[jobs.TaskJob | None, bool]:
    """The job whose result the page draws for `kind`, and whether it is the class-wide one: this session's own
    run if it made one, else for the comparison the shared run of cfg when cfg is a preset's."""
    own = st.session_state.get(JOBS[kind])
    if own is not None or kind != "compare" or cfg not in shared_configs():
        return own, False
    return shared_job(cfg, kind), True


def result(job: jobs.TaskJob | None):
    return None if job is None else job.snapshot().result


def _status(p: Page, snap) -> None:
    if snap.status == "queued":
        st.info(p.t("dead.queued", pos=max(1, snap.position)), icon=":material/hourglass_top:")
    st.progress(snap.progress, text=p.t("dead.progress", pct=f"{100 * snap.progress:.0f}"))
    if snap.status == "failed":
        st.error(p.t("dead.failed", msg=md_escape(snap.error or "?")), icon=":material/error:")
    elif snap.status == "budget":
        st.info(p.t("dead.budget", secs=f"{jobs.get_pool().max_seconds_per_job:.0f}"))
    elif snap.status == "cancelled":
        st.info(p.t("dead.stale" if snap.cancel_reason == "stale" else "dead.cancelled"))
    state_ = snap.result
    if state_ is not None:
        diverged = [arm_name(a, p.lang) for a in state_.arms if a.status == "diverged"]
        if diverged:
            st.warning(p.t("dead.diverged", names=p.join(diverged)), icon=":material/warning:")


def _live(p: Page, job: jobs.TaskJob, kind: str, eps_s: str, polling: bool) -> None:
    job.touch()
    snap = job.snapshot()
    if polling and snap.status not in jobs.ACTIVE:
        st.rerun()  # the job ended: one full-app rerun stops the polling and draws the final state
    _status(p, snap)
    state_ = snap.result
    if state_ is None or not state_.arms or not state_.arms[0].records:
        return
    fig = dead_figure(state_, eps_s, p.lang, p.big)
    p.chart(fig, key=f"dead_curves_{kind}")
    lfig = loss_figure(state_, p.lang, p.big)
    p.chart(lfig, key=f"dead_loss_{kind}")
    d1, d2 = st.columns(2)
    p.download_csv(p.t("dead.download_dead"), fig, file_name=f"dead_fraction_{kind}.csv", key=f"dead_csv_{kind}",
                   where=d1)
    p.download_csv(p.t("dead.download_loss"), lfig, file_name=f"loss_{kind}.csv", key=f"dead_loss_csv_{kind}", where=d2)


def live(p: Page, job: jobs.TaskJob | None, kind: str, eps_s: str) -> None:
    """The job's progress and curves, polled while it is active (see ui/training.py on how polling stops)."""
    if job is None:
        return
    active = job.active  # read once for this run (see ui.training.live_curves)
    st.fragment(_live, run_every=POLL_S if active else None)(p, job, kind, eps_s, active)


def _reset_shared_for_tests() -> None:
    """Forget the class-wide jobs (tests that count how many runs a class costs)."""
    global shared_runs
    with _SHARED_LOCK:
        _SHARED.clear()
        shared_runs = 0

