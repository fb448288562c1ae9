"""Starting the window loads no library it does not need before the first letter or backup."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import app.documents as documents

ROOT = Path(__file__).resolve().parents[2]
LOADED_ON_DEMAND = ("alembic", "reportlab", "jinja2", "PIL", "icalendar", "pypdf")

IMPORT_THE_WINDOW = """
import sys
import app.ui.launch
print(" ".join(sorted({name.split(".")[0] for name in sys.modules})))
"""


def test_importing_the_window_leaves_pdf_templates_and_migrations_unloaded() -> None:
    out = subprocess.run(
        [sys.executable, "-c", IMPORT_THE_WINDOW],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )
    loaded = set(out.stdout.split())
    assert "PySide6" in loaded and "sqlalchemy" in loaded
    assert loaded.isdisjoint(LOADED_ON_DEMAND), sorted(loaded & set(LOADED_ON_DEMAND))


def test_every_name_the_documents_package_offers_loads() -> None:
    assert sorted(documents.__all__) == sorted(documents._HOMES)
    for name in documents.__all__:
        assert getattr(documents, name) is not None, name
    assert documents.render_client_advisory.__module__ == "app.documents.client_advisory"
