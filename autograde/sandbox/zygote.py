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
import json
import shutil
import signal
import socket
import sys
import tempfile
import time

import numpy  # noqa: F401  (preloaded: the reason this process exists)

from autograde.sandbox import child, limits

PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36
_libc = ctypes.CDLL(None, use_errno=True)


def _prctl(option: int, value: int) -> None:
    _libc.prctl(option, value, 0, 0, 0)


def die_with_parent() -> None:
    """Have the kernel kill this process when its parent dies (even by ``kill -9``)."""
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


class Zygote:
    """Forks children and reaps them; keeps their exit statuses until asked."""

    def __init__(self, control: socket.socket, hidden_paths: list[str]) -> None:
        self.control = control
        self.hidden_paths = hidden_paths
        self.scratch: dict[int, str] = {}
        self.statuses: dict[int, int] = {}

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
            else:
                reply = {"error": f"unknown op {request['op']!r}"}
            for fd in fds:
                os.close(fd)
            self.control.send(json.dumps(reply).encode())

    def spawn(self, fds: list[int], child_limits: dict) -> int:
        sock_fd, out_fd = fds
        scratch = tempfile.mkdtemp(prefix="autograde-child-")
        pid = os.fork()
        if pid == 0:
            try:
                self.become_child(sock_fd, out_fd, child_limits, scratch)
            except BaseException:
                os._exit(70)
            os._exit(0)
        self.scratch[pid] = scratch
        return pid

    def become_child(self, sock_fd: int, out_fd: int, child_limits: dict, scratch: str) -> None:
        os.setsid()  # its own process group: the grader kills the whole group
        die_with_parent()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(out_fd, 1)
        os.dup2(out_fd, 2)
        os.dup2(sock_fd, 3)
        os.closerange(4, 1 << 16)
        sock = socket.socket(fileno=3)
        os.chdir(scratch)
        os.environ.clear()
        os.environ.update(
            PATH="/usr/local/bin:/usr/bin:/bin", HOME=scratch, TMPDIR=scratch, LANG="C.UTF-8",
            OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1",
        )
        sys.path[:] = [p for p in sys.path if p and not any(p.startswith(h) for h in self.hidden_paths)]
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of death on big files
        limits.apply(child_limits)
        sys.stdout = open(1, "w", encoding="utf-8", errors="replace", closefd=False)
        sys.stderr = open(2, "w", encoding="utf-8", errors="replace", closefd=False)
        child.main(sock)
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
        for pid, scratch in list(self.scratch.items()):
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass
            self.wait(pid, 1.0)
            shutil.rmtree(scratch, ignore_errors=True)

    def reap(self) -> None:
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            scratch = self.scratch.pop(pid, None)
            if scratch is not None:
                # Only the children we spawned have a status worth keeping; orphans
                # re-parented to us (we are a subreaper) are just reaped.
                self.statuses[pid] = status
                shutil.rmtree(scratch, ignore_errors=True)


def preload(modules: list[str]) -> None:
    """Import ``modules`` (e.g. tensorflow, keras) before any fork, running no op: the
    children share the import's cost and memory, and stay fork-safe."""
    if modules:
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # TensorFlow's start-up chatter
    for name in modules:
        __import__(name)


def main() -> None:
    """``python -I -m autograde.sandbox.zygote FD PRELOAD [HIDDEN_PATH...]``

    ``PRELOAD`` is a comma-separated list of modules, or ``-`` for none.
    """
    die_with_parent()
    _prctl(PR_SET_CHILD_SUBREAPER, 1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the grader's to handle
    control = socket.socket(fileno=int(sys.argv[1]))
    preload([] if sys.argv[2] == "-" else sys.argv[2].split(","))
    zygote = Zygote(control, sys.argv[3:])
    zygote.serve()
    zygote.shutdown()
    os._exit(0)  # nothing left worth an interpreter teardown (tens of milliseconds with NumPy)


if __name__ == "__main__":
    main()
