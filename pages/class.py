import streamlit as st

from ui import classroom
from ui.page import start

p = start("class")
st.title(p.t("class.title"))
st.markdown(p.t("class.intro"))
classroom.page(p)
p.finish()
