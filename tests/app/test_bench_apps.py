"""The latency baselines (bench/minimal_app, bench/one_figure_app) run, use the project's config, and the
one-figure app draws exactly the figure its page draws for β at the page's defaults."""

from __future__ import annotations

import json
import tomllib

import plotly.io as pio
import pytest
from streamlit.testing.v1 import AppTest

from bench.latency import FIGURE_OF_PAGE, MINIMAL, ONE_FIGURE, REPO
from swiglu.plots.glu import product_heatmap
from swiglu.plots.gradients import derivative_figure
from swiglu.plots.swish import swish_figure
from swiglu.state import SETTINGS

D = {name: SETTINGS[name].default for name in ("betas", "refs", "xrange", "gate", "bval", "acts")}
BUILDERS = {
    "swish": lambda beta: swish_figure(beta, tuple(float(b) for b in D["betas"]), D["refs"], D["xrange"], "en",
                                       False, None),
    "heatmap": lambda beta: product_heatmap(D["gate"], beta, D["bval"], "en"),
    "derivatives": lambda beta: derivative_figure(D["acts"], beta, D["xrange"], "en"),
}


def _run(app_dir, monkeypatch, figure: str | None = None, paragraphs: int = 0) -> AppTest:
    if figure is not None:
        monkeypatch.setenv("SWIGLU_BENCH_FIGURE", figure)
    monkeypatch.setenv("SWIGLU_BENCH_PARAGRAPHS", str(paragraphs))
    at = AppTest.from_file(str(app_dir / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    return at


def _spec(at: AppTest) -> dict:
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    return json.loads(charts[0].proto.spec)


@pytest.mark.parametrize("app_dir", [MINIMAL, ONE_FIGURE])
def test_baselines_run_with_the_projects_config(app_dir):
    ours = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text())
    assert tomllib.loads((app_dir / ".streamlit" / "config.toml").read_text()) == ours


def test_every_figure_of_a_page_has_a_builder_here():
    assert set(FIGURE_OF_PAGE.values()) == set(BUILDERS)
    assert set(FIGURE_OF_PAGE) == {"swish", "glu", "gradients"}


@pytest.mark.parametrize("figure", sorted(BUILDERS))
def test_one_figure_app_draws_the_pages_figure_and_follows_beta(figure, monkeypatch):
    at = _run(ONE_FIGURE, monkeypatch, figure)
    s = SETTINGS["beta"]
    (slider,) = at.slider
    assert (slider.min, slider.max, slider.step, slider.value) == (s.lo, s.hi, s.step, s.default)
    assert _spec(at) == json.loads(pio.to_json(BUILDERS[figure](s.default), validate=False))
    slider.set_value(2.5).run()
    assert not at.exception
    assert _spec(at) == json.loads(pio.to_json(BUILDERS[figure](2.5), validate=False))


def test_minimal_app_draws_one_line(monkeypatch):
    at = _run(MINIMAL, monkeypatch)
    assert len(_spec(at)["data"]) == 1


@pytest.mark.parametrize("paragraphs", [0, 3])
def test_paragraphs_variant_is_the_minimal_chart_plus_fixed_text(paragraphs, monkeypatch):
    minimal = _spec(_run(MINIMAL, monkeypatch))
    at = _run(ONE_FIGURE, monkeypatch, paragraphs=paragraphs)
    assert _spec(at) == minimal
    assert at.get("plotly_chart")[0].proto.config == _run(MINIMAL, monkeypatch).get("plotly_chart")[0].proto.config
    assert len(at.markdown) == paragraphs
    assert [m.value.split(":")[0] for m in at.markdown] == [f"Paragraph {i + 1}" for i in range(paragraphs)]
