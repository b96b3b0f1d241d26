"""The ``autograde`` command. Each command is a thin Click function over one library call.

Exit codes (all commands):

====  ==========================================================
0     success; for ``check``, every graded test passed; for ``ci``,
      the score reached ``--min-score``
1     ``check`` graded the submission and some tests did not pass;
      ``ci``: the score is below ``--min-score``
2     usage or configuration error (bad option, unknown exercise,
      no course found, unreadable submission, broken grader)
3     internal error in autograde itself (please report it)
4     ``ci``: the change tampers with protected files (graders,
      solutions, recorded answers, configuration, CI workflows)
====  ==========================================================
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path
from typing import Any, Callable

import click
from rich.console import Console
from rich.markup import escape

from autograde import __version__
from autograde.errors import AutogradeError, ConfigError, SubmissionError

EXIT_OK, EXIT_NOT_FULL, EXIT_USAGE, EXIT_INTERNAL, EXIT_TAMPERED = 0, 1, 2, 3, 4


def _course_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--course",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="AUTOGRADE_COURSE",
        help="The course folder (default: the nearest folder upwards whose pyproject.toml "
        "has a [tool.autograde] table).",
    )(f)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="autograde")
def main() -> None:
    """Check your deep-learning exercises, and grade them safely.

    \b
    Learners: fill in the functions in exercises/, then run
        autograde check               grade every exercise with the public tests
        autograde check perceptron    grade one exercise
        autograde hint perceptron     show the hints of its tests
        autograde list                list the exercises and their points

    Your code runs in a separate, limited process: an endless loop, a crash or a
    sys.exit() costs only the tests it affects.

    \b
    Instructors:
        autograde grade SUBMISSIONS   grade a class into a gradebook
        autograde export / report     LMS exports, feedback, the class report
        autograde validate            check that the graders catch known mistakes
        autograde release --out DIR   write the student and instructor bundles

    \b
    CI (GitHub Actions, GitHub Classroom, GitLab):
        autograde ci --base REF       grade a pull request, refuse tampering
        autograde init-ci             write the workflow that runs it
        autograde publish             mark the commit learners' pushes are compared with
    """


@main.command()
@click.argument("exercises", nargs=-1)
@click.option(
    "--submission",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="Folder of exercise modules (or one .py file) to grade. Default: the course's exercises/ folder.",
)
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the result document (JSON, schema autograde.result/1) to this file.")
@click.option("--timeout", type=float, default=None, help="Seconds each test may take (default: course setting, 2).")
@_course_option
def check(exercises: tuple[str, ...], submission: Path | None, json_path: Path | None,
          timeout: float | None, course: Path | None) -> None:
    """Grade EXERCISES (default: all) with the public tests and show what to fix.

    \b
    Examples:
        autograde check
        autograde check activations losses
        autograde check --submission my_work/ --json result.json

    Exit status: 0 when every test passed, 1 when some did not, 2 for a usage
    or configuration error, 3 for an internal error.
    """
    from autograde import loaders
    from autograde.config import find_course
    from autograde.grading import fork_server, grade
    from autograde.reporters import terminal

    console = Console(highlight=False)

    def run() -> int:
        found = find_course(course).with_overrides(timeout_s=timeout)
        selected = found.select(exercises)
        with fork_server(found, selected) as server:
            _warn_if_fallback(server, console)
            result = grade(
                course=found,
                submission=loaders.load(submission or found.stubs, exercises=found.exercises),
                server=server,
                exercises=selected,
            )
        terminal.render(result, console, hidden_elsewhere=found.bundle == "student")
        if json_path is not None:
            json_path.write_text(result.to_json(), encoding="utf-8")
            console.print(f"[dim]Result written to {escape(str(json_path))}[/]")
        return EXIT_OK if result.score == result.max_score else EXIT_NOT_FULL

    sys.exit(_guarded(run, console))


@main.command("list")
@_course_option
def list_(course: Path | None) -> None:
    """List the exercises in teaching order, with their tests and points."""
    from rich.table import Table

    from autograde.config import find_course
    from autograde.grading import inventory
    from autograde.reporters.terminal import points

    console = Console(highlight=False)

    def run() -> int:
        tests = inventory(course=find_course(course))
        table = Table("exercise", "public tests", "public points", "hidden tests", "hidden points", header_style="bold")
        for name, specs in tests.items():
            public = [s for _, s in specs if not s.hidden]
            hidden = [s for _, s in specs if s.hidden]
            table.add_row(name, str(len(public)), points(sum(s.points for s in public)),
                          str(len(hidden)), points(sum(s.points for s in hidden)))
        console.print(table)
        return EXIT_OK

    sys.exit(_guarded(run, console))


@main.command()
@click.argument("exercise")
@click.argument("test", required=False)
@_course_option
def hint(exercise: str, test: str | None, course: Path | None) -> None:
    """Show the hints of EXERCISE's public tests (or of one TEST).

    \b
    Examples:
        autograde hint activations
        autograde hint activations test_softmax_large_logits
    """
    from autograde.config import find_course
    from autograde.grading import inventory

    console = Console(highlight=False)

    def run() -> int:
        specs = [(n, s) for n, s in inventory(course=find_course(course), exercises=[exercise])[exercise] if not s.hidden]
        if test is not None:
            chosen = [(n, s) for n, s in specs if n == test or n.split("[")[0] == test]
            if not chosen:
                names = ", ".join(dict.fromkeys(n.split("[")[0] for n, _ in specs))
                raise ConfigError(f"{exercise} has no public test {test!r}; its tests: {names}")
            specs = chosen
        for name, spec in specs:
            console.print(f"[bold]{escape(name)}[/] [dim]({spec.points:g} point{'s' if spec.points != 1 else ''})[/]")
            console.print("  " + escape(spec.hint or "No hint for this test: read the message autograde check shows."))
        return EXIT_OK

    sys.exit(_guarded(run, console))


_GRADEBOOK = click.option(
    "--gradebook", type=click.Path(dir_okay=False, path_type=Path), default=Path("gradebook.db"), show_default=True,
    help="The gradebook file (SQLite).",
)


@main.command("grade")
@click.argument("submissions", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Submissions graded at once (default: the machine's cores).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Write everything into this folder: gradebook.db, grades.csv, feedback/ and report.html "
              "(each unless named by its own option).")
@click.option("--gradebook", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The gradebook file (SQLite). Default: OUT/gradebook.db, or gradebook.db.")
@click.option("--feedback", type=click.Path(file_okay=False, path_type=Path),
              help="Write each student's feedback (Markdown and HTML) into this folder.")
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the class's scores as CSV (one row per student) to this file.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the class report (one HTML page) to this file.")
@click.option("--hidden/--public", default=True, show_default=True,
              help="Run the hidden tests too, or the public ones only.")
@click.option("--force", is_flag=True, help="Regrade every submission, even those whose row is up to date.")
@_course_option
def grade_(submissions: tuple[Path, ...], jobs: int | None, out: Path | None, gradebook: Path | None,
           feedback: Path | None, csv_path: Path | None, report_path: Path | None, hidden: bool, force: bool,
           course: Path | None) -> None:
    """Grade a class: every submission found in SUBMISSIONS, into the gradebook.

    SUBMISSIONS are folders of many submissions (one per student), LMS exports (a zip
    or folder of per-student files), or single submissions (a folder, .py, .ipynb or
    .zip). A submission whose row is up to date (same files, same graders) is not
    graded again, so an interrupted run resumes where it stopped.

    \b
    Examples:
        autograde grade samples/class --out demo
        autograde grade submissions/ --jobs 4 --csv grades.csv
        autograde grade canvas_export.zip --feedback feedback/ --public

    Exit status: 0 when every submission was graded, 1 when some could not be
    (unreadable, crashed or timed out: they have rows saying why), 2 for a usage or
    configuration error, 3 for an internal error.
    """
    from autograde.batch import grade_class
    from autograde.config import find_course
    from autograde.gradebook import Gradebook
    from autograde.reporters import batch as batch_reporter

    console = Console(highlight=False, soft_wrap=True)  # paths stay whole, to copy
    if out is not None:
        gradebook = gradebook or out / "gradebook.db"
        feedback = feedback or out / "feedback"
        csv_path = csv_path or out / "grades.csv"
        report_path = report_path or out / "report.html"
    book_path = gradebook or Path("gradebook.db")

    def run() -> int:
        found = find_course(course)
        with Gradebook(book_path) as book, batch_reporter.Progress(console) as progress:
            outcome = grade_class(course=found, paths=submissions, gradebook=book, jobs=jobs or os.cpu_count() or 1,
                                  hidden=hidden, force=force, listener=progress)
        batch_reporter.summary(outcome, console)
        written = _write_outputs(list(outcome.rows), feedback=feedback, csv_path=csv_path, report_path=report_path)
        for label, path in [("gradebook", book_path), *written]:
            console.print(f"{label + ':':<10} {escape(str(path))}")
        if report_path is not None:
            console.print(f"Open the report in a browser: {escape(report_path.resolve().as_uri())}")
        return EXIT_OK if not outcome.not_graded else EXIT_NOT_FULL

    sys.exit(_guarded(run, console))


def _warn_if_fallback(server: Any, console: Console) -> None:
    """Say so when learner code runs without kernel namespaces (docs/security.md)."""
    why = server.isolation()
    if why:
        console.print(f"[yellow]warning: the sandbox runs without kernel namespaces here ({escape(why)}); "
                      "learner code is limited but can read files and use the network: see docs/security.md[/]")


def _write_outputs(rows: list[Any], *, feedback: Path | None, csv_path: Path | None,
                   report_path: Path | None) -> list[tuple[str, Path]]:
    """Write the files ``grade`` was asked for; return (label, path) of each."""
    from autograde.reporters import csvfile, report

    written = []
    if feedback is not None:
        from autograde.reporters import feedback as feedback_reporter

        feedback_reporter.write(rows, feedback)
        written.append(("feedback", feedback))
    if csv_path is not None:
        csvfile.write(rows, csv_path, exercises=_exercises(rows))
        written.append(("csv", csv_path))
    if report_path is not None:
        report.write(rows, report_path, title="autograde class report")
        written.append(("report", report_path))
    return written


def _exercises(rows: list[Any]) -> list[str]:
    """The exercises of the rows' results, in the order they were graded."""
    return list(dict.fromkeys(e.name for row in rows for e in row.result.exercises))


