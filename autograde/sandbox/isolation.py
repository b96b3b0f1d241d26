"""Kernel namespaces around a learner's child: what it can see, reach and be.

Runs inside the fork server (``zygote.py``), which forks, for each child, a small
*keeper* process in the host's PID namespace; the keeper unshares new mount, network,
IPC, UTS and PID namespaces and forks the learner's process, PID 1 of the new PID
namespace. Before any learner code runs, that process (still root, with a private mount
table) builds its root file system and gives up its privileges:

1. every mount made private, so nothing it mounts is seen outside;
2. a fresh tmpfs becomes its root, holding read-only binds of ``/usr`` (and the
   merged-``/usr`` symlinks), a few files of ``/etc``, and the Python installation (the
   prefix and the ``sys.path`` folders of the environment); nothing else of the host's
   files exists there: no course, no graders or solutions, no gradebook, no other
   submission, no ``/home`` or ``/root``;
3. ``/dev`` with only ``null``, ``zero``, ``random``, ``urandom``; a fresh ``/proc`` that
   shows only the namespace's own processes; ``/tmp`` a size-capped tmpfs: the scratch
   directory, and the only writable place;
4. ``pivot_root`` into it and the old root detached, so no path leads back to the host
   (not even with a ``chroot`` escape);
5. ``no_new_privs``, no supplementary groups, and a uid/gid of its own (one per child,
   so process limits count only its own processes), which drops every capability.

The network namespace has only a loopback interface that is down: no connection to the
grader's machine or anywhere else. When PID 1 ends, the kernel kills every process left
in the namespace: nothing a learner starts outlives its child.

Where namespaces cannot be made (a container without ``CAP_SYS_ADMIN``, a kernel that
forbids them), :func:`probe` says why and the fork server falls back to rlimits, a clean
environment and a scratch directory, and says so (``docs/security.md``).
"""

from __future__ import annotations

import ctypes
import os
import sys
from dataclasses import dataclass

CLONE_NEWNS = 0x00020000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
NAMESPACES = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID | CLONE_NEWNET

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
MNT_DETACH = 2
PR_SET_NO_NEW_PRIVS = 38
PR_SET_DUMPABLE = 4

UID_BASE, UID_SPAN = 200_000, 50_000  # unprivileged ids, one per child (no passwd entry needed)
TMP_MB = 256  # the scratch tmpfs; files are further capped by RLIMIT_FSIZE
ETC_FILES = ("/etc/ld.so.cache", "/etc/localtime", "/etc/passwd", "/etc/group", "/etc/nsswitch.conf",
             "/etc/hosts", "/etc/host.conf", "/etc/resolv.conf")
DEVICES = ("null", "zero", "random", "urandom")

_libc = ctypes.CDLL(None, use_errno=True)


