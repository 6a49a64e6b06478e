"""A whole class at once: the real server driven over Streamlit's WebSocket protocol (bench/ws_client.py).

    python bench/load.py [--storm 60] [--trainers 10] [--train-seconds 75] [--ttl 15]
    python bench/load.py --trainers 60 --train-mix --train-window 5 ...   # a class presses Train (issue 17)

Loopback only (127.0.0.1, a server this script starts on a free port and stops); every loop is bounded in count
and time, and the whole run ends by itself (about 4 minutes on 2 cores). Phases:

0. cold join storm: `--cold-storm` sessions open /swish on the freshly started server at the same moment (a
   class arriving as the teacher starts the server: the first runs also import torch and plotly), then leave;
   one session runs a short training job to its end (what the first job loads once). Once all these sessions
   expired, the server's RSS is the *baseline* (warmed, no session). A fresh process is
   smaller (no torch yet); both are printed.
1. join storm on the warmed server: `--storm` sessions open /swish at the same moment; time to first paint =
   from the HTTP GET to the first chart delta on the socket (a plotly_chart or the live plot: what a browser
   needs to draw the chart).
2. class activity: the storm sessions stay connected and each moves its β slider every ~`--active-every` s
   for `--active-seconds` s, while a probe session moves β every 0.5 s (interaction latency = from sending the
   rerun to script_finished).
3. training: `--trainers` new sessions open /train (with `--train-mix`, a class's own settings) and click
   `train_start` at once (or within `--train-window` s), then keep polling like the
   page (the client answers the fragment's auto_rerun, which also keeps job.touch() going), while the storm
   sessions sit idle and the probe keeps moving β. The pool's scheduler advances every admitted job in every
   round (issue 17; no queue below 64 jobs): reported are click → running with its step-0 point, click → first
   trained point (progress > 0) and click → finished.
3b. class mode (bench/class_phase.py): `--class-students` students join a class and answer the teacher's
   question within `--class-spread` s while the teacher's chart polls and the probe moves β: answers committed
   vs sent, the teacher's chart delay, the probe.
4. everyone leaves; after the server's `disconnectedSessionTTL` (`--ttl`, shortened from 120 s so the run stays
   short) and one no-op session (a disconnect is what makes the session store drop expired entries), memory
   is measured, and again `--settle` s later (with runner.postScriptGC off, expired sessions wait for Python's
   own cyclic GC): goal, back within 10 % of the baseline.

Goals printed next to the figures (not asserted: a benchmark on a shared machine): probe p95 ≤ 1.5 s, zero
errors, memory back within 10 %. Errors = failed connections or waits, exceptions shown by the app, protocol
errors, sockets the server closed, and tracebacks in the server log.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import platform
import random
import re
import shutil
import string
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._server import Server, start_server  # noqa: E402
from bench.class_phase import run_class  # noqa: E402
from bench.ws_client import StreamlitSession, percentile  # noqa: E402
from swiglu.i18n import t  # noqa: E402

CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
PROBE_BETAS = (0.5, 1.5, 2.5, 4.0, 1.0, 3.0)
GOAL_PROBE_P95 = 1.5
GOAL_MEMORY = 0.10


# ---------------------------------------------------------------- the server process tree, via /proc
def _children(root: int) -> list[int]:
    parent: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                parent[int(entry)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, frontier = [root], [root]
    while frontier:
        kids = [p for p, pp in parent.items() if pp in frontier]
        tree += kids
        frontier = kids
    return tree


def rss_mb(root: int) -> float:
    """Resident memory of the server and its children (MB, from /proc/<pid>/statm)."""
    total = 0
    for pid in _children(root):
        try:
            with open(f"/proc/{pid}/statm") as f:
                total += int(f.read().split()[1]) * PAGE_SIZE
        except (OSError, IndexError, ValueError):
            continue
    return total / 2**20


def cpu_seconds(root: int) -> float:
    """utime + stime of the server and its children (s)."""
    total = 0
    for pid in _children(root):
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15 of stat)
        except (OSError, IndexError, ValueError):
            continue
    return total / CLK_TCK


class MemorySampler:
    """Samples the server's RSS every 0.25 s while running; keeps the peak."""

    def __init__(self, pid: int):
        self.pid, self.peak, self._task = pid, 0.0, None

    async def _loop(self) -> None:
        while True:
            self.peak = max(self.peak, rss_mb(self.pid))
            await asyncio.sleep(0.25)

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass


