"""Static checks of the deploy files: Dockerfile (no Docker engine runs on the project's machines, so it is
parsed, not built), .dockerignore, the nginx template and its renderer, the replica script."""

from __future__ import annotations

import fnmatch
import http.server
import json
import os
import re
import subprocess
import sys
import threading

import pytest

from .conftest import NGINX, REPO, free_port, nginx_main_conf
from .conftest import render as render_nginx

RUNTIME_PATHS = ["app.py", "serve.py", "requirements.txt", ".streamlit/config.toml", "pages", "ui", "swiglu", "assets"]


def dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order: continuation lines joined, comment lines dropped."""
    out, buf = [], ""
    for line in (REPO / "Dockerfile").read_text().splitlines():
        if line.strip().startswith("#") or not line.strip():
            continue
        if line.rstrip().endswith("\\"):
            buf += line.rstrip()[:-1] + " "
            continue
        full = (buf + line).strip()
        buf = ""
        instr, _, args = full.partition(" ")
        out.append((instr.upper(), args.strip()))
    assert not buf, "Dockerfile ends inside a continuation line"
    return out


def instr(name: str) -> list[str]:
    return [a for i, a in dockerfile() if i == name]


def test_requirements_are_pinned_with_the_local_torch():
    lines = [ln.split("#")[0].strip() for ln in (REPO / "requirements.txt").read_text().splitlines()]
    reqs = [ln for ln in lines if ln]
    assert "torch==2.13.0" in reqs  # the local CPU wheel; an unpinned torch pulls a multi-GB CUDA build
    assert all("==" in r for r in reqs), reqs


def test_dockerfile_base_install_and_order():
    assert instr("FROM") == ["python:3.11-slim"]
    names = [i for i, _ in dockerfile()]
    runs = " ".join(instr("RUN"))
    assert "pip install -r requirements.txt" in runs
    # torch from the CPU index uses the very pin of requirements.txt (read from the file, not copied).
    assert "grep -E '^torch==' requirements.txt" in runs
    assert any("download.pytorch.org/whl/cpu" in a for a in instr("ARG"))
    # requirements first (a cached layer), the app after the install.
    copies = instr("COPY")
    assert copies[0].split()[0] == "requirements.txt"
    first_pip = next(k for k, (i, a) in enumerate(dockerfile()) if i == "RUN" and "pip install" in a)
    app_copy = next(k for k, (i, a) in enumerate(dockerfile()) if i == "COPY" and a.split()[0] == ".")
    assert names.index("COPY") < first_pip < app_copy


def test_dockerfile_the_torch_pin_expression_matches_one_line():
    out = subprocess.run(["grep", "-E", "^torch==", "requirements.txt"], cwd=REPO, capture_output=True, text=True)
    assert out.stdout.split() == ["torch==2.13.0"]


def test_dockerfile_runs_as_non_root_and_exposes_8501():
    users = instr("USER")
    assert users and users[-1].split(":")[0] not in ("root", "0")
    names = [i for i, _ in dockerfile()]
    assert max(k for k, n in enumerate(names) if n == "USER") < names.index("CMD")
    assert "8501" in " ".join(instr("EXPOSE")).split()


def test_dockerfile_cmd_runs_the_app_on_all_interfaces():
    (cmd,) = instr("CMD")
    argv = json.loads(cmd)  # exec form: signals reach streamlit, no shell in between
    assert argv[:3] == ["streamlit", "run", "serve.py"]
    assert argv[argv.index("--server.address") + 1] == "0.0.0.0"
    assert argv[argv.index("--server.port") + 1] == "8501"
    # The secret is per deployment: never baked into the image.
    assert "COOKIE_SECRET=" not in " ".join(instr("ENV") + instr("ARG"))


class _Health(http.server.BaseHTTPRequestHandler):
    status = 200

    def do_GET(self):  # noqa: N802 - http.server's name
        self.send_response(self.status if self.path == "/_stcore/health" else 404)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.mark.parametrize("status, healthy", [(200, True), (503, False), (None, False)])
def test_dockerfile_healthcheck_command_works_without_curl(status, healthy):
    """Run the HEALTHCHECK's own command (port swapped) against a stand-in health endpoint on loopback."""
    (hc,) = instr("HEALTHCHECK")
    assert "/_stcore/health" in hc and "curl" not in hc and "wget" not in hc
    argv = json.loads(hc[hc.index("CMD") + 3:].strip())
    assert argv[:2] == ["python", "-c"]
    port = free_port()
    code = argv[2].replace("127.0.0.1:8501", f"127.0.0.1:{port}")
    assert code != argv[2]
    server = None
    if status is not None:
        handler = type("H", (_Health,), {"status": status})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
        rc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, timeout=20).returncode
    finally:
        if server is not None:
            server.shutdown()
            server.server_close()
    assert (rc == 0) == healthy


