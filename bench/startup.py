"""Start-up: server start -> first chart visible in a fresh browser, the app against the minimal Streamlit app.

    python bench/startup.py [--repeats 3] [--path "/swish?lang=en"] [--until chart|paint] [--before DIR]

Each repeat, for the app and for bench/minimal_app in turn (interleaved, so load from other processes on the
machine hits both alike): launch a fresh Chromium (not timed), then t0 = just before `streamlit run` is spawned;
wait for /_stcore/health; open the page in a new context; t1 = when a Plotly chart has drawn trace data
(a `path` in a trace layer) and is visible. The app is opened at a deep link (default /swish?lang=en, the way a
shared link arrives, so the first request after the start runs into the pages/ legacy-mode rerun like a student's
would); the minimal app at /. Reports the medians of: health (server up), first chart, and the ratio app/minimal
of the first-chart times (goal <= 1.3). --before DIR adds another checkout of the app (e.g. `git archive` of the
commit before a change), interleaved the same way. Never a pass/fail: the exit code is 0 whenever it ran.
`--until paint` stops the clock at the first paint of the page's content instead (its h1 title, the minimal app's
slider), for a page without a chart such as the home page (`--path "/?lang=en" --until paint`).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._server import REPO, launch_browser, start_server  # noqa: E402
from bench.latency import MINIMAL, sync_minimal_config  # noqa: E402

_CHART_DRAWN = """
() => { for (const gd of document.querySelectorAll('.js-plotly-plot')) {
  const r = gd.getBoundingClientRect();
  if (r.width > 0 && r.height > 0 && gd.querySelector('.mlayer path, .mlayer image')) return true; }
  return false; }
"""


_PAINTED = """
() => { const el = document.querySelector('[data-testid="stMain"] h1, [data-testid="stMain"] [data-testid="stSlider"]');
  if (!el) return false; const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; }
"""


def one_run(pw, cwd: Path, path: str, until: str = "chart") -> tuple[float, float]:
    browser = launch_browser(pw)  # a fresh browser: empty cache, fresh profile
    try:
        server = start_server("app.py", cwd=cwd)
        try:
            health = server.ready - server.started
            ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
            page = ctx.new_page()
            page.goto(server.url + path, wait_until="commit")
            page.wait_for_function(_PAINTED if until == "paint" else _CHART_DRAWN, timeout=120_000, polling="raf")
            chart = time.perf_counter() - server.started
            if page.locator('[data-testid="stException"]').count():
                print(f"  note: {cwd.name}{path} shows an exception")
            ctx.close()
        finally:
            server.stop()
    finally:
        browser.close()
    return health, chart


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--path", default="/swish?lang=en", help="the app page to open first")
    ap.add_argument("--until", choices=("chart", "paint"), default="chart",
                    help="stop at the first chart drawn (default) or at the first paint of the page's content")
    ap.add_argument("--before", type=Path, default=None, help="also measure this checkout of the app ('before')")
    args = ap.parse_args(argv)
    sync_minimal_config()
    from playwright.sync_api import sync_playwright

    print(f"load average before start: {os.getloadavg()[0]:.2f} (cpus: {os.cpu_count()})")
    targets = [("app", REPO, args.path), ("minimal app", MINIMAL, "/")]
    if args.before is not None:
        targets.insert(1, ("before", args.before, args.path))
    results: dict[str, list[tuple[float, float]]] = {name: [] for name, _, _ in targets}
    with sync_playwright() as pw:
        for i in range(args.repeats):
            for name, cwd, path in targets:
                h, c = one_run(pw, cwd, path, args.until)
                results[name].append((h, c))
                print(f"  run {i + 1} {name:<12} health {h * 1000:7.0f} ms   first chart {c * 1000:7.0f} ms")

    med = {k: (statistics.median(h for h, _ in v), statistics.median(c for _, c in v)) for k, v in results.items()}
    base = med["minimal app"][1]
    print()
    what = "first chart visible" if args.until == "chart" else "first paint of the page's content"
    print(f"server start -> {what}, median of {args.repeats} (app opened at {args.path})")
    hdr = f"{'target':<14}{'health ms':>11}{'chart ms':>10}{'ratio':>8}  goal"
    print(hdr)
    print("-" * len(hdr))
    for name in ["minimal app", *(n for n in results if n != "minimal app")]:
        h, c = med[name]
        goal = "" if name == "minimal app" else ("met" if c / base <= 1.3 else "not met")
        print(f"{name:<14}{h * 1000:>11.0f}{c * 1000:>10.0f}{c / base:>8.2f}  {goal}")
    print(f"goal: ratio <= 1.3; load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
