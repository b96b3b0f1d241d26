"""Grade a learner's repository in CI (``autograde ci``), with a tamper check.

The working tree is a course repository (a student bundle written by ``autograde
release``, or a course) whose ``exercises/`` hold the learner's work. Without a base,
it is graded as it is. With ``base`` (a pull request's base commit, or on a push what
the instructor last published: :mod:`autograde.ci.published`):

1. the files the grade depends on (:func:`protected`: graders, solutions, recorded
   answers, the course's ``pyproject.toml``, the autograde wheel in ``vendor/``, CI
   workflows) are compared between the base's history and the working tree; any change
   is *tampering*;
2. the course is read from the **base commit** (``git archive`` into a temporary
   folder), so the graders, reference and settings in force are the base's, never the
   head's, whatever the learner changed; only the learner's exercise folder is taken
   from the working tree.

A course named explicitly (``course``: the instructor's, provided by the CI job) grades
instead of the repository's own; the tamper check still runs when ``base`` is given.
The design and its limits are in ``docs/ci.md``.
"""

from __future__ import annotations

import dataclasses
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Callable, Sequence

from autograde.ci import git
from autograde.ci.locate import Location, locate
from autograde.config import Course, find_course
from autograde.errors import ConfigError
from autograde.i18n import Words, choose
from autograde.plugin.reference import FOLDER as RECORDED
from autograde.reporters._common import number
from autograde.results import Result
from autograde.wheel import VENDOR

WORKFLOWS = (".github/workflows", ".gitlab-ci.yml")  # at the repository's root
Warn = Callable[[str], None] | None


@dataclass(frozen=True)
class Threshold:
    """The score a run must reach: ``value`` points, or ``value`` percent of the maximum."""

    value: float
    percent: bool = False

    def points(self, max_score: float) -> float:
        """The points required when ``max_score`` is the most there is."""
        return self.value * max_score / 100 if self.percent else self.value

    @property
    def option(self) -> str:
        """As ``--min-score`` takes it: ``40`` or ``80%``."""
        return f"{number(self.value)}%" if self.percent else number(self.value)

    def __str__(self) -> str:
        return self.option if self.percent else f"{number(self.value)} points"


FULL_MARKS = Threshold(100, percent=True)


@dataclass(frozen=True)
class CiRun:
    """What ``autograde ci`` found: the result, where each test belongs in the learner's
    files, and the tamper check's findings. Pure data, for the reporters."""

    result: Result
    locations: dict[tuple[str, str], Location]
    threshold: Threshold
    base: str = ""                    # the base commit compared with ("" without --base)
    tampered: tuple[str, ...] = ()    # protected paths changed since the base
    graders: str = ""                 # where the graders came from, in words
    hidden_elsewhere: bool = False    # a student bundle: hidden tests exist but are not here
    words: Words = field(default_factory=Words)  # the language it is reported in, with the graders' catalogue

    @property
    def tamper_note(self) -> str:
        """What the result document says about tampering ("" when there was none)."""
        if not self.tampered:
            return ""
        return (f"This change edits files the grade depends on ({', '.join(self.tampered)}); it was graded with "
                f"the graders of the base commit {self.base[:12]} instead.")

    @property
    def required(self) -> float:
        """The points needed to pass."""
        return self.threshold.points(self.result.max_score)

    @property
    def reached(self) -> bool:
        """Whether the score reaches the threshold (a float sum may miss it by rounding)."""
        return self.result.score >= self.required - 1e-9


def protected(course: Course, folder: str) -> tuple[str, ...]:
    """The paths (relative to the repository root; a folder ends with ``/``) that a
    learner's change must not touch. ``folder`` is the course's place in the repository."""
    inside = [f"{course.graders_dir}/", f"{course.solutions_dir}/", f"{RECORDED}/", "pyproject.toml", f"{VENDOR}/"]
    return (*(str(PurePosixPath(folder, p)) + ("/" if p.endswith("/") else "") for p in inside),
            f"{WORKFLOWS[0]}/", WORKFLOWS[1])


