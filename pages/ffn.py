import streamlit as st

from ui.page import start

p = start("ffn")
st.title(p.t("nav.ffn"))
st.info(p.t("common.in_preparation"))
p.finish()
