"""Errors have a home: every exception class of ``autograde/`` is in ``errors.py``, drawn in
its docstring's tree under its real parent."""

from __future__ import annotations

import ast
import builtins
import re
from pathlib import Path

from autograde import errors

ROOT = Path(__file__).resolve().parents[1]
# A private signal inside the sandboxed child, named in errors.py's docstring.
OUTSIDE = {"autograde/sandbox/child.py": {"_CellStopped"}}


def _exception_names() -> set[str]:
    ours = {name for name, value in vars(errors).items() if isinstance(value, type) and issubclass(value, BaseException)}
    return ours | {name for name, value in vars(builtins).items()
                   if isinstance(value, type) and issubclass(value, BaseException)}


def test_every_exception_class_is_in_errors_py() -> None:
    exceptions = _exception_names()
    found = []
    for path in sorted((ROOT / "autograde").rglob("*.py")):
        where = str(path.relative_to(ROOT))
        if where == "autograde/errors.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.ClassDef) and node.name not in OUTSIDE.get(where, ())
                    and any(ast.unparse(base).rpartition(".")[2] in exceptions for base in node.bases)):
                found.append(f"{where}:{node.lineno}: {node.name}")
    assert found == [], "exception classes outside autograde/errors.py (move them into its tree):\n" + "\n".join(found)


def test_the_docstring_draws_every_error_under_its_parent() -> None:
    drawn: dict[str, str | None] = {}
    stack: list[str] = []
    for line in (errors.__doc__ or "").splitlines():
        match = re.match(r"^    ((?:[│ ]   )*)(?:[├└]── )?([A-Z]\w+)\s", line + " ")
        if not match or not (match.group(2) == "AutogradeError" or "──" in line):
            continue
        depth = len(match.group(1)) // 4 + (1 if "──" in line else 0)
        del stack[depth:]
        drawn[match.group(2)] = stack[-1] if stack else None
        stack.append(match.group(2))
    classes = {name: value for name, value in vars(errors).items()
               if isinstance(value, type) and issubclass(value, errors.AutogradeError)}
    assert set(drawn) == set(classes)
    for name, cls in classes.items():
        parent = next((b.__name__ for b in cls.__bases__ if issubclass(b, errors.AutogradeError)), None)
        assert drawn[name] == parent, f"{name} is drawn under {drawn[name]}, but its parent is {parent}"


def test_a_grading_failure_is_an_assertion_and_the_learners() -> None:
    failure = errors.GradingFailure("wrong", hint="think")
    assert isinstance(failure, AssertionError) and isinstance(failure, errors.LearnerError)
    assert str(failure) == "wrong\nHint: think"
