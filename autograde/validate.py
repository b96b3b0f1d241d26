"""Grade the graders: ``autograde validate``.

For every exercise, with its hidden tests: the reference solution gets full marks, the
stub gets zero, every known wrong implementation (a *mutant*, ``graders/mutants/EX/*.py``)
loses points on the test meant to catch it with the expected message, every correct
implementation in another style (a *variant*, ``graders/variants/EX/*.py``) gets full
marks, and the reference and every mutant get the same verdict on every test under two
different seeds (a test whose verdict depends on the seed is *flaky*). The file formats
are documented in ``docs/validate.md``; ``tests/test_graders.py`` runs the same checks on
this repository one subject at a time.
"""

from __future__ import annotations

import ast
import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from autograde.config import Course
from autograde.errors import ConfigError
from autograde.grading import GradingSession
from autograde.i18n.text import COURSE, ids
from autograde.reporters.terminal import points
from autograde.results import Result, Status, TestResult

# The two runs' seeds, each used as the course seed (public tests' inputs) and as the hidden
# tests' secret seed. The first is the default course seed, so that a course that keeps the
# default is validated on the very inputs its learners' public tests use.
SEEDS = (20261123, 4_000_037)

_MISSING = object()


@dataclass(frozen=True)
class Mutant:
    """A known wrong implementation: the functions it gets wrong, appended to the reference
    (later definitions win), and what must catch it."""

    exercise: str
    name: str
    path: Path
    source: str
    caught_by: str  # the test (function name, without parameters) that must catch it
    message: str  # text that the catching test's message or hint must contain
    hidden: bool  # whether ``caught_by`` is a hidden test

    @classmethod
    def read(cls, path: Path) -> Mutant:
        """The mutant in ``path`` (``graders/mutants/EXERCISE/NAME.py``); its constants are
        read without running it."""
        source = path.read_text(encoding="utf-8")
        return cls(exercise=path.parent.name, name=path.stem, path=path, source=source,
                   caught_by=str(_constant(path, source, "CAUGHT_BY")),
                   message=str(_constant(path, source, "MESSAGE")),
                   hidden=bool(_constant(path, source, "HIDDEN", False)))

    @property
    def label(self) -> str:
        return f"{self.exercise}/{self.name}"

    def applied_to(self, reference: str) -> str:
        """The module it makes of the reference solution's source."""
        return reference + "\n\n" + self.source


def _constant(path: Path, source: str, name: str, default: object = _MISSING) -> object:
    """A module-level constant of ``source``, read without running it."""
    try:
        body = ast.parse(source, filename=str(path)).body
    except SyntaxError as exc:
        raise ConfigError(f"the mutant {path} is not valid Python: {exc}") from None
    for node in body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            try:
                return ast.literal_eval(node.value)
            except ValueError:
                raise ConfigError(f"{name} in the mutant {path} must be a literal (a string or True/False)") from None
    if default is _MISSING:
        raise ConfigError(f"the mutant {path} has no {name}: every mutant declares CAUGHT_BY (the test that "
                          "must catch it) and MESSAGE (text of that test's message); see docs/validate.md")
    return default


def mutants(course: Course, exercise: str) -> list[Mutant]:
    """The mutants of ``exercise``, by file name."""
    return [Mutant.read(p) for p in sorted((course.graders / "mutants" / exercise).glob("*.py"))]


def variants(course: Course, exercise: str) -> list[Path]:
    """The correct variants of ``exercise`` (whole modules), by file name."""
    return sorted((course.graders / "variants" / exercise).glob("*.py"))


# ---------------------------------------------------------------------- the checks
# Each takes one subject's graded result (with hidden tests) and returns what is wrong,
# as messages naming the subject, the rule and what happened instead; empty when right.


def _said(test: TestResult, lines: int = 8) -> str:
    """What ``test`` answered: its outcome, then its message indented (the first ``lines``)."""
    message = test.message.strip().splitlines() or ["(no message)"]
    shown = message[:lines] + (["..."] if len(message) > lines else [])
    return f"{test.name} {test.status.value}:" + "".join(f"\n    {line}" for line in shown)


def _tests(result: Result) -> list[TestResult]:
    return [t for e in result.exercises for t in e.tests]


def _not_passed(result: Result) -> list[TestResult]:
    return [t for t in _tests(result) if t.status is not Status.PASSED]


def full_marks_problems(result: Result, subject: str) -> list[str]:
    """A reference or a variant must pass every test."""
    tests = _tests(result)
    if not tests:
        return [f"{subject}: the grader has no tests"]
    return [f"{subject} must pass every test; {_said(t)}" for t in _not_passed(result)]


