"""Feedback for one student, in Markdown and in HTML: the total, a table of tests per
exercise, and for each test that did not pass what was called, expected vs got, the hint
and what the learner's code printed.

What a learner may see of each test is :mod:`autograde.reporters.visibility`'s rule (a
hidden test: its name, outcome and points). Both formats are rendered from one list of
blocks, so they always say the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Sequence

from autograde.gradebook import Row, RowStatus
from autograde.reporters._common import exercise_notes, file_names, html_page, number, percent
from autograde.reporters.terminal import LABEL
from autograde.reporters.visibility import HIDDEN_DETAILS, hidden_note, label, visible
from autograde.results import Result, Status, TestResult

FORMATS = ("md", "html")

_NOT_GRADED = {
    RowStatus.UNREADABLE: "Your submission could not be read, so every test scored 0.",
    RowStatus.CRASHED: "Grading stopped before your submission was graded, so every test scored 0; "
                       "ask your instructor to grade it again.",
    RowStatus.TIMED_OUT: "Grading your submission took longer than the class's time limit, so every test "
                         "scored 0.",
}


@dataclass(frozen=True)
class _Heading:
    level: int
    text: str
    status: Status | None = None


@dataclass(frozen=True)
class _Text:
    text: str = ""
    label: str = ""  # shown in bold before the text


@dataclass(frozen=True)
class _Code:
    text: str


@dataclass(frozen=True)
class _Table:
    header: tuple[str, ...]
    rows: tuple[tuple[Status, tuple[str, ...]], ...]


@dataclass(frozen=True)
class _List:
    items: tuple[str, ...]


_Block = _Heading | _Text | _Code | _Table | _List


def markdown(row: Row) -> str:
    """The feedback for ``row``'s student as a Markdown document."""
    return _to_markdown(_document(row))


def html(row: Row) -> str:
    """The feedback for ``row``'s student as a self-contained HTML page."""
    return html_page(f"Feedback for {row.student}", _to_html(_document(row)))


def summary_markdown(row: Row) -> str:
    """The head of the feedback (total, why it was not graded, loading notes) in Markdown."""
    return _to_markdown(_head(row))


def details_markdown(test: TestResult) -> str:
    """What a learner may see of why ``test`` did not pass, in Markdown ("" when passed)."""
    return _to_markdown(_details(test)) if test.status is not Status.PASSED else ""


def details_text(test: TestResult) -> str:
    """What a learner may see of why ``test`` did not pass, as plain text: its message and
    hint ("" when passed)."""
    if test.status is Status.PASSED:
        return ""
    shown = visible(test)
    return shown.message + (f"\nHint: {shown.hint}" if shown.hint else "")


