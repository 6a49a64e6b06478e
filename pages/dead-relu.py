import streamlit as st

from swiglu import dead, jobs
from swiglu.experiments import dead_relu as dr
from swiglu.plots.dead_relu import arm_name, dead_figure, histogram_figure, loss_figure, map_figure, sparsity_figure
from ui.page import md_escape, start
from ui.training import session_id

JOBS = {"compare": "_dead_job", "revive": "_dead_revive_job"}  # session_state: this page's jobs, by kind
ACTION = "_dead_action"  # session_state: the button just pressed (its callback ran before this script)
POLL_S = 0.5  # the runs take seconds; two chart updates per second are plenty

p = start("dead-relu")
st.title(p.t("dead.title"))
st.markdown(p.t("dead.intro"))

# ---- 1 · the definition, with its ε ----
st.header(p.t("dead.def_head"))
st.markdown(p.t("dead.def_relu"))
st.latex(dead.LATEX_DEAD_RELU)
eps_s = p.control("deps", widget="radio")
eps = float(eps_s)
st.markdown(p.t("dead.def_smooth", eps=eps_s))
st.latex(dead.LATEX_OFF)
st.latex(dead.latex_threshold(eps))
st.latex(dead.LATEX_DEAD_SMOOTH)
st.markdown(p.t("dead.def_gated", eps=eps_s))
st.latex(dead.LATEX_GATED)
cols = st.columns(4)
for col, v in zip(cols, ("relu", "swish", "geglu", "glu"), strict=True):
    col.metric(p.t("dead.threshold_metric", name=p.t(f"dead.gate.{v}")), f"{dead.off_threshold(v, eps):.2f}")
st.caption(p.t("dead.threshold_caption", eps=eps_s))


# ---- 2 · the experiment ----
def _apply_preset(name: str) -> None:
    for setting, value in dr.presets()[name].items():
        st.session_state[f"w.dead-relu.{setting}"] = value


def _press(action: str) -> None:
    st.session_state[ACTION] = action


st.header(p.t("dead.exp_head"))
st.markdown(p.t("dead.exp_intro"))
st.markdown(f"**{p.t('dead.presets')}**")
pcols = st.columns(len(dr.presets()))
for col, name in zip(pcols, dr.presets(), strict=True):
    col.button(p.t(f"dead.preset.{name}"), key=f"dead_preset_{name}", on_click=_apply_preset, args=(name,),
               help=p.t(f"dead.preset_help.{name}"), width="stretch")

c1, c2, c3, c4 = st.columns(4)
p.control("ddata", where=c1, format_func=lambda k: p.t(f"dead.ds.{k}"))
p.control("ddepth", where=c2)
p.control("dwidth", where=c3)
p.control("dsteps", where=c4)
c5, c6, c7, c8 = st.columns(4)
p.control("dlr", where=c5)
p.control("dinit", where=c6, format_func=lambda k: p.t(f"dead.init.{k}"))
p.control("dshift", where=c7)
p.control("seed", where=c8)
v = p.values
preset = dr.matching_preset(v)
if preset is not None:
    st.caption(p.t("dead.preset_note", name=p.t(f"dead.preset.{preset}")))
cfg = dr.DeadConfig(dataset=v["ddata"], seed=v["seed"], depth=v["ddepth"], width=v["dwidth"], init=v["dinit"],
                    lr=float(v["dlr"]), shift=v["dshift"], steps=v["dsteps"])
