"""What ``autograde ci`` asks of git: the repository a course is in, a commit, the files
changed since it, and that commit's files. Everything goes through the ``git`` command
(CI machines have it); its failures become :class:`ConfigError` naming the remedy.
"""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
from pathlib import Path

from autograde.errors import ConfigError


# Pushed refs/replace/* could make the base commit's files read as others: git obeys none.
_ENVIRONMENT = {"GIT_NO_REPLACE_OBJECTS": "1", "GIT_TERMINAL_PROMPT": "0"}


def _run(repo: Path, *args: str, what: str) -> subprocess.CompletedProcess[bytes]:
    """``git args`` run in ``repo``, whatever its exit status. ``what`` says what was wanted."""
    try:
        return subprocess.run(["git", *args], cwd=repo, capture_output=True, check=False,
                              env={**os.environ, **_ENVIRONMENT})
    except FileNotFoundError:
        raise ConfigError(f"cannot {what}: the git command is not installed; install git "
                          "(only autograde ci without --base works without it)") from None


def _git(repo: Path, *args: str, what: str) -> bytes:
    """``git args`` run in ``repo``; its standard output. ``what`` says what was wanted."""
    done = _run(repo, *args, what=what)
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ConfigError(f"cannot {what}: git {args[0]} said: {said[-1] if said else 'nothing'}")
    return done.stdout


def toplevel(folder: Path) -> Path:
    """The root of the git working tree that holds ``folder``."""
    try:
        out = _git(folder, "rev-parse", "--show-toplevel", what=f"find the git repository of {folder}")
    except ConfigError as exc:
        raise ConfigError(f"{exc}. --base compares commits, so the course must be a git repository") from None
    return Path(out.decode().strip()).resolve()


def commit(repo: Path, ref: str) -> str:
    """The full hash of the commit ``ref`` names."""
    if ref.startswith("-"):  # never an option to git
        raise ConfigError(f"--base {ref!r} is not a commit: give a branch, tag or commit hash")
    found = find_commit(repo, ref)
    if found is None:
        raise ConfigError(
            f"--base {ref!r} is not a commit in {repo}. In CI, fetch the whole history so the base is there "
            "(GitHub: actions/checkout with fetch-depth: 0; GitLab: GIT_DEPTH: 0)")
    return found


def find_commit(repo: Path, ref: str) -> str | None:
    """The full hash of the commit ``ref`` names, or None when it names none."""
    done = _run(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}",
                what=f"find the commit {ref!r}")
    return done.stdout.decode().strip() if done.returncode == 0 else None


def set_ref(repo: Path, ref: str, commit: str) -> None:
    """Point the full ref name ``ref`` (``refs/tags/...``) at ``commit``, made or moved."""
    _git(repo, "update-ref", "-m", "autograde publish", ref, commit, what=f"set {ref}")


def merge_base(repo: Path, base: str) -> str:
    """Where the working tree's history left ``base``: changes since then are the
    learner's, while later commits on the base (an instructor's fix) are not. ``base``
    itself when the histories share nothing (every file then counts as changed)."""
    done = _run(repo, "merge-base", base, "HEAD", what="find where the histories part")
    return done.stdout.decode().strip() if done.returncode == 0 and done.stdout.strip() else base


def changed_files(repo: Path, since: str) -> tuple[str, ...]:
    """Paths (relative to ``repo``, with ``/``) that differ between commit ``since`` and the
    working tree: committed, staged or not, deleted, renamed (both names) or untracked."""
    diff = _git(repo, "-c", "core.quotepath=off", "diff", "--name-only", "--no-renames", "--no-ext-diff",
                "--no-textconv", "-z", since, "--",
                what=f"compare the working tree with {since}")
    untracked = _git(repo, "ls-files", "--others", "--exclude-standard", "-z",
                     what="list the untracked files")
    names = (diff + untracked).decode("utf-8", "surrogateescape").split("\0")
    return tuple(sorted({name for name in names if name}))


def export(repo: Path, ref: str, dest: Path) -> None:
    """Write the files of commit ``ref`` into the folder ``dest`` (``git archive``: the
    commit's own attributes apply, never the working tree's)."""
    archive = _git(repo, "archive", "--format=tar", ref, what=f"read the files of {ref}")
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")  # no absolute paths, no links out of dest
