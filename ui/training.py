"""Streamlit side of the training lab (pages/train.py): this session's job in the shared worker pool, what
the buttons do, and the live panels that poll the job.

Threads (design notes, item 8): the pool's scheduler threads train and only update their plain Job objects
(swiglu/jobs.py); they never call st.*. Everything here runs in this session's script thread. The live
panels are st.fragment(run_every=...) functions that read job.snapshot() and call job.touch(), the heartbeat
without which the pool cancels the job after 15 s (tab closed, page left).

How the polling stops: a fragment polls only if it was registered with run_every, and it is registered
with run_every only in a full-app run that saw the job queued or running. When a polling run sees the job
ended it calls st.rerun() once: the full-app rerun clears the browser's auto-rerun timers (every new
full run does), registers the fragments again without run_every (the job is no longer active), and draws
the final state with the results table. A job never becomes active again, so this cannot loop, and a
stray timer tick after the end only draws the same final state.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Sequence
from functools import lru_cache

import streamlit as st
import torch

from swiglu import jobs
from swiglu.data import DATASETS, Dataset, make
from swiglu.plots.train import beta_figure, boundary_figure, curves_figure, results_rows, rows_csv
from swiglu.train import TrainConfig, build_model, param_count, predict_grid

from .live_plot import live_chart
from .page import Page, md_escape

try:  # which fragments this run reruns (empty in a full run); Streamlit's own context, read-only
    from streamlit.runtime.scriptrunner import get_script_run_ctx
except ImportError:  # pragma: no cover - moved in another Streamlit version: treat every run as a full run
    get_script_run_ctx = None

SID_KEY = "_train_sid"  # session_state: this session's id in the pool (one job per session)
JOB_KEY = "_train_job"  # session_state: the Job shown on the page (None after reset)
POLLING_KEY = "_train_polling"  # session_state: whether the last full run registered the live parts to poll
ACTION_KEY = "_train_action"  # session_state: the button pressed, handled before the buttons are drawn
# Issue 14 asks for >= 8 visible chart refreshes per second while training. The charts are redrawn in place
# (ui/live_plot.live_chart), so the browser keeps up; a page run records a point every PAGE_EVAL_EVERY steps
# (10 points a second at the pace below), so each poll has something new to draw.
CURVES_EVERY_S = 0.1
PAGE_EVAL_EVERY = 10
# A class: every training tab polls, and each poll is a fragment run of ~10 ms on the server. Past a few
# runs the polls slow down together, so all of them add up to about this many per second (60 students
# training: one refresh every 1.2 s each), and the sliders of the rest of the class stay responsive.
POLLS_PER_S = 50.0
MAX_EVERY_S = 1.5
# The heatmaps, one per variant, are rebuilt every 0.5 s per variant (at least 1 s): 1 s for one or two variants,
# 4 s for all eight (a 128 x 128 grid and its figure per variant; the browser redraws them in place).
BOUNDARY_S_PER_VARIANT = 0.5
# Issue 18: at full speed the default 1,000 steps were over in ~2.6 s, before anyone could try Pause or Step. A
# page run trains at most this many steps per second per variant (1,000 steps in ~5 s: a curve point every
# 0.1 s, so each chart refresh shows new points). Only the page is paced; the CLI and a class (where the
# shared server is the limit) are not slowed, and the Trainer's steps/s counts compute, not the waits.
PACE_STEPS_PER_S = float(os.environ.get("SWIGLU_TRAIN_PACE", "200") or 0)  # a deployment knob; 0 = no pace
# Pause, Step and Reset end or run the job in the scheduler within one stack's chunk; the button's own rerun
# waits that long for it, so the page draws the result at once instead of on a later poll (issue 18: 0.3 s).
ACT_WAIT_S = 0.25


def session_id() -> str:
    if SID_KEY not in st.session_state:
        st.session_state[SID_KEY] = uuid.uuid4().hex
    return st.session_state[SID_KEY]


def current_job() -> jobs.Job | None:
    return st.session_state.get(JOB_KEY)


def configs(v: dict) -> list[TrainConfig]:
    """The page's settings (values of swiglu.state's train rows) -> one TrainConfig per chosen variant.
    Same seed for every variant: same data, same embedding and head, same batch order (a fair comparison)."""
    common = dict(dataset=v["dataset"], noise=v["noise"], train_ratio=v["ratio"], seed=v["seed"], width=v["twidth"],
                  depth=v["tdepth"], match_params=v["tmatch"], lr=float(v["lr"]), batch_size=v["batch"],
                  optimizer=v["opt"], steps=v["steps"], beta=v["tbeta"], learnable_beta=v["learnbeta"],
                  eval_every=PAGE_EVAL_EVERY)
    return [TrainConfig(variant=variant, **common) for variant in v["variants"]]


@lru_cache(maxsize=64)
def dataset(cfg: TrainConfig) -> Dataset:
    """The points a run of `cfg` trains on (the Trainer draws the very same ones from the same seed)."""
    return make(cfg.dataset, cfg.n_points, cfg.noise, cfg.seed, cfg.train_ratio)


@lru_cache(maxsize=256)
def params_of(cfg: TrainConfig) -> int:
    return param_count(build_model(cfg))


def press(action: str) -> None:
    """Button callback: remember the action; handle() runs it in the script, where the configs are known. The
    buttons sit in the panel's fragment, so a click reruns only the panel; Train makes it a full run instead
    (Streamlit: st.rerun() in a callback), which registers the live parts' polling for the run it starts."""
    st.session_state[ACTION_KEY] = action
    if action == "play":
        st.rerun()