st.caption(p.t("dead.model_caption", width=cfg.width, depth=cfg.depth, relu=cfg.d_ff("relu"),
               swiglu=cfg.d_ff("swiglu"), n=cfg.n_points // 2))


def _handle() -> None:
    """Run the pending button action: start one of this page's experiments, or stop the running one."""
    action = st.session_state.pop(ACTION, None)
    if action in JOBS:
        kind = action

        def task(job, cfg=cfg, kind=kind):  # runs in a pool worker: no st.* in here
            return dr.run_experiment(cfg, kind, publish=job.report, should_stop=job.should_stop)

        job = jobs.get_pool().submit_task(session_id(), task, kind=f"dead-{kind}")
        if isinstance(job, jobs.TaskJob) and job.kind == f"dead-{kind}":
            st.session_state[JOBS[kind]] = job
        else:
            st.session_state["_dead_busy"] = job  # this session's other job (another page) still runs
    elif action == "stop":
        for key in JOBS.values():
            job = st.session_state.get(key)
            if job is not None and job.active:
                job.cancel("user")
        busy = st.session_state.pop("_dead_busy", None)
        if busy is not None and busy.active:
            busy.cancel("user")


_handle()
running = [st.session_state.get(k) for k in JOBS.values() if st.session_state.get(k) is not None]
active = any(j.active for j in running)
b1, b2, b3, _ = st.columns([1, 1, 1, 1])
b1.button(p.t("dead.run"), key="dead_run", icon=":material/play_arrow:", type="primary", width="stretch",
          disabled=active, on_click=_press, args=("compare",), help=p.t("dead.run_help"))
b2.button(p.t("dead.revive_run"), key="dead_revive", icon=":material/healing:", width="stretch", disabled=active,
          on_click=_press, args=("revive",), help=p.t("dead.revive_help"))
b3.button(p.t("dead.stop"), key="dead_stop", icon=":material/stop:", width="stretch",
          disabled=not (active or st.session_state.get("_dead_busy")), on_click=_press, args=("stop",))
busy = st.session_state.get("_dead_busy")
if busy is not None:
    if busy.active:
        st.warning(p.t("dead.busy"), icon=":material/hourglass_top:")
    else:
        st.session_state.pop("_dead_busy", None)


def _status(snap) -> None:
    if snap.status == "queued":
        st.info(p.t("dead.queued", pos=max(1, snap.position)), icon=":material/hourglass_top:")
    st.progress(snap.progress, text=p.t("dead.progress", pct=f"{100 * snap.progress:.0f}"))
    if snap.status == "failed":
        st.error(p.t("dead.failed", msg=md_escape(snap.error or "?")), icon=":material/error:")
    elif snap.status == "budget":
        st.info(p.t("dead.budget", secs=f"{jobs.get_pool().max_seconds_per_job:.0f}"))
    elif snap.status == "cancelled":
        st.info(p.t("dead.stale" if snap.cancel_reason == "stale" else "dead.cancelled"))
    state = snap.result
    if state is not None:
        diverged = [arm_name(a, p.lang) for a in state.arms if a.status == "diverged"]
        if diverged:
            st.warning(p.t("dead.diverged", names=p.join(diverged)), icon=":material/warning:")


def _live(kind: str, polling: bool) -> None:
    job = st.session_state[JOBS[kind]]
    job.touch()
    snap = job.snapshot()
    if polling and snap.status not in jobs.ACTIVE:
        st.rerun()  # the job ended: one full-app rerun stops the polling and draws the final state
    _status(snap)
    state = snap.result
    if state is None or not state.arms or not state.arms[0].records:
        return
    fig = dead_figure(state, eps_s, p.lang, p.big)
    p.chart(fig, key=f"dead_curves_{kind}")
    lfig = loss_figure(state, p.lang, p.big)
    p.chart(lfig, key=f"dead_loss_{kind}")
    d1, d2 = st.columns(2)
    p.download_csv(p.t("dead.download_dead"), fig, file_name=f"dead_fraction_{kind}.csv", key=f"dead_csv_{kind}",
                   where=d1)
    p.download_csv(p.t("dead.download_loss"), lfig, file_name=f"loss_{kind}.csv", key=f"dead_loss_csv_{kind}", where=d2)


def live(kind: str) -> None:
    job = st.session_state.get(JOBS[kind])
    if job is None:
        return
    st.fragment(_live, run_every=POLL_S if job.active else None)(kind, job.active)


def result(kind: str):
    job = st.session_state.get(JOBS[kind])
    return None if job is None else job.snapshot().result


st.subheader(p.t("dead.curves_head"))
if st.session_state.get(JOBS["compare"]) is None:
    st.info(p.t("dead.empty"), icon=":material/science:")
live("compare")
st.markdown(p.t("dead.curves_read"))

# ---- 3 · inside one layer: units × inputs, histograms ----
st.header(p.t("dead.look_head"))
st.markdown(p.t("dead.look_intro"))
state = result("compare")
l1, l2 = st.columns(2)
arm_key = p.control("dview", where=l1, widget="radio", format_func=lambda k: arm_name(k, p.lang))
layer = p.control("dlayer", where=l2)
if state is None or state.arm(arm_key) is None or not state.arm(arm_key).pre_last:
    st.info(p.t("dead.look_empty"))
else:
    layer = min(layer, len(state.arm(arm_key).pre_last)) - 1
    mfig = map_figure(state, arm_key, layer, eps, p.lang, p.big)
    p.chart(mfig, key="dead_map")
    st.caption(p.t("dead.map_caption", eps=eps_s))
    hfig = histogram_figure(state, arm_key, layer, eps, p.lang, p.big)
    p.chart(hfig, key="dead_hist")
    st.caption(p.t("dead.hist_caption"))
    e1, e2 = st.columns(2)
    tag = f"{arm_key}_L{layer + 1}"
    p.download_csv(p.t("dead.download_map"), mfig, file_name=f"units_x_inputs_{tag}.csv", key="dead_map_csv", where=e1)
    p.download_csv(p.t("dead.download_hist"), hfig, file_name=f"preactivations_{tag}.csv", key="dead_hist_csv",
                   where=e2)

# ---- 4 · death is not sparsity ----
st.header(p.t("dead.sparsity_head"))
st.markdown(p.t("dead.sparsity_intro"))
st.latex(dead.LATEX_SPARSITY)
if state is not None and state.arms and state.arms[0].pre_last:
    sfig = sparsity_figure(state, eps, p.lang, p.big)
    p.chart(sfig, key="dead_sparsity")
    rows = {(r["arm"], r["layer"]): r for r in dr.death_vs_sparsity(state, eps)}
    relu1 = rows.get(("relu", 1))
    if relu1 is not None and relu1["off_alive"] is None:
        st.markdown(p.t("dead.sparsity_all_dead", layer=1, units=relu1["units"]))
    elif relu1 is not None:
        st.markdown(p.t("dead.sparsity_numbers", layer=1, units=relu1["units"], dead=f"{100 * relu1['dead']:.0f}",
                        off=f"{100 * relu1['off_per_input']:.0f}", on=f"{100 * relu1['on_per_input']:.0f}",
                        alive=f"{100 * relu1['off_alive']:.0f}"))
    p.download_csv(p.t("dead.download_sparsity"), sfig, file_name="death_vs_sparsity.csv", key="dead_sparsity_csv")
st.markdown(p.t("dead.sparsity_t5", pct=f"{100 * dead.LAZY_NEURON_NONZERO:.0f}"))

# ---- 5 · revive ----
st.header(p.t("dead.revive_head"))
st.markdown(p.t("dead.revive_intro", lr=v["dlr"]))
if st.session_state.get(JOBS["revive"]) is None:
    st.info(p.t("dead.revive_empty"), icon=":material/healing:")
live("revive")
rstate = result("revive")
if rstate is not None and rstate.finished and rstate.arms[0].records:
    table = [{p.t("dead.col.arm"): arm_name(r["arm"], p.lang), p.t("dead.col.lr"): f"{r['lr']:g}",
              p.t("dead.col.init"): p.t(f"dead.init.{r['init']}"), p.t("dead.col.shift"): f"{r['shift']:g}",
              p.t("dead.col.born"): f"{100 * r['dead_start']:.0f} %",
              p.t("dead.col.end"): f"{100 * r['dead_end']:.0f} %", p.t("dead.col.loss"): f"{r['loss']:.3f}",
              p.t("dead.col.acc"): "—" if r["accuracy"] is None else f"{100 * r['accuracy']:.0f} %"}
             for r in dr.summary_rows(rstate, eps_s)]
    st.dataframe(table, hide_index=True, width="stretch")
st.markdown(p.t("dead.revive_read"))

p.quiz("dead.quiz", 4, correct=3)
p.show_code(dead.is_off, dead.layer_death, dr.build_model, dr.DeadRun.advance)
p.finish()
