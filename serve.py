"""The server: `streamlit run serve.py`. It is the app of app.py (pages, sessions, everything) plus one plain
HTTP route, the training feed (ui/feed.py), through which a training tab's curves fetch their new points
without a script run (issue 17). `streamlit run app.py` still works; /train then polls through fragments."""

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # as app.py: before torch is first imported
os.environ.setdefault("MKL_NUM_THREADS", "1")

import streamlit as st  # noqa: E402

from ui import feed  # noqa: E402

feed.enable()
app = st.App("app.py", routes=feed.routes(str(st.get_option("server.baseUrlPath") or "")))
