"""What does the hardened sandbox cost?

Measures, in one run and on this machine, with kernel namespaces (the default) and with
the fallback isolation (``AUTOGRADE_SANDBOX=basic``: rlimits, clean environment, scratch
directory, no namespaces):

* ``child``  the median time to start one learner child and import a small module in
             it (fork from the NumPy fork server, sandbox set-up, load): the cost paid
             once per exercise of every submission;
* ``submission`` the median time to grade the reference solutions of the seven NumPy
             exercises (seven children) in one process, alternating the two isolations
             run by run so that both see the same machine;
* ``check``  the median wall time of ``autograde check`` of three exercises on the
             reference solutions, a fresh process each time.

Prints both, and the difference per child start. Aim (issue 6): under 50 ms per child
start beyond the fallback.

    python bench/sandbox_cost.py [--runs 30] [--keras]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from autograde import loaders
from autograde.config import find_course
from autograde.sandbox.forkserver import ForkServer
from autograde.sandbox.proxy import Clock, StudentModule

ROOT = Path(__file__).resolve().parents[1]
MODES = {"namespaces": "auto", "fallback": "basic"}


def child_start(mode: str, runs: int, preload: tuple[str, ...]) -> float:
    """Median seconds from asking for a child to the first answer of its loaded module."""
    os.environ["AUTOGRADE_SANDBOX"] = mode
    course = find_course(ROOT)
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "probe.py").write_text("import math\n\ndef ping():\n    return 1\n", encoding="utf-8")
        submission = loaders.load(folder)
        server = ForkServer(hidden_paths=course.private_paths, preload=preload)
        limits = course.for_exercise("keras_models" if preload else "perceptron").limits
        try:
            times = []
            for i in range(runs + 1):
                start = time.perf_counter()
                student = StudentModule(name="probe", submission=submission, server=server, limits=limits,
                                        clock=Clock())
                student.ping()
                times.append(time.perf_counter() - start)
                student.close()
            return statistics.median(times[1:])  # the first waits for the server's imports
        finally:
            server.close()


def submission_times(runs: int) -> dict[str, float]:
    """Median seconds to grade the NumPy reference solutions, per isolation, interleaved."""
    from autograde.grading import GradingSession

    course = find_course(ROOT)
    numpy = [e for e in course.exercises if e != "keras_models"]
    times: dict[str, list[float]] = {name: [] for name in MODES}
    with contextlib.ExitStack() as stack:
        sessions = {}
        for name, mode in MODES.items():  # each session's servers start under its mode
            os.environ["AUTOGRADE_SANDBOX"] = mode
            sessions[name] = stack.enter_context(GradingSession(course, exercises=numpy))
        submission = sessions["namespaces"].load(course.solutions)
        for i in range(runs + 1):
            for name, session in sessions.items():
                start = time.perf_counter()
                session.grade(submission)
                if i:  # the first run imports the graders
                    times[name].append(time.perf_counter() - start)
    return {name: statistics.median(found) for name, found in times.items()}


def check_time(mode: str, runs: int) -> float:
    command = [sys.executable, "-m", "autograde", "check", "perceptron", "activations", "losses",
               "--submission", "solutions"]
    env = {**os.environ, "AUTOGRADE_SANDBOX": mode}
    times = []
    for i in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=True)
        if i:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--keras", action="store_true", help="also from the TensorFlow fork server")
    options = parser.parse_args()
    print(f"median of {options.runs} child starts, this machine ({os.cpu_count()} cores)")
    servers = [("NumPy", ())] + ([("TensorFlow", ("tensorflow", "keras"))] if options.keras else [])
    for label, preload in servers:
        found = {name: child_start(mode, options.runs, preload) for name, mode in MODES.items()}
        extra = found["namespaces"] - found["fallback"]
        print(f"  child start + load ({label} server): namespaces {found['namespaces'] * 1000:6.1f} ms, "
              f"fallback {found['fallback'] * 1000:6.1f} ms, sandbox cost {extra * 1000:+6.1f} ms per child")
    runs = max(3, options.runs // 6)
    graded = submission_times(runs * 2)
    extra = graded["namespaces"] - graded["fallback"]
    print(f"  grading one submission, 7 NumPy exercises (median of {runs * 2}, interleaved): namespaces "
          f"{graded['namespaces'] * 1000:6.0f} ms, fallback {graded['fallback'] * 1000:6.0f} ms, "
          f"sandbox cost {extra * 1000:+.0f} ms per submission ({graded['namespaces'] / graded['fallback']:.2f}x)")
    checks = {name: check_time(mode, runs) for name, mode in MODES.items()}
    print(f"  autograde check, 3 exercises (median of {runs}): namespaces {checks['namespaces'] * 1000:6.0f} ms, "
          f"fallback {checks['fallback'] * 1000:6.0f} ms ({checks['namespaces'] / checks['fallback']:.2f}x)")


if __name__ == "__main__":
    main()
