"""The class as Gradescope autograder results: ``<student>/results.json`` per student, in
the format Gradescope's autograder reads (top-level score and output, one entry per test).

Each test shows the student what their feedback file shows: hidden tests keep their
details to themselves and become visible to the student only once grades are published.
Tests that did not pass for one reason (:mod:`autograde.reporters.grouping`) say it in
the first of them, with the tests it cost; each of the others says which test that is.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Sequence

from autograde.gradebook import Row
from autograde.i18n import Words
from autograde.reporters import feedback, grouping
from autograde.reporters._common import file_names
from autograde.reporters.visibility import ENGLISH, localized
from autograde.results import Result, Status


def to_dict(row: Row, words: Words = ENGLISH) -> dict[str, Any]:
    """``row`` as a Gradescope ``results.json`` document. Test numbers are
    ``exercise.test``, counted from 1 in course order; the top-level score is the
    result's, which Gradescope then uses instead of summing the tests."""
    outputs = _outputs(localized(row.result, words), words)
    return {
        "score": row.result.score,
        "execution_time": round(row.duration_s),
        "output": feedback.summary_markdown(row, words),
        "output_format": "md",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": [
            {
                "name": f"{exercise.name} › {test.name}",
                "name_format": "text",
                "number": f"{i}.{j}",
                "score": test.score,
                "max_score": test.max_score,
                "status": "passed" if test.status is Status.PASSED else "failed",
                "output": outputs.get((exercise.name, test.name), ""),
                "output_format": "md",
                "visibility": "after_published" if test.hidden else "visible",
                "tags": [exercise.name],
            }
            for i, exercise in enumerate(row.result.exercises, start=1)
            for j, test in enumerate(exercise.tests, start=1)
        ],
    }


def _outputs(result: Result, words: Words) -> dict[tuple[str, str], str]:
    """Each test's output (by exercise and test name) that did not pass: a problem in
    full at its first test, a pointer to it at the others."""
    found: dict[tuple[str, str], str] = {}
    for exercise in result.exercises:
        for problem in grouping.problems(exercise.tests, statuses=feedback.NOT_PASSED, words=words):
            first, *others = problem.tests
            found[exercise.name, first.name] = feedback.problem_markdown(problem, words)
            found.update({(exercise.name, test.name): feedback.markdown_text(grouping.same_as(problem, words)) + "\n"
                          for test in others})
    return found


def write(rows: Sequence[Row], out_dir: Path, *, words: Words = ENGLISH) -> list[Path]:
    """Write ``out_dir/<student>/results.json`` for each row; return the paths written."""
    names = file_names(row.student for row in rows)
    written = []
    for row in rows:
        path = out_dir / names[row.student] / "results.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(to_dict(row, words), indent=2, ensure_ascii=False), encoding="utf-8")
        written.append(path)
    return written
