"""A small course and a class of submissions for the batch grading tests: two exercises
of this repository (perceptron, activations) copied into a temporary folder, so that a
class grades in seconds. The fixtures that use these are in ``conftest.py``."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import time
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


def count_rows(gradebook: Path) -> int:
    """Rows in ``gradebook`` now (0 before its table exists), read while a run writes it."""
    try:
        with sqlite3.connect(gradebook, timeout=30) as db:
            return int(db.execute("SELECT COUNT(*) FROM results").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def running_until(command: list[str], gradebook: Path, rows: int, *, interruptible: bool = False,
                  env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """Start ``command`` (an ``autograde grade`` writing ``gradebook``) and return it once
    ``rows`` rows are in, still running. ``interruptible``: SIGINT ends it as Ctrl-C in a
    terminal does (a test run started in the background, by nohup or ``cmd &``, passes
    SIGINT on ignored, and Python then keeps ignoring it)."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
                               preexec_fn=(lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
                               if interruptible else None)
    deadline = time.monotonic() + 180
    while count_rows(gradebook) < rows and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, f"the run ended before {rows} rows were in:\n{process.communicate()[0]}"
    return process
