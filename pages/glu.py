import streamlit as st

from swiglu import formulas, gating
from swiglu.activations import GATE_LATEX, gated
from swiglu.plots.glu import fmt, fmt_vector, journey_figure, product_heatmap, slices_figure
from ui.live_plot import live_plot, live_value
from ui.page import start

p = start("glu")
st.title(p.t("glu.title"))
st.markdown(p.t("glu.intro"))
gate_name = lambda k: p.t(f"gate.{k}")  # noqa: E731
shut = fmt(gating.SHUT)


def view() -> None:
    # ---- the product surface and its slices ----
    st.subheader(p.t("glu.surface_head"))
    beta = live_value(p, "beta")  # β moves in the browser (ui/live_plot.py); this run has its released value
    c1, c2 = st.columns(2)
    gate = p.control("gate", where=c1, format_func=gate_name)
    b_value = p.control("bval", where=c2)
    cmp = p.control("cmp", widget="pills", format_func=gate_name)
    st.caption(p.t("glu.beta_help"))

    heat = product_heatmap(gate, beta, b_value, p.lang, p.big)
    slices = slices_figure(cmp, b_value, beta, p.lang, p.big)
    live_plot(p, "beta", [heat, slices])  # the β slider above both charts, which follow it as it moves
    left, right = st.columns(2)
    p.download_csv(p.t("glu.download_surface"), heat, file_name=f"glu_surface_{gate}.csv", key="dl_glu_surface",
                   where=left)
    p.download_csv(p.t("glu.download_slices"), slices, file_name=f"glu_slices_b{b_value:g}.csv",
                   key="dl_glu_slices", where=right)
    st.caption(p.t("glu.surface_caption"))

    st.subheader(p.t("glu.formula_head"))
    st.latex(formulas.gated_product_with(GATE_LATEX[gate]))
    st.latex(formulas.GLU_FAMILY)
    st.caption(p.t("glu.formula_note"))

    # ---- a token's journey (its controls redraw only this section) ----
    st.subheader(p.t("glu.journey_head"))
    st.markdown(p.t("glu.journey_intro"))
    p.live(lambda: journey_section(gate, beta), key="journey")


def journey_section(gate: str, beta: float) -> None:
    c1, c2, c3 = st.columns(3)
    d_model = p.control("dmodel", where=c1)
    d_ff = p.control("dff", where=c2)
    seed = p.control("seed", where=c3)

    token = p.control("tok", count=d_model, format_func=lambda i: p.t("glu.tok_component", i=i + 1))
    journey = gating.token_journey(token, d_model, d_ff, gate, beta, seed)
    counts = gating.state_counts(journey)
    m1, m2, m3 = st.columns(3)
    m1.metric(p.t("glu.count_open"), f"{counts['open']} / {d_ff}")
    m2.metric(p.t("glu.count_shut"), f"{counts['shut']} / {d_ff}")
    m3.metric(p.t("glu.count_flipped"), f"{counts['flipped']} / {d_ff}")
    jfig = journey_figure(journey, gate, beta, p.lang, p.big)
    p.chart(jfig, key="glu_journey")
    st.caption(p.t("glu.journey_note", shut=shut))
    p.download_csv(p.t("glu.download_journey"), jfig, file_name=f"glu_journey_seed{seed}.csv", key="dl_glu_journey")


p.live(view)
# Asked before the conventions below, which print F.glu of another input and say which half is the gate.
p.quiz()

# ---- conventions ----
with st.container(border=True):
    st.subheader(p.t("glu.conv_head"))
    st.markdown(p.t("glu.conv_dauphin"))
    st.latex(formulas.GLU_DAUPHIN)
    st.markdown(p.t("glu.conv_shazeer"))
    st.latex(formulas.GLU_SHAZEER)
    inp, out = gating.torch_glu_example()
    st.markdown(p.t("glu.conv_torch", inp=fmt_vector(inp, 0), out=fmt_vector(out, 4)))
    st.latex(formulas.GLU_TORCH)
    st.caption(p.t("glu.conv_bottom"))

st.subheader(p.t("glu.why_head"))
st.markdown(p.t("glu.why"))

p.show_code(gated, gating.token_journey, gating.unit_states)
p.finish()