EXPORT_FORMATS = ("csv", "json", "gradescope", "junit", "markdown", "html")


@main.command()
@_GRADEBOOK
@click.option("--format", "format_", type=click.Choice(EXPORT_FORMATS), required=True,
              help="csv: one row per student (LMS import); json: the result documents; gradescope: "
              "results.json per student; junit: one JUnit XML file; markdown/html: feedback per student.")
@click.option("--out", type=click.Path(path_type=Path), required=True,
              help="The file (csv, junit) or folder (json, gradescope, markdown, html) to write.")
def export(gradebook: Path, format_: str, out: Path) -> None:
    """Export the gradebook's rows for an LMS, Gradescope, CI or the students.

    \b
    Examples:
        autograde export --format csv --out grades.csv
        autograde export --format gradescope --out gradescope/
        autograde export --format html --out feedback/
    """
    from autograde.reporters import csvfile, feedback, gradescope, jsonfiles, junit

    console = Console(highlight=False, soft_wrap=True)  # paths stay whole, to copy

    def run() -> int:
        rows = _rows(gradebook)
        if format_ == "csv":
            csvfile.write(rows, out, exercises=_exercises(rows))
        elif format_ == "json":
            jsonfiles.write(rows, out)
        elif format_ == "gradescope":
            gradescope.write(rows, out)
        elif format_ == "junit":
            junit.write(rows, out)
        else:
            feedback.write(rows, out, formats=("md",) if format_ == "markdown" else ("html",))
        console.print(f"{len(rows)} students exported as {format_} to {escape(str(out))}")
        return EXIT_OK

    sys.exit(_guarded(run, console))


