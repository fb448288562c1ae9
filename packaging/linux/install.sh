#!/usr/bin/env bash
# Install (or uninstall) the CourtSafe bundle for the current user, no root needed.
#   ./install.sh             copy this bundle to ~/.local/opt/CourtSafe and add the menu entry
#   ./install.sh --uninstall remove them again (the user's data directory is left alone)
set -euo pipefail

bundle="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
data_home="${XDG_DATA_HOME:-$HOME/.local/share}"
target="$HOME/.local/opt/CourtSafe"
bin_dir="$HOME/.local/bin"
app_id="org.courtsafe.CourtSafe"

remove_files() {
    rm -f "$bin_dir/courtsafe" "$data_home/applications/$app_id.desktop" "$data_home/metainfo/$app_id.metainfo.xml"
    find "$data_home/icons/hicolor" -name "$app_id.*" -delete 2>/dev/null || true
}

if [[ "${1:-}" == "--uninstall" ]]; then
    remove_files
    rm -rf "$target"
    echo "CourtSafe removed. Your data and backups were not touched."
    exit 0
fi

if [[ ! -x "$bundle/courtsafe" || ! -d "$bundle/share" ]]; then
    echo "install.sh: run the copy inside the built bundle (dist/CourtSafe/install.sh)" >&2
    exit 1
fi

remove_files
if [[ "$bundle" != "$target" ]]; then
    rm -rf "$target"
    mkdir -p "$(dirname "$target")"
    cp -a "$bundle" "$target"
fi
mkdir -p "$bin_dir"
ln -sf "$target/courtsafe" "$bin_dir/courtsafe"
cp -a "$target/share/." "$data_home/"
sed -i "s|^Exec=courtsafe|Exec=$target/courtsafe|" "$data_home/applications/$app_id.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data_home/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$data_home/icons/hicolor" || true
echo "CourtSafe installed in $target; start it from the applications menu or run: courtsafe"
