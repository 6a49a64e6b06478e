"""Render deploy/nginx.conf (a template) for N SwiGLU Lab replicas.

    python3 deploy/render_nginx.py --replicas 4 --base-port 8501 --listen 80 --server-name lab.school.example
    python3 deploy/render_nginx.py --upstream app1:8501 --upstream app2:8501      # replicas on other hosts

Prints the rendered file (nginx's http{} context) on stdout. The tests render it with the same function.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "nginx.conf"

# Passive health check: one failed attempt marks a replica down for 10 s; then live traffic tries it again.
# One is enough here: a refused connection means the process is gone, and a fresh client is rehashed at once.
MAX_FAILS = 1
FAIL_TIMEOUT = "10s"

# For tests and debugging only: names the replica that answered. Leaks internal addresses: not in production.
DEBUG_UPSTREAM_HEADER = "    add_header X-Upstream $upstream_addr always;"


def upstream_lines(upstreams: Sequence[str]) -> str:
    return "\n".join(f"    server {u} max_fails={MAX_FAILS} fail_timeout={FAIL_TIMEOUT};" for u in upstreams)


def render(upstreams: Sequence[str], listen: str = "80", server_name: str = "_", debug_upstream_header: bool = False,
           template: str | None = None) -> str:
    """The template with its four placeholders filled; raises if one is left over or an argument is unsafe."""
    if not upstreams:
        raise ValueError("at least one upstream (host:port) is needed")
    for value in (*upstreams, listen, server_name):
        # These land inside nginx directives: no spaces, braces, semicolons or quotes.
        if not re.fullmatch(r"[A-Za-z0-9_.:\[\]*-]+", value):
            raise ValueError(f"unsafe value for nginx.conf: {value!r}")
    text = TEMPLATE.read_text() if template is None else template
    text = (text.replace("{{UPSTREAM_SERVERS}}", upstream_lines(upstreams))
            .replace("{{LISTEN}}", listen)
            .replace("{{SERVER_NAME}}", server_name)
            .replace("{{DEBUG_HEADERS}}", DEBUG_UPSTREAM_HEADER if debug_upstream_header else ""))
    left = re.findall(r"\{\{[A-Z_]+\}\}", text)
    if left:
        raise ValueError(f"placeholders left in the template: {left}")
    return text


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--replicas", type=int, default=2, help="replicas on --host, ports base-port.. (default 2)")
    ap.add_argument("--base-port", type=int, default=8501)
    ap.add_argument("--host", default="127.0.0.1", help="where the replicas listen (default 127.0.0.1)")
    ap.add_argument("--upstream", action="append", default=[], metavar="HOST:PORT",
                    help="explicit replica address (repeatable); replaces --replicas/--base-port/--host")
    ap.add_argument("--listen", default="80", help="nginx listen argument, e.g. 80 or 127.0.0.1:8080")
    ap.add_argument("--server-name", default="_", help="nginx server_name (default _ : any)")
    ap.add_argument("--debug-upstream-header", action="store_true", help="add X-Upstream (tests only)")
    a = ap.parse_args(argv)
    if a.replicas < 1:
        ap.error("--replicas must be at least 1")
    upstreams = a.upstream or [f"{a.host}:{a.base_port + i}" for i in range(a.replicas)]
    sys.stdout.write(render(upstreams, a.listen, a.server_name, a.debug_upstream_header))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
