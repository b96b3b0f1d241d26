"""What the terminal shows: ``check``'s and ``ci``'s report (a table per exercise, then the
details of what did not pass: the call, expected vs got, the hint, the learner's output, as
:mod:`~autograde.reporters.visibility` lets a learner see them), ``list``'s exercises,
``hint``'s hints and ``validate``'s table.

No name is ever cut: table columns fold long names onto more lines, and where the output
is not a terminal (piped, redirected) tables become plain lines."""

from __future__ import annotations

from typing import TYPE_CHECKING, Collection, Mapping, Protocol, Sequence

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from autograde.i18n import N_, Words, course
from autograde.reporters import grouping
from autograde.reporters.visibility import ENGLISH, Audience, hidden_note, localized, outcome, visible
from autograde.results import ExerciseResult, Result, Status, TestResult

if TYPE_CHECKING:
    from autograde.validate import Report as ValidationReport

MARK = {
    Status.PASSED: ("✓", "green"),
    Status.FAILED: ("✗", "red"),
    Status.ERROR: ("!", "red"),
    Status.TIMEOUT: ("⧗", "yellow"),
    Status.NOT_ATTEMPTED: ("·", "dim"),
    Status.SKIPPED: ("-", "dim"),
}
DETAILED = (Status.FAILED, Status.ERROR, Status.TIMEOUT)  # the outcomes whose details are shown
BRIEF = (Status.NOT_ATTEMPTED, Status.SKIPPED)  # the outcomes whose message is one line of the table
# The line under the table when all the brief rows of an exercise have one message.
SHARED = N_("{count} tests {outcome}: {message}")


def points(value: float) -> str:
    """2.0 -> '2', 1.5 -> '1.5'."""
    return f"{value:g}"


def render(result: Result, console: Console, *, hidden_elsewhere: bool = False,
           audience: Audience = Audience.LEARNER, words: Words = ENGLISH) -> None:
    """Print ``result`` for ``audience`` in ``words``' language. ``hidden_elsewhere``: the
    course is a student bundle, whose hidden tests were left out (so none are counted here)."""
    _ = words
    result = localized(result, words)
    for note in result.notes:  # what loading noticed: skipped notebook magics, stand-in files
        console.print(Text(_("Note: {note}", note=note), style="yellow"))
    for exercise in result.exercises:
        # One reason for every brief row (a missing file) is said once under the table; where
        # rows differ (the functions of a stub), each row's message says which function it waits for.
        brief = grouping.problems(exercise.tests, statuses=BRIEF, audience=audience, words=words)
        below = brief[0] if len(brief) == 1 and brief[0].shared else None
        console.print(_table(exercise, audience, said_below={t.name for t in below.tests} if below else set(),
                             words=words))
        if below:
            console.print(Text(_(SHARED, count=len(below.tests), outcome=outcome(below.shown.status, words),
                                 message=_first_line(below.shown)), style=MARK[below.shown.status][1]))
        for note in exercise.notes:  # e.g. a notebook cell that raised when the module was imported
            console.print(Text(_("Note: {note}", note=note), style="yellow"))
        for problem in grouping.problems(exercise.tests, statuses=DETAILED, audience=audience, words=words):
            # wrapped inside the box: a console that soft-wraps would crop every long line at its edge
            console.print(_details(exercise.name, problem, words), soft_wrap=False)
    _totals(result, console, hidden_elsewhere, words)


def _table(exercise: ExerciseResult, audience: Audience, *, said_below: Collection[str], words: Words) -> Table:
    """The exercise's tests, a row each; a row in ``said_below`` shows its outcome only."""
    _ = words
    table = Table(
        title=f"[bold]{exercise.name}[/]  {points(exercise.score)} / {points(exercise.max_score)}",
        title_justify="left",
        show_header=True,
        header_style="bold",
        expand=False,
    )
    table.add_column("", width=1)
    table.add_column(_("test"), overflow="fold")
    table.add_column(_("points"), justify="right")
    table.add_column(_("result"))
    for test in exercise.tests:
        mark, style = MARK[test.status]
        table.add_row(
            Text(mark, style=style),
            Text(test.name),
            f"{points(test.score)}/{points(test.max_score)}",
            Text(outcome(test.status, words) if test.name in said_below
                 else _summary(visible(test, audience, words), words), style=style),
        )
    return table


def _summary(test: TestResult, words: Words) -> str:
    first = _first_line(test) if test.status in BRIEF else ""
    return f"{outcome(test.status, words)}: {first}" if first else outcome(test.status, words)


def _first_line(test: TestResult) -> str:
    return test.message.splitlines()[0] if test.message else ""


