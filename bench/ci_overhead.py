"""What does ``autograde ci --base`` cost over ``autograde check``?

Builds a learner's repository in a temporary folder (this course's graders, solutions and
settings, the exercises solved, committed as the starter and one learner commit on top),
then measures, alternating run by run so that both meet the same machine:

* ``check``  ``autograde check EXERCISES`` (the floor: the same grading, no CI work);
* ``ci``     ``autograde ci --base main EXERCISES --junit ... --json ...`` with
             ``$GITHUB_STEP_SUMMARY``, ``$GITHUB_OUTPUT`` and ``GITHUB_ACTIONS=true``: git's
             questions, the base commit's files written to a temporary folder, the tamper
             check, the summary, annotations, Classroom outputs, JUnit and JSON;

and prints the medians, their difference and ratio.

    python bench/ci_overhead.py [--runs 9] [EXERCISE ...]   (default: the NumPy exercises)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from autograde.config import find_course

ROOT = Path(__file__).resolve().parents[1]


def learner_repository(folder: Path) -> Path:
    """The course's grading files, committed on ``main``, and a learner commit that solves every exercise."""
    for sub in ("graders", "solutions", "exercises"):
        shutil.copytree(ROOT / sub, folder / sub, ignore=shutil.ignore_patterns("mutants", "variants", "__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", folder / "pyproject.toml")
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q"], cwd=folder, check=True)
    subprocess.run([*git, "add", "-A"], cwd=folder, check=True)
    subprocess.run([*git, "commit", "-qm", "starter"], cwd=folder, check=True)
    subprocess.run([*git, "checkout", "-qb", "learner"], cwd=folder, check=True)
    for solution in (folder / "solutions").glob("*.py"):
        shutil.copy(solution, folder / "exercises" / solution.name)
    subprocess.run([*git, "commit", "-qam", "solved"], cwd=folder, check=True)
    return folder


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{command[2:5]}... exited {done.returncode}:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("exercises", nargs="*", help="exercises to grade (default: those without a preload)")
    options = parser.parse_args()
    course = find_course(ROOT)
    exercises = options.exercises or [e for e in course.exercises if not course.for_exercise(e).preload]
    with tempfile.TemporaryDirectory(prefix="autograde-ci-bench-") as tmp:
        repo = learner_repository(Path(tmp) / "repo")
        out = Path(tmp) / "out"
        out.mkdir()
        env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
        env.pop("AUTOGRADE_COURSE", None)
        ci_env = {**env, "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(out / "summary.md"),
                  "GITHUB_OUTPUT": str(out / "outputs")}
        autograde = [sys.executable, "-m", "autograde"]
        check_command = [*autograde, "check", *exercises]
        ci_command = [*autograde, "ci", "--base", "main", *exercises, "--junit", str(out / "junit.xml"),
                      "--json", str(out / "result.json")]
        check, ci = [], []
        for i in range(options.runs + 1):
            check_time, ci_time = timed(check_command, repo, env), timed(ci_command, repo, ci_env)
            if i:  # the first pair warms the page cache
                check.append(check_time)
                ci.append(ci_time)
    floor, measured = statistics.median(check), statistics.median(ci)
    print(f"median of {options.runs} runs each, alternating, this machine; exercises: {' '.join(exercises)}")
    print(f"  autograde check (floor)     {floor * 1000:7.0f} ms")
    print(f"  autograde ci --base main    {measured * 1000:7.0f} ms")
    print(f"  CI's own work               {(measured - floor) * 1000:+7.0f} ms   ratio ci/check {measured / floor:.2f}x")


if __name__ == "__main__":
    main()
