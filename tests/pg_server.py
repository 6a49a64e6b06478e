"""A throw-away PostgreSQL cluster for the tests: Debian's postgresql 15 binaries, initdb in a temporary folder,
the server on a unix socket in that folder plus a free loopback port, stopped and deleted afterwards.

PostgreSQL refuses to run as root, so as root everything runs through `runuser -u postgres --` in a folder owned
by postgres. Under CI=true a missing installation is a failure (`.ci/run` installs it), elsewhere a skip.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench._server import free_port


def pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


@dataclass
class PgServer:
    bin: Path
    folder: Path
    port: int
    as_user: list[str]

    @property
    def socket_dir(self) -> Path:
        return self.folder / "sock"

    def url(self, db: str = "postgres") -> str:
        """An SQLAlchemy URL over the unix socket (host= a folder), as SWIGLU_DATABASE_URL takes it."""
        return f"postgresql://postgres@/{db}?host={self.socket_dir}&port={self.port}"

    def tcp_url(self, db: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{db}"

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run([*self.as_user, *args], capture_output=True, text=True, timeout=120, check=check)

    def create_db(self, name: str) -> str:
        self.run(str(self.bin / "createdb"), "-h", str(self.socket_dir), "-p", str(self.port), "-U", "postgres",
                 name)
        return self.url(name)

    def stop(self) -> None:
        self.run(str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop",
                 check=False)
        shutil.rmtree(self.folder, ignore_errors=True)


def start_pg() -> PgServer:
    binary = pg_bin()
    if binary is None:
        msg = "PostgreSQL not installed (/usr/lib/postgresql/*/bin/initdb; .ci/run installs Debian's postgresql)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(msg)
        pytest.skip(msg)
    folder = Path(tempfile.mkdtemp(prefix="swiglu-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    folder.chmod(0o700)
    srv = PgServer(binary, folder, free_port(), as_user)
    srv.run("mkdir", "-p", str(srv.socket_dir)) if as_user else srv.socket_dir.mkdir()
    out = srv.run(str(binary / "initdb"), "-D", str(folder / "data"), "-U", "postgres", "--auth=trust",
                  "-E", "UTF8", "--locale=C.UTF-8", check=False)
    if out.returncode:
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"initdb failed: {out.stderr[-2000:]}")
    opts = (f"-c listen_addresses=127.0.0.1 -c port={srv.port} -c unix_socket_directories={srv.socket_dir} "
            "-c fsync=on -c max_connections=100")
    out = srv.run(str(binary / "pg_ctl"), "-D", str(folder / "data"), "-l", str(folder / "server.log"),
                  "-o", opts, "-w", "-t", "60", "start", check=False)
    if out.returncode:
        log = (folder / "server.log").read_text(errors="replace") if (folder / "server.log").exists() else ""
        srv.stop()
        raise RuntimeError(f"pg_ctl start failed: {out.stderr[-1000:]} {log[-2000:]}")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if srv.run(str(binary / "pg_isready"), "-h", str(srv.socket_dir), "-p", str(srv.port),
                   check=False).returncode == 0:
            return srv
        time.sleep(0.2)
    srv.stop()
    raise RuntimeError("PostgreSQL did not become ready")
