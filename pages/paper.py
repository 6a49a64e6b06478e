import streamlit as st

from ui.page import start

p = start("paper")
st.title(p.t("nav.paper"))
st.info(p.t("common.in_preparation"))
p.finish()
