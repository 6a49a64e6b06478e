"""Faults a classroom produces, against the real server on a free loopback port, through Streamlit's WebSocket
protocol (bench/ws_client.py) and only through what the /train page shows (no debug endpoint):

- a student who clicks Train several times in quick succession starts exactly one job;
- a tab closed mid-training has its job cancelled by the pool's watchdog (no heartbeat for 15 s), and the
  server's CPU falls back to idle within ~20 s;
- with the pool full, the next student is queued and the page shows the queue position, and starts as soon as
  a place is free.

The scheduler advances every admitted job in every round (issue 17), and only past its admission cap (64 jobs,
SWIGLU_MAX_ACTIVE_JOBS) do jobs queue. This server is started with a cap of 1, so that two students are
enough to fill it. The tests make jobs long (all eight variants, 10 000 steps: the pool's 120 s budget stops
them long after each test ended) and end them with the Pause button, so the place is free for the next test.
"""

from __future__ import annotations

import asyncio
import sys
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench._server import start_server  # noqa: E402
from bench.load import cpu_seconds, train_view  # noqa: E402
from bench.ws_client import StreamlitSession  # noqa: E402
from swiglu.ffn import VARIANTS  # noqa: E402

LONG_JOB = f"lang=en&variants={','.join(VARIANTS)}&steps=10000"  # minutes of work: never ends by itself here


pytestmark = [pytest.mark.slow]


@pytest.fixture(scope="module")
def server():
    srv = start_server(env={"SWIGLU_MAX_ACTIVE_JOBS": "1"})  # a full server with two students
    try:
        yield srv
    finally:
        srv.stop()


def run(coro, timeout: float = 90.0):
    """Run the coroutine in its own thread and event loop: earlier tests in the same pytest process (the
    Playwright sync API of the browser suite) may leave a running loop in the main thread."""
    box: dict = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(asyncio.wait_for(coro, timeout))
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
            box["error"] = exc

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(timeout + 30)
    if "error" in box:
        raise box["error"]
    return box.get("value")


async def open_train(port: int, name: str, query: str = LONG_JOB) -> StreamlitSession:
    s = StreamlitSession(port, "/train", query, name=name)
    await s.connect(timeout=60)
    await s.wait_finished(s.stats.connect_started, 60)
    assert s.has_widget("train_start"), s.texts()
    return s


async def wait_view(s: StreamlitSession, ok, timeout: float, what: str):
    """Poll the page (the client keeps following the fragments meanwhile) until ok(view) holds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        v = train_view(s)
        if ok(v):
            return v
        await asyncio.sleep(0.1)
    raise AssertionError(f"{s.name}: not {what} within {timeout:.0f} s; view={train_view(s)}; shows {s.texts()[-8:]}")


def running(v) -> bool:
    return v.active and v.position is None


async def pause(s: StreamlitSession) -> None:
    """Press Pause (frees the worker) and wait until the page shows the job ended. Only the end message is
    awaited: pages/train.py reads job.active once for the buttons and again for the polling fragment, so a
    job that ends between the two reads leaves Train disabled and nothing polling (reported to the lead)."""
    await s.click(s.widget(key="train_stop"))
    await wait_view(s, lambda v: v.ended is not None, 20, "paused")


def test_repeated_clicks_start_one_job(server):
    async def go():
        a = await open_train(server.port, "clicker")
        b = await open_train(server.port, "next")
        try:
            button = a.widget(key="train_start")
            for _ in range(5):  # five clicks before the first rerun could disable the button
                await a.click(button, wait=False)
            sent = time.perf_counter()
            await a.wait_finished(sent, 30, fragment=True)  # Train reruns its panel only
            await wait_view(a, running, 30, "running")
            assert len(a.view(["progress"])) == 1, a.texts()  # one job on the page
            assert a.widget(key="train_start").proto.disabled, a.texts()  # and the button is off while it runs
            # The pool's view: one job ahead of the next student, so the next one is number 1 in the queue.
            await b.click(b.widget(key="train_start"))
            v = await wait_view(b, lambda v: v.position is not None or running(v), 20, "queued")
            assert v.position == 1, f"five clicks made more than one job: the next student is #{v.position}"
            await pause(a)
            await wait_view(b, running, 30, "running after the first job paused")
            await pause(b)
        finally:
            await a.close()
            await b.close()

    run(go())


def test_closed_tab_frees_the_worker(server):
    async def go():
        pid = server.proc.pid
        a = await open_train(server.port, "closer")
        await a.click(a.widget(key="train_start"))
        await wait_view(a, lambda v: running(v) and (v.progress or 0) > 0, 30, "training")
        sid = a.session_id
        await a.close()  # the tab closes: no more fragment reruns, so no more job.touch()
        closed = time.monotonic()
        # CPU over 1-s windows: the worker keeps training until the watchdog sees 15 s without a heartbeat
        # (+ up to 1 s for its next look). On this shared machine a busy worker may get only a fraction of a
        # core, so "still training" is proven below by the page's stop reason, not by a CPU threshold.
        rates: list[tuple[float, float]] = []
        last_c, last_t = cpu_seconds(pid), time.monotonic()
        while time.monotonic() - closed < 20.5:
            await asyncio.sleep(1.0)
            c, now = cpu_seconds(pid), time.monotonic()
            rates.append((now - closed, (c - last_c) / (now - last_t)))
            last_c, last_t = c, now
        trace = ", ".join(f"{t:.0f}s:{r:.0%}" for t, r in rates)
        tail = [r for t, r in rates if t > 17.5]
        assert tail and sum(tail) / len(tail) < 0.10, f"server CPU not idle 17-20 s after the tab closed: {trace}"
        # The same session, reopened (a browser reconnecting within disconnectedSessionTTL), says why it stopped.
        b = StreamlitSession(server.port, "/train", LONG_JOB, name="reopened")
        await b.connect(timeout=60, existing_session_id=sid)
        await b.wait_finished(b.stats.connect_started, 60)
        try:
            assert b.session_id == sid, "the server did not restore the closed tab's session"
            v = await wait_view(b, lambda v: v.ended is not None, 10, "showing the end of the job")
            assert v.ended == "stale", f"expected the watchdog's 'stale' stop, page says {v.ended}: {b.texts()[-6:]}"
            # and the worker is free: a new job starts at once, without queueing
            await b.click(b.widget(key="train_start"))
            await wait_view(b, running, 15, "running without a queue")
            await pause(b)
        finally:
            await b.close()

    run(go(), timeout=150)


def test_full_pool_queues_with_position(server):
    async def go():
        a = await open_train(server.port, "first")
        b = await open_train(server.port, "second")
        try:
            await a.click(a.widget(key="train_start"))
            await wait_view(a, running, 30, "running")
            await b.click(b.widget(key="train_start"))
            v = await wait_view(b, lambda v: v.position is not None, 15, "queued")
            assert v.position == 1 and v.active, f"{v}; the page shows {b.texts()[-6:]}"
            assert any("number 1 in the queue" in text for text in b.texts()), b.texts()
            await asyncio.sleep(1.0)  # still queued while the first job runs (the page keeps polling)
            assert train_view(b).position == 1, f"{train_view(b)}; the page shows {b.texts()[-6:]}"
            assert running(train_view(a)), f"{train_view(a)}; the first page shows {a.texts()[-6:]}"
            await pause(a)  # the worker is free: the queued job starts by itself
            await wait_view(b, running, 20, "running after the queue")
            await pause(b)
        finally:
            await a.close()
            await b.close()

    run(go())
