"""The ``autograde`` command. Each command is a thin Click function over one library call.

Exit codes (all commands):

====  ==========================================================
0     success; for ``check``, every graded test passed; for ``ci``,
      the score reached ``--min-score``
1     ``check`` graded the submission and some tests did not pass
      (an unreadable submission is graded: every test says why);
      ``ci``: the score is below ``--min-score``; ``grade``: some
      submissions could not be graded, or none were found
2     usage or configuration error (bad option, unknown exercise,
      no course found, broken grader, an output that exists already,
      a Python installation that cannot grade)
3     internal error in autograde itself (please report it)
4     ``ci``: the change tampers with protected files (graders,
      solutions, recorded answers, configuration, CI workflows)
130   interrupted (Ctrl-C)
====  ==========================================================

They are :class:`autograde.cli.common.Exit`; :func:`autograde.cli.common.command` maps
errors to them, so no command handles its own.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape

from autograde import __version__
from autograde.cli.common import (
    TIMEOUT, Exit, OutputPath, command, course_option, lang_option, refuse_existing, warner, write_text,
)
from autograde.errors import ConfigError
from autograde.i18n import Words


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


@command(main)
@click.argument("exercises", nargs=-1)
@click.option(
    "--submission",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="Folder of exercise modules (or one .py file, notebook or .zip) to grade. Default: the course's "
    "exercises/ folder.",
)
@click.option("--json", "json_path", type=OutputPath("file"),
              help="Also write the result document (JSON, schema autograde.result/1) to this file.")
@click.option("--timeout", type=TIMEOUT, default=None,
              help="Seconds each test may take, more than 0 (default: course setting, 2).")
@lang_option
@course_option
def check(console: Console, exercises: tuple[str, ...], submission: Path | None, json_path: Path | None,
          timeout: float | None, lang: str | None, course: Path | None) -> Exit:
    """Grade EXERCISES (default: all) with the public tests and show what to fix.

    \b
    Examples:
        autograde check
        autograde check activations losses
        autograde check --submission my_work/ --json result.json

    Exit status: 0 when every test passed, 1 when some did not, 2 for a usage
    or configuration error, 3 for an internal error.
    """
    from autograde.config import find_course
    from autograde.grading import GradingSession
    from autograde.reporters import terminal

    found = find_course(course).with_overrides(timeout_s=timeout)
    _ = Words.chosen(lang, found)
    with GradingSession(found, exercises=exercises, warn=warner(console), language=_.language) as session:
        result = session.grade(session.load(submission))
    terminal.render(result, console, hidden_elsewhere=found.bundle == "student", words=_)
    if json_path is not None:
        write_text(json_path, result.to_json())
        console.print("[dim]" + _("Result written to {path}", path=escape(str(json_path))) + "[/]")
    return Exit.OK if result.score == result.max_score else Exit.NOT_FULL


@command(main, "list")
@lang_option
@course_option
def list_(console: Console, lang: str | None, course: Path | None) -> Exit:
    """List the exercises in teaching order, with their tests and points."""
    from autograde.config import find_course
    from autograde.grading import inventory
    from autograde.reporters import terminal

    found = find_course(course)
    terminal.exercises(inventory(course=found), console, Words.chosen(lang, found))
    return Exit.OK


@command(main)
@click.argument("exercise")
@click.argument("test", required=False)
@lang_option
@course_option
def hint(console: Console, exercise: str, test: str | None, lang: str | None, course: Path | None) -> Exit:
    """Show the hints of EXERCISE's public tests (or of one TEST).

    \b
    Examples:
        autograde hint activations
        autograde hint activations test_softmax_large_logits
    """
    from autograde.config import find_course
    from autograde.grading import inventory
    from autograde.reporters import terminal

    found = find_course(course)
    specs = [(n, s) for n, s in inventory(course=found, exercises=[exercise])[exercise] if not s.hidden]
    if test is not None:
        chosen = [(n, s) for n, s in specs if n == test or n.split("[")[0] == test]
        if not chosen:
            names = ", ".join(dict.fromkeys(n.split("[")[0] for n, _ in specs))
            raise ConfigError(f"{exercise} has no public test {test!r}; its tests: {names}")
        specs = chosen
    terminal.hints(specs, console, Words.chosen(lang, found))
    return Exit.OK


@command(main, "grade")
@click.argument("submissions", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Submissions graded at once, 1 or more (default: the machine's cores).")
@click.option("--out", type=OutputPath("folder"),
              help="Write everything into this folder: gradebook.db, grades.csv, feedback/ and report.html "
              "(each unless named by its own option).")
@click.option("--gradebook", type=OutputPath("file"), default=None,
              help="The gradebook file (SQLite). Default: OUT/gradebook.db, or gradebook.db.")
@click.option("--feedback", type=OutputPath("folder"),
              help="Write each student's feedback (Markdown and HTML) into this folder.")
@click.option("--csv", "csv_path", type=OutputPath("file"),
              help="Write the class's scores as CSV (one row per student) to this file.")
@click.option("--report", "report_path", type=OutputPath("file"),
              help="Write the class report (one HTML page) to this file.")
@click.option("--hidden/--public", default=True, show_default=True,
              help="Run the hidden tests too, or the public ones only.")
@click.option("--force", is_flag=True, help="Regrade every submission, even those whose row is up to date.")
@click.option("--cluster", metavar="ADDRESS|local:N", callback=lambda _c, _p, v: _cluster(v),
              help="Grade on a Dask cluster: its scheduler's address (tcp://host:8786, tls://...), or local:N "
              "to start N Dask workers on this machine. Needs autograde-dl[cluster] here and on every worker "
              "(docs/batch.md).")
@lang_option
@course_option
def grade_(console: Console, submissions: tuple[Path, ...], jobs: int | None, out: Path | None,
           gradebook: Path | None, feedback: Path | None, csv_path: Path | None, report_path: Path | None,
           hidden: bool, force: bool, cluster: str | None, lang: str | None, course: Path | None) -> Exit:
    """Grade a class: every submission found in SUBMISSIONS, into the gradebook.

    SUBMISSIONS are folders of many submissions (one per student), LMS exports (a zip
    or folder of per-student files), or single submissions (a folder, .py, .ipynb or
    .zip). A submission whose row is up to date (same files, same graders) is not
    graded again, so an interrupted run resumes where it stopped; the CSV, feedback and
    report are written again from the gradebook each time.

    \b
    Examples:
        autograde grade samples/class --out demo
        autograde grade submissions/ --jobs 4 --csv grades.csv
        autograde grade canvas_export.zip --feedback feedback/ --public
        autograde grade submissions/ --cluster tcp://scheduler:8786 --out grading

    Exit status: 0 when every submission was graded, 1 when some could not be
    (unreadable, crashed or timed out: they have rows saying why) or none were
    found, 2 for a usage or configuration error, 3 for an internal error.
    """
    from autograde.batch import grade_class
    from autograde.config import find_course

    if cluster is not None and jobs is not None:
        raise click.UsageError("--jobs is for this machine's workers; with --cluster the cluster's workers grade")
    from autograde.gradebook import Gradebook
    from autograde.reporters import batch as batch_reporter
    from autograde.reporters.exporters import EXPORTERS

    if out is not None:
        gradebook = gradebook or out / "gradebook.db"
        feedback = feedback or out / "feedback"
        csv_path = csv_path or out / "grades.csv"
        report_path = report_path or out / "report.html"
    book_path = gradebook or Path("gradebook.db")
    found = find_course(course)
    said = Words.chosen(lang, found)
    book_path.parent.mkdir(parents=True, exist_ok=True)
    with Gradebook(book_path) as book, batch_reporter.Progress(console, said) as progress:
        outcome = grade_class(course=found, paths=submissions, gradebook=book, jobs=jobs or os.cpu_count() or 1,
                              hidden=hidden, force=force, listener=progress, warn=warner(console),
                              language=said.language, cluster=cluster)
    batch_reporter.summary(outcome, console, said)
    console.print(f"{'gradebook:':<10} {escape(str(book_path))}")
    for name, path in (("feedback", feedback), ("csv", csv_path), ("report", report_path)):
        if path is not None:
            EXPORTERS[name].write(list(outcome.rows), path, words=said)
            console.print(f"{name + ':':<10} {escape(str(path))}")
    if report_path is not None:
        console.print(f"Open the report in a browser: {escape(report_path.resolve().as_uri())}")
    return Exit.OK if not outcome.not_graded else Exit.NOT_FULL


def _cluster(value: str | None) -> str | None:
    """``--cluster``: ``local:N`` with N of at least 1, or a scheduler's address."""
    if value is None:
        return None
    if value.startswith("local:") and not (value[6:].isdigit() and int(value[6:]) >= 1):
        raise click.BadParameter(f"{value!r}: local:N needs a number of workers, 1 or more (local:2)")
    if not value.startswith("local:") and ("://" not in value and value.count(":") != 1):
        raise click.BadParameter(f"{value!r} is not a scheduler address: tcp://HOST:PORT, tls://HOST:PORT "
                                 "or local:N")
    return value


