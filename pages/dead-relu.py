import streamlit as st

from ui.page import start

p = start("dead-relu")
st.title(p.t("nav.dead-relu"))
st.info(p.t("common.in_preparation"))
p.finish()
