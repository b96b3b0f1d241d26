"""Feedback for one student, in Markdown and in HTML: the total, a table of tests per
exercise, and for each test that did not pass what was called, expected vs got, the hint
and what the learner's code printed.

What a learner may see of each test is :mod:`autograde.reporters.visibility`'s rule (a
hidden test: its name, outcome and points); tests that did not pass for one reason are
said once, with the tests it cost (:mod:`autograde.reporters.grouping`). Both formats are
rendered from one list of blocks, so they always say the same.

Text a learner wrote or chose (messages, output, names, file names) is inert in both: in
Markdown every character that could start markup is escaped, and messages and output are
code blocks. Our own sentences (hints) keep their backtick code spans as code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Sequence

from autograde.gradebook import Row, RowStatus
from autograde.i18n import N_, Words
from autograde.reporters import grouping
from autograde.reporters._common import exercise_notes, file_names, html_page, number, percent
from autograde.reporters.visibility import ENGLISH, hidden_details, hidden_note, label, localized, outcome, visible
from autograde.results import Result, Status, TestResult

FORMATS = ("md", "html")
NOT_PASSED = tuple(status for status in Status if status is not Status.PASSED)  # the outcomes explained

_NOT_GRADED = {
    RowStatus.UNREADABLE: N_("Your submission could not be read, so every test scored 0."),
    RowStatus.CRASHED: N_("Grading stopped before your submission was graded, so every test scored 0; "
                          "ask your instructor to grade it again."),
    RowStatus.TIMED_OUT: N_("Grading your submission took longer than the class's time limit, so every test "
                            "scored 0."),
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
    code_spans: bool = False  # our own text: its backtick spans are code


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


def markdown(row: Row, words: Words = ENGLISH) -> str:
    """The feedback for ``row``'s student as a Markdown document in ``words``' language."""
    return _to_markdown(_document(row, words))


def html(row: Row, words: Words = ENGLISH) -> str:
    """The feedback for ``row``'s student as a self-contained HTML page."""
    _ = words
    return html_page(_("Feedback for {student}", student=row.student), _to_html(_document(row, words)),
                     language=words.language)


def summary_markdown(row: Row, words: Words = ENGLISH) -> str:
    """The head of the feedback (total, why it was not graded, loading notes) in Markdown."""
    return _to_markdown(_head(row, words))


def details_markdown(test: TestResult, words: Words = ENGLISH) -> str:
    """What a learner may see of why ``test`` did not pass, in Markdown ("" when passed)."""
    return _to_markdown(_details(test, words)) if test.status is not Status.PASSED else ""


def problem_markdown(problem: grouping.Problem, words: Words = ENGLISH) -> str:
    """What a learner may see of one problem in Markdown: its details, then the tests it
    cost when there are several."""
    return _to_markdown(_problem(problem, words))


def details_text(test: TestResult, words: Words = ENGLISH) -> str:
    """What a learner may see of why ``test`` did not pass, as plain text: its message and
    hint ("" when passed)."""
    _ = words
    if test.status is Status.PASSED:
        return ""
    shown = visible(test, words=words)
    return shown.message + ("\n" + _("Hint:") + f" {shown.hint}" if shown.hint else "")


def write(rows: Sequence[Row], out_dir: Path, *, formats: Sequence[str] = FORMATS,
          words: Words = ENGLISH) -> list[Path]:
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
            path.write_text(render[fmt](row, words), encoding="utf-8")
            written.append(path)
    return written


# ---- the document, once --------------------------------------------------------------


def _document(row: Row, words: Words) -> list[_Block]:
    _ = words
    blocks: list[_Block] = [_Heading(1, _("Feedback for {student}", student=row.student)), *_head(row, words)]
    for exercise in localized(row.result, words).exercises:
        blocks.append(_Heading(2, f"{exercise.name}: {number(exercise.score)} / {number(exercise.max_score)}"))
        notes = exercise_notes(exercise)
        if notes:
            blocks.append(_List(notes))
        blocks.append(_Table((_("test"), _("outcome"), _("points")), tuple(
            (t.status, (label(t, words), outcome(t.status, words),
                        f"{number(t.score)} / {number(t.max_score)}"))
            for t in exercise.tests
        )))
        for problem in grouping.problems(exercise.tests, statuses=NOT_PASSED, words=words):
            test = problem.shown
            heading = (grouping.title(problem, words) if problem.shared
                       else f"{test.name} ({outcome(test.status, words)})")
            blocks += [_Heading(3, heading, test.status), *_problem(problem, words)]
    return blocks


def _head(row: Row, words: Words) -> list[_Block]:
    _ = words
    result = row.result
    blocks: list[_Block] = [_Text(_total(result), label=_("Total:"))]
    if row.status is not RowStatus.GRADED:
        blocks.append(_Text(f"{_(_NOT_GRADED[row.status])}\n{row.error}".strip(), label=_("Not graded:")))
    if result.notes:
        blocks += [_Text(label=_("While reading your submission:")), _List(result.notes)]
    note = hidden_note(result, words=words)
    if note and result.hidden_tests_not_run:
        blocks.append(_Text(note))
    return blocks


def _total(result: Result) -> str:
    share = number(percent(result.score, result.max_score), 1)
    return f"{number(result.score)} / {number(result.max_score)} ({share}%)"


