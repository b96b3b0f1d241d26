"""Keeping the catalogues: extract the messages, merge them into each language's ``.po``,
compile ``.mo``, and check that a language is complete (``autograde i18n``, docs/i18n.md).

Babel reads and writes the catalogues. autograde's own messages are found by Babel's
Python extractor (keywords ``_`` and ``say``); a course's by :func:`course_messages`, which
reads the graders' syntax trees: ``@pytest.mark.hint("...")``, ``hint="..."``, the first
argument of ``fail(...)`` and of ``t(...)``, and ``assert ..., "..."`` messages. An f-string
or a ``+`` in one of those places cannot be translated: it is reported, to be written with ``t``.
Babel is imported here only: grading reads the compiled ``.mo`` with the standard library.
"""

from __future__ import annotations

import ast
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from autograde.config import Course
from autograde.errors import ConfigError
from autograde.i18n import LANGUAGES, LOCALE, catalogue_path
from autograde.i18n.text import COURSE, OURS, placeholders

PACKAGE = Path(__file__).resolve().parents[1]


def _babel() -> Any:
    try:
        from babel.messages import catalog, extract, mofile, pofile
    except ImportError:
        raise ConfigError("the catalogue commands need Babel: python3 -m pip install 'autograde-dl[i18n]'") from None
    return catalog, extract, mofile, pofile


@dataclass(frozen=True)
class Found:
    """One message id (a pair, singular and plural, for a text that depends on a count)
    and where it was found (``file:line``)."""

    id: str | tuple[str, str]
    where: str


@dataclass(frozen=True)
class Untranslatable:
    """A message whose English is known only when it runs (an f-string, a ``+``)."""

    where: str
    why: str = "an f-string message cannot be translated"

    def __str__(self) -> str:
        return f'{self.where}: {self.why}; write it as t("... {{name}}", name=...)'


def our_messages() -> list[Found]:
    """autograde's own messages, found by Babel in the package's source."""
    _, extract, _, _ = _babel()
    found = []
    for filename, line, message, _comments, _context in extract.extract_from_dir(
            str(PACKAGE), keywords={"_": None, "N_": None, "say": None, "plural": (1, 2)}, directory_filter=lambda d: "__pycache__" not in d):
        if isinstance(message, str) and message:
            found.append(Found(message, f"autograde/{filename}:{line}"))
        elif isinstance(message, tuple) and all(isinstance(m, str) and m for m in message):
            found.append(Found((message[0], message[1]), f"autograde/{filename}:{line}"))
    return found


def course_messages(course: Course) -> tuple[list[Found], list[Untranslatable]]:
    """The course's translatable texts in its graders, and the ones that cannot be."""
    found: list[Found] = []
    bad: list[Untranslatable] = []
    for path in sorted(course.graders.glob("test_*.py")) + sorted(course.graders.glob("conftest.py")):
        where = path.relative_to(course.root).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        strings, problems = _Messages(tree).found
        found += [Found(text, f"{where}:{line}") for text, line in strings]
        bad += [Untranslatable(f"{where}:{line}", why) for line, why in problems]
    return found, bad


class _Messages:
    """What a grader says, read from its syntax tree.

    Messages are in these places: the first argument of ``fail``, ``not_attempted``, ``t``,
    ``course``, ``hint`` (the marker) and ``N_`` (gettext's marker, for a text that reaches a
    message position by a way the syntax tree does not show: a loop over hints, a lookup),
    ``hint=``, ``what=`` and ``reason=`` arguments, ``assert``'s message, and what a function
    whose name says ``hint`` returns. There a string constant is a message id; a module-level constant (or a
    dict, list or tuple of them) named there is read where it is defined; an f-string or a
    ``+`` of strings is reported, since its English is known only when it runs.
    """

    def __init__(self, tree: ast.Module) -> None:
        self.constants: dict[str, ast.expr] = {}
        for node in tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                self.constants[node.targets[0].id] = node.value
        self.strings: dict[tuple[int, int], tuple[str, int]] = {}
        self.problems: dict[int, str] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if name in ("fail", "t", "hint", "course", "not_attempted", "N_") and node.args:
                    self.message(node.args[0])
                for keyword in node.keywords:
                    if keyword.arg in ("hint", "what", "reason"):
                        self.message(keyword.value)
            elif isinstance(node, ast.Assert) and node.msg is not None:
                self.message(node.msg)
            elif isinstance(node, (ast.FunctionDef, ast.Lambda)) and "hint" in getattr(node, "name", "hint"):
                returns = [node.body] if isinstance(node, ast.Lambda) else [
                    r.value for r in ast.walk(node) if isinstance(r, ast.Return) and r.value is not None]
                for value in returns:
                    self.message(value)

    def message(self, node: ast.expr, seen: frozenset[str] = frozenset()) -> None:
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str) and node.value:
                self.strings[(node.lineno, node.col_offset)] = (node.value, node.lineno)
        elif isinstance(node, ast.JoinedStr):
            self.problems[node.lineno] = "an f-string message cannot be translated"
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
            self.problems[node.lineno] = "a message built with + or % cannot be translated"
        elif isinstance(node, ast.IfExp):
            self.message(node.body, seen)
            self.message(node.orelse, seen)
        elif isinstance(node, ast.Name) and node.id in self.constants and node.id not in seen:
            self.message(self.constants[node.id], seen | {node.id})
        elif isinstance(node, ast.Subscript):
            self.message(node.value, seen)
        elif isinstance(node, (ast.Dict, ast.List, ast.Tuple)):
            for item in node.values if isinstance(node, ast.Dict) else node.elts:
                if item is not None:
                    self.message(item, seen)

    @property
    def found(self) -> tuple[list[tuple[str, int]], list[tuple[int, str]]]:
        return [self.strings[k] for k in sorted(self.strings)], sorted(self.problems.items())