# ---------------------------------------------------------------- results
@dataclass
class Errors:
    """Every failure seen by a client, by phase; the summary groups equal messages."""

    items: list[tuple[str, str, str]] = field(default_factory=list)  # (phase, where, what)
    phase: str = ""

    def add(self, where: str, what: object) -> None:
        self.items.append((self.phase, where, str(what)[:400]))

    def collect(self, sessions: list[StreamlitSession]) -> None:
        for s in sessions:
            for e in s.stats.exceptions:
                self.add(s.name, f"the page shows an exception: {e}")
            for e in s.stats.protocol_errors:
                self.add(s.name, f"protocol: {e}")

    def count(self, phase: str | None = None) -> int:
        return sum(1 for p, _, _ in self.items if phase is None or p == phase)

    def summary(self) -> list[str]:
        groups: dict[tuple[str, str], list[str]] = {}
        for phase, where, what in self.items:
            key = re.sub(r"\d+(\.\d+)?", "N", what)[:160]
            groups.setdefault((phase, key), []).append(where)
        return [f"[{phase}] {len(w)}x {key} (e.g. {w[0]})" for (phase, key), w in groups.items()]


def server_errors(log: str) -> list[str]:
    """The last line of each traceback in the server log (the exception), counted."""
    counts: dict[str, int] = {}
    lines = log.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("Traceback"):
            j = i + 1
            while j < len(lines) and (lines[j].startswith(" ") or not lines[j].strip()):
                j += 1
            exc = lines[j].strip() if j < len(lines) else "?"
            counts[exc[:200]] = counts.get(exc[:200], 0) + 1
    return [f"{n}x {exc}" for exc, n in counts.items()]