_GRADEBOOK = click.option(
    "--gradebook", type=click.Path(dir_okay=False, path_type=Path), default=Path("gradebook.db"), show_default=True,
    help="The gradebook file (SQLite).",
)
_FORCE = click.option("--force", is_flag=True, help="Replace what an earlier export wrote at --out.")


def _export_formats() -> list[str]:
    from autograde.reporters.exporters import EXPORTERS

    return list(EXPORTERS)


@command(main)
@_GRADEBOOK
@click.option("--format", "format_", type=click.Choice(_export_formats()), required=True,
              help="csv: one row per student (LMS import); json: the result documents; gradescope: "
              "results.json per student; junit: one JUnit XML file; markdown/html/feedback: feedback per student "
              "(.md, .html, both); report: the class report.")
@click.option("--out", type=OutputPath("either"), required=True,
              help="The file (csv, junit, report) or folder (json, gradescope, markdown, html, feedback) to write.")
@_FORCE
@lang_option
@course_option
def export(console: Console, gradebook: Path, format_: str, out: Path, force: bool, lang: str | None,
           course: Path | None) -> Exit:
    """Export the gradebook's rows for an LMS, Gradescope, CI or the students.

    \b
    Examples:
        autograde export --format csv --out grades.csv
        autograde export --format gradescope --out gradescope/
        autograde export --format html --out feedback/
    """
    from autograde.cli.common import output_problem
    from autograde.reporters.exporters import EXPORTERS

    exporter = EXPORTERS[format_]
    problem = output_problem(out, exporter.target)
    if problem:
        raise click.BadParameter(f"{problem} (--format {format_} writes a {exporter.target})", param_hint="'--out'")
    refuse_existing(out, force=force, option="--out")
    rows = _rows(gradebook)
    exporter.write(rows, out, words=_words(lang, course))
    console.print(f"{len(rows)} students exported as {format_} to {escape(str(out))}")
    return Exit.OK


