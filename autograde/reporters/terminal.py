"""The terminal report of ``autograde check``: a table per exercise, then the details
of what did not pass (the call, expected vs got, the hint, the learner's output)."""

from __future__ import annotations

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from autograde.results import Result, Status, TestResult

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


def render(result: Result, console: Console, *, hidden_elsewhere: bool = False) -> None:
    """Print ``result`` for a learner. ``hidden_elsewhere``: the course is a student
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
        table.add_column("test")
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
                console.print(_details(exercise.name, test))
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
    if not result.hidden_tests_run:
        n = result.hidden_tests_not_run
        if hidden_elsewhere:
            console.print("[dim]These were the public tests. Your instructor also runs hidden tests, which are not "
                          "in this bundle, so passing here is necessary but not sufficient.[/]")
        elif n:
            console.print(
                f"[dim]These were the public tests. Your instructor will also run {n} hidden "
                f"test{'s' if n != 1 else ''} on these exercises, so passing here is necessary "
                "but not sufficient.[/]"
            )
        else:
            console.print("[dim]These graders have no hidden tests: this is the whole grade.[/]")
