"""The command line as a script or a person uses it: real processes, exit codes, stderr."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlcipher3

PASSPHRASE = "cli test passphrase"


def courtsafe(
    data_dir: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "COURTSAFE_PASSPHRASE": PASSPHRASE, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli-demo")
    result = courtsafe(folder, "demo", "--clients", "300", "--hearings", "1500", "--seed", "7")
    assert result.returncode == 0, result.stderr
    assert "300 clients" in result.stdout
    return folder


def test_clients_list_finds_the_denver_client_as_json(demo_dir: Path) -> None:
    result = courtsafe(demo_dir, "clients", "list", "--search", "rodriguez cov", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["name"] for r in rows] == ["Rodríguez-Covarrubias, Víctor Manuel (Víctor)"]
    assert rows[0]["language"] == "es"


def test_hearings_list_as_csv_in_court_time(demo_dir: Path) -> None:
    result = courtsafe(
        demo_dir,
        "hearings",
        "list",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--format",
        "csv",
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) > 100
    denver = [r for r in rows if r["courthouse"] == "Lindsey-Flanigan Courthouse"]
    assert denver and all(r["starts_at"].endswith(("-07:00", "-06:00")) for r in denver)


def test_demo_is_reproducible_with_the_same_seed(tmp_path: Path, demo_dir: Path) -> None:
    again = courtsafe(tmp_path, "demo", "--clients", "300", "--hearings", "1500", "--seed", "7")
    assert again.returncode == 0, again.stderr
    first = courtsafe(demo_dir, "clients", "list", "--limit", "50", "--format", "json")
    second = courtsafe(tmp_path, "clients", "list", "--limit", "50", "--format", "json")
    assert json.loads(first.stdout) == json.loads(second.stdout)


def test_demo_refuses_a_database_that_holds_clients(demo_dir: Path) -> None:
    result = courtsafe(demo_dir, "demo", "--clients", "10", "--hearings", "10")
    assert result.returncode == 1
    assert "already holds 300 clients" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("hearings", "list", "--from", "26/11/2026"), 2, "not a date; use YYYY-MM-DD"),
        (("clients", "list", "--format", "xml"), 2, "invalid choice"),
        (("frobnicate",), 2, "invalid choice"),
        (("--database", "::bad::", "clients", "list"), 1, "not a database address"),
        (("hearings", "list", "--from", "2026-05-01", "--to", "2026-04-01"), 1, "--to is before"),
    ],
)
def test_user_errors_give_one_clear_line_and_no_traceback(
    demo_dir: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    result = courtsafe(demo_dir, *args)
    assert result.returncode == code
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_wrong_passphrase_is_a_clear_error(demo_dir: Path) -> None:
    result = courtsafe(demo_dir, "clients", "list", env={"COURTSAFE_PASSPHRASE": "nope"})
    assert result.returncode == 1
    assert "key or passphrase is wrong" in result.stderr
    assert "Traceback" not in result.stderr and "ERROR CORE" not in result.stderr


def test_passphrase_file_is_read_and_must_exist(demo_dir: Path, tmp_path: Path) -> None:
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n")
    ok = courtsafe(
        demo_dir,
        "--passphrase-file",
        str(secret),
        "clients",
        "list",
        "--limit",
        "1",
        env={"COURTSAFE_PASSPHRASE": ""},
    )
    assert ok.returncode == 0, ok.stderr
    missing = courtsafe(demo_dir, "--passphrase-file", str(tmp_path / "nope"), "clients", "list")
    assert missing.returncode == 1 and "could not be read" in missing.stderr


def test_killing_demo_midway_leaves_an_intact_empty_database(tmp_path: Path) -> None:
    """SIGKILL during the load: the one transaction never committed, the file still opens."""
    environment = {**os.environ, "COURTSAFE_PASSPHRASE": PASSPHRASE}
    courtsafe(tmp_path, "migrate")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "app",
            "--data-dir",
            str(tmp_path),
            "demo",
            "--clients",
            "60000",
            "--hearings",
            "600000",
        ],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wal = tmp_path / "courtsafe.db-wal"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not wal.exists() or wal.stat().st_size < 4_000_000):
        time.sleep(0.05)
    assert process.poll() is None, "demo finished before it could be interrupted"
    process.send_signal(signal.SIGKILL)
    process.wait()
    connection = sqlcipher3.connect(str(tmp_path / "courtsafe.db"))
    connection.execute(f"PRAGMA key = '{PASSPHRASE}'")
    assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert connection.execute("SELECT count(*) FROM client").fetchone() == (0,)
    connection.close()
    after = courtsafe(tmp_path, "clients", "list", "--format", "json")
    assert after.returncode == 0 and json.loads(after.stdout) == []


def test_window_without_a_display_says_so(tmp_path: Path) -> None:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )
    assert result.returncode == 1
    assert "no display to open the window on" in result.stderr


def test_reading_commands_never_create_a_database(tmp_path: Path) -> None:
    result = courtsafe(tmp_path / "typo", "clients", "list")
    assert result.returncode == 1
    assert "There is no CourtSafe database" in result.stderr
    assert not (tmp_path / "typo" / "courtsafe.db").exists()


def test_letters_batch_writes_one_pdf_and_marks_after_writing(
    demo_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "advisories.pdf"
    result = courtsafe(
        demo_dir, "letters", "batch", "--days", "14", "--min-level", "low", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert "now marked as advised" in result.stdout
    again = courtsafe(demo_dir, "risk", "--days", "14", "--min-level", "low", "--format", "json")
    assert all(row["advisory_sent"] for row in json.loads(again.stdout))
    missing = courtsafe(demo_dir, "letters", "batch", "--out", str(tmp_path / "no" / "x.pdf"))
    assert missing.returncode == 1 and "does not exist" in missing.stderr
