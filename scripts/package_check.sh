#!/usr/bin/env bash
# Builds the wheel and the Linux bundle once, installs/unpacks each away from the source tree and
# runs `courtsafe --self-test` on both. Used by CI after the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d /tmp/courtsafe-package-XXXXXX)
trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen

echo "== wheel"
.venv/bin/python -m pip install -q --disable-pip-version-check build 2>&1 | grep -v WARNING || true
.venv/bin/python -m build --wheel --outdir "$work/wheel" . > "$work/wheel.log" 2>&1 \
  || { cat "$work/wheel.log"; exit 1; }
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q --disable-pip-version-check "$work"/wheel/*.whl 2>&1 \
  | grep -v WARNING || true
(cd "$work" && "$work/venv/bin/courtsafe" --version && "$work/venv/bin/courtsafe" --self-test)

echo "== Linux bundle"
bash packaging/build_linux_bundle.sh > "$work/bundle.log" 2>&1 || { tail -40 "$work/bundle.log"; exit 1; }
cp -r "$root/dist/CourtSafe" "$work/CourtSafe"
(cd "$work" && "$work/CourtSafe/courtsafe" --version && "$work/CourtSafe/courtsafe" --self-test)

echo "== desktop files"
bash packaging/validate.sh
