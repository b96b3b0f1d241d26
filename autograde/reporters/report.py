"""The class report of ``autograde report``: one self-contained HTML page for the instructor.

Summary numbers, a score histogram, per-exercise and per-test pass rates, the most common
failure messages, timing and a table of students. Scores and pass rates are over the
submissions that were graded: an unreadable or crashed one says nothing about how hard a
test is, and is counted and listed on its own. The page loads nothing: CSS and the
histogram (SVG) are inline, and every text from a submission is escaped.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from html import escape
from pathlib import Path
from typing import Collection, Iterable, Sequence

from autograde.gradebook import Row, RowStatus
from autograde.reporters._common import html_page, number, percent, tests_of
from autograde.results import Status

BINS = 10
TOP_FAILURES = 15
SLOWEST = 5
MESSAGE_CHARS = 160
BAR_COLOUR = "#2f6fd6"
_FAILING = (Status.FAILED, Status.ERROR, Status.TIMEOUT)  # not_attempted is no failure message
_NUMBER = re.compile(r"\d+(?:\.\d+)?(?:e[-+]?\d+)?")

_CSS = f"""
.cards {{ display: flex; flex-wrap: wrap; gap: .8rem; }}
.card {{ border: 1px solid #d0d7de; border-radius: 6px; padding: .5rem .9rem; min-width: 7rem; }}
.card .value {{ font-size: 1.5rem; font-weight: 600; }} .card .label {{ color: #656d76; }}
.rate {{ display: inline-block; width: 6rem; height: .7rem; background: #eaeef2; margin-right: .4rem; }}
.rate span {{ display: block; height: 100%; background: {BAR_COLOUR}; }}
.hidden-mark {{ font-size: .75rem; background: #fff8c5; border: 1px solid #d4a72c; border-radius: 4px;
                padding: 0 .3rem; margin-left: .4rem; }}
svg .bar {{ fill: {BAR_COLOUR}; }} svg text {{ font-size: 12px; fill: #1f2328; }}
.graded {{ color: #1a7f37; }} .unreadable, .crashed {{ color: #cf222e; }} .timed_out {{ color: #9a6700; }}
"""


class _Markup(str):
    """Text that is already HTML (built here from escaped parts); table cells leave it be."""


def html(rows: Sequence[Row], *, title: str) -> str:
    """The report on ``rows`` as a complete HTML page titled ``title``."""
    graded = [row for row in rows if row.status is RowStatus.GRADED]
    body = "\n".join([
        f"<h1>{escape(title)}</h1>",
        _summary(rows, graded),
        _section("Score distribution", _histogram([percent(r.result.score, r.result.max_score) for r in graded])),
        _section("Exercises", _exercises(graded)),
        _section("Tests", _tests(graded)),
        _section("Most common failures", _failures(graded)),
        _section("Timing", _timing(rows)),
        _section("Students", _students(rows)),
    ])
    return html_page(title, body, _CSS)


def write(rows: Sequence[Row], out: Path, *, title: str) -> Path:
    """Write the report on ``rows`` to ``out``; return ``out``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html(rows, title=title), encoding="utf-8")
    return out


def normalise_message(message: str) -> str:
    """The failure ``message`` reduced to what many students share: its first line (with
    the next one when the first only introduces the call, as in ``When calling f(x):``),
    every number as ``#``, at most 160 characters."""
    lines = [line.strip() for line in message.strip().splitlines()] or [""]
    first = f"{lines[0]} {lines[1]}" if lines[0].endswith(":") and len(lines) > 1 else lines[0]
    text = _NUMBER.sub("#", first) or "(no message)"
    return text if len(text) <= MESSAGE_CHARS else text[: MESSAGE_CHARS - 1] + "…"


# ---- sections ---------------------------------------------------------------------------


def _summary(rows: Sequence[Row], graded: Sequence[Row]) -> str:
    by_status = Counter(row.status for row in rows)
    shares = [percent(r.result.score, r.result.max_score) for r in graded]
    cards = [
        ("students", str(len(rows))),
        ("graded", str(by_status[RowStatus.GRADED])),
        ("unreadable", str(by_status[RowStatus.UNREADABLE])),
        ("crashed", str(by_status[RowStatus.CRASHED])),
        ("timed out", str(by_status[RowStatus.TIMED_OUT])),
        ("mean score", _share(statistics.fmean(shares)) if shares else "–"),
        ("median score", _share(statistics.median(shares)) if shares else "–"),
    ]
    return '<div class="cards">' + "".join(
        f'<div class="card"><div class="value">{escape(value)}</div><div class="label">{escape(label)}</div></div>'
        for label, value in cards
    ) + "</div>"


def _histogram(shares: Sequence[float]) -> str:
    counts = [0] * BINS
    for share in shares:
        counts[min(int(share // (100 / BINS)), BINS - 1)] += 1  # 100% joins the last bin
    width, height, top, bottom, slot = 660, 240, 20, 40, 60
    tallest = max(counts) or 1
    parts = [f'<svg width="{width}" height="{height}" role="img" '
             f'aria-label="score histogram"><title>Students per score range</title>',
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
    parts.append(f'<text x="{30 + BINS * slot / 2}" y="{height - 4}" text-anchor="middle">score (percent of '
                 "points), graded submissions</text></svg>")
    return "\n".join(parts)


def _exercises(graded: Sequence[Row]) -> str:
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
    return _table(("exercise", "points", "mean score", "mean", "all tests passed", "tests passed"), lines,
                  numeric={1, 2, 3})


def _tests(graded: Sequence[Row]) -> str:
    seen: dict[tuple[str, str], list[bool]] = defaultdict(list)
    info: dict[tuple[str, str], tuple[bool, float]] = {}
    for row in graded:
        for exercise, test in tests_of(row.result):
            seen[exercise.name, test.name].append(test.status is Status.PASSED)
            info[exercise.name, test.name] = (test.hidden, test.max_score)
    lines = []
    for (exercise_name, test_name), passed in seen.items():
        hidden, max_score = info[exercise_name, test_name]
        name = _Markup(escape(test_name) + ('<span class="hidden-mark">hidden</span>' if hidden else ""))
        lines.append((exercise_name, name, number(max_score), f"{sum(passed)} / {len(passed)}",
                      _rate(sum(passed) / len(passed))))
    return _table(("exercise", "test", "points", "passed", "pass rate"), lines, numeric={2, 3})


def _failures(graded: Sequence[Row]) -> str:
    counts: Counter[str] = Counter()
    where: dict[str, Counter[str]] = defaultdict(Counter)
    for row in graded:
        for exercise, test in tests_of(row.result):
            if test.status in _FAILING:
                key = normalise_message(test.message)
                counts[key] += 1
                where[key][f"{exercise.name}::{test.name}"] += 1
    if not counts:
        return '<p class="muted">No test failed, raised or timed out.</p>'
    lines = [
        (str(n), _Markup(f"<code>{escape(key)}</code>"),
         ", ".join(f"{test} ({k})" for test, k in where[key].most_common(3)))
        for key, n in counts.most_common(TOP_FAILURES)
    ]
    return _table(("count", "message (numbers as #)", "tests"), lines, numeric={0})


def _timing(rows: Sequence[Row]) -> str:
    if not rows:
        return '<p class="muted">No submissions.</p>'
    durations = [row.duration_s for row in rows]
    stats = _table(("mean", "median", "max"), [tuple(f"{number(d, 2)} s" for d in (
        statistics.fmean(durations), statistics.median(durations), max(durations)))], numeric={0, 1, 2})
    slowest = sorted(rows, key=lambda r: r.duration_s, reverse=True)[:SLOWEST]
    return stats + "\n<h3>Slowest submissions</h3>\n" + _table(
        ("student", "duration", "status"),
        [(r.student, f"{number(r.duration_s, 2)} s", _status(r)) for r in slowest], numeric={1})


def _students(rows: Sequence[Row]) -> str:
    return _table(("student", "score", "max", "percent", "status", "why not graded"), [
        (r.student, number(r.result.score), number(r.result.max_score),
         _share(percent(r.result.score, r.result.max_score)), _status(r), r.error.strip().split("\n")[0])
        for r in rows
    ], numeric={1, 2, 3})


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
