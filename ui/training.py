"""Streamlit side of the training lab (pages/train.py): this session's job in the shared worker pool, what
the buttons do, and the live panels that poll the job.

Threads (design notes, item 8): the pool's scheduler threads train and only update their plain Job objects
(swiglu/jobs.py); they never call st.*. Everything here runs in this session's script thread. The live
panels are st.fragment(run_every=...) functions that read job.snapshot() and call job.touch(), the heartbeat
without which the pool cancels the job after 15 s (tab closed, page left).

How the polling stops: a fragment polls only if it was registered with run_every, and it is registered
with run_every only in a run (the full app's, or the panel's after Train) that saw the job queued or
running. When a polling run sees the job ended it calls st.rerun() once: the full-app rerun clears the
browser's auto-rerun timers (every new full run does), registers the fragments again without run_every
(the job is no longer active), and draws the final state with the results table. A job never becomes
active again, so this cannot loop, and a stray timer tick after the end only draws the same final state.

Under serve.py (a deployment, the browser tests, the benchmarks) the curves do not wait for those polls: the
chart fetches the job's new records from the training feed (ui/feed.py) and appends them itself, and the fragment
polls slowly (status_every), for the status line, the progress bar and a full redraw that checks the appends.
The chart asks for a rerun of its fragment (its `redraw` state) the moment the job ends, so the end is drawn at
once, not at the next slow poll. Without the route (`streamlit run app.py`, AppTest) the page polls as above.
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

from . import feed
from .live_plot import feed_url, live_chart
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
# With the training feed (ui/feed.py, under serve.py) the curves fetch their new points over plain HTTP, ~0.5 ms
# of the server each (Starlette's middleware included), at most FEED_REQUESTS_PER_S for the whole class together
# (60 tabs: every 0.6 s each). The fragment then only redraws the status line, the progress bar and the whole
# figure (a check on the browser's appends), ~20 ms each under load: STATUS_POLLS_PER_S together (60 tabs: every
# 10 s each; the curves, whose x axis spans the planned steps, show the progress meanwhile), at least every
# STATUS_MIN_S.
FEED_REQUESTS_PER_S = 100.0
FEED_MIN_EVERY_S, FEED_MAX_EVERY_S = 0.075, 1.0  # alone: ~13 asks a second, so that ~10 bring new points
STATUS_POLLS_PER_S = 6.0
STATUS_MIN_S, STATUS_MAX_S = 1.0, 10.0
# The heatmaps, one per variant, are rebuilt every 0.5 s per variant (at least 1 s): 1 s for one or two variants,
# 4 s for all eight (a 128 x 128 grid and its figure per variant; the browser redraws them in place).
BOUNDARY_S_PER_VARIANT = 0.5
# A class: the heatmaps were 40 % of the server's time with 60 tabs training (py-spy), more than the training
# itself. Past BOUNDARY_ALONE jobs their refresh slows in proportion (60 jobs: every 30 s for two variants, the
# curves keep moving meanwhile) and the grid is at most BOUNDARY_BUSY_CELLS a side (a quarter of the cost of 128).
BOUNDARY_ALONE = 2
BOUNDARY_BUSY_CELLS = 64
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
    buttons sit in the panel's fragment, so a click reruns only the panel (Train too: the live parts it draws
    register their polling in that fragment run; a class of 60 pressing Train at once costs the server 60 panel
    runs, not 60 runs of the whole page)."""
    st.session_state[ACTION_KEY] = action


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

    The polling stops with a full run only (module docstring). So when a click inside the panel ends the job the
    live parts poll (Pause, Step or Reset), the panel first draws the new state, then asks for one full run, which
    registers the live parts again without polling. Train starts the polling in its own panel run."""
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
    polling = st.session_state.get(POLLING_KEY, False)
    if not _fragment_rerun() or (active and not polling):
        # A live part's run_every reaches the browser in any run (an auto_rerun message per fragment id, kept in a
        # map by the frontend), so a panel run that starts a job also starts its polling.
        st.session_state[POLLING_KEY] = active
    elif polling and not active:
        st.rerun()  # drawn above already; only a full run clears the browser's polling timers


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


def _chart(p: Page, fig, key: str, fed: dict | None = None) -> None:
    """A live chart, redrawn in place on every refresh (ui/live_plot.live_chart), not remounted; with `fed`, it
    also appends the job's new points between two refreshes, fetched from the training feed."""
    live_chart(p, key, fig, fed)


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
    fed = _feed(job, snap) if polling and feed.enabled() else None
    if not any(snap.records) and fed is None:
        return  # queued: no curve to draw yet (with the feed, the empty chart fetches its first points itself)
    variants = [c.variant for c in job.configs]
    x_max = _x_max(job, snap)
    fig = curves_figure(snap.records, variants, _classification(job), x_max, p.lang, p.big, markers=not polling)
    _chart(p, fig, "train_curves", fed)
    fig = beta_figure(snap.records, variants, x_max, p.lang, p.big)
    if fig is not None:
        _chart(p, fig, "train_beta", fed)


