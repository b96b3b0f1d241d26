"""GitHub Classroom's runner results: what its reporter reads and adds up."""

from __future__ import annotations

import base64
import json

from autograde.reporters import classroom
from autograde.results import ExerciseResult, Result, Status, TestResult


def result() -> Result:
    return Result(submission="repo", exercises=(
        ExerciseResult("perceptron", (TestResult("test_and", 2, 2, Status.PASSED, duration_s=0.013),
                                      TestResult("test_xor", 0, 1.5, Status.FAILED, "When calling XOR(0, 1)",
                                                 hint="two layers"))),
        ExerciseResult("losses", (TestResult("test_mse", 0, 1, Status.TIMEOUT, "took too long"),
                                  TestResult("test_cce", 0, 2, Status.FAILED, "secret input 42", hidden=True),
                                  TestResult("test_bce", 0, 1, Status.NOT_ATTEMPTED, "not written yet"))),
    ), hidden_tests_run=True, hidden_tests_not_run=0, environment={}, graded_at="", duration_s=0)


def test_one_runner_per_exercise_in_the_reporters_format() -> None:
    runners = classroom.runners(result())
    assert runners["perceptron"] == {
        "version": 1, "status": "fail", "max_score": 3.5,
        "tests": [
            {"name": "test_and", "status": "pass", "score": 2, "max_score": 2, "message": "",
             "execution_time": "0.01s"},
            {"name": "test_xor", "status": "fail", "score": 0, "max_score": 1.5,
             "message": "When calling XOR(0, 1)\nHint: two layers", "execution_time": "0.00s"},
        ],
    }
    losses = runners["losses"]
    assert losses["status"] == "error" and losses["max_score"] == 4
    assert [t["status"] for t in losses["tests"]] == ["error", "fail", "fail"]
    hidden = losses["tests"][1]
    assert hidden["name"] == "test_cce (hidden)" and "42" not in hidden["message"]


def test_github_outputs_decode_to_the_points_classroom_records() -> None:
    lines = classroom.github_outputs(result()).splitlines()
    outputs = dict(line.split("=", 1) for line in lines)
    assert list(outputs) == ["perceptron", "losses", "points"]
    decoded = [json.loads(base64.b64decode(outputs[name])) for name in ("perceptron", "losses")]
    # GitHub Classroom's reporter: the sum of max_score, the sum of the tests' score
    assert sum(r["max_score"] for r in decoded) == 7.5
    assert sum(t["score"] for r in decoded for t in r["tests"]) == 2
    assert outputs["points"] == "2/7.5"


def test_a_large_runner_still_fits_an_environment_variable() -> None:
    tests = tuple(TestResult(f"test_{i}", 0, 1, Status.FAILED, "When calling f(x):\n" + "y" * 5000, hint="h")
                  for i in range(300))
    big = Result(submission="repo", exercises=(ExerciseResult("big", tests),), hidden_tests_run=False,
                 hidden_tests_not_run=0, environment={}, graded_at="", duration_s=0)
    runner = classroom.runners(big)["big"]
    assert len(classroom.encode(runner)) <= classroom.MAX_ENCODED
    assert len(runner["tests"]) == 300 and runner["max_score"] == 300  # every test and point still counts
    small = classroom.runners(result())["perceptron"]["tests"][1]["message"]
    assert small == "When calling XOR(0, 1)\nHint: two layers"  # a runner that fits keeps its messages
