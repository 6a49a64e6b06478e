"""Which language a run shows: a fresh ?lang= link, else the session's choice, else the browser's locale."""

from __future__ import annotations

import streamlit as st

from swiglu.i18n import DEFAULT_LANG, LANG_NAMES, LANGS, normalise_lang, t

LANG_KEY = "lang"  # session_state: the language of this session
_WRITTEN = "_langs_in_url"  # session_state: the lang values this app has put in the URL in this session


def _from_locale() -> str:
    try:
        locale = st.context.locale
    except Exception:  # noqa: BLE001 - no browser context (bare script run): fall back
        locale = None
    return normalise_lang(locale) or DEFAULT_LANG


def resolve() -> str:
    url_lang = normalise_lang(st.query_params.get("lang"))
    # A rerun can carry a URL this app wrote a moment earlier (the browser had not replaced it yet): only a
    # language we never wrote comes from a link, and then it wins.
    if url_lang and url_lang not in st.session_state.get(_WRITTEN, ()):
        st.session_state[LANG_KEY] = url_lang
    elif LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = _from_locale()
    return st.session_state[LANG_KEY]


def _picked() -> None:
    choice = st.session_state.get("lang_picker")
    if choice in LANGS:  # clicking the active option deselects it: keep the language then
        st.session_state[LANG_KEY] = choice


def picker() -> str:
    """The sidebar language switch; returns the language this run shows, and keeps it in the URL."""
    lang = resolve()
    st.session_state["lang_picker"] = lang
    st.sidebar.segmented_control(
        t("common.language", lang),
        LANGS,
        format_func=LANG_NAMES.get,
        key="lang_picker",
        on_change=_picked,
        selection_mode="single",
    )
    lang = st.session_state[LANG_KEY]
    st.query_params["lang"] = lang
    st.session_state[_WRITTEN] = {*st.session_state.get(_WRITTEN, ()), lang}
    return lang


def current() -> str:
    return st.session_state.get(LANG_KEY) or resolve()
