"""What the app's shell adds to the browser page, in one fixed element that app.py writes on every full run.

1. One browser history entry per page, not one per URL write.

Streamlit's frontend (1.67, `handlePageInfoChanged`) calls history.pushState whenever a run changes
st.query_params, except while it handles Back/Forward. This app writes the view into the URL on every run (the
language in app.py, the page's settings in ui/page.py `_sync`), and a page change through the sidebar first
clears the query (Streamlit) and then writes it again: one page load added two or three entries, and Back
seemed to do nothing. The fixed script below turns a pushState that keeps the path (only the query changes)
into a replaceState; a pushState to another path (a page change) stays a push.

st.html loads its code lazily, so the first run of a tab can write the URL before the script is installed.
On installation the script then steps back over those same-path entries to the entry the document was loaded
into (only over this document's entries, by the Navigation API; a browser without it keeps the extra entry) and
gives it the current URL (the forward entries left behind go with the next page change). Streamlit never
sees those steps: the script's capturing popstate listener stops them. (When it saw them, it reran the page as a
Back to the bare link, and a page polling a run came back from the run's last rerun with every setting at its
minimum.) No user input goes into the script.

2. Chart titles that fit a phone. The server cannot know the screen's width, so the figures are built to work at
any width (legend below the plot, see swiglu.plots.place_legend); the one thing they cannot do is shrink a long
title, which plotly.js never wraps. A fixed stylesheet does, below 640 px (Streamlit's own narrow layout). Plotly
lays nothing out around a title, so a smaller one moves nothing else.
"""

from __future__ import annotations

import streamlit as st

_NARROW_CSS = """<style>
@media (max-width: 640px) { .js-plotly-plot .gtitle { font-size: 15px !important; } }
</style>"""
# Idempotent: every full run re-sends the element; the patch is installed once per document.
_SCRIPT = """<script>
(() => {
  const h = window.history;
  if (h.__oneEntryPerPage) return;
  h.__oneEntryPerPage = true;
  const push = h.pushState.bind(h), replace = h.replaceState.bind(h);
  const samePath = url => url == null || new URL(url, location.href).pathname === location.pathname;
  h.pushState = (state, title, url) => (samePath(url) ? replace : push)(state, title, url);
  const nav = performance.getEntriesByType('navigation')[0];
  const loaded = nav && new URL(nav.name);
  // Streamlit pushes with state {}; the entry a document is loaded into has state null (or a pushed entry's,
  // after a reload, whose URL is then the loaded one): only a push made in this document passes these tests.
  if (!loaded || h.state === null || loaded.pathname !== location.pathname || loaded.href === location.href) return;
  // Step back only over entries of this document (Navigation API): never into an earlier document's entries of
  // the same path (another tab session's view). Without that API the repair is skipped: one extra entry remains.
  const backInDocument = () => {
    const n = window.navigation, cur = n && n.currentEntry;
    const prev = cur && cur.index > 0 ? n.entries()[cur.index - 1] : null;
    return !!prev && prev.sameDocument && new URL(prev.url).pathname === location.pathname;
  };
  if (!backInDocument()) return;
  const target = location.href;
  let steps = 0;
  const onPop = (ev) => {
    ev.stopImmediatePropagation();  // the repair is ours alone: Streamlit must not rerun the page for these steps
    if (location.pathname === loaded.pathname && location.href !== loaded.href && ++steps < 4 && backInDocument()) {
      h.back();
      return;
    }
    window.removeEventListener('popstate', onPop, true);
    if (location.pathname !== loaded.pathname) { h.forward(); return; }  // never expected: undo, change nothing
    replace({}, '', target);
  };
  window.addEventListener('popstate', onPop, true);
  h.back();
})();
</script>"""


def shell_assets() -> None:
    """The stylesheet and the history patch (app.py: before the run writes anything into the URL)."""
    st.html(_NARROW_CSS + _SCRIPT, unsafe_allow_javascript=True)
