"""SwiGLU Lab entry point: page config, language picker, navigation. Nothing else lives here."""

import streamlit as st

from swiglu.i18n import t
from ui import lang as lang_picker
from ui.nav import PAGES
from ui.page import SHELL_MARK

st.set_page_config(page_title=t("common.app_name", "en"), page_icon="assets/favicon.png", layout="wide")
st.session_state[SHELL_MARK] = True
lang = lang_picker.picker()
navigation = st.navigation(
    [st.Page(p.file, title=t(f"nav.{p.id}", lang), icon=p.icon, url_path=p.url_path or None, default=not p.url_path)
     for p in PAGES]
)
navigation.run()
