import streamlit as st

from swiglu import formulas, paper, timing
from swiglu.plots.ffn import SHORT
from swiglu.plots.paper import finetune_figure, gap_figure, perplexity_figure, timing_figure
from ui.page import start
from ui.toy_repro import CODE as TOY_CODE
from ui.toy_repro import render_toy_reproduction

p = start("paper")
st.title(p.t("paper.title"))
st.markdown(p.t("paper.intro"))
S = paper.SETUP
T1 = paper.TABLE1
steps, short_steps = f"{S['steps']:,}", f"{S['short_steps']:,}"

# ---- Table 1 first (show, then define: the setup follows) ----
st.header(p.t("paper.t1_title"))
# Predict, then see: asked before the charts and the bold line below them give the answer away.
p.quiz()
fig_short = perplexity_figure(False, p.lang, p.big)
fig_long = perplexity_figure(True, p.lang, p.big)
c1, c2 = st.columns(2)
ppl_charts = ((c1, fig_short, S["short_steps"], "paper_ppl_short"), (c2, fig_long, S["steps"], "paper_ppl_long"))
for col, fig, n, key in ppl_charts:
    with col:
        p.chart(fig, key=key)
        p.download_csv(p.t("paper.download_ppl", steps=f"{n:,}"), fig, file_name=f"shazeer2020_table1_{n}_steps.csv",
                       key=f"dl_{key}")
best = paper.best_perplexity(long=True)
st.markdown(p.t("paper.t1_highlight", best_long=SHORT[best], steps=steps, v_best=f"{T1[best].long:.3f}",
                v_swiglu=f"{T1['swiglu'].long:.3f}", gap=f"{T1['swiglu'].long - T1[best].long:.3f}",
                short_steps=short_steps, std=f"{T1['swiglu'].short_std:.3f}"))
st.dataframe([{p.t("paper.col.variant"): SHORT[k], p.t("paper.col.short", steps=short_steps): f"{v.short:.3f}",
               p.t("paper.col.std", steps=short_steps): f"{v.short_std:.3f}",
               p.t("paper.col.long", steps=steps): f"{v.long:.3f}"} for k, v in T1.items()],
             hide_index=True, width="stretch")

# ---- setup ----
st.header(p.t("paper.setup_title"))
plain_params, _ = paper.params_check()
st.markdown(p.t("paper.setup", model=S["model"], d_model=S["d_model"], d_ff_plain=S["d_ff_plain"],
                d_ff_gated=S["d_ff_gated"], params=f"{plain_params:,}", task=S["task"], steps=steps,
                short_steps=short_steps, runs=S["short_runs"]))
st.latex(formulas.budget_equation(S["d_model"], S["d_ff_plain"], S["d_ff_gated"]))
st.latex(formulas.FFN_PLAIN)
st.latex(formulas.FFN_GATED)

# ---- noise ----
st.header(p.t("paper.noise_title"))
st.markdown(p.t("paper.noise_intro", short_steps=short_steps))
st.latex(formulas.GAP_IN_STD)
a1, a2, a3 = st.columns([1, 1, 2])
va = p.control("va", where=a1, format_func=SHORT.get)
vb = p.control("vb", where=a2, format_func=SHORT.get)
a3.metric(p.t("paper.gap_metric", a=SHORT[va], b=SHORT[vb]), f"{paper.gap_in_std(va, vb):+.2f} σ")
a3.caption(p.t("paper.gap_delta", a=SHORT[va], b=SHORT[vb], delta=f"{T1[va].short - T1[vb].short:+.3f}"))
fig_gap = gap_figure(p.lang, p.big)
p.chart(fig_gap, key="paper_gap")
plain, gated = ("relu", "gelu", "swish"), ("bilinear", "reglu", "geglu", "swiglu")  # gated: all but σ-GLU
gaps = {"z_min": f"{paper.min_gap(gated, plain):.1f}", "z_glu": f"{paper.gap_in_std('glu', 'gelu'):.1f}"}
st.markdown(p.t("paper.noise_reading", z_sr=f"{paper.gap_in_std('swiglu', 'relu'):.1f}",
                z_gs=f"{paper.gap_in_std('geglu', 'swiglu'):.1f}",
                z_sre=f"{paper.gap_in_std('swiglu', 'reglu'):.1f}", **gaps))
p.download_csv(p.t("paper.download_gap"), fig_gap, file_name="shazeer2020_gaps_in_std.csv")

# ---- Tables 2-4 ----
st.header(p.t("paper.ft_title_h"))
fig_ft = finetune_figure(p.lang, p.big)
p.chart(fig_ft, key="paper_finetune")
st.markdown(p.t("paper.ft_highlight", **{k: SHORT[paper.best_task(k)] for k in paper.TASKS}))
st.dataframe([{p.t("paper.col.variant"): p.t("paper.raffel") if k == "raffel" else SHORT[k],
               **{p.t(f"paper.task.{task}"): f"{getattr(v, task):.2f}" for task in paper.TASKS}}
              for k, v in paper.TABLES234.items()], hide_index=True, width="stretch")
p.download_csv(p.t("paper.download_ft"), fig_ft, file_name="shazeer2020_tables2-4.csv")

# ---- the quote ----
st.header(p.t("paper.quote_title"))
st.markdown(f"> *{paper.QUOTE}*  \n> — {p.t('paper.quote_source')}")
st.markdown(p.t("paper.quote_note"))

# ---- why might it work ----
st.header(p.t("paper.why_title"))
st.markdown(p.t("paper.why_intro"))
st.markdown(p.t("paper.why1_claim"))
st.markdown(p.t("paper.why1_evidence", steps=steps, short_steps=short_steps, **{k: f"{T1[k].long:.3f}" for k in T1},
                **{f"{k}_s": f"{T1[k].short:.3f}" for k in T1},
                z_gelu_relu=f"{paper.gap_in_std('gelu', 'relu'):.1f}",
                z_swish_relu=f"{paper.gap_in_std('swish', 'relu'):.1f}"))
st.markdown(p.t("paper.why2_claim"))
st.markdown(p.t("paper.why2_evidence", short_steps=short_steps, **gaps))
st.markdown(p.t("paper.why3_claim"))
st.markdown(p.t("paper.why3_evidence", params=f"{plain_params:,}"))
st.markdown(p.t("paper.why4_claim"))
tm = timing.measure_cached()
st.markdown(p.t("paper.why4_evidence", tokens=tm.tokens, d_ff=tm.d_ff, elements=f"{tm.elements:,}",
                threads=tm.threads, repeats=tm.repeats, ratio_gated=f"{tm.ratio_gated:.2f}",
                ratio_act=f"{tm.ratio_act:.2f}", matmul=f"{tm.seconds['matmul'] * 1e6:,.0f}"))
st.markdown(p.t("paper.why4_verdict", act=p.t(f"timing.verdict.{timing.verdict(tm.ratio_act)}"),
                gated=p.t(f"timing.verdict.{timing.verdict(tm.ratio_gated)}")))
fig_time = timing_figure(tm, p.lang, p.big)
p.chart(fig_time, key="paper_timing")
p.download_csv(p.t("paper.download_timing"), fig_time, file_name="activation_timing.csv")
st.info(p.t("paper.why_summary"))

# ---- toy reproduction (ui/toy_repro.py) ----
st.header(p.t("paper.toy_title"))
render_toy_reproduction(p)

p.show_code(paper.gap_in_std, timing.measure, *TOY_CODE)  # one panel for the page, the toy run's code included
p.finish()
