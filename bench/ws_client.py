"""A minimal client of Streamlit 1.67's WebSocket protocol, for load benchmarks and fault tests.

It does what the browser's frontend does on the wire, without rendering anything:

1. `GET <page>` over HTTP (a browser loads the page first; the response sets the `_streamlit_xsrf` cookie).
2. Opens `ws://host:port/_stcore/stream` with `Sec-WebSocket-Protocol: streamlit, <xsrf cookie value>` (the
   frontend passes the XSRF cookie as the second "subprotocol" and, on a reconnect, the last session id as the
   third; the server selects the first), a same-origin `Origin` and the cookie.
3. Sends `BackMsg.rerun_script` with a `ClientState`: the query string (without "?"), `page_name` = the URL path
   relative to the app's base ("swish") and an empty `page_script_hash` for the first run; later runs send the
   current page's `page_script_hash` (from `new_session`, then from the `navigation` message: with
   st.navigation the page is only known once the script picked it) and an empty `page_name`, like the frontend.
4. Reads `ForwardMsg`s (binary protobuf frames): `new_session`, `delta` (new_element / add_block, placed by
   `metadata.delta_path`), `page_info_changed` (the new query string), `script_finished`, `auto_rerun` /
   `stop_auto_rerun` (a fragment's `run_every`), `session_status_changed`, ...

Message cache: the server replaces a large `new_element` delta by a `ref_hash` reference only when the client
listed that hash in `ClientState.cached_message_hashes`. This client never lists any, so it always receives
whole messages (a `ref_hash` would be counted as a protocol error).

Fragments: `st.fragment(run_every=…)` makes the server send `auto_rerun{interval, fragment_id}` once; the
*client* then sends `rerun_script{fragment_id, is_auto_rerun}` (with the current widget states) every interval,
as the frontend's setInterval does, until `stop_auto_rerun` or the next full run's `new_session`. So a page that
polls a training job keeps polling only while its client keeps sending; a closed tab stops it.

Widget states follow the frontend's widget manager: every rendered widget's current value is sent with every
rerun (default, or the server's value when it sets `set_value`, or the value this client set); a button click is
a one-shot `trigger_value` on top of them.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates
from websockets.asyncio.client import connect as ws_connect

XSRF_COOKIE = "_streamlit_xsrf"
FINISHED = ForwardMsg.ScriptFinishedStatus
FULL_RUN_DONE = {FINISHED.FINISHED_SUCCESSFULLY, FINISHED.FINISHED_WITH_COMPILE_ERROR}
FRAGMENT_RUN_DONE = FINISHED.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
TEXT_KINDS = ("markdown", "text", "alert", "heading", "caption", "code", "progress", "metric", "exception")


class ProtocolError(RuntimeError):
    """Something a browser would not accept (or not expect) came over the socket."""


async def http_get(host: str, port: int, path: str, cookies: dict[str, str] | None = None,
                   timeout: float = 30.0) -> tuple[int, dict[str, str], bytes]:  # fmt: skip
    """A plain HTTP/1.1 GET on loopback with asyncio streams; returns (status, cookies set, body)."""
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    try:
        head = [f"GET {path} HTTP/1.1", f"Host: {host}:{port}", "Connection: close", "Accept: text/html"]
        if cookies:
            head.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items()))
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode())
        await writer.drain()
        raw = await asyncio.wait_for(reader.read(), timeout)
    finally:
        writer.close()
        with contextlib.suppress(Exception):
            await writer.wait_closed()
    header, _, body = raw.partition(b"\r\n\r\n")
    lines = header.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    set_cookies: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "set-cookie":
            k, _, v = value.strip().split(";", 1)[0].partition("=")
            set_cookies[k.strip()] = v.strip()
    return status, set_cookies, body


@dataclass
class Widget:
    id: str
    kind: str  # the Element oneof name: "slider", "button", "button_group", ...
    label: str
    proto: Any
    fragment_id: str = ""


@dataclass
class ElementView:
    kind: str
    proto: Any
    fragment_id: str
    seen_in: int  # the run counter when this element was last written


@dataclass
class RunResult:
    status: int  # ForwardMsg.ScriptFinishedStatus
    seconds: float  # from the send to script_finished


@dataclass
class SessionStats:
    connect_started: float = 0.0  # perf_counter before the HTTP GET
    ws_open: float | None = None  # seconds from connect_started
    first_message: float | None = None
    first_chart: float | None = None  # first plotly_chart delta = first paint of a chart
    first_finish: float | None = None  # first successful full script_finished
    messages: int = 0
    bytes: int = 0
    full_runs: int = 0
    fragment_runs: int = 0
    auto_reruns_sent: int = 0
    exceptions: list[str] = field(default_factory=list)  # st.exception elements the app rendered
    protocol_errors: list[str] = field(default_factory=list)


def _widget_state(w: Widget, current: WidgetState | None) -> WidgetState | None:
    """The state the frontend's widget manager holds for this widget after it rendered `w.proto`:
    the server's value when it says set_value, else what the user (this client) set, else the default."""
    p = w.proto
    set_value = getattr(p, "set_value", False)
    if current is not None and not set_value:
        return current
    ws = WidgetState(id=w.id)
    if w.kind == "slider":
        ws.double_array_value.data.extend(p.value if set_value else p.default)
    elif w.kind == "checkbox":
        ws.bool_value = p.value if set_value else p.default
    elif w.kind in ("text_input", "text_area"):
        if set_value:
            if not p.HasField("value"):
                return None
            ws.string_value = p.value
        elif p.HasField("default"):
            ws.string_value = p.default
        else:
            return None
    elif w.kind in ("radio", "selectbox"):
        if set_value and p.HasField("raw_value"):
            ws.string_value = p.raw_value
        elif not set_value and p.HasField("default") and 0 <= p.default < len(p.options):
            ws.string_value = p.options[p.default]
        else:
            return None
    elif w.kind == "multiselect":
        ws.string_array_value.data.extend(
            p.raw_values if set_value else [p.options[i] for i in p.default if i < len(p.options)]
        )
    elif w.kind == "button_group":
        ws.string_array_value.data.extend(
            p.raw_values if set_value else [p.options[i].content for i in p.default if i < len(p.options)]
        )
    elif w.kind == "number_input":
        ws.double_value = p.value if set_value else p.default
    else:  # buttons (one-shot triggers), charts with selections, ...: no standing state
        return None
    return ws