@dataclass
class Report:
    rows: list[tuple[str, str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def row(self, what: str, value: str, goal: str = "") -> None:
        self.rows.append((what, value, goal))
        print(f"  {what}: {value}" + (f"   [{goal}]" if goal else ""), flush=True)

    def table(self) -> str:
        w0 = max(len(r[0]) for r in self.rows)
        w1 = max(len(r[1]) for r in self.rows)
        lines = [f"{'measure':<{w0}}  {'value':<{w1}}  goal / check", "-" * (w0 + w1 + 30)]
        lines += [f"{a:<{w0}}  {b:<{w1}}  {c}" for a, b, c in self.rows]
        return "\n".join(lines)


def fmt_s(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.2f} s"


def dist(values: list[float]) -> str:
    if not values:
        return "no data"
    return (f"p50 {percentile(values, 50):.2f} s, p95 {percentile(values, 95):.2f} s, "
            f"max {max(values):.2f} s (n={len(values)})")  # fmt: skip


# ---------------------------------------------------------------- phases
def describe(s: StreamlitSession) -> str:
    """What a failed session had seen, for the error list."""
    st = s.stats
    texts = "; ".join(t[:40] for t in s.texts()[:3])
    return (f"ws_open={fmt_s(st.ws_open)} first_msg={fmt_s(st.first_message)} chart={fmt_s(st.first_chart)} "
            f"msgs={st.messages} full_runs={st.full_runs} closed={s.closed_by_server} shows: {texts}")


async def open_session(port: int, path: str, query: str, name: str, timeout: float,
                       errors: Errors) -> StreamlitSession | None:  # fmt: skip
    s = StreamlitSession(port, path, query, name=name)
    try:
        await s.connect(timeout=timeout)
        await s.wait_finished(s.stats.connect_started, timeout)
        return s
    except Exception as e:  # noqa: BLE001 - every failure is a counted error
        errors.add(f"open {name}", f"{type(e).__name__}: {e} [{describe(s)}]")
        await s.close()
        return None


async def storm(port: int, n: int, timeout: float, errors: Errors,
                name: str = "storm") -> tuple[list[StreamlitSession], list[float]]:  # fmt: skip
    """n sessions open /swish at once; returns the live sessions and their first-paint times."""
    start = asyncio.Event()

    async def one(i: int) -> StreamlitSession | None:
        await start.wait()
        s = StreamlitSession(port, "/swish", "lang=en" if i % 2 else "lang=zh", name=f"{name}{i}")
        try:
            await s.connect(timeout=timeout)
            await s.wait_first_chart(timeout)
            await s.wait_finished(s.stats.connect_started, timeout)
            return s
        except Exception as e:  # noqa: BLE001
            errors.add(f"{name}{i}", f"{type(e).__name__}: {e} [{describe(s)}]")
            await s.close()
            return None

    tasks = [asyncio.create_task(one(i)) for i in range(n)]
    await asyncio.sleep(0.05)
    start.set()
    sessions = [s for s in await asyncio.gather(*tasks) if s is not None]
    paints = [s.stats.first_chart for s in sessions if s.stats.first_chart is not None]
    return sessions, paints


async def probe_loop(probe: StreamlitSession, stop: asyncio.Event, every: float, lat: list[float],
                     errors: Errors, timeout: float = 30.0) -> None:  # fmt: skip
    """Move β every `every` s (or right after the previous run if it took longer) until stop is set."""
    slider = probe.widget(key="live.swish.beta")
    i = 0
    while not stop.is_set():
        t0 = time.perf_counter()
        i += 1
        try:
            r = await probe.set_value(slider, PROBE_BETAS[i % len(PROBE_BETAS)], timeout=timeout)
            lat.append(r.seconds)
        except Exception as e:  # noqa: BLE001
            errors.add("probe", f"{type(e).__name__}: {e}")
            return
        rest = every - (time.perf_counter() - t0)
        if rest > 0:
            try:
                await asyncio.wait_for(stop.wait(), rest)
            except TimeoutError:
                pass


async def class_activity(sessions: list[StreamlitSession], seconds: float, every: float, errors: Errors,
                         lat: list[float]) -> None:  # fmt: skip
    """Each session moves its β slider at random moments, on average every `every` s, for `seconds`."""
    deadline = time.perf_counter() + seconds
    rng = random.Random(0)

    async def student(s: StreamlitSession, seed: float) -> None:
        slider = s.widget(key="live.swish.beta")
        await asyncio.sleep(seed * every)
        while time.perf_counter() < deadline:
            try:
                r = await s.set_value(slider, rng.choice(PROBE_BETAS), timeout=60)
                lat.append(r.seconds)
            except Exception as e:  # noqa: BLE001
                errors.add(f"active {s.name}", f"{type(e).__name__}: {e}")
                return
            await asyncio.sleep(rng.uniform(0.5, 1.5) * every)

    await asyncio.gather(*(student(s, rng.random()) for s in sessions))


# ---------------------------------------------------------------- training (pages/train.py, ui/training.py)
def text_pattern(key: str, lang: str = "en") -> re.Pattern[str]:
    """A regex for the catalogue text `key`: its {placeholders} become capture groups."""
    parts = []
    for literal, name, _, _ in string.Formatter().parse(t(key, lang)):
        parts.append(re.escape(literal))
        if name is not None:
            parts.append(r"(\d+)" if name in ("pos", "step", "steps", "total") else "(.+?)")
    return re.compile("".join(parts), re.S)


ENDED_KEYS = ("train.done", "train.paused", "train.stale", "train.shutdown", "train.budget", "train.failed")


@dataclass
class TrainView:
    """What the /train page shows about the session's job (read from the elements, as a student would)."""

    button_enabled: bool | None  # train_start clickable (None: no such button)
    progress: int | None  # the progress bar's percent (None: no job shown)
    position: int | None  # "number {pos} in the queue" (None: not queued)
    ended: str | None  # "done", "paused", "stale", ... (None: no end message)

    @property
    def active(self) -> bool:
        return self.progress is not None and self.button_enabled is False and self.ended is None

    @property
    def finished(self) -> bool:
        """The page says the job ended (done, paused, stopped ...). Not asked: that train_start is enabled
        again, which the page decides in a separate read of the job (see the load tests' notes)."""
        return self.progress is not None and self.ended is not None


def train_view(s: StreamlitSession, lang: str = "en") -> TrainView:
    try:
        enabled: bool | None = not s.widget(key="train_start").proto.disabled
    except KeyError:
        enabled = None
    bars = s.view(["progress"])
    alerts = [p.body for _, _, p in s.view(["alert"])]
    queued = text_pattern("train.queued", lang)
    position = next((int(m.group(1)) for a in alerts if (m := queued.search(a))), None)
    ended = next((k.split(".")[1] for k in ENDED_KEYS for a in alerts if text_pattern(k, lang).search(a)), None)
    return TrainView(enabled, bars[-1][2].value if bars else None, position, ended)


@dataclass
class Trainer:
    session: StreamlitSession
    clicked: float = 0.0
    started: float | None = None  # first time the page showed the job running (not queued)
    trained: float | None = None  # first time the progress bar moved: a trained curve point
    ended: float | None = None  # the page showed an end message
    outcome: str | None = None
    positions: list[int] = field(default_factory=list)  # queue positions shown, in order
    feed_requests: int = 0  # requests to the training feed (serve.py), as the chart's loop makes them


async def follow_feed(tr: Trainer, errors: Errors) -> None:
    """The browser's chart loop (ui/live_plot.js feedTick): while the page shows a feed, fetch the new records
    every `every` ms and count them as drawn; when the job ended or a record does not fit, ask for the redraw.
    The first record past step 0 is the first trained curve point the student sees."""
    s, seen, counts = tr.session, None, []
    while tr.ended is None and not s.closed_by_server:
        got = s.feed()
        if got is None:
            await asyncio.sleep(0.1)
            continue
        w, fed = got
        wait = fed["every"]
        if w.proto is not seen:  # a new figure from the server: its counts
            seen, counts = w.proto, list(fed["counts"])
            if all(c <= 1 for c in counts):  # nothing trained yet: asked again soon (live_plot.js FIRST_ASK_MS)
                wait = min(150, wait)
        await asyncio.sleep(wait / 1000)
        try:
            body = await s.feed_get(fed["url"], counts)
        except Exception as e:  # noqa: BLE001
            errors.add(f"feed {s.name}", f"{type(e).__name__}: {e}")
            continue
        tr.feed_requests += 1
        now = s.feed()
        if body is None or now is None or now[0].proto is not seen or body["from"] != counts:
            continue
        runs = body["runs"]
        counts = [c + (len(r["step"]) if r else 0) for c, r in zip(counts, runs, strict=True)]
        if tr.trained is None and any(r and any(step > 0 for step in r["step"]) for r in runs):
            tr.trained = time.perf_counter()
        diverged = any(r and "diverged" in r["status"] for r in runs)
        if diverged or body["status"] not in ("queued", "running"):
            await s.redraw(w)
            while (now := s.feed()) is not None and now[0].proto is seen and tr.ended is None:
                await asyncio.sleep(0.1)  # the redraw's run replaces the figure (or ends the feed)


def mix_queries(n: int, seed: int = 0) -> list[str]:
    """A class's links (issue 17): half the defaults, the rest with their own data set, variants, learning rate,
    width and seed, as bench/class_train.py's mix (same choices, as URL settings of /train)."""
    from bench.class_train import class_mix

    out = []
    for cfgs in class_mix(n, steps=1000, seed=seed):
        c = cfgs[0]
        if [x.variant for x in cfgs] == ["relu", "swiglu"] and c == type(c)(variant="relu", steps=1000):
            out.append("lang=en")
        else:
            out.append(f"lang=en&dataset={c.dataset}&lr={c.lr:g}&twidth={c.width}&seed={c.seed}"
                       f"&variants={','.join(x.variant for x in cfgs)}")  # fmt: skip
    return out


async def training(port: int, n: int, seconds: float, timeout: float, errors: Errors,
                   report: Report, mix: bool = False, window: float = 0.0) -> list[Trainer]:  # fmt: skip
    """n sessions open /train, click train_start (at the same moment, or spread over `window` seconds) and keep
    polling (the client follows the fragments' auto_rerun like the browser) until every job ended or `seconds`
    passed. mix: the class's own settings (mix_queries) instead of everyone on the defaults."""
    queries = mix_queries(n) if mix else ["lang=en"] * n
    opened = await asyncio.gather(*(open_session(port, "/train", q, f"train{i}", timeout, errors)
                                    for i, q in enumerate(queries)))  # fmt: skip
    trainers = [Trainer(s) for s in opened if s is not None]
    if not trainers:
        return []
    if not trainers[0].session.has_widget("train_start"):
        report.notes.append("training phase skipped: pages/train.py shows no `train_start` button yet")
        await asyncio.gather(*(tr.session.close() for tr in trainers))
        return []

    rng = random.Random(1)
    delays = [rng.uniform(0, window) for _ in trainers]

    async def click(tr: Trainer, delay: float) -> None:
        await asyncio.sleep(delay)
        tr.clicked = time.perf_counter()
        try:
            await tr.session.click(tr.session.widget(key="train_start"), timeout=timeout)
        except Exception as e:  # noqa: BLE001
            errors.add(f"click {tr.session.name}", f"{type(e).__name__}: {e} [{describe(tr.session)}]")

    feeds = [asyncio.create_task(follow_feed(tr, errors)) for tr in trainers]
    await asyncio.gather(*(click(tr, d) for tr, d in zip(trainers, delays, strict=True)))
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline and any(tr.ended is None for tr in trainers):
        now = time.perf_counter()
        for tr in trainers:
            if tr.ended is not None:
                continue
            v = train_view(tr.session)
            if v.position is not None and (not tr.positions or tr.positions[-1] != v.position):
                tr.positions.append(v.position)
            if tr.started is None and v.progress is not None and v.position is None:
                tr.started = now
            if tr.trained is None and (v.progress or 0) > 0:
                tr.trained = now
            if v.finished:
                tr.ended, tr.outcome = now, v.ended
        await asyncio.sleep(0.1)
    for task in feeds:
        task.cancel()
    await asyncio.gather(*feeds, return_exceptions=True)
    return trainers


# ---------------------------------------------------------------- main
async def run(args: argparse.Namespace, server: Server, report: Report) -> None:
    pid, port = server.proc.pid, server.port
    errors = Errors()
    timeout = args.timeout
    cold = rss_mb(pid)
    sampler = MemorySampler(pid)
    sampler.start()

    report.row("machine load average at start (1 min; 2 cores here)", f"{os.getloadavg()[0]:.1f}")
    report.row("server RSS, fresh process", f"{cold:.0f} MB")

    print(f"phase 0: cold join storm, {args.cold_storm} sessions open /swish on the fresh server at once, "
          "then leave; one short training job warms /train", flush=True)  # fmt: skip
    errors.phase = "cold storm"
    if args.cold_storm:
        cold_sessions, cold_paints = await storm(port, args.cold_storm, timeout, errors, "cold")
        errors.collect(cold_sessions)
        report.row("cold join storm (fresh server): first paint", dist(cold_paints) +
                   f", {len(cold_paints)}/{args.cold_storm} painted")  # fmt: skip
        await asyncio.gather(*(s.close() for s in cold_sessions))
    else:
        await noop_session(port, timeout, errors)
    await warm_training(port, timeout, errors)
    await asyncio.sleep(args.ttl + 2)
    await noop_session(port, timeout, errors)
    await asyncio.sleep(1)
    baseline = rss_mb(pid)
    report.row("server RSS, baseline (warmed, no session)", f"{baseline:.0f} MB")

    cold_tracebacks = server.log_text().count("Traceback")
    report.row("cold join storm: errors (client / server tracebacks)",
               f"{errors.count('cold storm')} / {cold_tracebacks}", "goal 0")
    errors.phase = "warm"
    print(f"phase 1: join storm, {args.storm} sessions open /swish at once", flush=True)
    cpu0, t1 = cpu_seconds(pid), time.perf_counter()
    sessions, paints = await storm(port, args.storm, timeout, errors, "storm")
    storm_wall, storm_cpu = time.perf_counter() - t1, cpu_seconds(pid) - cpu0
    errors.collect(sessions)
    after_storm = rss_mb(pid)
    report.row("join storm (warm server): sessions with first paint", f"{len(paints)} / {args.storm}")
    report.row("join storm (warm server): time to first paint", dist(paints))
    report.row("join storm: wall / server CPU", f"{storm_wall:.1f} s / {storm_cpu:.1f} s "
               f"({1000 * storm_cpu / max(1, len(sessions)):.0f} ms CPU per session)")  # fmt: skip
    report.row("server RSS with the storm's sessions", f"{after_storm:.0f} MB "
               f"({(after_storm - baseline) / max(1, len(sessions)):+.1f} MB per session)")  # fmt: skip

    probe = await open_session(port, "/swish", "lang=en", "probe", timeout, errors)
    idle_lat: list[float] = []
    if probe is not None:
        stop = asyncio.Event()
        task = asyncio.create_task(probe_loop(probe, stop, 0.5, idle_lat, errors))
        await asyncio.sleep(args.idle_probe_seconds)
        stop.set()
        await task
        report.row(f"probe, {len(sessions)} idle sessions connected", dist(idle_lat),
                   f"goal p95 ≤ {GOAL_PROBE_P95} s")  # fmt: skip

    active_lat: list[float] = []
    probe_active: list[float] = []
    if args.active_seconds > 0 and sessions and probe is not None:
        print(f"phase 2: class activity, {len(sessions)} sessions move β every ~{args.active_every:g} s "
              f"for {args.active_seconds:g} s", flush=True)  # fmt: skip
        cpu0, t2 = cpu_seconds(pid), time.perf_counter()
        stop = asyncio.Event()
        task = asyncio.create_task(probe_loop(probe, stop, 0.5, probe_active, errors))
        await class_activity(sessions, args.active_seconds, args.active_every, errors, active_lat)
        stop.set()
        await task
        wall = time.perf_counter() - t2
        report.row(f"probe, {len(sessions)} sessions active (β every ~{args.active_every:g} s)", dist(probe_active),
                   f"goal p95 ≤ {GOAL_PROBE_P95} s")  # fmt: skip
        report.row("class activity: their own slider→finished", dist(active_lat))
        report.row("class activity: reruns/s, server CPU share",
                   f"{len(active_lat) / wall:.1f}/s, {(cpu_seconds(pid) - cpu0) / wall:.0%} of a core "
                   f"({1000 * (cpu_seconds(pid) - cpu0) / max(1, len(active_lat) + len(probe_active)):.0f} ms "
                   "CPU per rerun)")  # fmt: skip

    print(f"phase 3: {args.trainers} sessions start training on /train at once; probe moves β every 0.5 s",
          flush=True)  # fmt: skip
    train_lat: list[float] = []
    before_train = rss_mb(pid)
    cpu0, t3 = cpu_seconds(pid), time.perf_counter()
    trainers: list[Trainer] = []
    if probe is not None:
        stop = asyncio.Event()
        task = asyncio.create_task(probe_loop(probe, stop, 0.5, train_lat, errors))
        trainers = await training(port, args.trainers, args.train_seconds, timeout, errors, report,
                                  mix=args.train_mix, window=args.train_window)
        stop.set()
        await task
    train_wall, train_cpu = time.perf_counter() - t3, cpu_seconds(pid) - cpu0
    peak_train = sampler.peak
    if trainers:
        errors.collect([t.session for t in trainers])
        done = [t for t in trainers if t.ended is not None]
        waits = [t.started - t.clicked for t in trainers if t.started is not None]
        runs = [t.ended - t.started for t in done if t.started is not None]
        report.row(f"probe, {len(sessions)} idle + {len(trainers)} training", dist(train_lat),
                   f"goal p95 ≤ {GOAL_PROBE_P95} s")  # fmt: skip
        outcomes = {}
        for tr in done:
            outcomes[tr.outcome] = outcomes.get(tr.outcome, 0) + 1
        report.row("training: jobs finished", f"{len(done)} / {len(trainers)} within {train_wall:.0f} s "
                   f"({', '.join(f'{k}: {v}' for k, v in outcomes.items()) or 'none'})")  # fmt: skip
        report.row("training: click→running (queue, if any)", dist(waits))
        report.row("training: click→first trained point", dist([t.trained - t.clicked for t in trainers if t.trained]))
        report.row("training: click→finished", dist([t.ended - t.clicked for t in done]))
        report.row("training: run time per job (running→finished)", dist(runs))
        first_pos = sorted(tr.positions[0] for tr in trainers if tr.positions)
        report.row("training: queue positions first shown", ", ".join(f"#{p}" for p in first_pos) or "none seen")
        moved = sum(1 for tr in trainers if len(tr.positions) > 1 and tr.positions == sorted(tr.positions)[::-1])
        report.row("training: sessions whose position counted down", f"{moved} / {len(trainers)}")
        frag = sum(tr.session.stats.fragment_runs for tr in trainers) / len(trainers)
        asked = sum(tr.session.stats.auto_reruns_sent for tr in trainers) / len(trainers)
        report.row("training: fragment reruns per trainer", f"{frag:.0f} finished, {asked:.0f} asked (run_every)")
        report.row("training: server CPU", f"{train_cpu:.1f} s in {train_wall:.1f} s "
                   f"({train_cpu / max(train_wall, 1e-9):.0%} of one core; 2 cores = 200 %)")  # fmt: skip
        report.row("server RSS with the trainers", f"{rss_mb(pid):.0f} MB "
                   f"({(rss_mb(pid) - before_train) / len(trainers):+.1f} MB per training session)")  # fmt: skip
    elif train_lat:
        report.row(f"probe, {len(sessions)} idle (no training)", dist(train_lat), f"goal p95 ≤ {GOAL_PROBE_P95} s")

    await class_mode(args, port, probe, report, errors)

    print("phase 4: everyone leaves", flush=True)
    everyone = sessions + [t.session for t in trainers] + ([probe] if probe else [])
    errors.collect([probe] if probe else [])
    for s in everyone:
        if s.closed_by_server is not None:
            errors.add(s.name, f"socket closed by the server: {s.closed_by_server}")
    await asyncio.gather(*(s.close() for s in everyone))
    await sampler.stop()
    peak = max(sampler.peak, peak_train)
    await asyncio.sleep(args.ttl + 3)
    await noop_session(port, timeout, errors)
    await asyncio.sleep(2)
    after_1 = rss_mb(pid)
    await asyncio.sleep(args.settle)  # Python's cyclic GC (postScriptGC is off) frees the expired sessions later
    await noop_session(port, timeout, errors)
    await asyncio.sleep(2)
    after = rss_mb(pid)
    back = (after - baseline) / baseline
    report.row("server RSS: baseline / peak / after leaving (+TTL, +settle)",
               f"{baseline:.0f} / {peak:.0f} / {after_1:.0f}, {after:.0f} MB",
               f"after within {GOAL_MEMORY:.0%} of baseline: {'yes' if back <= GOAL_MEMORY else 'NO'} "
               f"({back:+.1%})")  # fmt: skip
    n_all = len(everyone)
    report.row("memory per connected session (peak − baseline) / sessions",
               f"{(peak - baseline) / max(1, n_all):.1f} MB ({n_all} sessions)")  # fmt: skip

    report.row("machine load average at the end (1 min)", f"{os.getloadavg()[0]:.1f}")
    all_lat = idle_lat + probe_active + train_lat
    report.row("probe, all phases", dist(all_lat), f"goal p95 ≤ {GOAL_PROBE_P95} s")
    warm_tracebacks = server.log_text().count("Traceback") - cold_tracebacks
    report.row("errors after the cold storm (client / server tracebacks)",
               f"{errors.count('warm')} / {warm_tracebacks}", "goal 0")  # fmt: skip
    report.notes += ["error: " + e for e in errors.summary()[:30]]
    report.notes += ["server log: " + e for e in server_errors(server.log_text())]
    report.notes.append(f"server log: {server.log}")


async def class_mode(args: argparse.Namespace, port: int, probe: StreamlitSession | None, report: Report,
                     errors: Errors) -> None:  # fmt: skip
    """Phase 3b: a class answers the teacher's question at once (bench/class_phase.py), the probe moving β."""
    if args.class_students <= 0:
        return
    print(f"phase 3b: class mode, {args.class_students} students join and answer within {args.class_spread:g} s "
          "while the teacher's chart polls; probe moves β every 0.5 s", flush=True)  # fmt: skip
    errors.phase = "warm"
    lat: list[float] = []
    stop = asyncio.Event()
    task = asyncio.create_task(probe_loop(probe, stop, 0.5, lat, errors)) if probe is not None else None
    cpu0, t0 = cpu_seconds(args.server_pid), time.perf_counter()
    res = await run_class(port, args.class_students, args.class_spread, args.timeout, args.db_url)
    wall, cpu = time.perf_counter() - t0, cpu_seconds(args.server_pid) - cpu0
    stop.set()
    if task is not None:
        await task
    for e in res.errors:
        errors.add("class", e)
    lost = None if res.committed is None else res.sent - res.committed
    report.row("class: joined / answers sent (saw Submitted) / committed in the database",
               f"{res.joined} / {res.sent} / {res.committed}", f"goal: lost = 0 ({'yes' if lost == 0 else 'NO'})")
    report.row("class: submit click → Submitted", dist(res.submit_latency))
    report.row("class: one more session clicking Submit 100/s: clicks sent / runs the server did",
               f"{res.spam_clicks} / {res.spam_runs}", "rate limit: 8 at once, then 4/s reach the database")
    report.row("class: teacher's chart delay (Submitted → teacher's count)", dist(res.teacher_delay),
               "goal p95 ≤ 2 s")  # fmt: skip
    report.row("class: teacher's chart polls, server CPU", f"{res.teacher_polls} polls; {cpu:.1f} s CPU in "
               f"{wall:.1f} s ({cpu / max(wall, 1e-9):.0%} of one core)")  # fmt: skip
    report.row(f"probe, {args.class_students} students in class mode", dist(lat), f"goal p95 ≤ {GOAL_PROBE_P95} s")


async def warm_training(port: int, timeout: float, errors: Errors) -> None:
    """One short training job to its end, so that the baseline includes what the first job loads once
    (torch.optim, autograd, plotly's heatmap and curve figure code), not only what /swish needs."""
    s = await open_session(port, "/train", "lang=en&steps=100", "warm-train", timeout, errors)
    if s is None or not s.has_widget("train_start"):
        if s is not None:
            await s.close()
        return
    try:
        await s.click(s.widget(key="train_start"), timeout=timeout)
        await s.wait_for(lambda: train_view(s).finished, timeout)
    except Exception as e:  # noqa: BLE001
        errors.add("warm-train", f"{type(e).__name__}: {e} [{describe(s)}]")
    await s.close()


async def noop_session(port: int, timeout: float, errors: Errors) -> None:
    """Open and close one session: a disconnect makes the session store drop its expired entries."""
    s = await open_session(port, "/", "lang=en", "noop", timeout, errors)
    if s is not None:
        await s.close()


def main(argv: list[str] | None = None) -> Report:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cold-storm", type=int, default=60, help="sessions joining the fresh server (0 = one; max 200)")
    ap.add_argument("--storm", type=int, default=60, help="sessions in the join storm (max 200)")
    ap.add_argument("--trainers", type=int, default=10, help="sessions that train at once (max 60)")
    ap.add_argument("--train-mix", action="store_true", help="the trainers use a class's mix of settings (issue 17)")
    ap.add_argument("--train-window", type=float, default=0.0, help="the trainers click within this many s (max 30)")
    ap.add_argument("--train-seconds", type=float, default=75.0, help="how long to follow the jobs (max 240)")
    ap.add_argument("--active-seconds", type=float, default=20.0, help="class activity phase (0 = skip; max 120)")
    ap.add_argument("--active-every", type=float, default=5.0, help="each active student moves β this often (s)")
    ap.add_argument("--idle-probe-seconds", type=float, default=8.0, help="probe with idle sessions (max 60)")
    ap.add_argument("--ttl", type=int, default=15, help="server.disconnectedSessionTTL for this run (s, max 130)")
    ap.add_argument("--settle", type=float, default=20.0, help="second wait before the last memory reading (max 60)")
    ap.add_argument("--timeout", type=float, default=90.0, help="per connection / per run (s)")
    ap.add_argument("--class-students", type=int, default=60, help="class mode phase (0 = skip; max 200)")
    ap.add_argument("--class-spread", type=float, default=10.0, help="students answer within this many s")
    args = ap.parse_args(argv)
    # bounded by construction: no option can make the run unbounded
    args.storm = max(1, min(args.storm, 200))
    args.cold_storm = max(0, min(args.cold_storm, 200))
    args.trainers = max(0, min(args.trainers, 60))
    args.train_window = max(0.0, min(args.train_window, 30.0))
    args.train_seconds = max(5.0, min(args.train_seconds, 240.0))
    args.active_seconds = max(0.0, min(args.active_seconds, 120.0))
    args.active_every = max(0.5, args.active_every)
    args.idle_probe_seconds = max(1.0, min(args.idle_probe_seconds, 60.0))
    args.ttl = max(1, min(args.ttl, 130))
    args.timeout = max(5.0, min(args.timeout, 180.0))
    args.settle = max(0.0, min(args.settle, 60.0))
    args.class_students = max(0, min(args.class_students, 200))
    args.class_spread = max(0.0, min(args.class_spread, 60.0))

    report = Report()
    print(f"SwiGLU Lab load bench, {dt.datetime.now():%Y-%m-%d %H:%M}, {platform.node()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}", flush=True)  # fmt: skip
    data_dir = tempfile.mkdtemp(prefix="swiglu-load-")  # class mode's SQLite file, thrown away afterwards
    args.db_url = f"sqlite:///{data_dir}/classroom.sqlite3"
    server = start_server("serve.py", extra_args=("--server.disconnectedSessionTTL", str(args.ttl)),
                          env={"SWIGLU_DATA_DIR": data_dir})
    args.server_pid = server.proc.pid
    print(f"server pid {server.proc.pid} on 127.0.0.1:{server.port}, ready in {server.ready - server.started:.1f} s; "
          f"disconnectedSessionTTL={args.ttl} s (default 120)", flush=True)  # fmt: skip
    t0 = time.perf_counter()
    try:
        asyncio.run(asyncio.wait_for(run(args, server, report), timeout=600))
    finally:
        server.stop()
        shutil.rmtree(data_dir, ignore_errors=True)
    print(f"\nsummary ({time.perf_counter() - t0:.0f} s, storm={args.storm}, trainers={args.trainers}, "
          f"machine: {os.cpu_count()} cores, {platform.machine()})")  # fmt: skip
    print(report.table())
    for n in report.notes:
        print("  " + n)
    return report


if __name__ == "__main__":
    main()