def next_seed(widget_key: str) -> None:
    """"New data": the next seed. It goes through the seed slider, so the link keeps reproducing the view."""
    st.session_state[widget_key] = (int(st.session_state.get(widget_key, 0)) + 1) % 1_000_000


def _resumable(job: jobs.Job | None, cfgs: Sequence[TrainConfig]) -> bool:
    """A paused run continues where it stopped if the settings did not change since."""
    return (job is not None and job.status in ("paused", "cancelled") and bool(job.trainers)
            and [tr.cfg for tr in job.trainers] == list(cfgs) and not all(tr.finished for tr in job.trainers))


def handle(cfgs: Sequence[TrainConfig]) -> jobs.Job | None:
    """Run the pending button action (at most one per run); return the job to show."""
    action = st.session_state.pop(ACTION_KEY, None)
    job = current_job()
    if action in ("play", "step") and cfgs:
        trainers = job.trainers if _resumable(job, cfgs) else None
        # The pool keeps one job per session: a click while this session's job runs returns that job.
        job = jobs.get_pool().submit(session_id(), list(cfgs), trainers=trainers, steps=1 if action == "step" else None,
                                     pace=PACE_STEPS_PER_S)  # fmt: skip
        if action == "step":
            job.wait(ACT_WAIT_S)  # one step: drawn by this very run, not by the next poll
    elif action in ("pause", "reset") and job is not None:
        job.cancel("user")
        job.wait(ACT_WAIT_S)  # ended before this run draws the buttons (and before a Train right after Reset)
        if action == "reset":
            job = None
    st.session_state[JOB_KEY] = job
    return job


# ---------------- the panel: buttons, live parts, results ----------------
def panel(p: Page, cfgs: Sequence[TrainConfig], show_test: bool) -> None:
    """The buttons and everything they change, as one fragment (Page.live): Pause, Step and Reset rerun only
    this part, not app.py, the sidebar, the settings and the data chart above it (issue 18: act within 0.3 s).

    Polling is registered by a full run only (module docstring). So when a click inside the panel changes whether
    the job runs (Play starts one; Pause, Step or Reset ends the one the live parts poll), the panel first draws
    the new state, then asks for one full run, which registers the live parts again with or without polling."""
    p.live(lambda: _panel(p, cfgs, show_test), key="panel")


def _fragment_rerun() -> bool:
    ctx = get_script_run_ctx() if get_script_run_ctx else None
    return bool(ctx is not None and getattr(ctx, "fragment_ids_this_run", None))


