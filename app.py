"""SwiGLU Lab entry point: page config, language picker, navigation. Nothing else lives here."""

import os

# Before torch is first imported: Streamlit runs every rerun in a new thread, and OpenMP gives each new thread a
# team of all cores that the first float64 matmul then has to start (measured: the /gradients flow section took
# ~100 ms on a slider step instead of ~30). The page code is many tiny ops per student; one thread each is right.
# Dockerfile, deploy/ and bench/_server.py set the same from outside, which also covers a server whose first
# request is a deep link (that runs the page, and imports torch, before this file: see ui.page._leave_legacy_mode).
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import streamlit as st  # noqa: E402

from swiglu.i18n import t  # noqa: E402
from ui import lang as lang_picker  # noqa: E402
from ui.browser import shell_assets  # noqa: E402
from ui.nav import PAGES, SHELL_MARK  # noqa: E402

st.set_page_config(page_title=t("common.app_name", "en"), page_icon="assets/favicon.png", layout="wide")
st.session_state[SHELL_MARK] = True
shell_assets()  # before the language and the page write the URL (ui/browser.py)
lang = lang_picker.picker()
navigation = st.navigation(
    [st.Page(p.file, title=t(f"nav.{p.id}", lang), icon=p.icon, url_path=p.url_path or None, default=not p.url_path)
     for p in PAGES]
)
navigation.run()
