"""The training feed (ui/feed.py): what a training tab's chart fetches between two fragment runs. Real jobs of the
real pool, the real Starlette endpoint (called with a request built from an ASGI scope); the numbers are the
job's own records. That the browser appends them as swiglu/plots/train.py draws them is checked in Chromium
(tests/browser/test_train_feed.py)."""

from __future__ import annotations

import asyncio
import gc
import json
import math
from concurrent.futures import ThreadPoolExecutor

import pytest
import torch
from starlette.requests import Request

from swiglu import jobs
from swiglu.train import StepRecord, TrainConfig
from ui import feed

torch.set_num_threads(1)
CFGS = [TrainConfig(variant=v, steps=60, eval_every=10) for v in ("relu", "swiglu")]


@pytest.fixture
def pool():
    p = jobs.WorkerPool(max_workers=1)
    yield p
    p.shutdown()


def ask(token: str, query: str = "") -> tuple[int, dict]:
    """One request to the endpoint, in a thread with its own event loop: earlier tests in the same pytest process
    (the Playwright sync API of the browser suite) may leave a running loop in the main thread."""
    scope = {"type": "http", "method": "GET", "path": f"/_swiglu/feed/{token}", "query_string": query.encode(),
             "headers": [], "path_params": {"token": token}}
    with ThreadPoolExecutor(1) as ex:
        resp = ex.submit(asyncio.run, feed.endpoint(Request(scope))).result(timeout=30)
    assert resp.headers["cache-control"] == "no-store"
    return resp.status_code, json.loads(resp.body)


def test_the_feed_returns_the_records_the_browser_does_not_have_yet(pool):
    job = pool.submit("s1", CFGS)
    assert job.wait(60)
    tok = feed.token_for(job)
    assert feed.token_for(job) == tok  # one token per job
    code, body = ask(tok, "n=0,0")
    assert code == 200 and body["status"] == "done" and body["from"] == [0, 0]
    assert body["progress"] == 1.0 and body["step"] == 60 and body["total"] == 60 and body["position"] == 0
    for cols, recs in zip(body["runs"], job.snapshot().records, strict=True):
        assert cols["step"] == [r.step for r in recs] == [0, 10, 20, 30, 40, 50, 60]
        assert cols["train_loss"] == pytest.approx([r.train_loss for r in recs], rel=0, abs=0)
        assert cols["test_accuracy"] == [r.test_accuracy for r in recs]
        assert cols["status"] == [r.status for r in recs]
    code, body = ask(tok, "n=5,7")  # from where the browser stands, per run
    assert body["runs"][0]["step"] == [50, 60] and body["runs"][1]["step"] == []
    code, body = ask(tok, "n=8,0")  # ahead of the job (cannot happen from the page): nothing for that run
    assert body["runs"][0] is None and len(body["runs"][1]["step"]) == 7


def test_a_request_is_the_jobs_heartbeat(pool):
    job = pool.submit("s1", CFGS)
    job._last_touch -= 100
    before = job._last_touch
    ask(feed.token_for(job), "n=0,0")
    assert job._last_touch > before + 99
    job.cancel()


@pytest.mark.parametrize("query", ["", "n=", "n=1", "n=1,2,3", "n=-1,0", "n=1.5,0", "n=a,b", "n=1234567,0",
                                   "n=0,0&n=1", "n=%00,1", "n=%C2%B2,1", "n=%D9%A1,1", "n=%201,1"])
def test_a_bad_count_is_refused_not_a_traceback(pool, query):
    job = pool.submit("s1", CFGS)
    code, body = ask(feed.token_for(job), query)
    assert code == 400 and body == {"error": "bad n"}
    job.cancel()


@pytest.mark.parametrize("token", ["", "x", "A" * 22, "A" * 21 + "!", "../../etc/passwd", "A" * 200])
def test_an_unknown_or_malformed_token_is_404(token):
    code, body = ask(token, "n=0")
    assert code == 404 and body == {"error": "unknown"}


def test_a_job_nobody_holds_any_more_leaves_the_feed():
    """The registry holds jobs weakly: once the session and the pool let go of a job, its token is unknown."""
    p = jobs.WorkerPool(max_workers=1)
    job = p.submit("s1", CFGS)
    job.wait(60)
    tok = feed.token_for(job)
    assert ask(tok, "n=0,0")[0] == 200
    p.shutdown()
    del job, p
    gc.collect()
    assert ask(tok, "n=0,0")[0] == 404


def test_columns_turn_non_finite_numbers_into_gaps():
    rec = StepRecord("swish", 30, math.nan, math.inf, 0.5, None, (1.0, math.nan), 0.1, 10.0, "diverged")
    cols = feed.columns([rec])
    assert cols == {"step": [30], "train_loss": [None], "test_loss": [None], "train_accuracy": [0.5],
                    "test_accuracy": [None], "betas": [[1.0, None]], "status": ["diverged"]}
    json.dumps(cols, allow_nan=False)  # strict JSON: the browser's JSON.parse takes it


def test_the_route_is_mounted_under_the_base_path():
    (route,) = feed.routes("/lab/")
    assert route.path == "/lab/_swiglu/feed/{token}" and route.methods >= {"GET"}
    assert feed.routes("")[0].path == "/_swiglu/feed/{token}"
