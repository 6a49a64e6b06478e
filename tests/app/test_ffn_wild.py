"""AppTest of "SwiGLU in the wild" on /ffn, both languages: the table is the core's, a model picked by link or by
the selectbox is drawn with its own sizes, a hostile link value falls back to the default with a notice."""

import json

import pytest

from swiglu import models
from swiglu.i18n import t
from swiglu.plots.models import table_rows

from .conftest import open_page


def _charts(at) -> dict[str, dict]:
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    return {c["layout"]["title"]["text"]: c for c in charts}


def _wild(at, lang):
    """(the block diagram's spec, the ratio chart's spec) of the section."""
    charts = _charts(at)
    ratio = charts[t("wild.ratio.title", lang)]
    diagram = next(c for title, c in charts.items() if title.startswith(tuple(m.name for m in models.MODELS)))
    return diagram, ratio


def _table(at, lang):
    col = t("wild.col.model", lang)
    return next(df.value for df in at.main.dataframe if col in df.value.columns)


def _markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_default_model_and_table(lang):
    at = open_page("ffn", lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    assert t("wild.title", lang) in [h.value for h in at.header]
    table = _table(at, lang)
    assert table.to_dict("records") == table_rows(lang)
    assert at.selectbox(key="w.ffn.model").value == models.DEFAULT
    diagram, ratio = _wild(at, lang)
    m = models.BY_KEY[models.DEFAULT]
    assert diagram["layout"]["title"]["text"] == t("wild.dia.title", lang, name=m.name, layers="32")
    assert "176,160,768" in json.dumps(diagram, ensure_ascii=False)
    steps = models.llama_steps(m)
    assert t("wild.steps_mult", lang, name=m.name, **steps) in _markdown(at)
    assert t("wild.ratio_read", lang, **models.drift()) in _markdown(at)
    assert t("wild.trap.gemma", lang, **models.trap_numbers()) in _markdown(at)
    ticks = ratio["layout"]["yaxis"]["ticktext"]
    assert f"<b>{m.name}</b>" in ticks


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("key", ["gemma-7b", "mixtral-8x7b", "llama-7b", "gpt2-small"])
def test_a_link_picks_the_model(lang, key):
    at = open_page("ffn", lang=lang, model=key)
    assert not at.exception and not at.warning
    m = models.BY_KEY[key]
    assert at.selectbox(key="w.ffn.model").value == key
    assert at.query_params["model"] in (key, [key])
    diagram, ratio = _wild(at, lang)
    spec = json.dumps(diagram, ensure_ascii=False)
    assert f"{m.d_model:,} × {m.block_d_ff:,}" in spec and m.name in diagram["layout"]["title"]["text"]
    assert f"<b>{m.name}</b>" in ratio["layout"]["yaxis"]["ticktext"]
    text = _markdown(at)
    if m.llama is None:
        assert t("wild.no_formula", lang, name=m.name) in text
    else:
        assert t("wild.steps", lang, name=m.name, **models.llama_steps(m)) in text


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("raw", ["<b>x</b>", "1e309", "llama3-8b'; drop table", "x" * 2000])
def test_a_hostile_model_value_gets_the_default_and_a_notice(lang, raw):
    at = open_page("ffn", lang=lang, model=raw)
    assert not at.exception, [e.value for e in at.exception]
    assert at.warning and all("<b>" not in w.value and raw not in w.value for w in at.warning)
    assert at.selectbox(key="w.ffn.model").value == models.DEFAULT
    assert at.query_params["model"] in (models.DEFAULT, [models.DEFAULT])  # the link is repaired
    diagram, _ = _wild(at, lang)
    assert models.BY_KEY[models.DEFAULT].name in diagram["layout"]["title"]["text"]


def test_the_selectbox_redraws_the_block():
    at = open_page("ffn", lang="zh")
    at.selectbox(key="w.ffn.model").set_value("qwen2-7b").run()
    assert not at.exception
    diagram, ratio = _wild(at, "zh")
    assert "3,584 × 18,944" in json.dumps(diagram, ensure_ascii=False)
    assert "<b>Qwen2-7B</b>" in ratio["layout"]["yaxis"]["ticktext"]
    assert at.query_params["model"] in ("qwen2-7b", ["qwen2-7b"])
