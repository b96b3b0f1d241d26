"""How fast does ``autograde grade`` get through a class?

Generates N submissions of every NumPy exercise (each exercise is, by a fixed random draw,
the reference solution, the reference with a known wrong implementation appended, or the
stub), grades them with ``autograde grade --jobs J`` in a fresh process (sandbox on:
every submission's code runs in forked, limited children), and measures in the same run
the engine-less floor: the same public tests run by ``bench/direct.py`` in one process,
the learner functions called directly.

Prints wall time, submissions per second, the mean cost per graded test (wall time x
jobs / tests), and the ratios to the floor and to nbgrader's cost per test quoted in
issue 5 (1.24 s per submission of six tests on this machine kind: 0.2 s per test).

    python bench/batch_grading.py [--submissions 200] [--jobs 2] [--hidden] [--kill-halfway]
    python bench/batch_grading.py --cluster local:2 --submissions 60 [--rounds 3]

``--cluster SPEC`` grades the same class with ``--cluster SPEC`` and with ``--jobs J``
alternately, ``--rounds`` times each (a fresh gradebook every run), checks that both give
every student the same status and score, and prints the medians and the cluster's
overhead ratio; then what a big class on a big cluster would ask of the scheduler, the
network and the gradebook (the task rate, the bytes moved per submission, the
gradebook's measured commit rate), from this run's numbers (docs/batch.md).

``--kill-halfway`` also kills the grading run with SIGKILL when half the rows are in the
gradebook, re-runs it, and checks that every submission then has exactly one row, equal
to what an uninterrupted run gives.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

NBGRADER_S_PER_TEST = 1.24 / 6
NUMPY_EXERCISES = ("perceptron", "activations", "losses", "gradient_descent", "backprop", "preprocessing", "sampling")
MUTANTS = ROOT / "graders" / "mutants"


def generate(folder: Path, count: int, seed: int = 5) -> None:
    """``count`` student folders, each exercise right, wrong in one known way, or a stub."""
    draw = random.Random(seed)
    for i in range(count):
        student = folder / f"student_{i:03d}"
        student.mkdir(parents=True)
        for exercise in NUMPY_EXERCISES:
            solution = (ROOT / "solutions" / f"{exercise}.py").read_text(encoding="utf-8")
            kind = draw.choices(("right", "wrong", "stub"), weights=(5, 4, 1))[0]
            if kind == "stub":
                source = (ROOT / "exercises" / f"{exercise}.py").read_text(encoding="utf-8")
            elif kind == "wrong":
                mutant = draw.choice(sorted((MUTANTS / exercise).glob("*.py")))
                source = solution + "\n\n" + mutant.read_text(encoding="utf-8")
            else:
                source = solution
            (student / f"{exercise}.py").write_text(source, encoding="utf-8")


def grade_command(classdir: Path, gradebook: Path, jobs: int, hidden: bool, cluster: str = "") -> list[str]:
    where = ["--cluster", cluster] if cluster else ["--jobs", str(jobs)]
    return [sys.executable, "-m", "autograde", "grade", str(classdir), *where,
            "--gradebook", str(gradebook), "--hidden" if hidden else "--public"]


def run_grade(command: list[str], isolation: str = "auto") -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "AUTOGRADE_SANDBOX": isolation})
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"autograde grade exited {done.returncode}:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return elapsed


def rows(gradebook: Path) -> dict[str, tuple[str, float, float]]:
    with sqlite3.connect(gradebook) as db:
        return {s: (st, sc, mx) for s, st, sc, mx in db.execute("SELECT student, status, score, max_score FROM results")}


def tests_graded(gradebook: Path) -> int:
    with sqlite3.connect(gradebook) as db:
        return sum(len(e["tests"]) for (doc,) in db.execute("SELECT result FROM results")
                   for e in json.loads(doc)["exercises"])


def direct_floor(classdir: Path, sample: int) -> float:
    """Seconds per submission for the public tests run in this process without the engine
    (median over ``sample`` generated submissions, after one warm-up)."""
    import io
    import statistics

    import direct

    times = []
    students = sorted(classdir.iterdir())[: sample + 1]
    for i, student in enumerate(students):
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            start = time.perf_counter()
            direct.run(student, list(NUMPY_EXERCISES))
            if i:
                times.append(time.perf_counter() - start)
    return statistics.median(times)


def compare_cluster(classdir: Path, work: Path, options: argparse.Namespace) -> None:
    """``--jobs J`` and ``--cluster SPEC`` alternately on the same class; the ratio of medians."""
    import statistics

    times: dict[str, list[float]] = {"local": [], "cluster": []}
    first: dict[str, tuple[str, float, float]] = {}  # the first run's verdicts: every run must give them
    for round_ in range(options.rounds):
        for kind in ("local", "cluster") if round_ % 2 == 0 else ("cluster", "local"):
            gradebook = work / f"{kind}-{round_}.db"
            command = grade_command(classdir, gradebook, options.jobs, options.hidden,
                                    options.cluster if kind == "cluster" else "")
            times[kind].append(run_grade(command))
            verdicts = rows(gradebook)
            first = first or verdicts
            if verdicts != first:
                raise SystemExit(f"{kind} run {round_} gave other verdicts than the first run")
    local, on_cluster = statistics.median(times["local"]), statistics.median(times["cluster"])
    print(f"{options.submissions} submissions x {len(NUMPY_EXERCISES)} NumPy exercises, "
          f"{'hidden + public' if options.hidden else 'public'} tests, {os.cpu_count()} cores, "
          f"{options.rounds} rounds alternating")
    print(f"  --jobs {options.jobs:<18}  median {local:6.1f} s   ({', '.join(f'{t:.1f}' for t in times['local'])})")
    print(f"  --cluster {options.cluster:<15}  median {on_cluster:6.1f} s   "
          f"({', '.join(f'{t:.1f}' for t in times['cluster'])})")
    print(f"  cluster overhead ratio      {on_cluster / local:6.2f}x   (aim: at most 1.15x); same verdicts: yes")
    project(classdir, work / "cluster-0.db", options)


def project(classdir: Path, gradebook: Path, options: argparse.Namespace) -> None:
    """What a class of 20,000 on 50 workers asks, from this class's measured numbers."""
    import statistics

    sys.path.insert(0, str(ROOT))
    from autograde import loaders

    found = loaders.discover([classdir], exercises=NUMPY_EXERCISES)
    files = statistics.mean(sum(len(n) + len(d) for n, d in c.files.items()) for c in found)
    with sqlite3.connect(gradebook) as db:
        results = [len(doc) for (doc,) in db.execute("SELECT result FROM results")]
        durations = [d for (d,) in db.execute("SELECT duration_s FROM results")]
    result = statistics.mean(results)
    per_submission = statistics.mean(durations)
    commits = commit_rate(gradebook, 300)
    students, workers = 20_000, 50
    rate = workers / per_submission
    moved = 2 * files + 2 * result  # coordinator -> scheduler -> worker, and the result back the same way
    print(f"  a submission here: {files / 1024:.1f} KiB of files, a {result / 1024:.1f} KiB result document, "
          f"{per_submission:.2f} s on one worker")
    print(f"  the gradebook commits {commits:.0f} rows/s here (one transaction each, synced: synchronous=FULL)")
    print(f"  {students:,} submissions on {workers} workers: {rate:.0f} tasks/s for the scheduler, "
          f"{students * per_submission / workers / 60:.1f} min of grading, {moved / 1024:.0f} KiB moved per "
          f"submission ({students * moved / 2**30:.2f} GiB in all), the gradebook busy "
          f"{100 * rate / commits:.1f}% of the time")
    print(f"  the gradebook becomes the limit at about {commits * per_submission:.0f} workers of this speed")