def _dockerignored(path: str, patterns: list[str]) -> bool:
    """Docker's rule, close enough here: the last matching pattern wins; a pattern matches a path or any parent
    folder; a leading **/ also matches at the root."""
    parts = path.split("/")
    candidates = ["/".join(parts[: k + 1]) for k in range(len(parts))]
    excluded = False
    for raw in patterns:
        neg = raw.startswith("!")
        pat = raw[1:] if neg else raw
        pats = [pat, pat[3:]] if pat.startswith("**/") else [pat]
        if any(fnmatch.fnmatchcase(c, p) for c in candidates for p in pats):
            excluded = not neg
    return excluded


def test_dockerignore_keeps_what_the_app_needs_and_drops_the_rest():
    patterns = [ln.strip() for ln in (REPO / ".dockerignore").read_text().splitlines()
                if ln.strip() and not ln.strip().startswith("#")]
    needed = []
    for p in RUNTIME_PATHS:
        path = REPO / p
        assert path.exists(), p
        files = [path] if path.is_file() else [f for f in path.rglob("*")
                                               if f.is_file() and "__pycache__" not in f.parts]
        needed += [f.relative_to(REPO).as_posix() for f in files]
    assert not [f for f in needed if _dockerignored(f, patterns)]
    for junk in (".git/HEAD", "tests/test_ffn.py", "swiglu/__pycache__/x.pyc", ".streamlit/secrets.toml"):
        assert _dockerignored(junk, patterns), junk


def test_nginx_template_is_open_source_nginx_and_cookie_sticky():
    text = (REPO / "deploy" / "nginx.conf").read_text()
    code = "\n".join(ln.split("#")[0] for ln in text.splitlines())
    assert "ip_hash" not in code  # a school's students share one address
    assert not re.search(r"^\s*(sticky|health_check)\b", code, re.M)  # nginx-plus only
    assert re.search(r"hash \$swiglu_route consistent;", code)
    assert "$cookie_swiglu_route" in code and "$request_id" in code
    assert "location /_stcore/stream" in code and "location = /_stcore/health" in code
    assert "proxy_http_version 1.1;" in code and "$http_upgrade" in code
    assert "proxy_next_upstream " in code


def test_render_fills_every_placeholder_and_refuses_injection():
    text = render_nginx(["127.0.0.1:8501", "127.0.0.1:8502", "app3:8501"], listen="8080", server_name="lab.example")
    assert "{{" not in text
    assert text.count("max_fails=") == 3 and "listen 8080;" in text and "server_name lab.example;" in text
    assert "add_header X-Upstream" not in text  # the debug header is opt-in
    for bad in (["a:1; include /etc/passwd"], ["a:1\n}"], []):
        with pytest.raises(ValueError):
            render_nginx(bad)
    with pytest.raises(ValueError):
        render_nginx(["a:1"], server_name="x; return 200")


def test_render_cli_default_is_two_local_replicas():
    out = subprocess.run([sys.executable, str(REPO / "deploy" / "render_nginx.py"), "--replicas", "3"],
                         capture_output=True, text=True, check=True).stdout
    assert re.findall(r"server (127\.0\.0\.1:\d+) ", out) == ["127.0.0.1:8501", "127.0.0.1:8502", "127.0.0.1:8503"]


@pytest.mark.skipif(not os.path.exists(NGINX), reason=f"{NGINX} missing (CI installs Debian's nginx-light)")
def test_rendered_config_passes_nginx_t(tmp_path):
    site = tmp_path / "swiglu.conf"
    site.write_text(render_nginx(["127.0.0.1:8501", "127.0.0.1:8502"], listen=f"127.0.0.1:{free_port()}"))
    main = tmp_path / "nginx.conf"
    main.write_text(nginx_main_conf(tmp_path, site))
    r = subprocess.run([NGINX, "-t", "-c", str(main), "-p", str(tmp_path), "-e", str(tmp_path / "err.log"),
                        "-g", f"pid {tmp_path / 'nginx.pid'};"], capture_output=True, text=True, timeout=20)
    assert r.returncode == 0, r.stderr


def test_run_replicas_script_parses_and_shares_one_secret():
    script = REPO / "deploy" / "run_replicas.sh"
    assert os.access(script, os.X_OK)
    subprocess.run(["bash", "-n", str(script)], check=True)
    text = script.read_text()
    assert "export STREAMLIT_SERVER_COOKIE_SECRET" in text
    assert re.search(r"--server\.port \"\$port\"", text)
    r = subprocess.run(["bash", str(script), "0"], capture_output=True, text=True, timeout=10)
    assert r.returncode == 2 and "usage" in r.stderr
