"""The newest schema revision the start-up check knows without Alembic is the newest file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic.script import ScriptDirectory

from app.storage import migrations

ROOT = Path(__file__).resolve().parents[2]

CHECK_CURRENT = """
import sys, tempfile, pathlib
from sqlalchemy import create_engine, text
from app.storage import migrations
path = pathlib.Path(tempfile.mkdtemp()) / "current.db"
engine = create_engine(f"sqlite:///{path}")
with engine.begin() as c:
    c.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
    c.execute(text("INSERT INTO alembic_version VALUES (:v)"), {"v": sys.argv[1]})
assert migrations.upgrade(engine) is False
print(sorted(m for m in sys.modules if m.split(".")[0] == "alembic"))
"""


def test_head_revision_is_the_newest_migration_file() -> None:
    scripts = ScriptDirectory.from_config(migrations.alembic_config())
    assert scripts.get_current_head() == migrations.HEAD_REVISION == migrations.head_revision()


def test_opening_a_current_database_imports_no_alembic() -> None:
    out = subprocess.run(
        [sys.executable, "-c", CHECK_CURRENT, migrations.HEAD_REVISION],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )
    assert out.stdout.strip() == "[]"
