import streamlit as st

from swiglu import analysis, formulas
from swiglu.activations import swish, swish_derivative
from swiglu.formula import FormulaError, formula_tree
from swiglu.plots.swish import custom_curve, fmt, swish_figure
from ui.live_plot import live_plot, live_value
from ui.page import md_escape, start

p = start("swish")
st.title(p.t("swish.title"))
st.markdown(p.t("swish.intro"))


def view() -> None:
    beta = live_value(p, "beta")  # β moves in the browser (ui/live_plot.py); this run has its released value
    chart_area = st.container()  # the β slider and the chart, above the controls that need a rerun
    xrange = p.control("xrange")
    ref_betas = p.control("betas", widget="pills")
    refs = p.control("refs", widget="pills", format_func=lambda k: p.t(f"act.{k}"))

    formula_text = p.control("f", key="custom_formula", help=p.t("formula.help"),
                             placeholder=p.t("formula.placeholder"))
    custom = tree = None
    if formula_text.strip():
        try:
            y, dy = custom_curve(formula_text, beta, xrange)
            tree = formula_tree(formula_text)  # only a validated tree reaches the browser, which redraws it with β
            custom = (p.t("formula.legend"), p.t("formula.deriv_legend"), y, dy)
        except FormulaError as err:
            st.error(p.t(f"formula.err.{err.code}", detail=md_escape(err.detail)), icon=":material/block:")

    fig = swish_figure(beta, tuple(float(b) for b in ref_betas), refs, xrange, p.lang, p.big, custom, tree)
    with chart_area:
        live_plot(p, "beta", [fig])
    minimum = analysis.swish_minimum(beta)
    if minimum is None:  # β = 0: the note takes the whole row instead of a third of it
        st.info(p.t("swish.minimum_none"))
    else:
        m1, m2, m3 = st.columns([1, 1, 1])
        m1.metric(p.t("swish.min_x"), f"{minimum[0]:.10f}")
        m2.metric(p.t("swish.min_f"), f"{minimum[1]:.10f}")
        m3.caption(p.t("swish.minimum_note"))
    gap_half, gap_relu = analysis.swish_limit_gaps(beta, xrange)
    st.caption(p.t("swish.limit_gap", half=fmt(gap_half), relu=fmt(gap_relu)))
    p.download_csv(p.t("common.download_csv"), fig, file_name=f"swish_beta_{beta:g}.csv")

    st.subheader(p.t("swish.formula_title"))
    st.latex(formulas.swish_with_beta(beta))
    st.latex(formulas.SWISH_DERIVATIVE)


p.live(view)  # the controls and what they change; the rest of the page does not rerun on a slider step
st.subheader(p.t("swish.limits_title"))
st.latex(formulas.SWISH_LIMITS)
left, right = st.columns(2)
left.markdown(p.t("swish.limits"))
with right:
    st.subheader(p.t("swish.props_title"))
    st.markdown(p.t("swish.props"))
    st.subheader(p.t("swish.learnable_title"))
    st.markdown(p.t("swish.learnable"))
# β = 0.5: the page opens at β = 1, and its note gives the rule, not this case
p.quiz()
p.show_code(swish, swish_derivative, analysis.swish_minimum)
p.finish()
