"""The "Toy reproduction" section of /paper: our character-level reproduction of Shazeer 2020's Table 1 (the run
shipped in assets/, made by swiglu.experiments.glu_variants), beside the paper's numbers, and a live re-run of
the quick version through the shared worker pool (one job per session, polled by a fragment, never trained in
the script thread). pages/paper.py calls render_toy_reproduction(p) under its section header.
"""

from __future__ import annotations

import dataclasses

import streamlit as st

from swiglu import jobs, paper
from swiglu.experiments import glu_variants as gv
from swiglu.experiments.charlm import CharLM, train_run
from swiglu.plots.ffn import SHORT
from swiglu.plots.toy_repro import rank_figure, toy_figure

from .page import Page, md_escape
from .training import session_id

JOB_KEY = "_toy_job"  # session_state: this session's live quick run
BUSY_KEY = "_toy_busy"  # session_state: this session's job on another page, if that blocked the start
POLL_S = 1.0  # a quick run finishes a (variant, seed) every few seconds


@dataclasses.dataclass(frozen=True)
class LiveRuns:
    """What the quick-run task publishes: the finished runs so far, as JSON rows (immutable tuple)."""

    runs: tuple[dict, ...]
    total: int


def _quick_task(job) -> LiveRuns:  # runs in a pool worker: no st.* here
    done: list[dict] = []
    total = len(gv.SEEDS) * len(gv.VARIANTS)

    def on_run(r, i, n):
        done.append(gv.to_json({}, [r])["runs"][0])
        job.report(i / n, LiveRuns(tuple(done), total))

    job.report(0.0, LiveRuns((), total))
    gv.run_all(gv.QUICK, gv.SEEDS, gv.VARIANTS, on_run, job.should_stop)
    return LiveRuns(tuple(done), total)


def _start() -> None:
    job = jobs.get_pool().submit_task(session_id(), _quick_task, kind="toy-quick")
    if isinstance(job, jobs.TaskJob) and job.kind == "toy-quick":
        st.session_state[JOB_KEY] = job
    else:
        st.session_state[BUSY_KEY] = job


def _stop() -> None:
    for key in (JOB_KEY, BUSY_KEY):
        job = st.session_state.get(key)
        if job is not None and job.active:
            job.cancel("user")


def _order(keys: list[str]) -> str:
    return " < ".join(SHORT[k] for k in keys)


def _numbers(p: Page, summary: dict, cfg: dict) -> None:
    """The comparison in words, every number computed by the core from the shipped runs."""
    cmp = gv.compare_with_paper(summary, {k: v.short for k, v in paper.TABLE1.items()})
    st.markdown(p.t("toy.orders", toy=_order(cmp["toy_order"]), paper=_order(cmp["paper_order"]),
                    steps=f"{paper.SETUP['short_steps']:,}"))
    st.markdown(p.t("toy.stats", rho=f"{cmp['rho']:+.2f}", won=cmp["pairs_won"], pairs=cmp["pairs"],
                    gated=f"{cmp['gated_mean']:.4f}", plain=f"{cmp['plain_mean']:.4f}",
                    spread=f"{cmp['spread']:.4f}", noise="—" if cmp["noise"] is None else f"{cmp['noise']:.4f}",
                    best_toy=SHORT[cmp["best_toy"]], best_paper=SHORT[cmp["best_paper"]]))
    if cmp["rho"] >= 0.7 and not cmp["exceptions"]:
        st.markdown(p.t("toy.verdict_agree"))
    elif cmp["noise"] is not None and cmp["spread"] < 2 * cmp["noise"]:
        st.markdown(p.t("toy.verdict_noise"))
    elif cmp["rho"] >= 0.5:
        pairs = p.join(p.t("toy.pair", gated=SHORT[g], plain=SHORT[q]) for g, q in cmp["exceptions"])
        st.markdown(p.t("toy.verdict_partial", best=SHORT[cmp["best_toy"]], worst=SHORT[cmp["worst_toy"]],
                        n=len(cmp["exceptions"]), pairs=pairs))
    elif cmp["noise"] is not None:
        st.markdown(p.t("toy.verdict_differ"))
    if cmp["near_best"]:
        names = p.join(SHORT[v] for v in cmp["near_best"])
        st.markdown(p.t("toy.near_best", best=SHORT[cmp["best_toy"]], names=names))
    st.markdown(p.t("toy.why", d_model=cfg["d_model"], layers=cfg["n_layer"], steps=f"{cfg['steps']:,}",
                    chars=f"{cfg['corpus_chars']:,}", tokens=f"{cfg['steps'] * cfg['batch_size'] * cfg['context']:,}",
                    paper_steps=f"{paper.SETUP['short_steps']:,}", seeds=len(cfg["seeds"])))