def write(rows: Sequence[Row], out_dir: Path, *, formats: Sequence[str] = FORMATS) -> list[Path]:
    """Write ``<student>.md`` and/or ``<student>.html`` per row into ``out_dir``; return the paths."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown feedback format(s) {', '.join(map(repr, unknown))}: use {' or '.join(FORMATS)}")
    render = {"md": markdown, "html": html}
    out_dir.mkdir(parents=True, exist_ok=True)
    names = file_names(row.student for row in rows)
    written = []
    for row in rows:
        for fmt in formats:
            path = out_dir / f"{names[row.student]}.{fmt}"
            path.write_text(render[fmt](row), encoding="utf-8")
            written.append(path)
    return written


# ---- the document, once --------------------------------------------------------------


def _document(row: Row) -> list[_Block]:
    blocks: list[_Block] = [_Heading(1, f"Feedback for {row.student}"), *_head(row)]
    for exercise in row.result.exercises:
        blocks.append(_Heading(2, f"{exercise.name}: {number(exercise.score)} / {number(exercise.max_score)}"))
        notes = exercise_notes(exercise)
        if notes:
            blocks.append(_List(notes))
        blocks.append(_Table(("test", "outcome", "points"), tuple(
            (t.status, (label(t), LABEL[t.status],
                        f"{number(t.score)} / {number(t.max_score)}"))
            for t in exercise.tests
        )))
        for test in exercise.tests:
            if test.status is not Status.PASSED:
                blocks += [_Heading(3, f"{test.name} ({LABEL[test.status]})", test.status), *_details(test)]
    return blocks


def _head(row: Row) -> list[_Block]:
    result = row.result
    blocks: list[_Block] = [_Text(_total(result), label="Total:")]
    if row.status is not RowStatus.GRADED:
        blocks.append(_Text(f"{_NOT_GRADED[row.status]}\n{row.error}".strip(), label="Not graded:"))
    if result.notes:
        blocks += [_Text(label="While reading your submission:"), _List(result.notes)]
    note = hidden_note(result)
    if note and result.hidden_tests_not_run:
        blocks.append(_Text(note))
    return blocks


def _total(result: Result) -> str:
    share = number(percent(result.score, result.max_score), 1)
    return f"{number(result.score)} / {number(result.max_score)} ({share}%)"


def _details(test: TestResult) -> list[_Block]:
    test = visible(test)
    if test.message == HIDDEN_DETAILS:
        return [_Text(HIDDEN_DETAILS)]
    blocks: list[_Block] = []
    if test.message:
        blocks.append(_Code(test.message))
    if test.hint:
        blocks.append(_Text(test.hint, label="Hint:"))
    if test.output.strip():
        blocks += [_Text(label="Your code printed:"), _Code(test.output.rstrip())]
    if test.warnings:
        blocks += [_Text(label="Warnings from your code:"), _List(test.warnings)]
    return blocks


# ---- Markdown ---------------------------------------------------------------------------


def _to_markdown(blocks: Sequence[_Block]) -> str:
    return "\n\n".join(_markdown_block(b) for b in blocks) + "\n"


def _markdown_block(block: _Block) -> str:
    match block:
        case _Heading(level, text):
            return f"{'#' * level} {markdown_text(text)}"
        case _Text(text, label):
            return " ".join(part for part in (f"**{markdown_text(label)}**" if label else "", markdown_text(text)) if part)
        case _Code(text):
            fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", text)), default=0))
            return f"{fence}text\n{text}\n{fence}"
        case _Table(header, rows):
            lines = [header, tuple("---" for _ in header), *(cells for _, cells in rows)]
            return "\n".join("| " + " | ".join(markdown_text(" ".join(c.split())) for c in line) + " |" for line in lines)
        case _List(items):
            return "\n".join("- " + markdown_text(item).replace("\n", "\n  ") for item in items)
    raise TypeError(f"not a feedback block: {block!r}")


def markdown_text(text: str) -> str:
    """``text`` as literal Markdown text: characters that would start markup (emphasis,
    links, HTML, table cells, code) are escaped; an underscore inside a word is left alone
    (CommonMark does not read it as emphasis), so ``test_step_values`` stays readable."""
    return re.sub(r"[\\`*\[\]<>|#]|(?<!\w)_|_(?!\w)", lambda m: "\\" + m.group(0), text)


# ---- HTML -------------------------------------------------------------------------------


def _to_html(blocks: Sequence[_Block]) -> str:
    return "\n".join(_html_block(b) for b in blocks)


def _html_block(block: _Block) -> str:
    match block:
        case _Heading(level, text, status):
            css = f' class="{status.value}"' if status else ""
            return f"<h{level}{css}>{escape(text)}</h{level}>"
        case _Text(text, label):
            strong = f"<strong>{escape(label)}</strong>" if label else ""
            return "<p>" + " ".join(part for part in (strong, escape(text)) if part) + "</p>"
        case _Code(text):
            return f"<pre><code>{escape(text)}</code></pre>"
        case _Table(header, rows):
            head = "".join(f"<th>{escape(h)}</th>" for h in header)
            body = "\n".join(f'<tr class="{status.value}">' + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>"
                             for status, cells in rows)
            return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"
        case _List(items):
            return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"
    raise TypeError(f"not a feedback block: {block!r}")
