"""Grade a class on a Dask cluster: ``autograde grade SUBMISSIONS --cluster ADDRESS``.

The coordinator (the ``autograde grade`` process) does what it does for local workers:
it finds the submissions, keeps the gradebook, skips up-to-date rows and writes each row
the moment its result arrives. Only where a submission is graded changes: Dask's
``distributed`` runs one task per submission on the cluster's workers.

On every worker, a :class:`CoursePlugin` (a Dask ``WorkerPlugin``, sent by the scheduler
to workers that join later too) unpacks the course the coordinator packed, refuses to
grade when the worker's autograde or the unpacked course differ from the coordinator's,
and keeps one :class:`~autograde.batch.Lane` (a warm ``autograde.batch.worker`` process
with its fork servers, self-tested) for every task it runs. A worker takes this run's
tasks only once its plugin is ready: the plugin then gives the worker one unit of a
resource named after the run, and every task asks for that unit, so a refused worker
takes none and a ready one grades one submission at a time.

A task carries a submission's bytes, its content hash and the hidden tests' seed (never
a path on the coordinator's disk, never argv, environment or a file); it returns the
plain reply the local workers give. See ``docs/batch.md``, "Grading on a cluster".
"""

from __future__ import annotations

import asyncio
import io
import logging
import os
import re
import shutil
import tarfile
import tempfile
import time
import traceback
import uuid
from pathlib import Path
from typing import Any, Callable

import dask
import distributed
from distributed.diagnostics.plugin import WorkerPlugin

import autograde
from autograde import config, loaders
from autograde.batch.workers import Lane, Reply, Rows, grader_version
from autograde.config import Course, find_course
from autograde.errors import AutogradeError, ClusterError, WorkerRefused
from autograde.gradebook import Row, RowStatus
from autograde.sandbox import isolation

LOCAL = re.compile(r"local:(\d+)")
WAIT_S = 600.0  # how long to wait for a first worker to join a cluster that has none
PREFIX = "autograde-"  # of the plugin (and resource) names: autograde-<the coordinator's client id>

# A LocalCluster's workers share this machine's cores with the grading itself: what Dask
# samples for its dashboard (a statistical profiler every 10 ms, memory and system
# monitors) is slowed down, since autograde's tasks only wait for their worker process.
LOCAL_SETTINGS = {
    "distributed.worker.profile.enabled": False,
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}

log = logging.getLogger("distributed.worker")  # Dask's worker log: where its operator looks


def pack(course: Course) -> tuple[bytes, str]:
    """The course's own files (``Course.own_names``, caches left out) as a tar archive,
    the same bytes for the same files, and their fingerprint (:func:`fingerprint`)."""
    files: dict[str, bytes] = {}
    for name in sorted(course.own_names):
        path = course.root / name
        found = [path] if path.is_file() else sorted(path.rglob("*")) if path.is_dir() else []
        for file in found:
            if file.is_file() and "__pycache__" not in file.parts and file.suffix != ".pyc":
                files[file.relative_to(course.root).as_posix()] = file.read_bytes()
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", format=tarfile.PAX_FORMAT) as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = len(data), 0o644, 0
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue(), fingerprint(files)


def fingerprint(files: dict[str, bytes]) -> str:
    """sha256 over the files' names and bytes (as a submission's content hash)."""
    return loaders.Candidate(student="", origin="", files=files).content_hash


def install(archive: bytes, expected: str, version: str, folder: Path) -> Course:
    """Unpack the course into ``folder`` and check it against the coordinator's
    fingerprint and grader version (which covers autograde's own code); raises
    :class:`WorkerRefused` with the difference."""
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as packed:
        packed.extractall(folder, filter="data")
    files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    found = fingerprint(files)
    if found != expected:
        raise WorkerRefused(f"the course unpacked here has fingerprint {found[:16]}, the coordinator's "
                            f"{expected[:16]}: it was changed on the way")
    course = find_course(folder)
    here = grader_version(course)
    if here != version:
        raise WorkerRefused(f"this worker's autograde grades with version {here}, the coordinator's with {version}: "
                            "the same course, another autograde (its code differs); install the coordinator's "
                            "autograde on every worker")
    return course


