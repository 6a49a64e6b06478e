"""The frame every page lives in: start() -> fixed text -> live(view: controls and what they change) -> finish().

Settings flow one way: URL (untrusted) -> swiglu.state.parse -> session store -> widgets -> URL again,
so the address bar is always a link that reproduces the view.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pandas  # noqa: F401 - plotly imports pandas lazily; concurrent first runs could see it half-imported
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from swiglu import quiz as quiz_cases
from swiglu import state
from swiglu.i18n import t, t_join
from swiglu.plots import figure_csv
from swiglu.texts.glossary import GLOSSARY_IDS

from . import classroom
from . import lang as lang_mod
from .nav import PAGE_BY_ID, SHELL_MARK

STORE = "_values"  # session_state: setting name -> value, shared by the pages of one session
LAST_QS = "_last_qs"  # session_state: page -> the query parameters this app wrote lately (newest last)
QS_MEMORY = 64  # how many written URLs count as "ours": a rerun may carry one the browser had not yet replaced
CHART_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}


def _leave_legacy_mode() -> None:
    """A deep link as the very first request after a server start runs the page file alone, in
    Streamlit's legacy pages/ mode (app.py does not run). Switch the process to st.navigation mode and
    rerun: the page id (from the file name) equals the url_path, so the rerun lands on this same page,
    now inside app.py, with its query parameters intact."""
    PagesManager.uses_pages_directory = False
    st.rerun()


def _store_key(page: str, name: str) -> str:
    return f"{page}:{name}" if name == "hide" else name  # hidden controls are per page


@dataclass
class Page:
    id: str
    lang: str
    values: dict[str, Any]
    notices: list[state.Notice] = field(default_factory=list)
    fresh_link: bool = False
    _live_depth: int = 0  # how many live parts are running right now (an inner part runs inside its outer one)
    _inner: str | None = None  # the inner live part whose controls are being built, if any
    _outer: str = ""  # the fragment key of the page's outer live part ("" while the page has none)

    def t(self, key: str, **fields: object) -> str:
        return t(key, self.lang, **fields)

    def join(self, items: Iterable[str]) -> str:
        """Translated names in running text, with the language's own separator ("a, b" / "a、b")."""
        return t_join(items, self.lang)

    @property
    def big(self) -> bool:
        return bool(self.values.get("big"))

    @property
    def hidden(self) -> tuple[str, ...]:
        return tuple(self.values.get("hide", ()))

    # ---- controls built from the settings table ----
    def control(self, name: str, where: Any = None, format_func: Callable[[Any], str] | None = None,
                widget: str | None = None, help: str | None = None, key: str | None = None,
                placeholder: str | None = None, count: int | None = None) -> Any:
        """Render the widget for setting `name` (unless a teacher hid it) and return its value.

        A "floats" setting renders `count` sliders in a row (entries past `count` are kept, not shown)."""
        s = state.SETTINGS[name]
        if name in self.hidden:
            return self.values[name]
        where = where or st
        key = key or f"w.{self.id}.{name}"
        if s.kind == "floats":
            return self._floats(s, where, key, count or len(self.values[name]), format_func)
        if self.fresh_link or key not in st.session_state:
            st.session_state[key] = _to_widget(s, self.values[name])
        label = self.t(f"set.{name}")
        fmt = format_func or str
        cb = self._on_change()
        if s.kind in ("float", "int"):
            v = where.slider(label, min_value=_num(s, s.lo), max_value=_num(s, s.hi), step=_num(s, s.step or 1),
                             key=key, help=help, on_change=cb)
        elif s.kind == "bool":
            v = where.toggle(label, key=key, help=help, on_change=cb)
        elif s.kind == "choice":
            if widget == "radio":
                v = where.radio(label, s.choices, format_func=fmt, key=key, horizontal=True, help=help, on_change=cb)
            else:
                v = where.selectbox(label, s.choices, format_func=fmt, key=key, help=help, on_change=cb)
        elif s.kind == "multi":
            if widget == "pills":
                v = where.pills(label, s.choices, format_func=fmt, key=key, selection_mode="multi", help=help,
                                on_change=cb)
            else:
                # Streamlit's own texts are English: no "Select all" row, no typing (its "No results"), our placeholder
                v = where.multiselect(label, s.choices, format_func=fmt, key=key, help=help, on_change=cb,
                                      select_all=False, filter_mode=None, placeholder=self.t("common.choose"))
            v = tuple(x for x in s.choices if x in (v or ()))  # canonical order
        elif s.kind == "text":
            v = where.text_input(label, key=key, max_chars=s.max_len, help=help, placeholder=placeholder,
                                 on_change=cb)
        else:
            raise ValueError(f"no widget for kind {s.kind!r}")
        self.values[name] = v
        return v

    def _floats(self, s: state.Setting, where: Any, key: str, count: int,
                item_label: Callable[[int], str] | None) -> tuple[float, ...]:
        vals = list(self.values[s.name])
        vals += [s.default[len(vals) + i] if len(vals) + i < len(s.default) else 0.0 for i in range(count - len(vals))]
        where.markdown(f"**{self.t(f'set.{s.name}')}**")
        for i, col in enumerate(where.columns(count)):
            k = f"{key}.{i}"
            if self.fresh_link or k not in st.session_state:
                st.session_state[k] = float(vals[i])
            vals[i] = col.slider(item_label(i) if item_label else str(i + 1), min_value=float(s.lo),
                                 max_value=float(s.hi), step=float(s.step or 0.1), key=k,
                                 on_change=self._on_change())
        self.values[s.name] = tuple(vals)
        return self.values[s.name]

    # ---- page furniture ----
    def chart(self, fig, key: str | None = None) -> None:
        st.plotly_chart(fig, key=key, config=CHART_CONFIG, width="stretch")

    def download_csv(self, label: str, fig, file_name: str, key: str | None = None, where: Any = None) -> None:
        """A CSV download of every series in `fig`. The CSV is built only when the button is clicked (a callable
        for `data`), not on every rerun: a slider move should not pay for files nobody asked for."""
        (where or st).download_button(label, lambda: figure_csv(fig), file_name=file_name, mime="text/csv",
                                      icon=":material/download:", key=key)

    def show_code(self, *objects: Any, key: str | None = None) -> None:
        """The source of `objects` in a closed panel; a page with two panels names the second one's `key`."""
        with _lazy_expander(st, self.t("common.code_title"), key=key or f"open.code.{self.id}") as open_:
            if open_:
                st.caption(self.t("common.code_caption"))
                for obj in objects:
                    st.code(inspect.getsource(obj), language="python")

    def quiz(self) -> None:
        """Predict, then reveal, this page's question (swiglu.quiz.PAGE_QUIZZES: texts `<prefix>.q`, `.o1..n`,
        `.why`, all filled with the case's fields, the key computed by the core). In a class, ui.classroom draws
        it as the class's vote instead."""
        prefix, n_options, correct, fields = quiz_cases.page_quiz(self.id)
        if classroom.quiz(self, prefix, n_options, correct, self.t(f"{prefix}.why", **fields)):
            return
        st.subheader(self.t("common.quiz_title"))
        options = [self.t(f"{prefix}.o{i}", **fields) for i in range(1, n_options + 1)]
        pick = st.radio(self.t(f"{prefix}.q", **fields), range(n_options), format_func=lambda i: options[i],
                        index=None, key=f"quiz.{prefix}")
        why = self.t(f"{prefix}.why", **fields)
        if st.button(self.t("common.quiz_reveal"), key=f"quiz.{prefix}.reveal"):
            if pick is None:
                st.info(self.t("common.quiz_none"))
            elif pick == correct - 1:
                st.success(self.t("common.quiz_right") + " " + why)
            else:
                st.warning(self.t("common.quiz_wrong", answer=options[correct - 1]) + " " + why)

    def live(self, body: Callable[[], None], key: str = "live") -> None:
        """Run `body` (the part of the page its controls change) as a fragment, then write the view into the URL
        and the share panel. A control inside the body reruns only the body: not app.py, the sidebar, the
        page's fixed text, nor the other pages' bookkeeping. (A full run, e.g. a language change, runs it too.)

        Called inside another part's body, it makes an inner part: a section whose own controls redraw only that
        section (the gradient-flow sliders leave the derivative charts above alone), while a control of the outer
        part (β, used everywhere) reruns both. An inner part that runs alone writes the URL but not the share
        panel, which its outer part owns: while that panel is open, its controls rerun the outer part instead,
        so the links shown are never out of date. β itself moves in the browser (ui/live_plot.py) and reruns the
        outer part once, on release. (Measured on 2026-12-04 with the live plot in place: without inner parts,
        /glu's d_ff slider took 522 ms instead of 255 and /gradients' depth slider 634 instead of 409.)"""
        inner = self._live_depth > 0
        name = f"{self.id}.{key}"

        def run() -> None:
            alone, around = self._live_depth == 0, self._inner
            self._live_depth += 1
            self._inner = name if inner else None
            try:
                body()
            finally:
                self._live_depth -= 1
                self._inner = around
            if not inner:
                self._sync()
                self.fresh_link = False  # the link is applied; the next fragment runs keep what the student does
            elif alone:
                self._sync(share=False)

        if not inner:
            self._outer = name
        st.fragment(run, key=name)()

    def _on_change(self) -> Callable[[], None] | None:
        """The on_change of a control built now: `_inner_changed` inside an inner part, else none."""
        return self._inner_changed if self._inner else None

    def _inner_changed(self) -> None:
        """on_change of an inner part's controls: rerun the outer part (inner included) if the share panel is
        open, so its links follow; otherwise let Streamlit rerun just the inner part."""
        if st.session_state.get(f"open.share.{self.id}"):
            st.rerun(self._outer)

    def finish(self) -> None:
        """Write the view into the URL and offer share / teacher links (unless `live` does), and the glossary."""
        if not self._outer:
            self._sync()
        _glossary(self)

    def _sync(self, share: bool = True) -> None:
        page_vals = {s.name: self.values[s.name] for s in state.page_settings(self.id)}
        page_vals["lang"] = self.lang
        qs = {**state.serialise(page_vals, self.id), **classroom.url_params()}
        if {k: [v] for k, v in qs.items()} != _current_query():
            st.query_params.from_dict(qs)
        written = st.session_state.setdefault(LAST_QS, {}).setdefault(self.id, [])
        mine = {k: [v] for k, v in qs.items()}
        if not written or written[-1] != mine:
            written.append(mine)
            del written[:-QS_MEMORY]
        save(self)
        if share:
            _share_panel(self, page_vals)


