"""``autograde ci`` on GitHub Actions: the job summary (Markdown, appended to
``$GITHUB_STEP_SUMMARY``) and workflow annotations (``::error file=...,line=...::``) on
the learner's own functions.

GitHub shows at most 10 error and 10 notice annotations of a step, so tests are grouped
by the function they belong to, and what does not fit is counted in one warning that
points at the summary. Everything the learner's code produced is escaped: a printed
``::error::`` can neither start a workflow command inside an annotation nor become
markup in the summary.
"""

from __future__ import annotations

from collections import defaultdict

from autograde.ci import CiRun
from autograde.ci.locate import Location
from autograde.i18n import Words
from autograde.reporters import grouping
from autograde.reporters._common import number, percent
from autograde.reporters.feedback import details_markdown, details_text, markdown_code, markdown_text
from autograde.reporters.visibility import ENGLISH, hidden_note, label, localized, outcome
from autograde.results import Status, TestResult

MAX_ANNOTATIONS = 10  # per kind and step: GitHub drops the rest
MAX_SUMMARY = 512 * 1024  # characters; GitHub refuses a step summary over 1 MiB
MAX_ANNOTATION = 4000  # characters of one annotation's message

_PROBLEMS = (Status.FAILED, Status.ERROR, Status.TIMEOUT)


# ---- the job summary ----------------------------------------------------------------------


def summary(run: CiRun, words: Words = ENGLISH) -> str:
    """The job summary of ``run`` as Markdown in ``words``' language: the verdict, the
    tamper check, a table of exercises, then what to fix: each failing test with its call,
    expected vs got and hint."""
    _ = words
    result = localized(run.result, words)
    share = number(percent(result.score, result.max_score), 1)
    head = ["## " + _("autograde: {score} / {max_score} points ({share}%)", score=number(result.score),
                      max_score=number(result.max_score), share=share), _verdict(run, words)]
    if run.tampered:
        head.append(_tampering(run, words))
    head.append(markdown_text(_("Graded with the {graders}.", graders=run.graders)))
    note = hidden_note(result, hidden_elsewhere=run.hidden_elsewhere, words=words)
    if note and (run.hidden_elsewhere or result.hidden_tests_not_run):
        head.append(note)
    notes = [n for n in result.notes if n != run.tamper_note]  # said in full above
    if notes:
        head.append(_("**While reading your work:**") + "\n" + "\n".join(f"- {markdown_text(n)}" for n in notes))
    head.append(_table(run, words))
    parts = ["\n\n".join(head)]
    unwritten = _unwritten(run, words)
    if unwritten:
        parts.append("### " + _("Not written yet") + "\n\n" + unwritten)
    # tests that failed alike (the same message, e.g. a missing function) are shown once
    problems = [(exercise.name, problem) for exercise in result.exercises
                for problem in grouping.problems(exercise.tests, statuses=_PROBLEMS, words=words)]
    if problems:
        parts.append("### " + _("What to fix"))
    size = sum(map(len, parts))
    for shown, (exercise_name, problem) in enumerate(problems):
        part = _problem(run, exercise_name, list(problem.tests), words)
        if size + len(part) > MAX_SUMMARY:
            left = sum(len(p.tests) for _p, p in problems[shown:])
            parts.append(_("… and {count} more tests did not pass: the JUnit report and the result JSON (the job's "
                           "artifacts) have them all.", count=left))
            break
        parts.append(part)
        size += len(part)
    return "\n\n".join(parts) + "\n"


def _verdict(run: CiRun, words: Words) -> str:
    _ = words
    if run.tampered:
        return "❌ " + _("**Refused: this change edits files the grade depends on** (see below).")
    required = _points(run.required, words) + (f" ({run.threshold})" if run.threshold.percent else "")
    return ("✅ " + _("Passed: the required {required} is reached.", required=required) if run.reached
            else "❌ " + _("Not passed yet: {required} are required.", required=required))


def _tampering(run: CiRun, words: Words) -> str:
    _ = words
    files = "\n".join(f"> - {markdown_code(path)}" for path in run.tampered)
    return ("> [!CAUTION]\n> " + _("**Protected files changed.** Since the base commit {base} this change edits:",
                                   base=markdown_code(run.base[:12]))
            + f"\n{files}\n>\n> " + _("The grade above uses the base commit's graders, never these edits, and this "
                                      "check fails until the edits are undone. Change only your exercise files."))


def _table(run: CiRun, words: Words) -> str:
    _ = words
    header = (_("exercise"), _("points"), _("tests passed"))
    lines = ["| " + " | ".join(header) + " |", "| --- | ---: | ---: |"]
    for exercise in run.result.exercises:
        passed = sum(t.status is Status.PASSED for t in exercise.tests)
        mark = "✅" if passed == len(exercise.tests) else "❌"
        lines.append(f"| {mark} {markdown_text(exercise.name)} | {number(exercise.score)} / "
                     f"{number(exercise.max_score)} | {passed} / {len(exercise.tests)} |")
    return "\n".join(lines)