class StreamlitSession:
    """One browser tab: connect, run, change widgets, click buttons, follow fragments. asyncio only.

    All times are time.perf_counter() seconds. Use as `async with StreamlitSession(...) as s:` or call
    connect()/close(). `follow_auto_rerun=False` acts like a frozen tab (the server still holds the session).
    """

    def __init__(self, port: int, path: str = "/", query: str = "", host: str = "127.0.0.1",
                 locale: str = "en-US", follow_auto_rerun: bool = True, name: str = ""):  # fmt: skip
        self.host, self.port = host, port
        self.path = "/" + path.strip("/")
        self.query = query.lstrip("?")
        self.locale = locale
        self.follow_auto_rerun = follow_auto_rerun
        self._releases = 0  # release ids sent to live plots (each release carries a new one)
        self.name = name or self.path
        self.stats = SessionStats()
        self.session_id = ""
        self.page_script_hash = ""
        self.widgets: dict[str, Widget] = {}
        self.states: dict[str, WidgetState] = {}
        self.elements: dict[tuple[int, ...], ElementView] = {}
        self.closed_by_server: str | None = None
        self.on_message: Callable[[ForwardMsg], None] | None = None
        self._ws = None
        self._reader: asyncio.Task | None = None
        self._autoruns: dict[str, asyncio.Task] = {}
        self._run_counter = 0
        self._cond = asyncio.Condition()
        self._finishes: list[tuple[float, int, tuple[str, ...]]] = []  # (time, status, fragment ids)
        self._chart_event = asyncio.Event()
        self._page_name_pending = True

    # ---- life cycle ----
    async def __aenter__(self) -> StreamlitSession:
        await self.connect()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def connect(self, timeout: float = 60.0, first_run: bool = True, existing_session_id: str = "") -> None:
        """GET the page (for the XSRF cookie), open the WebSocket, and send the first rerun_script.
        existing_session_id: reconnect to that server session (the frontend's third subprotocol entry), as a
        browser does after a network blip; the server restores it if it is within disconnectedSessionTTL."""
        self.stats.connect_started = t0 = time.perf_counter()
        self.closed_by_server = None
        page = self.path + (f"?{self.query}" if self.query else "")
        status, cookies, _ = await http_get(self.host, self.port, page, timeout=timeout)
        if status != 200:
            raise ProtocolError(f"GET {page} answered {status}")
        xsrf = cookies.get(XSRF_COOKIE, "")
        origin = f"http://{self.host}:{self.port}"
        headers = {"Origin": origin}
        if cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        protocols = ["streamlit", xsrf or "PLACEHOLDER_AUTH_TOKEN"]
        if existing_session_id:
            protocols.append(existing_session_id)
        self._ws = await asyncio.wait_for(
            ws_connect(f"ws://{self.host}:{self.port}/_stcore/stream", subprotocols=protocols,
                       additional_headers=headers, max_size=None, open_timeout=timeout,
                       ping_interval=None),  # fmt: skip
            timeout,
        )
        if self._ws.subprotocol != "streamlit":
            raise ProtocolError(f"server selected subprotocol {self._ws.subprotocol!r}")
        self.stats.ws_open = time.perf_counter() - t0
        self._reader = asyncio.create_task(self._read_loop(), name=f"reader {self.name}")
        if first_run:
            await self.rerun()

    async def reconnect(self, timeout: float = 60.0) -> None:
        """Close the socket (if open) and open a new one to the same server session, then rerun the page
        (what the frontend does after a dropped connection)."""
        sid = self.session_id
        await self.close()
        await self.connect(timeout, first_run=True, existing_session_id=sid)

    async def close(self) -> None:
        """Close the tab: stop polling fragments and close the WebSocket (the server keeps the session for
        server.disconnectedSessionTTL, as for a real closed tab)."""
        for task in self._autoruns.values():
            task.cancel()
        self._autoruns.clear()
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._ws.close(), 5)
            self._ws = None
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader
            self._reader = None

    # ---- sending ----
    def _client_state(self, fragment_id: str = "", auto: bool = False, trigger: str | None = None) -> BackMsg:
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query
        if self._page_name_pending:  # the first run names the page by its URL path, like the frontend
            cs.page_name = self.path.strip("/")
            cs.page_script_hash = ""
        else:
            cs.page_script_hash = self.page_script_hash
        cs.fragment_id = fragment_id
        cs.is_auto_rerun = auto
        ci = cs.context_info
        ci.timezone, ci.timezone_offset, ci.locale = "UTC", 0, self.locale
        ci.url = f"http://{self.host}:{self.port}{self.path}" + (f"?{self.query}" if self.query else "")
        ci.is_embedded, ci.color_scheme = False, "light"
        states: WidgetStates = cs.widget_states
        for wid, st in self.states.items():
            if wid in self.widgets and wid != trigger:
                states.widgets.append(st)
        if trigger is not None:
            states.widgets.append(WidgetState(id=trigger, trigger_value=True))
        # cached_message_hashes stays empty: the server then never sends ref_hash references.
        return msg

    async def _send(self, msg: BackMsg) -> float:
        if self._ws is None:
            raise ProtocolError("not connected")
        t = time.perf_counter()
        await self._ws.send(msg.SerializeToString())
        return t

    async def rerun(self, fragment_id: str = "", auto: bool = False, trigger: str | None = None) -> float:
        """Send one rerun_script; returns the send time."""
        return await self._send(self._client_state(fragment_id, auto, trigger))

    async def heartbeat(self) -> None:
        msg = BackMsg()
        msg.app_heartbeat = True
        await self._send(msg)

    # ---- waiting ----
    async def wait_finished(self, after: float, timeout: float = 30.0, fragment: bool = False) -> RunResult:
        """Wait for a successful script_finished that arrived after `after`: of a full run, or with `fragment`, of
        a fragment run or a full run (a click inside a fragment whose callback calls st.rerun() reruns the app)."""
        want = {FRAGMENT_RUN_DONE, *FULL_RUN_DONE} if fragment else FULL_RUN_DONE

        def found() -> tuple[float, int, tuple[str, ...]] | None:
            for f in self._finishes:
                if f[0] >= after and f[1] in want:
                    return f
            return None

        async with self._cond:
            try:
                await asyncio.wait_for(self._cond.wait_for(lambda: found() is not None or self._dead()), timeout)
            except TimeoutError:
                raise TimeoutError(f"{self.name}: no script_finished within {timeout:.0f} s") from None
            hit = found()
        if hit is None:
            raise ProtocolError(f"{self.name}: connection closed ({self.closed_by_server})")
        return RunResult(hit[1], hit[0] - after)

    async def wait_for(self, predicate: Callable[[], bool], timeout: float = 30.0) -> None:
        """Wait until predicate() holds (checked after each incoming message)."""
        async with self._cond:
            await asyncio.wait_for(self._cond.wait_for(lambda: predicate() or self._dead()), timeout)
        if not predicate():
            raise ProtocolError(f"{self.name}: connection closed ({self.closed_by_server})")

    async def wait_first_chart(self, timeout: float = 60.0) -> float:
        """Seconds from connect() to the first plotly_chart delta (first paint of the page's chart)."""
        await asyncio.wait_for(self._chart_event.wait(), timeout)
        assert self.stats.first_chart is not None
        return self.stats.first_chart

    def _dead(self) -> bool:
        return self.closed_by_server is not None

    # ---- interaction ----
    def widget(self, key: str | None = None, label: str | None = None, kind: str | None = None) -> Widget:
        """Find a rendered widget by its user key (the id ends with "-<key>"), its label, and/or its kind."""
        hits = [
            w for w in self.widgets.values()
            if (key is None or w.id.endswith(f"-{key}")) and (label is None or w.label == label)
            and (kind is None or w.kind == kind)
        ]  # fmt: skip
        if len(hits) != 1:
            raise KeyError(f"{self.name}: {len(hits)} widgets match key={key!r} label={label!r} kind={kind!r}")
        return hits[0]

    def has_widget(self, key: str) -> bool:
        return any(w.id.endswith(f"-{key}") for w in self.widgets.values())

    async def set_value(self, w: Widget, value: Any, timeout: float = 30.0) -> RunResult:
        """Change a widget as a user would (one rerun with all widget states) and wait for the run to finish."""
        ws = WidgetState(id=w.id)
        if w.kind == "slider":
            ws.double_array_value.data.extend(value if isinstance(value, list | tuple) else [float(value)])
        elif w.kind == "checkbox":
            ws.bool_value = bool(value)
        elif w.kind in ("text_input", "text_area", "radio", "selectbox"):
            ws.string_value = str(value)
        elif w.kind in ("multiselect", "button_group"):
            ws.string_array_value.data.extend(str(v) for v in value)
        elif w.kind == "number_input":
            ws.double_value = float(value)
        elif w.kind == "bidi_component":  # the live plot's slider let go (ui/live_plot.js `send`), a fresh id each
            self._releases += 1
            ws.json_value = json.dumps({"value": {"v": float(value), "n": self._releases}})
        else:
            raise ValueError(f"cannot set a {w.kind}")
        self.states[w.id] = ws
        sent = await self.rerun(fragment_id=w.fragment_id)
        return await self.wait_finished(sent, timeout, fragment=bool(w.fragment_id))

    def feed(self, key: str = "train_curves") -> tuple[Widget, dict] | None:
        """The training feed a live chart was given (ui/live_plot.live_chart `fed`): (its widget, {url, counts,
        every}), or None when the chart shown polls through fragments only."""
        for w in self.widgets.values():
            if w.kind == "bidi_component" and w.id.endswith(f"-{key}") and any(
                    e.proto is w.proto for e in self.elements.values()):  # fmt: skip
                fed = json.loads(w.proto.json or "{}").get("feed")
                return (w, fed) if fed else None
        return None

    async def feed_get(self, url: str, counts: list[int], timeout: float = 30.0) -> dict | None:
        """One request of the chart's feed loop (ui/live_plot.js feedTick): the new records, or None."""
        status, _, body = await http_get(self.host, self.port, f"{url}?n={','.join(map(str, counts))}",
                                         timeout=timeout)  # fmt: skip
        return json.loads(body) if status == 200 else None

    async def redraw(self, w: Widget) -> float:
        """What the chart does when its job ended or a record does not fit (feedTick): set its `redraw` state,
        which reruns the fragment it sits in. Returns when it was sent."""
        self._releases += 1
        ws = WidgetState(id=w.id)
        ws.json_value = json.dumps({"redraw": {"n": self._releases}})
        self.states[w.id] = ws
        return await self.rerun(fragment_id=w.fragment_id)

    async def click(self, w: Widget, wait: bool = True, timeout: float = 30.0) -> RunResult | None:
        """Click a button (trigger_value=True for one run)."""
        sent = await self.rerun(fragment_id=w.fragment_id, trigger=w.id)
        if not wait:
            return None
        return await self.wait_finished(sent, timeout, fragment=bool(w.fragment_id))

    # ---- what the page shows ----
    def view(self, kinds: Iterable[str] | None = None) -> list[tuple[tuple[int, ...], str, Any]]:
        """The current elements in page order: (delta path, kind, proto)."""
        kinds = set(kinds) if kinds is not None else None
        return [(p, e.kind, e.proto) for p, e in sorted(self.elements.items()) if kinds is None or e.kind in kinds]

    def texts(self) -> list[str]:
        """Every visible text: markdown bodies, alerts, headings, captions, progress texts, metric values."""
        out = []
        for _, kind, p in self.view(TEXT_KINDS):
            if kind == "progress":
                out.append(f"{p.text} [{p.value}%]")
            elif kind == "metric":
                out.append(f"{p.label}: {p.body}")
            elif kind == "exception":
                out.append(f"{p.type}: {p.message}")
            else:
                out.append(getattr(p, "body", ""))
        return out

    # ---- receiving ----
    async def _read_loop(self) -> None:
        assert self._ws is not None
        try:
            async for raw in self._ws:
                if isinstance(raw, str):
                    self.stats.protocol_errors.append("text frame")
                    continue
                msg = ForwardMsg()
                msg.ParseFromString(raw)
                now = time.perf_counter()
                self.stats.messages += 1
                self.stats.bytes += len(raw)
                if self.stats.first_message is None:
                    self.stats.first_message = now - self.stats.connect_started
                self._handle(msg, now)
                if self.on_message is not None:
                    self.on_message(msg)
                async with self._cond:
                    self._cond.notify_all()
        except asyncio.CancelledError:
            raise
        except Exception as e:  # noqa: BLE001 - a dropped connection is data for the benchmark
            self.closed_by_server = f"{type(e).__name__}: {e}"
        else:
            self.closed_by_server = f"closed by server ({self._ws.close_code})"
        finally:
            if self.closed_by_server is None:
                self.closed_by_server = "closed"
            async with self._cond:
                self._cond.notify_all()

    def _handle(self, msg: ForwardMsg, now: float) -> None:
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            ns = msg.new_session
            if ns.initialize.session_id:
                self.session_id = ns.initialize.session_id
            if msg.metadata.run.fragment_ids:  # a fragment run starts: the page and its timers stay
                return
            self.page_script_hash = ns.page_script_hash
            self._page_name_pending = False
            self._run_counter += 1
            for task in self._autoruns.values():  # the frontend's cleanupAutoReruns on a full run
                task.cancel()
            self._autoruns.clear()
        elif kind == "delta":
            self._handle_delta(msg, now)
        elif kind == "ref_hash":
            self.stats.protocol_errors.append("ref_hash received although no cache was declared")
        elif kind == "navigation":  # st.navigation picked the page: later reruns name it by this hash
            if msg.navigation.page_script_hash:
                self.page_script_hash = msg.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "script_finished":
            status = msg.script_finished
            frags = tuple(msg.metadata.run.fragment_ids)
            self._finishes.append((now, status, frags))
            del self._finishes[:-50]
            if status in FULL_RUN_DONE:
                self.stats.full_runs += 1
                if self.stats.first_finish is None:
                    self.stats.first_finish = now - self.stats.connect_started
                self._prune(lambda e: e.seen_in != self._run_counter)
            elif status == FRAGMENT_RUN_DONE:
                self.stats.fragment_runs += 1
                self._prune(lambda e: e.fragment_id in frags and e.seen_in != self._run_counter)
            if status != FINISHED.FINISHED_EARLY_FOR_RERUN:
                self._run_counter += 1  # the next run's deltas are "new"
        elif kind == "auto_rerun":
            ar = msg.auto_rerun
            if self.follow_auto_rerun and ar.fragment_id:
                old = self._autoruns.pop(ar.fragment_id, None)
                if old is not None:
                    old.cancel()
                self._autoruns[ar.fragment_id] = asyncio.create_task(self._auto_loop(ar.fragment_id, ar.interval))
        elif kind == "stop_auto_rerun":
            for fid in msg.stop_auto_rerun.fragment_ids:
                task = self._autoruns.pop(fid, None)
                if task is not None:
                    task.cancel()

    def _prune(self, stale: Callable[[ElementView], bool]) -> None:
        for path in [p for p, e in self.elements.items() if stale(e)]:
            del self.elements[path]
        shown = {id(e.proto) for e in self.elements.values()}
        for wid in [w for w, wd in self.widgets.items() if id(wd.proto) not in shown]:
            del self.widgets[wid]
            self.states.pop(wid, None)

    def _handle_delta(self, msg: ForwardMsg, now: float) -> None:
        delta = msg.delta
        path = tuple(msg.metadata.delta_path)
        dkind = delta.WhichOneof("type")
        if dkind == "add_block":
            # a new container replaces whatever stood at that path, and its old children
            for p in [p for p in self.elements if p[: len(path)] == path]:
                del self.elements[p]
            return
        if dkind != "new_element":
            return
        el = delta.new_element
        kind = el.WhichOneof("type")
        if kind is None:
            return
        proto = getattr(el, kind)
        self.elements[path] = ElementView(kind, proto, delta.fragment_id, self._run_counter)
        if kind in ("plotly_chart", "bidi_component") and self.stats.first_chart is None:  # or the live plot
            self.stats.first_chart = now - self.stats.connect_started
            self._chart_event.set()
        elif kind == "exception":
            self.stats.exceptions.append(f"{proto.type}: {proto.message}"[:300])
        wid = getattr(proto, "id", "")
        if isinstance(wid, str) and wid.startswith("$$ID"):
            w = Widget(wid, kind, getattr(proto, "label", ""), proto, delta.fragment_id)
            self.widgets[wid] = w
            st = _widget_state(w, self.states.get(wid))
            if st is not None:
                self.states[wid] = st

    async def _auto_loop(self, fragment_id: str, interval: float) -> None:
        """The frontend's setInterval for a fragment's run_every: rerun the fragment every `interval` s."""
        with contextlib.suppress(asyncio.CancelledError):
            while True:
                await asyncio.sleep(interval)
                if self._ws is None or self._dead():
                    return
                try:
                    await self.rerun(fragment_id=fragment_id, auto=True)
                    self.stats.auto_reruns_sent += 1
                except Exception:  # noqa: BLE001 - the reader notes the closed socket
                    return


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100); None for no data."""
    if not values:
        return None
    s = sorted(values)
    return s[max(0, min(len(s) - 1, math.ceil(q / 100 * len(s)) - 1))]


def parse_url(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return parts.hostname or "127.0.0.1", parts.port or 80
