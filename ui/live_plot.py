"""The live plot: a setting's slider (β) and the charts that follow it while it is dragged (issue 14).

Why: st.slider sends its value only on release, and st.plotly_chart remounts every chart whose data changed, so
a drag of β showed nothing until the mouse was up and a key step cost a server round trip plus a remount. Here the
hot loop stays in the page: a Streamlit components v2 element (no iframe; its DOM is kept across reruns because
it is keyed) holds a native range input and Plotly charts, recomputes the β-dependent series in JavaScript
(ui/live_plot.js, whose math mirrors swiglu/activations.py and is tested against it) on the animation frame
after each `input` event, and returns β to Python only on release or key press. That one rerun then updates the
URL, the share panel, the metrics and formulas and the server-side figures.

Python keeps the layout, colours, language and fonts: each figure comes from the page's builder in
swiglu/plots, whose β-dependent traces, marks and labels describe themselves in `meta.live` (plots.live_meta).

    beta = live_value(p, "beta")                # the released value (or a link's), before building figures
    live_plot(p, "beta", [swish_figure(beta, ...)])

plotly.js is the installed plotly package's own copy, served by this app (`server.enableStaticServing`: a copy
in ./static/, made here at first use, as the server refuses symlinks): no CDN, no build step; a tab loads it once.
"""

from __future__ import annotations

import math
import os
import shutil
from functools import lru_cache
from pathlib import Path
from typing import Any

import plotly
import plotly.graph_objects as go
import streamlit as st
from plotly.io.json import to_json_plotly

from swiglu import state
from swiglu.plots import VALUE

from . import feed
from .page import CHART_CONFIG

HERE = Path(__file__).resolve().parent
STATIC = HERE.parent / "static"  # what `server.enableStaticServing` serves at /app/static/ (beside app.py)
SEEN = "_live_seen"  # session_state: component key -> (epoch, id of the last release taken from the browser)

# Not in a shadow root (isolate_styles=False): plotly.js puts its own CSS (mode bar, hover labels) in <head>.
_COMPONENT = st.components.v2.component("swiglu_live_plot", js=(HERE / "live_plot.js").read_text(encoding="utf-8"),
                                        isolate_styles=False)


@lru_cache(maxsize=1)
def plotly_url() -> str:
    """Copy plotly.js from the installed package into ./static/ (once per process, atomically; the name carries
    the version, so a browser's cached copy is never a stale one) and return its URL on this server."""
    src = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    dst = STATIC / f"plotly-{plotly.__version__}.min.js"
    if not dst.exists() or dst.stat().st_size != src.stat().st_size:
        STATIC.mkdir(exist_ok=True)
        tmp = dst.with_name(f".{dst.name}.{os.getpid()}")
        shutil.copyfile(src, tmp)
        os.replace(tmp, dst)
    return f"{_base()}/app/static/{dst.name}"


def _base() -> str:
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return "/" + base if base else ""


def feed_url(token: str) -> str:
    """The URL of the training feed of the job with this token (ui/feed.py), on this server."""
    return _base() + feed.PATH.replace("{token}", token)


def _key(page: str, name: str) -> str:
    return f"live.{page}.{name}"


def _release(raw: Any) -> tuple[float, float] | None:
    """(value, release id) from the component's state, or None if it holds nothing usable (it is untrusted)."""
    got = raw.get("value") if hasattr(raw, "get") else None
    if not hasattr(got, "get"):
        return None
    v, n = got.get("v"), got.get("n")
    if type(v) not in (int, float) or type(n) not in (int, float) or not math.isfinite(v):
        return None
    return float(v), float(n)


def live_value(p: Any, name: str) -> float:
    """The value of setting `name` for this run, read before the page builds its figures: a link's value when one
    was just opened (the browser's slider then jumps to it), else what the student last released in the browser,
    clamped to the setting's range; a teacher-hidden setting keeps the link's value."""
    if name in p.hidden:
        return p.values[name]
    key = _key(p.id, name)
    seen = st.session_state.setdefault(SEEN, {})
    release = _release(st.session_state.get(key))
    n = release[1] if release else None
    if p.fresh_link or key not in seen:  # a new epoch: the browser adopts the server's value
        seen[key] = (seen.get(key, (0, None))[0] + 1, n)
    elif release is not None and n != seen[key][1]:
        seen[key] = (seen[key][0], n)
        p.values[name] = state.parse_value(state.SETTINGS[name], repr(release[0]))[0]
    return p.values[name]


