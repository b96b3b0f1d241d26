"""A small course and a class of submissions for the batch grading tests: two exercises
of this repository (perceptron, activations) copied into a temporary folder, so that a
class grades in seconds. The fixtures that use these are in ``conftest.py``."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = ("perceptron", "activations")
MUTANT = ROOT / "graders" / "mutants" / "activations" / "softmax_no_max_shift.py"


def make_course(folder: Path, extra_grader: str = "") -> Path:
    """A course of two exercises of this repository, in ``folder``."""
    for sub in ("graders", "solutions", "exercises"):
        (folder / sub).mkdir(parents=True)
    for exercise in EXERCISES:
        shutil.copy(ROOT / "graders" / f"test_{exercise}.py", folder / "graders")
        shutil.copy(ROOT / "solutions" / f"{exercise}.py", folder / "solutions")
        shutil.copy(ROOT / "exercises" / f"{exercise}.py", folder / "exercises")
    (folder / "graders" / "test_activations.py").write_text(
        (ROOT / "graders" / "test_activations.py").read_text() + extra_grader)
    (folder / "pyproject.toml").write_text(
        f"[tool.autograde]\nexercises = {list(EXERCISES)!r}\n")
    return folder


def right(student: Path) -> Path:
    student.mkdir(parents=True)
    for exercise in EXERCISES:
        shutil.copy(ROOT / "solutions" / f"{exercise}.py", student)
    return student


def wrong(student: Path) -> Path:
    right(student)
    with open(student / "activations.py", "a") as f:
        f.write("\n\n" + MUTANT.read_text())
    return student


def make_classroom(folder: Path) -> Path:
    """Four students: ana right, bo wrong on softmax, cy only stubs, dee an unreadable zip."""
    right(folder / "ana")
    wrong(folder / "bo")
    (folder / "cy").mkdir(parents=True)
    for exercise in EXERCISES:
        shutil.copy(ROOT / "exercises" / f"{exercise}.py", folder / "cy")
    (folder / "dee.zip").write_bytes(b"this is not a zip file")
    return folder
