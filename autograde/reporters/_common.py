"""What the class-level writers (exports, feedback, report) share: safe and distinct file
names for students, numbers without float noise, and the frame of a self-contained page."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from html import escape
from typing import Iterable, Iterator

from autograde.results import ExerciseResult, Result, TestResult

# Characters never used in a file name: path separators, characters Windows refuses (an
# instructor may unzip the exports there), and "~", kept for the disambiguating suffix
# so that a sanitised name can never equal another student's suffixed one.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f/\\:*?"<>|~]')
_WINDOWS_DEVICES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
_MAX_NAME = 80  # characters; Korean takes 3 bytes each, and file systems allow 255 bytes


def file_names(students: Iterable[str], *, reserved: Iterable[str] = ()) -> dict[str, str]:
    """A file name stem for each student: no path separator, no control character, not
    ``.`` or ``..``, at most 80 characters, and distinct even on case-insensitive file
    systems. Names that sanitise alike (``a/b`` and ``a_b``, ``Kim`` and ``kim``), or like
    a ``reserved`` stem (``index``), each get ``~`` and a hash of the original name, so no
    student's file overwrites another's and the same class always gets the same names."""
    stems = {student: _sanitise(student) for student in dict.fromkeys(students)}
    taken: dict[str, int] = {}
    for stem in [*stems.values(), *reserved]:
        taken[stem.casefold()] = taken.get(stem.casefold(), 0) + 1
    return {
        student: stem if taken[stem.casefold()] == 1 else f"{stem}~{hashlib.sha256(student.encode()).hexdigest()[:10]}"
        for student, stem in stems.items()
    }


def _sanitise(name: str) -> str:
    stem = _UNSAFE.sub("_", unicodedata.normalize("NFC", name)).strip()[:_MAX_NAME]
    stem = re.sub(r"^\.", "_", stem).rstrip(". ")  # no hidden file, no "..", no trailing dot (Windows)
    if not stem:
        return "_"
    return f"_{stem}" if stem.split(".")[0].casefold() in _WINDOWS_DEVICES else stem


def number(value: float, places: int = 4) -> str:
    """A number as people write it: 18.0 -> '18', 17.5 -> '17.5', 0.1 + 0.2 -> '0.3'."""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def percent(score: float, max_score: float) -> float:
    """``score`` as a percentage of ``max_score`` (0 when nothing could be scored)."""
    return 100 * score / max_score if max_score else 0.0


def tests_of(result: Result) -> Iterator[tuple[ExerciseResult, TestResult]]:
    """Every test of ``result`` with its exercise, in course order."""
    for exercise in result.exercises:
        for test in exercise.tests:
            yield exercise, test


def exercise_notes(exercise: ExerciseResult) -> tuple[str, ...]:
    """What loading noticed about one exercise's module (not every result has such notes)."""
    return tuple(getattr(exercise, "notes", ()))


# Nothing on a page may load or run anything: styles are inline, pictures are inline SVG.
# Escaping keeps learner text out of the markup; this policy is the second wall behind it.
_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
_BASE_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans KR", sans-serif;
       margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #1f2328; background: #fff; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; }
h3 { font-size: 1.05rem; margin-bottom: .3rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #d0d7de; padding: .25rem .6rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
pre { background: #f6f8fa; border: 1px solid #d0d7de; padding: .6rem; overflow-x: auto; white-space: pre-wrap; }
p { white-space: pre-line; }
.passed { color: #1a7f37; } .failed, .error { color: #cf222e; } .timeout { color: #9a6700; }
.not_attempted, .skipped, .muted { color: #656d76; }
"""


def html_page(title: str, body: str, css: str = "", language: str = "en") -> str:
    """A complete, self-contained UTF-8 HTML page in ``language``: ``title`` is escaped
    here, ``body`` and ``css`` must already be markup."""
    return (
        f"<!DOCTYPE html>\n<html lang=\"{escape(language)}\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{_POLICY}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{escape(title)}</title>\n<style>{_BASE_CSS}{css}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )
