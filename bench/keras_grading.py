"""Grading Keras submissions: a pre-warmed fork server against a fresh process each.

Grades N submissions of a Keras exercise (``keras_models``, or ``keras_deep`` with
``--exercise``: correct ones and known wrong ones, cycled from ``solutions/`` and
``graders/mutants/EXERCISE/``) twice, in one run:

* ``pre-warmed``  one grading process and one fork server that imported TensorFlow and
                  Keras once; each submission's child is forked from it;
* ``fresh``       ``autograde check EXERCISE --submission DIR`` in a new process per
                  submission (a new interpreter, TensorFlow imported again every time).

and prints both totals, their ratio, and the pre-warmed design's cost per submission
beyond the learner's own work: the same tests run with the learner's functions called
directly in one warm process, without sandbox or fork server (``bench/direct.py``). Aim: at least 3x faster, under 0.5 s overhead per submission.

    python bench/keras_grading.py [--submissions 20] [--exercise keras_deep]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = ("keras_models", "keras_deep")


def submissions(count: int, folder: Path, exercise: str) -> list[Path]:
    """``count`` submission folders: the reference and each mutant, in turn."""
    reference = (ROOT / "solutions" / f"{exercise}.py").read_text(encoding="utf-8")
    variants = [reference] + [
        reference + "\n\n" + m.read_text(encoding="utf-8")
        for m in sorted((ROOT / "graders" / "mutants" / exercise).glob("*.py"))
    ]
    made = []
    for i in range(count):
        target = folder / f"student{i:02d}"
        target.mkdir()
        (target / f"{exercise}.py").write_text(variants[i % len(variants)], encoding="utf-8")
        made.append(target)
    return made


def prewarmed(folders: list[Path], exercise: str) -> tuple[float, list[float]]:
    from autograde.config import find_course
    from autograde.grading import GradingSession

    course = find_course(ROOT)
    start = time.perf_counter()
    scores = []
    with GradingSession(course, exercises=[exercise], warn=print) as session:
        for folder in folders:
            result = session.grade(session.load(folder), exercises=[exercise])
            scores.append(result.score)
    return time.perf_counter() - start, scores


def fresh(folders: list[Path], exercise: str) -> float:
    start = time.perf_counter()
    for folder in folders:
        done = subprocess.run(
            [sys.executable, "-m", "autograde", "check", exercise, "--submission", str(folder)],
            cwd=ROOT, capture_output=True, text=True,
        )
        if done.returncode not in (0, 1):
            raise SystemExit(f"autograde check exited {done.returncode}:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return time.perf_counter() - start


def direct_floor(folders: list[Path], exercise: str) -> float:
    """The same tests on the same submissions, learner functions called directly in this
    one warm process (no sandbox, no fork server): the learners' work plus the checks."""
    sys.path.insert(0, str(ROOT / "bench"))
    import direct

    start = time.perf_counter()
    for folder in folders:
        direct.run(folder, [exercise])
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--submissions", type=int, default=20)
    parser.add_argument("--exercise", choices=EXERCISES, default=EXERCISES[0])
    args = parser.parse_args()
    count, exercise = args.submissions, args.exercise
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    with tempfile.TemporaryDirectory() as tmp:
        folders = submissions(count, Path(tmp), exercise)
        warm, scores = prewarmed(folders, exercise)
        cold = fresh(folders, exercise)
        own = direct_floor(folders, exercise)
    print(f"{count} submissions of {exercise} (scores: {', '.join(f'{s:g}' for s in scores)})")
    print(f"  pre-warmed fork server   {warm:7.1f} s   ({warm / count:.2f} s per submission)")
    print(f"  fresh process each       {cold:7.1f} s   ({cold / count:.2f} s per submission)")
    print(f"  ratio fresh / pre-warmed {cold / warm:7.2f}x  (aim: >= 3x)")
    print(f"  same tests, no engine    {own:7.1f} s   (learner functions called directly, one warm process)")
    print(f"  overhead per submission  {(warm - own) / count:7.2f} s   (aim: < 0.5 s)")


if __name__ == "__main__":
    main()
