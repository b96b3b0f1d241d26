"""Grading on a Dask cluster (``autograde grade --cluster``): real schedulers and workers
(``python -m dask scheduler`` / ``dask worker`` on 127.0.0.1, started and stopped here),
real kills. Rows must equal a local run's, every submission must end with exactly one
row whatever dies, and a worker that cannot grade the course is refused with a message.
"""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import tarfile
import time
from pathlib import Path
from typing import Iterator

import distributed
import pytest

from autograde.batch import cluster, grader_version
from autograde.config import find_course
from autograde.errors import WorkerRefused
from autograde.gradebook import Gradebook, RowStatus
from autograde.results import Status
from classroom import count_rows, make_course, right, running_until, wrong
from conftest import ROOT

SLOW = '''

@pytest.mark.points(1)
def test_zz_takes_a_while(student):
    import time
    time.sleep(1.5)  # each submission takes long enough to be killed in the middle of
'''


class DaskCluster:
    """A Dask scheduler and its workers as separate processes on 127.0.0.1."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.log = open(folder / "dask.log", "ab")
        self.workers: list[subprocess.Popen[bytes]] = []
        file = folder / "scheduler.json"
        # One retry for a task whose worker died, as docs/batch.md tells operators to set
        env = {**os.environ, "DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "1"}
        self.scheduler = subprocess.Popen(
            [sys.executable, "-m", "dask", "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
             "--scheduler-file", str(file)], stdout=self.log, stderr=self.log, env=env, start_new_session=True)
        deadline = time.monotonic() + 60
        while not file.is_file() or not file.read_text():
            assert time.monotonic() < deadline and self.scheduler.poll() is None, self.tail()
            time.sleep(0.1)
        self.address = json.loads(file.read_text())["address"]

    def worker(self, *extra: str) -> subprocess.Popen[bytes]:
        """Start one worker (one thread, no nanny: killing it kills it) and wait until it joined."""
        process = subprocess.Popen(
            [sys.executable, "-m", "dask", "worker", self.address, "--nthreads", "1", "--no-nanny", "--no-dashboard",
             "--host", "127.0.0.1", *extra], stdout=self.log, stderr=self.log, start_new_session=True)
        self.workers.append(process)
        with distributed.Client(self.address, timeout=30) as client:
            client.wait_for_workers(len([w for w in self.workers if w.poll() is None]), timeout=60)
        return process

    def processing(self) -> dict[str, list[str]]:
        """The task keys each worker is running or holds, by worker address."""
        with distributed.Client(self.address, timeout=30) as client:
            return {address: [str(k) for k in keys] for address, keys in client.processing().items()}

    def pid_of(self, address: str) -> int:
        with distributed.Client(self.address, timeout=30) as client:
            return int(client.run(os.getpid, workers=[address])[address])

    def tail(self) -> str:
        self.log.flush()
        return (self.folder / "dask.log").read_text(errors="replace")[-4000:]

    def close(self) -> None:
        for process in [*self.workers, self.scheduler]:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        self.log.close()


@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DaskCluster]:
    """A scheduler with two workers, for the whole module."""
    running = DaskCluster(tmp_path_factory.mktemp("dask"))
    try:
        running.worker()
        running.worker()
        yield running
    finally:
        running.close()


def _grade(course: Path, classdir: Path, gradebook: Path, where: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "autograde", "grade", str(classdir), "--gradebook", str(gradebook),
            "--course", str(course), *(["--cluster", where] if where else ["--jobs", "2"]), *extra]


def _outcomes(gradebook: Path) -> dict[str, tuple]:
    """Each student's status, score and every test's (name, status, score)."""
    with Gradebook(gradebook) as book:
        return {row.student: (row.status, row.result.score, row.result.max_score,
                              [(t.name, t.status, t.score) for e in row.result.exercises for t in e.tests])
                for row in book.rows()}


def _small_class(folder: Path, count: int) -> Path:
    for i in range(count):
        (right if i % 2 else wrong)(folder / f"s{i:02d}")
    return folder


def test_the_sample_class_grades_on_a_cluster_as_with_local_workers(  # type: ignore[no-untyped-def]
        dask_cluster: DaskCluster, tmp_path: Path, sample_class_graded) -> None:
    local, out = sample_class_graded
    gradebook = tmp_path / "cluster.db"
    done = subprocess.run([sys.executable, "-m", "autograde", "grade", "samples/class", "--cluster",
                           dask_cluster.address, "--gradebook", str(gradebook)],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == local.returncode == 1, done.stdout + done.stderr  # oliver's notebook is broken
    on_cluster, on_local = _outcomes(gradebook), _outcomes(out / "gradebook.db")
    assert len(on_cluster) == 12
    assert on_cluster == on_local
    # the environment a row records is the worker's (here the same Python as the local run's)
    with Gradebook(gradebook) as book, Gradebook(out / "gradebook.db") as other:
        graded = {r.student: r.result.environment for r in book.rows() if r.status is RowStatus.GRADED}
        assert graded == {r.student: r.result.environment for r in other.rows() if r.status is RowStatus.GRADED}
    # a second run keeps every row: up to date in the workers' environment
    again = subprocess.run([sys.executable, "-m", "autograde", "grade", "samples/class", "--cluster",
                            dask_cluster.address, "--gradebook", str(gradebook)],
                           cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert re.search(r"graded now +0 in", again.stdout), again.stdout
    assert "12 submissions already graded and unchanged: kept" in again.stdout


def test_a_worker_that_joins_later_grades_and_killing_it_mid_batch_costs_nothing(dask_cluster: DaskCluster,
                                                                                  tmp_path: Path) -> None:
    course = make_course(tmp_path / "course", extra_grader=SLOW)
    classdir = _small_class(tmp_path / "class", 10)
    gradebook = tmp_path / "g.db"
    run = running_until(_grade(course, classdir, gradebook, dask_cluster.address), gradebook, 1)
    victim = dask_cluster.worker()  # joins while the class grades: the plugin installs the course there too
    address = next(a for a in dask_cluster.processing() if dask_cluster.pid_of(a) == victim.pid)
    deadline = time.monotonic() + 180
    held: list[str] = []
    while not held and run.poll() is None and time.monotonic() < deadline:
        held = [k for k in dask_cluster.processing().get(address, []) if k.startswith(cluster.PREFIX)]
        time.sleep(0.2)
    assert held, "the worker that joined never got a submission"
    os.kill(victim.pid, signal.SIGKILL)
    output, _ = run.communicate(timeout=300)
    assert run.returncode == 0, output + dask_cluster.tail()
    rows = _outcomes(gradebook)
    assert sorted(rows) == [f"s{i:02d}" for i in range(10)]  # exactly one row each
    killed = {k.removeprefix(cluster.PREFIX).rpartition("-")[0] for k in held}
    for student in killed:  # graded again on another worker, to the right verdict
        status, score, full, _ = rows[student]
        assert status is RowStatus.GRADED
        assert (score == full) == (int(student[1:]) % 2 == 1)
    assert all(status is RowStatus.GRADED for status, *_ in rows.values())


def _descendants(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    found = [int(c) for c in children.read_text().split()] if children.exists() else []
    return found + [d for c in found for d in _descendants(c)]


def test_kill_9_of_the_coordinator_then_rerun_loses_and_doubles_nothing(dask_cluster: DaskCluster,
                                                                         tmp_path: Path) -> None:
    course = make_course(tmp_path / "course", extra_grader=SLOW)
    count = 12
    classdir = _small_class(tmp_path / "class", count)
    gradebook = tmp_path / "g.db"
    with Gradebook(gradebook) as book:
        seed = str(book.hidden_seed())
    run = running_until(_grade(course, classdir, gradebook, dask_cluster.address), gradebook, 3)
    # the hidden tests' seed travels as task data: no worker process shows it in argv or environment
    seen = 0
    for worker in [w for w in dask_cluster.workers if w.poll() is None]:
        for pid in [worker.pid, *_descendants(worker.pid)]:
            for part in ("cmdline", "environ"):
                try:
                    with open(f"/proc/{pid}/{part}", "rb") as f:
                        assert seed.encode() not in f.read(), (pid, part)
                    seen += 1
                except (FileNotFoundError, ProcessLookupError):  # a learner's child that just ended
                    pass
    assert seen >= 2 * 2 * 3  # at least each worker, its Lane and its fork server were read
    assert run.poll() is None, "the run ended before it could be killed"
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    with Gradebook(gradebook) as book:
        before = {r.student: r.graded_at for r in book.rows()}
    assert 0 < len(before) < count
    done = subprocess.run(_grade(course, classdir, gradebook, dask_cluster.address), capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{len(before)} submissions already graded and unchanged: kept" in done.stdout
    with Gradebook(gradebook) as book:
        rows = {r.student: r for r in book.rows()}
    assert sorted(rows) == [f"s{i:02d}" for i in range(count)]
    assert all(rows[s].graded_at == at for s, at in before.items())  # the rows written before stay as they were
    assert all(r.status is RowStatus.GRADED and (r.result.score == r.result.max_score) == (int(s[1:]) % 2 == 1)
               for s, r in rows.items())
    # the killed coordinator's plugin was removed from the cluster by the next run, and that run's at its end
    with distributed.Client(dask_cluster.address, timeout=30) as client:
        assert [n for n in client.run_on_scheduler(lambda dask_scheduler: list(dask_scheduler.worker_plugins))
                if n.startswith(cluster.PREFIX)] == []


OTHER_AUTOGRADE = "import autograde\nautograde.__version__ = '0.0.1'\n"


def test_a_worker_with_another_autograde_is_refused_with_a_message(tmp_path: Path) -> None:
    course = make_course(tmp_path / "course")
    classdir = _small_class(tmp_path / "class", 2)
    (tmp_path / "other_autograde.py").write_text(OTHER_AUTOGRADE)
    lonely = DaskCluster(tmp_path)
    try:
        lonely.worker("--preload", str(tmp_path / "other_autograde.py"))
        done = subprocess.run(_grade(course, classdir, tmp_path / "g.db", lonely.address), capture_output=True,
                              text=True, timeout=300)
    finally:
        lonely.close()
    assert done.returncode == 2, done.stdout + done.stderr
    said = " ".join(done.stdout.split())
    assert "can grade this course" in said
    assert "this worker has autograde 0.0.1, the coordinator 0.1.0: install autograde 0.1.0 on every worker" in said
    assert count_rows(tmp_path / "g.db") == 0


def test_a_course_changed_on_the_way_or_another_autograde_code_is_refused(tmp_path: Path) -> None:
    course = find_course(make_course(tmp_path / "course"))
    archive, fingerprint = cluster.pack(course)
    assert cluster.pack(course) == (archive, fingerprint)  # the same files, the same bytes
    version = grader_version(course)
    installed = cluster.install(archive, fingerprint, version, tmp_path / "ok")
    assert sorted(installed.exercises) == sorted(course.exercises)
    with pytest.raises(WorkerRefused, match="changed on the way"):
        cluster.install(_tampered(archive), fingerprint, version, tmp_path / "tampered")
    with pytest.raises(WorkerRefused, match="its code differs"):
        cluster.install(archive, fingerprint, version.replace("+", "+0"), tmp_path / "other")


def _tampered(archive: bytes) -> bytes:
    """``archive`` with a comment appended to its activations grader."""
    out = io.BytesIO()
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as before, \
            tarfile.open(fileobj=out, mode="w:gz") as after:
        for member in before.getmembers():
            data = before.extractfile(member).read()  # type: ignore[union-attr]
            if member.name.endswith("test_activations.py"):
                data += b"\n# edited\n"
                member.size = len(data)
            after.addfile(member, io.BytesIO(data))
    return out.getvalue()


def test_local_2_from_the_command_line(tmp_path: Path) -> None:
    course = make_course(tmp_path / "course")
    classdir = _small_class(tmp_path / "class", 4)
    done = subprocess.run(_grade(course, classdir, tmp_path / "g.db", "local:2"), capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    rows = _outcomes(tmp_path / "g.db")
    assert sorted(rows) == ["s00", "s01", "s02", "s03"]
    assert [score == full for _, score, full, _ in rows.values()] == [False, True, False, True]
    assert "autograde grade samples/class --cluster local:2" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_an_unreachable_scheduler_stops_before_anything_is_graded(tmp_path: Path) -> None:
    course = make_course(tmp_path / "course")
    classdir = _small_class(tmp_path / "class", 2)
    done = subprocess.run(_grade(course, classdir, tmp_path / "g.db", "tcp://127.0.0.1:9"), capture_output=True,
                          text=True, timeout=120, env={**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"})
    assert done.returncode == 2, done.stdout + done.stderr
    assert "the Dask scheduler at tcp://127.0.0.1:9 cannot be reached" in " ".join(done.stdout.split())
    assert count_rows(tmp_path / "g.db") == 0


def test_cluster_options_are_checked_where_they_are_parsed(tmp_path: Path) -> None:
    for value, said in (("local:0", "local:N needs a number of workers"), ("nowhere", "is not a scheduler address")):
        done = subprocess.run([sys.executable, "-m", "autograde", "grade", str(tmp_path), "--cluster", value],
                              capture_output=True, text=True, cwd=ROOT)
        assert done.returncode == 2 and said in done.stderr, done.stderr
    both = subprocess.run([sys.executable, "-m", "autograde", "grade", str(tmp_path), "--cluster", "local:2",
                           "--jobs", "2"], capture_output=True, text=True, cwd=ROOT)
    assert both.returncode == 2 and "--jobs is for this machine's workers" in both.stderr + both.stdout


def test_grading_without_a_cluster_never_imports_dask(tmp_path: Path) -> None:
    course = make_course(tmp_path / "course")
    classdir = _small_class(tmp_path / "class", 1)
    code = ("import sys\nfrom autograde.cli import main\n"
            f"sys.argv = ['autograde', 'grade', {str(classdir)!r}, '--course', {str(course)!r}, '--gradebook', "
            f"{str(tmp_path / 'g.db')!r}, '--jobs', '1']\n"
            "try:\n    main()\nexcept SystemExit as exit:\n    assert exit.code == 0, exit.code\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_ctrl_c_keeps_the_rows_written_and_cancels_the_rest(dask_cluster: DaskCluster, tmp_path: Path) -> None:
    course = make_course(tmp_path / "course", extra_grader=SLOW)
    classdir = _small_class(tmp_path / "class", 12)
    gradebook = tmp_path / "g.db"
    run = running_until(_grade(course, classdir, gradebook, dask_cluster.address), gradebook, 2, interruptible=True)
    run.send_signal(signal.SIGINT)
    output, _ = run.communicate(timeout=120)
    assert run.returncode == 130, output
    kept = count_rows(gradebook)
    assert 2 <= kept < 12
    time.sleep(1)
    # nothing of the run is left on the cluster: no task, no plugin
    assert not any(k.startswith(cluster.PREFIX) for keys in dask_cluster.processing().values() for k in keys)
    with distributed.Client(dask_cluster.address, timeout=30) as client:
        assert not [n for n in client.run_on_scheduler(lambda dask_scheduler: list(dask_scheduler.worker_plugins))
                    if n.startswith(cluster.PREFIX)]
    assert count_rows(gradebook) == kept


def test_a_scheduler_lost_mid_run_stops_it_and_keeps_the_rows(tmp_path: Path) -> None:
    course = make_course(tmp_path / "course", extra_grader=SLOW)
    classdir = _small_class(tmp_path / "class", 8)
    gradebook = tmp_path / "g.db"
    doomed = DaskCluster(tmp_path)
    try:
        doomed.worker()
        run = running_until(_grade(course, classdir, gradebook, doomed.address), gradebook, 2,
                            env={**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "3s"})
        os.killpg(doomed.scheduler.pid, signal.SIGKILL)
        output, _ = run.communicate(timeout=180)
    finally:
        doomed.close()
    assert run.returncode == 2, output
    said = " ".join(output.split())
    assert "stopped grading" in said and "the rows written so far are kept; run the same command again" in said
    with Gradebook(gradebook) as book:
        rows = book.rows()
    assert 2 <= len(rows) < 8 and all(r.status is RowStatus.GRADED for r in rows)


PEEK = '''

def sigmoid(x):
    """Right only if the course's solutions can be read from learner code."""
    import numpy as np
    open({solutions!r}).read()
    return 1 / (1 + np.exp(-np.asarray(x, dtype=float)))
