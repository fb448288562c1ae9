"""PDF rendering cost: one letter under 50 ms; 500 advisories in one PDF under 5 s.

Run: .venv/bin/python tests/benchmarks/bench_documents.py [--runs 5] [--batch 500]
Prints the median (and min/max) of the runs for each document kind, after one warm-up run that
also pays the one-off font registration (reported separately). Not collected by pytest.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from app.documents import (
    render_advisory_batch,
    render_client_advisory,
    render_coalition_letter,
    render_court_request,
    render_recovery_kit,
    render_reminder_call_list,
)
from app.documents.client_advisory import sample_client_advisory
from app.documents.coalition_letter import sample_coalition_letter
from app.documents.court_request import sample_court_request
from app.documents.fonts import register_cjk_font, register_fonts
from app.documents.recovery_kit import sample_recovery_kit
from app.documents.reminder_call_list import sample_reminder_call_list


def timed(job: Callable[[], bytes], runs: int) -> tuple[list[float], int]:
    size = len(job())  # warm-up: template compilation, glyph caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return times, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()

    start = time.perf_counter()
    register_fonts()
    body_fonts = time.perf_counter() - start
    start = time.perf_counter()
    register_cjk_font()
    cjk_font = time.perf_counter() - start

    letter = sample_coalition_letter()
    letter_40 = sample_coalition_letter(40)
    advisory = sample_client_advisory("es")
    batch = [sample_client_advisory("es" if i % 2 else "en", f"Cliente {i}")
             for i in range(args.batch)]
    pages = 0

    def run_batch() -> bytes:
        nonlocal pages
        pdf = render_advisory_batch(batch)
        pages = pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page")
        return pdf

    jobs: list[tuple[str, Callable[[], bytes], float]] = [
        ("coalition letter (3 incidents)", lambda: render_coalition_letter(letter), 0.050),
        ("coalition letter (40 incidents)", lambda: render_coalition_letter(letter_40), 0.0),
        ("client advisory (es)", lambda: render_client_advisory(advisory), 0.050),
        ("court request", lambda: render_court_request(sample_court_request()), 0.050),
        ("reminder call list (30)", lambda: render_reminder_call_list(
            sample_reminder_call_list(30)), 0.0),
        ("recovery kit (QR encoding)", lambda: render_recovery_kit(sample_recovery_kit()), 0.0),
        (f"{args.batch} advisories, one PDF", run_batch, 5.0),
    ]
    print(f"font registration: body {body_fonts * 1000:.0f} ms, CJK {cjk_font * 1000:.0f} ms "
          "(once per process)")
    print(f"{'document':34} {'median':>10} {'min':>10} {'max':>10} {'size':>9}  target")
    for name, job, target in jobs:
        times, size = timed(job, args.runs)
        median = statistics.median(times)
        verdict = "" if not target else ("ok" if median < target else "OVER")
        print(f"{name:34} {median * 1000:8.1f}ms {min(times) * 1000:8.1f}ms "
              f"{max(times) * 1000:8.1f}ms {size / 1024:7.0f}kB  "
              f"{f'< {target * 1000:.0f} ms ' if target else ''}{verdict}")
    print(f"batch: {pages} pages")


if __name__ == "__main__":
    main()