def _panel(p: Page, cfgs: Sequence[TrainConfig], show_test: bool) -> None:
    job = handle(cfgs)  # the button just pressed (its callback ran before this run)
    active = job is not None and job.active
    c1, c2, c3, c4, _ = st.columns([1, 1, 1, 1, 2])
    c1.button(p.t("train.play"), key="train_start", icon=":material/play_arrow:", type="primary", width="stretch",
              disabled=active or not cfgs, help=p.t("train.help.play"), on_click=press, args=("play",))
    c2.button(p.t("train.pause"), key="train_stop", icon=":material/pause:", width="stretch", disabled=not active,
              on_click=press, args=("pause",))
    c3.button(p.t("train.step"), key="train_step", icon=":material/skip_next:", width="stretch",
              disabled=active or not cfgs, help=p.t("train.help.step"), on_click=press, args=("step",))
    c4.button(p.t("train.reset"), key="train_reset", icon=":material/restart_alt:", width="stretch",
              disabled=job is None, help=p.t("train.help.reset"), on_click=press, args=("reset",))
    if job is not None and list(job.configs) != list(cfgs):
        st.info(p.t("train.changed"), icon=":material/tune:")

    st.subheader(p.t("train.live_head"))
    if job is None:
        st.info(p.t("train.empty"))
    else:
        live_curves(p, job, active)
        st.subheader(p.t("train.boundary_head"))
        discrete = p.control("discrete")
        live_boundaries(p, job, active, discrete, show_test)
        if not active:
            st.subheader(p.t("train.results_head"))
            results(p, job)
    if not _fragment_rerun():
        st.session_state[POLLING_KEY] = active
    elif active != st.session_state.get(POLLING_KEY, False):
        st.rerun()  # drawn above already; the full run (re)registers the live parts' polling


# ---------------- live panels ----------------
def _status(p: Page, job: jobs.Job, snap: jobs.JobSnapshot) -> None:
    last = [recs[-1] for recs in snap.records if recs]
    total = job.configs[0].steps
    step = max((r.step for r in last), default=0)
    if snap.status == "queued":
        st.info(p.t("train.queued", pos=max(1, snap.position)), icon=":material/hourglass_top:")
    done = sum(r.step for r in last) / (len(job.configs) * max(1, total))
    st.progress(min(1.0, done), text=p.t("train.progress", step=step, total=total))
    diverged = [p.t(f"variant.{r.variant}") for r in last if r.status == "diverged"]
    if diverged:  # live, as soon as one run blows up (the others train on)
        st.warning(p.t("train.diverged", names=p.join(diverged)), icon=":material/warning:")
    s = snap.status
    if s == "done":
        st.success(p.t("train.done", steps=step), icon=":material/check_circle:")
    elif s == "paused" or (s == "cancelled" and snap.cancel_reason in (None, "user")):
        st.info(p.t("train.paused", step=step), icon=":material/pause_circle:")
    elif s == "cancelled":
        st.info(p.t("train.stale" if snap.cancel_reason == "stale" else "train.shutdown", step=step))
    elif s == "budget":
        st.info(p.t("train.budget", secs=job.configs[0].max_seconds, job_secs=jobs.get_pool().max_seconds_per_job))
    elif s == "failed":  # plain text: the message is escaped, never rendered as markdown or HTML
        st.error(p.t("train.failed", msg=md_escape(snap.error or "?")), icon=":material/error:")


def _chart(p: Page, fig, key: str) -> None:
    """A live chart, redrawn in place on every refresh (ui/live_plot.live_chart), not remounted."""
    live_chart(p, key, fig)


def _classification(job: jobs.Job) -> bool:
    return DATASETS[job.configs[0].dataset].kind == "classification"


def _x_max(job: jobs.Job, snap: jobs.JobSnapshot) -> int:
    """The planned steps, so the curves grow across a fixed axis; once every run has ended for good (e.g. all
    diverged after a few steps), the steps actually run, so a short run is not a few pixels at the left edge."""
    last = [recs[-1] for recs in snap.records if recs]
    if last and len(last) == len(job.configs) and all(r.status in ("done", "diverged", "budget") for r in last):
        return max(1, max(r.step for r in last))
    return job.configs[0].steps


