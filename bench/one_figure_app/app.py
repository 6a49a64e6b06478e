"""Variants of the minimal app (one slider, one chart, the project's config) for bench/latency.py, to split a
page's latency into what its figure costs and what the rest of the page costs.

SWIGLU_BENCH_FIGURE (--one-figure): draw one of the topic pages' own β figures instead of the one-line chart,
built by the same swiglu.plots builder with the page's default settings: swish (/swish), heatmap (/glu),
derivatives (/gradients). "line" (the default) is the minimal app's own chart.
SWIGLU_BENCH_PARAGRAPHS=N (--paragraphs N): add N fixed markdown paragraphs below the chart, the way a page adds
text around its controls; they change nothing and are re-sent on every run.
"""

import os
import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from swiglu.state import SETTINGS  # noqa: E402
from ui.page import CHART_CONFIG  # noqa: E402

which = os.environ.get("SWIGLU_BENCH_FIGURE", "line")
paragraphs = int(os.environ.get("SWIGLU_BENCH_PARAGRAPHS", "0"))
s = SETTINGS["beta"]
beta = st.slider("beta", min_value=s.lo, max_value=s.hi, value=s.default, step=s.step)
d = {name: SETTINGS[name].default for name in ("betas", "refs", "xrange", "gate", "bval", "acts")}
if which == "heatmap":
    from swiglu.plots.glu import product_heatmap

    fig = product_heatmap(d["gate"], beta, d["bval"], "en")
elif which == "derivatives":
    from swiglu.plots.gradients import derivative_figure

    fig = derivative_figure(d["acts"], beta, d["xrange"], "en")
elif which == "swish":
    from swiglu.plots.swish import swish_figure

    fig = swish_figure(beta, tuple(float(b) for b in d["betas"]), d["refs"], d["xrange"], "en", False, None)
else:  # the minimal app's chart, as bench/minimal_app draws it
    import plotly.graph_objects as go
    import torch

    x = torch.linspace(-6.0, 6.0, 401)
    y = x * torch.sigmoid(beta * x)
    fig = go.Figure(go.Scatter(x=x.tolist(), y=y.tolist(), mode="lines", name=f"swish beta={beta:g}"))
st.plotly_chart(fig, key="chart", config=None if which == "line" else CHART_CONFIG, width="stretch")  # as drawn there
for i in range(paragraphs):
    st.markdown(f"Paragraph {i + 1}: Swish multiplies its input by a sigmoid of the same input; **β** sets how sharp "
                "the switch is, from x/2 at β = 0 to ReLU as β grows.")
