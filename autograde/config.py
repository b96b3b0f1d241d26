"""Where the course is and how it is graded.

Configuration flows one way: defaults (the dataclasses below), then ``pyproject.toml``'s
``[tool.autograde]`` table, then ``AUTOGRADE_*`` environment variables, then command-line
flags (passed in by the CLI), then per-test markers (read by the plugin). Nothing here is
global or mutable: every layer makes a new frozen value.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from autograde.errors import ConfigError, UnknownExercise
from autograde.i18n.text import say
from autograde.sandbox.limits import Limits

# Environment variables, each mapped to the setting it overrides.
ENVIRONMENT = {
    "AUTOGRADE_TIMEOUT": "timeout_s",
    "AUTOGRADE_SEED": "seed",
    "AUTOGRADE_MEMORY_MB": "memory_mb",
}


@dataclass(frozen=True)
class Course:
    """A course checkout: its folders, its exercises in teaching order, its settings."""

    root: Path
    exercises: tuple[str, ...]
    timeout_s: float = 2.0
    seed: int = 20261123
    limits: Limits = field(default_factory=Limits)
    stubs_dir: str = "exercises"
    solutions_dir: str = "solutions"
    graders_dir: str = "graders"
    preload: tuple[str, ...] = ()  # modules the fork server imports before forking
    bundle: str = ""  # "student" in a student bundle written by `autograde release` (hidden tests stripped)
    language: str = ""  # the language of feedback when neither --lang nor $AUTOGRADE_LANG says (docs/i18n.md)
    # [tool.autograde.exercise.NAME] tables: settings that differ for one exercise
    exercise_settings: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()

    @property
    def stubs(self) -> Path:
        return self.root / self.stubs_dir

    @property
    def solutions(self) -> Path:
        return self.root / self.solutions_dir

    @property
    def graders(self) -> Path:
        return self.root / self.graders_dir

    @property
    def private_paths(self) -> tuple[str, ...]:
        """What learner code must never see: the course folder, and its graders,
        solutions and recorded answers wherever they are configured to be."""
        folders = (self.root, self.graders, self.solutions, self.root / "recorded")
        return tuple(dict.fromkeys(str(p) for p in folders))

    @property
    def own_names(self) -> frozenset[str]:
        """The names in :attr:`root` that are the course's own (settings, stubs, solutions,
        graders, recorded answers, translations): what a bundle or a cluster's workers
        get of it. Everything else there (a repository's docs, tests, samples) is not."""
        folders = (self.stubs_dir, self.solutions_dir, self.graders_dir)
        return frozenset({"pyproject.toml", "recorded", "locale"} | {Path(d).parts[0] for d in folders})

    def grader(self, exercise: str) -> Path:
        """The grader file of ``exercise``."""
        return self.graders / f"test_{exercise}.py"

    def select(self, names: tuple[str, ...] | list[str]) -> tuple[str, ...]:
        """The exercises named (all when none), in teaching order; unknown names raise."""
        for name in names:
            if name not in self.exercises:
                raise UnknownExercise(name, self.exercises)
        return tuple(e for e in self.exercises if not names or e in names)

    def for_exercise(self, name: str) -> Course:
        """The settings in force for ``name``: the course's, then its exercise table's."""
        table = dict(dict(self.exercise_settings).get(name, ()))
        return self.with_overrides(**table) if table else self

    def with_overrides(self, **settings: Any) -> Course:
        """A copy with settings replaced; ``None`` values are ignored, limits merged."""
        settings = {k: v for k, v in settings.items() if v is not None}
        limit_fields = {f.name for f in dataclasses.fields(Limits)}
        limits = dataclasses.replace(self.limits, **{k: v for k, v in settings.items() if k in limit_fields})
        rest = {k: v for k, v in settings.items() if k not in limit_fields}
        return dataclasses.replace(self, limits=limits, **rest)


def find_course(explicit: str | Path | None = None, *, start: Path | None = None,
                environment: bool = True) -> Course:
    """The course at ``explicit``, ``$AUTOGRADE_COURSE`` (unless ``environment`` is
    false), or the nearest folder upwards from ``start`` (default: the working directory)
    whose ``pyproject.toml`` has a ``[tool.autograde]`` table."""
    candidates: list[Path]
    given = explicit or (os.environ.get("AUTOGRADE_COURSE") if environment else None)
    if given:
        candidates = [Path(given).resolve()]
    else:
        here = (start or Path.cwd()).resolve()
        candidates = [here, *here.parents]
    for folder in candidates:
        table = _autograde_table(folder / "pyproject.toml")
        if table is not None:
            return _course(folder, table)
    where = str(candidates[0]) if given else say("{folder} or any folder above it", folder=str(candidates[0]))
    raise ConfigError(say("no course found in {where}: a course folder has a pyproject.toml with a [tool.autograde] "
                          "table. Run inside the course folder, or pass --course DIR.", where=where))


def _autograde_table(pyproject: Path) -> dict[str, Any] | None:
    if not pyproject.is_file():
        return None
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{pyproject} is not valid TOML: {exc}") from None
    table = data.get("tool", {}).get("autograde")
    return table if isinstance(table, dict) else None


PER_EXERCISE = {"timeout_s", "preload"} | {f.name for f in dataclasses.fields(Limits)}


def _check_keys(table: dict[str, Any], known: set[str], where: str) -> None:
    unknown = set(table) - known
    if unknown:
        raise ConfigError(
            f"unknown setting(s) in [{where}]: {', '.join(sorted(unknown))}; known: {', '.join(sorted(known))}"
        )


def _frozen(settings: dict[str, Any]) -> dict[str, Any]:
    """TOML's lists as the tuples the frozen settings hold."""
    return {k: tuple(v) if k == "preload" else v for k, v in settings.items()}


def _course(root: Path, table: dict[str, Any]) -> Course:
    known = {"exercises", "seed", "stubs_dir", "solutions_dir", "graders_dir", "exercise", "bundle", "language"} | PER_EXERCISE
    _check_keys(table, known, "tool.autograde")
    per_exercise = table.pop("exercise", {})
    for name, settings in per_exercise.items():
        _check_keys(settings, PER_EXERCISE, f"tool.autograde.exercise.{name}")
    table["exercise_settings"] = tuple(
        (name, tuple(sorted(_frozen(settings).items()))) for name, settings in sorted(per_exercise.items())
    )
    table = _frozen(table)
    course = Course(root=root, exercises=())
    exercises = table.get("exercises")
    if exercises is None:
        graders = root / table.get("graders_dir", "graders")
        exercises = sorted(p.stem.removeprefix("test_") for p in graders.glob("test_*.py"))
    settings = {k: v for k, v in table.items() if k != "exercises"}
    settings.update({ENVIRONMENT[k]: _number(k, v) for k, v in os.environ.items() if k in ENVIRONMENT})
    return course.with_overrides(exercises=tuple(exercises), **settings)


def _number(name: str, value: str) -> float | int:
    try:
        return int(value) if value.isdigit() else float(value)
    except ValueError:
        raise ConfigError(f"${name} must be a number, not {value!r}") from None
