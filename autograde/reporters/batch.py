"""What ``autograde grade`` shows: a progress bar while the class is graded, then one
screen of summary."""

from __future__ import annotations

import statistics
from types import TracebackType

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.progress import Progress as RichProgress
from rich.table import Table
from rich.text import Text

from autograde.batch import BatchResult
from autograde.gradebook import Row, RowStatus
from autograde.i18n import Words
from autograde.results import Status

SLOWEST = 5


class _Rate(ProgressColumn):
    """Submissions graded per second so far."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0 and task.completed else 0.0
        return Text(f"{rate:.2f} sub/s", style="progress.data.speed")


class Progress:
    """A batch listener drawing a rich progress bar: counts, rate, elapsed time and ETA.
    On a console that is not a terminal it draws nothing (the summary still prints)."""

    def __init__(self, console: Console, words: Words | None = None) -> None:
        self.console = console
        self._ = _ = words or Words()
        self.bar = RichProgress(
            TextColumn(_("grading")), BarColumn(), MofNCompleteColumn(), _Rate(),
            TimeElapsedColumn(), TextColumn(_("ETA")), TimeRemainingColumn(),
            TextColumn("{task.fields[last]}", style="dim"),
            console=console, disable=not console.is_terminal, transient=False,
        )
        self.task = self.bar.add_task("grading", total=0, last="")

    def __enter__(self) -> Progress:
        self.bar.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.bar.stop()

    def started(self, total: int, up_to_date: int, environment_changed: str) -> None:
        if environment_changed:
            self.console.print(escape(environment_changed))
        if up_to_date:
            self.console.print(self._.plural("{n} submission already graded and unchanged: kept (use --force to regrade)",
                                             "{n} submissions already graded and unchanged: kept (use --force to regrade)",
                                             up_to_date))
        self.bar.update(self.task, total=total)

    def finished(self, row: Row) -> None:
        self.bar.update(self.task, advance=1, last=escape(row.student))


def summary(outcome: BatchResult, console: Console, words: Words | None = None) -> None:
    """One screen: what was graded, what could not be, the scores, the slowest."""
    _ = words or Words()
    rows = outcome.rows
    counts = {status: sum(r.status is status for r in rows) for status in RowStatus}
    with_timeouts = sum(r.status is RowStatus.GRADED and _timed_out(r) for r in rows)
    table = Table(show_header=False, box=None, padding=(0, 2))
    table.add_row(_("submissions found"), str(len(rows)))
    table.add_row(_("graded now"), _.plural("{count} in {seconds:.1f} s with {n} job",
                                            "{count} in {seconds:.1f} s with {n} jobs", outcome.jobs,
                                            count=len(outcome.graded_now), seconds=outcome.wall_s))
    if outcome.cluster:
        table.add_row(_("on the Dask cluster"), escape(outcome.cluster))
    table.add_row(_("kept (unchanged)"), str(len(outcome.up_to_date)))
    if outcome.environment_changed:
        table.add_row(_("environment"), escape(outcome.environment_changed))
    table.add_row(_("graded"), str(counts[RowStatus.GRADED]))
    table.add_row(_("failed to load"), _red(counts[RowStatus.UNREADABLE]))
    table.add_row(_("timed out"), _("{whole} whole, {tests} with a test over its limit",
                                    whole=_red(counts[RowStatus.TIMED_OUT]), tests=with_timeouts))
    table.add_row(_("crashed"), _red(counts[RowStatus.CRASHED]))
    graded = [r for r in rows if r.status is RowStatus.GRADED and r.result.max_score]
    if graded:
        percents = [100 * r.result.score / r.result.max_score for r in graded]
        table.add_row(_("mean score"), f"{statistics.fmean(percents):.1f}%")
        table.add_row(_("median score"), f"{statistics.median(percents):.1f}%")
    console.print(table)
    fallback = {sandbox for r in rows if r.status is RowStatus.GRADED
                if (sandbox := r.result.environment.get("sandbox", "")).startswith("fallback")}
    if fallback:
        console.print("[yellow]" + _("warning: graded in the sandbox's {how}: learner code could read files and "
                                     "use the network; see docs/security.md", how=escape(min(fallback))) + "[/]")
    problems = [r for r in rows if r.status is not RowStatus.GRADED]
    if problems:
        console.print(_("[bold]Not graded[/] (each has a row saying why):"))
        for row in problems:
            reason = row.error.strip().splitlines()[0] if row.error.strip() else ""
            console.print(f"  {escape(row.student)} [dim]{row.status.value}[/]: {escape(reason)}", soft_wrap=True)
    slowest = sorted((r for r in rows if r.student in set(outcome.graded_now)), key=lambda r: -r.duration_s)
    if slowest:
        console.print(_("[bold]Slowest[/]: {list}", list=", ".join(
            f"{escape(r.student)} {r.duration_s:.1f} s" for r in slowest[:SLOWEST])))


def _timed_out(row: Row) -> bool:
    return any(t.status is Status.TIMEOUT for e in row.result.exercises for t in e.tests)


def _red(count: int) -> str:
    return f"[red]{count}[/]" if count else "0"