@main.command()
@_GRADEBOOK
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("report.html"),
              show_default=True, help="The HTML file to write.")
@click.option("--title", default="autograde class report", show_default=True, help="The report's title.")
def report(gradebook: Path, out: Path, title: str) -> None:
    """Write the class report: one self-contained HTML page (histogram, pass rates per
    exercise and test, the commonest failures, timing)."""
    from autograde.reporters import report as report_reporter

    console = Console(highlight=False, soft_wrap=True)  # paths stay whole, to copy

    def run() -> int:
        report_reporter.write(_rows(gradebook), out, title=title)
        console.print(f"report: {escape(str(out))}")
        return EXIT_OK

    sys.exit(_guarded(run, console))


def _rows(gradebook: Path) -> list[Any]:
    from autograde.gradebook import Gradebook

    if not gradebook.is_file():
        raise ConfigError(f"no gradebook at {gradebook}: grade a class first (autograde grade SUBMISSIONS), "
                          "or name the file with --gradebook")
    with Gradebook(gradebook) as book:
        rows = book.rows()
    if not rows:
        raise ConfigError(f"the gradebook {gradebook} has no rows yet: grade a class first")
    return rows


@main.command("validate")
@click.argument("exercises", nargs=-1)
@_course_option
def validate_(exercises: tuple[str, ...], course: Path | None) -> None:
    """Grade the graders: for EXERCISES (default: all), the reference gets full marks,
    the stub zero, every known wrong implementation in graders/mutants/ loses points on
    the test meant to catch it, every correct variant in graders/variants/ full marks,
    and two runs with different seeds agree.

    Exit status: 0 when everything holds, 1 when something does not (the table and the
    list of failures say what), 2 for a usage or configuration error.
    """
    from autograde.config import find_course
    from autograde.validate import render, validate

    console = Console(highlight=False, soft_wrap=True)

    def run() -> int:
        report = validate(course=find_course(course), exercises=exercises)
        render(report, console)
        return EXIT_OK if report.ok else EXIT_NOT_FULL

    sys.exit(_guarded(run, console))


