"""The grader's side of a child (autograde.sandbox.forkserver): how a child's end is put
into words, and how crashes, hangs and protocol breaches surface through the proxy
without taking the next call with them."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from autograde.errors import StudentCrash, StudentTimeout
from autograde.sandbox.forkserver import Child, ForkServer, describe_status
from autograde.sandbox.limits import Limits
from autograde.sandbox.proxy import Clock
from conftest import MakeStudent, deadline_in

# ---------------------------------------------------------------- describe_status


def exited(code: int) -> int:
    """The wait status of a process that exited with ``code``."""
    return code << 8


@pytest.mark.parametrize(
    "status, text",
    [
        (None, "the process stopped answering"),
        (exited(0), "the process exited with status 0 (os._exit or a crash in native code)"),
        (exited(3), "the process exited with status 3 (os._exit or a crash in native code)"),
        (exited(70), "the process exited with status 70 (os._exit or a crash in native code)"),
        (int(signal.SIGSEGV), "the process was ended by signal SIGSEGV (a segmentation fault: memory "
                              "was accessed wrongly, e.g. through ctypes)"),
        (int(signal.SIGKILL), "the process was ended by signal SIGKILL (it was killed, usually for using "
                              "too much memory or CPU time)"),
        (int(signal.SIGXCPU), "the process was ended by signal SIGXCPU (it used up its CPU time limit)"),
        (int(signal.SIGABRT), "the process was ended by signal SIGABRT (it aborted)"),
        (int(signal.SIGFPE), "the process was ended by signal SIGFPE (a floating-point exception)"),
        (int(signal.SIGBUS), "the process was ended by signal SIGBUS (a bus error)"),
        (int(signal.SIGUSR1), "the process was ended by signal SIGUSR1 (a signal)"),
        (int(signal.SIGSEGV) | 0x80, "the process was ended by signal SIGSEGV (a segmentation fault: "
                                     "memory was accessed wrongly, e.g. through ctypes)"),  # core dumped
    ],
    ids=["none", "exit0", "exit3", "exit70", "segv", "kill", "xcpu", "abrt", "fpe", "bus", "usr1",
         "segv-core"],
)
def test_describe_status(status: int | None, text: str) -> None:
    assert describe_status(status) == text


def test_status_helpers_agree_with_the_kernels_encoding() -> None:
    assert os.WIFEXITED(exited(3)) and os.WEXITSTATUS(exited(3)) == 3
    assert os.WIFSIGNALED(int(signal.SIGSEGV)) and os.WTERMSIG(int(signal.SIGSEGV)) == signal.SIGSEGV


# ---------------------------------------------------------------- crashes

CRASHY = """
    import ctypes
    import os
    import signal
    import time

    CALLS = []

    TOKEN = os.urandom(8).hex()  # one per process that imported this module

    def pid():
        return TOKEN

    def count():
        CALLS.append(1)
        return len(CALLS)

    def leave(code):
        os._exit(code)

    def segfault():
        return ctypes.string_at(0)

    def kill_self():
        os.kill(os.getpid(), signal.SIGKILL)

    def abort():
        os.abort()

    def spin():
        while True:
            pass

    def nap(seconds):
        time.sleep(seconds)
        return seconds

    def spawn_sleeper(marker):
        child = os.fork()
        if child == 0:
            os.setsid()  # out of the child's process group, as a daemon would
            os.execv("/bin/sleep", [marker, "60"])  # argv[0] names it for the grader to find
        return child

    def garbage():
        import socket
        channel = socket.socket(fileno=3)
        channel.sendall(b"\\0\\0\\0\\4" + b"\\0" * 8 + b"oops")
        os._exit(0)

    def deep_json():
        import socket
        depth = 200_000
        doc = b'{"v":' + b"[" * depth + b"]" * depth + b',"buffers":[]}'
        channel = socket.socket(fileno=3)
        channel.sendall(len(doc).to_bytes(4, "big") + (0).to_bytes(8, "big") + doc)
        os._exit(0)
