"""The training feed in Chromium (issue 17): the browser's `appendRecords` (ui/live_plot.js) appends a job's new
records to a live chart exactly as swiglu/plots/train.py would draw them all (number by number, every variant,
learnable β, both languages), refuses what changes more than the series (a diverged run, the loss axis turning
logarithmic), and a run on /train under serve.py moves its curves through feed requests, between the status
fragment's rare reruns, and ends with the page's end state."""

from __future__ import annotations

import json
import math
import time

import plotly.io as pio
import pytest
import torch

from swiglu.i18n import t
from swiglu.plots.train import beta_figure, curves_figure
from swiglu.train import StepRecord, TrainConfig, Trainer
from ui import feed

from .conftest import HAVE_CHROMIUM, LANGS, SKIP_REASON

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not HAVE_CHROMIUM, reason=SKIP_REASON)]
torch.set_num_threads(1)
VARIANTS = ("relu", "swish", "swiglu")
LIVE = ":not([data-retained])"
POINTS = f"""() => {{ const gd = document.querySelector('.st-key-train_curves{LIVE} .js-plotly-plot');
  return gd && gd.data ? Math.max(0, ...gd.data.map(tr => (tr.x || []).length)) : 0; }}"""

_APPEND = """([fig, runs]) => { const f = JSON.parse(fig); const ok = window.swigluLive.appendRecords(f, runs);
  return {ok, data: f.data.map(tr => ({x: Array.from(tr.x), y: Array.from(tr.y), mode: tr.mode || null}))}; }"""


@pytest.fixture(scope="module")
def runs():
    cfgs = [TrainConfig(variant=v, dataset="spiral", steps=120, eval_every=10, learnable_beta=True) for v in VARIANTS]
    return [list(Trainer(c).run()) for c in cfgs]


def _library(tab) -> None:
    tab.goto("/swish?lang=en", chart=True)
    tab.page.wait_for_function("() => window.swigluLive && window.swigluLive.appendRecords")


def _series(fig) -> list[dict]:
    spec = json.loads(pio.to_json(fig, validate=False))
    return [{"x": tr["x"], "y": tr["y"], "mode": tr.get("mode")} for tr in spec["data"]]


def _same(got: list[dict], want: list[dict]) -> None:
    assert len(got) == len(want)
    for g, w in zip(got, want, strict=True):
        assert g["x"] == w["x"]
        assert len(g["y"]) == len(w["y"])
        for a, b in zip(g["y"], w["y"], strict=True):
            assert (a is None and b is None) or a == pytest.approx(b, rel=1e-15, abs=0), (a, b)
        assert g["mode"] == w["mode"]


@pytest.mark.parametrize("lang", LANGS)
def test_appended_records_draw_what_the_core_draws(tab, runs, lang):
    _library(tab)
    for k in (1, 2, 3, 5, 9):  # few points keep their markers while live; more do not
        cut = [r[:k] for r in runs]
        rest = [feed.columns(r[k:]) for r in runs]
        for build in (lambda rr: curves_figure(rr, VARIANTS, True, 120, lang, markers=False),
                      lambda rr: beta_figure(rr, VARIANTS, 120, lang)):
            got = tab.page.evaluate(_APPEND, [pio.to_json(build(cut), validate=False), rest])
            assert got["ok"], k
            _same(got["data"], _series(build(runs)))


def test_records_that_change_more_than_the_series_ask_for_the_server(tab, runs):
    _library(tab)
    cut = [r[:4] for r in runs]
    fig = pio.to_json(curves_figure(cut, VARIANTS, True, 120, "en", markers=False), validate=False)
    bad = runs[2][4]
    gone = StepRecord(bad.variant, bad.step, math.nan, math.nan, None, None, bad.betas, bad.elapsed, 1.0, "diverged")
    rest = [feed.columns(runs[0][4:5]), feed.columns(runs[1][4:5]), feed.columns([gone])]
    assert tab.page.evaluate(_APPEND, [fig, rest])["ok"] is False  # diverged: the marks and cut accuracy
    # losses that suddenly span a decade turn the axis logarithmic (with another title): also the server's
    lin = [[r for r in run if r.step <= 10] for run in runs]
    lin_fig = curves_figure(lin, VARIANTS, True, 120, "en", markers=False)
    low = [StepRecord(r.variant, 20, r.train_loss / 50, r.test_loss / 50, r.train_accuracy, r.test_accuracy, r.betas,
                      r.elapsed, 1.0, "running") for r in (run[-1] for run in lin)]
    if lin_fig.layout.yaxis.type == "linear":
        got = tab.page.evaluate(_APPEND, [pio.to_json(lin_fig, validate=False), [feed.columns([x]) for x in low]])
        assert got["ok"] is False
    assert tab.page.evaluate("(f) => window.swigluLive.lossAxisType(JSON.parse(f))",
                             pio.to_json(lin_fig, validate=False)) == lin_fig.layout.yaxis.type


@pytest.mark.parametrize("lang", LANGS)
def test_a_run_moves_through_the_feed_and_ends_as_the_page_draws_it(tab, lang):
    asked: list[str] = []
    tab.page.on("request", lambda r: asked.append(r.url) if "/_swiglu/feed/" in r.url else None)
    tab.goto(f"/train?lang={lang}&dataset=spiral&variants=relu,swiglu&steps=1500", chart=True)
    tab.page.locator(f".st-key-train_start{LIVE} button:visible").click()
    counts, end = [], time.monotonic() + 60
    while time.monotonic() < end and not tab.page.get_by_text(t("train.done", lang, steps=1500)).count():
        n = tab.page.evaluate(POINTS)
        if n and (not counts or n != counts[-1]):
            counts.append(n)
        time.sleep(0.05)
    assert tab.page.get_by_text(t("train.done", lang, steps=1500)).count(), tab.log_tail()
    assert len(asked) >= 10, f"the curves did not use the feed: {len(asked)} requests"
    # Grew in many small steps, never back: the status fragment alone (every 1 s) would redraw it ~8 times in this
    # 7.5 s run; the feed appends a few records every 0.1 s.
    assert len(set(counts)) >= 20 and counts == sorted(counts), counts
    assert counts[-1] == 151  # every record, 0 … 1500 every 10 steps, in the final figure
    tab.assert_no_error()
