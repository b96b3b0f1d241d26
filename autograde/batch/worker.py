"""A batch worker: grades the submissions the coordinator sends, one at a time.

``python -m autograde.batch.worker COURSE_ROOT HIDDEN LANGUAGE [ALSO_HIDDEN]`` (the last
a JSON list of more folders to hide from learner code) reads job lines on stdin
(JSON: student, origin, files in base64, the hidden tests' seed) and answers each with one
line on its original stdout (JSON: status, the result document, error). Anything else
printed here goes to stderr, so it can never be mistaken for a reply. The worker keeps its
fork servers between submissions: that start-up is paid once per worker, not once per
submission. The line ``{"op": "ready"}`` runs the plain fork server's start-up self-test
now and answers ``ready`` with the environment results will record (a Dask worker asks it
before taking any submission).
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path

from autograde import loaders
from autograde.batch.workers import ENVIRONMENT, READY, decode_job
from autograde.config import find_course
from autograde.errors import AutogradeError, EnvironmentProblem
from autograde.gradebook import RowStatus
from autograde.grading import GradingSession, environment, sandbox_description
from autograde.sandbox.zygote import die_with_parent


def main(argv: list[str]) -> None:
    die_with_parent()  # a coordinator killed with -9 takes its workers with it
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    course = find_course(Path(argv[0]))
    hidden = argv[1] == "1"
    # The plain server starts now; others when an exercise needs them. The coordinator
    # says once whether the sandbox fell back.
    also_hidden = json.loads(argv[3]) if len(argv) > 3 else []
    with GradingSession(course, start=False, language=argv[2] if len(argv) > 2 else "en",
                        also_hidden=also_hidden) as session:
        for line in sys.stdin.buffer:
            if json.loads(line).get("op") == READY:
                reply = _ready(session)
            else:
                candidate, hidden_seed = decode_job(line)
                reply = _grade(session, candidate, hidden, hidden_seed)
            replies.write(json.dumps(reply) + "\n")
            replies.flush()


def _ready(session: GradingSession) -> dict:
    """Run the plain fork server's self-test; the environment results will record, and
    why learner code runs without namespaces ('' when it runs in them)."""
    try:
        session.servers.get(session.course.preload).self_test(session.course.limits)
    except EnvironmentProblem as exc:
        return {"status": ENVIRONMENT, "result": None, "error": str(exc)}
    ready = {"environment": {**environment(), "sandbox": sandbox_description(session.servers)},
             "isolation": session.servers.isolation()}
    return {"status": READY, "result": ready, "error": ""}


def _grade(session: GradingSession, candidate: loaders.Candidate, hidden: bool, hidden_seed: int) -> dict:
    """The reply for one job: how grading ended, the result document, the error if any."""
    submission = session.load(files=candidate.files, name=candidate.student, origin=candidate.origin,
                              notes=candidate.notes)
    if submission.problem:  # the coordinator writes the row, as for one unreadable when found
        return {"status": RowStatus.UNREADABLE.value, "result": None, "error": str(submission.problem)}
    try:
        result = session.grade(submission, hidden=hidden, hidden_seed=hidden_seed)
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