_MD_SPECIAL = set("\\`*_{}[]()<>#+-.!|~$")


def md_escape(text: str) -> str:
    """Backslash-escape markdown so untrusted text (e.g. a rejected formula's fragment) shows literally."""
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in text)


def _num(s: state.Setting, v: float | None) -> float | int | None:
    if v is None:
        return None
    return int(v) if s.kind == "int" else float(v)


def _to_widget(s: state.Setting, v: Any) -> Any:
    return list(v) if s.kind == "multi" else v


def _current_query() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params.keys()}


def _base_url(page: str) -> str:
    try:
        url = st.context.url
    except Exception:  # noqa: BLE001 - no browser context (AppTest)
        url = None
    return url or "/" + PAGE_BY_ID[page].url_path


def _share_panel(p: Page, page_vals: dict[str, Any]) -> None:
    base = _base_url(p.id)
    with _lazy_expander(st.sidebar, p.t("common.share"), key=f"open.share.{p.id}", icon=":material/link:") as open_:
        if not open_:
            return
        st.caption(p.t("common.share_help"))
        st.code(f"{base}?{state.query_string(page_vals, p.id)}", language=None, wrap_lines=True)
        options = state.hideable(p.id)
        if options:
            st.markdown(f"**{p.t('common.teacher')}**")
            st.caption(p.t("common.teacher_help"))
            hide = st.multiselect(p.t("common.teacher_hide"), options, format_func=lambda n: p.t(f"set.{n}"),
                                  key=f"teacher.{p.id}", select_all=False, filter_mode=None,
                                  placeholder=p.t("common.choose"))
            if hide:
                teacher_vals = dict(page_vals, hide=tuple(hide))
                st.code(f"{base}?{state.query_string(teacher_vals, p.id)}", language=None, wrap_lines=True)


