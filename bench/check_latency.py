"""How long does ``autograde check`` make a learner wait?

Measures, in one run and on this machine:

* ``check``   the median wall time of ``autograde check --submission solutions``
              (a fresh process each time: start-up, fork server, sandboxed children);
* ``direct``  the same grader tests run in one fresh Python process without the engine:
              the learner functions are called in-process (no sandbox, no proxy);
* ``startup`` a fresh ``python -c "import numpy, pytest"``.

and prints the ratios check/direct and check/startup. Aim: check under 1 s and under
3x the start-up floor.

    python bench/check_latency.py [--runs 9] [EXERCISE ...]   (default: every exercise)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from autograde.config import find_course

ROOT = Path(__file__).resolve().parents[1]

def median_time(command: list[str], runs: int) -> float:
    """Median wall time of ``command`` over ``runs`` runs (after one warm-up)."""
    times = []
    for i in range(runs + 1):
        start = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                              env={**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"})
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"{command[:3]}... exited {done.returncode}:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
        if i:  # the first run warms the page cache
            times.append(elapsed)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("exercises", nargs="*", help="exercises to grade (default: all)")
    options = parser.parse_args()
    runs = options.runs
    exercises = options.exercises or list(find_course(ROOT).exercises)
    autograde = [sys.executable, "-m", "autograde", "check", *exercises, "--submission", "solutions"]
    check = median_time(autograde, runs)
    direct = median_time([sys.executable, str(ROOT / "bench" / "direct.py"), "solutions", *exercises], runs)
    startup = median_time([sys.executable, "-c", "import numpy, pytest"], runs)
    print(f"median of {runs} runs, this machine; exercises: {' '.join(exercises)}")
    print(f"  autograde check (sandboxed) {check * 1000:8.0f} ms")
    print(f"  direct, same tests, no sandbox {direct * 1000:5.0f} ms")
    print(f"  python + numpy + pytest      {startup * 1000:7.0f} ms")
    print(f"  ratio check / direct       {check / direct:9.2f}x")
    print(f"  ratio check / start-up     {check / startup:9.2f}x   (aim: < 3x, and check < 1000 ms)")


if __name__ == "__main__":
    main()
