import streamlit as st

from swiglu import formulas, paper
from swiglu import models as wild
from swiglu.ffn import FeedForward, is_gated, llama_hidden_dim, matched_d_ff
from swiglu.memory import SwiGLUFunction, compare_saved_bytes
from swiglu.plots.ffn import block_diagram, budget, budget_figure, live_figure, live_tensors, memory_figure, shape_rows
from swiglu.plots.models import model_diagram, ratio_figure, table_rows
from ui.page import start

p = start("ffn")
st.title(p.t("ffn.title"))
st.markdown(p.t("ffn.intro"))


def view() -> None:
    c1, c2, c3 = st.columns([2, 2, 1])
    dm = p.control("dm", where=c1)
    expansion = p.control("expansion", where=c2)
    variant = p.control("variant", where=c3, format_func=lambda k: p.t(f"variant.{k}"))
    d_ff = matched_d_ff(dm, variant, expansion)

    # ---- the block ----
    st.header(p.t("ffn.diagram_title"))
    p.chart(block_diagram(variant, dm, d_ff, p.lang, p.big), key="ffn_diagram")  # show, then define
    st.latex(formulas.CHAIN[3])
    if variant != "swiglu":  # the chosen variant's general form, next to SwiGLU's
        st.latex(formulas.FFN_GATED if is_gated(variant) else formulas.FFN_PLAIN)
    st.markdown(p.t("ffn.names_intro"))
    d_ff_gated = matched_d_ff(dm, "swiglu", expansion)
    names = [("W", "w1", "gate_proj", "ffn.role.w", f"{dm} × {d_ff_gated}"),
             ("V", "w3", "up_proj", "ffn.role.v", f"{dm} × {d_ff_gated}"),
             ("W2", "w2", "down_proj", "ffn.role.w2", f"{d_ff_gated} × {dm}")]
    st.dataframe([{p.t("ffn.col.paper"): a, p.t("ffn.col.meta"): b, p.t("ffn.col.hf"): c, p.t("ffn.col.role"): p.t(r),
                   p.t("ffn.col.shape"): s} for a, b, c, r, s in names], hide_index=True, width="stretch")
    st.caption(p.t("ffn.no_bias"))
    st.info(p.t("ffn.seed_names"), icon=":material/swap_horiz:")

    # ---- the budget ----
    st.header(p.t("ffn.budget_title"))
    st.markdown(p.t("ffn.budget_intro"))
    st.latex(formulas.PARAM_RULE)
    st.latex(formulas.budget_equation(paper.SETUP["d_model"], paper.SETUP["d_ff_plain"], paper.SETUP["d_ff_gated"]))
    st.markdown(p.t("ffn.budget_yours"))
    d_ff_plain = matched_d_ff(dm, "relu", expansion)
    st.latex(formulas.budget_equation(dm, d_ff_plain, d_ff_gated))
    rows = budget(dm, expansion)
    chosen = next(r for r in rows if r["variant"] == variant)
    m1, m2, m3, m4 = st.columns(4)
    m1.metric(p.t("ffn.m.d_ff_plain"), f"{d_ff_plain:,}")
    m2.metric(p.t("ffn.m.d_ff_gated"), f"{d_ff_gated:,}")
    m3.metric(p.t("ffn.m.params"), f"{chosen['params']:,}")
    m4.metric(p.t("ffn.m.flops"), f"{chosen['flops']:,}")
    fig_budget = budget_figure(rows, p.lang, p.big)
    p.chart(fig_budget, key="ffn_budget")
    st.dataframe([{p.t("ffn.col.variant"): p.t(f"variant.{r['variant']}"),
                   p.t("ffn.col.gated"): p.t("ffn.yes" if r["gated"] else "ffn.no"),
                   p.t("ffn.col.d_ff"): f"{r['d_ff']:,}", p.t("ffn.col.params"): f"{r['params']:,}",
                   p.t("ffn.col.flops"): f"{r['flops']:,}", p.t("ffn.col.no_shrink"): f"{r['params_no_shrink']:,}"}
                  for r in rows], hide_index=True, width="stretch")
    st.caption(p.t("ffn.budget_note"))
    p.download_csv(p.t("ffn.download_budget"), fig_budget, file_name=f"ffn_budget_d{dm}.csv")

    # ---- LLaMA and PaLM ----
    st.header(p.t("ffn.llama_title"))
    st.markdown(p.t("ffn.llama_intro"))
    st.latex(formulas.LLAMA_RULE)
    models = [*paper.LLAMA_MODELS, paper.LlamaModel(p.t("ffn.llama.yours") + f" ({dm})", dm,
                                                    hidden=llama_hidden_dim(dm))]
    llama_rows = []
    for m in models:
        s = paper.llama_steps(m.dim, m.multiple_of, m.multiplier)
        llama_rows.append({p.t("ffn.llama.model"): m.name, "d": f"{m.dim:,}", p.t("ffn.llama.four"): f"{s['four_d']:,}",
                           p.t("ffn.llama.two_thirds"): f"{s['two_thirds']:,}",
                           p.t("ffn.llama.scaled"): f"{m.multiplier} → {s['scaled']:,}" if m.multiplier else "—",
                           p.t("ffn.llama.multiple"): f"{m.multiple_of:,}", p.t("ffn.llama.hidden"): f"{s['hidden']:,}",
                           p.t("ffn.llama.published"): f"{m.hidden:,}" if m in paper.LLAMA_MODELS else "—",
                           p.t("ffn.llama.ratio"): f"{s['ratio']:.3f}", p.t("ffn.llama.palm"): f"{s['palm_d_ff']:,}",
                           p.t("ffn.llama.palm_ratio"): f"{s['palm_params'] / s['params']:.2f}×"})
    st.table(llama_rows)
    st.caption(p.t("ffn.llama_caption"))

    # ---- SwiGLU in the wild ----
    st.header(p.t("wild.title"))
    st.markdown(p.t("wild.intro"))
    st.dataframe(table_rows(p.lang), hide_index=True, width="stretch", height="content")  # every model at once
    st.caption(p.t("wild.table_caption"))
    p.live(wild_model, key="wild")  # picking a model redraws only its block and the ratio chart
    st.subheader(p.t("wild.traps_title"))
    st.markdown(p.t("wild.traps_intro"))
    numbers = wild.trap_numbers()
    for trap in wild.TRAPS:
        st.markdown(p.t(f"wild.trap.{trap}", **numbers))
    st.markdown(p.t("wild.trap_rule"))

    # ---- live shapes ----
    st.header(p.t("ffn.live_title"))
    l1, l2, l3 = st.columns(3)
    ldm = p.control("ldm", where=l1)
    ltok = p.control("ltok", where=l2)
    seed = p.control("seed", where=l3)
    tensors = live_tensors(variant, ldm, expansion, ltok, seed)
    st.markdown(p.t("ffn.live_intro", d_ff=tensors["h"].shape[-1]))
    st.dataframe(shape_rows(tensors, p.lang), hide_index=True, width="stretch")
    fig_live = live_figure(tensors, p.lang, p.big)
    p.chart(fig_live, key="ffn_live")
    p.download_csv(p.t("ffn.download_live"), fig_live, file_name=f"ffn_{variant}_seed{seed}.csv")

    # ---- memory-saving SwiGLU ----
    st.header(p.t("ffn.mem_title"))
    st.markdown(p.t("ffn.mem_intro"))
    st.latex(formulas.MEMORY_BACKWARD)
    mem_d, mem_tokens = 64, 64
    mem_d_ff = matched_d_ff(mem_d, "swiglu", expansion)
    mem = compare_saved_bytes(mem_d, mem_d_ff, mem_tokens)
    st.markdown(p.t("ffn.mem_measured", tokens=mem_tokens, d=mem_d, d_ff=mem_d_ff,
                    eager=f"{mem['eager'].total / 1024:.1f}", saving=f"{mem['saving'].total / 1024:.1f}",
                    ratio=f"{mem['ratio']:.3f}"))
    fig_mem = memory_figure(mem["eager"], mem["saving"], p.lang, p.big)
    p.chart(fig_mem, key="ffn_memory")
    st.markdown(p.t("ffn.mem_trade"))
    p.download_csv(p.t("ffn.download_mem"), fig_mem, file_name="ffn_saved_bytes.csv")


def wild_model() -> None:
    st.markdown(p.t("wild.pick_intro"))
    m = wild.get(p.control("model", format_func=lambda k: wild.BY_KEY[k].name))
    p.chart(model_diagram(m, p.lang, p.big), key="wild_diagram")
    steps = wild.llama_steps(m)
    if steps is None:
        st.markdown(p.t("wild.no_formula", name=m.name))
    else:
        st.markdown(p.t("wild.steps_mult" if m.llama.multiplier else "wild.steps", name=m.name, **steps))
    p.chart(ratio_figure(m.key, p.lang, p.big), key="wild_ratio")
    st.markdown(p.t("wild.ratio_read", **wild.drift()))


p.live(view)
# a d_model in none of the page's tables: the rule, not a number to copy
p.quiz()
p.show_code(FeedForward, matched_d_ff, llama_hidden_dim, SwiGLUFunction)
p.finish()
