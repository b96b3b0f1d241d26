"""A batch worker: grades the submissions the coordinator sends, one at a time.

``python -m autograde.batch.worker COURSE_ROOT HIDDEN`` reads job lines on stdin (JSON:
student, origin, files in base64) and answers each with one line on its original stdout
(JSON: status, the result document, error). Anything else printed here goes to stderr,
so it can never be mistaken for a reply. The worker keeps its fork servers between
submissions: that start-up is paid once per worker, not once per submission.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path

from autograde import loaders
from autograde.batch import ENVIRONMENT, decode_job
from autograde.config import Course, find_course
from autograde.errors import AutogradeError, EnvironmentProblem, SubmissionError
from autograde.gradebook import RowStatus
from autograde.grading import grade
from autograde.sandbox.forkserver import ServerPool
from autograde.sandbox.zygote import die_with_parent


def main(argv: list[str]) -> None:
    die_with_parent()  # a coordinator killed with -9 takes its workers with it
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    course = find_course(Path(argv[0]))
    hidden = argv[1] == "1"
    pool = ServerPool(hidden_paths=course.private_paths)
    pool.get(course.preload)  # the plain server starts now; others when an exercise needs them
    try:
        for line in sys.stdin.buffer:
            candidate, hidden_seed = decode_job(line)
            replies.write(json.dumps(_grade(course, pool, candidate, hidden, hidden_seed)) + "\n")
            replies.flush()
    finally:
        pool.close()


def _grade(course: Course, pool: ServerPool, candidate: loaders.Candidate, hidden: bool, hidden_seed: int) -> dict:
    """The reply for one job: how grading ended, the result document, the error if any."""
    try:
        submission = loaders.from_files(candidate.files, name=candidate.student, path=candidate.origin,
                                        exercises=course.exercises, notes=candidate.notes)
    except SubmissionError as exc:
        return {"status": RowStatus.UNREADABLE.value, "result": None, "error": str(exc)}
    try:
        result = grade(course=course, submission=submission, server=pool, hidden=hidden, hidden_seed=hidden_seed)
    except EnvironmentProblem as exc:  # this worker's Python cannot grade anyone: the batch stops
        return {"status": ENVIRONMENT, "result": None, "error": str(exc)}
    except AutogradeError as exc:  # every test lost to the course's set-up or the sandbox: not a verdict
        return {"status": RowStatus.CRASHED.value, "result": None,
                "error": f"every test failed for one reason outside the learner's code: {exc}"}
    except Exception:  # our bug, or a broken grader: recorded as a crash, never as the learner's fault
        return {"status": RowStatus.CRASHED.value, "result": None,
                "error": "internal error while grading:\n" + traceback.format_exc(limit=-8)}
    return {"status": RowStatus.GRADED.value, "result": result.to_json(), "error": ""}


if __name__ == "__main__":
    main(sys.argv[1:])