def _ok(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def _bytes(value: str | None) -> bytes | None:
    return None if value is None else os.fsencode(value)


def unshare(flags: int) -> None:
    _ok(_libc.unshare(flags), "unshare")


def mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    _ok(_libc.mount(_bytes(source), _bytes(target), _bytes(fstype), ctypes.c_ulong(flags), _bytes(data)),
        f"mount {target}")


def probe() -> str:
    """'' when this process may make the namespaces a child needs, else why not. Forks
    a throw-away process to try, so this process's own namespaces stay as they are."""
    if sys.platform != "linux":
        return f"kernel namespaces are Linux's; this is {sys.platform}"
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            unshare(NAMESPACES)
            mount(None, "/", None, MS_REC | MS_PRIVATE)
            os.write(write, b"")
        except OSError as exc:
            os.write(write, str(exc).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        why = pipe.read().decode()
    os.waitpid(pid, 0)
    return why


def unavailable(mode: str) -> str:
    """'' when children get kernel namespaces in isolation ``mode`` (``auto`` or
    ``basic``), else why they do not."""
    return "namespaces were turned off (AUTOGRADE_SANDBOX=basic)" if mode == "basic" else probe()


def fallback_warning(why: str) -> str:
    """The one warning for learner code running without kernel namespaces (``why``)."""
    return (f"warning: the sandbox runs without kernel namespaces here ({why}); learner code is limited but can "
            "read files and use the network: see docs/security.md")


def child_id(keeper_pid: int) -> int:
    """The uid (and gid) of the child kept by ``keeper_pid``: distinct among live children."""
    return UID_BASE + keeper_pid % UID_SPAN


@dataclass(frozen=True)
class View:
    """What a child's root shows of the host: ``mounts`` in the order they are made, each
    ``(kind, path)``: ``bind`` (the host folder or file, read-only), ``hide`` (an empty
    read-only tmpfs over a hidden folder that a bind would show) or ``tmp`` (the child's
    writable scratch). ``imports`` are the folders Python imports from that it shows."""

    mounts: tuple[tuple[str, str], ...]
    imports: tuple[str, ...]
    refused: tuple[tuple[str, str], ...] = ()  # import folders it does not show, with why

    def shows(self, path: str) -> bool:
        """Whether ``path`` is visible in the child: the deepest mount above it is a bind."""
        deepest = _deepest(self.mounts, path)
        return deepest is not None and deepest[0] == "bind"


def plan(hidden: list[str], imports: list[str]) -> View:
    """The child's view: the system, every folder of the Python installation and of
    ``imports`` (the grader's ``sys.path`` and the folders of the modules it imported,
    wherever they live: a venv under ``/tmp`` or inside the course, an editable install,
    a user site), and never a ``hidden`` folder. Hidden paths win: a folder Python needs
    below a hidden one is bound on top of the hiding tmpfs, the hidden folder itself
    never; a hidden folder inside a visible tree is covered by an empty tmpfs. Mounts are
    made parents first, so each lands where the one before it left off."""
    hidden = sorted({os.path.normpath(h) for h in hidden})
    wanted = {sys.base_prefix, sys.prefix, sys.exec_prefix, sys.base_exec_prefix}
    wanted |= {p for p in imports if p and os.path.isabs(p) and os.path.isdir(p)}
    refused: list[tuple[str, str]] = []
    binds = ["/usr", *(p for p in ETC_FILES if os.path.exists(p))]
    for path in sorted(os.path.normpath(p) for p in wanted):
        why = _refusal(path, hidden)
        if why:
            refused.append((path, why))
        else:
            binds.append(path)
    ops = [("bind", p) for p in binds] + [("hide", h) for h in hidden] + [("tmp", "/tmp")]
    ops.sort(key=lambda op: (op[1].rstrip("/").count("/"), op[1]))
    mounts: list[tuple[str, str]] = []
    for kind, path in ops:
        above = _deepest(mounts, path)
        if kind == "bind" and above is not None and above[0] == "bind":
            continue  # already visible through a folder above it
        if kind == "hide" and (above is None or above[0] != "bind"):
            continue  # not visible anyway
        mounts.append((kind, path))
    view = View(tuple(mounts), (), tuple(refused))
    return View(view.mounts, tuple(p for p in sorted(wanted) if view.shows(os.path.normpath(p))), view.refused)


def _refusal(path: str, hidden: list[str]) -> str:
    """Why the import folder ``path`` is not shown ('' when it is)."""
    real = os.path.realpath(path)  # what a bind shows: the kernel follows links in its source
    for where in (path, real):
        if where == "/" or any(where == p or where.startswith(p + "/") for p in ("/proc", "/sys", "/dev")):
            return "it would show the whole host, or a system folder the sandbox makes itself"
    for h in hidden:
        if path == h or real == os.path.realpath(h):
            return f"it is a folder the learner must not see ({h})"
        if real != path and os.path.realpath(h).startswith(real.rstrip("/") + "/"):
            # Under the link's name, the tmpfs that hides ``h`` would not cover it.
            return f"it leads, through a symbolic link, to {real}, which holds a folder the learner must not see ({h})"
    return ""


def _deepest(mounts: list[tuple[str, str]] | tuple[tuple[str, str], ...], path: str) -> tuple[str, str] | None:
    """The deepest mount at or above ``path``."""
    found = None
    for kind, where in mounts:
        if path == where or path.startswith(where.rstrip("/") + "/"):
            if found is None or len(where) > len(found[1]):
                found = (kind, where)
    return found


def enter(root: str, view: View, tmp_mb: int = TMP_MB) -> None:
    """Build the child's root at the empty folder ``root`` and move into it. Called by
    the init of the child's new namespaces (still root)."""
    mount(None, "/", None, MS_REC | MS_PRIVATE)
    mount("tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, "size=4m,mode=755")
    hides = []
    for kind, path in view.mounts:
        if kind == "bind":
            _bind(path, root + path)
        elif kind == "hide":  # writable until the binds below it have their mount points
            os.makedirs(root + path, exist_ok=True)
            mount("tmpfs", root + path, "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=755")
            hides.append(root + path)
        else:
            os.makedirs(root + path, exist_ok=True)
            mount("tmpfs", root + path, "tmpfs", MS_NOSUID | MS_NODEV, f"size={tmp_mb}m,mode=1777")
    for target in hides:
        mount(None, target, None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)
    for name in ("bin", "lib", "lib32", "lib64", "sbin"):  # merged /usr: these are symlinks
        if os.path.islink("/" + name):
            os.symlink(os.readlink("/" + name), f"{root}/{name}")
    os.makedirs(f"{root}/dev", exist_ok=True)
    for name in DEVICES:
        open(f"{root}/dev/{name}", "wb").close()
        mount(f"/dev/{name}", f"{root}/dev/{name}", None, MS_BIND)
    os.makedirs(f"{root}/dev/shm", exist_ok=True)
    mount("tmpfs", f"{root}/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, "size=16m,mode=1777")
    os.makedirs(f"{root}/proc", exist_ok=True)
    mount("proc", f"{root}/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    os.chdir(root)
    _ok(_libc.pivot_root(b".", b"."), "pivot_root")  # the old root is now stacked under "."
    _ok(_libc.umount2(b".", MNT_DETACH), "detach the old root")
    os.chdir("/")
    mount(None, "/", None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)
    os.chdir("/tmp")


def drop_privileges(uid: int) -> None:
    """Become ``uid`` (and gid), with no groups and no way to gain privileges again.
    Called in the learner's process, forked by init, before any learner code runs."""
    _ok(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)  # from root to an ordinary uid: every capability is gone
    # The change of uid made the process undumpable, which makes its own /proc/self
    # root's; it may read itself (core dumps stay off: RLIMIT_CORE is 0).
    _ok(_libc.prctl(PR_SET_DUMPABLE, 1, 0, 0, 0), "dumpable")


def _bind(source: str, target: str) -> None:
    """Bind ``source`` read-only at ``target`` (a folder or a file)."""
    if os.path.isdir(source):
        os.makedirs(target, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        open(target, "wb").close()
    mount(source, target, None, MS_BIND | MS_REC)
    mount(None, target, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)
