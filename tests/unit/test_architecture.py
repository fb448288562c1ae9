"""The import direction of STYLE.md: ui -> services -> storage/domain, Qt only in app/ui."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "app"


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def modules(package: str) -> list[Path]:
    return sorted((APP / package).rglob("*.py"))


@pytest.mark.parametrize("package", ["domain", "storage", "services", "documents", "security"])
def test_no_qt_outside_the_ui(package: str) -> None:
    offenders = [
        str(path.relative_to(APP))
        for path in modules(package)
        if any(name.startswith(("PySide6", "shiboken6")) for name in imports_of(path))
    ]
    assert offenders == []


@pytest.mark.parametrize("package", ["domain", "storage", "services", "documents", "security"])
def test_lower_layers_never_import_the_ui(package: str) -> None:
    offenders = [
        str(path.relative_to(APP))
        for path in modules(package)
        if any(name.startswith(("app.ui", "app.cli")) for name in imports_of(path))
    ]
    assert offenders == []


def test_domain_is_pure() -> None:
    offenders = [
        str(path.relative_to(APP))
        for path in modules("domain")
        if any(
            name.split(".")[0] in {"sqlalchemy", "app"}
            and not name.startswith(("app.domain", "app.paths"))
            for name in imports_of(path)
        )
    ]
    assert offenders == []


def test_the_ui_writes_no_sql() -> None:
    offenders = [
        str(path.relative_to(APP))
        for path in modules("ui")
        if any(name.startswith(("sqlalchemy", "app.storage")) for name in imports_of(path))
    ]
    assert offenders == []


def test_only_one_module_imports_the_sqlcipher_driver() -> None:
    """`sqlcipher_driver` turns SQLite's memory statistics off before any connection opens,
    which is safe only while every connection is opened through the driver it hands out."""
    offenders = [
        str(path.relative_to(APP))
        for path in sorted(APP.rglob("*.py"))
        if path.name != "sqlcipher_driver.py"
        and any(name.split(".")[0] == "sqlcipher3" for name in imports_of(path))
    ]
    assert offenders == []
