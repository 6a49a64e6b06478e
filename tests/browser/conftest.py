"""Real-browser fixtures: Streamlit servers on free ports, one Debian Chromium per session, a fresh context per test.

Never `playwright install`: the browser is Debian's /usr/bin/chromium (see ../shared/design.md).
Waiting rule: Streamlit renders asynchronously and a rerun can briefly show old and new elements side by side,
so every check runs after `Tab.settle()` (script idle, no stale element, no skeleton of a lazily loaded
component, DOM quiet for a moment), never right after an interaction.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench._server import CHROMIUM, launch_browser, start_server  # noqa: E402

SCREENSHOTS = REPO / "screenshots"
HAVE_CHROMIUM = Path(CHROMIUM).exists()
SKIP_REASON = f"{CHROMIUM} not found (install Debian's chromium; .ci/run does)"

# page id -> URL path; the id names the screenshot and the i18n keys nav.<id>
PAGES = {
    "home": "/",
    "swish": "/swish",
    "glu": "/glu",
    "gradients": "/gradients",
    "ffn": "/ffn",
    "dead-relu": "/dead-relu",
    "train": "/train",
    "paper": "/paper",
    "class": "/class",
}
LANGS = ("en", "zh")
# Pages that show a Plotly chart on first load once they are built (dead-relu may draw only after a run).
CHART_PAGES = {"swish", "glu", "gradients", "ffn", "train", "paper"}
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
LOCAL_SCHEMES = {"data", "blob", "about"}
ERROR_SELECTORS = ('[data-testid="stException"]', '[data-testid="stAlertContentError"]')
ERROR_WORDS = ("Traceback", "KeyError", "StreamlitAPIException", "Page not found")
CJK = re.compile(r"[\u3400-\u9fff]")

# Installed in every document before Streamlit's scripts: remembers when the DOM last changed.
_INIT_JS = """
(() => {
  window.__lastMutation = performance.now();
  const start = () => new MutationObserver(() => { window.__lastMutation = performance.now(); })
    .observe(document.documentElement, {subtree: true, childList: true, attributes: true, characterData: true});
  if (document.documentElement) start(); else document.addEventListener('DOMContentLoaded', start);
})();
"""

_SETTLED_JS = """
(quietMs) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.dataset.testScriptState !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
  if (document.querySelector('[data-stale="true"]')) return false;
  // lazily loaded element components (segmented control, charts, dataframes...) show skeletons until their
  // code has arrived, which can be well after the script run ended
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  if (!document.querySelector('[data-testid="stMain"] h1')) return false;
  return performance.now() - window.__lastMutation > quietMs;
}
"""


def lang_of_url(url: str) -> str | None:
    return (parse_qs(urlparse(url).query).get("lang") or [None])[-1]


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query, keep_blank_values=True)


def is_local(url: str) -> bool:
    u = urlparse(url)
    if u.scheme in LOCAL_SCHEMES:
        return True
    return u.hostname in LOCAL_HOSTS


@dataclass
class Tab:
    """One fresh browser context + page, recording what a test must check afterwards."""

    base: str
    context: object
    page: object
    server: object = None  # bench._server.Server: its log goes into failure messages
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def goto(self, path: str, chart: bool | None = None) -> None:
        self.page.goto(self.base + path, wait_until="domcontentloaded")
        self.settle(timeout=45_000)
        if chart:
            self.page.wait_for_selector(".js-plotly-plot", state="visible", timeout=20_000)
            self.settle()

    def open(self, page_id: str, lang: str, extra: str = "") -> bool:
        """Open a page and wait until it is fully drawn (its chart too, once the page is built).
        Returns True while the page still shows its "in preparation" note."""
        self.goto(f"{PAGES[page_id]}?lang={lang}{extra}")
        preparing = self.in_preparation(lang)
        if page_id in CHART_PAGES and not preparing and not self.has_error():
            self.page.wait_for_selector(".js-plotly-plot", state="visible", timeout=20_000)
            self.settle()
        return preparing

    def has_error(self) -> bool:
        return any(self.page.locator(sel).count() for sel in ERROR_SELECTORS)

    def settle(self, timeout: float = 20_000, quiet_ms: int = 150) -> None:
        self.page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
        self.page.wait_for_function(_SETTLED_JS, arg=quiet_ms, timeout=timeout, polling=50)

    # ---- reads ----
    def title(self) -> str:
        return self.page.locator('[data-testid="stMain"] h1').first.inner_text().strip()

    def main_text(self) -> str:
        return self.page.locator('[data-testid="stMain"]').inner_text()

    def nav_labels(self) -> list[str]:
        links = self.page.locator('[data-testid="stSidebarNav"] [data-testid="stSidebarNavLink"]')
        # each link is "<material icon ligature>\n<label>": the label is the last line
        return [t.strip().splitlines()[-1].strip() for t in links.all_inner_texts()]

    def sliders(self):
        return self.page.get_by_role("slider")  # <input type=range>: implicit ARIA role "slider"

    def slider_value(self, i: int = 0) -> str:
        return self.sliders().nth(i).input_value()

    def in_preparation(self, lang: str) -> bool:
        from swiglu.i18n import t

        return t("common.in_preparation", lang) in self.main_text()

    def external_requests(self) -> list[str]:
        return [u for u in self.requests if not is_local(u)]

    def log_tail(self, lines: int = 25) -> str:
        if self.server is None:
            return ""
        return "\n--- server log (tail) ---\n" + "\n".join(self.server.log_text().splitlines()[-lines:])

    # ---- checks every test wants ----
    def assert_no_error(self) -> None:
        for sel in ERROR_SELECTORS:
            n = self.page.locator(sel).count()
            assert n == 0, (f"{n} error element(s) {sel} on {self.page.url}: "
                            f"{self.page.locator(sel).all_inner_texts()}{self.log_tail()}")
        body = self.page.locator("body").inner_text()
        for word in ERROR_WORDS:
            assert word not in body, f"{word!r} shown on {self.page.url}{self.log_tail()}"
        assert not self.dialogs, f"unexpected dialog(s): {self.dialogs}"
        assert not self.page_errors, f"uncaught page error(s): {self.page_errors}"

    def screenshot(self, name: str) -> Path:
        """Full page: Streamlit scrolls inside stMain, so grow the viewport to the content first."""
        SCREENSHOTS.mkdir(exist_ok=True)
        size = self.page.viewport_size
        height = self.page.evaluate(
            """() => { const m = document.querySelector('[data-testid="stMain"]');
                       const s = document.querySelector('[data-testid="stSidebarContent"]');
                       return Math.max(m ? m.scrollHeight : 0, s ? s.scrollHeight : 0); }"""
        )
        path = SCREENSHOTS / f"{name}.png"
        self.page.set_viewport_size({"width": size["width"], "height": max(size["height"], min(int(height), 12000))})
        try:
            self.settle()
            self.page.screenshot(path=str(path), full_page=True)
        finally:
            self.page.set_viewport_size(size)
        return path


@pytest.fixture(scope="session")
def playwright_instance():
    if not HAVE_CHROMIUM:
        pytest.skip(SKIP_REASON)
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    yield pw
    pw.stop()


@pytest.fixture(scope="session")
def browser(playwright_instance):
    b = launch_browser(playwright_instance)
    yield b
    b.close()


def _server(log_dir: Path, name: str):
    server = start_server("serve.py", cwd=REPO, log=log_dir / f"{name}.log")
    return server


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The shared app server for every test that does not need a never-used server."""
    if not HAVE_CHROMIUM:
        pytest.skip(SKIP_REASON)
    s = _server(tmp_path_factory.mktemp("streamlit"), "shared")
    yield s
    s.stop()


