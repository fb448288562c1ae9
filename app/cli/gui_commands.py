"""`courtsafe screenshot`: render a page of the window to PNG offscreen (docs and checks)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

from app.bootstrap import App

PAGES = ("upcoming", "calendar", "clients", "cases", "hearings", "courthouses", "incidents",
         "letters", "backups", "settings")


SMALLEST = (320, 240)
LARGEST = (3840, 2160)  # a 4K screen: 33 MB of pixels; 40000x40000 would take gigabytes


def parse_size(text: str) -> tuple[int, int]:
    """WIDTHxHEIGHT within what a screen shows, so a typo cannot take all the memory."""
    match = re.fullmatch(r"(\d{1,9})x(\d{1,9})", text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size; use WIDTHxHEIGHT, e.g. 1280x800")
    width, height = int(match.group(1)), int(match.group(2))
    if not (SMALLEST[0] <= width <= LARGEST[0] and SMALLEST[1] <= height <= LARGEST[1]):
        raise argparse.ArgumentTypeError(
            f"{width}x{height} is not a screen size; use one from {SMALLEST[0]}x{SMALLEST[1]} "
            f"to {LARGEST[0]}x{LARGEST[1]}"
        )
    return width, height


def register(commands: Any) -> None:
    shot = commands.add_parser(
        "screenshot", help="render a page of the window to a PNG file (offscreen)"
    )
    shot.add_argument("--page", required=True, choices=PAGES)
    shot.add_argument("--out", required=True, type=Path, metavar="FILE.png")
    shot.add_argument("--size", type=parse_size, default=(1280, 800), metavar="WxH")
    shot.set_defaults(handler=run_screenshot)


def run_screenshot(args: argparse.Namespace, app: App) -> int:
    from app.ui.screenshot import render_page

    out = render_page(app, args.page, args.out, args.size)
    print(f"Wrote {out}")
    return 0