class CoursePlugin(WorkerPlugin):
    """Installs one coordinator's course on a Dask worker and grades its tasks there.

    ``setup`` never raises for a worker that cannot grade: it records why
    (:attr:`refusal`), logs it, and leaves the worker without the run's resource, so the
    scheduler sends it none of the run's tasks and the worker stays up for other work.
    """

    idempotent = False

    def __init__(self, *, name: str, archive: bytes, course_fingerprint: str, version: str, hidden: bool,
                 language: str, budget_s: float, settings: dict[str, str], coordinator_paths: tuple[str, ...]) -> None:
        self.name = name
        self.archive, self.course_fingerprint, self.version = archive, course_fingerprint, version
        self.autograde = autograde.__version__
        self.hidden, self.language, self.budget_s = hidden, language, budget_s
        self.settings = settings  # the coordinator's AUTOGRADE_* course settings, for the worker process
        # The coordinator's course folders: hidden from learner code here too, should this
        # worker see them (the same machine, a shared filesystem, a checkout on sys.path)
        self.coordinator_paths = coordinator_paths
        self.lane: Lane | None = None
        self.folder: Path | None = None
        self.refusal = ""
        self.environment: dict[str, str] = {}
        self.isolation = ""  # why learner code runs without namespaces here ('' when it runs in them)

    async def setup(self, worker: distributed.Worker) -> None:
        try:
            if self.autograde != autograde.__version__:
                raise WorkerRefused(f"this worker has autograde {autograde.__version__}, the coordinator "
                                    f"{self.autograde}: install autograde {self.autograde} on every worker")
            self.folder = Path(tempfile.mkdtemp(prefix="autograde-course-"))  # readable by this user only
            course = install(self.archive, self.course_fingerprint, self.version, self.folder)
            self.lane = Lane(course.root, hidden=self.hidden, language=self.language, budget_s=self.budget_s,
                             settings=self.settings, also_hidden=self.coordinator_paths)
            self.lane.start()  # here, in the worker's main thread: it dies with this process
            self.environment, self.isolation = await asyncio.get_running_loop().run_in_executor(None, self.lane.ready)
        except Exception as exc:  # noqa: BLE001 - every reason a worker cannot grade is said, none kills it
            self.refusal = str(exc) if isinstance(exc, AutogradeError) else (
                "internal error while installing the course:\n" + traceback.format_exc(limit=-6))
            log.error("autograde: this worker cannot grade for %s: %s", self.name, self.refusal)
            self._clean()
            return
        finally:
            self.archive = b""  # unpacked (or refused): the worker need not keep it
        await worker.set_resources(**{self.name: 1})

    def teardown(self, worker: distributed.Worker) -> None:
        self._clean()

    def _clean(self) -> None:
        if self.lane is not None:
            self.lane.close()
            self.lane = None
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def grade(self, job: dict[str, Any]) -> dict[str, Any]:
        """Grade one task's submission; the reply as plain data."""
        candidate = loaders.Candidate(student=job["student"], origin=job["origin"], files=job["files"],
                                      notes=tuple(job["notes"]))
        if candidate.content_hash != job["content_hash"]:
            return Reply(RowStatus.CRASHED.value, None, "the submission's files arrived changed (their content "
                         "hash differs from the coordinator's): not graded", 0.0).to_dict()
        if self.lane is None:
            raise RuntimeError(f"autograde's plugin {self.name} is not ready on this worker: {self.refusal}")
        return self.lane.grade(candidate, int(job["hidden_seed"])).to_dict()


def grade_task(name: str, job: dict[str, Any]) -> dict[str, Any]:
    """The task Dask runs on a worker: grade ``job`` with the run's plugin ``name``."""
    plugin = distributed.get_worker().plugins.get(name)
    if not isinstance(plugin, CoursePlugin):
        raise RuntimeError(f"autograde's plugin {name} is not installed on this worker")
    return plugin.grade(job)


def _state(name: str, dask_worker: distributed.Worker) -> dict[str, Any]:
    """What the run's plugin on ``dask_worker`` found: ready with its environment, or why not."""
    plugin = dask_worker.plugins.get(name)
    if not isinstance(plugin, CoursePlugin):
        return {"ready": False, "why": "autograde's plugin is not installed here"}
    return {"ready": plugin.lane is not None, "why": plugin.refusal, "environment": plugin.environment,
            "isolation": plugin.isolation}


def _stale_plugins(dask_scheduler: Any) -> list[str]:
    """autograde plugins whose coordinator is gone (killed): to be removed."""
    return [name for name in dask_scheduler.worker_plugins
            if name.startswith(PREFIX) and name.removeprefix(PREFIX) not in dask_scheduler.clients]


