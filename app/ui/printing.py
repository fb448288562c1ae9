"""Printing a page's list through the system print dialog."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget


def print_html(parent: QWidget, title: str, html: str) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"Print {title.lower()}")
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return
    document = QTextDocument()
    document.setHtml(html)
    document.print_(printer)
