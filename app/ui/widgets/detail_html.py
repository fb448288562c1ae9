"""HTML for the read-only detail panes: a title, label/value rows and titled sections.

Every value is escaped here, once.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape


def detail_html(
    title: str,
    rows: Iterable[tuple[str, str]],
    sections: Iterable[tuple[str, list[str]]] = (),
    *,
    subtitle: str = "",
) -> str:
    parts = [f"<h2 style='margin-bottom:2px'>{escape(title)}</h2>"]
    if subtitle:
        parts.append(f"<p style='margin-top:0'>{escape(subtitle)}</p>")
    body = "".join(
        f"<tr><td style='padding:2px 12px 2px 0' valign='top'><b>{escape(label)}</b></td>"
        f"<td style='padding:2px 0'>{escape(value).replace(chr(10), '<br/>')}</td></tr>"
        for label, value in rows
        if value
    )
    parts.append(f"<table cellspacing='0'>{body}</table>")
    for heading, lines in sections:
        parts.append(f"<h3 style='margin-bottom:2px'>{escape(heading)}</h3>")
        if lines:
            parts.append("<ul>" + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>")
        else:
            parts.append("<p>None recorded.</p>")
    return "".join(parts)