"""


def test_os_exit_in_a_call_is_a_crash_and_a_fresh_child_takes_over(make_student: MakeStudent) -> None:
    student = make_student({"crashy": CRASHY})
    first = student.pid()
    assert student.count() == 1
    with pytest.raises(StudentCrash) as info:
        student.leave(3)
    assert info.value.call == "leave(3)"
    assert str(info.value) == "the process exited with status 3 (os._exit or a crash in native code)"
    assert student.pid() != first
    assert student.count() == 1  # a freshly imported module: no state carried over


def test_os_exit_zero_is_still_a_crash(make_student: MakeStudent) -> None:
    student = make_student({"crashy": CRASHY})
    with pytest.raises(StudentCrash) as info:
        student.leave(0)
    assert info.value.reason == "the process exited with status 0 (os._exit or a crash in native code)"


def test_a_segfault_is_a_crash_that_names_sigsegv(make_student: MakeStudent) -> None:
    student = make_student({"crashy": CRASHY})
    with pytest.raises(StudentCrash) as info:
        student.segfault()
    assert str(info.value) == ("the process was ended by signal SIGSEGV (a segmentation fault: memory was "
                               "accessed wrongly, e.g. through ctypes)")
    assert student.count() == 1


@pytest.mark.parametrize("name, sig", [("kill_self", "SIGKILL"), ("abort", "SIGABRT")])
def test_death_by_signal_names_the_signal(make_student: MakeStudent, name: str, sig: str) -> None:
    student = make_student({"crashy": CRASHY})
    with pytest.raises(StudentCrash, match=f"^the process was ended by signal {sig} "):
        getattr(student, name)()
    assert student.count() == 1


def test_garbage_on_the_wire_is_a_crash_that_says_so(make_student: MakeStudent) -> None:
    student = make_student({"crashy": CRASHY})
    with pytest.raises(StudentCrash) as info:
        student.garbage()
    assert info.value.reason.startswith("it sent data the grader cannot read (malformed message: ")
    assert student.count() == 1


def test_json_too_deep_for_the_parser_is_a_crash_not_an_internal_error(make_student: MakeStudent) -> None:
    student = make_student({"crashy": CRASHY})
    with pytest.raises(StudentCrash) as info:
        student.deep_json()
    assert info.value.reason.startswith("it sent data the grader cannot read (malformed message: ")
    assert student.count() == 1


# ---------------------------------------------------------------- hangs


@pytest.mark.parametrize("name, args", [("spin", ()), ("nap", (30,))], ids=["busy loop", "sleep"])
def test_a_hang_times_out_at_the_test_limit_and_the_next_call_works(make_student: MakeStudent,
                                                                     name: str, args: tuple) -> None:
    clock = Clock()
    student = make_student({"crashy": CRASHY}, clock=clock)
    assert student.count() == 1
    deadline_in(clock, 0.5)
    start = time.monotonic()
    with pytest.raises(StudentTimeout) as info:
        getattr(student, name)(*args)
    assert 0.45 <= time.monotonic() - start < 2.0
    assert str(info.value) == "timed out after 0.5 s"
    assert info.value.limit_s == 0.5
    deadline_in(clock, 2.0)
    assert student.nap(0) == 0
    assert student.count() == 1  # a fresh child


def test_a_call_within_the_limit_is_not_cut_short(make_student: MakeStudent) -> None:
    clock = Clock()
    student = make_student({"crashy": CRASHY}, clock=clock)
    dir(student)
    deadline_in(clock, 1.0)
    assert student.nap(0.3) == 0.3


def test_without_a_test_deadline_the_load_limit_bounds_a_call(make_student: MakeStudent) -> None:
    student = make_student({"crashy": CRASHY}, limits=Limits(load_timeout_s=0.5))
    dir(student)
    start = time.monotonic()
    with pytest.raises(StudentTimeout, match=r"^timed out after 0\.5 s$"):
        student.spin()
    assert time.monotonic() - start < 2.0


def process_state(pid: int) -> str | None:
    """The one-letter state of ``pid`` (``Z`` for a zombie), or None if it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return None
    return stat.rsplit(")", 1)[1].split()[0]


def _running(marker: str) -> list[str]:
    """Host pids of live (not zombie) processes whose command line has ``marker``."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if marker in (entry / "cmdline").read_bytes().decode(errors="replace") \
                    and process_state(int(entry.name)) not in (None, "Z"):
                found.append(entry.name)
        except (OSError, ValueError):
            continue
    return found


def test_processes_the_learner_forked_die_with_the_child(make_student: MakeStudent) -> None:
    student = make_student({"crashy": CRASHY})
    marker = f"autograde-test-sleeper-{os.getpid()}-{time.monotonic_ns()}"
    student.spawn_sleeper(marker)
    for _ in range(200):
        if _running(marker):
            break
        time.sleep(0.01)
    assert len(_running(marker)) == 1  # it ran, in its own session
    student.close()
    for _ in range(200):
        if not _running(marker):
            break
        time.sleep(0.01)
    assert _running(marker) == []


# ---------------------------------------------------------------- Child directly


def test_child_kill_is_idempotent_and_close_releases_descriptors(server: ForkServer) -> None:
    child = Child(server, Limits())
    fd = child.output_fd
    assert child.alive
    child.kill()
    child.kill()
    assert not child.alive
    child.close()
    with pytest.raises(OSError):
        os.fstat(fd)


def test_a_child_killed_right_after_it_was_forked_dies_at_once(server: ForkServer) -> None:
    # It may not have made its own process group yet: killing the group alone misses it.
    for _ in range(5):
        child = Child(server, Limits())
        start = time.monotonic()
        child.kill()
        assert time.monotonic() - start < 0.5
        assert process_state(child.pid) is None  # killed and reaped
        child.close()


def test_read_output_caps_each_read_and_counts_the_rest(server: ForkServer) -> None:
    child = Child(server, Limits())
    try:
        os.write(child.output_fd, b"a" * (Child.OUTPUT_CAP + 10))
        text = child.read_output()
        assert text == "a" * Child.OUTPUT_CAP + "\n... (10 more bytes of output not shown)\n"
        assert child.read_output() == ""
        os.write(child.output_fd, "ü\n".encode())
        assert child.read_output() == "ü\n"
    finally:
        child.close()

