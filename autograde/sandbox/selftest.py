"""The fork server's start-up self-test: can learner code import what the course needs?

Before a fork server's first child, it forks one more, sandboxed exactly like a learner's,
that reads every import folder it should see, reads the files of NumPy and of the
preloaded modules, and imports a module that nothing imported before the sandbox started
(``probe``, run in that child). What fails there would fail for every learner, through
no fault of theirs: :func:`explain` turns it into sentences for the person running
autograde, and the grader stops before grading anything (``errors.EnvironmentProblem``).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import pkgutil
import socket
import stat
import sys

from autograde.sandbox import protocol
from autograde.sandbox.isolation import View

# NumPy submodules that NumPy's own import does not load, cheapest first: one of them is
# the probe's proof that a module can still be imported from disk inside the sandbox. A
# preload such as TensorFlow imports most of them, hence the long list; the last two are
# what TensorFlow leaves (an empty test package, and matlib).
_FRESH = ("numpy.typing", "numpy.polynomial", "numpy.fft", "numpy.ma", "numpy.ctypeslib", "numpy.rec",
          "numpy.strings", "numpy.char", "numpy.exceptions", "numpy.dtypes", "numpy.version", "numpy.tests",
          "numpy.matlib")
# Submodules whose import needs what a plain installation lacks: numpy.conftest imports
# hypothesis (a test dependency), numpy.distutils and numpy.f2py build tools. Probing one
# of them would blame the sandbox for a missing optional package.
_NOT_PLAIN = ("numpy.conftest", "numpy.distutils", "numpy.f2py")


def fresh_module() -> str:
    """A module of the installation that this process has not imported and that imports
    with NumPy alone ('' if none)."""
    import numpy

    names = [f"numpy.{m.name}" for m in pkgutil.iter_modules(numpy.__path__) if not m.name.startswith("_")]
    for name in (*_FRESH, *sorted(names)):
        if name not in sys.modules and name not in _NOT_PLAIN and importlib.util.find_spec(name) is not None:
            return name
    return ""


def checks(view: View, preload: list[str]) -> dict[str, object]:
    """What the probe is asked to try: the folders, the modules' files, a fresh import."""
    files = {name: getattr(sys.modules.get(name), "__file__", None) for name in ("numpy", *preload)}
    return {"folders": list(view.imports), "files": {k: v for k, v in files.items() if v},
            "fresh": fresh_module()}


def probe(sock: socket.socket) -> None:
    """In the sandboxed test child: try each check, send back what failed."""
    request = protocol.receive(sock, limit=1 << 20)
    failed: list[dict[str, str]] = []
    for folder in request["folders"]:
        try:
            os.listdir(folder)
        except OSError as exc:
            failed.append({"kind": "folder", "name": folder, "path": folder, "error": _error(exc)})
    for name, path in request["files"].items():
        try:
            with open(path, "rb") as f:
                f.read(1)
        except OSError as exc:
            failed.append({"kind": "module", "name": name, "path": path, "error": _error(exc)})
    if request["fresh"]:
        try:
            importlib.import_module(request["fresh"])
        except BaseException as exc:  # whatever importing raises, it is the finding
            failed.append({"kind": "module", "name": request["fresh"], "path": "", "error": _error(exc)})
    protocol.send(sock, {"failed": failed})


def _error(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def explain(failed: list[dict[str, str]], view: View, hidden: list[str]) -> list[str]:
    """The probe's findings as sentences for the operator: what could not be read or
    imported, where it lives, why the sandbox hides it, what to do (said once for
    findings with the same cause)."""
    causes: dict[str, list[str]] = {}
    for finding in failed:
        name, path, error = finding["name"], finding["path"], finding["error"]
        if not path and finding["kind"] == "module":
            path = _find(name)
        what = f"the folder {path}" if finding["kind"] == "folder" else name + (f" ({path})" if path else "")
        causes.setdefault(_why(path, view, hidden), []).append(f"{what}: {error}")
    return [f"Inside the sandbox, learner code cannot read or import {'; '.join(whats)}. {why}"
            for why, whats in causes.items()]


def _find(name: str) -> str:
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return ""
    return str(spec.origin) if spec is not None and spec.origin else ""


def _why(path: str, view: View, hidden: list[str]) -> str:
    if not path:
        return ("Where it lives could not be found; check that this Python imports it outside autograde "
                "(python -c 'import NAME').")
    for folder, why in view.refused:
        if path == folder or path.startswith(folder.rstrip("/") + "/"):
            return (f"It lives in {folder}, which the sandbox does not show learner code: {why}. "
                    "Install Python and the course's packages in a folder of their own (a virtual environment "
                    "anywhere but the course's graders, solutions or the host's root).")
    locked = _unreadable(path, view)
    if locked:
        mode = stat.S_IMODE(os.stat(locked).st_mode)
        return (f"{locked} (mode {mode:o}) cannot be read by other users, and learner code runs as an "
                f"unprivileged user. Make the installation readable, e.g. `chmod -R a+rX {locked}`, or install "
                "Python where other users can read it.")
    for h in hidden:
        if path.startswith(h.rstrip("/") + "/"):
            return (f"It lies inside {h}, which learners must not see, outside the folders Python imports from; "
                    "install it into the environment instead (python -m pip install ...).")
    return (f"It lives in {path}, which the sandbox does not show. This is autograde's problem, not the learner's: "
            "please report it with this message.")


def _unreadable(path: str, view: View) -> str:
    """The outermost folder on the way to ``path`` (or ``path``) that other users cannot
    enter or read. The way starts at the bound folder that shows it: the folders above a
    bind are the sandbox's own, open to all."""
    bound = max((p for kind, p in view.mounts if kind == "bind" and (path == p or path.startswith(p + "/"))),
                key=len, default="")
    if not bound:
        return ""
    parts = path.split("/")
    for end in range(bound.count("/") + 1, len(parts) + 1):
        here = "/".join(parts[:end])
        try:
            mode = os.stat(here).st_mode
        except OSError:
            return ""
        need = (stat.S_IROTH | stat.S_IXOTH) if stat.S_ISDIR(mode) else stat.S_IROTH
        if mode & need != need:
            return here
    return ""
