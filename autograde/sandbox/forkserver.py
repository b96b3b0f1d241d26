"""The grader's side of the sandbox: start the fork server, and run one child per
exercise through a :class:`Child` handle."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from typing import Any

from autograde.errors import ChildDied, ChildTimeout, EnvironmentProblem, MessageTooLarge, ReplyTooLarge, SandboxFailure
from autograde.sandbox import protocol
from autograde.sandbox.limits import MiB, Limits

# What the fork server's environment keeps of ours: nothing secret crosses.
_ENV_KEEP = ("PATH", "LANG", "LC_ALL", "HOME", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
# -I: no user site, no PYTHON* variables, no current directory on sys.path; then the
# grader's own import folders, so the fork server imports what the grader does.
_LAUNCH = ("import json, sys; sys.path[:] = json.loads(sys.argv[4]); "
           "from autograde.sandbox.zygote import main; main(sys.argv[1:])")


def import_paths() -> list[str]:
    """The folders this interpreter imports from (its venv, user site, ``.pth`` entries,
    ``PYTHONPATH``), for the fork server and the sandbox to see. Not the script's folder
    or the working directory that Python puts first: a file there (a learner's
    ``numpy.py``) must never shadow a module the fork server imports."""
    paths = sys.path if sys.flags.safe_path else sys.path[1:]
    cwd = os.getcwd()
    return [p for p in dict.fromkeys(paths) if p and os.path.isabs(p) and p != cwd]


class ForkServer:
    """A running zygote process. Start it early: it imports NumPy while pytest starts."""

    def __init__(self, *, hidden_paths: tuple[str, ...] = (), preload: tuple[str, ...] = ()) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        env = {k: v for k, v in os.environ.items() if k in _ENV_KEEP}
        isolation = "basic" if os.environ.get("AUTOGRADE_SANDBOX") == "basic" else "auto"
        self.preload = preload
        self.process = subprocess.Popen(
            [sys.executable, "-I", "-c", _LAUNCH, str(theirs.fileno()),
             ",".join(preload) or "-", isolation, json.dumps(import_paths()), *hidden_paths],
            pass_fds=[theirs.fileno()],
            env=env,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        theirs.close()
        self.control = ours
        self.spawned = False
        self._isolation: str | None = None
        self._tested = False

    def _ask(self, request: dict[str, Any], fds: list[int] = ()) -> dict[str, Any]:  # type: ignore[assignment]
        data = json.dumps(request).encode()
        try:
            if fds:
                socket.send_fds(self.control, [data], list(fds))
            else:
                self.control.send(data)
            reply = self.control.recv(1 << 16)
        except OSError as exc:
            raise SandboxFailure(f"the sandbox's fork server stopped: {exc}") from None
        if not reply:
            raise SandboxFailure(f"the sandbox's fork server stopped (exit status {self.process.poll()})")
        return json.loads(reply)

    def spawn(self, child_socket: socket.socket, output_fd: int, limits: Limits) -> int:
        """Fork a sandboxed child serving on ``child_socket``; return its pid. Before the
        first, the start-up self-test: raises :class:`EnvironmentProblem` if it fails."""
        self.spawned = True
        if not self._tested:
            self.self_test(limits)
        return int(self._ask({"op": "spawn", "limits": limits.to_dict()}, [child_socket.fileno(), output_fd])["pid"])

    def wait(self, pid: int, timeout: float = 1.0) -> int | None:
        """The wait status of an ended child, or None if it has not ended in ``timeout``."""
        status = self._ask({"op": "wait", "pid": pid, "timeout": timeout})["status"]
        return None if status is None else int(status)

    def self_test(self, limits: Limits) -> None:
        """Have a sandboxed child (with ``limits``) import what the course needs; raise
        :class:`EnvironmentProblem`, for the person running autograde, if it cannot."""
        self.spawned = True
        problems = self._ask({"op": "selftest", "limits": limits.to_dict()})["problems"]
        if problems:
            raise EnvironmentProblem.found(sys.executable, self.preload, tuple(problems))
        self._tested = True

    def isolation(self) -> str:
        """'' when children run in kernel namespaces; else why they do not."""
        if self._isolation is None:
            reply = self._ask({"op": "isolation"})
            self._isolation = "" if reply["namespaces"] else str(reply["why"] or "unavailable")
        return self._isolation

    def close(self) -> None:
        """Stop the fork server (its children die with it: they have a parent-death signal)."""
        self.control.close()
        if not self.spawned:  # nothing to clean up: don't wait for an import still running
            self.process.kill()
        try:
            self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class ServerPool:
    """One fork server per set of preloaded modules (plain NumPy; TensorFlow and Keras),
    each started on first use."""

    def __init__(self, *, hidden_paths: tuple[str, ...] = ()) -> None:
        self.hidden_paths = hidden_paths
        self.servers: dict[tuple[str, ...], ForkServer] = {}

    def get(self, preload: tuple[str, ...] = ()) -> ForkServer:
        """The server that has ``preload`` imported, started on first use."""
        if preload not in self.servers:
            self.servers[preload] = ForkServer(hidden_paths=self.hidden_paths, preload=preload)
        return self.servers[preload]

    def isolation(self) -> str:
        """'' when children run in kernel namespaces; else why they do not (asked of a
        server already started, so that asking starts none needlessly)."""
        started = next(iter(self.servers.values()), None)
        return (started or self.get()).isolation()

    def close(self) -> None:
        """Stop every server."""
        for server in self.servers.values():
            server.close()
        self.servers.clear()


class Child:
    """One sandboxed learner process: a socket to it and the memfd its output goes to."""

    OUTPUT_CAP = 1 << 16  # bytes of output kept per read

    def __init__(self, server: ForkServer, limits: Limits) -> None:
        self.server = server
        self.limits = limits
        ours, theirs = socket.socketpair()
        self.output_fd = os.memfd_create("autograde-output")
        self.pid = server.spawn(theirs, self.output_fd, limits)
        theirs.close()
        self.sock = ours
        self.output_offset = 0
        self.alive = True

    def request(self, message: dict[str, Any], deadline: float) -> dict[str, Any]:
        """Send ``message`` and return the reply, or raise ChildTimeout / ChildDied / ReplyTooLarge."""
        try:
            protocol.send(self.sock, message)
            return protocol.receive(self.sock, limit=self.limits.result_mb * MiB, deadline=deadline)  # type: ignore[no-any-return]
        except TimeoutError:
            self.kill()
            raise ChildTimeout from None
        except MessageTooLarge as exc:
            self.kill()
            raise ReplyTooLarge(exc.size, exc.limit) from None
        except (EOFError, ConnectionError, protocol.ProtocolError) as exc:
            reason = self._end_reason()
            if isinstance(exc, protocol.ProtocolError) and reason.startswith("the process"):
                reason = f"it sent data the grader cannot read ({exc})"
            raise ChildDied(reason) from None

    def read_output(self) -> str:
        """Output written since the last read, at most ``OUTPUT_CAP`` bytes of it."""
        size = os.fstat(self.output_fd).st_size
        if size <= self.output_offset:
            return ""
        data = os.pread(self.output_fd, min(size - self.output_offset, self.OUTPUT_CAP), self.output_offset)
        skipped = size - self.output_offset - len(data)
        self.output_offset = size
        text = data.decode("utf-8", errors="replace")
        return text + (f"\n... ({skipped} more bytes of output not shown)\n" if skipped else "")

    def kill(self) -> None:
        """Kill the child and everything in its process group; safe to call twice."""
        if not self.alive:
            return
        self.alive = False
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except ProcessLookupError:  # no group yet: killed before its setsid() ran
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        except PermissionError:
            pass
        self.server.wait(self.pid, timeout=1.0)

    def close(self) -> None:
        """End the child and release its descriptors."""
        self.kill()
        self.sock.close()
        os.close(self.output_fd)

    def _end_reason(self) -> str:
        self.alive = False
        status = self.server.wait(self.pid, timeout=1.0)
        try:
            os.killpg(self.pid, signal.SIGKILL)  # whatever it left behind
        except (ProcessLookupError, PermissionError):
            pass
        return describe_status(status)


def describe_status(status: int | None) -> str:
    """A learner-facing sentence for how a process ended."""
    if status is None:
        return "the process stopped answering"
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        meanings: dict[int, str] = {
            signal.SIGSEGV: "a segmentation fault: memory was accessed wrongly, e.g. through ctypes",
            signal.SIGKILL: "it was killed, usually for using too much memory or CPU time",
            signal.SIGXCPU: "it used up its CPU time limit",
            signal.SIGABRT: "it aborted",
            signal.SIGFPE: "a floating-point exception",
            signal.SIGBUS: "a bus error",
        }
        meaning = meanings.get(sig, "a signal")
        return f"the process was ended by signal {signal.Signals(sig).name} ({meaning})"
    code = os.WEXITSTATUS(status)
    return f"the process exited with status {code} (os._exit or a crash in native code)"
