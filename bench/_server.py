"""Shared helpers for the browser tests and the benchmarks: a Streamlit server on a free port, and a
Debian-Chromium launcher (never `playwright install`; see ../shared/design.md)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    proc: subprocess.Popen
    port: int
    log: Path
    started: float  # time.perf_counter() just before the process was spawned
    ready: float = 0.0  # time.perf_counter() when /_stcore/health first answered ok
    _log_file: object = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_text(self) -> str:
        try:
            return self.log.read_text(errors="replace")
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)  # the server's own process group only
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=5)
        if self._log_file is not None:
            self._log_file.close()


def wait_healthy(port: int, proc: subprocess.Popen | None = None, timeout: float = 60.0) -> None:
    url = f"http://127.0.0.1:{port}/_stcore/health"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with code {proc.returncode} before it became healthy")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:  # noqa: S310 - local URL we built
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise TimeoutError(f"{url} not healthy after {timeout:.0f} s")


def start_server(script: str | Path = "serve.py", cwd: str | Path = REPO, log: str | Path | None = None,
                 extra_args: tuple[str, ...] = (), timeout: float = 60.0, env: dict[str, str] | None = None,
                 port: int | None = None) -> Server:
    """`streamlit run <script>` (serve.py: what a deployment runs) on a free port, or on `port` (a restart where
    the browsers are; cwd decides which .streamlit/config.toml applies; `env` adds to the environment); returns
    once /_stcore/health answers. The caller stops it with Server.stop()."""
    port = port or free_port()
    if log is None:
        fd, name = tempfile.mkstemp(prefix=f"streamlit_{port}_", suffix=".log")
        os.close(fd)
        log = name
    log = Path(log)
    log.parent.mkdir(parents=True, exist_ok=True)
    log_file = open(log, "w")  # noqa: SIM115 - closed in Server.stop
    # As every deployment runs it (Dockerfile, deploy/swiglu@.service, deploy/run_replicas.sh): one OpenMP/MKL
    # thread per computation. app.py sets the same, but a benchmark's first request is a deep link, which runs
    # the page (and imports torch) before app.py on a fresh server.
    env = dict(os.environ, PYTHONUNBUFFERED="1", **(env or {}))
    env.setdefault("OMP_NUM_THREADS", "1")
    env.setdefault("MKL_NUM_THREADS", "1")
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", *extra_args]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=str(cwd), env=env, stdout=log_file, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    server = Server(proc, port, log, started, _log_file=log_file)
    try:
        wait_healthy(port, proc, timeout)
    except Exception:
        server.stop()
        raise RuntimeError(f"streamlit did not start; log:\n{server.log_text()[-3000:]}") from None
    server.ready = time.perf_counter()
    return server


def launch_browser(playwright):
    """One headless Debian Chromium; each test/measurement opens its own fresh context."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
