"""Where in the learner's files a test's failure belongs: the file of the exercise and the
line of the function the test called, so that CI can annotate the learner's own code.

The learner's source is parsed (:mod:`ast`), never run: this happens in the grading
process. The evidence, strongest first: a line of the learner's file in the traceback the
test reported (for a file that does not parse, the SyntaxError's line, which the sandbox
adds as the last frame, ``in <module>``); the function named in the call the message
shows (``When calling softmax(x)``) or in backquotes (``has no `softmax```); the function
whose name the test's name contains (``test_softmax_axis``); else the top of the file.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from autograde.loaders import Submission
from autograde.reporters.visibility import visible
from autograde.results import Result, TestResult


@dataclass(frozen=True)
class Location:
    """A place in the repository: ``path`` relative to its root (with ``/``), ``line``
    from 1, and the function found there ("" when none was)."""

    path: str
    line: int = 1
    function: str = ""


_CALLED = re.compile(r"\b([A-Za-z_]\w*)\(")
_QUOTED = re.compile(r"`([A-Za-z_]\w*)`")


def locate(result: Result, submission: Submission, folder: str) -> dict[tuple[str, str], Location]:
    """The location of every test of ``result`` (keyed by exercise and test name).
    ``folder`` is where the submission's files are, relative to the repository's root."""
    found: dict[tuple[str, str], Location] = {}
    for exercise in result.exercises:
        source = submission.modules.get(exercise.name)
        if source is None:  # no file for the exercise: point at where it should be
            path = str(PurePosixPath(folder, f"{exercise.name}.py"))
            found.update({(exercise.name, t.name): Location(path) for t in exercise.tests})
            continue
        path = str(PurePosixPath(folder, PurePosixPath(source.filename.replace("\\", "/")).name))
        # a notebook's lines are not the file's lines: annotate the file only
        defs = definitions(source.source) if not source.cells else {}
        for test in exercise.tests:
            found[exercise.name, test.name] = _place(test, path, source.filename, defs)
    return found


def definitions(source: str) -> dict[str, int]:
    """Each function and class of ``source`` with the line of its ``def``: the last one at
    the top level (the one Python keeps), then methods and nested ones not named so
    there; nothing when the source does not parse."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}
    kinds = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    found = {node.name: node.lineno for node in tree.body if isinstance(node, kinds)}
    for node in ast.walk(tree):
        if isinstance(node, kinds):
            found.setdefault(node.name, node.lineno)
    return found


def _place(test: TestResult, path: str, filename: str, defs: dict[str, int]) -> Location:
    message = visible(test).message  # what the learner may see is the only evidence to show
    # a SyntaxError's own line comes last, as a frame "in <module>"
    traceback = re.findall(rf'File "{re.escape(filename)}", line (\d+), in (\w+|<module>)', message)
    if traceback:  # the learner's innermost frame: where it went wrong
        line, function = traceback[-1]
        return Location(path, max(1, int(line)), function if function in defs else "")
    for name in [*_CALLED.findall(message), *_QUOTED.findall(message)]:
        if name in defs:
            return Location(path, defs[name], name)
    bare = test.name.split("[")[0].removeprefix("test_")
    named = [name for name in defs if f"_{name}_" in f"_{bare}_"]  # whole words of the test's name
    if named:
        name = max(named, key=len)  # test_relu_grad is relu_grad's, not relu's
        return Location(path, defs[name], name)
    return Location(path)
