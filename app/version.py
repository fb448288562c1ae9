"""The one place the version lives: wheel metadata, --version, About, backups and PDFs read it."""

__version__ = "0.1.0"
