import streamlit as st

from swiglu import state
from swiglu.activations import GATES
from swiglu.formulas import CHAIN
from swiglu.plots.glu import slices_figure
from ui.nav import PAGE_BY_ID
from ui.page import start

p = start("home")
st.title(p.t("home.title"))
st.markdown(f"*{p.t('common.tagline')}*")
st.markdown(p.t("home.lead"))


def view() -> None:
    """Show, then define: a gate at work, above the formulas. SwiGLU's gate is Swish_1: β at its default, 1."""
    st.subheader(p.t("home.live_head"))
    b_value = p.control("bval")
    p.chart(slices_figure(tuple(GATES), b_value, state.SETTINGS["beta"].default, p.lang, p.big), key="home_gates")
    st.caption(p.t("home.live_caption"))


p.live(view)

st.subheader(p.t("home.chain"))
for formula in CHAIN:
    st.latex(formula)
st.caption(p.t("home.notation"))  # ⊗, xW and SwiGLU's three matrices, said once, under their first use

st.subheader(p.t("home.path"))
cards = ("swish", "glu", "ffn", "gradients", "dead-relu", "train", "paper")
for i, page_id in enumerate(cards):
    if i % 4 == 0:
        cols = st.columns(4)  # one row of cards at a time, so each card is as tall as its row
    info = PAGE_BY_ID[page_id]
    with cols[i % 4].container(border=True, height="stretch"):
        st.markdown(f"**{i + 1}. {p.t(f'nav.{page_id}')}**")
        st.caption(p.t(f"home.card.{page_id}"))
        st.page_link(info.file, label=p.t("home.open"), icon=info.icon)

st.subheader(p.t("home.origin_title"))
st.markdown(p.t("home.origin"))
st.subheader(p.t("home.how_title"))
st.markdown(p.t("home.how"))
p.finish()
