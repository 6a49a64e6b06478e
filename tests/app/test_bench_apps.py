"""The latency baselines (bench/minimal_app, bench/one_figure_app) run, use the project's config, and the
one-figure app draws exactly the figure its page draws (the page itself, run by AppTest, is the reference)."""

from __future__ import annotations

import json
import tomllib

import pytest
from streamlit.testing.v1 import AppTest

from bench.latency import FIGURE_OF_PAGE, MINIMAL, ONE_FIGURE, REPO
from swiglu.state import SETTINGS

from .conftest import live_figures, open_page


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
    spec = json.loads(charts[0].proto.spec)
    spec["layout"].pop("template", None)  # plotly.py's default theme, which the live plot does not send
    return spec


@pytest.mark.parametrize("app_dir", [MINIMAL, ONE_FIGURE])
def test_baselines_run_with_the_projects_config(app_dir):
    ours = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text())
    assert tomllib.loads((app_dir / ".streamlit" / "config.toml").read_text()) == ours


def _page_figure(page: str, **params: str) -> dict:
    """The first figure `page` draws (the first of its live plot, which β redraws), opened in English."""
    at = open_page(page, lang="en", **params)
    assert not at.exception
    return live_figures(at)[0]


@pytest.mark.parametrize("page", sorted(FIGURE_OF_PAGE))
def test_one_figure_app_draws_the_pages_figure_and_follows_beta(page, monkeypatch):
    at = _run(ONE_FIGURE, monkeypatch, FIGURE_OF_PAGE[page])
    s = SETTINGS["beta"]
    (slider,) = at.slider
    assert (slider.min, slider.max, slider.step, slider.value) == (s.lo, s.hi, s.step, s.default)
    assert _spec(at) == _page_figure(page)
    slider.set_value(2.5).run()
    assert not at.exception
    assert _spec(at) == _page_figure(page, beta="2.5")


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