def _unwritten(run: CiRun, words: Words) -> str:
    """One line per function still raising ``NotImplementedError``, with its tests' points."""
    found: dict[tuple[str, str], list[TestResult]] = defaultdict(list)
    for exercise in run.result.exercises:
        for test in exercise.tests:
            if test.status is Status.NOT_ATTEMPTED:
                found[exercise.name, _where(run.locations[exercise.name, test.name], words)].append(test)
    return "\n".join(
        f"- {markdown_text(exercise)}: {place}: {_tests(len(tests), words)}, "
        f"{_points(sum(t.max_score for t in tests), words)}"
        for (exercise, place), tests in found.items())


def _points(value: float, words: Words) -> str:
    """``1 point``, ``2 points``, ``1.5 points``."""
    return words.plural("{count} point", "{count} points", 1 if value == 1 else 2, count=number(value))


def _tests(value: int, words: Words) -> str:
    """``1 test``, ``2 tests``."""
    return words.plural("{count} test", "{count} tests", value, count=value)


def _where(location: Location, words: Words) -> str:
    """A location as Markdown: the function, the file and the line."""
    _ = words
    path = markdown_code(location.path)
    if location.function:
        return _("{function} in {path} line {line}", function=markdown_code(location.function), path=path,
                 line=location.line)
    return _("{path} line {line}", path=path, line=location.line)


def _problem(run: CiRun, exercise: str, tests: list[TestResult], words: Words) -> str:
    """One failure, as the tests that met it: what they are worth, where, and why."""
    names = ", ".join(label(t, words) for t in tests)
    score, worth = sum(t.score for t in tests), sum(t.max_score for t in tests)
    title = (f"#### {markdown_text(exercise)} › {markdown_text(names)}: {outcome(tests[0].status, words)}, "
             f"{number(score)} / {_points(worth, words)}")
    return (f"{title}\n\n{_where(run.locations[exercise, tests[0].name], words)}\n\n"
            f"{details_markdown(tests[0], words).strip()}")


# ---- annotations -----------------------------------------------------------------------------


def workflow_commands(run: CiRun, words: Words = ENGLISH) -> list[str]:
    """Workflow commands annotating ``run``: the tampering, then one ``error`` per
    function with failing tests, one ``notice`` per function not written yet."""
    _ = words
    commands = []
    if run.tampered:
        commands.append(_command("error", _("autograde: protected files changed"),
                                 _("This change edits files the grade depends on: {files}. It was graded with the "
                                   "graders of the base commit {base}, and the check fails until these edits are "
                                   "undone.", files=", ".join(run.tampered), base=run.base[:12]),
                                 file=run.tampered[0]))
    groups: dict[tuple[str, Location, str], list[TestResult]] = defaultdict(list)
    for exercise in localized(run.result, words).exercises:
        for test in exercise.tests:
            kind = "error" if test.status in _PROBLEMS else "notice" if test.status is Status.NOT_ATTEMPTED else ""
            if kind:
                groups[kind, run.locations[exercise.name, test.name], exercise.name].append(test)
    shown: dict[str, int] = defaultdict(int, error=len(commands))
    left: dict[str, int] = defaultdict(int)
    for (kind, location, name), tests in groups.items():
        if shown[kind] >= MAX_ANNOTATIONS:
            left[kind] += len(tests)
            continue
        shown[kind] += 1
        commands.append(_command(kind, _title(kind, name, location, tests, words), _message(kind, tests, words),
                                 file=location.path, line=location.line))
    for kind, count in left.items():
        text = (_("{count} more failing tests are not annotated here (GitHub shows {most} annotations of a kind): "
                  "the job summary lists them all.", count=count, most=MAX_ANNOTATIONS) if kind == "error"
                else _("{count} more tests of functions not written yet are not annotated here (GitHub shows {most} "
                       "annotations of a kind): the job summary lists them all.", count=count, most=MAX_ANNOTATIONS))
        commands.append(_command("warning", _("autograde: more in the job summary"), text))
    return commands


def _title(kind: str, exercise: str, location: Location, tests: list[TestResult], words: Words) -> str:
    _ = words
    what = f"{exercise}.{location.function}" if location.function else exercise
    lost = _points(sum(t.max_score - t.score for t in tests), words)
    if kind == "notice":
        return _("{what} is not written yet ({lost})", what=what, lost=lost)
    return _("{what}: {tests} did not pass ({lost} lost)", what=what, tests=_tests(len(tests), words), lost=lost)


def _message(kind: str, tests: list[TestResult], words: Words) -> str:
    _ = words
    if kind == "notice":
        return _("Tests waiting for it: {tests}", tests=", ".join(label(t, words) for t in tests))
    lines = [grouping.cost_line(t, words) for t in tests]
    first = tests[0]  # the first failure in full: what was called, expected vs got, the hint
    text = "\n".join([*lines, "", f"{label(first, words)}:", details_text(first, words)])
    return text if len(text) <= MAX_ANNOTATION else text[:MAX_ANNOTATION] + " " + _("…(the job summary has the rest)")


def _command(kind: str, title: str, message: str, **where: str | int) -> str:
    properties = ",".join(f"{key}={_property(str(value))}" for key, value in [*where.items(), ("title", title)])
    return f"::{kind} {properties}::{_data(message)}"


def _data(text: str) -> str:
    """A workflow command's message: ``%``, CR and LF escaped, so it stays one line."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """A workflow command's property value: as :func:`_data`, and ``:`` and ``,`` too."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")

