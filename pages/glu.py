import streamlit as st

from ui.page import start

p = start("glu")
st.title(p.t("nav.glu"))
st.info(p.t("common.in_preparation"))
p.finish()
