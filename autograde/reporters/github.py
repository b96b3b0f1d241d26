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
from autograde.reporters._common import number, percent
from autograde.reporters.feedback import details_markdown, details_text, markdown_text
from autograde.reporters.visibility import hidden_note, label
from autograde.reporters.terminal import LABEL
from autograde.results import Status, TestResult

MAX_ANNOTATIONS = 10  # per kind and step: GitHub drops the rest
MAX_SUMMARY = 512 * 1024  # characters; GitHub refuses a step summary over 1 MiB
MAX_ANNOTATION = 4000  # characters of one annotation's message

_PROBLEMS = (Status.FAILED, Status.ERROR, Status.TIMEOUT)


# ---- the job summary ----------------------------------------------------------------------


def summary(run: CiRun) -> str:
    """The job summary of ``run`` as Markdown: the verdict, the tamper check, a table of
    exercises, then what to fix: each failing test with its call, expected vs got and hint."""
    result = run.result
    share = number(percent(result.score, result.max_score), 1)
    head = [f"## autograde: {number(result.score)} / {number(result.max_score)} points ({share}%)", _verdict(run)]
    if run.tampered:
        head.append(_tampering(run))
    head.append(markdown_text(f"Graded with the {run.graders}."))
    note = hidden_note(result, hidden_elsewhere=run.hidden_elsewhere)
    if note and (run.hidden_elsewhere or result.hidden_tests_not_run):
        head.append(note)
    notes = [n for n in result.notes if n != run.tamper_note]  # said in full above
    if notes:
        head.append("**While reading your work:**\n" + "\n".join(f"- {markdown_text(n)}" for n in notes))
    head.append(_table(run))
    parts = ["\n\n".join(head)]
    unwritten = _unwritten(run)
    if unwritten:
        parts.append("### Not written yet\n\n" + unwritten)
    # tests that failed alike (the same message, e.g. a missing function) are shown once
    problems: dict[tuple[str, str, str | None, bool, Status], list[TestResult]] = defaultdict(list)
    for exercise in result.exercises:
        for test in exercise.tests:
            if test.status in _PROBLEMS:
                problems[exercise.name, test.message, test.hint, test.hidden, test.status].append(test)
    if problems:
        parts.append("### What to fix")
    size = sum(map(len, parts))
    for shown, ((exercise_name, *_), tests) in enumerate(problems.items()):
        part = _problem(run, exercise_name, tests)
        if size + len(part) > MAX_SUMMARY:
            left = sum(len(t) for t in list(problems.values())[shown:])
            parts.append(f"… and {left} more tests did not pass: the JUnit report and the result "
                         "JSON (the job's artifacts) have them all.")
            break
        parts.append(part)
        size += len(part)
    return "\n\n".join(parts) + "\n"


def _verdict(run: CiRun) -> str:
    if run.tampered:
        return "❌ **Refused: this change edits files the grade depends on** (see below)."
    required = _count(run.required, "point") + (f" ({run.threshold})" if run.threshold.percent else "")
    return (f"✅ Passed: the required {required} is reached." if run.reached
            else f"❌ Not passed yet: {required} are required.")


def _tampering(run: CiRun) -> str:
    files = "\n".join(f"> - `{path}`" for path in run.tampered)
    return ("> [!CAUTION]\n> **Protected files changed.** Since the base commit "
            f"`{run.base[:12]}` this change edits:\n{files}\n>\n> The grade above uses the base commit's "
            "graders, never these edits, and this check fails until the edits are undone. "
            "Change only your exercise files.")


def _table(run: CiRun) -> str:
    lines = ["| exercise | points | tests passed |", "| --- | ---: | ---: |"]
    for exercise in run.result.exercises:
        passed = sum(t.status is Status.PASSED for t in exercise.tests)
        mark = "✅" if passed == len(exercise.tests) else "❌"
        lines.append(f"| {mark} {markdown_text(exercise.name)} | {number(exercise.score)} / "
                     f"{number(exercise.max_score)} | {passed} / {len(exercise.tests)} |")
    return "\n".join(lines)