def template(found: list[Found], domain: str) -> Any:
    """A Babel catalogue (the ``.pot``) of ``found``."""
    catalog, _, _, _ = _babel()
    pot = catalog.Catalog(project=domain, charset="utf-8", fuzzy=False)
    for item in found:
        file, _, line = item.where.rpartition(":")
        existing = pot.get(item.id)
        if existing is None:
            pot.add(item.id, locations=[(file, int(line))], flags=("python-brace-format",) if _fields(item.id) else ())
        else:
            existing.locations.append((file, int(line)))
    return pot


def _fields(text: str | tuple[str, ...]) -> set[str]:
    """The placeholders of a text, or of all forms of a plural one (``{n}`` is the count)."""
    if isinstance(text, str):
        return placeholders(text)
    return set().union(*(placeholders(t) for t in text)) | {"n"}


def folder(domain: str, course: Course | None) -> Path:
    """The locale folder of ``domain``: the package's, or the course's ``locale/``."""
    if domain == OURS:
        return LOCALE
    if course is None:
        raise ConfigError("the course's catalogue needs a course (--course DIR)")
    return course.root / "locale"


def po_path(domain: str, language: str, course: Course | None) -> Path:
    return catalogue_path(folder(domain, course), language, domain).with_suffix(".po")


def messages(domain: str, course: Course | None) -> tuple[list[Found], list[Untranslatable]]:
    """What ``domain`` has to say: autograde's messages, or the course's."""
    if domain == OURS:
        return our_messages(), []
    assert course is not None
    return course_messages(course)


def update(domain: str, course: Course | None, languages: tuple[str, ...] = LANGUAGES[1:]) -> list[Path]:
    """Extract ``domain``'s messages, merge them into each language's ``.po`` (new ids
    empty, changed ones fuzzy, gone ones dropped) and compile the ``.mo``; the files written."""
    _, _, _, pofile = _babel()
    pot = template(messages(domain, course)[0], domain)
    written = []
    for language in languages:
        path = po_path(domain, language, course)
        po = _read(path, language) if path.exists() else _babel()[0].Catalog(locale=language, project=domain)
        po.update(pot, update_header_comment=False, update_creation_date=False)
        po.obsolete.clear()
        po.fuzzy = False  # the header: its plural forms must reach the .mo
        path.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        pofile.write_po(buffer, po, width=100, omit_header=False, sort_output=False, ignore_obsolete=True)
        path.write_bytes(buffer.getvalue())
        written += [path, compile_mo(path)]
    return written


def _read(path: Path, language: str) -> Any:
    _, _, _, pofile = _babel()
    with path.open("rb") as f:
        return pofile.read_po(f, locale=language)


def mo_bytes(po: Path, keep: set[str] | None = None) -> bytes:
    """The compiled form of the ``.po`` at ``po`` (fuzzy entries left out, as msgfmt does;
    only the ids in ``keep`` when it is given)."""
    _, _, mofile, _ = _babel()
    catalog = _read(po, po.parents[1].name)
    if keep is not None:
        for message in list(catalog):
            if message.id and message.id not in keep:
                catalog.delete(message.id, message.context)
    buffer = io.BytesIO()
    mofile.write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def compile_mo(po: Path) -> Path:
    """Write the ``.mo`` beside ``po``; its path."""
    mo = po.with_suffix(".mo")
    mo.write_bytes(mo_bytes(po))
    return mo


@dataclass(frozen=True)
class Problem:
    """Why a language's catalogue is not complete."""

    where: str
    why: str

    def __str__(self) -> str:
        return f"{self.where}: {self.why}"


def check(domain: str, language: str, course: Course | None) -> list[Problem]:
    """Every message of ``domain`` translated into ``language``, with the same
    placeholders, none fuzzy, and the ``.mo`` compiled from the ``.po`` as it is now."""
    found, bad = messages(domain, course)
    problems = [Problem(u.where, f'{u.why}; write it as t("... {{name}}", name=...)') for u in bad]
    path = po_path(domain, language, course)
    if not path.exists():
        return problems + [Problem(str(path), f"no {language} catalogue; run `autograde i18n update`")]
    po = _read(path, language)
    seen: set[str] = set()
    for item in found:
        key = item.id if isinstance(item.id, str) else item.id[0]
        if key in seen:
            continue
        seen.add(key)
        english = item.id if isinstance(item.id, str) else item.id[0]
        entry = po.get(english)
        if entry is None or not all(entry.string if isinstance(entry.string, tuple) else (entry.string,)):
            problems.append(Problem(item.where, f"not translated: {english!r}"))
        elif entry.fuzzy:
            problems.append(Problem(item.where, f"the translation is marked fuzzy (the English changed): {english!r}"))
        elif _fields(entry.string) != _fields(item.id):
            problems.append(Problem(item.where, f"the translation's placeholders {sorted(_fields(entry.string))} "
                                                f"differ from {sorted(_fields(item.id))}: {english!r}"))
    mo = path.with_suffix(".mo")
    if not mo.exists() or mo.read_bytes() != mo_bytes(path):
        problems.append(Problem(str(mo), "not compiled from the .po as it is now; run `autograde i18n compile`"))
    return problems


__all__ = ["COURSE", "OURS", "Found", "Problem", "Untranslatable", "check", "compile_mo", "course_messages",
           "messages", "our_messages", "po_path", "update"]
