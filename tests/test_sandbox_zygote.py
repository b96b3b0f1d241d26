"""What a freshly forked child starts from (autograde.sandbox.zygote): a clean environment,
its own scratch directory, no way to import the course's own files, no inherited
descriptors, and its own session; in both isolations, kernel namespaces (the default
where the kernel allows them) and the fallback. What namespaces add is in
``test_sandbox_isolation.py``."""

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
        return dict(os.environ), own

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
        return os.getpid(), os.getsid(0) == os.getpid(), os.getpgid(0) == os.getpid()

    def stdin():
        return sys.stdin.read()
"""


@pytest.fixture(params=["namespaces", "basic"])
def isolation(request: pytest.FixtureRequest) -> str:
    """Each test here runs in both isolations."""
    return str(request.param)


@pytest.fixture
def probe(make_student: MakeStudent, basic_server: ForkServer, server: ForkServer, isolation: str):  # type: ignore[no-untyped-def]
    if isolation == "namespaces" and server.isolation():
        pytest.skip(f"kernel namespaces are not available here: {server.isolation()}")
    return lambda: make_student({"probe": PROBE}, server_=basic_server if isolation == "basic" else None)


def test_a_secret_in_the_graders_environment_does_not_reach_the_child(
    make_student: MakeStudent, monkeypatch: pytest.MonkeyPatch, isolation: str
) -> None:
    monkeypatch.setenv("AUTOGRADE_TEST_SECRET", "hunter2-secret")
    monkeypatch.setenv("AUTOGRADE_SANDBOX", "basic" if isolation == "basic" else "auto")
    own_server = ForkServer(hidden_paths=(str(ROOT),))  # started after the secret was set
    try:
        student = make_student({"probe": PROBE}, server_=own_server)
        env, own = student.environment()
        assert "AUTOGRADE_TEST_SECRET" not in env
        assert "hunter2-secret" not in own
        assert sorted(env) == ["HOME", "LANG", "MKL_NUM_THREADS", "OMP_NUM_THREADS",
                               "OPENBLAS_NUM_THREADS", "PATH", "TMPDIR"]
        student.close()
    finally:
        own_server.close()


def test_the_child_works_in_a_fresh_scratch_directory(probe, isolation: str) -> None:  # type: ignore[no-untyped-def]
    cwd, listing, home, tmpdir = probe().where()
    if isolation == "basic":
        assert Path(cwd).name.startswith("autograde-child-")
        assert not Path(cwd).is_relative_to(ROOT) and Path(cwd) != Path.cwd()
    else:
        assert cwd == "/tmp"  # its own tmpfs, in its own mount namespace
    assert listing == []
    assert home == tmpdir == cwd


def test_each_child_has_its_own_scratch_removed_when_it_ends(probe, isolation: str) -> None:  # type: ignore[no-untyped-def]
    first, second = probe(), probe()
    note = Path(first.write_scratch())
    assert second.where()[1] == []  # the other child's file is not there
    if isolation == "basic":
        assert note.read_text() == "x"
        assert second.where()[0] != str(note.parent)
        first.close()
        assert not note.parent.exists()
    else:
        assert note == Path("/tmp/notes.txt")  # in the child's own /tmp: never on the host's
        assert first.where()[1] == ["notes.txt"]


@pytest.mark.parametrize("name", ["solutions", "graders", "conftest", "tests"])
def test_the_courses_own_files_cannot_be_imported(probe, name: str) -> None:  # type: ignore[no-untyped-def]
    student = probe()
    with pytest.raises(StudentException) as info:
        student.import_(name)
    assert str(info.value) == f"ModuleNotFoundError: No module named '{name}'"


def test_the_repository_is_not_on_the_childs_path(probe) -> None:  # type: ignore[no-untyped-def]
    student = probe()
    assert student.import_("numpy") == "numpy"
    assert [p for p in student.path() if p == "" or Path(p).is_relative_to(ROOT)] == []


def test_the_child_inherits_only_its_four_descriptors(probe) -> None:  # type: ignore[no-untyped-def]
    student = probe()
    # 0-3 are stdin, output, output, socket; the one more is listdir's own handle.
    assert student.descriptors()[:4] == [0, 1, 2, 3]
    assert len(student.descriptors()) == 5


def test_the_child_leads_its_own_session_or_namespace(probe, isolation: str) -> None:  # type: ignore[no-untyped-def]
    pid, leads_session, leads_group = probe().session()
    if isolation == "basic":
        assert (leads_session, leads_group) == (True, True)
    else:
        assert pid == 2  # in its own PID namespace, whose init (1) ends everything when it ends


def test_stdin_is_empty(probe) -> None:  # type: ignore[no-untyped-def]
    student = probe()
    assert student.stdin() == ""
