#!/usr/bin/env bash
# Installs what CourtSafe needs on this machine: system packages (Debian/Ubuntu, when run as root
# or with sudo) and a Python virtual environment in .venv with the app and its test tools.
set -euo pipefail
cd "$(dirname "$0")/.."

system_packages=(
  postgresql          # throwaway server for the storage tests on PostgreSQL
  poppler-utils       # pdftotext / pdftoppm: tests read the PDFs we produce
  age                 # tests prove stock `age` decrypts our backups
  khal                # tests prove a real calendar client reads our .ics export
  desktop-file-utils  # desktop-file-validate for packaging/
  appstream           # appstreamcli validate for packaging/
  libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0  # Qt offscreen
)

missing=()
for package in "${system_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null; then
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    echo "Installing system packages: ${missing[*]}"
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Please install: ${missing[*]}" >&2
  fi
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip 2>&1 | grep -v WARNING || true
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]" 2>&1 | grep -v WARNING || true
.venv/bin/python -c "import app, PySide6, sqlcipher3, pyrage, reportlab" \
  || { echo "The Python environment is incomplete; see the messages above." >&2; exit 1; }
