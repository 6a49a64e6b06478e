# The home page paints its text before it imports ui.page: ui.page brings torch with it (swiglu.state's settings
# table), ~1.5-4 s on a server's first visit, and a student should read the page meanwhile, not a blank one.
# start() runs last, its notices drawn into the slot reserved at the top (the share and teacher panels, large
# fonts and the glossary come with it); the live gate chart is drawn into the slot reserved for it under the lead.
import streamlit as st

from swiglu.formulas import CHAIN
from swiglu.i18n import t
from ui.lang import current
from ui.nav import PAGE_BY_ID

lang = current()
top = st.container()  # start()'s notices, above the title as on every page
st.title(t("home.title", lang))
st.markdown(f":gray[{t('common.tagline', lang)}]")  # not italic: slanted CJK glyphs are hard to read
st.markdown(t("home.lead", lang))
live_slot = st.container()  # show, then define: a gate at work, above the formulas

st.subheader(t("home.chain", lang))
for formula in CHAIN:
    st.latex(formula)
st.caption(t("home.notation", lang))  # ⊗, xW and SwiGLU's three matrices, said once, under their first use

st.subheader(t("home.path", lang))
cards = ("swish", "glu", "ffn", "gradients", "dead-relu", "train", "paper")
for i, page_id in enumerate(cards):
    if i % 4 == 0:
        cols = st.columns(4)  # one row of cards at a time, so each card is as tall as its row
    info = PAGE_BY_ID[page_id]
    with cols[i % 4].container(border=True, height="stretch"):
        st.markdown(f"**{i + 1}. {t(f'nav.{page_id}', lang)}**")
        st.caption(t(f"home.card.{page_id}", lang))
        st.page_link(info.file, label=t("home.open", lang), icon=info.icon)

st.subheader(t("home.origin_title", lang))
st.markdown(t("home.origin", lang))
st.subheader(t("home.how_title", lang))
st.markdown(t("home.how", lang))

# After the text is on its way to the browser (see the top): these bring torch.
from swiglu import state  # noqa: E402
from swiglu.activations import GATES  # noqa: E402
from swiglu.plots.glu import slices_figure  # noqa: E402
from ui.page import start  # noqa: E402

with top:
    p = start("home")


def view() -> None:
    """A gate at work: gate(a)·b for every gate. SwiGLU's gate is Swish_1: β at its default, 1."""
    st.subheader(p.t("home.live_head"))
    b_value = p.control("bval")
    p.chart(slices_figure(tuple(GATES), b_value, state.SETTINGS["beta"].default, p.lang, p.big), key="home_gates")
    st.caption(p.t("home.live_caption"))


with live_slot:
    p.live(view)
p.finish()
