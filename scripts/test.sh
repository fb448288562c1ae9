#!/usr/bin/env bash
# Installs what is needed and runs the whole test suite: lint, types, then pytest (unit,
# integration on SQLite and a throwaway PostgreSQL server, GUI offscreen).
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1
export QT_QPA_PLATFORM=offscreen

.venv/bin/ruff check . || exit 1
.venv/bin/mypy || exit 1

.venv/bin/python -m pytest "$@"
status=$?
if [ $status -eq 5 ]; then
  echo "pytest collected no tests: that is a failure here." >&2
  exit 1
fi
exit $status
