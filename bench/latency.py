"""Interaction latency: key press on a slider -> chart updated, and a pointer drag of β, in a real browser,
against a minimal Streamlit app.

    python bench/latency.py [--presses 24] [--rounds 3] [--pages swish glu gradients] [--one-figure]
                            [--paragraphs 20 60] [--before DIR]

Drag (issue 14): press on β's slider thumb, move the pointer 40 times by 3 px, 40 ms apart, then release; the
share of moves followed by a new chart state (the signature below changed) before the next move. A slider whose
value reaches the server only on release (st.slider) scores 0 %; the live plot (ui/live_plot.py) redraws in the
page. --before DIR also measures the pages of another checkout of the app (e.g. `git archive` of the commit
before a change) in the same run, so that before and after share the machine's load.

Starts the app and bench/minimal_app (one slider, one Plotly line chart, torch imported, the same config) on
free ports, opens each page in its own fresh browser context, focuses a slider and presses ArrowRight again and
again, measuring each press in the page itself:

  * t_key   = performance.now() in a capture-phase `keydown` listener (the moment the browser handles the key);
  * t_chart = performance.now() in a MutationObserver callback, the first time the drawn trace data of the
    page's Plotly charts differ from what was drawn before the press. The signature is built from the `d` of the
    trace paths and the `href` of heatmap images inside each chart's trace layers (`.mlayer`); a chart with nothing
    drawn yet is left out, so a chart that a rerun mounts beside the old one (both coexist for a moment) counts
    only once it is drawn;
  * t_done  = the last mutation inside a chart before the app settles (script idle, no stale element, DOM quiet),
    and t_run = when the app's script-run state went back to idle, reported as extra columns (where the time
    goes: a chart drawn long before the run ends means the rest of the page script is the cost).

Latency = t_chart - t_key. Targets are measured round-robin (a few presses each per round) so that load from other
processes on the machine affects all of them alike. The first presses on each page (20 by default) are warm-up
and not counted, but their median is printed: V8 optimises Plotly's drawing code only after a number of redraws, and
on a chart with several dashed or thick traces the first presses took twice as long (the same figure, measured on
two pages side by side, came out 36 and 58 ms after 2 warm-up presses, 33 and 34 ms after 25). A student dragging a
slider sends dozens of steps, so the measured presses are the warm ones; --warmup 3 gives the old, colder figure.
Prints median and p90 per target, the ratio to the minimal app measured in the same run, and a summary table.
--one-figure adds, for each page, bench/one_figure_app: the minimal app drawing that page's own β figure (same
builder, same defaults) instead of its one-line chart. It splits a page's ratio into what its figure costs and
what the rest of the page (its other controls, charts, metrics and formulas) costs. --paragraphs N ... adds the
minimal app's chart with N fixed markdown paragraphs below it: how the cost grows with the elements on a page.
'afterplot' = keydown -> Plotly's `plotly_afterplot` event of a chart in the page (in-page drawing time).
Goals (issue 14): drag >= 90 % on the pages; key step ratio <= 0.6. Never a pass/fail: the exit code is 0.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._server import REPO, launch_browser, start_server  # noqa: E402

MINIMAL = REPO / "bench" / "minimal_app"
ONE_FIGURE = REPO / "bench" / "one_figure_app"
FIGURE_OF_PAGE = {"swish": "swish", "glu": "heatmap", "gradients": "derivatives"}  # the figure β redraws first
SECTION_SLIDER = {"gradients": "depth", "glu": "dff"}  # --sections: a slider of a section below β's charts

_INSTRUMENT = """
() => {
  if (window.__lat) return;
  const L = window.__lat = {armed: false, tKey: 0, tChart: 0, tDone: 0, tRun: 0, base: ''};
  const sig = () => {
    const parts = [];
    for (const gd of document.querySelectorAll('.js-plotly-plot')) {
      let s = '';
      for (const el of gd.querySelectorAll('.mlayer path, .mlayer image')) s += (el.getAttribute('d') || '') + '|' +
        (el.getAttribute('href') || '').length + ';';
      if (s) parts.push(s);
    }
    return parts.join('#');
  };
  L.sig = sig;
  L.hooked = new WeakSet();
  L.hook = () => { for (const gd of document.querySelectorAll('.js-plotly-plot')) {
    if (L.hooked.has(gd) || typeof gd.on !== 'function') continue;
    L.hooked.add(gd);
    gd.on('plotly_afterplot', () => { if (L.armed && L.tKey && !L.tPlot) L.tPlot = performance.now(); });
  } };
  L.hook();
  // the drag measure: pointer moves and chart changes, time-stamped in the page
  L.moves = []; L.changes = []; L.dragging = false; L.last = '';
  document.addEventListener('pointermove', () => { if (L.dragging) L.moves.push(performance.now()); }, true);
  document.addEventListener('keydown', () => { if (L.armed && !L.tKey) L.tKey = performance.now(); }, true);
  new MutationObserver(records => {
    L.hook();
    if (L.dragging) { const now = performance.now(), s = sig(); if (s !== L.last) { L.last = s; L.changes.push(now); } }
    if (!L.armed || !L.tKey) return;
    const now = performance.now();
    const app = document.querySelector('[data-testid="stApp"]');
    if (!L.tRun && app && app.dataset.testScriptState === 'notRunning' && L.sawRun) L.tRun = now;
    if (app && app.dataset.testScriptState === 'running') L.sawRun = true;
    let inChart = false;
    for (const r of records) {
      const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      if (el && el.closest && el.closest('.js-plotly-plot')) { inChart = true; break; }
      for (const n of r.addedNodes || []) {
        if (n.nodeType === 1 && n.querySelector && n.querySelector('.js-plotly-plot')) { inChart = true; break; }
      }
    }
    if (!inChart) return;
    L.tDone = now;
    if (!L.tChart && sig() !== L.base) L.tChart = now;
  }).observe(document.body, {subtree: true, childList: true, attributes: true,
                             attributeFilter: ['d', 'href', 'data-test-script-state']});
}
"""

_ARM = """() => { const L = window.__lat; L.base = L.sig(); L.tKey = 0; L.tChart = 0; L.tDone = 0; L.tRun = 0;
                  L.tPlot = 0; L.sawRun = false; L.armed = true; }"""

_SETTLED = """
([quietMs, needChart]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.dataset.testScriptState !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stStatusWidget"], [data-stale="true"], [data-testid="stSkeleton"]')) {
    return false;
  }
  if (needChart && !document.querySelector('.js-plotly-plot .mlayer path, .js-plotly-plot .mlayer image')) return false;
  return performance.now() - window.__quiet > quietMs;
}
"""

_QUIET = """
() => { if (window.__quietObs) return; window.__quiet = performance.now();
  window.__quietObs = new MutationObserver(() => { window.__quiet = performance.now(); });
  window.__quietObs.observe(document.documentElement, {subtree: true, childList: true, attributes: true,
                                                       characterData: true}); }
