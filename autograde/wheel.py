"""The running autograde as a wheel: what a course repository and a student bundle install.

On the public package index the name ``autograde`` belongs to an unrelated project, so a
workflow or a learner must never install autograde by a bare index name. Instead
``autograde release`` and ``autograde init-ci`` put a wheel of the autograde that runs them
into the course's ``vendor/`` folder, and the workflow installs that file by its path
(pip then takes the project from the file and asks no index for it). The wheel is built
here, offline, from the installed package's own files: a zip of the ``autograde`` package
with ``DIST.dist-info/`` holding ``METADATA`` (the same requirements and extras as
``pyproject.toml``), ``WHEEL``, ``entry_points.txt`` (the ``autograde`` command) and
``RECORD`` (each file's sha256). It is byte for byte the same for the same autograde, so
writing it again changes nothing in a repository. The design is in ``docs/ci.md``.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import re
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

import autograde
from autograde.config import Course
from autograde.errors import ConfigError

# Our distribution's name on package indexes (checked free on PyPI: docs/ci.md). The
# command and the import package are `autograde`.
DISTRIBUTION = "autograde-dl"
# Where a course repository or a student bundle keeps the wheel, relative to its root.
VENDOR = "vendor"
# Exercises that preload these need the `keras` extra (TensorFlow).
KERAS_MODULES = frozenset({"tensorflow", "keras"})

_PACKAGE = Path(autograde.__file__).resolve().parent
_SCRIPT = "autograde = autograde.cli:main"
_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: the same files give the same wheel


@dataclass(frozen=True)
class Metadata:
    """What a wheel's ``METADATA`` says of its distribution."""

    name: str
    version: str
    summary: str = ""
    requires_python: str = ""
    requires: tuple[str, ...] = ()  # Requires-Dist lines, extras' with their `extra == "x"` marker
    extras: tuple[str, ...] = ()


def normalized(name: str) -> str:
    """A distribution name as indexes compare them (PEP 503): ``Autograde_DL`` is ``autograde-dl``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def filename(name: str = DISTRIBUTION, version: str = autograde.__version__) -> str:
    """The wheel's file name: ``autograde_dl-0.1.0-py3-none-any.whl``."""
    return f"{normalized(name).replace('-', '_')}-{version}-py3-none-any.whl"


def is_own_source(folder: Path) -> bool:
    """Whether ``folder`` is autograde's own source: its ``pyproject.toml`` names our distribution."""
    try:
        project = tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8")).get("project", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return isinstance(project, dict) and normalized(str(project.get("name", ""))) == DISTRIBUTION


def extras(course: Course) -> tuple[str, ...]:
    """The extras ``course`` needs: ``keras`` when an exercise preloads TensorFlow or Keras."""
    keras = any(KERAS_MODULES & set(course.for_exercise(e).preload) for e in course.exercises)
    return ("keras",) if keras else ()


def requirement(path: str, wanted: tuple[str, ...] = ()) -> str:
    """What pip is given to install the wheel or source folder at ``path`` with the ``wanted`` extras."""
    return f"{path}[{','.join(wanted)}]" if wanted else path


