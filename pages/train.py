import streamlit as st

from swiglu.plots.train import data_figure
from swiglu.train import ResidualMLP, Trainer
from ui import training
from ui.page import start

p = start("train")
st.title(p.t("train.title"))
st.markdown(p.t("train.intro"))

# ---- 1 · data ----
st.subheader(p.t("train.data_head"))
left, right = st.columns([2, 3], gap="large")
with left:
    p.control("dataset", format_func=lambda k: p.t(f"train.ds.{k}"))
    p.control("noise", help=p.t("train.help.noise"))
    p.control("ratio")
    s1, s2 = st.columns([3, 2], vertical_alignment="bottom")
    p.control("seed", where=s1, help=p.t("train.help.seed"))
    if "seed" not in p.hidden:
        s2.button(p.t("train.regenerate"), icon=":material/refresh:", key="train_regenerate",
                  on_click=training.next_seed, args=("w.train.seed",))
    show_test = p.control("showtest")

# ---- 2 · model ----
st.subheader(p.t("train.model_head"))
p.control("variants", widget="pills", format_func=lambda v: p.t(f"variant.{v}"))
m1, m2, m3 = st.columns(3, vertical_alignment="bottom")
p.control("twidth", where=m1)
p.control("tdepth", where=m2)
p.control("tmatch", where=m3)
b1, b2 = st.columns(2, vertical_alignment="bottom")
p.control("tbeta", where=b1)
p.control("learnbeta", where=b2)
st.caption(p.t("train.beta_caption"))

# ---- 3 · training ----
st.subheader(p.t("train.run_head"))
r1, r2, r3, r4 = st.columns(4, vertical_alignment="bottom")
p.control("lr", where=r1)
p.control("batch", where=r2)
p.control("opt", where=r3, format_func=lambda k: p.t(f"train.opt.{k}"))
p.control("steps", where=r4)

cfgs = training.configs(p.values)
with right:
    data = training.dataset(cfgs[0]) if cfgs else None
    if data is not None:
        p.chart(data_figure(data, show_test, p.lang, p.big), key="train_data")
        st.caption(p.t("train.data_caption", n_train=data.n_train, n_test=data.n_test))
if cfgs:
    st.markdown(" · ".join(p.t("train.params_line", name=p.t(f"variant.{c.variant}"),
                                count=f"{training.params_of(c):,}", dff=c.d_ff) for c in cfgs))
    st.caption(p.t("train.params_caption"))
else:
    st.info(p.t("train.no_variants"))

# ---- 4 · the buttons, and live: curves, β, decision boundaries; results at the end (ui/training.panel) ----
training.panel(p, cfgs, show_test)

st.subheader(p.t("train.look_head"))
st.markdown(p.t("train.look"))
p.show_code(ResidualMLP.forward, Trainer.advance)
p.finish()
