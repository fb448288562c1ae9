"""Fonts, font runs and escaping: the single door through which text enters ReportLab markup."""

from __future__ import annotations

from reportlab.platypus import Paragraph

from app.documents.fonts import (
    CJK,
    FONTS_DIR,
    markup,
    register_cjk_font,
    register_fonts,
    split_runs,
    visual_order,
)
from app.documents.styles import build_styles


def test_fonts_and_licences_are_shipped() -> None:
    names = {path.name for path in FONTS_DIR.iterdir()}
    assert {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf",
            "DejaVuSansMono.ttf", "wqy-microhei.ttc",
            "LICENSE-DejaVu.txt", "LICENSE-WenQuanYi.txt"} <= names


def test_registration_is_idempotent() -> None:
    for _ in range(3):
        register_fonts()
        register_cjk_font()


def test_latin_greek_cyrillic_vietnamese_stay_in_the_body_font() -> None:
    for text in ("Víctor Rodríguez-Covarrubias", "Nguyễn Văn Thắng", "Ελένη", "Дмитрий"):
        assert [(run.text, run.cjk) for run in split_runs(text)] == [(text, False)]


def test_cjk_runs_are_split_out() -> None:
    runs = split_runs("Bruce 李小龙 Lee, 김민준 and ひらがな")
    assert [(run.text, run.cjk) for run in runs] == [
        ("Bruce ", False), ("李小龙 ", True), ("Lee, ", False), ("김민준 ", True),
        ("and ", False), ("ひらがな", True),
    ]


def test_markup_escapes_once_and_wraps_cjk() -> None:
    assert markup("Ali & <Sons>") == "Ali &amp; &lt;Sons&gt;"
    assert markup("R&D 李") == f'R&amp;D <font face="{CJK}">李</font>'
    assert markup("&amp;") == "&amp;amp;"  # already-escaped looking text is still literal


def test_escaped_markup_parses_to_the_literal_text() -> None:
    style = build_styles().body
    for text in ("Ali & <Sons>", "R&D <i>Ltd", '<img src="http://127.0.0.1:9/x">',
                 "<b>bold</b> &nbsp; <br/>", "O'Brien \"Junior\""):
        paragraph = Paragraph(markup(text), style)
        words = "".join(frag.text for frag in paragraph.frags)
        assert words == text


def test_rtl_runs_are_put_in_visual_order_with_marks_attached() -> None:
    assert visual_order("Sarah שלום כהן.") == "Sarah ןהכ םולש."
    assert visual_order("בְּ") == "בְּ"  # base letter keeps its points
    assert visual_order("plain") == "plain"


def test_amharic_runs_use_the_ethiopic_font_and_survive_extraction() -> None:
    import dataclasses
    import subprocess

    from app.documents.client_advisory import render_client_advisory, sample_client_advisory
    from app.documents.fonts import ETHIOPIC

    name = "ትዕግሥት አበበ"
    assert [(run.text, run.face) for run in split_runs(f"{name} Lee")] == [
        (f"{name} ", ETHIOPIC), ("Lee", "")
    ]
    pdf = render_client_advisory(
        dataclasses.replace(sample_client_advisory("en"), client_name=f"{name} 李小龙")
    )
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()
    assert f"{name} 李小龙" in text
