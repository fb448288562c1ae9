#!/usr/bin/env bash
# Validate the Linux desktop entry and AppStream metainfo (no network access needed).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
desktop="$here/linux/org.courtsafe.CourtSafe.desktop"
metainfo="$here/linux/org.courtsafe.CourtSafe.metainfo.xml"

missing=()
command -v desktop-file-validate >/dev/null 2>&1 || missing+=("desktop-file-validate (package desktop-file-utils)")
command -v appstreamcli >/dev/null 2>&1 || missing+=("appstreamcli (package appstream)")
if ((${#missing[@]})); then
    printf 'validate.sh: missing tool: %s\n' "${missing[@]}" >&2
    echo "validate.sh: install them, e.g.: sudo apt-get install desktop-file-utils appstream" >&2
    exit 127
fi

echo "desktop-file-validate $desktop"
# desktop-file-validate exits 0 on warnings and hints: treat any output as a failure.
report="$(desktop-file-validate "$desktop" 2>&1)" || { echo "$report" >&2; exit 1; }
if [[ -n "$report" ]]; then
    echo "$report" >&2
    exit 1
fi

echo "appstreamcli validate --no-net $metainfo"
appstreamcli validate --no-net "$metainfo"

echo "validate.sh: desktop entry and metainfo are valid"