def _curves(p: Page, job: jobs.Job, polling: bool, every: float | None = None) -> None:
    job.touch()
    snap = job.snapshot()
    if polling and snap.status not in jobs.ACTIVE:
        st.rerun()  # the job ended: one full-app rerun stops the polling (see the module docstring)
    if polling and every is not None and _every() >= 2 * every:
        st.rerun()  # a class joined since this tab's polling was registered: register it again, slower
    _status(p, job, snap)
    if not any(snap.records):
        return  # queued: no curve to draw yet
    variants = [c.variant for c in job.configs]
    x_max = _x_max(job, snap)
    fig = curves_figure(snap.records, variants, _classification(job), x_max, p.lang, p.big, markers=not polling)
    _chart(p, fig, "train_curves")
    fig = beta_figure(snap.records, variants, x_max, p.lang, p.big)
    if fig is not None:
        _chart(p, fig, "train_beta")


def _boundaries(p: Page, job: jobs.Job, discrete: bool, show_test: bool) -> None:
    job.touch()
    torch.set_num_threads(1)  # a tiny forward pass; leave the other core to the scheduler
    snap = job.snapshot()
    data = dataset(job.configs[0])
    cols = st.columns(min(4, len(job.configs)))
    height = {1: 440, 2: 420, 3: 360}.get(len(cols), 300)  # about square in a column of the wide layout
    for i, cfg in enumerate(job.configs):
        model = job.model(i)
        if model is None or not snap.records[i]:
            continue
        xs, ys, z = predict_grid(model, -data.extent, data.extent, None, _classification(job))
        title = p.t("train.boundary_title", name=p.t(f"variant.{cfg.variant}"), step=snap.records[i][-1].step)
        with cols[i % len(cols)]:
            _chart(p, boundary_figure(xs, ys, z, data, title, discrete, show_test, p.lang, p.big, height),
                   f"train_boundary_{i}")
    st.caption(p.t("train.boundary_caption" if _classification(job) else "train.boundary_caption_reg"))


def poll_every(jobs_in_pool: int) -> float:
    """Seconds between two polls of a training tab's curves when `jobs_in_pool` runs are admitted or queued."""
    return min(MAX_EVERY_S, max(CURVES_EVERY_S, jobs_in_pool / POLLS_PER_S))


def _every() -> float:
    stats = jobs.get_pool().stats()
    return poll_every(stats["running"] + stats["queued"])


def live_curves(p: Page, job: jobs.Job, active: bool) -> None:
    """`active`: job.active as read once by the page for this whole run. Reading it again here could see the
    job end in between, and then nothing would rerun the page to update what it drew before (the buttons)."""
    every = _every() if active else None
    st.fragment(_curves, run_every=every)(p, job, active, every)


def live_boundaries(p: Page, job: jobs.Job, active: bool, discrete: bool, show_test: bool) -> None:
    slower = _every() / CURVES_EVERY_S  # a busy class slows the heatmaps as much as the curves
    every = BOUNDARY_S_PER_VARIANT * max(2, len(job.configs)) * slower if active else None
    st.fragment(_boundaries, run_every=every)(p, job, discrete, show_test)


def _as_table(rows: list[dict]) -> list[dict]:
    """A column that mixes numbers and words (a diverged run's "diverged" where the others have losses) goes as
    text: Arrow cannot type it otherwise, and Streamlit's fallback logs a traceback for every table."""
    mixed = {k for k in rows[0] if len({type(r.get(k)) for r in rows}) > 1}
    return [{k: (str(v) if k in mixed else v) for k, v in r.items()} for r in rows]


def results(p: Page, job: jobs.Job) -> None:
    """The table at the end: last record of every run, with its parameter count; CSV downloads."""
    snap = job.snapshot()
    variants = [c.variant for c in job.configs]
    rows = results_rows(snap.records, variants, [params_of(c) for c in job.configs], p.lang)
    if not rows:
        return
    st.dataframe(_as_table(rows), hide_index=True, width="stretch")
    cfg = job.configs[0]
    c1, c2 = st.columns(2)
    c1.download_button(p.t("train.download"), rows_csv(rows), file_name=f"results_{cfg.dataset}_seed{cfg.seed}.csv",
                       mime="text/csv", icon=":material/download:", key="train_csv")
    curves = curves_figure(snap.records, variants, _classification(job), _x_max(job, snap), p.lang)
    p.download_csv(p.t("train.download_curves"), curves, file_name=f"curves_{cfg.dataset}_seed{cfg.seed}.csv",
                   key="train_curves_csv", where=c2)
