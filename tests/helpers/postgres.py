"""A throwaway PostgreSQL server for the storage tests (recipe: shared/reference/platform.md)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

ENV_URL = "COURTSAFE_TEST_POSTGRES_URL"


@dataclass
class PostgresServer:
    folder: Path
    port: int
    bin_dir: Path

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@/postgres?host={self.folder}&port={self.port}"

    def stop(self) -> None:
        _run_as_postgres([str(self.bin_dir / "pg_ctl"), "-D", str(self.folder / "data"),
                          "-m", "immediate", "stop"], check=False)
        shutil.rmtree(self.folder, ignore_errors=True)


def find_bin_dir() -> Path | None:
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    for folder in candidates:
        if (folder / "initdb").exists():
            return folder
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run_as_postgres(command: list[str], check: bool = True) -> None:
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    subprocess.run(command, check=check, capture_output=True, timeout=60)


def start() -> PostgresServer:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="courtsafe-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    port = _free_port()
    data = folder / "data"
    _run_as_postgres([str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                      "-E", "UTF8", "--no-sync"])
    options = f"-k {folder} -c listen_addresses='' -p {port} -c fsync=off"
    _run_as_postgres([str(bin_dir / "pg_ctl"), "-D", str(data), "-w", "-l",
                      str(folder / "server.log"), "-o", options, "start"])
    return PostgresServer(folder, port, bin_dir)
