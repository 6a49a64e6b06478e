"""The baseline for bench/latency.py and bench/startup.py: one slider, one Plotly line chart, torch imported.

Runs with a byte-identical copy of the project's .streamlit/config.toml (in ./.streamlit/, the script-level
config; the benchmarks check the copy still matches). Nothing else: any cost the real app adds on top of this
is the app's own.
"""

import plotly.graph_objects as go
import streamlit as st
import torch

beta = st.slider("beta", min_value=0.0, max_value=10.0, value=1.0, step=0.05)
x = torch.linspace(-6.0, 6.0, 401)
y = x * torch.sigmoid(beta * x)
fig = go.Figure(go.Scatter(x=x.tolist(), y=y.tolist(), mode="lines", name=f"swish beta={beta:g}"))
st.plotly_chart(fig, key="chart", width="stretch")
