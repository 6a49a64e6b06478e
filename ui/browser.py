"""What the app's shell adds to the browser page, in one fixed element that app.py writes on every full run.

1. One browser history entry per page, not one per URL write.

Streamlit's frontend (1.67, `handlePageInfoChanged`) calls history.pushState whenever a run changes
st.query_params, except while it handles Back/Forward. This app writes the view into the URL on every run (the
language in app.py, the page's settings in ui/page.py `_sync`), and a page change through the sidebar first
clears the query (Streamlit) and then writes it again: one page load added two or three entries, and Back
seemed to do nothing. The fixed script below turns a pushState that keeps the path (only the query changes)
into a replaceState; a pushState to another path (a page change) stays a push.

st.html loads its code lazily, so the first run of a tab can write the URL before the script is installed:
that write is a real push, and the entry the document was loaded into is left behind it, holding the bare link.
The script does not step back over it at once (stepping through history while the page loads and polls made
Streamlit rerun a page with every widget at its minimum, seen on /dead-relu). It remembers that entry (Navigation
API) and, when Back or Forward later lands on it, goes one step further the same way before Streamlit sees the
step (a capturing popstate listener stops it): one Back is still one page. A browser without that API keeps the
extra entry. No user input goes into the script.

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
  // Streamlit pushes with state {}; the entry a document is loaded into has state null: only a push made in this
  // document before the patch above was installed leaves that entry behind the current one, holding the bare link.
  const n = window.navigation, cur = n && n.currentEntry;
  if (!cur || h.state === null || cur.index < 1) return;
  const stale = new Set();  // the loaded entry and any other push that beat the patch: same document, same path
  for (let i = cur.index - 1; i >= 0; i--) {
    const e = n.entries()[i];
    if (!e.sameDocument || new URL(e.url).pathname !== location.pathname) break;
    stale.add(e.key);
  }
  if (!stale.size) return;
  let at = cur.index;  // where the user was before the traversal that fires the next popstate
  n.addEventListener('currententrychange', () => {
    if (!stale.has(n.currentEntry.key)) at = n.currentEntry.index;
  });
  window.addEventListener('popstate', (ev) => {
    if (!stale.has(n.currentEntry.key)) return;
    ev.stopImmediatePropagation();  // Streamlit must not rerun the page for an entry that only holds a bare link
    if (n.currentEntry.index < at) h.back(); else h.forward();
  }, true);
})();
</script>"""


def shell_assets() -> None:
    """The stylesheet and the history patch (app.py: before the run writes anything into the URL)."""
    st.html(_NARROW_CSS + _SCRIPT, unsafe_allow_javascript=True)
