"""`python -m app` and the `courtsafe` command: the window by default, sub-commands for the rest."""

from __future__ import annotations

import sys


def main() -> None:
    from app.cli.main import run

    sys.exit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