def _live(p: Page, polling: bool) -> None:
    job = st.session_state[JOB_KEY]
    job.touch()
    snap = job.snapshot()
    if polling and snap.status not in jobs.ACTIVE:
        st.rerun()  # ended: one full rerun stops the polling and draws the final state
    if snap.status == "queued":
        st.info(p.t("toy.queued", pos=max(1, snap.position)), icon=":material/hourglass_top:")
    live = snap.result
    done = 0 if live is None else len(live.runs)
    total = len(gv.SEEDS) * len(gv.VARIANTS) if live is None else live.total
    st.progress(snap.progress, text=p.t("toy.live_progress", done=done, total=total))
    if snap.status == "failed":
        st.error(p.t("toy.failed", msg=md_escape(snap.error or "?")), icon=":material/error:")
    elif snap.status == "budget":
        st.info(p.t("toy.budget", secs=f"{jobs.get_pool().max_seconds_per_job:.0f}", done=done, total=total))
    elif snap.status == "cancelled":
        st.info(p.t("toy.cancelled", done=done, total=total))
    if live is not None and live.runs:
        summary = gv.summarise(list(live.runs))
        fig = toy_figure(summary, list(live.runs), p.lang, p.big, title_key="toy.fig_live")
        p.chart(fig, key="toy_live_chart")
        p.download_csv(p.t("toy.download_live"), fig, file_name="toy_quick_live.csv", key="toy_live_csv")


def render_toy_reproduction(p: Page) -> None:
    """Draw the section (the caller has written its header)."""
    st.markdown(p.t("toy.intro"))
    shipped = gv.load_shipped()
    if shipped is None:
        st.warning(p.t("toy.missing"), icon=":material/warning:")
    else:
        cfg, runs = shipped["config"], shipped["runs"]
        summary = gv.summarise(runs)
        prov = cfg.get("provenance", {})
        st.caption(p.t("toy.setup", d_model=cfg["d_model"], layers=cfg["n_layer"], heads=cfg["n_head"],
                       context=cfg["context"], steps=f"{cfg['steps']:,}", batch=cfg["batch_size"],
                       seeds=len(cfg["seeds"]), chars=f"{cfg['corpus_chars']:,}", vocab=cfg["vocab_size"],
                       dff_plain=cfg["d_ff"]["relu"], dff_gated=cfg["d_ff"]["swiglu"],
                       ffn=f"{cfg['ffn_params_per_layer']['relu']:,}",
                       ffn_gated=f"{cfg['ffn_params_per_layer']['swiglu']:,}"))
        fig = toy_figure(summary, runs, p.lang, p.big)
        p.chart(fig, key="toy_chart")
        c1, c2 = st.columns([3, 2])
        with c1:
            st.dataframe([{p.t("toy.col.variant"): SHORT[k],
                           p.t("toy.col.toy"): f"{s.mean:.4f} ± {s.std:.4f}" if s.n > 1 else f"{s.mean:.4f}",
                           p.t("toy.col.n"): s.n,
                           p.t("toy.col.paper", steps=f"{paper.SETUP['short_steps']:,}"):
                               f"{paper.TABLE1[k].short:.3f} ± {paper.TABLE1[k].short_std:.3f}"}
                          for k, s in summary.items() if k in paper.TABLE1], hide_index=True, width="stretch")
        with c2:
            p.chart(rank_figure(summary, p.lang, p.big), key="toy_rank")
        _numbers(p, summary, cfg)
        command = str(prov.get("command", "?")).replace("`", "'")  # shown in a code span: no markdown escapes there
        st.caption(p.t("toy.provenance", command=command, date=str(prov.get("date_utc", "?")),
                       machine=md_escape(prov.get("machine", "?")), secs=f"{prov.get('wall_seconds', 0) / 60:.0f}"))
        p.download_csv(p.t("toy.download"), fig, file_name="toy_reproduction_full.csv", key="toy_csv")

    # ---- live quick re-run ----
    st.subheader(p.t("toy.live_head"))
    q = gv.QUICK
    st.markdown(p.t("toy.live_intro", d_model=q.d_model, context=q.context, steps=q.steps,
                    runs=len(gv.SEEDS) * len(gv.VARIANTS), secs=f"{jobs.get_pool().max_seconds_per_job:.0f}"))
    job = st.session_state.get(JOB_KEY)
    active = job is not None and job.active
    busy = st.session_state.get(BUSY_KEY)
    if busy is not None and not busy.active:
        st.session_state.pop(BUSY_KEY, None)
        busy = None
    b1, b2, _ = st.columns([1, 1, 2])
    b1.button(p.t("toy.live_run"), key="toy_run", icon=":material/play_arrow:", type="primary", width="stretch",
              disabled=active, on_click=_start)
    b2.button(p.t("toy.live_stop"), key="toy_stop", icon=":material/stop:", width="stretch",
              disabled=not (active or busy is not None), on_click=_stop)
    if busy is not None:
        st.warning(p.t("toy.busy"), icon=":material/hourglass_top:")
    if job is not None:
        st.fragment(_live, run_every=POLL_S if active else None)(p, active)


CODE = (CharLM.forward, train_run)  # shown in the page's one "code that ran" panel (pages/paper.py)
