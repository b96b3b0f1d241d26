"""What the terminal shows: ``check``'s and ``ci``'s report (a table per exercise, then the
details of what did not pass: the call, expected vs got, the hint, the learner's output, as
:mod:`~autograde.reporters.visibility` lets a learner see them), ``list``'s exercises,
``hint``'s hints and ``validate``'s table.

No name is ever cut: table columns fold long names onto more lines, and where the output
is not a terminal (piped, redirected) tables become plain lines."""

from __future__ import annotations

from typing import TYPE_CHECKING, Mapping, Protocol, Sequence

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from autograde.reporters.visibility import Audience, hidden_note, visible
from autograde.results import Result, Status, TestResult

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
LABEL = {
    Status.PASSED: "passed",
    Status.FAILED: "failed",
    Status.ERROR: "error",
    Status.TIMEOUT: "timeout",
    Status.NOT_ATTEMPTED: "not attempted",
    Status.SKIPPED: "skipped",
}


def points(value: float) -> str:
    """2.0 -> '2', 1.5 -> '1.5'."""
    return f"{value:g}"


def render(result: Result, console: Console, *, hidden_elsewhere: bool = False,
           audience: Audience = Audience.LEARNER) -> None:
    """Print ``result`` for ``audience``. ``hidden_elsewhere``: the course is a student
    bundle, whose hidden tests were left out (so none are counted here)."""
    for note in result.notes:  # what loading noticed: skipped notebook magics, stand-in files
        console.print(Text(f"Note: {note}", style="yellow"))
    for exercise in result.exercises:
        table = Table(
            title=f"[bold]{exercise.name}[/]  {points(exercise.score)} / {points(exercise.max_score)}",
            title_justify="left",
            show_header=True,
            header_style="bold",
            expand=False,
        )
        table.add_column("", width=1)
        table.add_column("test", overflow="fold")
        table.add_column("points", justify="right")
        table.add_column("result")
        for test in exercise.tests:
            mark, style = MARK[test.status]
            table.add_row(
                Text(mark, style=style),
                Text(test.name),
                f"{points(test.score)}/{points(test.max_score)}",
                Text(_summary(test), style=style),
            )
        console.print(table)
        for note in exercise.notes:  # e.g. a notebook cell that raised when the module was imported
            console.print(Text(f"Note: {note}", style="yellow"))
        for test in exercise.tests:
            if test.status in (Status.FAILED, Status.ERROR, Status.TIMEOUT):
                console.print(_details(exercise.name, visible(test, audience)))
    _totals(result, console, hidden_elsewhere)


def _summary(test: TestResult) -> str:
    if test.status in (Status.PASSED, Status.FAILED, Status.ERROR, Status.TIMEOUT):
        return LABEL[test.status]
    first = test.message.splitlines()[0] if test.message else ""
    return f"{LABEL[test.status]}: {first}" if first else LABEL[test.status]


def _details(exercise: str, test: TestResult) -> Panel:
    parts: list[Text] = [Text(test.message)]
    if test.hint:
        parts.append(Text.assemble(("Hint: ", "bold cyan"), test.hint))
    if test.warnings:
        parts.append(Text("Warnings from your code:\n" + "\n".join(f"  {w}" for w in test.warnings), style="yellow"))
    if test.output.strip():
        parts.append(Text("Your code printed:\n", style="dim") + Text(_indent(test.output.rstrip()), style="dim"))
    mark, style = MARK[test.status]
    return Panel(
        Group(*parts),
        title=f"[{style}]{mark} {escape(exercise)}::{escape(test.name)}[/] ({LABEL[test.status]})",
        title_align="left",
        border_style=style,
    )


def _indent(text: str, lines: int = 20) -> str:
    rows = text.splitlines()
    shown = rows[:lines] + ([f"... ({len(rows) - lines} more lines)"] if len(rows) > lines else [])
    return "\n".join("  " + r for r in shown)


def _totals(result: Result, console: Console, hidden_elsewhere: bool) -> None:
    share = 100 * result.score / result.max_score if result.max_score else 0.0
    counts: dict[Status, int] = {}
    for exercise in result.exercises:
        for test in exercise.tests:
            counts[test.status] = counts.get(test.status, 0) + 1
    tally = ", ".join(f"{n} {LABEL[s]}" for s, n in counts.items())
    console.print(
        f"[bold]Total: {points(result.score)} / {points(result.max_score)} ({share:.0f}%)[/]"
        + (f"  [dim]({tally})[/]" if tally else "")
    )
    note = hidden_note(result, hidden_elsewhere=hidden_elsewhere)
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


def exercises(tests: Mapping[str, Sequence[tuple[str, Spec]]], console: Console) -> None:
    """``autograde list``: each exercise in teaching order with its public and hidden
    tests and points; a table in a terminal wide enough for it, else plain lines."""
    rows = []
    for name, specs in tests.items():
        public = [s for _, s in specs if not s.hidden]
        hidden = [s for _, s in specs if s.hidden]
        rows.append((name, str(len(public)), points(sum(s.points for s in public)),
                     str(len(hidden)), points(sum(s.points for s in hidden))))
    header = ("exercise", "public tests", "public points", "hidden tests", "hidden points")
    if not console.is_terminal:
        for name, *counts in rows:
            console.print(f"{name}: {counts[0]} public tests ({counts[1]} points), "
                          f"{counts[2]} hidden tests ({counts[3]} points)", markup=False, soft_wrap=True)
        return
    table = Table(header_style="bold")
    for column in header:
        table.add_column(column, overflow="fold", justify="left" if column == "exercise" else "right",
                         min_width=max((len(r[0]) for r in rows), default=8) if column == "exercise" else None)
    for row in rows:
        table.add_row(*row)
    console.print(table)


def hints(specs: Sequence[tuple[str, Spec]], console: Console) -> None:
    """``autograde hint``: each test's name, points and hint."""
    for name, spec in specs:
        console.print(f"[bold]{escape(name)}[/] [dim]({spec.points:g} point{'s' if spec.points != 1 else ''})[/]")
        console.print("  " + escape(spec.hint or "No hint for this test: read the message autograde check shows."))


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
    console.print(f"seeds {report.seeds[0]} and {report.seeds[1]}: "
                  + ("every grader passed validation" if report.ok else "validation failed"))
