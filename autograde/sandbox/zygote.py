"""The fork server: a process that has imported NumPy and nothing of the grading material,
and forks one sandboxed child per request.

It is started by :class:`autograde.sandbox.forkserver.ForkServer` with a SOCK_SEQPACKET
control socket. Requests are small JSON documents; a ``spawn`` request carries two file
descriptors (the child's end of its socket, and the memfd its output goes to).
"""

from __future__ import annotations

import os

# Before NumPy is imported: one BLAS thread, so that fork is safe and children are small.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import ctypes
import functools
import importlib
import json
import re
import resource
import shutil
import signal
import socket
import sys
import tempfile
import time
from typing import Callable

import numpy  # noqa: F401  (preloaded: the reason this process exists)

from autograde.sandbox import child, isolation, limits, protocol, selftest

# TensorFlow's start-up lines, which its C++ libraries (two, each with its own copy of absl)
# write straight to fd 2 while it is imported, before any setting of theirs is read:
# absl's warning about logging before InitializeLog, and INFO or WARNING lines in absl's or
# TensorFlow's own format ("I0000 00:00:1796593015.447354  21423 port.cc:153] oneDNN ...").
_STARTUP_NOISE = re.compile(
    rb"WARNING: All log messages before absl::InitializeLog\(\) is called are written to STDERR\s*$"
    rb"|[IW]\d{4} [\d:.]+ +\d+ \S+:\d+\] "
    rb"|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+: [IW] \S+:\d+\] ")

PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36
_libc = ctypes.CDLL(None, use_errno=True)


def _prctl(option: int, value: int) -> None:
    _libc.prctl(option, value, 0, 0, 0)


def die_with_parent() -> None:
    """Have the kernel kill this process when its parent dies (even by ``kill -9``)."""
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


