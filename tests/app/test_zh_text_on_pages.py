"""What a Chinese-speaking student reads on each page, as the page shows it (texts with their numbers and names
filled in, widget labels and options, table headers, chart titles, legends and hover labels): full-width
punctuation next to Chinese, and names in lists joined with 、. tests/test_i18n.py checks the catalogue itself."""

import json
import re

import pytest

from ..test_i18n import ascii_punctuation_in_chinese
from .conftest import PAGE_FILES, live_figures, open_page

PROSE = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success", "error")
WIDGETS = ("slider", "select_slider", "selectbox", "multiselect", "radio", "toggle", "checkbox", "text_input",
           "button", "button_group", "number_input")
CHART_TEXT_KEYS = {"text", "name", "ticktext", "hovertemplate", "title"}


def _chart_strings(node, key=None):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _chart_strings(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _chart_strings(v, key)
    elif isinstance(node, str) and key in CHART_TEXT_KEYS:
        yield re.sub(r"%\{[^}]*\}|<[^>]*>", " ", node)  # plotly's %{y:.3f} and <br>, <extra> are not prose


def visible_texts(at) -> list[str]:
    # Streamlit's colour directive (":gray[…]") is markup, not punctuation the student reads
    texts = [re.sub(r":[a-z]+\[", "[", str(e.value)) for kind in PROSE for e in at.get(kind)]
    for m in at.metric:
        texts += [m.label, str(m.value)]
    for kind in WIDGETS:
        for w in at.get(kind):
            texts += [getattr(w, "label", "") or "", getattr(w, "help", "") or ""]
            texts += [str(o) for o in getattr(w, "options", None) or ()]
    for df in at.dataframe:
        texts += [str(c) for c in df.value.columns]
        texts += [v for v in df.value.astype(str).to_numpy().ravel().tolist() if isinstance(v, str)]
    for chart in at.get("plotly_chart"):
        texts += list(_chart_strings(json.loads(chart.proto.spec)))
    for fig in live_figures(at):  # the charts the live plot draws in the browser
        texts += list(_chart_strings(fig))
    return [s for s in texts if s]


@pytest.mark.parametrize("page", list(PAGE_FILES))
def test_chinese_page_shows_full_width_punctuation(page):
    # on /swish a teacher link hides two controls: the notice lists their names (issue #18 saw "β（当前值）, 参考 β 值")
    at = open_page(page, lang="zh", **({"hide": "beta,betas"} if page == "swish" else {}))
    assert not at.exception, [e.value for e in at.exception]
    texts = visible_texts(at)
    assert sum(any("\u4e00" <= ch <= "\u9fff" for ch in s) for s in texts) > 5  # the page really is in Chinese
    bad = {s[:60]: found for s in texts if (found := ascii_punctuation_in_chinese(s))}
    assert bad == {}
    if page == "swish":
        assert any("β（当前值）、参考 β 值" in s for s in texts), [s for s in texts if "当前值" in s]


def test_chinese_dead_relu_results_show_full_width_punctuation():
    # the texts, tables and charts that only appear once the three networks have trained (ε, counts, names)
    from .test_dead_relu_page import _drive

    at = open_page("dead-relu", lang="zh", dsteps="200", ddepth="2")
    at.button(key="dead_run").click().run()
    job = _drive(at, "_dead_job")
    assert job.status == "done" and not at.exception
    texts = visible_texts(at)
    assert len(at.get("plotly_chart")) >= 5
    bad = {s[:60]: found for s in texts if (found := ascii_punctuation_in_chinese(s))}
    assert bad == {}