'''


def test_the_coordinators_course_stays_hidden_on_a_worker_of_the_same_machine(tmp_path: Path) -> None:
    # The course folder on PYTHONPATH puts it on the workers' import path: a worker grading
    # its unpacked copy must still hide the original, as the coordinator's own workers do.
    course = make_course(tmp_path / "course")
    classdir = tmp_path / "class"
    peek = right(classdir / "peek") / "activations.py"
    peek.write_text(peek.read_text() + PEEK.format(solutions=str(course / "solutions" / "activations.py")))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(course), os.environ.get("PYTHONPATH")]))}
    for where in ("local:1", ""):
        gradebook = tmp_path / f"g{where.replace(':', '')}.db"
        done = subprocess.run(_grade(course, classdir, gradebook, where), capture_output=True, text=True,
                              timeout=300, env=env)
        assert done.returncode == 0, done.stdout + done.stderr
        (row,) = _outcomes(gradebook).values()
        sigmoid = [(name, status) for name, status, _ in row[3] if "sigmoid" in name]
        assert sigmoid and all(status is not Status.PASSED for _, status in sigmoid), (where, sigmoid)


def test_without_the_cluster_extra_the_message_says_how_to_install_it(tmp_path: Path) -> None:
    course = make_course(tmp_path / "course")
    classdir = _small_class(tmp_path / "class", 1)
    absent = tmp_path / "absent" / "distributed"
    absent.mkdir(parents=True)
    (absent / "__init__.py").write_text("raise ModuleNotFoundError(\"No module named 'distributed'\", "
                                        "name='distributed')\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(absent.parent),
                                                                      os.environ.get("PYTHONPATH")]))}
    done = subprocess.run(_grade(course, classdir, tmp_path / "g.db", "local:2"), capture_output=True, text=True,
                          timeout=300, env=env)
    assert done.returncode == 2, done.stdout + done.stderr
    said = " ".join(done.stdout.split())
    assert "--cluster needs Dask's distributed (distributed is not installed in" in said
    assert "pip install 'autograde-dl[cluster]'" in said
    assert count_rows(tmp_path / "g.db") == 0