def stub_problems(result: Result, subject: str) -> list[str]:
    """The stub scores zero, every test says why, and all but at most one test (e.g. one
    that checks a constant the stub leaves empty) report it as not attempted."""
    tests = _tests(result)
    problems = [f"{subject} must score 0; {t.name} passed" for t in tests if t.status is Status.PASSED]
    problems += [f"{subject}: {t.name} ({t.status.value}) gives no message to say why" for t in tests
                 if t.status is not Status.PASSED and not t.message.strip()]
    attempted = [t for t in tests if t.status not in (Status.NOT_ATTEMPTED, Status.PASSED)]
    if len(attempted) > 1:
        problems.append(f"{subject}: {len(attempted)} tests do not report 'not attempted' (at most 1 may): "
                        + "; ".join(_said(t, lines=1) for t in attempted))
    return problems


def mutant_problems(mutant: Mutant, result: Result) -> list[str]:
    """``mutant`` loses points on ``CAUGHT_BY`` (the first failing case of a parametrized
    test), whose message or hint contains ``MESSAGE``; a failure there comes with a hint;
    and a catch by a hidden test is declared ``HIDDEN`` (the learner does not see it)."""
    subject = f"mutant {mutant.label}"
    tests = _tests(result)
    families = list(dict.fromkeys(t.name.split("[")[0] for t in tests))
    if mutant.caught_by not in families:
        return [f"{subject}: CAUGHT_BY names {mutant.caught_by!r}, which is not a test of {mutant.exercise}; "
                f"its tests: {', '.join(families)}"]
    caught: dict[str, TestResult] = {}
    for test in _not_passed(result):
        caught.setdefault(test.name.split("[")[0], test)
    if mutant.caught_by not in caught:
        instead = (f"it lost points on {', '.join(caught)} instead" if caught
                   else f"it got full marks ({points(result.score)}/{points(result.max_score)})")
        return [f"{subject} was not caught by {mutant.caught_by}, which passed; {instead}. "
                f"Make {mutant.caught_by} catch it, or set CAUGHT_BY in {mutant.path.name} to the test that does."]
    test = caught[mutant.caught_by]
    problems = []
    if mutant.message not in test.message + "\n" + (test.hint or ""):
        problems.append(f"{subject} was caught by {test.name}, but neither its message nor its hint contains "
                        f"MESSAGE {mutant.message!r}; {_said(test)}")
    if test.status is Status.FAILED and not test.hint:
        problems.append(f"{subject} failed {test.name}, which gives no hint: a failed check must come with one "
                        "(@pytest.mark.hint)")
    if test.hidden and not mutant.hidden:
        problems.append(f"{subject} is caught by {test.name}, a hidden test, but {mutant.path.name} does not "
                        "declare HIDDEN = True: learners would not see it when they check their work")
    return problems


def flaky_tests(first: Result, second: Result) -> dict[str, str]:
    """The tests that one subject passed in one run and not in the other, each with both
    outcomes. Only passing matters: a wrong answer that times out under load in one run and
    fails in the other loses the same points."""
    runs = [{t.name: t for t in _tests(r)} for r in (first, second)]

    def outcome(run: dict[str, TestResult], name: str) -> str:
        return run[name].status.value if name in run else "absent"

    def passed(run: dict[str, TestResult], name: str) -> bool:
        return name in run and run[name].status is Status.PASSED

    return {n: f"{outcome(runs[0], n)} vs {outcome(runs[1], n)}" for n in dict.fromkeys([*runs[0], *runs[1]])
            if passed(runs[0], n) != passed(runs[1], n) or (n in runs[0]) != (n in runs[1])}


# ---------------------------------------------------------------------- the report


@dataclass(frozen=True)
class ExerciseReport:
    """What validating one exercise's grader found."""

    name: str
    tests: int
    public_points: float
    hidden_points: float
    mutants_caught: int
    mutants: int
    variants_passing: int
    variants: int
    flaky: tuple[str, ...]  # test names whose verdict depended on the seed
    failures: tuple[str, ...]  # every problem found, one message each

    @property
    def ok(self) -> bool:
        return not self.failures


@dataclass(frozen=True)
class Report:
    """``autograde validate``'s findings, one entry per exercise in teaching order."""

    exercises: tuple[ExerciseReport, ...]
    seeds: tuple[int, int]
    language: str = "en"  # the translation checked besides English ("en": none)
    catalogue: tuple[str, ...] = ()  # what is wrong with that language's catalogue as a whole

    @property
    def ok(self) -> bool:
        return all(e.ok for e in self.exercises) and not self.catalogue


def validate(*, course: Course, exercises: Sequence[str] = (), seeds: tuple[int, int] = SEEDS,
             warn: Callable[[str], None] | None = None, language: str = "en") -> Report:
    """Validate the graders of ``exercises`` (all when empty): see the module docstring.

    Every subject is graded with hidden tests under ``seeds[0]`` and ``seeds[1]`` (each the
    course seed and the hidden seed of its run); the checks read the first run, the
    flakiness check compares both. Needs the instructor's course (``solutions/``). A
    ``language`` other than English also checks that every text of each grader is
    translated into it (:func:`autograde.i18n.catalogues.check`).
    """
    if seeds[0] == seeds[1]:
        raise ConfigError(f"validate needs two different seeds to detect flaky tests; got {seeds[0]} twice")
    selected = course.select(tuple(exercises))
    wrong = {e: mutants(course, e) for e in selected}  # read first: a malformed one stops us before grading
    untranslated = _untranslated(course, language) if language != "en" else {}
    shown: dict[str, set[str]] = {e: set() for e in selected}  # the course's texts each grader said
    with GradingSession(course, exercises=selected, warn=warn) as session:
        found = [_exercise(session, e, wrong[e], seeds, shown[e]) for e in selected]
    if language != "en":
        untranslated = _unextracted(course, language, shown, untranslated)
    found = [dataclasses.replace(e, failures=e.failures + untranslated.get(course.grader(e.name).name, ()))
             for e in found]
    return Report(exercises=tuple(found), seeds=seeds, language=language, catalogue=untranslated.get("", ()))