@main.command("release")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="The folder to write student/ and instructor/ into (they must not exist yet).")
@_course_option
def release_(out: Path, course: Path | None) -> None:
    """Write the course's release: OUT/student/ (stubs generated from the solutions,
    notebooks, public graders, the reference's recorded answers: `autograde check` works
    there offline, with no solution and no hidden test in it) and OUT/instructor/ (the
    whole course, with nbgrader source notebooks).
    """
    from autograde.config import find_course
    from autograde.release import release

    console = Console(highlight=False, soft_wrap=True)

    def run() -> int:
        written = release(course=find_course(course), out=out)
        console.print(f"student bundle:    {escape(str(written / 'student'))}")
        console.print(f"instructor bundle: {escape(str(written / 'instructor'))}")
        return EXIT_OK

    sys.exit(_guarded(run, console))


class _ThresholdType(click.ParamType):
    """``--min-score``: points (``40``) or a percentage of the maximum (``80%``)."""

    name = "points|percent%"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from autograde.ci import Threshold

        if isinstance(value, Threshold):
            return value
        text = str(value).strip()
        percent = text.endswith("%")
        try:
            number = float(text.removesuffix("%"))
        except ValueError:
            self.fail(f"{value!r} is neither points (40) nor a percentage (80%)", param, ctx)
        if number < 0 or (percent and number > 100):
            self.fail(f"{value!r} is out of range: points are 0 or more, a percentage 0% to 100%", param, ctx)
        return Threshold(number, percent=percent)