@pytest.fixture
def fresh_server(tmp_path_factory):
    """A server that has served nothing yet (for first-request-after-start checks); stopped after the test."""
    started = []

    def make(name: str):
        s = _server(tmp_path_factory.mktemp("streamlit"), name)
        started.append(s)
        return s

    yield make
    for s in started:
        s.stop()


def _open_tab(browser, server) -> Tab:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    context.add_init_script(_INIT_JS)
    page = context.new_page()
    tab = Tab(server.url, context, page, server)
    context.on("request", lambda r: tab.requests.append(r.url))
    page.on("websocket", lambda ws: tab.requests.append(ws.url))
    page.on("pageerror", lambda e: tab.page_errors.append(str(e)))

    def on_dialog(d):
        tab.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    page.on("dialog", on_dialog)
    page.set_default_timeout(20_000)
    return tab


@pytest.fixture
def open_tab(browser):
    """Factory: a fresh context + page on a given server (several per test allowed); all closed after the test."""
    tabs: list[Tab] = []

    def make(server) -> Tab:
        tab = _open_tab(browser, server)
        tabs.append(tab)
        return tab

    yield make
    for tab in tabs:
        tab.context.close()


@pytest.fixture
def tab(open_tab, server) -> Tab:
    return open_tab(server)


_PROBE_JS = """
(scope) => {
  // Mark the first element under `scope` whose own text contains CJK; return its text and font.
  const root = document.querySelector(scope);
  if (!root) return null;
  const re = /[\\u3400-\\u9fff]/;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (re.test(n.nodeValue) && n.parentElement && n.parentElement.offsetParent !== null) {
      const el = n.parentElement;
      document.querySelectorAll('[data-cjk-probe]').forEach(e => e.removeAttribute('data-cjk-probe'));
      el.setAttribute('data-cjk-probe', '1');
      const cs = getComputedStyle(el);
      return {text: n.nodeValue, font: `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`, px: parseFloat(cs.fontSize)};
    }
  }
  return null;
}
"""

