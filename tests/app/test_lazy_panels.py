"""The glossary (a dialog), source-code and share panels are built only while open (the source code and share
panels are expanders with on_change="rerun"): closed they send nothing, open they show their full content, on
every page and in both languages."""

from __future__ import annotations

import inspect

import pytest

from swiglu.i18n import t
from swiglu.texts.glossary import GLOSSARY_IDS

from .conftest import PAGE_FILES, open_page

PAGES = [p for p in PAGE_FILES if p not in ("home", "class")]  # /class shows no source code


def _glossary_tables(at, lang: str) -> list:
    head = t("common.glossary_en", lang)
    return [d for d in at.table if head in list(d.value.columns)]


def _codes(at) -> list[str]:
    return [c.value for c in at.code]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", PAGES)
def test_panels_are_empty_while_closed_and_full_when_opened(page, lang):
    at = open_page(page, lang=lang)
    assert not at.exception
    assert not _glossary_tables(at, lang)
    closed_codes = _codes(at)
    assert not any(c.startswith("def ") or c.startswith("class ") for c in closed_codes)
    assert not any("?" in c and "lang=" in c for c in closed_codes)  # no share link sent

    at.session_state["open.glossary"] = True
    at.session_state[f"open.code.{page}"] = True
    at.session_state[f"open.share.{page}"] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    (table,) = _glossary_tables(at, lang)
    assert len(table.value) == len(GLOSSARY_IDS)
    assert list(table.value[t("common.glossary_zh", lang)]) == [t(f"gloss.{g}.term", "zh") for g in GLOSSARY_IDS]
    codes = _codes(at)
    sources = [c for c in codes if c.lstrip().startswith(("def ", "class ", "@"))]
    assert sources, "the source-code panel shows the functions"
    links = [c for c in codes if "?" in c and f"lang={lang}" in c]
    assert links and links[0].split("?")[0].endswith("/" + page)


def test_the_code_panel_shows_the_exact_source_of_the_core():
    from swiglu.activations import swish

    at = open_page("swish", lang="en")
    at.session_state["open.code.swish"] = True
    at.run()
    assert inspect.getsource(swish).strip() in [c.strip() for c in _codes(at)]


def test_the_paper_page_has_one_code_panel_with_the_toy_runs_code_too():
    """Two "code that ran" panels back to back read as a duplicate: the page shows one, the toy run's code in it."""
    from swiglu import paper, timing
    from swiglu.experiments.charlm import CharLM, train_run

    for lang in ("en", "zh"):
        at = open_page("paper", lang=lang)
        assert [e.label for e in at.expander].count(t("common.code_title", lang)) == 1
        at.session_state["open.code.paper"] = True
        at.run()
        assert not at.exception
        codes = [c.strip() for c in _codes(at)]
        for fn in (paper.gap_in_std, timing.measure, CharLM.forward, train_run):
            assert inspect.getsource(fn).strip() in codes, fn.__qualname__
