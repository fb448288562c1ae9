"""`python -m app` and the `courtsafe` command: the window by default, sub-commands for the rest."""

from __future__ import annotations

import gc
import sys


def main() -> None:
    # Starting builds some hundred thousand objects that live as long as the process, and the
    # collector rescanned them again and again: 150 ms of a 1.2 s start to the window. It stays
    # off until a command starts, or until the window is up and its first tasks are done (the
    # task runner then freezes what starting built and turns collection back on).
    gc.disable()
    from app.paths import use_private_umask

    use_private_umask()  # every file written from here on holds client data: 0600
    from app.cli.main import run

    sys.exit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