def _details(exercise: str, problem: grouping.Problem, words: Words) -> Panel:
    """One problem in a box: what the test said, then the tests it cost when there are
    several (and its title says how many)."""
    _ = words
    test = problem.shown
    parts: list[Text] = [Text(test.message)]
    if test.hint:
        parts.append(Text.assemble((_("Hint:") + " ", "bold cyan"), test.hint))
    if test.warnings:
        parts.append(Text(_("Warnings from your code:") + "\n" + "\n".join(f"  {w}" for w in test.warnings),
                          style="yellow"))
    if test.output.strip():
        parts.append(Text(_("Your code printed:") + "\n", style="dim")
                     + Text(_indent(test.output.rstrip(), words), style="dim"))
    mark, style = MARK[test.status]
    if problem.shared:
        parts.append(Text(grouping.cost(words) + "\n"
                          + "\n".join(f"  {grouping.cost_line(t, words)}" for t in problem.tests)))
        title = f"[{style}]{mark} {escape(exercise)}: {escape(grouping.title(problem, words))}[/]"
    else:
        title = f"[{style}]{mark} {escape(exercise)}::{escape(test.name)}[/] ({outcome(test.status, words)})"
    return Panel(
        Group(*parts),
        title=title,
        title_align="left",
        border_style=style,
    )


def _indent(text: str, words: Words, lines: int = 20) -> str:
    _ = words
    rows = text.splitlines()
    shown = rows[:lines] + ([_("... ({count} more lines)", count=len(rows) - lines)] if len(rows) > lines else [])
    return "\n".join("  " + r for r in shown)


def _totals(result: Result, console: Console, hidden_elsewhere: bool, words: Words) -> None:
    _ = words
    share = 100 * result.score / result.max_score if result.max_score else 0.0
    counts: dict[Status, int] = {}
    for exercise in result.exercises:
        for test in exercise.tests:
            counts[test.status] = counts.get(test.status, 0) + 1
    tally = ", ".join(_("{count} {outcome}", count=n, outcome=outcome(s, words)) for s, n in counts.items())
    console.print(
        "[bold]" + _("Total: {score} / {max_score} ({share:.0f}%)", score=points(result.score),
                     max_score=points(result.max_score), share=share) + "[/]"
        + (f"  [dim]({tally})[/]" if tally else "")
    )
    note = hidden_note(result, hidden_elsewhere=hidden_elsewhere, words=words)
    if note:
        console.print(Text(note, style="dim"))


class Spec(Protocol):
    """What ``list`` and ``hint`` show of a test's spec."""

    @property
    def points(self) -> float: ...

    @property
    def hidden(self) -> bool: ...

    @property
    def hint(self) -> str | None: ...


def exercises(tests: Mapping[str, Sequence[tuple[str, Spec]]], console: Console, words: Words = ENGLISH) -> None:
    """``autograde list``: each exercise in teaching order with its public and hidden
    tests and points; a table in a terminal wide enough for it, else plain lines."""
    _ = words
    rows = []
    for name, specs in tests.items():
        public = [s for _, s in specs if not s.hidden]
        hidden = [s for _, s in specs if s.hidden]
        rows.append((name, str(len(public)), points(sum(s.points for s in public)),
                     str(len(hidden)), points(sum(s.points for s in hidden))))
    header = (_("exercise"), _("public tests"), _("public points"), _("hidden tests"), _("hidden points"))
    if not console.is_terminal:
        for name, *counts in rows:
            console.print(_("{name}: {public} public tests ({public_points} points), {hidden} hidden tests "
                            "({hidden_points} points)", name=name, public=counts[0], public_points=counts[1],
                            hidden=counts[2], hidden_points=counts[3]), markup=False, soft_wrap=True)
        return
    table = Table(header_style="bold")
    for index, column in enumerate(header):
        table.add_column(column, overflow="fold", justify="left" if index == 0 else "right",
                         min_width=max((len(r[0]) for r in rows), default=8) if index == 0 else None)
    for row in rows:
        table.add_row(*row)
    console.print(table)


def hints(specs: Sequence[tuple[str, Spec]], console: Console, words: Words = ENGLISH) -> None:
    """``autograde hint``: each test's name, points and hint (the course's, translated)."""
    _ = words
    for name, spec in specs:
        worth = points(spec.points)
        shown = _.plural("{points} point", "{points} points", 1 if spec.points == 1 else 2, points=worth)
        console.print(f"[bold]{escape(name)}[/] [dim]({shown})[/]")
        console.print("  " + escape(words.render(course(spec.hint)) if spec.hint
                                    else _("No hint for this test: read the message autograde check shows.")))


def validation(report: ValidationReport, console: Console) -> None:
    """``autograde validate``'s report: a table with a row per exercise, then every failure."""
    table = Table(title="[bold]Graders validated[/]", title_justify="left", header_style="bold")
    for column in ("exercise", "tests", "points", "mutants caught", "variants", "flaky", "status"):
        table.add_column(column, overflow="fold", justify="left" if column in ("exercise", "status") else "right")
    for e in report.exercises:
        table.add_row(
            e.name, str(e.tests), f"{points(e.public_points)} + {points(e.hidden_points)} hidden",
            f"{e.mutants_caught} / {e.mutants}", f"{e.variants_passing} / {e.variants}", str(len(e.flaky)),
            Text("ok", style="green") if e.ok else Text(f"{len(e.failures)} failure(s)", style="red"),
        )
    console.print(table)
    for e in report.exercises:
        for failure in e.failures:
            console.print(Text.assemble((f"{e.name}: ", "bold red"), failure))
    for problem in report.catalogue:  # the translation checked with --lang, as a whole
        console.print(Text.assemble((f"{report.language}: ", "bold red"), problem))
    console.print(f"seeds {report.seeds[0]} and {report.seeds[1]}: "
                  + ("every grader passed validation" if report.ok else "validation failed"))
