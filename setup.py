"""Ship resources/ and db/ inside the wheel as app/_resources and app/_db.

The source tree keeps them at the top level (the project layout); an installed CourtSafe finds them
next to its package (app.paths), never through the source tree.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SHIPPED = {"resources": "_resources", "db": "_db"}


class BuildWithResources(build_py):  # type: ignore[misc]
    def run(self) -> None:
        super().run()
        for source, target in SHIPPED.items():
            destination = Path(self.build_lib) / "app" / target
            shutil.rmtree(destination, ignore_errors=True)
            shutil.copytree(ROOT / source, destination,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildWithResources})