@command(main)
@_GRADEBOOK
@click.option("--out", type=OutputPath("file"), default=Path("report.html"),
              show_default=True, help="The HTML file to write.")
@click.option("--title", default=None, help="The report's title (default: \"autograde class report\", in its language).")
@_FORCE
@lang_option
@course_option
def report(console: Console, gradebook: Path, out: Path, title: str | None, force: bool, lang: str | None,
           course: Path | None) -> Exit:
    """Write the class report: one self-contained HTML page (histogram, pass rates per
    exercise and test, the commonest failures, timing)."""
    from autograde.reporters.exporters import EXPORTERS

    refuse_existing(out, force=force, option="--out")
    EXPORTERS["report"].write(_rows(gradebook), out, title=title, words=_words(lang, course))
    console.print(f"report: {escape(str(out))}")
    return Exit.OK


def _words(lang: str | None, course: Path | None) -> Words:
    """The words of the language chosen for an export: with the course's catalogue (its
    hints) when there is a course here or at --course."""
    from autograde.config import find_course

    try:
        found = find_course(course)
    except ConfigError:
        if course is not None:
            raise
        found = None
    return Words.chosen(lang, found)


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


@command(main, "validate")
@click.argument("exercises", nargs=-1)
@click.option("--lang", type=click.Choice(["ko"]), default=None,
              help="Also check that every text of the graders is translated into this language.")
@course_option
def validate_(console: Console, exercises: tuple[str, ...], lang: str | None, course: Path | None) -> Exit:
    """Grade the graders: for EXERCISES (default: all), the reference gets full marks,
    the stub zero, every known wrong implementation in graders/mutants/ loses points on
    the test meant to catch it, every correct variant in graders/variants/ full marks,
    and two runs with different seeds agree.

    Exit status: 0 when everything holds, 1 when something does not (the table and the
    list of failures say what), 2 for a usage or configuration error.
    """
    from autograde.config import find_course
    from autograde.reporters import terminal
    from autograde.validate import validate

    found = validate(course=find_course(course), exercises=exercises, warn=warner(console), language=lang or "en")
    terminal.validation(found, console)
    return Exit.OK if found.ok else Exit.NOT_FULL


