"""`courtsafe backup ...` as a script runs it: real processes, no keyring, exit codes, messages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PASSPHRASE = "backup cli passphrase"


def courtsafe(data_dir: Path, *args: str, stdin: str | None = None,
              timeout: float = 180) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "COURTSAFE_PASSPHRASE": PASSPHRASE,
                   "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    return subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), *args],
        capture_output=True, text=True, env=environment, timeout=timeout,
        input=stdin if stdin is not None else "",
    )


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(data folder, recovery key file, one backup) of a demo office on a desk without keyring."""
    root = tmp_path_factory.mktemp("backup-cli")
    data = root / "data"
    demo = courtsafe(data, "demo", "--clients", "200", "--hearings", "1000")
    assert demo.returncode == 0, demo.stderr
    key = root / "recovery-key.txt"
    kit = root / "recovery-kit.pdf"
    setup = courtsafe(data, "backup", "recovery-kit", "--out", str(kit), "--key-out", str(key))
    assert setup.returncode == 0, setup.stderr
    assert "cannot show it again" in setup.stdout and "no secure keyring" in setup.stdout
    assert kit.read_bytes().startswith(b"%PDF") and (kit.stat().st_mode & 0o777) == 0o600
    assert key.read_text().splitlines()[-1].startswith("AGE-SECRET-KEY-1")
    created = courtsafe(data, "backup", "create")
    assert created.returncode == 0, created.stderr
    assert "Checked by reading it back" in created.stdout
    backup = next((data / "backups").glob("courtsafe-*.age"))
    return data, key, backup


def test_recovery_kit_is_shown_once(office: tuple[Path, Path, Path], tmp_path: Path) -> None:
    data, _, _ = office
    again = courtsafe(data, "backup", "recovery-kit", "--out", str(tmp_path / "kit.pdf"))
    assert again.returncode == 1
    assert "shown once" in again.stderr and "rotate-recovery-key" in again.stderr
    assert not (tmp_path / "kit.pdf").exists()


def test_list_shows_the_backup(office: tuple[Path, Path, Path]) -> None:
    data, _, backup = office
    listed = courtsafe(data, "backup", "list")
    assert listed.returncode == 0, listed.stderr
    assert backup.name in listed.stdout and "1 backup(s)" in listed.stdout


def test_verify_needs_the_recovery_key_without_a_keyring(office: tuple[Path, Path, Path]) -> None:
    data, key, backup = office
    refused = courtsafe(data, "backup", "verify", str(backup))
    assert refused.returncode == 1
    assert "recovery key" in refused.stderr and "Traceback" not in refused.stderr
    verified = courtsafe(data, "backup", "verify", str(backup), "--identity", str(key))
    assert verified.returncode == 0, verified.stderr
    assert "verified" in verified.stdout and "1,000 rows" in verified.stdout
    from_stdin = courtsafe(data, "backup", "verify", str(backup), "--identity", "-",
                           stdin=key.read_text())
    assert from_stdin.returncode == 0, from_stdin.stderr


def test_restore_asks_first_and_refuses_without_a_terminal(
    office: tuple[Path, Path, Path]
) -> None:
    data, key, backup = office
    live = (data / "courtsafe.db").read_bytes()
    refused = courtsafe(data, "backup", "restore", str(backup), "--identity", str(key))
    assert refused.returncode == 1
    assert "--yes" in refused.stderr and "Traceback" not in refused.stderr
    assert (data / "courtsafe.db").read_bytes() == live


def test_restore_with_yes_replaces_the_data(office: tuple[Path, Path, Path]) -> None:
    data, key, backup = office
    restored = courtsafe(data, "backup", "restore", str(backup), "--identity", str(key), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert "is intact. It holds:" in restored.stdout
    assert "hearing" in restored.stdout and "1,000 rows" in restored.stdout
    assert "safety-copies" in restored.stdout
    after = courtsafe(data, "clients", "list", "--limit", "1", "--format", "json")
    assert after.returncode == 0, after.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("backup", "verify", "missing.age"), "does not exist"),
        (("backup", "restore", "--yes", "README.md"), "not an encrypted CourtSafe backup"),
        (("backup", "restore", "--yes", "--to", "mysql://x/y", "README.md"),
         "not an encrypted CourtSafe backup"),
    ],
)
def test_user_errors_are_one_line_and_exit_1(
    office: tuple[Path, Path, Path], args: tuple[str, ...], message: str
) -> None:
    data, key, _ = office
    result = courtsafe(data, *args, "--identity", str(key))
    assert result.returncode == 1, result.stdout
    assert message in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_wrong_key_is_a_clear_error(office: tuple[Path, Path, Path], tmp_path: Path) -> None:
    data, _, backup = office
    from app.security.age_keys import generate_identity

    other = tmp_path / "other-key.txt"
    other.write_text(generate_identity().secret_key + "\n")
    result = courtsafe(data, "backup", "verify", str(backup), "--identity", str(other))
    assert result.returncode == 1
    assert "cannot be opened with this key" in result.stderr


def test_prune_dry_run_keeps_everything(office: tuple[Path, Path, Path]) -> None:
    data, _, backup = office
    result = courtsafe(data, "backup", "prune", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "Would delete 0, kept 1" in result.stdout
    assert backup.exists()


def test_backup_without_an_action_is_a_usage_error(office: tuple[Path, Path, Path]) -> None:
    result = courtsafe(office[0], "backup")
    assert result.returncode == 2