def _details(test: TestResult, words: Words) -> list[_Block]:
    _ = words
    test = visible(test, words=words)
    if hidden_details(test, words):
        return [_Text(test.message)]
    blocks: list[_Block] = []
    if test.message:
        blocks.append(_Code(test.message))
    if test.hint:
        blocks.append(_Text(test.hint, label=_("Hint:"), code_spans=True))
    if test.output.strip():
        blocks += [_Text(label=_("Your code printed:")), _Code(test.output.rstrip())]
    if test.warnings:
        blocks += [_Text(label=_("Warnings from your code:")), _List(test.warnings)]
    return blocks


def _problem(problem: grouping.Problem, words: Words) -> list[_Block]:
    blocks = _details(problem.shown, words)
    if problem.shared:
        blocks += [_Text(label=grouping.cost(words)),
                   _List(tuple(grouping.cost_line(t, words) for t in problem.tests))]
    return blocks


# ---- Markdown ---------------------------------------------------------------------------


def _to_markdown(blocks: Sequence[_Block]) -> str:
    return "\n\n".join(_markdown_block(b) for b in blocks) + "\n"


def _markdown_block(block: _Block) -> str:
    match block:
        case _Heading(level, text):
            return f"{'#' * level} {markdown_text(text)}"
        case _Text(text, label, code):
            shown = markdown_with_code(text) if code else markdown_text(text)
            return " ".join(part for part in (f"**{markdown_text(label)}**" if label else "", shown) if part)
        case _Code(text):
            return f"{_fence(text, 3)}text\n{text}\n{_fence(text, 3)}"
        case _Table(header, rows):
            lines = ["| " + " | ".join(markdown_text(" ".join(c.split())) for c in cells) + " |"
                     for cells in (header, *(cells for _, cells in rows))]
            return "\n".join([lines[0], "| " + " | ".join("---" for _ in header) + " |", *lines[1:]])
        case _List(items):
            return "\n".join("- " + markdown_text(item).replace("\n", "\n  ") for item in items)
    raise TypeError(f"not a feedback block: {block!r}")


_MARKUP = re.compile(r"[\\`*\[\]<>|#&~]|(?<![^\W_])_|_(?![^\W_])")
_LINE_START = re.compile(r"^([ \t]*)([-+=]|\d{1,9}(?=[.)]))", re.MULTILINE)  # a list item or a heading's rule
_TICKS = re.compile(r"`+")


def markdown_text(text: str) -> str:
    """``text`` as literal Markdown text: characters that would start markup (emphasis,
    strikethrough, links, HTML, entities, table cells, code) are escaped, and so is what
    would start a list or underline a heading at the start of a line. An underscore between
    two letters or digits is left alone (CommonMark never reads it as emphasis), so
    ``test_step_values`` stays readable, while ``__name__`` does not turn italic."""
    escaped = _MARKUP.sub(lambda m: "\\" + m.group(0), text)
    return _LINE_START.sub(lambda m: f"{m.group(1)}{m.group(2)}\\" if m.group(2)[0].isdigit()
                           else f"{m.group(1)}\\{m.group(2)}", escaped)


def markdown_code(text: str) -> str:
    """``text`` as one Markdown code span, whatever backticks it holds: fenced by a longer
    run of backticks, and padded with a space where a backtick or a space would touch the
    fence (CommonMark strips one such space on each side)."""
    text = " ".join(text.splitlines())
    pad = " " if text.startswith("`") or text.endswith("`") or (text[:1] == text[-1:] == " " and text.strip()) else ""
    return f"{_fence(text, 1)}{pad}{text}{pad}{_fence(text, 1)}" if text else ""


def markdown_with_code(text: str) -> str:
    """Our own ``text`` (a hint) as Markdown: its backtick code spans stay code spans,
    everything else is literal (:func:`markdown_text`)."""
    return "".join(markdown_code(part) if code else markdown_text(part) for part, code in code_spans(text))


def code_spans(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into ``(part, is_code)`` as CommonMark reads backtick code spans: a run
    of backticks opens one and the next run of the same length closes it; a run that no
    other closes is literal text. A code span's content is as CommonMark shows it (lines
    joined by spaces, one space stripped from each side when both have one)."""
    parts: list[tuple[str, bool]] = []
    start = pos = 0
    while opening := _TICKS.search(text, pos):
        closing = next((run for run in _TICKS.finditer(text, opening.end())
                        if len(run.group()) == len(opening.group())), None)
        if closing is None:
            pos = opening.end()
            continue
        code = " ".join(text[opening.end():closing.start()].splitlines())
        if code[:1] == code[-1:] == " " and code.strip():
            code = code[1:-1]
        parts += [(text[start:opening.start()], False), (code, True)]
        start = pos = closing.end()
    parts.append((text[start:], False))
    return [(part, code) for part, code in parts if part]


def _fence(text: str, shortest: int) -> str:
    """A run of backticks longer than any in ``text``, and at least ``shortest`` long."""
    return "`" * max(shortest, 1 + max((len(run) for run in _TICKS.findall(text)), default=0))


# ---- HTML -------------------------------------------------------------------------------


def _to_html(blocks: Sequence[_Block]) -> str:
    return "\n".join(_html_block(b) for b in blocks)


def _html_block(block: _Block) -> str:
    match block:
        case _Heading(level, text, status):
            css = f' class="{status.value}"' if status else ""
            return f"<h{level}{css}>{escape(text)}</h{level}>"
        case _Text(text, label, code):
            strong = f"<strong>{escape(label)}</strong>" if label else ""
            shown = "".join(f"<code>{escape(part)}</code>" if is_code else escape(part)
                            for part, is_code in code_spans(text)) if code else escape(text)
            return "<p>" + " ".join(part for part in (strong, shown) if part) + "</p>"
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
