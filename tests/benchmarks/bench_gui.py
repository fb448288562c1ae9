"""Window benchmarks: cold start to a usable window, and resident memory with a big office open.

    COURTSAFE_PASSPHRASE=bench .venv/bin/python tests/benchmarks/bench_gui.py \\
        --data-dir /tmp/big100k [--data-dir-1m /tmp/big]

Each start is a fresh process (offscreen). "Usable" means the main window is shown and the Upcoming
page has loaded its hearings with their risk levels. The floor is a bare Python process that
imports PySide6 and shows an empty window. Medians of 5 starts.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import gc, json, os, sys, time
started = time.perf_counter()
gc.disable()  # as app.__main__ starts
sys.path.insert(0, {root!r})
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from app.bootstrap import OpenOptions, open_app
from app.ui.launch import create_qapplication
from app.ui.context import UiContext
from app.ui.main_window import MainWindow
from app.ui.notifier import Notifier
from app.ui.screenshot import settle
from app.ui.tasks import TaskRunner
from app.security.secrets import install_memory_keyring
from app.services.database import key_name
keyring = install_memory_keyring()  # the desktop case: a random key kept in the OS keyring
keyring.set_password("CourtSafe", key_name(Path({data_dir!r}) / "courtsafe.db"), {key_hex!r})
qt = create_qapplication()
app = open_app(OpenOptions(data_dir=Path({data_dir!r})))
runner = TaskRunner(lambda error: None)
window = MainWindow(UiContext(app, runner, Notifier()))
window.resize(1280, 800)
window.show()
window.show_page("upcoming")
runner.window_ready()  # as app.ui.launch.run_gui
shown = time.perf_counter() - started
settle(runner, timeout=120, quiet=0.05)
usable = time.perf_counter() - started - 0.05
rss = 0
for line in open("/proc/self/status"):
    if line.startswith("VmRSS:"):
        rss = int(line.split()[1]) // 1024
print(json.dumps({{"shown": shown, "usable": usable, "rss_mb": rss}}))
"""

FLOOR = r"""
import json, os, time
started = time.perf_counter()
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication, QMainWindow
qt = QApplication([])
window = QMainWindow(); window.resize(1280, 800); window.show(); qt.processEvents()
print(json.dumps({"shown": time.perf_counter() - started}))
"""


def child(code: str) -> dict[str, float]:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, env=os.environ.copy())
    data: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    data["process"] = time.perf_counter() - started
    return data


def keyring_copy(source: Path, target: Path) -> str:
    """A copy of the office re-keyed with a random key, as a desk with a keyring has it."""
    import secrets
    import shutil

    from app.storage.sqlcipher_driver import sqlcipher

    key = secrets.token_bytes(32).hex()
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    connection = sqlcipher.connect(str(source / "courtsafe.db"))
    passphrase = os.environ["COURTSAFE_PASSPHRASE"].replace("'", "''")
    connection.execute(f"PRAGMA key = '{passphrase}'")
    connection.execute("ATTACH DATABASE ? AS copy KEY \"x'" + key + "'\"",
                       (str(target / "courtsafe.db"),))
    connection.execute("SELECT sqlcipher_export('copy')")
    connection.execute("DETACH DATABASE copy")
    connection.close()
    return key


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, required=True, help="a 100k-hearing office")
    parser.add_argument("--data-dir-1m", type=Path, help="a 1M-hearing office (memory)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    copy = Path("/tmp/courtsafe-bench-gui-100k")
    key = keyring_copy(args.data_dir, copy)
    runs = [child(CHILD.format(root=str(ROOT), data_dir=str(copy), key_hex=key))
            for _ in range(args.runs)]
    floor = [child(FLOOR) for _ in range(args.runs)]
    rows = [
        ("cold start, window shown (s)", statistics.median(r["shown"] for r in runs),
         statistics.median(f["shown"] for f in floor), "< 1 s"),
        ("cold start, Upcoming loaded with risk levels (s)",
         statistics.median(r["usable"] for r in runs),
         statistics.median(f["shown"] for f in floor), "< 1 s"),
        ("resident memory, 100k-hearing office (MB)",
         statistics.median(r["rss_mb"] for r in runs), None, ""),
    ]
    if args.data_dir_1m:
        copy_1m = Path("/tmp/courtsafe-bench-gui-1m")
        key_1m = keyring_copy(args.data_dir_1m, copy_1m)
        big = [child(CHILD.format(root=str(ROOT), data_dir=str(copy_1m), key_hex=key_1m))
               for _ in range(3)]
        rows.append(("resident memory, 1M-hearing office open (MB)",
                     statistics.median(r["rss_mb"] for r in big), None, "< 300 MB"))
        rows.append(("cold start, 1M-hearing office, Upcoming loaded (s)",
                     statistics.median(r["usable"] for r in big), None, ""))
    print(f"\nCourtSafe window benchmarks, medians of {args.runs} fresh processes\n")
    print(f"{'measure':52} {'CourtSafe':>10} {'bare Qt window':>15}  target")
    for name, ours, base, target in rows:
        base_text = f"{base:.2f}" if base is not None else ""
        print(f"{name:52} {ours:10.2f} {base_text:>15}  {target}")


if __name__ == "__main__":
    main()