def _feed(job: jobs.Job, snap: jobs.JobSnapshot) -> dict:
    """What the browser's chart needs to fetch the job's next points itself (ui/feed.py): the job's feed URL, how
    many records of each run this figure holds, and how often to ask."""
    every = feed_every(_pool_load())
    counts = [len(r) for r in snap.records]
    return {"url": feed_url(feed.token_for(job)), "counts": counts, "every": round(every * 1000)}


def _boundaries(p: Page, job: jobs.Job, discrete: bool, show_test: bool, cells: int | None = None) -> None:
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
        xs, ys, z = predict_grid(model, -data.extent, data.extent, None, _classification(job), max_n=cells)
        title = p.t("train.boundary_title", name=p.t(f"variant.{cfg.variant}"), step=snap.records[i][-1].step)
        with cols[i % len(cols)]:
            _chart(p, boundary_figure(xs, ys, z, data, title, discrete, show_test, p.lang, p.big, height),
                   f"train_boundary_{i}")
    st.caption(p.t("train.boundary_caption" if _classification(job) else "train.boundary_caption_reg"))


def poll_every(jobs_in_pool: int) -> float:
    """Seconds between two polls of a training tab's curves when `jobs_in_pool` runs are admitted or queued."""
    return min(MAX_EVERY_S, max(CURVES_EVERY_S, jobs_in_pool / POLLS_PER_S))


def feed_every(jobs_in_pool: int) -> float:
    """Seconds between two feed requests of a training tab's charts (under serve.py)."""
    return min(FEED_MAX_EVERY_S, max(FEED_MIN_EVERY_S, jobs_in_pool / FEED_REQUESTS_PER_S))


def status_every(jobs_in_pool: int) -> float:
    """Seconds between two polls of the status fragment when the curves have the feed."""
    return min(STATUS_MAX_S, max(STATUS_MIN_S, jobs_in_pool / STATUS_POLLS_PER_S))


def boundary_every(jobs_in_pool: int, variants: int) -> float:
    """Seconds between two redraws of the heatmaps of a job of `variants` runs."""
    return BOUNDARY_S_PER_VARIANT * max(2, variants) * max(1.0, jobs_in_pool / BOUNDARY_ALONE)


def _pool_load() -> int:
    stats = jobs.get_pool().stats()
    return stats["running"] + stats["queued"]


def _every() -> float:
    """The curves fragment's polling interval now: fast without the feed, a slow status poll with it."""
    n = _pool_load()
    return status_every(n) if feed.enabled() else poll_every(n)


def live_curves(p: Page, job: jobs.Job, active: bool) -> None:
    """`active`: job.active as read once by the page for this whole run. Reading it again here could see the
    job end in between, and then nothing would rerun the page to update what it drew before (the buttons)."""
    every = _every() if active else None
    st.fragment(_curves, run_every=every)(p, job, active, every)


def live_boundaries(p: Page, job: jobs.Job, active: bool, discrete: bool, show_test: bool) -> None:
    n = _pool_load()
    every = boundary_every(n, len(job.configs)) if active else None
    cells = BOUNDARY_BUSY_CELLS if active and n > BOUNDARY_ALONE else None
    st.fragment(_boundaries, run_every=every)(p, job, discrete, show_test, cells)


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