@command(main, "release")
@click.option("--out", type=OutputPath("folder"), required=True,
              help="The folder to write student/ and instructor/ into (they must not exist yet).")
@course_option
def release_(console: Console, out: Path, course: Path | None) -> Exit:
    """Write the course's release: OUT/student/ (stubs generated from the solutions,
    notebooks, public graders, the reference's recorded answers: `autograde check` works
    there offline, with no solution and no hidden test in it) and OUT/instructor/ (the
    whole course, with nbgrader source notebooks).
    """
    from autograde.config import find_course
    from autograde.release import release

    written = release(course=find_course(course), out=out)
    console.print(f"student bundle:    {escape(str(written / 'student'))}")
    console.print(f"instructor bundle: {escape(str(written / 'instructor'))}")
    return Exit.OK


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


@command(main, "ci")
@click.argument("exercises", nargs=-1)
@click.option("--base", metavar="REF",
              help="The pull request's base commit, or what the instructor published (autograde/published): files "
              "the grade depends on (graders, solutions, recorded answers, pyproject.toml, vendor/, CI workflows) "
              "changed since it are tampering, and the base's graders grade.")
@click.option("--min-score", "threshold", type=_ThresholdType(), default="100%", show_default=True,
              help="The score to reach for exit status 0: points (40) or a percentage (80%).")
@click.option("--junit", "junit_path", type=OutputPath("file"),
              help="Write the result as JUnit XML to this file.")
@click.option("--json", "json_path", type=OutputPath("file"),
              help="Write the result document (JSON, schema autograde.result/1) to this file.")
@click.option("--hidden/--public", default=False, show_default=True,
              help="Run the hidden tests too (only where the course has them: an instructor's course).")
@click.option("--submission", type=click.Path(exists=True, path_type=Path), default=None,
              help="The learner's work, e.g. notebooks/ (default: the course's exercises/ folder).")
@click.option("--timeout", type=TIMEOUT, default=None,
              help="Seconds each test may take, more than 0 (default: course setting).")