@contextmanager
def _lazy_expander(where: Any, label: str, key: str, icon: str | None = None) -> Iterator[bool]:
    """An expander whose content is built and sent only while it is open (opening it reruns the page, or the
    fragment it is in). Closed panels (glossary, source code, share links) then cost nothing on a page's first
    paint or on a slider step."""
    exp = where.expander(label, icon=icon, key=key, on_change="rerun")
    with exp:
        yield bool(exp.open)


GLOSSARY_OPEN = "open.glossary"  # session_state: the glossary dialog is open (built only then)


def _set_glossary(is_open: bool) -> None:
    st.session_state[GLOSSARY_OPEN] = is_open


def _glossary(p: Page) -> None:
    """The glossary: a sidebar button opens it in a large dialog. In the 300 px sidebar its three columns
    wrapped Chinese to ~6 characters a line; the dialog gives the table the width of the page (a phone's full
    width). Like the closed panels, the table is built only while the dialog is open."""
    st.sidebar.button(p.t("common.glossary"), icon=":material/translate:", key="glossary.button", width="stretch",
                      on_click=_set_glossary, args=(True,))
    if not st.session_state.get(GLOSSARY_OPEN):
        return

    def body() -> None:
        st.caption(p.t("common.glossary_intro"))
        rows = [
            {
                p.t("common.glossary_en"): t(f"gloss.{g}.term", "en"),
                p.t("common.glossary_zh"): t(f"gloss.{g}.term", "zh"),
                p.t("common.glossary_meaning"): p.t(f"gloss.{g}.def"),
            }
            for g in GLOSSARY_IDS
        ]
        st.table(rows, border="horizontal", hide_index=True)  # wraps the definitions; a dataframe cuts them short

    st.dialog(p.t("common.glossary"), width="large", icon=":material/translate:",
              on_dismiss=lambda: _set_glossary(False))(body)()


