"""Resource limits (autograde.sandbox.limits): they reach the child as rlimits, and a
learner who runs into one gets a clear outcome, never a hang."""

from __future__ import annotations

import resource
import time

import pytest

from autograde.errors import StudentCrash, StudentException
from autograde.sandbox.limits import MiB, Limits
from conftest import MakeStudent

HUNGRY = """
    import os
    import resource
    import numpy as np

    def rlimits():
        names = ["RLIMIT_AS", "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_NOFILE", "RLIMIT_NPROC", "RLIMIT_CORE"]
        return {name: resource.getrlimit(getattr(resource, name)) for name in names}

    def big_array():
        return np.ones(1 << 29)  # 4 GiB

    def creeping():
        hoard = []
        while True:
            hoard.append(bytearray(16 << 20))

    def burn():
        while True:
            pass

    def write_file(megabytes):
        with open("out.bin", "wb") as f:
            f.write(b"z" * (megabytes << 20))
        return os.path.getsize("out.bin")

    def open_many(n):
        return [open(os.devnull) for _ in range(n)] and n

    def ok():
        return "ok"
"""


def test_limits_travel_as_plain_data() -> None:
    limits = Limits(memory_mb=256, cpu_s=5, file_mb=2, open_files=32, processes=8, result_mb=3,
                    load_timeout_s=1.5, cell_timeout_s=0.5)
    assert limits.to_dict() == {"memory_mb": 256, "cpu_s": 5, "file_mb": 2, "open_files": 32,
                                "processes": 8, "result_mb": 3, "load_timeout_s": 1.5, "cell_timeout_s": 0.5}
    assert Limits(**limits.to_dict()) == limits


def test_the_child_runs_under_the_requested_rlimits(make_student: MakeStudent) -> None:
    limits = Limits(memory_mb=700, cpu_s=7, file_mb=3, open_files=40, processes=9, load_timeout_s=3.0)
    student = make_student({"hungry": HUNGRY}, limits=limits)
    assert student.rlimits() == {
        "RLIMIT_AS": (700 * MiB, 700 * MiB),
        "RLIMIT_CPU": (7, 8),
        "RLIMIT_FSIZE": (3 * MiB, 3 * MiB),
        "RLIMIT_NOFILE": (40, 40),
        "RLIMIT_NPROC": (9, 9),
        "RLIMIT_CORE": (0, 0),
    }


def test_the_graders_own_limits_are_untouched(make_student: MakeStudent) -> None:
    before = resource.getrlimit(resource.RLIMIT_AS)
    make_student({"hungry": HUNGRY}, limits=Limits(memory_mb=300, load_timeout_s=3.0)).ok()
    assert resource.getrlimit(resource.RLIMIT_AS) == before


@pytest.mark.parametrize("name", ["big_array", "creeping"])
def test_a_memory_bomb_fails_fast_and_the_next_call_works(make_student: MakeStudent, name: str) -> None:
    student = make_student({"hungry": HUNGRY}, limits=Limits(memory_mb=512, load_timeout_s=5.0))
    start = time.monotonic()
    with pytest.raises((StudentException, StudentCrash)) as info:
        getattr(student, name)()
    assert time.monotonic() - start < 5.0
    if isinstance(info.value, StudentException):
        assert info.value.type_name == "MemoryError"
    assert student.ok() == "ok"


def test_the_cpu_limit_ends_a_busy_child(make_student: MakeStudent) -> None:
    student = make_student({"hungry": HUNGRY}, limits=Limits(cpu_s=1, load_timeout_s=5.0))
    start = time.monotonic()
    with pytest.raises(StudentCrash) as info:
        student.burn()
    assert time.monotonic() - start < 4.0
    assert str(info.value) == "the process was ended by signal SIGXCPU (it used up its CPU time limit)"
    assert student.ok() == "ok"


def test_the_file_size_limit_is_an_error_not_a_death(make_student: MakeStudent) -> None:
    student = make_student({"hungry": HUNGRY}, limits=Limits(file_mb=1, load_timeout_s=3.0))
    assert student.write_file(0) == 0
    with pytest.raises(StudentException) as info:
        student.write_file(2)
    assert str(info.value) == "OSError: [Errno 27] File too large"


def test_the_open_files_limit_is_an_error(make_student: MakeStudent) -> None:
    student = make_student({"hungry": HUNGRY}, limits=Limits(open_files=16, load_timeout_s=3.0))
    assert student.open_many(5) == 5
    with pytest.raises(StudentException) as info:
        student.open_many(50)
    assert str(info.value) == "OSError: [Errno 24] Too many open files: '/dev/null'"
