import streamlit as st

from swiglu import analysis, formulas, gradflow
from swiglu.activations import GATES, activation_and_grad, swish_derivative
from swiglu.ffn import matched_d_ff
from swiglu.plots.glu import fmt
from swiglu.plots.gradients import derivative_figure, flow_figure, product_grad_figure
from ui.live_plot import live_plot, live_value
from ui.page import start

# Cached: a 48-block stack of width 256 takes a second or two; the result depends only on these arguments.
flows_for = st.cache_data(gradflow.gradient_flow_all, max_entries=64, show_spinner=False)

p = start("gradients")
st.title(p.t("grad.title"))
st.markdown(p.t("grad.intro"))

def view() -> None:
    # ---- derivatives of single activations ----
    st.subheader(p.t("grad.deriv_head"))
    beta = live_value(p, "beta")  # β moves in the browser (ui/live_plot.py); this run has its released value
    chart_area = st.container()  # the β slider and the chart, above the controls that need a rerun
    xrange = p.control("xrange")
    acts = p.control("acts", widget="pills", format_func=lambda k: p.t(f"act.{k}"))
    dfig = derivative_figure(acts, beta, xrange, p.lang, p.big)
    with chart_area:
        live_plot(p, "beta", [dfig])
    st.caption(p.t("grad.deriv_caption"))
    p.download_csv(p.t("grad.download_deriv"), dfig, file_name=f"derivatives_beta_{beta:g}.csv", key="dl_grad_deriv")

    (x_max, d_max), (x_min, d_min) = analysis.silu_derivative_extrema()
    m1, m2, m3, m4 = st.columns(4)
    m1.metric(p.t("grad.ext_max_x"), f"{x_max:.6f}")
    m2.metric(p.t("grad.ext_max"), f"{d_max:.6f}")
    m3.metric(p.t("grad.ext_min_x"), f"{x_min:.6f}")
    m4.metric(p.t("grad.ext_min"), f"{d_min:.6f}")
    st.caption(p.t("grad.ext_note"))
    regions = gradflow.swish_derivative_regions(beta)
    if regions is None:
        st.info(p.t("grad.regions_none"))
    else:
        st.info(p.t("grad.regions_beta", beta=fmt(beta), xneg=f"{regions[0]:.4f}", xbig=f"{regions[1]:.4f}"))
    st.latex(formulas.SWISH_DERIVATIVE)
    st.latex(formulas.SWISH_DERIVATIVE_SCALING)
    st.markdown(p.t("grad.deriv_explain"))

    # ---- the gated product's two gradients (its slider redraws only this section) ----
    st.subheader(p.t("grad.pg_head"))
    st.latex(formulas.GATED_PRODUCT_GRADS)
    p.live(lambda: product_section(beta), key="product")
    st.markdown(p.t("grad.pg_explain"))

    # ---- gradient flow through depth (its controls redraw only this section) ----
    st.subheader(p.t("grad.flow_head"))
    st.markdown(p.t("grad.flow_intro"))
    p.live(lambda: flow_section(beta), key="flow")


def product_section(beta: float) -> None:
    b_value = p.control("bval")
    pfig = product_grad_figure(tuple(GATES), b_value, beta, p.lang, p.big)
    p.chart(pfig, key="grad_product")
    st.caption(p.t("grad.pg_caption"))
    p.download_csv(p.t("grad.download_pg"), pfig, file_name=f"gated_product_grads_b{b_value:g}.csv", key="dl_grad_pg")


def flow_section(beta: float) -> None:
    c1, c2, c3 = st.columns(3)
    depth = p.control("depth", where=c1)
    width = p.control("width", where=c2)
    seed = p.control("seed", where=c3)
    c4, c5 = st.columns([2, 1])
    init = p.control("init", where=c4, format_func=lambda k: p.t(f"grad.init.{k}"))
    residual = p.control("resid", where=c5)
    st.latex(formulas.FLOW_PRENORM if residual else formulas.FLOW_PLAIN)

    flows = flows_for(depth, width, init, beta, seed, residual)
    ffig = flow_figure(flows, residual, p.lang, p.big)
    p.chart(ffig, key="grad_flow")
    st.caption(p.t("grad.flow_setup", tokens=gradflow.TOKENS, width=width, beta=fmt(beta),
                   dff_plain=matched_d_ff(width, "relu", gradflow.EXPANSION),
                   dff_gated=matched_d_ff(width, "swiglu", gradflow.EXPANSION)))
    cols = st.columns(len(flows))
    for col, (variant, flow) in zip(cols, flows.items(), strict=True):
        name = p.t(f"variant.{variant}")
        col.metric(p.t("grad.flow_bottom", name=name), f"{flow.grad[0]:.3g}")
        broken = gradflow.breakdown(flow.grad)
        if broken is not None:
            st.warning(p.t(f"grad.flow_{broken[0]}", name=name, layer=broken[1]), icon=":material/warning:")
    p.download_csv(p.t("grad.download_flow"), ffig, file_name=f"gradient_flow_seed{seed}.csv", key="dl_grad_flow")
    st.markdown(p.t("grad.flow_explain_res" if residual else "grad.flow_explain_plain"))


p.live(view)
st.subheader(p.t("grad.vanish_head"))  # the seed's "GLU avoids vanishing gradients", answered once, here
st.markdown(p.t("grad.vanish"))
# β = 0.5 at x = −2: the page opens at β = 1, where its notes place the dip
p.quiz()
p.show_code(activation_and_grad, swish_derivative, gradflow.gated_product_grads, gradflow.gradient_flow)
p.finish()
