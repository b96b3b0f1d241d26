"""What a freshly forked child starts from (autograde.sandbox.zygote): a clean environment,
its own scratch directory, no way to import the course's own files, no inherited
descriptors, and its own session."""

from __future__ import annotations

from pathlib import Path

import pytest

from autograde.errors import StudentException
from autograde.sandbox.forkserver import ForkServer
from conftest import ROOT, MakeStudent

PROBE = """
    import os
    import sys

    def environment():
        with open("/proc/self/environ", "rb") as f:
            own = f.read().decode(errors="replace")
        with open(f"/proc/{os.getppid()}/environ", "rb") as f:
            server = f.read().decode(errors="replace")
        return dict(os.environ), own, server

    def where():
        return os.getcwd(), sorted(os.listdir(".")), os.environ["HOME"], os.environ["TMPDIR"]

    def write_scratch():
        with open("notes.txt", "w") as f:
            f.write("x")
        return os.path.abspath("notes.txt")

    def import_(name):
        __import__(name)
        return name

    def path():
        return list(sys.path)

    def descriptors():
        return sorted(int(fd) for fd in os.listdir("/proc/self/fd"))

    def session():
        return os.getsid(0) == os.getpid(), os.getpgid(0) == os.getpid()

    def stdin():
        return sys.stdin.read()
"""


def test_a_secret_in_the_graders_environment_does_not_reach_the_child(
    make_student: MakeStudent, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AUTOGRADE_TEST_SECRET", "hunter2-secret")
    own_server = ForkServer(hidden_paths=(str(ROOT),))  # started after the secret was set
    try:
        student = make_student({"probe": PROBE}, server_=own_server)
        env, own, server_env = student.environment()
        assert "AUTOGRADE_TEST_SECRET" not in env
        assert "hunter2-secret" not in own
        assert "hunter2-secret" not in server_env
        assert sorted(env) == ["HOME", "LANG", "MKL_NUM_THREADS", "OMP_NUM_THREADS",
                               "OPENBLAS_NUM_THREADS", "PATH", "TMPDIR"]
        student.close()
    finally:
        own_server.close()


def test_the_child_works_in_a_fresh_scratch_directory(make_student: MakeStudent) -> None:
    student = make_student({"probe": PROBE})
    cwd, listing, home, tmpdir = student.where()
    assert Path(cwd).name.startswith("autograde-child-")
    assert not Path(cwd).is_relative_to(ROOT) and Path(cwd) != Path.cwd()
    assert listing == []
    assert home == tmpdir == cwd


def test_each_child_has_its_own_scratch_removed_when_it_ends(make_student: MakeStudent) -> None:
    first, second = make_student({"probe": PROBE}), make_student({"probe": PROBE})
    note = Path(first.write_scratch())
    assert note.read_text() == "x"
    assert second.where()[0] != str(note.parent)
    assert second.where()[1] == []  # the other child's file is not there
    first.close()
    assert not note.parent.exists()


@pytest.mark.parametrize("name", ["solutions", "graders", "conftest", "tests"])
def test_the_courses_own_files_cannot_be_imported(make_student: MakeStudent, name: str) -> None:
    student = make_student({"probe": PROBE})
    with pytest.raises(StudentException) as info:
        student.import_(name)
    assert str(info.value) == f"ModuleNotFoundError: No module named '{name}'"


def test_the_repository_is_not_on_the_childs_path(make_student: MakeStudent) -> None:
    student = make_student({"probe": PROBE})
    assert student.import_("numpy") == "numpy"
    assert [p for p in student.path() if p == "" or Path(p).is_relative_to(ROOT)] == []


def test_the_child_inherits_only_its_four_descriptors(make_student: MakeStudent) -> None:
    student = make_student({"probe": PROBE})
    # 0-3 are stdin, output, output, socket; the one more is listdir's own handle.
    assert student.descriptors()[:4] == [0, 1, 2, 3]
    assert len(student.descriptors()) == 5


def test_the_child_leads_its_own_session(make_student: MakeStudent) -> None:
    student = make_student({"probe": PROBE})
    assert student.session() == (True, True)


def test_stdin_is_empty(make_student: MakeStudent) -> None:
    student = make_student({"probe": PROBE})
    assert student.stdin() == ""