def metadata() -> Metadata:
    """The running autograde's metadata: from ``pyproject.toml`` when it runs from its source
    (an editable install), else from its installed distribution's."""
    if is_own_source(_PACKAGE.parent):
        project = tomllib.loads((_PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))["project"]
        optional: dict[str, list[str]] = project.get("optional-dependencies", {})
        return Metadata(
            name=DISTRIBUTION, version=autograde.__version__, summary=project.get("description", ""),
            requires_python=project.get("requires-python", ""),
            requires=(*project.get("dependencies", ()),
                      *(_for_extra(r, extra) for extra, listed in optional.items() for r in listed)),
            extras=tuple(optional))
    try:
        found = importlib.metadata.distribution(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        raise ConfigError(f"cannot write autograde's wheel: this autograde ({_PACKAGE}) is neither its source "
                          f"nor an installed {DISTRIBUTION} distribution; install it with pip, or give the "
                          "workflow what to install with --install.") from None
    summary, python = ((found.metadata.get_all(key) or [""])[0] for key in ("Summary", "Requires-Python"))
    return Metadata(name=DISTRIBUTION, version=autograde.__version__, summary=summary, requires_python=python,
                    requires=tuple(found.requires or ()), extras=tuple(found.metadata.get_all("Provides-Extra") or ()))


def _for_extra(requirement: str, extra: str) -> str:
    """A requirement of ``extra`` as a Requires-Dist line: its marker and the extra's, both."""
    spec, _, marker = requirement.partition(";")
    condition = f'({marker.strip()}) and extra == "{extra}"' if marker.strip() else f'extra == "{extra}"'
    return f"{spec.strip()}; {condition}"


def build(folder: Path) -> Path:
    """Write the running autograde as a wheel into ``folder``; return its path."""
    files = {f"autograde/{path.relative_to(_PACKAGE).as_posix()}": path.read_bytes()
             for path in sorted(_PACKAGE.rglob("*"))
             if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"}
    return write_wheel(folder, metadata(), files, scripts=(_SCRIPT,))


def write_wheel(folder: Path, meta: Metadata, files: Mapping[str, bytes], *, scripts: tuple[str, ...] = ()) -> Path:
    """Write a pure-Python wheel of ``meta``'s distribution holding ``files`` (paths with
    ``/`` inside the wheel) and the console ``scripts`` (``name = module:function``)."""
    info = f"{normalized(meta.name).replace('-', '_')}-{meta.version}.dist-info"
    headers = [("Metadata-Version", "2.1"), ("Name", meta.name), ("Version", meta.version),
               *([("Summary", meta.summary)] if meta.summary else []),
               *([("Requires-Python", meta.requires_python)] if meta.requires_python else []),
               *(("Provides-Extra", extra) for extra in meta.extras),
               *(("Requires-Dist", line) for line in meta.requires)]
    members = {
        **files,
        f"{info}/METADATA": "".join(f"{key}: {value}\n" for key, value in headers).encode(),
        f"{info}/WHEEL": (f"Wheel-Version: 1.0\nGenerator: autograde {autograde.__version__}\n"
                          "Root-Is-Purelib: true\nTag: py3-none-any\n").encode(),
        **({f"{info}/entry_points.txt": ("[console_scripts]\n" + "".join(f"{s}\n" for s in scripts)).encode()}
           if scripts else {}),
        f"{info}/top_level.txt": "".join(f"{top}\n" for top in sorted({p.split("/")[0] for p in files})).encode(),
    }
    record = "".join(f"{path},sha256={_digest(data)},{len(data)}\n" for path, data in members.items())
    members[f"{info}/RECORD"] = (record + f"{info}/RECORD,,\n").encode()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / filename(meta.name, meta.version)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as wheel:
        for name, data in members.items():
            entry = zipfile.ZipInfo(name, _DATE)
            entry.external_attr = 0o644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            wheel.writestr(entry, data)
    return path


def _digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def find_vendored(root: Path) -> Path | None:
    """The autograde wheel in ``root/vendor/`` (a release put it in the bundle), or None."""
    found = sorted((root / VENDOR).glob(f"{normalized(DISTRIBUTION).replace('-', '_')}-*.whl"))
    if len(found) > 1:
        raise ConfigError(f"{root / VENDOR} holds several autograde wheels ({', '.join(p.name for p in found)}): "
                          "keep the one the course should install and remove the others.")
    return found[0] if found else None


def course_install(root: Path, wanted: tuple[str, ...] = ()) -> tuple[str, Path | None]:
    """What installs autograde for the course repository at ``root``, with the ``wanted``
    extras, and the wheel that must be written for it (None when there is none to write):
    ``.`` in autograde's own source, else the wheel in ``vendor/``, the running autograde's
    when there is none yet. Paths are relative to ``root``, where CI runs the install."""
    if is_own_source(root):
        return requirement(".", wanted), None
    there = find_vendored(root)
    path = there or root / VENDOR / filename()
    return requirement(f"./{path.relative_to(root).as_posix()}", wanted), None if there else path


def dependencies(meta: Metadata, wanted: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The requirements of ``meta``'s distribution installed with the ``wanted`` extras,
    without their markers: what must be there for an offline install."""
    found = []
    for line in meta.requires:
        spec, _, marker = line.partition(";")
        extra = re.search(r"""extra\s*==\s*["']([^"']+)["']""", marker)
        if extra is None or extra.group(1) in wanted:
            found.append(spec.strip())
    return tuple(dict.fromkeys(found))