def _unextracted(course: Course, language: str, shown: dict[str, set[str]],
                 problems: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """``problems`` and, per grader file, each text the grader said while grading that the
    catalogue's extraction does not find: it is never translated, whatever the catalogue holds."""
    from autograde.i18n import catalogues

    extracted = {f.id if isinstance(f.id, str) else f.id[0] for f in catalogues.course_messages(course)[0]}
    problems = dict(problems)
    for exercise, said in shown.items():
        file = course.grader(exercise).name
        problems[file] = problems.get(file, ()) + tuple(
            f"{language}: {file} said a text that `autograde i18n update` does not find, so it is never translated "
            f"(mark it N_(...) where it is defined): {text!r}" for text in sorted(said - extracted))
    return problems


def _untranslated(course: Course, language: str) -> dict[str, tuple[str, ...]]:
    """The catalogue's problems by grader file name ("": the catalogue as a whole)."""
    from autograde.i18n import catalogues
    from autograde.i18n.text import COURSE

    by_file: dict[str, tuple[str, ...]] = {}
    for problem in catalogues.check(COURSE, language, course):
        file = Path(problem.where.rpartition(":")[0]).name if problem.where.startswith(course.graders_dir) else ""
        by_file[file] = by_file.get(file, ()) + (f"{language}: {problem}" if file else str(problem),)
    return by_file


def _exercise(session: GradingSession, exercise: str, wrong: list[Mutant], seeds: tuple[int, int],
              shown: set[str]) -> ExerciseReport:
    """Grade every subject of ``exercise`` and check it; the course's texts its tests said
    are added to ``shown``."""
    course = session.course
    reference_path = course.solutions / f"{exercise}.py"
    if not reference_path.is_file():
        raise ConfigError(f"validate needs the reference solution {reference_path}: run it in the instructor's "
                          "course, not in a student bundle")
    reference = reference_path.read_text(encoding="utf-8")
    stub_path = course.stubs / f"{exercise}.py"

    def run(source: str, path: Path, seed: int) -> Result:
        submission = session.load(files={f"{exercise}.py": source.encode()}, name=path.stem, origin=str(path))
        result = session.grade(submission, exercises=(exercise,), hidden=True, hidden_seed=seed, seed=seed)
        for test in _tests(result):
            shown.update(ids(test.message_data, COURSE), ids(test.hint_data, COURSE))
        return result

    flaky: dict[str, None] = {}  # every test found flaky, in order

    def twice(source: str, path: Path, subject: str) -> tuple[Result, list[str]]:
        """The first run's result, and a message per test whose verdict the seed changed."""
        first, second = (run(source, path, seed) for seed in seeds)
        changed = flaky_tests(first, second)
        flaky.update(dict.fromkeys(changed))
        return first, [f"{name} is flaky: {subject} got {verdicts} with seeds {seeds[0]} and {seeds[1]}; "
                       "grade a property every correct answer has, or draw inputs on which the verdict "
                       "does not depend" for name, verdicts in changed.items()]

    result, failures = twice(reference, reference_path, f"the reference {reference_path.name}")
    failures += full_marks_problems(result, f"the reference {reference_path}")
    if stub_path.is_file():
        failures += stub_problems(run(stub_path.read_text(encoding="utf-8"), stub_path, seeds[0]),
                                  f"the stub {stub_path}")
    else:
        failures.append(f"the stub {stub_path} is missing: learners start from it")
    caught = 0
    for mutant in wrong:
        graded, unstable = twice(mutant.applied_to(reference), mutant.path, f"mutant {mutant.label}")
        found = mutant_problems(mutant, graded)
        caught += not found
        failures += found + unstable
    passing, right = 0, variants(course, exercise)
    for variant in right:
        found = full_marks_problems(run(variant.read_text(encoding="utf-8"), variant, seeds[0]),
                                    f"variant {exercise}/{variant.stem}")
        passing += not found
        failures += found
    tests = result.exercises[0].tests
    return ExerciseReport(
        name=exercise, tests=len(tests),
        public_points=sum(t.max_score for t in tests if not t.hidden),
        hidden_points=sum(t.max_score for t in tests if t.hidden),
        mutants_caught=caught, mutants=len(wrong), variants_passing=passing, variants=len(right),
        flaky=tuple(flaky), failures=tuple(failures),
    )
