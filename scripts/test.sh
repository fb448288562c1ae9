#!/usr/bin/env bash
# Installs what is needed and runs the whole test suite: lint, types, (for a full run) the wheel
# and the Linux bundle built and self-tested outside the source tree, then pytest: unit,
# integration on SQLite and a throwaway PostgreSQL server, GUI offscreen.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1
export QT_QPA_PLATFORM=offscreen

.venv/bin/ruff check . || exit 1
.venv/bin/mypy || exit 1

# A full run (no arguments) also proves the installable forms work away from the source tree.
if [ $# -eq 0 ]; then
  bash scripts/package_check.sh || exit 1
fi

.venv/bin/python -m pytest "$@"
status=$?
if [ $status -eq 5 ]; then
  echo "pytest collected no tests: that is a failure here." >&2
  exit 1
fi
[ $status -eq 0 ] || exit $status
exit 0
