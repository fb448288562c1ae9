"""CourtSafe: courthouse-safety case management for legal aid offices."""

from app.version import __version__

__all__ = ["__version__"]
