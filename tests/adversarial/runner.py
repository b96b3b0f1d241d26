"""Grade one attack in a process of its own: ``python runner.py JOB.json``.

The harness (``test_attacks.py``) runs this script so that an attack that kills its
grading process, or makes it hang, costs that process and not the test session. The
job names the course, the submission (or, in batch mode, the class folder and the
gradebook) and where to write what grading returned, as JSON: a result document for
one submission, or ``{student: {"status": ..., "result": ...}}`` for a class.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from autograde import loaders
from autograde.batch import grade_class
from autograde.config import find_course
from autograde.gradebook import Gradebook
from autograde.grading import GradingSession


def main(job: dict[str, str]) -> None:
    """Grade what ``job`` names, with hidden tests, and write the outcome to ``job["out"]``."""
    # A short import limit: attacks that hang at import cost 3 s, not the default 10.
    course = find_course(job["course"]).with_overrides(load_timeout_s=3.0)
    if job["mode"] == "single":
        with GradingSession(course, exercises=(job["exercise"],)) as session:
            result = session.grade(session.load(Path(job["submission"])), hidden=True)
        text = result.to_json()
    else:
        with Gradebook(job["gradebook"]) as book:
            grade_class(course=course, paths=[Path(job["class"])], gradebook=book, jobs=1, hidden=True)
            text = json.dumps({row.student: {"status": row.status.value, "result": row.result.to_dict()}
                               for row in book.rows()})
    Path(job["out"]).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))