class Zygote:
    """Forks children and reaps them; keeps their exit statuses until asked.

    With kernel namespaces (``isolation.probe()`` found them usable) each child is a
    *keeper* in this PID namespace and, below it, the learner's process, PID 1 of its
    own namespaces (``isolation.py``); the keeper's exit status is the learner's. Without
    them, the child is the learner's process itself, in a scratch directory of its own.
    """

    def __init__(self, control: socket.socket, hidden_paths: list[str], isolation_mode: str,
                 imports: list[str], preloaded: list[str], preload_failure: str = "") -> None:
        self.control = control
        self.hidden_paths = hidden_paths
        self.preloaded = preloaded
        self.preload_failure = preload_failure  # why a preload could not be imported here
        self.statuses: dict[int, int] = {}
        self.scratch: dict[int, str] = {}  # basic mode: spawned pid -> its scratch directory
        self.inner: dict[int, int] = {}    # namespaces: keeper pid -> the learner's pid
        self.why_basic = isolation.unavailable(isolation_mode)
        self.root = "" if self.why_basic else tempfile.mkdtemp(prefix="autograde-root-")
        # Without namespaces the view only decides which import folders stay on sys.path.
        self.view = isolation.plan(hidden_paths, [*imports, *module_folders()])

    def serve(self) -> None:
        while True:
            try:
                data, fds, _flags, _addr = socket.recv_fds(self.control, 1 << 16, 4)
            except (ConnectionError, OSError):
                return
            if not data:
                return
            request = json.loads(data)
            reply: dict[str, object]
            if request["op"] == "spawn":
                reply = {"pid": self.spawn(fds, request["limits"])}
            elif request["op"] == "wait":
                reply = {"status": self.wait(request["pid"], request["timeout"])}
            elif request["op"] == "isolation":
                reply = {"namespaces": not self.why_basic, "why": self.why_basic}
            elif request["op"] == "selftest":
                reply = {"problems": self.self_test(request["limits"])}
            else:
                reply = {"error": f"unknown op {request['op']!r}"}
            for fd in fds:
                os.close(fd)
            self.control.send(json.dumps(reply).encode())

    def spawn(self, fds: list[int], child_limits: dict, body: Callable[[socket.socket], None] = child.main) -> int:
        sock_fd, out_fd = fds
        if self.why_basic:
            scratch = tempfile.mkdtemp(prefix="autograde-child-")
            pid = _fork(lambda: self.become_child(sock_fd, out_fd, child_limits, scratch, body))
            self.scratch[pid] = scratch
            return pid
        report, told = os.pipe()
        pid = _fork(lambda: self.keep(sock_fd, out_fd, child_limits, told, body))
        os.close(told)
        with os.fdopen(report, "rb") as pipe:
            inner = pipe.read(8)
        if len(inner) == 8:
            self.inner[pid] = int.from_bytes(inner, "little")
        self.scratch[pid] = ""
        return pid

    def self_test(self, child_limits: dict) -> list[str]:
        """What a learner's child could not import or read, as sentences for the operator
        (``selftest.py``); [] when everything the course needs is there."""
        if self.preload_failure:
            return [self.preload_failure]
        ours, theirs = socket.socketpair()
        output = os.memfd_create("autograde-selftest")
        pid = self.spawn([theirs.fileno(), output], child_limits, selftest.probe)
        theirs.close()
        try:
            protocol.send(ours, selftest.checks(self.view, self.preloaded))
            failed = protocol.receive(ours, limit=1 << 20, deadline=time.monotonic() + 30)["failed"]
        except (OSError, EOFError, TimeoutError, protocol.ProtocolError) as exc:
            shown = os.pread(output, 2000, 0).decode("utf-8", "replace").strip()
            failed = None
            problems = [f"The sandbox's test child did not answer ({type(exc).__name__}: {exc})"
                        + (f"; it printed: {shown}" if shown else "") + "."]
        finally:
            ours.close()
            os.close(output)
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass
            self.wait(pid, 5.0)
        if failed is None:
            return problems
        return selftest.explain(failed, self.view, self.hidden_paths)

    def keep(self, sock_fd: int, out_fd: int, child_limits: dict, told: int,
             body: Callable[[socket.socket], None]) -> None:
        """The keeper: make the namespaces, fork their init, tell the zygote its pid, then
        wait for it and end the way the learner's process ended."""
        os.setsid()  # its own process group: the grader kills the whole group
        die_with_parent()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        isolation.unshare(isolation.NAMESPACES)
        uid = isolation.child_id(os.getpid())
        status_read, status_write = os.pipe()
        init = _fork(lambda: self.init(sock_fd, out_fd, child_limits, uid, status_write, body))
        os.write(told, init.to_bytes(8, "little"))
        os.closerange(0, status_read)  # the keeper holds nothing of the learner's or the grader's
        os.closerange(status_read + 1, 1 << 16)
        with os.fdopen(status_read, "rb") as pipe:
            learner = pipe.read(4)  # the learner's wait status, sent by init before it ends
        # WNOWAIT: init stays a zombie, so its pid cannot be reused before the zygote (which
        # adopts it when the keeper ends) has reaped it.
        ended = os.waitid(os.P_PID, init, os.WEXITED | os.WNOWAIT)
        status = int.from_bytes(learner, "little") if len(learner) == 4 else _status(ended)
        if os.WIFSIGNALED(status):
            sig = os.WTERMSIG(status)
            if sig not in (signal.SIGKILL, signal.SIGSTOP):
                signal.signal(sig, signal.SIG_DFL)
            os.kill(os.getpid(), sig)
        os._exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 70)

    def init(self, sock_fd: int, out_fd: int, child_limits: dict, uid: int, status_write: int,
             body: Callable[[socket.socket], None]) -> None:
        """PID 1 of the child's namespaces: build its root, fork the learner's process,
        reap until it ends, report its status. When init ends, the kernel ends every
        process left in the namespace."""
        die_with_parent()
        isolation.enter(self.root, self.view)
        learner = _fork(lambda: self.become_child(sock_fd, out_fd, child_limits, "/tmp", body, uid=uid))
        os.closerange(0, status_write)
        os.closerange(status_write + 1, 1 << 16)
        while True:  # orphans of the namespace are re-parented to init: reap them too
            pid, status = os.waitpid(-1, 0)
            if pid == learner:
                os.write(status_write, status.to_bytes(4, "little"))
                return

    def become_child(self, sock_fd: int, out_fd: int, child_limits: dict, scratch: str,
                     body: Callable[[socket.socket], None], uid: int | None = None) -> None:
        """Turn this fresh process into the learner's sandboxed child, then serve."""
        if uid is None:
            os.setsid()  # basic mode: its own process group, which the grader kills whole
        die_with_parent()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(out_fd, 1)
        os.dup2(out_fd, 2)
        os.dup2(sock_fd, 3)
        os.closerange(4, 1 << 16)
        sock = socket.socket(fileno=3)
        if uid is not None:
            isolation.drop_privileges(uid)
            die_with_parent()  # the change of uid cleared it
        os.chdir(scratch)
        os.environ.clear()
        os.environ.update(
            PATH="/usr/local/bin:/usr/bin:/bin", HOME=scratch, TMPDIR=scratch, LANG="C.UTF-8",
            OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1",
        )
        sys.path[:] = [p for p in sys.path if p and self.view.shows(os.path.normpath(p))]
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of death on big files
        limits.apply(child_limits)
        sys.stdout = open(1, "w", encoding="utf-8", errors="replace", closefd=False)
        sys.stderr = open(2, "w", encoding="utf-8", errors="replace", closefd=False)
        body(sock)
        sys.stdout.flush()
        sys.stderr.flush()

    def wait(self, pid: int, timeout: float) -> int | None:
        deadline = time.monotonic() + timeout
        while True:
            self.reap()
            if pid in self.statuses:
                return self.statuses.pop(pid)
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.002)

    def shutdown(self) -> None:
        """The grader is gone: end every child still running and remove its scratch."""
        for pid in list(self.scratch):
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass
            self.wait(pid, 1.0)
        if self.root:
            os.rmdir(self.root)

    def reap(self) -> None:
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            scratch = self.scratch.pop(pid, None)
            if scratch is None:
                continue  # an orphan re-parented to us (we are a subreaper): just reaped
            self.statuses[pid] = status
            if scratch:
                shutil.rmtree(scratch, ignore_errors=True)
            inner = self.inner.pop(pid, None)
            if inner is not None:
                # The keeper is gone, so its learner's process is ours now (and its pid
                # still reserved): end it, in case it turned off its parent-death signal.
                try:
                    os.kill(inner, signal.SIGKILL)
                except ProcessLookupError:
                    pass


