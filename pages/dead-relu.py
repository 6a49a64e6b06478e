import streamlit as st

from swiglu import dead
from swiglu.experiments import dead_relu as dr
from swiglu.plots.dead_relu import arm_name, histogram_figure, map_figure, sparsity_figure
from ui import dead_relu as ui
from ui.page import start

p = start("dead-relu")
st.title(p.t("dead.title"))
st.markdown(p.t("dead.intro"))
# Show, then define: the experiment's result opens the page. It is drawn into this slot at the end of the
# experiment's section, once the settings below it (and ε in the definition) have been read.
results = st.container()

# ---- 1 · the experiment's settings ----
st.header(p.t("dead.exp_head"))
st.markdown(p.t("dead.exp_intro"))
st.markdown(f"**{p.t('dead.presets')}**")
pcols = st.columns(len(dr.presets()))
for col, name in zip(pcols, dr.presets(), strict=True):
    col.button(p.t(f"dead.preset.{name}"), key=f"dead_preset_{name}", on_click=ui.apply_preset, args=(p.id, name),
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
cfg = ui.config(v)
st.caption(p.t("dead.model_caption", width=cfg.width, depth=cfg.depth, relu=cfg.d_ff("relu"),
               swiglu=cfg.d_ff("swiglu"), n=cfg.n_points // 2))

ui.handle(cfg)
active = ui.own_active()
b1, b2, b3, _ = st.columns([1, 1, 1, 1])
b1.button(p.t("dead.run"), key="dead_run", icon=":material/play_arrow:", type="primary", width="stretch",
          disabled=active, on_click=ui.press, args=("compare",), help=p.t("dead.run_help"))
b2.button(p.t("dead.revive_run"), key="dead_revive", icon=":material/healing:", width="stretch", disabled=active,
          on_click=ui.press, args=("revive",), help=p.t("dead.revive_help"))
b3.button(p.t("dead.stop"), key="dead_stop", icon=":material/stop:", width="stretch",
          disabled=not (active or ui.busy()), on_click=ui.press, args=("stop",))
if ui.busy() is not None:
    st.warning(p.t("dead.busy"), icon=":material/hourglass_top:")

# ---- 2 · the definition, with its ε ----
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
for col, g in zip(cols, ("relu", "swish", "geglu", "glu"), strict=True):
    col.metric(p.t("dead.threshold_metric", name=p.t(f"dead.gate.{g}")), f"{dead.off_threshold(g, eps):.2f}")
st.caption(p.t("dead.threshold_caption", eps=eps_s))

# ---- the result, at the top of the page (the slot above) ----
job, shared = ui.shown_job("compare", cfg)
with results:
    st.subheader(p.t("dead.curves_head"))
    if job is None:
        st.info(p.t("dead.empty"), icon=":material/science:")
    elif shared:
        st.caption(p.t("dead.shared_note", name=p.t(f"dead.preset.{preset}")))
    ui.live(p, job, "compare", eps_s)
    st.markdown(p.t("dead.curves_read"))

# Asked before section 3 and 4 answer it (an empty row; death vs sparsity).
p.quiz()

# ---- 3 · inside one layer: units × inputs, histograms ----
st.header(p.t("dead.look_head"))
st.markdown(p.t("dead.look_intro"))
state = ui.result(job)
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
rjob, _ = ui.shown_job("revive", cfg)
if rjob is None:
    st.info(p.t("dead.revive_empty"), icon=":material/healing:")
ui.live(p, rjob, "revive", eps_s)
rstate = ui.result(rjob)
if rstate is not None and rstate.finished and rstate.arms[0].records:
    table = [{p.t("dead.col.arm"): arm_name(r["arm"], p.lang), p.t("dead.col.lr"): f"{r['lr']:g}",
              p.t("dead.col.init"): p.t(f"dead.init.{r['init']}"), p.t("dead.col.shift"): f"{r['shift']:g}",
              p.t("dead.col.born"): f"{100 * r['dead_start']:.0f} %",
              p.t("dead.col.end"): f"{100 * r['dead_end']:.0f} %", p.t("dead.col.loss"): f"{r['loss']:.3f}",
              p.t("dead.col.acc"): "—" if r["accuracy"] is None else f"{100 * r['accuracy']:.0f} %"}
             for r in dr.summary_rows(rstate, eps_s)]
    st.dataframe(table, hide_index=True, width="stretch")
st.markdown(p.t("dead.revive_read"))

p.show_code(dead.is_off, dead.layer_death, dr.build_model, dr.DeadRun.advance)
p.finish()
