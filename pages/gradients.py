import streamlit as st

from ui.page import start

p = start("gradients")
st.title(p.t("nav.gradients"))
st.info(p.t("common.in_preparation"))
p.finish()