def _big_fonts_css() -> None:
    # Fixed stylesheet written by us; no user text goes into it.
    st.html(
        "<style>html, body, [data-testid='stAppViewContainer'] {font-size: 1.25rem;}"
        " .stMarkdown p, .stMarkdown li {font-size: 1.3rem !important;} h1 {font-size: 3rem !important;}</style>"
    )


def start(page_id: str) -> Page:
    """Frame a page: language, settings (from a fresh link, or the session), notices, title and intro."""
    if SHELL_MARK not in st.session_state:
        _leave_legacy_mode()
    lang = lang_mod.current()
    store: dict[str, Any] = st.session_state.setdefault(STORE, {})
    query = _current_query()
    page_keys = {s.name for s in state.page_settings(page_id)} - {"lang"}
    incoming = {k: v for k, v in query.items() if k in page_keys}
    # Fast slider moves send reruns whose query string is a URL this app wrote a moment ago and the browser had
    # not yet replaced; only a URL we never wrote is a link to apply (else the slider would snap back).
    ours = [{k: v for k, v in q.items() if k in page_keys} for q in st.session_state.get(LAST_QS, {}).get(page_id, [])]
    notices: list[state.Notice] = []
    fresh = bool(incoming) and incoming not in ours
    if fresh:  # a shared link was opened, or the URL was edited by hand
        parsed, notices = state.parse(query, page_id)
        for name in page_keys:
            store[_store_key(page_id, name)] = parsed[name]
    values = {s.name: store.get(_store_key(page_id, s.name), s.default) for s in state.page_settings(page_id)}
    values["lang"] = lang
    p = Page(page_id, lang, values, notices, fresh)
    p.control("big", where=st.sidebar)
    if p.big:
        _big_fonts_css()
    classroom.frame(p)
    for n in notices:
        st.warning(p.t(f"common.notice.{n.code}", name=p.t(f"set.{n.name}")), icon=":material/warning:")
    if p.hidden:
        st.info(p.t("common.hidden_note", names=p.join(p.t(f"set.{n}") for n in p.hidden)))
    return p


def save(p: Page) -> None:
    """Keep the page's values in the session store (so they survive page changes)."""
    store = st.session_state.setdefault(STORE, {})
    for name, v in p.values.items():
        if name != "lang":
            store[_store_key(p.id, name)] = v
