"""Frozen-bundle entry point: runs the same main() as `python -m app` and the `courtsafe` script."""

import sys

from app.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
