"""The class report of ``autograde report``: one self-contained HTML page for the instructor.

Summary numbers, the table of students (each linked to their feedback where it was
written beside the report), a score histogram, per-exercise and per-test pass rates, the
most common failure messages (by how many students met them), and timing. Scores and pass
rates are over the submissions that were graded: an unreadable or crashed one says nothing
about how hard a test is, and is counted and listed on its own. The page loads nothing:
CSS and the histogram (SVG) are inline, links only lead to the feedback files beside it,
and every text from a submission is escaped.
"""

from __future__ import annotations

import dataclasses
import re
import statistics
from collections import Counter, defaultdict
from html import escape
from pathlib import Path
from typing import Collection, Iterable, Mapping, Sequence
from urllib.parse import quote

from autograde.gradebook import Row, RowStatus
from autograde.i18n import N_, Words
from autograde.reporters._common import file_names, html_page, number, percent, tests_of
from autograde.reporters.visibility import ENGLISH, localized
from autograde.results import Status

TITLE = N_("autograde class report")
BINS = 10
TOP_FAILURES = 15
SLOWEST = 5
MESSAGE_CHARS = 160
FEEDBACK = "feedback"  # the folder beside the report where ``grade --out`` writes each student's feedback
BAR_COLOUR = "#2f6fd6"
_FAILING = (Status.FAILED, Status.ERROR, Status.TIMEOUT)  # not_attempted is no failure message
_NUMBER = re.compile(r"\d+(?:\.\d+)?(?:e[-+]?\d+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

_CSS = f"""
.cards {{ display: flex; flex-wrap: wrap; gap: .8rem; }}
.card {{ border: 1px solid #d0d7de; border-radius: 6px; padding: .5rem .9rem; min-width: 7rem; }}
.card .value {{ font-size: 1.5rem; font-weight: 600; }} .card .label {{ color: #656d76; }}
.rate {{ display: inline-block; width: 6rem; height: .7rem; background: #eaeef2; margin-right: .4rem; }}
.rate span {{ display: block; height: 100%; background: {BAR_COLOUR}; }}
.hidden-mark {{ font-size: .75rem; background: #fff8c5; border: 1px solid #d4a72c; border-radius: 4px;
                padding: 0 .3rem; margin-left: .4rem; }}
svg .bar {{ fill: {BAR_COLOUR}; }} svg text {{ font-size: 12px; fill: #1f2328; }}
td code {{ overflow-wrap: anywhere; }}
.graded {{ color: #1a7f37; }} .unreadable, .crashed {{ color: #cf222e; }} .timed_out {{ color: #9a6700; }}
"""


class _Markup(str):
    """Text that is already HTML (built here from escaped parts); table cells leave it be."""


def html(rows: Sequence[Row], *, title: str, feedback: Mapping[str, str] | None = None,
         words: Words = ENGLISH) -> str:
    """The report on ``rows`` as a complete HTML page titled ``title``, in ``words``'
    language; ``feedback``: the relative address of each student's feedback file, for
    those that have one."""
    _ = words
    rows = [dataclasses.replace(row, result=localized(row.result, words)) for row in rows]
    graded = [row for row in rows if row.status is RowStatus.GRADED]
    body = "\n".join([
        f"<h1>{escape(title)}</h1>",
        _summary(rows, graded, words),
        _section(_("Students"), _students(rows, feedback or {}, words)),
        _section(_("Score distribution"),
                 _histogram([percent(r.result.score, r.result.max_score) for r in graded], words)),
        _section(_("Exercises"), _exercises(graded, words)),
        _section(_("Tests"), _tests(graded, words)),
        _section(_("Most common failures"), _failures(graded, words)),
        _section(_("Timing"), _timing(rows, words)),
    ])
    return html_page(title, body, _CSS, language=words.language)


def write(rows: Sequence[Row], out: Path, *, title: str | None = None, words: Words = ENGLISH) -> Path:
    """Write the report on ``rows`` to ``out``; return ``out``. Each student is linked to
    their feedback when the folder ``feedback/`` beside ``out`` holds it (as ``grade
    --out`` writes it, feedback first). ``title``: default "autograde class report"."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html(rows, title=title or words(TITLE), feedback=feedback_links(rows, out.parent), words=words),
                   encoding="utf-8")
    return out


def feedback_links(rows: Sequence[Row], folder: Path) -> dict[str, str]:
    """The address, relative to ``folder``, of each student's feedback file in
    ``folder/feedback`` that exists: the HTML page, else the Markdown file."""
    links: dict[str, str] = {}
    for student, stem in file_names(row.student for row in rows).items():
        for suffix in (".html", ".md"):
            if (folder / FEEDBACK / f"{stem}{suffix}").is_file():
                links[student] = f"{FEEDBACK}/{quote(stem + suffix)}"
                break
    return links


def normalise_message(message: str) -> str:
    """The failure ``message`` reduced to what many students share: its first line (with
    the next one when the first only introduces the call, as in ``When calling f(x):``),
    every number as ``#``; beyond 160 characters, its whole sentences that fit (always the
    first), then ``…``. A sentence is never cut."""
    lines = [line.strip() for line in message.strip().splitlines()] or [""]
    first = f"{lines[0]} {lines[1]}" if lines[0].endswith(":") and len(lines) > 1 else lines[0]
    text = _NUMBER.sub("#", first) or "(no message)"
    if len(text) <= MESSAGE_CHARS:
        return text
    sentences = _SENTENCE_END.split(text)
    kept = sentences[0]
    for sentence in sentences[1:]:
        if len(kept) + 1 + len(sentence) > MESSAGE_CHARS - 2:
            return f"{kept} …"
        kept = f"{kept} {sentence}"
    return kept


# ---- sections ---------------------------------------------------------------------------


def _summary(rows: Sequence[Row], graded: Sequence[Row], words: Words) -> str:
    _ = words
    by_status = Counter(row.status for row in rows)
    shares = [percent(r.result.score, r.result.max_score) for r in graded]
    cards = [
        (_("students"), str(len(rows))),
        (_("graded"), str(by_status[RowStatus.GRADED])),
        (_("unreadable"), str(by_status[RowStatus.UNREADABLE])),
        (_("crashed"), str(by_status[RowStatus.CRASHED])),
        (_("timed out"), str(by_status[RowStatus.TIMED_OUT])),
        (_("mean score"), _share(statistics.fmean(shares)) if shares else "–"),
        (_("median score"), _share(statistics.median(shares)) if shares else "–"),
    ]
    return '<div class="cards">' + "".join(
        f'<div class="card"><div class="value">{escape(value)}</div><div class="label">{escape(label)}</div></div>'
        for label, value in cards
    ) + "</div>"


def _histogram(shares: Sequence[float], words: Words) -> str:
    _ = words
    label_all, title_all = _("score histogram"), _("Students per score range")
    counts = [0] * BINS
    for share in shares:
        counts[min(int(share // (100 / BINS)), BINS - 1)] += 1  # 100% joins the last bin
    width, height, top, bottom, slot = 660, 240, 20, 40, 60
    tallest = max(counts) or 1
    parts = [f'<svg width="{width}" height="{height}" role="img" '
             f'aria-label="{escape(label_all)}"><title>{escape(title_all)}</title>',
             f'<line x1="30" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" stroke="#8c959f"/>']
    for i, count in enumerate(counts):
        bar = (height - top - bottom) * count / tallest
        x, low = 30 + i * slot, i * 100 // BINS
        label = f"{low}–{low + 100 // BINS}%"
        parts += [
            f'<rect class="bar" x="{x + 6}" y="{height - bottom - bar:.1f}" width="{slot - 12}" height="{bar:.1f}">'
            f"<title>{label}: {count}</title></rect>",
            f'<text x="{x + slot / 2}" y="{height - bottom - bar - 4:.1f}" text-anchor="middle">{count}</text>',
            f'<text x="{x + slot / 2}" y="{height - bottom + 16}" text-anchor="middle">{label}</text>',
        ]
    parts.append(f'<text x="{30 + BINS * slot / 2}" y="{height - 4}" text-anchor="middle">'
                 + escape(_("score (percent of points), graded submissions")) + "</text></svg>")
    return "\n".join(parts)


def _exercises(graded: Sequence[Row], words: Words) -> str:
    _ = words
    found: dict[str, list[tuple[float, float, int, int]]] = defaultdict(list)
    for row in graded:
        for e in row.result.exercises:
            passed = sum(t.status is Status.PASSED for t in e.tests)
            found[e.name].append((e.score, e.max_score, passed, len(e.tests)))
    lines = []
    for name, seen in found.items():
        max_score = max(m for _, m, _, _ in seen)
        mean = statistics.fmean(s for s, _, _, _ in seen)
        complete = sum(p == n for _, _, p, n in seen) / len(seen)
        tests = sum(p for _, _, p, _ in seen) / (sum(n for _, _, _, n in seen) or 1)
        lines.append((name, number(max_score), number(mean, 2), _share(percent(mean, max_score)),
                      _rate(complete), _rate(tests)))
    return _table((_("exercise"), _("points"), _("mean score"), _("mean"), _("all tests passed"), _("tests passed")),
                  lines, numeric={1, 2, 3})


def _tests(graded: Sequence[Row], words: Words) -> str:
    _ = words
    hidden_mark = _("hidden")
    seen: dict[tuple[str, str], list[bool]] = defaultdict(list)
    info: dict[tuple[str, str], tuple[bool, float]] = {}
    for row in graded:
        for exercise, test in tests_of(row.result):
            seen[exercise.name, test.name].append(test.status is Status.PASSED)
            info[exercise.name, test.name] = (test.hidden, test.max_score)
    lines = []
    for (exercise_name, test_name), passed in seen.items():
        hidden, max_score = info[exercise_name, test_name]
        name = _Markup(escape(test_name) + (f'<span class="hidden-mark">{escape(hidden_mark)}</span>' if hidden else ""))
        lines.append((exercise_name, name, number(max_score), f"{sum(passed)} / {len(passed)}",
                      _rate(sum(passed) / len(passed))))
    return _table((_("exercise"), _("test"), _("points"), _("passed"), _("pass rate")), lines, numeric={2, 3})


def _failures(graded: Sequence[Row], words: Words) -> str:
    """The commonest failure messages by how many students met them (one student whose
    file is missing is one, however many tests it failed), with the tests that said them
    most (and by how many students)."""
    _ = words
    students: dict[str, set[str]] = defaultdict(set)
    where: dict[str, Counter[str]] = defaultdict(Counter)
    for row in graded:
        for exercise, test in tests_of(row.result):
            if test.status in _FAILING:
                key = normalise_message(test.message)
                students[key].add(row.student)
                where[key][f"{exercise.name}::{test.name}"] += 1
    if not students:
        return '<p class="muted">' + escape(_("No test failed, raised or timed out.")) + "</p>"
    ranked = sorted(students, key=lambda key: len(students[key]), reverse=True)[:TOP_FAILURES]
    lines = [
        (str(len(students[key])), _Markup(f"<code>{escape(key)}</code>"),
         ", ".join(f"{test} ({k})" for test, k in where[key].most_common(3)))
        for key in ranked
    ]
    return _table((_("students"), _("message (numbers as #)"), _("tests")), lines, numeric={0})


def _timing(rows: Sequence[Row], words: Words) -> str:
    _ = words
    if not rows:
        return '<p class="muted">' + escape(_("No submissions.")) + "</p>"
    durations = [row.duration_s for row in rows]
    stats = _table((_("mean"), _("median"), _("max")), [tuple(f"{number(d, 2)} s" for d in (
        statistics.fmean(durations), statistics.median(durations), max(durations)))], numeric={0, 1, 2})
    slowest = sorted(rows, key=lambda r: r.duration_s, reverse=True)[:SLOWEST]
    slowest_title = _("Slowest submissions")
    return stats + f"\n<h3>{escape(slowest_title)}</h3>\n" + _table(
        (_("student"), _("duration"), _("status")),
        [(r.student, f"{number(r.duration_s, 2)} s", _status(r)) for r in slowest], numeric={1})


def _students(rows: Sequence[Row], feedback: Mapping[str, str], words: Words) -> str:
    _ = words
    return _table((_("student"), _("score"), _("max"), _("percent"), _("status"), _("why not graded")), [
        (_student(r.student, feedback.get(r.student)), number(r.result.score), number(r.result.max_score),
         _share(percent(r.result.score, r.result.max_score)), _status(r), r.error.strip().split("\n")[0])
        for r in rows
    ], numeric={1, 2, 3})


def _student(student: str, link: str | None) -> str:
    return _Markup(f'<a href="{escape(link)}">{escape(student)}</a>') if link else student


# ---- pieces -----------------------------------------------------------------------------


def _section(title: str, body: str) -> str:
    return f"<section>\n<h2>{escape(title)}</h2>\n{body}\n</section>"


def _table(header: Sequence[str], lines: Iterable[Sequence[str]], *, numeric: Collection[int] = ()) -> str:
    def cell(tag: str, i: int, value: str) -> str:
        css = ' class="num"' if i in numeric else ""
        return f"<{tag}{css}>{value if isinstance(value, _Markup) else escape(value)}</{tag}>"

    head = "".join(cell("th", i, h) for i, h in enumerate(header))
    body = "\n".join("<tr>" + "".join(cell("td", i, v) for i, v in enumerate(line)) + "</tr>" for line in lines)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def _rate(share: float) -> _Markup:
    return _Markup(f'<span class="rate"><span style="width:{100 * share:.1f}%"></span></span>'
                   f"{escape(_share(100 * share))}")


def _status(row: Row) -> _Markup:
    return _Markup(f'<span class="{row.status.value}">{escape(row.status.value)}</span>')


def _share(value: float) -> str:
    return f"{number(value, 1)}%"
