"""What every command shares: the exit codes, the decorator that owns the console and
turns errors into exit codes, and the option types that check a value where it is parsed."""

from __future__ import annotations

import functools
import os
import sys
import traceback
from enum import IntEnum
from pathlib import Path
from typing import Any, Callable, Literal

import click
from rich.console import Console
from rich.text import Text

from autograde.errors import AutogradeError, ConfigError, NoSubmissions
from autograde.i18n import LANGUAGES, Words


class Exit(IntEnum):
    """The exit status of every command (the table in ``autograde --help``'s module)."""

    OK = 0            # success; check: every test passed; ci: the score reached --min-score
    NOT_FULL = 1      # graded, and not everything passed (or, for grade, some could not be graded)
    USAGE = 2         # a usage or configuration mistake: bad option, no course, broken grader, environment
    INTERNAL = 3      # a bug in autograde itself
    TAMPERED = 4      # ci: the change edits files the grade depends on
    INTERRUPTED = 130  # Ctrl-C


# Our errors that are not usage mistakes: what the command did found nothing to do.
_EXIT_FOR: tuple[tuple[type[AutogradeError], Exit], ...] = ((NoSubmissions, Exit.NOT_FULL), (AutogradeError, Exit.USAGE))

Body = Callable[..., Exit]


def command(group: click.Group, name: str | None = None) -> Callable[[Body], click.Command]:
    """Make ``body(console, **options) -> Exit`` the command ``name`` of ``group``: it gets
    a console, and every error becomes an exit status with one sentence, never a traceback
    for the user's mistakes (only our own bugs print one, to be reported)."""

    def decorate(body: Body) -> click.Command:
        @functools.wraps(body)
        def run(**options: Any) -> None:
            console = Console(highlight=False, soft_wrap=True)  # paths and names stay whole, to copy
            sys.exit(int(_guarded(lambda: body(console, **options), console, _error_words(options.get("lang")))))

        return group.command(name)(run)

    return decorate


def _error_words(flag: str | None) -> Words:
    """The language a command's errors are said in: as the command chooses it (without the
    course's setting, which an error may have kept from being read); English when even
    that choice is the error."""
    try:
        return Words.chosen(flag if flag in LANGUAGES else None, None)
    except ConfigError:
        return Words()


def _guarded(run: Callable[[], Exit], console: Console, words: Words) -> Exit:
    _ = words
    try:
        return run()
    except click.ClickException:  # a usage error found after parsing: click says it, exit 2
        raise
    except AutogradeError as exc:
        said = words.render(exc.said) if exc.said is not None else str(exc)
        console.print(Text.assemble((_("error:") + " ", "bold red"), said))
        return next(code for kind, code in _EXIT_FOR if isinstance(exc, kind))
    except KeyboardInterrupt:
        console.print("[yellow]interrupted[/]")
        return Exit.INTERRUPTED
    except Exception:  # our own bug: say so, with the traceback for the report
        console.print("[red bold]internal error in autograde (please report it):[/]")
        console.print(traceback.format_exc(), markup=False)
        return Exit.INTERNAL


def warner(console: Console) -> Callable[[str], None]:
    """How a command says a warning (the sandbox's fallback): one yellow line."""
    return lambda text: console.print(Text(text, style="yellow"))


TIMEOUT = click.FloatRange(min=0, min_open=True)  # seconds a test may take: more than 0


class OutputPath(click.ParamType):
    """A file or folder a command will write: refused where it is parsed when it is the
    wrong kind (a folder where a file goes) or cannot be created (under a file, or where
    this user cannot write)."""

    name = "path"

    def __init__(self, target: Literal["file", "folder", "either"]) -> None:
        self.target = target

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path:
        path = Path(value)
        problem = output_problem(path, self.target)
        if problem:
            self.fail(problem, param, ctx)
        return path


def output_problem(path: Path, target: Literal["file", "folder", "either"]) -> str:
    """Why ``path`` cannot be written as a ``target`` ('' when it can)."""
    if target == "file" and path.is_dir():
        return f"{str(path)!r} is a folder; give the name of the file to write"
    if target == "folder" and path.exists() and not path.is_dir():
        return f"{str(path)!r} is a file; this writes a folder there"
    if path.exists():
        return "" if os.access(path, os.W_OK) else f"{str(path)!r} is not writable"
    ancestor = path.parent
    while not ancestor.exists():
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        return f"{str(path)!r} cannot be created: {str(ancestor)!r} is a file"
    if not os.access(ancestor, os.W_OK | os.X_OK):
        return f"{str(path)!r} cannot be created: {str(ancestor)!r} is not writable"
    return ""


def refuse_existing(path: Path, *, force: bool, option: str) -> None:
    """Refuse to replace an earlier output (a file, or a folder with something in it)
    unless ``--force``."""
    if force or not path.exists() or (path.is_dir() and not any(path.iterdir())):
        return
    raise click.UsageError(f"{option} {str(path)!r} exists already: give another path, or --force to replace it")


def course_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """``--course``, the course folder (``AUTOGRADE_COURSE``)."""
    return click.option(
        "--course",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="AUTOGRADE_COURSE",
        help="The course folder (default: the nearest folder upwards whose pyproject.toml "
        "has a [tool.autograde] table).",
    )(f)


def lang_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """``--lang``, the language of the feedback (then ``AUTOGRADE_LANG``, the course's
    ``language``, the locale; docs/i18n.md)."""
    return click.option(
        "--lang", type=click.Choice(LANGUAGES), default=None,
        help="The language of the feedback: en or ko (default: $AUTOGRADE_LANG, the course's language "
        "setting, the locale, English).",
    )(f)


def write_text(path: Path, text: str) -> None:
    """Write an output file, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