def commit_rate(gradebook: Path, count: int) -> float:
    """Rows per second that ``Gradebook.put`` commits, one synced transaction each, measured
    by writing ``count`` copies of a real row into a scratch gradebook."""
    import dataclasses

    from autograde.gradebook import Gradebook

    with Gradebook(gradebook) as book:
        row = book.rows()[0]
    scratch = gradebook.with_name("commit-rate.db")
    with Gradebook(scratch) as book:
        start = time.perf_counter()
        for i in range(count):
            book.put(dataclasses.replace(row, student=f"copy-{i:05d}"))
        return count / (time.perf_counter() - start)


def kill_halfway(command: list[str], gradebook: Path, count: int) -> int:
    """Start grading, SIGKILL it once half the rows are written; return when it died."""
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    while process.poll() is None:
        time.sleep(0.2)
        if gradebook.exists():
            with contextlib.closing(sqlite3.connect(gradebook, timeout=30)) as db:
                try:
                    done = db.execute("SELECT COUNT(*) FROM results").fetchone()[0]
                except sqlite3.OperationalError:  # the table is not there yet
                    continue
            if done >= count // 2:
                os.kill(process.pid, signal.SIGKILL)  # the coordinator only: its workers die with it
                process.wait()
                return done
    raise SystemExit("the run finished before it could be killed halfway; use more submissions")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--hidden", action="store_true", help="grade with the hidden tests too")
    parser.add_argument("--kill-halfway", action="store_true")
    parser.add_argument("--compare-fallback", action="store_true",
                        help="grade the class again in the fallback isolation (no namespaces): the sandbox's "
                        "cost (two runs one after the other: noisy on a busy machine; bench/sandbox_cost.py "
                        "alternates them)")
    parser.add_argument("--floor-sample", type=int, default=10)
    parser.add_argument("--cluster", metavar="SPEC", help="compare --cluster SPEC (local:2, tcp://...) with --jobs")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each with --cluster, alternating")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="autograde-bench-"))
    try:
        classdir = work / "class"
        generate(classdir, options.submissions)
        if options.cluster:
            compare_cluster(classdir, work, options)
            return
        gradebook = work / "gradebook.db"
        command = grade_command(classdir, gradebook, options.jobs, options.hidden)
        wall = run_grade(command)
        graded = rows(gradebook)
        tests = tests_graded(gradebook)
        floor = direct_floor(classdir, options.floor_sample)
        floor_wall = floor * options.submissions / options.jobs
        per_test = wall * options.jobs / tests
        print(f"{options.submissions} submissions x {len(NUMPY_EXERCISES)} NumPy exercises, --jobs {options.jobs}, "
              f"{'hidden + public' if options.hidden else 'public'} tests, {os.cpu_count()} cores")
        print(f"  autograde grade (sandboxed)  {wall:7.1f} s wall   {options.submissions / wall:6.2f} submissions/s")
        print(f"  tests graded                 {tests:7d}     rows: {len(graded)}")
        print(f"  mean cost per graded test    {per_test * 1000:7.1f} ms   (wall x jobs / tests)")
        print(f"  direct floor, same tests     {floor:7.3f} s per submission, {floor_wall:.1f} s for the class "
              f"on {options.jobs} cores")
        print(f"  ratio grade / floor          {wall / floor_wall:7.2f}x")
        print(f"  vs nbgrader (0.21 s/test)    {NBGRADER_S_PER_TEST / per_test:7.1f}x cheaper per test")
        if options.compare_fallback:
            fallback = run_grade(grade_command(classdir, work / "fallback.db", options.jobs, options.hidden), "basic")
            cost = (wall - fallback) * options.jobs / options.submissions
            print(f"  fallback isolation, same run  {fallback:7.1f} s wall: namespaces cost {cost * 1000:+.0f} ms "
                  f"per submission ({len(NUMPY_EXERCISES)} children each), {wall / fallback:.2f}x")
        if options.kill_halfway:
            interrupted = work / "interrupted.db"
            command = grade_command(classdir, interrupted, options.jobs, options.hidden)
            at = kill_halfway(command, interrupted, options.submissions)
            resumed = run_grade(command)
            again = rows(interrupted)
            same = again == graded
            print(f"  kill -9 at {at} rows, re-run {resumed:.1f} s: {len(again)} rows, "
                  f"{'identical to' if same else 'DIFFERENT from'} the uninterrupted run")
            if not same or len(again) != options.submissions:
                raise SystemExit(1)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
