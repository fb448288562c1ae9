#!/usr/bin/env bash
# Build the one-folder Linux bundle dist/CourtSafe/ from packaging/courtsafe.spec.
#   packaging/build_linux_bundle.sh            # uses .venv/bin/python
#   PYTHON=/path/to/python packaging/build_linux_bundle.sh
# Then: dist/CourtSafe/courtsafe --self-test   and   packaging/linux/install.sh (per-user install).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${PYTHON:-$root/.venv/bin/python}"
cd "$root"

if ! "$python" -c "import PyInstaller" >/dev/null 2>&1; then
    echo "Installing PyInstaller into $("$python" -c 'import sys; print(sys.prefix)')"
    "$python" -m pip install --quiet "pyinstaller>=6.10"
fi

"$python" -m PyInstaller --noconfirm --clean \
    --distpath "$root/dist" --workpath "$root/build/pyinstaller" \
    "$root/packaging/courtsafe.spec"

# Desktop integration files travel with the bundle; packaging/linux/install.sh puts them in place.
share="$root/dist/CourtSafe/share"
rm -rf "$share"
install -Dm644 packaging/linux/org.courtsafe.CourtSafe.desktop "$share/applications/org.courtsafe.CourtSafe.desktop"
install -Dm644 packaging/linux/org.courtsafe.CourtSafe.metainfo.xml "$share/metainfo/org.courtsafe.CourtSafe.metainfo.xml"
for size in 16 32 48 64 128 256 512; do
    install -Dm644 "resources/icons/courtsafe-$size.png" \
        "$share/icons/hicolor/${size}x${size}/apps/org.courtsafe.CourtSafe.png"
done
install -Dm644 resources/icons/courtsafe.svg "$share/icons/hicolor/scalable/apps/org.courtsafe.CourtSafe.svg"
install -Dm755 packaging/linux/install.sh "$root/dist/CourtSafe/install.sh"

echo "Built $root/dist/CourtSafe/ (run: dist/CourtSafe/courtsafe --self-test)"