@main.command("ci")
@click.argument("exercises", nargs=-1)
@click.option("--base", metavar="REF",
              help="The pull request's base commit, or what the instructor published (autograde/published): files "
              "the grade depends on (graders, solutions, recorded answers, pyproject.toml, vendor/, CI workflows) "
              "changed since it are tampering, and the base's graders grade.")
@click.option("--min-score", "threshold", type=_ThresholdType(), default="100%", show_default=True,
              help="The score to reach for exit status 0: points (40) or a percentage (80%).")
@click.option("--junit", "junit_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the result as JUnit XML to this file.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the result document (JSON, schema autograde.result/1) to this file.")
@click.option("--hidden/--public", default=False, show_default=True,
              help="Run the hidden tests too (only where the course has them: an instructor's course).")
@click.option("--submission", type=click.Path(exists=True, path_type=Path), default=None,
              help="The learner's work, e.g. notebooks/ (default: the course's exercises/ folder).")
@click.option("--timeout", type=float, default=None, help="Seconds each test may take (default: course setting).")
@_course_option
def ci(exercises: tuple[str, ...], base: str | None, threshold: Any, junit_path: Path | None,
       json_path: Path | None, hidden: bool, submission: Path | None, timeout: float | None,
       course: Path | None) -> None:
    """Grade the learner's work in this course repository, for CI.

    Grades EXERCISES (default: all) of the working tree's exercises/ with the
    course's graders: the repository's own, the base commit's with --base, or
    the instructor's course given by --course. Writes the job summary to
    $GITHUB_STEP_SUMMARY, annotations on the learner's functions (on GitHub
    Actions), one GitHub Classroom runner result per exercise to $GITHUB_OUTPUT,
    and the JUnit and JSON files asked for.

    \b
    Examples:
        autograde ci --base origin/main --junit junit.xml --json result.json
        autograde ci --min-score 80%

    Exit status: 0 when the score reaches --min-score, 1 when it does not, 2
    for a usage or configuration error, 3 for an internal error, 4 when the
    change tampers with protected files (it is still graded, with the base's
    graders). See docs/ci.md.
    """
    import secrets

    from autograde.ci import run_ci
    from autograde.reporters import classroom, github, junit, terminal
    from autograde.reporters._common import number

    console = Console(highlight=False, soft_wrap=True)
    actions = os.environ.get("GITHUB_ACTIONS") == "true"

    def run() -> int:
        outcome = run_ci(start=Path.cwd(), base=base, course=course, submission=submission, exercises=exercises,
                         hidden=hidden, threshold=threshold, timeout_s=timeout)
        token = secrets.token_hex(16)
        if actions:  # learner text below (what their code printed) must not run workflow commands
            click.echo(f"::stop-commands::{token}")
        terminal.render(outcome.result, console, hidden_elsewhere=outcome.hidden_elsewhere)
        if actions:
            click.echo(f"::{token}::")
            for command in github.workflow_commands(outcome):
                click.echo(command)
        _append(os.environ.get("GITHUB_STEP_SUMMARY"), github.summary(outcome))
        _append(os.environ.get("GITHUB_OUTPUT"), classroom.github_outputs(outcome.result))
        if junit_path is not None:
            junit.write_results([(outcome.result.submission, outcome.result)], junit_path)
        if json_path is not None:
            json_path.parent.mkdir(parents=True, exist_ok=True)
            json_path.write_text(outcome.result.to_json(), encoding="utf-8")
        if outcome.tampered:  # the result's notes, printed above, say which files and why
            console.print("[red bold]Refused:[/] this change edits files the grade depends on.")
            return EXIT_TAMPERED
        verdict = "reaches" if outcome.reached else "is below"
        share = f" ({outcome.threshold})" if outcome.threshold.percent else ""
        console.print(f"The score {verdict} the required {number(outcome.required)} points{share}.")
        return EXIT_OK if outcome.reached else EXIT_NOT_FULL

    sys.exit(_guarded(run, console))


