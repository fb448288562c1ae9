"""Why a hearing is flagged: each reason with its weight and the policy or incident behind it."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from app.domain.enums import label
from app.services.risk import UpcomingItem
from app.ui.formatting import when_local
from app.ui.widgets.risk_badge import RiskBadge

DISCLAIMER = (
    "A heuristic to prompt a conversation with the client, not legal advice. It counts only "
    "what the office recorded."
)


class ReasonsPane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reasonsPane")
        self.heading = QLabel("Select a hearing to see why it is flagged.", self)
        self.heading.setObjectName("reasonsHeading")
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.heading.setFont(font)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.badge = RiskBadge(self)
        self.reasons = QTextBrowser(self)
        self.reasons.setObjectName("reasonsText")
        self.reasons.setAccessibleName("Reasons for the risk level")
        self.reasons.setOpenLinks(False)
        self.note = QLabel(DISCLAIMER, self)
        self.note.setObjectName("disclaimer")
        self.note.setWordWrap(True)
        italic = self.note.font()
        italic.setItalic(True)
        self.note.setFont(italic)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.badge)
        layout.addWidget(self.details)
        layout.addWidget(self.reasons, 1)
        layout.addWidget(self.note)

    def show_item(self, item: UpcomingItem | None) -> None:
        if item is None:
            self.heading.setText("Select a hearing to see why it is flagged.")
            self.details.clear()
            self.badge.set_level(None)
            self.reasons.clear()
            return
        hearing = item.hearing
        self.heading.setText(hearing.client_name)
        self.badge.set_level(item.assessment.level, item.assessment.score)
        room = f", courtroom {hearing.courtroom}" if hearing.courtroom else ""
        self.details.setText(
            f"{when_local(item.local_start)}\n{hearing.courthouse}{room}\n"
            f"{label(hearing.hearing_type)} · {label(hearing.court_kind)} court · "
            f"{label(hearing.mode).lower()} · docket {hearing.docket_number or '—'}"
        )
        self.reasons.setHtml(reasons_html(item))

    def reason_texts(self) -> list[str]:
        return [line for line in self.reasons.toPlainText().splitlines() if line.strip()]


def reasons_html(item: UpcomingItem) -> str:
    reasons = item.assessment.reasons
    if not reasons:
        return "<p>No risk factors were found in what the office recorded.</p>"
    rows = []
    for reason in reasons:
        sign = "+" if reason.weight >= 0 else ""
        weight = f"{sign}{reason.weight:g}" if reason.weight else "—"
        rows.append(
            "<tr>"
            f"<td style='padding:4px 8px 4px 0' width='52'><b>{escape(weight)}</b></td>"
            f"<td style='padding:4px 0'>{escape(reason.text)}"
            f"<br/><small>Source: {escape(reason.source)}</small></td>"
            "</tr>"
        )
    return (
        "<table cellspacing='0' width='100%'>"
        "<tr><th align='left'>Weight</th><th align='left'>Reason</th></tr>"
        + "".join(rows)
        + "</table>"
    )
