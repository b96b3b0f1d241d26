"""The class report and a learner's HTML feedback in Korean, rendered in headless Chromium:
the DOM says it in Korean (rows graded in English, written again from their data), and the
screenshot shows Korean glyphs, not the empty boxes of a missing font."""

from __future__ import annotations

import subprocess
from pathlib import Path

from autograde.gradebook import Row
from autograde.i18n import Words
from autograde.reporters import feedback, report

from .conftest import ROOT, WRONG
from .test_report import CHROMIUM_FLAGS, Page, chromium

KOREAN = Words("ko", ROOT)


def _browser(tmp_path: Path) -> list[str]:
    return [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]


def _dom(base: list[str], page: Path) -> str:
    return subprocess.run([*base, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=60,
                          check=True).stdout


def _screenshot(base: list[str], page: Path, size: str = "1280,2000") -> bytes:
    png = page.with_suffix(".png")
    subprocess.run([*base, f"--screenshot={png}", f"--window-size={size}", page.as_uri()], capture_output=True,
                   timeout=60, check=True)
    from PIL import Image

    image = Image.open(png).convert("RGB")
    return image.tobytes()


def test_the_report_in_korean_renders_in_a_browser(rows: list[Row], tmp_path: Path) -> None:
    base = _browser(tmp_path)
    page = report.write(rows, tmp_path / "report.html", words=KOREAN)
    dom = _dom(base, page)
    assert '<html lang="ko">' in dom
    text = Page(dom).joined()
    for shown in ("autograde 수업 보고서", "학생", "점수 분포", "가장 흔한 실패", "소요 시간", "점수 구간별 학생 수",
                  "AND(#, #)을(를) 호출할 때 여러분의 코드가 ValueError을(를) 냈습니다: boom"):
        assert shown in text, shown
    assert "Most common failures" not in text and "Score distribution" not in text
    assert len(set(_screenshot(base, page))) > 50  # a page of text, tables and bars, not a blank one


def test_feedback_in_korean_renders_in_a_browser(rows: list[Row], tmp_path: Path) -> None:
    base = _browser(tmp_path)
    wrong = next(r for r in rows if r.student == WRONG)
    page = tmp_path / "feedback.html"
    page.write_text(feedback.html(wrong, KOREAN), encoding="utf-8")
    text = Page(_dom(base, page)).joined()
    for shown in ("Lee, \"Jay\"님의 피드백", "합계:", "힌트:", "테스트", "결과", "점수", "을(를) 호출했을 때:",
                  "여러분의 코드가 출력한 내용:"):
        assert shown in text, shown
    assert "When calling" not in text and "Hint:" not in text


def test_korean_glyphs_are_drawn_with_a_korean_font(tmp_path: Path) -> None:
    """Two different syllables draw differently. Characters no font has (two of Unicode's
    private use) are drawn as one same empty box: with no Korean font, so would 가 and 나."""
    base = _browser(tmp_path)
    shots = []
    for name, syllable in (("ga", "가"), ("na", "나"), ("private1", "\ue000"), ("private2", "\ue001")):
        page = tmp_path / f"{name}.html"
        page.write_text('<!DOCTYPE html><html lang="ko"><meta charset="utf-8"><body style="margin:0">'
                        f'<p style="font-size:160px;margin:0;font-family:sans-serif">{syllable}</p></body></html>',
                        encoding="utf-8")
        shots.append(_screenshot(base, page, "300,300"))
    assert shots[2] == shots[3]  # the method sees a missing glyph
    assert shots[0] != shots[1]
    assert len(set(shots[0])) > 1  # something was drawn