def _figure_json(fig: go.Figure, automargin: bool = False) -> str:
    d = fig.to_dict()
    d["layout"].pop("template", None)  # plotly.py's default theme: ~7 kB, and the page's look is set in the JS
    if automargin:  # what Streamlit's theme does for st.plotly_chart: room for tick labels and axis titles
        for name, axis in d["layout"].items():
            if name.startswith(("xaxis", "yaxis")) and isinstance(axis, dict):
                axis.setdefault("automargin", True)
    return to_json_plotly(d)  # numpy arrays go as base64 typed arrays, not decimal text


def live_plot(p: Any, name: str, figs: list[go.Figure]) -> None:
    """The slider of setting `name` (unless a teacher hid it) above `figs`, which follow it while it moves; its
    release reruns the enclosing live part (Page.live), which rebuilds `figs` at the new value."""
    s = state.SETTINGS[name]
    key = _key(p.id, name)
    label = p.t(f"set.{name}")
    # What the figures depend on besides `name`: while it is unchanged, the browser already shows exactly what the
    # server would send for the released value (it drew that value itself), so it keeps its figures instead of
    # parsing and redrawing them again after every release.
    others = {k: v for k, v in sorted(p.values.items()) if k != name}
    data = {
        "figs": [_figure_json(f) for f in figs],
        "static": repr((p.id, p.lang, others)),
        "value": float(p.values[name]),
        "epoch": st.session_state.get(SEEN, {}).get(key, (0, None))[0],
        "slider": None if name in p.hidden else {
            "label": label, "lo": s.lo, "hi": s.hi, "step": s.step,
            "valuetext": p.t("live.valuetext", name=label, value=VALUE),
        },
        "plotly": plotly_url(),
        "config": CHART_CONFIG,
        "failed": p.t("live.no_plotly"),
    }
    _COMPONENT(key=key, data=data, default={"value": None}, on_value_change=_taken_in_live_value)


def live_chart(p: Any, key: str, fig: go.Figure, fed: dict | None = None) -> None:
    """A chart that a polling part redraws in place (the training lab's curves and decision boundaries): the same
    component without a slider. st.plotly_chart remounts a chart whose data changed (its element id hashes the
    figure), so every refresh cost the browser a full Plotly.newPlot of every chart, and while training that kept
    the page's main thread so busy that a click on Pause waited ~0.5 s to be sent and its result as long to show.
    Here the element is keyed, its DOM stays, and a new figure is a Plotly.react on the same div.

    `fed` ({url, counts, every}: ui/training.py) makes the browser fetch the job's next records from the training
    feed every `every` ms and append them to the traces that name their run (meta.feed), between two refreshes
    from here. When the job has ended, or a record changes more than the series (a run diverged, the loss axis
    turns logarithmic), it sets its `redraw` state instead: that reruns the enclosing fragment, which draws it all."""
    text = _figure_json(fig, automargin=True)
    data = {
        "figs": [text],
        "static": str(hash(text)),  # a new figure: parse and draw it; the same one: leave the chart alone
        "value": 0.0,
        "epoch": 0,
        "slider": None,
        "plotly": plotly_url(),
        "config": CHART_CONFIG,
        "failed": p.t("live.no_plotly"),
        "feed": fed,
    }
    _COMPONENT(key=key, data=data, default={"value": None, "redraw": None}, on_value_change=_taken_in_live_value,
               on_redraw_change=_taken_in_live_value)


def _taken_in_live_value() -> None:
    """Components v2 wants a callback for a state with a default; the value itself is read by `live_value`."""


if __name__ == "__main__":  # `python -m ui.live_plot`: make the copy now (the Dockerfile, while root may write)
    print(plotly_url())
