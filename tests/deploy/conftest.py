"""A small cluster on loopback for the deploy tests: deploy/run_replicas.sh with two real app replicas, and
Debian's nginx with deploy/nginx.conf rendered by deploy/render_nginx.py in front of them.

Everything listens on 127.0.0.1 on free ports and lives in a temporary folder (config, pid, logs, temp paths).
Teardown stops only the process groups started here, by id.
"""

from __future__ import annotations

import http.cookiejar
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NGINX = "/usr/sbin/nginx"
SECRET = "swiglu-deploy-test-secret-0123456789abcdef"  # the one secret both replicas must get
sys.path.insert(0, str(REPO / "deploy"))

from render_nginx import render  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def free_base_port(n: int) -> int:
    """A port P with P..P+n-1 all free (run_replicas.sh uses consecutive ports)."""
    for _ in range(50):
        p = free_port()
        if p + n < 65535 and all(_port_free(p + i) for i in range(n)):
            return p
    raise RuntimeError("no run of free ports found")


class Client:
    """One browser's worth of HTTP: its own cookie jar, no proxies, loopback only."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}),
                                                  urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str = "/", timeout: float = 10.0) -> tuple[int, dict[str, str], bytes]:
        try:
            with self.opener.open(self.base + path, timeout=timeout) as r:
                return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
        except urllib.error.HTTPError as e:
            return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.jar if c.name == name), None)

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


def last_upstream(headers: dict[str, str]) -> str:
    """$upstream_addr lists every replica tried ("a:1, b:2"); the last one answered."""
    return headers["x-upstream"].split(",")[-1].strip()


@dataclass
class Cluster:
    nginx_port: int
    replica_ports: list[int]
    tmp: Path
    procs: list[subprocess.Popen] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.nginx_port}"

    @property
    def upstreams(self) -> set[str]:
        return {f"127.0.0.1:{p}" for p in self.replica_ports}

    def replica_pid(self, port: int) -> int:
        return int((self.tmp / "run" / f"replica-{port}.pid").read_text())

    def client(self) -> Client:
        return Client(self.base)

    def logs(self) -> str:
        out = []
        for f in sorted(self.tmp.rglob("*.log")):
            text = f.read_text(errors="replace")
            out.append(f"--- {f.name} (last 2000 chars)\n{text[-2000:]}")
        return "\n".join(out)


def wait_http_ok(url: str, deadline: float, procs: list[subprocess.Popen]) -> None:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    last: object = None
    while time.monotonic() < deadline:
        for p in procs:
            if p.poll() is not None:
                raise RuntimeError(f"{p.args!r} exited with {p.returncode} while waiting for {url}")
        try:
            with opener.open(url, timeout=2) as r:
                if r.status == 200:
                    return
                last = r.status
        except OSError as e:  # refused while starting, 502 from nginx before the replicas are up
            last = e
        time.sleep(0.2)
    raise TimeoutError(f"{url} not healthy in time (last: {last})")


def nginx_main_conf(tmp: Path, site_conf: Path) -> str:
    """A whole nginx.conf around the rendered site file: logs, pid and temp paths in tmp, nothing in /etc."""
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers as root in this sandbox (no 'nobody' rights)
    temps = "\n".join(f"    {kind}_temp_path {tmp / kind};" for kind in ("client_body", "proxy", "fastcgi",
                                                                          "uwsgi", "scgi"))
    return f"""{user}worker_processes 1;
error_log {tmp / 'nginx-error.log'} info;
events {{ worker_connections 512; }}
http {{
    log_format upstream '$remote_addr "$request" $status upstream=$upstream_addr route=$cookie_swiglu_route';
    access_log {tmp / 'nginx-access.log'} upstream;
{temps}
    include {site_conf};
}}
"""


def _stop_group(proc: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 10.0) -> None:
    """Stop a process started here in its own session (start_new_session=True): its group is its pid."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)


@contextmanager
def run_cluster(tmp: Path, extra_env: dict[str, str] | None = None) -> Iterator[Cluster]:
    """Two replicas (deploy/run_replicas.sh) and nginx in front, in `tmp`; `extra_env` reaches the replicas
    (e.g. SWIGLU_DATABASE_URL). Stopped, by process group, on leaving the block."""
    if not os.path.exists(NGINX):
        pytest.skip(f"{NGINX} missing (CI installs Debian's nginx-light)")
    base_port = free_base_port(2)
    c = Cluster(nginx_port=free_port(), replica_ports=[base_port, base_port + 1], tmp=tmp)
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    env.update(BASE_PORT=str(base_port), BIND_ADDRESS="127.0.0.1", RUN_DIR=str(tmp / "run"), PYTHON=sys.executable,
               STREAMLIT_SERVER_COOKIE_SECRET=SECRET, ALLOWED_HOSTS="127.0.0.1 localhost", **(extra_env or {}))
    replicas_out = open(tmp / "run_replicas.log", "wb")  # closed in finally
    nginx_out = open(tmp / "nginx-stdout.log", "wb")
    replicas = subprocess.Popen(["bash", str(REPO / "deploy" / "run_replicas.sh"), "2"], cwd=REPO, env=env,
                                stdout=replicas_out, stderr=subprocess.STDOUT, start_new_session=True)
    c.procs.append(replicas)
    nginx = None
    try:
        site = tmp / "swiglu.conf"
        site.write_text(render([f"127.0.0.1:{p}" for p in c.replica_ports], listen=f"127.0.0.1:{c.nginx_port}",
                               debug_upstream_header=True))
        main = tmp / "nginx.conf"
        main.write_text(nginx_main_conf(tmp, site))
        nginx = subprocess.Popen([NGINX, "-c", str(main), "-p", str(tmp), "-e", str(tmp / "nginx-error.log"),
                                  "-g", f"daemon off; pid {tmp / 'nginx.pid'};"],
                                 stdout=nginx_out, stderr=subprocess.STDOUT, start_new_session=True)
        c.procs.append(nginx)
        deadline = time.monotonic() + 60
        for p in c.replica_ports:
            wait_http_ok(f"http://127.0.0.1:{p}/_stcore/health", deadline, c.procs)
        wait_http_ok(f"{c.base}/_stcore/health", deadline, c.procs)
        yield c
    except BaseException:
        print(c.logs())
        raise
    finally:
        if nginx is not None:
            _stop_group(nginx, signal.SIGQUIT)  # nginx's graceful stop
        _stop_group(replicas)  # run_replicas.sh stops its replicas on TERM
        replicas_out.close()
        nginx_out.close()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    with run_cluster(tmp_path_factory.mktemp("deploy")) as c:
        yield c
