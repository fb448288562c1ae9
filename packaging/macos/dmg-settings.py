"""dmgbuild settings for the CourtSafe disk image.

Build on macOS after PyInstaller has produced dist/CourtSafe.app:

    python -m pip install dmgbuild
    dmgbuild -s packaging/macos/dmg-settings.py -D app=dist/CourtSafe.app \
        "CourtSafe" dist/CourtSafe-0.1.0.dmg
"""

import os.path

# `defines` is injected by dmgbuild from the -D options.
application = defines.get("app", "dist/CourtSafe.app")  # noqa: F821
appname = os.path.basename(application)

# Volume format: compressed, read-only.
format = defines.get("format", "UDZO")  # noqa: A001, F821
filesystem = "HFS+"
size = None

files = [application]
symlinks = {"Applications": "/Applications"}
badge_icon = os.path.join(
    os.path.dirname(os.path.abspath(application)), "..", "resources", "icons", "courtsafe.icns"
)
if not os.path.exists(badge_icon):
    badge_icon = None

# Window: the app on the left, the Applications link on the right, drag to install.
background = "builtin-arrow"
show_status_bar = False
show_tab_view = False
show_toolbar = False
show_pathbar = False
show_sidebar = False
window_rect = ((200, 120), (640, 300))
default_view = "icon-view"
icon_size = 128
text_size = 13
arrange_by = None
icon_locations = {
    appname: (160, 140),
    "Applications": (480, 140),
}