def _unwritten(run: CiRun) -> str:
    """One line per function still raising ``NotImplementedError``, with its tests' points."""
    found: dict[tuple[str, str], list[TestResult]] = defaultdict(list)
    for exercise in run.result.exercises:
        for test in exercise.tests:
            if test.status is Status.NOT_ATTEMPTED:
                found[exercise.name, _where(run.locations[exercise.name, test.name])].append(test)
    return "\n".join(
        f"- {markdown_text(exercise)}: {place}: {_count(len(tests), 'test')}, "
        f"{_count(sum(t.max_score for t in tests), 'point')}"
        for (exercise, place), tests in found.items())


def _count(value: float, noun: str) -> str:
    """``1 point``, ``2 points``, ``1.5 points``."""
    return f"{number(value)} {noun}{'' if value == 1 else 's'}"


def _where(location: Location) -> str:
    """A location as Markdown: the function, the file and the line."""
    function = f"`{location.function}` in " if location.function else ""
    return f"{function}`{location.path}` line {location.line}"


def _problem(run: CiRun, exercise: str, tests: list[TestResult]) -> str:
    """One failure, as the tests that met it: what they are worth, where, and why."""
    names = ", ".join(map(label, tests))
    score, worth = sum(t.score for t in tests), sum(t.max_score for t in tests)
    title = (f"#### {markdown_text(exercise)} › {markdown_text(names)}: {LABEL[tests[0].status]}, "
             f"{number(score)} / {_count(worth, 'point')}")
    return f"{title}\n\n{_where(run.locations[exercise, tests[0].name])}\n\n{details_markdown(tests[0]).strip()}"


# ---- annotations -----------------------------------------------------------------------------


def workflow_commands(run: CiRun) -> list[str]:
    """Workflow commands annotating ``run``: the tampering, then one ``error`` per
    function with failing tests, one ``notice`` per function not written yet."""
    commands = []
    if run.tampered:
        commands.append(_command("error", "autograde: protected files changed",
                                 f"This change edits files the grade depends on: {', '.join(run.tampered)}. "
                                 f"It was graded with the graders of the base commit {run.base[:12]}, and the "
                                 "check fails until these edits are undone.", file=run.tampered[0]))
    groups: dict[tuple[str, Location, str], list[TestResult]] = defaultdict(list)
    for exercise in run.result.exercises:
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
        commands.append(_command(kind, _title(kind, name, location, tests), _message(kind, tests),
                                 file=location.path, line=location.line))
    for kind, count in left.items():
        what = "failing tests" if kind == "error" else "tests of functions not written yet"
        commands.append(_command("warning", "autograde: more in the job summary",
                                 f"{count} more {what} are not annotated here (GitHub shows {MAX_ANNOTATIONS} "
                                 "annotations of a kind): the job summary lists them all."))
    return commands


def _title(kind: str, exercise: str, location: Location, tests: list[TestResult]) -> str:
    what = f"{exercise}.{location.function}" if location.function else exercise
    lost = _count(sum(t.max_score - t.score for t in tests), "point")
    if kind == "notice":
        return f"{what} is not written yet ({lost})"
    return f"{what}: {_count(len(tests), 'test')} did not pass ({lost} lost)"


def _message(kind: str, tests: list[TestResult]) -> str:
    if kind == "notice":
        return "Tests waiting for it: " + ", ".join(map(label, tests))
    lines = [f"{label(t)}: {LABEL[t.status]}, {number(t.score)} / {number(t.max_score)} points" for t in tests]
    first = tests[0]  # the first failure in full: what was called, expected vs got, the hint
    text = "\n".join([*lines, "", f"{label(first)}:", details_text(first)])
    return text if len(text) <= MAX_ANNOTATION else text[:MAX_ANNOTATION] + " …(the job summary has the rest)"


def _command(kind: str, title: str, message: str, **where: str | int) -> str:
    properties = ",".join(f"{key}={_property(str(value))}" for key, value in [*where.items(), ("title", title)])
    return f"::{kind} {properties}::{_data(message)}"


def _data(text: str) -> str:
    """A workflow command's message: ``%``, CR and LF escaped, so it stays one line."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """A workflow command's property value: as :func:`_data`, and ``:`` and ``,`` too."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")

