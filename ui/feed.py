"""The training feed: a training tab's live curves fetch their new points over plain HTTP, not through a
Streamlit rerun (issue 17: a class of 60 training through the page).

Why: a fragment poll is a whole script run on the server (a thread, the figure, its JSON, the component's
identity hash, a protobuf delta), ~15 ms of the one core Python has (py-spy, 60 tabs training). Sixty tabs
polling that way took most of it, the scheduler's lane starved, and clicks waited over a minute. A feed request
is a few records as JSON, well under a millisecond, so a tab can ask every 0.1-1 s and the curves move while the
server trains; the page's fragment only redraws the status and heatmaps, every few seconds.

    GET <base>/_swiglu/feed/<token>?n=12,12     -> {"status", "progress", "step", "total", "position", "runs"}

`token` is unguessable and names one Job shown in one session (weakly held: a job the session dropped is
gone); `n` is how many records of each run the browser already has, and `runs[i]` holds run i's records from
there on, as columns. A request touches the job (the heartbeat without which the pool cancels it).

Served by serve.py (`streamlit run serve.py`: Streamlit's App with this route). Under a plain
`streamlit run app.py` or AppTest the route does not exist, `enabled()` is False, and the page polls as before.
The module imports no streamlit: serve.py loads it before the runtime starts.
"""

from __future__ import annotations

import math
import re
import secrets
import threading
import weakref
from typing import Any

PATH = "/_swiglu/feed/{token}"
MAX_RUNS = 8  # the page compares at most eight variants
MAX_RECORDS = 2000  # per run and response: a record every 10 steps of at most 20,000
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{22}$")  # secrets.token_urlsafe(16)
_COUNT = re.compile(r"^[0-9]{1,6}$")
FIELDS = ("step", "train_loss", "test_loss", "train_accuracy", "test_accuracy")

_jobs: weakref.WeakValueDictionary[str, Any] = weakref.WeakValueDictionary()
_lock = threading.Lock()
_enabled = False


def enable() -> None:
    """Called by serve.py, which mounts the route: pages may hand tokens out."""
    global _enabled
    _enabled = True


def enabled() -> bool:
    return _enabled


def token_for(job: Any) -> str:
    """The token of `job` (one per job, made on first use)."""
    with _lock:
        tok = getattr(job, "_feed_token", None)
        if tok is None:
            tok = secrets.token_urlsafe(16)
            job._feed_token = tok
            _jobs[tok] = job
        return tok


def _finite(v: Any) -> float | None:
    """swiglu.plots.train.finite: None for a missing or non-finite number (strict JSON, a gap in the curve)."""
    return float(v) if isinstance(v, (int, float)) and math.isfinite(v) else None


def parse_counts(raw: str | None, runs: int) -> list[int] | None:
    """'12,12' -> [12, 12]: one count per run, each 0 … 999,999 in ASCII digits (str.isdigit would pass '²', which
    int() refuses); None if it is not that (untrusted)."""
    parts = (raw or "").split(",")
    if len(parts) != runs or not all(_COUNT.match(p) for p in parts):
        return None
    return [int(p) for p in parts]


def columns(recs: Any) -> dict[str, list]:
    """Records -> the columns the browser appends (ui/live_plot.js appendRecords reads them)."""
    out: dict[str, list] = {f: [] for f in FIELDS}
    out["betas"], out["status"] = [], []
    for r in recs:
        out["step"].append(int(r.step))
        for f in FIELDS[1:]:
            out[f].append(_finite(getattr(r, f)))
        out["betas"].append(None if r.betas is None else [_finite(b) for b in r.betas])
        out["status"].append(str(r.status))
    return out


def payload(job: Any, counts: list[int]) -> dict[str, Any]:
    """What the feed answers for `job` when the browser has `counts` records of each run."""
    job.touch()
    snap = job.snapshot()
    last = [recs[-1] for recs in snap.records if recs]
    runs = []
    for recs, n in zip(snap.records, counts, strict=True):
        runs.append(columns(recs[n : n + MAX_RECORDS]) if n <= len(recs) else None)  # None: the browser is ahead
    return {"status": snap.status, "progress": round(snap.progress, 4), "step": max((r.step for r in last), default=0),
            "total": job.configs[0].steps, "position": snap.position, "from": counts, "runs": runs}


async def endpoint(request: Any) -> Any:
    from starlette.responses import JSONResponse  # starlette comes with streamlit; only serve.py's server needs it

    headers = {"Cache-Control": "no-store"}
    token = request.path_params.get("token", "")
    job = _jobs.get(token) if _TOKEN.match(token) else None
    if job is None:
        return JSONResponse({"error": "unknown"}, status_code=404, headers=headers)
    counts = parse_counts(request.query_params.get("n"), len(job.configs))
    if counts is None:
        return JSONResponse({"error": "bad n"}, status_code=400, headers=headers)
    return JSONResponse(payload(job, counts), headers=headers)


def routes(base: str = "") -> list:
    from starlette.routing import Route

    return [Route("/" + "/".join(p for p in (base.strip("/"), PATH.strip("/")) if p), endpoint, methods=["GET"])]