class ClusterPool:
    """Grades the submissions of one run on a Dask cluster (``autograde.batch.Pool``).

    ``cluster`` is a scheduler's address (``tcp://host:8786``, ``tls://...`` with Dask's
    security settings from its configuration) or ``local:N``: a ``LocalCluster`` of N
    worker processes on this machine, started and stopped here.
    """

    def __init__(self, cluster: str, *, course: Course, budget_s: float, hidden_seed: int, rows: Rows) -> None:
        self.spec, self.course, self.budget_s, self.rows = cluster, course, budget_s, rows
        self.hidden_seed = hidden_seed
        self.where = cluster
        self.local: distributed.LocalCluster | None = None
        self.client: distributed.Client | None = None
        self.name = ""
        self.ready: dict[str, dict[str, str]] = {}  # worker address -> the environment it grades in
        self.fallbacks: set[str] = set()  # why ready workers run learner code without namespaces
        self.refused: dict[str, str] = {}  # worker address -> why it cannot grade
        self._counted = (float("-inf"), 0)  # when the ready workers were counted, and how many

    def __enter__(self) -> ClusterPool:
        try:
            self._connect()
            self._install()
        except BaseException:
            self.__exit__()
            raise
        return self

    def _connect(self) -> None:
        workers = LOCAL.fullmatch(self.spec)
        # One retry for a task whose worker died (the machine, not the learner: a fork bomb
        # cannot kill it), then KilledWorker: the row says crashed. A scheduler started
        # elsewhere has its own setting (docs/batch.md says how to set it).
        settings = {**(LOCAL_SETTINGS if workers is not None else {}), "distributed.scheduler.allowed-failures": 1}
        with dask.config.set(settings):
            if workers is not None:
                count = int(workers.group(1))
                if count < 1:
                    raise ClusterError("--cluster local:N needs N of at least 1")
                self.local = distributed.LocalCluster(n_workers=count, threads_per_worker=1, processes=True,
                                                      host="127.0.0.1", dashboard_address=None,
                                                      silence_logs=logging.ERROR)
                self.where = f"{self.spec} ({self.local.scheduler_address})"
            address = self.local.scheduler_address if self.local is not None else self.spec
            # How long to try reaching it: Dask's own setting (distributed.comm.timeouts.connect)
            timeout = dask.utils.parse_timedelta(dask.config.get("distributed.comm.timeouts.connect"))
            try:
                self.client = distributed.Client(address, timeout=timeout, set_as_default=False)
            except (OSError, TimeoutError, ValueError) as exc:
                raise ClusterError(f"the Dask scheduler at {self.spec} cannot be reached ({exc}); "
                                   "nothing was graded") from None
        try:
            self.client.wait_for_workers(1, timeout=WAIT_S)
        except TimeoutError:
            raise ClusterError(f"no worker joined the Dask cluster at {self.spec} in {WAIT_S:.0f} s; "
                               "nothing was graded") from None

    def _install(self) -> None:
        """Register the run's plugin (every worker unpacks and checks the course) and hear
        which workers are ready."""
        client = self.client
        assert client is not None
        for stale in client.run_on_scheduler(_stale_plugins):
            client.unregister_worker_plugin(stale)
        archive, course_fingerprint = pack(self.course)
        self.name = PREFIX + client.id
        settings = {k: v for k, v in os.environ.items() if k in config.ENVIRONMENT}
        plugin = CoursePlugin(name=self.name, archive=archive, course_fingerprint=course_fingerprint,
                              version=self.rows.version, hidden=self.rows.hidden, language=self.rows.words.language,
                              budget_s=self.budget_s, settings=settings, coordinator_paths=self.course.private_paths)
        try:
            client.register_plugin(plugin, name=self.name)
        except Exception as exc:  # a worker could not even load the plugin (no autograde there)
            raise ClusterError(f"a worker of the Dask cluster at {self.spec} cannot run autograde's plugin "
                               f"({type(exc).__name__}: {exc}); install autograde-dl[cluster] on every worker, "
                               "the same version as here") from None
        states = client.run(_state, self.name, on_error="return")
        for address, state in sorted(states.items()):
            if isinstance(state, BaseException):
                self.refused[address] = f"{type(state).__name__}: {state}"
            elif state["ready"]:
                self.ready[address] = state["environment"]
                if state["isolation"]:
                    self.fallbacks.add(state["isolation"])
            else:
                self.refused[address] = state["why"]
        if not self.ready:
            reasons = "\n".join(f"  {address}: {why}" for address, why in self.refused.items())
            raise ClusterError(f"no worker of the Dask cluster at {self.spec} can grade this course:\n{reasons}")

    def __exit__(self, *exc: object) -> None:
        client, self.client = self.client, None
        if client is not None:
            try:
                if self.name and client.status == "running":
                    client.unregister_worker_plugin(self.name)  # every worker stops its lane, deletes the course
            except Exception:  # noqa: BLE001 - the scheduler may be gone: closing is all that is left
                pass
            client.close()
        if self.local is not None:
            self.local.close()
            self.local = None

    def environments(self, warn: Callable[[str], None] | None) -> list[dict[str, str]]:
        if warn is not None:
            for address, why in self.refused.items():
                warn(f"worker {address} cannot grade this course and gets none of its submissions: {why}")
            for why in sorted(self.fallbacks):
                warn(isolation.fallback_warning(why))
        return list({tuple(sorted(e.items())): e for e in self.ready.values()}.values())

    def width(self, todo: int) -> int:
        return max(1, min(self._workers(), todo))

    def _workers(self) -> int:
        """How many workers can take the run's tasks now (asked of the scheduler at most
        every few seconds: workers join and leave while a class grades)."""
        now = time.monotonic()
        if self.client is not None and now - self._counted[0] > 5.0:
            workers = self.client.scheduler_info()["workers"]
            self._counted = (now, sum(1 for w in workers.values() if self.name in w.get("resources", {})))
        return self._counted[1] or len(self.ready)

    def run(self, todo: list[loaders.Candidate], store: Callable[[Row], None]) -> None:
        queue = list(reversed(todo))
        client = self.client
        assert client is not None
        pending = distributed.as_completed(loop=client.loop)
        running: dict[str, tuple[loaders.Candidate, float, distributed.Future]] = {}  # key -> submission, sent, task

        def top_up() -> None:
            # Only a few tasks per worker wait at the scheduler: the rest of the class stays
            # here (its bytes too), and workers that join take from the queue as they come.
            window = 2 * self.width(len(queue) + len(running)) + 2
            while queue and len(running) < window:
                candidate = queue.pop()
                key = f"{PREFIX}{_safe(candidate.student)}-{uuid.uuid4().hex[:8]}"
                future = client.submit(grade_task, self.name, self._job(candidate), key=key, pure=False,
                                       resources={self.name: 1})
                running[key] = (candidate, time.monotonic(), future)
                pending.add(future)

        top_up()
        try:
            for future in pending:
                candidate, sent, _ = running.pop(future.key)
                store(self.rows.of(candidate, self._reply(future, time.monotonic() - sent)))
                future.release()
                top_up()
        finally:  # Ctrl-C, or the cluster lost: what was not graded is not left running for nobody
            if running:
                client.cancel([future for _, _, future in running.values()], force=True)

    def _job(self, candidate: loaders.Candidate) -> dict[str, Any]:
        return {"student": candidate.student, "origin": candidate.origin, "notes": list(candidate.notes),
                "files": dict(candidate.files), "content_hash": candidate.content_hash,
                "hidden_seed": self.hidden_seed}

    def _reply(self, future: distributed.Future, elapsed: float) -> Reply:
        try:
            return Reply.of(future.result())
        except distributed.KilledWorker as exc:
            return Reply(RowStatus.CRASHED.value, None, "grading stopped: the Dask worker grading it died, and "
                         f"again on the worker it was retried on ({exc})", elapsed)
        except (distributed.client.FutureCancelledError, asyncio.CancelledError) as exc:
            raise ClusterError(f"the Dask cluster at {self.spec} stopped grading ({exc}): the rows written so far "
                               "are kept; run the same command again to grade the rest") from None
        except Exception:  # noqa: BLE001 - our bug on the worker: never the learner's fault
            return Reply(RowStatus.CRASHED.value, None, "internal error on the Dask worker:\n"
                         + traceback.format_exc(limit=-6), elapsed)


def _safe(student: str) -> str:
    """A student's name as it can appear in a Dask task key (the dashboard shows it)."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", student)[:40] or "student"