def _status(ended: os.waitid_result | None) -> int:
    """The wait status that ``waitid``'s answer describes."""
    if ended is None:
        return 70 << 8
    if ended.si_code == os.CLD_EXITED:
        return (ended.si_status & 0xFF) << 8
    return ended.si_status & 0x7F


def _fork(body: Callable[[], None]) -> int:
    """Fork; the new process runs ``body`` and ends without running any cleanup of ours."""
    pid = os.fork()
    if pid == 0:
        try:
            body()
        except BaseException:
            os._exit(70)
        os._exit(0)
    return pid


def preload(modules: list[str]) -> str:
    """Import ``modules`` (e.g. tensorflow, keras) before any fork, running no op: the
    children share the import's cost and memory, and stay fork-safe. Returns '' or, when
    one cannot be imported, why (the self-test reports it: grading must not start)."""
    if modules:
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # TensorFlow's later INFO and WARNING lines
    for name in modules:
        try:
            without_startup_noise(functools.partial(importlib.import_module, name))
        except BaseException as exc:  # whatever a broken install raises
            return (f"The course preloads {name!r} (pyproject.toml, preload = {modules!r}), but this Python cannot "
                    f"import it: {type(exc).__name__}: {exc}. Install it into {sys.prefix} "
                    f"({sys.executable} -m pip install ...) or remove it from preload.")
    return ""


def without_startup_noise(run: Callable[[], object]) -> None:
    """Call ``run`` with fd 2 caught in a file, then pass on all it wrote there but the
    lines of :data:`_STARTUP_NOISE`: whoever started autograde still sees everything else
    (a broken install's complaint, a Python warning), and learners' processes, forked
    later, write to their own output."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with tempfile.TemporaryFile() as caught:
            os.dup2(caught.fileno(), 2)
            try:
                run()
            finally:
                sys.stderr.flush()
                os.dup2(saved, 2)
                caught.seek(0)
                kept = [line for line in caught.read().splitlines(keepends=True) if not _STARTUP_NOISE.match(line)]
                with open(2, "wb", closefd=False) as stderr:
                    stderr.writelines(kept)
    finally:
        os.close(saved)


def module_folders() -> list[str]:
    """The folders of the top-level modules imported so far: where an editable install
    or a ``.pth`` hook keeps a package that no ``sys.path`` folder holds."""
    folders = []
    for name, module in list(sys.modules.items()):
        if "." in name:
            continue
        path = getattr(module, "__path__", None)
        if path is not None:
            folders += [str(p) for p in path]
        elif getattr(module, "__file__", None):
            folders.append(os.path.dirname(str(module.__file__)))
    return folders


def main(argv: list[str]) -> None:
    """``python -I -c ... FD PRELOAD ISOLATION IMPORTS [HIDDEN_PATH...]`` (see ``ForkServer``)

    ``PRELOAD`` is a comma-separated list of modules, or ``-`` for none; ``ISOLATION`` is
    ``auto`` (namespaces where the kernel allows them) or ``basic``; ``IMPORTS`` the
    grader's import folders as a JSON list (already this process's ``sys.path``).
    """
    die_with_parent()
    _prctl(PR_SET_CHILD_SUBREAPER, 1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the grader's to handle
    control = socket.socket(fileno=int(argv[0]))
    modules = [] if argv[1] == "-" else argv[1].split(",")
    failure = preload(modules)
    zygote = Zygote(control, argv[4:], argv[2], json.loads(argv[3]), modules, failure)
    zygote.serve()
    zygote.shutdown()
    os._exit(0)  # nothing left worth an interpreter teardown (tens of milliseconds with NumPy)