def tampered_paths(changed: Sequence[str], guarded: Sequence[str]) -> tuple[str, ...]:
    """The ``changed`` paths that are, or lie inside, a ``guarded`` path."""
    return tuple(path for path in changed
                 if any(path == g.rstrip("/") or (g.endswith("/") and path.startswith(g)) for g in guarded))


def run_ci(
    *,
    start: Path,
    base: str | None = None,
    course: Path | None = None,
    submission: Path | None = None,
    exercises: Sequence[str] = (),
    hidden: bool = False,
    threshold: Threshold = FULL_MARKS,
    timeout_s: float | None = None,
    warn: Warn = None,
    language: str | None = None,
) -> CiRun:
    """Grade the learner's work in the course repository at or above ``start``.

    ``base``: a commit to compare with (tamper check; the base's course grades).
    ``course``: a course folder whose graders grade instead of the repository's.
    ``submission``: the learner's work (default: the course's exercise folder, as the
    base's settings name it), e.g. a folder of notebooks. ``warn`` hears the sandbox's
    fallback warning, if any. ``language``: --lang (else as :func:`autograde.i18n.choose`
    finds it, with the grading course's setting).
    """
    external = find_course(course) if course is not None else None
    if base is None:
        here = find_course(start=start, environment=False)
        graders = external or here
        return _grade(graders, submission or here.stubs, Path(here.root), exercises, hidden, threshold, timeout_s,
                      described=_described(graders, "the working tree", external is not None), warn=warn,
                      language=language)
    try:
        root = find_course(start=start, environment=False).root.resolve()
    except ConfigError:  # the change may have deleted pyproject.toml: the base's is the one that counts
        root = start.resolve()
    repo = git.toplevel(root)
    commit = git.commit(repo, base)
    folder = root.relative_to(repo).as_posix()
    with tempfile.TemporaryDirectory(prefix="autograde-base-") as tmp:
        git.export(repo, commit, Path(tmp))
        try:
            at_base = find_course(Path(tmp) / folder, environment=False)
        except ConfigError:
            raise ConfigError(f"the base commit {commit[:12]} has no course in {folder!r} (no pyproject.toml with a "
                              "[tool.autograde] table there): is --base the right commit?") from None
        tampered = tampered_paths(git.changed_files(repo, git.merge_base(repo, commit)), protected(at_base, folder))
        graders = external or at_base
        run = _grade(graders, submission or root / at_base.stubs_dir, repo, exercises, hidden, threshold, timeout_s,
                     described=_described(graders, f"the base commit {commit[:12]}", external is not None),
                     warn=warn, language=language)
    run = dataclasses.replace(run, base=commit, tampered=tampered)
    if tampered:  # the result document says so too, wherever it goes
        said = run.result
        run = dataclasses.replace(run, result=dataclasses.replace(
            said, notes=(*said.notes, run.tamper_note), notes_data=(*said.notes_data, None) if said.notes_data else ()))
    return run


def _described(course: Course, where: str, external: bool) -> str:
    """Where the graders came from, in words."""
    public = "public " if course.bundle == "student" else ""
    return f"{public}graders of {course.root}" if external else f"{public}graders of {where}"


def _grade(course: Course, stubs: Path, repo: Path, exercises: Sequence[str], hidden: bool,
           threshold: Threshold, timeout_s: float | None, *, described: str, warn: Warn,
           language: str | None) -> CiRun:
    """Grade the learner's ``stubs`` (a folder or file) with ``course``; annotation paths
    start at ``repo``."""
    from autograde.grading import GradingSession  # pytest and the sandbox: imported only when grading

    course = course.with_overrides(timeout_s=timeout_s)
    chosen = choose(language, configured=course.language)
    with GradingSession(course, exercises=exercises, warn=warn, language=chosen) as session:
        submission = session.load(stubs, name=repo.name)
        result = session.grade(submission, hidden=hidden)
    where = stubs.resolve() if stubs.is_dir() else stubs.resolve().parent
    folder = where.relative_to(repo.resolve()).as_posix() if where.is_relative_to(repo.resolve()) else str(where)
    return CiRun(result=result, locations=locate(result, submission, folder), threshold=threshold,
                 graders=described, hidden_elsewhere=course.bundle == "student", words=session.words)