@lang_option
@course_option
def ci(console: Console, exercises: tuple[str, ...], base: str | None, threshold: Any, junit_path: Path | None,
       json_path: Path | None, hidden: bool, submission: Path | None, timeout: float | None, lang: str | None,
       course: Path | None) -> Exit:
    """Grade the learner's work in this course repository, for CI.

    Grades EXERCISES (default: all) of the working tree's exercises/ with the
    course's graders: the repository's own, the base commit's with --base, or
    the instructor's course given by --course. Writes the job summary to
    $GITHUB_STEP_SUMMARY, annotations on the learner's functions (on GitHub
    Actions), one GitHub Classroom runner result per exercise to $GITHUB_OUTPUT,
    and the JUnit and JSON files asked for. The job log, the summary, the
    annotations and Classroom show a hidden test's name, outcome and points only;
    the JUnit and JSON files keep everything.

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

    actions = os.environ.get("GITHUB_ACTIONS") == "true"
    outcome = run_ci(start=Path.cwd(), base=base, course=course, submission=submission, exercises=exercises,
                     hidden=hidden, threshold=threshold, timeout_s=timeout, warn=warner(console), language=lang)
    _ = outcome.words
    token = secrets.token_hex(16)
    if actions:  # learner text below (what their code printed) must not run workflow commands
        click.echo(f"::stop-commands::{token}")
    terminal.render(outcome.result, console, hidden_elsewhere=outcome.hidden_elsewhere, words=_)
    if actions:
        click.echo(f"::{token}::")
        for workflow_command in github.workflow_commands(outcome, _):
            click.echo(workflow_command)
    _append(os.environ.get("GITHUB_STEP_SUMMARY"), github.summary(outcome, _))
    _append(os.environ.get("GITHUB_OUTPUT"), classroom.github_outputs(outcome.result, _))
    if junit_path is not None:
        junit_path.parent.mkdir(parents=True, exist_ok=True)
        junit.write_results([(outcome.result.submission, outcome.result)], junit_path)
    if json_path is not None:
        write_text(json_path, outcome.result.to_json())
    if outcome.tampered:  # the result's notes, printed above, say which files and why
        console.print(_("[red bold]Refused:[/] this change edits files the grade depends on."))
        return Exit.TAMPERED
    share = f" ({outcome.threshold})" if outcome.threshold.percent else ""
    console.print(_("The score reaches the required {points} points{share}.", points=number(outcome.required),
                    share=share) if outcome.reached else
                  _("The score is below the required {points} points{share}.", points=number(outcome.required),
                    share=share))
    return Exit.OK if outcome.reached else Exit.NOT_FULL


def _append(path: str | None, text: str) -> None:
    """Append ``text`` to the file GitHub Actions named in an environment variable, if any."""
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(text)


@command(main, "init-ci")
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
@course_option
def init_ci_(console: Console, gitlab: bool, classroom: bool, install: str | None, threshold: Any, force: bool,
             course: Path | None) -> Exit:
    """Write .github/workflows/autograde.yml (and with --gitlab .gitlab-ci.yml) into
    the course folder: on every push and pull request it installs the course's own
    autograde (pip cached), runs autograde ci against the pull request's base or the
    published commit, and uploads the JUnit and JSON results. See docs/ci.md.
    """
    from autograde.ci.workflows import init_ci
    from autograde.config import find_course

    setup = init_ci(course=find_course(course), gitlab=gitlab, classroom=classroom, install=install,
                    min_score=threshold.option, force=force)
    for path in setup.written:
        console.print(f"wrote {escape(str(path))}")
    console.print(f"the workflow installs {escape(setup.install)}")
    console.print("Commit these files, then run autograde publish: pushes are compared with the published "
                  "commit (docs/ci.md).")
    return Exit.OK


@command(main, "publish")
@course_option
def publish_(console: Console, course: Path | None) -> Exit:
    """Tag the course's last commit autograde/published: the commit that learners'
    pushes are compared with (what the instructor changed before it is never the
    learner's). Run it after each update of the course, from a clean working tree,
    then push the tag as it says. See docs/ci.md.
    """
    from autograde.ci.published import TAG, publish
    from autograde.config import find_course

    published = publish(course=find_course(course))
    was = ("it is new" if published.previous is None else "it was there already"
           if published.previous == published.commit else f"it was at {published.previous[:12]}")
    console.print(f"{TAG} is at {published.commit[:12]} ({was}).")
    console.print(f"Push it: {published.push}")
    return Exit.OK


@main.group("i18n")
def i18n_() -> None:
    """Keep the course's translations (and, with --package, autograde's own): update,
    compile, check. See docs/i18n.md."""


_PACKAGE = click.option("--package", is_flag=True,
                        help="autograde's own catalogue (autograde/i18n/locale) instead of the course's.")


def _domain(package: bool, course: Path | None) -> tuple[str, Any]:
    from autograde.config import find_course
    from autograde.i18n.text import COURSE, OURS

    return (OURS, None) if package else (COURSE, find_course(course))


@command(i18n_, "update")
@_PACKAGE
@course_option
def i18n_update(console: Console, package: bool, course: Path | None) -> Exit:
    """Extract the texts to translate, merge them into each language's .po (new ones
    empty, changed ones fuzzy, gone ones dropped), and compile the .mo."""
    from autograde.i18n import catalogues

    domain, found = _domain(package, course)
    for path in catalogues.update(domain, found):
        console.print(f"wrote {escape(str(path))}")
    return Exit.OK


@command(i18n_, "compile")
@_PACKAGE
@course_option
def i18n_compile(console: Console, package: bool, course: Path | None) -> Exit:
    """Compile each language's .po into the .mo that grading reads."""
    from autograde.i18n import LANGUAGES, catalogues

    domain, found = _domain(package, course)
    for language in LANGUAGES[1:]:
        po = catalogues.po_path(domain, language, found)
        if po.exists():
            console.print(f"wrote {escape(str(catalogues.compile_mo(po)))}")
    return Exit.OK


@command(i18n_, "check")
@click.option("--lang", type=click.Choice(["ko"]), default="ko", show_default=True, help="The language to check.")
@_PACKAGE
@course_option
def i18n_check(console: Console, lang: str, package: bool, course: Path | None) -> Exit:
    """Check that every text is translated into LANG, with the same placeholders, none
    fuzzy, and the .mo compiled from the .po as it is. Exit status 1 when not."""
    from autograde.i18n import catalogues

    domain, found = _domain(package, course)
    problems = catalogues.check(domain, lang, found)
    for problem in problems:
        console.print(escape(str(problem)))
    console.print(f"{len(problems)} problem(s) in the {lang} catalogue of {domain}" if problems
                  else f"the {lang} catalogue of {domain} is complete")
    return Exit.NOT_FULL if problems else Exit.OK
