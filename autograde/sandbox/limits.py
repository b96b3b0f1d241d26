"""Resource limits of a learner's child, and how the child applies them to itself."""

from __future__ import annotations

import resource
from dataclasses import asdict, dataclass

MiB = 1 << 20


@dataclass(frozen=True)
class Limits:
    """Per-child limits. Wall time is per test and enforced by the grader, not here.

    ``cpu_s`` bounds the CPU time of a child over its whole life (a child serves the
    tests of one exercise); ``result_mb`` bounds one reply's size as the grader reads it.
    ``load_timeout_s`` bounds importing a ``.py`` module; a notebook's cells have
    ``cell_timeout_s`` each instead (``docs/notebooks.md``).
    """

    memory_mb: int = 1024
    cpu_s: int = 60
    file_mb: int = 64
    open_files: int = 64
    processes: int = 64
    result_mb: int = 64
    load_timeout_s: float = 10.0
    cell_timeout_s: float = 10.0

    def to_dict(self) -> dict[str, float]:
        """The limits as plain data, as they travel to the fork server."""
        return asdict(self)


def apply(limits: dict[str, float]) -> None:
    """Set the rlimits of the calling process (a freshly forked child)."""
    def cap(which: int, value: int) -> None:
        resource.setrlimit(which, (value, value))

    cap(resource.RLIMIT_AS, int(limits["memory_mb"]) * MiB)
    cpu = int(limits["cpu_s"])
    # Soft limit sends SIGXCPU (fatal by default); the hard limit one second later SIGKILL.
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    cap(resource.RLIMIT_FSIZE, int(limits["file_mb"]) * MiB)
    cap(resource.RLIMIT_NOFILE, int(limits["open_files"]))
    # Counts threads per real uid and is ignored for root: it bites once the child runs
    # under an unprivileged uid (the hardened sandbox), harmless before.
    cap(resource.RLIMIT_NPROC, int(limits["processes"]))
    cap(resource.RLIMIT_CORE, 0)