"""


@dataclass
class Target:
    name: str
    base: str
    path: str
    diagnostic: bool = False  # a --one-figure, --paragraphs or --sections target: no goal of its own
    slider_label: str = ""  # press this slider (a Streamlit slider's label) instead of the first that redraws
    page: object = None
    slider: int = 0
    key: str = "ArrowRight"
    note: str = ""
    note_text: str = ""  # the page's "in preparation" text, if it can show one
    chart_ms: list[float] = field(default_factory=list)
    plot_ms: list[float] = field(default_factory=list)  # keydown -> plotly_afterplot
    drag: list[float] = field(default_factory=list)  # share of pointer moves followed by a redraw, per drag
    done_ms: list[float] = field(default_factory=list)
    run_ms: list[float] = field(default_factory=list)
    misses: int = 0
    warm_ms: list[float] = field(default_factory=list)  # the warm-up presses (after the first), not counted


def settle(page, timeout=20_000):
    page.evaluate(_QUIET)
    page.wait_for_function(_SETTLED, arg=[200, True], timeout=timeout, polling=20)


def press_once(t: Target, timeout=10_000) -> tuple[float, float, float] | None:
    page = t.page
    s = page.get_by_role("slider").nth(t.slider)
    value, hi, lo = s.input_value(), s.get_attribute("max"), s.get_attribute("min")
    if t.key == "ArrowRight" and float(value) >= float(hi):
        t.key = "ArrowLeft"
    elif t.key == "ArrowLeft" and float(value) <= float(lo):
        t.key = "ArrowRight"
    if not s.evaluate("e => e === document.activeElement"):
        s.focus()
    page.evaluate(_ARM)
    page.keyboard.press(t.key)
    try:
        page.wait_for_function("() => window.__lat.tChart > 0", timeout=timeout, polling=20)
    except Exception:  # noqa: BLE001 - a press that redrew no chart: counted as a miss
        page.evaluate("() => { window.__lat.armed = false; }")
        settle(page)
        return None
    settle(page)
    r = page.evaluate("() => { const L = window.__lat; L.armed = false; "
                      "return [L.tChart - L.tKey, L.tDone - L.tKey, L.tRun ? L.tRun - L.tKey : NaN, "
                      "L.tPlot ? L.tPlot - L.tKey : NaN]; }")
    page.wait_for_timeout(50)
    return r[0], r[1], r[2], r[3]


def drag_once(t: Target, moves: int = 40, step_px: int = 3, pause_ms: int = 40) -> float | None:
    """Press on the slider's thumb, move the pointer `moves` times by `step_px`, `pause_ms` apart, release: the
    share of moves after which the chart changed before the next move (or, for the last, within `pause_ms`)."""
    page = t.page
    s = page.get_by_role("slider").nth(t.slider)
    box = s.bounding_box()
    if box is None:
        return None
    if s.evaluate("e => e.tagName === 'INPUT'"):  # a native range: the thumb sits at the value's fraction
        lo, hi, v = (float(s.get_attribute("min")), float(s.get_attribute("max")), float(s.input_value()))
        frac = (v - lo) / (hi - lo) if hi > lo else 0.5
        thumb = max(8.0, min(box["width"] - 8.0, 8 + frac * (box["width"] - 16)))
        x, y = box["x"] + thumb, box["y"] + box["height"] / 2
    else:  # st.slider: the role=slider element is the thumb itself
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    direction = -1 if x + moves * step_px > page.viewport_size["width"] - 20 else 1
    page.evaluate("() => { const L = window.__lat; L.moves = []; L.changes = []; L.last = L.sig(); "
                  "L.dragging = true; }")
    page.mouse.move(x, y)
    page.mouse.down()
    for i in range(1, moves + 1):
        page.mouse.move(x + direction * step_px * i, y)
        page.wait_for_timeout(pause_ms)
    r = page.evaluate("() => { const L = window.__lat; L.dragging = false; return [L.moves, L.changes]; }")
    page.mouse.up()
    settle(page)
    times, changes = r
    if not times:
        return None
    ends = [*times[1:], times[-1] + pause_ms]
    hit = sum(any(a < c <= b for c in changes) for a, b in zip(times, ends, strict=True))
    return hit / len(times)


def open_target(browser, t: Target) -> bool:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    t.page = ctx.new_page()
    t.page.goto(t.base + t.path, wait_until="domcontentloaded")
    t.page.wait_for_selector('[data-testid="stApp"]', timeout=60_000)
    try:
        t.page.wait_for_selector(".js-plotly-plot .mlayer path", state="attached", timeout=30_000)
    except Exception:  # noqa: BLE001
        pass
    t.page.evaluate(_QUIET)
    try:
        t.page.wait_for_function(_SETTLED, arg=[300, False], timeout=30_000, polling=50)
    except Exception:  # noqa: BLE001
        pass
    if t.page.locator('[data-testid="stException"]').count():
        t.note = "skipped: the page shows an exception"
        return False
    text = t.page.locator("body").inner_text()
    if t.note_text and t.note_text in text:
        t.note = "skipped: page in preparation"
        return False
    n = t.page.get_by_role("slider").count()
    if n == 0 or not t.page.locator(".js-plotly-plot").count():
        t.note = "skipped: no slider or no chart"
        return False
    t.page.evaluate(_INSTRUMENT)
    if t.slider_label:  # a section's own slider (--sections)
        el = t.page.locator('[data-testid="stSlider"]', has_text=t.slider_label).get_by_role("slider").first
        t.slider = t.page.get_by_role("slider").evaluate_all("(els, el) => els.indexOf(el)", el.element_handle())
        if t.slider >= 0 and press_once(t) is not None:
            return True
        t.note = f"skipped: no slider {t.slider_label!r} that redraws a chart"
        return False
    # the first slider whose key press redraws a chart (also a warm-up press)
    for i in range(n):
        t.slider = i
        if press_once(t) is not None:
            return True
    t.note = "skipped: no slider redraws a chart"
    return False


def sync_minimal_config() -> None:
    """The baselines must run with the project's config: compare the parsed TOML, refresh a copy that drifted."""
    import shutil
    import tomllib

    src = REPO / ".streamlit" / "config.toml"
    for app in (MINIMAL, ONE_FIGURE):
        dst = app / ".streamlit" / "config.toml"
        if not dst.exists() or tomllib.loads(src.read_text()) != tomllib.loads(dst.read_text()):
            dst.parent.mkdir(exist_ok=True)
            shutil.copyfile(src, dst)
            print(f"note: copied {src.relative_to(REPO)} to {dst.relative_to(REPO)} (the baseline's config drifted)")


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    k = (len(xs) - 1) * q
    f = int(k)
    c = min(f + 1, len(xs) - 1)
    return xs[f] + (xs[c] - xs[f]) * (k - f)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--presses", type=int, default=24, help="measured presses per target (>= 20)")
    ap.add_argument("--rounds", type=int, default=4, help="round-robin rounds the presses are split into")
    ap.add_argument("--warmup", type=int, default=20,
                    help="presses per target before the measured ones (their median is shown as 'warm-up')")
    ap.add_argument("--pages", nargs="+", default=["swish", "glu", "gradients"])
    ap.add_argument("--one-figure", action="store_true",
                    help="also measure each page's own β figure alone in the minimal app (bench/one_figure_app)")
    ap.add_argument("--paragraphs", nargs="*", type=int, default=[],
                    help="also measure the minimal app's chart with this many fixed paragraphs below it")
    ap.add_argument("--drags", type=int, default=3, help="drags of 40 pointer moves per target")
    ap.add_argument("--sections", action="store_true",
                    help="also press a section's own slider: /gradients depth, /glu d_ff (what Page.live's inner "
                         "parts used to rerun alone)")
    ap.add_argument("--before", type=Path, default=None,
                    help="also measure the pages of this checkout of the app (targets marked 'before')")
    args = ap.parse_args(argv)

    sync_minimal_config()
    from playwright.sync_api import sync_playwright

    print(f"load average before start: {os.getloadavg()[0]:.2f} (cpus: {os.cpu_count()})")
    app = start_server("app.py", cwd=REPO)
    servers = [app]
    try:
        servers.append(start_server("app.py", cwd=MINIMAL))
        targets = [Target("minimal app", servers[1].url, "/")]
        for n in args.paragraphs:
            servers.append(start_server("app.py", cwd=ONE_FIGURE, env={"SWIGLU_BENCH_PARAGRAPHS": str(n)}))
            targets.append(Target(f"  + {n} paras", servers[-1].url, "/", diagnostic=True))
        from swiglu.i18n import t as tr

        prep = tr("common.in_preparation", "en")
        before = None
        if args.before is not None:
            servers.append(start_server("app.py", cwd=args.before))
            before = servers[-1]
        for p in args.pages:
            targets.append(Target(f"/{p}", app.url, f"/{p}?lang=en", note_text=prep))
            if before is not None:
                targets.append(Target(f"/{p} before", before.url, f"/{p}?lang=en", note_text=prep))
            if args.sections and p in SECTION_SLIDER:
                label = tr(f"set.{SECTION_SLIDER[p]}", "en")
                for server, tag in ((app, ""), (before, " bef.")):
                    if server is not None:
                        targets.append(Target(f"  {SECTION_SLIDER[p]}{tag}", server.url, f"/{p}?lang=en",
                                              diagnostic=True, slider_label=label, note_text=prep))
            if args.one_figure and p in FIGURE_OF_PAGE:
                servers.append(start_server("app.py", cwd=ONE_FIGURE, env={"SWIGLU_BENCH_FIGURE": FIGURE_OF_PAGE[p]}))
                targets.append(Target("  its figure", servers[-1].url, "/", diagnostic=True))
        with sync_playwright() as pw:
            browser = launch_browser(pw)
            active = []
            for t in targets:
                if open_target(browser, t):
                    for _ in range(args.warmup - 1):
                        r = press_once(t)
                        if r is not None:
                            t.warm_ms.append(r[0])
                    active.append(t)
                else:
                    print(f"{t.name}: {t.note}")
            per_round = -(-args.presses // args.rounds)
            for _ in range(args.rounds):
                for t in active:
                    for _ in range(per_round):
                        if len(t.chart_ms) >= args.presses:
                            break
                        r = press_once(t)
                        if r is None:
                            t.misses += 1
                        else:
                            t.chart_ms.append(r[0])
                            t.done_ms.append(r[1])
                            if r[2] == r[2]:  # not NaN
                                t.run_ms.append(r[2])
                            if r[3] == r[3]:
                                t.plot_ms.append(r[3])
            for _ in range(args.drags):
                for t in active:
                    if not t.diagnostic:
                        share = drag_once(t)
                        if share is not None:
                            t.drag.append(share)
            browser.close()
    finally:
        for server in servers:
            server.stop()

    base = targets[0]
    base_med = statistics.median(base.chart_ms) if base.chart_ms else float("nan")
    base_p90 = pct(base.chart_ms, 0.9) if base.chart_ms else float("nan")
    print()
    print("key press -> chart updated (ms), measured in the page. 'run end' = the script run finished (the app's")
    print("status went back to idle); 'done' = last chart mutation before the app settled.")
    print("'warm-up' = median of the unmeasured presses: the browser's JIT optimises Plotly's drawing code only after")
    print("some redraws (a heavy chart took 55-75 ms for its first presses, ~35 ms later); a dragged slider is warm.")
    hdr = (f"{'target':<14}{'n':>4}{'median':>9}{'p90':>9}{'run end':>9}{'done med':>10}{'warm-up':>9}{'afterplot':>10}"
           f"{'ratio med':>11}{'ratio p90':>11}{'drag':>7}  goal")
    print(hdr)
    print("-" * len(hdr))
    for t in targets:
        if not t.chart_ms:
            print(f"{t.name:<14}{'':>4}{t.note or 'no data'}")
            continue
        med, p90 = statistics.median(t.chart_ms), pct(t.chart_ms, 0.9)
        ratio, ratio90 = med / base_med, p90 / base_p90
        drag = statistics.mean(t.drag) if t.drag else float("nan")
        goal = "" if t is base or t.diagnostic else ("met" if ratio <= 0.6 and drag >= 0.9 else "not met")
        miss = f" ({t.misses} presses redrew nothing)" if t.misses else ""
        run_end = statistics.median(t.run_ms) if t.run_ms else float("nan")
        warm = statistics.median(t.warm_ms) if t.warm_ms else float("nan")
        plot = statistics.median(t.plot_ms) if t.plot_ms else float("nan")
        print(f"{t.name:<14}{len(t.chart_ms):>4}{med:>9.1f}{p90:>9.1f}{run_end:>9.1f}"
              f"{statistics.median(t.done_ms):>10.1f}{warm:>9.1f}{plot:>10.1f}{ratio:>11.2f}{ratio90:>11.2f}"
              f"{drag:>7.0%}  {goal}{miss}")
    if args.paragraphs:
        print("'+ N paras' = the minimal app with N fixed markdown paragraphs below its chart (bench/one_figure_app).")
    if args.sections:
        print("'depth', 'dff' = /gradients' depth slider and /glu's d_ff slider ('bef.': the --before checkout).")
    if args.one_figure:
        print("'its figure' = the page's own β figure drawn alone in the minimal app (bench/one_figure_app): its")
        print("ratio is what the figure costs; the rest of the page's ratio is what its other elements cost.")
    print("'drag' = share of 40 pointer moves (3 px, 40 ms apart) followed by a new chart state before the next move")
    print(f"goal: drag >= 90 % and key-step ratio <= 0.6; load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
