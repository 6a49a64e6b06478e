import streamlit as st

from ui.page import start

p = start("train")
st.title(p.t("nav.train"))
st.info(p.t("common.in_preparation"))
p.finish()
