#!/usr/bin/env bash
# Installs what is needed, builds a demo office (once) in ~/CourtSafe-demo and opens the app on it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
demo_dir=${COURTSAFE_DEMO_DIR:-$HOME/CourtSafe-demo}
# The demo data is synthetic; on a machine without a keyring its file is locked with this passphrase.
export COURTSAFE_PASSPHRASE=${COURTSAFE_PASSPHRASE:-demo-passphrase}
if [ ! -s "$demo_dir/courtsafe.db" ]; then
  .venv/bin/python -m app --data-dir "$demo_dir" demo --clients 2000 --hearings 10000
fi
exec .venv/bin/python -m app --data-dir "$demo_dir" "$@"