_GLYPHS_JS = """
([font, chars]) => {
  // Draw each character alone on a canvas in the page's own font: real CJK glyphs are ~1 em wide and differ
  // from each other; missing glyphs all draw the same .notdef box ("tofu"), as an unassigned code point does.
  const c = document.createElement('canvas'); c.width = 96; c.height = 96;
  const g = c.getContext('2d', {willReadFrequently: true});
  const draw = ch => {
    g.clearRect(0, 0, 96, 96); g.font = font; g.fillStyle = '#000'; g.textBaseline = 'top'; g.fillText(ch, 8, 8);
    const d = g.getImageData(0, 0, 96, 96).data; let h = 0, ink = 0;
    for (let i = 3; i < d.length; i += 4) { h = (h * 31 + d[i]) >>> 0; ink += d[i] > 0 ? 1 : 0; }
    return {w: g.measureText(ch).width, h, ink};
  };
  return {glyphs: chars.map(draw), tofu: draw('\\u0378')};
}
"""


def assert_cjk_renders(tab: Tab, scope: str) -> str:
    """CJK text under `scope` is drawn with real glyphs (a CJK font is installed), not tofu boxes.
    Returns the system font(s) Chromium used, for the message."""
    probe = tab.page.evaluate(_PROBE_JS, scope)
    assert probe, f"no visible CJK text under {scope} on {tab.page.url}"
    chars = list(dict.fromkeys(CJK.findall(probe["text"])))[:4]
    font = re.sub(r"\b[\d.]+px\b", "32px", probe["font"], count=1)
    res = tab.page.evaluate(_GLYPHS_JS, [font, chars])
    tofu = res["tofu"]
    hashes = set()
    for ch, gl in zip(chars, res["glyphs"], strict=True):
        assert gl["ink"] > 0, f"{ch!r} draws nothing in {font}"
        assert gl["w"] >= 0.8 * 32, f"{ch!r} is {gl['w']:.1f} px wide at 32 px: not a CJK glyph (tofu?)"
        assert gl["h"] != tofu["h"], f"{ch!r} draws the same box as a missing glyph (tofu) in {font}"
        hashes.add(gl["h"])
    assert len(hashes) == len(chars), f"distinct CJK characters {chars} draw identical boxes (tofu) in {font}"
    # Which fonts did Chromium really use for that node? Streamlit's bundled Source Sans has no CJK, so the
    # CJK glyphs must come from a system font.
    cdp = tab.context.new_cdp_session(tab.page)
    try:
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "[data-cjk-probe]"})["nodeId"]
        cdp.send("CSS.enable")
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    finally:
        cdp.detach()
    system = [f for f in fonts if not f.get("isCustomFont")]
    n_cjk = len(CJK.findall(probe["text"]))
    assert sum(f["glyphCount"] for f in system) >= n_cjk, f"CJK glyphs not from a system CJK font: {fonts}"
    return ", ".join(f["familyName"] for f in system)