def _append(path: str | None, text: str) -> None:
    """Append ``text`` to the file GitHub Actions named in an environment variable, if any."""
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(text)


@main.command("init-ci")
@click.option("--gitlab", is_flag=True, help="Also write .gitlab-ci.yml, the GitLab CI variant.")
@click.option("--classroom", is_flag=True,
              help="Add the GitHub Classroom reporter step, which sends the points to GitHub Classroom.")
@click.option("--install", metavar="SPEC",
              help="What the workflow pip-installs to get autograde (default: the course's wheel in vendor/, "
              "written from this autograde when none is there, or . in autograde's own source; with [keras] when "
              "the course has Keras exercises).")
@click.option("--min-score", "threshold", type=_ThresholdType(), default="100%", show_default=True,
              help="The --min-score the workflow passes to autograde ci.")
@click.option("--force", is_flag=True, help="Replace workflow files that exist already.")
@_course_option
def init_ci_(gitlab: bool, classroom: bool, install: str | None, threshold: Any, force: bool,
             course: Path | None) -> None:
    """Write .github/workflows/autograde.yml (and with --gitlab .gitlab-ci.yml) into
    the course folder: on every push and pull request it installs the course's own
    autograde (pip cached), runs autograde ci against the pull request's base or the
    published commit, and uploads the JUnit and JSON results. See docs/ci.md.
    """
    from autograde.ci.workflows import init_ci
    from autograde.config import find_course

    console = Console(highlight=False, soft_wrap=True)

    def run() -> int:
        setup = init_ci(course=find_course(course), gitlab=gitlab, classroom=classroom, install=install,
                        min_score=threshold.option, force=force)
        for path in setup.written:
            console.print(f"wrote {escape(str(path))}")
        console.print(f"the workflow installs {escape(setup.install)}")
        console.print("Commit these files, then run autograde publish: pushes are compared with the published "
                      "commit (docs/ci.md).")
        return EXIT_OK

    sys.exit(_guarded(run, console))


@main.command("publish")
@_course_option
def publish_(course: Path | None) -> None:
    """Tag the course's last commit autograde/published: the commit that learners'
    pushes are compared with (what the instructor changed before it is never the
    learner's). Run it after each update of the course, from a clean working tree,
    then push the tag as it says. See docs/ci.md.
    """
    from autograde.ci.published import TAG, publish
    from autograde.config import find_course

    console = Console(highlight=False, soft_wrap=True)

    def run() -> int:
        published = publish(course=find_course(course))
        was = ("it is new" if published.previous is None else "it was there already"
               if published.previous == published.commit else f"it was at {published.previous[:12]}")
        console.print(f"{TAG} is at {published.commit[:12]} ({was}).")
        console.print(f"Push it: {published.push}")
        return EXIT_OK

    sys.exit(_guarded(run, console))


def _guarded(run: Callable[[], int], console: Console) -> int:
    """Run a command body, mapping our errors to exit codes with a clear message."""
    try:
        return run()
    except (ConfigError, SubmissionError) as exc:
        console.print(f"[red bold]error:[/] {escape(str(exc))}")
        return EXIT_USAGE
    except AutogradeError as exc:
        console.print(f"[red bold]error:[/] {escape(str(exc))}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        console.print("[yellow]interrupted[/]")
        return 130
    except Exception:  # our own bug: say so, with the traceback for the report
        console.print("[red bold]internal error in autograde (please report it):[/]")
        console.print(traceback.format_exc(), markup=False)
        return EXIT_INTERNAL
